/**
 * budget-align --measures: a city's measure export (csv and xlsx) on the bundled sample workbook, end to end: the
 * summary's measures line, the Scorecard sheet as written, and the `measures` list of --json.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "./run-cli";
import { worksheetValues } from "../../src/xlsx/port";
import type { CellValue } from "../../src/core/types";
import type { MeasureJson } from "../../src/core/measures/report";
import { longExport, toCsv, wideExport } from "../fixtures/measures/city-export";

jest.setTimeout(120_000);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-measures-"));
});

const run = runCli;

async function sheetValues(file: string, name: string): Promise<CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return worksheetValues(ws);
}

const rowOf = (values: CellValue[][], id: string) => values.find((r) => r[0] === id) ?? [];

describe("budget-align --measures export.csv (a wide export with every mess)", () => {
  let result: { code: number; out: string; err: string };
  let out: string;
  let measures: MeasureJson[];
  let issues: { code: string; message: string; cell?: string }[];
  beforeAll(async () => {
    const csv = path.join(dir, "export.csv");
    await fs.writeFile(csv, toCsv(wideExport()));
    out = path.join(dir, "wide.xlsx");
    const json = path.join(dir, "wide.json");
    result = await run(["--measures", csv, "--out", out, "--json", json, "--today", "2025-11-15"]);
    const report = JSON.parse(await fs.readFile(json, "utf8"));
    measures = report.measures;
    issues = report.issues;
  });

  test("runs and says how the measures stand in one line", () => {
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Measures \(FY26 so far, \d+ measures\): \d+ met, \d+ near, \d+ missed, \d+ no data/m
    );
    expect(result.out).toMatch(/sheets .*Scorecard/);
  });

  test("--json lists every measure with its plan node or program, direction, interval, unit and periods", () => {
    const pw = measures.find((m) => m.id === "PW-01")!;
    expect(pw).toMatchObject({
      name: "Potholes repaired",
      direction: "increase",
      interval: "cumulative",
      program: "Street Maintenance",
    });
    expect(pw.node).not.toBeNull();
    expect(pw.periods.find((p) => p.period === "FY26 Q2")).toMatchObject({
      target: 1100,
      actual: 900,
      expected: 2200,
      compared: 2100,
      status: "near",
    });
    expect(pw.periods.find((p) => p.period === "FY24")).toMatchObject({
      target: 4000,
      actual: 4100,
      status: "met",
    });
    expect(
      measures
        .find((m) => m.id === "LIB-05")!
        .periods.every((p) => p.status === "direction not set")
    ).toBe(true);
    expect(measures.find((m) => m.id === "PK-08")!.deprecated).toBe(true);
    // The sample plan's own action measures are listed beside the export's.
    expect(measures.length).toBeGreaterThan(10);
  });

  test("each unreadable value is reported with its cell", () => {
    const bad = issues.filter((i) => i.code === "measures.unreadable");
    expect(bad.map((i) => i.cell)).toEqual(expect.arrayContaining(["J6", "T14"]));
    expect(bad[0].message).toMatch(
      /^export\.csv!J6: "approx\. 67" is not a number; it is left out/
    );
  });

  test("the Scorecard sheet shows status as icon and word, with the rule beside it", async () => {
    const values = await sheetValues(out, "Scorecard");
    expect(String(values[0][0])).toMatch(/^Budget Alignment — Scorecard/);
    const pw = rowOf(values, "PW-01");
    expect(pw[2]).toBe("FY26 Q2");
    expect(pw[4]).toBe(2200);
    expect(pw[5]).toBe(2100);
    expect(pw[6]).toBe("◐ near");
    expect(String(pw[9])).toContain("the quarter targets to Q2 added up (2200)");
    expect(rowOf(values, "LIB-05")[6]).toBe("? direction not set");
    expect(values.some((r) => typeof r[1] === "string" && /^Money: /.test(r[1]))).toBe(true);
    expect(values.some((r) => r[0] === "PK-08")).toBe(false);
  });
});

describe("budget-align --measures kpis.xlsx (a long export in a workbook)", () => {
  test("reads the long layout from the workbook's sheet and reports it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("KPI Export");
    for (const r of longExport()) ws.addRow(r);
    const file = path.join(dir, "kpis.xlsx");
    await wb.xlsx.writeFile(file);
    const json = path.join(dir, "long.json");
    const r = await run([
      "--measures",
      file,
      "--out",
      path.join(dir, "long.xlsx"),
      "--json",
      json,
      "--today",
      "2025-11-15",
    ]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(await fs.readFile(json, "utf8"));
    const fd = (report.measures as MeasureJson[]).find((m) => m.id === "FD-04")!;
    expect(fd).toMatchObject({ direction: "decrease", interval: "snapshot" });
    expect(fd.periods.find((p) => p.period === "FY25")).toMatchObject({
      target: 6,
      actual: 5.9,
      status: "met",
    });
  });

  test("a file with no measure table stops the run and says what it needs", async () => {
    const file = path.join(dir, "nothing.csv");
    await fs.writeFile(file, "hello,world\n1,2\n");
    const r = await run(["--measures", file, "--out", path.join(dir, "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("no header row of measures");
  });
});

describe("a workbook with a sheet of its own called Scorecard", () => {
  test("keeps it as it is, writes our Scorecard to a free name and says so", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(__dirname, "../../samples/sample-budget.xlsx"));
    const mine = wb.addWorksheet("Scorecard");
    mine.addRow(["Our own balanced scorecard"]);
    mine.addRow(["Customer", 4.2]);
    const input = path.join(dir, "own-scorecard.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "own-scorecard.aligned.xlsx");
    const json = path.join(dir, "own-scorecard.json");
    const r = await run([input, "--out", out, "--json", json, "--today", "2026-11-15"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("(sheets Alignment, Review, Timetable, Scorecard (2), Programs)");
    expect(await sheetValues(out, "Scorecard")).toEqual(await sheetValues(input, "Scorecard"));
    expect((await sheetValues(out, "Scorecard (2)"))[0]?.[0]).toMatch(/Scorecard/);
    const report = JSON.parse(await fs.readFile(json, "utf8"));
    const taken = report.issues.find(
      (i: { code: string; sheet?: string }) => i.code === "sheet.name-taken"
    );
    expect(taken.message).toContain('A sheet named "Scorecard" already exists');
    expect(taken.message).toContain('written to the sheet "Scorecard (2)"');
    // The measures are still read and listed.
    expect(report.measures.length).toBeGreaterThan(15);
  });
});
