/**
 * Cancel in the pane's orchestration, with a core runner (src/taskpane/core/runner.ts) whose runs finish only when
 * the test says so: a stopped run leaves the previous analysis on screen and the workbook's stored state as it was,
 * and its late result is dropped; once reports are being written, Cancel is no longer offered.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { emptyState, setManualTag } from "../../src/core/state";
import type { WorkbookState } from "../../src/core/types";
import type { Analysis } from "../../src/core/workflow";
import { CancelledError, type CoreRunner } from "../../src/taskpane/core/runner";
import { useAlignment, type PanePort } from "../../src/taskpane/hooks/useAlignment";
import { fixtureAnalysis } from "./fixtures";

function analysis(state: WorkbookState = emptyState(), name = "first"): Analysis {
  return fixtureAnalysis(state, { sheets: [], planSheet: name });
}

/** A runner whose calls wait until `finish` (or a Cancel, which rejects them as the worker runner does). */
function heldCore() {
  const held: { resolve(v: unknown): void; reject(e: Error): void }[] = [];
  const hold = <T,>() =>
    new Promise<T>((resolve, reject) =>
      held.push({ resolve: resolve as (v: unknown) => void, reject })
    );
  const core: CoreRunner & { cancel: jest.Mock } = {
    analyse: jest.fn(async (_port, _options, progress) => {
      progress({ label: "Tagging budget lines", fraction: 0.9 });
      return hold<Analysis>();
    }),
    retag: jest.fn(() => hold<Analysis>()),
    writeReports: jest.fn(async (_port, _a, _progress, onWriting) => {
      onWriting?.();
      return hold<{ written: string[]; report: never; state: never }>();
    }),
    cancel: jest.fn(() => {
      for (const h of held.splice(0)) h.reject(new CancelledError());
    }),
  };
  return {
    core,
    finish: (value: unknown) => held.splice(0).forEach((h) => h.resolve(value)),
    waiting: () => held.length,
  };
}

function makePort(): PanePort & { stored: WorkbookState[] } {
  const stored: WorkbookState[] = [];
  return {
    stored,
    listSheets: async () => [],
    readSheets: async () => [],
    writeSheets: async () => undefined,
    readState: async () => stored[stored.length - 1] ?? emptyState(),
    writeState: async (s) => {
      stored.push(s);
    },
    writeCells: async () => undefined,
  };
}

async function started(h: ReturnType<typeof heldCore>, port: PanePort) {
  const hook = renderHook(() => useAlignment(port, { today: "2026-11-22", core: h.core }));
  await waitFor(() => expect(h.waiting()).toBe(1));
  await act(async () => h.finish(analysis()));
  await waitFor(() => expect(hook.result.current[0].analysis?.planSheet).toBe("first"));
  return hook.result;
}

test("Cancel while reading again: the previous analysis stays, nothing is written, the late result is dropped", async () => {
  const h = heldCore();
  const port = makePort();
  const result = await started(h, port);
  const before = result.current[0].analysis;

  let refresh: Promise<void> = Promise.resolve();
  act(() => {
    refresh = result.current[1].refresh();
  });
  await waitFor(() => expect(result.current[0].busy?.cancellable).toBe(true));
  expect(result.current[0].busy?.label).toBe("Tagging budget lines");
  act(() => result.current[1].cancel());
  await act(() => refresh);
  expect(h.core.cancel).toHaveBeenCalledTimes(1);
  expect(result.current[0].busy).toBeNull();
  expect(result.current[0].error).toBeNull();
  expect(result.current[0].notice).toMatch(/^Stopped\. .*nothing in it was changed\.$/);
  expect(result.current[0].analysis).toBe(before);
  expect(port.stored).toEqual([]);

  // A run the core cannot stop (in process) still ends in nothing: its result, when it comes, is not shown.
  const late = heldCore();
  late.core.cancel = jest.fn(); // an in-process core cannot stop a run
  const port2 = makePort();
  const result2 = await started(late, port2);
  const before2 = result2.current[0].analysis;
  act(() => {
    void result2.current[1].refresh();
  });
  await waitFor(() => expect(late.waiting()).toBe(1));
  act(() => result2.current[1].cancel());
  await act(async () => late.finish(analysis(emptyState(), "second")));
  expect(result2.current[0].analysis).toBe(before2);
  expect(result2.current[0].busy).toBeNull();
});

test("Cancel while an edit retags: the stored state is put back as it was, the tags stay as shown", async () => {
  const h = heldCore();
  const port = makePort();
  const stored0 = setManualTag(emptyState(), "k0", {
    goals: [{ id: "G1.1", share: 1 }],
    via: "pane",
  });
  port.stored.push(stored0);
  const result = await started(h, port);
  const before = result.current[0].analysis;

  let edit: Promise<void> = Promise.resolve();
  act(() => {
    edit = result.current[1].update((s) =>
      setManualTag(s, "k1", { goals: [{ id: "G2.1", share: 1 }], via: "pane" })
    );
  });
  await waitFor(() => expect(h.waiting()).toBe(1)); // stored, now retagging
  expect(port.stored[port.stored.length - 1].tags).toHaveProperty("k1");
  act(() => result.current[1].cancel());
  await act(() => edit);
  expect(port.stored[port.stored.length - 1]).toEqual(stored0);
  expect(result.current[0].analysis).toBe(before);
  expect(result.current[0].notice).toBe(
    "Stopped. The change was not kept: the workbook and the tags are as they were."
  );
});

test("once the reports are being written, Cancel is no longer offered and does nothing", async () => {
  const h = heldCore();
  const port = makePort();
  const result = await started(h, port);
  let write: Promise<void> = Promise.resolve();
  act(() => {
    write = result.current[1].writeReports();
  });
  await waitFor(() => expect(h.waiting()).toBe(1));
  expect(result.current[0].busy?.cancellable).toBe(false);
  act(() => result.current[1].cancel());
  expect(h.core.cancel).not.toHaveBeenCalled();
  expect(result.current[0].busy).not.toBeNull();
  await act(async () =>
    h.finish({
      written: ["Alignment"],
      report: { totals: { budget: 1, aligned: 1, unaligned: 0 }, midYear: null },
    })
  );
  await act(() => write);
  expect(result.current[0].notice).toBe("Wrote the Alignment sheet.");
});
