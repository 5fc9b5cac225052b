/**
 * What `budget-align` does, as functions the CLI, the eval and the benchmark call.
 */
import { existsSync, promises as fs, rmSync } from "fs";
import * as path from "path";
import { setFlagsFromString } from "v8";
import type { ColumnChoice } from "../core/budget/columns-option";
import { readPlanJson } from "../core/plan/json";
import { PLAN_SHEET_NAME } from "../core/plan/model";
import { readPlanSheet, looksLikePlanSheet } from "../core/plan/sheet";
import type { Issue, Plan, ReportJson } from "../core/types";
import type { ProgressFn } from "../core/port";
import { parseCsv } from "../core/measures/csv";
import { importMeasures } from "../core/measures/import";
import { MEASURES_SHEET } from "../core/measures/template";
import {
  analyse,
  buildReportJson,
  insertPlanTemplate,
  writeReportSheets,
  type Analysis,
  type RunOptions,
} from "../core/workflow";
import {
  planJson,
  REPORT_SCHEMA,
  REPORT_SCHEMA_VERSION,
  warningsJson,
} from "../core/reports/report-json";
import { PackagePort } from "../xlsx/package-port";
import { formulasWithoutValues } from "../xlsx/uncalculated";

/** The folder holding package.json: src/cli under ts-node/jest, lib/src/cli when compiled. */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..", "..", "..");
  }
}

export const PACKAGE_ROOT = packageRoot(__dirname);
export const SAMPLE_WORKBOOK = path.join(PACKAGE_ROOT, "samples", "sample-budget.xlsx");

/** An error meant for the person at the terminal: one plain line, no stack. */
export class UserError extends Error {
  /** The JSON report (--json) already says why the run stopped, or must not be written again. */
  jsonDone = false;
}

export interface AlignFileOptions {
  input: string;
  plan?: string;
  out?: string;
  json?: string;
  sheets?: string[];
  amountColumn?: string;
  threshold?: number;
  /** ISO date; default today. */
  today?: string;
  /** Count amount cells that are not amounts as 0 (with warnings) instead of stopping. */
  skipBadAmounts?: boolean;
  /** The decimal mark of amounts typed as text (--decimal). */
  decimal?: "." | ",";
  /** Columns chosen by their header text (--columns), saved in the workbook's state. */
  columns?: ColumnChoice[];
  /** A measure export (.xlsx or .csv) for the Scorecard (--measures). */
  measures?: string;
  /** What the run is doing, step by step (the bench times its phases from these labels). */
  onProgress?: ProgressFn;
}

export interface AlignFileResult {
  outPath: string;
  analysis: Analysis;
  /** The JSON report (the --json file's content), built when first read. */
  report: ReportJson;
  written: string[];
}

export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** out/<name>.aligned.xlsx; a macro-enabled workbook keeps its .xlsm (its package says it holds macros). */
export function defaultOutPath(input: string, suffix = ".aligned.xlsx"): string {
  const macros = /\.xlsm$/i.test(input);
  const base = path.basename(input).replace(/\.xls[xm]$/i, "");
  return path.join("out", `${base}${macros ? suffix.replace(/\.xlsx$/, ".xlsm") : suffix}`);
}

/** Errors listed when a run stops: all of them up to this many, so one run shows what to fix. */
export const MAX_ERRORS_SHOWN = 20;

/**
 * What stops a run, in plain words: the one error, or every error (up to 20) on lines of its own, counted. Null
 * when there is no error.
 */
export function errorsMessage(issues: Issue[]): string | null {
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length === 0) return null;
  if (errors.length === 1) return errors[0].message;
  const shown = errors.slice(0, MAX_ERRORS_SHOWN).map((e) => `\n  - ${e.message}`);
  const more = errors.length - shown.length;
  return (
    `${errors.length} problems stop the run:${shown.join("")}` +
    (more > 0 ? `\n  … and ${more} more (every one is in the JSON report, --json).` : "")
  );
}

/**
 * Reads a plan from a .json file or from the plan sheet of another workbook, with its warnings (SMART gaps, no
 * adoption date, unknown functions …), which the run reports as its own.
 */
