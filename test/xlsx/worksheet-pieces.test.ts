/**
 * A worksheet is written a thousand rows at a time (src/xlsx/worksheet-xml.ts), so that a sheet of a million lines is
 * never one string: the pieces must make exactly the XML of the whole, rows in order, across the pieces' edges, and
 * the bytes the package gets must be that XML in UTF-8 (a title with an en dash included).
 */
import type { SheetModel } from "../../src/core/types";
import { StyleTable } from "../../src/xlsx/styles-xml";
import { prepareWorksheet } from "../../src/xlsx/worksheet-xml";
import { bareModel } from "../fixtures/sheet-model";

function model(rows: number): SheetModel {
  return bareModel(
    "Programs",
    Array.from({ length: rows }, (_, r) => [
      r === 1500 ? "Parks – Operations" : `Program ${r + 1}`,
      r * 10,
    ]),
    { columnWidths: [30, 12], print: { landscape: true, fitToWidth: true, footer: "" } }
  );
}

test.each([0, 1, 999, 1000, 1001, 2500])(
  "a sheet of %i rows: its pieces make the whole",
  (rows) => {
    const sheet = prepareWorksheet(model(rows), new StyleTable(), { tables: [] });
    const xml = sheet.render();
    expect(sheet.bytes().toString("utf8")).toBe(xml);
    expect(xml.endsWith("</worksheet>")).toBe(true);
    const data = /<sheetData\/>|<sheetData>([\s\S]*)<\/sheetData>/.exec(xml);
    expect(data).not.toBeNull();
    expect(xml.split("<sheetData").length).toBe(2);
    const numbers = [...(data![1] ?? "").matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: rows }, (_, r) => r + 1));
    if (rows > 1500) {
      expect(xml).toContain("Parks – Operations");
      expect(sheet.bytes().includes(Buffer.from("Parks – Operations", "utf8"))).toBe(true);
    }
    if (rows > 0) expect(xml).toContain(`Program ${rows}`);
  }
);
