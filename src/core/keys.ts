/** Normalisation and keys shared by the reader, the tagger and the reports. */

/** Lower-case, trims, folds runs of white space and strips accents: the form used to compare names. */
export function normName(text: string): string {
  let n = normMemo.get(text);
  if (n === undefined) {
    n = text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
    if (normMemo.size >= NORM_MEMO_MAX) normMemo.clear();
    normMemo.set(text, n);
  }
  return n;
}

/** normName per distinct text: a budget repeats the same department, program and account names on every line. */
const normMemo = new Map<string, string>();
const NORM_MEMO_MAX = 50_000;

/** The name of the program a line belongs to: its program, else its division, else its department. */
export function programOf(line: { department: string; division: string; program: string }): string {
  return line.program || line.division || line.department;
}

/** Key of a program (department + program name), used for flagging and review answers. */
export function programKey(line: {
  department: string;
  division: string;
  program: string;
}): string {
  return `${normName(line.department)}|${normName(programOf(line))}`;
}
