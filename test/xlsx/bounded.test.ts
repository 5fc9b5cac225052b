/**
 * Bounded resources (issue #30): what a sheet declares never allocates by itself. A sheet with cells at A1 and at
 * XFD1048576 (and a dimension saying so) is read as its real cells: the blank rows between share one row, the run
 * reads the same lines as without the far cell and writes its reports.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { PackagePort } from "../../src/xlsx/package-port";
import { budgetSheet, planSheet } from "../reliability/books";
import { EXCEL, PackageBuilder } from "../fixtures/xlsx-package";

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "bounded-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The standard workbook; with `far`, one more cell at XFD1048576 on a sheet of its own. */
async function book(far: boolean): Promise<Buffer> {
  const b = new PackageBuilder(EXCEL);
  b.sheets.push(budgetSheet(), planSheet());
  if (far)
    b.sheets.push({
      name: "Notes",
      values: [["Notes on the budget"]],
      extraCells: {
        0: `</row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>the very last cell</t></is></c>`,
      },
    });
  return b.build();
}

test("a sheet whose cells sit at A1 and XFD1048576 holds two rows' worth of cells, not seventeen billion", async () => {
  const port = await PackagePort.fromBuffer(await book(true));
  const info = (await port.listSheets()).find((s) => s.name === "Notes")!;
  expect([info.rows, info.cols]).toEqual([1048576, 16384]);
  const [notes] = await port.readSheets(["Notes"]);
  expect(notes.values[0][0]).toBe("Notes on the budget");
  expect(notes.values[1048575][16383]).toBe("the very last cell");
  // every row between is the one shared blank row
  expect(new Set(notes.values.slice(1, -1)).size).toBe(1);
}, 60000);

test("the run reads the same budget beside it and writes its reports", async () => {
  const plain = path.join(dir, "plain.xlsx");
  const far = path.join(dir, "far.xlsx");
  await fs.writeFile(plain, await book(false));
  await fs.writeFile(far, await book(true));
  const outs: string[] = [];
  for (const input of [plain, far]) {
    let out = "";
    const code = await main(
      [input, "--out", input.replace(/\.xlsx$/, ".out.xlsx"), "--today", "2026-11-23"],
      (s) => (out += s + "\n"),
      () => undefined
    );
    expect(code).toBe(0);
    outs.push(out.split("\n").slice(0, 3).join("\n"));
  }
  expect(outs[1]).toBe(outs[0]);
}, 120000);
