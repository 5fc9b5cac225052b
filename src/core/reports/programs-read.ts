/**
 * Reading back what analysts typed on the Programs sheet (scores, attributes, weights, what-if changes) and
 * merging it into the workbook's state by program key; finding a program's row on the sheet as it is now.
 */
import { normName } from "../keys";
import { columnLetter, sheetRef } from "../plan/layout";
import { getOwn, setOwn } from "../state";
import type {
  CellValue,
  Issue,
  PbbSettings,
  Plan,
  ProgramAttribute,
  ProgramInputs,
  SheetCells,
  WorkbookState,
} from "../types";
import { ATTRIBUTES, DEFAULT_ATTRIBUTE_WEIGHT } from "./attributes";
import { ATTRIBUTE_SEEN, SCORE_MAX, sheetKey } from "./program-inventory";
import { ATTRIBUTE_HEADERS, ATTRIBUTE_ROWS, scoreHeader } from "./programs-layout";

export interface ProgramsRead {
  rows: {
    key: string;
    department: string;
    program: string;
    /** Per priority id: a score typed (number), blank (null); a cell that holds no score is left out. */
    scores: Record<string, number | null>;
    attributes: Partial<Record<ProgramAttribute, string>>;
  }[];
  /** Null when the sheet has no weights table (then the stored weights stand). */
  weights: Record<string, number> | null;
  /** Attribute weights by attribute id; null when the sheet has no attribute table. */
  attributeWeights?: Record<string, number> | null;
  priorityChange: Record<string, number> | null;
  quartileChange: (number | null)[] | null;
  issues: Issue[];
}

const text = (v: CellValue | undefined): string =>
  v === null || v === undefined ? "" : String(v).trim();

/** A number typed in a cell (a number, or text that reads as one: "2", "1.5", "10%"). */
function numberIn(v: CellValue | undefined): number | null | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  const t = text(v);
  if (t === "") return null;
  const m = /^([+-]?\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
  if (!m) return undefined;
  return m[2] ? Number(m[1]) / 100 : Number(m[1]);
}

function findHeader(
  rows: CellValue[][],
  wanted: string[],
  from = 0
): { row: number; at: Map<string, number> } | null {
  const want = wanted.map(normName);
  for (let r = from; r < rows.length; r++) {
    const at = new Map<string, number>();
    (rows[r] ?? []).forEach((v, cc) => {
      const h = typeof v === "string" ? normName(v) : "";
      if (h && !at.has(h)) at.set(h, cc);
    });
    if (want.every((w) => at.has(w))) return { row: r, at };
  }
  return null;
}

/**
 * Reads what analysts typed on a Programs sheet (rows may have been sorted, filtered, moved or inserted; the
 * columns are found by their headers, the programs by the Program key column): scores, attributes, weights and
 * what-if changes. A score that is not a number from 0 to 4, or an attribute not in its list, is reported with
 * its cell; a bad score is not used (the computed one is), an unknown attribute is kept as typed.
 */
