import {
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { Issue } from "../../core/types";

export interface IssueListProps {
  issues: Issue[];
  /** Selects the issue's cell in the workbook. */
  onGoToCell?: (sheet: string, cell: string) => void;
  /** At most this many are shown, with a count of the rest (default 50). */
  limit?: number;
  label: string;
}

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  more: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const intent = (i: Issue) =>
  i.severity === "error" ? "error" : i.severity === "warning" ? "warning" : "info";

/** Problems in plain language, each with a link to its cell when it has one. */
export const IssueList: React.FC<IssueListProps> = ({ issues, onGoToCell, limit = 50, label }) => {
  const styles = useStyles();
  if (issues.length === 0) return null;
  const shown = issues.slice(0, limit);
  return (
    <section className={styles.list} aria-label={label}>
      {shown.map((issue, i) => (
        <MessageBar key={`${issue.code}-${i}`} intent={intent(issue)} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {issue.severity === "error"
                ? "Error"
                : issue.severity === "warning"
                  ? "Check"
                  : "Note"}
            </MessageBarTitle>
            {issue.message}{" "}
            {issue.sheet && issue.cell && onGoToCell ? (
              <Link
                as="button"
                onClick={() => onGoToCell(issue.sheet as string, issue.cell as string)}
              >
                Go to {issue.sheet}!{issue.cell}
              </Link>
            ) : null}
          </MessageBarBody>
        </MessageBar>
      ))}
      {issues.length > shown.length ? (
        <span className={styles.more}>
          and {issues.length - shown.length} more of the same kind.
        </span>
      ) : null}
    </section>
  );
};
