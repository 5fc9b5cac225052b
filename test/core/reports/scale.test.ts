/**
 * 100,000 budget lines through all three report builders: every total still reconciles to the cent and the
 * Review sheet has one row per program. (Speed is measured by npm run bench; this checks the outcome at scale.)
 */
import { buildAlignmentSheet } from "../../../src/core/reports/alignment";
import { buildReviewSheet, REVIEW_COLUMNS } from "../../../src/core/reports/review";
import { buildTimetableSheet } from "../../../src/core/reports/timetable";
import { alignmentCents } from "../../../src/core/reports/totals";
import type { BudgetLine, LineTag } from "../../../src/core/types";
import { fixture, rangesInside, rightOf } from "./fixture";

test("100,000 lines: totals reconcile, one review row per flagged or low-confidence program", () => {
  const f = fixture();
  const lines: BudgetLine[] = [];
  const tags: LineTag[] = [];
  for (let i = 0; i < 100_000; i++) {
    const j = i % f.lines.length;
    const amount = Math.round((i % 997) * 1234.567) / 100;
    lines.push({
      ...f.lines[j],
      key: `k${i}`,
      row: i + 2,
      department: `Dept ${i % 40}`,
      program: `Program ${i % 3000}`,
      amount,
    });
    tags.push({ ...f.tags[j], key: `k${i}` });
  }
  const ctx = { ...f.ctx, budget: { ...f.ctx.budget, lines }, tags };
  const a = buildAlignmentSheet(ctx);
  const r = buildReviewSheet(ctx);
  const t = buildTimetableSheet(ctx);

  const c = alignmentCents(lines, tags);
  const expected = lines.reduce((s, l) => s + Math.round(l.amount * 100), 0);
  expect(c.budget).toBe(expected);
  expect(Math.round((rightOf(a.values, /^total budget/i) as number) * 100)).toBe(expected);
  expect(Math.round((rightOf(a.values, /^aligned/i) as number) * 100)).toBe(c.aligned);
  const table = a.tables.find((x) => x.name === "AlignmentByPriority")!;
  const body = a.values.slice(table.range.row + 1, table.range.row + table.range.rows);
  expect(body.reduce((s, row) => s + Math.round((row[1] as number) * 100), 0)).toBe(expected);

  // Lines 2 and 3 of every 7 are flagged (Parks in the fixture); here programs cycle over 3000 names.
  const flaggedPrograms = new Set(
    lines.filter((_, i) => tags[i].flagged).map((l) => `${l.department}|${l.program}`)
  );
  const rows = r.values.filter((row) => row[REVIEW_COLUMNS.indexOf("Reason")] === "Fits no goal");
  expect(rows).toHaveLength(flaggedPrograms.size);
  for (const m of [a, r, t]) expect(rangesInside(m)).toEqual([]);
});
