import { Combobox, makeStyles, Option } from "@fluentui/react-components";
import * as React from "react";
import type { PlanTarget } from "../../core/types";

export interface GoalPickerProps {
  targets: PlanTarget[];
  /** Selected plan node id, or null. */
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  disabled?: boolean;
  /** Take the container's width, however narrow (Fluent's combobox is at least 250 px wide otherwise). */
  fill?: boolean;
}

const useStyles = makeStyles({
  // The input's column may shrink too: by default it is as wide as the input's own size (about 20 characters).
  fill: { minWidth: 0, width: "100%", gridTemplateColumns: "minmax(0, 1fr) auto" },
});

/** Type to search goals by id, title or priority; shows at most 50 matches so huge plans stay quick. */
export const GoalPicker: React.FC<GoalPickerProps> = ({
  targets,
  value,
  onChange,
  label,
  disabled,
  fill,
}) => {
  const styles = useStyles();
  const selected = targets.find((t) => t.id === value) ?? null;
  const [query, setQuery] = React.useState(selected ? `${selected.id} ${selected.title}` : "");
  React.useEffect(() => setQuery(selected ? `${selected.id} ${selected.title}` : ""), [selected]);
  const needle = query.trim().toLowerCase();
  const showAll = selected !== null && query === `${selected.id} ${selected.title}`;
  const matches = (
    showAll || needle === ""
      ? targets
      : targets.filter((t) => `${t.id} ${t.path}`.toLowerCase().includes(needle))
  ).slice(0, 50);
  return (
    <Combobox
      className={fill ? styles.fill : undefined}
      aria-label={label}
      placeholder="Search goals by number or words"
      disabled={disabled}
      freeform
      value={query}
      selectedOptions={value ? [value] : []}
      onChange={(e) => setQuery(e.target.value)}
      onOptionSelect={(_, d) => {
        onChange(d.optionValue ?? null);
        const t = targets.find((x) => x.id === d.optionValue);
        setQuery(t ? `${t.id} ${t.title}` : "");
      }}
    >
      {matches.length === 0 ? (
        <Option key="none" value="" disabled text="">
          No goal matches
        </Option>
      ) : (
        matches.map((t) => (
          <Option key={t.id} value={t.id} text={`${t.id} ${t.title}`}>
            {`${t.id} ${t.level === "priority" ? t.title : t.path}`}
          </Option>
        ))
      )}
    </Combobox>
  );
};
