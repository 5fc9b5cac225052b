/**
 * `npm run corpus`: every case of the hostile corpus (test/fixtures/bad/, test/fixtures/bad/corpus-files.ts) through
 * the compiled `budget-align` in a child process of its own, one at a time, measured by /usr/bin/time -v: exit code,
 * the line it stopped with, peak resident memory and seconds; then the Done-when of issue #30 for each (exit 0, 1
 * or 2; a refusal is one line; the inputs unchanged byte for byte; nothing left beside the output on refusal; under
 * 2 GB and 60 s). Writes docs/hostile-corpus.md (every case) and the summary in README.md between the
 * `corpus-table` markers. Exits 1 when any case misses.
 *
 *   npm run corpus                 # all cases
 *   npm run corpus -- wb-empty     # the cases whose id contains one of the words (the files are not rewritten)
 */
import { spawn } from "child_process";
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import {
  bigCases,
  corpusCases,
  doneWhenProblems,
  leftBehind,
  MAX_MB,
  MAX_SECONDS,
  type CaseResult,
  type CorpusCase,
  type RunOutcome,
} from "../../test/fixtures/bad/corpus-files";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");
const BIN = path.join(ROOT, "bin", "budget-align.js");
const TIME = "/usr/bin/time";
/** A run still going after this is stopped (and reported over the limit). */
const KILL_AFTER_S = 180;

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  peakMB?: number;
  seconds: number;
}

function runChild(args: string[], cwd: string, report: string): Promise<ChildRun> {
  const measured = existsSync(TIME);
  const [cmd, argv] = measured
    ? [TIME, ["-v", "-o", report, process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_S * 1000);
    child.on("error", reject);
    child.on("close", async (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let peakMB: number | undefined;
      let exit = code;
      if (measured && existsSync(report)) {
        const text = await fs.readFile(report, "utf8");
        const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
        if (kb) peakMB = Math.round(Number(kb[1]) / 1024);
        const status = /Exit status: (\d+)/.exec(text);
        if (status) exit = Number(status[1]);
        if (/Command terminated by signal/.test(text)) exit = null;
        await fs.rm(report, { force: true });
      }
      resolve({ code: exit, stdout, stderr, peakMB, seconds });
    });
  });
}

async function runCase(c: CorpusCase, dir: string): Promise<CaseResult> {
  const caseDir = path.join(dir, c.id);
  await fs.mkdir(caseDir, { recursive: true });
  const { args, inputs, out } = await c.make(caseDir);
  const before = await Promise.all(inputs.map((f) => fs.readFile(f)));
  const run = await runChild(args, caseDir, path.join(dir, `${c.id}.time.txt`));
  const after = await Promise.all(inputs.map((f) => fs.readFile(f)));
  // Paths as the case's own file names (the temporary folder differs from run to run).
  const lines = (t: string) =>
    t
      .split(caseDir + path.sep)
      .join("")
      .split("\n")
      .filter((l) => l.trim() !== "");
  const errLines = lines(run.stderr);
  const outLines = lines(run.stdout);
  const written = outLines.find((l) => l.startsWith("Wrote ")) ?? outLines[0] ?? "";
  const left = run.code === 0 ? [] : await leftBehind(out);
  const result: RunOutcome = {
    id: c.id,
    kind: c.kind,
    code: run.code,
    message: run.code === 0 ? written : errLines.join(" "),
    stderr: errLines.join("\n"),
    inputUntouched: before.every((b, i) => b.equals(after[i])),
    leftBehind: left,
    wroteOutput: existsSync(out),
    peakMB: run.peakMB,
    seconds: Math.round(run.seconds * 10) / 10,
  };
  await fs.rm(caseDir, { recursive: true, force: true });
  return { ...result, problems: doneWhenProblems(result) };
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function fullTable(results: CaseResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.id} | ${r.kind} | ${r.code ?? "killed"} | ${r.peakMB ?? "?"} | ${r.seconds ?? "?"} | ` +
      `${r.problems.length ? `**${cell(r.problems.join("; "))}**` : "yes"} | ${cell(r.message)} |`
  );
  return [
    "| case | kind | exit | peak MB | s | Done-when met | message (a refusal's one line, or the run's output line) |",
    "|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

function summary(results: CaseResult[], when: string): string {
  const kinds = [...new Set(results.map((r) => r.kind))];
  const line = (label: string, rs: CaseResult[]) => {
    const codes = [0, 1, 2].map((c) => rs.filter((r) => r.code === c).length);
    const peak = Math.max(0, ...rs.map((r) => r.peakMB ?? 0));
    const secs = Math.max(0, ...rs.map((r) => r.seconds ?? 0));
    const missed = rs.filter((r) => r.problems.length).length;
    return `| ${label} | ${rs.length} | ${codes[0]} | ${codes[1]} | ${codes[2]} | ${peak} | ${secs.toFixed(1)} | ${missed} |`;
  };
  const heaviest = [...results]
    .sort((a, b) => (b.peakMB ?? 0) - (a.peakMB ?? 0))
    .slice(0, 3)
    .map((r) => `${r.id} ${r.peakMB} MB`)
    .join(", ");
  const slowest = [...results]
    .sort((a, b) => (b.seconds ?? 0) - (a.seconds ?? 0))
    .slice(0, 3)
    .map((r) => `${r.id} ${r.seconds} s`)
    .join(", ");
  const missed = results.filter((r) => r.problems.length);
  return [
    `Produced by \`npm run corpus\` on ${when} (each case a child process of the compiled CLI, measured by`,
    `\`/usr/bin/time -v\`, one at a time on the shared 2-core machine); every case with its line:`,
    `[docs/hostile-corpus.md](docs/hostile-corpus.md).`,
    "",
    "| kind | cases | exit 0 (ran) | exit 1 (refused) | exit 2 (refused) | largest peak MB | longest s | Done-when missed |",
    "|---|---|---|---|---|---|---|---|",
    ...kinds.map((k) =>
      line(
        k,
        results.filter((r) => r.kind === k)
      )
    ),
    line("**all**", results),
    "",
    `Heaviest: ${heaviest}.`,
    `Slowest: ${slowest}.`,
    `Limits checked: exit 0, 1 or 2; a refusal says each problem in one line on standard error; every input file`,
    `unchanged byte for byte; nothing (neither the output nor a temporary file) left on a refusal; peak memory at`,
    `most ${MAX_MB} MB; at most ${MAX_SECONDS} s.`,
    missed.length
      ? `Missed: ${missed.map((r) => `${r.id} (${r.problems.join("; ")})`).join(", ")}.`
      : "Missed: none.",
  ].join("\n");
}

