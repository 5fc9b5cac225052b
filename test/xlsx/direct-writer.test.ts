/**
 * The direct SpreadsheetML writer (src/xlsx/generated-package.ts, the CLI's writer) against the previous one (the
 * exceljs model writer, src/xlsx/write-model.ts through XlsxPort), on the same sheet models: every generated sheet's
 * cell values, formulas, number formats, fonts, fills, borders, alignment, merges, column widths, row heights and
 * outline levels, its tables, validations, conditional formats and print settings, and the state sheet, as exceljs
 * (the independent reader) reads both files. On the bundled sample and on a 10,000-line budget made of Oakland's
 * real line items (as the bench's real-shaped input).
 */
import { existsSync, promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { loadPlanFile } from "../../src/cli/run";
import { analyse, prepareReports, writePreparedReports } from "../../src/core/workflow";
import { STATE_SHEET_NAME } from "../../src/core/state";
import { PackagePort } from "../../src/xlsx/package-port";
import { XlsxPort } from "../../src/xlsx/port";
import { OAKLAND_CSV, writeRealShaped } from "../../bench/real-shape";

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, "..", "..");
const SAMPLE = path.join(ROOT, "samples", "sample-budget.xlsx");
const MISSOULA_PLAN = path.join(ROOT, "eval", "fixtures", "missoula.plan.json");
const TODAY = "2026-11-22";
const NOW = "2026-11-22T12:00:00.000Z";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "direct-writer-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The same models and state written by both writers: the file each wrote, and the sheets generated. */
async function writeBoth(
  input: string,
  planFile?: string
): Promise<{ direct: string; previous: string; sheets: string[] }> {
  const plan = planFile ? (await loadPlanFile(planFile)).plan : undefined;
  const reader = await PackagePort.open(input);
  const analysis = await analyse(reader, { today: TODAY, now: NOW, plan });
  expect(analysis.ok).toBe(true);
  const prepared = prepareReports(analysis);
  const direct = path.join(dir, `${path.basename(input)}.direct.xlsx`);
  await writePreparedReports(reader, prepared);
  await reader.save(direct);
  const previous = path.join(dir, `${path.basename(input)}.previous.xlsx`);
  const old = await XlsxPort.open(input);
  await writePreparedReports(old, prepared);
  await old.save(previous);
  return { direct, previous, sheets: [...prepared.models.map((m) => m.name), STATE_SHEET_NAME] };
}

