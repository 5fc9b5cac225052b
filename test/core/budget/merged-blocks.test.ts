/**
 * A department (division, program, fund) merged down a block: Excel gives only the first cell of a merged area,
 * the others read as blank. Every line of the block is named; a line that starts something new is not.
 */
import { readBudget } from "../../../src/core/budget/read";
import type { CellValue } from "../../../src/core/types";

const H = ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed"];
const read = (values: CellValue[][]) =>
  readBudget([{ name: "Budget", values }]).lines.map((l) => [l.department, l.program]);

describe("a value merged down a block", () => {
  it("names every line of the block, department and program alike", () => {
    expect(
      read([
        H,
        ["Fire", "Suppression", "5110", "Firefighter salaries", 1200000],
        ["", "EMS", "5110", "Paramedic salaries", 640000],
        ["", "", "5220", "Fuel", 85000],
        ["Police", "Patrol", "5110", "Patrol officer salaries", 1500000],
      ])
    ).toEqual([
      ["Fire", "Suppression"],
      ["Fire", "EMS"],
      ["Fire", "EMS"],
      ["Police", "Patrol"],
    ]);
  });

  it("a new department does not inherit the program of the one above", () => {
    expect(
      read([
        H,
        ["Fire", "Suppression", "5110", "Firefighter salaries", 1200000],
        ["", "", "5220", "Fuel", 85000],
        ["Police", "", "5110", "Chief's office", 300000],
        ["", "Patrol", "5110", "Patrol officer salaries", 1500000],
      ])
    ).toEqual([
      ["Fire", "Suppression"],
      ["Fire", "Suppression"],
      ["Police", ""],
      ["Police", "Patrol"],
    ]);
  });

  it("stops at a total row, a heading or a blank row", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [
          H,
          ["Fire", "Suppression", "5110", "Firefighter salaries", 100],
          ["", "EMS", "5110", "Paramedic salaries", 200],
          ["Total Fire", "", "", "", 300],
          ["", "Grants", "5110", "Outside grants", 50],
          ["Parks", "Pools", "5110", "Lifeguards", 70],
          ["", "Trails", "5110", "Rangers", 80],
          [],
          ["", "Debt service", "7100", "Bond payments", 90],
          ["Library", "Branches", "5110", "Librarians", 60],
          ["Facilities"],
          ["", "Custodial", "5110", "Custodians", 40],
        ],
      },
    ]);
    expect(r.lines.map((l) => [l.department, l.program])).toEqual([
      ["Fire", "Suppression"],
      ["Fire", "EMS"],
      ["", "Grants"],
      ["Parks", "Pools"],
      ["Parks", "Trails"],
      ["", "Debt service"],
      ["Library", "Branches"],
      ["", "Custodial"],
    ]);
    expect(r.checkTotal).toBe(690);
    expect(r.skippedSubtotals).toBe(1);
  });

  it("a flat export that repeats its department on every line keeps a blank department blank", () => {
    expect(
      read([
        H,
        ["Animal Services", "Animal Control", "5110", "Officers", 100],
        ["Animal Services", "Shelter", "5110", "Kennel staff", 200],
        ["", "License Processing", "5110", "Realigned", 0.5],
        ["Animal Services", "Medical", "5110", "Veterinarians", 300],
        ["Library", "Branches", "5110", "Librarians", 400],
        ["Library", "Central", "5110", "Librarians", 500],
        ["", "Technology", "5110", "Realigned", 0.5],
        ["Library", "Archives", "5110", "Archivists", 600],
      ])
    ).toEqual([
      ["Animal Services", "Animal Control"],
      ["Animal Services", "Shelter"],
      ["", "License Processing"],
      ["Animal Services", "Medical"],
      ["Library", "Branches"],
      ["Library", "Central"],
      ["", "Technology"],
      ["Library", "Archives"],
    ]);
  });

  it("carried names make a labelled total of the block add up by name, and give each line its own key", () => {
    const r = readBudget([
      {
        name: "Budget",
        values: [
          H,
          ["Fire", "Suppression", "5110", "Salaries", 100],
          ["", "", "5220", "Fuel", 20],
          ["Police", "Patrol", "5110", "Salaries", 300],
          ["", "", "5220", "Fuel", 40],
          ["Total Police", "", "", "", 340],
        ],
      },
    ]);
    expect(r.lines.map((l) => `${l.department}/${l.program}/${l.account}`)).toEqual([
      "Fire/Suppression/5110",
      "Fire/Suppression/5220",
      "Police/Patrol/5110",
      "Police/Patrol/5220",
    ]);
    expect(r.issues).toEqual([]);
    expect(new Set(r.lines.map((l) => l.key)).size).toBe(4);
  });
});
