/**
 * Deterministic generator of realistic municipal budgets for the benchmark.
 *
 * Everything here is generic municipal vocabulary written for the benchmark (no real city's names).
 * The same seed and size always give the same cells, so figures from two runs are comparable.
 */
import type { CellValue, Plan, SheetCells } from "../src/core/types";

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DeptSpec {
  name: string;
  divisions: { name: string; programs: string[] }[];
}

export const DEPARTMENTS: DeptSpec[] = [
  {
    name: "Police",
    divisions: [
      {
        name: "Patrol Operations",
        programs: ["Neighborhood Patrol", "Traffic Enforcement", "Community Policing"],
      },
      { name: "Investigations", programs: ["Criminal Investigations", "Forensic Services"] },
      { name: "Support Services", programs: ["Emergency Communications", "Records Management"] },
    ],
  },
  {
    name: "Fire",
    divisions: [
      { name: "Suppression", programs: ["Fire Suppression", "Emergency Medical Services"] },
      { name: "Prevention", programs: ["Fire Inspections", "Wildfire Risk Reduction"] },
    ],
  },
  {
    name: "Public Works",
    divisions: [
      {
        name: "Streets",
        programs: ["Street Maintenance", "Pavement Preservation", "Sidewalk Repair"],
      },
      { name: "Fleet", programs: ["Fleet Maintenance", "Fleet Electrification"] },
      { name: "Facilities", programs: ["Building Maintenance", "Energy Efficiency Retrofits"] },
    ],
  },
  {
    name: "Water Utility",
    divisions: [
      {
        name: "Water Supply",
        programs: ["Water Treatment", "Water Distribution", "Water Conservation"],
      },
      { name: "Wastewater", programs: ["Wastewater Treatment", "Sewer Collection"] },
      { name: "Stormwater", programs: ["Stormwater Management", "Green Infrastructure"] },
    ],
  },
  {
    name: "Parks and Recreation",
    divisions: [
      { name: "Parks", programs: ["Park Maintenance", "Urban Forestry", "Trails and Open Space"] },
      { name: "Recreation", programs: ["Youth Programs", "Senior Programs", "Aquatics"] },
    ],
  },
  {
    name: "Library",
    divisions: [
      {
        name: "Branch Services",
        programs: ["Branch Operations", "Early Literacy", "Digital Inclusion"],
      },
    ],
  },
  {
    name: "Housing and Community Development",
    divisions: [
      {
        name: "Housing",
        programs: ["Affordable Housing Development", "Homelessness Services", "Rental Assistance"],
      },
      {
        name: "Community Development",
        programs: ["Neighborhood Revitalization", "Code Enforcement"],
      },
    ],
  },
  {
    name: "Planning and Development",
    divisions: [
      { name: "Planning", programs: ["Long Range Planning", "Current Planning"] },
      { name: "Building", programs: ["Building Permits", "Plan Review"] },
    ],
  },
  {
    name: "Transportation",
    divisions: [
      { name: "Transit", programs: ["Transit Operations", "Bus Stop Improvements"] },
      {
        name: "Traffic",
        programs: ["Traffic Signals", "Bicycle and Pedestrian Safety", "Parking Services"],
      },
    ],
  },
  {
    name: "Economic Development",
    divisions: [
      {
        name: "Business Services",
        programs: ["Small Business Support", "Workforce Development", "Tourism Promotion"],
      },
    ],
  },
  {
    name: "Health and Human Services",
    divisions: [
      {
        name: "Public Health",
        programs: ["Disease Prevention", "Mental Health Services", "Substance Use Treatment"],
      },
      { name: "Human Services", programs: ["Food Assistance", "Family Support Services"] },
    ],
  },
  {
    name: "Environmental Services",
    divisions: [
      { name: "Solid Waste", programs: ["Refuse Collection", "Recycling and Composting"] },
      { name: "Sustainability", programs: ["Climate Action", "Air Quality Monitoring"] },
    ],
  },
  {
    name: "Finance",
    divisions: [
      { name: "Accounting", programs: ["General Accounting", "Payroll", "Accounts Payable"] },
      { name: "Treasury", programs: ["Revenue Collection", "Debt Management"] },
      { name: "Budget Office", programs: ["Budget Development", "Performance Management"] },
    ],
  },
  {
    name: "Information Technology",
    divisions: [
      { name: "Infrastructure", programs: ["Network Operations", "Cybersecurity"] },
      { name: "Applications", programs: ["Enterprise Systems", "Open Data"] },
    ],
  },
  {
    name: "Human Resources",
    divisions: [
      { name: "Talent", programs: ["Recruitment", "Training and Development"] },
      { name: "Benefits", programs: ["Employee Benefits", "Workers Compensation"] },
    ],
  },
  {
    name: "City Clerk",
    divisions: [
      {
        name: "Elections and Records",
        programs: ["Elections Administration", "Public Records Requests"],
      },
    ],
  },
  {
    name: "City Attorney",
    divisions: [{ name: "Legal Services", programs: ["Civil Litigation", "Legal Advice"] }],
  },
  {
    name: "Emergency Management",
    divisions: [
      { name: "Preparedness", programs: ["Disaster Preparedness", "Emergency Operations Center"] },
    ],
  },
  {
    name: "Arts and Culture",
    divisions: [
      { name: "Cultural Affairs", programs: ["Public Art", "Cultural Grants", "Community Events"] },
    ],
  },
  {
    name: "Airport",
    divisions: [
      { name: "Airport Operations", programs: ["Airfield Maintenance", "Terminal Operations"] },
    ],
  },
];

