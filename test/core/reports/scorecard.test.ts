import { emptyMeasure, type Measure } from "../../../src/core/measures/model";
import { measureReport } from "../../../src/core/measures/report";
import { buildAlignmentSheet } from "../../../src/core/reports/alignment";
import {
  buildScorecardSheet,
  SCORECARD_COLUMNS,
  SCORECARD_SHEET,
} from "../../../src/core/reports/scorecard";
import { PAGE_WIDTH_PX, printedWidthPx } from "../../../src/core/reports/sheet";
import { STYLES } from "../../../src/core/reports/styles";
import type { SheetModel } from "../../../src/core/types";
import { fixture, fixturePlan, rangesInside, TODAY } from "./fixture";

const col = (h: (typeof SCORECARD_COLUMNS)[number]) => SCORECARD_COLUMNS.indexOf(h);

function measures(): Measure[] {
  return [
    {
      ...emptyMeasure("M1", "Call-to-dispatch time"),
      node: "A1",
      unit: "seconds",
      direction: "decrease",
      interval: "snapshot",
      targets: { FY25: 70, FY26: 60 },
      actuals: { FY24: 80, FY25: 66, "FY26 Q1": 62, "FY26 Q2": 55 },
    },
    {
      ...emptyMeasure("M2", "Calls answered"),
      node: "G1.1",
      unit: "count",
      direction: "increase",
      interval: "cumulative",
      targets: { FY26: 1200 },
      actuals: { "FY26 Q1": 280, "FY26 Q2": 300 },
    },
    {
      ...emptyMeasure("M3", "Crashes"),
      node: "G1.2",
      direction: "decrease",
      interval: "cumulative",
      targets: { FY26: 50 },
      actuals: { FY25: 61 },
    },
    {
      ...emptyMeasure("M4", "Old count"),
      node: "G1.2",
      direction: "increase",
      deprecated: true,
      targets: { FY26: 5 },
      actuals: { "FY26 Q1": 1 },
    },
  ];
}

function scorecard(): {
  model: SheetModel;
  row: (id: string) => (string | number | boolean | null)[];
} {
  const { ctx } = fixture();
  const withMeasures = { ...ctx, measures: measureReport(measures(), fixturePlan(), TODAY) };
  const model = buildScorecardSheet(withMeasures)!;
  return { model, row: (id) => model.values.find((r) => r[0] === id) ?? [] };
}

describe("the Scorecard sheet", () => {
  const { model, row } = scorecard();

  test("is written only when there are measures", () => {
    expect(buildScorecardSheet(fixture().ctx)).toBeNull();
    expect(model.name).toBe(SCORECARD_SHEET);
  });

  test("each measure: period, target, expected, actual, status as icon and word, trend and the rule", () => {
    const m1 = row("M1");
    expect(m1[col("Period")]).toBe("FY26 Q2");
    expect(m1[col("Target (year)")]).toBe(60);
    expect(m1[col("Expected")]).toBe(60);
    expect(m1[col("Actual")]).toBe(55);
    expect(m1[col("Status")]).toBe("✔ met");
    expect(m1[col("Trend")]).toBe("↓↓↓ better");
    expect(m1[col("How the status was found")]).toBe(
      "Expected: the annual target (60), compared directly. Rule 4: at or better than expected (lower is better)."
    );
    const m2 = row("M2");
    expect([m2[col("Expected")], m2[col("Actual")], m2[col("Status")]]).toEqual([
      600,
      580,
      "◐ near",
    ]);
    expect(row("M3")[col("Status")]).toBe("○ no data");
  });

  test("each goal: its status by the stated rule, its counts, and its money beside it", () => {
    const g = model.values.findIndex((r) => r[0] === "G1.1");
    expect(model.values[g][col("Status")]).toBe("◐ near");
    expect(model.values[g][col("How the status was found")]).toBe(
      "1 met, 1 near, 0 missed, 0 no data"
    );
    expect(String(model.values[g + 1][1])).toMatch(
      /^Money: adopted \$[\d,]+ · revised \$[\d,]+ · actual to date \$[\d,]+ \(FY 2025-26\); budget \$[\d,]+\.$/
    );
    expect(
      model.values.some(
        (r) => typeof r[0] === "string" && r[0].startsWith("A goal's status is the worst")
      )
    ).toBe(true);
    const g2 = model.values.findIndex((r) => r[0] === "G1.2");
    expect(model.values[g2][col("Status")]).toBe("○ no data");
  });

  test("cost per unit only for measures that count things, from the goal's actual to date", () => {
    expect(typeof row("M2")[col("Cost per unit")]).toBe("number");
    expect(row("M1")[col("Cost per unit")]).toBe("");
  });

  test("deprecated measures are left out of the rows and the counts, and named in a note", () => {
    expect(row("M4")).toEqual([]);
    expect(
      model.values.some((r) => typeof r[0] === "string" && r[0].includes("M4 Old count"))
    ).toBe(true);
  });

  test("prints like the other sheets: one page wide at 100%, the header repeated, no text under 8 pt", () => {
    const header = model.values.findIndex((r) => r[0] === "ID" && r[1] === "Measure");
    expect(model.print.titleRows).toEqual({ start: header, end: header });
    expect(model.print.landscape).toBe(true);
    expect(printedWidthPx(model.columnWidths, 0, SCORECARD_COLUMNS.length - 1)).toBeLessThanOrEqual(
      PAGE_WIDTH_PX
    );
    for (const s of model.styles) expect(STYLES[s.style].fontSize ?? 11).toBeGreaterThanOrEqual(8);
    expect(rangesInside(model)).toEqual([]);
  });

  test("the Alignment sheet's mid-year view gains one line of the measures' statuses", () => {
    const { ctx } = fixture();
    const sheet = buildAlignmentSheet({
      ...ctx,
      measures: measureReport(measures(), fixturePlan(), TODAY),
    });
    const lines = sheet.values
      .map((r) => r[0])
      .filter((v) => typeof v === "string" && v.startsWith("Measures ("));
    expect(lines).toEqual([
      "Measures (FY26 so far, 3 measures): 1 met, 1 near, 0 missed, 1 no data. See the Scorecard sheet.",
    ]);
  });
});
