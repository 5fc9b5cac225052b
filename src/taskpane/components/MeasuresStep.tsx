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
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Option,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import {
  actualPeriods,
  previewActual,
  type FieldProblem,
  type NewMeasureInput,
} from "../../core/measures/add";
import type { Measure } from "../../core/measures/model";
import {
  measureIssues,
  measureNodeChoices,
  measureOwners,
  measuresView,
  type GoalMeasuresView,
  type MeasureView,
} from "../../core/measures/pane";
import { asOfDate, type AsOf, type MeasureStatus } from "../../core/measures/status";
import { fyMonthDay } from "../../core/reports/sheet";
import type { Issue, Plan } from "../../core/types";
import { IssueList } from "./IssueList";
import { MeasureForm } from "./MeasureForm";
import { fieldRow } from "./styles";

export interface MeasuresStepProps {
  plan: Plan | null;
  /** The run's measures (Analysis.measures). */
  measures: Measure[];
  /** The run's issues; the step lists those about measures. */
  issues: Issue[];
  today: string;
  busy: boolean;
  problems: FieldProblem[];
  message: { intent: "success" | "error"; text: string } | null;
  onDismissMessage: () => void;
  onAdd: (input: NewMeasureInput) => Promise<boolean>;
  onEnterActual: (measure: Measure, period: string, value: number) => Promise<boolean>;
  onGoToCell: (sheet: string, cell: string) => void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  filters: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
  },
  /** Fluent's Dropdown is 250 px wide at least: two side by side fit the 350 px pane only without it. */
  narrow: { minWidth: 0, width: "100%" },
  badge: { flexShrink: 0, whiteSpace: "nowrap" },
  goalHeader: { display: "flex", flexDirection: "column", rowGap: "2px", textAlign: "left" },
  card: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { display: "flex", columnGap: tokens.spacingHorizontalS, alignItems: "baseline" },
  entry: fieldRow,
  actual: { width: "120px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Badge colours: green only for met; no data and direction not set are grey, never green. */
const BADGE: Record<MeasureStatus, "success" | "warning" | "danger" | "informative"> = {
  met: "success",
  near: "warning",
  missed: "danger",
  "no data": "informative",
  "direction not set": "informative",
};

/** The status as an icon and a word (never colour alone). */
export const StatusBadge: React.FC<{ status: MeasureStatus; icon: string }> = ({
  status,
  icon,
}) => {
  const styles = useStyles();
  return (
    <Badge appearance="tint" color={BADGE[status]} shape="rounded" className={styles.badge}>
      {`${icon} ${status}`}
    </Badge>
  );
};

function formatValue(v: number | null, unit: string): string {
  if (v === null) return "—";
  const n = v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return unit === "%" ? `${n}%` : unit === "$" ? `$${n}` : n;
}

const BETTER: Record<string, string> = {
  increase: "higher is better",
  decrease: "lower is better",
  maintain: "within the band",
};

interface CardProps {
  view: MeasureView;
  measure: Measure | undefined;
  period: string;
  asOf: AsOf;
  busy: boolean;
  onEnterActual: MeasuresStepProps["onEnterActual"];
  onGoToCell: MeasuresStepProps["onGoToCell"];
}

/** One measure: its status now, how it was found, and this period's actual with the status shown as it is typed. */
const MeasureCard: React.FC<CardProps> = ({
  view,
  measure,
  period,
  asOf,
  busy,
  onEnterActual,
  onGoToCell,
}) => {
  const styles = useStyles();
  const [typed, setTyped] = React.useState("");
  const preview = measure && typed ? previewActual(measure, period, typed, asOf) : null;
  const unit = view.unit ? ` ${view.unit === "%" || view.unit === "$" ? "" : view.unit}` : "";
  const better = view.direction ? BETTER[view.direction] : "direction not set";
  return (
    <section className={styles.card} aria-label={`Measure ${view.id}`}>
      <div className={styles.title}>
        <StatusBadge status={view.status} icon={view.icon} />
        <Text weight="semibold">{view.name}</Text>
      </div>
      <Caption1>
        {view.actual === null
          ? `${view.period}: no actual yet`
          : `${view.period}: ${formatValue(view.actual, view.unit)}${unit} against ${formatValue(view.expected, view.unit)} expected`}
        {` · ${better} · ${view.interval} · ${view.id}${view.owner ? ` · ${view.owner}` : ""}`}
      </Caption1>
      <Caption1 className={styles.muted}>{view.rule}</Caption1>
      {view.where && measure ? (
        <div className={styles.entry}>
          <Field
            label={`${period} actual`}
            size="small"
            validationState={preview && "problem" in preview ? "error" : "none"}
            validationMessage={
              preview && "problem" in preview
                ? preview.problem
                : preview
                  ? `Would be ${preview.evaluation.status}: ${formatValue(preview.evaluation.compared, view.unit)} against ${formatValue(preview.evaluation.expected, view.unit)} expected`
                  : undefined
            }
          >
            <Input
              size="small"
              className={styles.actual}
              value={typed}
              onChange={(_, d) => setTyped(d.value)}
              aria-label={`${period} actual of ${view.id}`}
            />
          </Field>
          <Button
            size="small"
            disabled={busy || !preview || !("value" in preview)}
            onClick={() => {
              if (preview && "value" in preview)
                void onEnterActual(measure, period, preview.value).then((ok) => {
                  if (ok) setTyped("");
                });
            }}
          >
            Save
          </Button>
          <Link as="button" onClick={() => onGoToCell(view.where!.sheet, view.where!.cell)}>
            {`${view.where.sheet}!${view.where.cell}`}
          </Link>
        </div>
      ) : (
        <Caption1 className={styles.muted}>
          From the plan, not the Measures sheet: add it there (same ID) to enter its actuals here.
        </Caption1>
      )}
    </section>
  );
};

/** A goal's header: its status by the stated rule, and how many of its measures have no data. */
const GoalHeader: React.FC<{ goal: GoalMeasuresView }> = ({ goal }) => {
  const styles = useStyles();
  const n = goal.measures.length;
  return (
    <span className={styles.goalHeader}>
      <span>
        {n ? <StatusBadge status={goal.status} icon={goal.icon} /> : null} {goal.label}
      </span>
      <Caption1>
        {n === 0 ? "No measures yet" : `${n} measure${n === 1 ? "" : "s"}: ${goal.countsText}`}
      </Caption1>
    </span>
  );
};

/**
 * The Measures step: each goal's measures with their status (the Scorecard's rules, from the core), the problems of
 * the Measures sheet with their cells, this period's actuals entered with the status shown as they are typed, and a
 * new measure added to a goal or action. Writes go to the Measures sheet only, never the budget.
 */
export const MeasuresStep: React.FC<MeasuresStepProps> = (props) => {
  const { plan, measures, issues, today, busy } = props;
  const styles = useStyles();
  const view = React.useMemo(
    () => (plan ? measuresView(measures, plan, today) : null),
    [measures, plan, today]
  );
  const periods = React.useMemo(() => (plan ? actualPeriods(plan, today) : null), [plan, today]);
  const nodes = React.useMemo(() => (plan ? measureNodeChoices(plan) : []), [plan]);
  const owners = React.useMemo(() => measureOwners(measures), [measures]);
  const byId = React.useMemo(() => new Map(measures.map((m) => [m.id, m])), [measures]);
  const [period, setPeriod] = React.useState<string | null>(null);
  const [owner, setOwner] = React.useState("");
  const [formNode, setFormNode] = React.useState<string | null>(null);
  const formRef = React.useRef<HTMLDivElement>(null);
  if (!plan || !view || !periods)
    return (
      <Text>There is no strategic plan yet: measures are tracked against its goals (step 1).</Text>
    );
  const asOf = asOfDate(today, fyMonthDay(plan.fiscalYearStart));
  const chosenPeriod = period ?? periods.current;
  const mine = (v: MeasureView) => !owner || v.owner === owner;
  const openGoals = view.goals
    .filter((g) => g.measures.length > 0)
    .slice(0, 1)
    .map((g) => g.goalId);
  const card = (v: MeasureView) => (
    <MeasureCard
      key={v.id}
      view={v}
      measure={byId.get(v.id)}
      period={chosenPeriod}
      asOf={asOf}
      busy={busy}
      onEnterActual={props.onEnterActual}
      onGoToCell={props.onGoToCell}
    />
  );
  return (
    <div className={styles.root}>
      <Text role="status">{view.line}</Text>
      <Caption1 className={styles.muted}>{view.goalRule}</Caption1>
      {props.message ? (
        <MessageBar intent={props.message.intent} layout="multiline">
          <MessageBarBody>{props.message.text}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={props.onDismissMessage}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      <IssueList
        issues={measureIssues(issues)}
        onGoToCell={props.onGoToCell}
        label="Measure problems"
        limit={10}
      />
      <div className={styles.filters}>
        <Field label="Period to enter" size="small">
          <Dropdown
            size="small"
            className={styles.narrow}
            value={chosenPeriod}
            selectedOptions={[chosenPeriod]}
            onOptionSelect={(_, d) => setPeriod(d.optionValue ?? null)}
          >
            {periods.periods.map((p) => (
              <Option key={p} value={p}>
                {p}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Owner" size="small">
          <Dropdown
            size="small"
            className={styles.narrow}
            value={owner || "Everyone"}
            selectedOptions={[owner]}
            onOptionSelect={(_, d) => setOwner(d.optionValue ?? "")}
          >
            <Option value="">Everyone</Option>
            {owners.map((o) => (
              <Option key={o} value={o}>
                {o}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </div>
      <Accordion multiple collapsible defaultOpenItems={openGoals} aria-label="Measures by goal">
        {view.goals.map((g) => (
          <AccordionItem key={g.goalId} value={g.goalId}>
            <AccordionHeader size="small">
              <GoalHeader goal={g} />
            </AccordionHeader>
            <AccordionPanel>
              {g.measures.filter(mine).map(card)}
              <Button
                size="small"
                appearance="subtle"
                onClick={() => {
                  setFormNode(g.goalId);
                  formRef.current?.scrollIntoView?.({ behavior: "smooth" });
                }}
              >
                {`Add a measure to ${g.goalId}`}
              </Button>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
      {view.unlinked.length ? (
        <section aria-label="Measures linked to no goal">
          <Subtitle2>Linked to no goal</Subtitle2>
          {view.unlinked.filter(mine).map(card)}
        </section>
      ) : null}
      <div ref={formRef}>
        <Subtitle2>Add a measure</Subtitle2>
        <MeasureForm
          nodes={nodes}
          node={formNode}
          year={`FY${String(asOf.fy % 100).padStart(2, "0")}`}
          problems={props.problems}
          busy={busy}
          onAdd={props.onAdd}
        />
      </div>
    </div>
  );
};
