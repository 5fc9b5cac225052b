/**
 * View models for the task pane: how lines, programs and plan nodes are grouped, filtered and labelled for
 * display. Pure functions of the core's Analysis (no Office, no React), so they are unit-tested directly.
 * No business rules live here: tags, flags and confidences all come from the core.
 */
import { programKey, programOf } from "../../core/keys";
import { planTargets } from "../../core/plan/model";
import { setOwn } from "../../core/state";
import { confirmNextOrder } from "../../core/tagging/confirm-next";
import type {
  BudgetLine,
  LineTag,
  ManualTag,
  Plan,
  PlanTarget,
  Rule,
  RuleField,
} from "../../core/types";

const money = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  maximumFractionDigits: 0,
});
export const formatMoney = (n: number): string => money.format(n);
export const formatPercent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** A plan look-up for display: id → target (priority, goal or subgoal). */
export function targetIndex(plan: Plan | null): Map<string, PlanTarget> {
  return new Map((plan ? planTargets(plan) : []).map((t) => [t.id, t]));
}

/** "G1.2 Reduce response times", or "G1.2 (not in the plan)" when the id is unknown. */
export function goalLabel(id: string, targets: Map<string, PlanTarget>): string {
  const t = targets.get(id);
  return t ? `${id} ${t.title}` : `${id} (not in the plan)`;
}

/** The goals of a tag as shown on a line: "G1.2 Reduce response times" or "60% G1.2 …, 40% G3.1 …". */
export function tagGoalsText(tag: LineTag | undefined, targets: Map<string, PlanTarget>): string {
  if (!tag || tag.goals.length === 0) return "No goal";
  if (tag.goals.length === 1) return goalLabel(tag.goals[0].id, targets);
  return tag.goals.map((g) => `${formatPercent(g.share)} ${goalLabel(g.id, targets)}`).join(", ");
}

export const SOURCE_LABELS: Record<LineTag["source"], string> = {
  manual: "Set by a person",
  rule: "Rule",
  learned: "Learned",
  suggested: "Suggested",
  none: "Untagged",
};

/** What a line is called in lists and in a stored manual tag's label. */
export function lineLabel(line: BudgetLine): string {
  return [line.department, programOf(line), line.account, line.accountName || line.description]
    .filter(Boolean)
    .join(" / ");
}

/** The cell a click on a line selects: its tag cell when the sheet has a Goal column, else column A of its row. */
export function lineCell(line: BudgetLine): string {
  return line.tagCell ?? `A${line.row}`;
}

export interface TagFilters {
  untagged: boolean;
  /** Only lines no person has decided yet (not typed, set, confirmed or answered). */
  unconfirmed: boolean;
  flagged: boolean;
  lowConfidence: boolean;
  department: string | null;
  goal: string | null;
  text: string;
}

export const NO_FILTERS: TagFilters = {
  untagged: false,
  unconfirmed: false,
  flagged: false,
  lowConfidence: false,
  department: null,
  goal: null,
  text: "",
};

/** Below this confidence a suggestion is shown as "low confidence". */
export const LOW_CONFIDENCE = 0.6;

