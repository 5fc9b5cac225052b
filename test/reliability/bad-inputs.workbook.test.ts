/**
 * The bad-input corpus, workbook part: every fixture of kind "workflow" in test/fixtures/bad/ runs through the real
 * entry points (analyse, then runAlignment) over an in-memory workbook and must give exactly the stored outcome:
 * the exact messages naming sheet and cell, the lines read, what was written, and no user cell changed except
 * empty Goal cells the run fills. Then the huge inputs built in memory (1,048,576 rows, 16,384 columns,
 * 32,767-character cells).
 */
import * as fs from "fs";
import { analyse, runAlignment } from "../../src/core/workflow";
import {
  EXCEL_MAX_CELL_CHARS,
  EXCEL_MAX_ROWS,
  longCellSheet,
  millionRowSheet,
  widestSheet,
} from "../fixtures/bad/builders";
import { planSheet } from "./books";
import { MemoryBook } from "./memory-port";
import { issueLine } from "./outcome";
import { TODAY, workflowOutcome, type WorkflowFixture } from "./workflow-outcome";
import { corpusFixtures } from "../fixtures/bad/fixtures";

const fixtures = corpusFixtures<WorkflowFixture>(["workflow"]);

test("the corpus has the workbook inputs", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(25);
});

describe.each(fixtures.map((f) => [`${f.id}: ${f.what}`, f] as const))("%s", (_name, f) => {
  test("gives exactly the stored outcome, the same twice", async () => {
    const got = await workflowOutcome(f);
    if (process.env.T6_DUMP) {
      fs.mkdirSync("/tmp/t6-outcomes", { recursive: true });
      fs.writeFileSync(`/tmp/t6-outcomes/${f.id}.json`, JSON.stringify(got, null, 1));
    }
    expect(got).toEqual(f.expect);
    expect(await workflowOutcome(f)).toEqual(got);
  });
});

describe("Excel's limits, built in memory", () => {
  test("1,048,576 rows, mostly blank: every line read, the one in the very last row too", async () => {
    const book = new MemoryBook([millionRowSheet(), planSheet()]);
    const a = await analyse(book, { today: TODAY });
    expect(a.issues.filter((i) => i.severity === "error").map(issueLine)).toEqual([]);
    expect(a.budget.lines).toHaveLength(11);
    const last = a.budget.lines[10];
    expect([last.row, last.description, last.amount, last.tagText]).toEqual([
      EXCEL_MAX_ROWS,
      "Last row of the sheet",
      7,
      "G2.2",
    ]);
    expect(a.budget.checkTotal).toBe(55000 + 7);
    expect(a.tags[10].source).toBe("manual");
  }, 60000);

  test("16,384 columns: the amount in column XFD is found and read", async () => {
    const book = new MemoryBook([widestSheet(), planSheet()]);
    const a = await analyse(book, { today: TODAY });
    expect(a.issues.filter((i) => i.severity === "error").map(issueLine)).toEqual([]);
    const amount = a.budget.layouts[0].columns.find((c) => c.role === "amount");
    expect([amount?.letter, amount?.header]).toEqual(["XFD", "FY 2026-27 Proposed"]);
    expect(a.budget.lines.map((l) => [l.department, l.amount])).toEqual([
      ["Fire", 500],
      ["Police", 250],
    ]);
    const run = await runAlignment(book, { today: TODAY });
    expect(run.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
  }, 60000);

  test("32,767-character cells: read in full, keys stay short, the long Goal cell is reported and the run completes", async () => {
    const book = new MemoryBook([longCellSheet(), planSheet()]);
    const a = await analyse(book, { today: TODAY });
    expect(a.budget.lines).toHaveLength(3);
    expect(a.budget.lines[0].department.length).toBe(EXCEL_MAX_CELL_CHARS);
    expect(a.budget.lines[0].description.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
    for (const l of a.budget.lines) expect(l.key.length).toBeLessThan(1000);
    expect(a.tags[0].source).toBe("manual");
    const run = await runAlignment(book, { today: TODAY });
    expect(run.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
    // No generated cell goes over Excel's limit.
    for (const m of book.written)
      for (const row of m.values)
        for (const v of row)
          if (typeof v === "string") expect(v.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
  }, 60000);
});
