/**
 * The ready-to-fill `Measures` sheet (written with the Strategic Plan template by --init-plan and the pane's Plan
 * step): one row per measure, its plan node, unit, direction, interval, band, owner and source, then a target and
 * an actual column per fiscal year and the current year's quarters. The reader is the same as for a city's own
 * export (src/core/measures/import.ts), so this sheet is simply the canonical wide layout.
 */
import type { CellValue, RangeRef, SheetModel } from "../types";
import { templatePrint } from "../reports/sheet";
import { DIRECTIONS, INTERVALS, periodLabel } from "./model";

export const MEASURES_SHEET = "Measures";

/** Rows below the header that get the Direction and Interval lists. */
export const MEASURE_INPUT_ROWS = 500;

export const MEASURE_FIELDS = [
  "Measure ID",
  "Measure",
  "Goal or action ID",
  "Program",
  "Unit",
  "Direction",
  "Interval",
  "Baseline",
  "Band low",
  "Band high",
  "Owner",
  "Source",
  "Status",
  "Notes",
] as const;

const col = (h: (typeof MEASURE_FIELDS)[number]) => MEASURE_FIELDS.indexOf(h);
const HEADER_ROW = 3;

/** The period columns for a report year `fy`: the two years before (target and actual), then `fy` and its quarters. */
export function measurePeriodHeaders(fy: number): string[] {
  const out: string[] = [];
  for (const y of [fy - 2, fy - 1, fy]) {
    const l = periodLabel({ fy: y, quarter: 0 });
    out.push(`${l} Target`, `${l} Actual`);
  }
  for (const q of [1, 2, 3, 4] as const) {
    const l = periodLabel({ fy, quarter: q });
    out.push(`${l} Target`, `${l} Actual`);
  }
  return out;
}

const range = (row: number, c: number, rows = 1, cols = 1): RangeRef => ({
  row,
  col: c,
  rows,
  cols,
});

/**
 * The template for fiscal year `fy` (ending year), with two example measures of the plan template's actions (none
 * with `examples: false`: the pane's first added measure goes into an empty one).
 */
export function measuresTemplateSheet(fy: number, examples = true): SheetModel {
  const periods = measurePeriodHeaders(fy);
  const header = [...MEASURE_FIELDS, ...periods];
  const at = (h: string) => header.indexOf(h);
  const example = (cells: Record<string, CellValue>) => header.map((h) => cells[h] ?? "");
  const y = (n: number, kind: string, q = 0) =>
    `${periodLabel({ fy: fy + n, quarter: q as 0 })} ${kind}`;
  const values: CellValue[][] = [
    ["Measures"],
    [
      "One row per measure. Direction: increase, decrease or maintain (blank = not set: never met or missed). Interval: cumulative " +
        "(counts that add up over the year), snapshot (a level, compared directly) or period (each period's own value). " +
        "Percentages: 75 or 75% (0.75 also reads as 75%). Type N/A where there is no value; never 0.",
    ],
    [],
    header,
  ];
  if (examples)
    values.push(
      example({
        "Measure ID": "M-1",
        Measure: "Median time from call to dispatch",
        "Goal or action ID": "A1.1.1.1",
        Program: "Emergency Communications",
        Unit: "seconds",
        Direction: "decrease",
        Interval: "snapshot",
        Baseline: 75,
        Owner: "Emergency Communications",
        Source: "CAD system monthly report",
        Status: "Active",
        [y(-2, "Target")]: 70,
        [y(-2, "Actual")]: 72,
        [y(-1, "Target")]: 65,
        [y(-1, "Actual")]: 66,
        [y(0, "Target")]: 60,
        [y(0, "Actual", 1)]: 63,
      }),
      example({
        "Measure ID": "M-2",
        Measure: "Share of calls reached within 8 minutes",
        "Goal or action ID": "A1.1.2",
        Program: "Fire Suppression",
        Unit: "%",
        Direction: "increase",
        Interval: "snapshot",
        Baseline: 82,
        Owner: "Fire Department",
        Source: "Fire RMS",
        Status: "Active",
        [y(-2, "Target")]: 85,
        [y(-2, "Actual")]: 83,
        [y(-1, "Target")]: 88,
        [y(-1, "Actual")]: 89,
        [y(0, "Target")]: 90,
        [y(0, "Actual", 1)]: 88,
      })
    );
  const widths = header.map((h) =>
    h === "Measure" ? 40 : h === "Notes" ? 30 : Math.max(10, h.length + 2)
  );
  const first = HEADER_ROW + 1;
  return {
    name: MEASURES_SHEET,
    values,
    numberFormats: [{ range: range(first, col("Measure ID"), MEASURE_INPUT_ROWS, 1), format: "@" }],
    styles: [
      { range: range(0, 0), style: "title" },
      { range: range(1, 0), style: "note" },
      { range: range(HEADER_ROW, 0, 1, header.length), style: "tableHeader" },
      {
        range: range(first, at(periods[0]), MEASURE_INPUT_ROWS, periods.length),
        style: "inputCell",
      },
    ],
    columnWidths: widths,
    freeze: { rows: HEADER_ROW + 1, cols: 2 },
    tables: [],
    validations: [
      {
        range: range(first, col("Direction"), MEASURE_INPUT_ROWS, 1),
        list: [...DIRECTIONS],
        prompt:
          "Which way is better: increase, decrease, or maintain (within the band). Blank: not set.",
        allowOther: false,
      },
      {
        range: range(first, col("Interval"), MEASURE_INPUT_ROWS, 1),
        list: [...INTERVALS],
        prompt:
          "cumulative (adds up over the year), snapshot (a level), period (each period's own value).",
        allowOther: false,
      },
      {
        range: range(first, col("Status"), MEASURE_INPUT_ROWS, 1),
        list: ["Active", "Deprecated"],
        prompt: "Deprecated measures are kept but left out of statuses and roll-ups.",
        allowOther: true,
      },
    ],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: templatePrint(HEADER_ROW, MEASURES_SHEET),
  };
}
