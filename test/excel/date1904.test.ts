/**
 * A workbook in the 1904 date system through the Excel port (issue #30): the port asks Excel's DATE(1904, 1, 1) once
 * per read and per write (0 in the 1904 system, 1,462 in the 1900 one), reads dates (numbers under a date format)
 * as the 1900 serials the core works in, and writes the report's dates back in the workbook's own system
 * (src/core/date-system.ts, the rule the CLI's package port uses too). The fake models the date system: DATE
 * answers in it, and the test stores the plan's dates as that system's serials.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { isDateFormat } from "../../src/core/number-format";
import { planActions } from "../../src/core/plan/model";
import type { CellValue } from "../../src/core/types";
import { runAlignment } from "../../src/core/workflow";
import { main } from "../../src/cli/main";
import { PackagePort } from "../../src/xlsx/package-port";
import { builtPackage } from "../fixtures/bad/packages";
import { budgetSheet, planSheet, STANDARD_PLAN, type PlanNodeRow } from "../reliability/books";
import type { FakeExcel } from "../fake-excel/fake-excel";
import { fakeExcel, portOver } from "./helpers";

jest.setTimeout(120_000);

const TODAY = "2026-11-23";
const DATE_FORMAT = "m/d/yyyy";
const DAYS_1904 = 1462;

/** Excel's 1900-system serial of an ISO date. */
const serial1900 = (iso: string) =>
  Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000);

/** Actions due before today (overdue), later this fiscal year and next year, with start dates. */
const ACTIONS: (PlanNodeRow & { start: string })[] = [
  {
    level: "Action",
    id: "A1.1.1",
    parent: "G1.1",
    title: "Add a dispatch console",
    owner: "Fire",
    start: "2025-09-01",
    due: "2026-06-30",
    measure: "Minutes",
    target: "6",
  },
  {
    level: "Action",
    id: "A1.2.1",
    parent: "G1.2",
    title: "Add a patrol shift",
    owner: "Police",
    start: "2026-07-01",
    due: "2027-03-31",
    measure: "Crimes",
    target: "100",
  },
  {
    level: "Action",
    id: "A2.1.1",
    parent: "G2.1",
    title: "Resurface the river trail",
    owner: "Parks",
    start: "2027-01-15",
    due: "2028-06-30",
    measure: "Miles",
    target: "4",
  },
];

/** The plan sheet with real date cells (Adopted, Start, Due) as serials of `system` under a date format. */
function datedBook(
  system: 1900 | 1904,
  plan = planSheet([...STANDARD_PLAN, ...ACTIONS])
): FakeExcel {
  const fake = fakeExcel();
  fake.data.date1904 = system === 1904;
  const shift = system === 1904 ? DAYS_1904 : 0;
  const budget = budgetSheet();
  fake.addSheet(budget.name, budget.values);
  const sheet = fake.addSheet(plan.name, plan.values);
  const header = plan.values.findIndex((r) => r.includes("Due"));
  const startCol = plan.values[header].indexOf("Start");
  const dueCol = plan.values[header].indexOf("Due");
  const date = (r: number, c: number, iso: string) => {
    sheet.setRaw(r, c, serial1900(iso) - shift);
    sheet.setNumberFormat(r, c, DATE_FORMAT);
  };
  date(1, 1, "2026-03-15"); // Adopted
  plan.values.forEach((row, r) => {
    if (r <= header) return;
    const action = ACTIONS.find((a) => a.id === row[1]);
    if (action) date(r, startCol, action.start);
    if (typeof row[dueCol] === "string" && /^\d{4}-/.test(row[dueCol] as string))
      date(r, dueCol, row[dueCol] as string);
  });
  return fake;
}

/** Every cell of a written sheet with its number format. */
function cellsOf(fake: FakeExcel, name: string): { value: CellValue; format: string }[][] {
  const s = fake.sheet(name);
  const rect = s.usedRect(false)!;
  const values = s.valuesOf(rect) as CellValue[][];
  const formats = s.numberFormatsOf(rect);
  return values.map((row, r) => row.map((value, c) => ({ value, format: formats[r][c] })));
}

