/**
 * What staff type in a budget sheet's Goal column: "G1.2", a goal's title, or several goals with optional shares
 * ("G1.2 60%, G3.1 40%"; without shares the line is split equally).
 */
import { resolveGoalRef } from "../plan/model";
import type { GoalShare, Plan } from "../types";

const SHARE_AT_END = /^(.*?)[\s:=(–—-]*(\d+(?:\.\d+)?)\s*%\s*\)?$/s;
const SHARE_AT_START = /^\(?\s*(\d+(?:\.\d+)?)\s*%\s*\)?[\s:=–—-]*(.*)$/s;

interface Part {
  ref: string;
  percent: number | null;
}

function splitShare(text: string): Part {
  const t = text.trim();
  const end = SHARE_AT_END.exec(t);
  if (end && end[1].trim()) return { ref: end[1].trim(), percent: Number(end[2]) };
  const start = SHARE_AT_START.exec(t);
  if (start && start[2].trim()) return { ref: start[2].trim(), percent: Number(start[1]) };
  return { ref: t, percent: null };
}

function formatPercent(p: number): string {
  const r = Math.round(p * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/**
 * Reads a Goal cell. Returns the goals with shares adding to 1, or an error in plain words
 * (`"G9.9" is not a goal in the plan.`).
 */
export function parseTagText(text: string, plan: Plan): { goals: GoalShare[] } | { error: string } {
  const raw = String(text ?? "").trim();
  if (!raw) return { error: "The Goal cell is empty." };

  // A whole title may itself contain commas or slashes ("Parks, Recreation & Culture"): it counts whole when the
  // text has no separator, or when read piece by piece it names no goal ("G1.1, P3" is two goals, not "G1.1").
  const whole = splitShare(raw);
  const wholeId = resolveGoalRef(plan, whole.ref);
  const wholeResult =
    wholeId && (whole.percent === null || Math.abs(whole.percent - 100) < 0.5)
      ? { goals: [{ id: wholeId, share: 1 }] }
      : null;
  if (wholeResult && !/[;,/\n]/.test(raw)) return wholeResult;
  const pieceResult = parsePieces(raw, plan);
  if ("error" in pieceResult && wholeResult) return wholeResult;
  return pieceResult;
}

function parsePieces(raw: string, plan: Plan): { goals: GoalShare[] } | { error: string } {
  const pieces = raw
    .split(/[;,/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const parts: { id: string; percent: number | null }[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const part = splitShare(pieces[i]);
    let id = resolveGoalRef(plan, part.ref);
    // A title with a comma in it: join with the following pieces while that resolves.
    let j = i;
    let joined = part;
    while (!id && j + 1 < pieces.length) {
      j++;
      joined = splitShare(pieces.slice(i, j + 1).join(raw.includes(";") ? "; " : ", "));
      id = resolveGoalRef(plan, joined.ref);
    }
    if (!id) return { error: `"${part.ref}" is not a goal in the plan.` };
    if (joined.percent !== null && !(joined.percent > 0)) {
      return { error: `The share for "${joined.ref}" must be more than 0%.` };
    }
    parts.push({ id, percent: joined.percent });
    i = j;
  }
  if (parts.length === 0) return { error: "The Goal cell names no goal." };

  // The same goal twice: add its shares.
  const merged: { id: string; percent: number | null }[] = [];
  for (const p of parts) {
    const seen = merged.find((m) => m.id === p.id);
    if (!seen) merged.push({ ...p });
    else if (seen.percent !== null || p.percent !== null)
      seen.percent = (seen.percent ?? 0) + (p.percent ?? 0);
  }

  const given = merged.filter((m) => m.percent !== null);
  const sumGiven = given.reduce((s, m) => s + (m.percent as number), 0);
  const missing = merged.length - given.length;
  if (missing === 0) {
    if (Math.abs(sumGiven - 100) > 0.5) {
      return { error: `The shares add up to ${formatPercent(sumGiven)}%, not 100%.` };
    }
  } else if (sumGiven >= 100 - 1e-9) {
    return {
      error: `The shares given already add up to ${formatPercent(sumGiven)}%, leaving nothing for ${merged
        .filter((m) => m.percent === null)
        .map((m) => m.id)
        .join(", ")}.`,
    };
  }
  const rest = missing > 0 ? (100 - sumGiven) / missing : 0;
  const percents = merged.map((m) => (m.percent === null ? rest : (m.percent as number)));
  const total = percents.reduce((s, p) => s + p, 0);
  const goals = merged.map((m, i) => ({ id: m.id, share: percents[i] / total }));
  return { goals };
}

/** The Goal cell text for a tag: "G1.2", or "G1.2 60%; G3.1 40%". */
export function formatTagText(goals: GoalShare[]): string {
  if (goals.length === 0) return "";
  if (goals.length === 1) return goals[0].id;
  return goals.map((g) => `${g.id} ${formatPercent(g.share * 100)}%`).join("; ");
}
