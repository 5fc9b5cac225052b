/**
 * The whole run (src/core/workflow.ts runAlignment) through the Excel port and the fake, on the sample
 * workbook's sheets: the reports are written, the state is stored, and a second run changes nothing but the
 * generated sheets.
 */
import { evaluateAll } from "../fake-excel/formula-eval";
import * as path from "path";
import ExcelJS from "exceljs";
import { STATE_SHEET_NAME } from "../../src/core/state";
import { buildReportSheets, GENERATED_SHEETS, runAlignment } from "../../src/core/workflow";
import { worksheetValues } from "../../src/xlsx/port";
import type { FakeExcel } from "../fake-excel/fake-excel";
import { fakeExcel, portOver } from "./helpers";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "sample-budget.xlsx");
const TODAY = "2026-11-22";

async function sampleInFake(): Promise<{ fake: FakeExcel; userSheets: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const fake = fakeExcel();
  for (const ws of wb.worksheets) {
    const sheet = fake.addSheet(ws.name, worksheetValues(ws));
    sheet.visibility =
      ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible";
  }
  return { fake, userSheets: wb.worksheets.map((w) => w.name) };
}

const snapshot = (fake: FakeExcel, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, fake.sheet(n).dump()]));

describe("runAlignment through the Excel port", () => {
  test("writes the report sheets and the state; the user's sheets stay as they were", async () => {
    const { fake, userSheets } = await sampleInFake();
    const before = snapshot(fake, userSheets);
    const port = portOver(fake);
    const { written, analysis, report } = await runAlignment(port, { today: TODAY });
    // The sample has a Measures sheet, so the Scorecard is written too (before Programs).
    expect(written).toEqual(["Alignment", "Review", "Timetable", "Scorecard", "Programs"]);
    expect(analysis.ok).toBe(true);
    expect(analysis.budget.lines.length).toBeGreaterThan(10);
    expect(fake.sheetNames()).toEqual(
      [
        ...userSheets,
        "Alignment",
        "Review",
        "Timetable",
        "Scorecard",
        "Programs",
        STATE_SHEET_NAME,
      ].filter((n, i, all) => all.indexOf(n) === i)
    );
    expect(snapshot(fake, userSheets)).toEqual(before);
    for (const name of GENERATED_SHEETS) {
      const s = fake.sheet(name);
      expect(s.dump().length).toBeGreaterThan(2);
      expect(s.visibility).toBe("Visible");
    }
    // The Alignment sheet shows every budget line's total.
    const alignment = fake.sheet("Alignment").dump();
    expect(
      alignment.flat().some((v) => typeof v === "string" && v.includes("Budget Alignment"))
    ).toBe(true);
    expect(report.totals.budget).toBeCloseTo(analysis.budget.checkTotal, 2);
    // The state: very hidden, and it names the generated sheets.
    expect(fake.sheet(STATE_SHEET_NAME).visibility).toBe("VeryHidden");
    const state = await port.readState();
    expect(state.generatedSheets).toEqual(expect.arrayContaining([...GENERATED_SHEETS]));
    // No cell of any generated sheet is a formula, except the Programs sheet's own.
    for (const name of GENERATED_SHEETS.filter((n) => n !== "Programs"))
      expect([...fake.sheet(name).formulas.keys()]).toEqual([]);
    // The Programs sheet's formulas, as the Excel port wrote them into the fake, evaluate over the fake's cells to
    // the values the core computed (the model's cached values), every one of them.
    const model = buildReportSheets(analysis).find((m) => m.name === "Programs")!;
    const sheet = fake.sheet("Programs");
    const cells = [...sheet.formulas.keys()].map((k) => ({
      row: Math.floor(k / 16384),
      col: k % 16384,
    }));
    const modelCells = (model.formulas ?? []).flatMap((b) =>
      b.formulas.flatMap((row, i) => row.map((_, j) => `${b.range.row + i},${b.range.col + j}`))
    );
    expect(cells.map((c) => `${c.row},${c.col}`).sort()).toEqual([...modelCells].sort());
    const got = evaluateAll(cells, {
      value: (r, c) => sheet.value(r, c) as string | number | boolean,
      formula: (r, c) => sheet.cell(r, c).formula,
    });
    const wrong = cells.filter(({ row, col }) => {
      const v = got.get(`${row},${col}`);
      const want = model.values[row][col];
      return typeof want === "number" ? Math.abs((v as number) - want) > 0.005 : v !== want;
    });
    expect(wrong).toEqual([]);
    expect(cells.length).toBeGreaterThan(100);
    // Its chart: current by priority, and the what-if added as a second series over the same categories.
    const [chart] = sheet.charts;
    expect(chart.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining([
        "series.add",
        "series.add:What-if.setValues",
        "series.add:What-if.setXAxisValues",
      ])
    );
    expect(chart.props).toMatchObject({ legend: { visible: true } });
  }, 60000);

  test("running twice changes nothing but the generated sheets, which come out the same and in the same place", async () => {
    const { fake, userSheets } = await sampleInFake();
    const port = portOver(fake);
    await runAlignment(port, { today: TODAY });
    const order = fake.sheetNames();
    const users = snapshot(fake, userSheets);
    const reports = snapshot(fake, [...GENERATED_SHEETS]);
    const stateRows = fake.sheet(STATE_SHEET_NAME).dump();
    const oldSheets = GENERATED_SHEETS.map((n) => fake.sheet(n));
    await runAlignment(port, { today: TODAY });
    expect(fake.sheetNames()).toEqual(order);
    expect(snapshot(fake, userSheets)).toEqual(users);
    expect(snapshot(fake, [...GENERATED_SHEETS])).toEqual(reports);
    expect(fake.sheet(STATE_SHEET_NAME).dump()).toEqual(stateRows);
    // The generated sheets were replaced (new sheets), not edited in place.
    GENERATED_SHEETS.forEach((n, i) => expect(fake.sheet(n)).not.toBe(oldSheets[i]));
  }, 60000);
});
