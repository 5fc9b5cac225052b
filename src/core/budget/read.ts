/**
 * The budget reader: worksheets as cities keep them → budget lines.
 *
 * Per sheet: find the header (./header), then walk the rows once, sorting each into blank, heading (a department
 * or program name standing alone), subtotal/total (labelled "Total …", or a row with no text whose amounts equal
 * the lines above it, or an outline parent with amounts) and line. Headings and outline parents (leading-space
 * indentation or a code hierarchy such as 10 › 10-100 › 10-100-5100) fill the department/division/program a
 * line lacks. Amount columns are unified across sheets by their normalised header; the primary amount is the
 * latest proposed, else the latest adopted/budget, else revised, else the last amount column, unless chosen.
 */
import { normName } from "../keys";
import { sheetRef } from "../plan/layout";
import { looksLikePlanSheet } from "../plan/sheet";
import type {
  AmountColumnSpec,
  AmountKind,
  BudgetLine,
  BudgetReadResult,
  CellValue,
  ColumnRole,
  DetectedColumn,
  Issue,
  ReadOptions,
  SheetCells,
  SheetLayout,
  LineTextField,
} from "../types";
import { LINE_TEXT_FIELDS } from "../types";
import { decimalEvidence, parseAmount, type DecimalMark } from "./amounts";
import { cellAddress, cellText, columnLetter, leadingSpaces } from "./cells";
import {
  amountKindOf,
  findHeader,
  fiscalYearOf,
  type ColumnGuess,
  type HeaderInfo,
} from "./header";
import { lineKeys } from "./keys";
import { inDollars, sheetScale } from "./scale";

type Field = LineTextField;
const FIELDS: readonly Field[] = LINE_TEXT_FIELDS;
const HIERARCHY: Field[] = ["department", "division", "program"];

/** Warnings of one kind listed per sheet before the rest are summed up in one line. */
const MAX_CELL_WARNINGS = 20;
/** Earlier subtotal/heading positions a total is compared with. */
const MAX_CHECKPOINTS = 200;

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * True when the sheet looks like a budget: a header row with at least one amount column in the first 30 rows and
 * some lines below it. The `Strategic Plan` layout and sheets of prose are not budgets.
 */
export function looksLikeBudgetSheet(sheet: SheetCells): boolean {
  try {
    const values = sheet.values ?? [];
    if (values.length < 2) return false;
    if (looksLikePlanSheet(sheet)) return false;
    const header = findHeader(values, sheet.startRow ?? 0);
    if (!header) return false;
    const amountCols = header.columns.filter((c) => c.role === "amount").map((c) => c.c);
    const textCols = header.columns.filter(
      (c) => c.role !== "amount" && c.role !== "ignore" && c.role !== "tag"
    );
    let lines = 0;
    const to = Math.min(values.length, header.index + 1 + 500);
    for (let r = header.index + 1; r < to && lines < 2; r++) {
      const row = values[r];
      if (!row) continue;
      const hasAmount = amountCols.some(
        (c) => parseAmount(row[c]).status === "number" && row[c] !== ""
      );
      if (!hasAmount) continue;
      if (textCols.length === 0 || textCols.some((g) => cellText(row[g.c]) !== "")) lines++;
    }
    return lines >= 1;
  } catch {
    return false;
  }
}

/** Reads budget lines from the given sheets. Never throws: problems come back as issues naming sheet and cell. */
export function readBudget(sheets: SheetCells[], options: ReadOptions = {}): BudgetReadResult {
  const issues: Issue[] = [];
  const read: SheetRead[] = [];
  for (const sheet of sheets) {
    try {
      read.push(readSheet(sheet, options));
    } catch (e) {
      // A bug must not lose the user's work: say which sheet could not be read.
      issues.push({
        severity: "error",
        code: "budget.sheet-unreadable",
        sheet: sheet?.name,
        message: `The sheet "${sheet?.name}" could not be read as a budget (${e instanceof Error ? e.message : String(e)}).`,
      });
    }
  }

  // Amount columns unified across sheets, in order of first appearance.
  const specs = new Map<string, AmountColumnSpec>();
  for (const s of read)
    for (const a of s.amountCols) if (!specs.has(a.spec.id)) specs.set(a.spec.id, a.spec);
  const amountColumns = [...specs.values()];

  let primary = defaultPrimary(amountColumns);
  if (options.amountColumn !== undefined && options.amountColumn.trim() !== "") {
    const chosen = matchAmountColumn(options.amountColumn, amountColumns);
    if (chosen) primary = chosen.id;
    else if (options.amountColumnSaved) {
      const used = amountColumns.find((c) => c.id === primary)?.header;
      issues.push({
        severity: "warning",
        code: "budget.amount-column-gone",
        sheet: read[0]?.name,
        message:
          `The amount column chosen earlier and saved in the workbook, "${options.amountColumn}", is not on the ` +
          `budget sheet${read.length === 1 ? ` "${read[0].name}"` : "s"} any more` +
          (used ? `, so the report uses "${used}".` : ".") +
          " Choose another in the Budget step (or with --amount-column).",
      });
    } else {
      const list = amountColumns.map((c) => `"${c.header}"`).join(", ");
      issues.push({
        severity: "error",
        code: "budget.amount-column-unknown",
        message: amountColumns.length
          ? `There is no amount column "${options.amountColumn}". The amount columns are: ${list}.`
          : `There is no amount column "${options.amountColumn}": no amount columns were found.`,
      });
    }
  }

  const lines: BudgetLine[] = [];
  const layouts: SheetLayout[] = [];
  const checkSum = new MoneySum();
  let skippedSubtotals = 0;
  for (const s of read) {
    issues.push(...s.issues);
    const col = primary === null ? -1 : s.amountCols.findIndex((a) => a.spec.id === primary);
    if (primary !== null && col < 0 && s.lines.length > 0) {
      const header = specs.get(primary)?.header ?? primary;
      issues.push({
        severity: "warning",
        code: "budget.primary-missing",
        sheet: s.name,
        message: `The sheet "${s.name}" has no "${header}" column, so its ${s.lines.length} lines count as 0 in the totals.`,
      });
    }
    const sheetSum = new MoneySum();
    const sheetLines = s.lines;
    s.lines = [];
    for (let i = 0; i < sheetLines.length; i++) {
      const line = sheetLines[i];
      const amount = col >= 0 && primary !== null ? (line.amounts[primary] ?? 0) : 0;
      if (!sheetSum.add(amount)) {
        const cell = cellAddress(line.row - 1, s.startCol + s.amountCols[col].c);
        issues.push({
          severity: "warning",
          code: "budget.total-overflow",
          sheet: s.name,
          cell,
          message: `${sheetRef(s.name)}!${cell}: the amount ${numberShown(amount)} is too large to add to the check total (the sum would be more than the largest number Excel can hold), so the check total leaves it out. Check the amount in this cell.`,
        });
      }
      line.amount = amount;
      lines.push(line);
    }
    const skipped = new MoneySum();
    if (col >= 0) for (const t of s.totals) skipped.add(t[col] ?? 0);
    const sheetTotal = roundMoney(sheetSum.value());
    if (!checkSum.add(sheetTotal)) {
      issues.push({
        severity: "warning",
        code: "budget.total-overflow",
        sheet: s.name,
        message: `The sheet "${s.name}" adds up to ${numberShown(sheetTotal)}, too large to add to the other sheets (the sum would be more than the largest number Excel can hold), so the overall check total leaves this sheet out. Check its amounts.`,
      });
    }
    skippedSubtotals += s.totals.length;
    layouts.push({
      sheet: s.name,
      headerRow: s.headerRow,
      columns: s.columns,
      headingRows: s.headingRows,
      subtotalRows: s.totals.length,
      checkTotal: sheetTotal,
      skippedTotal: roundMoney(skipped.value()),
    });
  }
  const keys = lineKeys(lines);
  lines.forEach((l, i) => (l.key = keys[i]));

  if (lines.length === 0 && sheets.length > 0 && !issues.some((i) => i.severity === "error")) {
    issues.push({
      severity: "error",
      code: "budget.no-lines",
      message:
        sheets.length === 1
          ? `No budget lines were found on the sheet "${sheets[0]?.name}".`
          : `No budget lines were found on the sheets ${sheets.map((s) => `"${s?.name}"`).join(", ")}.`,
    });
  }

  return {
    layouts,
    lines,
    amountColumns,
    primaryAmount: primary,
    checkTotal: roundMoney(checkSum.value()),
    skippedSubtotals,
    issues,
  };
}

