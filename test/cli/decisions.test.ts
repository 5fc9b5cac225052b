/**
 * Issue #20, case 1, through the command line as people use it: a department head answers the Review sheet
 * "Retain — serves goal", G5.4; the run is repeated; the answer is changed to G5.1 and the run repeated again. The
 * program must carry G5.1 (the newest decision), and the answer must never be copied into the Goal column as if
 * someone had typed it there. Then a Goal cell typed after the answer, and an answer changed after that cell: the
 * newest counts each time, the disagreement is reported in the run's issues and on the Review sheet, and neither
 * decision is lost.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import type { ReportJson } from "../../src/core/types";

const PROGRAM = "Sister City Exchange";
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-decisions-"));
});

async function align(
  input: string | null,
  name: string
): Promise<{ out: string; report: ReportJson }> {
  const out = path.join(dir, `${name}.xlsx`);
  const json = path.join(dir, `${name}.json`);
  let err = "";
  const code = await main(
    [...(input ? [input] : []), "--out", out, "--json", json, "--today", "2026-12-02"],
    () => undefined,
    (s) => (err += s)
  );
  expect(err).toBe("");
  expect(code).toBe(0);
  return { out, report: JSON.parse(await fs.readFile(json, "utf8")) as ReportJson };
}

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

/** The Review sheet's header row and its columns by header text (1-based, as exceljs counts). */
function reviewTable(wb: ExcelJS.Workbook) {
  const ws = wb.getWorksheet("Review")!;
  let header = 0;
  const col: Record<string, number> = {};
  ws.eachRow((row, r) => {
    if (header) return;
    const texts = (row.values as unknown[]).map((v) => (typeof v === "string" ? v : ""));
    if (texts.includes("Response") && texts.includes("Program key")) {
      header = r;
      texts.forEach((t, c) => t && (col[t] = c));
    }
  });
  expect(header).toBeGreaterThan(0);
  const rowOf = (program: string) => {
    for (let r = header + 1; r <= ws.rowCount; r++)
      if (ws.getRow(r).getCell(col.Program).value === program) return ws.getRow(r);
    throw new Error(`${program} is not on the Review sheet`);
  };
  return { ws, col, rowOf };
}

function answer(goal: string) {
  return (wb: ExcelJS.Workbook) => {
    const { col, rowOf } = reviewTable(wb);
    const row = rowOf(PROGRAM);
    row.getCell(col.Response).value = "Retain — serves goal";
    row.getCell(col.Goal).value = goal;
    row.getCell(col.Reviewer).value = "Dana Whitfield";
  };
}

const programLines = (report: ReportJson) => report.lines.filter((l) => l.program === PROGRAM);
const goalsOf = (report: ReportJson) =>
  programLines(report).map((l) => `${l.row} ${l.source} ${l.goals.map((g) => g.id).join(",")}`);

/** The Budget sheet's Goal column (1-based), found by its header. */
function goalColumn(ws: ExcelJS.Worksheet): number {
  for (let r = 1; r <= 30; r++) {
    const c = (ws.getRow(r).values as unknown[]).indexOf("Goal");
    if (c > 0) return c;
  }
  throw new Error("no Goal column");
}

/** The Goal column's cells of the program's lines, as the written workbook holds them. */
async function goalCells(file: string, report: ReportJson): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Budget")!;
  const col = goalColumn(ws);
  return programLines(report).map((l) => String(ws.getRow(l.row).getCell(col).value ?? ""));
}

