/**
 * The README shows what `npm run align` prints; this runs the same command (budget-align with no options: the
 * sample built for today) and checks the README still says exactly that. The sample follows today's fiscal year,
 * so the expected text is the README's with its years moved to this year's: a README made in FY 2026-27 still
 * passes in FY 2027-28 when everything but the years is the same (the sample's figures do not depend on the day).
 */
import { promises as fs } from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";
import { todayIso } from "../../src/cli/run";
import { sampleYear } from "../../samples/make-sample";

const ROOT = path.resolve(__dirname, "..", "..");

/** The first fenced block after the sentence introducing the transcript. */
function readmeTranscript(readme: string): string[] {
  const intro = readme.indexOf("`npm run align` prints what it did:");
  if (intro < 0) throw new Error("The README no longer introduces the npm run align transcript.");
  const open = readme.indexOf("```", intro);
  const start = readme.indexOf("\n", open) + 1;
  const end = readme.indexOf("```", start);
  return readme.slice(start, end).replace(/\n+$/, "").split("\n");
}

/** The fiscal year the transcript was made in: the year before the proposed budget it reads. */
function transcriptYear(lines: string[]): number {
  const m = /amount column: "FY (\d{4})-\d\d Proposed"/.exec(lines.join("\n"));
  if (!m)
    throw new Error("The README transcript no longer names the sample's proposed amount column.");
  return Number(m[1]);
}

/** The transcript with every year in it (FY 2027-28, FY27, the plan's 2025–2030) moved by `years`. */
export function movedYears(lines: string[], years: number): string[] {
  const pad = (n: number) => String(n % 100).padStart(2, "0");
  return lines.map((line) =>
    line
      .replace(
        /\bFY (\d{4})-(\d\d)\b/g,
        (_, a: string) => `FY ${Number(a) + years}-${pad(Number(a) + years + 1)}`
      )
      .replace(/\bFY(\d\d)\b/g, (_, a: string) => `FY${pad(Number(a) + years)}`)
      .replace(
        /\b(20\d\d)–(20\d\d)\b/g,
        (_, a: string, b: string) => `${Number(a) + years}–${Number(b) + years}`
      )
  );
}

it("moving a transcript's years gives the sample's labels of another year", () => {
  expect(
    movedYears(
      ['column: "FY 2027-28 Proposed"', "Measures (FY27 so far", "Strategic Plan 2025–2030 (5"],
      73
    )
  ).toEqual([
    'column: "FY 2100-01 Proposed"',
    "Measures (FY00 so far",
    "Strategic Plan 2098–2103 (5",
  ]);
});

it("the README's npm run align transcript is what budget-align prints on the sample now", async () => {
  const readme = await fs.readFile(path.join(ROOT, "README.md"), "utf8");
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(ROOT);
  let code: number;
  try {
    code = await main(
      [],
      (s) => out.push(...s.split("\n")),
      (s) => err.push(s)
    );
  } finally {
    process.chdir(cwd);
  }
  expect(err).toEqual([]);
  expect(code).toBe(0);
  const expected = readmeTranscript(readme);
  expect(movedYears(expected, sampleYear(todayIso()).fy - transcriptYear(expected))).toEqual(out);
}, 60_000);