export async function loadPlanFile(file: string): Promise<{ plan: Plan; issues: Issue[] }> {
  if (/\.xls[xm]$/i.test(file)) {
    const port = await PackagePort.open(file).catch((e: Error) => {
      throw new UserError(`The plan workbook could not be read: ${e.message}`);
    });
    // Worksheets only: chart, dialog and macro sheets have no cells to read.
    const sheets = (await port.listSheets()).filter((s) => (s.type ?? "worksheet") === "worksheet");
    const named = sheets.find((s) => s.name.toLowerCase() === PLAN_SHEET_NAME.toLowerCase());
    const cells = await port.readSheets(named ? [named.name] : sheets.map((s) => s.name));
    const planCells = named ? cells[0] : cells.find((c) => looksLikePlanSheet(c));
    if (!planCells)
      throw new UserError(`${path.basename(file)} has no sheet named "${PLAN_SHEET_NAME}".`);
    const read = readPlanSheet(planCells);
    const err = errorsMessage(read.issues);
    if (err || !read.plan)
      throw new UserError(err ?? `${path.basename(file)}: the plan could not be read.`);
    return { plan: read.plan, issues: read.issues };
  }
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    throw new UserError(`The plan file "${file}" does not exist or cannot be read.`);
  }
  const read = readPlanJson(text, path.basename(file));
  const err = errorsMessage(read.issues);
  if (err || !read.plan)
    throw new UserError(err ?? `${path.basename(file)}: the plan could not be read.`);
  return { plan: read.plan, issues: read.issues };
}

/**
 * Reads a measure export for --measures: a .csv file, or an .xlsx/.xlsm workbook's "Measures" sheet (else its first
 * sheet that holds a measure table). Problems with single values are warnings of the run; a file with no measure
 * table stops it, saying what the table needs.
 */
export async function loadMeasuresFile(file: string): Promise<NonNullable<RunOptions["measures"]>> {
  const name = path.basename(file);
  const from = `--measures ${name}`;
  if (/\.xls[xm]$/i.test(file)) {
    const port = await PackagePort.open(file).catch((e: Error) => {
      throw new UserError(`The measures workbook could not be read: ${e.message}`);
    });
    const sheets = (await port.listSheets()).filter((s) => s.visibility === "visible");
    const named = sheets.find((s) => s.name.toLowerCase() === MEASURES_SHEET.toLowerCase());
    const cells = await port.readSheets((named ? [named] : sheets).map((s) => s.name));
    let first: ReturnType<typeof importMeasures> | null = null;
    for (const c of cells) {
      const read = importMeasures(c);
      first ??= read;
      if (read.layout !== "none") return { ...read, from };
    }
    throw new UserError(
      first?.issues[0]?.message.replace(/^"[^"]*"/, name) ?? `${name} has no sheets with measures.`
    );
  }
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    throw new UserError(`The measures file "${file}" does not exist or cannot be read.`);
  }
  const read = importMeasures(parseCsv(text, name));
  if (read.layout === "none") throw new UserError(read.issues[0].message);
  return { ...read, from };
}

/**
 * How far V8 lets the heap grow past what its last full collection left before it collects again: 1.3× (V8 picks
 * up to 4× by itself, and let a real-shaped million-line run, ~600 MB live, reach 1.57 GB of heap and 1.85 GB of
 * RSS). The CLI is one batch job whose live memory rises and falls by phase, so collecting a little more often costs
 * little. Measured at 1M real-shaped lines (bench/results/real-1000000.xlsx, one process each, 2026-12-07): peak RSS
 * 1,857 MB by default; 1,298–1,411 MB at 50%; 1,204–1,392 MB at 30%; wall time within the runs' spread (30–38 s);
 * at 100k, 3–6% more CPU. `npm run bench` measures the CLI with it. Set by alignFile before the run allocates; the
 * pane (a browser) never loads this module.
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * The main job: read the workbook, tag, write Alignment / Review / Timetable into OUT. When the run stops on bad
 * input, the JSON report (--json) is still written, with `stopped: true` and the issues that stopped it.
 */
export async function alignFile(opts: AlignFileOptions): Promise<AlignFileResult> {
  // Setting the same flag again (a second run in one process) changes nothing.
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return await alignFileOnce(opts);
  } catch (e) {
    if (opts.json && e instanceof UserError && !e.jsonDone) {
      await writeStoppedJson(opts.json, e.message);
      e.jsonDone = true;
    }
    throw e;
  }
}