export const FUNDS = [
  "General Fund",
  "Special Revenue Fund",
  "Capital Projects Fund",
  "Enterprise Fund",
  "Grant Fund",
  "Internal Service Fund",
];

export const ACCOUNTS: [string, string][] = [
  ["5110", "Salaries - Regular"],
  ["5120", "Salaries - Overtime"],
  ["5130", "Salaries - Temporary"],
  ["5210", "Health Insurance"],
  ["5220", "Retirement Contributions"],
  ["5230", "Workers Compensation"],
  ["6110", "Office Supplies"],
  ["6120", "Operating Supplies"],
  ["6130", "Fuel"],
  ["6140", "Uniforms"],
  ["6210", "Professional Services"],
  ["6220", "Contractual Services"],
  ["6230", "Consulting Services"],
  ["6310", "Utilities - Electricity"],
  ["6320", "Utilities - Water"],
  ["6330", "Telecommunications"],
  ["6410", "Rent and Leases"],
  ["6420", "Equipment Rental"],
  ["6510", "Repairs and Maintenance"],
  ["6520", "Software Licenses"],
  ["6610", "Training and Travel"],
  ["6620", "Memberships and Dues"],
  ["6710", "Grants to Organizations"],
  ["6810", "Insurance Premiums"],
  ["7110", "Equipment Purchases"],
  ["7120", "Vehicles"],
  ["7210", "Building Improvements"],
  ["7310", "Infrastructure Construction"],
  ["8110", "Debt Service - Principal"],
  ["8120", "Debt Service - Interest"],
  ["9110", "Transfers Out"],
];

const DESC_VERBS = [
  "Maintain",
  "Operate",
  "Expand",
  "Replace",
  "Upgrade",
  "Support",
  "Deliver",
  "Provide",
  "Improve",
  "Fund",
  "Staff",
  "Inspect",
  "Repair",
  "Monitor",
  "Coordinate",
];
const DESC_OBJECTS = [
  "neighborhood patrols",
  "emergency response units",
  "street lighting",
  "pothole repair crews",
  "storm drains",
  "water mains",
  "park restrooms",
  "playground equipment",
  "library branch hours",
  "after-school programs",
  "homeless shelter beds",
  "affordable housing units",
  "transit shelters",
  "traffic signals",
  "bike lanes",
  "crosswalk beacons",
  "small business grants",
  "job training cohorts",
  "senior meal deliveries",
  "mental health clinicians",
  "recycling routes",
  "tree planting",
  "air quality sensors",
  "building inspections",
  "permit counters",
  "public records systems",
  "election equipment",
  "network servers",
  "cybersecurity monitoring",
  "payroll processing",
  "financial audits",
  "emergency shelters",
  "community events",
  "public art installations",
  "airfield lighting",
  "fleet vehicles",
  "electric vehicle chargers",
  "solar panels",
  "sidewalk ramps",
  "youth sports leagues",
];
const DESC_QUALIFIERS = [
  "citywide",
  "in underserved neighborhoods",
  "for residents",
  "at all facilities",
  "per adopted plan",
  "to meet demand",
  "under state mandate",
  "with grant match",
  "for FY service levels",
  "on a regular cycle",
  "",
  "",
  "",
];