test("a 1904 workbook in the pane: the same plan dates, Timetable, overdue marks and Alignment as the 1900 one, its serials 1,462 days smaller", async () => {
  const b1900 = datedBook(1900);
  const b1904 = datedBook(1904);
  const r1900 = await runAlignment(portOver(b1900), { today: TODAY });
  const r1904 = await runAlignment(portOver(b1904), { today: TODAY });

  // The plan's dates read as the dates the cells show.
  const dates = (r: typeof r1900) =>
    planActions(r.analysis.plan!).map(({ action: a }) => ({
      id: a.id,
      start: a.start,
      due: a.due,
    }));
  expect(dates(r1904)).toEqual(dates(r1900));
  expect(dates(r1904)).toEqual(
    expect.arrayContaining([{ id: "A1.1.1", start: "2025-09-01", due: "2026-06-30" }])
  );
  expect(r1904.written).toEqual(r1900.written);

  let shifted = 0;
  for (const name of r1900.written) {
    const a = cellsOf(b1900, name);
    const b = cellsOf(b1904, name);
    expect(b.length).toBe(a.length);
    a.forEach((row, r) =>
      row.forEach((cell, c) => {
        const other = b[r][c];
        expect(other.format).toBe(cell.format);
        if (typeof cell.value === "number" && isDateFormat(cell.format)) {
          expect({ at: `${name} ${r},${c}`, value: other.value }).toEqual({
            at: `${name} ${r},${c}`,
            value: cell.value - DAYS_1904,
          });
          shifted++;
        } else expect(other.value).toEqual(cell.value);
      })
    );
  }
  expect(shifted).toBeGreaterThan(6); // the Timetable's starts and dues, the Generated date, the grid's months

  // The overdue mark is on the action due 2026-06-30 only (in both, as the equal cells above say).
  const timetable = b1904.sheet("Timetable").dump();
  const rowOf = (id: string) => timetable.find((row) => row.includes(id))!;
  expect(rowOf("A1.1.1").some((v) => typeof v === "string" && /overdue/i.test(v))).toBe(true);
  for (const id of ["A1.2.1", "A2.1.1", "A2.2.1"])
    expect(rowOf(id).some((v) => typeof v === "string" && /overdue/i.test(v))).toBe(false);
});

test("a 1904 workbook: the pane writes the same Timetable as the CLI on the equivalent package", async () => {
  const due = "2027-06-30";
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "date1904-"));
  try {
    // The CLI: the corpus's pkg-date1904 (the standard budget and plan, the due dates 1904 serials under m/d/yyyy).
    const input = path.join(dir, "date1904.xlsx");
    await fs.writeFile(input, await builtPackage({ kind: "date1904", due }));
    const out = path.join(dir, "date1904.out.xlsx");
    const said: string[] = [];
    const code = await main(
      [input, "--out", out, "--today", TODAY],
      (s) => said.push(s),
      (s) => said.push(s)
    );
    expect({ code, said: said.filter((s) => /error/i.test(s)) }).toEqual({ code: 0, said: [] });
    const cli = await PackagePort.fromBuffer(await fs.readFile(out));

    // The pane: the same sheets in a 1904 fake workbook.
    const plan = planSheet();
    const fake = datedBook(1904, plan);
    const port = portOver(fake);
    await runAlignment(port, { today: TODAY });

    // Both read back through their own port (dates as 1900 serials, the core's): the same cells.
    const [fromCli] = await cli.readSheets(["Timetable"]);
    const [fromPane] = await port.readSheets(["Timetable"]);
    const trim = (v: CellValue[][]) =>
      v
        .map((row) => row.map((x) => (x === null ? "" : x)))
        .filter((row) => row.some((x) => x !== ""));
    expect(trim(fromPane.values)).toEqual(trim(fromCli.values));
    const row = fromPane.values.find((r) => r.includes("A2.2.1"))!;
    expect(row).toContain(serial1900(due));
    // Stored in the workbook's own system.
    const stored = fake
      .sheet("Timetable")
      .dump()
      .find((r) => r.includes("A2.2.1"))!;
    expect(stored).toContain(serial1900(due) - DAYS_1904);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test("a large 1904 sheet is read with its number formats inside the payload budget: its dates move, its other numbers do not", async () => {
  const fake = fakeExcel();
  fake.data.date1904 = true;
  const rows = 30000;
  const values: CellValue[][] = [["Department", "Program", "Amount", "Paid on"]];
  for (let i = 0; i < rows; i++)
    values.push([
      `Department ${i % 7}`,
      `Program ${i % 41} of the city's services`,
      1000 + i,
      45000 + (i % 365),
    ]);
  const sheet = fake.addSheet("Budget", values);
  for (let r = 1; r <= rows; r++) {
    sheet.setNumberFormat(r, 2, "#,##0");
    sheet.setNumberFormat(r, 3, "yyyy-mm-dd");
  }
  const port = portOver(fake, { syncBudget: 1024 * 1024 });
  const before = fake.syncLog.length;
  const [cells] = await port.readSheets(["Budget"]);
  const log = fake.syncLog.slice(before);
  expect(log.filter((s) => s.error)).toEqual([]);
  expect(Math.max(...log.map((s) => s.responseBytes))).toBeLessThanOrEqual(1024 * 1024 * 1.05);
  expect(log.length).toBeGreaterThan(3); // the formats count against the budget: several syncs
  expect(cells.values[1]).toEqual([
    "Department 0",
    "Program 0 of the city's services",
    1000,
    45000 + DAYS_1904,
  ]);
  expect(cells.values[rows]).toEqual([
    `Department ${(rows - 1) % 7}`,
    `Program ${(rows - 1) % 41} of the city's services`,
    1000 + rows - 1,
    45000 + ((rows - 1) % 365) + DAYS_1904,
  ]);
});
