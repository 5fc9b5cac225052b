/** Options, messages and the sheets that are not budgets. */
import { looksLikeBudgetSheet, readBudget } from "../../../src/core/budget/read";
import { isFteHeader } from "../../../src/core/budget/header";
import { planToSheetValues } from "../../../src/core/plan/sheet";
import { samplePlan } from "../../../samples/sample-plan";
import type { CellValue, SheetCells } from "../../../src/core/types";

const budget = (): SheetCells => ({
  name: "Budget",
  values: [
    ["City of Marlow Heights"],
    [
      "Department",
      "Program",
      "FY 2024-25 Actual",
      "FY 2025-26 Adopted",
      "FY 2026-27 Proposed",
      "Notes",
    ],
    ["Parks", "Pools", 100, 110, 120, "summer only"],
    ["Parks", "Trails", 200, 210, 220, ""],
    ["Library", "Branches", 300, 310, 330, ""],
  ],
});

describe("choosing the amount column", () => {
  it("takes the latest proposed column by default", () => {
    const r = readBudget([budget()]);
    expect(r.primaryAmount).toBe("fy 2026-27 proposed");
    expect(r.checkTotal).toBe(670);
  });

  it("uses the column a person names, by header or id, ignoring case and spaces", () => {
    for (const asked of ["FY 2025-26 Adopted", "fy 2025-26 adopted", "FY2025-26ADOPTED"]) {
      const r = readBudget([budget()], { amountColumn: asked });
      expect(r.primaryAmount).toBe("fy 2025-26 adopted");
      expect(r.checkTotal).toBe(630);
      expect(r.lines.map((l) => l.amount)).toEqual([110, 210, 310]);
      expect(r.lines[0].amounts).toEqual({
        "fy 2024-25 actual": 100,
        "fy 2025-26 adopted": 110,
        "fy 2026-27 proposed": 120,
      });
    }
  });

  it("says in one line which columns there are when the named one does not exist", () => {
    const r = readBudget([budget()], { amountColumn: "FY 2030 Dreams" });
    const err = r.issues.filter((i) => i.severity === "error");
    expect(err).toHaveLength(1);
    expect(err[0].code).toBe("budget.amount-column-unknown");
    expect(err[0].message).toBe(
      'There is no amount column "FY 2030 Dreams". The amount columns are: "FY 2024-25 Actual", "FY 2025-26 Adopted", "FY 2026-27 Proposed".'
    );
    expect(err[0].message).not.toContain("\n");
  });

  it("unifies amount columns across sheets by header and takes the primary from each", () => {
    const other: SheetCells = {
      name: "Utilities",
      values: [
        ["Division", "FY 2026-27 proposed", "FY 2025-26  Adopted"],
        ["Water", 1000, 900],
      ],
    };
    const r = readBudget([budget(), other]);
    expect(r.amountColumns.map((c) => c.id)).toEqual([
      "fy 2024-25 actual",
      "fy 2025-26 adopted",
      "fy 2026-27 proposed",
    ]);
    expect(r.checkTotal).toBe(1670);
    expect(r.lines[3]).toMatchObject({
      sheet: "Utilities",
      department: "Utilities",
      division: "Water",
      amount: 1000,
    });
    expect(r.layouts.map((l) => l.checkTotal)).toEqual([670, 1000]);
  });
});

describe("column overrides", () => {
  it("a person's choice wins over inference and is marked as overridden", () => {
    const r = readBudget([budget()], {
      columnOverrides: { Budget: { F: "description", B: "division" } },
    });
    const cols = Object.fromEntries(r.layouts[0].columns.map((c) => [c.letter, c]));
    expect(cols.F).toMatchObject({ role: "description", overridden: true, header: "Notes" });
    expect(cols.B).toMatchObject({ role: "division", overridden: true });
    expect(cols.A.overridden).toBeUndefined();
    expect(r.lines[0]).toMatchObject({
      description: "summer only",
      division: "Pools",
      program: "",
    });
  });

  it("'*' applies to every sheet, and an amount column can be switched off", () => {
    const r = readBudget([budget()], { columnOverrides: { "*": { E: "ignore" } } });
    expect(r.primaryAmount).toBe("fy 2025-26 adopted");
  });
});

