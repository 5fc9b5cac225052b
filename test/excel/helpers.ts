/** Shared set-up of the Excel port tests: a port over the in-memory fake Excel. */
import { ExcelPort, type ExcelPortOptions, type ExcelRun } from "../../src/excel/port";
import { FakeExcel, type FakeExcelOptions } from "../fake-excel/fake-excel";

export function fakeExcel(options?: FakeExcelOptions): FakeExcel {
  return new FakeExcel(options);
}

export function portOver(
  fake: FakeExcel,
  options: Omit<ExcelPortOptions, "run" | "isSetSupported"> = {}
): ExcelPort {
  return new ExcelPort({
    ...options,
    run: fake.run as unknown as ExcelRun,
    isSetSupported: fake.isSetSupported,
  });
}

/** A budget-like sheet: a header row, then `rows` lines of text and amounts. */
export function budgetValues(rows: number, cols = 8): (string | number)[][] {
  const header = [
    "Department",
    "Division",
    "Program",
    "Fund",
    "Account",
    "Description",
    "FY 2026 Adopted",
    "Goal",
  ];
  const out: (string | number)[][] = [header.slice(0, cols)];
  const depts = ["Public Works", "Parks and Recreation", "Police", "Fire", "Library", "Finance"];
  for (let i = 0; i < rows; i++) {
    const row: (string | number)[] = [
      depts[i % depts.length],
      `Division ${i % 17}`,
      `Program ${i % 43}`,
      "General Fund",
      `5${String(i % 1000).padStart(4, "0")}`,
      `Line item ${i} for services and supplies`,
      Math.round(((i * 7919) % 100000) * 100) / 100,
      "",
    ];
    out.push(row.slice(0, cols));
  }
  return out;
}
