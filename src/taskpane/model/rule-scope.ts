/**
 * Making a rule from a line: the scopes offered, narrowest first (the program, then its division and department,
 * then the line's other fields), and what the rule would do before it is saved — how many lines it moves to its
 * goal. The core decides which tag wins (src/core/tagging/engine.ts: a person's tag, then the first matching
 * rule); this counts with the same rule matcher (src/core/tagging/rules.ts).
 */
import { decidedByPerson } from "../../core/decisions";
import { ruleMatches } from "../../core/tagging/rules";
import type { BudgetLine, LineTag, Rule, RuleField } from "../../core/types";
import { LINE_TEXT_FIELDS } from "../../core/types";
import { fromCents, toCents } from "../../core/reports/totals";
import { mainGoalId, programKeyOf } from "./grid";
import { formatMoney, lineField } from "./view";

/** Scopes in the order offered: the narrowest that covers the line's program first. */
const SCOPE_ORDER: readonly RuleField[] = [
  "program",
  "division",
  "department",
  ...LINE_TEXT_FIELDS.filter((f) => f !== "program" && f !== "division" && f !== "department"),
];

/** The fields a rule from this line can test (those the line has a value in), narrowest first. */
export function ruleScopes(line: BudgetLine): RuleField[] {
  return SCOPE_ORDER.filter((f) => lineField(line, f) !== "");
}

/** What a new rule would do, counted on the lines as tagged now. */
export interface RuleEffect {
  /** Lines it would move to its goal (now on another goal or none), their money and programs. */
  moves: number;
  amount: number;
  programs: number;
  /** Lines it matches that are already on its goal. */
  already: number;
  /** Lines it matches that keep their tag: a person decided them, or an earlier rule takes them. */
  kept: number;
}

/** A new rule goes after the existing ones (first match wins), and never over a person's tag. */
export function ruleEffect(
  lines: BudgetLine[],
  tags: LineTag[],
  rules: Rule[],
  rule: Rule
): RuleEffect {
  const out: RuleEffect = { moves: 0, amount: 0, programs: 0, already: 0, kept: 0 };
  if (rule.value.trim() === "") return out;
  const programs = new Set<string>();
  let cents = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!ruleMatches(rule, line)) continue;
    const tag = tags[i];
    if (decidedByPerson(tag) || rules.some((r) => ruleMatches(r, line))) {
      out.kept++;
      continue;
    }
    const on = tag ? mainGoalId(tag.goals) : null;
    if (on === rule.target && tag!.goals.length === 1) {
      out.already++;
      continue;
    }
    out.moves++;
    cents += toCents(line.amount);
    programs.add(programKeyOf(line));
  }
  out.amount = fromCents(cents);
  out.programs = programs.size;
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "Moves 3 lines ($120,000) in 1 program to G1.1; 2 already there; 1 you set yourself is kept." */
export function ruleEffectText(e: RuleEffect, target: string): string {
  const parts = [
    e.moves === 0
      ? `Moves no line to ${target}`
      : `Moves ${plural(e.moves, "line")} (${formatMoney(e.amount)}) in ${plural(e.programs, "program")} to ${target}`,
  ];
  if (e.already) parts.push(`${plural(e.already, "line")} already there`);
  if (e.kept) parts.push(`${plural(e.kept, "line")} kept as set by a person or an earlier rule`);
  return `${parts.join("; ")}.`;
}
