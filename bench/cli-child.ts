/**
 * One CLI-sized job in its own process, so its peak memory (maxRSS) is its own.
 *   node lib/bench/cli-child.js ours  <input.xlsx> <out.xlsx> <plan.json>
 *   node lib/bench/cli-child.js floor <input.xlsx> <out.xlsx> <cells>
 * Prints one JSON line: { ms, cpuMs, maxRssMB, cells? } (cpuMs: the process's CPU time, user + system, start-up
 * included: on a shared machine it moves far less than the wall clock; phasesCpu: the same per phase).
 * exceljs (./workbook) is loaded only when it is used: for "ours" after the run is timed (counting the cells
 * written), so neither its load nor its counting is charged to the CLI's start-up or CPU time.
 */
import * as path from "path";

type Workbook = typeof import("./workbook");
const workbook = (): Workbook => require("./workbook") as Workbook;

type AlignFile = (opts: {
  input: string;
  out?: string;
  plan?: string;
  today?: string;
  onProgress?: (p: { label: string; fraction: number }) => void;
}) => Promise<{ written: string[] }>;

/** The run's phases, told apart by the progress labels the workflow and alignFile give. */
const PHASE_STARTS: [RegExp, string][] = [
  [/^Reading budget lines$/, "lines"],
  [/^Tagging budget lines$/, "tag"],
  [/^Building the report sheets$/, "reports"],
  [/^Saving the workbook$/, "write"],
];

/** Milliseconds per phase, wall and CPU: start-up (module load), read, lines, tag, reports, write. */
function phaseClock(startUpMs: number) {
  const phases: Record<string, number> = { startUp: Math.round(startUpMs) };
  const phasesCpu: Record<string, number> = { startUp: cpuMs() };
  let current = "read";
  let since = process.hrtime.bigint();
  let cpuSince = cpuMs();
  const close = () => {
    const t = process.hrtime.bigint();
    const cpu = cpuMs();
    phases[current] = (phases[current] ?? 0) + Math.round(Number(t - since) / 1e6);
    phasesCpu[current] = (phasesCpu[current] ?? 0) + cpu - cpuSince;
    since = t;
    cpuSince = cpu;
  };
  return {
    phases,
    phasesCpu,
    onProgress(p: { label: string }) {
      const next = PHASE_STARTS.find(([re]) => re.test(p.label))?.[1];
      if (!next || next === current) return;
      close();
      current = next;
    },
    end: close,
  };
}

/** CPU time of the whole process so far (user + system, every thread), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
}

async function main(): Promise<void> {
  const [mode, input, out, extra] = process.argv.slice(2);
  // The floor's timing starts after exceljs is loaded, as it always has.
  if (mode === "floor") workbook();
  const t0 = process.hrtime.bigint();
  if (mode === "ours") {
    // Start-up: the process up to here (node itself) and loading the CLI's modules.
    const startUp = process.uptime() * 1000;
    const { alignFile } = require(path.join(__dirname, "..", "src", "cli", "run.js")) as {
      alignFile: AlignFile;
    };
    const clock = phaseClock(startUp + Number(process.hrtime.bigint() - t0) / 1e6);
    const res = await alignFile({
      input,
      out,
      plan: extra,
      today: "2026-11-22",
      onProgress: clock.onProgress,
    });
    clock.end();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    const cpu = cpuMs();
    // Outside the timing: how many cells the generated sheets hold, for the floor to write as many.
    const counts = await workbook().countCellsStreaming(out, ["Alignment", "Review", "Timetable"]);
    const cells = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      JSON.stringify({
        ms,
        cpuMs: cpu,
        maxRssMB,
        cells,
        counts,
        written: res.written,
        phases: clock.phases,
        phasesCpu: clock.phasesCpu,
      }) + "\n"
    );
  } else if (mode === "floor") {
    await workbook().floorRoundTrip(input, out, Number(extra));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(
      JSON.stringify({ ms, cpuMs: cpuMs(), maxRssMB: process.resourceUsage().maxRSS / 1024 }) + "\n"
    );
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