export function readProgramsSheet(cells: SheetCells, plan: Plan): ProgramsRead {
  const out: ProgramsRead = {
    rows: [],
    weights: null,
    priorityChange: null,
    quartileChange: null,
    issues: [],
  };
  const rows = cells.values;
  const startRow = cells.startRow ?? 0;
  const startCol = cells.startCol ?? 0;
  const where = (r: number, cc: number) => `${columnLetter(startCol + cc)}${startRow + r + 1}`;
  const sheet = sheetRef(cells.name);
  const warn = (code: string, r: number, cc: number, message: string) =>
    out.issues.push({
      severity: "warning",
      code,
      sheet: cells.name,
      cell: where(r, cc),
      message: `${sheet}!${where(r, cc)}: ${message}`,
    });
  /** The number typed in a row's cell (null when blank); anything else is warned of, quoted, and gives undefined. */
  const numberAt = (row: CellValue[], r: number, cc: number, code: string, notIt: string) => {
    const v = numberIn(row[cc]);
    if (v === undefined) warn(code, r, cc, `"${text(row[cc])}" ${notIt}`);
    return v;
  };
  const NOT_A_CHANGE = "is not a % change. No change is used.";

  // Weights and what-if by priority.
  const ph = findHeader(rows, ["Priority", "Weight", "What-if change"]);
  if (ph) {
    const weights: Record<string, number> = {};
    const changes: Record<string, number> = {};
    out.weights = weights;
    out.priorityChange = changes;
    const wc = ph.at.get(normName("Weight"))!;
    const cc = ph.at.get(normName("What-if change"))!;
    const ids = new Map(plan.priorities.map((p) => [normName(p.id), p.id]));
    for (let r = ph.row + 1; r < rows.length; r++) {
      const row = rows[r] ?? [];
      const id = ids.get(normName(text(row[ph.at.get(normName("Priority"))!])));
      if (!id) {
        if (text(row[0]) === "" || text(row[0]) === "Total") break;
        continue;
      }
      const w = numberAt(
        row,
        r,
        wc,
        "programs.bad-weight",
        "is not a weight (a number such as 1 or 1.5). The weight 1 is used."
      );
      if (typeof w === "number") setOwn(weights, id, w);
      const ch = numberAt(row, r, cc, "programs.bad-change", NOT_A_CHANGE);
      if (typeof ch === "number") setOwn(changes, id, ch);
    }
  }
  const ah = findHeader(rows, [...ATTRIBUTE_HEADERS]);
  if (ah) {
    const weights: Record<string, number> = {};
    out.attributeWeights = weights;
    const wc = ah.at.get(normName("Weight"))!;
    const byHeader = new Map(ATTRIBUTES.map((a) => [normName(a.header), a.id]));
    for (let r = ah.row + 1; r < Math.min(rows.length, ah.row + 1 + ATTRIBUTE_ROWS); r++) {
      const row = rows[r] ?? [];
      const id = byHeader.get(normName(text(row[ah.at.get(normName("Attribute"))!])));
      if (!id) continue;
      const w = numberAt(
        row,
        r,
        wc,
        "programs.bad-weight",
        `is not a weight (a number such as 0.5 or 1). The weight ${DEFAULT_ATTRIBUTE_WEIGHT} is used.`
      );
      if (typeof w === "number") setOwn(weights, id, w);
    }
  }
  const qh = findHeader(rows, ["Quartile", "What-if change"]);
  if (qh) {
    const cc = qh.at.get(normName("What-if change"))!;
    const qc: (number | null)[] = [null, null, null, null];
    for (let r = qh.row + 1; r < Math.min(rows.length, qh.row + 5); r++) {
      const row = rows[r] ?? [];
      const q = numberIn(row[qh.at.get(normName("Quartile"))!]);
      if (typeof q !== "number" || !(q >= 1 && q <= 4) || !Number.isInteger(q)) continue;
      const ch = numberAt(row, r, cc, "programs.bad-change", NOT_A_CHANGE);
      if (typeof ch === "number") qc[q - 1] = ch;
    }
    out.quartileChange = qc;
  }

  // The program table.
  const th = findHeader(rows, ["Department", "Program", "Program key"]);
  if (!th) {
    if (rows.some((row) => (row ?? []).some((v) => text(v) !== "")))
      out.issues.push({
        severity: "warning",
        code: "programs.no-header",
        sheet: cells.name,
        message: `${sheet}: the program table's header row (Department, Program … Program key) was not found, so no scores or attributes were read from it. Scores and attributes typed earlier are kept.`,
      });
    return out;
  }
  const keyCol = th.at.get(normName("Program key"))!;
  const scoreCols = plan.priorities
    .map((p) => ({ id: p.id, col: th.at.get(normName(scoreHeader(p.id))) }))
    .filter((s): s is { id: string; col: number } => s.col !== undefined);
  const attrCols = ATTRIBUTES.map((a) => ({ a, col: th.at.get(normName(a.header)) })).filter(
    (x): x is { a: (typeof ATTRIBUTES)[number]; col: number } => x.col !== undefined
  );
  for (let r = th.row + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const key = text(row[keyCol]);
    if (!key) continue;
    const scores: Record<string, number | null> = {};
    for (const s of scoreCols) {
      const v = numberIn(row[s.col]);
      if (v === null || (typeof v === "number" && v >= 0 && v <= SCORE_MAX))
        setOwn(scores, s.id, v);
      else
        warn(
          "programs.bad-score",
          r,
          s.col,
          `"${text(row[s.col])}" is not a score from 0 to ${SCORE_MAX}. The computed score is used; type a number from 0 to ${SCORE_MAX}, or clear the cell.`
        );
    }
    const attributes: Partial<Record<ProgramAttribute, string>> = {};
    for (const { a, col: cc } of attrCols) {
      const t = text(row[cc]);
      if (!t) continue;
      const known = a.list.find((x) => normName(x) === normName(t));
      attributes[a.id] = known ?? t;
      if (!known)
        warn(
          "programs.unknown-attribute",
          r,
          cc,
          `"${t}" is not one of the choices for ${a.header} (${a.list.join(", ")}). It was kept as typed; pick one from the list.`
        );
    }
    out.rows.push({
      key,
      department: text(row[th.at.get(normName("Department"))!]),
      program: text(row[th.at.get(normName("Program"))!]),
      scores,
      attributes,
    });
  }
  return out;
}

