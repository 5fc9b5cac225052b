/** writeCells (only the user's tag cells) and following / moving the selection. */
import { fakeExcel, portOver } from "./helpers";

function workbook() {
  const fake = fakeExcel();
  fake.addSheet("Budget", [
    ["Department", "Amount", "Goal"],
    ["Parks", 100, ""],
    ["Police", 200, ""],
  ]);
  fake.addSheet("Other", [["x"]]);
  return fake;
}

describe("writeCells", () => {
  test("writes only the given cells, escaped, in one batch", async () => {
    const fake = workbook();
    const before = fake.syncs;
    await portOver(fake).writeCells([
      { sheet: "Budget", cell: "C2", value: "G1.2" },
      { sheet: "budget", cell: "C3", value: "=G2" },
    ]);
    expect(fake.syncs - before).toBe(2); // check the sheets, then write
    const s = fake.sheet("Budget");
    expect(s.dump()).toEqual([
      ["Department", "Amount", "Goal"],
      ["Parks", 100, "G1.2"],
      ["Police", 200, "=G2"],
    ]);
    expect(s.at("C3").formula).toBeUndefined();
    expect(fake.sheet("Other").dump()).toEqual([["x"]]);
  });

  test("an unknown sheet or a range instead of a cell is refused and nothing is written", async () => {
    const fake = workbook();
    const port = portOver(fake);
    await expect(port.writeCells([{ sheet: "Nope", cell: "C2", value: "G1" }])).rejects.toThrow(
      'There is no sheet named "Nope" in this workbook, so no Goal cells were filled in.'
    );
    await expect(
      port.writeCells([
        { sheet: "Budget", cell: "C2", value: "G1" },
        { sheet: "Budget", cell: "C2:C9", value: "G1" },
      ])
    ).rejects.toThrow("Budget!C2:C9 is not a single cell, so nothing was written.");
    expect(fake.sheet("Budget").at("C2").value).toBe("");
  });
});

describe("selection", () => {
  test("selectCell activates the sheet and selects the cell", async () => {
    const fake = workbook();
    await portOver(fake).selectCell("Other", "B7");
    expect(fake.data.activeSheet?.name).toBe("Other");
    expect(fake.data.selection).toMatchObject({ rect: { row: 6, col: 1, rows: 1, cols: 1 } });
    expect(fake.data.selection?.sheet.name).toBe("Other");
  });

  test("activateSheet shows the sheet; an unknown sheet is a plain error", async () => {
    const fake = workbook();
    const port = portOver(fake);
    await port.activateSheet("Other");
    expect(fake.data.activeSheet?.name).toBe("Other");
    await expect(port.activateSheet("Alignment")).rejects.toThrow(
      'There is no sheet named "Alignment" in this workbook.'
    );
  });

  test("onSelectionChanged reports sheet and 1-based row and column until stopped", async () => {
    const fake = workbook();
    const port = portOver(fake);
    const seen: { sheet: string; row: number; col: number }[] = [];
    const stop = await port.onSelectionChanged((sel) => seen.push(sel));
    await fake.userSelects("Budget", "C3");
    expect(seen).toEqual([{ sheet: "Budget", row: 3, col: 3 }]);
    await stop();
    await fake.userSelects("Budget", "A2");
    expect(seen).toHaveLength(1);
    expect(fake.selectionHandlers.size).toBe(0);
  });
});
