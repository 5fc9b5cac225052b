/**
 * The README's figures for the command line on both budget shapes, written from bench/results.json (never typed):
 * the part of README.md between `<!-- bench:cli-shapes -->` and `<!-- /bench:cli-shapes -->` is replaced.
 * `npm run bench` calls it after writing results.json; `node lib/bench/readme-section.js` rewrites the section
 * from the results.json there is.
 */
import * as fs from "fs";
import * as path from "path";

const START = "<!-- bench:cli-shapes -->";
const END = "<!-- /bench:cli-shapes -->";

interface Cli {
  ms: number;
  cpuMs?: number;
  maxRssMB: number;
  runsMs: number[];
  phases?: Record<string, number>;
  /** CPU ms per phase of the same run (user + system, every thread: JIT and GC helpers included). */
  phasesCpu?: Record<string, number>;
}
interface Floor {
  ms: number;
  cpuMs?: number;
  maxRssMB: number;
}
interface Row {
  lines: number;
  cli: Cli | { error: string } | null;
  floor: Floor | { error: string } | null;
  ratio: number | null;
  usPerLine: number | null;
}
interface Target {
  name: string;
  status: string;
  detail: string;
}
interface Results {
  date: string;
  targets?: Target[];
  machine: { cpu: string; cores: number; memoryGB: number; node: string };
  loadAverage?: number[];
  results?: Row[];
  real?: Row[];
}

const n = (v: number) => v.toLocaleString("en-US");
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ok = <T extends object>(v: T | { error: string } | null): T | null =>
  v && !("error" in v) ? v : null;

const PHASES = ["startUp", "read", "lines", "tag", "reports", "write"] as const;

function row(shape: string, r: Row): string {
  const cli = ok<Cli>(r.cli);
  const floor = ok<Floor>(r.floor);
  const cpu = (p: string) =>
    cli?.phasesCpu?.[p] !== undefined ? ` (${(cli.phasesCpu[p] / 1000).toFixed(1)})` : "";
  const phases = cli?.phases
    ? PHASES.map((p) => (cli.phases![p] !== undefined ? s(cli.phases![p]) + cpu(p) : "—")).join(
        " / "
      )
    : "—";
  return (
    `| ${shape} | ${n(r.lines)} | ${cli ? `${s(cli.ms)} (${cli.runsMs.map(s).join(", ")})` : r.cli && "error" in r.cli ? "failed" : "—"} ` +
    `| ${floor ? s(floor.ms) : "not run"} | ${r.ratio != null ? `**${r.ratio}×**` : "—"} ` +
    `| ${cli?.cpuMs && floor?.cpuMs ? `${s(cli.cpuMs)} / ${s(floor.cpuMs)} = **${(cli.cpuMs / floor.cpuMs).toFixed(2)}×**` : "—"} ` +
    `| ${perLine(r, cli)} | ${cli ? `${n(cli.maxRssMB)} MB` : "—"} | ${phases} |`
  );
}

/** Microseconds per line, wall clock, with the CPU's (user + system) in brackets. */
function perLine(r: Row, cli: Cli | null): string {
  if (!cli) return "—";
  const cpu = cli.cpuMs ? ` (${Math.round((cli.cpuMs * 1000) / r.lines)})` : "";
  return `${Math.round((cli.ms * 1000) / r.lines)} µs${cpu}`;
}

/** Issue #29's targets (the real-shaped budget's and the generated 100,000's) as the bench judged them. */
function issue29Targets(res: Results): string[] {
  const ts = (res.targets ?? []).filter((t) => t.name.startsWith("CLI, "));
  if (!ts.length) return [];
  return [
    "",
    "Issue #29's targets in this run (the bench's own verdicts, `targets` in `bench/results.json`):",
    "",
    ...ts.map((t) => `- **${t.status}** ${t.name}: ${t.detail}`),
  ];
}

/** The section's markdown from the results. */
export function cliShapesSection(res: Results): string {
  const m = res.machine;
  const rows = [
    ...(res.results ?? []).filter((r) => r.cli).map((r) => row("generated", r)),
    ...(res.real ?? []).map((r) => row("real-shaped", r)),
  ];
  const load = res.loadAverage ? `; load average ${res.loadAverage[0].toFixed(1)} at the end` : "";
  return [
    START,
    `From \`bench/results.json\` (${res.date.slice(0, 16).replace("T", " ")} UTC, ${m.cpu}, ${m.cores} cores, ` +
      `${m.memoryGB} GB, Node ${m.node}${load}; written by \`npm run bench\`, not typed). The CLI and the exceljs floor ` +
      `run in child processes, the fastest of 3 runs quoted with every run's time; CPU time (user + system, the ` +
      `least of the runs) moves far less than the wall clock when other jobs share the machine; phases of the fastest run: ` +
      `start-up (node and module load) / read (package, values) / lines (budget lines) / tag / reports (sheet ` +
      `models) / write (our sheets to XML, into the package, zipped), each with its CPU seconds in brackets ` +
      `where measured (every thread of the process: the JIT compiler's and the garbage collector's helpers too, so ` +
      `it can exceed the wall clock).`,
    "",
    "| budget | lines | CLI end to end (runs) | exceljs floor | ours / floor | CPU time, ours / floor | per line (CPU) | CLI peak RSS | start-up / read / lines / tag / reports / write |",
    "|---|---:|---|---:|---:|---|---:|---:|---|",
    ...rows,
    ...issue29Targets(res),
    END,
  ].join("\n");
}

/** Replaces the section in README.md; false when the README has no such section. */
export function updateReadme(root: string, res: Results): boolean {
  const file = path.join(root, "README.md");
  const text = fs.readFileSync(file, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return false;
  fs.writeFileSync(file, text.slice(0, a) + cliShapesSection(res) + text.slice(b + END.length));
  return true;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..");
  const res = JSON.parse(
    fs.readFileSync(path.join(root, "bench", "results.json"), "utf8")
  ) as Results;
  process.stdout.write(
    updateReadme(root, res)
      ? "README.md: the command line's figures rewritten from bench/results.json\n"
      : `README.md has no ${START} section\n`
  );
}
