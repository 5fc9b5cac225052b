/**
 * The state Budget Alignment keeps with the workbook: manual tags, rules, column-role overrides, the chosen
 * amount column and budget sheets, and review answers.
 *
 * Both ports store it the same way, in a very-hidden worksheet (see README, "Where the add-in keeps its state"):
 * column A holds the JSON in chunks of at most STATE_CHUNK characters, one per row from A1, after a marker row.
 * These functions are pure; every update returns a new state and never mutates the old one.
 */
import type { ColumnRole, Issue, ManualTag, ReviewAnswer, Rule, WorkbookState } from "./types";

export const STATE_SHEET_NAME = "_BudgetAlignmentState";
/** First cell of the state sheet: identifies the sheet and the storage format. */
export const STATE_MARKER = "Budget Alignment state v1 (managed by the add-in; do not edit)";
/** Excel allows 32,767 characters in a cell; stay well below. */
export const STATE_CHUNK = 30000;

export function emptyState(): WorkbookState {
  return { version: 1, tags: {}, rules: [], columnOverrides: {}, reviewAnswers: {} };
}

/** The rows of column A of the state sheet: the marker, then the JSON in chunks. */
export function serializeState(state: WorkbookState): string[] {
  const json = JSON.stringify(state);
  const rows = [STATE_MARKER];
  for (let i = 0; i < json.length;) {
    let end = Math.min(i + STATE_CHUNK, json.length);
    // Never split a character written as a surrogate pair (an emoji, some CJK): half of one cannot be stored in
    // an .xlsx cell (it is not valid UTF-8), so the state would come back unreadable.
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    rows.push(json.slice(i, end));
    i = end;
  }
  return rows;
}

const stateIssue = (message: string): Issue => ({
  severity: "warning",
  code: "state.unreadable",
  message,
  sheet: STATE_SHEET_NAME,
  cell: "A1",
});

/**
 * Reads the rows written by serializeState. Anything unreadable gives an empty state and a warning; the caller
 * must then not overwrite the stored state blindly (see `isEmptyState`).
 *
 * A port that writes the new copy below the old one before removing the old rows (the Excel port does, so a
 * failure in between loses nothing) can leave two copies: then the last copy that reads wins, in every port.
 */
export function parseState(rows: unknown[]): { state: WorkbookState; issues: Issue[] } {
  const cells = rows.map((r) => (r === null || r === undefined ? "" : String(r)));
  const markers: number[] = [];
  cells.forEach((c, i) => {
    if (c === STATE_MARKER) markers.push(i);
  });
  if (markers.length > 1) {
    for (let i = markers.length - 1; i >= 0; i--) {
      const copy = parseOneCopy(cells.slice(markers[i], markers[i + 1] ?? cells.length));
      if (copy.issues.length === 0) return copy;
    }
    return parseOneCopy(cells.slice(markers[markers.length - 1]));
  }
  return parseOneCopy(markers.length === 1 ? cells.slice(markers[0]) : cells);
}

