/**
 * The bad-input corpus, packages that must be read right: every fixture of kind "package-run" in
 * test/fixtures/bad/ is the standard budget workbook built with one twist (test/fixtures/bad/packages.ts builtPackage:
 * the 1904 date system, amounts under a format that shows thousands, …). `budget-align` must finish with the stored
 * exit code, say the stored lines, leave the input untouched, and write the stored values, read back from the
 * output by exceljs (an independent reader, which knows the 1904 date system).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../cli/run-cli";
import { builtPackage, type Build } from "../fixtures/bad/packages";
import { corpusFixtures } from "../fixtures/bad/fixtures";

interface CellExpect {
  sheet: string;
  /** The text of a cell in the row (its first cell holding exactly this text). */
  row: string;
  /** The header text of the column (the nearest row above holding it). */
  column: string;
  /** The value read back: dates as ISO text, numbers, text. */
  value: string | number;
  /** The cell's number format, read back (so its style exists in the styles part). */
  numFmt?: string;
}

interface RunFixture {
  id: string;
  what: string;
  kind: "package-run";
  build: Build;
  expect: { code: number; says: string[]; cells: CellExpect[] };
}

const fixtures = corpusFixtures<RunFixture>(["package-run"]);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "hostile-packages-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A cell's value as the expectations hold it (exceljs gives dates as Date objects, in either date system). */
function plain(v: ExcelJS.CellValue): string | number {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === "object" && "result" in v) return plain(v.result as ExcelJS.CellValue);
  if (typeof v === "number" || typeof v === "string") return v;
  return v === null || v === undefined ? "" : String(v);
}

/** The cell at the row holding `row` and the column headed `column` above it. */
function cellOf(ws: ExcelJS.Worksheet, e: CellExpect): ExcelJS.Cell | undefined {
  let at: { r: number; c: number } | undefined;
  ws.eachRow((row, r) => {
    if (at) return;
    row.eachCell((cell) => {
      if (!at && plain(cell.value) === e.row) at = { r, c: 0 };
    });
  });
  if (!at) return undefined;
  for (let r = at.r - 1; r >= 1; r--) {
    let col = 0;
    ws.getRow(r).eachCell((cell, c) => {
      if (!col && plain(cell.value) === e.column) col = c;
    });
    if (col) return ws.getRow(at.r).getCell(col);
  }
  return undefined;
}

test("the corpus has the packages that must be read right", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(2);
});

describe.each(fixtures.map((f) => [`${f.id}: ${f.what}`, f] as const))("%s", (_name, f) => {
  test("finishes as stored, says so, writes the stored values; the input is untouched", async () => {
    const input = path.join(dir, `${f.id}.xlsx`);
    const data = await builtPackage(f.build);
    await fs.writeFile(input, data);
    const out = path.join(dir, `${f.id}.out.xlsx`);
    const {
      code,
      out: stdout,
      err: stderr,
    } = await runCli([input, "--out", out, "--today", "2026-11-23"]);
    if (process.env.T6_DUMP) console.log(stdout, stderr);
    expect({ code, stderr: stderr.trim() }).toEqual({ code: f.expect.code, stderr: "" });
    for (const line of f.expect.says) expect(stdout).toContain(line);
    expect((await fs.readFile(input)).equals(data)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const got = f.expect.cells.map((e) => {
      const ws = wb.getWorksheet(e.sheet);
      const cell = ws && cellOf(ws, e);
      if (!cell) return { ...e, value: `no such cell in ${e.sheet}` };
      return {
        ...e,
        value: plain(cell.value),
        ...(e.numFmt !== undefined ? { numFmt: cell.numFmt } : {}),
      };
    });
    expect(got).toEqual(f.expect.cells);
  }, 120000);
});
