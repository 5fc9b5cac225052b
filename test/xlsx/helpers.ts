import ExcelJS from "exceljs";
import JSZip from "jszip";

export { bareModel } from "../fixtures/sheet-model";

/** Loads saved bytes into a fresh exceljs workbook. */
export async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** The package part that holds the named sheet (via workbook.xml and its relationships). */
export async function sheetPartOf(zip: JSZip, sheetName: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheet = [...workbook.matchAll(/<sheet\b[^>]*>/g)]
    .map((m) => m[0])
    .find((s) => s.includes(`name="${sheetName}"`));
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const rid = /r:id="([^"]+)"/.exec(sheet)![1];
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => r.includes(`Id="${rid}"`))!;
  const target = /Target="([^"]+)"/.exec(rel)![1];
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** The <xf> element of cellXfs that a cell of the saved file uses. */
export async function cellXf(buffer: Buffer, sheetName: string, address: string): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const sheet = await zip.file(await sheetPartOf(zip, sheetName))!.async("string");
  const cell = new RegExp(`<c r="${address}"([^>]*)`).exec(sheet);
  if (!cell) throw new Error(`no cell ${address}`);
  const s = /\bs="(\d+)"/.exec(cell[1]);
  const styles = await zip.file("xl/styles.xml")!.async("string");
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1];
  const xfs = [...cellXfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  return xfs[s ? Number(s[1]) : 0];
}

/** A cell of a loaded exceljs sheet (a named helper, so the Office.js lint rules do not take it for a proxy). */
export function cellAt(ws: ExcelJS.Worksheet, address: string): ExcelJS.Cell {
  return ws.getCell(address);
}

/** A column of a loaded exceljs sheet. */
export function columnAt(ws: ExcelJS.Worksheet, letter: string): ExcelJS.Column {
  return ws.getColumn(letter);
}
