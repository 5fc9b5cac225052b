/**
 * The print check (`npm run print-check`): runs budget-align, renders the generated sheets with LibreOffice as
 * they print (Letter and A4 landscape), and reports each sheet's pages and printed word heights. Fails (exit 1)
 * when any word of a generated sheet prints below an effective 8 pt, runs off the paper or prints as ###, or when
 * a page of Alignment, Review, Timetable or Programs (after the first) starts without a table's column headers or
 * a section title, or a page of the Programs table without its headers, or the Programs sheet is not one page
 * wide at 100% (a print area wider than a landscape page) or its title does not print whole, or when a printed
 * label is clipped (a word of a text cell in the print area missing from the sheet's pages: test/print/clipped.ts).
 * The jest test (test/print) runs it on the sample;
 * this runs it on a city's budget or on generated budgets too big for a unit test.
 *
 *   npm run print-check                      # the bundled sample
 *   npm run print-check -- --budget eval/fixtures/missoula.xlsx --plan eval/fixtures/missoula.plan.json
 *   npm run print-check -- --lines 100000    # a generated budget of 100,000 lines (bench/generate.ts)
 *   npm run print-check -- --keep out/print  # keep the workbooks and PDFs there
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { main as cli } from "../src/cli/main";
import { PLAN_SHEET_NAME } from "../src/core/plan/model";
import { planToSheetValues } from "../src/core/plan/sheet";
import {
  canRender,
  heightPerPoint,
  onlySheets,
  pdfWords,
  renderPdfs,
  sheetPrints,
  withPaper,
  writeCalibration,
} from "../test/print/printed";
import { printedLayout, programTablePages, titleWhole } from "../test/print/programs-pages";
import { PAGE_WIDTH_PX } from "../src/core/reports/sheet";
import { pagesWithoutHeaders, pageStarts } from "../test/print/continuations";
import { clippedCells } from "../test/print/clipped";
import { generateBudget, generatePlan } from "./generate";
import { writeWorkbook } from "./workbook";

const SHEETS = ["Alignment", "Review", "Timetable", "Programs"];
/** Sheets whose every page after the first starts with column headers or a section title. */
const TABLE_SHEETS = ["Alignment", "Review", "Timetable", "Programs"];
const MIN_PT = 8;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function run(): Promise<number> {
  if (!canRender()) {
    process.stderr.write(
      "print-check needs LibreOffice and pdftotext: apt-get install -y libreoffice-calc poppler-utils fonts-crosextra-carlito\n"
    );
    return 1;
  }
  const lines = Number(arg("--lines") ?? 0);
  const today = arg("--today") ?? "2026-01-15";
  const keep = arg("--keep");
  const dir = keep ? path.resolve(keep) : await fs.mkdtemp(path.join(os.tmpdir(), "print-check-"));
  await fs.mkdir(dir, { recursive: true });
  const args: string[] = [];
  const budgetFile = arg("--budget");
  const planFile = arg("--plan");
  if (budgetFile) args.push(path.resolve(budgetFile));
  if (planFile) args.push("--plan", path.resolve(planFile));
  if (lines > 0) {
    const input = path.join(dir, `budget-${lines}.xlsx`);
    const t = Date.now();
    const budget = generateBudget(lines);
    await writeWorkbook(input, [
      budget.sheet,
      { name: PLAN_SHEET_NAME, values: planToSheetValues(generatePlan()) },
    ]);
    process.stdout.write(
      `Generated ${lines.toLocaleString("en-US")} lines in ${Date.now() - t} ms\n`
    );
    args.push(input);
  }
  const out = path.join(dir, "aligned.xlsx");
  let t = Date.now();
  const code = await cli(
    [...args, "--out", out, "--today", today],
    () => undefined,
    (s) => process.stderr.write(s + "\n")
  );
  if (code !== 0) return code;
  process.stdout.write(`budget-align wrote the sheets in ${Date.now() - t} ms\n`);
  const letter = path.join(dir, "letter.xlsx");
  const a4 = path.join(dir, "a4.xlsx");
  const calibration = path.join(dir, "calibration.xlsx");
  await onlySheets(out, letter, SHEETS);
  await withPaper(letter, a4, 9);
  await writeCalibration(calibration);
  t = Date.now();
  const [pLetter, pA4, pCal] = await renderPdfs([letter, a4, calibration], dir);
  process.stdout.write(`LibreOffice printed them in ${Date.now() - t} ms\n`);
  const ratio = heightPerPoint(pCal);
  const starts = await pageStarts(out, TABLE_SHEETS);
  let failed = false;
  // Programs: one page wide at 100% (each print area within a landscape page), the title whole.
  const programs = await printedLayout(out, "Programs");
  for (const a of programs.areas)
    if (a.px > PAGE_WIDTH_PX) {
      failed = true;
      process.stdout.write(
        `Programs print area ${a.ref} is ${a.px} px wide, wider than a page (${PAGE_WIDTH_PX} px)\n`
      );
    }
  process.stdout.write(
    `Programs print areas: ${programs.areas.map((a) => `${a.ref} ${a.px} px`).join(", ")} (a page: ${PAGE_WIDTH_PX} px)\n`
  );
  process.stdout.write(
    `Word height per point of font: ${ratio.toFixed(3)} (11 pt Calibri at 100%)\n\n` +
      "paper   sheet       pages   words   min word  effective  median word\n"
  );
  for (const [paper, pdf] of [
    ["letter", pLetter],
    ["a4", pA4],
  ] as const) {
    const prints = sheetPrints(pdfWords(pdf));
    if (!titleWhole(pdfWords(pdf), "Programs", programs.title)) {
      failed = true;
      process.stdout.write(`${paper.padEnd(8)}Programs    THE TITLE DOES NOT PRINT WHOLE\n`);
    }
    // Programs: every page of the program table carries its column headers.
    const bare = programTablePages(pdfWords(pdf)).filter((p) => !p.headers);
    if (bare.length) {
      failed = true;
      process.stdout.write(
        `${paper.padEnd(8)}Programs    PAGES ${bare.map((p) => p.page).join(", ")} HAVE NO COLUMN HEADERS\n`
      );
    }
    for (const sheet of TABLE_SHEETS) {
      const bareTable = pagesWithoutHeaders(pdfWords(pdf), sheet, starts.get(sheet)!);
      if (!bareTable.length) continue;
      failed = true;
      process.stdout.write(
        `${paper.padEnd(8)}${sheet.padEnd(12)}PAGES ${bareTable.join(", ")} START WITHOUT COLUMN HEADERS\n`
      );
    }
    // Every word of every printed label on the page, whole (none cut at an edge or by the next cell).
    for (const [sheet, cells] of await clippedCells(out, pdfWords(pdf), SHEETS)) {
      if (!cells.length) continue;
      failed = true;
      process.stdout.write(
        `${paper.padEnd(8)}${sheet.padEnd(12)}${cells.length} CLIPPED LABELS: ${cells.slice(0, 5).join("; ")}\n`
      );
    }
    for (const sheet of SHEETS) {
      const p = prints.get(sheet);
      if (!p) {
        process.stdout.write(`${paper.padEnd(8)}${sheet.padEnd(12)}printed nothing\n`);
        failed = true;
        continue;
      }
      const eff = p.min / ratio;
      // Every word on the paper: none past its right edge (text running on beyond the print area).
      const onPaper = p.rightmost < 1;
      const ok = eff >= MIN_PT && p.min >= MIN_PT && onPaper && p.hashes === 0;
      if (!ok) failed = true;
      process.stdout.write(
        `${paper.padEnd(8)}${sheet.padEnd(12)}${String(p.pages).padStart(5)}${String(p.words).padStart(8)}` +
          `${p.min.toFixed(1).padStart(8)} pt${eff.toFixed(1).padStart(8)} pt${p.median.toFixed(1).padStart(10)} pt` +
          `${eff >= MIN_PT && p.min >= MIN_PT ? "" : `  BELOW ${MIN_PT} PT: ${p.smallest.join(", ")}`}` +
          `${onPaper ? "" : "  TEXT RUNS OFF THE PAPER"}` +
          `${p.hashes === 0 ? "" : `  ${p.hashes} NUMBERS PRINTED AS ### (COLUMN TOO NARROW)`}\n`
      );
    }
  }
  if (!keep) await fs.rm(dir, { recursive: true, force: true });
  else process.stdout.write(`\nWorkbooks and PDFs in ${dir}\n`);
  process.stdout.write(
    failed
      ? "\nFAIL\n"
      : `\nPASS: every word at ${MIN_PT} pt or more, no number printed as ###, no clipped label, column headers on every continuation page\n`
  );
  return failed ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  }
);