/** The amount column a person named (header text or id, ignoring case and spaces), if there is one. */
export function matchAmountColumn(
  asked: string,
  columns: AmountColumnSpec[]
): AmountColumnSpec | null {
  const squash = (s: string) => normName(s).replace(/\s+/g, "");
  const want = squash(asked);
  return columns.find((c) => squash(c.id) === want || squash(c.header) === want) ?? null;
}

/** Latest proposed, else latest adopted/budget, else revised, else the last amount column. */
export function defaultPrimary(columns: AmountColumnSpec[]): string | null {
  const latest = (kinds: AmountKind[]) => {
    let best: AmountColumnSpec | null = null;
    for (const c of columns) {
      if (!kinds.includes(c.kind)) continue;
      if (!best || (c.fiscalYear ?? -Infinity) >= (best.fiscalYear ?? -Infinity)) best = c;
    }
    return best;
  };
  const pick =
    latest(["proposed"]) ??
    latest(["adopted", "budget"]) ??
    latest(["revised"]) ??
    columns[columns.length - 1];
  return pick ? pick.id : null;
}

// ---------------------------------------------------------------------------------------------
// One sheet
// ---------------------------------------------------------------------------------------------

/** A line's text field by its index in FIELDS. */
const fieldOf = (line: BudgetLine, f: number): string => line[FIELDS[f]];

interface SheetRead {
  name: string;
  /** 0-based worksheet column of the sheet's values[r][0]. */
  startCol: number;
  headerRow: number;
  columns: DetectedColumn[];
  amountCols: { c: number; spec: AmountColumnSpec }[];
  /** The sheet's lines, made once by the walk: their key and primary amount are set when every sheet is read. */
  lines: BudgetLine[];
  /** Amounts of each subtotal/total row skipped, per amount column. */
  totals: (number | null)[][];
  headingRows: number;
  issues: Issue[];
}

/** What one row holds, before deciding what it is. */
interface RowInfo {
  r: number;
  fields: string[];
  /** Identifying fields filled. */
  idCount: number;
  /** Non-empty text cells outside amount and tag columns. */
  textCount: number;
  firstText: string;
  firstTextCol: number;
  amounts: (number | null)[];
  /** Some amount cell holds a number (not a blank or dash). */
  hasNumber: boolean;
  nonZero: boolean;
  /** Every amount cell is empty. */
  amountsEmpty: boolean;
  /** Bit k set: amount column k is blank in this row (not a figure a total could be checked against). */
  blankMask: number;
  tagRaw: CellValue | undefined;
  /** The FTE cell, when the sheet has an FTE column. */
  fteRaw: CellValue | undefined;
}

class IssueSink {
  readonly issues: Issue[] = [];
  private counts = new Map<string, number>();
  constructor(private sheet: string) {}
  cell(code: string, cell: string, message: string) {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n <= MAX_CELL_WARNINGS)
      this.issues.push({ severity: "warning", code, sheet: this.sheet, cell, message });
  }
  add(issue: Omit<Issue, "sheet">) {
    this.issues.push({ ...issue, sheet: this.sheet });
  }
  finish(): Issue[] {
    for (const [code, n] of this.counts) {
      if (n > MAX_CELL_WARNINGS) {
        const more = n - MAX_CELL_WARNINGS;
        this.issues.push({
          severity: "warning",
          code,
          sheet: this.sheet,
          message: `${this.sheet}: ${more.toLocaleString("en-US")} more cell${more === 1 ? "" : "s"} like the ones above.`,
          more,
        });
      }
    }
    return this.issues;
  }
}

function emptyRead(name: string, issues: Issue[]): SheetRead {
  return {
    name,
    startCol: 0,
    headerRow: 0,
    columns: [],
    amountCols: [],
    lines: [],
    totals: [],
    headingRows: 0,
    issues,
  };
}

