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
import {
  levelText,
  type AcceptLevel,
  type AcceptLevels,
  type PreviewProgram,
} from "../../model/bulk";
import { formatMoney, formatMoneyShort, formatPercent } from "../../model/view";

export interface BulkBarProps {
  /** The levels offered (the safe one first), or null while they are being counted. */
  levels: AcceptLevels | null;
  /** The level chosen (null: the safe one). */
  chosen: number | null;
  onChoose: (min: number) => void;
  /** What accepting at `min` accepts, program by program (worked out when the list is opened). */
  preview: (min: number) => PreviewProgram[];
  busy: boolean;
  /** Accept every suggestion shown at `min` or more; `what` says it in words. */
  onAccept: (min: number, what: string) => void;
  undoLabel?: string | null;
  onUndo?: () => void;
}

const useStyles = makeStyles({
  row: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
  },
  card: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    flexBasis: "100%",
    minWidth: 0,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: "220px",
    overflowY: "auto",
    fontSize: tokens.fontSizeBase200,
  },
  dropdown: { minWidth: 0, maxWidth: "100%" },
});

const plural = (n: number, one: string) =>
  `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** "42 programs (180 lines), $88,018,606, suggestions at 96% or more". */
export function bulkWords(l: AcceptLevel): string {
  return (
    `${plural(l.programs, "program")} (${plural(l.lines, "line")}) shown by the filters, ` +
    `${formatMoney(l.amount)} in all, with suggestions at ${formatPercent(l.min)} or more`
  );
}

/**
 * The button's label: `shown` short enough to sit beside Confirm next on one line of a 320 px pane ("Accept 16
 * programs ($44.2M)"), `words` the whole of it, read out and in its title ("Accept 16 programs ($44,200,893)").
 */
function buttonLabel(
  levels: AcceptLevels | null,
  level: AcceptLevel | null,
  anyLines: boolean
): { shown: string; words: string } {
  if (!levels) return { shown: "Accept (counting…)", words: "Accept suggestions (counting…)" };
  if (level && level.lines > 0) {
    const programs = `Accept ${plural(level.programs, "program")}`;
    return {
      shown: `${programs} (${formatMoneyShort(level.amount)})`,
      words: `${programs} (${formatMoney(level.amount)})`,
    };
  }
  if (anyLines)
    return { shown: "Accept suggestions…", words: "Accept suggestions… (none sure enough)" };
  return { shown: "No suggestions to accept", words: "No suggestions to accept" };
}

/** Bulk accept: safe by default, says how many programs and how much money, lists them before, undoes in one step. */
export const BulkBar: React.FC<BulkBarProps> = (props) => {
  const styles = useStyles();
  const [asking, setAsking] = React.useState(false);
  const [listing, setListing] = React.useState(false);
  const levels = props.levels;
  const level = levels?.levels.find((l) => l.min === props.chosen) ?? levels?.levels[0] ?? null;
  const isSafe = level !== null && level.min === levels?.safe;
  const anyLines = levels?.levels.some((l) => l.lines > 0) ?? false;
  const label = buttonLabel(levels, level, anyLines);
  const preview = React.useMemo(
    () => (asking && listing && level ? props.preview(level.min) : []),
    [asking, listing, level?.min, props.preview]
  );

  return (
    <>
      <Button
        size="small"
        disabled={props.busy || !levels || !anyLines}
        onClick={() => setAsking(true)}
        aria-label={label.words}
        title={`${label.words}. The engine's suggestions that are sure enough: you see the list first, and can undo it.`}
      >
        {label.shown}
      </Button>
      {props.undoLabel ? (
        <span className={styles.row} role="group" aria-label="Last bulk action">
          <Caption1>{props.undoLabel}</Caption1>
          <Button size="small" disabled={props.busy} onClick={() => props.onUndo?.()}>
            Undo
          </Button>
        </span>
      ) : null}

      {asking && levels && level ? (
        <Card
          className={styles.card}
          role="alertdialog"
          aria-label="Confirm accepting suggestions"
          aria-describedby="bulk-accept-what"
        >
          <Text weight="semibold">
            {level.lines > 0
              ? `Accept ${plural(level.lines, "suggestion")}?`
              : "No suggestion shown is at this level."}
          </Text>
          <Field label="Suggestions at">
            <Dropdown
              className={styles.dropdown}
              aria-label="Confidence to accept"
              value={levelText(level)}
              selectedOptions={[String(level.min)]}
              onOptionSelect={(_, d) => props.onChoose(Number(d.optionValue))}
            >
              {levels.levels.map((l) => (
                <Option key={l.min} value={String(l.min)} text={levelText(l)}>
                  {`${levelText(l)}${l.min === levels.safe ? " — safe" : ""}`}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Text id="bulk-accept-what">
            {bulkWords(level)}.{" "}
            {isSafe
              ? `At this level the engine expects 95% or more of them to be right.`
              : `Below the safe level: the engine expects about ${formatPercent(level.precision)} of them to be right.`}{" "}
            They become confirmed tags, saved with the workbook, and teach the suggestions for
            similar lines. You can undo this in one step.
          </Text>
          <Caption1>{levels.basis}</Caption1>
          <Button
            size="small"
            appearance="subtle"
            aria-expanded={listing}
            onClick={() => setListing((x) => !x)}
          >
            {listing ? "▾ Hide" : "▸ Show"} the {plural(level.programs, "program")}
          </Button>
          {listing ? (
            <ol className={styles.list} aria-label="What it will accept">
              {preview.map((p) => (
                <li key={p.key}>
                  {p.program === p.department ? p.department : `${p.department} › ${p.program}`}:{" "}
                  {formatMoney(p.amount)} → {p.goal ?? "?"} ({plural(p.lines, "line")}, lowest{" "}
                  {formatPercent(p.confidence)})
                </li>
              ))}
            </ol>
          ) : null}
          <div className={styles.row}>
            <Button
              appearance="primary"
              disabled={props.busy || level.lines === 0}
              onClick={() => {
                props.onAccept(level.min, `${bulkWords(level)}.`);
                setAsking(false);
                setListing(false);
              }}
            >
              Accept {level.lines.toLocaleString("en-US")}
            </Button>
            <Button
              onClick={() => {
                setAsking(false);
                setListing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        </Card>
      ) : null}
    </>
  );
};
