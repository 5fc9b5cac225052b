/**
 * Checks a plan the way a careful budget analyst would.
 *
 * Errors (a run stops): an ID missing or used twice, a node with no title, a date that is not a date,
 * an action due before it starts, a plan field that cannot be read. The sheet reader adds the errors that
 * only a flat table can have (unknown parent, a loop of parents, a level that does not fit its parent).
 * Warnings (a run goes on): SMART gaps — one per action, listing what is missing of measure, target, owner and
 * due date — an unknown status, and a plan without an adoption date.
 *
 * Messages name the sheet and cell when the node came from a sheet (`'Strategic Plan'!A12: …`), else the JSON
 * path (`priorities[0].goals[1].title is missing.`).
 */
import type { Action, Issue, Plan, PlanLevel, PlanNodeBase } from "../types";
import { displayDate, isIsoDate } from "./dates";
import { unknownFunctions } from "../tagging/taxonomy";
import { fieldLetter, sheetRef, STATUS_VALUES, type PlanField, type PlanSourceRef } from "./layout";
import { normId } from "./model";
import { cycleBaseDate } from "./review-cycle";

/** Longest plan name or node title read (a title is one line of text). */
export const MAX_TITLE = 1000;
/** Longest description, keywords, owner, measure or target: what one worksheet cell holds. */
export const MAX_PLAN_TEXT = 32767;
const FIELD_CAPS: [PlanField, number][] = [
  ["title", MAX_TITLE],
  ["description", MAX_PLAN_TEXT],
  ["keywords", MAX_PLAN_TEXT],
  ["owner", MAX_PLAN_TEXT],
  ["measure", MAX_PLAN_TEXT],
  ["target", MAX_PLAN_TEXT],
];

export type SmartGap = "measure" | "target" | "owner" | "due";

const GAP_WORDS: Record<SmartGap, string> = {
  measure: "measure",
  target: "target",
  owner: "owner",
  due: "due date",
};

/** What an action lacks of a measure, a target, an owner and a due date (in that order). */
export function smartGaps(action: Action): SmartGap[] {
  const gaps: SmartGap[] = [];
  const blank = (v: string | undefined) => v === undefined || v === null || String(v).trim() === "";
  if (blank(action.measure)) gaps.push("measure");
  if (blank(action.target)) gaps.push("target");
  if (blank(action.owner)) gaps.push("owner");
  if (blank(action.due)) gaps.push("due");
  return gaps;
}

