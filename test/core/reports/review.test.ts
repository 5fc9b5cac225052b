import { isoToSerial } from "../../../src/core/plan/dates";
import {
  buildReviewSheet,
  flaggedProgramsByDepartment,
  readReviewSheet,
  SHEET_REASONS as REASONS,
  REVIEW_COLUMNS,
  REVIEW_RESPONSES,
  REVIEW_SHEET,
  reviewProgramsByDepartment,
  shortGoal,
} from "../../../src/core/reports/review";
import type { CellValue, ReviewAnswer, SheetCells } from "../../../src/core/types";
import { fixture, fixturePlan, rangesInside } from "./fixture";
import { PAGE_WIDTH_PX, printedWidthPx, wrappedLines } from "../../../src/core/reports/sheet";

const col = (h: (typeof REVIEW_COLUMNS)[number]) => REVIEW_COLUMNS.indexOf(h);

const ANSWERS: Record<string, ReviewAnswer> = {
  "parks|maintenance": {
    programKey: "parks|maintenance",
    department: "Parks",
    program: "Maintenance",
    response: "Needs a new goal",
    justification: "Parks upkeep is in no goal",
    reviewer: "J. Rivera",
    date: "2026-01-10",
  },
  "police|patrol": {
    programKey: "police|patrol",
    department: "Police",
    program: "Patrol",
    response: "Retain — serves goal",
    goalId: "G1.1",
    reviewer: "Chief Ode",
  },
  "library|branches": {
    programKey: "library|branches",
    department: "Library",
    program: "Branches",
    response: "Eliminate",
    justification: "Closed in 2025",
  },
};

function header(values: CellValue[][]): number {
  return values.findIndex(
    (r) => r[col("Reason")] === "Reason" && r[col("Program key")] === "Program key"
  );
}

function body(values: CellValue[][]): CellValue[][] {
  const h = header(values);
  return values.slice(h + 1);
}

