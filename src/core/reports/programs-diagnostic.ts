/**
 * The diagnostic (./diagnostic.ts) on the Programs sheet, below the what-if tables: quartile × mandate, reliance
 * and cost recovery with amounts; the candidates for review; the quartile 1 programs whose demand is rising.
 * Written as values, as of the run (it names programs to look at; it recommends no cut).
 */
import type { Diagnostic, DiagnosticProgram } from "./diagnostic";
import { LISTED_MAX, QUARTILE_MEANING, TOP_COLS, type ProgramsWriter } from "./programs-layout";
import { rng } from "./sheet";
import { FORMATS } from "./styles";
import { fromCents } from "./totals";

export function diagnosticTables(w: ProgramsWriter, diag: Diagnostic): void {
  crossTable(w, diag);
  listTable(
    w,
    "Candidates for review (to look at, not cuts)",
    diag.candidates,
    "None: no program in quartile 4 or fitting no goal is unmandated with low reliance and low cost recovery."
  );
  w.b.row();
  listTable(
    w,
    "Quartile 1 programs whose demand is rising",
    diag.rising,
    "None: no quartile 1 program has a rising change in demand chosen (the Change in demand column)."
  );
}

/** The budget by quartile crossed with each attribute's choices (amounts and program counts). */
function crossTable(w: ProgramsWriter, diag: Diagnostic): void {
  const { b } = w;
  w.sectionRow("Diagnostic: budget by quartile and attribute");
  const ch = b.row([
    "Attribute",
    "Choice",
    ...QUARTILE_MEANING.map((_, q) => `Quartile ${q + 1}`),
    "Programs",
  ]);
  b.style(rng(ch, 0, 1, TOP_COLS), "tableHeader");
  const crossFirst = b.next;
  diag.cross.forEach((row, i) => {
    const prev = diag.cross[i - 1];
    b.row([
      prev?.attribute === row.attribute ? "" : row.attribute,
      row.choice,
      ...row.cents.map(fromCents),
      row.programs.reduce((x, y) => x + y, 0),
    ]);
  });
  b.style(rng(crossFirst, 0, diag.cross.length, 2), "wrapText");
  b.format(rng(crossFirst, 2, diag.cross.length, 4), FORMATS.currency);
  b.format(rng(crossFirst, 6, diag.cross.length, 1), FORMATS.integer);
  b.row();
}

/** A list of programs with their quartile, cost and why each is listed (at most LISTED_MAX, then "+N more"). */
function listTable(
  w: ProgramsWriter,
  title: string,
  items: readonly DiagnosticProgram[],
  none: string
): void {
  const { b } = w;
  w.sectionRow(title);
  const h = b.row(["Department", "Program", "Quartile", "Cost", "Why listed"]);
  b.style(rng(h, 0, 1, TOP_COLS), "tableHeader");
  const from = b.next;
  if (items.length === 0) {
    const r = b.row([none]);
    b.style(rng(r, 0, 1, TOP_COLS), "muted");
    return;
  }
  for (const d of items.slice(0, LISTED_MAX))
    b.row([d.department, d.program, d.quartile, fromCents(d.cents), d.why]);
  if (items.length > LISTED_MAX) {
    const rest = items.slice(LISTED_MAX);
    b.row([`+${rest.length} more`, "", "", fromCents(rest.reduce((x, d) => x + d.cents, 0))]);
  }
  const rows = b.next - from;
  // "Why listed" runs on over the empty columns to its right: it does not widen the Quartile column below it.
  for (let r = from; r < b.next; r++) b.freeRows.add(r);
  b.format(rng(from, 2, rows, 1), FORMATS.integer);
  b.format(rng(from, 3, rows, 1), FORMATS.currency);
  b.style(rng(from, 0, rows, 2), "wrapText");
  b.style(rng(from, 4, rows, 1), "note");
}
