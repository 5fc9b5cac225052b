/**
 * Tagging rules staff write in plain words: `department = Library → G4.2`, `account starts 5410 -> G2.1`,
 * `description contains shelter => G3.2`. Kept with the workbook, applied in order, first match wins.
 */
import { normName } from "../keys";
import { planTargets, resolveGoalRef } from "../plan/model";
import type { BudgetLine, Plan, Rule, RuleField, RuleOp } from "../types";

/** Field names people write, longest first so "account name" is not read as "account". */
const FIELD_NAMES: [string, RuleField][] = [
  ["account description", "accountName"],
  ["account title", "accountName"],
  ["account name", "accountName"],
  ["accountname", "accountName"],
  ["object name", "accountName"],
  ["department", "department"],
  ["description", "description"],
  ["division", "division"],
  ["program", "program"],
  ["programme", "program"],
  ["account", "account"],
  ["object", "account"],
  ["sheet", "sheet"],
  ["dept", "department"],
  ["fund", "fund"],
];

/** What rules show for each field. */
const FIELD_TEXT: Record<RuleField, string> = {
  department: "department",
  division: "division",
  program: "program",
  fund: "fund",
  account: "account",
  accountName: "account name",
  description: "description",
  sheet: "sheet",
};

const OPS: [RegExp, RuleOp][] = [
  [/^(?:starts\s+with|begins\s+with|starts|begins)\b\s*/i, "startsWith"],
  [/^(?:contains|includes|has)\b\s*/i, "contains"],
  [/^(?:==|=)\s*/, "equals"],
  [/^(?:is|equals)\b\s*/i, "equals"],
];

const OP_TEXT: Record<RuleOp, string> = {
  equals: "=",
  startsWith: "starts with",
  contains: "contains",
};

const EXAMPLE = "department = Library → G4.2";
const FIELD_LIST =
  "department, division, program, fund, account, account name, description or sheet";

function targetList(plan: Plan): string {
  const ids = planTargets(plan).map((t) => t.id);
  if (ids.length === 0) return "the plan has no goals yet";
  if (ids.length <= 6) return `the plan has ${ids.join(", ")}`;
  return `the plan has ${ids.slice(0, 3).join(", ")} … ${ids[ids.length - 1]}`;
}

function unquote(text: string): string {
  const t = text.trim();
  const m = /^(["'“‘])(.*)(["'”’])$/.exec(t);
  return m ? m[2].trim() : t;
}

/** Reads a rule typed by a person. Returns the rule, or an error in plain words naming what is wrong. */
export function parseRule(text: string, plan: Plan): { rule?: Rule; error?: string } {
  const raw = String(text ?? "").trim();
  if (!raw) return { error: `The rule is empty. Write it like "${EXAMPLE}".` };
  const arrow = /\s*(?:→|->|=>)\s*/g;
  let last: RegExpExecArray | null = null;
  for (let m = arrow.exec(raw); m; m = arrow.exec(raw)) last = m;
  if (!last) {
    return {
      error: `"${raw}" has no arrow before the goal. Write it like "${EXAMPLE}" (→, -> or => all work).`,
    };
  }
  const condition = raw.slice(0, last.index).trim();
  const targetText = raw.slice(last.index + last[0].length).trim();
  if (!targetText)
    return { error: `"${raw}" names no goal after the arrow. Write it like "${EXAMPLE}".` };

  const lower = condition.toLowerCase();
  let field: RuleField | null = null;
  let rest = "";
  for (const [name, f] of FIELD_NAMES) {
    if (
      lower.startsWith(name) &&
      (lower.length === name.length || /[\s=:]/.test(lower[name.length]))
    ) {
      field = f;
      rest = condition.slice(name.length).trim();
      break;
    }
  }
  if (!field) {
    const word = (/^[^\s=]+(?:\s+[^\s=]+)?/.exec(condition)?.[0] ?? condition).trim();
    const shown = word.split(/\s+/)[0] || condition;
    return { error: `"${shown}" is not something a rule can look at. Use ${FIELD_LIST}.` };
  }
  rest = rest.replace(/^:\s*/, "");
  let op: RuleOp | null = null;
  for (const [re, o] of OPS) {
    const m = re.exec(rest);
    if (m) {
      op = o;
      rest = rest.slice(m[0].length).trim();
      break;
    }
  }
  if (!op) {
    return {
      error: `After "${FIELD_TEXT[field]}" write =, starts with or contains (for example "${FIELD_TEXT[field]} = Library").`,
    };
  }
  const value = unquote(rest);
  if (!value)
    return {
      error: `The rule "${raw}" has no value to look for after "${FIELD_TEXT[field]} ${OP_TEXT[op]}".`,
    };
  const target = resolveGoalRef(plan, targetText);
  if (!target) return { error: `"${targetText}" is not a goal in the plan (${targetList(plan)}).` };
  return { rule: { field, op, value, target } };
}

/** The rule as people write it: `department = Library → G4.2`. */
export function ruleToText(rule: Rule): string {
  return `${FIELD_TEXT[rule.field]} ${OP_TEXT[rule.op]} ${rule.value} → ${rule.target}`;
}

const normCache = new Map<string, string>();
function cmp(text: string): string {
  let v = normCache.get(text);
  if (v === undefined) {
    v = normName(text);
    if (normCache.size < 100_000) normCache.set(text, v);
  }
  return v;
}

/** Whether the rule fires for the line (case- and space-insensitive). */
export function ruleMatches(rule: Rule, line: BudgetLine): boolean {
  const have = cmp(String(line[rule.field] ?? ""));
  const want = cmp(rule.value);
  if (!want) return false;
  switch (rule.op) {
    case "equals":
      return have === want;
    case "startsWith":
      return have.startsWith(want);
    case "contains":
      return have.includes(want);
    default:
      return false;
  }
}
