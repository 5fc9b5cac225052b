/**
 * The Programs sheet's formulas, recalculated by LibreOffice (headless): budget-align runs on the bundled sample,
 * the saved values of every formula cell are removed from the file (so LibreOffice has to compute each one, and a
 * formula it cannot compute shows up as an error or a blank, not as our cached number), LibreOffice converts the
 * file to .xlsx, and each recalculated value is compared with the value the core computed (the cached value the
 * CLI wrote). A second pass changes the inputs an analyst would (a weight, what-if changes, a score) in the file
 * before LibreOffice recalculates, and compares with what the core computes for the same inputs. Needs LibreOffice
 * (.ci/run installs it); without it the test fails and says what to install.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { cellAddress, parseA1 } from "../../src/core/a1";
import { convertWithLibreOffice } from "./printed";

jest.setTimeout(300_000);

let dir: string;
let aligned: string;

/** The Programs sheet's part in a saved workbook. */
async function programsPart(zip: JSZip): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = /<sheet\b[^>]*name="Programs"[^>]*r:id="([^"]+)"/.exec(workbook)![1];
  const target = new RegExp(`<Relationship\\b[^>]*Id="${rid}"[^>]*/>`).exec(rels)![0];
  return "xl/" + /Target="([^"]+)"/.exec(target)![1].replace(/^\/?xl\//, "");
}

/**
 * Removes the saved value of every formula cell of the Programs sheet and sets the given plain cells; returns the
 * formula cells with the values removed (address → cached number).
 */
async function stripAndSet(
  src: string,
  dest: string,
  set: Record<string, number> = {}
): Promise<Map<string, number>> {
  const zip = await JSZip.loadAsync(await fs.readFile(src));
  const part = await programsPart(zip);
  let xml = await zip.file(part)!.async("string");
  const cached = new Map<string, number>();
  xml = xml.replace(
    /<c r="([A-Z]+\d+)"([^>]*)>(<f>[^<]*<\/f>)<v>([^<]*)<\/v><\/c>/g,
    (_, address: string, attrs: string, f: string, v: string) => {
      cached.set(address, Number(v));
      return `<c r="${address}"${attrs}>${f}</c>`;
    }
  );
  for (const [address, value] of Object.entries(set)) {
    const re = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
    if (!re.test(xml)) throw new Error(`No cell ${address} on the Programs sheet to set.`);
    xml = xml.replace(
      re,
      (_, attrs: string) =>
        `<c r="${address}"${attrs.replace(/\s*t="[^"]*"/, "")}><v>${value}</v></c>`
    );
  }
  zip.file(part, xml);
  await fs.writeFile(dest, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return cached;
}

/** What LibreOffice saved for each formula cell of the Programs sheet: address → the value it computed. */
type Recalculated = Map<string, number | string | null>;

/** LibreOffice opens and recalculates the file and saves it as .xlsx in outDir; its formula cells' values. */
async function recalculated(file: string, outDir: string): Promise<Recalculated> {
  const [out] = await convertWithLibreOffice(
    [file],
    outDir,
    "xlsx:Calc MS Excel 2007 XML",
    240_000
  );
  const zip = await JSZip.loadAsync(await fs.readFile(out));
  const xml = await zip.file(await programsPart(zip))!.async("string");
  const values: Recalculated = new Map();
  for (const m of xml.matchAll(
    /<c r="([A-Z]+\d+)"([^>]*)><f[^>]*>[^<]*<\/f>(?:<v>([^<]*)<\/v>)?<\/c>/g
  )) {
    const t = /\bt="([^"]+)"/.exec(m[2])?.[1];
    values.set(
      m[1],
      m[3] === undefined ? null : t === "n" || t === undefined ? Number(m[3]) : m[3]
    );
  }
  return values;
}

