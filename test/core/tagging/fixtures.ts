import { readPlanJson } from "../../../src/core/plan/json";
import type { BudgetLine, Plan } from "../../../src/core/types";

/** A small plan: a priority with goals, one with a goal and a subgoal, and one with no goals at all. */
export const PLAN: Plan = {
  name: "Test City Strategic Plan",
  adopted: "2025-03-01",
  fiscalYearStart: "07-01",
  horizonYears: 5,
  priorities: [
    {
      id: "P1",
      title: "Safe City",
      goals: [
        {
          id: "G1.1",
          title: "Reduce crime",
          description: "Police patrols and investigations that prevent crime",
        },
        {
          id: "G1.2",
          title: "Faster emergency response",
          description: "Fire and emergency medical response times",
        },
      ],
    },
    {
      id: "P2",
      title: "Housing for all",
      goals: [
        {
          id: "G2.1",
          title: "Reduce homelessness",
          subgoals: [
            {
              id: "G2.1.1",
              title: "Expand shelter beds",
              description: "Emergency shelter for homeless residents",
            },
          ],
        },
      ],
    },
    {
      id: "P3",
      title: "Well run government",
      description: "Sound finance, payroll, technology and human resources",
      goals: [],
    },
  ],
};

let row = 10;

/** A budget line with blanks for whatever the test does not set. */
export function line(fields: Partial<BudgetLine>): BudgetLine {
  row++;
  const l: BudgetLine = {
    key: `k${row}`,
    sheet: "Budget",
    row,
    department: "",
    division: "",
    program: "",
    fund: "",
    account: "",
    accountName: "",
    description: "",
    amounts: {},
    amount: 1000,
    ...fields,
  };
  return l;
}

/** A plan of these priorities, read as plan JSON is (with a fixed name, adoption date and horizon). */
export const planOf = (priorities: unknown[]): Plan =>
  readPlanJson({
    name: "Test",
    adopted: "2026-01-01",
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities,
  }).plan as Plan;

/** A one-line program of $100 in a department: the line the function tests tag. */
export const programLine = (department: string, program: string, i = 1): BudgetLine => ({
  key: `k${i}`,
  sheet: "Budget",
  row: i + 1,
  department,
  division: "",
  program,
  fund: "",
  account: "",
  accountName: "",
  description: "",
  amounts: { adopted: 100 },
  amount: 100,
});
