/**
 * The sample's Scorecard printed as LibreOffice prints it, on Letter and A4 landscape: every word at an effective
 * 8 pt or more, nothing off the paper, no number as ###, its header repeated on every page. (The same check as
 * test/print/print.test.ts makes for the other generated sheets, with its helpers.) Needs LibreOffice Calc and
 * poppler-utils; without them the test fails and says what to install.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import {
  canRender,
  printSample,
  sheetPrints,
  type Page,
  type SheetPrint,
} from "../../print/printed";

jest.setTimeout(300_000);

const MIN_PT = 8;
let dir: string;
let ratio: number;
const prints: Record<string, SheetPrint | undefined> = {};
let letterPages: Page[] = [];

beforeAll(async () => {
  if (!canRender())
    throw new Error(
      "The print test needs LibreOffice and pdftotext: apt-get install -y libreoffice-calc poppler-utils fonts-crosextra-carlito"
    );
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "print-scorecard-"));
  const sample = await printSample(dir, "2026-11-15", ["Scorecard"]);
  ratio = sample.ratio;
  letterPages = sample.letter;
  prints.letter = sheetPrints(letterPages).get("Scorecard");
  prints.a4 = sheetPrints(sample.a4).get("Scorecard");
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

it.each(["letter", "a4"])(
  "the Scorecard on %s landscape: every word at 8 pt or more, on the paper",
  (paper) => {
    const p = prints[paper];
    expect(p).toBeDefined();
    expect(p!.words).toBeGreaterThan(200);
    const effective = p!.min / ratio;
    if (effective < MIN_PT)
      throw new Error(
        `Scorecard on ${paper}: smallest word ${effective.toFixed(1)} pt: ${p!.smallest.join(", ")}`
      );
    expect(p!.rightmost).toBeLessThan(1);
    expect(p!.hashes).toBe(0);
  }
);

it("repeats its header on every printed page", () => {
  const scorecard = letterPages.filter((pg) => pg.words.some((w) => w.text === "Scorecard"));
  expect(scorecard.length).toBeGreaterThan(1);
  for (const pg of scorecard) expect(pg.words.some((w) => w.text === "Trend")).toBe(true);
});
