/**
 * One sheet model, three writers: the Excel port (Office.js, here into the in-memory fake Excel), the exceljs
 * port, and the CLI's direct XML writer (src/xlsx/generated-package.ts, through PackagePort) must give the same
 * cells, number formats, styles, column widths, row heights, validations, tables and print settings. All follow
 * core/sheet-rules.ts; this checks they translate it alike,
 * on the real report sheets and on a model made of the rules' edge cases.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cellAddress, columnLetter } from "../../src/core/a1";
import { buildAlignmentSheet } from "../../src/core/reports/alignment";
import { buildReviewSheet } from "../../src/core/reports/review";
import { buildTimetableSheet } from "../../src/core/reports/timetable";
import { PRINT_MARGINS } from "../../src/core/sheet-rules";
import type { SheetModel } from "../../src/core/types";
import { charsToPoints } from "../../src/excel/cells";
import { writeSheetModel } from "../../src/xlsx/write-model";
import { PackagePort } from "../../src/xlsx/package-port";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { fakeExcel, portOver } from "../excel/helpers";
import type { FakeSheet } from "../fake-excel/model";
import { fixture } from "../core/reports/fixture";
import { bareModel } from "../fixtures/sheet-model";

jest.setTimeout(120_000);

/** Everything both writers say about a sheet, in one plain shape. */
interface Written {
  cells: Record<string, { value: string | number | boolean; format: string }>;
  styles: Record<string, Record<string, unknown>>;
  widths: Record<number, number>;
  heights: Record<number, number>;
  validations: {
    address: string;
    items: string[];
    style: string;
    title: string;
    message: string;
    prompt: string;
  }[];
  tables: { name: string; address: string; headers: string[]; style: string }[];
  print: Record<string, unknown>;
}

const hex = (argb: unknown) =>
  typeof argb === "string" ? `#${argb.slice(-6).toUpperCase()}` : undefined;
/** A font size other than the default 11 pt (one port states 11, the other leaves it). */
const sizeOf = (v: unknown) => (typeof v === "number" && v !== 11 ? v : undefined);
const upper = (c: unknown) => (typeof c === "string" ? c.toUpperCase() : undefined);

function clean(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== false) out[k] = v;
  return out;
}

async function viaExcel(model: SheetModel): Promise<Written> {
  const fake = fakeExcel();
  fake.addSheet("Budget", [["Department"], ["Parks"]]);
  await portOver(fake).writeSheets([model]);
  const s: FakeSheet = fake.sheet(model.name);
  const w: Written = {
    cells: {},
    styles: {},
    widths: {},
    heights: {},
    validations: [],
    tables: [],
    print: {},
  };
  const values = s.dump();
  // Helper lists live in hidden columns: compared through the validations, as on the xlsx side.
  const hidden = new Set<number>();
  for (const op of s.styleOps)
    if (op.path === "columnHidden" && op.value === true)
      for (let c = op.rect.col; c < op.rect.col + op.rect.cols; c++) hidden.add(c);
  const cols = Math.max(0, ...values.map((r) => r.length));
  for (let r = 0; r < values.length; r++)
    for (let c = 0; c < cols; c++) {
      if (hidden.has(c)) continue;
      const a = cellAddress(r, c);
      const info = s.at(a);
      const v = info.value;
      if (v !== "" || info.numberFormat !== "General")
        w.cells[a] = { value: v as string | number | boolean, format: info.numberFormat };
      const style = clean({
        bold: s.formatAt(r, c, "font.bold"),
        italic: s.formatAt(r, c, "font.italic"),
        size: sizeOf(s.formatAt(r, c, "font.size")),
        color: upper(s.formatAt(r, c, "font.color")),
        fill: upper(s.formatAt(r, c, "fill.color")),
        wrap: s.formatAt(r, c, "wrapText"),
        horizontal: (s.formatAt(r, c, "horizontalAlignment") as string | undefined)?.toLowerCase(),
        top: s.formatAt(r, c, "borders.EdgeTop.style") ? "set" : undefined,
        bottom: s.formatAt(r, c, "borders.EdgeBottom.style") ? "set" : undefined,
      });
      if (Object.keys(style).length) w.styles[a] = style;
    }
  for (const [c, pt] of s.columnWidths) if (!hidden.has(c)) w.widths[c] = Math.round(pt);
  for (const op of s.styleOps)
    if (op.path === "rowHeight")
      for (let r = op.rect.row; r < op.rect.row + op.rect.rows; r++)
        w.heights[r] = op.value as number;
  for (const v of s.validations) {
    const p = v.props as {
      rule: { list: { source: string } };
      errorAlert: { style: string; title: string; message: string };
      prompt?: { message: string };
    };
    const source = p.rule.list.source;
    w.validations.push({
      address: rectAddress(v.rect),
      items: source.startsWith("=")
        ? helperItems(source.slice(1), (a) => String(s.at(a).value))
        : source.split(","),
      style: p.errorAlert.style.toLowerCase(),
      title: p.errorAlert.title,
      message: p.errorAlert.message,
      prompt: p.prompt?.message ?? "",
    });
  }
  for (const t of s.tables) {
    const headers: string[] = [];
    for (let c = 0; c < t.rect.cols; c++) headers.push(String(s.value(t.rect.row, t.rect.col + c)));
    w.tables.push({ name: t.name, address: rectAddress(t.rect), headers, style: t.style ?? "" });
  }
  const pl = s.pageLayout as Record<string, unknown>;
  w.print = {
    orientation: String(pl.orientation).toLowerCase(),
    paper: String(pl.paperSize).toLowerCase(),
    margins: [pl.leftMargin, pl.rightMargin, pl.topMargin, pl.bottomMargin],
    fit: pl.zoom,
    titleRows: pl.setPrintTitleRows ?? null,
    titleCols: pl.setPrintTitleColumns ?? null,
    areas: typeof pl.setPrintArea === "string" ? pl.setPrintArea.split(",") : [],
    rowBreaks: [...s.rowBreaks].sort((a, b) => a - b),
    footer: (pl.headersFooters as { defaultForAllPages: { centerFooter: string } } | undefined)
      ?.defaultForAllPages.centerFooter,
  };
  return w;
}

