/** Office's theme colours → light or dark Fluent theme. */

/** True when a "#RRGGBB" background is dark (relative luminance below one half). Anything else counts as light. */
export function isDarkBackground(color: string | undefined | null): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec((color ?? "").trim());
  if (!m) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
