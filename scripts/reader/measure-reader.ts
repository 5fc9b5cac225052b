/**
 * The package reader's read phase on a real-shaped budget, beside its floors (issue #29 item 3, #30 item 6):
 * real line items of Oakland's adopted budget (../shared/data/oakland) repeated to N lines, 7 columns, inline
 * strings, as the held-out check builds them. Prints one JSON line per measure:
 *   inflate   — inflating the sheet part (zlib), nothing else
 *   sax       — inflate + a SAX pass (saxes, text and tags only): the floor the issue names
 *   read      — PackagePort.fromBuffer: zip directory, styles, every cell value (what `budget-align` reads)
 * and the peak RSS of the process (one measure per process: `node measure-reader.js LINES MEASURE`).
 *
 *   npx tsc -p scripts/reader/tsconfig.json && node lib/scripts/reader/measure-reader.js 100000 read
 */
import { readFileSync, existsSync, writeFileSync, mkdirSync } from "fs";
import * as path from "path";
import { SaxesParser } from "saxes";
import { PackagePort } from "../../src/xlsx/package-port";
import { ZipReader, ZipWriter } from "../../src/xlsx/zip";

const CSV = path.join(
  __dirname,
  "../../../../shared/data/oakland/oakland_adopted_expense_FY22-23_lineitems.csv"
);
const CSV_ALT = "/work/shared/data/oakland/oakland_adopted_expense_FY22-23_lineitems.csv";

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const out: string[] = [];
    let cur = "";
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (q) {
        if (ch === '"' && line[i + 1] === '"') ((cur += '"'), i++);
        else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") (out.push(cur), (cur = ""));
      else cur += ch;
    }
    out.push(cur);
    rows.push(out);
  }
  return rows;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const col = (c: number) => String.fromCharCode(65 + c);

/** The real-shaped workbook of `lines` lines (cached in /tmp). */
async function workbook(lines: number): Promise<string> {
  const file = `/tmp/reader-measure-${lines}.xlsx`;
  if (existsSync(file)) return file;
  mkdirSync("/tmp", { recursive: true });
  const rows = csvRows(readFileSync(existsSync(CSV) ? CSV : CSV_ALT, "utf8"));
  const header = [
    "Fiscal Year",
    "Fund",
    "Department",
    "Division",
    "Account Category",
    "Description",
    "FY 2022-23 Adopted",
  ];
  const items = rows.slice(1);
  function* sheet(): Generator<Buffer> {
    yield Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
    );
    const cell = (r: number, c: number, v: string | number) =>
      typeof v === "number"
        ? `<c r="${col(c)}${r}"><v>${v}</v></c>`
        : `<c r="${col(c)}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    yield Buffer.from(`<row r="1">${header.map((h, c) => cell(1, c, h)).join("")}</row>`);
    let chunk = "";
    for (let i = 0; i < lines; i++) {
      const it = items[i % items.length];
      const r = i + 2;
      chunk += `<row r="${r}">${it
        .map((v, c) => (c === 6 ? cell(r, c, Number(v) || 0) : cell(r, c, v)))
        .join("")}</row>`;
      if (chunk.length > 1 << 20) {
        yield Buffer.from(chunk);
        chunk = "";
      }
    }
    yield Buffer.from(chunk + `</sheetData></worksheet>`);
  }
  const { Readable } = await import("stream");
  const w = new ZipWriter(file);
  const NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  await w.add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
  );
  await w.add(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
  );
  await w.add(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}"><sheets><sheet name="Budget" sheetId="1" r:id="rId1"/></sheets></workbook>`
  );
  await w.add(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
  );
  await w.addStream("xl/worksheets/sheet1.xml", Readable.from(sheet()));
  await w.finish();
  return file;
}

async function main(): Promise<void> {
  const lines = Number(process.argv[2] ?? 100000);
  const measure = process.argv[3] ?? "read";
  const file = await workbook(lines);
  if (measure === "make") return;
  const data = readFileSync(file);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = process.hrtime.bigint();
  let detail: Record<string, unknown> = {};
  if (measure === "inflate" || measure === "sax") {
    const zip = ZipReader.fromBuffer(data);
    const sax = measure === "sax" ? new SaxesParser() : null;
    let n = 0;
    if (sax) {
      sax.on("opentag", () => n++);
      sax.on("text", () => undefined);
    }
    const { StringDecoder } = await import("string_decoder");
    const dec = new StringDecoder("utf8");
    let bytes = 0;
    for await (const chunk of zip.stream("xl/worksheets/sheet1.xml")) {
      bytes += (chunk as Buffer).length;
      if (sax) sax.write(dec.write(chunk as Buffer));
    }
    sax?.close();
    detail = { bytes, tags: n };
  } else {
    const port = await PackagePort.fromBuffer(data, "budget");
    const [sheet] = await port.readSheets(["Budget"]);
    detail = { rows: sheet.values.length, cols: sheet.values[0]?.length };
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const out = {
    lines,
    measure,
    ms: Math.round(ms),
    peakRssMb: Math.round(peak / 1048576),
    ...detail,
    load: require("os").loadavg()[0],
  };
  console.log(JSON.stringify(out));
  if (process.env.MEASURE_OUT)
    writeFileSync(process.env.MEASURE_OUT, JSON.stringify(out) + "\n", { flag: "a" });
}

void main();
