/**
 * The two halves of a run the task pane splits between its main thread and its Web Worker: `readWorkbook` (through
 * the port) then `analyseRead` (pure, on a structured clone of what was read, as the worker gets it) give the same
 * analysis as `analyse`; `prepareReports` (pure) then `writePreparedReports` leave the workbook as `writeReports`.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { STATE_SHEET_NAME } from "../../src/core/state";
import {
  analyse,
  analyseRead,
  prepareReports,
  readWorkbook,
  reportSummary,
  writePreparedReports,
  writeReports,
} from "../../src/core/workflow";
import { worksheetValues } from "../../src/xlsx/port";
import type { FakeExcel } from "../fake-excel/fake-excel";
import { fakeExcel, portOver } from "./helpers";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "sample-budget.xlsx");
const options = { today: "2026-11-22", now: "2026-11-22T10:00:00.000Z" };

async function sampleInFake(): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const fake = fakeExcel();
  for (const ws of wb.worksheets) fake.addSheet(ws.name, worksheetValues(ws));
  return fake;
}

const dumpAll = (fake: FakeExcel) =>
  Object.fromEntries(fake.sheetNames().map((n) => [n, fake.sheet(n).dump()]));

test("read through the port, then compute on a clone of what was read: the same analysis", async () => {
  const fake = await sampleInFake();
  const port = portOver(fake);
  const whole = await analyse(port, options);
  const labels: string[] = [];
  const read = await readWorkbook(port, options, (p) => labels.push(p.label));
  const split = analyseRead(structuredClone(read), structuredClone(options), (p) =>
    labels.push(p.label)
  );
  expect(split).toEqual(whole);
  expect(split.budget.lines.length).toBeGreaterThan(10);
  expect(labels[0]).toBe("Looking at the workbook's sheets");
  expect(labels).toContain("Tagging budget lines");
});

test("a sheet asked for that is not there stops the read phase, naming it", async () => {
  const port = portOver(await sampleInFake());
  await expect(readWorkbook(port, { ...options, sheets: ["Nope"] })).rejects.toThrow(
    /There is no sheet named "Nope"/
  );
});

test("reports prepared without the port and then written: the workbook ends as with writeReports", async () => {
  const a = await sampleInFake();
  const b = await sampleInFake();
  const analysisA = await analyse(portOver(a), options);
  const analysisB = await analyse(portOver(b), options);
  const { written, report } = await writeReports(portOver(a), analysisA);
  const prepared = prepareReports(structuredClone(analysisB));
  await writePreparedReports(portOver(b), prepared);
  expect(prepared.written).toEqual(written);
  expect(dumpAll(b)).toEqual(dumpAll(a));
  expect(b.sheetNames()).toContain(STATE_SHEET_NAME);
  const { figureTexts, ...summary } = reportSummary(analysisB);
  expect(summary).toEqual({ totals: report.totals, midYear: report.midYear });
  const onReview = (report.figures as { onReview: number }).onReview;
  expect(figureTexts?.[0]).toMatch(
    new RegExp(`^${onReview} programs? (is|are) on the Review sheet`)
  );
});

test("an analysis with errors is refused before anything is built", () => {
  expect(() =>
    prepareReports({
      ok: false,
      issues: [
        { severity: "error", code: "plan.missing", message: "No strategic plan was found." },
      ],
    } as never)
  ).toThrow("No strategic plan was found.");
});