describe("Review sheet", () => {
  const { ctx } = fixture(ANSWERS);
  const m = buildReviewSheet(ctx);
  const h = header(m.values);
  const rows = body(m.values);

  test("a title naming the product, then one header row with every column", () => {
    expect(m.name).toBe(REVIEW_SHEET);
    expect(String(m.values[0][0])).toContain("Budget Alignment");
    expect(m.values[h]).toEqual([...REVIEW_COLUMNS]);
    expect(h).toBeLessThan(10);
  });

  test("the flagged program, then the low-confidence one, then answers whose program is no longer listed", () => {
    const cells = (r: CellValue[]) =>
      (["Reason", "Department", "Program", "Lines", "Amount", "Program key"] as const).map(
        (c) => r[col(c)]
      );
    expect(rows.map(cells)).toEqual([
      [REASONS.flagged, "Parks", "Maintenance", 2, 500.08, "parks|maintenance"],
      [
        REASONS.lowConfidence,
        "Economic Development",
        "Grants",
        1,
        250.1,
        "economic development|grants",
      ],
      [REASONS.gone, "Library", "Branches", "", "", "library|branches"],
      [REASONS.notFlagged, "Police", "Patrol", 1, 1000.01, "police|patrol"],
    ]);
    // Nearest goal of the program's largest line: printed as its ID and title (cut to the column where long), in
    // full with its confidence and why on the screen's columns.
    const nearest = (r: CellValue[]) =>
      (["Nearest goal", "Nearest goal in full", "Confidence", "Why"] as const).map(
        (c) => r[col(c)]
      );
    expect(nearest(rows[0])).toEqual([
      "G1.2 Safer streets",
      "G1.2 — Safer streets",
      0.21,
      "matched 'street'",
    ]);
    expect(nearest(rows[1])).toEqual([
      "G2.1 Support small…",
      "G2.1 — Support small business",
      0.42,
      "matched 'grant' to G2.1",
    ]);
  });

  test("the short reasons carry their full text in cell notes: the nearest goal in full, why, how sure", () => {
    const notesAt = (r: number) =>
      (m.notes ?? [])
        .filter((n) => n.row === h + 1 + r)
        .sort((a, b) => a.col - b.col)
        .map((n) => [REVIEW_COLUMNS[n.col], n.text]);
    expect(notesAt(0)).toEqual([
      ["Nearest goal", "G1.2 — Safer streets\nWhy: matched 'street'\nConfidence: 21%"],
    ]);
    expect(notesAt(1)).toEqual([
      ["Reason", "Low-confidence tag"],
      [
        "Nearest goal",
        "G2.1 — Support small business\nWhy: matched 'grant' to G2.1\nConfidence: 42%",
      ],
    ]);
    // A short reason that says less than the full one has the full one as its note.
    expect(notesAt(2)).toEqual([["Reason", "Answered earlier (no longer in the budget)"]]);
    expect(notesAt(3)).toEqual([["Reason", "Answered earlier (no longer flagged)"]]);
  });

  test("answers already given are filled into their rows", () => {
    const a = rows[0].slice(col("Response"), col("Date") + 1);
    expect(a).toEqual([
      "Needs a new goal",
      "",
      "Parks upkeep is in no goal",
      "J. Rivera",
      isoToSerial("2026-01-10"),
    ]);
    expect(rows[1].slice(col("Response"), col("Date") + 1)).toEqual(["", "", "", "", ""]);
    expect(rows[3].slice(col("Response"), col("Reviewer") + 1)).toEqual([
      "Retain — serves goal",
      "G1.1 — Reduce response times",
      "",
      "Chief Ode",
    ]);
    expect(rows[2][col("Response")]).toBe("Eliminate");
  });

  test("Response and Goal lists, blank-response highlight, one table, all inside the values", () => {
    const first = h + 1;
    const n = rows.length;
    expect(m.validations).toEqual([
      expect.objectContaining({
        range: { row: first, col: col("Response"), rows: n, cols: 1 },
        list: [...REVIEW_RESPONSES],
        allowOther: false,
      }),
      expect.objectContaining({
        range: { row: first, col: col("Goal"), rows: n, cols: 1 },
        list: [
          "G1.1 — Reduce response times",
          "S1.1.1 — Modernize dispatch",
          "G1.2 — Safer streets",
          "G2.1 — Support small business",
          "G2.2 — Workforce training",
        ],
      }),
    ]);
    expect(m.conditionalFormats).toEqual([
      {
        type: "blankCell",
        range: { row: first, col: 0, rows: n, cols: REVIEW_COLUMNS.length },
        style: "warning",
        testCol: col("Response"),
      },
    ]);
    expect(m.tables).toEqual([
      {
        name: "ReviewPrograms",
        range: { row: h, col: 0, rows: n + 1, cols: REVIEW_COLUMNS.length },
        style: "TableStyleLight9",
      },
    ]);
    expect(m.styles).toContainEqual({
      range: { row: first, col: col("Program key"), rows: n, cols: 1 },
      style: "muted",
    });
    expect(m.styles).toContainEqual({
      range: { row: first, col: col("Response"), rows: n, cols: 5 },
      style: "inputCell",
    });
    expect(m.columnWidths[col("Program key")]).toBe(12);
    expect(rangesInside(m)).toEqual([]);
  });

  test("print-ready: one page wide at 100%, the answer columns beside the program, header repeated", () => {
    expect(m.print).toMatchObject({
      landscape: true,
      fitToWidth: true,
      titleRows: { start: h, end: h },
      footer: "&A — page &P of &N",
    });
    expect(m.print.titleCols).toBeUndefined();
    expect(m.freeze).toEqual({ rows: h + 1, cols: col("Program") + 1 });
    // On paper: Department … Date, the program, why it is listed and the five answer columns on one page; the
    // screen's columns (lines, confidence, the nearest goal in full, why, the key) are not printed.
    const last = m.values.length - 1;
    expect(m.print.areas).toEqual([
      { row: 0, col: col("Department"), rows: last + 1, cols: col("Date") + 1 },
    ]);
    expect(printedWidthPx(m.columnWidths, col("Department"), col("Date"))).toBeLessThanOrEqual(
      PAGE_WIDTH_PX
    );
    // The table's body prints at 10 pt, its rows as tall as their wrapped text.
    expect(m.styles).toContainEqual({
      range: { row: h, col: 0, rows: rows.length + 1, cols: col("Date") + 1 },
      style: "compactText",
    });
    expect(m.rowHeights!.filter((r) => r.row > h).map((r) => r.row)).toEqual(
      rows.map((_, i) => h + 1 + i)
    );
  });

  test("a long goal title prints cut between words to the row's lines; the ID is always whole", () => {
    expect(shortGoal("G1.2 — Safer streets", 20)).toBe("G1.2 Safer streets");
    const long =
      "G4.15 — Coordinate the planning and execution of necessary facility improvement projects";
    const one = shortGoal(long, 18);
    expect(one).toMatch(/^G4\.15 Coordinate.*…$/);
    expect(wrappedLines(one, 18)).toBe(1);
    const two = shortGoal(long, 18, 2);
    expect(two.length).toBeGreaterThan(one.length);
    expect(wrappedLines(two, 18)).toBeLessThanOrEqual(2);
    expect(shortGoal("G12.345 — Everything", 4)).toMatch(/^G12\.345/);
  });
});

