import {
  Button,
  Checkbox,
  Dropdown,
  Input,
  makeStyles,
  Option,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { PlanTarget } from "../../../core/types";
import { NO_FILTERS, type TagFilters } from "../../model/view";
import { GoalPicker } from "../GoalPicker";

export interface FilterBarProps {
  filters: TagFilters;
  onChange: (filters: TagFilters) => void;
  departments: string[];
  targets: PlanTarget[];
  /** Shown at the end of the bar's line (how many lines the filters show). */
  children?: React.ReactNode;
}

const useStyles = makeStyles({
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXS,
  },
  chip: { maxWidth: "100%", minWidth: 0 },
  end: { marginLeft: "auto" },
  chipText: { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" },
  panel: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
    padding: tokens.spacingVerticalXS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  field: { minWidth: 0, maxWidth: "100%" },
});

const CHECKS: { key: "untagged" | "unconfirmed" | "flagged" | "lowConfidence"; label: string }[] = [
  { key: "untagged", label: "Untagged" },
  { key: "unconfirmed", label: "Not yet confirmed" },
  { key: "flagged", label: "Flagged" },
  { key: "lowConfidence", label: "Low confidence" },
];

/** The active filters in words, each with the change that removes it. */
export function filterChips(f: TagFilters): { label: string; clear: Partial<TagFilters> }[] {
  const out: { label: string; clear: Partial<TagFilters> }[] = [];
  if (f.text.trim()) out.push({ label: `“${f.text.trim()}”`, clear: { text: "" } });
  for (const c of CHECKS) if (f[c.key]) out.push({ label: c.label, clear: { [c.key]: false } });
  if (f.department !== null) out.push({ label: f.department, clear: { department: null } });
  if (f.goal !== null) out.push({ label: f.goal, clear: { goal: null } });
  return out;
}

/** The filters in one bar: one line when closed (the active filters as chips), every filter when open. */
export const FilterBar: React.FC<FilterBarProps> = ({
  filters,
  onChange,
  departments,
  targets,
  children,
}) => {
  const styles = useStyles();
  const [open, setOpen] = React.useState(false);
  const chips = filterChips(filters);
  const set = (p: Partial<TagFilters>) => onChange({ ...filters, ...p });
  return (
    <div role="group" aria-label="Filters">
      <div className={styles.bar}>
        <Button
          size="small"
          appearance={open ? "secondary" : "subtle"}
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "▾" : "▸"} Filters{chips.length ? ` (${chips.length})` : ""}
        </Button>
        {chips.map((c) => (
          <Button
            key={c.label}
            size="small"
            shape="circular"
            className={styles.chip}
            aria-label={`Remove filter ${c.label}`}
            onClick={() => set(c.clear)}
          >
            <span className={styles.chipText}>{c.label}</span>&nbsp;✕
          </Button>
        ))}
        {chips.length > 1 ? (
          <Button size="small" appearance="transparent" onClick={() => onChange(NO_FILTERS)}>
            Clear all
          </Button>
        ) : null}
        {children ? <span className={styles.end}>{children}</span> : null}
      </div>
      {open ? (
        <div className={styles.panel}>
          <Input
            className={styles.field}
            aria-label="Search lines"
            placeholder="Search lines"
            value={filters.text}
            onChange={(_, d) => set({ text: d.value })}
          />
          {CHECKS.map((c) => (
            <Checkbox
              key={c.key}
              label={c.label}
              checked={filters[c.key]}
              onChange={(_, d) => set({ [c.key]: d.checked === true })}
            />
          ))}
          <Dropdown
            className={styles.field}
            aria-label="Department filter"
            placeholder="All departments"
            value={filters.department ?? "All departments"}
            selectedOptions={[filters.department ?? ""]}
            onOptionSelect={(_, d) => set({ department: d.optionValue ? d.optionValue : null })}
          >
            <Option value="">All departments</Option>
            {departments.map((d) => (
              <Option key={d} value={d}>
                {d}
              </Option>
            ))}
          </Dropdown>
          <GoalPicker
            label="Goal filter"
            targets={targets}
            value={filters.goal}
            onChange={(id) => set({ goal: id })}
          />
        </div>
      ) : null}
    </div>
  );
};
