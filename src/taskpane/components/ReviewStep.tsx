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
import { REASONS, reviewProgramsByDepartment, type ReviewProgram } from "../../core/reports/review";
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
  /** Per program key: a Goal cell disagrees with the program's answer (from the run's conflicts). */
  conflicts?: Record<string, string>;
  /** Opens the program's row on the Programs sheet (scores, quartile, attributes). */
  onOpenProgram?: (programKey: string, label: string) => void;
}

/** The reviewer's name is remembered in this browser, so a department head types it once. */
const REVIEWER_KEY = "budget-alignment.reviewer";
function storedReviewer(): string {
  try {
    return globalThis.localStorage?.getItem(REVIEWER_KEY) ?? "";
  } catch {
    return "";
  }
}
function storeReviewer(name: string): void {
  try {
    globalThis.localStorage?.setItem(REVIEWER_KEY, name);
  } catch {
    /* private mode: the name is only kept for this session */
  }
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

/**
 * Step 4: the programs the Review sheet lists (fits no goal, or low-confidence lines; the same rule), by department,
 * with the answers department heads gave; answer here too. A department filter shows one department's programs.
 */
export const ReviewStep: React.FC<ReviewStepProps> = (props) => {
  const styles = useStyles();
  const all = React.useMemo(
    () => reviewProgramsByDepartment(props.lines, props.tags, props.answers),
    [props.lines, props.tags, props.answers]
  );
  const [department, setDepartment] = React.useState<string | null>(null);
  const [reviewer, setReviewer] = React.useState<string>(storedReviewer);
  const groups = department === null ? all : all.filter((g) => g.department === department);
  const targets = React.useMemo(() => targetIndex(props.plan), [props.plan]);
  const targetList = React.useMemo(() => [...targets.values()], [targets]);
  const total = groups.reduce((n, g) => n + g.programs.length, 0);
  const answered = groups.reduce(
    (n, g) => n + g.programs.filter((p) => props.answers[p.key]).length,
    0
  );

  if (all.length === 0) {
    return (
      <Text>Nothing to review: every program fits a goal of the plan with good confidence.</Text>
    );
  }
  const ALL = "All departments";
  return (
    <div className={styles.root}>
      <Field label="Department">
        <Dropdown
          aria-label="Department to review"
          value={department ?? ALL}
          selectedOptions={[department ?? ALL]}
          onOptionSelect={(_, d) =>
            setDepartment(!d.optionValue || d.optionValue === ALL ? null : d.optionValue)
          }
        >
          <Option value={ALL}>{ALL}</Option>
          {all.map((g) => (
            <Option key={g.department} value={g.department}>
              {g.department || "(no department)"}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Text role="status">
        {total} program{total === 1 ? "" : "s"} to review · {answered} answered
      </Text>
      <Accordion
        key={department ?? ALL}
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
                    answerGoal={(id) => goalLabel(id, targets)}
                    conflict={props.conflicts?.[p.key] ?? null}
                    targets={targetList}
                    busy={props.busy}
                    today={props.today}
                    reviewer={reviewer}
                    onOpen={
                      props.onOpenProgram
                        ? () => props.onOpenProgram!(p.key, p.program || p.department)
                        : undefined
                    }
                    onAnswer={(a) => {
                      if (a.reviewer) {
                        setReviewer(a.reviewer);
                        storeReviewer(a.reviewer);
                      }
                      props.onAnswer(a);
                    }}
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
  program: ReviewProgram;
  answer: ReviewAnswer | undefined;
  nearestText: string | null;
  answerGoal: (id: string) => string;
  conflict: string | null;
  /** The reviewer's name to fill in (the last one used in this pane). */
  reviewer: string;
  targets: ReturnType<typeof targetIndex> extends Map<string, infer T> ? T[] : never;
  busy: boolean;
  today: string;
  onAnswer: (answer: ReviewAnswer) => void;
  onOpen?: () => void;
  className: string;
  rowClass: string;
}

const ProgramAnswer: React.FC<ProgramAnswerProps> = ({
  program,
  answer,
  nearestText,
  answerGoal,
  conflict,
  reviewer: defaultReviewer,
  targets,
  busy,
  today,
  onAnswer,
  onOpen,
  className,
  rowClass,
}) => {
  const [response, setResponse] = React.useState<string>(answer?.response ?? "");
  const [goal, setGoal] = React.useState<string | null>(
    answer?.goalId ?? program.nearest?.id ?? null
  );
  const [why, setWhy] = React.useState(answer?.justification ?? "");
  // Filled in: the name on the answer, else the last name used in this pane; the date, today.
  const [typedReviewer, setReviewer] = React.useState<string | null>(null);
  const reviewer = typedReviewer ?? answer?.reviewer ?? defaultReviewer;
  const [date, setDate] = React.useState(today);
  const needsGoal = response.startsWith("Retain");
  const label = program.program || "(no program)";
  return (
    <section className={className} aria-label={`Review of ${label}`}>
      <Text weight="semibold">
        {label} · {formatMoney(program.total)} ({program.lines} line{program.lines === 1 ? "" : "s"}
        )
      </Text>
      <Caption1>{REASONS[program.reason]}</Caption1>
      {onOpen ? (
        <Button
          appearance="subtle"
          size="small"
          aria-label={`Open ${label} on the Programs sheet`}
          onClick={onOpen}
        >
          Open on the Programs sheet
        </Button>
      ) : null}
      {answer ? (
        <Caption1>
          Answered: {String(answer.response)}
          {answer.goalId ? ` → ${answerGoal(answer.goalId)}` : ""}
          {answer.reviewer ? ` by ${answer.reviewer}` : ""}
          {answer.date ? ` on ${answer.date}` : ""}
        </Caption1>
      ) : nearestText ? (
        <Caption1>Nearest goal: {nearestText}</Caption1>
      ) : null}
      {conflict ? (
        <Caption1 role="note" aria-label={`Conflict for ${label}`}>
          Conflict: {conflict}
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
        <Field label="Date">
          <Input
            aria-label={`Date of the answer for ${label}`}
            type="date"
            value={date}
            onChange={(_, d) => setDate(d.value)}
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
              date: date || today,
            })
          }
        >
          Save answer
        </Button>
      </div>
    </section>
  );
};
