/**
 * How the generated sheets print: renders a workbook with LibreOffice to PDF and reads every printed word's box
 * back with `pdftotext -bbox`. Each page is assigned to its sheet by the footer every report prints
 * ("Alignment — page 2 of 9"). Used by the print test (npm test) and the print bench (scripts/print-check.ts).
 *
 * A word's box is as tall as its font's ascent plus descent: Carlito (Calibri's metric twin) and the fonts
 * LibreOffice falls back to measure about 1.3 × the point size. The effective font size of a page is its word
 * height divided by that ratio, which the check measures on a calibration sheet printed at 100% (CALIBRATION).
 */
import { spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/main";
import { pageStarts, type PageStarts } from "./continuations";

export interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export interface Page {
  width: number;
  height: number;
  words: Word[];
}

export function tool(name: string): string | null {
  const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** True when LibreOffice and pdftotext are installed (.ci/run installs both). */
export function canRender(): boolean {
  return !!(tool("soffice") || tool("libreoffice")) && !!tool("pdftotext");
}

/**
 * Converts files with LibreOffice headless (one process, a private profile) to `to` — "pdf", or a filter such as
 * "xlsx:Calc MS Excel 2007 XML", which opens, recalculates and saves — and returns the files written, in order.
 */
export async function convertWithLibreOffice(
  inputs: string[],
  outDir: string,
  to: string,
  timeoutMs = 600_000
): Promise<string[]> {
  const soffice = tool("soffice") ?? tool("libreoffice");
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed.");
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "lo-profile-"));
  try {
    await fs.mkdir(outDir, { recursive: true });
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        outDir,
        ...inputs,
      ],
      { encoding: "utf8", timeout: timeoutMs }
    );
    const ext = to.split(":")[0];
    const outs = inputs.map((f) =>
      path.join(outDir, `${path.basename(f).replace(/\.[^.]+$/, "")}.${ext}`)
    );
    for (const out of outs)
      await fs.access(out).catch(() => {
        throw new Error(`LibreOffice wrote no ${out}: ${r.stderr || r.stdout}`);
      });
    return outs;
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
}

/** Converts workbooks to PDF with LibreOffice; returns the PDFs in order. */
export function renderPdfs(inputs: string[], outDir: string): Promise<string[]> {
  return convertWithLibreOffice(inputs, outDir, "pdf");
}