export function lineMatches(line: BudgetLine, tag: LineTag | undefined, f: TagFilters): boolean {
  if (f.untagged && tag && tag.goals.length > 0) return false;
  if (f.unconfirmed && tag?.source === "manual") return false;
  if (f.flagged && !tag?.flagged) return false;
  if (f.lowConfidence && !(tag && tag.source !== "manual" && tag.confidence < LOW_CONFIDENCE))
    return false;
  if (f.department !== null && line.department !== f.department) return false;
  if (f.goal !== null) {
    const ids = tag ? tag.goals.map((g) => g.id) : [];
    if (!ids.includes(f.goal) && tag?.priorityId !== f.goal) return false;
  }
  if (f.text.trim() !== "") {
    const needle = f.text.trim().toLowerCase();
    const hay = `${lineLabel(line)} ${line.description} ${line.fund}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

/** One row of the Tag step's virtualised list: a program heading or a line under it. */
export type TagRow =
  | {
      kind: "program";
      key: string;
      department: string;
      program: string;
      lines: number;
      total: number;
      flagged: boolean;
      /** Lines shown with a goal no person decided yet (what "Accept" on the header confirms). */
      open: number;
    }
  | { kind: "line"; index: number };

/**
 * programKey of a line, kept with the line: the Tag step groups 100,000 lines by program again after every edit (the
 * lines stay the same objects; only their tags change), and making each key again is most of that work.
 */
const programKeys = new WeakMap<BudgetLine, string>();
function programKeyOf(line: BudgetLine): string {
  let key = programKeys.get(line);
  if (key === undefined) {
    key = programKey(line);
    programKeys.set(line, key);
  }
  return key;
}

/**
 * Lines grouped by program (department + program), in the budget's order, each program followed by its lines
 * that pass the filters. Programs with no matching line are left out. Linear in the number of lines.
 */
export function tagRows(lines: BudgetLine[], tags: LineTag[], filters: TagFilters): TagRow[] {
  const groups = new Map<string, { head: Extract<TagRow, { kind: "program" }>; items: number[] }>();
  lines.forEach((line, i) => {
    const tag = tags[i];
    if (!lineMatches(line, tag, filters)) return;
    const key = programKeyOf(line);
    let g = groups.get(key);
    if (!g) {
      g = {
        head: {
          kind: "program",
          key,
          department: line.department,
          program: programOf(line),
          lines: 0,
          total: 0,
          flagged: false,
          open: 0,
        },
        items: [],
      };
      groups.set(key, g);
    }
    g.head.lines += 1;
    g.head.total += line.amount;
    if (tag?.flagged) g.head.flagged = true;
    if (tag && tag.source !== "manual" && tag.goals.length > 0) g.head.open += 1;
    g.items.push(i);
  });
  const rows: TagRow[] = [];
  for (const g of groups.values()) {
    rows.push(g.head);
    for (const i of g.items) rows.push({ kind: "line", index: i });
  }
  return rows;
}

/** How far staff are: lines a person decided, of all lines, and the share of the money they carry. */
export interface ConfirmProgress {
  confirmed: number;
  lines: number;
  /** 0..1 of the absolute amounts. */
  moneyShare: number;
}

export function confirmProgress(lines: BudgetLine[], tags: LineTag[]): ConfirmProgress {
  let confirmed = 0;
  let done = 0;
  let all = 0;
  lines.forEach((line, i) => {
    const cents = Math.abs(Math.round(line.amount * 100));
    all += cents;
    if (tags[i]?.source === "manual") {
      confirmed++;
      done += cents;
    }
  });
  return { confirmed, lines: lines.length, moneyShare: all > 0 ? done / all : 0 };
}

/** "312 of 549 lines (61% of the money) confirmed". */
export function progressText(p: ConfirmProgress): string {
  return (
    `${p.confirmed.toLocaleString("en-US")} of ${p.lines.toLocaleString("en-US")} lines ` +
    `(${formatPercent(p.moneyShare)} of the money) confirmed`
  );
}

/**
 * The tags "accept the program" sets: every line of the program (as the filters show it) that has a goal no person
 * decided yet is confirmed on that goal. Lines without a goal and lines already decided are left as they are.
 */
export function acceptProgram(
  lines: BudgetLine[],
  tags: LineTag[],
  program: string,
  filters: TagFilters,
  at?: string
): BulkAccept {
  return confirmAll(
    lines,
    tags,
    at,
    (line, tag) =>
      tag.source !== "manual" && programKeyOf(line) === program && lineMatches(line, tag, filters)
  );
}

/**
 * "Confirm next": the line to confirm next, among lines no person has decided yet, in the tagging engine's order
 * (largest amount × least certain, spread over departments; src/core/tagging/confirm-next.ts). Programs are ranked
 * by their undecided lines' amount and mean confidence; within the program its largest undecided line comes first.
 * Returns line indexes.
 */
export function confirmNextLines(lines: BudgetLine[], tags: LineTag[]): number[] {
  const programs = new Map<
    string,
    {
      key: string;
      department: string;
      amount: number;
      weighted: number;
      weight: number;
      items: number[];
    }
  >();
  lines.forEach((line, i) => {
    const tag = tags[i];
    if (tag?.source === "manual") return;
    const key = programKeyOf(line);
    let p = programs.get(key);
    if (!p) {
      p = { key, department: line.department, amount: 0, weighted: 0, weight: 0, items: [] };
      programs.set(key, p);
    }
    const w = Math.abs(line.amount);
    p.amount += w;
    p.weighted += w * (tag?.confidence ?? 0);
    p.weight += w;
    p.items.push(i);
  });
  const candidates = [...programs.values()].map((p) => ({
    ...p,
    confidence: p.weight > 0 ? p.weighted / p.weight : 0,
  }));
  const out: number[] = [];
  for (const p of confirmNextOrder(candidates)) {
    p.items.sort((a, b) => Math.abs(lines[b].amount) - Math.abs(lines[a].amount) || a - b);
    out.push(...p.items);
  }
  return out;
}

/** Departments in budget order, each once. */
export function departments(lines: BudgetLine[]): string[] {
  const seen = new Set<string>();
  for (const l of lines) if (l.department) seen.add(l.department);
  return [...seen];
}

/** What "Accept suggestions" will do, before it does it: the tags it sets, on how many lines, for how much money. */
export interface BulkAccept {
  tags: Record<string, ManualTag>;
  lines: number;
  amount: number;
}

/**
 * The confirmed manual tags for every suggestion at or above `min` confidence among the lines the filters show
 * (exactly those: a hidden line is never touched), with their count and amount.
 */
export function acceptShown(
  lines: BudgetLine[],
  tags: LineTag[],
  filters: TagFilters,
  min: number,
  at?: string
): BulkAccept {
  return confirmAll(
    lines,
    tags,
    at,
    (line, tag) =>
      tag.source === "suggested" && tag.confidence >= min && lineMatches(line, tag, filters)
  );
}

/** Confirmed manual tags, on their goals, for every line with a goal that `keep` takes; their count and amount. */
function confirmAll(
  lines: BudgetLine[],
  tags: LineTag[],
  at: string | undefined,
  keep: (line: BudgetLine, tag: LineTag) => boolean
): BulkAccept {
  const out: BulkAccept = { tags: {}, lines: 0, amount: 0 };
  let cents = 0;
  lines.forEach((line, i) => {
    const tag = tags[i];
    if (!tag || tag.goals.length === 0 || !keep(line, tag)) return;
    setOwn(out.tags, line.key, {
      goals: tag.goals,
      via: "confirmed",
      label: lineLabel(line),
      ...(at ? { at } : {}),
    });
    out.lines++;
    cents += Math.round(line.amount * 100);
  });
  out.amount = cents / 100;
  return out;
}

/**
 * What `acceptShown` would accept — how many lines, how much money — without building the tags: the Tag step's
 * button label is rendered on every change, and at 100,000 lines building 100,000 tags for a label is too slow.
 */
export function countShown(
  lines: BudgetLine[],
  tags: LineTag[],
  filters: TagFilters,
  min: number
): { lines: number; amount: number } {
  let n = 0;
  let cents = 0;
  for (let i = 0; i < lines.length; i++) {
    const tag = tags[i];
    if (!tag || tag.source !== "suggested" || tag.goals.length === 0 || tag.confidence < min)
      continue;
    if (!lineMatches(lines[i], tag, filters)) continue;
    n++;
    cents += Math.round(lines[i].amount * 100);
  }
  return { lines: n, amount: cents / 100 };
}

/** The confirmed manual tags for every suggestion at or above `min` confidence, whatever the filters. */
export function acceptAllAbove(
  lines: BudgetLine[],
  tags: LineTag[],
  min: number,
  at?: string
): Record<string, ManualTag> {
  return acceptShown(lines, tags, NO_FILTERS, min, at).tags;
}

export function countAbove(tags: LineTag[], min: number): number {
  let n = 0;
  for (const t of tags)
    if (t.source === "suggested" && t.goals.length > 0 && t.confidence >= min) n++;
  return n;
}

export const RULE_FIELD_LABELS: Record<RuleField, string> = {
  department: "Department",
  division: "Division",
  program: "Program",
  fund: "Fund",
  account: "Account",
  accountName: "Account name",
  description: "Description",
  sheet: "Sheet",
};

const OP_WORDS: Record<Rule["op"], string> = {
  equals: "is",
  startsWith: "starts with",
  contains: "contains",
};

/** A rule in plain words for the rules list: `Department is "Parks" → G2.1 Expand parks`. */
export function ruleText(rule: Rule, targets: Map<string, PlanTarget>): string {
  return (
    rule.label ??
    `${RULE_FIELD_LABELS[rule.field]} ${OP_WORDS[rule.op]} "${rule.value}" → ${goalLabel(rule.target, targets)}`
  );
}

/** The value of a line's field, for "add a rule from this line". */
export function lineField(line: BudgetLine, field: RuleField): string {
  return field === "sheet" ? line.sheet : line[field];
}

/** Counts of actions under a goal (its own and its subgoals'). */
export function actionCount(goal: {
  actions?: unknown[];
  subgoals?: { actions?: unknown[] }[];
}): number {
  return (
    (goal.actions?.length ?? 0) +
    (goal.subgoals ?? []).reduce((n, s) => n + (s.actions?.length ?? 0), 0)
  );
}
