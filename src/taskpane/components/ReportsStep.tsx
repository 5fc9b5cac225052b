import {
  Button,
  Caption1,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { ProgramsSummary } from "../../core/reports/diagnostic";
import type { ReportResult } from "../hooks/useAlignment";
import { shareText } from "../../core/share";
import { formatMoney } from "../model/view";

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
  map: { width: "auto", minWidth: "0" },
  num: { textAlign: "right" },
});

/** Money in a narrow table: $1.2M, $350K, $900. */
function compactMoney(n: number): string {
  const a = Math.abs(n);
  const sign = n < 0 ? "-" : "";
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${sign}$${Math.round(a / 1e3)}K`;
  return `${sign}$${Math.round(a)}`;
}

/** The Programs sheet at a glance: the budget by priority × quartile, and the diagnostic's top candidates. */
export const ProgramsGlance: React.FC<{ summary: ProgramsSummary }> = ({ summary }) => {
  const styles = useStyles();
  const rows = [
    ...summary.priorities.map((p, j) => ({ label: p.id, title: p.title, j })),
    { label: "No goal", title: "Money on no goal of the plan", j: summary.priorities.length },
  ];
  const list = (items: ProgramsSummary["candidates"]) => (
    <ul className={styles.list}>
      {items.map((c) => (
        <li key={c.key}>
          {c.department} — {c.program}: {formatMoney(c.amount)} ({c.why})
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <section aria-label="Quartile map">
        <Subtitle2 as="h3">Budget by quartile (Programs sheet)</Subtitle2>
        <Table
          size="extra-small"
          className={styles.map}
          aria-label="Budget by priority and quartile"
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Priority</TableHeaderCell>
              {[1, 2, 3, 4].map((q) => (
                <TableHeaderCell key={q} className={styles.num}>
                  Q{q}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.label}>
                <TableCell title={r.title}>{r.label}</TableCell>
                {summary.quartileMap.map((row, q) => (
                  <TableCell key={q} className={styles.num}>
                    {compactMoney(row[r.j])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
            <TableRow>
              <TableCell>Programs</TableCell>
              {summary.programs.map((n, q) => (
                <TableCell key={q} className={styles.num}>
                  {n}
                </TableCell>
              ))}
            </TableRow>
          </TableBody>
        </Table>
        <Caption1>
          Quartile 1 is the most aligned by total score; equal scores share a quartile.
        </Caption1>
      </section>
      <section aria-label="Candidates for review">
        <Subtitle2 as="h3">Candidates for review ({summary.candidateCount})</Subtitle2>
        <Caption1 block>
          Programs to look at first (quartile 4 or fitting no goal, not mandated, low reliance on
          the city, low cost recovery): candidates for a closer look, not cuts.
        </Caption1>
        {summary.candidateCount === 0 ? <Text>None.</Text> : list(summary.candidates)}
        {summary.candidateCount > summary.candidates.length ? (
          <Caption1>
            The largest {summary.candidates.length} shown; all {summary.candidateCount} are on the
            Programs sheet.
          </Caption1>
        ) : null}
        {summary.risingCount > 0 ? (
          <>
            <Text block>Quartile 1 programs whose demand is rising ({summary.risingCount}):</Text>
            {list(summary.rising)}
          </>
        ) : null}
      </section>
    </>
  );
};

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
              ? ` (${shareText(result.totals.aligned, result.totals.budget)})`
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
      {result?.programs ? <ProgramsGlance summary={result.programs} /> : null}
    </div>
  );
};
