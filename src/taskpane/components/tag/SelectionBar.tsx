import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { PlanTarget } from "../../../core/types";
import { formatMoney } from "../../model/view";
import { GoalPicker } from "../GoalPicker";

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

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorBrandBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  picker: { minWidth: 0, flexGrow: 1 },
});

const plural = (n: number, one: string) =>
  `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;

/** What is selected in the grid, and what can be done to all of it at once: accept (Enter), set a goal (G). */
export const SelectionBar: React.FC<SelectionBarProps> = (props) => {
  const styles = useStyles();
  const [goal, setGoal] = React.useState<string | null>(null);
  const pickerRef = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (props.picking) pickerRef.current?.querySelector<HTMLElement>("input")?.focus();
  }, [props.picking]);
  const s = props.summary;
  return (
    <div className={styles.bar} role="group" aria-label="Selection">
      <Caption1>
        {s.programs > 1 ? `${plural(s.programs, "program")}, ` : ""}
        {plural(s.lines, "line")}, {formatMoney(s.amount)} selected
      </Caption1>
      {props.picking ? (
        <>
          <div ref={pickerRef} className={styles.picker}>
            <GoalPicker
              label="Goal for the selection"
              targets={props.targets}
              value={goal}
              onChange={setGoal}
              disabled={props.busy}
            />
          </div>
          <Button
            size="small"
            appearance="primary"
            disabled={props.busy || !goal}
            onClick={() => goal && props.onSetGoal(goal)}
          >
            Set goal
          </Button>
          <Button size="small" onClick={() => props.onPick(false)}>
            Cancel
          </Button>
        </>
      ) : (
        <>
          <Button size="small" disabled={props.busy} onClick={props.onAccept} title="Enter">
            Accept
          </Button>
          <Button size="small" disabled={props.busy} onClick={() => props.onPick(true)} title="G">
            Set goal…
          </Button>
          <Button
            size="small"
            disabled={props.busy}
            onClick={props.onNotProgram}
            title='Spending a plan need not cover (debt service, transfers, reserves): counted as confirmed in "Money on no goal"'
          >
            Not a program
          </Button>
          <Button size="small" appearance="subtle" onClick={props.onClear}>
            Clear
          </Button>
        </>
      )}
    </div>
  );
};
