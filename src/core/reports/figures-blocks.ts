/**
 * The Alignment sheet's blocks written from the run's figures (./figures): the Review counts under the headline,
 * "Money on no goal" (every untagged dollar in a named, counted row: on the Review sheet, or spending that is not a
 * program) and "Review answers" (answers by response, with money). Kept apart from alignment.ts so each output's
 * wording of a figure sits beside the others.
 */
import { NON_PROGRAM_ANSWER } from "../decisions";
import type { Figures } from "./figures";
import { LOW_CONFIDENCE, movedText } from "./figures";
import { rng, type SheetBuilder } from "./sheet";
import { FORMATS } from "./styles";
import { fromCents } from "./totals";

export const MONEY_ON_NO_GOAL_TITLE = "Money on no goal";
export const ANSWERS_TITLE = "Review answers";

/** Headline rows: the programs on the Review sheet, and why (the same counts as the Review sheet and the CLI). */
export function reviewHeadlineRows(
  f: Figures,
  headline: (text: string, value: number, fmt: string) => number
): void {
  headline("Programs on the Review sheet", f.onReview, FORMATS.integer);
  headline("… that fit no goal", f.fitsNoGoal.programs, FORMATS.integer);
  headline("… with some lines on no goal", f.partlyUntagged.programs, FORMATS.integer);
  headline(
    `… with low-confidence tags (below ${Math.round(LOW_CONFIDENCE * 100)}%)`,
    f.lowConfidence.programs,
    FORMATS.integer
  );
}

function sectionHead(b: SheetBuilder, title: string, cols: number): void {
  const head = b.row([title]);
  b.freeRows.add(head);
  b.style(rng(head, 0, 1, cols), "sectionHeader");
}

/**
 * Every dollar on no goal, in named rows that add up to the Unaligned figure: the programs that fit no goal and the
 * lines on no goal of other programs (both listed on the Review sheet), the spending that is not a program (debt
 * service, transfers, contingency: a plan need not cover it), and the part of split lines no share carries.
 * Nothing is written when every dollar is on a goal.
 */
export function moneyOnNoGoalBlock(b: SheetBuilder, f: Figures): void {
  if (f.untagged.lines === 0 && f.unallocatedShareCents === 0) return;
  sectionHead(b, MONEY_ON_NO_GOAL_TITLE, 4);
  const header = b.row(["Where it is", "Programs", "Lines", "Amount"]);
  b.style(rng(header, 0, 1, 4), "tableHeader");
  const first = b.next;
  const row = (label: string, programs: number | "", lines: number | "", cents: number) =>
    b.row([label, programs, lines, fromCents(cents)]);
  row(
    "Programs that fit no goal (on the Review sheet)",
    f.fitsNoGoal.programs,
    f.fitsNoGoal.lines,
    f.fitsNoGoal.cents
  );
  row(
    "Lines on no goal in programs otherwise tagged (on the Review sheet)",
    f.partlyUntagged.programs,
    f.partlyUntagged.lines,
    f.partlyUntagged.cents
  );
  for (const k of f.nonProgram.byKind) {
    // Confirmed lines (the Goal cell says Non-program) and the rest of the kind, each in a row of its own.
    if (k.confirmedLines > 0)
      row(
        `${k.label}: not a program, confirmed ("${NON_PROGRAM_ANSWER}" in the Goal column)`,
        "",
        k.confirmedLines,
        k.confirmedCents
      );
    if (k.lines > k.confirmedLines)
      row(
        `${k.label}: not a program by its words, a plan need not cover it (type "${NON_PROGRAM_ANSWER}" in ` +
          `its Goal cell to confirm, or tag it to a goal if your plan covers it)`,
        "",
        k.lines - k.confirmedLines,
        k.cents - k.confirmedCents
      );
  }
  if (f.untaggedZeroLines > 0)
    row("Lines on no goal with no money (nothing to review)", "", f.untaggedZeroLines, 0);
  if (f.unallocatedShareCents !== 0)
    row("Part of split lines that no share carries", "", "", f.unallocatedShareCents);
  const total = b.row([
    "Total on no goal (the Unaligned figure)",
    f.untagged.programs,
    f.untagged.lines,
    fromCents(f.unalignedCents),
  ]);
  b.style(rng(total, 0, 1, 4), "headline");
  b.style(rng(first, 0, total - first + 1, 1), "wrapText");
  b.format(rng(first, 1, total - first + 1, 2), FORMATS.integer);
  b.format(rng(first, 3, total - first + 1, 1), FORMATS.currency);
  b.row();
}

/**
 * The Review answers that count, by response, with the programs and their money in this budget, and how many were
 * read from the Review sheet this run and changed since the last. Nothing is written before anyone answers.
 */
export function answersBlock(b: SheetBuilder, f: Figures): void {
  const a = f.answers;
  if (a.total === 0) return;
  sectionHead(b, ANSWERS_TITLE, 3);
  const header = b.row(["Response", "Programs", "Amount"]);
  b.style(rng(header, 0, 1, 3), "tableHeader");
  const first = b.next;
  for (const r of a.byResponse) b.row([r.response, r.programs, fromCents(r.cents)]);
  b.format(rng(first, 1, b.next - first, 1), FORMATS.integer);
  b.format(rng(first, 2, b.next - first, 1), FORMATS.currency);
  b.textRow(
    `${a.total.toLocaleString("en-US")} answer${a.total === 1 ? "" : "s"} in all; ${a.read.toLocaleString("en-US")} read from the Review sheet this run, ` +
      `${a.changed.toLocaleString("en-US")} new or changed there since the last run. Amounts are each program's whole budget. ` +
      movedText(a.moved),
    "note"
  );
  b.row();
}
