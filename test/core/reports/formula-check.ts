/** Test helpers: a SheetModel's formulas evaluated over its own values, next to the values the core cached. */
import { cellAddress } from "../../../src/core/a1";
import type { CellValue, SheetModel } from "../../../src/core/types";
import { evaluateAll, type Grid } from "../../fake-excel/formula-eval";

/** The model's formula cells as a list, and a grid over its values where those cells are formulas. */
export function modelGrid(m: SheetModel, values: CellValue[][] = m.values) {
  const formulas = new Map<string, string>();
  const cells: { row: number; col: number }[] = [];
  for (const b of m.formulas ?? [])
    b.formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        formulas.set(`${b.range.row + i},${b.range.col + j}`, f);
        cells.push({ row: b.range.row + i, col: b.range.col + j });
      })
    );
  const grid: Grid = {
    value: (r, c) => values[r]?.[c] ?? "",
    formula: (r, c) => formulas.get(`${r},${c}`),
  };
  return { grid, cells, formulas };
}

/** Every formula's evaluated value next to the value the model caches for it. */
export function mismatches(m: SheetModel, values: CellValue[][] = m.values): string[] {
  const { grid, cells } = modelGrid(m, values);
  const got = evaluateAll(cells, grid);
  const out: string[] = [];
  for (const { row, col } of cells) {
    const v = got.get(`${row},${col}`);
    const want = m.values[row]?.[col];
    const ok =
      typeof v === "number" && typeof want === "number"
        ? Math.abs(v - want) <= 0.005 + Math.abs(want) * 1e-12
        : v === want;
    if (!ok)
      out.push(`${cellAddress(row, col)}: formula gives ${String(v)}, core says ${String(want)}`);
  }
  return out;
}
