/**
 * The state Budget Alignment keeps with the workbook: manual tags, rules, column-role overrides, the chosen
 * amount column and budget sheets, and review answers.
 *
 * Both ports store it the same way, in a very-hidden worksheet (see README, "Where the add-in keeps its state"):
 * column A holds the JSON in chunks of at most STATE_CHUNK characters, one per row from A1, after a marker row.
 * These functions are pure; every update returns a new state and never mutates the old one.
 */
import type {
  ColumnRole,
  Issue,
  ManualTag,
  PbbSettings,
  ProgramInputs,
  ReviewAnswer,
  Rule,
  WorkbookState,
} from "./types";

export const STATE_SHEET_NAME = "_BudgetAlignmentState";
/** First cell of the state sheet: identifies the sheet and the storage format. */
export const STATE_MARKER = "Budget Alignment state v1 (managed by the add-in; do not edit)";
/** Excel allows 32,767 characters in a cell; stay well below. */
export const STATE_CHUNK = 30000;

/**
 * The version of the stored JSON. 2: tags and answers carry when they were made and by whom, and `seen` records
 * what the Goal cells and Review answers held at the last run (so the newest decision wins). A version-1 state is
 * read as it was and written back as version 2; a version-1 add-in reading a version-2 state warns and keeps
 * what it does not know.
 */
export const STATE_VERSION = 2;

/** Any version's marker: a newer add-in may write "… state v2 …"; its JSON is read as far as this version can. */
const ANY_MARKER = /^Budget Alignment state v\d+\b/;

export function emptyState(): WorkbookState {
  return { version: STATE_VERSION, tags: {}, rules: [], columnOverrides: {}, reviewAnswers: {} };
}

/** The rows of column A of the state sheet: the marker, then the JSON in chunks. */
export function serializeState(state: WorkbookState): string[] {
  const { extra, newerVersion, ...known } = state;
  // What this version manages, under the stored version number, plus a newer version's fields. A field this
  // version could not read keeps its stored value unless it was filled in here since.
  // Known fields in one fixed order, so the same state is always stored as the same text.
  const out: Record<string, unknown> = { version: newerVersion ?? STATE_VERSION };
  for (const k of KNOWN_FIELDS) {
    const v = (known as Record<string, unknown>)[k];
    if (k !== "version" && v !== undefined) out[k] = v;
  }
  for (const [k, v] of Object.entries(extra ?? {})) {
    if (isBlank(getOwn(out, k))) setOwn(out, k, v);
  }
  const json = JSON.stringify(out);
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
    if (ANY_MARKER.test(c)) markers.push(i);
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
  const body = ANY_MARKER.test(cells[0]) ? cells.slice(1) : cells;
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

/** The texts of a stored list (anything else in it is dropped). */
function textsOf(list: unknown): string[] {
  return (list as unknown[]).filter((s): s is string => typeof s === "string");
}

/** Nothing stored: absent, an empty list or an empty record. */
function isBlank(v: unknown): boolean {
  return (
    v === undefined ||
    (Array.isArray(v) && v.length === 0) ||
    (isRecord(v) && Object.keys(v).length === 0)
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The top-level fields this version reads (and writes). */
const KNOWN_FIELDS = new Set([
  "version",
  "tags",
  "rules",
  "columnOverrides",
  "reviewAnswers",
  "amountColumn",
  "budgetSheets",
  "threshold",
  "unreadable",
  "generatedSheets",
  "seen",
  "programs",
  "pbb",
]);

/** What was seen, each part only when stored (an absent part means "not recorded": decide as version 1 did). */
function seenOf(raw: Record<string, unknown>): NonNullable<WorkbookState["seen"]> {
  const out: NonNullable<WorkbookState["seen"]> = {};
  if (isRecord(raw.goalCells)) out.goalCells = textRecord(raw.goalCells);
  if (isRecord(raw.review)) out.review = textRecord(raw.review);
  if (isRecord(raw.programs)) out.programs = textRecord(raw.programs);
  return out;
}

/** A record whose values are all text (anything else in it is dropped). */
function textRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(v)) return out;
  for (const [k, x] of Object.entries(v)) if (typeof x === "string") setOwn(out, k, x);
  return out;
}

/**
 * Accepts stored JSON from any version: fills in what an older one did not store, and keeps what a newer one stored
 * that this version does not know (or cannot read) in `extra`, to be written back unchanged.
 */
export function normaliseState(raw: unknown): WorkbookState {
  const base = emptyState();
  if (!isRecord(raw)) return base;
  const state: WorkbookState = base;
  // The fields whose stored value this version read.
  const taken = new Set<string>(["version"]);
  const take = (k: string, ok: boolean, set: () => void) => {
    if (!ok) return;
    set();
    taken.add(k);
  };
  take("tags", isRecord(raw.tags), () => (state.tags = raw.tags as Record<string, ManualTag>));
  take("rules", Array.isArray(raw.rules), () => (state.rules = raw.rules as Rule[]));
  take(
    "columnOverrides",
    isRecord(raw.columnOverrides),
    () =>
      (state.columnOverrides = raw.columnOverrides as Record<string, Record<string, ColumnRole>>)
  );
  take(
    "reviewAnswers",
    isRecord(raw.reviewAnswers),
    () => (state.reviewAnswers = raw.reviewAnswers as Record<string, ReviewAnswer>)
  );
  take(
    "amountColumn",
    typeof raw.amountColumn === "string",
    () => (state.amountColumn = raw.amountColumn as string)
  );
  take(
    "budgetSheets",
    Array.isArray(raw.budgetSheets),
    () => (state.budgetSheets = textsOf(raw.budgetSheets))
  );
  take(
    "threshold",
    typeof raw.threshold === "number" && raw.threshold >= 0 && raw.threshold <= 1,
    () => (state.threshold = raw.threshold as number)
  );
  take(
    "unreadable",
    typeof raw.unreadable === "string",
    () => (state.unreadable = raw.unreadable as string)
  );
  take(
    "generatedSheets",
    Array.isArray(raw.generatedSheets),
    () => (state.generatedSheets = textsOf(raw.generatedSheets))
  );
  take(
    "programs",
    isRecord(raw.programs),
    () => (state.programs = raw.programs as Record<string, ProgramInputs>)
  );
  take("pbb", isRecord(raw.pbb), () => (state.pbb = raw.pbb as PbbSettings));
  take(
    "seen",
    isRecord(raw.seen),
    () => (state.seen = seenOf(raw.seen as Record<string, unknown>))
  );
  const version = raw.version;
  const newer = typeof version === "number" && Number.isInteger(version) && version > STATE_VERSION;
  if (newer) state.newerVersion = version;
  // Unknown fields always; from a newer version also known fields whose value this version cannot read (a changed
  // shape), so that writing back does not drop them. (An older version's unreadable value is junk, and is dropped.)
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!KNOWN_FIELDS.has(k) || (newer && !taken.has(k))) setOwn(extra, k, v);
  }
  if (Object.keys(extra).length > 0) state.extra = extra;
  return state;
}

export function isEmptyState(state: WorkbookState): boolean {
  return (
    Object.keys(state.tags).length === 0 &&
    state.rules.length === 0 &&
    Object.keys(state.columnOverrides).length === 0 &&
    Object.keys(state.reviewAnswers).length === 0 &&
    Object.keys(state.programs ?? {}).length === 0 &&
    state.pbb === undefined &&
    state.amountColumn === undefined &&
    state.unreadable === undefined &&
    state.newerVersion === undefined &&
    state.extra === undefined &&
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
