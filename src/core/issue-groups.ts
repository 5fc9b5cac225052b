/**
 * Warnings grouped by kind, with counts: what the CLI prints (every group, each with its first messages) and what
 * `--json` lists under `warnings`. A kind is the issue's code; KIND_LABELS says it in plain words.
 */
import type { Issue } from "./types";

/** Plain words for each kind of warning; a code not listed is shown by its own name. */
export const KIND_LABELS: Record<string, string> = {
  "plan.smart-gap": "actions without a measure, target, owner or due date (SMART check)",
  "plan.no-adoption-date": "plan without an adoption date",
  "plan.unknown-function": "unknown functions in a Covers cell",
  "plan.unknown-status": "unknown action statuses",
  "plan.field-too-long": "plan texts too long",
  "tag.conflict": "Goal cells that disagree with a Review answer",
  "tag.unknown-goal": "Goal cells naming a goal the plan does not have",
  "tag.orphaned": "tags naming a goal no longer in the plan",
  "tag.unmatched": "tags whose budget lines are gone",
  "review.unknown-response": "Review responses that are not one of the four",
  "review.unknown-goal": "Review answers naming a goal the plan does not have",
  "review.no-header": "Review sheet without its header row",
  "programs.no-header": "Programs sheet without its header row",
  "state.unreadable": "saved state that could not be read",
  "state.newer": "state saved by a newer version",
  "sheet.name-taken": "sheets of yours with the name of a report sheet",
  "budget.sheet-left-out": "sheets left out of the budget",
  "budget.scale": "amounts in thousands or millions",
  "budget.scale-shown-by-format":
    "amounts said in thousands or millions that are whole dollars shown so by their format",
  "budget.amount-ambiguous": "amount columns that could be chosen",
  "measures.listed-twice": "measures listed twice",
  "measures.unknown-node": "measures linked to a plan node the plan does not have",
  "measures.unknown-program": "measures linked to a program the budget does not have",
  "measures.no-header": "measure tables without their header row",
  "measures.json-schema": "measures in plan JSON that could not be read",
  "measures.direction-unknown": "measure directions that are not increase, decrease or maintain",
  "measures.interval-unknown": "measure intervals that are not cumulative, snapshot or period",
  "measures.period-unknown": "measure columns whose period could not be read",
  "measures.unreadable": "measure values that could not be read (left out)",
  "measures.duplicate-disagrees": "measures listed twice with different values",
  "measures.duplicate": "measures listed twice",
  "measures.percent-scale": "percentages put on one scale",
  "measures.not-available": "measure values marked not available",
  "measures.corrected": "measure categories read from a misspelling",
  "measures.direction-blank": "measures without a direction",
};

export interface IssueGroup {
  code: string;
  severity: Issue["severity"];
  /** Plain words for the kind. */
  label: string;
  count: number;
  /** Every message of the group, in the order found. */
  messages: string[];
}

/** The issues of the given severities grouped by code, in the order each kind was first found. */
export function groupIssues(
  issues: readonly Issue[],
  severities: readonly Issue["severity"][] = ["warning"]
): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const i of issues) {
    if (!severities.includes(i.severity)) continue;
    let g = groups.get(i.code);
    if (!g) {
      g = {
        code: i.code,
        severity: i.severity,
        label: KIND_LABELS[i.code] ?? i.code,
        count: 0,
        messages: [],
      };
      groups.set(i.code, g);
    }
    g.count++;
    g.messages.push(i.message);
  }
  return [...groups.values()];
}
