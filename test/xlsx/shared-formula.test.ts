/**
 * A shared formula's dependent cell (it holds only `<f t="shared" si="0"/>`) with no saved value is described by
 * the formula it copies, never as "holds the formula =" with nothing after it (issue #30).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { budgetSheet, planSheet } from "../reliability/books";
import { EXCEL, PackageBuilder } from "../fixtures/xlsx-package";

test("an amount cell holding a copy of a shared formula with no saved value is named with that formula", async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "shared-formula-"));
  const budget = budgetSheet();
  // Rows 4 and 5 (0-based 3 and 4): E4 is the shared formula's master, saved; E5 a copy never calculated.
  budget.values[3][4] = "";
  budget.values[4][4] = "";
  const b = new PackageBuilder(EXCEL);
  b.sheets.push(
    {
      ...budget,
      extraCells: {
        3: `<c r="E4"><f t="shared" ref="E4:E5" si="0">C4*0+100</f><v>100</v></c>`,
        4: `<c r="E5"><f t="shared" si="0"/></c>`,
      },
    },
    planSheet()
  );
  const input = path.join(dir, "shared.xlsx");
  await fs.writeFile(input, await b.build());
  let err = "";
  const code = await main(
    [input, "--out", path.join(dir, "out.xlsx"), "--today", "2026-11-23"],
    () => undefined,
    (s) => (err += s + "\n")
  );
  expect(code).toBe(1);
  expect(err).toContain(
    "Budget!E5 holds a copy of the formula in E4 (=C4*0+100) with no saved value: the workbook was saved by a program that does not calculate formulas"
  );
  await fs.rm(dir, { recursive: true, force: true });
}, 60000);