export interface GeneratedBudget {
  /** Budget sheet: title rows, header, department/program headings, lines, program and department subtotals, grand total. */
  sheet: SheetCells;
  /** Number of budget lines (rows that are neither headings, subtotals nor totals). */
  lines: number;
  /** 1-based header row. */
  headerRow: number;
  /** Sum of the proposed column over the lines. */
  proposedTotal: number;
}

export const BUDGET_HEADERS = [
  "Department",
  "Division",
  "Program",
  "Fund",
  "Account",
  "Account Name",
  "Description",
  "FY 2024-25 Actual",
  "FY 2025-26 Adopted",
  "FY 2025-26 Revised",
  "FY 2025-26 YTD Actual",
  "FY 2026-27 Proposed",
];

interface ProgramRef {
  dept: string;
  division: string;
  program: string;
}

function allPrograms(): ProgramRef[] {
  const out: ProgramRef[] = [];
  for (const d of DEPARTMENTS)
    for (const v of d.divisions)
      for (const p of v.programs) out.push({ dept: d.name, division: v.name, program: p });
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A budget sheet with `lines` lines. Lines are spread over every program (in department order), each
 * program gets a heading row and a subtotal row, each department a heading row and a total row, and the
 * sheet ends with a grand total.
 */
export function generateBudget(lines: number, seed = 20260701): GeneratedBudget {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const programs = allPrograms();
  const values: CellValue[][] = [];
  values.push(["Example City — Proposed Operating Budget FY 2026-27"]);
  values.push(["All funds, in dollars"]);
  values.push([]);
  values.push(BUDGET_HEADERS.slice());
  const headerRow = values.length;
  const width = BUDGET_HEADERS.length;
  let proposedTotal = 0;
  const grand = new Array(5).fill(0);
  let written = 0;
  let deptIndex = -1;
  let deptTotals: number[] = [];
  let currentDept = "";
  const flushDept = () => {
    if (deptIndex < 0) return;
    values.push([`Total ${currentDept}`, "", "", "", "", "", "", ...deptTotals.map(round2)]);
  };
  for (let p = 0; p < programs.length; p++) {
    const prog = programs[p];
    // Lines per program: an even share, the remainder to the first programs.
    const n = Math.floor(lines / programs.length) + (p < lines % programs.length ? 1 : 0);
    if (prog.dept !== currentDept) {
      flushDept();
      deptIndex++;
      currentDept = prog.dept;
      deptTotals = new Array(5).fill(0);
      values.push([prog.dept]);
    }
    values.push(["", "", prog.program]);
    const progTotals = new Array(5).fill(0);
    for (let i = 0; i < n; i++) {
      const [acct, acctName] = pick(ACCOUNTS);
      const q = pick(DESC_QUALIFIERS);
      const desc = `${pick(DESC_VERBS)} ${pick(DESC_OBJECTS)}${q ? " " + q : ""}`;
      const base = Math.round(Math.exp(7 + rand() * 8)); // $1k .. $3M, log-uniform
      const actual = round2(base * (0.85 + rand() * 0.2));
      const adopted = base;
      const revised = round2(adopted * (rand() < 0.8 ? 1 : 0.9 + rand() * 0.25));
      const ytd = round2(revised * (0.3 + rand() * 0.4));
      const proposed = round2(adopted * (0.95 + rand() * 0.12));
      const fund = pick(FUNDS);
      // A few realistic blanks in the actuals (new lines); a blank adds nothing to the subtotals.
      const noActual = rand() < 0.03;
      const amounts = [noActual ? 0 : actual, adopted, revised, ytd, proposed];
      const row: CellValue[] = [
        prog.dept,
        prog.division,
        prog.program,
        fund,
        acct,
        acctName,
        desc,
        noActual ? "" : actual,
        adopted,
        revised,
        ytd,
        proposed,
      ];
      values.push(row);
      for (let k = 0; k < 5; k++) {
        progTotals[k] += amounts[k];
        deptTotals[k] += amounts[k];
        grand[k] += amounts[k];
      }
      proposedTotal += proposed;
      written++;
    }
    values.push(["", "", `Total ${prog.program}`, "", "", "", "", ...progTotals.map(round2)]);
  }
  flushDept();
  values.push(["Grand Total", "", "", "", "", "", "", ...grand.map(round2)]);
  // Dense rows, as a port hands them over.
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    for (let c = row.length; c < width; c++) row.push("");
  }
  return {
    sheet: { name: "Budget", startRow: 0, startCol: 0, values },
    lines: written,
    headerRow,
    proposedTotal: round2(proposedTotal),
  };
}

