/**
 * One CLI-sized job in its own process, so its peak memory (maxRSS) is its own.
 *   node lib/bench/cli-child.js ours  <input.xlsx> <out.xlsx> <plan.json>
 *   node lib/bench/cli-child.js floor <input.xlsx> <out.xlsx> <cells>
 * Prints one JSON line: { ms, maxRssMB, cells? }.
 */
import * as path from "path";
import { countCellsStreaming, floorRoundTrip } from "./workbook";

type AlignFile = (opts: {
  input: string;
  out?: string;
  plan?: string;
  today?: string;
}) => Promise<{ written: string[] }>;

async function main(): Promise<void> {
  const [mode, input, out, extra] = process.argv.slice(2);
  const t0 = process.hrtime.bigint();
  if (mode === "ours") {
    const { alignFile } = require(path.join(__dirname, "..", "src", "cli", "run.js")) as {
      alignFile: AlignFile;
    };
    const res = await alignFile({ input, out, plan: extra, today: "2026-11-22" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    // Outside the timing: how many cells the generated sheets hold, for the floor to write as many.
    const counts = await countCellsStreaming(out, ["Alignment", "Review", "Timetable"]);
    const cells = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(
      JSON.stringify({ ms, maxRssMB, cells, counts, written: res.written }) + "\n"
    );
  } else if (mode === "floor") {
    await floorRoundTrip(input, out, Number(extra));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(
      JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + "\n"
    );
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