/**
 * Merges what was read from the Programs sheet into the state. A score counts as the analyst's when it differs
 * from the score the sheet was last written with (`seen.programs`); a cleared score cell drops the analyst's
 * score; an unchanged one leaves the stored score as it is. Attributes, weights and changes are taken as the
 * sheet shows them (a cleared cell clears them). Programs not on the sheet keep what was stored.
 */
export function mergeProgramInputs(
  state: WorkbookState,
  read: ProgramsRead,
  now: string
): WorkbookState {
  const programs: Record<string, ProgramInputs> = { ...(state.programs ?? {}) };
  const seen = state.seen?.programs ?? {};
  for (const row of read.rows) {
    const before = getOwn(programs, row.key);
    const scores: Record<string, number> = { ...(before?.scores ?? {}) };
    let written: Record<string, unknown> = {};
    try {
      const raw = getOwn(seen, row.key);
      if (raw) written = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      written = {};
    }
    let changed = false;
    for (const id of Object.keys(row.scores)) {
      const v = getOwn(row.scores, id);
      if (v === null || v === undefined) {
        if (getOwn(scores, id) !== undefined) {
          delete scores[id];
          changed = true;
        }
      } else if (getOwn(written, id) !== v && getOwn(scores, id) !== v) {
        setOwn(scores, id, v);
        changed = true;
      }
    }
    // An attribute the add-in suggested and wrote, still as it wrote it, is not the analyst's choice.
    const attributes = { ...row.attributes };
    for (const a of ATTRIBUTES)
      if (
        attributes[a.id] !== undefined &&
        getOwn(written, `${ATTRIBUTE_SEEN}${a.id}`) === attributes[a.id] &&
        before?.attributes?.[a.id] !== attributes[a.id]
      )
        delete attributes[a.id];
    const sameAttrs =
      JSON.stringify(Object.entries(before?.attributes ?? {}).sort()) ===
      JSON.stringify(Object.entries(attributes).sort());
    if (!sameAttrs) changed = true;
    if (!changed) continue;
    const next: ProgramInputs = {
      department: row.department || before?.department || "",
      program: row.program || before?.program || "",
      at: now,
    };
    if (Object.keys(scores).length) next.scores = scores;
    if (Object.keys(attributes).length) next.attributes = attributes;
    if (next.scores || next.attributes) setOwn(programs, row.key, next);
    else delete programs[row.key];
  }
  // Weights and changes are kept where they differ from the defaults (weight 1, no change), so a workbook whose
  // analyst changed nothing stores nothing.
  const pbb: PbbSettings = { ...(state.pbb ?? {}) };
  const differing = (rec: Record<string, number>, dflt: number) => {
    const out: Record<string, number> = {};
    for (const [id, v] of Object.entries(rec)) if (v !== dflt) setOwn(out, id, v);
    return out;
  };
  if (read.weights) pbb.weights = differing(read.weights, 1);
  if (read.attributeWeights)
    pbb.attributeWeights = differing(read.attributeWeights, DEFAULT_ATTRIBUTE_WEIGHT);
  if (pbb.attributeWeights && Object.keys(pbb.attributeWeights).length === 0)
    delete pbb.attributeWeights;
  if (read.priorityChange) pbb.priorityChange = differing(read.priorityChange, 0);
  if (read.quartileChange) pbb.quartileChange = read.quartileChange.map((v) => (v ? v : null));
  if (pbb.weights && Object.keys(pbb.weights).length === 0) delete pbb.weights;
  if (pbb.priorityChange && Object.keys(pbb.priorityChange).length === 0) delete pbb.priorityChange;
  if (pbb.quartileChange && pbb.quartileChange.every((v) => v === null)) delete pbb.quartileChange;
  const next: WorkbookState = { ...state };
  if (Object.keys(programs).length > 0 || state.programs) next.programs = programs;
  if (Object.keys(pbb).length > 0 || state.pbb) next.pbb = pbb;
  return next;
}

/**
 * The A1 address of a program's Program cell on a Programs sheet as it is now (sorted, filtered or with rows
 * inserted), found by the Program key column; null when the sheet has no row for it.
 */
export function findProgramRow(cells: SheetCells, key: string): string | null {
  const th = findHeader(cells.values, ["Department", "Program", "Program key"]);
  if (!th) return null;
  const keyCol = th.at.get(normName("Program key"))!;
  const programCol = th.at.get(normName("Program"))!;
  for (let r = th.row + 1; r < cells.values.length; r++)
    if (text(cells.values[r]?.[keyCol]) === sheetKey(key))
      return `${columnLetter((cells.startCol ?? 0) + programCol)}${(cells.startRow ?? 0) + r + 1}`;
  return null;
}
