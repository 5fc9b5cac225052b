/** Headers of two and three rows read as one header, and a column of goal IDs read as the Goal column. */
import { isGoalIdText } from "../../../src/core/budget/header";
import { readBudget } from "../../../src/core/budget/read";
import type { CellValue } from "../../../src/core/types";

const LINES: CellValue[][] = [
  ["Fire", "Suppression", "Firefighter salaries", 1150000, 1200000, ""],
  ["Police", "Patrol", "Patrol officer salaries", 1480000, 1500000, ""],
  ["Parks", "Trails", "Trail resurfacing", 90000, 95000, "G4.2"],
  ["Library", "Branches", "Librarian salaries", 500000, 520000, "G2.2; G1.1"],
];

function read(header: CellValue[][]) {
  const r = readBudget([{ name: "Budget", values: [...header, ...LINES] }]);
  const layout = r.layouts[0];
  return {
    errors: r.issues.filter((i) => i.severity === "error").map((i) => i.message),
    columns: layout.columns
      .filter((c) => c.role !== "ignore")
      .map((c) => `${c.letter} ${c.role} ${c.header}`),
    tags: r.lines.map((l) => l.tagText ?? ""),
    total: r.checkTotal,
  };
}

test('"FY 2026-27" spanning over "Proposed" and the Goal column: the Goal column stays the Goal column', () => {
  expect(
    read([
      ["", "", "", "FY 2025-26", "FY 2026-27", ""],
      ["Department", "Program", "Description", "Adopted", "Proposed", "Goal"],
    ])
  ).toEqual({
    errors: [],
    columns: [
      "A department Department",
      "B program Program",
      "C description Description",
      "D amount FY 2025-26 Adopted",
      "E amount FY 2026-27 Proposed",
      "F tag Goal",
    ],
    tags: ["", "", "G4.2", "G2.2; G1.1"],
    total: 3315000,
  });
});

test("a three-row header is one header: the fiscal year, the kind and the word under them", () => {
  expect(
    read([
      ["", "", "", "FY 2025-26", "FY 2026-27", "Strategic"],
      ["", "", "", "Adopted", "Proposed", "Plan"],
      ["Department", "Program", "Description", "Budget", "Budget", "Goal ID"],
    ])
  ).toEqual({
    errors: [],
    columns: [
      "A department Department",
      "B program Program",
      "C description Description",
      "D amount FY 2025-26 Adopted Budget",
      "E amount FY 2026-27 Proposed Budget",
      "F tag Goal ID",
    ],
    tags: ["", "", "G4.2", "G2.2; G1.1"],
    total: 3315000,
  });
});

test("a column of goal IDs under a header that says nothing of goals is the Goal column, never an amount", () => {
  expect(
    read([
      ["", "", "", "FY 2025-26", "FY 2026-27", ""],
      ["Department", "Program", "Description", "Adopted", "Proposed", "FY 2026-27 Alignment"],
    ])
  ).toMatchObject({
    errors: [],
    columns: expect.arrayContaining(["F tag FY 2026-27 Alignment"]),
    tags: ["", "", "G4.2", "G2.2; G1.1"],
    total: 3315000,
  });
});

test.each([
  ["G4.2", true],
  ["G1.1; G3.2", true],
  ["SG1.2.3", true],
  ["G3", true],
  ["5110", false],
  ["A12", false],
  ["Fund 100", false],
  ["4.2", false],
  ["FY26", false],
])("%j is a goal ID cell: %s", (text, yes) => {
  expect(isGoalIdText(text)).toBe(yes);
});
