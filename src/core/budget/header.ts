/**
 * Finding a budget sheet's header row (anywhere in the first 30 rows, below title rows; possibly split over two
 * rows; possibly "merged" — text in the first cell of a group, blanks after) and the role of each column, from
 * its header text and the values under it.
 */
import type { AmountKind, CellValue, ColumnRole } from "../types";
import { LINE_TEXT_FIELDS } from "../types";
import { parseAmount } from "./amounts";
import { cellText, normHeader } from "./cells";

/** Rows searched for the header. */
export const HEADER_SEARCH_ROWS = 30;
/** Rows below the header sampled to check what a column holds. */
const SAMPLE_ROWS = 300;

export interface ColumnGuess {
  /** Index into the sheet's value rows (add startCol for the worksheet column). */
  c: number;
  header: string;
  role: ColumnRole;
  amountKind?: AmountKind;
  fiscalYear?: number | null;
  /** The values are codes (5110, "10-100", "GF01") rather than names. */
  code: boolean;
}

export interface HeaderInfo {
  /** Index into values of the (last) header row. */
  index: number;
  /** Index into values of the first header row (index - 1 or - 2 for headers of two or three rows). */
  firstIndex: number;
  columns: ColumnGuess[];
}

// ---------------------------------------------------------------------------------------------
// Header words
// ---------------------------------------------------------------------------------------------

type NameRole = Exclude<ColumnRole, "amount" | "ignore" | "fte">;

interface Alias {
  role: NameRole;
  /** 1 = the usual name, 2 = a synonym; the better one wins when two columns claim a role. */
  rank: number;
  code?: boolean;
}

const ALIASES = new Map<string, Alias>();
function alias(role: NameRole, rank: number, names: string[], code = false) {
  for (const n of names) ALIASES.set(n, { role, rank, code });
}
alias("tag", 1, [
  "goal",
  "goals",
  "goal id",
  "goal ids",
  "goal #",
  "strategic goal",
  "strategic goals",
  "strategic goal id",
  "priority",
  "strategic priority",
  "plan goal",
  "council goal",
  "council priority",
  "goal tag",
  "tag",
  "tags",
]);
alias("department", 1, [
  "department",
  "dept",
  "department name",
  "dept name",
  "departments",
  "home department",
]);
alias("department", 2, [
  "department description",
  "dept description",
  "dept desc",
  "agency",
  "agency name",
  "bureau",
  "bureau name",
  "bureaus",
  "service area",
  "service area name",
  "cabinet",
]);
alias(
  "department",
  3,
  [
    "department code",
    "dept code",
    "dept no",
    "dept #",
    "department number",
    "dept number",
    "dept id",
    "department id",
    "agency code",
    "bureau code",
    "service area code",
  ],
  true
);
alias("division", 1, [
  "division",
  "div",
  "division name",
  "section",
  "unit",
  "org",
  "organization",
  "org unit",
  "org description",
  "org name",
  "organization name",
  "cost center",
  "cost centre",
  "cost center name",
  "division description",
  "subdepartment",
  "sub department",
]);
alias(
  "division",
  3,
  [
    "division code",
    "div code",
    "org code",
    "org no",
    "org #",
    "organization code",
    "org number",
    "cost center code",
  ],
  true
);
alias("program", 1, [
  "program",
  "program name",
  "programs",
  "program title",
  "service",
  "service name",
  "program/service",
  "program service",
]);
alias("program", 2, [
  "activity",
  "activity name",
  "sub program",
  "subprogram",
  "program activity",
  "service line",
]);
alias(
  "program",
  3,
  [
    "program code",
    "program number",
    "program no",
    "program #",
    "program id",
    "activity code",
    "sub program code",
    "subprogram code",
  ],
  true
);
alias("fund", 1, ["fund", "fund name", "fund description", "fund title", "funding source"]);
alias("fund", 3, ["fund code", "fund no", "fund #", "fund number", "fund id"], true);
alias("account", 1, [
  "account",
  "acct",
  "account code",
  "account number",
  "acct no",
  "acct #",
  "account no",
  "account #",
  "object",
  "object code",
  "obj",
  "obj code",
  "object no",
  "gl account",
  "gl code",
  "g/l account",
  "account id",
  "line item code",
  "expense code",
  "account string",
  "full account",
]);
alias("accountName", 1, [
  "account name",
  "account description",
  "acct description",
  "acct desc",
  "account desc",
  "acct name",
  "object name",
  "object description",
  "obj description",
  "object desc",
  "account title",
  "line item",
  "line item name",
  "expense type",
  "object class",
]);
alias("accountName", 2, [
  "account category",
  "expense category",
  "category",
  "account type",
  "object category",
  "character",
  "expenditure type",
  "major object",
]);
alias("description", 1, [
  "description",
  "desc",
  "details",
  "detail",
  "program description",
  "line description",
  "item description",
  "purpose",
  "narrative",
  "explanation",
  "line item description",
  "item",
  "service description",
]);

