/**
 * Confidence earned on the workbook itself. Out of the box a suggestion's confidence comes from a fit on other
 * cities (weights.ts); cities differ (the evaluation's cities are 58% to 94% right zero-shot), so once staff have
 * confirmed programs the engine knows how often its own suggestions for them were right in this city, and re-fits
 * the confidence it shows on that: logit(c') = a + b · logit(c), fitted by regularised maximum likelihood (Platt
 * scaling) on the confirmed programs, each scored with what the engine suggested for it before it was confirmed.
 * The regulariser pulls toward no change (a = 0, b = 1), so a handful of confirmations moves the confidences a
 * little and a few dozen decide them.
 */
import { REFIT } from "./weights";

export interface RefitPoint {
  /** The engine's confidence in its suggestion, before staff confirmed the program. */
  confidence: number;
  /** Whether the suggestion was the priority staff confirmed. */
  right: boolean;
}

export interface Refit {
  a: number;
  b: number;
  /** Confirmed programs the fit was made on, and how many of the engine's suggestions for them were right. */
  programs: number;
  right: number;
}

const EPS = 1e-4;

export function logit(c: number): number {
  const x = Math.min(1 - EPS, Math.max(EPS, c));
  return Math.log(x / (1 - x));
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * The re-fit on the workbook's confirmations, or null with fewer than REFIT.minPrograms of them (too few to say
 * anything about this city).
 */
export function fitRefit(points: readonly RefitPoint[]): Refit | null {
  if (points.length < REFIT.minPrograms) return null;
  const x = points.map((p) => logit(p.confidence));
  const y: number[] = points.map((p) => (p.right ? 1 : 0));
  const lambda = REFIT.prior;
  let a = 0;
  let b = 1;
  // Newton's method on the penalised log-likelihood (two parameters; converges in a few steps).
  for (let it = 0; it < 50; it++) {
    let ga = -lambda * a;
    let gb = -lambda * (b - 1);
    let haa = -lambda;
    let hab = 0;
    let hbb = -lambda;
    for (let i = 0; i < x.length; i++) {
      const p = logistic(a + b * x[i]);
      const r = y[i] - p;
      const w = p * (1 - p);
      ga += r;
      gb += r * x[i];
      haa -= w;
      hab -= w * x[i];
      hbb -= w * x[i] * x[i];
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  // A fit that turns confidence upside down (b ≤ 0) says the confirmations are too few or too mixed to rank by it:
  // keep the ranking, and let the intercept carry the city's level.
  if (!(b > REFIT.minSlope)) b = REFIT.minSlope;
  return { a, b, programs: points.length, right: y.reduce((s, v) => s + v, 0) };
}

export function applyRefit(confidence: number, fit: Refit | null): number {
  return fit ? logistic(fit.a + fit.b * logit(confidence)) : confidence;
}
