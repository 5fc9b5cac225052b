/** Reading through the Excel port: values, offsets, empty and hidden sheets, blocks, payload limits, sync counts. */
import { FakeExcel, PAYLOAD_LIMIT } from "../fake-excel/fake-excel";
import { budgetValues, fakeExcel, portOver } from "./helpers";

const MB4 = 4 * 1024 * 1024;

function since(fake: FakeExcel, from: number) {
  const log = fake.syncLog.slice(from);
  return {
    syncs: log.length,
    response: log.reduce((n, s) => n + s.responseBytes, 0),
    request: log.reduce((n, s) => n + s.requestBytes, 0),
    largestResponse: Math.max(0, ...log.map((s) => s.responseBytes)),
    largestRequest: Math.max(0, ...log.map((s) => s.requestBytes)),
    errors: log.filter((s) => s.error).map((s) => s.error),
  };
}

describe("listSheets", () => {
  test("names, positions, visibility (very hidden too) and used-range sizes, in one sync", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", budgetValues(5));
    fake.addSheet("Empty");
    fake.addSheet("Notes", [["x"]], { startRow: 9, startCol: 3 }).visibility = "Hidden";
    fake.addSheet("_BudgetAlignmentState", [["state"]]).visibility = "VeryHidden";
    const before = fake.syncs;
    const sheets = await portOver(fake).listSheets();
    expect(fake.syncs - before).toBe(1);
    expect(sheets).toEqual([
      { name: "Budget", position: 0, visibility: "visible", rows: 6, cols: 8 },
      { name: "Empty", position: 1, visibility: "visible", rows: 0, cols: 0 },
      { name: "Notes", position: 2, visibility: "hidden", rows: 1, cols: 1 },
      { name: "_BudgetAlignmentState", position: 3, visibility: "veryHidden", rows: 1, cols: 1 },
    ]);
  });

  test("a workbook of more than 64 sheets lists every sheet", async () => {
    const fake = fakeExcel();
    for (let i = 0; i < 70; i++) fake.addSheet(`S${i}`, [[i]]);
    const sheets = await portOver(fake).listSheets();
    expect(sheets.map((s) => s.name)).toEqual(Array.from({ length: 70 }, (_, i) => `S${i}`));
    expect(sheets[69].position).toBe(69);
  });
});

