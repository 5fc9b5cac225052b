/**
 * The measure-import case of `npm run bench`: a city's measure export of 10,000 measures × 20 period columns
 * (FY22–FY26 actuals, FY23–FY27 targets, FY26's quarters, FY27 Q1–Q2 targets), written the messy way exports are
 * ("N/A", "64.5%", "1,234", non-breaking spaces, typos in categories), read as CSV text and as sheet cells, then
 * evaluated (every period's status and the current one). Target: the import under 2 s.
 */
import { parseCsv } from "../src/core/measures/csv";
import { importMeasures } from "../src/core/measures/import";
import { measureReport } from "../src/core/measures/report";
import type { CellValue, Plan } from "../src/core/types";

export interface MeasuresBench {
  measures: number;
  periodColumns: number;
  cells: number;
  /** Fastest of the runs, ms. */
  csvImportMs: number;
  cellsImportMs: number;
  evaluateMs: number;
  /** CPU time of the same runs (user + system), ms. */
  csvImportCpuMs: number;
  cellsImportCpuMs: number;
  evaluateCpuMs: number;
  unreadable: number;
}

const PERIOD_HEADERS = [
  ...["FY22", "FY23", "FY24", "FY25", "FY26"].map((y) => `${y} Actual`),
  ...["FY23", "FY24", "FY25", "FY26", "FY27"].map((y) => `${y} Target`),
  ...[1, 2, 3, 4].flatMap((q) => [`FY26 Q${q} Target`, `FY26 Q${q} Actual`]),
  "FY27 Q1 Target",
  "FY27 Q2 Target",
];

/** Deterministic rows of an export (mulberry32). */
export function measureExport(n: number): CellValue[][] {
  let a = 20261207;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rows: CellValue[][] = [
    [
      "Measure ID",
      "Performance Measure",
      "Service",
      "Measure Category",
      "Unit",
      "Desired Direction",
      "Calculation",
      ...PERIOD_HEADERS,
    ],
  ];
  const dirs = ["Increase", "increase", "Decrease", "", "Maintain"];
  const intervals = ["Cumulative", "Cumalitve", "Snapshot", "Point in Time", "Non-Cumulative"];
  const cats = ["Output", "Ouput", "Outcome", "Efficiency", "Efficency"];
  for (let i = 0; i < n; i++) {
    const pct = i % 3 === 0;
    const base = pct ? 50 + rand() * 45 : Math.round(100 + rand() * 5000);
    const values = PERIOD_HEADERS.map(() => {
      const r = rand();
      if (r < 0.05) return "N/A";
      if (r < 0.07) return "N\\A";
      if (r < 0.1) return "";
      const v = base * (0.8 + rand() * 0.4);
      if (pct)
        return r < 0.4
          ? `${v.toFixed(2)}%`
          : r < 0.6
            ? Number((v / 100).toFixed(4))
            : Number(v.toFixed(2));
      return r < 0.3 ? `\u00a0${Math.round(v).toLocaleString("en-US")} ` : Math.round(v);
    });
    rows.push([
      `PM-${String(i + 1).padStart(5, "0")}`,
      `Measure ${i + 1}${pct ? " (%)" : ""}`,
      `Service ${i % 110}`,
      cats[i % cats.length],
      pct ? "Percent" : "Number",
      dirs[i % dirs.length],
      intervals[i % intervals.length],
      ...values,
    ]);
  }
  return rows;
}

function toCsv(rows: CellValue[][]): string {
  const q = (v: CellValue) => {
    const s = v === null ? "" : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(q).join(",")).join("\r\n");
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
/**
 * The fastest of `runs` runs, in wall-clock ms, and the CPU time (user + system) of that run: on a shared machine
 * (five engineers on two cores) the wall clock counts the time other processes held the cores; CPU time does not.
 */
function fastest<T>(runs: number, fn: () => T): { value: T; ms: number; cpuMs: number } {
  let best = Infinity;
  let cpu = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const c0 = process.cpuUsage();
    value = fn();
    const c = process.cpuUsage(c0);
    const ms = now() - t0;
    if (ms < best) best = ms;
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return { value, ms: Math.round(best), cpuMs: Math.round(cpu) };
}

export function benchMeasures(plan: Plan, n = 10_000, runs = 5): MeasuresBench {
  const rows = measureExport(n);
  const csv = toCsv(rows);
  const fromCsv = fastest(runs, () => importMeasures(parseCsv(csv, "export.csv")));
  const fromCells = fastest(runs, () => importMeasures({ name: "Export", values: rows }));
  const evaluated = fastest(runs, () =>
    measureReport(fromCells.value.measures, plan, "2026-01-15")
  );
  const unreadable = fromCells.value.issues.filter((i) => i.code === "measures.unreadable").length;
  if (fromCsv.value.measures.length !== n || evaluated.value.current.length !== n)
    throw new Error(`bench: the export of ${n} measures read as ${fromCsv.value.measures.length}`);
  return {
    measures: n,
    periodColumns: PERIOD_HEADERS.length,
    cells: n * rows[0].length,
    csvImportMs: fromCsv.ms,
    cellsImportMs: fromCells.ms,
    evaluateMs: evaluated.ms,
    csvImportCpuMs: fromCsv.cpuMs,
    cellsImportCpuMs: fromCells.cpuMs,
    evaluateCpuMs: evaluated.cpuMs,
    unreadable,
  };
}
