/**
 * Small, invented workbooks for the reliability tests: one strategic plan sheet and one budget sheet with a Goal
 * column. Nothing here comes from a real city.
 */
import type { CellValue } from "../../src/core/types";
import type { Sheet } from "./memory-port";

export const PLAN_HEADER = [
  "Level",
  "ID",
  "Parent ID",
  "Title",
  "Description",
  "Keywords",
  "Owner",
  "Start",
  "Due",
  "Measure",
  "Target",
  "Status",
];

export interface PlanNodeRow {
  level: "Priority" | "Goal" | "Subgoal" | "Action";
  id: string;
  parent: string;
  title: string;
  description?: string;
  keywords?: string;
  owner?: string;
  due?: string;
  measure?: string;
  target?: string;
}

export const STANDARD_PLAN: PlanNodeRow[] = [
  {
    level: "Priority",
    id: "P1",
    parent: "",
    title: "Safe Community",
    keywords: "public safety; police; fire; emergency",
  },
  {
    level: "Goal",
    id: "G1.1",
    parent: "P1",
    title: "Reduce emergency response times",
    keywords: "fire, ambulance, dispatch, response",
  },
  {
    level: "Goal",
    id: "G1.2",
    parent: "P1",
    title: "Prevent crime in neighborhoods",
    keywords: "police, patrol, crime prevention",
  },
  {
    level: "Priority",
    id: "P2",
    parent: "",
    title: "Vibrant Places",
    keywords: "parks; library; recreation",
  },
  {
    level: "Goal",
    id: "G2.1",
    parent: "P2",
    title: "Maintain parks and trails",
    keywords: "parks, trails, maintenance, grounds",
  },
  {
    level: "Goal",
    id: "G2.2",
    parent: "P2",
    title: "Expand library access",
    keywords: "library, books, literacy",
  },
  {
    level: "Action",
    id: "A2.2.1",
    parent: "G2.2",
    title: "Open Sunday hours",
    owner: "Library",
    due: "2027-06-30",
    measure: "Weekly open hours",
    target: "60",
  },
];

export function planSheet(nodes: PlanNodeRow[] = STANDARD_PLAN, name = "Strategic Plan"): Sheet {
  const values: CellValue[][] = [
    ["Plan name", "Test City Strategic Plan"],
    ["Adopted", "2026-03-15"],
    ["Fiscal year starts", "07-01"],
    ["Horizon (years)", 5],
    [],
    PLAN_HEADER,
    ...nodes.map((n) => [
      n.level,
      n.id,
      n.parent,
      n.title,
      n.description ?? "",
      n.keywords ?? "",
      n.owner ?? "",
      "",
      n.due ?? "",
      n.measure ?? "",
      n.target ?? "",
      "",
    ]),
  ];
  return { name, values };
}

export const BUDGET_HEADER = [
  "Department",
  "Program",
  "Account",
  "Description",
  "FY 2026-27 Proposed",
  "Goal",
];

/** [department, program, account, description, amount, goal] */
export type Line = [string, string, string, string, CellValue, string?];

export const STANDARD_LINES: Line[] = [
  ["Fire", "Suppression", "5110", "Firefighter salaries", 1200000],
  ["Fire", "Suppression", "5220", "Fire engine fuel", 85000],
  ["Fire", "EMS", "5110", "Paramedic salaries", 640000],
  ["Police", "Patrol", "5110", "Patrol officer salaries", 1500000],
  ["Police", "Patrol", "5310", "Patrol vehicles", 210000],
  ["Police", "Investigations", "5110", "Detective salaries", 430000],
  ["Parks", "Grounds", "5110", "Groundskeeper wages", 310000],
  ["Parks", "Trails", "5410", "Trail resurfacing", 95000],
  ["Library", "Branches", "5110", "Librarian salaries", 520000],
  ["Library", "Collections", "5510", "Books and e-books", 120000],
  ["Finance", "Accounting", "5110", "Accountant salaries", 260000],
  ["Finance", "Treasury", "5620", "Bank fees", 18000],
];

export function budgetSheet(lines: Line[] = STANDARD_LINES, name = "Budget", title = true): Sheet {
  const values: CellValue[][] = [
    ...(title ? [["City of Test — Proposed Budget FY 2026-27"], []] : []),
    BUDGET_HEADER,
    ...lines.map((l) => [l[0], l[1], l[2], l[3], l[4], l[5] ?? ""]),
  ];
  return { name, values };
}

/** The 1-based worksheet row of line i in budgetSheet(…, title). */
export const lineRow = (i: number, title = true): number => i + (title ? 4 : 2);

export const standardBook = (): Sheet[] => [budgetSheet(), planSheet()];
