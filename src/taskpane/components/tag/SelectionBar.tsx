import {
  Button,
  Caption1,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Tooltip,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { PlanTarget } from "../../../core/types";
import { formatMoney, formatMoneyShort } from "../../model/view";
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

/**
 * One line at 320 px (the narrowest task pane): the count and the amount short ("138 lines · $65.1M", the whole
 * sentence in its tooltip and read out), the two actions used most on the bar, and the rest in a "More actions" menu.
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
  spoken: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
  },
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
  const pickerRef = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (props.picking) pickerRef.current?.querySelector<HTMLElement>("input")?.focus();
  }, [props.picking]);
  const s = props.summary;
  const words = summaryWords(s);
  return (
    <div className={styles.bar} role="group" aria-label="Selection">
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
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Tooltip content="More actions" relationship="label">
                <Button
                  className={styles.action}
                  size="small"
                  appearance="subtle"
                  icon={<span aria-hidden="true">⋯</span>}
                />
              </Tooltip>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem
                  disabled={props.busy}
                  onClick={props.onNotProgram}
                  title='Spending a plan need not cover (debt service, transfers, reserves): counted as confirmed in "Money on no goal"'
                >
                  Not a program
                </MenuItem>
                <MenuItem onClick={props.onClear}>Clear selection</MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        </>
      )}
    </div>
  );
};
