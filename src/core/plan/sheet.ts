/**
 * The `Strategic Plan` worksheet: a flat table (ID, Parent ID, Level, Title, Description, Keywords, Owner,
 * Start, Due, Measure, Target, Status) under labelled plan fields (Plan name, Adopted, Fiscal year starts,
 * Horizon (years)).
 *
 * Reading tolerates what people do to sheets: title rows and notes above the table, blank rows, columns in any
 * order (found by their headers), IDs typed as numbers (1.2), dates as Excel serials or as text.
 *
 * How the hierarchy is found, in order of preference:
 * 1. Parent ID column: each row names its parent. A non-priority row with a blank Parent ID falls back to 2 or 3.
 * 2. Level column (no Parent IDs): row order. A goal belongs to the priority above it, a subgoal to the goal above
 *    it, an action to the subgoal above it when that subgoal belongs to the current goal, else to the goal.
 *    This is preferred over IDs because an ID typed as 1.10 reaches us as the number 1.1.
 * 3. Neither: the IDs. "1.2.3" belongs to "1.2" ("G1.2.3" to whichever node's number is 1.2); the number of parts
 *    gives the level (1 priority, 2 goal, 3 subgoal or action, 4 action), unless the ID's letter says it
 *    (P priority, G goal, S/O subgoal, A action).
 * Without a Level, a third-level row is a subgoal when rows sit under it or it has none of the action columns
 * (Owner, Start, Due, Measure, Target, Status) filled, else an action.
 */
import type {
  Action,
  CellValue,
  Goal,
  Issue,
  Plan,
  PlanLevel,
  PlanReadResult,
  Priority,
  SheetCells,
  Subgoal,
} from "../types";
import { cellToIsoDate, parseMonthDay } from "./dates";
import {
  columnLetter,
  LEVEL_NAMES,
  PLAN_COLUMNS,
  PLAN_FIELD_LABELS,
  type PlanField,
  type PlanSourceRef,
} from "./layout";
import { normId, planNodes } from "./model";
import { canonicalStatus, IssueSink, nodeLabel, notADateText, validatePlanAt } from "./validate";

// ---------------------------------------------------------------------------------------------
// Cells
// ---------------------------------------------------------------------------------------------

/** A number as a person would read it in a cell: 1.2 → "1.2" (no floating-point noise). */
function numberText(n: number): string {
  return String(Number(n.toPrecision(12)));
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.trim();
}

/** A header or label compared without case, punctuation or extra spaces: "Horizon (years):" → "horizon years". */
function normLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#]+/gu, " ")
    .trim();
}

const HEADER_ALIASES: Record<PlanField, string[]> = {
  id: ["id", "plan id", "ref", "reference", "no", "number", "code", "#", "item id", "node id"],
  parent: ["parent id", "parent", "parent ref", "parent code", "parent no", "belongs to", "under"],
  level: ["level", "type", "kind", "plan level", "item type"],
  title: ["title", "name", "item", "heading"],
  description: ["description", "details", "detail", "summary"],
  keywords: ["keywords", "keyword", "key words", "tags", "tag words"],
  covers: ["covers", "functions covered", "covers functions", "functions"],
  owner: [
    "owner",
    "lead",
    "responsible",
    "lead department",
    "responsible department",
    "responsible party",
    "owner department",
  ],
  start: ["start", "start date", "begin", "begins", "begin date"],
  due: [
    "due",
    "due date",
    "end",
    "end date",
    "deadline",
    "target date",
    "completion date",
    "complete by",
  ],
  measure: [
    "measure",
    "measures",
    "performance measure",
    "kpi",
    "metric",
    "indicator",
    "performance indicator",
  ],
  target: ["target", "target value", "goal value"],
  status: ["status", "progress"],
};

const HEADER_LOOKUP = new Map<string, PlanField>();
for (const [field, names] of Object.entries(HEADER_ALIASES) as [PlanField, string[]][]) {
  for (const n of names) HEADER_LOOKUP.set(n, field);
}

