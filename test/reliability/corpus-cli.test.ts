/**
 * Issue #30's "Done when" over the whole hostile corpus, through the CLI: every case (test/fixtures/bad/ and the
 * huge ones built in memory, as files: test/fixtures/bad/corpus-files.ts) runs `budget-align`'s main and must end
 * with exit 0, 1 or 2; a refusal says each problem in one line (one line, or a count followed by one line per
 * problem) on standard error, leaves nothing beside the output (neither the output nor a temporary file); the input
 * files are unchanged byte for byte. The memory and time of each case are measured by `npm run corpus`, which runs
 * the same cases in child processes (scripts/corpus/run-corpus.ts); here they run in the test process.
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";
import {
  corpusCases,
  doneWhenProblems,
  leftBehind,
  type CorpusCase,
} from "../fixtures/bad/corpus-files";

let dir: string;
let cases: CorpusCase[] = [];
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "corpus-cli-"));
  cases = await corpusCases();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("every case of the corpus meets the Done-when through the CLI", async () => {
  expect(cases.length).toBeGreaterThanOrEqual(114);
  const missed: string[] = [];
  let refused = 0;
  for (const c of cases) {
    const caseDir = path.join(dir, c.id);
    await fs.mkdir(caseDir);
    const { args, inputs, out } = await c.make(caseDir);
    const before = await Promise.all(inputs.map((f) => fs.readFile(f)));
    const { code, err: stderr } = await runCli(args);
    const after = await Promise.all(inputs.map((f) => fs.readFile(f)));
    const problems = doneWhenProblems({
      id: c.id,
      kind: c.kind,
      code,
      message: "",
      stderr,
      inputUntouched: before.every((b, i) => b.equals(after[i])),
      leftBehind: code === 0 ? [] : await leftBehind(out),
      wroteOutput: existsSync(out),
    });
    if (code !== 0) refused++;
    if (problems.length) missed.push(`${c.id}: ${problems.join("; ")}`);
    await fs.rm(caseDir, { recursive: true, force: true });
  }
  expect(missed).toEqual([]);
  expect(refused).toBeGreaterThan(20); // the damaged packages, the plan files that are not plans, …
}, 300_000);