/** Everything exceljs reads of one sheet, in one plain shape. */
function describeSheet(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      const v = cell.value as unknown;
      const value =
        v && typeof v === "object" && "formula" in (v as object)
          ? {
              formula: (v as ExcelJS.CellFormulaValue).formula,
              result: (v as ExcelJS.CellFormulaValue).result ?? null,
            }
          : (v ?? null);
      const style = {
        numFmt: cell.numFmt || "General",
        bold: !!cell.font?.bold,
        italic: !!cell.font?.italic,
        size: cell.font?.size ?? 11,
        color: cell.font?.color?.argb ?? null,
        fill:
          cell.fill && cell.fill.type === "pattern"
            ? ((cell.fill as ExcelJS.FillPattern).fgColor?.argb ?? null)
            : null,
        wrap: !!cell.alignment?.wrapText,
        horizontal: cell.alignment?.horizontal ?? null,
        top: cell.border?.top?.style ?? null,
        bottom: cell.border?.bottom?.style ?? null,
        quotePrefix: !!(cell.style as { quotePrefix?: boolean }).quotePrefix,
      };
      const plain =
        value === null &&
        style.numFmt === "General" &&
        !Object.values(style).some(
          (x) => x === true || (x !== null && x !== 11 && x !== "General")
        );
      if (!plain) cells[cell.address] = { value, ...style };
    })
  );
  const rows: Record<number, unknown> = {};
  ws.eachRow({ includeEmpty: true }, (row) => {
    if (row.height || row.outlineLevel)
      rows[row.number] = { height: row.height ?? null, outline: row.outlineLevel ?? 0 };
  });
  const widths: Record<number, unknown> = {};
  for (let c = 1; c <= ws.columnCount; c++) {
    const { width, hidden } = ws.getColumn(c);
    // exceljs's writer stored 9 as 9.001 (it drops an exact 9, its default); the direct writer writes 9.
    if (width || hidden) widths[c] = { width: width === 9.001 ? 9 : width, hidden: !!hidden };
  }
  const internals = ws as unknown as {
    _merges: Record<string, { model: unknown }>;
    dataValidations: { model: Record<string, unknown> };
    conditionalFormattings: {
      ref: string;
      rules: { type: string; formulae?: unknown[]; operator?: string; style?: unknown }[];
    }[];
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
  };
  const ps = ws.pageSetup;
  return {
    cells,
    rows,
    widths,
    merges: Object.keys(internals._merges ?? {}).sort(),
    validations: internals.dataValidations.model,
    conditionalFormats: (internals.conditionalFormattings ?? []).map((cf) => ({
      ref: cf.ref,
      rules: cf.rules.map((r) => ({
        type: r.type,
        formulae: r.formulae,
        operator: r.operator,
        style: r.style,
      })),
    })),
    tables: Object.values(internals.tables ?? {})
      .map((t) => ({
        name: t.table.name,
        ref: t.table.tableRef,
        headers: t.table.columns.map((c) => c.name),
        style: t.table.style.theme,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    views: (ws.views ?? []).map((v) => ({
      state: v.state,
      x: (v as ExcelJS.WorksheetViewFrozen).xSplit ?? 0,
      y: (v as ExcelJS.WorksheetViewFrozen).ySplit ?? 0,
    })),
    print: {
      orientation: ps.orientation,
      paperSize: ps.paperSize ?? 1,
      margins: ps.margins,
      fitToPage: !!ps.fitToPage,
      fitToWidth: ps.fitToPage ? ps.fitToWidth : null,
      fitToHeight: ps.fitToPage ? ps.fitToHeight : null,
      printArea: ps.printArea ?? null,
      titlesRow: ps.printTitlesRow ?? null,
      titlesColumn: ps.printTitlesColumn ?? null,
      footer: ws.headerFooter?.oddFooter ?? null,
    },
    tabColor: ws.properties.tabColor?.argb ?? null,
    outlineLevelRow: ws.properties.outlineLevelRow ?? 0,
    state: ws.state,
  };
}

async function sheetsOf(file: string, names: string[]): Promise<Record<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const ws = wb.getWorksheet(n);
    out[n] = ws ? describeSheet(ws) : "missing";
  }
  return out;
}

async function expectSameSheets(input: string, planFile?: string): Promise<void> {
  const { direct, previous, sheets } = await writeBoth(input, planFile);
  const [a, b] = await Promise.all([sheetsOf(direct, sheets), sheetsOf(previous, sheets)]);
  for (const name of sheets) {
    const x = a[name] as { cells: Record<string, unknown> };
    // a real sheet, not two empty descriptions agreeing
    expect(Object.keys(x.cells).length).toBeGreaterThan(0);
    const y = b[name] as Record<string, unknown>;
    // The very hidden state sheet never prints: exceljs gave it its default page set-up, the direct writer none.
    if (name === STATE_SHEET_NAME) (delete y.print, delete (x as Record<string, unknown>).print);
    expect({ sheet: name, ...x }).toEqual({ sheet: name, ...y });
  }
}

describe("the direct writer writes what the exceljs writer wrote", () => {
  it("on the bundled sample (every generated sheet and the state)", async () => {
    await expectSameSheets(SAMPLE);
  });

  (existsSync(OAKLAND_CSV) ? it : it.skip)(
    "on a 10,000-line real-shaped budget (Oakland's line items, Missoula's plan)",
    async () => {
      const input = path.join(dir, "real-10000.xlsx");
      await writeRealShaped(input, 10000);
      await expectSameSheets(input, MISSOULA_PLAN);
    }
  );
});
