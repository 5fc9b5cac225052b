/**
 * The pane's orchestration against a small in-test port. The core's workflow is replaced by a stand-in so that
 * this test checks only what the hook adds: state stored at once, retag after, nothing lost on error,
 * reports written then the Alignment sheet activated.
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { emptyState, setManualTag } from "../../src/core/state";
import type { WorkbookState } from "../../src/core/types";
import type { Analysis } from "../../src/core/workflow";
import { useAlignment, type PanePort } from "../../src/taskpane/hooks/useAlignment";
import { budget, fixtureAnalysis } from "./fixtures";

jest.mock("../../src/core/workflow", () => ({
  analyse: jest.fn(),
  retag: jest.fn(),
  writeReports: jest.fn(),
  insertPlanTemplate: jest.fn(),
}));

const workflow = require("../../src/core/workflow") as jest.Mocked<
  typeof import("../../src/core/workflow")
>;

function analysis(state: WorkbookState = emptyState()): Analysis {
  return fixtureAnalysis(state, { sheets: [] });
}

function makePort(
  over: Partial<PanePort> = {}
): PanePort & { stored: WorkbookState[]; activated: string[] } {
  const stored: WorkbookState[] = [];
  const activated: string[] = [];
  return {
    stored,
    activated,
    listSheets: async () => [],
    readSheets: async () => [],
    writeSheets: async () => undefined,
    readState: async () => stored[stored.length - 1] ?? emptyState(),
    writeState: async (s) => {
      stored.push(s);
    },
    writeCells: async () => undefined,
    activateSheet: async (name) => {
      activated.push(name);
    },
    ...over,
  };
}

beforeEach(() => {
  jest.resetAllMocks();
  workflow.analyse.mockImplementation(async (_port, _options, progress) => {
    progress?.({ label: "Reading Budget", fraction: 0.5 });
    return analysis();
  });
  workflow.retag.mockImplementation((a, state) => ({ ...a, state }));
});

describe("useAlignment", () => {
  it("reads the workbook on start with today's date", async () => {
    const port = makePort();
    const { result } = renderHook(() => useAlignment(port, { today: "2026-11-22" }));
    await waitFor(() => expect(result.current[0].analysis).not.toBeNull());
    expect(workflow.analyse).toHaveBeenCalledWith(
      port,
      { today: "2026-11-22", plan: undefined },
      expect.any(Function)
    );
    expect(result.current[0].busy).toBeNull();
  });

  it("stores every change with the workbook at once, then retags", async () => {
    const port = makePort();
    const { result } = renderHook(() => useAlignment(port, { today: "2026-11-22" }));
    await waitFor(() => expect(result.current[0].analysis).not.toBeNull());
    const tag = { goals: [{ id: "G2.1", share: 1 }], via: "pane" as const };
    await act(() => result.current[1].update((s) => setManualTag(s, "k1", tag), "Tag saved."));
    expect(port.stored).toHaveLength(1);
    expect(port.stored[0].tags).toEqual({ k1: tag });
    expect(workflow.retag).toHaveBeenCalledWith(
      expect.objectContaining({ ok: true }),
      port.stored[0]
    );
    expect(result.current[0].analysis?.state.tags).toEqual({ k1: tag });
    expect(result.current[0].notice).toBe("Tag saved.");

    // a second edit builds on the first
    await act(() => result.current[1].update((s) => setManualTag(s, "k2", tag)));
    expect(Object.keys(port.stored[1].tags)).toEqual(["k1", "k2"]);
  });

  it("keeps what is on screen and says what happened when saving fails", async () => {
    const port = makePort({
      writeState: async () => {
        throw new Error("The workbook is read-only: nothing could be saved.");
      },
    });
    const { result } = renderHook(() => useAlignment(port, { today: "2026-11-22" }));
    await waitFor(() => expect(result.current[0].analysis).not.toBeNull());
    const before = result.current[0].analysis;
    await act(() =>
      result.current[1].update((s) =>
        setManualTag(s, "k1", { goals: [{ id: "G1.1", share: 1 }], via: "pane" })
      )
    );
    expect(result.current[0].error).toBe("The workbook is read-only: nothing could be saved.");
    expect(result.current[0].analysis).toBe(before);
    expect(workflow.retag).not.toHaveBeenCalled();
  });

  it("writes the reports, activates the Alignment sheet and says what was written", async () => {
    workflow.writeReports.mockResolvedValue({
      written: ["Alignment", "Review", "Timetable"],
      report: {
        plan: { name: "x", priorities: 2, goals: 3 },
        lines: [],
        totals: { budget: 10, aligned: 7, unaligned: 3 },
        midYear: {
          fiscalYear: "FY 2025-26",
          phase: "after",
          elapsed: 1,
          note: "FY 2025-26 ended on Jun 30, 2026, before Nov 22, 2026: …",
        },
      },
      state: {
        ...emptyState(),
        generatedSheets: ["Alignment", "Review", "Timetable"],
        seen: { programs: { "police|patrol": '{"P1":4}' } },
      },
    });
    const port = makePort();
    const { result } = renderHook(() => useAlignment(port, { today: "2026-11-22" }));
    await waitFor(() => expect(result.current[0].analysis).not.toBeNull());
    await act(() => result.current[1].writeReports());
    expect(port.activated).toEqual(["Alignment"]);
    expect(result.current[0].notice).toBe("Wrote the Alignment, Review and Timetable sheets.");
    expect(result.current[0].report?.totals).toEqual({ budget: 10, aligned: 7, unaligned: 3 });
    // The pane keeps the state as stored with the sheets (the scores the Programs sheet shows), so a later edit
    // does not store an older record over it.
    expect(result.current[0].analysis?.state.seen?.programs).toEqual({
      "police|patrol": '{"P1":4}',
    });
    // The pane says what the mid-year view compares, in the sheet's own words.
    expect(result.current[0].report?.midYear).toBe(
      "FY 2025-26 ended on Jun 30, 2026, before Nov 22, 2026: …"
    );
  });

  it("refuses to write reports while there are errors, naming the first", async () => {
    workflow.analyse.mockResolvedValue({
      ...analysis(),
      ok: false,
      issues: [
        { severity: "error", code: "plan.missing", message: "No strategic plan was found." },
      ],
    });
    const { result } = renderHook(() => useAlignment(makePort(), { today: "2026-11-22" }));
    await waitFor(() => expect(result.current[0].analysis).not.toBeNull());
    await act(() => result.current[1].writeReports());
    expect(workflow.writeReports).not.toHaveBeenCalled();
    expect(result.current[0].error).toBe(
      "The reports were not written: No strategic plan was found."
    );
  });

  it("imports a plan file for the session, or lists what is wrong with it", async () => {
    const { result } = renderHook(() => useAlignment(makePort(), { today: "2026-11-22" }));
    await waitFor(() => expect(result.current[0].analysis).not.toBeNull());
    await act(() =>
      result.current[1].importPlanJson('{"name": "Plan", "priorities": [', "plan.json")
    );
    expect(result.current[0].error).toBe(
      "plan.json could not be used as a plan; see the messages below."
    );
    expect(result.current[0].importIssues.length).toBeGreaterThan(0);
    expect(result.current[0].importIssues[0].message).toMatch(/^plan\.json/);
  });

  it("follows the selection in the sheet to a budget line", async () => {
    let handler: ((sel: { sheet: string; row: number; col: number }) => void) | null = null;
    const port = makePort({
      onSelectionChanged: async (h) => {
        handler = h;
        return async () => undefined;
      },
    });
    const { result } = renderHook(() => useAlignment(port, { today: "2026-11-22" }));
    await waitFor(() => expect(result.current[0].analysis).not.toBeNull());
    await waitFor(() => expect(handler).not.toBeNull());
    act(() => handler?.({ sheet: "Budget", row: 9, col: 2 }));
    expect(result.current[0].selectedKey).toBe(budget.lines[3].key);
  });
});