/** Words that make a header an amount header. */
const AMOUNT_WORDS = new Set([
  "budget",
  "budgeted",
  "adopted",
  "proposed",
  "actual",
  "actuals",
  "revised",
  "amended",
  "ytd",
  "appropriation",
  "appropriations",
  "appropriated",
  "amount",
  "amounts",
  "expenditure",
  "expenditures",
  "expense",
  "expenses",
  "total",
  "estimate",
  "estimated",
  "recommended",
  "requested",
  "request",
  "approved",
  "projected",
  "projection",
  "forecast",
  "spent",
  "cost",
  "costs",
  "allocation",
  "funding",
  "original",
  "modified",
  "current",
  "preliminary",
  "enacted",
  "dollars",
  "$",
  "base",
]);

/** Words that make a numeric column something other than money. */
const NOT_AMOUNT_WORDS = new Set([
  "fte",
  "ftes",
  "position",
  "positions",
  "headcount",
  "percent",
  "%",
  "pct",
  "change",
  "variance",
  "difference",
  "diff",
  "inc",
  "dec",
  "increase",
  "decrease",
  "count",
  "n",
  "lineitems",
  "items",
  "rank",
  "page",
  "row",
  "id",
  "code",
  "no",
  "number",
  "#",
  "year",
  "date",
  "rate",
  "ratio",
  "score",
  "units",
  "hours",
  "quantity",
  "qty",
]);

function words(h: string): string[] {
  return h.split(/[\s/-]+/).filter((w) => w !== "");
}