type PlanFieldKey = keyof typeof PLAN_FIELD_LABELS;
const PLAN_LABELS: [PlanFieldKey, string[]][] = [
  ["name", ["plan name", "plan", "plan title", "name of plan"]],
  ["adopted", ["adopted", "adoption date", "date adopted", "adopted on", "plan adopted"]],
  [
    "fiscalYearStart",
    [
      "fiscal year starts",
      "fiscal year start",
      "fiscal year begins",
      "fy start",
      "fy starts",
      "fy begins",
    ],
  ],
  ["horizonYears", ["horizon years", "horizon", "horizon in years", "plan horizon"]],
];
const PLAN_LABEL_LOOKUP = new Map<string, PlanFieldKey>();
for (const [key, names] of PLAN_LABELS) for (const n of names) PLAN_LABEL_LOOKUP.set(n, key);

const LEVEL_LOOKUP = new Map<string, PlanLevel>([
  ["priority", "priority"],
  ["priorities", "priority"],
  ["strategic priority", "priority"],
  ["focus area", "priority"],
  ["goal", "goal"],
  ["goals", "goal"],
  ["subgoal", "subgoal"],
  ["sub goal", "subgoal"],
  ["subgoals", "subgoal"],
  ["strategy", "subgoal"],
  ["strategies", "subgoal"],
  ["objective", "subgoal"],
  ["objectives", "subgoal"],
  ["action", "action"],
  ["actions", "action"],
  ["action item", "action"],
  ["task", "action"],
  ["initiative", "action"],
]);

interface HeaderInfo {
  index: number;
  cols: Partial<Record<PlanField, number>>;
}

const HEADER_SCAN_ROWS = 40;

function findHeader(values: CellValue[][]): HeaderInfo | null {
  const limit = Math.min(values.length, HEADER_SCAN_ROWS);
  for (let i = 0; i < limit; i++) {
    const cols: Partial<Record<PlanField, number>> = {};
    (values[i] ?? []).forEach((v, j) => {
      if (typeof v !== "string") return;
      const f = HEADER_LOOKUP.get(normLabel(v));
      if (f && cols[f] === undefined) cols[f] = j;
    });
    if (cols.title !== undefined && (cols.id !== undefined || cols.level !== undefined))
      return { index: i, cols };
  }
  return null;
}

/**
 * True when the sheet has a plan table: headers for ID and Title, and a Parent ID column or a Level column whose
 * values are plan levels (a budget's "Type" column of "Personnel", "Capital" does not count).
 */
