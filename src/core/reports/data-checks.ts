/**
 * The Alignment sheet's "Data checks" block: what the reader found that changes a total (grouped and counted, each
 * with its cells), and how the figures were read (subtotal rows left out). Kept in its own file so the layout of the
 * rest of the sheet can change around it.
 */
import { cellList, moneyGroups } from "../budget/money-checks";
import { leftOutText, sheetsLeftOut } from "../budget/sheets";
import type { ReportContext } from "./context";
import { rng, type SheetBuilder } from "./sheet";
import { FORMATS } from "./styles";

export const DATA_CHECKS_TITLE = "Data checks";

/** Appends the block (section header, a Check / Count / Where table, a blank row) to the sheet being built. */
export function dataChecksBlock(b: SheetBuilder, ctx: ReportContext): void {
  const head = b.row([DATA_CHECKS_TITLE]);
  b.freeRows.add(head);
  b.style(rng(head, 0, 1, 3), "sectionHeader");
  const header = b.row(["Check", "Count", "Where"]);
  b.style(rng(header, 0, 1, 3), "tableHeader");
  const first = b.next;
  const groups = moneyGroups(ctx.budget.issues);
  for (const g of groups) {
    const r = b.row([g.title, g.count, `${cellList(g, 10)}. ${g.first}`]);
    b.freeRows.add(r);
  }
  if (groups.length === 0)
    b.row([
      "Problems that change a total",
      0,
      "None: every amount cell was read as an amount and every total row of the sheets matches its lines.",
    ]);
  for (const i of ctx.budget.issues.filter((x) => x.code === "budget.scale")) {
    const r = b.row([
      "Amounts given in thousands or millions, shown here in dollars",
      1,
      i.message,
    ]);
    b.freeRows.add(r);
  }
  const leftOut = sheetsLeftOut(ctx.budget.issues);
  if (leftOut.length) {
    const r = b.row(["Sheets not added in", leftOut.length, `${leftOutText(leftOut)}.`]);
    b.freeRows.add(r);
  }
  b.row(["Subtotal and total rows left out (not counted twice)", ctx.budget.skippedSubtotals, ""]);
  b.format(rng(first, 1, b.next - first, 1), FORMATS.integer);
  b.style(rng(first, 0, b.next - first, 1), "wrapText"); // long check names wrap in the label column
  b.row();
}