/** The fiscal year a header names: "FY 2025-26 Adopted" → 2026, "FY26" → 2026, "2026 Budget" → 2026. */
export function fiscalYearOf(header: string): number | null {
  const h = header.toLowerCase().replace(/_/g, " ");
  let m = /(?:^|[^0-9])((?:19|20)\d{2})\s*[-–/ ]\s*'?(\d{4}|\d{2})(?![0-9])/.exec(h);
  if (m) {
    const a = Number(m[1]);
    const b = m[2].length === 2 ? Math.floor(a / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (b === a + 1 || (m[2].length === 2 && b + 100 === a + 1)) return a + 1;
  }
  m = /(?:^|[^a-z])fy\s*'?(\d{2})\s*[-–/]\s*'?(\d{2})(?![0-9])/.exec(h);
  if (m) return 2000 + Number(m[2]);
  m = /(?:^|[^a-z])fy\s*'?((?:19|20)\d{2})(?![0-9])/.exec(h);
  if (m) return Number(m[1]);
  m = /(?:^|[^a-z])fy\s*'?(\d{2})(?![0-9])/.exec(h);
  if (m) return 2000 + Number(m[1]);
  m = /(?:^|[^0-9])((?:19|20)\d{2})(?![0-9])/.exec(h);
  if (m) return Number(m[1]);
  return null;
}

/** What an amount header says the figures are. */
export function amountKindOf(header: string): AmountKind {
  const ws = new Set(words(normHeader(header).replace(/year[\s-]+to[\s-]+date/g, "ytd")));
  const has = (...xs: string[]) => xs.some((x) => ws.has(x));
  if (has("ytd", "mid", "midyear") && has("ytd", "actual", "actuals", "spent", "expended"))
    return "ytd";
  if (has("ytd")) return "ytd";
  if (has("revised", "amended", "modified", "adjusted", "current")) return "revised";
  if (has("proposed", "recommended", "requested", "request", "preliminary")) return "proposed";
  if (has("adopted", "approved", "enacted", "original")) return "adopted";
  if (has("actual", "actuals", "expended", "spent", "audited")) return "actual";
  if (
    has(
      "budget",
      "budgeted",
      "appropriation",
      "appropriations",
      "appropriated",
      "amount",
      "amounts",
      "allocation",
      "funding",
      "total",
      "dollars",
      "base"
    )
  )
    return "budget";
  if (fiscalYearOf(header) !== null) return "budget";
  return "other";
}

/** Words that name staff positions: a numeric column so headed is the lines' FTE count (never money). */
const FTE_WORDS = new Set(["fte", "ftes", "position", "positions", "headcount"]);

/** True when a header names staff positions ("FTE", "FY 2026-27 FTEs", "Positions", "Full-time equivalents"). */
export function isFteHeader(header: string): boolean {
  const h = normHeader(header);
  if (/\bfull[\s-]*time equivalents?\b/.test(h)) return true;
  const ws = words(h);
  // "Position code", "Position title": names, not counts.
  if (ws.some((w) => ["code", "title", "name", "no", "number", "#", "id", "class"].includes(w)))
    return false;
  return ws.some((w) => FTE_WORDS.has(w));
}

/** How strongly a header says "amount": 2 = amount words, 1 = only a year, 0 = no, -1 = not money (FTE, %). */
export function amountHeaderScore(header: string): number {
  const h = normHeader(header);
  if (h === "") return 0;
  const ws = words(h);
  if (ws.some((w) => NOT_AMOUNT_WORDS.has(w))) return -1;
  if (ws.some((w) => AMOUNT_WORDS.has(w))) return 2;
  if (fiscalYearOf(header) !== null) return 1;
  return 0;
}

/** The role a header names on its own, if any. */
export function aliasOf(header: string): Alias | null {
  const h = normHeader(header);
  if (h === "") return null;
  const exact = ALIASES.get(h);
  if (exact) return exact;
  // "Dept." "Department:" "Account Description (Object)" → strip a trailing parenthetical / number sign.
  const stripped = h.replace(/\s*\(.*\)$/, "").replace(/\s+(no|#|name)$/, (s) => s);
  if (stripped !== h && ALIASES.has(stripped)) return ALIASES.get(stripped) ?? null;
  const ws = words(h);
  if (
    ws.some((w) => NOT_AMOUNT_WORDS.has(w)) &&
    !ws.some((w) => w === "code" || w === "no" || w === "number" || w === "#" || w === "id")
  )
    return null;
  const isCode = ws.some(
    (w) => w === "code" || w === "no" || w === "number" || w === "#" || w === "id"
  );
  if (ws.includes("goal") || ws.includes("goals")) return null;
  if (ws.includes("department") || ws.includes("dept"))
    return { role: "department", rank: isCode ? 3 : 4, code: isCode };
  if (ws.includes("division")) return { role: "division", rank: isCode ? 3 : 4, code: isCode };
  if (ws.includes("program") || ws.includes("programs")) {
    if (ws.includes("description")) return { role: "description", rank: 2 };
    return { role: "program", rank: isCode ? 3 : 4, code: isCode };
  }
  if (ws.includes("fund") && !ws.some((w) => AMOUNT_WORDS.has(w)))
    return { role: "fund", rank: isCode ? 3 : 4, code: isCode };
  if (
    (ws.includes("account") || ws.includes("acct") || ws.includes("object")) &&
    !ws.some((w) => AMOUNT_WORDS.has(w))
  ) {
    if (ws.some((w) => w === "description" || w === "desc" || w === "name" || w === "title"))
      return { role: "accountName", rank: 3 };
    return { role: "account", rank: 3, code: true };
  }
  if (ws.includes("description") || ws.includes("desc")) return { role: "description", rank: 3 };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

const isYearNumber = (v: CellValue | undefined) =>
  typeof v === "number" && Number.isInteger(v) && v >= 1990 && v <= 2100;

/** Header cell text: strings, and numbers only when they are years (a "2026" header). */
function headerCellText(v: CellValue | undefined): string {
  if (typeof v === "string") return cellText(v);
  if (isYearNumber(v)) return String(v);
  return "";
}

/** A row that could be (part of) a header: text only (years allowed), no amounts, at least `min` cells. */
function headerLike(row: CellValue[] | undefined, min: number): boolean {
  if (!row) return false;
  let n = 0;
  for (const v of row) {
    if (v === null || v === "" || v === undefined) continue;
    if (typeof v === "number") {
      if (!isYearNumber(v)) return false;
    } else if (typeof v === "string") {
      const t = v.trim();
      if (t === "") continue;
      if (parseAmount(t).status === "number" && !/^(?:19|20)\d{2}$/.test(t)) return false;
    } else return false;
    n++;
  }
  return n >= min;
}

function nonEmptyCols(row: CellValue[] | undefined): number[] {
  const out: number[] = [];
  if (!row) return out;
  for (let c = 0; c < row.length; c++) if (headerCellText(row[c]) !== "") out.push(c);
  return out;
}

/** How header-like a row's words are: recognised column names and amount headers. */
function rowScore(row: CellValue[]): { score: number; amounts: number } {
  let score = 0;
  let amounts = 0;
  for (const v of row) {
    const t = headerCellText(v);
    if (t === "" || t.length > 60) continue;
    if (aliasOf(t)) score += 1;
    else if (amountHeaderScore(t) > 0) {
      score += 1;
      amounts++;
    }
  }
  return { score, amounts };
}

/**
 * Header text per column, joining a header of two or three rows ("FY26" over "Adopted" → "FY26 Adopted"). An upper
 * cell's text carries right over the blank upper cells of the columns it spans (a merged "FY 2025-26" over Adopted
 * and Proposed); a column whose own lowest text names a field ("Goal", "Department") is that field, whatever
 * stands or carries above it (a "FY 2026-27" spanning right does not make "Goal" an amount).
 */
function headerTexts(values: CellValue[][], first: number, last: number, width: number): string[] {
  const lower = values[last] ?? [];
  const out: string[] = [];
  if (first === last) {
    for (let c = 0; c < width; c++) out.push(headerCellText(lower[c]));
    return out;
  }
  const carried: string[] = new Array(last - first).fill("");
  for (let c = 0; c < width; c++) {
    const l = headerCellText(lower[c]);
    const parts: string[] = [];
    for (let r = first; r < last; r++) {
      const u = headerCellText(values[r]?.[c]);
      const k = r - first;
      if (u !== "") carried[k] = u;
      else if (l === "") carried[k] = "";
      const top = u !== "" ? u : l !== "" ? carried[k] : "";
      // (not when the text below already says it: "FY 2026-27" over "FY 2026-27 Alignment")
      if (top && !l.toLowerCase().includes(top.toLowerCase())) parts.push(top);
    }
    const own = l ? aliasOf(l) : null;
    if (own && !aliasOf([...parts, l].join(" "))) out.push(l);
    else out.push([...parts, l].filter((t) => t).join(" "));
  }
  return out;
}

/** Finds the header row(s) and each column's role. Null when no row looks like a budget header. */
export function findHeader(values: CellValue[][], firstRow = 0): HeaderInfo | null {
  // The first 30 rows of the used range (the sheet's first 30 when it starts at row 1; a range that starts lower
  // down has nothing above it to search).
  void firstRow;
  const limit = Math.min(values.length, HEADER_SEARCH_ROWS);
  const candidates: { i: number; score: number }[] = [];
  for (let i = 0; i < limit; i++) {
    const row = values[i];
    if (!headerLike(row, 2)) continue;
    const { score } = rowScore(row);
    if (score > 0) candidates.push({ i, score });
  }
  candidates.sort((a, b) => b.score - a.score || a.i - b.i);
  for (const cand of candidates.slice(0, 8)) {
    const info = headerAt(values, cand.i);
    if (info) return info;
  }
  return null;
}

function headerAt(values: CellValue[][], i: number): HeaderInfo | null {
  let first = i;
  let last = i;
  const below = values[i + 1];
  const above = i > 0 ? values[i - 1] : undefined;
  if (headerLike(below, 2) && rowScore(below ?? []).score > 0 && coversNew(values[i], below))
    last = i + 1;
  else if (headerLike(above, 1) && upperPart(above, values[i])) {
    first = i - 1;
    // A third row on top ("FY 2025-26" over "Adopted" over "Budget").
    const top = i > 1 ? values[i - 2] : undefined;
    if (headerLike(top, 1) && upperPart(top, values[i - 1])) first = i - 2;
  }
  let width = 0;
  for (let r = first; r <= last; r++) width = Math.max(width, values[r]?.length ?? 0);
  const dataStart = last + 1;
  for (let r = dataStart; r < Math.min(values.length, dataStart + SAMPLE_ROWS); r++)
    width = Math.max(width, values[r]?.length ?? 0);
  const texts = headerTexts(values, first, last, width);
  const columns = inferColumns(values, texts, dataStart);
  if (!columns.some((c) => c.role === "amount")) return null;
  return { index: last, firstIndex: first, columns };
}

/** The row below adds header text the row itself lacks (a two-row header), rather than repeating it. */
function coversNew(row: CellValue[] | undefined, below: CellValue[] | undefined): boolean {
  const a = new Set(nonEmptyCols(row));
  const b = nonEmptyCols(below);
  return (
    b.some((c) => !a.has(c)) || (b.length > 0 && b.every((c) => a.has(c)) && b.length < a.size)
  );
}

/** The row above is the top half of a two-row header (not a title in the first column). */
function upperPart(above: CellValue[] | undefined, row: CellValue[] | undefined): boolean {
  const up = nonEmptyCols(above);
  const low = nonEmptyCols(row);
  if (up.length === 0 || low.length === 0) return false;
  if (up.length === 1 && up[0] <= low[0]) return false; // a title row
  return up.every((c) => low.includes(c) || low.some((l) => l > c));
}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

interface Sample {
  nonBlank: number;
  /** Texts that are goal IDs ("G4.2", "G1.1; G3.2"). */
  goalIds: number;
  amounts: number;
  numbers: number;
  codes: number;
  texts: number;
  longTexts: number;
}

const CODE = /^[A-Za-z]{0,4}[-.]?\d[\w.-]*$/;

/** One goal ID as plans write them: a letter or two and dotted numbers ("G4.2", "SG1.2.3", "G3"). */
const GOAL_ID = /^[A-Za-z]{1,3}-?\d{1,2}(?:\.\d{1,2}){0,3}[a-z]?$/;

/** A cell of goal IDs ("G4.2", "G1.1; G3.2"): every part is a goal ID and one has a dot or starts with G. */
export function isGoalIdText(text: string): boolean {
  if (text.length > 60) return false;
  const parts = text.split(/\s*[;,/&]\s*|\s+/).filter((p) => p !== "");
  return (
    parts.length > 0 &&
    parts.every((p) => GOAL_ID.test(p)) &&
    parts.some((p) => p.includes(".") || /^g/i.test(p))
  );
}

/** Rows not to judge a column by: headings (one cell) and total rows. */
const TOTAL_LABEL = /^(?:grand\s+total|sub-?\s*total|total|totals)\b|\btotals?:?$/i;

function sampleColumn(values: CellValue[][], c: number, from: number, skip: Uint8Array): Sample {
  const s: Sample = {
    nonBlank: 0,
    goalIds: 0,
    amounts: 0,
    numbers: 0,
    codes: 0,
    texts: 0,
    longTexts: 0,
  };
  const to = Math.min(values.length, from + SAMPLE_ROWS);
  for (let r = from; r < to; r++) {
    if (skip[r - from]) continue;
    const v = values[r]?.[c];
    if (v === null || v === undefined || v === "") continue;
    if (typeof v === "string" && v.trim() === "") continue;
    s.nonBlank++;
    if (typeof v === "number") {
      s.numbers++;
      s.amounts++;
      if (Number.isInteger(v) && v >= 0 && v < 1e9) s.codes++;
      continue;
    }
    if (typeof v !== "string") {
      s.amounts++; // TRUE/FALSE: not a name; the reader reports it as not an amount
      continue;
    }
    const t = v.trim();
    if (isGoalIdText(t)) s.goalIds++;
    const p = parseAmount(t);
    if (
      p.status === "number" ||
      p.status === "blank" ||
      p.status === "missing" ||
      p.status === "error"
    )
      s.amounts++;
    if (t.length <= 16 && !t.includes(" ") && CODE.test(t)) s.codes++;
    else if (p.status === "invalid") {
      s.texts++;
      if (t.length > 30) s.longTexts++;
    }
  }
  return s;
}

function inferColumns(values: CellValue[][], texts: string[], dataStart: number): ColumnGuess[] {
  const cols: (ColumnGuess & { rank: number; sample: Sample })[] = [];
  let mergedFrom: { header: string; alias: Alias | null } | null = null;
  const to = Math.min(values.length, dataStart + SAMPLE_ROWS);
  const skip = new Uint8Array(Math.max(0, to - dataStart));
  for (let r = dataStart; r < to; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    let n = 0;
    let first = "";
    for (const v of row) {
      const t = cellText(v);
      if (t === "") continue;
      if (n === 0) first = t;
      n++;
    }
    if (n <= 1 || TOTAL_LABEL.test(first)) skip[r - dataStart] = 1;
  }
  for (let c = 0; c < texts.length; c++) {
    const sample = sampleColumn(values, c, dataStart, skip);
    let header = texts[c];
    let merged = false;
    if (header === "" && mergedFrom && sample.nonBlank > 0) {
      header = mergedFrom.header;
      merged = true;
    }
    const a = header ? aliasOf(header) : null;
    if (texts[c] !== "") mergedFrom = { header: texts[c], alias: a };
    const numeric =
      sample.nonBlank > 0 &&
      sample.amounts >= sample.nonBlank * 0.6 &&
      sample.texts <= sample.nonBlank * 0.4;
    const guess: ColumnGuess & { rank: number; sample: Sample } = {
      c,
      header: texts[c] || (merged ? header : ""),
      role: "ignore",
      code: false,
      rank: 9,
      sample,
    };
    const amountScore = header ? amountHeaderScore(header) : 0;
    const goalIds = sample.nonBlank > 0 && sample.goalIds >= sample.nonBlank * 0.6;
    if (goalIds && (!a || a.role === "tag")) {
      // A column of goal IDs is the Goal column, whatever its header says (never an amount).
      guess.role = "tag";
      guess.rank = a ? a.rank : 2;
    } else if (a) {
      guess.role = a.role;
      guess.rank = a.rank;
      guess.code = (a.code ?? false) || (sample.codes > 0 && sample.codes >= sample.nonBlank * 0.5);
      if (merged) guess.rank += 1;
    } else if (amountScore > 0 && (numeric || sample.nonBlank === 0)) {
      guess.role = "amount";
      guess.amountKind = amountKindOf(header);
      guess.fiscalYear = fiscalYearOf(header);
    } else if (header && numeric && isFteHeader(header)) {
      guess.role = "fte";
    } else if (
      amountScore === 0 &&
      header !== "" &&
      sample.longTexts >= Math.max(1, sample.nonBlank * 0.5)
    ) {
      guess.role = "description";
      guess.rank = 6;
    }
    cols.push(guess);
  }
  resolveDuplicates(cols);
  return cols.map(({ c, header, role, amountKind, fiscalYear, code }) =>
    role === "amount"
      ? { c, header, role, amountKind, fiscalYear, code }
      : { c, header, role, code }
  );
}

/** When two columns claim one role (a code and a name, two department columns), the better one keeps it. */
function resolveDuplicates(cols: (ColumnGuess & { rank: number; sample: Sample })[]): void {
  // One FTE column: the first (a sheet with several years of FTEs counts the first, as with a tag column).
  cols
    .filter((g) => g.role === "fte")
    .slice(1)
    .forEach((g) => (g.role = "ignore"));
  const roles: NameRole[] = ["tag", ...LINE_TEXT_FIELDS];
  for (const role of roles) {
    const claim = cols.filter((g) => g.role === role);
    if (claim.length === 0) continue;
    if (role === "tag") {
      // The Goal column by its name first (rank 1), else the first column of goal IDs.
      claim.sort((a, b) => a.rank - b.rank || a.c - b.c);
      claim.slice(1).forEach((g) => (g.role = "ignore"));
      continue;
    }
    const preferCode = role === "account";
    claim.sort(
      (a, b) =>
        (preferCode ? Number(b.code) - Number(a.code) : Number(a.code) - Number(b.code)) ||
        a.rank - b.rank ||
        a.c - b.c
    );
    for (const loser of claim.slice(1)) {
      loser.role = "ignore";
      if (role === "account" && !loser.code && !cols.some((g) => g.role === "accountName"))
        loser.role = "accountName";
    }
  }
  // An "Account" column of names (no codes) is the account name.
  const acct = cols.find((g) => g.role === "account");
  if (
    acct &&
    !acct.code &&
    acct.sample.texts > acct.sample.codes &&
    !cols.some((g) => g.role === "accountName")
  )
    acct.role = "accountName";
}
