import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { PlanTarget } from "../../../core/types";
import { formatMoney, formatMoneyShort } from "../../model/view";
import { GoalPicker } from "../GoalPicker";
import { visuallyHidden } from "../styles";

export interface SelectionBarProps {
  summary: { programs: number; lines: number; amount: number };
  /** The goal picker for the selection is open (G, or "Set goal…"). */
  picking: boolean;
  onPick: (open: boolean) => void;
  targets: PlanTarget[];
  busy: boolean;
  onAccept: () => void;
  onSetGoal: (goal: string) => void;
  /** The selected lines are not programs (debt service, transfers, reserves). */
  onNotProgram: () => void;
  onClear: () => void;
}

/**
 * One line at 320 px (the narrowest task pane): the count and the amount short ("138 lines · $65.1M", the whole
 * sentence in its title and read out), the two actions used most on the bar, and "More actions" (⋯), which turns the
 * bar to the other two (Not a program, Clear selection) in the same line. An in-bar switch, not a Fluent Menu: a
 * menu and a tooltip added 17.5 KB gzipped to the pane's bundle (360.3 KB against its 350 KB target, `npm run bench`).
 */
const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "nowrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorBrandBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  summary: {
    flexGrow: 1,
    minWidth: 0,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  /** Read by screen readers, not shown: the whole sentence the short summary stands for. */
  spoken: visuallyHidden,
  picker: { minWidth: 0, flexGrow: 1 },
  action: { flexShrink: 0 },
});

const plural = (n: number, one: string) =>
  `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** "2 programs, 3 lines, $1,500,000 selected" (the programs said when more than one). */
function summaryWords(s: SelectionBarProps["summary"]): string {
  const programs = s.programs > 1 ? `${plural(s.programs, "program")}, ` : "";
  return `${programs}${plural(s.lines, "line")}, ${formatMoney(s.amount)} selected`;
}

/** What is selected in the grid, and what can be done to all of it at once: accept (Enter), set a goal (G). */
export const SelectionBar: React.FC<SelectionBarProps> = (props) => {
  const styles = useStyles();
  const [goal, setGoal] = React.useState<string | null>(null);
  const [more, setMore] = React.useState(false);
  const pickerRef = React.useRef<HTMLDivElement>(null);
  const moreRef = React.useRef<HTMLButtonElement>(null);
  const firstMoreRef = React.useRef<HTMLButtonElement>(null);
  React.useEffect(() => {
    if (props.picking) pickerRef.current?.querySelector<HTMLElement>("input")?.focus();
  }, [props.picking]);
  // Switching the bar by ⋯ (or Escape) keeps the keyboard where the user is: on the first of the other actions,
  // or back on ⋯. An action done from the other side switches back without moving the focus.
  const switched = React.useRef(false);
  React.useEffect(() => {
    if (!switched.current) return;
    switched.current = false;
    (more ? firstMoreRef : moreRef).current?.focus();
  }, [more]);
  const showMore = (on: boolean) => {
    switched.current = true;
    setMore(on);
  };
  const s = props.summary;
  const words = summaryWords(s);
  const moreButton = (
    <Button
      ref={moreRef}
      className={styles.action}
      size="small"
      appearance="subtle"
      aria-expanded={more}
      aria-label={more ? "Back to Accept and Set goal" : "More actions"}
      title={more ? "Back to Accept and Set goal" : "More actions: Not a program, Clear selection"}
      onClick={() => showMore(!more)}
      icon={<span aria-hidden="true">{more ? "‹" : "⋯"}</span>}
    />
  );
  return (
    <div
      className={styles.bar}
      role="group"
      aria-label="Selection"
      onKeyDown={(e) => {
        if (more && e.key === "Escape") {
          e.stopPropagation();
          showMore(false);
        }
      }}
    >
      <span className={styles.spoken}>{words}</span>
      {props.picking ? (
        <>
          <div ref={pickerRef} className={styles.picker}>
            <GoalPicker
              fill
              label="Goal for the selection"
              targets={props.targets}
              value={goal}
              onChange={setGoal}
              disabled={props.busy}
            />
          </div>
          <Button
            className={styles.action}
            size="small"
            appearance="primary"
            disabled={props.busy || !goal}
            onClick={() => goal && props.onSetGoal(goal)}
          >
            Set goal
          </Button>
          <Button className={styles.action} size="small" onClick={() => props.onPick(false)}>
            Cancel
          </Button>
        </>
      ) : more ? (
        <>
          <Button
            ref={firstMoreRef}
            className={styles.action}
            size="small"
            disabled={props.busy}
            onClick={() => {
              setMore(false);
              props.onNotProgram();
            }}
            title='Spending a plan need not cover (debt service, transfers, reserves): counted as confirmed in "Money on no goal"'
          >
            Not a program
          </Button>
          <Button
            className={styles.action}
            size="small"
            onClick={() => {
              setMore(false);
              props.onClear();
            }}
          >
            Clear selection
          </Button>
          <span className={styles.summary} />
          {moreButton}
        </>
      ) : (
        <>
          <Caption1 className={styles.summary} title={words} aria-hidden="true">
            {`${plural(s.lines, "line")} · ${formatMoneyShort(s.amount)}`}
          </Caption1>
          <Button
            className={styles.action}
            size="small"
            disabled={props.busy}
            onClick={props.onAccept}
            title="Enter"
          >
            Accept
          </Button>
          <Button
            className={styles.action}
            size="small"
            disabled={props.busy}
            onClick={() => props.onPick(true)}
            title="G"
          >
            Set goal…
          </Button>
          {moreButton}
        </>
      )}
    </div>
  );
};
