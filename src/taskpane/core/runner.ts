/**
 * How the pane runs the core: in a Web Worker (the pane as shipped, src/taskpane/core/create-worker.ts), or in
 * process (jsdom has no Worker: the component tests, which replace src/core/workflow with stand-ins). Both are a
 * CoreRunner; the hook (useAlignment) does not know which it has.
 *
 * With the worker, what must touch the workbook stays on the pane's main thread — the reads and the writes through
 * the port — and the pure computing (reading budget lines out of the cells, tagging, building the report sheets)
 * runs in the worker. The main thread's share is cut into slices that yield to the browser, so at 100,000 lines
 * the pane keeps painting its progress bar and answering its Cancel button.
 */
import type { ProgramsSummary } from "../../core/reports/diagnostic";
import type { ProgressFn, WorkbookPort } from "../../core/port";
import type { BudgetLine, LineTag, WorkbookState } from "../../core/types";
import {
  analyse,
  analyseRead,
  prepareReports,
  readWorkbook,
  reportSummary,
  type ReportSummary,
  retag,
  writePreparedReports,
  writeReports,
  type Analysis,
  type PreparedReports,
  type RunOptions,
} from "../../core/workflow";
import {
  CHUNK,
  headOf,
  withArrays,
  type AnalysisHead,
  type FromWorker,
  type ToWorker,
} from "./protocol";

export type { ReportSummary };

export interface CoreRunner {
  /** Reads the workbook through the port and computes the analysis. */
  analyse(port: WorkbookPort, options: RunOptions, onProgress: ProgressFn): Promise<Analysis>;
  /** Re-tags after an edit, without reading the workbook again. */
  retag(analysis: Analysis, state: WorkbookState): Promise<Analysis>;
  /**
   * Builds and writes the report sheets. `onWriting` is called once the workbook is about to be written: from then
   * on the run can no longer be stopped (everything before it can).
   */
  writeReports(
    port: WorkbookPort,
    analysis: Analysis,
    onProgress: ProgressFn,
    onWriting?: () => void
  ): Promise<{
    written: string[];
    report: ReportSummary;
    state: WorkbookState;
    /** The Programs sheet's quartile map and top candidates (absent when it was not written). */
    programs?: ProgramsSummary;
  }>;
  /** Stops the computing under way: its promise rejects with a CancelledError. Reads and writes are not undone. */
  cancel(): void;
}

export class CancelledError extends Error {
  constructor() {
    super("Stopped.");
    this.name = "CancelledError";
  }
}

/** The core on the calling thread: the workflow's own functions, exactly as the CLI calls them. */
export function inProcessCore(): CoreRunner {
  return {
    analyse: (port, options, onProgress) => analyse(port, options, onProgress),
    retag: async (analysis, state) => retag(analysis, state),
    writeReports: async (port, analysis, onProgress, onWriting) => {
      onWriting?.();
      return writeReports(port, analysis, onProgress);
    },
    cancel: () => undefined,
  };
}

/** What the runner needs of a Worker (a real one, or an in-process stand-in in the tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  terminate(): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/** Gives the browser a turn (paint, input) before the next slice of main-thread work. */
export const yieldToBrowser = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** Main-thread slices are kept well under the 200 ms a long task would be noticed at. */
const SLICE_MS = 30;
const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** A clock for slicing main-thread work: `due()` resolves at once, or after a yield when the slice is used up. */
function slicer() {
  let start = now();
  return async () => {
    if (now() - start < SLICE_MS) return;
    await yieldToBrowser();
    start = now();
  };
}

interface Pending {
  run: number;
  onMessage(msg: FromWorker): void;
  reject(err: Error): void;
}

/**
 * The core in a Web Worker. `makeWorker` creates one; after a Cancel (which ends the worker) the next request
 * creates a new one, and what that one does not hold yet is sent to it when it asks. A worker that cannot be started
 * (the host refuses it, or its script does not load) is not asked again: the core then runs here, as in the tests.
 */
