/**
 * The Excel port measured through the in-memory fake (used by bench/run-bench.ts; no jest here).
 * - `benchRun(budget, plan)`: the task pane's whole job — the budget and the plan in fake sheets, then
 *   runAlignment (list, read, tag, build the three report sheets, write them, store the state) through ExcelPort;
 * - `benchPort(values)`: the port alone — read the budget, write a report-sized set of sheet models.
 * Both count syncs and payloads as Excel on the web would see them.
 */
import type { CellValue, SheetModel } from "../../src/core/types";
import { runAlignment } from "../../src/core/workflow";
import { ExcelPort, type ExcelRun } from "../../src/excel/port";
import { FakeExcel } from "../fake-excel/fake-excel";
import { bareModel } from "../fixtures/sheet-model";

export interface BenchPortResult {
  /** Every sync of the read and the write. */
  syncs: number;
  largestRequestBytes: number;
  largestResponseBytes: number;
  ms: number;
  readSyncs: number;
  writeSyncs: number;
  /** JSON bytes Excel handed over (read) and was handed (write). */
  bytesRead: number;
  bytesWritten: number;
}

/** A report-like sheet: landscape, fit to width, title row 4 repeated, the add-in's footer. */
function baseModel(name: string, values: CellValue[][]): SheetModel {
  return bareModel(name, values, {
    print: {
      landscape: true,
      fitToWidth: true,
      titleRows: { start: 3, end: 3 },
      footer: "Budget Alignment",
    },
  });
}

/** Three models the size of a real report over these budget values (first row = headers). */
export function reportSizedModels(values: CellValue[][]): SheetModel[] {
  const body = values.slice(1);
  const width = values[0]?.length ?? 0;
  const text = (row: CellValue[], c: number) =>
    c < width && row[c] !== null ? String(row[c]) : "";
  const amountCol = Math.max(
    0,
    (values[1] ?? []).findIndex((v) => typeof v === "number")
  );
  const header: CellValue[] = [
    "Department",
    "Program",
    "Description",
    "Amount",
    "Goal",
    "Source",
    "Confidence",
  ];
  const rows: CellValue[][] = [
    ["Budget Alignment — alignment of the budget to the strategic plan"],
    ["Generated 2026-01-15"],
    [],
    header,
  ];
  const programs = new Map<string, number>();
  for (const row of body) {
    const amount = typeof row[amountCol] === "number" ? (row[amountCol] as number) : 0;
    const dept = text(row, 0);
    const program = text(row, 2) || text(row, 1);
    rows.push([dept, program, text(row, 5) || text(row, 3), amount, "G1.2", "suggested", 0.62]);
    programs.set(`${dept}|${program}`, (programs.get(`${dept}|${program}`) ?? 0) + amount);
  }
  const alignment = baseModel("Alignment", rows);
  alignment.numberFormats = [
    { range: { row: 4, col: 3, rows: body.length, cols: 1 }, format: '"$"#,##0;[Red]-"$"#,##0' },
    { range: { row: 4, col: 6, rows: body.length, cols: 1 }, format: "0%" },
  ];
  alignment.styles = [
    { range: { row: 0, col: 0, rows: 1, cols: 1 }, style: "title" },
    { range: { row: 3, col: 0, rows: 1, cols: 7 }, style: "tableHeader" },
  ];
  alignment.columnWidths = [24, 28, 40, 14, 10, 12, 12];
  alignment.freeze = { rows: 4, cols: 0 };
  if (body.length > 0)
    alignment.tables = [
      { name: "AlignmentLines", range: { row: 3, col: 0, rows: body.length + 1, cols: 7 } },
    ];
  alignment.conditionalFormats = [
    {
      type: "blankCell",
      range: { row: 4, col: 0, rows: Math.max(1, body.length), cols: 7 },
      style: "flag",
      testCol: 4,
    },
  ];

  const reviewRows: CellValue[][] = [
    ["Review"],
    [],
    ["Department", "Program", "Amount", "Response", "Goal"],
  ];
  for (const [key, amount] of programs) {
    const [dept, program] = key.split("|");
    reviewRows.push([dept, program, amount, "", ""]);
  }
  const review = baseModel("Review", reviewRows);
  review.validations = [
    {
      range: { row: 3, col: 3, rows: Math.max(1, programs.size), cols: 1 },
      list: ["Retain — serves goal", "Modify", "Eliminate", "Needs a new goal"],
    },
  ];
  review.numberFormats = [
    { range: { row: 3, col: 2, rows: Math.max(1, programs.size), cols: 1 }, format: '"$"#,##0' },
  ];

  const months = Array.from({ length: 36 }, (_, i) => `M${i + 1}`);
  const timetableRows: CellValue[][] = [["Timetable"], [], ["Action", ...months]];
  for (let i = 0; i < 60; i++) timetableRows.push([`Action ${i + 1}`, ...months.map(() => "")]);
  const timetable = baseModel("Timetable", timetableRows);
  timetable.styles = [{ range: { row: 3, col: 1, rows: 60, cols: 12 }, style: "gridSpan" }];
  return [alignment, review, timetable];
}

export async function benchPort(values: CellValue[][]): Promise<BenchPortResult> {
  const fake = new FakeExcel();
  fake.addSheet("Budget", values);
  const port = new ExcelPort({
    run: fake.run as unknown as ExcelRun,
    isSetSupported: fake.isSetSupported,
  });
  const models = reportSizedModels(values);
  const start = Date.now();
  const [cells] = await port.readSheets(["Budget"]);
  const readSyncs = fake.syncs;
  if (cells.values.length !== values.length) throw new Error("bench-port: the read lost rows");
  await port.writeSheets(models);
  return resultOf(fake.syncLog, Date.now() - start, readSyncs);
}

/** The whole run through the port and the fake: budget and plan sheets in, the three reports and the state out. */
export async function benchRun(
  budget: CellValue[][],
  plan: CellValue[][],
  today = "2026-11-22"
): Promise<BenchPortResult & { lines: number }> {
  const fake = new FakeExcel();
  fake.addSheet("Budget", budget);
  fake.addSheet("Strategic Plan", plan);
  const port = new ExcelPort({
    run: fake.run as unknown as ExcelRun,
    isSetSupported: fake.isSetSupported,
  });
  const start = Date.now();
  let readSyncs = 0;
  const { analysis } = await runAlignment(port, { today }, (p) => {
    if (p.label.startsWith("Tagging")) readSyncs = fake.syncs;
  });
  return {
    lines: analysis.budget.lines.length,
    ...resultOf(fake.syncLog, Date.now() - start, readSyncs),
  };
}

/** The figures of a run from the fake's sync log: the syncs before `readSyncs` were the read's. */
function resultOf(log: FakeExcel["syncLog"], ms: number, readSyncs: number): BenchPortResult {
  return {
    syncs: log.length,
    largestRequestBytes: Math.max(0, ...log.map((s) => s.requestBytes)),
    largestResponseBytes: Math.max(0, ...log.map((s) => s.responseBytes)),
    ms,
    readSyncs,
    writeSyncs: log.length - readSyncs,
    bytesRead: log.reduce((n, s) => n + s.responseBytes, 0),
    bytesWritten: log.reduce((n, s) => n + s.requestBytes, 0),
  };
}