function parseOneCopy(cells: string[]): { state: WorkbookState; issues: Issue[] } {
  if (cells.length === 0 || cells.every((c) => c === ""))
    return { state: emptyState(), issues: [] };
  const body = cells[0] === STATE_MARKER ? cells.slice(1) : cells;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.join(""));
  } catch {
    return {
      state: { ...emptyState(), unreadable: body.join("") },
      issues: [
        stateIssue(
          "The add-in's saved tags and answers could not be read (the hidden state sheet was changed by hand). " +
            "They are kept as they were; tags typed in the budget sheet's Goal column and answers in the Review sheet still count."
        ),
      ],
    };
  }
  return { state: normaliseState(parsed), issues: [] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Accepts stored JSON from any earlier version and fills in what is missing. */
export function normaliseState(raw: unknown): WorkbookState {
  const base = emptyState();
  if (!isRecord(raw)) return base;
  const state: WorkbookState = {
    ...base,
    tags: isRecord(raw.tags) ? (raw.tags as Record<string, ManualTag>) : {},
    rules: Array.isArray(raw.rules) ? (raw.rules as Rule[]) : [],
    columnOverrides: isRecord(raw.columnOverrides)
      ? (raw.columnOverrides as Record<string, Record<string, ColumnRole>>)
      : {},
    reviewAnswers: isRecord(raw.reviewAnswers)
      ? (raw.reviewAnswers as Record<string, ReviewAnswer>)
      : {},
  };
  if (typeof raw.amountColumn === "string") state.amountColumn = raw.amountColumn;
  if (Array.isArray(raw.budgetSheets))
    state.budgetSheets = raw.budgetSheets.filter((s) => typeof s === "string");
  if (typeof raw.threshold === "number" && raw.threshold >= 0 && raw.threshold <= 1)
    state.threshold = raw.threshold;
  if (typeof raw.unreadable === "string") state.unreadable = raw.unreadable;
  if (Array.isArray(raw.generatedSheets))
    state.generatedSheets = raw.generatedSheets.filter((s) => typeof s === "string");
  return state;
}

export function isEmptyState(state: WorkbookState): boolean {
  return (
    Object.keys(state.tags).length === 0 &&
    state.rules.length === 0 &&
    Object.keys(state.columnOverrides).length === 0 &&
    Object.keys(state.reviewAnswers).length === 0 &&
    state.amountColumn === undefined &&
    state.unreadable === undefined &&
    (state.budgetSheets === undefined || state.budgetSheets.length === 0) &&
    state.threshold === undefined
  );
}

/**
 * Sets an own property even when the key is "__proto__" (a plain assignment would change the object's prototype
 * instead, and the tag would silently vanish from the stored JSON). Line keys come from budget text, so any key
 * is possible.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The record's own value for a key, never a member of Object.prototype ("constructor", "toString"…). */
export function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function setManualTag(
  state: WorkbookState,
  key: string,
  tag: ManualTag | null
): WorkbookState {
  const tags = { ...state.tags };
  if (tag) setOwn(tags, key, tag);
  else delete tags[key];
  return { ...state, tags };
}

export function addRule(state: WorkbookState, rule: Rule): WorkbookState {
  return { ...state, rules: [...state.rules, rule] };
}

export function removeRule(state: WorkbookState, index: number): WorkbookState {
  return { ...state, rules: state.rules.filter((_, i) => i !== index) };
}

export function setReviewAnswer(state: WorkbookState, answer: ReviewAnswer): WorkbookState {
  return { ...state, reviewAnswers: { ...state.reviewAnswers, [answer.programKey]: answer } };
}

export function setColumnOverride(
  state: WorkbookState,
  sheet: string,
  letter: string,
  role: ColumnRole | null
): WorkbookState {
  const forSheet = { ...(state.columnOverrides[sheet] ?? {}) };
  if (role) forSheet[letter.toUpperCase()] = role;
  else delete forSheet[letter.toUpperCase()];
  const columnOverrides = { ...state.columnOverrides, [sheet]: forSheet };
  if (Object.keys(forSheet).length === 0) delete columnOverrides[sheet];
  return { ...state, columnOverrides };
}

export function setAmountColumn(state: WorkbookState, header: string | null): WorkbookState {
  const next = { ...state };
  if (header) next.amountColumn = header;
  else delete next.amountColumn;
  return next;
}

export function setBudgetSheets(state: WorkbookState, sheets: string[]): WorkbookState {
  return { ...state, budgetSheets: [...sheets] };
}

export function withGeneratedSheets(state: WorkbookState, names: string[]): WorkbookState {
  const all = new Set([...(state.generatedSheets ?? []), ...names]);
  return { ...state, generatedSheets: [...all] };
}

export function setThreshold(state: WorkbookState, threshold: number | null): WorkbookState {
  const next = { ...state };
  if (threshold === null) delete next.threshold;
  else next.threshold = Math.min(1, Math.max(0, threshold));
  return next;
}
