import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { ProgramRow } from "../../model/grid";
import { goalLabel, type targetIndex } from "../../model/view";
import { CONFIRM_HEIGHT } from "./TagGrid";

export interface ConfirmPanelProps {
  program: ProgramRow;
  /** It is asked as a spot check of an answer the engine is sure of (core/tagging/confirm-next.ts SPOT_CHECK). */
  spotCheck?: boolean;
  /** The goals offered, best first (at most three). */
  choices: string[];
  targets: ReturnType<typeof targetIndex>;
  busy: boolean;
  /** The whole program goes to this goal (each undecided line: confirmed if it was its suggestion). */
  onChoose: (goal: string) => void;
  onSkip: () => void;
  onStop: () => void;
}

const useStyles = makeStyles({
  panel: {
    boxSizing: "border-box",
    height: `${CONFIRM_HEIGHT}px`,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteYellowBorder2}`,
    cursor: "default",
  },
  why: {
    display: "-webkit-box",
    WebkitLineClamp: 2,
    WebkitBoxOrient: "vertical",
    overflow: "hidden",
    whiteSpace: "normal",
    minHeight: "32px",
  },
  choice: {
    justifyContent: "flex-start",
    minWidth: 0,
    maxWidth: "100%",
    overflow: "hidden",
    whiteSpace: "nowrap",
    textOverflow: "ellipsis",
    display: "block",
    textAlign: "left",
  },
  footer: { display: "flex", columnGap: tokens.spacingHorizontalS },
});

const SPOT_CHECK_NOTE =
  "Spot check: the engine is sure of this program. Confirming a sure answer now and then tells it how far its sure answers hold in this workbook, and catches a large program tagged wrong.";

/** "Confirm next", in the grid under its program: why, the top three goals as buttons, skip or stop. */
export const ConfirmPanel: React.FC<ConfirmPanelProps> = (props) => {
  const styles = useStyles();
  const { program: p, targets } = props;
  const name = p.program === p.department ? p.department : `${p.department} › ${p.program}`;
  return (
    <div className={styles.panel} aria-label={`Confirm ${name}`} role="group">
      <Caption1
        className={styles.why}
        title={props.spotCheck ? `${SPOT_CHECK_NOTE} ${p.why}` : p.why}
      >
        {props.spotCheck ? (
          <strong>{`Spot check, ${Math.round(100 * p.confidence)}% sure. `}</strong>
        ) : null}
        {p.why ? `Why: ${p.why}` : "The engine found no reason for a goal here: pick one, or skip."}
      </Caption1>
      {props.choices.map((id, i) => (
        <Button
          key={id}
          size="small"
          appearance={i === 0 && p.goal === id ? "primary" : "secondary"}
          className={styles.choice}
          disabled={props.busy}
          title={goalLabel(id, targets)}
          aria-label={`${name} goes to ${goalLabel(id, targets)}`}
          onClick={() => props.onChoose(id)}
        >
          {goalLabel(id, targets)}
        </Button>
      ))}
      <div className={styles.footer}>
        <Button size="small" appearance="subtle" onClick={props.onSkip}>
          Skip
        </Button>
        <Button size="small" appearance="subtle" onClick={props.onStop}>
          Stop
        </Button>
      </div>
    </div>
  );
};
