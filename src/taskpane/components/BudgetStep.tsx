import {
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  makeStyles,
  mergeClasses,
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
import type { BudgetLine, BudgetReadResult, ColumnRole } from "../../core/types";
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
  /**
   * The preview in a 320–350 px pane: three columns (row, line, amount) under a heading row per department and
   * program, as wide as their text (Fluent's fixed layout gave five columns a fifth each, and cut the amount at
   * 350 px), 4 px either side, the amount whole on one line and the words wrapping beside it (a word longer than
   * its column breaks, rather than pushing the amount out).
   */
  preview: { tableLayout: "auto", lineHeight: tokens.lineHeightBase200 },
  cell: {
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  words: { overflowWrap: "anywhere" },
  /** As narrow as its content (the row number, the amount): the room left goes to the words. */
  narrow: { width: "1%", whiteSpace: "nowrap" },
  /** The amount column's header (the amount column's name, "FY 2027-28 Proposed") wraps over the amounts. */
  amountHeadCell: { width: "1%" },
  amountHead: { justifyContent: "flex-end", textAlign: "right" },
  /** The department and program of the lines under it, as a budget book heads them. */
  group: { fontWeight: tokens.fontWeightSemibold, paddingTop: tokens.spacingVerticalXS },
});

/** "Police Department › Patrol Operations": where a line was read to belong (the department once if it is the program). */
function programPath(l: BudgetLine): string {
  const program = l.program || l.division;
  const parts = program && program !== l.department ? [l.department, program] : [l.department];
  return parts.filter(Boolean).join(" › ") || "(no department or program)";
}

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
  const preview = budget.lines.slice(0, 8);
  /** The sheet of every line previewed, if they are all on one: it goes in the heading, the row number alone. */
  const oneSheet = preview.every((l) => l.sheet === preview[0].sheet) ? preview[0]?.sheet : null;

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

      {preview.length > 0 ? (
        <section aria-label="First budget lines">
          <Subtitle2 as="h3">{oneSheet ? `First lines of ${oneSheet}` : "First lines"}</Subtitle2>
          <div className={styles.scroll}>
            <Table
              size="extra-small"
              className={styles.preview}
              aria-label="Preview of the first budget lines"
            >
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={mergeClasses(styles.cell, styles.narrow)}>
                    Row
                  </TableHeaderCell>
                  <TableHeaderCell className={mergeClasses(styles.cell, styles.words)}>
                    Line
                  </TableHeaderCell>
                  <TableHeaderCell
                    className={mergeClasses(
                      styles.cell,
                      styles.num,
                      styles.words,
                      styles.amountHeadCell
                    )}
                    button={{ className: styles.amountHead }}
                  >
                    {primary?.header ?? "Amount"}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.map((l, i) => {
                  const group = programPath(l);
                  const row = (
                    <TableRow key={l.key}>
                      <TableCell className={mergeClasses(styles.cell, styles.narrow)}>
                        {oneSheet ? l.row : `${l.sheet}!${l.row}`}
                      </TableCell>
                      <TableCell className={mergeClasses(styles.cell, styles.words)}>
                        {l.accountName || l.description || l.account}
                      </TableCell>
                      <TableCell className={mergeClasses(styles.cell, styles.num, styles.narrow)}>
                        {formatMoney(l.amount)}
                      </TableCell>
                    </TableRow>
                  );
                  return i > 0 && programPath(preview[i - 1]) === group ? (
                    row
                  ) : (
                    <React.Fragment key={l.key}>
                      <TableRow>
                        <TableCell
                          colSpan={3}
                          className={mergeClasses(styles.cell, styles.words, styles.group)}
                        >
                          {group}
                        </TableCell>
                      </TableRow>
                      {row}
                    </React.Fragment>
                  );
                })}
              </TableBody>
            </Table>
          </div>
        </section>
      ) : null}
    </div>
  );
};
