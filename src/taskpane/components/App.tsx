import {
  Button,
  Field,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Tab,
  TabList,
  Text,
  Title3,
  tokens,
  webDarkTheme,
  webLightTheme,
} from "@fluentui/react-components";
import * as React from "react";
import {
  addRule,
  removeRule,
  setAmountColumn,
  setBudgetSheets,
  setColumnOverride,
  setManualTag,
  setReviewAnswer,
} from "../../core/state";
import type { CoreRunner } from "../core/runner";
import { todayIso, useAlignment, type PanePort } from "../hooks/useAlignment";
import { useMeasureEdits } from "../hooks/useMeasures";
import { lineCell } from "../model/view";
import { BudgetStep } from "./BudgetStep";
import { IssueList } from "./IssueList";
import { MeasuresStep } from "./MeasuresStep";
import { PlanStep } from "./PlanStep";
import { ReportsStep } from "./ReportsStep";
import { ReviewStep } from "./ReviewStep";
import { TagStep } from "./TagStep";

export type StepName = "plan" | "budget" | "tag" | "review" | "reports" | "measures";

export interface AppProps {
  port: PanePort;
  /** Follow Office's dark theme. */
  dark?: boolean;
  /** ISO date for the reports (defaults to today). */
  today?: string;
  initialStep?: StepName;
  /** Height of the Tag step's line list. */
  listHeight?: number;
  /** How the core runs: in a Web Worker in the pane as shipped (src/taskpane/core/create-worker.ts); else in process. */
  core?: CoreRunner;
}

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  header: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  /** One line at 320 px (the narrowest pane): cut with an ellipsis, and said whole in its tooltip, if narrower. */
  title: { minWidth: 0, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  refresh: { flexShrink: 0 },
  busy: { display: "flex", alignItems: "flex-start", columnGap: tokens.spacingHorizontalS },
  busyBar: { flexGrow: 1 },
  panel: { paddingTop: tokens.spacingVerticalS },
  /**
   * The six steps on one line from 320 px (the narrowest pane) up: their names without the numbers, in the pane's
   * caption size, 4 px either side (Fluent's small tabs, 14 px and 8 px, took 433 px at 320 px; these 277 px of the
   * 296 px there, measured in the test page's font). If they ever do not fit (a zoomed pane), they wrap rather than
   * run off its edge.
   */
  steps: { flexWrap: "wrap" },
  step: {
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    // The line under the chosen step (and the one under a pressed step) as wide as its name.
    "::after": { left: tokens.spacingHorizontalXS, right: tokens.spacingHorizontalXS },
    "::before": { left: tokens.spacingHorizontalXS, right: tokens.spacingHorizontalXS },
  },
  stepName: {
    paddingLeft: 0,
    paddingRight: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});

/**
 * The steps in their order. The number is not on the tab (the order is left to right, and a screen reader says
 * "3 of 6"); the tab's title says it, and what the step is for.
 */
const STEPS: { value: StepName; name: string; title: string }[] = [
  { value: "plan", name: "Plan", title: "Step 1 of 6: the strategic plan's priorities and goals" },
  {
    value: "budget",
    name: "Budget",
    title: "Step 2 of 6: the budget sheets, and how their columns are read",
  },
  { value: "tag", name: "Tag", title: "Step 3 of 6: the goal each program of the budget serves" },
  {
    value: "review",
    name: "Review",
    title: "Step 4 of 6: programs that fit no goal, or that the engine is unsure of",
  },
  { value: "reports", name: "Reports", title: "Step 5 of 6: write the report sheets" },
  {
    value: "measures",
    name: "Measures",
    title: "Step 6 of 6: each goal's measures, their targets and actuals",
  },
];