describe("readSheets", () => {
  test("values of the used range, with its offset when it does not start at A1", async () => {
    const fake = fakeExcel();
    fake.addSheet(
      "Budget",
      [
        ["Dept", "Amount"],
        ["Parks", 1200.5],
        ["Police", true],
      ],
      { startRow: 3, startCol: 2 }
    );
    const [cells] = await portOver(fake).readSheets(["Budget"]);
    expect(cells).toEqual({
      name: "Budget",
      startRow: 3,
      startCol: 2,
      values: [
        ["Dept", "Amount"],
        ["Parks", 1200.5],
        ["Police", true],
      ],
    });
  });

  test("sheets come back in the order asked, with the workbook's spelling of the name", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    fake.addSheet("Plan", [["b"]]);
    const cells = await portOver(fake).readSheets(["plan", "BUDGET"]);
    expect(cells.map((c) => [c.name, c.values[0][0]])).toEqual([
      ["Plan", "b"],
      ["Budget", "a"],
    ]);
  });

  test("an empty sheet reads as no rows", async () => {
    const fake = fakeExcel();
    fake.addSheet("Empty");
    const [cells] = await portOver(fake).readSheets(["Empty"]);
    expect(cells).toEqual({ name: "Empty", startRow: 0, startCol: 0, values: [] });
  });

  test("a very hidden sheet can be read by name", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    fake.addSheet("_BudgetAlignmentState", [["hidden text"]]).visibility = "VeryHidden";
    const [cells] = await portOver(fake).readSheets(["_BudgetAlignmentState"]);
    expect(cells.values).toEqual([["hidden text"]]);
  });

  test("an unknown sheet name is an error naming the sheet and the sheets there are", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    await expect(portOver(fake).readSheets(["Budget", "Budgte"])).rejects.toThrow(
      'There is no sheet named "Budgte" in this workbook. Its sheets are: "Budget".'
    );
  });

  test("used-range sizes of every sheet asked are loaded in one batch", async () => {
    const fake = fakeExcel();
    for (let i = 0; i < 5; i++) fake.addSheet(`S${i}`, budgetValues(10));
    const before = fake.syncs;
    const cells = await portOver(fake).readSheets(["S0", "S1", "S2", "S3", "S4"]);
    expect(cells).toHaveLength(5);
    // One sync for the used ranges, one for every small sheet's values.
    expect(fake.syncs - before).toBe(2);
  });

  test("large sheets are read in row blocks, several per sync, within a smaller budget", async () => {
    const fake = fakeExcel();
    const values = budgetValues(10000);
    fake.addSheet("Budget", values);
    const budget = 256 * 1024;
    const before = fake.syncs;
    const progress: string[] = [];
    const [cells] = await portOver(fake, { syncBudget: budget }).readSheets(["Budget"], (p) =>
      progress.push(p.label)
    );
    expect(cells.values).toEqual(values);
    const s = since(fake, before);
    expect(s.largestResponse).toBeLessThanOrEqual(budget);
    expect(s.syncs).toBeGreaterThan(3);
    expect(s.syncs).toBeLessThanOrEqual(Math.ceil(s.response / budget) + 3);
    expect(progress[progress.length - 1]).toBe("Reading Budget (rows 1–10,001 of 10,001)");
    expect(progress[0]).toMatch(/^Reading Budget \(rows 1–[\d,]+ of 10,001\)$/);
  });

  test.each([1000, 10000, 100000])(
    "%i rows: syncs stay within ceil(bytes / 4 MB) + 3 and no payload passes 4 MB",
    async (rows) => {
      const fake = fakeExcel();
      const values = budgetValues(rows);
      fake.addSheet("Budget", values);
      const before = fake.syncs;
      const [cells] = await portOver(fake).readSheets(["Budget"]);
      expect(cells.values.length).toBe(rows + 1);
      expect(cells.values[rows]).toEqual(values[rows]);
      const s = since(fake, before);
      expect(s.errors).toEqual([]);
      expect(s.largestResponse).toBeLessThanOrEqual(MB4);
      expect(s.largestRequest).toBeLessThanOrEqual(MB4);
      expect(s.syncs).toBeLessThanOrEqual(Math.ceil(s.response / MB4) + 3);
      if (rows === 100000) expect(s.response).toBeGreaterThan(2 * MB4); // a real multi-sync read
    },
    60000
  );

  test("rows that grow from one stretch of the sheet to the next: sampled ahead, no response passes the budget", async () => {
    const fake = fakeExcel();
    const values: string[][] = [];
    // Department names of different lengths, as a budget sorted by department has them.
    for (const [dept, rows] of [
      ["Fire", 6000],
      ["Parks and Recreation and Community Services Department", 6000],
      ["IT", 6000],
      ["Public Works, Transportation and Sustainability Department", 6000],
    ] as const)
      for (let i = 0; i < rows; i++) values.push([dept, `Line ${i}`, "Salaries - Regular"]);
    fake.addSheet("Budget", values);
    const budget = 200 * 1024;
    const before = fake.syncs;
    const [cells] = await portOver(fake, { syncBudget: budget }).readSheets(["Budget"]);
    expect(cells.values).toEqual(values);
    const s = since(fake, before);
    expect(s.errors).toEqual([]);
    expect(s.largestResponse).toBeLessThanOrEqual(budget);
    // Full syncs: the used range, the first (blind) block, the last partial one and the rest filled close to the budget.
    expect(s.syncs).toBeLessThanOrEqual(Math.ceil(s.response / budget) + 3);
  });

  test("rows much larger than the first ones: the block is halved and read again after Excel refuses it", async () => {
    const fake = fakeExcel();
    const values: string[][] = [];
    for (let i = 0; i < 3000; i++) values.push([`small ${i}`, "x"]);
    const long = "L".repeat(2000);
    for (let i = 0; i < 8000; i++) values.push([`big ${i}`, long]);
    fake.addSheet("Budget", values);
    const before = fake.syncs;
    const [cells] = await portOver(fake).readSheets(["Budget"]);
    expect(cells.values).toEqual(values);
    const s = since(fake, before);
    expect(s.errors.length).toBeGreaterThan(0);
    expect(new Set(s.errors)).toEqual(new Set(["RequestPayloadSizeLimitExceeded"]));
    const ok = fake.syncLog.slice(before).filter((x) => !x.error);
    expect(Math.max(...ok.map((x) => x.responseBytes))).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  });

  test("a single row Excel cannot hand over is an error naming the sheet and row", async () => {
    const fake = fakeExcel();
    const huge = Array.from({ length: 200 }, () => "W".repeat(30000));
    fake.addSheet("Budget", [["Dept"], ["Parks"]]);
    fake.sheet("Budget").writeCell(2, 0, "x");
    huge.forEach((v, c) => fake.sheet("Budget").writeCell(2, c, v));
    await expect(portOver(fake).readSheets(["Budget"])).rejects.toThrow(
      /^Budget row 3 holds more data than Excel can hand over in one go\./
    );
  });
});

describe("the fake behaves like Excel where the port depends on it", () => {
  /* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load -- this test reads too early on purpose */
  test("reading a property that was not loaded and synced throws PropertyNotLoaded", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Budget").getRange("A1");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([["a"]]);
    });
  });

  /* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load */

  test("a response over 5 MB fails with RequestPayloadSizeLimitExceeded", async () => {
    const fake = fakeExcel();
    fake.addSheet(
      "Big",
      Array.from({ length: 300 }, () => ["Z".repeat(20000)])
    );
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Big").getRange("A1:A300").load("values");
        await context.sync();
      })
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  test("an unbounded range reads as null values", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    const values = await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem("Budget").getRange("A:B");
      r.load("values");
      await context.sync();
      return r.values;
    });
    expect(values).toBeNull();
  });
});
