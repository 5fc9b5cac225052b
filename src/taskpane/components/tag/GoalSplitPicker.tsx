import { Button, Field, Input, makeStyles } from "@fluentui/react-components";
import * as React from "react";
import type { PlanTarget, GoalShare } from "../../../core/types";
import { GoalPicker } from "../GoalPicker";
import { fieldRow } from "../styles";

export interface GoalSplitPickerProps {
  targets: PlanTarget[];
  /** The goal the picker starts at (the line's goal), or null. */
  initial: string | null;
  busy: boolean;
  /** A person's goals for the line: one goal (share 1), or a split between two. */
  onSet: (goals: GoalShare[]) => void;
}

const useStyles = makeStyles({
  inline: fieldRow,
  /** The picker takes the row's width that its buttons leave (Fluent's combobox is at least 250 px otherwise). */
  field: { flexGrow: 1, flexBasis: "160px", minWidth: 0 },
  share: { width: "80px" },
});

/** One goal for the line (Set goal), or a split of it between that goal and a second one (Split). */
export const GoalSplitPicker: React.FC<GoalSplitPickerProps> = ({
  targets,
  initial,
  busy,
  onSet,
}) => {
  const styles = useStyles();
  const [goal, setGoal] = React.useState<string | null>(initial);
  const [second, setSecond] = React.useState<string | null>(null);
  const [share, setShare] = React.useState("50");
  const sharePct = Number(share);
  const shareOk = Number.isFinite(sharePct) && sharePct > 0 && sharePct < 100;

  /** A labelled goal picker: the line's goal, or the split's second goal. */
  const picker = (
    field: string,
    label: string,
    value: string | null,
    onChange: (id: string | null) => void
  ) => (
    <Field label={field} className={styles.field}>
      <GoalPicker
        fill
        label={label}
        targets={targets}
        value={value}
        onChange={onChange}
        disabled={busy}
      />
    </Field>
  );

  return (
    <>
      <div className={styles.inline}>
        {picker("Goal", "Goal for this line", goal, setGoal)}
        <Button disabled={busy || !goal} onClick={() => goal && onSet([{ id: goal, share: 1 }])}>
          Set goal
        </Button>
      </div>
      <div className={styles.inline}>
        {picker("Split: second goal", "Second goal of the split", second, setSecond)}
        <Field
          label="% to the first goal"
          validationMessage={shareOk ? undefined : "A number between 1 and 99."}
        >
          <Input
            className={styles.share}
            value={share}
            onChange={(_, d) => setShare(d.value)}
            type="number"
          />
        </Field>
        <Button
          disabled={busy || !goal || !second || goal === second || !shareOk}
          onClick={() =>
            goal &&
            second &&
            onSet([
              { id: goal, share: sharePct / 100 },
              { id: second, share: 1 - sharePct / 100 },
            ])
          }
        >
          Split
        </Button>
      </div>
    </>
  );
};