/** The task pane: six steps over one analysis of the workbook. */
export const App: React.FC<AppProps> = ({ port, dark, today, initialStep, listHeight, core }) => {
  const styles = useStyles();
  const date = today ?? todayIso();
  const [s, act] = useAlignment(port, { today: date, core });
  const [step, setStep] = React.useState<StepName>(initialStep ?? "plan");
  const a = s.analysis;
  const measureEdits = useMeasureEdits(port, a, date, act.refresh);
  const busy = s.busy !== null;
  const otherIssues = a
    ? a.issues.filter(
        (i) =>
          !a.planIssues.includes(i) && !i.code.startsWith("tag.") && !i.code.startsWith("measures.")
      )
    : [];
  const tagIssues = a ? a.issues.filter((i) => i.code.startsWith("tag.")) : [];
  const firstError = a?.issues.find((i) => i.severity === "error")?.message ?? null;

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <main className={styles.root} aria-busy={busy}>
        <div className={styles.header}>
          <Title3 as="h1" className={styles.title} title="Budget Alignment">
            Budget Alignment
          </Title3>
          <Button
            className={styles.refresh}
            size="small"
            onClick={() => void act.refresh()}
            disabled={busy}
            aria-label="Read the workbook again"
          >
            Refresh
          </Button>
        </div>
        {s.busy ? (
          <div className={styles.busy}>
            <Field
              className={styles.busyBar}
              validationMessage={s.busy.label}
              validationState="none"
            >
              <ProgressBar value={s.busy.fraction} max={1} aria-label={s.busy.label} />
            </Field>
            {s.busy.cancellable ? (
              <Button size="small" onClick={act.cancel}>
                Cancel
              </Button>
            ) : null}
          </div>
        ) : null}
        {s.error ? (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>{s.error}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="transparent" onClick={act.dismissError}>
                Dismiss
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}
        {s.notice ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{s.notice}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" appearance="transparent" onClick={act.dismissNotice}>
                Dismiss
              </Button>
            </MessageBarActions>
          </MessageBar>
        ) : null}

        <TabList
          selectedValue={step}
          onTabSelect={(_, d) => setStep(d.value as StepName)}
          aria-label="Steps"
          size="small"
          className={styles.steps}
        >
          {STEPS.map((t) => (
            <Tab
              key={t.value}
              value={t.value}
              title={t.title}
              className={styles.step}
              content={{ className: styles.stepName }}
            >
              {t.name}
            </Tab>
          ))}
        </TabList>

        <div className={styles.panel} role="tabpanel" aria-label={`Step: ${step}`}>
          {step === "plan" ? (
            <PlanStep
              plan={a?.plan ?? null}
              planSheet={a?.planSheet ?? null}
              planIssues={a?.planIssues ?? []}
              importIssues={s.importIssues}
              importedName={s.importedPlan?.name ?? null}
              busy={busy}
              onInsertTemplate={() => void act.insertTemplate()}
              onImportJson={(text, name) => void act.importPlanJson(text, name)}
              onClearImport={() => void act.clearImportedPlan()}
              onGoToCell={(sheet, cell) => void act.goToCell(sheet, cell)}
            />
          ) : null}
          {step !== "plan" && !a ? (
            <Text>
              {busy
                ? "Reading the workbook…"
                : "The workbook has not been read yet. Press Refresh to read it again."}
            </Text>
          ) : null}
          {step === "budget" && a ? (
            <>
              <IssueList
                issues={otherIssues}
                onGoToCell={(sh, c) => void act.goToCell(sh, c)}
                label="Budget problems"
              />
              <BudgetStep
                sheets={a.sheets}
                planSheet={a.planSheet}
                budgetSheets={a.budgetSheets}
                budget={a.budget}
                busy={busy}
                onChooseSheets={(names) => void act.refreshWith((st) => setBudgetSheets(st, names))}
                onSetRole={(sheet, letter, role) =>
                  void act.refreshWith((st) => setColumnOverride(st, sheet, letter, role))
                }
                onSetAmountColumn={(header) =>
                  void act.refreshWith((st) => setAmountColumn(st, header))
                }
              />
            </>
          ) : null}
          {step === "tag" && a ? (
            <>
              <IssueList
                issues={tagIssues}
                onGoToCell={(sh, c) => void act.goToCell(sh, c)}
                label="Tag problems"
                limit={5}
              />
              <TagStep
                lines={a.budget.lines}
                tags={a.tags}
                plan={a.plan}
                rules={a.state.rules}
                selectedKey={s.selectedKey}
                busy={busy}
                listHeight={listHeight}
                onSelect={(line) => {
                  act.select(line.key);
                  void act.goToCell(line.sheet, lineCell(line));
                }}
                onSetTag={(key, tag) =>
                  void act.update(
                    (st) =>
                      setManualTag(st, key, tag ? { ...tag, at: new Date().toISOString() } : null),
                    tag ? "Tag saved with the workbook." : "Tag cleared."
                  )
                }
                onAcceptAll={(accept, what) =>
                  void act.updateUndoable(
                    (st) => ({ ...st, tags: { ...st.tags, ...accept.tags } }),
                    `${accept.lines.toLocaleString("en-US")} line${accept.lines === 1 ? "" : "s"} decided and saved with the workbook.`,
                    `Accepted: ${what}`
                  )
                }
                undoLabel={s.undo?.label ?? null}
                onUndo={() => void act.undo()}
                onAddRule={(rule) =>
                  void act.update((st) => addRule(st, rule), "Rule added and applied.")
                }
                onRemoveRule={(i) => void act.update((st) => removeRule(st, i), "Rule removed.")}
              />
            </>
          ) : null}
          {step === "review" && a ? (
            <ReviewStep
              lines={a.budget.lines}
              tags={a.tags}
              plan={a.plan}
              answers={a.state.reviewAnswers}
              conflicts={Object.fromEntries(
                (a.conflicts ?? []).map((c) => [c.programKey, c.message])
              )}
              busy={busy}
              today={date}
              onOpenProgram={(key, label) => void act.openProgram(key, label)}
              onAnswer={(answer) =>
                void act.update(
                  (st) => setReviewAnswer(st, { ...answer, at: new Date().toISOString() }),
                  `Answer for ${answer.program || answer.department} saved with the workbook.`
                )
              }
            />
          ) : null}
          {step === "reports" && a ? (
            <ReportsStep
              ready={a.ok}
              blocker={firstError ? `Fix this first: ${firstError}` : null}
              busy={busy}
              lineCount={a.budget.lines.length}
              result={s.report}
              onWrite={() => void act.writeReports()}
            />
          ) : null}
          {step === "measures" && a ? (
            <MeasuresStep
              plan={a.plan}
              measures={a.measures ?? []}
              issues={a.issues}
              today={date}
              busy={busy || measureEdits.saving}
              problems={measureEdits.problems}
              message={measureEdits.message}
              onDismissMessage={measureEdits.dismiss}
              onAdd={measureEdits.add}
              onEnterActual={measureEdits.enter}
              onGoToCell={(sh, c) => void act.goToCell(sh, c)}
            />
          ) : null}
        </div>
      </main>
    </FluentProvider>
  );
};