function readSheet(sheet: SheetCells, options: ReadOptions): SheetRead {
  const name = String(sheet.name ?? "");
  const values: CellValue[][] = Array.isArray(sheet.values) ? sheet.values : [];
  const startRow = sheet.startRow ?? 0;
  const startCol = sheet.startCol ?? 0;
  const sink = new IssueSink(name);

  const hasContent = values.some(
    (row) => Array.isArray(row) && row.some((v) => cellText(v) !== "")
  );
  if (!hasContent) {
    sink.add({
      severity: "warning",
      code: "budget.empty-sheet",
      message: `The sheet "${name}" is empty.`,
    });
    return emptyRead(name, sink.finish());
  }

  const overrides = { ...(options.columnOverrides?.["*"] ?? {}), ...overridesFor(options, name) };
  let header: HeaderInfo | null = findHeader(values, startRow);
  if (!header && Object.values(overrides).includes("amount")) header = headerFromOverrides(values);
  if (!header) {
    sink.add({
      severity: "warning",
      code: "budget.no-header",
      message:
        `${name}: no header row with an amount column was found in the first 30 rows ` +
        `(a row of column names such as Department, Program, Account and FY 2026-27 Proposed, above the lines).`,
    });
    return emptyRead(name, sink.finish());
  }

  // Columns, with the user's overrides.
  const guesses = new Map<number, ColumnGuess>(header.columns.map((g) => [g.c, g]));
  for (const [letter, role] of Object.entries(overrides)) {
    const c = letterToCol(letter) - startCol;
    if (c < 0) continue;
    const prev = guesses.get(c) ?? { c, header: "", role: "ignore" as ColumnRole, code: false };
    guesses.set(c, { ...prev, role, overridden: true } as ColumnGuess & { overridden: boolean });
  }
  // A role overridden onto one column leaves any other column that had it.
  for (const [, role] of Object.entries(overrides)) {
    if (role === "amount" || role === "ignore") continue;
    for (const g of guesses.values())
      if (g.role === role && !(g as { overridden?: boolean }).overridden)
        guesses.set(g.c, { ...g, role: "ignore" });
  }
  const ordered = [...guesses.values()].sort((a, b) => a.c - b.c);
  const columns: DetectedColumn[] = [];
  const amountCols: { c: number; spec: AmountColumnSpec; decimal?: DecimalMark }[] = [];
  const usedIds = new Set<string>();
  for (const g of ordered) {
    if (g.header === "" && g.role === "ignore") continue;
    const letter = columnLetter(g.c + startCol);
    const det: DetectedColumn = { col: g.c + startCol, letter, header: g.header, role: g.role };
    if ((g as { overridden?: boolean }).overridden) det.overridden = true;
    if (g.role === "amount") {
      const headerText = g.header || `Column ${letter}`;
      const kind = g.amountKind ?? amountKindOf(headerText);
      const fy = g.fiscalYear !== undefined ? g.fiscalYear : fiscalYearOf(headerText);
      det.amountKind = kind;
      det.fiscalYear = fy;
      let id = normName(headerText);
      for (let n = 2; usedIds.has(id); n++) id = `${normName(headerText)} (${n})`;
      usedIds.add(id);
      amountCols.push({
        c: g.c,
        spec: {
          id,
          header:
            id === normName(headerText)
              ? headerText
              : `${headerText} (${id.slice(id.lastIndexOf("(") + 1, -1)})`,
          kind,
          fiscalYear: fy,
        },
      });
    }
    columns.push(det);
  }
  if (amountCols.length === 0) {
    sink.add({
      severity: "warning",
      code: "budget.no-amount-column",
      message: `${name}: the header on row ${startRow + header.index + 1} has no amount column, so no lines were read.`,
    });
    return { ...emptyRead(name, sink.finish()), headerRow: startRow + header.index + 1, columns };
  }
  // Each amount column's decimal mark, by rule from its own text cells (or --decimal); an undecidable column stops.
  for (const a of amountCols) {
    const d = columnDecimal(values, header.index, a.c, options.decimal);
    if ("mark" in d) a.decimal = d.mark;
    else
      sink.add({
        severity: "error",
        code: "budget.decimal-ambiguous",
        cell: cellAddress(startRow + d.cells[0].r, startCol + a.c),
        message: decimalMessage(name, a.spec.header, d, (r) =>
          cellAddress(startRow + r, startCol + a.c)
        ),
      });
  }
  const fieldCols: number[] = FIELDS.map((f) => ordered.find((g) => g.role === f)?.c ?? -1);
  const tagCol = ordered.find((g) => g.role === "tag")?.c ?? -1;
  const amountIdx = amountCols.map((a) => a.c);
  const fteCol = ordered.find((g) => g.role === "fte")?.c ?? -1;
  // (The FTE column is not skipped: a row's count of filled cells stays what it was before FTEs were read.)
  const skipCols = new Set<number>([...amountIdx, ...(tagCol >= 0 ? [tagCol] : [])]);

  // A department given by the sheet (one sheet per department) when there is no department column.
  const fixed: Partial<Record<Field, string>> = {};
  if (fieldCols[0] < 0) {
    const dept = departmentFromSheet(name, values, header.firstIndex);
    if (dept) fixed.department = dept;
  }
  const missing = HIERARCHY.filter((f, i) => fieldCols[i] < 0 && fixed[f] === undefined);

  const headerTexts = new Set(
    header.columns.filter((g) => g.header).map((g) => normName(g.header))
  );
  // A header repeated lower down (page breaks in exports) starts with the first column's header.
  const firstHeaderText =
    header.columns.find((g) => g.header && !skipCols.has(g.c))?.header.toLowerCase() ?? "";

  // Pass 1: what each row holds.
  const rows: RowInfo[] = [];
  // A sparse sheet's blank rows are one shared array (the ports' readers): looked at once, not a million times.
  let lastBlank: CellValue[] | null = null;
  for (let r = header.index + 1; r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row) || row.length === 0 || row === lastBlank) continue;
    const info = rowInfo(row, r, fieldCols, amountCols, skipCols, tagCol, fteCol);
    if (info.textCount === 0 && !info.hasNumber) {
      reportAmountCells(row, r, amountCols, startRow, startCol, name, sink);
      lastBlank = row;
      continue; // blank, or zeros only
    }
    if (
      info.textCount >= 2 &&
      info.firstText.toLowerCase() === firstHeaderText &&
      isRepeatedHeader(row, headerTexts, skipCols)
    )
      continue;
    reportAmountCells(row, r, amountCols, startRow, startCol, name, sink);
    rows.push(info);
  }

  const outline = detectOutline(rows, values, fieldCols, skipCols);
  const amountIds = amountCols.map((a) => a.spec.id);
  const walk = walkRows(rows, outline, {
    missing,
    carry: [0, 1, 2, 3].filter((f) => fieldCols[f] >= 0 && namedOncePerBlock(rows, f)),
    fixed,
    amountCount: amountCols.length,
    tagCol,
    fteCol,
    amountCols: amountIdx,
    amountIds,
    startRow,
    startCol,
    name,
    sink,
  });

  // Amounts kept in thousands or millions ("in $000s" in a title, "(000)" in a header) are reported in dollars.
  const hasFigures = amountIds.map((id) => walk.lines.some((l) => !!l.amounts[id]));
  const formats = amountIdx.map((c) => sheet.numberFormats?.[c] ?? "");
  const scale = sheetScale(
    values,
    header.index,
    amountIdx,
    startRow,
    startCol,
    hasFigures,
    formats
  );
  for (const n of scale.shownByFormat)
    sink.add({
      severity: "warning",
      code: "budget.scale-shown-by-format",
      cell: n.cell,
      message: `${sheetRef(name)}!${n.cell} says "${n.text.slice(0, 80)}", but the cells of ${n.columns
        .map((k) => `"${amountCols[k].spec.header}"`)
        .join(
          " and "
        )} hold whole dollars that their number format (${[...new Set(n.formats)].join(", ")}) shows in ${n.scale.name}: they are read as they are, not multiplied by ${n.scale.factor.toLocaleString("en-US")}.`,
    });
  if (scale.notes.length) {
    const f = scale.factors;
    for (const l of walk.lines)
      for (let k = 0; k < amountIds.length; k++)
        l.amounts[amountIds[k]] = inDollars(l.amounts[amountIds[k]], f[k]);
    walk.totals = walk.totals.map((t) => t.map((v, k) => inDollars(v, f[k])));
    for (const n of scale.notes) {
      const which =
        n.columns.length === amountCols.length
          ? amountCols.length === 1
            ? `the amounts of "${amountCols[0].spec.header}"`
            : "the amounts of every amount column"
          : n.columns.map((k) => `the amounts of "${amountCols[k].spec.header}"`).join(" and ");
      sink.add({
        severity: "info",
        code: "budget.scale",
        cell: n.cell,
        message: `${sheetRef(name)}!${n.cell} says "${n.text.slice(0, 80)}": ${which} are in ${n.scale.name} of dollars, so they are reported in dollars (1 on the sheet is $${n.scale.factor.toLocaleString("en-US")}).`,
      });
    }
  }

  if (walk.lines.length === 0) {
    sink.add({
      severity: "warning",
      code: walk.totals.length ? "budget.only-totals" : "budget.no-lines-on-sheet",
      message: walk.totals.length
        ? `${name}: every row with amounts below the header (row ${startRow + header.index + 1}) is a total or subtotal, so the sheet has no budget lines.`
        : `${name}: no budget lines were found below the header on row ${startRow + header.index + 1}.`,
    });
  }
  return {
    name,
    startCol,
    headerRow: startRow + header.index + 1,
    columns,
    amountCols,
    lines: walk.lines,
    totals: walk.totals,
    headingRows: walk.headingRows,
    issues: sink.finish(),
  };
}