/** "a", "a or b", "a, b or c". */
export function orList(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

/** Where a node sits: a sheet row, or a JSON path. */
export interface NodeWhere {
  level: PlanLevel;
  node: PlanNodeBase;
  /** JSON path of the node, e.g. "priorities[0].goals[1]". */
  path: string;
}

/** Every node of a plan with its JSON path, in plan order (subgoal actions are listed as on the JSON goal). */
export function nodesWithPaths(plan: Plan): NodeWhere[] {
  const out: NodeWhere[] = [];
  plan.priorities.forEach((p, pi) => {
    const pp = `priorities[${pi}]`;
    out.push({ level: "priority", node: p, path: pp });
    (p.goals ?? []).forEach((g, gi) => {
      const gp = `${pp}.goals[${gi}]`;
      out.push({ level: "goal", node: g, path: gp });
      (g.subgoals ?? []).forEach((s, si) =>
        out.push({ level: "subgoal", node: s, path: `${gp}.subgoals[${si}]` })
      );
      // In JSON, a goal's actions list its subgoals' actions first, then its own (see planToJson).
      let ai = 0;
      for (const s of g.subgoals ?? []) {
        for (const a of s.actions ?? [])
          out.push({ level: "action", node: a, path: `${gp}.actions[${ai++}]` });
      }
      for (const a of g.actions ?? [])
        out.push({ level: "action", node: a, path: `${gp}.actions[${ai++}]` });
    });
  });
  return out;
}

/** Builds issues that name a cell when the node has a source row, else the JSON path (prefixed by the source name). */
export class IssueSink {
  readonly issues: Issue[] = [];
  constructor(private readonly prefix?: string) {}

  private jsonPrefix(): string {
    return this.prefix ? `${this.prefix}: ` : "";
  }

  /** An issue about a node's field. `sheetText` follows "Sheet!A1: "; `jsonText` follows the JSON path. */
  node(
    severity: Issue["severity"],
    code: string,
    where: NodeWhere,
    field: PlanField,
    sheetText: string,
    jsonText: (path: string) => string
  ): void {
    const src = where.node.source as PlanSourceRef | undefined;
    if (src)
      this.cell(severity, code, src.sheet, `${fieldLetter(src, field)}${src.row}`, sheetText);
    else this.issues.push({ severity, code, message: this.jsonPrefix() + jsonText(where.path) });
  }

  /** An issue about one cell of a sheet. */
  cell(severity: Issue["severity"], code: string, sheet: string, cell: string, text: string): void {
    this.issues.push({
      severity,
      code,
      message: `${sheetRef(sheet)}!${cell}: ${text}`,
      sheet,
      cell,
    });
  }

  /** An issue about a sheet as a whole (no cell). */
  sheet(severity: Issue["severity"], code: string, sheet: string, text: string): void {
    this.issues.push({ severity, code, message: `${sheetRef(sheet)}: ${text}`, sheet });
  }

  /** An issue about a JSON path (or the whole file when path is ""). */
  json(severity: Issue["severity"], code: string, text: string): void {
    this.issues.push({ severity, code, message: this.jsonPrefix() + text });
  }
}

const LEVEL_WORD: Record<PlanLevel, string> = {
  priority: "priority",
  goal: "goal",
  subgoal: "subgoal",
  action: "action",
};

/** `goal "G1.2"` or `goal "G1.2" (Safer streets)`, for messages. */
export function nodeLabel(level: PlanLevel, node: PlanNodeBase): string {
  return `${LEVEL_WORD[level]} "${node.id}"`;
}

/** Message for a date cell or field that is not a date. */
export function notADateText(fieldHeader: string, raw: string): string {
  return `${fieldHeader} "${raw}" is not a date. Write it as a date such as 2026-03-15 or 3/15/2026.`;
}

const STATUS_BY_NORM = new Map<string, string>(STATUS_VALUES.map((s) => [s.toLowerCase(), s]));
for (const [alias, value] of [
  ["not yet started", "Not started"],
  ["not begun", "Not started"],
  ["planned", "Not started"],
  ["in-progress", "In progress"],
  ["underway", "In progress"],
  ["under way", "In progress"],
  ["ongoing", "In progress"],
  ["on track", "In progress"],
  ["completed", "Complete"],
  ["done", "Complete"],
  ["finished", "Complete"],
  ["late", "Delayed"],
  ["behind", "Delayed"],
  ["behind schedule", "Delayed"],
  ["on hold", "Delayed"],
  ["canceled", "Cancelled"],
  ["dropped", "Cancelled"],
] as const) {
  STATUS_BY_NORM.set(alias, value);
}

/** A status as the plan writes it ("in progress" → "In progress"); null when it is not a known status. */
export function canonicalStatus(text: string): string | null {
  return STATUS_BY_NORM.get(text.trim().toLowerCase().replace(/\s+/g, " ")) ?? null;
}

/**
 * Validates a plan. `sheetName` names where the plan came from: the sheet (for nodes read from it, the
 * message names their cell) or the plan file (its name prefixes JSON paths).
 */
export function validatePlan(plan: Plan, sheetName?: string): Issue[] {
  return validatePlanAt(plan, sheetName);
}

/**
 * validatePlan with the JSON path of each node as the reader saw it (`pathOf`), for files whose actions were
 * not listed subgoal by subgoal. Nodes without a known path get the path planToJson would give them.
 */
export function validatePlanAt(
  plan: Plan,
  sheetName?: string,
  pathOf?: (node: PlanNodeBase) => string | undefined,
  readFromSheet = false
): Issue[] {
  const nodes = nodesWithPaths(plan).map((w) => ({ ...w, path: pathOf?.(w.node) ?? w.path }));
  const fromSheet =
    (readFromSheet && sheetName) || (nodes.find((n) => n.node.source)?.node.source?.sheet ?? null);
  const sink = new IssueSink(fromSheet ? undefined : sheetName);
  const planSheet = sheetName && fromSheet ? sheetName : fromSheet;

  // Plan-level fields.
  if (plan.adopted === null || plan.adopted === undefined || plan.adopted === "") {
    const base = cycleBaseDate(plan);
    const text =
      (base
        ? `the plan has no adoption date, so the review dates are estimated from the earliest action start (counting from ${displayDate(base)}). `
        : "the plan has no adoption date and no action has a start date, so the review dates cannot be set. ") +
      (planSheet
        ? `Add a row "Adopted" with the date above the table.`
        : `Add "adopted": "YYYY-MM-DD".`);
    if (planSheet) sink.sheet("warning", "plan.no-adoption-date", planSheet, text);
    else sink.json("warning", "plan.no-adoption-date", `adopted is missing: ${text}`);
  } else if (!isIsoDate(plan.adopted)) {
    const text = `adopted "${plan.adopted}" is not a date (write it as YYYY-MM-DD).`;
    if (planSheet)
      sink.sheet(
        "error",
        "plan.bad-date",
        planSheet,
        `the adoption date "${plan.adopted}" is not a date.`
      );
    else sink.json("error", "plan.bad-date", text);
  }
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(plan.fiscalYearStart ?? "")) {
    const text = `the fiscal year start "${plan.fiscalYearStart}" is not a month and day such as 07-01.`;
    if (planSheet) sink.sheet("error", "plan.bad-fiscal-year-start", planSheet, text);
    else sink.json("error", "plan.bad-fiscal-year-start", `fiscalYearStart: ${text}`);
  }
  if (!Number.isInteger(plan.horizonYears) || plan.horizonYears < 1 || plan.horizonYears > 50) {
    const text = `the horizon "${plan.horizonYears}" is not a number of years between 1 and 50.`;
    if (planSheet) sink.sheet("error", "plan.bad-horizon", planSheet, text);
    else sink.json("error", "plan.bad-horizon", `horizonYears: ${text}`);
  }
  if (plan.priorities.length === 0) {
    const text = "the plan has no priorities.";
    if (planSheet)
      sink.sheet("error", "plan.empty", planSheet, `${text} Add rows with the Level "Priority".`);
    else sink.json("error", "plan.empty", `priorities is empty: ${text}`);
  }

  // Lengths: a title is a line of text; the other texts must fit a worksheet cell (the Timetable shows them).
  for (const w of nodes) {
    for (const [field, max] of FIELD_CAPS) {
      const v = (w.node as unknown as Record<string, unknown>)[field];
      const text = Array.isArray(v) ? v.join("; ") : typeof v === "string" ? v : "";
      if (text.length <= max) continue;
      const what = `the ${field === "keywords" ? "keywords" : field} of ${nodeLabel(w.level, w.node)}`;
      const said = `is ${text.length.toLocaleString("en-US")} characters long; it can have at most ${max.toLocaleString("en-US")}. Shorten it`;
      sink.node(
        "error",
        "plan.field-too-long",
        w,
        field,
        `${what} ${said}.`,
        (p) => `${p}.${field} (${what}) ${said}.`
      );
    }
  }
  if (typeof plan.name === "string" && plan.name.length > MAX_TITLE) {
    const text = `the plan's name is ${plan.name.length.toLocaleString("en-US")} characters long; it can have at most ${MAX_TITLE.toLocaleString("en-US")}. Shorten it.`;
    if (planSheet) sink.sheet("error", "plan.field-too-long", planSheet, text);
    else sink.json("error", "plan.field-too-long", `name: ${text}`);
  }

  // Ids: present and unique (compared as people type them: "G1.2" and "g1.2" are the same).
  const firstById = new Map<string, NodeWhere>();
  for (const w of nodes) {
    const id = String(w.node.id ?? "").trim();
    if (!id) {
      sink.node(
        "error",
        "plan.no-id",
        w,
        "id",
        `${LEVEL_WORD[w.level]} "${w.node.title}" has no ID.`,
        (p) => `${p}.id is missing.`
      );
      continue;
    }
    const key = normId(id);
    const first = firstById.get(key);
    if (!first) {
      firstById.set(key, w);
      continue;
    }
    const firstSrc = first.node.source;
    const src = w.node.source;
    const also =
      firstSrc && src && firstSrc.sheet === src.sheet
        ? `row ${firstSrc.row}`
        : firstSrc
          ? `${sheetRef(firstSrc.sheet)} row ${firstSrc.row}`
          : first.path;
    sink.node(
      "error",
      "plan.duplicate-id",
      w,
      "id",
      `ID "${id}" is used twice (also in ${also}).`,
      (p) => `${p}.id: ID "${id}" is used twice (also at ${first.path}).`
    );
  }

  for (const w of nodes) {
    const label = nodeLabel(w.level, w.node);
    if (String(w.node.title ?? "").trim() === "") {
      sink.node(
        "error",
        "plan.no-title",
        w,
        "title",
        `${label} has no title.`,
        (p) => `${p}.title is missing.`
      );
    }
    if (w.level !== "action") continue;
    const a = w.node as Action;
    let datesOk = true;
    for (const field of ["start", "due"] as const) {
      const v = a[field];
      if (v === undefined || v === null || v === "") continue;
      if (!isIsoDate(v)) {
        datesOk = false;
        const header = field === "start" ? "Start" : "Due";
        sink.node(
          "error",
          "plan.bad-date",
          w,
          field,
          notADateText(header, v),
          (p) => `${p}.${field} "${v}" is not a date (write it as YYYY-MM-DD).`
        );
      }
    }
    if (datesOk && a.start && a.due && a.due < a.start) {
      const text = `${label} is due ${displayDate(a.due)}, before it starts (${displayDate(a.start)}).`;
      sink.node("error", "plan.due-before-start", w, "due", text, (p) => `${p}: ${text}`);
    }
    if (
      a.status !== undefined &&
      a.status !== null &&
      String(a.status).trim() !== "" &&
      !STATUS_VALUES.includes(a.status as never)
    ) {
      const text = `status "${a.status}" is not one of ${STATUS_VALUES.join(", ")}.`;
      sink.node(
        "warning",
        "plan.unknown-status",
        w,
        "status",
        `${label}: ${text}`,
        (p) => `${p}.status: ${text}`
      );
    }
    const gaps = smartGaps(a);
    if (gaps.length > 0) {
      const text = `${label} has no ${orList(gaps.map((g) => GAP_WORDS[g]))} (SMART check).`;
      sink.node("warning", "plan.smart-gap", w, gaps[0], text, (p) => `${p}: ${text}`);
    }
  }
  // Covers: what an analyst typed must name functions the tagger knows, or it would silently cover nothing.
  for (const w of nodes) {
    const unknown = unknownFunctions(w.node.covers ?? []);
    if (unknown.length === 0) continue;
    const text =
      `${w.node.id}: ${unknown.map((u) => `"${u}"`).join(", ")} in Covers ${unknown.length === 1 ? "is not a municipal function" : "are not municipal functions"} ` +
      `the tagger knows; write a function's name or id as the Plan step lists them (for example "police", "payroll").`;
    sink.node("warning", "plan.unknown-function", w, "covers", text, (p) => `${p}.covers: ${text}`);
  }
  return sink.issues;
}
