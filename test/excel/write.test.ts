/** Writing generated sheets through the Excel port into the fake. */
import { STYLES } from "../../src/core/reports/styles";
import type { SheetModel } from "../../src/core/types";
import { charsToPoints } from "../../src/excel/cells";
import type { FakeExcel } from "../fake-excel/fake-excel";
import { bareModel } from "../fixtures/sheet-model";
import { fakeExcel, portOver } from "./helpers";

const MB4 = 4 * 1024 * 1024;

const model = bareModel;

function reportModel(): SheetModel {
  return model(
    "Alignment",
    [
      ["Budget Alignment report", "", ""],
      ["Program", "Goal", "Amount"],
      ["Parks maintenance", "G1", 1000],
      ["Street lights", "", 250.5],
      ["Total", "", 1250.5],
    ],
    {
      numberFormats: [{ range: { row: 2, col: 2, rows: 3, cols: 1 }, format: '"$"#,##0' }],
      styles: [
        { range: { row: 0, col: 0, rows: 1, cols: 1 }, style: "title" },
        { range: { row: 1, col: 0, rows: 1, cols: 3 }, style: "tableHeader" },
        { range: { row: 4, col: 0, rows: 1, cols: 3 }, style: "total" },
      ],
      columnWidths: [30, 12, 14],
      freeze: { rows: 2, cols: 1 },
      tables: [
        {
          name: "AlignmentLines",
          range: { row: 1, col: 0, rows: 3, cols: 3 },
          style: "TableStyleLight9",
        },
      ],
      validations: [
        {
          range: { row: 2, col: 1, rows: 2, cols: 1 },
          list: ["G1", "G2"],
          prompt: "Pick a goal",
          allowOther: true,
        },
      ],
      conditionalFormats: [
        {
          type: "blankCell",
          range: { row: 2, col: 0, rows: 2, cols: 3 },
          style: "flag",
          testCol: 1,
        },
        {
          type: "cellValue",
          range: { row: 2, col: 2, rows: 2, cols: 1 },
          operator: "greaterThan",
          value: 500,
          style: "warning",
        },
      ],
      charts: [
        {
          type: "barClustered",
          title: "Budget by program",
          categories: { row: 2, col: 0, rows: 2, cols: 1 },
          values: { row: 2, col: 2, rows: 2, cols: 1 },
          seriesName: "Amount",
          anchor: { row: 0, col: 5, rows: 15, cols: 8 },
        },
      ],
      outline: [{ startRow: 2, endRow: 3, level: 1 }],
      print: {
        landscape: true,
        fitToWidth: true,
        titleRows: { start: 1, end: 1 },
        footer: "Page &P of &N",
      },
      tabColor: "#1F4E79",
    }
  );
}

function userWorkbook(): FakeExcel {
  const fake = fakeExcel();
  fake.addSheet("Budget", [
    ["Department", "Amount"],
    ["Parks", 1000],
  ]);
  fake.addSheet("Notes", [["my notes"]]);
  return fake;
}

