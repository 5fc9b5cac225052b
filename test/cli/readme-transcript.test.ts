/**
 * The README shows what `npm run align` prints; this runs the same command (budget-align on the bundled sample,
 * no options) and checks the README still says exactly that.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { main } from "../../src/cli/main";

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
  expect(readmeTranscript(readme)).toEqual(out);
}, 60_000);
