/**
 * The evaluation data sets: each city's public budget file (../shared/data) turned into what a user would have —
 * a strategic plan and a budget — plus the city's own labels, kept apart for scoring only.
 *
 * Plans are written from the published outcome / service-area / cabinet names only: no keywords are added, so no
 * label text leaks into the engine beyond what a city's plan would say.
 */
import * as fs from "fs";
import * as path from "path";
import type { BudgetLine, Plan, Priority } from "../src/core/types";

export const DATA_DIR = path.resolve(__dirname, "..", "..", "..", "shared", "data");

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

export function readCsv(file: string): Record<string, string>[] {
  const rows = parseCsv(fs.readFileSync(path.join(DATA_DIR, file), "utf8").replace(/^\uFEFF/, ""));
  const header = rows[0];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), "utf8")) as T;
}

/** One budget program as a city would list it, with the label used for scoring (null = unlabelled). */
export interface EvalProgram {
  department: string;
  program: string;
  description: string;
  amount: number;
  /** Priority id of the city's label. */
  label: string | null;
}

export interface DataSet {
  id: string;
  name: string;
  /** What the labels are ("priority outcome" for the target; weak labels for the sanity checks). */
  labels: string;
  plan: Plan;
  programs: EvalProgram[];
  /** The workbook's title rows. */
  title: string;
}

function planOf(name: string, priorities: Priority[]): Plan {
  return { name, adopted: null, fiscalYearStart: "07-01", horizonYears: 4, priorities };
}

function amount(text: string): number {
  const n = Number(String(text).replace(/[$,\s]/g, ""));
  return Number.isFinite(n) ? Math.round(n) : 0;
}

export function losAngeles(): DataSet {
  const json = readJson<{ outcomes: { name: string; short_label: string }[] }>(
    "strategic_plans/los_angeles_priority_outcomes_2014-2018.json"
  );
  const priorities: Priority[] = json.outcomes.map((o, i) => ({
    id: `P${i + 1}`,
    title: o.short_label,
    description: o.name,
    goals: [],
  }));
  const byName = new Map(json.outcomes.map((o, i) => [o.name.toLowerCase(), `P${i + 1}`]));
  // The city's file has 27 programs without a department. Seven are programs the realignment emptied (marked
  // realigned, no amount in either year): an adopted budget does not list them, and one shares its name with the
  // live programme it moved to, so they are left out. The other twenty are the Library's (44xx) and Recreation and
  // Parks' (88xx), missing from the city's export. A budget lists every program under its department, so they go
  // under a neutral "Department <code>" (LA numbers programs as department code + two digits): the grouping a city
  // would show, without adding words.
  const rows = readCsv("los_angeles/la_fy2017-18_programs_priority_outcome.csv").filter(
    (r) => !(r.realigned_or_defunct === "True" && !r.fy2016_17_adopted && !r.fy2017_18_adopted)
  );
  const programs = rows.map((r) => ({
    department: r.department.trim() || `Department ${r.program_number.slice(0, -2)}`,
    program: r.program_name,
    description: r.description,
    amount: amount(r.fy2017_18_adopted || r.fy2016_17_adopted),
    label: r.priority_outcome ? (byName.get(r.priority_outcome.toLowerCase()) ?? null) : null,
  }));
  return {
    id: "los-angeles",
    name: "Los Angeles FY2017-18 programs × the Mayor's 4 Priority Outcomes",
    labels: "priority outcome (the city's own)",
    plan: planOf("Priority Outcomes", priorities),
    programs,
    title: "Adopted Budget FY 2017-18 — Programs",
  };
}

export function portland(): DataSet {
  const json = readJson<{ service_areas: { code: string; name: string }[] }>(
    "strategic_plans/portland_service_areas.json"
  );
  const priorities: Priority[] = json.service_areas.map((s) => ({
    id: s.code,
    title: s.name,
    goals: [],
  }));
  const programs = readCsv("portland/portland_functional_areas_by_service_area.csv").map((r) => ({
    department: (r.bureaus.split(";")[0] ?? "").trim(),
    program:
      r["Sub Program Code"] && r["functional area name"]
        ? r["functional area name"]
        : r["Program Name"],
    description: r["Program Name"] !== r["functional area name"] ? r["Program Name"] : "",
    amount: amount(r.fy2015_16_total),
    label: priorities.some((p) => p.id === r["Service Area Code"]) ? r["Service Area Code"] : null,
  }));
  return {
    id: "portland",
    name: "Portland FY2015-16 sub-programs × service areas (weak labels)",
    labels: "service area (functional classification, weak)",
    plan: planOf("Service Areas", priorities),
    programs,
    title: "Budget FY 2015-16 — Functional Areas",
  };
}

