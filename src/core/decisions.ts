/**
 * People's decisions about a line's goal, and which one counts.
 *
 * A line can be decided in three places: its Goal cell (typed in the budget sheet), the task pane (set or
 * confirmed), and the Review sheet or pane (a "Retain — serves goal" answer for its whole program). Among these the
 * newest wins, whatever the channel. "When" is the time the add-in first saw the decision: a pane action is stamped
 * when it is made; a Goal cell or a Review answer is stamped on the first run that finds it different from what that
 * cell held at the run before (`state.seen`). A cell that did not change is not a new decision, however old it is.
 *
 * Nothing is dropped: when a Goal cell and a Review answer disagree, the newer counts, the other is kept (the cell as
 * typed, the answer in the state) and the disagreement is reported, in the pane and on the Review sheet.
 *
 * A Goal cell can also say "Non-program" (NON_PROGRAM_ANSWER): the person confirms that the line is spending a plan
 * need not cover (debt service, a transfer, a contingency …). The line gets no goal from any channel and counts in
 * the Alignment sheet's non-program bucket as confirmed. It is typed where the line's goal is typed: the finance
 * clerk who tags lines confirms them in the same column, line by line (these lines are not programs, so they are not
 * on the Review sheet, whose rows are programs), and the cell is theirs, so it is read again on every run. The pane
 * makes the same decision (a ManualTag with `nonProgram`), written into the line's Goal cell when it is empty as a
 * goal set in the pane is; a goal typed in the cell afterwards is newer and wins.
 *
 * States stored before version 2 have no `seen` and no times: their decisions count as the oldest, and a cell counts
 * as changed only when it no longer says what the stored tag says.
 */
import { normName, programKey, programOf } from "./keys";
import { planTargets } from "./plan/model";
import { getOwn, setOwn } from "./state";
import { formatTagText, parseTagText } from "./tagging/tag-text";
import type {
  BudgetLine,
  GoalShare,
  Issue,
  LineTag,
  ManualTag,
  Plan,
  ReviewAnswer,
  TagOrigin,
  WorkbookState,
} from "./types";

/** What a Goal cell says to confirm that its line is not a program. */
export const NON_PROGRAM_ANSWER = "Non-program";

/**
 * Whether a person decided the line: a tag set, confirmed, typed or answered (source "manual"), or a Goal cell that
 * says "Non-program" (no goal, but decided all the same). What the pane counts as confirmed, leaves out of Confirm
 * next and never re-decides in bulk.
 */
export function decidedByPerson(
  tag: Pick<LineTag, "source" | "confirmedNonProgram"> | undefined
): boolean {
  return tag?.source === "manual" || tag?.confirmedNonProgram === true;
}

/** "Non-program", "non program", "NONPROGRAM", "Not a program" (with or without a final period). */
export function isNonProgramText(text: string): boolean {
  const t = normName(text)
    .replace(/[^a-z]+/g, " ")
    .trim();
  return t === "non program" || t === "nonprogram" || t === "not a program";
}

/** A Review answer as the sheet shows it, to tell an answer someone changed from one that was only written back. */
export function answerFingerprint(a: ReviewAnswer): string {
  return JSON.stringify([
    normName(String(a.response ?? "")),
    a.goalId ?? "",
    (a.justification ?? "").trim(),
    (a.reviewer ?? "").trim(),
    a.date ?? "",
  ]);
}

/** True when `a` was decided after `b` (a decision without a time is the oldest; a tie is not newer). */
export function isNewer(a: string | undefined, b: string | undefined): boolean {
  return (a ?? "") > (b ?? "");
}

/**
 * Merges the answers read from the Review sheet into the state. An answer counts as new (and is stamped `now`) when
 * the row differs both from what the sheet held at the last run and from the stored answer; otherwise the stored
 * answer stands (it may be newer: given in the pane after the sheet was written).
 */
