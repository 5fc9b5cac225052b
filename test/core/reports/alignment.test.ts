import {
  ALIGNMENT_SHEET,
  buildAlignmentSheet,
  midYearColumns,
  midYearNote,
  paceFlag,
} from "../../../src/core/reports/alignment";
import { FORMATS, STYLES } from "../../../src/core/reports/styles";
import { PAGE_WIDTH_PX, printedWidthPx } from "../../../src/core/reports/sheet";
import { isoToSerial } from "../../../src/core/plan/dates";
import type { CellValue, SheetModel } from "../../../src/core/types";
import { fixture, rangesInside, rightOf, rowOf } from "./fixture";

const cents = (v: CellValue | undefined) => Math.round((v as number) * 100);

/** Rows of the table whose header row starts with `header`, up to the table's end, as given by the model. */
/** A table's body rows; a table cut by a page break (its header repeated on the next page) is read whole. */
function tableRows(m: SheetModel, name: string): CellValue[][] {
  const parts = m.tables.filter((x) => x.name === name || x.name.startsWith(`${name}_`));
  expect(parts.length).toBeGreaterThan(0);
  return parts.flatMap((t) => m.values.slice(t.range.row + 1, t.range.row + t.range.rows));
}

/** The note rows under a section heading, joined back into the sentence they were broken from. */
function noteAfter(m: SheetModel, head: number): string {
  const lines: string[] = [];
  for (let r = head + 1; m.styles.some((st) => st.range.row === r && st.style === "note"); r++)
    lines.push(String(m.values[r][0]));
  return lines.join(" ");
}

