/**
 * The Programs sheet: priority-based budgeting in the city's own workbook. One row per program (the Review
 * sheet's program key) with its cost, money per priority, goals, a 0–4 score per priority (computed, or typed by
 * an analyst), a weighted total score and a quartile, the basic program attributes (dropdowns), and a what-if
 * block (a % change per priority and per quartile → totals by priority, quartile, goal and department, current
 * vs scenario) with a chart. Totals, the quartile and the what-if figures are live formulas built only from our
 * own A1 references; each formula cell's value in the model is what the core computed, so a reader that does not
 * recalculate sees the same numbers. What analysts type (scores, attributes, weights, changes) is read back by
 * readProgramsSheet and kept in the state by program key.
 *
 * The tables are written by their own modules: ./programs-whatif (weights and what-if by priority, quartile, goal
 * and department, and the working table), ./programs-attributes (the attribute scales), ./programs-diagnostic,
 * ./programs-table (the program table), laid out by ./programs-layout and put on paper by ./programs-print;
 * ./programs-read reads back what analysts typed.
 */
import type { SheetModel } from "../types";
import { ATTRIBUTES, DEFAULT_ATTRIBUTE_WEIGHT } from "./attributes";
import type { ReportContext } from "./context";
import { diagnostic } from "./diagnostic";
import {
  DEFAULT_WEIGHT,
  programInventory,
  QUARTILE_RULE,
  scenarioOf,
  type Inventory,
} from "./program-inventory";
import { diagnosticTables } from "./programs-diagnostic";
import { attributeTable } from "./programs-attributes";
import { departmentsOf, planRows, ProgramsWriter, TOP_COLS, T } from "./programs-layout";
import { programsPage } from "./programs-print";
import { programHeaders, programRows, programTableLooks } from "./programs-table";
import {
  allocationsOf,
  allocationTable,
  departmentTable,
  fundedGoals,
  goalTable,
  priorityTable,
  quartileTable,
} from "./programs-whatif";
import { formulaBlocks, reportPrint, reportTitle, rng } from "./sheet";

export const PROGRAMS_SHEET = "Programs";

export { ATTRIBUTES };
export { NO_GOAL, programColumns, QUARTILE_MEANING } from "./programs-layout";
export { goalsText } from "./programs-table";
export {
  findProgramRow,
  mergeProgramInputs,
  readProgramsSheet,
  type ProgramsRead,
} from "./programs-read";

/** The title and the notes at the top of the sheet: what it holds and the rules of its figures. */
function introduction(w: ProgramsWriter): void {
  const { b } = w;
  b.textRow(reportTitle("Programs (priority-based budgeting)"), "title");
  b.textRows(
    "One row per program: its cost, its money on each priority, a score per priority, a total score and a quartile, and basic attributes. Yellow cells are yours to change; everything else is recomputed from them in Excel.",
    "subtitle"
  );
  b.textRows(
    `Scores use priority-based budgeting's 0–4 scale of a program's influence on each priority (4 essential, 3 strong influence, 2 some, 1 minimal, 0 none). The add-in suggests each score from the plan's own words (grey italic, "suggested" in the Scores column, the reason in Score evidence): 4 where a goal, subgoal or action of the priority names the program's work; 3 where the priority covers the program's main function and money of it is tagged there; 2 a secondary function; 1 a topical match only; 0 otherwise. A program can score on several priorities. Type over a score to set your own (kept when the report is run again; clear it to get the suggestion back).`,
    "note"
  );
  b.textRows(
    `Total score = each priority's score × its weight, plus each attribute's points on its 0–4 scale × the attribute's weight (the yellow weights at the top: ${DEFAULT_WEIGHT} per priority, ${DEFAULT_ATTRIBUTE_WEIGHT} per attribute to start). Attributes (mandated, reliance on the city, cost recovery, change in demand, portion served) are suggested where the budget tells (cost recovery from a fee or revenue column; sole provider where no other department provides the program's main function) and otherwise blank until someone chooses: a blank attribute is left out of the score, never counted as 0. Choices are kept on every run. ${QUARTILE_RULE}`,
    "note"
  );
  b.textRows(
    "Diagnostic (below the what-if tables, as of this run): the budget by quartile crossed with mandate, reliance on the city and cost recovery; the candidates for review are the programs in quartile 4 or fitting no goal that are not mandated, have low reliance on the city and low cost recovery (an attribute not yet chosen does not keep a program off the list); then the quartile 1 programs whose demand is rising. It names programs for a closer look; it recommends no cut.",
    "note"
  );
  b.textRows(
    "What-if: type a % change per priority and per quartile (e.g. -10% for quartile 4); a program's what-if amount is its money on each priority × (1 + that priority's change), plus its money on no goal, all × (1 + its quartile's change). A program on several priorities moves each part of its money with its own priority's change (never the whole program with one), so the totals by priority, by quartile, by goal and by department are the same money and add up to the same what-if total.",
    "note"
  );
  b.row();
}

/** The Programs sheet model (the inventory may be given when the caller computed it already). */
export function buildProgramsSheet(ctx: ReportContext, given?: Inventory): SheetModel {
  const inv = given ?? programInventory(ctx);
  const w = new ProgramsWriter(
    inv,
    inv.programs.map((p) => scenarioOf(p, inv.priorityChange))
  );
  const { b } = w;
  introduction(w);

  // The program table's rows are needed by the formulas above it, and the weights above by its formulas: every
  // table is placed before any is written.
  const depts = departmentsOf(inv, w.scenarios);
  const diag = diagnostic(inv);
  const rows = planRows(
    b.next,
    { k: w.k, goals: fundedGoals(inv).length, departments: depts.length, programs: w.n },
    diag
  );
  w.rows = rows;
  const alloc = allocationsOf(inv);

  priorityTable(w);
  attributeTable(w);
  quartileTable(w);
  goalTable(w, alloc);
  departmentTable(w, depts);
  diagnosticTables(w, diag);
  if (b.next - 1 !== rows.topEnd)
    throw new Error("Programs sheet: the top tables are not where they were planned.");

  // The chart: current vs what-if by priority, on a page of its own under its section title.
  b.row();
  w.sectionRow("Current and what-if by priority (chart)");
  b.ensureRows(rows.chartTop + rows.chartRows);
  const charts: SheetModel["charts"] = [
    {
      type: "barClustered",
      title: "Budget by priority: current and what-if",
      categories: rng(rows.priority, 0, w.k + 1, 1),
      values: rng(rows.priority, T.current, w.k + 1, 1),
      seriesName: "Current",
      moreSeries: [{ name: "What-if", values: rng(rows.priority, T.scenario, w.k + 1, 1) }],
      anchor: rng(rows.chartTop, 0, rows.chartRows, TOP_COLS),
    },
  ];

  const headers = programHeaders(w);
  programRows(w, headers);
  allocationTable(w, alloc);

  const model: SheetModel = {
    name: PROGRAMS_SHEET,
    values: b.values,
    numberFormats: b.numberFormats,
    styles: b.styles,
    columnWidths: [],
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts,
    outline: [],
    print: reportPrint({ start: 0, end: 0 }),
    tabColor: "#548235",
    formulas: formulaBlocks(w.formulas),
  };
  programTableLooks(w, model);
  return programsPage(w, model, headers);
}