/** The sheet as a port would read it back: the model's values, data rows re-ordered. */
function asCells(
  values: CellValue[][],
  reorder: (rows: CellValue[][]) => CellValue[][]
): SheetCells {
  const h = header(values);
  const copy = values.map((r) => [...r]);
  return { name: "Review", values: [...copy.slice(0, h + 1), ...reorder(copy.slice(h + 1))] };
}

describe("flaggedProgramsByDepartment (the task pane's Review step)", () => {
  test("lists each flagged program with the lines, amount and nearest goal of its Review sheet row", () => {
    const { ctx } = fixture({});
    const groups = flaggedProgramsByDepartment(ctx.budget.lines, ctx.tags);
    expect(groups).toEqual([
      {
        department: "Parks",
        programs: [
          {
            key: "parks|maintenance",
            department: "Parks",
            program: "Maintenance",
            lines: 2,
            // Summed in cents, as the sheet totals it.
            total: 500.08,
            // The nearest goal of the largest line, not the line with the higher confidence (0.3, 'path').
            nearest: { id: "G1.2", confidence: 0.21, why: "matched 'street'" },
          },
        ],
      },
    ]);
    const row = body(buildReviewSheet(ctx).values).find(
      (r) => r[col("Reason")] === REASONS.flagged
    )!;
    const p = groups[0].programs[0];
    const cells = (
      ["Program", "Lines", "Amount", "Nearest goal in full", "Confidence", "Why"] as const
    ).map((c) => row[col(c)]);
    expect(cells).toEqual([
      p.program,
      p.lines,
      p.total,
      `${p.nearest!.id} — Safer streets`,
      p.nearest!.confidence,
      p.nearest!.why,
    ]);
  });

  test("keeps an answered program listed when its answer took the flag away; lists nothing else", () => {
    const { ctx } = fixture({});
    const retained = ctx.tags.map((t) =>
      t.flagged ? { ...t, flagged: false, goals: [{ id: "G1.2", share: 1 }] } : t
    );
    expect(flaggedProgramsByDepartment(ctx.budget.lines, retained)).toEqual([]);
    const listed = flaggedProgramsByDepartment(
      ctx.budget.lines,
      retained,
      new Set(["parks|maintenance"])
    );
    expect(listed.map((g) => g.programs.map((p) => [p.key, p.lines, p.total]))).toEqual([
      [["parks|maintenance", 2, 500.08]],
    ]);
  });

  test("groups by department in budget order", () => {
    const { ctx } = fixture({});
    const all = ctx.tags.map((t) => ({ ...t, flagged: true }));
    const groups = flaggedProgramsByDepartment(ctx.budget.lines, all);
    const firstSeen = [...new Set(ctx.budget.lines.map((l) => l.department))];
    expect(groups.map((g) => g.department)).toEqual(firstSeen);
    expect(groups.reduce((n, g) => n + g.programs.reduce((m, p) => m + p.lines, 0), 0)).toBe(
      ctx.budget.lines.length
    );
  });
});

