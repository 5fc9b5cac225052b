/**
 * The basic program attributes of priority-based budgeting, each on the standard 0–4 scale, and the attributes
 * the budget itself tells: cost recovery where the budget has a fee or revenue column, reliance on the city where
 * one department is the only provider of a program's main function. Anything else is left blank for an analyst
 * to choose, and a blank attribute is left out of the score (it adds nothing; it is never scored as a 0 choice).
 * Pure: plain data in, plain data out.
 */
import type { AmountColumnSpec, ProgramAttribute } from "../types";

export interface AttributeScale {
  id: ProgramAttribute;
  header: string;
  /** The choices, each with its points on the 0–4 scale. */
  list: readonly string[];
  points: readonly number[];
  prompt: string;
}

/** The basic program attributes, with the dropdown each offers and the points of each choice. */
export const ATTRIBUTES: readonly AttributeScale[] = [
  {
    id: "mandated",
    header: "Mandated",
    list: ["Federal or state law", "City charter", "City ordinance", "Not mandated"],
    points: [4, 3, 2, 0],
    prompt: "Must the city provide this program, and by what?",
  },
  {
    id: "reliance",
    header: "Reliance on the city",
    list: [
      "Sole provider",
      "Few other providers",
      "Several other providers",
      "Many other providers",
    ],
    points: [4, 3, 2, 1],
    prompt: "Could residents get this service from anyone else?",
  },
  {
    id: "costRecovery",
    header: "Cost recovery",
    list: ["None", "1–25%", "26–50%", "51–75%", "76–100%", "Over 100%"],
    points: [0, 1, 2, 3, 4, 4],
    prompt: "The share of the program's cost its fees and charges cover.",
  },
  {
    id: "demand",
    header: "Change in demand",
    list: ["Large increase", "Some increase", "No change", "Some decrease", "Large decrease"],
    points: [4, 3, 2, 1, 0],
    prompt: "How demand for the program is changing.",
  },
  {
    id: "served",
    header: "Portion served",
    list: ["Entire community", "Most residents", "Some residents", "Few residents"],
    points: [4, 3, 2, 1],
    prompt: "How much of the community the program serves.",
  },
];

/** The default weight of an attribute in the total score (results weigh 1 each). */
export const DEFAULT_ATTRIBUTE_WEIGHT = 0.5;

/** The points of a chosen attribute on its 0–4 scale; null for a blank or a choice not on the list. */
export function attributePoints(a: AttributeScale, value: string | undefined): number | null {
  if (!value) return null;
  const i = a.list.indexOf(value);
  return i >= 0 ? a.points[i] : null;
}

/** An amount column that holds fees, charges or program revenue (its total over the cost is cost recovery). */
export function isRevenueColumn(c: AmountColumnSpec): boolean {
  return /\b(revenues?|fees?|charges?|offsets?|cost recovery|receipts|user fees)\b/i.test(c.header);
}

/** The cost recovery choice for revenue / cost (both cents; cost > 0). */
export function costRecoveryChoice(revenue: number, cost: number): string {
  const r = revenue / cost;
  if (!(r > 0)) return "None";
  if (r <= 0.25) return "1–25%";
  if (r <= 0.5) return "26–50%";
  if (r <= 0.75) return "51–75%";
  if (r <= 1) return "76–100%";
  return "Over 100%";
}

export interface AttributeInput {
  department: string;
  /** Primary amount, cents. */
  cents: number;
  /** The fee or revenue column's total, cents; null when the budget has no such column. */
  revenueCents: number | null;
  /** The revenue column's header (for the evidence). */
  revenueHeader?: string;
  /** The program's main function (the function layer's index), if its texts name one. */
  mainFunction: number | undefined;
}

export interface SuggestedAttribute {
  value: string;
  evidence: string;
}

/**
 * Attributes the budget tells, per program: cost recovery from a fee or revenue column (the column's total over
 * the program's cost); "Sole provider" where every program whose main function is the same is in one department.
 */
export function suggestAttributes(
  programs: readonly AttributeInput[],
  labels: readonly string[]
): Partial<Record<ProgramAttribute, SuggestedAttribute>>[] {
  const departmentsOf = new Map<number, Set<string>>();
  for (const p of programs) {
    if (p.mainFunction === undefined) continue;
    let set = departmentsOf.get(p.mainFunction);
    if (!set) departmentsOf.set(p.mainFunction, (set = new Set()));
    set.add(p.department.toLowerCase());
  }
  return programs.map((p) => {
    const out: Partial<Record<ProgramAttribute, SuggestedAttribute>> = {};
    if (p.revenueCents !== null && p.cents > 0) {
      const value = costRecoveryChoice(p.revenueCents, p.cents);
      out.costRecovery = {
        value,
        evidence: `Cost recovery ${value}: ${p.revenueHeader ?? "revenue"} ${Math.round((p.revenueCents / p.cents) * 100)}% of cost.`,
      };
    }
    if (p.mainFunction !== undefined && departmentsOf.get(p.mainFunction)?.size === 1)
      out.reliance = {
        value: "Sole provider",
        evidence: `Reliance Sole provider: no other department provides ${labels[p.mainFunction]}.`,
      };
    return out;
  });
}
