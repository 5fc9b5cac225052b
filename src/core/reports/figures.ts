/**
 * The figures of one run, computed once: every count and amount the CLI summary, the Alignment sheet's headline,
 * the Review sheet, the task pane and `--json` show is taken from here, so no two outputs can disagree.
 *
 * Definitions (a "program" is the program key of src/core/keys.ts: department + program, or the division or the
 * department where the budget has no program column):
 *
 * - **untagged line**: a line whose tag carries no goal share. Its money is "untagged money".
 * - **non-program line**: an untagged line whose texts name spending that is not a program of the city — debt
 *   service, transfers between funds, contingency and reserves (NON_PROGRAM_KINDS) — or whose Goal cell says
 *   "Non-program" (**confirmed**: a person said so; its kind is the one its words name, else "other"). A plan need
 *   not cover these: they are counted in a named bucket on the Alignment sheet, not listed on the Review sheet.
 * - **fits no goal** (the Review reason "Fits no goal"; the tagger's `flagged`): a program none of whose lines the
 *   tagger could put under a goal, with at least one line that is not a non-program line. Its Review row counts its
 *   untagged lines that are not non-program lines.
 * - **some lines fit no goal**: a program with tagged lines whose untagged lines that are not non-program lines
 *   carry money. Its Review row counts those lines only.
 * - **low-confidence program**: a program listed for neither reason above with at least one suggested or learned
 *   line below LOW_CONFIDENCE. Its Review row counts those lines.
 * - **on the Review sheet**: the programs listed for one of the three reasons (answers given earlier for programs
 *   no longer listed are shown too, below them, and are not counted here).
 * - So every untagged line with money is either on the Review sheet (fits no goal, some lines fit no goal) or in
 *   the non-program bucket, and untagged money = fits no goal + some lines fit no goal + non-program.
 * - **unaligned money** = budget − aligned = untagged money + the part of split lines whose shares add up to less
 *   than the whole line (`unallocatedShareCents`).
 * - **answers**: the Review answers that count (in the state), by response, with the money of their programs in
 *   this budget; `read` of them were read from the Review sheet this run and `changed` were new or different there.
 *
 * Amounts are whole cents (./totals), added once here; outputs format them.
 */
import { NON_PROGRAM_ANSWER } from "../decisions";
import { normName, programOf } from "../keys";
import { getOwn } from "../state";
import type { BudgetLine, LineTag, ReviewAnswer, ReviewResponse } from "../types";
import type { ReportContext } from "./context";
import { programKeyMemo } from "./sheet";
import { splitCentsInto, toCents, usableShares } from "./totals";

/** Suggested or learned tags below this confidence are listed for review. */
export const LOW_CONFIDENCE = 0.5;

/** The answers a department head can give on the Review sheet, in the order they are listed and counted. */
export const REVIEW_RESPONSES: readonly ReviewResponse[] = [
  "Retain — serves goal",
  "Modify",
  "Eliminate",
  "Needs a new goal",
];

export type ReviewReason = "flagged" | "partlyUntagged" | "lowConfidence";

/** Spending a plan need not cover, recognised by the words of an untagged line (department to description). */
export const NON_PROGRAM_KINDS = [
  {
    kind: "debt",
    label: "Debt service",
    pattern:
      /\b(debt service|bonds? (principal|interest|payments?|redemption|retirement)|(bond|loan|note) redemption|obligation bonds?|principal (and interest|payments?|retirement)|interest (expense|payments?|on (bonds|debt|loans)))\b/,
  },
  {
    kind: "transfers",
    label: "Transfers between funds",
    pattern: /\b(interfund|transfers? (out|in|to|from|between)|operating transfers?|transfers)\b/,
  },
  {
    kind: "contingency",
    label: "Contingency and reserves",
    pattern:
      /\b(contingency|contingencies|unappropriated|appropriated reserves?|(general|operating|emergency|budget|rainy day|fund balance|stabili[sz]ation) reserves?|reserve (for|fund))\b/,
  },
] as const;

/** A line confirmed not a program whose words name none of NON_PROGRAM_KINDS. */
export const OTHER_NON_PROGRAM = {
  kind: "other",
  label: "Other spending confirmed as not a program",
} as const;

export type NonProgramKind =
  (typeof NON_PROGRAM_KINDS)[number]["kind"] | (typeof OTHER_NON_PROGRAM)["kind"];

/**
 * The non-program kind of an untagged line: what its words name, else "other" when a person confirmed it (its
 * Goal cell says "Non-program"), else null. The one rule; see the definitions above.
 */
