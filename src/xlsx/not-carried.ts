/**
 * What a save through exceljs leaves out of the copy: charts (chart parts drawn on a sheet, and whole chart sheets)
 * and pivot tables. exceljs reads a sheet's cells, styles, tables and pictures, but drops these parts without a
 * word (exceljs issues #261 and #1678), so the CLI says, sheet by sheet, what the aligned copy does not have. The
 * user's original file is never changed, and in Excel the add-in writes its sheets beside theirs, so nothing is
 * lost there.
 */
import JSZip from "jszip";
import { parseRels, readText, relsPathOf, resolvePart, sheetParts } from "./package";

export interface NotCarried {
  sheet: string;
  /** Charts drawn on the sheet, or on the chart sheet. */
  charts: number;
  pivotTables: number;
  /** The whole tab is a chart sheet, so the copy has no tab of that name. */
  chartSheet: boolean;
}

const CHART_REL = /\/(chart|chartEx)$/;
const DRAWING_REL = /\/drawing$/;
const PIVOT_REL = /\/pivotTable$/;

/** Per sheet (in tab order), the charts and pivot tables of the package that a save through exceljs drops. */
export async function partsNotCarried(
  xlsx: Buffer | Uint8Array | ArrayBuffer
): Promise<NotCarried[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(xlsx);
  } catch {
    return [];
  }
  const out: NotCarried[] = [];
  for (const sheet of await sheetParts(zip)) {
    if (sheet.kind === "other") continue;
    const rels = parseRels(await readText(zip, relsPathOf(sheet.part)));
    let charts = 0;
    for (const r of rels.filter((x) => DRAWING_REL.test(x.type ?? ""))) {
      const drawing = resolvePart(sheet.part, r.target ?? "");
      const drawingRels = parseRels(await readText(zip, relsPathOf(drawing)));
      charts += drawingRels.filter((x) => CHART_REL.test(x.type ?? "")).length;
    }
    const pivotTables = rels.filter((x) => PIVOT_REL.test(x.type ?? "")).length;
    const chartSheet = sheet.kind === "chartsheet";
    if (charts > 0 || pivotTables > 0 || chartSheet)
      out.push({
        sheet: sheet.name,
        charts: Math.max(charts, chartSheet ? 1 : 0),
        pivotTables,
        chartSheet,
      });
  }
  return out;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One plain sentence for the CLI's summary, or null when nothing is left out. */
export function notCarriedMessage(parts: readonly NotCarried[], outPath: string): string | null {
  if (parts.length === 0) return null;
  const items = parts.map((p) => {
    if (p.chartSheet) return `the chart sheet "${p.sheet}"`;
    const what = [
      p.charts ? count(p.charts, "chart", "charts") : "",
      p.pivotTables ? count(p.pivotTables, "pivot table", "pivot tables") : "",
    ]
      .filter(Boolean)
      .join(" and ");
    return `${what} on "${p.sheet}"`;
  });
  return (
    `Not in the copy: ${items.join("; ")}. The command-line tool cannot copy charts or pivot tables, so ` +
    `${outPath} has your sheets' values and formatting without them. Your original file is unchanged; in Excel, ` +
    `the add-in keeps them.`
  );
}