/** Goal themes per priority, with keywords drawn from the same vocabulary as the budget. */
const PLAN_SPEC: { title: string; goals: [string, string[]][] }[] = [
  {
    title: "Safe and Prepared Community",
    goals: [
      [
        "Reduce emergency response times",
        ["emergency", "response", "fire", "medical", "communications"],
      ],
      [
        "Prevent crime through community policing",
        ["patrol", "policing", "crime", "investigations", "forensic"],
      ],
      [
        "Prepare for disasters",
        ["disaster", "preparedness", "emergency operations", "wildfire", "shelter"],
      ],
      [
        "Make streets safe for everyone",
        ["traffic", "crosswalk", "pedestrian", "bicycle", "signals"],
      ],
    ],
  },
  {
    title: "Reliable Infrastructure",
    goals: [
      [
        "Keep streets and sidewalks in good repair",
        ["street", "pavement", "pothole", "sidewalk", "ramps"],
      ],
      [
        "Deliver safe, reliable water",
        ["water", "treatment", "distribution", "mains", "sewer", "wastewater"],
      ],
      [
        "Maintain public buildings and fleet",
        ["building", "facilities", "fleet", "vehicles", "maintenance"],
      ],
      ["Expand public transit", ["transit", "bus", "shelters", "parking"]],
    ],
  },
  {
    title: "Thriving Neighborhoods",
    goals: [
      ["Reduce homelessness", ["homeless", "homelessness", "shelter beds", "rental assistance"]],
      [
        "Increase affordable housing",
        ["affordable housing", "housing units", "revitalization", "code enforcement"],
      ],
      [
        "Expand parks and recreation",
        ["park", "playground", "trails", "recreation", "aquatics", "youth sports"],
      ],
      [
        "Support lifelong learning",
        ["library", "literacy", "after-school", "digital inclusion", "youth programs"],
      ],
    ],
  },
  {
    title: "Healthy and Sustainable Environment",
    goals: [
      [
        "Cut greenhouse gas emissions",
        ["climate", "solar", "electric vehicle", "electrification", "energy efficiency"],
      ],
      [
        "Protect air and water quality",
        ["air quality", "stormwater", "green infrastructure", "sensors"],
      ],
      ["Reduce waste", ["recycling", "composting", "refuse"]],
      [
        "Improve community health",
        [
          "mental health",
          "public health",
          "substance use",
          "disease",
          "food assistance",
          "senior meal",
        ],
      ],
    ],
  },
  {
    title: "Economic Opportunity and Good Government",
    goals: [
      [
        "Grow local businesses and jobs",
        ["small business", "workforce", "job training", "tourism", "permits"],
      ],
      [
        "Manage public money responsibly",
        ["accounting", "payroll", "audits", "budget", "debt", "revenue"],
      ],
      [
        "Modernise city services",
        ["cybersecurity", "network", "enterprise systems", "open data", "records"],
      ],
      ["Celebrate arts and culture", ["public art", "cultural", "community events", "grants"]],
    ],
  },
];

/** The matching strategic plan: 5 priorities, 20 goals, keywords from the budget's vocabulary. */
export function generatePlan(): Plan {
  return {
    name: "Example City Strategic Plan 2025–2030",
    adopted: "2025-03-15",
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities: PLAN_SPEC.map((p, i) => ({
      id: `P${i + 1}`,
      title: p.title,
      goals: p.goals.map(([title, keywords], j) => ({ id: `G${i + 1}.${j + 1}`, title, keywords })),
    })),
  };
}

/** Counts of non-blank cells in a sheet's values (for the floor's "same number of cells"). */
export function countCells(values: CellValue[][]): number {
  let n = 0;
  for (const row of values) for (const v of row) if (v !== "" && v !== null && v !== undefined) n++;
  return n;
}
