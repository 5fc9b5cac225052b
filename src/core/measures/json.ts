/**
 * The `measures` array of plan JSON (and of --json): each measure as an object,
 *   { "id", "name", "node"?, "program"?, "unit"?, "direction"?: "increase" | "decrease" | "maintain",
 *     "interval"?: "cumulative" | "snapshot" | "period", "baseline"?, "band"?: { "low", "high" },
 *     "targets"?: { "FY26": 1200, "FY26 Q2": 600 }, "actuals"?: { "FY25": 1100 },
 *     "owner"?, "source"?, "notes"?, "deprecated"? }
 * Period names are read as people write them ("FY26", "FY 2025-26", "FY2026 Q2") and stored as "FY26", "FY26 Q2".
 */
import { fiscalYearOf } from "../budget/header";
import type { Issue } from "../types";
import { emptyMeasure, INTERVALS, periodLabel, type Measure, type Period } from "./model";
import { readDirection, readInterval, readUnit } from "./values";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** "FY26", "FY 2025-26 Q2", "2026 Q1" → "FY26" / "FY26 Q2"; null when it names no fiscal year. */
export function periodOfText(text: string): string | null {
  const t = text.toLowerCase();
  const fy = fiscalYearOf(t);
  if (fy === null) return null;
  const q = /(?:^|[^a-z])(?:q|qtr|quarter)\s*([1-4])(?![0-9])/.exec(t);
  return periodLabel({ fy, quarter: (q ? Number(q[1]) : 0) as Period["quarter"] });
}

export function readMeasuresJson(
  value: unknown,
  source = "plan"
): { measures: Measure[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const measures: Measure[] = [];
  if (value === undefined || value === null) return { measures, issues };
  const err = (path: string, what: string) =>
    issues.push({
      severity: "error",
      code: "measures.json-schema",
      message: `${source}: ${path} ${what}`,
    });
  if (!Array.isArray(value)) {
    err("measures", 'must be a list ([ { "id", "name", "targets", "actuals" … } ]).');
    return { measures, issues };
  }
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const path = `measures[${i}]`;
    if (!isObj(item)) return void err(path, 'must be an object with "id" and "name".');
    const text = (k: string): string | undefined => {
      const v = item[k];
      if (v === undefined || v === null) return undefined;
      if (typeof v === "string") return v.trim();
      if (typeof v === "number" && Number.isFinite(v)) return String(v);
      err(`${path}.${k}`, "must be text.");
      return undefined;
    };
    const id = text("id") ?? "";
    const name = text("name") ?? "";
    if (!id && !name) return void err(path, 'has no "id" or "name".');
    const m = emptyMeasure(id || name, name || id);
    if (seen.has(m.id.toLowerCase())) err(`${path}.id`, `"${m.id}" is used by an earlier measure.`);
    seen.add(m.id.toLowerCase());
    for (const k of ["node", "program", "owner", "source", "notes", "category"] as const) {
      const v = text(k);
      if (v) m[k] = v;
    }
    m.unit = readUnit(text("unit") ?? "");
    const dir = text("direction");
    if (dir) {
      const d = readDirection(dir);
      if (d) m.direction = d.value;
      else err(`${path}.direction`, `"${dir}" must be increase, decrease or maintain.`);
    }
    const interval = text("interval");
    if (interval) {
      const iv = readInterval(interval);
      if (iv) m.interval = iv.value;
      else err(`${path}.interval`, `"${interval}" must be one of ${INTERVALS.join(", ")}.`);
    } else m.intervalAssumed = true;
    const num = (k: string, v: unknown): number | undefined => {
      if (v === undefined || v === null) return undefined;
      if (typeof v === "number" && Number.isFinite(v)) return v;
      err(`${path}.${k}`, "must be a number.");
      return undefined;
    };
    const baseline = num("baseline", item.baseline);
    if (baseline !== undefined) m.baseline = baseline;
    if (isObj(item.band)) {
      const low = num("band.low", item.band.low);
      const high = num("band.high", item.band.high);
      if (low !== undefined && high !== undefined) m.band = { low, high };
    }
    for (const kind of ["targets", "actuals"] as const) {
      const v = item[kind];
      if (v === undefined || v === null) continue;
      if (!isObj(v)) {
        err(
          `${path}.${kind}`,
          'must be an object of periods, e.g. { "FY26": 1200, "FY26 Q2": 600 }.'
        );
        continue;
      }
      for (const [k, x] of Object.entries(v)) {
        const label = periodOfText(k);
        if (!label) {
          err(`${path}.${kind}`, `"${k}" is not a fiscal year or quarter ("FY26", "FY26 Q2").`);
          continue;
        }
        const n = num(`${kind}.${k}`, x);
        if (n !== undefined) m[kind][label] = n;
      }
    }
    if (item.deprecated === true) m.deprecated = true;
    if (!m.interval || m.intervalAssumed) m.interval = /%/.test(m.unit) ? "snapshot" : "cumulative";
    measures.push(m);
  });
  return { measures, issues };
}
