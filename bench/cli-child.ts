/**
 * One CLI-sized job in its own process, so its peak memory (maxRSS) is its own.
 *   node lib/bench/cli-child.js ours  <input.xlsx> <out.xlsx> <plan.json>
 *   node lib/bench/cli-child.js floor <input.xlsx> <out.xlsx> <cells>
 * Prints one JSON line: { ms, cpuMs, maxRssMB, cells? } (cpuMs: the process's CPU time, user + system, start-up
 * included: on a shared machine it moves far less than the wall clock).
 */
import * as path from "path";
import { countCellsStreaming, floorRoundTrip } from "./workbook";

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

/** Milliseconds per phase: start-up (module load), read, lines, tag, reports, write. */
function phaseClock(startUpMs: number) {
  const phases: Record<string, number> = { startUp: Math.round(startUpMs) };
  let current = "read";
  let since = process.hrtime.bigint();
  const close = () => {
    const t = process.hrtime.bigint();
    phases[current] = (phases[current] ?? 0) + Math.round(Number(t - since) / 1e6);
    since = t;
  };
  return {
    phases,
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
    // Outside the timing: how many cells the generated sheets hold, for the floor to write as many.
    const counts = await countCellsStreaming(out, ["Alignment", "Review", "Timetable"]);
    const cells = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      JSON.stringify({
        ms,
        cpuMs: cpuMs(),
        maxRssMB,
        cells,
        counts,
        written: res.written,
        phases: clock.phases,
      }) + "\n"
    );
  } else if (mode === "floor") {
    await floorRoundTrip(input, out, Number(extra));
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