export function nonProgramOf(line: BudgetLine, tag: LineTag | undefined): NonProgramKind | null {
  return nonProgramKind(line) ?? (tag?.confirmedNonProgram ? OTHER_NON_PROGRAM.kind : null);
}

/** One level of a memo keyed by a line's fields in turn. */
type FieldTrie = Map<unknown, unknown>;

function trieLevel(level: FieldTrie, key: unknown): FieldTrie {
  let next = level.get(key) as FieldTrie | undefined;
  if (!next) level.set(key, (next = new Map()));
  return next;
}

/**
 * nonProgramOf with the words of each distinct (department, division, program, account name, description) read
 * once: a run's lines repeat them, and each reading joins, normalises and matches a line's whole text. The memo
 * belongs to the caller (one pass over a run's lines), never to the module.
 */
export function nonProgramMemo(): (
  line: BudgetLine,
  tag: LineTag | undefined
) => NonProgramKind | null {
  const root: FieldTrie = new Map();
  return (line, tag) => {
    const leaf = trieLevel(
      trieLevel(trieLevel(trieLevel(root, line.department), line.division), line.program),
      line.accountName
    );
    let kind = leaf.get(line.description) as NonProgramKind | null | undefined;
    if (kind === undefined) leaf.set(line.description, (kind = nonProgramKind(line)));
    return kind ?? (tag?.confirmedNonProgram ? OTHER_NON_PROGRAM.kind : null);
  };
}

/** The kind of non-program spending an untagged line's words name, or null. */
export function nonProgramKind(line: BudgetLine): NonProgramKind | null {
  const text = normName(
    [line.department, line.division, line.program, line.accountName ?? "", line.description]
      .filter(Boolean)
      .join(" ")
  ).replace(/[^a-z0-9]+/g, " ");
  for (const k of NON_PROGRAM_KINDS) if (k.pattern.test(text)) return k.kind;
  return null;
}

type Nearest = { id: string; confidence: number; why: string };

/** One program of the budget, as every output counts it. */
export interface ProgramFigure {
  key: string;
  department: string;
  program: string;
  lines: number;
  cents: number;
  /** The tagger found no goal for any of its lines. */
  flagged: boolean;
  /** Untagged lines that are not non-program lines, and their cents. */
  untaggedLines: number;
  untaggedCents: number;
  nonProgramLines: number;
  nonProgramCents: number;
  lowLines: number;
  lowCents: number;
  /** Nearest goal of the program's largest line (for flagged programs) or largest low-confidence line. */
  nearest: Nearest | null;
  nearestWeight: number;
  lowNearest: Nearest | null;
  lowWeight: number;
  /** Why it is on the Review sheet, or null. */
  reason: ReviewReason | null;
  /** What its Review row counts: lines, cents and nearest goal. */
  review: { lines: number; cents: number; nearest: Nearest | null };
}

/** A count of programs, lines and money. */
export interface Count {
  programs: number;
  lines: number;
  cents: number;
}

export interface AnswerFigures {
  /** Answers that count, for programs in this budget or not. */
  total: number;
  /** Read from the Review sheet this run. */
  read: number;
  /** New or different on the Review sheet since the last run. */
  changed: number;
  /** By response, in REVIEW_RESPONSES order then any other text: programs and the money of those in this budget. */
  byResponse: { response: string; programs: number; cents: number }[];
  /**
   * What the answers moved beyond the programs they name: lines of other programs the tagger learned from an
   * answered program (LineTag.learnedFrom), and how many programs those lines belong to.
   */
  moved: { lines: number; programs: number };
}

export interface Figures {
  budgetCents: number;
  alignedCents: number;
  unalignedCents: number;
  lines: number;
  programs: number;
  untagged: Count;
  fitsNoGoal: Count;
  partlyUntagged: Count;
  lowConfidence: Count;
  /** Programs listed on the Review sheet for one of the three reasons. */
  onReview: number;
  nonProgram: Count & {
    /** Of them, the lines a person confirmed ("Non-program" in the Goal cell). */
    confirmed: { lines: number; cents: number };
    byKind: NonProgramKindFigure[];
  };
  /** Untagged lines with no money in programs not listed (nothing to review, nothing to count). */
  untaggedZeroLines: number;
  /** The part of split lines that no share carries. */
  unallocatedShareCents: number;
  answers: AnswerFigures;
  /** Per program, in budget order. */
  byProgram: Map<string, ProgramFigure>;
}

/** One kind of non-program spending: its lines and money, and how much of it a person confirmed. */
export interface NonProgramKindFigure {
  kind: NonProgramKind;
  label: string;
  lines: number;
  cents: number;
  confirmedLines: number;
  confirmedCents: number;
}

