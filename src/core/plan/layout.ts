/**
 * The `Strategic Plan` sheet's columns and how messages name a cell in it.
 */
import type { SourceRef } from "../types";
import { columnLetter } from "../a1";

export { columnLetter };

export type PlanField =
  | "id"
  | "parent"
  | "level"
  | "title"
  | "description"
  | "keywords"
  | "owner"
  | "start"
  | "due"
  | "measure"
  | "target"
  | "status"
  | "covers";

/** The columns of the plan table in the order the template and planToSheetValues write them. */
export const PLAN_COLUMNS: { field: PlanField; header: string; width: number }[] = [
  { field: "id", header: "ID", width: 10 },
  { field: "parent", header: "Parent ID", width: 10 },
  { field: "level", header: "Level", width: 10 },
  { field: "title", header: "Title", width: 40 },
  { field: "description", header: "Description", width: 40 },
  { field: "keywords", header: "Keywords", width: 28 },
  { field: "owner", header: "Owner", width: 20 },
  { field: "start", header: "Start", width: 12 },
  { field: "due", header: "Due", width: 12 },
  { field: "measure", header: "Measure", width: 30 },
  { field: "target", header: "Target", width: 20 },
  { field: "status", header: "Status", width: 13 },
  { field: "covers", header: "Covers", width: 30 },
];

/** What the Level column may say, as written in the template's list. */
export const LEVEL_NAMES = ["Priority", "Goal", "Subgoal", "Action"] as const;

/** Status values an action may carry. */
export const STATUS_VALUES = [
  "Not started",
  "In progress",
  "Complete",
  "Delayed",
  "Cancelled",
] as const;

/** Labels of the plan fields that sit above the table. */
export const PLAN_FIELD_LABELS = {
  name: "Plan name",
  adopted: "Adopted",
  fiscalYearStart: "Fiscal year starts",
  horizonYears: "Horizon (years)",
} as const;

/** Where a node came from in a sheet, with the letter of each column the reader found. */
export interface PlanSourceRef extends SourceRef {
  columns?: Partial<Record<PlanField, string>>;
}

/** A sheet name as Excel writes it in a reference: quoted when it holds anything but letters, digits, _ and . */
export function sheetRef(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** The letter of a field's column for a node read from a sheet (the template's layout when not recorded). */
export function fieldLetter(source: PlanSourceRef, field: PlanField): string {
  const known = source.columns?.[field];
  if (known) return known;
  const i = PLAN_COLUMNS.findIndex((c) => c.field === field);
  return columnLetter(i);
}
