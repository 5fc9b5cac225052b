import { displayScale, isDateFormat } from "../../src/core/number-format";
import { dateSystemOf, readCellStyles } from "../../src/xlsx/styles-read";
import { dateSystemOfDate1904, fromDateSystem, inDateSystem } from "../../src/core/date-system";
import { FORMATS } from "../../src/core/reports/styles";
import type { SheetModel } from "../../src/core/types";

test("date formats are told from number formats", () => {
  for (const f of [
    "m/d/yyyy",
    "yyyy-mm-dd_)",
    "mmm yy",
    "d-mmm-yy",
    "[$-409]mmmm d, yyyy;@",
    "h:mm",
    "[h]:mm:ss",
  ])
    expect([f, isDateFormat(f)]).toEqual([f, true]);
  for (const f of [
    "General",
    "#,##0",
    '"$"#,##0_);[Red]-"$"#,##0_)',
    "0.0%_)",
    "0.00E+00",
    "@",
    '#,##0,"K"',
    '[Red]"days"0',
  ])
    expect([f, isDateFormat(f)]).toEqual([f, false]);
  for (const f of Object.values(FORMATS))
    expect([f, isDateFormat(f)]).toEqual([f, f === FORMATS.date]);
});

test("a format that shows thousands or millions divides by 1,000 or 1,000,000; a thousands separator does not", () => {
  expect(displayScale("#,##0,")).toBe(1000);
  expect(displayScale('"$"#,##0,_);("$"#,##0,)')).toBe(1000);
  expect(displayScale('#,##0.0,,"M"')).toBe(1000000);
  expect(displayScale("#,##0")).toBe(1);
  expect(displayScale("#,##0.00")).toBe(1);
  expect(displayScale("General")).toBe(1);
  expect(displayScale("m/d/yyyy")).toBe(1);
});

test("styles read whatever their prefix; the date system from workbookPr", () => {
  const xml =
    `<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="#,##0,"/></x:numFmts>` +
    `<x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="14"/><x:xf numFmtId="170"/></x:cellXfs></x:styleSheet>`;
  expect(readCellStyles(xml)).toEqual({
    formats: ["General", "m/d/yyyy", "#,##0,"],
    isDate: [false, true, false],
  });
  expect(dateSystemOf(`<x:workbook><x:workbookPr date1904="true"/></x:workbook>`)).toBe(1904);
  expect(dateSystemOf(`<workbook><workbookPr date1904="0"/></workbook>`)).toBe(1900);
  expect(dateSystemOf(`<workbook/>`)).toBe(1900);
});

test("a model's date cells move 1,462 days into the 1904 system, once, and nothing else moves", () => {
  const model = {
    name: "T",
    values: [
      ["Due", "Amount"],
      [46568, 46568],
    ],
    numberFormats: [
      { range: { row: 1, col: 0, rows: 1, cols: 1 }, format: FORMATS.date },
      { range: { row: 0, col: 0, rows: 2, cols: 1 }, format: "m/d/yyyy" },
      { range: { row: 1, col: 1, rows: 1, cols: 1 }, format: FORMATS.currency },
    ],
  } as unknown as SheetModel;
  expect(inDateSystem(model, 1904).values).toEqual([
    ["Due", "Amount"],
    [46568 - 1462, 46568],
  ]);
  expect(inDateSystem(model, 1900)).toBe(model);
  expect(model.values[1][0]).toBe(46568);
});

test("cells read from a 1904 workbook: numbers under a date format become 1900 serials, nothing else moves", () => {
  const values = [
    ["Due", "Amount", "Note"],
    [46568 - 1462, 46568, "46568"],
    [null, 12, true],
  ];
  const formats = [
    ["General", "General", "General"],
    ["m/d/yyyy", "#,##0", "yyyy-mm-dd"],
    ["m/d/yyyy", "m/d/yyyy", "m/d/yyyy"],
  ];
  const in1900 = values.map((r) => r.slice());
  fromDateSystem(in1900, formats, 1900);
  expect(in1900).toEqual(values);
  fromDateSystem(values, formats, 1904);
  expect(values).toEqual([
    ["Due", "Amount", "Note"],
    [46568, 46568, "46568"],
    [null, 12 + 1462, true],
  ]);
  // What Excel's DATE(1904, 1, 1) gives tells the system; anything but 0 (an error, no answer) is 1900.
  expect([0, 1462, null, undefined, "#VALUE!"].map(dateSystemOfDate1904)).toEqual([
    1904, 1900, 1900, 1900, 1900,
  ]);
});
