/**
 * One CLI-sized job in its own process, so its peak memory (maxRSS) is its own.
 *   node lib/bench/cli-child.js ours  <input.xlsx> <out.xlsx> <plan.json>
 *   node lib/bench/cli-child.js floor <input.xlsx> <out.xlsx> <cells>
 *   node lib/bench/cli-child.js stream <input.xlsx> <out.xlsx> <plan.json>     (alignLargeFile, src/xlsx/stream)
 *   node lib/bench/cli-child.js stream-io <input.xlsx> <out.xlsx> <cells>      (StreamPort alone: the streaming floor)
 * Prints one JSON line: { ms, maxRssMB, cells? }.
 */
import * as path from "path";
import { promises as fs } from "fs";
import { readPlanJson } from "../src/core/plan/json";
import type { CellValue, SheetModel } from "../src/core/types";
import { bareModel } from "../test/fixtures/sheet-model";
import { alignLargeFile, StreamPort } from "../src/xlsx/stream";
import { countCellsStreaming, floorRoundTrip } from "./workbook";

/** Three plain sheet models holding `cells` cells in all, 12 columns wide (what the floor adds). */
function plainModels(cells: number): SheetModel[] {
  const perSheet = Math.ceil(cells / 3);
  return ["Alignment", "Review", "Timetable"].map((name) => {
    const values: CellValue[][] = [];
    for (let i = 0; i < Math.ceil(perSheet / 12); i++) {
      const row: CellValue[] = [];
      for (let c = 0; c < 12; c++) row.push(c % 3 === 0 ? `Item ${i} col ${c}` : i * 10 + c + 0.25);
      values.push(row);
    }
    return bareModel(name, values, { print: { landscape: false, fitToWidth: true, footer: "" } });
  });
}

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
  } else if (mode === "stream") {
    const read = readPlanJson(await fs.readFile(extra, "utf8"), "plan.json");
    if (!read.plan) throw new Error(read.issues.map((i) => i.message).join("; "));
    await alignLargeFile({ input, out, plan: read.plan, today: "2026-11-22" });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    const counts = await countCellsStreaming(out, ["Alignment", "Review", "Timetable"]);
    const cells = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(JSON.stringify({ ms, maxRssMB, cells, counts }) + "\n");
  } else if (mode === "stream-io") {
    const port = await StreamPort.open(input);
    await port.readSheets(["Budget"]);
    await port.writeSheets(plainModels(Number(extra)));
    await port.save(out);
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