export function boston(): DataSet {
  const rows = readCsv("boston/boston_programs_fy18_fy19_adopted.csv");
  // The newest file's row per department + program.
  const byProgram = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const k = `${r.department}|${r.program}`;
    const had = byProgram.get(k);
    if (!had || had.budget_file < r.budget_file) byProgram.set(k, r);
  }
  const cabinets = [...new Set([...byProgram.values()].map((r) => r.cabinet))]
    .filter(Boolean)
    .sort();
  const priorities: Priority[] = cabinets.map((c, i) => ({ id: `C${i + 1}`, title: c, goals: [] }));
  const idOf = new Map(cabinets.map((c, i) => [c, `C${i + 1}`]));
  const programs = [...byProgram.values()].map((r) => ({
    department: r.department,
    program: r.program,
    description: r.description,
    amount: amount(r.fy0_budget),
    label: idOf.get(r.cabinet) ?? null,
  }));
  return {
    id: "boston",
    name: "Boston FY19 programs × cabinets (weak labels)",
    labels: "cabinet (organisational, weak)",
    plan: planOf("Cabinets", priorities),
    programs,
    title: "Adopted Operating Budget FY19 — Programs",
  };
}

/** A plan file of ../shared/data in the plan JSON shape (priorities with goals), read as given: no words added. */
function planFile(file: string): { name: string; priorities: Priority[] } {
  const json = readJson<{
    name: string;
    priorities: {
      id: string;
      title: string;
      description?: string;
      goals?: { id: string; title: string; description?: string }[];
    }[];
  }>(file);
  return {
    name: json.name,
    priorities: json.priorities.map((p) => ({
      id: p.id,
      title: p.title,
      description: p.description,
      goals: (p.goals ?? []).map((g) => ({ id: g.id, title: g.title, description: g.description })),
    })),
  };
}

/** A labelled program file of ../shared/data (id, department, program, description, amount, label). */
function programFile(file: string, priorities: Priority[]): EvalProgram[] {
  const ids = new Set(priorities.map((p) => p.id));
  return readCsv(file).map((r) => ({
    department: r.department,
    program: r.program,
    description: r.description,
    amount: amount(r.amount),
    label: ids.has(r.label) ? r.label : null,
  }));
}

export function missoula(): DataSet {
  // Labels: the Strategic Plan pillar the department itself named for a program (165 of 378); an empty label means
  // the program was not named as a plan action item, not that it serves none, so it is unlabelled (not scored).
  const plan = planFile("missoula/plan.json");
  return {
    id: "missoula",
    name: "Missoula FY2025 program inventory × Strategic Plan FY2024-26 pillars",
    labels: "strategic-plan pillar named by the department (the city's own)",
    plan: planOf(plan.name, plan.priorities),
    programs: programFile("missoula/programs.csv", plan.priorities),
    title: "FY 2025 Program Inventory",
  };
}

export function kansasCity(): DataSet {
  // Labels: the goal area of the program's department (every department maps to one goal area).
  const plan = planFile("kansas_city/plan.json");
  return {
    id: "kansas-city",
    name: "Kansas City FY2019-20 programs × Citywide Business Plan goal areas (department-level labels)",
    labels: "goal area of the department (the city's own, department level)",
    plan: planOf(plan.name, plan.priorities),
    programs: programFile("kansas_city/programs.csv", plan.priorities),
    title: "Adopted Budget FY 2019-20 — Programs",
  };
}

export function dataSets(): DataSet[] {
  return [losAngeles(), missoula(), kansasCity(), portland(), boston()];
}

/** The programs as budget lines (what the budget reader would give for the fixture workbook). */
export function linesOf(ds: DataSet): BudgetLine[] {
  return ds.programs.map((p, i) => ({
    key: `${ds.id}:${i + 1}`,
    sheet: "Budget",
    row: i + 4,
    department: p.department,
    division: "",
    program: p.program,
    fund: "",
    account: "",
    accountName: "",
    description: p.description,
    amounts: { adopted: p.amount },
    amount: p.amount,
  }));
}