/** What the run read from the Review sheet: how many answers, and the programs whose answer is new or changed. */
export interface ReviewReadFigures {
  read: number;
  changed: string[];
}

function newProgram(key: string, line: BudgetLine): ProgramFigure {
  return {
    key,
    department: line.department,
    program: programOf(line),
    lines: 0,
    cents: 0,
    flagged: false,
    untaggedLines: 0,
    untaggedCents: 0,
    nonProgramLines: 0,
    nonProgramCents: 0,
    lowLines: 0,
    lowCents: 0,
    nearest: null,
    nearestWeight: -1,
    lowNearest: null,
    lowWeight: -1,
    reason: null,
    review: { lines: 0, cents: 0, nearest: null },
  };
}

/** The nearest goal shown for a program: its largest line's (the more confident on a tie). */
function noteNearest(p: ProgramFigure, tag: LineTag, weight: number): Nearest | null {
  // A person's decision is not a "nearest goal" (it would read as a 100% match): the nearest comes from the tagger.
  const near = tag.source === "manual" ? null : (tag.nearest ?? null);
  if (
    near &&
    (weight > p.nearestWeight ||
      (weight === p.nearestWeight && near.confidence > (p.nearest?.confidence ?? -1)))
  ) {
    p.nearest = near;
    p.nearestWeight = weight;
  }
  return near;
}

function noteLow(p: ProgramFigure, tag: LineTag, near: Nearest | null, cents: number): void {
  if ((tag.source !== "suggested" && tag.source !== "learned") || tag.confidence >= LOW_CONFIDENCE)
    return;
  p.lowLines++;
  p.lowCents += cents;
  const weight = Math.abs(cents);
  const own =
    near ??
    (tag.goals[0] ? { id: tag.goals[0].id, confidence: tag.confidence, why: tag.why } : null);
  if (own && weight > p.lowWeight) {
    p.lowNearest = { id: own.id, confidence: tag.confidence, why: own.why || tag.why };
    p.lowWeight = weight;
  }
}

/** Why a program is on the Review sheet (the one rule; see the definitions at the top), or null. */
export function reviewReasonOf(p: ProgramFigure): ReviewReason | null {
  if (p.flagged && p.untaggedLines > 0) return "flagged";
  if (!p.flagged && p.untaggedLines > 0 && p.untaggedCents !== 0) return "partlyUntagged";
  return p.lowLines > 0 ? "lowConfidence" : null;
}

/** Every program of the budget with what the outputs count of it, in budget order. */
export function programFigures(
  lines: readonly BudgetLine[],
  tags: readonly LineTag[],
  nonProgram = nonProgramMemo()
): Map<string, ProgramFigure> {
  const out = new Map<string, ProgramFigure>();
  const keyOf = programKeyMemo();
  // The program of the line above, when this line's is the same (no look-up).
  let lastKey: string | null = null;
  let p: ProgramFigure | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tag = tags[i];
    const key = keyOf(line);
    if (key !== lastKey || p === undefined) {
      p = out.get(key);
      if (!p) out.set(key, (p = newProgram(key, line)));
      lastKey = key;
    }
    const cents = toCents(line.amount);
    p.lines++;
    p.cents += cents;
    if (tag?.flagged) p.flagged = true;
    if (usableShares(tag?.goals).length === 0) {
      if (nonProgram(line, tag)) {
        p.nonProgramLines++;
        p.nonProgramCents += cents;
      } else {
        p.untaggedLines++;
        p.untaggedCents += cents;
      }
    }
    if (!tag) continue;
    const near = noteNearest(p, tag, Math.abs(cents));
    noteLow(p, tag, near, cents);
  }
  for (const p of out.values()) {
    p.reason = reviewReasonOf(p);
    p.review =
      p.reason === "lowConfidence"
        ? { lines: p.lowLines, cents: p.lowCents, nearest: p.lowNearest }
        : p.reason
          ? { lines: p.untaggedLines, cents: p.untaggedCents, nearest: p.nearest }
          : { lines: p.lines, cents: p.cents, nearest: p.nearest };
  }
  return out;
}

const zero = (): Count => ({ programs: 0, lines: 0, cents: 0 });

/** Lines of other programs that follow an answered program (learned from it), and their programs. */
function movedByAnswers(
  lines: readonly BudgetLine[],
  tags: readonly LineTag[],
  answers: Record<string, ReviewAnswer>
): AnswerFigures["moved"] {
  const answered = new Set(Object.keys(answers));
  const programs = new Set<string>();
  let moved = 0;
  if (answered.size === 0) return { lines: 0, programs: 0 };
  const keyOf = programKeyMemo();
  for (let i = 0; i < lines.length; i++) {
    const from = tags[i]?.learnedFrom;
    if (!from || tags[i].source !== "learned" || !answered.has(from)) continue;
    const own = keyOf(lines[i]);
    if (own === from) continue;
    moved++;
    programs.add(own);
  }
  return { lines: moved, programs: programs.size };
}