async function viaXlsx(model: SheetModel): Promise<Written> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Budget").addRow(["Department"]);
  writeSheetModel(wb, model);
  return readBack((await wb.xlsx.writeBuffer()) as ArrayBuffer, model);
}

/** The CLI's writer: the model written straight to SpreadsheetML into a workbook's package (PackagePort). */
async function viaPackage(model: SheetModel): Promise<Written> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Budget").addRow(["Department"]);
  const port = await PackagePort.fromBuffer(Buffer.from(await wb.xlsx.writeBuffer()));
  await port.writeSheets([model]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "same-sheet-"));
  try {
    const file = path.join(dir, "out.xlsx");
    await port.save(file);
    const data = await fs.readFile(file);
    return await readBack(data.buffer.slice(data.byteOffset, data.byteOffset + data.length), model);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** What the file says, as a reader (exceljs) sees it. */
async function readBack(buffer: ArrayBuffer, model: SheetModel): Promise<Written> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buffer);
  const { areas, breaks } = await printParts(buffer, model.name);
  const ws = back.getWorksheet(model.name)!;
  const w: Written = {
    cells: {},
    styles: {},
    widths: {},
    heights: {},
    validations: [],
    tables: [],
    print: {},
  };
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const a = cell.address;
      if (ws.getColumn(cell.col).hidden) return; // helper lists: compared through the validations
      const v = cell.value;
      const value =
        v === null || v === undefined
          ? ""
          : v instanceof Date
            ? v.getTime() / 86400000 + 25569
            : typeof v === "object"
              ? String((v as { error?: string }).error ?? "")
              : v;
      const format = cell.numFmt || "General";
      if (value !== "" || format !== "General")
        w.cells[a] = { value: value as string | number | boolean, format };
      const style = clean({
        bold: cell.font?.bold,
        italic: cell.font?.italic,
        size: sizeOf(cell.font?.size),
        color: hex(cell.font?.color?.argb),
        fill:
          cell.fill && cell.fill.type === "pattern"
            ? hex((cell.fill as ExcelJS.FillPattern).fgColor?.argb)
            : undefined,
        wrap: cell.alignment?.wrapText,
        horizontal: cell.alignment?.horizontal,
        top: cell.border?.top?.style ? "set" : undefined,
        bottom: cell.border?.bottom?.style ? "set" : undefined,
      });
      if (Object.keys(style).length) w.styles[a] = style;
    })
  );
  model.columnWidths.forEach((_, c) => {
    const width = ws.getColumn(c + 1).width;
    if (width) w.widths[c] = Math.round(charsToPoints(width));
  });
  ws.eachRow({ includeEmpty: true }, (row) => {
    if (row.height) w.heights[row.number - 1] = row.height;
  });
  const dv = (
    ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
  ).dataValidations.model;
  for (const [address, v] of Object.entries(dv)) {
    const f = String(v.formulae[0]);
    w.validations.push({
      address,
      items: f.startsWith('"')
        ? f.slice(1, -1).replace(/""/g, '"').split(",")
        : helperItems(f, (a) => String(ws.getCell(a).value)),
      style: String(v.errorStyle),
      title: String(v.errorTitle),
      message: String(v.error),
      prompt: v.prompt ?? "",
    });
  }
  for (const t of Object.values(
    (
      ws as unknown as {
        tables: Record<
          string,
          {
            table: {
              name: string;
              tableRef: string;
              columns: { name: string }[];
              style: { theme: string };
            };
          }
        >;
      }
    ).tables
  )) {
    w.tables.push({
      name: t.table.name,
      address: t.table.tableRef,
      headers: t.table.columns.map((c) => c.name),
      style: t.table.style.theme,
    });
  }
  const ps = ws.pageSetup;
  const PAPER: Record<number, string> = { 1: "letter", 9: "a4" };
  w.print = {
    orientation: ps.orientation,
    paper: PAPER[Number(ps.paperSize ?? 1)],
    margins: [
      ps.margins!.left * 72,
      ps.margins!.right * 72,
      ps.margins!.top * 72,
      ps.margins!.bottom * 72,
    ],
    fit: ps.fitToPage
      ? { horizontalFitToPages: ps.fitToWidth, verticalFitToPages: ps.fitToHeight }
      : undefined,
    titleRows: ps.printTitlesRow ? `$${ps.printTitlesRow.replace(":", ":$")}` : null,
    titleCols: ps.printTitlesColumn ? `$${ps.printTitlesColumn.replace(":", ":$")}` : null,
    areas,
    rowBreaks: breaks,
    footer: ws.headerFooter.oddFooter,
  };
  return w;
}