/** The JSON report of a run that stopped before it had read the budget: why, and no lines. Never throws. */
export async function writeStoppedJson(file: string, message: string): Promise<void> {
  const issues: Issue[] = [{ severity: "error", code: "run.stopped", message }];
  const stopped: ReportJson & { stopped: true } = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    schema: REPORT_SCHEMA,
    plan: planJson(null),
    lines: [],
    totals: { budget: 0, aligned: 0, unaligned: 0 },
    warnings: warningsJson(issues),
    issues,
    stopped: true,
  };
  await writeJson(file, stopped).catch(() => undefined);
}

async function alignFileOnce(opts: AlignFileOptions): Promise<AlignFileResult> {
  const outPath = opts.out ?? defaultOutPath(opts.input);
  if (path.resolve(outPath) === path.resolve(opts.input)) {
    throw new UserError(
      "The output file must not be the input file: give --out a new name, so the original is kept."
    );
  }
  // Excel opens a package only under the extension its content says: .xlsm holds macros, .xlsx cannot.
  const macros = /\.xlsm$/i.test(opts.input);
  if (macros !== /\.xlsm$/i.test(outPath))
    throw new UserError(
      macros
        ? `${path.basename(opts.input)} holds macros: give --out a name ending in .xlsm, so Excel opens it.`
        : `--out "${outPath}" ends in .xlsm, but ${path.basename(opts.input)} is an .xlsx workbook: give it a name ending in .xlsx.`
    );
  const given = opts.plan ? await loadPlanFile(opts.plan) : undefined;
  const measures = opts.measures ? await loadMeasuresFile(opts.measures) : undefined;
  const runOptions = {
    measures,
    today: opts.today ?? todayIso(),
    plan: given?.plan,
    planIssues: given?.issues,
    sheets: opts.sheets,
    amountColumn: opts.amountColumn,
    threshold: opts.threshold,
    badAmounts: opts.skipBadAmounts ? ("skip" as const) : ("stop" as const),
    decimal: opts.decimal,
    columns: opts.columns,
  };
  // One path for every size: values streamed out of the package, the output written as the input package with
  // only our parts added or replaced (src/xlsx/package-port.ts).
  const port = await PackagePort.open(opts.input).catch((e: Error) => {
    throw new UserError(e.message);
  });
  let analysis: Analysis;
  try {
    analysis = await analyse(port, runOptions, opts.onProgress);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  const unsaved = formulasWithoutValues(port.unsavedFormulas(), analysis.budget.layouts);
  if (unsaved) {
    // No budget found is then a consequence (the amounts read as blanks), not a second problem to fix.
    const rest = analysis.issues.filter(
      (i) => i.code !== "budget.none" && i.code !== "budget.no-lines"
    );
    analysis = { ...analysis, issues: [unsaved, ...rest], ok: false };
  }
  if (!analysis.ok) {
    // The run stops here; the JSON report still says why, with every issue found.
    if (opts.json)
      await writeJson(opts.json, { ...buildReportJson(analysis), stopped: true }).catch(
        () => undefined
      );
    const stop = new UserError(
      errorsMessage(analysis.issues) ?? "The workbook has problems that stop the report."
    );
    stop.jsonDone = true;
    throw stop;
  }
  let sheets;
  try {
    sheets = await writeReportSheets(port, analysis, opts.onProgress);
  } catch (e) {
    throw new UserError((e as Error).message);
  }
  opts.onProgress?.({ label: "Saving the workbook", fraction: 0 });
  await saveOrSay(port, outPath);
  // The JSON report (a record per line) is built after the save, so it is not held while the package is written,
  // and only when it is read: for --json, or by a caller of alignFile (the summary needs none of it).
  const result = resultWithReport(outPath, analysis, sheets.written, sheets.report);
  if (opts.json) {
    const json = opts.json;
    await writeJson(json, result.report).catch((e: unknown) => {
      const failed = new UserError(
        `The JSON report could not be written to "${json}" (${reasonFor(e)}). ${outcomeSoFar(outPath)}`
      );
      failed.jsonDone = true;
      throw failed;
    });
  }
  return result;
}

/**
 * A finished run's result whose JSON report is built the first time it is read, then kept: a run without --json
 * makes no record per line (100,000 of them at 100,000 lines) that nothing reads.
 */
function resultWithReport(
  outPath: string,
  analysis: Analysis,
  written: string[],
  build: () => ReportJson
): AlignFileResult {
  let report: ReportJson | undefined;
  return {
    outPath,
    analysis,
    written,
    get report(): ReportJson {
      if (report === undefined) {
        try {
          report = build();
        } catch (e) {
          throw new UserError((e as Error).message);
        }
      }
      return report;
    },
  };
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await fs.writeFile(file, JSON.stringify(value, null, 2));
}

function outcomeSoFar(outPath: string): string {
  return `The workbook itself was written to "${outPath}".`;
}

/** A file-system failure in plain words (never a bare code such as "EFBIG"). */
export function reasonFor(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "EFBIG":
      return "the file would be larger than the disk or the system allows";
    case "EDQUOT":
      return "your disk quota is used up";
    case "EROFS":
      return "the disk is read-only";
    case "ENAMETOOLONG":
      return "the file name is too long";
    case "ENOENT":
      return "the folder does not exist or was removed while writing";
    case "EMFILE":
    case "ENFILE":
      return "too many files are open; close some programs and try again";
    case "EIO":
      return "the disk reported a read or write error";
    case "EXDEV":
      return "the temporary file and the output are on different disks";
    case "EISDIR":
      return "a folder of that name is in the way";
    case "EACCES":
    case "EPERM":
    case "EBUSY":
      return "it is open in another program or the folder does not allow writing";
    case "ENOSPC":
      return "the disk is full";
    case "ENOTDIR":
    case "EEXIST":
      return "part of the path is a file, not a folder";
    default:
      return code
        ? `the system refused it (error ${code})`
        : ((e as Error).message ?? String(e)).replace(/\.$/, "");
  }
}

