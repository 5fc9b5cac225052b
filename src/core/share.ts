/**
 * A share of money in words, for the pane and the sheets' captions: one decimal, floored, so that 99.96% aligned
 * reads "99.9%", never "100%" while any money is left out (and 0.04% reads "0.0%", never a share that is not
 * there). Exactly all of it is "100%".
 */
export function shareText(part: number, whole: number): string {
  if (!(whole !== 0) || !Number.isFinite(part) || !Number.isFinite(whole)) return "0%";
  const ratio = part / whole;
  if (ratio === 1) return "100%";
  // Tenths of a percent, floored (a tiny allowance for binary fractions such as 0.1 + 0.2).
  const tenths = Math.floor(ratio * 1000 + 1e-9);
  const shown = ratio < 1 ? Math.min(tenths, 999) : tenths;
  return `${(shown / 10).toFixed(1)}%`;
}