export function mergeReviewAnswers(
  state: WorkbookState,
  read: readonly ReviewAnswer[],
  now: string
): WorkbookState {
  const answers = { ...state.reviewAnswers };
  const seenBefore = state.seen?.review;
  const seenReview = { ...(seenBefore ?? {}) };
  for (const a of read) {
    const fp = answerFingerprint(a);
    const stored = getOwn(answers, a.programKey);
    const before = seenBefore ? getOwn(seenBefore, a.programKey) : undefined;
    const changed = stored
      ? fp !== answerFingerprint(stored) && (seenBefore === undefined || fp !== before)
      : true;
    if (changed) setOwn(answers, a.programKey, { ...a, at: now });
    setOwn(seenReview, a.programKey, fp);
  }
  return {
    ...state,
    reviewAnswers: answers,
    seen: {
      ...(state.seen?.goalCells ? { goalCells: state.seen.goalCells } : {}),
      review: seenReview,
      ...(state.seen?.programs ? { programs: state.seen.programs } : {}),
    },
  };
}

/** A Goal cell and a Review answer that disagree, per program. */
export interface DecisionConflict {
  programKey: string;
  department: string;
  program: string;
  /** Which decision counts: the newer one. */
  kept: "review" | "line";
  /** The Review answer's goal. */
  answerGoal: string;
  answer: ReviewAnswer;
  /** The lines whose own decision (Goal cell or pane) disagrees, with the goals they name. */
  lines: { key: string; where: string; goals: string; via: ManualTag["via"]; at?: string }[];
  /** One sentence for the pane and the Review sheet. */
  message: string;
}

export interface Decisions {
  /** The decision that counts, per line key. */
  manual: Record<string, ManualTag>;
  /** The state with what was read from the Goal cells merged in (new decisions stamped, `seen` updated). */
  state: WorkbookState;
  /** Lines whose own tag names a goal no longer in the plan ("Budget row 12"). */
  orphans: string[];
  conflicts: DecisionConflict[];
  /**
   * Lines confirmed not a program, by key, with where: their Goal cell says "Non-program" ({ via: "sheet", cell:
   * "Budget!K14" }), or it was set in the pane ({ via: "pane", at, by }).
   */
  nonProgram: Map<string, TagOrigin>;
}

const sameGoals = (a: readonly GoalShare[], b: readonly GoalShare[] | undefined) =>
  Array.isArray(b) &&
  a.length === b.length &&
  a.every((g, i) => g.id === b[i]?.id && Math.abs(g.share - (b[i]?.share ?? 0)) < 1e-9);

export function lineLabel(line: BudgetLine): string {
  return [
    line.department,
    line.program || line.division,
    line.account,
    line.accountName || line.description,
  ]
    .filter(Boolean)
    .join(" / ");
}

/** Whether a record has a key of its own. */
function hasOwnKeys(record: object): boolean {
  for (const k in record) if (Object.prototype.hasOwnProperty.call(record, k)) return true;
  return false;
}

const cellOf = (line: BudgetLine) => (line.tagCell ? `${line.sheet}!${line.tagCell}` : undefined);