describe("writeSheets", () => {
  test("values, number formats, styles, widths, freeze, table, validation, conditional formats, chart, outline, print, tab colour", async () => {
    const fake = userWorkbook();
    await portOver(fake).writeSheets([reportModel()]);
    expect(fake.sheetNames()).toEqual(["Budget", "Notes", "Alignment"]);
    const s = fake.sheet("Alignment");
    expect(s.dump()).toEqual([
      ["Budget Alignment report", "", ""],
      ["Program", "Goal", "Amount"],
      ["Parks maintenance", "G1", 1000],
      ["Street lights", "", 250.5],
      ["Total", "", 1250.5],
    ]);
    expect(s.at("C3").numberFormat).toBe('"$"#,##0');
    expect(s.at("C5").numberFormat).toBe('"$"#,##0');
    expect(s.at("B3").numberFormat).toBe("General");
    expect(s.formatAt(0, 0, "font.bold")).toBe(true);
    expect(s.formatAt(0, 0, "font.size")).toBe(STYLES.title.fontSize);
    expect(s.formatAt(1, 2, "fill.color")).toBe(STYLES.tableHeader.fill);
    expect(s.formatAt(1, 2, "font.color")).toBe("#FFFFFF");
    expect(s.formatAt(4, 1, "borders.EdgeBottom.style")).toBe("Double");
    expect(s.formatAt(4, 1, "borders.EdgeTop.weight")).toBe("Thin");
    expect([0, 1, 2].map((c) => s.columnWidths.get(c))).toEqual([
      charsToPoints(30),
      charsToPoints(12),
      charsToPoints(14),
    ]);
    expect(s.freeze).toEqual({ rows: 2, cols: 1 });
    expect(s.tables).toEqual([
      {
        name: "AlignmentLines",
        rect: { row: 1, col: 0, rows: 3, cols: 3 },
        hasHeaders: true,
        style: "TableStyleLight9",
      },
    ]);
    expect(s.validations).toHaveLength(1);
    expect(s.validations[0].rect).toEqual({ row: 2, col: 1, rows: 2, cols: 1 });
    expect(s.validations[0].props.rule).toEqual({
      list: { inCellDropDown: true, source: "G1,G2" },
    });
    expect(s.validations[0].props.prompt).toMatchObject({
      showPrompt: true,
      message: "Pick a goal",
    });
    expect(s.validations[0].props.errorAlert).toMatchObject({ style: "Warning" });
    expect(s.conditionalFormats.map((c) => c.props)).toEqual([
      {
        type: "Custom",
        custom: {
          rule: { formula: "=LEN($B3)=0" },
          format: { fill: { color: STYLES.flag.fill }, font: { color: STYLES.flag.fontColor } },
        },
      },
      {
        type: "CellValue",
        cellValue: {
          rule: { formula1: "500", operator: "GreaterThan" },
          format: {
            fill: { color: STYLES.warning.fill },
            font: { color: STYLES.warning.fontColor },
          },
        },
      },
    ]);
    expect(s.charts).toHaveLength(1);
    const chart = s.charts[0];
    expect(chart.type).toBe("BarClustered");
    expect(chart.source).toEqual({
      sheet: "Alignment",
      rect: { row: 2, col: 2, rows: 2, cols: 1 },
    });
    expect(chart.props).toMatchObject({
      title: { text: "Budget by program" },
      series: { "0": { name: "Amount" } },
    });
    expect(chart.calls.map((c) => c.method)).toEqual(["series.0.setXAxisValues", "setPosition"]);
    expect(chart.calls[0].args[0]).toMatchObject({ rect: { row: 2, col: 0, rows: 2, cols: 1 } });
    expect(s.groups).toEqual([{ rect: { row: 2, col: 0, rows: 2, cols: 16384 }, by: "ByRows" }]);
    expect(s.pageLayout).toMatchObject({
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      setPrintTitleRows: "$2:$2",
      headersFooters: { defaultForAllPages: { centerFooter: "Page &P of &N" } },
    });
    expect(s.tabColor).toBe("#1F4E79");
    expect(s.visibility).toBe("Visible");
    // The user's sheets are untouched.
    expect(fake.sheet("Budget").dump()).toEqual([
      ["Department", "Amount"],
      ["Parks", 1000],
    ]);
    expect(fake.sheet("Notes").dump()).toEqual([["my notes"]]);
  });

  test("text that Excel would read as a formula, a number or a date lands as text", async () => {
    const fake = userWorkbook();
    const texts = [
      '=HYPERLINK("http://evil.example","click")',
      "+cmd|' /C calc'!A0",
      "@SUM(A1:A3)",
      "-2+3",
      "=1+1",
      "\tTabbed",
      "00123",
      "1/2/2025",
      "TRUE",
      "'quoted",
      "plain text",
    ];
    await portOver(fake).writeSheets([
      model(
        "Alignment",
        texts.map((t) => [t])
      ),
    ]);
    const s = fake.sheet("Alignment");
    texts.forEach((t, r) => {
      const cell = s.cell(r, 0);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(t);
    });
    expect(s.cell(0, 0).quotePrefix).toBe(true);
    expect(s.cell(10, 0).quotePrefix).toBe(false);
  });

  test("without escaping the fake would have made formulas (so the escaping test can fail)", async () => {
    const fake = fakeExcel();
    fake.addSheet("S");
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("A1:A3").values = [
        ["=1+1"],
        ["-2+3"],
        ["00123"],
      ];
      await context.sync();
    });
    expect(fake.sheet("S").cell(0, 0).formula).toBe("=1+1");
    expect(fake.sheet("S").cell(1, 0).formula).toBe("=-2+3");
    expect(fake.sheet("S").cell(2, 0).value).toBe(123);
  });

  test("an existing report is replaced in place (same tab position); its table name is reused; other sheets untouched", async () => {
    const fake = userWorkbook();
    const port = portOver(fake);
    await port.writeSheets([reportModel()]);
    // The user moves the report between Budget and Notes.
    const report = fake.sheet("Alignment");
    fake.data.sheets = [fake.sheet("Budget"), report, fake.sheet("Notes")];
    const next = reportModel();
    next.values[2][2] = 9999;
    await port.writeSheets([next, model("Timetable", [["Month"]])]);
    expect(fake.sheetNames()).toEqual(["Budget", "Alignment", "Notes", "Timetable"]);
    expect(fake.sheet("Alignment")).not.toBe(report);
    expect(fake.sheet("Alignment").at("C3").value).toBe(9999);
    expect(fake.sheet("Alignment").tables.map((t) => t.name)).toEqual(["AlignmentLines"]);
    expect(fake.sheet("Notes").dump()).toEqual([["my notes"]]);
    expect(fake.data.allTables()).toHaveLength(1);
  });

  test("a table name taken by one of the user's tables gets a suffix instead of failing", async () => {
    const fake = userWorkbook();
    fake.sheet("Budget").tables.push({
      name: "AlignmentLines",
      rect: { row: 0, col: 0, rows: 2, cols: 2 },
      hasHeaders: true,
    });
    await portOver(fake).writeSheets([reportModel()]);
    expect(fake.sheet("Alignment").tables[0].name).toBe("AlignmentLines_2");
  });

  test("a failure on any sync leaves the user's sheets and the old report as they were, with a plain error", async () => {
    const base = userWorkbook();
    await portOver(base).writeSheets([reportModel()]);
    const writeSyncs = (() => {
      const before = base.syncs;
      return portOver(base)
        .writeSheets([reportModel()])
        .then(() => base.syncs - before);
    })();
    const total = await writeSyncs;
    expect(total).toBeGreaterThanOrEqual(3);
    // Table naming (the last two syncs) happens after the swap: test every sync up to the swap.
    for (let n = 1; n <= total - 2; n++) {
      const fake = userWorkbook();
      const port = portOver(fake);
      await port.writeSheets([reportModel()]);
      const before = fake.sheetNames();
      const oldReport = fake.sheet("Alignment");
      const oldValues = oldReport.dump();
      fake.failOnSync(n, "AccessDenied");
      const next = reportModel();
      next.values[2][2] = 1;
      const err = await port.writeSheets([next, model("Review", [["x"]])]).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe(
        "Excel stopped while writing the report sheets: the workbook is protected or open read-only " +
          "(Excel's code AccessDenied, at (fake) failOnSync). Your sheets and the previous report were left as they were."
      );
      expect(fake.sheetNames()).toEqual(before);
      expect(fake.sheet("Alignment")).toBe(oldReport);
      expect(oldReport.dump()).toEqual(oldValues);
      expect(fake.sheet("Budget").dump()).toEqual([
        ["Department", "Amount"],
        ["Parks", 1000],
      ]);
    }
  });

  test("on Excel 1.7 (no validation, page layout, outline or screen suspension) the report is still written", async () => {
    const fake = fakeExcel({ apiVersion: "1.7" });
    fake.addSheet("Budget", [["a"]]);
    await portOver(fake).writeSheets([reportModel()]);
    const s = fake.sheet("Alignment");
    expect(s.at("A3").value).toBe("Parks maintenance");
    expect(s.tables).toHaveLength(1);
    expect(s.charts).toHaveLength(1);
    expect(s.validations).toEqual([]);
    expect(s.groups).toEqual([]);
    expect(s.pageLayout).toEqual({});
    expect(fake.syncLog.every((x) => !x.suspendedScreenUpdating && !x.error)).toBe(true);
  });

  test("every write batch suspends calculation once; 1.9 also suspends screen updating", async () => {
    const fake = userWorkbook();
    const before = fake.syncs;
    await portOver(fake).writeSheets([reportModel()]);
    const log = fake.syncLog.slice(before);
    // First sync only loads; the writes follow, then the swap and the two syncs naming the tables.
    const writes = log.slice(1, -3);
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((x) => x.suspendedCalculation && x.suspendedScreenUpdating)).toBe(true);
  });

  test("a long validation list goes to a hidden helper column", async () => {
    const fake = userWorkbook();
    const list = Array.from({ length: 60 }, (_, i) => `G${i + 1}.${i + 1} goal`);
    await portOver(fake).writeSheets([
      model(
        "Review",
        [
          ["Program", "Goal"],
          ["Parks", ""],
        ],
        {
          validations: [{ range: { row: 1, col: 1, rows: 1, cols: 1 }, list }],
        }
      ),
    ]);
    const s = fake.sheet("Review");
    expect(s.validations[0].props.rule).toEqual({
      list: { inCellDropDown: true, source: "=$D$1:$D$60" },
    });
    expect(s.cell(59, 3).value).toBe("G60.60 goal");
    expect(s.formatAt(0, 3, "columnHidden")).toBe(true);
    expect(s.validations[0].props.errorAlert).toMatchObject({ style: "Stop" });
  });

  test("100,000 rows in 3 models: no request over 4 MB, syncs grow with bytes", async () => {
    const fake = userWorkbook();
    const rows = Array.from({ length: 100000 }, (_, i) => [
      `Department ${i % 40}`,
      `Program ${i % 300}`,
      `Line ${i}`,
      i * 1.5,
      "G1.2",
    ]);
    const models = ["Alignment", "Review", "Timetable"].map((name) =>
      model(name, rows, {
        numberFormats: [
          { range: { row: 0, col: 3, rows: rows.length, cols: 1 }, format: '"$"#,##0' },
        ],
        styles: rows.slice(0, 2000).map((_, i) => ({
          range: { row: i * 50, col: 0, rows: 1, cols: 5 },
          style: "subtotal" as const,
        })),
      })
    );
    const before = fake.syncs;
    await portOver(fake).writeSheets(models);
    const log = fake.syncLog.slice(before);
    const bytes = log.reduce((n, x) => n + x.requestBytes, 0);
    expect(Math.max(...log.map((x) => x.requestBytes))).toBeLessThanOrEqual(MB4);
    expect(log.length).toBeLessThanOrEqual(Math.ceil(bytes / MB4) + 4);
    expect(fake.sheet("Timetable").at("C100000").value).toBe("Line 99999");
    expect(fake.sheet("Review").at("D100000").numberFormat).toBe('"$"#,##0');
  }, 60000);

  test("a sheet name Excel does not allow is refused before anything is written", async () => {
    const fake = userWorkbook();
    const before = fake.syncs;
    await expect(portOver(fake).writeSheets([model("Bad/Name", [["x"]])])).rejects.toThrow(
      /"Bad\/Name" cannot be a sheet name/
    );
    expect(fake.syncs).toBe(before);
  });
});