function answerFigures(
  answers: Record<string, ReviewAnswer>,
  byProgram: Map<string, ProgramFigure>,
  reviewRead: ReviewReadFigures | undefined,
  order: readonly string[]
): Omit<AnswerFigures, "moved"> {
  const by = new Map<string, { response: string; programs: number; cents: number }>();
  for (const r of order) by.set(r, { response: r, programs: 0, cents: 0 });
  let total = 0;
  for (const k of Object.keys(answers)) {
    const a = getOwn(answers, k);
    const response = typeof a?.response === "string" ? a.response.trim() : "";
    if (!a || !response) continue;
    total++;
    let e = by.get(response);
    if (!e) by.set(response, (e = { response, programs: 0, cents: 0 }));
    e.programs++;
    e.cents += byProgram.get(a.programKey)?.cents ?? 0;
  }
  return {
    total,
    read: reviewRead?.read ?? 0,
    changed: reviewRead?.changed.length ?? 0,
    byResponse: [...by.values()].filter((e) => e.programs > 0),
  };
}

/**
 * The figures of a run; `reviewRead` is what the run read from the Review sheet.
 */
export function computeFigures(input: {
  lines: readonly BudgetLine[];
  tags: readonly LineTag[];
  answers: Record<string, ReviewAnswer>;
  reviewRead?: ReviewReadFigures;
}): Figures {
  const { lines, tags } = input;
  const nonProgramOfLine = nonProgramMemo();
  const byProgram = programFigures(lines, tags, nonProgramOfLine);
  let budgetCents = 0;
  let alignedCents = 0;
  const untagged = zero();
  const kinds = new Map<NonProgramKind, Omit<NonProgramKindFigure, "kind" | "label">>();
  // A line's cents per share (only the rest is read), refilled per line.
  const parts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const cents = toCents(lines[i].amount);
    budgetCents += cents;
    const shares = usableShares(tags[i]?.goals);
    if (shares.length > 0) {
      alignedCents += cents - splitCentsInto(cents, shares, parts);
      continue;
    }
    untagged.lines++;
    untagged.cents += cents;
    const kind = nonProgramOfLine(lines[i], tags[i]);
    if (!kind) continue;
    let k = kinds.get(kind);
    if (!k) kinds.set(kind, (k = { lines: 0, cents: 0, confirmedLines: 0, confirmedCents: 0 }));
    k.lines++;
    k.cents += cents;
    if (tags[i]?.confirmedNonProgram) {
      k.confirmedLines++;
      k.confirmedCents += cents;
    }
  }
  const fitsNoGoal = zero();
  const partlyUntagged = zero();
  const lowConfidence = zero();
  const nonProgram: Figures["nonProgram"] = {
    ...zero(),
    confirmed: { lines: 0, cents: 0 },
    byKind: [],
  };
  let untaggedZeroLines = 0;
  for (const p of byProgram.values()) {
    if (p.untaggedLines + p.nonProgramLines > 0) untagged.programs++;
    if (p.nonProgramLines > 0) {
      nonProgram.programs++;
      nonProgram.lines += p.nonProgramLines;
      nonProgram.cents += p.nonProgramCents;
    }
    const target =
      p.reason === "flagged"
        ? fitsNoGoal
        : p.reason === "partlyUntagged"
          ? partlyUntagged
          : p.reason === "lowConfidence"
            ? lowConfidence
            : null;
    if (p.reason !== "flagged" && p.reason !== "partlyUntagged")
      untaggedZeroLines += p.untaggedLines;
    if (!target) continue;
    target.programs++;
    target.lines += p.review.lines;
    target.cents += p.review.cents;
  }
  for (const k of [...NON_PROGRAM_KINDS, OTHER_NON_PROGRAM]) {
    const v = kinds.get(k.kind);
    if (!v) continue;
    nonProgram.byKind.push({ kind: k.kind, label: k.label, ...v });
    nonProgram.confirmed.lines += v.confirmedLines;
    nonProgram.confirmed.cents += v.confirmedCents;
  }
  const unalignedCents = budgetCents - alignedCents;
  return {
    budgetCents,
    alignedCents,
    unalignedCents,
    lines: lines.length,
    programs: byProgram.size,
    untagged,
    fitsNoGoal,
    partlyUntagged,
    lowConfidence,
    onReview: fitsNoGoal.programs + partlyUntagged.programs + lowConfidence.programs,
    nonProgram,
    untaggedZeroLines,
    unallocatedShareCents: unalignedCents - untagged.cents,
    answers: {
      ...answerFigures(input.answers, byProgram, input.reviewRead, REVIEW_RESPONSES),
      moved: movedByAnswers(input.lines, input.tags, input.answers),
    },
    byProgram,
  };
}

