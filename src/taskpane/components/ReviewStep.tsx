import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import { flaggedProgramsByDepartment, type FlaggedProgram } from "../../core/reports/review";
import type { BudgetLine, LineTag, Plan, ReviewAnswer, ReviewResponse } from "../../core/types";
import { formatMoney, formatPercent, goalLabel, targetIndex } from "../model/view";
import { GoalPicker } from "./GoalPicker";

export interface ReviewStepProps {
  lines: BudgetLine[];
  tags: LineTag[];
  plan: Plan | null;
  answers: Record<string, ReviewAnswer>;
  busy: boolean;
  today: string;
  onAnswer: (answer: ReviewAnswer) => void;
}

export const RESPONSES: ReviewResponse[] = [
  "Retain — serves goal",
  "Modify",
  "Eliminate",
  "Needs a new goal",
];

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  program: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalM,
    marginBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "flex-end",
  },
});

/** Step 4: flagged programs by department, with the answers department heads gave; answer here too. */
export const ReviewStep: React.FC<ReviewStepProps> = (props) => {
  const styles = useStyles();
  const groups = React.useMemo(
    () => flaggedProgramsByDepartment(props.lines, props.tags, new Set(Object.keys(props.answers))),
    [props.lines, props.tags, props.answers]
  );
  const targets = React.useMemo(() => targetIndex(props.plan), [props.plan]);
  const targetList = React.useMemo(() => [...targets.values()], [targets]);
  const total = groups.reduce((n, g) => n + g.programs.length, 0);
  const answered = groups.reduce(
    (n, g) => n + g.programs.filter((p) => props.answers[p.key]).length,
    0
  );

  if (total === 0) {
    return <Text>No program is flagged: every program fits a goal of the plan.</Text>;
  }
  return (
    <div className={styles.root}>
      <Text role="status">
        {total} flagged program{total === 1 ? "" : "s"} · {answered} answered
      </Text>
      <Accordion
        multiple
        collapsible
        defaultOpenItems={groups.length === 1 ? [groups[0].department] : []}
      >
        {groups.map((g) => {
          const done = g.programs.filter((p) => props.answers[p.key]).length;
          return (
            <AccordionItem key={g.department} value={g.department}>
              <AccordionHeader>
                {g.department || "(no department)"}&nbsp;
                <Badge appearance="tint" color={done === g.programs.length ? "success" : "warning"}>
                  {done}/{g.programs.length} answered
                </Badge>
              </AccordionHeader>
              <AccordionPanel>
                {g.programs.map((p) => (
                  <ProgramAnswer
                    key={p.key}
                    program={p}
                    answer={props.answers[p.key]}
                    nearestText={
                      p.nearest
                        ? `${goalLabel(p.nearest.id, targets)} (${formatPercent(p.nearest.confidence)})`
                        : null
                    }
                    targets={targetList}
                    busy={props.busy}
                    today={props.today}
                    onAnswer={props.onAnswer}
                    className={styles.program}
                    rowClass={styles.row}
                  />
                ))}
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </div>
  );
};

interface ProgramAnswerProps {
  program: FlaggedProgram;
  answer: ReviewAnswer | undefined;
  nearestText: string | null;
  targets: ReturnType<typeof targetIndex> extends Map<string, infer T> ? T[] : never;
  busy: boolean;
  today: string;
  onAnswer: (answer: ReviewAnswer) => void;
  className: string;
  rowClass: string;
}

const ProgramAnswer: React.FC<ProgramAnswerProps> = ({
  program,
  answer,
  nearestText,
  targets,
  busy,
  today,
  onAnswer,
  className,
  rowClass,
}) => {
  const [response, setResponse] = React.useState<string>(answer?.response ?? "");
  const [goal, setGoal] = React.useState<string | null>(
    answer?.goalId ?? program.nearest?.id ?? null
  );
  const [why, setWhy] = React.useState(answer?.justification ?? "");
  const [reviewer, setReviewer] = React.useState(answer?.reviewer ?? "");
  const needsGoal = response.startsWith("Retain");
  const label = program.program || "(no program)";
  return (
    <section className={className} aria-label={`Review of ${label}`}>
      <Text weight="semibold">
        {label} · {formatMoney(program.total)} ({program.lines} line{program.lines === 1 ? "" : "s"}
        )
      </Text>
      {nearestText ? <Caption1>Nearest goal: {nearestText}</Caption1> : null}
      {answer ? (
        <Caption1>
          Answered: {String(answer.response)}
          {answer.goalId ? ` → ${answer.goalId}` : ""}
          {answer.reviewer ? ` by ${answer.reviewer}` : ""}
          {answer.date ? ` on ${answer.date}` : ""}
        </Caption1>
      ) : null}
      <div className={rowClass}>
        <Field label="Response">
          <Dropdown
            aria-label={`Response for ${label}`}
            placeholder="Choose"
            value={response}
            selectedOptions={response ? [response] : []}
            onOptionSelect={(_, d) => setResponse(d.optionValue ?? "")}
          >
            {RESPONSES.map((r) => (
              <Option key={r} value={r}>
                {r}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {needsGoal ? (
          <Field label="Goal it serves">
            <GoalPicker
              label={`Goal ${label} serves`}
              targets={targets}
              value={goal}
              onChange={setGoal}
              disabled={busy}
            />
          </Field>
        ) : null}
      </div>
      <Field label="Justification">
        <Textarea
          aria-label={`Justification for ${label}`}
          value={why}
          onChange={(_, d) => setWhy(d.value)}
          resize="vertical"
        />
      </Field>
      <div className={rowClass}>
        <Field label="Reviewer">
          <Input
            aria-label={`Reviewer of ${label}`}
            value={reviewer}
            onChange={(_, d) => setReviewer(d.value)}
          />
        </Field>
        <Button
          appearance="primary"
          disabled={busy || !response || (needsGoal && !goal)}
          onClick={() =>
            onAnswer({
              programKey: program.key,
              department: program.department,
              program: program.program,
              response,
              ...(needsGoal && goal ? { goalId: goal } : {}),
              ...(why.trim() ? { justification: why.trim() } : {}),
              ...(reviewer.trim() ? { reviewer: reviewer.trim() } : {}),
              date: today,
            })
          }
        >
          Save answer
        </Button>
      </div>
    </section>
  );
};
