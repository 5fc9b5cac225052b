/**
 * `budget-align` with no BUDGET.xlsx runs on the bundled sample, built for the run's date (--today or today), so
 * its fiscal year, year-to-date column, measures and plan dates are current whatever day it runs
 * (samples/make-sample.ts says how). The sample builder writes with exceljs, so it is loaded only here, only when
 * the sample is asked for: a run on a real workbook loads no exceljs (test/cli/cli-imports.test.ts).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";

export interface BuiltSample {
  /** The workbook, named sample-budget.xlsx as the committed copy is, in a folder of its own. */
  file: string;
  /** Removes the folder (the aligned result has every sheet of the sample in it). */
  dispose(): Promise<void>;
}

export async function sampleAsOf(today: string): Promise<BuiltSample> {
  const { buildSampleWorkbook } = await import("../../samples/make-sample");
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-sample-"));
  const file = path.join(dir, "sample-budget.xlsx");
  const dispose = () => fs.rm(dir, { recursive: true, force: true });
  try {
    await buildSampleWorkbook(today).xlsx.writeFile(file);
  } catch (e) {
    await dispose();
    throw e;
  }
  return { file, dispose };
}