describe("problems are named plainly, never thrown", () => {
  it("an empty sheet", () => {
    const r = readBudget([{ name: "Blank", values: [] }]);
    expect(r.issues.map((i) => [i.severity, i.code, i.message])).toEqual([
      ["warning", "budget.empty-sheet", 'The sheet "Blank" is empty.'],
      ["error", "budget.no-lines", 'No budget lines were found on the sheet "Blank".'],
    ]);
  });

  it("a sheet with no header row", () => {
    const r = readBudget([
      {
        name: "Scratch",
        values: [
          ["some", "words"],
          [1, 2],
        ],
      },
    ]);
    expect(r.issues[0]).toMatchObject({ code: "budget.no-header", sheet: "Scratch" });
    expect(r.issues[0].message).toMatch(
      /^Scratch: no header row with an amount column was found in the first 30 rows/
    );
  });

  it("a header with no amount column", () => {
    const r = readBudget([
      {
        name: "Codes",
        values: [
          ["Department", "Program", "Notes"],
          ["Parks", "Pools", "x"],
        ],
      },
    ]);
    expect(r.lines).toEqual([]);
    expect(r.issues.some((i) => i.sheet === "Codes" && i.severity !== "info")).toBe(true);
  });

  it("a sheet of only totals", () => {
    const r = readBudget([
      {
        name: "Totals",
        values: [
          ["Department", "Budget"],
          ["Total Parks", 100],
          ["Total Library", 200],
          ["Grand Total", 300],
        ],
      },
    ]);
    expect(r.lines).toEqual([]);
    expect(r.skippedSubtotals).toBe(3);
    expect(r.issues.find((i) => i.code === "budget.only-totals")?.message).toMatch(
      /^Totals: every row with amounts below the header \(row 1\) is a total/
    );
  });

  it("a mistyped amount names the sheet and cell", () => {
    const sheet = budget();
    sheet.values[4][4] = "12,3,4";
    const r = readBudget([sheet]);
    expect(r.issues).toEqual([
      {
        severity: "warning",
        code: "budget.amount-not-a-number",
        sheet: "Budget",
        cell: "E5",
        message: 'Budget!E5: "12,3,4" is not an amount.',
      },
    ]);
    expect(r.lines[2].amounts["fy 2026-27 proposed"]).toBeNull();
    expect(r.lines[2].amount).toBe(0);
  });

  it("a flood of bad cells is summed up rather than listed one by one", () => {
    const values: CellValue[][] = [["Program", "Budget"]];
    for (let i = 0; i < 100; i++) values.push([`P${i}`, "#REF!"]);
    const r = readBudget([{ name: "B", values }]);
    expect(r.issues).toHaveLength(21);
    expect(r.issues[20].message).toBe("B: 80 more cells like the ones above.");
  });

  it("a labelled total that does not add up is a warning naming the row", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [
          ["Program", "Budget"],
          ["Pools", 100],
          ["Trails", 200],
          ["Total Parks", 310],
        ],
      },
    ]);
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: "budget.total-mismatch",
        cell: "B4",
        message:
          'Budget!B4: the total "Total Parks" is $310, but the 2 lines it closes add up to $300 (a difference of $10).',
      }),
    ]);
    expect(r.layouts[0].skippedTotal).toBe(310);
  });
});

describe("which sheets look like budgets", () => {
  it("not the Strategic Plan sheet, nor a notes sheet", () => {
    expect(
      looksLikeBudgetSheet({ name: "Strategic Plan", values: planToSheetValues(samplePlan) })
    ).toBe(false);
    const notes: SheetCells = {
      name: "Notes",
      values: [
        ["About this workbook"],
        ["The amounts are the proposed budget for FY 2026-27."],
        ["Budget: see the Budget tab."],
      ],
    };
    expect(looksLikeBudgetSheet(notes)).toBe(false);
    expect(looksLikeBudgetSheet({ name: "Empty", values: [] })).toBe(false);
    expect(looksLikeBudgetSheet(budget())).toBe(true);
  });

  it("not a header with nothing below it", () => {
    expect(
      looksLikeBudgetSheet({
        name: "Template",
        values: [["Department", "Program", "FY 2026 Budget"]],
      })
    ).toBe(false);
  });
});

describe("stable keys", () => {
  it("survive re-sorting and inserted rows, and number duplicates in order", () => {
    const rows: CellValue[][] = [
      ["Parks", "Pools", 1, 1, 1, ""],
      ["Parks", "Pools", 2, 2, 2, ""],
      ["Library", "Branches", 3, 3, 3, ""],
    ];
    const head = budget().values.slice(0, 2);
    const a = readBudget([{ name: "Budget", values: [...head, ...rows] }]);
    const b = readBudget([
      {
        name: "Budget",
        values: [...head, ["Clerk", "Elections", 9, 9, 9, ""], rows[2], rows[0], rows[1]],
      },
    ]);
    expect(a.lines.map((l) => l.key)).toEqual([
      "parks||pools||||",
      "parks||pools||||#2",
      "library||branches||||",
    ]);
    const byAmount = (r: typeof a) => Object.fromEntries(r.lines.map((l) => [l.amount, l.key]));
    expect(byAmount(b)[3]).toBe(byAmount(a)[3]);
    expect(byAmount(b)[1]).toBe(byAmount(a)[1]);
    expect(byAmount(b)[2]).toBe(byAmount(a)[2]);
  });
});

