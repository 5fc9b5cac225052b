/**
 * Formulas with no saved value. Excel and LibreOffice save each formula's last result next to it; a workbook
 * written by a script (openpyxl, exceljs, a report generator) and never opened in a spreadsheet program has the
 * formulas only, and reading it gives blanks where the amounts should be — a total silently short. The CLI refuses
 * such a workbook when any of the budget's amount cells is one, and says what to do.
 */
import type ExcelJS from "exceljs";
import { columnLetter } from "../core/a1";
import { sheetRef } from "../core/plan/layout";
import type { Issue, SheetLayout } from "../core/types";

function formulaOf(v: ExcelJS.CellValue): string | null {
  if (v === null || typeof v !== "object" || v instanceof Date) return null;
  const o = v as unknown as Record<string, unknown>;
  if (!("formula" in o) && !("sharedFormula" in o)) return null;
  if (o.result !== undefined && o.result !== null) return null;
  return String(o.formula ?? o.sharedFormula ?? "");
}

/** A formula cell with no saved value: 1-based row and column, and the formula without its "=". */
export interface UnsavedFormula {
  row: number;
  col: number;
  formula: string;
  /** For a shared formula's dependent cell: the cell whose formula it copies (its references shifted). */
  sharedFrom?: string;
}

/** What a formula cell holds, in words: "the formula =SUM(E4:E9)", or the shared formula it copies. */
function formulaWords(f: { formula: string; sharedFrom?: string }): string {
  if (f.sharedFrom) return `a copy of the formula in ${f.sharedFrom} (=${f.formula})`;
  return f.formula ? `the formula =${f.formula}` : "a formula";
}

/**
 * Where the formulas with no saved value are, by sheet, for any reader of the file: the sheets shown to the
 * person (hidden ones are not looked at when no budget was found) and each sheet's such cells.
 */
export interface UnsavedFormulas {
  visibleSheets: string[];
  cellsOf(sheet: string): UnsavedFormula[];
}

/** The formulas with no saved value of a workbook loaded with exceljs. */
export function unsavedFormulasOf(workbook: ExcelJS.Workbook): UnsavedFormulas {
  return {
    visibleSheets: workbook.worksheets
      .filter((ws) => ws.state === "visible" || ws.state === undefined)
      .map((ws) => ws.name),
    cellsOf(sheet: string): UnsavedFormula[] {
      const ws = workbook.worksheets.find((w) => w.name === sheet);
      const out: UnsavedFormula[] = [];
      ws?.eachRow({ includeEmpty: false }, (row, r) =>
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          const f = formulaOf(cell.value);
          if (f !== null) out.push({ row: r, col: c, formula: f });
        })
      );
      return out;
    },
  };
}

/**
 * The error for the amount cells of the budget sheets that hold a formula with no saved value, or null when there
 * are none. Amount cells are those of the layouts' amount columns below their header rows; when no budget was
 * found (perhaps because every amount is such a formula), any cell of a visible sheet counts.
 */
export function formulasWithoutValues(
  unsaved: UnsavedFormulas,
  layouts: SheetLayout[]
): Issue | null {
  const found: { sheet: string; cell: string; formula: string; sharedFrom?: string }[] = [];
  const at = (sheet: string, f: UnsavedFormula) =>
    found.push({ ...f, sheet, cell: `${columnLetter(f.col - 1)}${f.row}` });
  if (!layouts.some((l) => l.headerRow > 0)) {
    for (const sheet of unsaved.visibleSheets) for (const f of unsaved.cellsOf(sheet)) at(sheet, f);
  }
  for (const layout of layouts) {
    if (layout.headerRow === 0) continue;
    const cols = new Set(layout.columns.filter((c) => c.role === "amount").map((c) => c.col + 1));
    if (cols.size === 0) continue;
    for (const f of unsaved.cellsOf(layout.sheet))
      if (f.row > layout.headerRow && cols.has(f.col)) at(layout.sheet, f);
  }
  if (found.length === 0) return null;
  const [first] = found;
  const more = found.length - 1;
  const others = found
    .slice(1, 6)
    .map((f) => `${sheetRef(f.sheet)}!${f.cell}`)
    .join(", ");
  return {
    severity: "error",
    code: "budget.formula-no-value",
    sheet: first.sheet,
    cell: first.cell,
    message:
      `${sheetRef(first.sheet)}!${first.cell} holds ${formulaWords(first)} with no saved value` +
      (more > 0
        ? `, and so ${more === 1 ? "does" : "do"} ${more.toLocaleString("en-US")} more amount cell${more === 1 ? "" : "s"} (${others}${more > 5 ? ", …" : ""})`
        : "") +
      ": the workbook was saved by a program that does not calculate formulas, so these amounts cannot be read " +
      "and the totals would be wrong. Open it in Excel or LibreOffice, save it, and run again.",
  };
}