/** When and by whom, for messages: " (by Ana Ruiz, 2026-12-02)". */
function whenWho(at: string | undefined, by: string | undefined): string {
  const parts = [by ? `by ${by}` : "", at ? at.slice(0, 10) : ""].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/**
 * Reads the Goal cells against what was seen at the last run, and decides per line which person's decision counts.
 * Warnings for Goal cells that name no goal are added to `issues`.
 */
export function resolveDecisions(
  lines: readonly BudgetLine[],
  plan: Plan,
  state: WorkbookState,
  now: string,
  issues: Issue[]
): Decisions {
  const known = new Set(planTargets(plan).map((t) => t.id));
  const tags = { ...state.tags };
  const seenCells: Record<string, string> = {};
  const seenBefore = state.seen?.goalCells;
  const legacy = seenBefore === undefined;
  const nonProgram = new Map<string, TagOrigin>();

  for (const line of lines) {
    if (!line.tagCell) continue;
    const text = (line.tagText ?? "").trim();
    const stored = getOwn(tags, line.key);
    const before = seenBefore === undefined ? undefined : (getOwn(seenBefore, line.key) ?? "");
    if (text !== "") setOwn(seenCells, line.key, text);
    if (text === "") {
      // Emptied since the last run: the person took the line's own decision away (one shown in the cell).
      const emptied = legacy ? stored?.via === "sheet" : before !== "";
      if (emptied && stored) delete tags[line.key];
      continue;
    }
    if (isNonProgramText(text)) {
      // The pane's "Not a program" written into its empty cell: still the pane's decision (read below).
      if (stored?.nonProgram) continue;
      // Confirmed not a program: a goal the cell said before no longer counts.
      nonProgram.set(line.key, { via: "sheet", cell: `${line.sheet}!${line.tagCell}` });
      if (stored?.via === "sheet") delete tags[line.key];
      continue;
    }
    const parsed = parseTagText(text, plan);
    if (!("goals" in parsed)) {
      issues.push({
        severity: "warning",
        code: "tag.unknown-goal",
        sheet: line.sheet,
        cell: line.tagCell,
        message: `${line.sheet}!${line.tagCell}: ${parsed.error} The text was left as typed and the line was tagged as if the cell were blank.`,
      });
      continue;
    }
    // The stored tag written back into the cell, or typed again as it was: nothing new.
    if (stored && sameGoals(parsed.goals, stored.goals)) continue;
    // Typed since the last run: a new decision. Unchanged text with no stored tag (the state was lost, or the
    // tag was cleared in the pane while the cell still says it) counts as the oldest decision: what the cell
    // says is never ignored.
    const changed = legacy || text !== before;
    if (!stored || changed) {
      const tag: ManualTag = { goals: parsed.goals, via: "sheet", label: lineLabel(line) };
      if (changed) tag.at = now;
      setOwn(tags, line.key, tag);
    }
  }

  // Answers that tag a whole program.
  const retain = new Map<string, ReviewAnswer>();
  for (const k of Object.keys(state.reviewAnswers)) {
    const a = getOwn(state.reviewAnswers, k);
    if (a && a.goalId && /^retain/i.test(String(a.response)) && known.has(a.goalId))
      retain.set(a.programKey, a);
  }

  const manual: Record<string, ManualTag> = {};
  const orphans: string[] = [];
  const conflicts = new Map<string, DecisionConflict>();
  // With no line's own tag and no answer that tags a whole program there is nothing to decide per line (a first
  // run of a budget: every line's key was looked up in an empty record).
  const perLine = retain.size > 0 || hasOwnKeys(tags);
  for (let i = 0; perLine && i < lines.length; i++) {
    const line = lines[i];
    // The person's "Non-program" in the line's own cell is its decision, over any goal from elsewhere.
    if (nonProgram.has(line.key)) continue;
    const own = getOwn(tags, line.key);
    // Said in the pane: the same, with the pane's time and name.
    if (own?.nonProgram) {
      nonProgram.set(line.key, originOf(line, own, own.via));
      continue;
    }
    const ownOk =
      own !== undefined &&
      Array.isArray(own.goals) &&
      own.goals.length > 0 &&
      own.goals.every((g) => known.has(g?.id));
    // A line's program key is made only when some answer tags a whole program (most runs have none).
    const pk = retain.size > 0 ? programKey(line) : "";
    const answer = retain.size > 0 ? retain.get(pk) : undefined;
    const reviewTag: ManualTag | undefined = answer && {
      goals: [{ id: answer.goalId!, share: 1 }],
      via: "review",
      label: lineLabel(line),
      ...(answer.at ? { at: answer.at } : {}),
      ...(answer.reviewer ? { by: answer.reviewer } : {}),
    };
    let win: ManualTag | undefined;
    if (ownOk && reviewTag) {
      const reviewNewer = isNewer(reviewTag.at, own.at);
      win = reviewNewer ? reviewTag : own;
      if (!sameGoals(own.goals, reviewTag.goals)) {
        let c = conflicts.get(pk);
        if (!c) {
          c = {
            programKey: pk,
            department: line.department,
            program: programOf(line),
            kept: reviewNewer ? "review" : "line",
            answerGoal: answer!.goalId!,
            answer: answer!,
            lines: [],
            message: "",
          };
          conflicts.set(pk, c);
        }
        // Several lines of one program: the answer is kept only where it is newer than each line's own decision.
        if (!reviewNewer) c.kept = "line";
        c.lines.push({
          key: line.key,
          where: cellOf(line) ?? `${line.sheet} row ${line.row}`,
          goals: formatTagText(own.goals),
          via: own.via,
          ...(own.at ? { at: own.at } : {}),
        });
      }
    } else if (ownOk) win = own;
    else if (reviewTag && !own) win = reviewTag;
    if (own && !ownOk) orphans.push(`${line.sheet} row ${line.row}`);
    if (win) setOwn(manual, line.key, win);
  }

  for (const c of conflicts.values()) c.message = conflictMessage(c);
  return {
    manual,
    state: {
      ...state,
      tags,
      // From now on both are recorded (an empty record: nothing seen), always in this order.
      seen: {
        goalCells: seenCells,
        review: state.seen?.review ?? {},
        ...(state.seen?.programs ? { programs: state.seen.programs } : {}),
      },
    },
    orphans,
    conflicts: [...conflicts.values()],
    nonProgram,
  };
}

const VIA_PLACE: Record<ManualTag["via"], string> = {
  sheet: "typed in the Goal column",
  pane: "set in the task pane",
  confirmed: "confirmed in the task pane",
  review: "answered in Review",
};

function conflictMessage(c: DecisionConflict): string {
  const first = c.lines[0];
  const more =
    c.lines.length > 1
      ? ` and ${c.lines.length - 1} more line${c.lines.length === 2 ? "" : "s"}`
      : "";
  const program = [c.department, c.program].filter(Boolean).join(" / ") || "(no program)";
  const answer = `the Review answer for ${program} says ${c.answerGoal}${whenWho(c.answer.at, c.answer.reviewer)}`;
  const line = `${first.where}${more} ${c.lines.length > 1 ? "say" : "says"} ${first.goals} (${VIA_PLACE[first.via]}${first.at ? `, ${first.at.slice(0, 10)}` : ""})`;
  return c.kept === "review"
    ? `${line}, but ${answer}, which is newer and is used. Both are kept: clear the Goal cell or change the answer to settle it.`
    : `${answer}, but ${line}, which is newer and is used for ${c.lines.length > 1 ? "those lines" : "that line"}. Both are kept: change the cell or the answer to settle it.`;
}

/**
 * The tagger's origins, one frozen object per source shared by every line it tagged (a million lines held a million
 * equal `{ via: "suggested" }` objects, 32 bytes each).
 */
const SOURCE_ORIGINS = new Map<TagOrigin["via"], TagOrigin>();

/** Where a line's tag came from, from the decision that counts (or the tagger's source). */
export function originOf(
  line: BudgetLine,
  m: ManualTag | undefined,
  source: TagOrigin["via"]
): TagOrigin {
  if (!m) {
    let shared = SOURCE_ORIGINS.get(source);
    if (!shared) SOURCE_ORIGINS.set(source, (shared = Object.freeze({ via: source })));
    return shared;
  }
  return {
    via: m.via,
    ...(m.at ? { at: m.at } : {}),
    ...(m.by ? { by: m.by } : {}),
    ...(m.via === "sheet" && cellOf(line) ? { cell: cellOf(line) } : {}),
  };
}

/** Plain words for a person's decision, for the pane's "Why": "answered in Review by Ana Ruiz on 2026-12-02". */
export function originWords(o: TagOrigin): string {
  const base =
    o.via === "sheet"
      ? `typed in the Goal column${o.cell ? ` (${o.cell})` : ""}`
      : o.via === "pane"
        ? "set in the task pane"
        : o.via === "confirmed"
          ? "confirmed in the task pane"
          : o.via === "review"
            ? "answered in Review"
            : o.via;
  return `${base}${o.by ? ` by ${o.by}` : ""}${o.at ? ` on ${o.at.slice(0, 10)}` : ""}`;
}