test("the newest decision wins: a changed Review answer, then a Goal cell typed later, then a newer answer", async () => {
  // The sample flags the sister-city exchange: it is on the Review sheet, unanswered.
  const first = await align(null, "run1");
  expect(programLines(first.report).length).toBeGreaterThan(0);
  expect(programLines(first.report).every((l) => l.flagged)).toBe(true);

  // Answered "Retain — serves goal", G5.4, and run again: the program carries G5.4.
  await edit(first.out, answer("G5.4"));
  const second = await align(first.out, "run2");
  const n = programLines(second.report).length;
  expect(goalsOf(second.report)).toEqual(
    programLines(second.report).map((l) => `${l.row} manual G5.4`)
  );
  expect(programLines(second.report)[0].why).toMatch(
    /^answered in Review by Dana Whitfield on \d{4}-\d\d-\d\d$/
  );
  expect(programLines(second.report)[0].origin).toEqual({
    via: "review",
    by: "Dana Whitfield",
    at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
  // Not copied into the Goal column as if typed there.
  expect(await goalCells(second.out, second.report)).toEqual(new Array(n).fill(""));

  // The answer changed to G5.1 and the run repeated: the program carries G5.1.
  await edit(second.out, answer("G5.1"));
  const third = await align(second.out, "run3");
  expect(goalsOf(third.report)).toEqual(
    programLines(third.report).map((l) => `${l.row} manual G5.1`)
  );
  expect(await goalCells(third.out, third.report)).toEqual(new Array(n).fill(""));
  expect(third.report.issues as { code: string }[]).not.toContainEqual(
    expect.objectContaining({ code: "tag.conflict" })
  );
  // A fourth run with nothing changed keeps it.
  const again = await align(third.out, "run3b");
  expect(goalsOf(again.report)).toEqual(goalsOf(third.report));

  // Staff type G5.4 into the first line's Goal cell after the answer: that line follows the cell (newer),
  // the others keep the answer; the disagreement is reported in the run and on the Review sheet.
  const firstRow = programLines(third.report)[0].row;
  await edit(again.out, (wb) => {
    const ws = wb.getWorksheet("Budget")!;
    ws.getRow(firstRow).getCell(goalColumn(ws)).value = "G5.4";
  });
  const fourth = await align(again.out, "run4");
  expect(goalsOf(fourth.report)).toEqual(
    programLines(fourth.report).map(
      (l) => `${l.row} manual ${l.row === firstRow ? "G5.4" : "G5.1"}`
    )
  );
  expect(programLines(fourth.report).find((l) => l.row === firstRow)?.origin).toEqual({
    via: "sheet",
    cell: `Budget!K${firstRow}`,
    at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
  const conflict = (fourth.report.issues as { code: string; message: string }[]).filter(
    (i) => i.code === "tag.conflict"
  );
  expect(conflict.map((i) => i.message)).toEqual([
    expect.stringMatching(
      new RegExp(
        `^the Review answer for Non-Departmental / ${PROGRAM} says G5\\.1 \\(by Dana Whitfield, \\d{4}-\\d\\d-\\d\\d\\), but Budget!K${firstRow} says G5\\.4 \\(typed in the Goal column, \\d{4}-\\d\\d-\\d\\d\\), which is newer and is used for that line\\.`
      )
    ),
  ]);
  const wb4 = new ExcelJS.Workbook();
  await wb4.xlsx.readFile(fourth.out);
  const review4 = reviewTable(wb4);
  const row4 = review4.rowOf(PROGRAM);
  expect(row4.getCell(review4.col.Conflict).value).toBe(conflict[0].message);
  expect(String(row4.getCell(review4.col.Goal).value)).toMatch(/^G5\.1 — /); // the answer is kept

  // The department head answers again (G5.2), after the cell: the answer is newer, every line follows it, the
  // typed cell stays as typed, and the disagreement is still reported.
  await edit(fourth.out, answer("G5.2"));
  const fifth = await align(fourth.out, "run5");
  expect(goalsOf(fifth.report)).toEqual(
    programLines(fifth.report).map((l) => `${l.row} manual G5.2`)
  );
  const cells = await goalCells(fifth.out, fifth.report);
  expect(cells[0]).toBe("G5.4");
  expect(cells.slice(1)).toEqual(new Array(n - 1).fill(""));
  expect(
    (fifth.report.issues as { code: string; message: string }[])
      .filter((i) => i.code === "tag.conflict")
      .map((i) => i.message)
  ).toEqual([
    expect.stringMatching(
      /^Budget!K\d+ says G5\.4 \(typed in the Goal column, .*\), but the Review answer .* says G5\.2 .*, which is newer and is used\./
    ),
  ]);
}, 120000);