describe("the department of a one-department sheet", () => {
  it("comes from a title row when the sheet's name says nothing", () => {
    const values: CellValue[][] = [
      ["City of Marlow Heights"],
      ["Fire Department"],
      ["FY 2026-27 Proposed Budget"],
      [],
      ["Program", "Proposed"],
      ["Suppression", 100],
    ];
    expect(readBudget([{ name: "Sheet1", values }]).lines[0].department).toBe("Fire Department");
    expect(readBudget([{ name: "Fire", values }]).lines[0].department).toBe("Fire");
  });

  it("a TRUE in an amount cell is reported, not counted", () => {
    const r = readBudget([
      {
        name: "B",
        values: [
          ["Program", "Budget"],
          ["Pools", true],
          ["Trails", 5],
        ],
      },
    ]);
    expect(r.issues.map((i) => i.message)).toEqual(['B!B2: "TRUE" is not an amount.']);
    expect(r.checkTotal).toBe(5);
  });
});

describe("messages name the cell first, as Sheet!Cell", () => {
  it("a total that does not match names its amount cell and shows cents as money", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [
          ["Department", "Program", "FY 2026-27 Proposed"],
          ["Fire", "Suppression", "$1,234.50"],
          ["Total Police", "", 99],
        ],
      },
    ]);
    const issue = r.issues.find((i) => i.code === "budget.total-mismatch");
    expect(issue).toMatchObject({
      sheet: "Budget",
      cell: "C3",
      message:
        'Budget!C3: the total "Total Police" is $99.00, but the 1 line it closes adds up to $1,234.50 (a difference of -$1,135.50).',
    });
    expect(issue?.message).not.toMatch(/\$[\d,]+\.\d(?!\d)/);
  });

  it("names the column whose total is off when several amount columns are checked", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [
          ["Program", "FY 2025-26 Adopted", "FY 2026-27 Proposed"],
          ["Pools", 100, 100.25],
          ["Trails", 200, 200],
          ["Total Parks", 300, 310],
        ],
      },
    ]);
    const issue = r.issues.find((i) => i.code === "budget.total-mismatch");
    expect(issue?.cell).toBe("C4");
    expect(issue?.message).toBe(
      'Budget!C4: the total "Total Parks" is $310.00, but the 2 lines it closes add up to $300.25 (a difference of $9.75).'
    );
  });

  it("quotes a sheet name with spaces or punctuation as Excel does", () => {
    const r = readBudget([
      {
        name: "FY 26 Budget",
        values: [
          ["Department", "Program", "FY 2026-27 Proposed"],
          ["Parks", "Pools", "12,3,4"],
          ["Parks", "Trails", "#REF!"],
          ["Parks", "Lights", 7],
          ["Parks", "Grounds", 5],
          ["Total Parks", "", 99],
        ],
      },
    ]);
    const messages = r.issues.filter((i) => i.cell).map((i) => i.message);
    expect(messages).toEqual([
      "'FY 26 Budget'!C2: \"12,3,4\" is not an amount.",
      "'FY 26 Budget'!C3: the cell shows the Excel error #REF!, so this \"FY 2026-27 Proposed\" amount is left out. Fix the formula behind it.",
      "'FY 26 Budget'!C6: the total \"Total Parks\" is $99, but the 4 lines it closes add up to $12 (a difference of $87).",
    ]);
    for (const i of r.issues.filter((x) => x.cell))
      expect(i.message.startsWith(`'FY 26 Budget'!${i.cell}: `)).toBe(true);
  });
});

describe("staff positions (FTE)", () => {
  const sheet = (header: string, values: CellValue[]) => ({
    name: "Budget",
    startRow: 0,
    startCol: 0,
    values: [
      ["Department", "Program", header, "FY 2026-27 Proposed"],
      ...values.map((v, i) => ["Parks", `Program ${i + 1}`, v, 1000 * (i + 1)]),
    ],
  });

  it("an FTE column gives each line its positions, never money", () => {
    const read = readBudget([sheet("FTE", [2.5, "1.0", "", 3])]);
    expect(read.layouts[0].columns.find((c) => c.letter === "C")?.role).toBe("fte");
    expect(read.lines.map((l) => l.fte)).toEqual([2.5, 1, undefined, 3]);
    expect(read.amountColumns.map((c) => c.header)).toEqual(["FY 2026-27 Proposed"]);
    expect(read.checkTotal).toBe(10000);
  });

  it("is found by its usual headers, and a position code or title is not a count", () => {
    for (const h of ["FTEs", "Positions", "FY 2026-27 FTE", "Full-time equivalents", "Headcount"])
      expect([h, isFteHeader(h)]).toEqual([h, true]);
    for (const h of ["Position code", "Position title", "Program", "Amount"])
      expect([h, isFteHeader(h)]).toEqual([h, false]);
  });
});
