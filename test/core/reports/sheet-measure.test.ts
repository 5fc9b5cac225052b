/**
 * The reports' text measures read their texts by position (no arrays of lines or words per cell): they must give
 * what the split-based readings gave, which set every row height and column width of the written sheets.
 */
import fc from "fast-check";
import { fitWidths, textWidth, wrappedLines } from "../../../src/core/reports/sheet";

/** wrappedLines as it was: paragraphs by split("\n"), words by split(/\s+/). */
function wrappedLinesBySplit(text: string, chars: number): number {
  const SPACE = 0.45;
  const width = Math.max(1, chars);
  let lines = 0;
  for (const para of text.split("\n")) {
    let line = (/^ */.exec(para)?.[0].length ?? 0) * SPACE;
    let first = true;
    lines++;
    for (const word of para.split(/\s+/)) {
      if (!word) continue;
      const w = textWidth(word);
      if (first) {
        line += w;
        first = false;
      } else if (line + SPACE + w <= width) line += SPACE + w;
      else {
        lines++;
        line = w;
      }
      while (line > width + 1) {
        lines++;
        line -= width;
      }
    }
  }
  return Math.max(1, lines);
}

/** shownLength as it was, through fitWidths' formula (width = clamp(ceil(n + 2))): for one cell. */
function shownLengthBySplit(v: string | number, fmt?: string): number {
  if (v === "") return 0;
  if (typeof v === "string") {
    let longest = 0;
    for (const line of v.split("\n")) longest = Math.max(longest, line.length);
    return longest;
  }
  if (fmt && /yy/.test(fmt)) return fmt.length;
  if (fmt && fmt.includes("%")) return 7;
  const whole = Math.abs(Math.trunc(v)).toString().length;
  const seps = Math.floor((whole - 1) / 3);
  return (
    whole + seps + (v < 0 ? 1 : 0) + (fmt?.includes("$") ? 1 : 0) + (fmt?.includes(".00") ? 3 : 0)
  );
}

// Texts made of the characters that matter: spaces of every kind /\s/ knows, newlines, narrow and wide letters,
// a letter outside ASCII and a surrogate pair.
const piece = fc.constantFrom(
  " ",
  "  ",
  "\n",
  "\t",
  "\r\n",
  "\u00a0",
  "\u2003",
  "\u3000",
  "\ufeff",
  "\u200b",
  "il",
  "Mmw",
  "Public Safety",
  "é",
  "😀",
  "x".repeat(40),
  "a"
);
const text = fc.array(piece, { maxLength: 20 }).map((p) => p.join(""));

test("wrappedLines by position equals the split reading, for any text and width", () => {
  fc.assert(
    fc.property(text, fc.integer({ min: -2, max: 60 }), (t, chars) => {
      expect(wrappedLines(t, chars)).toBe(wrappedLinesBySplit(t, chars));
    }),
    { numRuns: 3000 }
  );
  // Blank and leading-space paragraphs, and a text that is only a newline.
  for (const t of ["", "\n", " a\n  b", "a\n", "\n\n  x  y  "])
    expect(wrappedLines(t, 5)).toBe(wrappedLinesBySplit(t, 5));
});

test("fitWidths measures texts and numbers as the split and toString readings did", () => {
  const numbers = fc.oneof(
    fc.double({ noNaN: false }),
    fc.integer(),
    fc.constantFrom(
      0,
      -0,
      9,
      10,
      99.99,
      100,
      999,
      1000,
      -1e5,
      1e20 - 1,
      1e20,
      1e21,
      1e22,
      -1e21,
      Infinity
    )
  );
  const formats = fc.constantFrom(undefined, "$#,##0", "#,##0.00", "0%", "yyyy-mm-dd", "General");
  fc.assert(
    fc.property(fc.oneof(text, numbers), formats, (v, fmt) => {
      const got = fitWidths(
        [[v]],
        fmt ? [{ range: { row: 0, col: 0, rows: 1, cols: 1 }, format: fmt }] : [],
        {
          min: 0,
          max: 1000,
        }
      )[0];
      expect(got).toBe(Math.max(0, Math.min(1000, Math.ceil(shownLengthBySplit(v, fmt) + 2))));
    }),
    { numRuns: 3000 }
  );
});