/** The figures of a report context: the ones the workflow computed for the run, else computed now. */
export function figuresOf(ctx: ReportContext): Figures {
  return (
    ctx.figures ??
    computeFigures({ lines: ctx.budget.lines, tags: ctx.tags, answers: ctx.reviewAnswers })
  );
}

/** "$1,234" (whole dollars, a minus sign before the dollar sign): how the plain-text outputs write money. */
export function moneyText(cents: number): string {
  const dollars = Math.round(cents / 100);
  return (dollars < 0 ? "-$" : "$") + Math.abs(dollars).toLocaleString("en-US");
}

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * What the Review sheet lists, in one sentence (the Review sheet's note and the CLI summary say the same):
 * "8 programs are on the Review sheet: 1 fits no goal ($105,205), 2 have some lines on no goal ($3,100), 5 have
 * low-confidence tags (below 50%)."
 */
export function reviewCountsText(f: Figures): string {
  if (f.onReview === 0) return "No program is on the Review sheet.";
  const parts: string[] = [];
  if (f.fitsNoGoal.programs)
    parts.push(
      `${plural(f.fitsNoGoal.programs, "fits", "fit")} no goal (${moneyText(f.fitsNoGoal.cents)})`
    );
  if (f.partlyUntagged.programs)
    parts.push(
      `${plural(f.partlyUntagged.programs, "has", "have")} some lines on no goal (${moneyText(f.partlyUntagged.cents)})`
    );
  if (f.lowConfidence.programs)
    parts.push(
      `${plural(f.lowConfidence.programs, "has", "have")} low-confidence tags (below ${Math.round(LOW_CONFIDENCE * 100)}%)`
    );
  return `${plural(f.onReview, "program is", "programs are")} on the Review sheet: ${parts.join(", ")}.`;
}

/** " (3 confirmed)", " (all confirmed)" or "": how many of a kind's lines a person confirmed. */
function confirmedWords(lines: number, confirmed: number): string {
  if (confirmed === 0) return "";
  return confirmed === lines
    ? " (all confirmed)"
    : ` (${confirmed.toLocaleString("en-US")} confirmed)`;
}

/**
 * "Untagged spending that is not a program (…): debt service 12 lines, $19,100,000 (3 confirmed); …", or null when
 * none.
 */
export function nonProgramText(f: Figures): string | null {
  if (f.nonProgram.lines === 0) return null;
  const kinds = f.nonProgram.byKind.map(
    (k) =>
      `${k.label.toLowerCase()} ${plural(k.lines, "line", "lines")}, ${moneyText(k.cents)}` +
      confirmedWords(k.lines, k.confirmedLines)
  );
  const how =
    f.nonProgram.confirmed.lines < f.nonProgram.lines
      ? `type ${NON_PROGRAM_ANSWER} in a line's Goal cell to confirm it, or tag it to a goal if your plan covers it`
      : "tag a line to a goal if your plan covers it";
  return `Untagged spending that is not a program (a plan need not cover it; ${how}): ${kinds.join("; ")}.`;
}

/**
 * "Review answers: 3 (2 new or changed since the last run). Eliminate: 1 program, $105,205; Modify: 2 programs,
 * $40,000." or "Review answers: none yet."
 */
/** What the answers moved beyond their own programs, in a sentence (the CLI, the Alignment and Review sheets). */
export function movedText(m: AnswerFigures["moved"]): string {
  return m.lines === 0
    ? "They moved no line of any other program."
    : `The tagger learned from them for ${plural(m.lines, "line", "lines")} of ${plural(m.programs, "other program", "other programs")}.`;
}

export function answersText(f: Figures): string {
  const a = f.answers;
  if (a.total === 0) return "Review answers: none yet.";
  const by = a.byResponse.map(
    (r) => `${r.response}: ${plural(r.programs, "program", "programs")}, ${moneyText(r.cents)}`
  );
  const changed =
    a.changed > 0
      ? ` (${plural(a.changed, "answer", "answers")} new or changed on the Review sheet since the last run)`
      : " (none changed since the last run)";
  return `Review answers: ${a.total.toLocaleString("en-US")}${changed}. ${by.join("; ")}. ${movedText(a.moved)}`;
}