export function looksLikePlanSheet(sheet: SheetCells): boolean {
  const values = sheet.values ?? [];
  const h = findHeader(values);
  if (!h || h.cols.id === undefined) return false;
  if (h.cols.parent !== undefined) return true;
  if (h.cols.level === undefined) return false;
  const levels = values
    .slice(h.index + 1, h.index + 201)
    .map((row) => cellText(row?.[h.cols.level as number]))
    .filter((t) => t !== "");
  if (levels.length === 0) return true;
  const known = levels.filter((t) => LEVEL_LOOKUP.has(normLabel(t))).length;
  return known / levels.length >= 0.8;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

interface Row {
  /** 1-based worksheet row. */
  row: number;
  id: string;
  /** The ID cell held a number (1.2), not text. */
  idWasNumber: boolean;
  key: string;
  parentText: string;
  givenLevel: PlanLevel | null;
  level: PlanLevel | null;
  title: string;
  description: string;
  keywords: string[];
  covers: string[];
  owner: string;
  start?: string;
  due?: string;
  measure: string;
  target: string;
  status: string;
  hasActionFields: boolean;
  parent: Row | null;
  /** Why the row cannot be placed in the tree (already reported). */
  broken: boolean;
  children: number;
  source: PlanSourceRef;
}

/** The level an ID's letters name: "P1" priority, "G1.2" goal, "S1.2.1"/"O1.2.1" subgoal, "A1.2.1" action. */
function levelFromIdLetters(id: string): PlanLevel | null {
  const m = /^([a-z]+)[-_ ]?\d/.exec(id.toLowerCase());
  if (!m) return null;
  const letters = m[1];
  if (letters === "p" || letters === "pr" || letters === "sp") return "priority";
  if (letters === "g") return "goal";
  if (
    letters === "s" ||
    letters === "sg" ||
    letters === "o" ||
    letters === "obj" ||
    letters === "st"
  )
    return "subgoal";
  if (letters === "a" || letters === "ac" || letters === "act" || letters === "t") return "action";
  return null;
}

/** Number path of an ID ("G1.2.3" → ["1","2","3"]); null when the ID is not of that form. */
function idParts(id: string): string[] | null {
  const m = /^[a-z]*[-_ ]?(\d+(?:\.\d+)*)$/.exec(normId(id));
  return m ? m[1].split(".").map((p) => String(Number(p))) : null;
}

const LEVEL_RULE: Record<PlanLevel, string> = {
  priority: "a priority is at the top and has no parent",
  goal: "a goal belongs under a priority",
  subgoal: "a subgoal belongs under a goal",
  action: "an action belongs under a goal or a subgoal",
};

function fits(level: PlanLevel, parent: PlanLevel | null): boolean {
  switch (level) {
    case "priority":
      return parent === null;
    case "goal":
      return parent === "priority";
    case "subgoal":
      return parent === "goal";
    case "action":
      return parent === "goal" || parent === "subgoal";
  }
}

function inferLevelFromDepth(r: Row, depth: number): PlanLevel | null {
  if (depth === 0) return "priority";
  if (depth === 1) return "goal";
  if (depth === 2) return r.children > 0 || !r.hasActionFields ? "subgoal" : "action";
  if (depth === 3) return "action";
  return null;
}

/** Reads a `Strategic Plan` sheet into a plan, with every problem found (reading and validation). */
export function readPlanSheet(sheet: SheetCells): PlanReadResult {
  const values = sheet.values ?? [];
  const r0 = sheet.startRow ?? 0;
  const c0 = sheet.startCol ?? 0;
  const name = sheet.name;
  const sink = new IssueSink();
  const rowNo = (i: number) => r0 + i + 1;
  const letter = (j: number) => columnLetter(c0 + j);
  const at = (i: number, j: number) => `${letter(j)}${rowNo(i)}`;

  const header = findHeader(values);
  if (!header) {
    sink.sheet(
      "error",
      "plan.no-header",
      name,
      `no plan table was found: the first ${HEADER_SCAN_ROWS} rows have no header row with "ID" and "Title" ` +
        `(the table's columns are ${PLAN_COLUMNS.map((c) => c.header).join(", ")}).`
    );
    return { plan: null, issues: sink.issues };
  }
  const cols = header.cols;
  const columns: Partial<Record<PlanField, string>> = {};
  for (const [f, j] of Object.entries(cols) as [PlanField, number][]) columns[f] = letter(j);

  // ---- Plan fields above the table.
  const plan: Plan = {
    name: "Strategic Plan",
    adopted: null,
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities: [],
  };
  let sawName = false;
  let adoptedUnreadable = false;
  let loneTitle: string | null = null;
  const lastTableCol = Math.max(...Object.values(cols).map((j) => j as number));
  for (let i = 0; i < header.index; i++) {
    const row = values[i] ?? [];
    let labelled = false;
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (typeof v !== "string") continue;
      const key = PLAN_LABEL_LOOKUP.get(normLabel(v));
      if (!key) continue;
      let vj = -1;
      for (let k = j + 1; k <= j + 3 && k < row.length; k++) {
        if (cellText(row[k]) !== "") {
          vj = k;
          break;
        }
      }
      labelled = true;
      if (vj < 0) continue;
      const value = row[vj];
      const raw = cellText(value);
      const label = PLAN_FIELD_LABELS[key];
      if (key === "name") {
        plan.name = raw;
        sawName = true;
      } else if (key === "adopted") {
        const d = cellToIsoDate(value);
        if (d === null) {
          sink.cell("error", "plan.bad-date", name, at(i, vj), notADateText(label, raw));
          adoptedUnreadable = true;
        } else if (d !== "empty") plan.adopted = d;
      } else if (key === "fiscalYearStart") {
        const md = parseMonthDay(value);
        if (!md) {
          sink.cell(
            "error",
            "plan.bad-fiscal-year-start",
            name,
            at(i, vj),
            `${label} "${raw}" is not a month and day. Write it as 07-01 or July 1.`
          );
        } else plan.fiscalYearStart = md;
      } else {
        const n = typeof value === "number" ? value : Number(raw.replace(/\s*years?$/i, ""));
        if (!Number.isInteger(n) || n < 1 || n > 50) {
          sink.cell(
            "error",
            "plan.bad-horizon",
            name,
            at(i, vj),
            `${label} "${raw}" is not a whole number of years between 1 and 50.`
          );
        } else plan.horizonYears = n;
      }
      j = vj;
    }
    if (!labelled && loneTitle === null) {
      const filled = row
        .map((v, j) => ({ v, j }))
        .filter((c) => c.j <= lastTableCol && cellText(c.v) !== "");
      if (
        filled.length === 1 &&
        typeof filled[0].v === "string" &&
        cellText(filled[0].v).length <= 120
      ) {
        loneTitle = cellText(filled[0].v);
      }
    }
  }
  // A title row above the table ("City of X Strategic Plan 2026–2031") names the plan when no label does.
  if (!sawName && loneTitle) plan.name = loneTitle;

  // ---- Rows of the table.
  const get = (row: CellValue[], f: PlanField): CellValue =>
    cols[f] === undefined ? "" : (row[cols[f] as number] ?? "");
  const rows: Row[] = [];
  for (let i = header.index + 1; i < values.length; i++) {
    const row = values[i] ?? [];
    const id = cellText(get(row, "id"));
    const title = cellText(get(row, "title"));
    const levelText = cellText(get(row, "level"));
    const parentText = cellText(get(row, "parent"));
    if (!id && !title && !levelText && !parentText) continue;
    // A note under the table ("Source: council resolution 2026-14"): text in the ID column and nothing else.
    if (!title && !levelText && !parentText && id.length > 12 && /\s/.test(id)) continue;
    // A repeated header row (a table pasted twice, or a printed page header).
    if (normLabel(id) === "id" && normLabel(title) === "title") continue;
    if (!id) {
      sink.cell(
        "error",
        "plan.no-id",
        name,
        at(i, cols.id ?? cols.title ?? 0),
        `"${title || levelText}" has no ID. Give every row an ID such as G1.2.`
      );
      continue;
    }
    let givenLevel: PlanLevel | null = null;
    if (levelText) {
      givenLevel = LEVEL_LOOKUP.get(normLabel(levelText)) ?? null;
      if (!givenLevel) {
        sink.cell(
          "error",
          "plan.unknown-level",
          name,
          at(i, cols.level as number),
          `Level "${levelText}" is not one of ${LEVEL_NAMES.join(", ")}.`
        );
      }
    }
    const r: Row = {
      row: rowNo(i),
      id,
      idWasNumber: typeof get(row, "id") === "number",
      key: normId(id),
      parentText,
      givenLevel,
      level: null,
      title,
      description: cellText(get(row, "description")),
      keywords: cellText(get(row, "keywords"))
        .split(/[,;]/)
        .map((k) => k.trim())
        .filter((k) => k !== ""),
      covers: cellText(get(row, "covers"))
        .split(/[,;]/)
        .map((k) => k.trim())
        .filter((k) => k !== ""),
      owner: cellText(get(row, "owner")),
      measure: cellText(get(row, "measure")),
      target: cellText(get(row, "target")),
      status: cellText(get(row, "status")),
      hasActionFields: false,
      parent: null,
      broken: false,
      children: 0,
      source: { sheet: name, row: rowNo(i), columns },
    };
    for (const f of ["start", "due"] as const) {
      const v = get(row, f);
      const d = cellToIsoDate(v);
      // Text that is not a date is kept as typed: validation names the cell (and it is not also a SMART gap).
      if (d === null) r[f] = cellText(v);
      else if (d !== "empty") r[f] = d;
    }
    r.hasActionFields = !!(
      r.owner ||
      r.measure ||
      r.target ||
      r.status ||
      cellText(get(row, "start")) ||
      cellText(get(row, "due"))
    );
    rows.push(r);
  }

  // ---- Hierarchy.
  const byKey = new Map<string, Row>();
  for (const r of rows) if (!byKey.has(r.key)) byKey.set(r.key, r);
  const byParts = new Map<string, Row>();
  for (const r of rows) {
    const parts = idParts(r.id);
    if (parts && !byParts.has(parts.join("."))) byParts.set(parts.join("."), r);
  }
  const hasParentValues = cols.parent !== undefined && rows.some((r) => r.parentText !== "");
  const hasLevels = rows.some((r) => r.givenLevel !== null);
  const parentCell = (r: Row) =>
    `${r.source.columns?.parent ?? r.source.columns?.level ?? r.source.columns?.id}${r.row}`;
  const idCell = (r: Row) => `${columns.id}${r.row}`;

  // Row-order parents (Level column): the nearest fitting row above.
  const rowOrderParent = new Map<Row, Row | null>();
  if (hasLevels) {
    let lastPriority: Row | null = null;
    let lastGoal: Row | null = null;
    let lastSubgoal: Row | null = null;
    for (const r of rows) {
      const lv = r.givenLevel ?? levelFromIdLetters(r.id);
      if (lv === "priority") {
        rowOrderParent.set(r, null);
        lastPriority = r;
        lastGoal = null;
        lastSubgoal = null;
      } else if (lv === "goal") {
        rowOrderParent.set(r, lastPriority);
        lastGoal = r;
        lastSubgoal = null;
      } else if (lv === "subgoal") {
        rowOrderParent.set(r, lastGoal);
        lastSubgoal = r;
      } else if (lv === "action") {
        rowOrderParent.set(r, lastSubgoal ?? lastGoal);
      }
    }
  }

  /** Parent by the ID's number path; undefined when the ID says nothing (no number path). */
  const idParent = (r: Row): Row | null | undefined => {
    const parts = idParts(r.id);
    if (!parts) return undefined;
    if (parts.length === 1) return null;
    return byParts.get(parts.slice(0, -1).join(".")) ?? undefined;
  };

  for (const r of rows) {
    if (hasParentValues && r.parentText) {
      const p = byKey.get(normId(r.parentText));
      if (!p) {
        sink.cell(
          "error",
          "plan.unknown-parent",
          name,
          parentCell(r),
          `Parent ID "${r.parentText}" of "${r.id}" is not the ID of any row in the plan.`
        );
        r.broken = true;
      } else r.parent = p;
      continue;
    }
    const lv = r.givenLevel ?? levelFromIdLetters(r.id);
    if (lv === "priority") continue;
    if (hasLevels && rowOrderParent.has(r)) {
      r.parent = rowOrderParent.get(r) ?? null;
      if (!r.parent) {
        sink.cell(
          "error",
          "plan.level-mismatch",
          name,
          parentCell(r),
          `${lv} "${r.id}" has no parent: ${LEVEL_RULE[lv as PlanLevel]}` +
            (hasParentValues ? `; fill in its Parent ID.` : `, and no such row comes before it.`)
        );
        r.broken = true;
      }
      continue;
    }
    if (hasParentValues && lv && lv !== null) {
      sink.cell(
        "error",
        "plan.level-mismatch",
        name,
        parentCell(r),
        `${lv} "${r.id}" has no parent: ${LEVEL_RULE[lv]}; fill in its Parent ID.`
      );
      r.broken = true;
      continue;
    }
    // By the ID's number path.
    const parts = idParts(r.id);
    const p = idParent(r);
    if (p === undefined) {
      if (parts && parts.length > 1) {
        sink.cell(
          "error",
          "plan.unknown-parent",
          name,
          idCell(r),
          `"${r.id}" sits under "${parts.slice(0, -1).join(".")}" by its number, but no row has that number.`
        );
        r.broken = true;
      } else if (hasParentValues || !parts) {
        // No Parent ID and nothing in the ID to go by: a top-level row.
        r.parent = null;
      }
    } else r.parent = p;
  }

  // Loops of parents.
  const state = new Map<Row, 0 | 1 | 2>();
  for (const start of rows) {
    if (state.get(start)) continue;
    const path: Row[] = [];
    let cur: Row | null = start;
    while (cur && !state.get(cur)) {
      state.set(cur, 1);
      path.push(cur);
      cur = cur.parent;
    }
    if (cur && state.get(cur) === 1) {
      const loop = path.slice(path.indexOf(cur));
      const first = loop.reduce((a, b) => (b.row < a.row ? b : a));
      const from = loop.indexOf(first);
      const ordered = [...loop.slice(from), ...loop.slice(0, from)];
      const chain = [...ordered, first].map((n) => n.id).join(" → ");
      sink.cell(
        "error",
        "plan.cycle",
        name,
        parentCell(first),
        loop.length === 1
          ? `"${first.id}" is its own parent.`
          : `the Parent IDs go round in a loop: ${chain}.`
      );
      for (const n of loop) n.broken = true;
    }
    for (const n of path) state.set(n, 2);
  }

  // Rows under a broken row are left out without another message (the broken row was reported).
  const placed = (r: Row): boolean => {
    for (let cur: Row | null = r, steps = 0; cur; cur = cur.parent, steps++) {
      if (cur.broken || steps > rows.length) return false;
    }
    return true;
  };
  for (const r of rows) if (r.parent && placed(r)) r.parent.children++;

  // Levels: given, else from the ID's letters, else from the depth.
  const depthOf = (r: Row): number => {
    let d = 0;
    for (let cur = r.parent; cur && d <= rows.length; cur = cur.parent) d++;
    return d;
  };
  for (const r of rows) {
    if (!placed(r)) continue;
    r.level = r.givenLevel ?? levelFromIdLetters(r.id) ?? inferLevelFromDepth(r, depthOf(r));
    if (!r.level) {
      sink.cell(
        "error",
        "plan.level-mismatch",
        name,
        idCell(r),
        `"${r.id}" is nested too deep: a plan has priorities, goals, subgoals and actions.`
      );
      r.broken = true;
    }
  }
  for (const r of rows) {
    if (!placed(r) || !r.level) continue;
    const pl = r.parent ? r.parent.level : null;
    if (r.parent && !r.parent.level) {
      r.broken = true;
      continue;
    }
    if (!fits(r.level, pl)) {
      const cell =
        cols.level !== undefined && r.givenLevel ? `${columns.level}${r.row}` : parentCell(r);
      const text = r.parent
        ? `${nodeLabel(r.level, r)} cannot sit under ${nodeLabel(r.parent.level as PlanLevel, r.parent)}: ${LEVEL_RULE[r.level]}.`
        : `${nodeLabel(r.level, r)} has no parent: ${LEVEL_RULE[r.level]}.`;
      sink.cell("error", "plan.level-mismatch", name, cell, text);
      r.broken = true;
    }
  }

  // ---- The tree: make every node, then attach each to its parent in row order (a parent may come later).
  const nodeOf = new Map<Row, Priority | Goal | Subgoal | Action>();
  const live = rows.filter((r) => placed(r) && r.level);
  for (const r of live) {
    const base = {
      id: r.id,
      title: r.title,
      ...(r.description ? { description: r.description } : {}),
      ...(r.keywords.length ? { keywords: r.keywords } : {}),
      ...(r.covers.length ? { covers: r.covers } : {}),
      source: r.source,
    };
    if (r.level === "priority") nodeOf.set(r, { ...base, goals: [] });
    else if (r.level !== "action") nodeOf.set(r, { ...base });
    else {
      const a: Action = { ...base };
      if (r.owner) a.owner = r.owner;
      if (r.start) a.start = r.start;
      if (r.due) a.due = r.due;
      if (r.measure) a.measure = r.measure;
      if (r.target) a.target = r.target;
      if (r.status) a.status = canonicalStatus(r.status) ?? r.status;
      nodeOf.set(r, a);
    }
  }
  for (const r of live) {
    const node = nodeOf.get(r) as Priority | Goal | Subgoal | Action;
    if (r.level === "priority") {
      plan.priorities.push(node as Priority);
      continue;
    }
    const parentNode = nodeOf.get(r.parent as Row);
    if (!parentNode) continue;
    if (r.level === "goal") (parentNode as Priority).goals.push(node as Goal);
    else if (r.level === "subgoal") ((parentNode as Goal).subgoals ??= []).push(node as Subgoal);
    else ((parentNode as Goal | Subgoal).actions ??= []).push(node as Action);
  }

  // An adoption date that is there but unreadable is reported once, as such (not also as missing).
  const checks = validatePlanAt(plan, name, undefined, true).filter(
    (i) => !(adoptedUnreadable && i.code === "plan.no-adoption-date")
  );
  // Excel turns an ID typed as 1.10 into the number 1.1: say so where it explains a duplicate.
  const numericIdRows = new Set(
    rows.filter((r) => r.idWasNumber && r.id.includes(".")).map((r) => r.row)
  );
  for (const issue of checks) {
    if (
      issue.code === "plan.duplicate-id" &&
      issue.cell &&
      numericIdRows.has(Number(/\d+$/.exec(issue.cell)?.[0]))
    ) {
      issue.message +=
        " Excel may have turned an ID such as 1.10 into the number 1.1: format the ID column as Text and type the IDs again.";
    }
  }
  const issues = [...sink.issues, ...checks];
  return { plan, issues: sortIssues(issues) };
}