/** The print areas (from workbook.xml) and manual row breaks (from the sheet's part) the file holds. */
async function printParts(
  buffer: ArrayBuffer,
  sheet: string
): Promise<{ areas: string[]; breaks: number[] }> {
  const zip = await JSZip.loadAsync(buffer);
  const book = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheets = [...book.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]);
  const index = sheets.findIndex((x) => x.includes(`name="${sheet}"`));
  const rid = /r:id="([^"]+)"/.exec(sheets[index])![1];
  const target =
    new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  const part = await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string");
  const areas: string[] = [];
  const printArea = new RegExp(
    `<definedName name="_xlnm.Print_Area" localSheetId="${index}">([^<]*)</definedName>`
  ).exec(book);
  if (printArea)
    for (const r of printArea[1].split(","))
      areas.push(r.slice(r.indexOf("!") + 1).replace(/\$/g, ""));
  const breaks = [...part.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
  return { areas, breaks };
}

/** Validations cell by cell (exceljs reads a validated range back as one entry per cell). */
function perCell(
  list: Written["validations"]
): Record<string, Omit<Written["validations"][number], "address">> {
  const out: Record<string, Omit<Written["validations"][number], "address">> = {};
  for (const { address, ...rest } of list) {
    const [a, b = a] = address.split(":");
    const m1 = /^([A-Z]+)(\d+)$/.exec(a)!;
    const m2 = /^([A-Z]+)(\d+)$/.exec(b)!;
    for (let r = Number(m1[2]); r <= Number(m2[2]); r++) {
      if (m1[1] !== m2[1]) throw new Error("validations here are one column wide");
      out[`${m1[1]}${r}`] = rest;
    }
  }
  return out;
}

