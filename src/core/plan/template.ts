/**
 * A ready-to-fill `Strategic Plan` sheet: plan details above the table, the header row, example rows (a
 * priority, a goal, a subgoal and two actions), drop-down lists on Level and Status, and a short instruction
 * block to the right. readPlanSheet reads it back as the example plan with no errors.
 */
import { templatePrint } from "../reports/sheet";
import type { CellValue, Plan, RangeRef, SheetModel, StyleName } from "../types";
import { isoToSerial } from "./dates";
import { LEVEL_NAMES, PLAN_COLUMNS, STATUS_VALUES, type PlanField } from "./layout";
import { PLAN_SHEET_NAME } from "./model";
import { PLAN_HEADER_ROW_INDEX, planFieldRows, planTableRows } from "./sheet";

/** Rows below the header that get the Level and Status lists and the text/date formats. */
export const TEMPLATE_INPUT_ROWS = 500;

/** The example plan the template shows (fictional, generic). */
export function templateExamplePlan(): Plan {
  return {
    name: "Our City Strategic Plan 2026–2031",
    adopted: "2026-03-15",
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities: [
      {
        id: "P1",
        title: "Safe and healthy neighborhoods",
        description: "Residents feel safe at home, at work and in public places.",
        keywords: ["public safety", "emergency", "health"],
        goals: [
          {
            id: "G1.1",
            title: "Reduce emergency response times",
            description: "Help arrives quickly when residents call 911.",
            keywords: ["fire", "police", "ambulance", "dispatch"],
            subgoals: [
              {
                id: "S1.1.1",
                title: "Modernize emergency dispatch",
                keywords: ["dispatch", "911", "call center"],
                actions: [
                  {
                    id: "A1.1.1.1",
                    title: "Replace the computer-aided dispatch system",
                    owner: "Emergency Communications",
                    start: "2026-07-01",
                    due: "2027-06-30",
                    measure: "Median time from call to dispatch",
                    target: "Under 60 seconds",
                    status: "Not started",
                  },
                ],
              },
            ],
            actions: [
              {
                id: "A1.1.2",
                title: "Open a fire station in the north district",
                owner: "Fire Department",
                start: "2026-09-01",
                due: "2028-12-31",
                measure: "Share of calls reached within 8 minutes",
                target: "90%",
                status: "In progress",
              },
            ],
          },
        ],
      },
    ],
  };
}

const INSTRUCTIONS = [
  "How to fill in this sheet",
  "• One row per priority, goal, subgoal and action. Replace the example rows with your plan.",
  "• ID: a short code such as P1, G1.2 or A1.2.3. Every ID must be different.",
  "• Parent ID: the ID of the row this one belongs under (blank for a priority).",
  "• Level: Priority, Goal, Subgoal (or Strategy, Objective) or Action — pick it from the list.",
  "• A goal belongs under a priority, a subgoal under a goal, an action under a goal or a subgoal.",
  "• Keywords: words that help match budget lines to this row, separated by commas.",
  "• Covers (optional): the municipal functions this row covers (e.g. police; payroll), as the Plan step lists them. Left blank, the add-in reads them from the words.",
  "• Actions: fill in Owner, Start, Due, Measure and Target. Actions missing any of them are listed by the SMART check.",
  "• Dates: any date Excel understands, e.g. 3/15/2026.",
  "• Status: Not started, In progress, Complete, Delayed or Cancelled.",
  "• Above the table: the plan's name, adoption date, the day the fiscal year starts (e.g. 07-01) and its horizon in years.",
];

const INSTRUCTION_COL = PLAN_COLUMNS.length + 1;

function colOf(field: PlanField): number {
  return PLAN_COLUMNS.findIndex((c) => c.field === field);
}

function range(row: number, col: number, rows = 1, cols = 1): RangeRef {
  return { row, col, rows, cols };
}

/** The `Strategic Plan` template sheet. */
export function planTemplateSheet(): SheetModel {
  const example = templateExamplePlan();
  const header = PLAN_HEADER_ROW_INDEX;
  const firstData = header + 1;

  const values: CellValue[][] = [
    ...planFieldRows(example),
    [],
    PLAN_COLUMNS.map((c) => c.header),
    ...planTableRows(example),
  ];
  // Dates as real dates (serials shown as yyyy-mm-dd): what Excel gives back when a person types a date.
  values[1][1] = isoToSerial(example.adopted as string);
  for (let r = firstData; r < values.length; r++) {
    for (const f of ["start", "due"] as const) {
      const v = values[r][colOf(f)];
      if (typeof v === "string" && v) values[r][colOf(f)] = isoToSerial(v);
    }
  }
  // The instruction block, to the right of the table.
  INSTRUCTIONS.forEach((text, i) => {
    const row = (values[i] ??= []);
    while (row.length < INSTRUCTION_COL) row.push("");
    row[INSTRUCTION_COL] = text;
  });

  const styles: { range: RangeRef; style: StyleName }[] = [
    { range: range(0, 0, 4, 1), style: "sectionHeader" },
    { range: range(0, 1, 4, 1), style: "inputCell" },
    { range: range(header, 0, 1, PLAN_COLUMNS.length), style: "tableHeader" },
    { range: range(0, INSTRUCTION_COL, 1, 1), style: "sectionHeader" },
    { range: range(1, INSTRUCTION_COL, INSTRUCTIONS.length - 1, 1), style: "note" },
  ];

  const columnWidths = [...PLAN_COLUMNS.map((c) => c.width), 3, 90];
  // The plan-field labels in column A need more room than an ID.
  columnWidths[0] = Math.max(columnWidths[0], 18);
  columnWidths[1] = Math.max(columnWidths[1], 34);

  return {
    name: PLAN_SHEET_NAME,
    values,
    numberFormats: [
      { range: range(1, 1), format: "yyyy-mm-dd" },
      { range: range(2, 1), format: "@" },
      { range: range(firstData, colOf("id"), TEMPLATE_INPUT_ROWS, 2), format: "@" },
      { range: range(firstData, colOf("start"), TEMPLATE_INPUT_ROWS, 2), format: "yyyy-mm-dd" },
    ],
    styles,
    columnWidths,
    freeze: { rows: header + 1, cols: 0 },
    tables: [],
    validations: [
      {
        range: range(firstData, colOf("level"), TEMPLATE_INPUT_ROWS, 1),
        list: [...LEVEL_NAMES],
        prompt: "Priority, Goal, Subgoal or Action (Strategy and Objective also count as Subgoal).",
        allowOther: true,
      },
      {
        range: range(firstData, colOf("status"), TEMPLATE_INPUT_ROWS, 1),
        list: [...STATUS_VALUES],
        prompt: "Where the action stands.",
        allowOther: false,
      },
    ],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: templatePrint(header, PLAN_SHEET_NAME),
  };
}
