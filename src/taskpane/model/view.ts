/**
 * View models for the task pane: how lines, programs and plan nodes are grouped, filtered and labelled for
 * display. Pure functions of the core's Analysis (no Office, no React), so they are unit-tested directly.
 * No business rules live here: tags, flags and confidences all come from the core.
 */
import { programKey, programOf } from "../../core/keys";
import { planTargets } from "../../core/plan/model";
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
  flagged: boolean;
  lowConfidence: boolean;
  department: string | null;
  goal: string | null;
  text: string;
}

export const NO_FILTERS: TagFilters = {
  untagged: false,
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
    }
  | { kind: "line"; index: number };

/**
 * Lines grouped by program (department + program), in the budget's order, each program followed by its lines
 * that pass the filters. Programs with no matching line are left out. Linear in the number of lines.
 */
export function tagRows(lines: BudgetLine[], tags: LineTag[], filters: TagFilters): TagRow[] {
  const groups = new Map<string, { head: Extract<TagRow, { kind: "program" }>; items: number[] }>();
  lines.forEach((line, i) => {
    const tag = tags[i];
    if (!lineMatches(line, tag, filters)) return;
    const key = programKey(line);
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
        },
        items: [],
      };
      groups.set(key, g);
    }
    g.head.lines += 1;
    g.head.total += line.amount;
    if (tag?.flagged) g.head.flagged = true;
    g.items.push(i);
  });
  const rows: TagRow[] = [];
  for (const g of groups.values()) {
    rows.push(g.head);
    for (const i of g.items) rows.push({ kind: "line", index: i });
  }
  return rows;
}

/** Departments in budget order, each once. */
export function departments(lines: BudgetLine[]): string[] {
  const seen = new Set<string>();
  for (const l of lines) if (l.department) seen.add(l.department);
  return [...seen];
}

/** The confirmed manual tags for every suggestion at or above `min` confidence (for "Accept all ≥ …"). */
export function acceptAllAbove(
  lines: BudgetLine[],
  tags: LineTag[],
  min: number,
  at?: string
): Record<string, ManualTag> {
  const out: Record<string, ManualTag> = {};
  lines.forEach((line, i) => {
    const tag = tags[i];
    if (tag && tag.source === "suggested" && tag.goals.length > 0 && tag.confidence >= min) {
      out[line.key] = {
        goals: tag.goals,
        via: "confirmed",
        label: lineLabel(line),
        ...(at ? { at } : {}),
      };
    }
  });
  return out;
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
