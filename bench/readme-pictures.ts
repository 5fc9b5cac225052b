/**
 * The README's pictures of the generated sheets (`npm run pictures`): runs budget-align on the bundled sample,
 * prints the four sheets with LibreOffice exactly as the print test does (Letter landscape, the page setup the
 * sheets ask for) and saves chosen pages as PNG in docs/screenshots/:
 *
 *   sheet-alignment.png     Alignment, page 1 (title, headline figures)
 *   sheet-alignment-2.png   Alignment, the page with the department × priority matrix
 *   sheet-alignment-3.png   Alignment, the quartile map and the goals the budget does not fund
 *   sheet-review.png        Review, page 1 (the programs and why)
 *   sheet-timetable.png     Timetable, page 1 (the action table)
 *   sheet-timetable-2.png   Timetable, the month grid of the fiscal year under way
 *   sheet-programs.png      Programs, the weights and what-if by priority (the page after the title and notes)
 *   sheet-programs-2.png    Programs, the program table's first page (cost, total score, quartile, scores)
 *   sheet-programs-3.png    Programs, the diagnostic (budget by quartile and attribute, candidates for review)
 *   sheet-scorecard.png     Scorecard, page 1 (measures by priority and goal, status, trend, money)
 *
 * The task pane's pictures (1-plan.png … 6-dark.png) come from the browser tests: `npm run build && npm run
 * test:browser` (or `npm run pictures -- --pane`, which runs them after the sheets).
 */
import { spawnSync } from "child_process";
import { format } from "date-fns";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { main as cli } from "../src/cli/main";
import { footerOf, onlySheets, pdfWords, renderPdfs, tool, type Page } from "../test/print/printed";

const ROOT = path.resolve(__dirname, "..", "..");
const SHOTS = path.join(ROOT, "docs", "screenshots");

interface Pick {
  file: string;
  sheet: string;
  /** The page of that sheet to keep: the first whose text matches (or the first page). */
  match?: RegExp;
}

const PICKS: Pick[] = [
  { file: "sheet-alignment.png", sheet: "Alignment" },
  { file: "sheet-alignment-2.png", sheet: "Alignment", match: /Budget by department and priority/ },
  { file: "sheet-alignment-3.png", sheet: "Alignment", match: /Goals the budget does not fund/ },
  { file: "sheet-review.png", sheet: "Review" },
  { file: "sheet-timetable.png", sheet: "Timetable" },
  // The fiscal year of today's month (marked in gold).
  {
    file: "sheet-timetable-2.png",
    sheet: "Timetable",
    match: new RegExp(`\\b${format(new Date(), "MMM yy")}\\b`),
  },
  { file: "sheet-programs.png", sheet: "Programs", match: /Weights and what-if by priority/ },
  { file: "sheet-programs-2.png", sheet: "Programs", match: /Programs \(printed/ },
  { file: "sheet-programs-3.png", sheet: "Programs", match: /Diagnostic: budget by quartile/ },
  { file: "sheet-scorecard.png", sheet: "Scorecard" },
];

function pageText(page: Page): string {
  return page.words.map((w) => w.text).join(" ");
}

async function run(): Promise<number> {
  if (!(tool("soffice") || tool("libreoffice")) || !tool("pdftoppm")) {
    process.stderr.write(
      "pictures needs LibreOffice and poppler-utils: apt-get install -y libreoffice-calc poppler-utils fonts-crosextra-carlito\n"
    );
    return 1;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pictures-"));
  try {
    const out = path.join(dir, "sample-budget.aligned.xlsx");
    const code = await cli(
      ["--out", out],
      (s) => process.stdout.write(s + "\n"),
      (s) => process.stderr.write(s + "\n")
    );
    if (code !== 0) return code;
    const sheets = path.join(dir, "sheets.xlsx");
    await onlySheets(out, sheets, ["Alignment", "Review", "Timetable", "Programs", "Scorecard"]);
    const [pdf] = await renderPdfs([sheets], dir);
    const pages = pdfWords(pdf);
    await fs.mkdir(SHOTS, { recursive: true });
    for (const pick of PICKS) {
      const index = pages.findIndex(
        (p) => footerOf(p)?.sheet === pick.sheet && (!pick.match || pick.match.test(pageText(p)))
      );
      if (index < 0) {
        process.stderr.write(`No page of ${pick.sheet} matches ${pick.match}.\n`);
        return 1;
      }
      const n = String(index + 1);
      const target = path.join(SHOTS, pick.file);
      const r = spawnSync(
        "pdftoppm",
        ["-png", "-r", "80", "-f", n, "-l", n, "-singlefile", pdf, target.replace(/\.png$/, "")],
        { encoding: "utf8" }
      );
      if (r.status !== 0) {
        process.stderr.write(`pdftoppm failed: ${r.stderr}\n`);
        return 1;
      }
      process.stdout.write(`${path.relative(ROOT, target)}: ${pick.sheet}, page ${n} of the PDF\n`);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  if (process.argv.includes("--pane")) {
    const r = spawnSync("sh", ["-c", "npm run build && npm run test:browser"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    return r.status ?? 1;
  }
  return 0;
}

run().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  }
);