/**
 * True when a column names each block once, on its first row, and leaves the rest of the block blank, as a merged
 * cell (or a value typed once per block) reads: some filled cells have blanks directly below them, and a value is
 * (almost) never repeated on the next row. A flat export repeats its department on every line, so a blank there is
 * a line with no department, not the rest of a block.
 */
function namedOncePerBlock(rows: RowInfo[], f: number): boolean {
  let pairs = 0;
  let repeats = 0;
  let blanksBelow = 0;
  for (let i = 1; i < rows.length; i++) {
    if (rows[i].r !== rows[i - 1].r + 1) continue;
    const above = rows[i - 1].fields[f];
    if (above === "") continue;
    const here = rows[i].fields[f];
    if (here === "") blanksBelow++;
    else {
      pairs++;
      if (here === above) repeats++;
    }
  }
  return blanksBelow > 0 && repeats * 10 <= pairs;
}

function overridesFor(options: ReadOptions, sheet: string): Record<string, ColumnRole> {
  const all = options.columnOverrides ?? {};
  if (all[sheet]) return all[sheet];
  const key = Object.keys(all).find((k) => k !== "*" && normName(k) === normName(sheet));
  return key ? all[key] : {};
}

function letterToCol(letter: string): number {
  let n = 0;
  for (const ch of letter.trim().toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** With an amount column given by the user but no header found: the first non-blank row is the header. */
function headerFromOverrides(values: CellValue[][]): HeaderInfo | null {
  const i = values.findIndex((row) => Array.isArray(row) && row.some((v) => cellText(v) !== ""));
  if (i < 0) return null;
  const width = Math.max(...values.slice(i, i + 50).map((r) => (Array.isArray(r) ? r.length : 0)));
  const columns: ColumnGuess[] = [];
  for (let c = 0; c < width; c++)
    columns.push({
      c,
      header: typeof values[i][c] === "string" ? cellText(values[i][c]) : "",
      role: "ignore",
      code: false,
    });
  return { index: i, firstIndex: i, columns };
}

const GENERIC_SHEET =
  /^(sheet|tab|page|data|detail|details|export|report|lines?|line items|all|summary|table|query|results?|input|source)\s*\d*$|\b(budget|budgets|operating|capital|proposed|adopted|recommended|expenditures?|expenses?|appropriations?|accounts?|ledger|gl|chart|funds?|all funds|detail|summary|fy|fiscal)\b/i;
const TITLE_NOT_DEPARTMENT =
  /\b(city|town|county|village|borough|budget|fiscal|fy|expenditures?|summary|detail|report|all funds|operating|capital|proposed|adopted)\b|\d{4}/i;

function departmentFromSheet(
  name: string,
  values: CellValue[][],
  headerFirst: number
): string | null {
  const n = name.trim();
  if (n !== "" && !GENERIC_SHEET.test(n) && !/\d{4}/.test(n) && !/^fy/i.test(n)) return n;
  for (let r = 0; r < headerFirst; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    const texts = row.map(cellText).filter((t) => t !== "");
    if (texts.length !== 1) continue;
    const t = texts[0];
    if (t.length <= 60 && !TITLE_NOT_DEPARTMENT.test(t)) return t;
  }
  return null;
}

function rowInfo(
  row: CellValue[],
  r: number,
  fieldCols: number[],
  amountCols: { c: number; decimal?: DecimalMark }[],
  skipCols: Set<number>,
  tagCol: number,
  fteCol: number
): RowInfo {
  const fields: string[] = new Array(FIELDS.length);
  let idCount = 0;
  for (let f = 0; f < FIELDS.length; f++) {
    const c = fieldCols[f];
    const t = c >= 0 ? cellText(row[c]) : "";
    fields[f] = t;
    if (t !== "") idCount++;
  }
  let textCount = 0;
  let firstText = "";
  let firstTextCol = -1;
  for (let c = 0; c < row.length; c++) {
    if (skipCols.has(c)) continue;
    const v = row[c];
    if (v === null || v === "" || v === undefined) continue;
    const t = cellText(v);
    if (t === "") continue;
    textCount++;
    if (firstTextCol < 0) {
      firstTextCol = c;
      firstText = t;
    }
  }
  const amounts: (number | null)[] = new Array(amountCols.length);
  let hasNumber = false;
  let nonZero = false;
  let amountsEmpty = true;
  let blankMask = 0;
  for (let k = 0; k < amountCols.length; k++) {
    const v = row[amountCols[k].c];
    if (typeof v === "number") {
      if (Number.isFinite(v)) {
        amounts[k] = v;
        hasNumber = true;
        amountsEmpty = false;
        if (v !== 0) nonZero = true;
      } else amounts[k] = null;
      continue;
    }
    if (v !== null && v !== undefined && v !== "") {
      if (typeof v !== "string" || v.trim() !== "") amountsEmpty = false;
    }
    const p = parseAmount(v, amountCols[k].decimal);
    amounts[k] = p.value;
    if (
      p.status === "blank" &&
      k < 31 &&
      (v === null || v === undefined || v === "" || (typeof v === "string" && v.trim() === ""))
    )
      blankMask |= 1 << k;
    if (p.status === "number") {
      hasNumber = true;
      if (p.value !== 0) nonZero = true;
    }
  }
  return {
    r,
    fields,
    idCount,
    textCount,
    firstText,
    firstTextCol,
    amounts,
    hasNumber: hasNumber && (nonZero || textCount > 0),
    nonZero,
    amountsEmpty,
    blankMask,
    tagRaw: tagCol >= 0 ? row[tagCol] : undefined,
    fteRaw: fteCol >= 0 ? row[fteCol] : undefined,
  };
}

/** A column's decimal mark: given, or the one its text cells can only be written with; else why it cannot tell. */
type ColumnDecimal =
  | { mark: DecimalMark }
  | {
      why: "mixed" | "ambiguous";
      cells: { r: number; text: string; says: DecimalMark | "ambiguous" }[];
    };

function columnDecimal(
  values: CellValue[][],
  headerIndex: number,
  c: number,
  given: DecimalMark | undefined
): ColumnDecimal {
  if (given) return { mark: given };
  const first: Partial<Record<DecimalMark | "ambiguous", { r: number; text: string }>> = {};
  const ambiguous: { r: number; text: string; says: "ambiguous" }[] = [];
  let lastRow: CellValue[] | null = null;
  for (let r = headerIndex + 1; r < values.length; r++) {
    const row = values[r];
    if (!row || row === lastRow) continue;
    lastRow = row;
    const says = decimalEvidence(row[c]);
    if (!says) continue;
    const text = String(row[c]).trim();
    first[says] ??= { r, text };
    if (says === "ambiguous" && ambiguous.length < 6) ambiguous.push({ r, text, says });
  }
  const comma = first[","];
  const dot = first["."];
  if (comma && dot)
    return {
      why: "mixed",
      cells: [
        { ...comma, says: "," },
        { ...dot, says: "." },
      ],
    };
  if (comma) return { mark: "," };
  if (dot || ambiguous.length === 0) return { mark: "." };
  return { why: "ambiguous", cells: ambiguous };
}

function decimalMessage(
  sheet: string,
  header: string,
  d: Extract<ColumnDecimal, { why: string }>,
  cell: (r: number) => string
): string {
  const at = (x: { r: number }) => `${sheetRef(sheet)}!${cell(x.r)}`;
  const option =
    "Say which with --decimal , (dots between thousands) or --decimal . (a decimal point).";
  if (d.why === "mixed") {
    const [comma, dot] = d.cells;
    return (
      `The amounts typed as text in "${header}" are written both ways: ${at(comma)} "${comma.text}" is written with a ` +
      `decimal comma, ${at(dot)} "${dot.text}" with a decimal point, so the total cannot be trusted. Make them ` +
      `agree, or ${option.charAt(0).toLowerCase()}${option.slice(1)}`
    );
  }
  const [one, ...more] = d.cells;
  const [whole, frac] = one.text.replace(/[^\d.]/g, "").split(".");
  return (
    `${at(one)}: "${one.text}" could be ${Number(whole + frac).toLocaleString("en-US")} (a dot between ` +
    `thousands) or ${whole}.${frac} (a decimal point), and no other amount in "${header}" tells which` +
    (more.length ? ` (${more.map((m) => cell(m.r)).join(", ")} are the same)` : "") +
    `. ${option}`
  );
}

function reportAmountCells(
  row: CellValue[],
  r: number,
  amountCols: { c: number; spec: AmountColumnSpec; decimal?: DecimalMark }[],
  startRow: number,
  startCol: number,
  sheet: string,
  sink: IssueSink
): void {
  for (const a of amountCols) {
    const v = row[a.c];
    if (typeof v === "boolean") {
      const cell = cellAddress(startRow + r, startCol + a.c);
      sink.cell(
        "budget.amount-not-a-number",
        cell,
        `${sheetRef(sheet)}!${cell}: "${v ? "TRUE" : "FALSE"}" is not an amount.`
      );
      continue;
    }
    if (typeof v !== "string" || v === "") continue;
    const p = parseAmount(v, a.decimal);
    if (p.status === "error") {
      const cell = cellAddress(startRow + r, startCol + a.c);
      sink.cell(
        "budget.amount-error",
        cell,
        `${sheetRef(sheet)}!${cell}: the cell shows the Excel error ${v.trim()}, so this "${a.spec.header}" amount is left out. Fix the formula behind it.`
      );
    } else if (p.status === "invalid") {
      const cell = cellAddress(startRow + r, startCol + a.c);
      sink.cell(
        "budget.amount-not-a-number",
        cell,
        `${sheetRef(sheet)}!${cell}: "${v.trim()}" is not an amount.`
      );
    }
  }
}

function isRepeatedHeader(
  row: CellValue[],
  headerTexts: Set<string>,
  skipCols: Set<number>
): boolean {
  let same = 0;
  let other = 0;
  for (let c = 0; c < row.length; c++) {
    const t = cellText(row[c]);
    if (t === "") continue;
    if (headerTexts.has(normName(t))) same++;
    else if (!skipCols.has(c)) other++;
  }
  return same >= 2 && other === 0;
}

// ---------------------------------------------------------------------------------------------
// Outlines: leading-space indentation or a code hierarchy
// ---------------------------------------------------------------------------------------------

interface Outline {
  /** Depth per row (index into `rows`); null when the sheet is not an outline. */
  depth: number[] | null;
  /** The text naming each row in the outline (the label, or the code when a row has no name). */
  label: string[];
}

function detectOutline(
  rows: RowInfo[],
  values: CellValue[][],
  fieldCols: number[],
  skipCols: Set<number>
): Outline {
  const none: Outline = { depth: null, label: [] };
  if (rows.length < 3) return none;
  // Leading spaces in one text column.
  const textCols = new Set<number>();
  for (const info of rows.slice(0, 500))
    if (info.firstTextCol >= 0) textCols.add(info.firstTextCol);
  for (const c of [...textCols].sort((a, b) => a - b)) {
    if (skipCols.has(c)) continue;
    const indents = new Set<number>();
    let indented = 0;
    let withText = 0;
    for (let i = 0; i < rows.length; i++) {
      const info = rows[i];
      const v = values[info.r][c];
      if (typeof v !== "string" || v.trim() === "") continue;
      withText++;
      const n = leadingSpaces(v);
      indents.add(n);
      if (n > 0) indented++;
    }
    if (
      indents.size >= 2 &&
      indented >= 2 &&
      indented >= withText * 0.1 &&
      withText >= rows.length * 0.5
    ) {
      const ranks = [...indents].sort((a, b) => a - b);
      const rank = new Map(ranks.map((n, i) => [n, i]));
      const depth: number[] = [];
      const label: string[] = [];
      let last = 0;
      for (let i = 0; i < rows.length; i++) {
        const info = rows[i];
        const v = values[info.r][c];
        if (typeof v === "string" && v.trim() !== "") {
          last = rank.get(leadingSpaces(v)) ?? 0;
          label.push(v.trim());
        } else label.push(info.firstText);
        depth.push(last);
      }
      return { depth, label };
    }
  }
  // A code hierarchy: 10 › 10-100 › 10-100-5100 in one code column.
  for (const f of [4, 3, 1, 0, 2]) {
    const c = fieldCols[f];
    if (c < 0) continue;
    // Counted over the rows as they are, without a column of codes per field: a million rows made five of each.
    const distinct = new Set<number>();
    for (let i = 0; i < rows.length; i++) {
      const info = rows[i];
      const n = segments(info.fields[f]);
      if (n > 0) distinct.add(n);
    }
    if (distinct.size < 2) continue;
    let prefixes = 0;
    for (let i = 0; i + 1 < rows.length; i++) {
      const a = rows[i].fields[f];
      const b = rows[i + 1].fields[f];
      if (
        a !== "" &&
        b.length > a.length &&
        b.startsWith(a) &&
        (b[a.length] === "-" || b[a.length] === ".")
      )
        prefixes++;
    }
    if (prefixes < 2) continue;
    const depth: number[] = [];
    const label: string[] = [];
    const min = Math.min(...distinct);
    let last = 0;
    for (let i = 0; i < rows.length; i++) {
      const info = rows[i];
      const code = info.fields[f];
      const n = segments(code);
      if (n > 0) last = n - min;
      depth.push(last);
      const name = info.fields.find((t, k) => k !== f && t !== "") ?? "";
      label.push(name || code);
    }
    return { depth, label };
  }
  return none;
}

/** Parts of a code: "10-100-5100" → 3, "" → 0. */
function segments(code: string): number {
  if (code === "") return 0;
  let n = 1;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 45 || c === 46) n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// The walk: headings, totals and lines
// ---------------------------------------------------------------------------------------------

interface WalkContext {
  missing: Field[];
  /** Hierarchy fields (department, division, program, fund) that have a column, top first: carried down. */
  carry: number[];
  fixed: Partial<Record<Field, string>>;
  amountCount: number;
  tagCol: number;
  fteCol: number;
  /** 0-based column (within the sheet's values) of each amount column. */
  amountCols: number[];
  /** Each amount column's id (AmountColumnSpec.id): the keys of a line's amounts. */
  amountIds: string[];
  startRow: number;
  startCol: number;
  name: string;
  sink: IssueSink;
}

interface Checkpoint {
  /** Index into `rows`. */
  at: number;
  /** Running line sums (cents) per amount column at this point. */
  sums: number[];
  lines: number;
  /** normName of the heading that opened it, if any. */
  heading?: string;
}

interface OpenParent {
  depth: number;
  label: string;
  row: number;
  amounts: (number | null)[] | null;
  checkpoint: Checkpoint;
  blankMask: number;
}

const TOTAL_WORDS =
  /^(?:grand\s+total|sub-?\s*total|total|totals)\b|\b(?:sub-?\s*)?totals?:?$|\bsub-?\s*totals?\b/i;

/**
 * "Total Police", "Subtotal Personnel", "Grand Total", "Department Total", "Program Subtotal", "Police Subtotal -
 * Patrol": a total by its label alone.
 */
export function isTotalLabel(text: string): boolean {
  if (text.length === 0 || text.length > 120) return false;
  // Cheap pre-check: every total label has the word "total" in it.
  if (!/total/i.test(text)) return false;
  return TOTAL_WORDS.test(text.trim());
}

/** "Parks Total Operating": the word "total" inside a label; a total only when its amounts add up the lines. */
function mentionsTotal(text: string): boolean {
  return text.length <= 120 && /\btotals?\b/i.test(text);
}

/** The name a total label closes: "Total Police Department" → "police department". */
function totalSubject(text: string): string {
  return normName(
    text
      .replace(/^(?:grand\s+total|sub-?\s*total|total|totals)\s*(?:for|of|-|:|–)?\s*/i, "")
      .replace(/\s*(?:sub-?\s*)?totals?:?$/i, "")
  );
}

const cents = (v: number | null) => (v === null ? 0 : Math.round(v * 100));

function walkRows(
  rows: RowInfo[],
  outline: Outline,
  ctx: WalkContext
): { lines: BudgetLine[]; totals: (number | null)[][]; headingRows: number } {
  const { missing, fixed, amountCount, amountIds, startRow, startCol, name, sink } = ctx;
  const lines: BudgetLine[] = [];
  const totals: (number | null)[][] = [];
  let headingRows = 0;
  const sums = new Array<number>(amountCount).fill(0);
  let lineCount = 0;
  const checkpoints: Checkpoint[] = [];
  const mark = (at: number, heading?: string): Checkpoint => {
    const cp: Checkpoint = { at, sums: sums.slice(), lines: lineCount, heading };
    checkpoints.push(cp);
    if (checkpoints.length > MAX_CHECKPOINTS + 1) checkpoints.splice(1, 1);
    return cp;
  };
  mark(-1);

  /** A checkpoint whose lines since add up to these amounts in every amount column given, with ≥ minLines. */
  const matching = (info: RowInfo, minLines: number): Checkpoint | null => {
    for (let i = checkpoints.length - 1; i >= 0; i--) {
      const cp = checkpoints[i];
      if (lineCount - cp.lines < minLines) continue;
      let ok = true;
      let any = false;
      for (let k = 0; k < amountCount; k++) {
        const v = info.amounts[k];
        if (v === null || (k < 31 && info.blankMask & (1 << k))) continue;
        any = true;
        // Written so that a sum past the largest number (NaN here) never counts as a match.
        if (!(Math.abs(Math.round(v * 100) - (sums[k] - cp.sums[k])) <= 1)) {
          ok = false;
          break;
        }
      }
      if (ok && any) return cp;
    }
    return null;
  };

  const addTotal = (info: RowInfo) => {
    totals.push(info.amounts);
  };
  const totalWarning = (info: RowInfo, label: string, cp: Checkpoint) => {
    for (let k = 0; k < amountCount; k++) {
      const v = info.amounts[k];
      if (v === null || (k < 31 && info.blankMask & (1 << k))) continue;
      const sum = (sums[k] - cp.sums[k]) / 100;
      // Amounts too large to add up in cents cannot be checked (they are reported with the check total).
      if (!Number.isFinite(sum)) continue;
      if (Math.abs(v - sum) > 0.01) {
        const n = lineCount - cp.lines;
        // The amount cell that does not add up (the label may be far to the left of it).
        const cell = cellAddress(startRow + info.r, startCol + ctx.amountCols[k]);
        const [total, added, diff] = moneyAll([v, sum, v - sum]);
        sink.cell(
          "budget.total-mismatch",
          cell,
          `${sheetRef(name)}!${cell}: the total "${label}" is ${total}, but the ${n} line${n === 1 ? "" : "s"} it closes ${n === 1 ? "adds" : "add"} up to ${added} (a difference of ${diff}).`
        );
        return;
      }
    }
  };

  // Headings outside outlines: their level from indentation, or from a heading directly above another heading.
  const headingLevel = new Map<number, number>();
  let levels = 1;
  if (!outline.depth) {
    const isHeading = (i: number) =>
      rows[i].textCount === 1 && rows[i].amountsEmpty && !isTotalLabel(rows[i].firstText);
    const heads: number[] = [];
    for (let i = 0; i < rows.length; i++) if (isHeading(i)) heads.push(i);
    const upper = new Set<number>();
    for (const i of heads) if (i + 1 < rows.length && isHeading(i + 1)) upper.add(i);
    for (const i of heads) headingLevel.set(i, upper.size > 0 && !upper.has(i) ? 1 : 0);
    levels = upper.size > 0 ? 2 : 1;
  }
  const context: string[] = [];
  const headingCps: Checkpoint[] = [];
  /** Index into `rows` of the last row read as a line. */
  let lastLineAt = -2;

  const roleFor = (level: number, count: number): Field | null => {
    if (missing.length === 0) return null;
    if (count <= 1 || level === 0) return missing[0];
    if (level >= count - 1) return missing[missing.length - 1];
    return missing[Math.min(level, missing.length - 2)] ?? null;
  };

  const open: OpenParent[] = [];
  const closeParents = (depth: number) => {
    while (open.length > 0 && open[open.length - 1].depth >= depth) {
      const p = open.pop() as OpenParent;
      if (p.amounts) {
        const info = {
          amounts: p.amounts,
          r: p.row,
          firstTextCol: -1,
          blankMask: p.blankMask,
        } as RowInfo;
        if (lineCount - p.checkpoint.lines > 0) totalWarning(info, p.label, p.checkpoint);
      }
    }
  };

  for (let i = 0; i < rows.length; i++) {
    const info = rows[i];
    // The label may be the row's first text ("Total Police") or its second ("Police | Program Subtotal").
    const totalText = info.textCount <= 2 && info.idCount <= 2 ? totalLabelOf(info) : "";
    const totalLabelled = totalText !== "";

    if (outline.depth) {
      const depth = outline.depth[i];
      if (totalLabelled) {
        addTotal(info);
        const cp = matching(info, 1);
        if (!cp) totalWarning(info, totalText, checkpoints[0]);
        continue;
      }
      closeParents(depth);
      const next = i + 1 < rows.length ? outline.depth[i + 1] : -1;
      const nextIsTotal = i + 1 < rows.length && isTotalLabel(rows[i + 1].firstText);
      if (next > depth && !nextIsTotal) {
        const cp = mark(i);
        open.push({
          depth,
          label: outline.label[i],
          row: info.r,
          amounts: info.hasNumber ? info.amounts : null,
          checkpoint: cp,
          blankMask: info.blankMask,
        });
        if (info.hasNumber) addTotal(info);
        else headingRows++;
        continue;
      }
      const fields = info.fields;
      const parents = open.length;
      open.forEach((p, level) => {
        const role = roleFor(level, parents);
        if (role) {
          const f = FIELDS.indexOf(role);
          if (fields[f] === "") fields[f] = p.label;
        }
      });
      pushLine(info, fields, i);
      continue;
    }

    // Not an outline.
    if (headingLevel.has(i)) {
      const level = headingLevel.get(i) as number;
      context.length = level;
      context[level] = info.firstText;
      headingCps.length = level;
      headingCps[level] = mark(i, normName(info.firstText));
      headingRows++;
      continue;
    }
    if (totalLabelled) {
      addTotal(info);
      const cp = matching(info, 1);
      if (!cp && !closesNamedRun(totalText, info))
        totalWarning(info, totalText, naturalCheckpoint(totalText));
      mark(i);
      continue;
    }
    if (info.textCount <= 2 && info.nonZero && mentionsTotal(info.firstText) && matching(info, 1)) {
      // "Parks Total Operating" that adds up the lines above it.
      addTotal(info);
      mark(i);
      continue;
    }
    if (
      info.idCount > 0 &&
      info.nonZero &&
      fieldsEmptyFrom(info, 4) &&
      (() => {
        const cp = matching(info, 2);
        return cp !== null && sameGroupSince(cp, info);
      })()
    ) {
      // A row naming only its group (department, program…) whose amounts add up the group's lines above it.
      addTotal(info);
      const cell = cellAddress(startRow + info.r, startCol + (ctx.amountCols[0] ?? 0));
      sink.cell(
        "budget.subtotal-by-sum",
        cell,
        `${sheetRef(name)}!${cell}: row ${startRow + info.r + 1} ("${info.fields.slice(0, 4).filter(Boolean).join(" / ")}") has no account or description and its amounts add up the lines above it, so it is read as a subtotal and not counted again.`
      );
      mark(i);
      continue;
    }
    if (
      info.idCount === 0 ||
      (info.textCount === 1 && context.some((h) => normName(h) === normName(info.firstText)))
    ) {
      // No words (or only the heading's name repeated): a total when it adds up the lines above it.
      const cp = info.nonZero ? matching(info, info.idCount === 0 ? 2 : 1) : null;
      if (cp) {
        addTotal(info);
        mark(i);
        continue;
      }
      if (info.idCount === 0 && info.textCount === 0 && !info.nonZero) continue;
      if (info.textCount === 0 && info.nonZero) {
        // Figures with no words that add up nothing above: counted, but nothing says what they are for.
        const k = info.amounts.findIndex((v) => v !== null && v !== 0);
        const cell = cellAddress(startRow + info.r, startCol + ctx.amountCols[Math.max(0, k)]);
        sink.cell(
          "budget.unplaced-line",
          cell,
          `${sheetRef(name)}!${cell}: row ${startRow + info.r + 1} has an amount but no text, and it is not a total of the lines above it, so it is counted as a line of its own that no goal can be found for. Give it a description, or clear it if it is a total.`
        );
      }
    }
    const fields = info.fields;
    carryDown(i, fields);
    for (let level = 0; level < context.length; level++) {
      const text = context[level];
      if (!text) continue;
      const role = roleFor(level, levels);
      if (role) {
        const f = FIELDS.indexOf(role);
        if (fields[f] === "") fields[f] = text;
      }
    }
    pushLine(info, fields, i);
  }
  if (outline.depth) closeParents(-1);
  return { lines, totals, headingRows };

  /** The text of the row that labels it a total, or "". */
  function totalLabelOf(info: RowInfo): string {
    if (isTotalLabel(info.firstText)) return info.firstText;
    for (const t of info.fields) if (t !== "" && t !== info.firstText && isTotalLabel(t)) return t;
    return "";
  }

  /** No account, account name or description (fields from index `from` on). */
  function fieldsEmptyFrom(info: RowInfo, from: number): boolean {
    for (let f = from; f < info.fields.length; f++) if (info.fields[f] !== "") return false;
    return true;
  }

  /** Every line since the checkpoint has the row's department, division, program and fund where the row has one. */
  function sameGroupSince(cp: Checkpoint, info: RowInfo): boolean {
    for (let k = cp.lines; k < lines.length; k++) {
      for (let f = 0; f < 4; f++) {
        const want = info.fields[f];
        if (want !== "" && normName(fieldOf(lines[k], f)) !== normName(want)) return false;
      }
    }
    return true;
  }

  /** "Total Patrol" adds up the lines just above it whose program (or another field) is "Patrol". */
  function closesNamedRun(label: string, info: RowInfo): boolean {
    const subject = totalSubject(label);
    if (subject === "") return false;
    const run = new Array<number>(amountCount).fill(0);
    let n = 0;
    for (let i = lines.length - 1; i >= 0 && n < 100_000; i--) {
      if (!FIELDS.some((f) => lines[i][f] !== "" && normName(lines[i][f]) === subject)) break;
      for (let k = 0; k < amountCount; k++) run[k] += cents(lines[i].amounts[amountIds[k]]);
      n++;
    }
    if (n === 0) return false;
    for (let k = 0; k < amountCount; k++) {
      const v = info.amounts[k];
      if (v === null || (k < 31 && info.blankMask & (1 << k))) continue;
      if (!(Math.abs(Math.round(v * 100) - run[k]) <= 1)) return false;
    }
    return true;
  }

  /**
   * A department (division, program, fund) merged down a block reads as blank below its first cell: a line
   * directly below another line (no heading, total or blank row between) takes the value above when its own cell
   * is blank and every higher field of the hierarchy is the same as above, so a new department never inherits
   * the previous department's program.
   */
  function carryDown(i: number, fields: string[]) {
    if (ctx.carry.length === 0 || lastLineAt !== i - 1 || i === 0) return;
    if (rows[i].r !== rows[i - 1].r + 1) return;
    const above = lines[lines.length - 1];
    for (const f of ctx.carry) {
      const a = fieldOf(above, f);
      if (fields[f] === "" && a !== "") fields[f] = a;
      else if (fields[f] !== a) return; // something new starts here: lower fields are its own
    }
  }

  function naturalCheckpoint(label: string): Checkpoint {
    const subject = totalSubject(label);
    if (
      subject === "" ||
      subject === "all funds" ||
      subject === "expenditures" ||
      /^(grand|all)\b/.test(normName(label))
    )
      return checkpoints[0];
    for (let k = headingCps.length - 1; k >= 0; k--)
      if (headingCps[k]?.heading === subject) return headingCps[k];
    return checkpoints[checkpoints.length - 1];
  }

  function pushLine(info: RowInfo, fields: string[], at: number) {
    for (const f of HIERARCHY) {
      const k = FIELDS.indexOf(f);
      const given = fixed[f];
      if (given !== undefined && fields[k] === "") fields[k] = given;
    }
    const amounts: Record<string, number | null> = {};
    for (let k = 0; k < amountCount; k++) amounts[amountIds[k]] = info.amounts[k];
    // The line as the reader returns it (its key and primary amount are set once every sheet is read).
    const line: BudgetLine = {
      key: "",
      sheet: name,
      row: startRow + info.r + 1,
      department: fields[0],
      division: fields[1],
      program: fields[2],
      fund: fields[3],
      account: fields[4],
      accountName: fields[5],
      description: fields[6],
      amounts,
      amount: 0,
    };
    if (ctx.tagCol >= 0) {
      line.tagCell = cellAddress(startRow + info.r, startCol + ctx.tagCol);
      const t = cellText(info.tagRaw);
      if (t !== "") line.tagText = t;
    }
    if (ctx.fteCol >= 0) {
      const v = info.fteRaw;
      const p = typeof v === "number" ? null : parseAmount(v);
      const fte = p ? (p.status === "number" ? p.value : null) : v;
      if (typeof fte === "number" && Number.isFinite(fte)) line.fte = fte;
    }
    lines.push(line);
    lastLineAt = at;
    lineCount++;
    for (let k = 0; k < amountCount; k++) sums[k] += cents(info.amounts[k]);
  }
}

/**
 * Amounts shown together as money: whole dollars ("$1,234") when every one is whole, else all with cents
 * ("$1,234.50", "$99.00"), so figures side by side line up and never show a lone tenth ("$1,234.5").
 */
export function moneyAll(ns: number[]): string[] {
  const cents = ns.some((n) => Math.round(Math.abs(n) * 100) % 100 !== 0);
  return ns.map((n) => {
    const rounded = Math.round(n * 100) / 100;
    const s = Math.abs(rounded).toLocaleString("en-US", {
      minimumFractionDigits: cents ? 2 : 0,
      maximumFractionDigits: cents ? 2 : 0,
    });
    return rounded < 0 ? `-$${s}` : `$${s}`;
  });
}

/**
 * Sums of money rounded to the cent, so totals read back exactly. Beyond 2^52 a double holds no cents (and
 * multiplying by 100 could overflow to Infinity), so such a number is already as exact as it can be.
 */
export function roundMoney(n: number): number {
  if (!Number.isFinite(n) || Math.abs(n) >= 2 ** 52) return n;
  return Math.round(n * 100) / 100;
}

/**
 * A running sum of amounts, compensated (Neumaier) so that adding a small amount to a huge one, or many cents,
 * loses nothing the result can hold. `add` refuses (returns false, sum unchanged) an amount that would carry the
 * sum past the largest finite number, so a total is never Infinity when the true sum cannot be held.
 */
export class MoneySum {
  private sum = 0;
  private carry = 0;
  add(x: number): boolean {
    if (!Number.isFinite(x)) return false;
    const t = this.sum + x;
    if (!Number.isFinite(t)) {
      // The true sum may still be finite once the carry is counted (e.g. a rounding carry of the opposite sign).
      const exact = this.sum + (this.carry + x);
      if (!Number.isFinite(exact)) return false;
      this.sum = exact;
      this.carry = 0;
      return true;
    }
    if (Math.abs(this.sum) >= Math.abs(x)) this.carry += this.sum - t + x;
    else this.carry += x - t + this.sum;
    this.sum = t;
    return true;
  }
  value(): number {
    const v = this.sum + this.carry;
    return Number.isFinite(v) ? v : this.sum;
  }
}

/** A number as Excel shows a very large one: 9.99999999999999E+307; ordinary amounts with separators. */
function numberShown(n: number): string {
  if (Math.abs(n) < 1e15) return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return n.toExponential().replace("e", "E").replace(/E(\d)/, "E+$1");
}