describe("readReviewSheet", () => {
  const plan = fixturePlan();

  test("round trip: sorted rows and a new answer typed (date as a serial) come back by program key", () => {
    const { ctx } = fixture(ANSWERS);
    const m = buildReviewSheet(ctx);
    const cells = asCells(m.values, (rows) => [...rows].reverse());
    const grants = cells.values.findIndex(
      (r) => r[col("Program key")] === "economic development|grants"
    );
    cells.values[grants][col("Response")] = "Retain — serves goal";
    cells.values[grants][col("Goal")] = "G2.1 — Support small business";
    cells.values[grants][col("Justification")] = "Grants help small firms";
    cells.values[grants][col("Reviewer")] = "A. Chen";
    cells.values[grants][col("Date")] = isoToSerial("2026-02-03");
    const read = readReviewSheet(cells, plan);
    expect(read.issues).toEqual([]);
    const byKey = Object.fromEntries(read.answers.map((a) => [a.programKey, a]));
    expect(Object.keys(byKey).sort()).toEqual([
      "economic development|grants",
      "library|branches",
      "parks|maintenance",
      "police|patrol",
    ]);
    expect(byKey["economic development|grants"]).toEqual({
      programKey: "economic development|grants",
      department: "Economic Development",
      program: "Grants",
      response: "Retain — serves goal",
      goalId: "G2.1",
      justification: "Grants help small firms",
      reviewer: "A. Chen",
      date: "2026-02-03",
    });
    // Earlier answers read back as they were stored.
    for (const key of ["parks|maintenance", "police|patrol", "library|branches"])
      expect(byKey[key]).toEqual(ANSWERS[key]);
  });

  test("an answer is kept when its program is no longer flagged, and read back again", () => {
    const f = fixture(ANSWERS);
    // The program is tagged now (a line with money and no goal would still be listed: "Some lines fit no goal").
    for (const t of f.tags) {
      t.flagged = false;
      if (t.goals.length === 0) t.goals = [{ id: "G1.1", share: 1 }];
    }
    const m = buildReviewSheet(f.ctx);
    const parks = body(m.values).find((r) => r[col("Program key")] === "parks|maintenance")!;
    expect(parks[col("Reason")]).toBe(REASONS.notFlagged);
    expect(parks[col("Response")]).toBe("Needs a new goal");
    const read = readReviewSheet({ name: "Review", values: m.values }, plan);
    expect(read.answers.find((a) => a.programKey === "parks|maintenance")).toEqual(
      ANSWERS["parks|maintenance"]
    );
    expect(read.answers).toHaveLength(3);
  });

  test("a response not in the list and a goal not in the plan are kept as typed, with warnings naming the cell", () => {
    const { ctx } = fixture();
    const m = buildReviewSheet(ctx);
    const cells: SheetCells = {
      name: "Review",
      startRow: 2,
      startCol: 1,
      values: m.values.map((r) => [...r]),
    };
    const h = header(cells.values);
    cells.values[h + 1][col("Response")] = "Keep it";
    cells.values[h + 1][col("Goal")] = "G9.9 Moon base";
    cells.values[h + 2][col("Response")] = "retain - serves goal";
    cells.values[h + 2][col("Goal")] = "g2.1";
    cells.values[h + 2][col("Date")] = "3/4/2026";
    const read = readReviewSheet(cells, plan);
    // Row h+1 of the values is worksheet row startRow + h + 2; Response is column startCol + 5 = G, Goal H.
    const row = 2 + h + 2;
    expect(read.issues).toEqual([
      {
        severity: "warning",
        code: "review.unknown-response",
        sheet: "Review",
        cell: `G${row}`,
        message: `Review!G${row}: "Keep it" is not one of the responses (Retain — serves goal, Modify, Eliminate, Needs a new goal). It was kept as typed; pick one from the list.`,
      },
      {
        severity: "warning",
        code: "review.unknown-goal",
        sheet: "Review",
        cell: `H${row}`,
        message: `Review!H${row}: "G9.9 Moon base" is not a goal in the plan. It was kept as typed; pick a goal from the list.`,
      },
    ]);
    expect(read.answers[0]).toMatchObject({
      programKey: "parks|maintenance",
      response: "Keep it",
      goalId: "G9.9 Moon base",
    });
    expect(read.answers[1]).toMatchObject({
      programKey: "economic development|grants",
      response: "Retain — serves goal",
      goalId: "G2.1",
      date: "2026-03-04",
    });
  });

  test("a row a person added (no key) is keyed from its department and program; unanswered rows are skipped", () => {
    const { ctx } = fixture();
    const m = buildReviewSheet(ctx);
    const values = m.values.map((r) => [...r]);
    const added: CellValue[] = REVIEW_COLUMNS.map(() => "");
    added[col("Department")] = "  Fire ";
    added[col("Program")] = "Station 4";
    added[col("Response")] = "Modify";
    values.push(added);
    const read = readReviewSheet({ name: "Review", values }, plan);
    expect(read.answers).toEqual([
      {
        programKey: "fire|station 4",
        department: "Fire",
        program: "Station 4",
        response: "Modify",
      },
    ]);
  });

  test("a sheet without the header row gives a plain warning and no answers", () => {
    const read = readReviewSheet({ name: "Review", values: [["Notes"], ["hello"]] }, plan);
    expect(read.answers).toEqual([]);
    expect(read.issues).toHaveLength(1);
    expect(read.issues[0].message).toMatch(/^Review: the header row .* was not found/);
    expect(readReviewSheet({ name: "Review", values: [] }, plan)).toEqual({
      answers: [],
      issues: [],
    });
  });

  test("nothing to review: a note instead of an empty table, and nothing read back", () => {
    const f = fixture();
    for (const t of f.tags) {
      t.flagged = false;
      t.confidence = 1;
      if (t.goals.length === 0) t.goals = [{ id: "G1.1", share: 1 }];
    }
    const m = buildReviewSheet(f.ctx);
    expect(m.tables).toEqual([]);
    expect(m.validations).toEqual([]);
    expect(m.values[m.values.length - 1][0]).toMatch(/^Nothing to review/);
    expect(rangesInside(m)).toEqual([]);
    expect(readReviewSheet({ name: "Review", values: m.values }, plan)).toEqual({
      answers: [],
      issues: [],
    });
  });
});

