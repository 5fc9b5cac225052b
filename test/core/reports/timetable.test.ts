import { isoToSerial } from "../../../src/core/plan/dates";
import { buildAlignmentSheet } from "../../../src/core/reports/alignment";
import { buildReviewSheet } from "../../../src/core/reports/review";
import { planActions } from "../../../src/core/plan/model";
import { reviewCycle } from "../../../src/core/plan/review-cycle";
import {
  buildTimetableSheet,
  isOverdue,
  MONTH_FORMAT,
  REVIEW_MARK,
  TIMETABLE_COLUMNS,
  TIMETABLE_SHEET,
} from "../../../src/core/reports/timetable";
import type { SheetModel } from "../../../src/core/types";
import { PAGE_WIDTH_PX, printedWidthPx } from "../../../src/core/reports/sheet";
import { FORMATS } from "../../../src/core/reports/styles";
import { fixture, fixturePlan, rangesInside } from "./fixture";

const C = (h: (typeof TIMETABLE_COLUMNS)[number]) => TIMETABLE_COLUMNS.indexOf(h);
const GRID = TIMETABLE_COLUMNS.length;

function headerRow(m: SheetModel): number {
  return m.values.findIndex((r) => r[0] === "ID" && r[1] === "Action");
}
function rowOfAction(m: SheetModel, id: string): number {
  return m.values.findIndex((r) => r[0] === id);
}
/** Grid column of the month holding `iso`. */
function monthCol(m: SheetModel, iso: string): number {
  const h = m.values[headerRow(m)];
  const serial = isoToSerial(iso.slice(0, 8) + "01");
  return h.indexOf(serial);
}

