import {
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  makeStyles,
  Option,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import type { SheetInfo } from "../../core/port";
import type { BudgetReadResult, ColumnRole } from "../../core/types";
import { formatMoney, LINE_FIELD_LABELS } from "../model/view";

export interface BudgetStepProps {
  /** Every sheet of the workbook (the plan sheet and hidden sheets are left out of the choice). */
  sheets: SheetInfo[];
  planSheet: string | null;
  budgetSheets: string[];
  budget: BudgetReadResult;
  busy: boolean;
  onChooseSheets: (sheets: string[]) => void;
  onSetRole: (sheet: string, letter: string, role: ColumnRole | null) => void;
  onSetAmountColumn: (header: string | null) => void;
}

export const ROLE_LABELS: Record<ColumnRole, string> = {
  ...LINE_FIELD_LABELS,
  amount: "Amount",
  tag: "Goal (tag)",
  fte: "Staff (FTE)",
  ignore: "Ignore",
};
const ROLES = Object.keys(ROLE_LABELS) as ColumnRole[];
const GENERATED = new Set(["alignment", "review", "timetable"]);

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  sheets: { display: "flex", flexDirection: "column" },
  table: { tableLayout: "auto" },
  num: { textAlign: "right", fontVariantNumeric: "tabular-nums" },
  dropdown: { minWidth: "130px" },
  total: { fontWeight: tokens.fontWeightSemibold },
  scroll: { overflowX: "auto" },
});

/** Step 2: which sheets hold the budget, the columns found (with a correction per column) and a preview. */
export const BudgetStep: React.FC<BudgetStepProps> = (props) => {
  const styles = useStyles();
  const { budget, budgetSheets, busy } = props;
  const choices = props.sheets.filter(
    (s) =>
      s.visibility === "visible" &&
      s.name !== props.planSheet &&
      !GENERATED.has(s.name.toLowerCase())
  );
  const primary = budget.amountColumns.find((c) => c.id === budget.primaryAmount) ?? null;

  const toggle = (name: string, on: boolean) => {
    const next = on ? [...budgetSheets, name] : budgetSheets.filter((n) => n !== name);
    props.onChooseSheets(choices.map((c) => c.name).filter((n) => next.includes(n)));
  };

  return (
    <div className={styles.root}>
      <fieldset className={styles.sheets} aria-describedby="budget-sheets-help">
        <legend>
          <Subtitle2>Budget sheets</Subtitle2>
        </legend>
        <Caption1 id="budget-sheets-help">
          The sheets read as budget lines. Found automatically; change them here.
        </Caption1>
        {choices.map((s) => (
          <Checkbox
            key={s.name}
            label={`${s.name} (${s.rows.toLocaleString("en-US")} rows)`}
            checked={budgetSheets.includes(s.name)}
            disabled={busy}
            onChange={(_, d) => toggle(s.name, d.checked === true)}
          />
        ))}
      </fieldset>

      <Field
        label="Amount used for alignment"
        hint="When the budget has several amount columns (actual, adopted, proposed…)."
      >
        <Dropdown
          className={styles.dropdown}
          disabled={busy || budget.amountColumns.length === 0}
          value={primary?.header ?? ""}
          selectedOptions={primary ? [primary.id] : []}
          onOptionSelect={(_, d) => {
            const col = budget.amountColumns.find((c) => c.id === d.optionValue);
            if (col) props.onSetAmountColumn(col.header);
          }}
        >
          {budget.amountColumns.map((c) => (
            <Option key={c.id} value={c.id}>
              {c.header}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Text className={styles.total} role="status">
        {budget.lines.length.toLocaleString("en-US")} lines · check total{" "}
        {formatMoney(budget.checkTotal)}
        {budget.skippedSubtotals
          ? ` · ${budget.skippedSubtotals.toLocaleString("en-US")} subtotal rows left out`
          : ""}
      </Text>

      {budget.layouts.map((layout) => (
        <section key={layout.sheet} aria-label={`Columns of ${layout.sheet}`}>
          <Subtitle2 as="h3">{layout.sheet}</Subtitle2>
          <div>
            <Caption1>
              Header in row {layout.headerRow} · {layout.headingRows} heading rows ·{" "}
              {layout.subtotalRows} subtotal rows · check total {formatMoney(layout.checkTotal)}
            </Caption1>
          </div>
          <Table
            size="small"
            className={styles.table}
            aria-label={`Detected columns of ${layout.sheet}`}
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Column</TableHeaderCell>
                <TableHeaderCell>Header</TableHeaderCell>
                <TableHeaderCell>Read as</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {layout.columns.map((c) => (
                <TableRow key={c.letter}>
                  <TableCell>{c.letter}</TableCell>
                  <TableCell>{c.header || "(no header)"}</TableCell>
                  <TableCell>
                    <Dropdown
                      className={styles.dropdown}
                      size="small"
                      disabled={busy}
                      aria-label={`Role of column ${c.letter} (${c.header || "no header"}) in ${layout.sheet}`}
                      value={ROLE_LABELS[c.role] + (c.overridden ? " (set by you)" : "")}
                      selectedOptions={[c.role]}
                      onOptionSelect={(_, d) =>
                        props.onSetRole(
                          layout.sheet,
                          c.letter,
                          (d.optionValue as ColumnRole) ?? null
                        )
                      }
                    >
                      {ROLES.map((r) => (
                        <Option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </Option>
                      ))}
                    </Dropdown>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ))}

      {budget.lines.length > 0 ? (
        <section aria-label="First budget lines">
          <Subtitle2 as="h3">First lines</Subtitle2>
          <div className={styles.scroll}>
            <Table size="extra-small" aria-label="Preview of the first budget lines">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Row</TableHeaderCell>
                  <TableHeaderCell>Department</TableHeaderCell>
                  <TableHeaderCell>Program</TableHeaderCell>
                  <TableHeaderCell>Line</TableHeaderCell>
                  <TableHeaderCell className={styles.num}>
                    {primary?.header ?? "Amount"}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {budget.lines.slice(0, 8).map((l) => (
                  <TableRow key={l.key}>
                    <TableCell>
                      {l.sheet}!{l.row}
                    </TableCell>
                    <TableCell>{l.department}</TableCell>
                    <TableCell>{l.program || l.division}</TableCell>
                    <TableCell>{l.accountName || l.description || l.account}</TableCell>
                    <TableCell className={styles.num}>{formatMoney(l.amount)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </section>
      ) : null}
    </div>
  );
};