/**
 * While `tmp` is being written: Ctrl-C (SIGINT) or SIGTERM removes it before the process ends, so a stopped save
 * leaves nothing beside the output. Returns the function that stops listening. `kill` ends the process with the
 * same signal once the file is gone (injectable for tests).
 */
export function removeOnSignal(
  tmp: string,
  kill: (signal: NodeJS.Signals) => void = (signal) => process.kill(process.pid, signal)
): () => void {
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const onSignal = (signal: NodeJS.Signals) => {
    stop();
    rmSync(tmp, { force: true });
    kill(signal);
  };
  const stop = () => {
    for (const s of signals) process.off(s, onSignal);
  };
  for (const s of signals) process.once(s, onSignal);
  return stop;
}

/**
 * Saves the result, turning a failure (a folder of that name, no permission, a full disk, the file open in Excel
 * on Windows) into one plain sentence. The input workbook is never touched, and the port writes through a
 * temporary file, so a failed save leaves no half-written workbook behind.
 */
async function saveOrSay(port: PackagePort, outPath: string): Promise<void> {
  const stopListening = removeOnSignal(`${outPath}.${process.pid}.tmp`);
  try {
    await port.save(outPath);
  } catch (e) {
    await fs.rm(`${outPath}.${process.pid}.tmp`, { force: true }).catch(() => undefined);
    throw new UserError(
      `The result could not be saved to "${outPath}" (${reasonFor(e)}). Your workbook was not changed; nothing was written.`
    );
  } finally {
    stopListening();
  }
}

/** `--init-plan`: add the ready-to-fill Strategic Plan sheet, never over an existing one. */
export async function initPlanFile(input: string, out?: string): Promise<string> {
  const port = await PackagePort.open(input).catch((e: Error) => {
    throw new UserError(e.message);
  });
  const outcome = await insertPlanTemplate(port);
  if (outcome === "exists") {
    throw new UserError(
      `${path.basename(input)} already has a "${PLAN_SHEET_NAME}" sheet; it was left as it is. ` +
        `Rename or delete it first if you want a fresh template.`
    );
  }
  const outPath = out ?? defaultOutPath(input, ".with-plan.xlsx");
  if (path.resolve(outPath) === path.resolve(input)) {
    throw new UserError(
      "The output file must not be the input file: give --out a new name, so the original is kept."
    );
  }
  await saveOrSay(port, outPath);
  return outPath;
}