/** Sheet-wide issues first, then by row (stable). */
function sortIssues(issues: Issue[]): Issue[] {
  const rowOf = (i: Issue) => (i.cell ? Number(/\d+$/.exec(i.cell)?.[0] ?? 0) : 0);
  return issues
    .map((issue, k) => ({ issue, k }))
    .sort((a, b) => rowOf(a.issue) - rowOf(b.issue) || a.k - b.k)
    .map((x) => x.issue);
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/** Number of rows above the header row that planToSheetValues writes (plan fields and a blank row). */
export const PLAN_HEADER_ROW_INDEX = 5;

/** The plan fields block: label and value per row. */
export function planFieldRows(
  plan: Pick<Plan, "name" | "adopted" | "fiscalYearStart" | "horizonYears">
): CellValue[][] {
  return [
    [PLAN_FIELD_LABELS.name, plan.name],
    [PLAN_FIELD_LABELS.adopted, plan.adopted ?? ""],
    [PLAN_FIELD_LABELS.fiscalYearStart, plan.fiscalYearStart],
    [PLAN_FIELD_LABELS.horizonYears, plan.horizonYears],
  ];
}

/** One table row per priority, goal, subgoal and action, in plan order. */
export function planTableRows(plan: Plan): CellValue[][] {
  const levelName: Record<PlanLevel, string> = {
    priority: "Priority",
    goal: "Goal",
    subgoal: "Subgoal",
    action: "Action",
  };
  return planNodes(plan).map((e) => {
    const a = e.node as Action;
    const isAction = e.level === "action";
    const byField: Record<PlanField, CellValue> = {
      id: e.node.id,
      parent: e.parentId ?? "",
      level: levelName[e.level],
      title: e.node.title,
      description: e.node.description ?? "",
      keywords: (e.node.keywords ?? []).join(", "),
      owner: isAction ? (a.owner ?? "") : "",
      start: isAction ? (a.start ?? "") : "",
      due: isAction ? (a.due ?? "") : "",
      measure: isAction ? (a.measure ?? "") : "",
      target: isAction ? (a.target ?? "") : "",
      status: isAction ? (a.status ?? "") : "",
      covers: (e.node.covers ?? []).join(", "),
    };
    return PLAN_COLUMNS.map((c) => byField[c.field]);
  });
}

/**
 * The sheet readPlanSheet reads: plan fields (Plan name, Adopted, Fiscal year starts, Horizon (years)) in rows
 * 1–4, a blank row, the header row (row 6), then one row per node. IDs and dates are written as text
 * ("1.10" stays "1.10" when the port keeps text as text; dates as YYYY-MM-DD).
 */
export function planToSheetValues(plan: Plan): CellValue[][] {
  return [...planFieldRows(plan), [], PLAN_COLUMNS.map((c) => c.header), ...planTableRows(plan)];
}