/** Every page of a PDF with its words' boxes (points, origin top left). */
export function pdfWords(pdf: string): Page[] {
  const r = spawnSync("pdftotext", ["-bbox", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`pdftotext failed on ${pdf}: ${r.stderr}`);
  const pages: Page[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe =
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = pageRe.exec(r.stdout); m; m = pageRe.exec(r.stdout)) {
    const words: Word[] = [];
    for (let w = wordRe.exec(m[3]); w; w = wordRe.exec(m[3]))
      words.push({ x0: +w[1], y0: +w[2], x1: +w[3], y1: +w[4], text: decode(w[5]) });
    pages.push({ width: +m[1], height: +m[2], words });
  }
  return pages;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The footer line of a page (the lowest line of words) and the sheet it names, or null. */
export function footerOf(page: Page): { sheet: string; words: Word[] } | null {
  if (!page.words.length) return null;
  const bottom = Math.max(...page.words.map((w) => w.y1));
  const words = page.words.filter((w) => w.y1 > bottom - 4).sort((a, b) => a.x0 - b.x0);
  const text = words.map((w) => w.text).join(" ");
  const m = /^(.*?) — page \d+ of \d+$/.exec(text);
  return m ? { sheet: m[1], words } : null;
}

export interface SheetPrint {
  sheet: string;
  pages: number;
  words: number;
  /** Word heights in points (footer left out): smallest, 5th percentile, median. */
  min: number;
  p5: number;
  median: number;
  /** The smallest words, for messages. */
  smallest: string[];
  /** Widest right edge of a word as a share of the page width (1 = the paper's edge). */
  rightmost: number;
  /** How many numbers printed as "###": the number does not fit its column's width. */
  hashes: number;
}

/** Printed word heights per sheet, from the pages whose footer names it. */
export function sheetPrints(pages: Page[]): Map<string, SheetPrint> {
  const by = new Map<string, { pages: number; words: Word[]; width: number }>();
  for (const page of pages) {
    const foot = footerOf(page);
    if (!foot) continue;
    const footer = new Set(foot.words);
    const entry = by.get(foot.sheet) ?? { pages: 0, words: [], width: page.width };
    entry.pages++;
    for (const w of page.words) if (!footer.has(w)) entry.words.push(w);
    by.set(foot.sheet, entry);
  }
  const out = new Map<string, SheetPrint>();
  for (const [sheet, e] of by) {
    const sorted = [...e.words].sort((a, b) => a.y1 - a.y0 - (b.y1 - b.y0));
    const h = sorted.map((w) => w.y1 - w.y0);
    const at = (q: number) => (h.length ? h[Math.min(h.length - 1, Math.floor(q * h.length))] : 0);
    out.set(sheet, {
      sheet,
      pages: e.pages,
      words: h.length,
      min: h.length ? h[0] : 0,
      p5: at(0.05),
      median: at(0.5),
      smallest: sorted.slice(0, 5).map((w) => w.text),
      rightmost: e.words.reduce((m, w) => Math.max(m, w.x1), 0) / e.width,
      hashes: e.words.filter((w) => /^#{2,}$/.test(w.text)).length,
    });
  }
  return out;
}

export const CALIBRATION_SHEET = "Calibration";
export const CALIBRATION_PT = 11;

/** A one-sheet workbook printing 11 pt Calibri at 100%, to measure word height per point of font. */
export async function writeCalibration(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(CALIBRATION_SHEET);
  ws.getCell("A1").value = "Calibration text at eleven points: Budget Alignment 2026";
  ws.getCell("A1").font = { name: "Calibri", size: CALIBRATION_PT };
  ws.pageSetup.scale = 100;
  ws.headerFooter.oddFooter = "&A — page &P of &N";
  await wb.xlsx.writeFile(file);
}

/** Printed word height per point of font (about 1.3), from the calibration PDF. */
export function heightPerPoint(calibrationPdf: string): number {
  const p = sheetPrints(pdfWords(calibrationPdf)).get(CALIBRATION_SHEET);
  if (!p || !p.words) throw new Error("The calibration sheet printed no words.");
  return p.median / CALIBRATION_PT;
}

/**
 * A copy of a workbook in which only the named sheets print: the others are emptied (their cells removed) and
 * hidden, since LibreOffice's PDF export prints hidden sheets too but skips empty ones; the first named sheet
 * is the active one. The named sheets, their charts and the package are left as they are.
 */
export async function onlySheets(src: string, dest: string, keep: string[]): Promise<void> {
  const zip = await JSZip.loadAsync(await fs.readFile(src));
  const file = zip.file("xl/workbook.xml");
  const relsFile = zip.file("xl/_rels/workbook.xml.rels");
  if (!file || !relsFile) throw new Error(`${src} is not a workbook this check can read`);
  let xml = await file.async("string");
  const rels = await relsFile.async("string");
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.replace(/^\/?(xl\/)?/, "xl/"));
  }
  const names: string[] = [];
  const emptied: string[] = [];
  xml = xml.replace(/<sheet\b([^>]*?)(\/?)>/g, (_all, attrs: string, close: string) => {
    const name = decode(/\bname="([^"]*)"/.exec(attrs)?.[1] ?? "");
    names.push(name);
    let a = attrs.replace(/\s+state="[^"]*"/, "");
    if (!keep.includes(name)) {
      a += ' state="hidden"';
      const part = target.get(/\br:id="([^"]+)"/.exec(attrs)?.[1] ?? "");
      if (part) emptied.push(part);
    }
    return `<sheet${a}${close}>`;
  });
  for (const part of emptied) {
    const f = zip.file(part);
    if (!f) continue;
    const sheet = await f.async("string");
    zip.file(part, sheet.replace(/<sheetData>[\s\S]*<\/sheetData>/, "<sheetData/>"));
  }
  const active = Math.max(0, names.indexOf(keep[0]));
  xml = xml.replace(/\bactiveTab="\d+"/, `activeTab="${active}"`);
  if (!/activeTab=/.test(xml))
    xml = xml.replace(/<workbookView\b/, `<workbookView activeTab="${active}"`);
  xml = xml.replace(/\bfirstSheet="\d+"/, `firstSheet="${active}"`);
  zip.file("xl/workbook.xml", xml);
  await fs.writeFile(dest, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** A copy of a workbook whose sheets print on another paper (OOXML paperSize: 1 Letter, 9 A4). */
export async function withPaper(src: string, dest: string, paperSize: number): Promise<void> {
  const zip = await JSZip.loadAsync(await fs.readFile(src));
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    const xml = await zip.file(name)!.async("string");
    zip.file(
      name,
      xml
        .replace(/(<pageSetup\b[^>]*?)\s+paperSize="\d+"/, "$1")
        .replace(/<pageSetup\b/, `<pageSetup paperSize="${paperSize}"`)
    );
  }
  await fs.writeFile(dest, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** The sample run through budget-align, the given sheets printed on Letter and A4 landscape, and the point scale. */
export interface SamplePrint {
  letter: Page[];
  a4: Page[];
  /** Word height per point of font (from the calibration page): divide a height by it for the effective size. */
  ratio: number;
  /** What may start a page of each sheet: its table header rows and section titles (./continuations). */
  starts: Map<string, PageStarts>;
  /** The aligned workbook the pages were printed from. */
  file: string;
}

/**
 * Runs budget-align on the bundled sample (with `--today`), keeps `sheets` of its output, and has LibreOffice
 * print them on Letter and on A4 landscape beside a calibration page, in `dir`.
 */
export async function printSample(
  dir: string,
  today: string,
  sheets: string[]
): Promise<SamplePrint> {
  const out = path.join(dir, "aligned.xlsx");
  const err: string[] = [];
  const code = await main(
    ["--out", out, "--today", today],
    () => undefined,
    (s) => err.push(s)
  );
  if (code !== 0) throw new Error(err.join("\n"));
  const letter = path.join(dir, "letter.xlsx");
  const a4 = path.join(dir, "a4.xlsx");
  const calibration = path.join(dir, "calibration.xlsx");
  await onlySheets(out, letter, sheets);
  await withPaper(letter, a4, 9);
  await writeCalibration(calibration);
  const [pLetter, pA4, pCal] = await renderPdfs([letter, a4, calibration], dir);
  return {
    letter: pdfWords(pLetter),
    a4: pdfWords(pA4),
    ratio: heightPerPoint(pCal),
    starts: await pageStarts(out, sheets),
    file: out,
  };
}
