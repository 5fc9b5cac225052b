import {
  Button,
  Combobox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { FieldProblem, NewMeasureInput } from "../../core/measures/add";
import { DIRECTIONS, INTERVALS } from "../../core/measures/model";

export interface MeasureFormProps {
  /** The goals, subgoals and actions a measure can track. */
  nodes: { id: string; label: string }[];
  /** The node chosen from a goal's "Add a measure" button. */
  node: string | null;
  /** The target's period ("FY27"). */
  year: string;
  problems: FieldProblem[];
  busy: boolean;
  /** Resolves true when the measure was written (the form is then cleared). */
  onAdd: (input: NewMeasureInput) => Promise<boolean>;
}

const UNITS = ["count", "%", "$", "days", "hours", "minutes", "score"];

const DIRECTION_WORDS: Record<string, string> = {
  increase: "increase — higher is better",
  decrease: "decrease — lower is better",
  maintain: "maintain — within a band",
};
const INTERVAL_WORDS: Record<string, string> = {
  cumulative: "cumulative — adds up over the year",
  snapshot: "snapshot — a level, compared directly",
  period: "period — each quarter's own value",
};

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  pair: { display: "grid", gridTemplateColumns: "1fr 1fr", columnGap: tokens.spacingHorizontalS },
});

const blank = (node: string | null): NewMeasureInput => ({
  name: "",
  node: node ?? "",
  unit: "",
  direction: "",
  interval: "",
  target: "",
  owner: "",
});

/** Adding a measure to a goal or action: name, unit, direction, interval, this year's target, owner. */
export const MeasureForm: React.FC<MeasureFormProps> = ({
  nodes,
  node,
  year,
  problems,
  busy,
  onAdd,
}) => {
  const styles = useStyles();
  const [input, setInput] = React.useState<NewMeasureInput>(() => blank(node));
  const [nodeQuery, setNodeQuery] = React.useState("");
  React.useEffect(() => {
    if (node) {
      setInput((x) => ({ ...x, node }));
      setNodeQuery(nodes.find((n) => n.id === node)?.label ?? node);
    }
  }, [node, nodes]);
  const set = (k: keyof NewMeasureInput) => (v: string) => setInput((x) => ({ ...x, [k]: v }));
  const problem = (f: keyof NewMeasureInput) => problems.find((p) => p.field === f)?.message;
  const state = (f: keyof NewMeasureInput) => (problem(f) ? "error" : "none");
  const needle = nodeQuery.trim().toLowerCase();
  const chosen = nodes.find((n) => n.id === input.node);
  const matches = (
    !needle || chosen?.label === nodeQuery
      ? nodes
      : nodes.filter((n) => n.label.toLowerCase().includes(needle))
  ).slice(0, 50);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    // A goal typed and not picked from the list is checked as typed.
    const typed = { ...input, node: input.node || nodeQuery };
    if (await onAdd(typed)) {
      setInput(blank(null));
      setNodeQuery("");
    }
  };

  return (
    <form className={styles.form} aria-label="Add a measure" onSubmit={(e) => void submit(e)}>
      <Field label="Measure" validationMessage={problem("name")} validationState={state("name")}>
        <Input
          value={input.name}
          onChange={(_, d) => set("name")(d.value)}
          placeholder="Fire inspections completed"
        />
      </Field>
      <Field
        label="Goal or action it measures"
        validationMessage={problem("node")}
        validationState={state("node")}
      >
        <Combobox
          freeform
          placeholder="Search by number or words"
          value={nodeQuery}
          selectedOptions={input.node ? [input.node] : []}
          onChange={(e) => {
            setNodeQuery(e.target.value);
            set("node")("");
          }}
          onOptionSelect={(_, d) => {
            set("node")(d.optionValue ?? "");
            setNodeQuery(nodes.find((n) => n.id === d.optionValue)?.label ?? "");
          }}
        >
          {matches.map((n) => (
            <Option key={n.id} value={n.id} text={n.label}>
              {n.label}
            </Option>
          ))}
        </Combobox>
      </Field>
      <div className={styles.pair}>
        <Field label="Unit" validationMessage={problem("unit")} validationState={state("unit")}>
          <Combobox
            freeform
            value={input.unit}
            selectedOptions={UNITS.includes(input.unit) ? [input.unit] : []}
            onChange={(e) => set("unit")(e.target.value)}
            onOptionSelect={(_, d) => set("unit")(d.optionValue ?? "")}
            placeholder="count, %, $…"
          >
            {UNITS.map((u) => (
              <Option key={u} value={u}>
                {u}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Field
          label={`${year} target`}
          validationMessage={problem("target")}
          validationState={state("target")}
        >
          <Input
            value={input.target}
            onChange={(_, d) => set("target")(d.value)}
            placeholder="1,200 or 90%"
          />
        </Field>
      </div>
      <Field
        label="Direction"
        validationMessage={problem("direction")}
        validationState={state("direction")}
      >
        <Dropdown
          placeholder="Which way is better?"
          value={input.direction ? DIRECTION_WORDS[input.direction] : ""}
          selectedOptions={input.direction ? [input.direction] : []}
          onOptionSelect={(_, d) => set("direction")(d.optionValue ?? "")}
        >
          {DIRECTIONS.map((d) => (
            <Option key={d} value={d}>
              {DIRECTION_WORDS[d]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field
        label="Interval"
        validationMessage={problem("interval")}
        validationState={state("interval")}
      >
        <Dropdown
          placeholder="How do values add up?"
          value={input.interval ? INTERVAL_WORDS[input.interval] : ""}
          selectedOptions={input.interval ? [input.interval] : []}
          onOptionSelect={(_, d) => set("interval")(d.optionValue ?? "")}
        >
          {INTERVALS.map((i) => (
            <Option key={i} value={i}>
              {INTERVAL_WORDS[i]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Owner (optional)">
        <Input value={input.owner ?? ""} onChange={(_, d) => set("owner")(d.value)} />
      </Field>
      <div>
        <Button appearance="primary" type="submit" disabled={busy}>
          Add measure
        </Button>
      </div>
    </form>
  );
};
