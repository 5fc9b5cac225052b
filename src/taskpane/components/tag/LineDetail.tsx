import { decidedByPerson, NON_PROGRAM_ANSWER } from "../../../core/decisions";
import {
  Button,
  Caption1,
  Card,
  Dropdown,
  Field,
  makeStyles,
  Option,
  Text,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { BudgetLine, LineTag, ManualTag, Rule, RuleField } from "../../../core/types";
import { ruleEffect, ruleEffectText, ruleScopes } from "../../model/rule-scope";
import {
  formatMoney,
  formatPercent,
  lineField,
  lineLabel,
  RULE_FIELD_LABELS,
  SOURCE_LABELS,
  tagGoalsText,
  type targetIndex,
} from "../../model/view";
import { GoalPicker } from "../GoalPicker";
import { GoalSplitPicker } from "./GoalSplitPicker";
import { fieldRow } from "../styles";

const useStyles = makeStyles({
  card: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  inline: fieldRow,
  field: { minWidth: 0, maxWidth: "100%" },
});

export interface LineDetailProps {
  line: BudgetLine;
  tag: LineTag | undefined;
  /** Every line, its tag and the rules so far: to say what a new rule would move before it is saved. */
  lines: BudgetLine[];
  tags: LineTag[];
  rules: Rule[];
  targets: ReturnType<typeof targetIndex>;
  busy: boolean;
  onSetTag: (key: string, tag: ManualTag | null) => void;
  onAddRule: (rule: Rule) => void;
}

/** The selected line: why it has its goal, and the ways to change it. */
export const LineDetail: React.FC<LineDetailProps> = ({
  line,
  tag,
  lines,
  tags,
  rules,
  targets,
  busy,
  onSetTag,
  onAddRule,
}) => {
  const styles = useStyles();
  // Confirmed not a program: in the pane (a goal set here replaces it), or by a Goal cell that says "Non-program"
  // (the cell decides the line; a goal set here would not count).
  const nonProgram = tag?.confirmedNonProgram === true;
  const decidedInCell = nonProgram && tag?.origin?.via === "sheet";
  const targetList = React.useMemo(() => [...targets.values()], [targets]);
  const suggestion =
    tag && !decidedByPerson(tag)
      ? tag.goals.length
        ? tag.goals
        : tag.nearest
          ? [{ id: tag.nearest.id, share: 1 }]
          : []
      : [];
  // Rules start at the narrowest scope that covers the line's program (its program, else division, else department).
  const scopes = React.useMemo(() => ruleScopes(line), [line]);
  const [ruleField, setRuleField] = React.useState<RuleField>(scopes[0] ?? "department");
  const [ruleGoal, setRuleGoal] = React.useState<string | null>(tag?.goals[0]?.id ?? null);
  const rule: Rule | null =
    ruleGoal && lineField(line, ruleField) !== ""
      ? { field: ruleField, op: "equals", value: lineField(line, ruleField), target: ruleGoal }
      : null;
  const effect = React.useMemo(
    () => (rule ? ruleEffect(lines, tags, rules, rule) : null),
    [lines, tags, rules, rule?.field, rule?.target]
  );
  const label = lineLabel(line);

  const manual = (goals: ManualTag["goals"], via: ManualTag["via"]): ManualTag => ({
    goals,
    via,
    label,
  });

  return (
    <Card className={styles.card} aria-label="Selected line">
      <Text weight="semibold">{label}</Text>
      <Caption1>
        {line.sheet} row {line.row} · {formatMoney(line.amount)}
      </Caption1>
      <Text>
        <strong>{nonProgram ? "Not a program" : tagGoalsText(tag, targets)}</strong> ·{" "}
        {decidedInCell
          ? "decided in its Goal cell"
          : nonProgram
            ? "set in the task pane"
            : SOURCE_LABELS[tag?.source ?? "none"]}
        {tag && !decidedByPerson(tag) ? `, confidence ${formatPercent(tag.confidence)}` : ""}
      </Text>
      {tag?.why ? <Caption1>Why: {tag.why}</Caption1> : null}

      <div className={styles.inline}>
        {suggestion.length > 0 ? (
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => onSetTag(line.key, manual(suggestion, "confirmed"))}
          >
            Accept {tag?.goals.length ? "suggestion" : "nearest goal"} (
            {suggestion.map((g) => g.id).join(", ")})
          </Button>
        ) : null}
        {tag?.source === "manual" || (nonProgram && !decidedInCell) ? (
          <Button disabled={busy} onClick={() => onSetTag(line.key, null)}>
            Clear my tag
          </Button>
        ) : null}
        {!nonProgram ? (
          <Button
            disabled={busy}
            title={`Spending a plan need not cover (debt service, a transfer, a reserve): counted as confirmed in "Money on no goal", and the line's empty Goal cell will say "${NON_PROGRAM_ANSWER}"`}
            onClick={() => onSetTag(line.key, { goals: [], via: "pane", label, nonProgram: true })}
          >
            Not a program
          </Button>
        ) : null}
      </div>

      {decidedInCell ? (
        <Caption1 role="note">
          {`${tag?.origin?.cell ?? "Its Goal cell"} says "${NON_PROGRAM_ANSWER}": the line is decided there. To give it a goal, type the goal in that cell instead.`}
        </Caption1>
      ) : (
        <GoalSplitPicker
          targets={targetList}
          initial={tag?.goals[0]?.id ?? null}
          busy={busy}
          onSet={(goals) => onSetTag(line.key, manual(goals, "pane"))}
        />
      )}

      <div className={styles.inline}>
        <Field label="Rule: all lines whose">
          <Dropdown
            className={styles.field}
            aria-label="Field of the rule"
            value={RULE_FIELD_LABELS[ruleField]}
            selectedOptions={[ruleField]}
            onOptionSelect={(_, d) => d.optionValue && setRuleField(d.optionValue as RuleField)}
          >
            {scopes.map((f) => (
              <Option key={f} value={f} text={RULE_FIELD_LABELS[f]}>
                {`${RULE_FIELD_LABELS[f]}: ${lineField(line, f)}`}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={`is "${lineField(line, ruleField)}" go to`}>
          <GoalPicker
            label="Goal of the rule"
            targets={targetList}
            value={ruleGoal}
            onChange={setRuleGoal}
            disabled={busy}
          />
        </Field>
      </div>
      {rule && effect ? (
        <Caption1 role="note" aria-label="What the rule will do">
          {ruleEffectText(effect, rule.target)}
        </Caption1>
      ) : null}
      <div className={styles.inline}>
        {scopes[0] !== "department" && ruleField !== "department" && line.department ? (
          <Button size="small" appearance="subtle" onClick={() => setRuleField("department")}>
            The whole department instead
          </Button>
        ) : null}
        <Button disabled={busy || !rule} onClick={() => rule && onAddRule(rule)}>
          Add rule
        </Button>
      </div>
    </Card>
  );
};
