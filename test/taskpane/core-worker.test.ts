/**
 * The pane's core worker protocol (src/taskpane/core): the runner on the pane's side talks to the worker's handler
 * through a stand-in Worker that clones every message (structuredClone, as postMessage does) and delivers it on a
 * later turn. Checked: the worker's results equal the in-process workflow's; big arrays travel in chunks; a retag
 * sends back only tags; Cancel ends the worker run, leaves the workbook as it was, and the next request still works
 * on a fresh worker (which is sent what it does not hold).
 */
import { generateBudget, generatePlan } from "../../bench/generate";
import { analyse, retag, writeReports, type RunOptions } from "../../src/core/workflow";
import { setManualTag } from "../../src/core/state";
import {
  CHUNK,
  createCoreHandler,
  type FromWorker,
  type ToWorker,
} from "../../src/taskpane/core/protocol";
import { CancelledError, workerCore, type WorkerLike } from "../../src/taskpane/core/runner";
import { fakeExcel, portOver } from "../excel/helpers";
import type { FakeExcel } from "../fake-excel/fake-excel";

jest.setTimeout(120_000);

const LINES = 12_000; // more than two chunks of lines, tags and rows
const plan = generatePlan();
const options: RunOptions = { today: "2026-11-22", now: "2026-11-22T10:00:00.000Z", plan };

function workbook(): FakeExcel {
  const fake = fakeExcel();
  fake.addSheet("Budget", generateBudget(LINES).sheet.values);
  return fake;
}

interface Traffic {
  toWorker: ToWorker[];
  fromWorker: FromWorker[];
  workers: number;
}

/** A Worker stand-in: the handler of protocol.ts behind cloned, asynchronous messages. */
function stubWorkers(traffic: Traffic, onPost?: (msg: ToWorker, w: WorkerLike) => void) {
  return (): WorkerLike => {
    traffic.workers++;
    let ended = false;
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage(msg) {
        if (ended) return;
        traffic.toWorker.push(msg);
        const copy = structuredClone(msg);
        onPost?.(msg, w);
        setTimeout(() => {
          if (!ended) handle(copy);
        }, 0);
      },
      terminate() {
        ended = true;
      },
    };
    const handle = createCoreHandler((msg) => {
      if (ended) return;
      traffic.fromWorker.push(msg);
      const copy = structuredClone(msg);
      setTimeout(() => {
        if (!ended) w.onmessage?.({ data: copy });
      }, 0);
    });
    return w;
  };
}

const newTraffic = (): Traffic => ({ toWorker: [], fromWorker: [], workers: 0 });
const itemsOf = (m: ToWorker | FromWorker) =>
  "rows" in m ? m.rows.length : "items" in m ? m.items.length : 0;

test("analyse in the worker gives what the workflow gives in process, in chunks", async () => {
  const fake = workbook();
  const expected = await analyse(portOver(fake), options);
  const traffic = newTraffic();
  const core = workerCore(stubWorkers(traffic));
  const fractions: number[] = [];
  const got = await core.analyse(portOver(fake), options, (p) => fractions.push(p.fraction));
  expect(got).toEqual(expected);
  expect(got.budget.lines.length).toBe(expected.budget.lines.length);
  expect(got.budget.lines.length).toBeGreaterThan(2 * CHUNK);
  // Every message carries at most one chunk, both ways.
  const sizes = [...traffic.toWorker, ...traffic.fromWorker].map(itemsOf);
  expect(Math.max(...sizes)).toBeLessThanOrEqual(CHUNK);
  expect(traffic.toWorker.filter((m) => m.type === "cells").length).toBeGreaterThan(2);
  expect(traffic.fromWorker.filter((m) => m.type === "lines").length).toBe(
    Math.ceil(expected.budget.lines.length / CHUNK)
  );
  // Progress goes forward, from the read to the worker's tagging.
  expect(fractions[0]).toBe(0);
  expect(Math.max(...fractions)).toBe(1);
});

test("a retag sends the worker only the new state and gets back only tags", async () => {
  const fake = workbook();
  const traffic = newTraffic();
  const core = workerCore(stubWorkers(traffic));
  const first = await core.analyse(portOver(fake), options, () => undefined);
  const line = first.budget.lines[7];
  const state = setManualTag(first.state, line.key, {
    goals: [{ id: plan.priorities[0].goals[0].id, share: 1 }],
    via: "pane",
    at: "2026-11-22T11:00:00.000Z",
  });
  traffic.toWorker.length = 0;
  traffic.fromWorker.length = 0;
  const got = await core.retag(first, state);
  expect(got).toEqual(retag(first, state));
  expect(got.budget.lines).toBe(first.budget.lines); // the pane's lines, not a copy
  expect(got.tags[7].source).toBe("manual");
  expect(traffic.toWorker.map((m) => m.type)).toEqual(["retag"]);
  expect(traffic.fromWorker.some((m) => m.type === "lines")).toBe(false);
});