async function main(): Promise<number> {
  if (!existsSync(path.join(ROOT, "lib", "src", "cli", "main.js"))) {
    console.error("run-corpus: build the CLI first (npm run build:cli).");
    return 3;
  }
  const words = process.argv.slice(2);
  const all = [...(await corpusCases(path.join(ROOT, "test", "fixtures", "bad"))), ...bigCases()];
  const cases = words.length ? all.filter((c) => words.some((w) => c.id.includes(w))) : all;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "corpus-run-"));
  const results: CaseResult[] = [];
  try {
    for (const c of cases) {
      const r = await runCase(c, dir);
      results.push(r);
      console.log(
        `${r.problems.length ? "MISS" : "ok  "} ${r.id.padEnd(52)} exit ${r.code} ${String(r.peakMB ?? "?").padStart(5)} MB ${String(r.seconds).padStart(6)} s  ${short(r.message, 90)}` +
          (r.problems.length ? `\n     ${r.problems.join("; ")}` : "")
      );
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  const missed = results.filter((r) => r.problems.length);
  console.log(
    `${results.length} cases, ${results.length - missed.length} met the Done-when, ${missed.length} missed.`
  );
  if (words.length) return missed.length ? 1 : 0;
  const when = new Date().toISOString().slice(0, 10);
  await fs.writeFile(
    path.join(ROOT, "docs", "hostile-corpus.md"),
    `# The hostile corpus through the CLI\n\nWritten by \`npm run corpus\` (scripts/corpus/run-corpus.ts) on ${when}; do not edit by hand.\n` +
      `Each case of \`test/fixtures/bad/\` (with the three huge ones built in memory and the issue's four big ones) as\nfiles, run by the compiled ` +
      `\`budget-align\` in a child process of its own under \`/usr/bin/time -v\`.\n\n${summary(results, when)}\n\n${fullTable(results)}\n`
  );
  const readme = path.join(ROOT, "README.md");
  const text = await fs.readFile(readme, "utf8");
  const start = "<!-- corpus-table:start -->";
  const end = "<!-- corpus-table:end -->";
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a)
    console.error(`run-corpus: README.md has no ${start} … ${end} section; not updated.`);
  else
    await fs.writeFile(
      readme,
      `${text.slice(0, a + start.length)}\n${summary(results, when)}\n${text.slice(b)}`
    );
  return missed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(3);
  }
);
