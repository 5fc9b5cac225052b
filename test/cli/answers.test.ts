/**
 * Review answers summarised: a department head answers "Eliminate" for the sample's Sister City Exchange on the
 * Review sheet; the next run says so on the CLI and in the Alignment sheet's "Review answers" block (answers by
 * response, with the program's money, and how many changed since the last run), and --json gives the same.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { worksheetValues } from "../../src/xlsx/port";

const PROGRAM = "Sister City Exchange";
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-answers-"));
});

interface Run {
  file: string;
  out: string;
  report: {
    figures: {
      answers: {
        total: number;
        read: number;
        changed: number;
        byResponse: { response: string; programs: number; amount: number }[];
      };
    };
    review: { program: string; answer: { response: string } | null }[];
  };
}

async function align(input: string | null, name: string): Promise<Run> {
  const file = path.join(dir, `${name}.xlsx`);
  const json = path.join(dir, `${name}.json`);
  let out = "";
  let err = "";
  const code = await main(
    [...(input ? [input] : []), "--out", file, "--json", json, "--today", "2026-12-02"],
    (s) => (out += s + "\n"),
    (s) => (err += s)
  );
  expect(err).toBe("");
  expect(code).toBe(0);
  return { file, out, report: JSON.parse(await fs.readFile(json, "utf8")) };
}

async function answerEliminate(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet("Review")!;
  let amount = 0;
  let col: Record<string, number> = {};
  ws.eachRow((row) => {
    const texts = (row.values as unknown[]).map((v) => (typeof v === "string" ? v : ""));
    if (texts.includes("Response") && texts.includes("Program key"))
      col = Object.fromEntries(texts.map((t, c) => [t, c]).filter(([t]) => t));
    else if (col.Program && row.getCell(col.Program).value === PROGRAM) {
      row.getCell(col.Response).value = "Eliminate";
      row.getCell(col.Reviewer).value = "Dana Whitfield";
      amount = row.getCell(col.Amount).value as number;
    }
  });
  await wb.xlsx.writeFile(file);
  return amount;
}

test("an Eliminate answer is counted with its money on the CLI, the Alignment sheet and --json", async () => {
  const first = await align(null, "run1");
  expect(first.out).toContain("Review answers: none yet.");
  expect(first.report.figures.answers.total).toBe(0);
  const alignment1 = worksheetValues(
    (await new ExcelJS.Workbook().xlsx.readFile(first.file)).getWorksheet("Alignment")!
  );
  expect(alignment1.some((r) => r[0] === "Review answers")).toBe(false);

  const amount = await answerEliminate(first.file);
  expect(amount).toBeGreaterThan(0);
  const money = `$${Math.round(amount).toLocaleString("en-US")}`;
  const second = await align(first.file, "run2");
  expect(second.out).toContain(
    `Review answers: 1 (1 answer new or changed on the Review sheet since the last run). Eliminate: 1 program, ${money}.`
  );
  expect(second.report.figures.answers).toEqual({
    total: 1,
    read: 1,
    changed: 1,
    byResponse: [{ response: "Eliminate", programs: 1, amount }],
  });
  expect(second.report.review.find((r) => r.program === PROGRAM)?.answer?.response).toBe(
    "Eliminate"
  );
  const wb = await new ExcelJS.Workbook().xlsx.readFile(second.file);
  const v = worksheetValues(wb.getWorksheet("Alignment")!);
  const head = v.findIndex((r) => r[0] === "Review answers");
  expect(head).toBeGreaterThan(0);
  expect(v[head + 1].slice(0, 3)).toEqual(["Response", "Programs", "Amount"]);
  expect(v[head + 2].slice(0, 3)).toEqual(["Eliminate", 1, amount]);
  expect(String(v[head + 3][0])).toMatch(
    /^1 answer in all; 1 read from the Review sheet this run, 1 new or changed/
  );

  // Run again on that output: the answer is still read, and nothing changed since.
  const third = await align(second.file, "run3");
  expect(third.out).toContain(
    `Review answers: 1 (none changed since the last run). Eliminate: 1 program, ${money}.`
  );
  expect(third.report.figures.answers.changed).toBe(0);
}, 120_000);
