import {
  Badge,
  Button,
  Caption1,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
  Tree,
  TreeItem,
  TreeItemLayout,
} from "@fluentui/react-components";
import * as React from "react";
import { eliminationView } from "../../core/tagging/elimination";
import { coverageLabels, NAMED_COVERAGE } from "../../core/tagging/functions";
import type { Issue, Plan } from "../../core/types";
import { actionCount } from "../model/view";
import { IssueList } from "./IssueList";

export interface PlanStepProps {
  plan: Plan | null;
  planSheet: string | null;
  planIssues: Issue[];
  importIssues: Issue[];
  importedName: string | null;
  busy: boolean;
  onInsertTemplate: () => void;
  onImportJson: (text: string, fileName: string) => void;
  onClearImport: () => void;
  onGoToCell: (sheet: string, cell: string) => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A file's text (FileReader works in every host Office runs the pane in). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
    reader.readAsText(file);
  });
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  hidden: { display: "none" },
  count: { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  /** A priority's goal count stays one badge on one line in a 320–350 px pane (it wrapped inside the badge). */
  badge: { whiteSpace: "nowrap", flexShrink: 0 },
  covers: { display: "block", color: tokens.colorNeutralForeground3 },
});

/** "Covers police services, fire suppression" under a plan node; what the budget's programs are matched to. */
const Covers: React.FC<{
  info: { labels: string[]; typed: boolean } | undefined;
  /** The areas this priority is read as covering by elimination (eliminationView), when it is. */
  byElimination?: string[];
  className: string;
}> = ({ info, byElimination, className }) => {
  if (!info) return null;
  const what = info.labels.length
    ? `Covers ${info.labels.slice(0, 4).join(", ")}${info.labels.length > 4 ? ` and ${info.labels.length - 4} more` : ""}`
    : byElimination
      ? `Names no work of its own, so the city's own administration (${byElimination.join(", ")}) is matched here by elimination: no goal of the plan names it`
      : "Names no municipal function of its own";
  return (
    <Caption1 className={className}>
      {what}
      {info.typed ? " (set in the Covers column)" : ""}
    </Caption1>
  );
};

/** Step 1: the plan as a tree, its problems linked to their cells, the template and JSON import. */
export const PlanStep: React.FC<PlanStepProps> = (props) => {
  const styles = useStyles();
  const { plan, planSheet, planIssues, importIssues, importedName, busy } = props;
  const fileRef = React.useRef<HTMLInputElement>(null);
  const errors = planIssues.filter((i) => i.severity === "error").length;
  const covers = React.useMemo(() => (plan ? coverageLabels(plan, NAMED_COVERAGE) : null), [plan]);
  const elimination = React.useMemo(() => (plan ? eliminationView(plan) : null), [plan]);
  const warnings = planIssues.length - errors;

  const onFile = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (file) props.onImportJson(await readText(file), file.name);
  };

  return (
    <div className={styles.root}>
      <div>
        <Subtitle2 as="h2">
          {plan ? plan.name || "Strategic plan" : "No strategic plan yet"}
        </Subtitle2>
        <div>
          <Caption1>
            {importedName
              ? `From ${importedName} (this session only)`
              : planSheet
                ? `From the "${planSheet}" sheet`
                : 'Add a "Strategic Plan" sheet from the template, or import a plan file (JSON).'}
            {plan
              ? ` · ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`
              : ""}
          </Caption1>
        </div>
      </div>
      <div className={styles.actions}>
        {!planSheet ? (
          <Button
            appearance={plan ? "secondary" : "primary"}
            disabled={busy}
            onClick={props.onInsertTemplate}
          >
            Insert plan template
          </Button>
        ) : null}
        <Button disabled={busy} onClick={() => fileRef.current?.click()}>
          Import plan JSON…
        </Button>
        {importedName ? (
          <Button appearance="subtle" disabled={busy} onClick={props.onClearImport}>
            Use the workbook&apos;s plan
          </Button>
        ) : null}
        <input
          ref={fileRef}
          className={styles.hidden}
          type="file"
          accept=".json,application/json"
          aria-label="Plan JSON file"
          data-testid="plan-file"
          onChange={onFile}
        />
      </div>
      <IssueList issues={importIssues} label="Plan file problems" />
      <IssueList
        issues={planIssues}
        onGoToCell={props.onGoToCell}
        label="Plan problems and SMART warnings"
      />
      {plan ? (
        <Tree
          aria-label="Plan: priorities, goals and subgoals"
          defaultOpenItems={plan.priorities.map((p) => p.id)}
        >
          {plan.priorities.map((p) => (
            <TreeItem key={p.id} value={p.id} itemType={p.goals.length ? "branch" : "leaf"}>
              <TreeItemLayout
                aside={
                  <Badge appearance="tint" className={styles.badge}>
                    {plural(p.goals.length, "goal")}
                  </Badge>
                }
              >
                <Text weight="semibold">
                  {p.id} {p.title}
                </Text>
                <Covers
                  info={covers?.get(p.id)}
                  byElimination={elimination?.priorityId === p.id ? elimination.areas : undefined}
                  className={styles.covers}
                />
              </TreeItemLayout>
              {p.goals.length ? (
                <Tree>
                  {p.goals.map((g) => (
                    <TreeItem
                      key={g.id}
                      value={g.id}
                      itemType={g.subgoals?.length ? "branch" : "leaf"}
                    >
                      <TreeItemLayout
                        aside={
                          <span className={styles.count}>{plural(actionCount(g), "action")}</span>
                        }
                      >
                        {g.id} {g.title}
                        <Covers info={covers?.get(g.id)} className={styles.covers} />
                      </TreeItemLayout>
                      {g.subgoals?.length ? (
                        <Tree>
                          {g.subgoals.map((sg) => (
                            <TreeItem key={sg.id} value={sg.id} itemType="leaf">
                              <TreeItemLayout
                                aside={
                                  <span className={styles.count}>
                                    {plural(sg.actions?.length ?? 0, "action")}
                                  </span>
                                }
                              >
                                {sg.id} {sg.title}
                                <Covers info={covers?.get(sg.id)} className={styles.covers} />
                              </TreeItemLayout>
                            </TreeItem>
                          ))}
                        </Tree>
                      ) : null}
                    </TreeItem>
                  ))}
                </Tree>
              ) : null}
            </TreeItem>
          ))}
        </Tree>
      ) : null}
    </div>
  );
};