/** Recalculated value of each cell, next to what was expected, where they differ by more than half a cent. */
function differences(got: Recalculated, expected: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [address, want] of expected) {
    if (!got.has(address)) out.push(`${address}: no longer a formula after LibreOffice`);
    const v = got.get(address);
    if (typeof v !== "number" || Math.abs(v - want) > 0.005)
      out.push(`${address}: LibreOffice ${JSON.stringify(v)}, core ${want}`);
  }
  return out;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "recalc-"));
  aligned = path.join(dir, "aligned.xlsx");
  const err: string[] = [];
  const code = await main(
    ["--out", aligned, "--today", "2026-01-15"],
    () => undefined,
    (s) => err.push(s)
  );
  if (code !== 0) throw new Error(err.join("\n"));
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test("every formula of the Programs sheet, recalculated by LibreOffice, gives the value the core computed", async () => {
  const stripped = path.join(dir, "stripped.xlsx");
  const cached = await stripAndSet(aligned, stripped);
  expect(cached.size).toBeGreaterThan(300);
  const lo = await recalculated(stripped, path.join(dir, "lo1"));
  expect(differences(lo, cached)).toEqual([]);
});

test("with a weight, what-if changes and a score changed in the file, LibreOffice and the core agree", async () => {
  // Find the cells by their labels in the CLI's output.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(aligned);
  const ws = wb.getWorksheet("Programs")!;
  let weightP1 = "";
  let quartile4 = "";
  let header = 0;
  const col: Record<string, number> = {};
  ws.eachRow((row, r) => {
    const a = row.getCell(1).value;
    if (!weightP1 && a === "P1" && typeof row.getCell(3).value === "number")
      weightP1 = cellAddress(r - 1, 2);
    if (!quartile4 && a === 4 && row.getCell(2).value === "Least aligned")
      quartile4 = cellAddress(r - 1, 3);
    if (!header) {
      const here: Record<string, number> = {};
      row.eachCell((c, n) => {
        if (typeof c.value === "string") here[c.value] = n;
      });
      if (here["Program key"] && here.Department) {
        header = r;
        Object.assign(col, here);
      }
    }
  });
  expect(weightP1 && quartile4 && header).toBeTruthy();
  const p1Change = cellAddress(parseA1(weightP1).row, 3);
  const firstScore = cellAddress(header, col["P2 score"] - 1);
  const firstKey = String(ws.getCell(header + 1, col["Program key"]).value);
  const changed = path.join(dir, "changed.xlsx");
  await stripAndSet(aligned, changed, {
    [weightP1]: 3,
    [p1Change]: 0.1,
    [quartile4]: -0.25,
    [firstScore]: 4,
  });

  // What the core computes for the same inputs: the same workbook, its Programs sheet edited the same way, run
  // again (the run reads the analyst's inputs back and writes the sheet with its own values cached).
  const edited = path.join(dir, "edited.xlsx");
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.readFile(aligned);
  const ws2 = wb2.getWorksheet("Programs")!;
  ws2.getCell(weightP1).value = 3;
  ws2.getCell(p1Change).value = 0.1;
  ws2.getCell(quartile4).value = -0.25;
  ws2.getCell(firstScore).value = 4;
  await wb2.xlsx.writeFile(edited);
  const rerun = path.join(dir, "rerun.xlsx");
  const err: string[] = [];
  expect(
    await main(
      [edited, "--out", rerun, "--today", "2026-01-15"],
      () => undefined,
      (s) => err.push(s)
    )
  ).toBe(0);
  const core = await stripAndSet(rerun, path.join(dir, "rerun-stripped.xlsx"));
  // The re-run kept the program in the same row (same sort), so the cells line up.
  const wb3 = new ExcelJS.Workbook();
  await wb3.xlsx.readFile(rerun);
  const ws3 = wb3.getWorksheet("Programs")!;
  expect(String(ws3.getCell(header + 1, col["Program key"]).value)).toBe(firstKey);
  expect(ws3.getCell(firstScore).value).toBe(4);
  expect(ws3.getCell(weightP1).value).toBe(3);

  const lo = await recalculated(changed, path.join(dir, "lo2"));
  expect(differences(lo, core)).toEqual([]);
  // And the inputs did change the figures (the comparison is not of two unchanged sheets).
  const before = await stripAndSet(aligned, path.join(dir, "again.xlsx"));
  const moved = [...core].filter(([a, v]) => Math.abs(v - (before.get(a) ?? NaN)) > 0.005);
  expect(moved.length).toBeGreaterThan(20);
});
