/**
 * View models for the task pane: how lines, programs and plan nodes are grouped, filtered and labelled for
 * display. Pure functions of the core's Analysis (no Office, no React), so they are unit-tested directly.
 * No business rules live here: tags, flags and confidences all come from the core.
 */
import { decidedByPerson } from "../../core/decisions";
import { programKey, programOf } from "../../core/keys";
import { planTargets } from "../../core/plan/model";
import { setOwn } from "../../core/state";
import { fromCents, toCents } from "../../core/reports/totals";
import type {
  BudgetLine,
  LineTag,
  LineTextField,
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
const shortMoney = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
/** "$65.1M", "$840.2K", "$950": for a bar as narrow as the pane, beside the whole amount in words. */
export const formatMoneyShort = (n: number): string => shortMoney.format(n);
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
  if (f.unconfirmed && decidedByPerson(tag)) return false;
  if (f.flagged && !tag?.flagged) return false;
  if (f.lowConfidence && !(tag && !decidedByPerson(tag) && tag.confidence < LOW_CONFIDENCE))
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

/**
 * programKey of a line, kept with the line: the Tag step groups 100,000 lines by program again after every edit (the
 * lines stay the same objects; only their tags change), and making each key again is most of that work.
 */
const programKeys = new WeakMap<BudgetLine, string>();
export function programKeyOf(line: BudgetLine): string {
  let key = programKeys.get(line);
  if (key === undefined) {
    key = programKey(line);
    programKeys.set(line, key);
  }
  return key;
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
      !decidedByPerson(tag) && programKeyOf(line) === program && lineMatches(line, tag, filters)
  );
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
  return collectDecisions(
    lines,
    lines.keys(),
    (i) => {
      const tag = tags[i];
      if (!tag || tag.goals.length === 0 || !keep(lines[i], tag)) return null;
      return { goals: tag.goals, via: "confirmed", label: lineLabel(lines[i]) };
    },
    at
  );
}

/**
 * The decisions `decide` makes for the lines of `indexes` (null: the line is left as it is), each stamped `at` when
 * given, with how many lines and how much money they decide: what every bulk action of the pane hands to the store.
 */
export function collectDecisions(
  lines: BudgetLine[],
  indexes: Iterable<number>,
  decide: (i: number) => ManualTag | null,
  at?: string
): BulkAccept {
  const out: BulkAccept = { tags: {}, lines: 0, amount: 0 };
  let cents = 0;
  for (const i of indexes) {
    const decision = decide(i);
    if (!decision) continue;
    const line = lines[i];
    setOwn(out.tags, line.key, at ? { ...decision, at } : decision);
    out.lines++;
    cents += toCents(line.amount);
  }
  out.amount = fromCents(cents);
  return out;
}

/** A budget line's text field as the pane names it: in the Budget step's column roles and in a rule's field. */
export const LINE_FIELD_LABELS: Record<LineTextField, string> = {
  department: "Department",
  division: "Division",
  program: "Program",
  fund: "Fund",
  account: "Account",
  accountName: "Account name",
  description: "Description",
};

export const RULE_FIELD_LABELS: Record<RuleField, string> = {
  ...LINE_FIELD_LABELS,
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