function rectAddress(r: { row: number; col: number; rows: number; cols: number }): string {
  const tl = cellAddress(r.row, r.col);
  return r.rows === 1 && r.cols === 1
    ? tl
    : `${tl}:${cellAddress(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

function helperItems(ref: string, value: (address: string) => string): string[] {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
  if (!m) return [`(not a helper range: ${ref})`];
  const out: string[] = [];
  for (let r = Number(m[2]); r <= Number(m[4]); r++) out.push(value(`${m[1]}${r}`));
  return out;
}

/** A model made of the rules' edge cases. */
function edgeModel(): SheetModel {
  const long = Array.from({ length: 40 }, (_, i) => `G${i + 1} — Goal number ${i + 1}`);
  return bareModel(
    "Edges",
    [
      ["Title that runs on", "", "", ""],
      ["Name", "Name", "", "=SUM(A1)"],
      ["Parks, trails", 12.5, "x", "-minus"],
      ["Library", 3, "y", "@at"],
      [],
      ["Lonely", "Header"],
      [],
      ["Long text " + "z".repeat(40000)],
    ],
    {
      numberFormats: [{ range: { row: 2, col: 1, rows: 2, cols: 1 }, format: '"$"#,##0_)' }],
      styles: [
        { range: { row: 0, col: 0, rows: 1, cols: 4 }, style: "title" },
        { range: { row: 1, col: 0, rows: 1, cols: 4 }, style: "tableHeader" },
        { range: { row: 2, col: 0, rows: 2, cols: 1 }, style: "wrapText" },
        { range: { row: 3, col: 0, rows: 1, cols: 4 }, style: "total" },
        { range: { row: 2, col: 2, rows: 1, cols: 1 }, style: "flag" },
      ],
      columnWidths: [300, 12, 0, 9],
      rowHeights: [{ row: 1, height: 30 }],
      tables: [
        {
          name: "Edge Table",
          range: { row: 1, col: 0, rows: 3, cols: 4 },
          style: "TableStyleLight9",
        },
        { name: "Overlap", range: { row: 2, col: 1, rows: 2, cols: 2 }, style: "TableStyleLight9" },
        { name: "R1C1", range: { row: 5, col: 0, rows: 1, cols: 2 }, style: "" },
      ],
      validations: [
        {
          range: { row: 2, col: 2, rows: 2, cols: 1 },
          list: ["x", "y", 'say "z"'],
          prompt: "p".repeat(300),
          allowOther: false,
        },
        {
          range: { row: 2, col: 3, rows: 2, cols: 1 },
          list: long,
          prompt: "Pick one",
          allowOther: true,
        },
        {
          range: { row: 2, col: 1, rows: 2, cols: 1 },
          list: ["a,b", "c"],
          prompt: "",
          allowOther: false,
        },
        { range: { row: 5, col: 2, rows: 1, cols: 1 }, list: long, prompt: "", allowOther: true },
        { range: { row: 0, col: 5, rows: 1, cols: 1 }, list: [], prompt: "", allowOther: false },
      ],
      print: {
        landscape: true,
        fitToWidth: true,
        paper: "a4",
        titleRows: { start: 1, end: 1 },
        titleCols: { start: 0, end: 1 },
        areas: [
          { row: 0, col: 0, rows: 4, cols: 2 },
          { row: 1, col: 2, rows: 3, cols: 2 },
        ],
        rowBreaks: [5, 3, 3, 0],
        footer: "&A — page &P of &N",
      },
    }
  );
}

const { ctx } = fixture();
const MODELS: [string, () => SheetModel][] = [
  ["Alignment", () => buildAlignmentSheet(ctx)],
  ["Review", () => buildReviewSheet(ctx)],
  ["Timetable", () => buildTimetableSheet(ctx)],
  ["edge cases", edgeModel],
];

describe.each(MODELS)("%s written by the Excel port and by the exceljs port", (_name, make) => {
  let excel: Written;
  let xlsx: Written;
  let direct: Written;
  beforeAll(async () => {
    excel = await viaExcel(make());
    xlsx = await viaXlsx(make());
    direct = await viaPackage(make());
  });
  it("the CLI's direct XML writer writes what the exceljs writer writes (all of the below)", () => {
    expect(Object.keys(direct.cells).length).toBeGreaterThan(3);
    // validations in any order (exceljs reads them back per cell)
    const same = (w: Written) => ({ ...w, validations: perCell(w.validations) });
    expect(same(direct)).toEqual(same(xlsx));
  });
  it("the same cells (values and number formats)", () => {
    expect(Object.keys(excel.cells).length).toBeGreaterThan(3);
    expect(xlsx.cells).toEqual(excel.cells);
  });
  it("the same styles", () => {
    expect(Object.keys(excel.styles).length).toBeGreaterThan(0);
    expect(xlsx.styles).toEqual(excel.styles);
  });
  it("the same column widths and row heights", () => {
    expect(xlsx.widths).toEqual(excel.widths);
    expect(xlsx.heights).toEqual(excel.heights);
  });
  it("the same validations (lists, helper columns, messages, prompts)", () => {
    expect(perCell(xlsx.validations)).toEqual(perCell(excel.validations));
  });
  it("the same tables", () => {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect([...xlsx.tables].sort(byName)).toEqual([...excel.tables].sort(byName));
  });
  it("the same print settings", () => {
    expect(xlsx.print).toEqual(excel.print);
  });
});

it("the edge model exercises the rules: a helper column, a cut prompt, a repaired table name, a dropped overlap", async () => {
  const w = await viaExcel(edgeModel());
  expect(w.validations.map((v) => v.items.length)).toEqual([3, 40, 2, 40]);
  expect(w.validations[0].prompt).toHaveLength(255);
  expect(w.tables.map((t) => t.name).sort()).toEqual(["Edge_Table", "T_R1C1"]);
  expect(w.tables.find((t) => t.name === "Edge_Table")!.headers).toEqual([
    "Name",
    "Name2",
    "Column3",
    "=SUM(A1)",
  ]);
  expect(w.print.rowBreaks).toEqual([3, 5]);
  expect(w.print.margins).toEqual([
    PRINT_MARGINS.left * 72,
    PRINT_MARGINS.right * 72,
    PRINT_MARGINS.top * 72,
    PRINT_MARGINS.bottom * 72,
  ]);
  expect(columnLetter(0)).toBe("A");
});
