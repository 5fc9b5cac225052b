/**
 * The generated sheets printed as LibreOffice prints them (the page setup each sheet asks for), on Letter and on
 * A4 landscape: every word of every generated sheet at an effective font of at least 8 pt, and no sheet shrunk
 * to fit. Needs LibreOffice Calc and poppler-utils (.ci/run installs them); without them the test fails and
 * says what to install rather than passing silently.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { clippedCells } from "./clipped";
import { pagesWithoutHeaders, type PageStarts } from "./continuations";
import { canRender, printSample, sheetPrints, type Page, type SheetPrint } from "./printed";
import { printedLayout, programTablePages, titleWhole } from "./programs-pages";
import { PAGE_WIDTH_PX } from "../../src/core/reports/sheet";

jest.setTimeout(300_000);

const SHEETS = ["Alignment", "Review", "Timetable", "Programs"];
/** The smallest effective font any word of a generated sheet may print at. */
const MIN_PT = 8;

let dir: string;
let ratio: number;
const prints: Record<string, Map<string, SheetPrint>> = {};
const programPages: Record<string, { page: number; headers: boolean }[]> = {};
const pages: Record<string, Page[]> = {};
let starts: Map<string, PageStarts>;
let file: string;

beforeAll(async () => {
  if (!canRender())
    throw new Error(
      "The print test needs LibreOffice and pdftotext: apt-get install -y libreoffice-calc poppler-utils fonts-crosextra-carlito"
    );
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "print-"));
  const sample = await printSample(dir, "2026-01-15", SHEETS);
  ratio = sample.ratio;
  prints.letter = sheetPrints(sample.letter);
  prints.a4 = sheetPrints(sample.a4);
  programPages.letter = programTablePages(sample.letter);
  programPages.a4 = programTablePages(sample.a4);
  pages.letter = sample.letter;
  pages.a4 = sample.a4;
  file = sample.file;
  starts = sample.starts;
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe.each(["letter", "a4"])(
  "the sample's generated sheets printed on %s landscape",
  (paper) => {
    it.each(SHEETS)(
      "%s prints every word at an effective 8 pt or more, and no number as ###",
      (sheet) => {
        const p = prints[paper].get(sheet);
        expect(p).toBeDefined();
        expect(p!.words).toBeGreaterThan(50);
        const effective = p!.min / ratio;
        if (effective < MIN_PT)
          throw new Error(
            `${sheet} on ${paper}: smallest word ${p!.min.toFixed(1)} pt tall (${effective.toFixed(1)} pt font): ${p!.smallest.join(", ")}`
          );
        // The literal check the issue asks for: word height on paper.
        expect(p!.min).toBeGreaterThanOrEqual(MIN_PT);
        // Nothing runs off the paper's right edge.
        expect(p!.rightmost).toBeLessThan(1);
        // No number printed as "###" (too wide for its column).
        expect(p!.hashes).toBe(0);
      }
    );
  }
);

it.each(["letter", "a4"])(
  "the Programs table prints its column headers on every page (%s), continuation pages included",
  (paper) => {
    const pages = programPages[paper];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.filter((p) => !p.headers)).toEqual([]);
  }
);

it("the Programs sheet prints one page wide at 100%: each print area fits a landscape page, the title whole", async () => {
  const layout = await printedLayout(path.join(dir, "aligned.xlsx"), "Programs");
  // The top tables, the chart and the program table.
  expect(layout.areas.length).toBe(3);
  for (const a of layout.areas) expect([a.ref, a.px <= PAGE_WIDTH_PX]).toEqual([a.ref, true]);
  for (const paper of ["letter", "a4"])
    expect([paper, titleWhole(pages[paper], "Programs", layout.title)]).toEqual([paper, true]);
});

/** Sheets whose every page starts with a table's column headers or a section title. */
const TABLE_SHEETS = ["Alignment", "Review", "Timetable", "Programs"];

describe.each(["letter", "a4"])("continuation pages on %s landscape", (paper) => {
  it.each(TABLE_SHEETS)(
    "%s: every page after the first starts with a table's column headers or a section's title",
    (sheet) => {
      expect(pages[paper].filter((p) => p.words.length).length).toBeGreaterThan(0);
      expect(pagesWithoutHeaders(pages[paper], sheet, starts.get(sheet)!)).toEqual([]);
    }
  );
});

describe.each(["letter", "a4"])("no clipped label on %s landscape", (paper) => {
  it("every word of every printed text cell is on its sheet's pages, whole", async () => {
    const sheets = SHEETS;
    const clipped = await clippedCells(file, pages[paper], sheets);
    expect([...clipped.keys()].sort()).toEqual([...sheets].sort());
    expect(Object.fromEntries(clipped)).toEqual(Object.fromEntries(sheets.map((s) => [s, []])));
  });
});

it("the clipped-label check sees a label cut at the page's edge", async () => {
  // The sample's pages with the last word of each printed line taken away: labels lose their last words.
  const cut = pages.letter.map((p) => {
    const lastOfLine = new Set(
      p.words.map(
        (w) => p.words.filter((o) => Math.abs(o.y0 - w.y0) < 2).sort((a, b) => b.x1 - a.x1)[0]
      )
    );
    const footerY = Math.max(0, ...p.words.map((w) => w.y1));
    return { ...p, words: p.words.filter((w) => !lastOfLine.has(w) || w.y1 > footerY - 4) };
  });
  const clipped = await clippedCells(file, cut, ["Review"]);
  expect(clipped.get("Review")!.length).toBeGreaterThan(0);
});

it("the calibration is what a word box of Calibri/Carlito measures (about 1.3 × the point size)", () => {
  expect(ratio).toBeGreaterThan(1.1);
  expect(ratio).toBeLessThan(1.5);
});