describe("Alignment sheet", () => {
  const { ctx } = fixture();
  const m = buildAlignmentSheet(ctx);
  const v = m.values;

  test("title block: the product name in the first rows, plan, fiscal year, amount column, sheets, date", () => {
    expect(m.name).toBe(ALIGNMENT_SHEET);
    expect(v[0][0]).toBe("Budget Alignment — Riverton Strategic Plan 2025–2030");
    expect(rightOf(v, "Plan")).toBe("Riverton Strategic Plan 2025–2030");
    expect(rightOf(v, "Fiscal year")).toBe("FY 2025-26 (Jul 1, 2025 – Jun 30, 2026)");
    expect(rightOf(v, "Amount column")).toBe("FY 2025-26 Revised");
    expect(rightOf(v, "Budget sheets")).toBe("Budget");
    expect(rightOf(v, "Generated")).toBe(isoToSerial("2026-01-15"));
  });

  test("headline figures, label then number to its right, reconciled to the cent", () => {
    expect(rightOf(v, /^total budget/i)).toBe(2193.51);
    expect(rightOf(v, /^aligned/i)).toBe(1693.43);
    expect(rightOf(v, /^aligned/i, 2)).toBeCloseTo(1693.43 / 2193.51, 12);
    expect(rightOf(v, /^unaligned/i)).toBe(500.08);
    expect(cents(rightOf(v, /^aligned/i)) + cents(rightOf(v, /^unaligned/i))).toBe(219351);
    expect(rightOf(v, "Programs on the Review sheet")).toBe(2);
    expect(rightOf(v, "… that fit no goal")).toBe(1);
    expect(rightOf(v, "Budget lines")).toBe(7);
    // Lines and amounts by tag source add up to every line and the total.
    const sources = [
      "Tagged by staff (manual)",
      "Tagged by rules",
      "Tagged like confirmed lines (learned)",
      "Suggested by the text (suggested)",
      "Not tagged (none)",
    ].map((s) => v[rowOf(v, s)]);
    expect(sources.map((r) => r[1])).toEqual([2, 1, 1, 1, 2]);
    expect(sources.reduce((s, r) => s + cents(r[2]), 0)).toBe(219351);
    // The total carries a currency format.
    const r = rowOf(v, "Total budget");
    expect(m.numberFormats).toContainEqual({
      range: { row: r, col: 1, rows: 1, cols: 1 },
      format: FORMATS.currency,
    });
  });

  test("budget by priority: a row per priority (one without goals at 0), unaligned, summing to the total", () => {
    const rows = tableRows(m, "AlignmentByPriority");
    expect(rows.map((r) => [r[0], r[1], r[3], r[4]])).toEqual([
      ["P1 Safe neighborhoods", 940.01, 3, 3],
      ["P2 Thriving economy", 753.42, 4, 3],
      ["P3 Good governance", 0, 0, 0],
      ["Unaligned (no goal)", 500.08, 2, 1],
    ]);
    expect(rows.reduce((s, r) => s + cents(r[1]), 0)).toBe(219351);
    expect(rows.reduce((s, r) => s + (r[2] as number), 0)).toBeCloseTo(1, 12);
    const t = m.tables.find((x) => x.name === "AlignmentByPriority")!;
    const total = v[t.range.row + t.range.rows];
    expect(total.slice(0, 2)).toEqual(["Total", 2193.51]);
    expect(m.styles).toContainEqual({
      range: { row: t.range.row + t.range.rows, col: 0, rows: 1, cols: 5 },
      style: "total",
    });
  });

  test("budget by goal: subgoals roll up to their goal, a whole-priority tag has its own row, unfunded goals at 0", () => {
    const rows = tableRows(m, "AlignmentByGoal");
    expect(rows.map((r) => [r[0], r[1], r[5]])).toEqual([
      ["G1.1 Reduce response times", 940.01, "P1 Safe neighborhoods"],
      ["G1.2 Safer streets", 0, "P1 Safe neighborhoods"],
      ["G2.1 Support small business", 653.43, "P2 Thriving economy"],
      ["G2.2 Workforce training", 0, "P2 Thriving economy"],
      ["P2 Thriving economy (the priority as a whole)", 99.99, "P2 Thriving economy"],
      ["Unaligned (no goal)", 500.08, ""],
    ]);
    expect(rows.reduce((s, r) => s + cents(r[1]), 0)).toBe(219351);
  });

  test("tables: valid unique names, unique headers, inside the values; every range lies inside the sheet", () => {
    const names = m.tables.map((t) => t.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const t of m.tables) {
      expect(t.name).toMatch(/^[A-Za-z_][A-Za-z0-9_.]{0,254}$/);
      const headers = v[t.range.row].slice(t.range.col, t.range.col + t.range.cols);
      expect(headers.every((h) => typeof h === "string" && h.trim() !== "")).toBe(true);
      expect(new Set(headers.map((h) => String(h).toLowerCase())).size).toBe(headers.length);
    }
    // A table cut by a page break goes on as "<name>_2" under a copy of its header row.
    expect(names.filter((n) => !/_\d+$/.test(n))).toEqual([
      "AlignmentByPriority",
      "AlignmentByGoal",
      "MidYearByPriority",
      "MidYearByGoal",
    ]);
    for (const t of m.tables.filter((x) => /_\d+$/.test(x.name))) {
      const first = m.tables.find((x) => x.name === t.name.replace(/_\d+$/, ""))!;
      expect(v[t.range.row]).toEqual(v[first.range.row]);
      expect(m.print.rowBreaks).toContain(t.range.row);
    }
    expect(rangesInside(m)).toEqual([]);
  });

  test("a clustered bar chart of budget by priority over the table's labels and amounts", () => {
    expect(m.charts).toHaveLength(1);
    const c = m.charts[0];
    const t = m.tables.find((x) => x.name === "AlignmentByPriority")!;
    expect(c.type).toBe("barClustered");
    expect(c.categories).toEqual({ row: t.range.row + 1, col: 0, rows: t.range.rows - 1, cols: 1 });
    expect(c.values).toEqual({ row: t.range.row + 1, col: 1, rows: t.range.rows - 1, cols: 1 });
    // The chart sits below every table, on a page of its own: its own print area, with a break above it.
    for (const tb of m.tables) expect(tb.range.row + tb.range.rows).toBeLessThan(c.anchor.row);
    expect(c.anchor.col).toBe(0);
    const areas = m.print.areas!;
    expect(areas).toHaveLength(2);
    expect(areas[1]).toEqual({
      row: c.anchor.row,
      col: 0,
      rows: c.anchor.rows,
      cols: areas[0].cols,
    });
    expect(areas[0].row + areas[0].rows).toBeLessThanOrEqual(c.anchor.row);
    expect(m.print.rowBreaks).toContain(c.anchor.row);
    expect(c.anchor.cols).toBeLessThanOrEqual(areas[0].cols);
  });

  test("department × priority matrix: rows and columns add up to the headline", () => {
    const head = rowOf(v, "Department");
    expect(v[head]).toEqual([
      "Department",
      "P1 Safe neighborhoods",
      "P2 Thriving economy",
      "P3 Good governance",
      "Unaligned (no goal)",
      "Total",
    ]);
    const total = rowOf(v, "Total", head + 1);
    const body = v.slice(head + 1, total);
    expect(body.map((r) => r[0])).toEqual(["Police", "Parks", "Economic Development", "Finance"]);
    expect(body.find((r) => r[0] === "Police")!.slice(1)).toEqual([933.34, 400, 0, 0, 1333.34]);
    expect(body.find((r) => r[0] === "Finance")!.slice(1)).toEqual([6.67, 3.33, 0, 0, 10]);
    for (const r of body)
      expect(r.slice(1, 5).reduce((s: number, x) => s + cents(x), 0)).toBe(cents(r[5]));
    for (let c = 1; c <= 5; c++)
      expect(body.reduce((s, r) => s + cents(r[c]), 0)).toBe(cents(v[total][c]));
    expect(v[total]).toEqual(["Total", 940.01, 753.42, 0, 500.08, 2193.51]);
  });

  test("goals with no funded line, with their actions and owners; a priority with no goals", () => {
    const head = rowOf(v, "Goals the budget does not fund");
    // The section's rows, less the copies of its header row where it runs on to another page.
    const header = JSON.stringify(v[head + 1]);
    const all = v.slice(head + 2).filter((r) => JSON.stringify(r) !== header);
    const rows = all.slice(0, 8);
    expect(all[8] ?? []).toEqual([]);
    expect(rows.map((r) => [r[0], r[3] ?? ""])).toEqual([
      ["G1.2 Safer streets", "Priority P1 Safe neighborhoods"],
      ["    Action A3 Light the river path", "Public Works · due 2027-06-30 · Not started"],
      ["    Action A4 Finish the crosswalk audit", "Traffic · due 2025-10-31 · Complete"],
      [
        "    No funded program's words or tags come near this goal: it may need a program of its own.",
        "",
      ],
      ["G2.2 Workforce training", "Priority P2 Thriving economy"],
      ["    (no actions listed)", ""],
      [
        "    No funded program's words or tags come near this goal: it may need a program of its own.",
        "",
      ],
      ["P3 Good governance: this priority has no goals", ""],
    ]);
    // Funded goals are not listed.
    expect(
      rows.some((r) => String(r[0]).startsWith("G1.1") || String(r[0]).startsWith("G2.1"))
    ).toBe(false);
  });

  test("each unfunded goal lists the nearest funded programs with their amounts, fit and current goal", () => {
    const f = fixture();
    // A funded program whose words are the goal's ("streets", "safer"), tagged to G1.1, and one the tagger
    // ranked G2.2 for (a candidate score), tagged to G2.1.
    const lines = f.ctx.budget.lines;
    const base = lines[0];
    lines.push(
      {
        ...base,
        key: "x1",
        row: 40,
        program: "Safer Streets Lighting",
        description: "street lights",
        amount: 1200,
      },
      {
        ...base,
        key: "x2",
        row: 41,
        department: "Economic Development",
        program: "Job Center",
        description: "",
        amount: 800,
      }
    );
    f.ctx.tags.push(
      { ...f.ctx.tags[0], key: "x1", goals: [{ id: "G1.1", share: 1 }], candidates: [] },
      {
        ...f.ctx.tags[0],
        key: "x2",
        goals: [{ id: "G2.1", share: 1 }],
        candidates: [
          { id: "G2.1", score: 0.6 },
          { id: "G2.2", score: 0.41 },
        ],
      }
    );
    const e = buildAlignmentSheet(f.ctx);
    const head = rowOf(e.values, "Goals the budget does not fund");
    const near = e.values
      .slice(head, head + 14)
      .filter((r) => String(r[0]).trim().startsWith("Nearest:"));
    expect(near.map((r) => r.slice(0, 2))).toEqual([
      ["    Nearest: Police — Safer Streets Lighting", 1200],
      ["    Nearest: Economic Development — Job Center", 800],
    ]);
    expect(near[0][2]).toBeGreaterThan(0);
    // The details run on over the empty cells to their right, kept to what fits the printed page.
    expect(near[0][3]).toBe('shares "safer", "streets"; tagged to G1.1 Reduce response tim…');
    expect(near[1][3]).toBe("tagged to G2.1 Support small business");
    const long = buildAlignmentSheet({
      ...f.ctx,
      plan: {
        ...f.ctx.plan,
        priorities: f.ctx.plan.priorities.map((p) => ({
          ...p,
          goals: p.goals.map((g) => (g.id === "G1.1" ? { ...g, title: "x".repeat(80) } : g)),
        })),
      },
    });
    const cut = long.values.find((r) => String(r[3]).startsWith('shares "safer"'))!;
    expect(String(cut[3])).toHaveLength(62);
    expect(String(cut[3]).endsWith("…")).toBe(true);
    expect(near[1][2]).toBe(0.41);
    expect(near[1][3]).toBe("tagged to G2.1 Support small business");
    // Amounts as currency, fit as a percentage.
    const r = e.values.indexOf(near[0]);
    expect(e.numberFormats).toContainEqual({
      range: { row: r, col: 1, rows: 1, cols: 1 },
      format: FORMATS.currency,
    });
    expect(e.numberFormats).toContainEqual({
      range: { row: r, col: 2, rows: 1, cols: 1 },
      format: FORMATS.confidence,
    });
  });

  test("mid-year view: adopted vs revised vs YTD per priority and goal, % spent, variance and pace flags", () => {
    expect(midYearColumns(ctx)?.elapsed).toBeCloseTo(198 / 365, 12);
    const rows = tableRows(m, "MidYearByPriority");
    expect(v[m.tables.find((x) => x.name === "MidYearByPriority")!.range.row]).toEqual([
      "Priority",
      "Adopted (FY 2025-26 Adopted)",
      "Revised (FY 2025-26 Revised)",
      "YTD actual (FY 2025-26 YTD Actual)",
      "% spent",
      "Expected by today",
      "Variance from expected",
      "Pace",
    ]);
    const p1 = rows[0];
    expect(p1.slice(0, 4)).toEqual(["P1 Safe neighborhoods", 880, 940.01, 663.33]);
    expect(p1[4]).toBeCloseTo(663.33 / 940.01, 12);
    expect(p1[5]).toBe(Math.round(94001 * (198 / 365)) / 100);
    expect(cents(p1[6])).toBe(66333 - Math.round(94001 * (198 / 365)));
    expect(p1[7]).toBe("Ahead of pace");
    expect(rows[1][7]).toBe("Behind pace");
    // Adopted, revised and YTD each reconcile to the lines.
    const t = m.tables.find((x) => x.name === "MidYearByPriority")!;
    const total = v[t.range.row + t.range.rows];
    expect(total[0]).toBe("Total");
    for (const [c, sum] of [
      [1, 90000 + 33333 + 50000 + 0 + 25000 + 10000 + 1000],
      [2, 219351],
      [3, 60000 + 30000 + 10000 + 0 + 0 + 5000 + 500],
    ])
      expect(rows.reduce((s, r) => s + cents(r[c]), 0)).toBe(sum);
    expect(tableRows(m, "MidYearByGoal")[0].slice(0, 4)).toEqual([
      "G1.1 Reduce response times",
      880,
      940.01,
      663.33,
    ]);
    // Pace cells that are flagged are styled as flags.
    const flagged = t.range.row + 1;
    expect(m.styles).toContainEqual({
      range: { row: flagged, col: 7, rows: 1, cols: 1 },
      style: "flag",
    });
  });

  test("after the YTD column's fiscal year has ended: compared with the full year, said in words, no pace flags", () => {
    const f = fixture();
    f.ctx.today = "2026-12-02";
    const mid = midYearColumns(f.ctx)!;
    expect(mid.phase).toBe("after");
    expect(mid.fiscalYear).toBe("FY 2025-26");
    expect(mid.elapsed).toBe(1);
    const e = buildAlignmentSheet(f.ctx);
    const head = e.values.findIndex((r) => String(r[0]).startsWith("Mid-year view"));
    expect(e.values[head][0]).toBe("Mid-year view (FY 2025-26, a year that has ended)");
    expect(noteAfter(e, head)).toBe(
      "FY 2025-26 ended on Jun 30, 2026, before Dec 2, 2026: year-to-date actuals are compared with the full " +
        "year's revised budget, and spending over it is flagged. No pace is flagged for a year that has ended."
    );
    expect(midYearNote(mid)).toBe(noteAfter(e, head));
    const t = e.tables.find((x) => x.name === "MidYearByPriority")!;
    expect(e.values[t.range.row].slice(5)).toEqual([
      "Full-year budget",
      "Variance from budget",
      "Year-end",
    ]);
    const rows = tableRows(e, "MidYearByPriority");
    // The full revised budget is the measure: P1 spent 663.33 of 940.01, under budget and not flagged.
    expect([rows[0][3], ...rows[0].slice(5, 8)]).toEqual([663.33, 940.01, -276.68, ""]);
    expect(rows[0][4]).toBeCloseTo(663.33 / 940.01, 12);
    const flags = [...rows, ...tableRows(e, "MidYearByGoal")].map((r) => r[7]);
    expect(flags.filter((x) => x === "Behind pace" || x === "Ahead of pace")).toEqual([]);
    expect(
      e.values.flat().some((x) => typeof x === "string" && /of FY 2025-26 had passed/.test(x))
    ).toBe(false);
  });

  test("before the YTD column's fiscal year begins: said in words, nothing expected, no pace flags", () => {
    const f = fixture();
    f.ctx.today = "2025-05-20";
    const mid = midYearColumns(f.ctx)!;
    expect(mid.phase).toBe("before");
    expect(mid.elapsed).toBe(0);
    const e = buildAlignmentSheet(f.ctx);
    const head = e.values.findIndex((r) => String(r[0]).startsWith("Mid-year view"));
    expect(e.values[head][0]).toBe("Mid-year view (FY 2025-26, a year not yet begun)");
    expect(noteAfter(e, head)).toBe(
      "FY 2025-26 begins on Jul 1, 2025, after May 20, 2025: nothing is expected to be spent yet, so no pace is " +
        "flagged; any spending already recorded is."
    );
    const rows = tableRows(e, "MidYearByPriority");
    expect(rows.map((r) => r[5])).toEqual(rows.map(() => 0));
    expect(rows[0][7]).toBe("Spent before the year began");
    expect(rows.some((r) => r[7] === "Behind pace" || r[7] === "Ahead of pace")).toBe(false);
  });

  test("pace: ahead, behind, within tolerance, and spending with no budget", () => {
    expect(paceFlag(10000, 8000, 0.5)).toBe("Ahead of pace");
    expect(paceFlag(10000, 2000, 0.5)).toBe("Behind pace");
    expect(paceFlag(10000, 5500, 0.5)).toBe("");
    expect(paceFlag(0, 100, 0.5)).toBe("Spending with no budget");
    expect(paceFlag(0, 0, 0.5)).toBe("");
  });

  test("the fiscal year is the one the amount column names (a proposed budget for next year)", () => {
    const f = fixture();
    f.ctx.budget.amountColumns.push({
      id: "p",
      header: "FY 2026-27 Proposed",
      kind: "proposed",
      fiscalYear: 2027,
    });
    f.ctx.budget.primaryAmount = "p";
    const p = buildAlignmentSheet(f.ctx);
    expect(rightOf(p.values, "Fiscal year")).toBe("FY 2026-27 (Jul 1, 2026 – Jun 30, 2027)");
    expect(rightOf(p.values, "Amount column")).toBe("FY 2026-27 Proposed");
    // The mid-year view stays on the year under way.
    expect(p.values.some((r) => r[0] === "Mid-year view (FY 2025-26)")).toBe(true);
  });

  test("a plan that lists a priority id twice (a plan error) still never counts money twice", () => {
    const f = fixture();
    f.ctx.plan.priorities.push({ ...f.ctx.plan.priorities[0], goals: [] });
    const d = buildAlignmentSheet(f.ctx);
    const rows = tableRows(d, "AlignmentByPriority");
    expect(rows.map((r) => r[0])).toEqual([
      "P1 Safe neighborhoods",
      "P2 Thriving economy",
      "P3 Good governance",
      "Unaligned (no goal)",
    ]);
    expect(rows.reduce((s, r) => s + cents(r[1]), 0)).toBe(219351);
  });

  test("no mid-year view when the budget has no YTD column", () => {
    const plain = fixture({}, false).ctx;
    expect(midYearColumns(plain)).toBeNull();
    const p = buildAlignmentSheet(plain);
    expect(p.values.some((r) => typeof r[0] === "string" && r[0].startsWith("Mid-year view"))).toBe(
      false
    );
    expect(p.tables.map((t) => t.name)).toEqual(["AlignmentByPriority", "AlignmentByGoal"]);
    expect(rightOf(p.values, /^total budget/i)).toBe(2193.51);
  });

  test("print-ready: landscape, one page wide, title repeated, sheet name and page in the footer; frozen title", () => {
    expect(m.print).toMatchObject({
      landscape: true,
      fitToWidth: true,
      paper: "letter",
      titleRows: { start: 0, end: 0 },
      footer: "&A — page &P of &N",
    });
    expect(m.freeze).toEqual({ rows: 1, cols: 0 });
    // Every table fits a landscape page at 100% (fit-to-width never has to shrink it).
    expect(printedWidthPx(m.columnWidths, 0, m.print.areas![0].cols - 1)).toBeLessThanOrEqual(
      PAGE_WIDTH_PX
    );
    // Page breaks only ever fall above a section's heading, a table's header or the chart.
    for (const r of m.print.rowBreaks ?? [])
      expect(
        m.styles.some(
          (st) => st.range.row === r && (st.style === "sectionHeader" || st.style === "tableHeader")
        ) || r === m.charts[0].anchor.row
      ).toBe(true);
  });

  test("values only (no formulas), column widths fit and are clamped, styles are named styles", () => {
    for (const row of v)
      for (const c of row) expect(["string", "number", "boolean"]).toContain(typeof c);
    expect(m.columnWidths.length).toBeGreaterThanOrEqual(Math.max(...v.map((r) => r.length)));
    for (const w of m.columnWidths) {
      expect(w).toBeGreaterThanOrEqual(10);
      expect(w).toBeLessThanOrEqual(44);
    }
    for (const st of m.styles) expect(Object.keys(STYLES)).toContain(st.style);
    // The label column is wide enough to read; longer labels wrap in their rows, which are made taller.
    expect(m.columnWidths[0]).toBeGreaterThanOrEqual(28);
    const goals = m.tables.find((x) => x.name === "AlignmentByGoal")!;
    expect(m.styles).toContainEqual({
      range: { row: goals.range.row + 1, col: 0, rows: goals.range.rows - 1, cols: 1 },
      style: "wrapText",
    });
  });

  test("user text stays raw in the model (the ports escape it), and an empty budget still reports", () => {
    const f = fixture();
    f.lines[0].department = '=HYPERLINK("http://x")';
    const hostile = buildAlignmentSheet(f.ctx);
    expect(hostile.values.some((r) => r[0] === '=HYPERLINK("http://x")')).toBe(true);

    const empty = fixture();
    empty.ctx.budget = { ...empty.ctx.budget, lines: [] };
    empty.ctx.tags = [];
    const e = buildAlignmentSheet(empty.ctx);
    expect(rightOf(e.values, /^total budget/i)).toBe(0);
    expect(rightOf(e.values, /^aligned/i)).toBe(0);
    expect(rangesInside(e)).toEqual([]);
  });
});
