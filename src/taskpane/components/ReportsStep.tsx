import { Button, Caption1, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { ReportResult } from "../hooks/useAlignment";
import { formatMoney, formatPercent } from "../model/view";

export interface ReportsStepProps {
  /** No errors stand in the way (Analysis.ok). */
  ready: boolean;
  /** Why not ready, in plain words. */
  blocker: string | null;
  busy: boolean;
  lineCount: number;
  result: ReportResult | null;
  onWrite: () => void;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    alignItems: "flex-start",
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const DESCRIPTIONS: Record<string, string> = {
  Alignment: "how much of the budget serves each priority and goal",
  Review: "flagged programs for department heads to answer",
  Timetable: "the plan's actions and review dates by month",
  Programs:
    "every program scored 0–4 on each priority, its quartile and attributes, and a what-if of the budget",
};

/** Step 5: write the Alignment, Review, Timetable and Programs sheets and say what was written. */
export const ReportsStep: React.FC<ReportsStepProps> = ({
  ready,
  blocker,
  busy,
  lineCount,
  result,
  onWrite,
}) => {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <Text>
        Writes four sheets from the {lineCount.toLocaleString("en-US")} budget lines: Alignment,
        Review, Timetable and Programs. Sheets the add-in wrote before are replaced; your own sheets
        are never changed, and scores and attributes typed on the Programs sheet are kept.
      </Text>
      {!ready && blocker ? <Caption1>{blocker}</Caption1> : null}
      <Button appearance="primary" disabled={busy || !ready} onClick={onWrite}>
        Write reports
      </Button>
      {result ? (
        <section aria-label="Reports written">
          <Subtitle2 as="h3">Written</Subtitle2>
          <ul className={styles.list}>
            {result.written.map((name) => (
              <li key={name}>
                {name}
                {DESCRIPTIONS[name] ? `: ${DESCRIPTIONS[name]}` : ""}
              </li>
            ))}
          </ul>
          <Text>
            {formatMoney(result.totals.aligned)} of {formatMoney(result.totals.budget)} is aligned
            with the plan
            {result.totals.budget
              ? ` (${formatPercent(result.totals.aligned / result.totals.budget)})`
              : ""}
            ; {formatMoney(result.totals.unaligned)} is not.
          </Text>
          {result.midYear ? <Text block>Mid-year view: {result.midYear}</Text> : null}
          {(result.figures ?? []).map((text) => (
            <Text block key={text}>
              {text}
            </Text>
          ))}
        </section>
      ) : null}
    </div>
  );
};
