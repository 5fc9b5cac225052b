/**
 * The reader on real city budgets (../shared/data, when present): every data row is a line, with the right total.
 * Skips with a message when the data is not on this machine.
 */
import * as fs from "fs";
import * as path from "path";
import { readBudget } from "../../../src/core/budget/read";
import { csvToCells } from "./csv";

const DATA = path.resolve(__dirname, "../../../../shared/data");
const present = fs.existsSync(DATA);
const describeData = present ? describe : describe.skip;
if (!present) {
  console.warn(`Real-data budget tests skipped: ${DATA} is not on this machine.`);
}

interface Case {
  file: string;
  /** Header of the column the reader should take as the primary amount. */
  primary: string;
  roles: Record<string, string>;
}

const CASES: Case[] = [
  {
    file: "los_angeles/la_fy2017-18_programs_priority_outcome.csv",
    primary: "fy2017_18_adopted",
    roles: { department: "department", program: "program_name", description: "description" },
  },
  {
    file: "portland/portland_functional_areas_by_service_area.csv",
    primary: "fy2015_16_total",
    roles: { program: "Program Name", department: "Service Area Name" },
  },
  {
    file: "boston/boston_programs_fy18_fy19_adopted.csv",
    primary: "fy_plus1_budget",
    roles: { department: "department", program: "program", description: "description" },
  },
  {
    file: "oakland/oakland_adopted_expense_FY22-23_lineitems.csv",
    primary: "amount",
    roles: {
      fund: "fund_description",
      department: "department",
      division: "org_description",
      accountName: "account_description",
    },
  },
];

describeData("real city budgets from ../shared/data", () => {
  for (const c of CASES) {
    it(`reads every row of ${c.file} as a line`, () => {
      const values = csvToCells(fs.readFileSync(path.join(DATA, c.file), "utf8"));
      const header = values[0].map(String);
      const dataRows = values.slice(1).filter((r) => r.some((v) => v !== ""));
      const result = readBudget([{ name: path.basename(c.file, ".csv"), values }]);
      const primary = result.amountColumns.find((a) => a.id === result.primaryAmount)!;
      const col = header.indexOf(c.primary);
      const expected = dataRows.reduce(
        (s, r) => s + (typeof r[col] === "number" ? (r[col] as number) : 0),
        0
      );
      console.log(
        `${c.file}: ${result.lines.length} lines of ${dataRows.length} rows; "${primary.header}" total ${result.checkTotal} (expected ${Math.round(expected * 100) / 100}); ${result.issues.length} issues`
      );
      expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(primary.header).toBe(c.primary);
      expect(result.lines).toHaveLength(dataRows.length);
      expect(result.skippedSubtotals).toBe(0);
      expect(result.checkTotal).toBeCloseTo(expected, 2);
      const roles = Object.fromEntries(
        result.layouts[0].columns
          .filter((d) => d.role !== "ignore" && d.role !== "amount")
          .map((d) => [d.role, d.header])
      );
      expect(roles).toMatchObject(c.roles);
      expect(new Set(result.lines.map((l) => l.key)).size).toBe(result.lines.length);
    });
  }
});