export function workerCore(makeWorker: () => WorkerLike): CoreRunner {
  let worker: WorkerLike | null = null;
  let pending: Pending | null = null;
  /** A Cancel that came while the pane was still reading through the port (no worker run to end yet). */
  let stopped = false;
  /** No worker can be started here: the core runs on this thread. */
  let noWorker = false;
  /** Starts the worker if need be; false when none can be started. */
  const workerStarts = (): boolean => {
    if (noWorker) return false;
    try {
      current();
      return true;
    } catch {
      noWorker = true;
      return false;
    }
  };
  let runs = 0;
  /** Ids of the line and tag arrays the pane holds, as the worker knows them. */
  const ids = new WeakMap<BudgetLine[] | LineTag[], string>();
  let ownIds = 0;

  const fail = (err: Error) => {
    const p = pending;
    pending = null;
    p?.reject(err);
  };

  const current = (): WorkerLike => {
    if (worker) return worker;
    const w = makeWorker();
    let answered = false;
    w.onmessage = (event) => {
      answered = true;
      const msg = event.data;
      if (pending && msg.run === pending.run) pending.onMessage(msg);
    };
    w.onerror = (event) => {
      worker = null;
      w.terminate();
      // A worker that fails before it ever answered did not start (its script did not load): not asked again.
      if (!answered) noWorker = true;
      fail(
        new Error(
          `The add-in's background worker stopped unexpectedly${event.message ? ` (${event.message})` : ""}. ` +
            "Nothing in the workbook was changed by this step; press Refresh to try again."
        )
      );
    };
    worker = w;
    return w;
  };

  /** Sends big arrays in chunks, yielding between slices so the pane keeps painting. */
  async function put(run: number, kind: "lines" | "tags", items: unknown[], id: string) {
    const due = slicer();
    for (let i = 0; i === 0 || i < items.length; i += CHUNK) {
      current().postMessage({
        type: "put",
        run,
        kind,
        id,
        items: items.slice(i, i + CHUNK),
        last: i + CHUNK >= items.length,
      });
      await due();
    }
  }

  const idOf = (array: BudgetLine[] | LineTag[]) => {
    let id = ids.get(array);
    if (!id) {
      id = `pane-${++ownIds}`;
      ids.set(array, id);
    }
    return id;
  };

  /**
   * One request: `start` sends it; messages of this run go to `handle`, which resolves the run by returning a value.
   * "missing" answers are served (the arrays are sent) and the request is sent again.
   */
  function request<T>(
    start: (run: number) => Promise<void> | void,
    handle: (msg: FromWorker) => T | undefined,
    arrays: { lines?: BudgetLine[]; tags?: LineTag[] } = {}
  ): Promise<T> {
    if (pending) fail(new CancelledError());
    const run = ++runs;
    return new Promise<T>((resolve, reject) => {
      pending = {
        run,
        reject,
        onMessage: (msg) => {
          if (msg.type === "error") return fail(new Error(msg.message));
          if (msg.type === "missing") {
            const items = msg.kind === "lines" ? arrays.lines : arrays.tags;
            if (!items)
              return fail(new Error("The add-in lost track of its budget lines; press Refresh."));
            void put(run, msg.kind, items, msg.id)
              .then(() => start(run))
              .catch((err: unknown) => fail(err instanceof Error ? err : new Error(String(err))));
            return;
          }
          try {
            const value = handle(msg);
            if (value !== undefined) {
              pending = null;
              resolve(value);
            }
          } catch (err) {
            fail(err instanceof Error ? err : new Error(String(err)));
          }
        },
      };
      Promise.resolve(start(run)).catch((err: unknown) =>
        fail(err instanceof Error ? err : new Error(String(err)))
      );
    });
  }

  /** Collects an analysis sent back in chunks; `lines` given when the worker sends only new tags. */
  function collector(onProgress: ProgressFn | undefined, knownLines?: BudgetLine[]) {
    const lines: BudgetLine[] = [];
    const tags: LineTag[] = [];
    return (msg: FromWorker): Analysis | undefined => {
      if (msg.type === "progress") onProgress?.(msg.progress);
      else if (msg.type === "lines") for (const l of msg.items) lines.push(l);
      else if (msg.type === "tags") for (const t of msg.items) tags.push(t);
      else if (msg.type === "analysis") {
        const allLines = knownLines ?? lines;
        ids.set(allLines, msg.linesId);
        ids.set(tags, msg.tagsId);
        return withArrays(msg.head, allLines, tags);
      }
      return undefined;
    };
  }

  return {
    async analyse(port, options, onProgress) {
      if (pending) fail(new CancelledError());
      stopped = false;
      const read = await readWorkbook(port, options, onProgress);
      if (stopped) throw new CancelledError();
      if (!workerStarts()) return analyseRead(read, options, onProgress);
      // The sheet values are let go of once sent: at 100,000 lines they are the biggest thing on this thread's heap.
      let cells: typeof read.cells | null = read.cells;
      const { sheets, storedState } = read;
      return request<Analysis>(
        async (run) => {
          const due = slicer();
          const sending = cells ?? [];
          cells = null;
          for (let index = 0; index < sending.length; index++) {
            const sheet = sending[index];
            for (let i = 0; i === 0 || i < sheet.values.length; i += CHUNK) {
              if (pending?.run !== run) return;
              current().postMessage({
                type: "cells",
                run,
                index,
                name: sheet.name,
                startRow: sheet.startRow,
                startCol: sheet.startCol,
                rows: sheet.values.slice(i, i + CHUNK),
              });
              await due();
            }
          }
          if (pending?.run !== run) return;
          current().postMessage({
            type: "analyse",
            run,
            read: { sheets, storedState },
            options,
          });
        },
        collector((p) => onProgress({ label: p.label, fraction: Math.max(0.8, p.fraction) }))
      );
    },

    retag(analysis, state) {
      stopped = false;
      if (!workerStarts()) return Promise.resolve(retag(analysis, state));
      const lines = analysis.budget.lines;
      const head: AnalysisHead = headOf(analysis);
      const linesId = idOf(lines);
      return request<Analysis>(
        (run) => current().postMessage({ type: "retag", run, head, linesId, state }),
        collector(undefined, lines),
        { lines }
      );
    },

    async writeReports(port, analysis, onProgress, onWriting) {
      const lines = analysis.budget.lines;
      const head = headOf(analysis);
      const linesId = idOf(lines);
      const tagsId = idOf(analysis.tags);
      stopped = false;
      onProgress({ label: "Building the report sheets", fraction: 0 });
      const built = !workerStarts()
        ? { prepared: prepareReports(analysis), summary: reportSummary(analysis) }
        : await request<{ prepared: PreparedReports; summary: ReportSummary }>(
            (run) => current().postMessage({ type: "reports", run, head, linesId, tagsId }),
            (msg) => {
              if (msg.type === "progress") onProgress(msg.progress);
              return msg.type === "reports"
                ? { prepared: msg.prepared, summary: msg.summary }
                : undefined;
            },
            { lines, tags: analysis.tags }
          );
      if (stopped) throw new CancelledError();
      onWriting?.();
      await writePreparedReports(port, built.prepared, onProgress);
      onProgress({ label: "Done", fraction: 1 });
      return {
        written: built.prepared.written,
        report: built.summary,
        state: built.prepared.state,
        programs: built.prepared.programs,
      };
    },

    cancel() {
      stopped = true;
      if (!pending) return;
      worker?.terminate();
      worker = null;
      fail(new CancelledError());
    },
  };
}