test("reports are built in the worker and written through the port as writeReports writes them", async () => {
  const a = workbook();
  const b = workbook();
  const inProcess = await analyse(portOver(a), options);
  const { written, report } = await writeReports(portOver(a), inProcess);
  const core = workerCore(stubWorkers(newTraffic()));
  const analysis = await core.analyse(portOver(b), options, () => undefined);
  const steps: string[] = [];
  const port = portOver(b);
  const out = await core.writeReports(
    port,
    analysis,
    (p) => steps.push(p.label),
    () => steps.push("writing")
  );
  expect(out.written).toEqual(written);
  const { figureTexts, ...summary } = out.report as typeof out.report & { figureTexts?: string[] };
  expect(summary).toEqual({ totals: report.totals, midYear: report.midYear });
  // The figures in words, from the same figures as the report's.
  const onReview = (report.figures as { onReview: number }).onReview;
  expect(figureTexts?.[0]).toMatch(
    new RegExp(`^${onReview} programs? (is|are) on the Review sheet`)
  );
  for (const name of b.sheetNames()) expect(b.sheet(name).dump()).toEqual(a.sheet(name).dump());
  expect(steps.indexOf("writing")).toBeGreaterThan(steps.indexOf("Building the report sheets"));
});

test("Cancel ends the worker run: the promise says Stopped, nothing is written, the next run works", async () => {
  const fake = workbook();
  const traffic = newTraffic();
  let core: ReturnType<typeof workerCore> | null = null;
  // Cancel the moment the pane asks the worker to compute (the read is done, the tagging not).
  const make = stubWorkers(traffic, (msg) => {
    if (msg.type === "analyse") core?.cancel();
  });
  core = workerCore(make);
  const names = fake.sheetNames();
  const dump = fake.sheet("Budget").dump();
  await expect(core.analyse(portOver(fake), options, () => undefined)).rejects.toBeInstanceOf(
    CancelledError
  );
  expect(traffic.fromWorker.some((m) => m.type === "analysis")).toBe(false);
  expect(fake.sheetNames()).toEqual(names);
  expect(fake.sheet("Budget").dump()).toEqual(dump);

  // A fresh worker for the next request; a retag on an analysis it never saw: it asks for the lines and gets them.
  const other = workerCore(stubWorkers(newTraffic()));
  const base = await other.analyse(portOver(fake), options, () => undefined);
  const before = traffic.workers;
  const got = await core.retag(base, base.state);
  expect(traffic.workers).toBe(before + 1);
  expect(got).toEqual(retag(base, base.state));
  const puts = traffic.toWorker.filter((m) => m.type === "put");
  expect(puts.reduce((n, m) => n + itemsOf(m), 0)).toBe(base.budget.lines.length);
});

test("the worker's errors come back in plain words, and a crash of the worker is reported", async () => {
  const posted: FromWorker[] = [];
  const handle = createCoreHandler((m) => posted.push(m));
  handle({ type: "cells", run: 1, index: 0, name: "Budget", rows: [["Department", "Amount"]] });
  handle({
    type: "analyse",
    run: 1,
    read: {
      sheets: [],
      storedState: { version: 2, tags: {}, rules: [], reviewAnswers: {} } as never,
    },
    options: { today: "2026-11-22", sheets: ["Budget 2027"] },
  });
  expect(posted).toEqual([
    {
      type: "error",
      run: 1,
      message: 'There is no sheet named "Budget 2027" in this workbook. Its sheets are: .',
    },
  ]);

  let w: WorkerLike | null = null;
  const core = workerCore(() => {
    w = {
      onmessage: null,
      onerror: null,
      postMessage: () => undefined,
      terminate: () => undefined,
    };
    return w;
  });
  const analysis = await analyse(portOver(workbook()), options);
  const pending = core.retag(analysis, analysis.state);
  (w as WorkerLike | null)?.onerror?.({ message: "out of memory" });
  await expect(pending).rejects.toThrow(
    /background worker stopped unexpectedly \(out of memory\)\. Nothing in the workbook was changed/
  );
});

test("a worker that cannot be started: the core runs on the pane's thread, with the same results", async () => {
  const fake = workbook();
  const expected = await analyse(portOver(fake), options);
  let tries = 0;
  const core = workerCore(() => {
    tries++;
    throw new Error("SecurityError: the host refuses workers");
  });
  const got = await core.analyse(portOver(fake), options, () => undefined);
  expect(got).toEqual(expected);
  expect(await core.retag(got, got.state)).toEqual(retag(expected, expected.state));
  expect(tries).toBe(1); // not asked again

  // A worker whose script does not load fails before it ever answers: that run says so, the next runs here.
  let made = 0;
  const silent = workerCore(() => {
    made++;
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: () => setTimeout(() => w.onerror?.({ message: "script not found" }), 0),
      terminate: () => undefined,
    };
    return w;
  });
  await expect(silent.retag(got, got.state)).rejects.toThrow(/script not found/);
  expect(await silent.retag(got, got.state)).toEqual(retag(expected, expected.state));
  expect(made).toBe(1);
});