describe("Timetable sheet", () => {
  const { ctx } = fixture();
  const m = buildTimetableSheet(ctx);
  const h = headerRow(m);

  test("every action with priority, goal, owner, dates as serials, status, measure and target", () => {
    expect(m.name).toBe(TIMETABLE_SHEET);
    expect(String(m.values[0][0])).toContain("Budget Alignment");
    expect(m.values[h].slice(0, GRID)).toEqual([...TIMETABLE_COLUMNS]);
    for (const { action } of planActions(fixturePlan())) {
      const r = rowOfAction(m, action.id);
      expect(r).toBeGreaterThan(h);
      expect(m.values[r][C("Action")]).toBe(action.title);
      expect(m.values[r][C("Owner")]).toBe(action.owner);
      expect(m.values[r][C("Start")]).toBe(isoToSerial(action.start!));
      expect(m.values[r][C("Due")]).toBe(isoToSerial(action.due!));
      expect(m.values[r][C("Status")]).toBe(action.status);
    }
    const a1 = m.values[rowOfAction(m, "A1")];
    expect(a1.slice(C("Priority"), C("Goal") + 1)).toEqual([
      "P1 Safe neighborhoods",
      "G1.1 Reduce response times",
    ]);
    expect(a1.slice(C("Measure"), C("Flag") + 1)).toEqual([
      "Median call-to-dispatch time",
      "Under 60 seconds",
      "",
      "",
    ]);
    const last = m.values.length - 1;
    expect(m.numberFormats).toContainEqual({
      range: { row: h + 1, col: C("Start"), rows: last - h, cols: 2 },
      format: FORMATS.date,
    });
  });

  test("overdue actions flagged and highlighted; completed ones past due are not; SMART gaps named", () => {
    const a2 = rowOfAction(m, "A2");
    expect(m.values[a2][C("Flag")]).toBe("Overdue");
    expect(m.values[a2][C("Missing")]).toBe("measure, target");
    expect(m.styles).toContainEqual({
      range: { row: a2, col: C("Flag"), rows: 1, cols: 1 },
      style: "flag",
    });
    expect(m.styles).toContainEqual({
      range: { row: a2, col: C("Missing"), rows: 1, cols: 1 },
      style: "warning",
    });
    const from = monthCol(m, "2025-08-01");
    const to = monthCol(m, "2025-12-31");
    expect(m.styles).toContainEqual({
      range: { row: a2, col: from, rows: 1, cols: to - from + 1 },
      style: "gridOverdue",
    });
    const a4 = rowOfAction(m, "A4");
    expect(m.values[a4][C("Flag")]).toBe("");
    expect(
      isOverdue({ id: "x", title: "x", due: "2025-01-01", status: "done" }, "2026-01-15")
    ).toBe(false);
    expect(
      isOverdue({ id: "x", title: "x", due: "2025-01-01", status: "Delayed" }, "2026-01-15")
    ).toBe(true);
    expect(isOverdue({ id: "x", title: "x", due: "2026-01-15" }, "2026-01-15")).toBe(false);
  });

  test("a month grid across the horizon: spans shaded, this month marked under the spans", () => {
    const months = m.values[h].slice(GRID);
    // Whole fiscal years (July to June): from the one the plan was adopted in (2025-03-15) to the one holding
    // the five-year revision (2030-03).
    expect(months[0]).toBe(isoToSerial("2024-07-01"));
    expect(months[months.length - 1]).toBe(isoToSerial("2030-06-01"));
    expect(months.length % 12).toBe(0);
    expect(m.values[h - 1][GRID]).toBe("FY 2024-25");
    expect(m.values[h - 1][GRID + 12]).toBe("FY 2025-26");
    expect(m.numberFormats).toContainEqual({
      range: { row: h, col: GRID, rows: 1, cols: months.length },
      format: MONTH_FORMAT,
    });
    const a1 = rowOfAction(m, "A1");
    const from = monthCol(m, "2025-07-01");
    expect(m.styles).toContainEqual({
      range: { row: a1, col: from, rows: 1, cols: 12 },
      style: "gridSpan",
    });
    const today = monthCol(m, "2026-01-15");
    const todayIdx = m.styles.findIndex(
      (s) => s.style === "gridToday" && s.range.col === today && s.range.row === h + 1
    );
    const spanIdx = m.styles.findIndex((s) => s.style === "gridSpan" && s.range.row === a1);
    expect(m.styles).toContainEqual({
      range: { row: h, col: today, rows: 1, cols: 1 },
      style: "gridToday",
    });
    expect(todayIdx).toBeGreaterThanOrEqual(0);
    expect(todayIdx).toBeLessThan(spanIdx);
    const monthWidth = m.columnWidths[GRID];
    expect(m.columnWidths.slice(GRID).every((w) => w === monthWidth)).toBe(true);
    expect(monthWidth).toBeGreaterThanOrEqual(5);
  });

  test("the review cycle as its own rows, dated, marked in the grid", () => {
    const events = reviewCycle(fixturePlan());
    expect(events.length).toBeGreaterThanOrEqual(9);
    const head = m.values.findIndex((r) => r[1] === "Review cycle");
    expect(head).toBeGreaterThan(rowOfAction(m, "A4"));
    events.forEach((e, i) => {
      const r = head + 1 + i;
      expect(m.values[r][C("Action")]).toBe(e.title);
      expect(m.values[r][C("Due")]).toBe(isoToSerial(e.date));
      const c = monthCol(m, e.date);
      expect(m.values[r][c]).toBe(REVIEW_MARK);
      expect(m.values[head][c]).toBe(REVIEW_MARK);
      expect(m.styles).toContainEqual({
        range: { row: r, col: c, rows: 1, cols: 1 },
        style: "gridReview",
      });
    });
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual([
      "annual-update",
      "five-year-revision",
      "mid-year-review",
      "three-year-update",
    ]);
  });

  test("grouped by priority and goal with outline levels that collapse", () => {
    const p1 = m.values.findIndex((r) => r[0] === "P1");
    const g11 = m.values.findIndex((r) => r[0] === "G1.1");
    const p2 = m.values.findIndex((r) => r[0] === "P2");
    expect(m.outline).toContainEqual({ startRow: g11 + 1, endRow: rowOfAction(m, "A2"), level: 2 });
    expect(m.outline).toContainEqual({ startRow: p1 + 1, endRow: p2 - 1, level: 1 });
    const head = m.values.findIndex((r) => r[1] === "Review cycle");
    expect(m.outline).toContainEqual({ startRow: head + 1, endRow: m.values.length - 1, level: 1 });
    expect(rangesInside(m)).toEqual([]);
  });

  test("print-ready, header frozen with the action titles", () => {
    expect(m.print).toMatchObject({
      landscape: true,
      fitToWidth: true,
      titleRows: { start: h, end: h },
      titleCols: { start: C("ID"), end: C("Action") },
      footer: "&A — page &P of &N",
    });
    expect(m.freeze).toEqual({ rows: h + 1, cols: 2 });
    // The action table (ID … Flag) prints first, then one area per fiscal year of the grid, each with ID and
    // Action repeated at its left; every one of them fits a landscape page at 100%.
    const [table, ...years] = m.print.areas!;
    expect(table).toEqual({ row: 0, col: 0, rows: m.values.length, cols: C("Flag") + 1 });
    const months = m.values[h].length - GRID;
    // Only the fiscal years an action runs in, or that hold today, print: each has shading, and every shaded year
    // prints (the fixture's plan runs six years, its actions in three of them).
    const shaded = m.styles
      .filter((s) => ["gridSpan", "gridOverdue", "gridToday"].includes(s.style))
      .map((s) => s.range);
    const shadedIn = (col: number) =>
      shaded.some((r) => r.col <= col + 11 && r.col + r.cols - 1 >= col);
    const printed = Array.from({ length: months / 12 }, (_, k) => GRID + 12 * k).filter(shadedIn);
    expect(years.map((a) => a.col)).toEqual(printed);
    expect(years.length).toBeGreaterThan(0);
    expect(years.length).toBeLessThan(months / 12);
    years.forEach((a) => {
      expect(a).toEqual({
        row: h - 1,
        col: a.col,
        rows: m.values.length - h + 1,
        cols: 12,
      });
      expect(String(m.values[h - 1][a.col])).toMatch(/^FY \d{4}-\d{2}$/);
      expect(
        printedWidthPx(m.columnWidths, 0, 1) + printedWidthPx(m.columnWidths, a.col, a.col + 11)
      ).toBeLessThanOrEqual(PAGE_WIDTH_PX);
    });
    expect(printedWidthPx(m.columnWidths, 0, C("Flag"))).toBeLessThanOrEqual(PAGE_WIDTH_PX);
    // Priority and Goal stay on screen, after the printed columns.
    expect(C("Priority")).toBeGreaterThan(C("Flag"));
  });

  test("a plan without an adoption date still has a timetable, and says where dates are counted from", () => {
    const f = fixture();
    f.ctx.plan.adopted = null;
    const t = buildTimetableSheet(f.ctx);
    const notes = t.values.slice(0, 4).map((r) => String(r[0]));
    // Earliest action start 2025-04-01 → first fiscal-year start after it, Jul 1, 2025.
    expect(notes.some((n) => n.includes("no adoption date") && n.includes("Jul 1, 2025"))).toBe(
      true
    );
    expect(t.values.some((r) => r[1] === "Review cycle")).toBe(true);
    expect(rowOfAction(t, "A1")).toBeGreaterThan(0);
    expect(rangesInside(t)).toEqual([]);

    // No adoption date and no action dates: the grid starts with today's fiscal year; no review cycle.
    f.ctx.plan.priorities[0].goals[0].actions = [{ id: "B1", title: "Undated" }];
    f.ctx.plan.priorities[0].goals[1].actions = [];
    const u = buildTimetableSheet(f.ctx);
    expect(u.values.some((r) => typeof r[0] === "string" && r[0].includes("cannot be dated"))).toBe(
      true
    );
    expect(u.values[headerRow(u)][GRID]).toBe(isoToSerial("2025-07-01"));
    expect(u.values[rowOfAction(u, "B1")][C("Missing")]).toBe("measure, target, owner, due date");
    expect(rangesInside(u)).toEqual([]);
  });

  test("a plan with no dated action prints no month grid, and says so", () => {
    const f = fixture();
    for (const p of f.ctx.plan.priorities)
      for (const g of p.goals)
        g.actions = (g.actions ?? []).map((a) => ({ ...a, start: undefined, due: undefined }));
    const t = buildTimetableSheet(f.ctx);
    // The review cycle is still dated (the plan has its adoption date), but only the action table prints.
    expect(t.values.some((r) => r.includes(REVIEW_MARK))).toBe(true);
    expect(t.print.areas).toEqual([{ row: 0, col: 0, rows: t.values.length, cols: C("Flag") + 1 }]);
    expect(
      t.values.slice(0, 6).some((r) => String(r[0]).includes("the month grid is not printed"))
    ).toBe(true);
  });

  test("month headers fit their columns: the month alone where the year would not fit (no ###)", () => {
    const f = fixture();
    // Long IDs and titles, and nothing else to print beside them, leave less of the page to the twelve months.
    for (const p of f.ctx.plan.priorities)
      for (const g of p.goals)
        g.actions = (g.actions ?? []).map((a) => ({
          id: `${a.id}-2025-ACT`,
          start: a.start,
          due: a.due,
          title: `${a.title} across every neighborhood of the city, in partnership with community groups`,
        }));
    const t = buildTimetableSheet(f.ctx);
    const hr = headerRow(t);
    const width = t.columnWidths[GRID];
    expect(width).toBeLessThan(7); // the case this test is about
    const last = [...t.numberFormats]
      .reverse()
      .find((x) => x.range.row === hr && x.range.col === GRID);
    // "Sep 27" needs 6 characters and a margin; "Sep" 3.
    expect(last?.format).toBe(width < 7 ? "mmm" : MONTH_FORMAT);
    expect((last?.format === "mmm" ? 3 : 6) + 1).toBeLessThanOrEqual(width);
  });

  test("an empty plan and very long spans stay inside the sheet", () => {
    const f = fixture();
    f.ctx.plan.priorities = [];
    expect(rangesInside(buildTimetableSheet(f.ctx))).toEqual([]);
    const g = fixture();
    g.ctx.plan.priorities[0].goals[0].actions![0].due = "2090-01-01";
    const t = buildTimetableSheet(g.ctx);
    expect(t.values[headerRow(t)].length).toBe(GRID + 240);
    expect(rangesInside(t)).toEqual([]);
  });
});

describe("title cells", () => {
  test("every report's first cell is its one-line title, even for a plan name with line breaks", () => {
    const f = fixture();
    f.ctx.plan.name = "Riverton\nPlan  2030 ";
    const titles = [
      buildAlignmentSheet(f.ctx),
      buildReviewSheet(f.ctx),
      buildTimetableSheet(f.ctx),
    ].map((m) => m.values[0][0]);
    expect(titles).toEqual([
      "Budget Alignment — Riverton Plan 2030",
      "Budget Alignment — Review of programs",
      "Budget Alignment — Timetable: Riverton Plan 2030",
    ]);
    for (const t of titles) expect(String(t)).toMatch(/^Budget Alignment( — .*)?$/);
    f.ctx.plan.name = "";
    expect(buildAlignmentSheet(f.ctx).values[0][0]).toBe("Budget Alignment");
  });
});
