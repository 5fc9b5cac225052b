/**
 * Issue #20, case 1, through the Excel port over the fake Excel, as the task pane runs it: the Review answer
 * "Retain — serves goal", G5.4; a run; the answer changed to G5.1; a run. The program carries G5.1, the answer is
 * never copied into the Goal column, and an answer given in the task pane after the sheet was written is not undone
 * by the older answer the Review sheet still shows.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { STATE_SHEET_NAME } from "../../src/core/state";
import { analyse, retag, runAlignment, type Analysis } from "../../src/core/workflow";
import { setReviewAnswer } from "../../src/core/state";
import { worksheetValues } from "../../src/xlsx/port";
import type { FakeExcel } from "../fake-excel/fake-excel";
import { fakeExcel, portOver } from "./helpers";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "sample-budget.xlsx");
const TODAY = "2026-12-02";
const PROGRAM = "Sister City Exchange";

async function sampleInFake(): Promise<FakeExcel> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const fake = fakeExcel();
  for (const ws of wb.worksheets) fake.addSheet(ws.name, worksheetValues(ws));
  return fake;
}

/** Types into the program's Review row, as a department head would in Excel. */
function answerInSheet(fake: FakeExcel, goal: string): void {
  const sheet = fake.sheet("Review");
  const v = sheet.dump();
  const header = v.findIndex((r) => r.includes("Response") && r.includes("Program key"));
  const col = (h: string) => v[header].indexOf(h);
  const r = v.findIndex((row, i) => i > header && row[col("Program")] === PROGRAM);
  expect(r).toBeGreaterThan(header);
  sheet.writeCell(r, col("Response"), "Retain — serves goal");
  sheet.writeCell(r, col("Goal"), goal);
  sheet.writeCell(r, col("Reviewer"), "Dana Whitfield");
}

const programGoals = (a: Analysis) =>
  a.budget.lines
    .map((l, i) => ({ l, t: a.tags[i] }))
    .filter(({ l }) => l.program === PROGRAM)
    .map(({ t }) => `${t.source} ${t.goals.map((g) => g.id).join(",")} ${t.origin?.via}`);

/** The Goal column's cells of the program's lines. */
function goalCells(fake: FakeExcel, a: Analysis): string[] {
  const sheet = fake.sheet("Budget");
  return a.budget.lines
    .filter((l) => l.program === PROGRAM)
    .map((l) => String(sheet.at(l.tagCell!).value ?? ""));
}

test("a changed Review answer wins on the next run, and is not written into the Goal column", async () => {
  const fake = await sampleInFake();
  const port = portOver(fake);
  const first = await runAlignment(port, { today: TODAY, now: "2026-12-02T09:00:00.000Z" });
  const n = programGoals(first.analysis).length;
  expect(n).toBeGreaterThan(0);

  answerInSheet(fake, "G5.4");
  const second = await runAlignment(port, { today: TODAY, now: "2026-12-02T10:00:00.000Z" });
  expect(programGoals(second.analysis)).toEqual(new Array(n).fill("manual G5.4 review"));
  expect(goalCells(fake, second.analysis)).toEqual(new Array(n).fill(""));

  answerInSheet(fake, "G5.1");
  const third = await runAlignment(port, { today: TODAY, now: "2026-12-02T11:00:00.000Z" });
  expect(programGoals(third.analysis)).toEqual(new Array(n).fill("manual G5.1 review"));
  expect(goalCells(fake, third.analysis)).toEqual(new Array(n).fill(""));
  const answer = Object.values((await port.readState()).reviewAnswers).find(
    (x) => x.program === PROGRAM
  );
  expect(answer).toMatchObject({
    goalId: "G5.1",
    reviewer: "Dana Whitfield",
    at: "2026-12-02T11:00:00.000Z",
  });
  expect(
    third.analysis.tags.find((t, i) => third.analysis.budget.lines[i].program === PROGRAM)?.why
  ).toBe("answered in Review by Dana Whitfield on 2026-12-02");
  expect(fake.sheet(STATE_SHEET_NAME).visibility).toBe("VeryHidden");
}, 60000);

test("an answer given in the pane after the sheet was written is not undone by the Review sheet's older answer", async () => {
  const fake = await sampleInFake();
  const port = portOver(fake);
  await runAlignment(port, { today: TODAY, now: "2026-12-02T09:00:00.000Z" });
  answerInSheet(fake, "G5.4");
  await runAlignment(port, { today: TODAY, now: "2026-12-02T10:00:00.000Z" });

  // In the pane: the answer changed to G5.1 and saved with the workbook (the Review sheet still shows G5.4).
  const a = await analyse(port, { today: TODAY, now: "2026-12-02T11:00:00.000Z" });
  const old = Object.values(a.state.reviewAnswers).find((x) => x.program === PROGRAM)!;
  const state = setReviewAnswer(a.state, {
    ...old,
    goalId: "G5.1",
    reviewer: "Ana Ruiz",
    date: "2026-12-02",
    at: "2026-12-02T11:00:00.000Z",
  });
  await port.writeState(state);
  expect(programGoals(retag(a, state))).toEqual(programGoals(a).map(() => "manual G5.1 review"));

  // Opened again: the Review sheet's G5.4 is what was written there before, not a new answer.
  const again = await analyse(port, { today: TODAY, now: "2026-12-02T12:00:00.000Z" });
  expect(programGoals(again)).toEqual(programGoals(a).map(() => "manual G5.1 review"));
  // Someone then changes the Review row in Excel: that is newer, and counts.
  answerInSheet(fake, "G5.2");
  const later = await analyse(port, { today: TODAY, now: "2026-12-02T13:00:00.000Z" });
  expect(programGoals(later)).toEqual(programGoals(a).map(() => "manual G5.2 review"));
}, 60000);
