import {
  addRule,
  emptyState,
  isEmptyState,
  parseState,
  removeRule,
  serializeState,
  setAmountColumn,
  setColumnOverride,
  setManualTag,
  setReviewAnswer,
  STATE_CHUNK,
  STATE_MARKER,
  withGeneratedSheets,
} from "../../src/core/state";
import type { WorkbookState } from "../../src/core/types";

describe("workbook state", () => {
  it("round-trips through the chunked rows, even past Excel's cell limit", () => {
    let state: WorkbookState = emptyState();
    for (let i = 0; i < 2000; i++) {
      state = setManualTag(state, `k${i}`, {
        goals: [{ id: "G1.1", share: 1 }],
        via: "pane",
        label: `Police / Patrol / 5110 / line ${i} — ${"x".repeat(20)}`,
      });
    }
    const rows = serializeState(state);
    expect(rows[0]).toBe(STATE_MARKER);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(STATE_CHUNK);
    expect(parseState(rows)).toEqual({ state, issues: [] });
  });

  it("reads nothing stored as the empty state, silently", () => {
    expect(parseState([])).toEqual({ state: emptyState(), issues: [] });
    expect(parseState(["", null])).toEqual({ state: emptyState(), issues: [] });
  });

  it("says so, naming the hidden sheet, when the stored state was damaged", () => {
    const { state, issues } = parseState([STATE_MARKER, '{"version":1,"tags":{"a"']);
    expect(state.tags).toEqual({});
    // Kept verbatim, so writing the state again does not destroy what was there.
    expect(state.unreadable).toBe('{"version":1,"tags":{"a"');
    expect(parseState(serializeState(state)).state.unreadable).toBe('{"version":1,"tags":{"a"');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      severity: "warning",
      sheet: "_BudgetAlignmentState",
      cell: "A1",
    });
    expect(issues[0].message).toMatch(/could not be read/);
  });

  it("fills in fields an older version did not store and ignores junk", () => {
    const { state } = parseState([
      JSON.stringify({ version: 1, tags: { a: { goals: [], via: "sheet" } }, threshold: 7 }),
    ]);
    expect(state.tags.a).toEqual({ goals: [], via: "sheet" });
    expect(state.rules).toEqual([]);
    expect(state.reviewAnswers).toEqual({});
    expect(state.threshold).toBeUndefined();
  });

  it("keeps what a newer version stored, and writes it back under that version", () => {
    const stored = {
      version: 3,
      tags: { a: { goals: [{ id: "G1.1", share: 1 }], via: "pane" } },
      // A field this version does not know, and a known one whose shape changed.
      notes: { "police|patrol": "Check with the chief" },
      rules: { list: [{ field: "department", op: "equals", value: "Library", target: "G4.2" }] },
    };
    const rows = [
      "Budget Alignment state v3 (managed by the add-in; do not edit)",
      JSON.stringify(stored),
    ];
    const { state, issues } = parseState(rows);
    expect(issues).toEqual([]);
    expect(state.newerVersion).toBe(3);
    expect(state.tags).toEqual(stored.tags);
    expect(state.rules).toEqual([]);
    expect(state.extra).toEqual({ notes: stored.notes, rules: stored.rules });
    expect(isEmptyState({ ...emptyState(), extra: { notes: {} } })).toBe(false);

    // Staff tag a line here; what the newer version stored survives the write, the new tag is added.
    const next = setManualTag(state, "b", { goals: [{ id: "G2.1", share: 1 }], via: "pane" });
    const written = JSON.parse(serializeState(next).slice(1).join("")) as Record<string, unknown>;
    expect(written.version).toBe(3);
    expect(written.notes).toEqual(stored.notes);
    expect(written.rules).toEqual(stored.rules);
    expect(Object.keys(written.tags as object)).toEqual(["a", "b"]);
    expect(parseState(serializeState(next)).state).toEqual(next);
  });

  it("keeps unknown fields of this version's state, but drops values of known fields it cannot read", () => {
    const { state } = parseState([
      STATE_MARKER,
      JSON.stringify({ version: 1, threshold: "high", custom: [1, 2] }),
    ]);
    expect(state.newerVersion).toBeUndefined();
    expect(state.threshold).toBeUndefined();
    expect(state.extra).toEqual({ custom: [1, 2] });
    const written = JSON.parse(serializeState(state).slice(1).join("")) as Record<string, unknown>;
    // A version-1 state is written back in this version's format.
    expect(written).toMatchObject({ version: 2, custom: [1, 2] });
    expect(written.threshold).toBeUndefined();
  });

  it("updates without mutating the previous state", () => {
    const s0 = emptyState();
    const s1 = addRule(s0, { field: "department", op: "equals", value: "Library", target: "G4.2" });
    const s2 = setReviewAnswer(s1, {
      programKey: "library|branches",
      department: "Library",
      program: "Branches",
      response: "Modify",
    });
    const s3 = setColumnOverride(s2, "Budget", "c", "fund");
    const s4 = setAmountColumn(s3, "FY27 Proposed");
    const s5 = withGeneratedSheets(withGeneratedSheets(s4, ["Alignment", "Review"]), [
      "Review",
      "Timetable",
    ]);
    expect(s0).toEqual(emptyState());
    expect(s1.rules).toHaveLength(1);
    expect(removeRule(s5, 0).rules).toEqual([]);
    expect(s5.columnOverrides).toEqual({ Budget: { C: "fund" } });
    expect(setColumnOverride(s5, "Budget", "C", null).columnOverrides).toEqual({});
    expect(s5.amountColumn).toBe("FY27 Proposed");
    expect(setAmountColumn(s5, null).amountColumn).toBeUndefined();
    expect(s5.generatedSheets).toEqual(["Alignment", "Review", "Timetable"]);
    expect(setManualTag(setManualTag(s5, "k", { goals: [], via: "pane" }), "k", null).tags).toEqual(
      {}
    );
    expect(isEmptyState(s5)).toBe(false);
  });
});
