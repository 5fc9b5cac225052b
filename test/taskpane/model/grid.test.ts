import type { LineTag } from "../../../src/core/types";
import {
  clickSelect,
  decideLines,
  gridRows,
  linesSummary,
  NO_SELECTION,
  programRows,
  rowId,
  selectedLines,
  sortPrograms,
  toggleSelect,
} from "../../../src/taskpane/model/grid";
import { NO_FILTERS } from "../../../src/taskpane/model/view";
import { lines, tags } from "../fixtures";

describe("programRows", () => {
  it("makes one row per program with its money, main goal, source, confidence and reason", () => {
    const rows = programRows(lines, tags, NO_FILTERS);
    expect(rows.map((r) => r.program)).toEqual([
      "Suppression",
      "Recreation",
      "Maintenance",
      "Records",
    ]);
    expect(rows[0]).toMatchObject({
      department: "Fire",
      items: [0, 1],
      total: 1_200_000,
      goal: "G1.1",
      otherGoals: 0,
      source: "mixed",
      // Only the undecided Overtime line counts toward the program's confidence, and gives its reason.
      confidence: 0.85,
      why: "matched 'overtime' in Fire to G1.1",
      open: 1,
      decided: 1,
      flagged: false,
    });
    expect(rows[3]).toMatchObject({ goal: null, source: "none", flagged: true, open: 0 });
    expect(rows[2]).toMatchObject({ source: "rule", confidence: 1 });
  });

  it("keeps only the lines the filters show, and the programs that have one", () => {
    const rows = programRows(lines, tags, { ...NO_FILTERS, department: "Parks" });
    expect(rows.map((r) => [r.program, r.items])).toEqual([
      ["Recreation", [2]],
      ["Maintenance", [3]],
    ]);
  });
});

describe("sorting and the grid's rows", () => {
  it("sorts programs and their lines by amount either way, ties in budget order", () => {
    const programs = programRows(lines, tags, NO_FILTERS);
    expect(sortPrograms(programs, lines, "amount-desc").map((p) => p.program)).toEqual([
      "Suppression",
      "Recreation",
      "Maintenance",
      "Records",
    ]);
    const asc = sortPrograms(programs, lines, "amount-asc");
    expect(asc.map((p) => p.program)).toEqual([
      "Records",
      "Maintenance",
      "Recreation",
      "Suppression",
    ]);
    expect(asc[3].items).toEqual([1, 0]);
    expect(sortPrograms(programs, lines, "budget")).toBe(programs);
  });

  it("lists an expanded program's lines under it, and the confirm panel under the program confirmed", () => {
    const programs = programRows(lines, tags, NO_FILTERS);
    const rows = gridRows(programs, new Set([programs[0].key]), programs[1].key);
    expect(rows.map((r) => (r.kind === "line" ? r.index : r.kind))).toEqual([
      "program",
      0,
      1,
      "program",
      "confirm",
      "program",
      "program",
    ]);
  });
});

describe("selection", () => {
  const programs = programRows(lines, tags, NO_FILTERS);
  const rows = gridRows(programs, new Set(programs.map((p) => p.key)), null);
  // rows: 0 Suppression, 1 line0, 2 line1, 3 Recreation, 4 line2, 5 Maintenance, 6 line3, 7 Records, 8 line4

  it("selects like a spreadsheet: click, Ctrl-click adds or removes, Shift-click a range", () => {
    let sel = clickSelect(NO_SELECTION, rows, lines, 1, {});
    expect([...sel.ids]).toEqual([rowId(rows[1], lines)]);
    sel = clickSelect(sel, rows, lines, 4, { ctrl: true });
    expect(selectedLines(sel, programs, lines)).toEqual([0, 2]);
    sel = clickSelect(sel, rows, lines, 1, { ctrl: true });
    expect(selectedLines(sel, programs, lines)).toEqual([2]);
    // The anchor is the last row Ctrl-clicked (row 1): Shift-click row 4 selects rows 1 to 4.
    sel = clickSelect(sel, rows, lines, 4, { shift: true });
    expect(sel.ids.size).toBe(4);
    expect(selectedLines(sel, programs, lines)).toEqual([0, 1, 2]);
    // A program row brings its lines; Space toggles.
    sel = toggleSelect(NO_SELECTION, rows, lines, 5);
    expect(selectedLines(sel, programs, lines)).toEqual([3]);
    expect(linesSummary([0, 1, 3], lines)).toEqual({ programs: 2, lines: 3, amount: 1_350_000 });
  });

  it("decides the selected lines: accepting confirms each line's own goal; a goal picked goes to all", () => {
    const accept = decideLines(lines, tags, [0, 1, 2, 4], null, "2026-12-07T00:00:00Z");
    // Line 0 is already a person's, line 4 has no goal: left as they are.
    expect(Object.keys(accept.tags)).toEqual([lines[1].key, lines[2].key]);
    expect(accept.tags[lines[1].key]).toEqual({
      goals: [{ id: "G1.1", share: 1 }],
      via: "confirmed",
      label: "Fire / Suppression / 5006 / Overtime",
      at: "2026-12-07T00:00:00Z",
    });
    expect(accept).toMatchObject({ lines: 2, amount: 500_000 });

    const picked = decideLines(lines, tags, [0, 1, 2, 4], "G1.1");
    // Line 0 is a person's G1.1 already; line 1's suggestion is G1.1 (confirmed); lines 2 and 4 are set to it.
    expect(Object.keys(picked.tags)).toEqual([lines[1].key, lines[2].key, lines[4].key]);
    expect(picked.tags[lines[1].key].via).toBe("confirmed");
    expect(picked.tags[lines[2].key]).toMatchObject({
      goals: [{ id: "G1.1", share: 1 }],
      via: "pane",
    });
  });

  it("never stores a tag under a key that names an object's own property", () => {
    const odd = [{ ...lines[1], key: "__proto__" }];
    const t: LineTag[] = [{ ...tags[1], key: "__proto__" }];
    const accept = decideLines(odd, t, [0], null);
    expect(Object.prototype.hasOwnProperty.call(accept.tags, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(accept.tags)).toBe(Object.prototype);
  });
});
