/**
 * `--columns department="Bureau Name",program="Program"`: the command line's way of correcting the detected
 * columns, as the pane's Budget step does. Each role is given by its column's header text; on each budget sheet
 * that has a column of that header, the column takes that role. The result is a column override of the workbook's
 * state (by sheet and column letter), so the next run and the pane use it too.
 */
import { columnLetter } from "../a1";
import { normName } from "../keys";
import { setColumnOverride } from "../state";
import type { ColumnRole, SheetCells, WorkbookState } from "../types";
import { LINE_TEXT_FIELDS } from "../types";
import { findHeader } from "./header";

/** Roles by the words people use for them: the role's own name, the pane's label, a few synonyms. */
const ROLE_WORDS: Record<string, ColumnRole> = {
  ...Object.fromEntries(LINE_TEXT_FIELDS.map((f) => [f.toLowerCase(), f])),
  "account name": "accountName",
  account_name: "accountName",
  accountname: "accountName",
  amount: "amount",
  goal: "tag",
  tag: "tag",
  fte: "fte",
  ftes: "fte",
  staff: "fte",
  ignore: "ignore",
  none: "ignore",
};

export const COLUMN_ROLE_NAMES =
  "department, division, program, fund, account, accountName, description, amount, goal, fte, ignore";

export interface ColumnChoice {
  role: ColumnRole;
  header: string;
}

/**
 * Parses `role="Header",role=Header,…` (quotes needed only for a header with a comma). Returns the choices, or an
 * error in plain words.
 */
export function parseColumnsOption(text: string): ColumnChoice[] | { error: string } {
  const out: ColumnChoice[] = [];
  const re = /\s*([A-Za-z_ ]+?)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m || m[0].length === 0)
      return {
        error: `--columns must be written role="Column header",… (for example --columns department="Bureau Name",program="Program"), not ${JSON.stringify(text)}.`,
      };
    at = re.lastIndex;
    const word = m[1].trim().toLowerCase();
    const role = Object.prototype.hasOwnProperty.call(ROLE_WORDS, word)
      ? ROLE_WORDS[word]
      : undefined;
    if (!role)
      return {
        error: `--columns: "${m[1].trim()}" is not a column role. The roles are: ${COLUMN_ROLE_NAMES}.`,
      };
    const header = (m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3]).trim();
    if (header === "")
      return { error: `--columns: give the header of the ${m[1].trim()} column after "=".` };
    out.push({ role, header });
  }
  if (out.length === 0) return { error: `--columns needs at least one role="Column header".` };
  return out;
}

/**
 * The state with the choices applied to the budget sheets that have a column of each header. An error names a
 * header no budget sheet has, with the headers there are.
 */
export function applyColumnChoices(
  state: WorkbookState,
  sheets: SheetCells[],
  choices: ColumnChoice[]
): { state: WorkbookState } | { error: string } {
  let next = state;
  const headersSeen = new Set<string>();
  for (const choice of choices) {
    let found = false;
    for (const sheet of sheets) {
      const header = findHeader(sheet.values ?? [], sheet.startRow ?? 0);
      if (!header) continue;
      for (const g of header.columns) {
        if (!g.header) continue;
        headersSeen.add(g.header);
        if (normName(g.header) !== normName(choice.header)) continue;
        next = setColumnOverride(
          next,
          sheet.name,
          columnLetter(g.c + (sheet.startCol ?? 0)),
          choice.role
        );
        found = true;
      }
    }
    if (!found) {
      const list = [...headersSeen].map((h) => `"${h}"`).join(", ");
      return {
        error: `--columns: no budget sheet has a column headed "${choice.header}".${list ? ` The headers are: ${list}.` : ""}`,
      };
    }
  }
  return { state: next };
}