describe("one rule for what is listed, in the sheet and in the pane", () => {
  it("the pane's programs are the Review sheet's rows, with the same reason, lines and amount", () => {
    const { ctx } = fixture(ANSWERS);
    const rows = body(buildReviewSheet(ctx).values).filter(
      (r) => r[col("Reason")] !== REASONS.gone
    );
    const pane = reviewProgramsByDepartment(ctx.budget.lines, ctx.tags, ANSWERS).flatMap((g) =>
      g.programs.map((p) => [REASONS[p.reason], p.key, p.lines, p.total])
    );
    const sheet = rows.map((r) => [
      r[col("Reason")],
      r[col("Program key")],
      r[col("Lines")],
      r[col("Amount")],
    ]);
    expect(pane.length).toBeGreaterThan(1);
    expect(new Set(pane.map((p) => p[0])).size).toBeGreaterThan(1);
    expect([...pane].sort()).toEqual([...sheet].sort());
  });

  it("shows a Goal cell that disagrees with the program's answer in the Conflict column", () => {
    const { ctx } = fixture(ANSWERS);
    const key = Object.keys(ANSWERS)[0];
    const m = buildReviewSheet({ ...ctx, conflicts: { [key]: "Budget!H9 says G1.1 …" } });
    const rows = body(m.values);
    expect(
      rows.filter((r) => r[col("Conflict")]).map((r) => [r[col("Program key")], r[col("Conflict")]])
    ).toEqual([[key, "Budget!H9 says G1.1 …"]]);
  });
});
