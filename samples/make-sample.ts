/**
 * Builds the sample workbook: the fictional City of Lakemont's proposed operating budget for next fiscal year,
 * laid out as budget books are (title rows, department heading rows, program subtotals, department totals,
 * a grand total, account codes, funds, five amount columns and a Goal column), plus its `Strategic Plan`,
 * `Measures` and notes sheets.
 *
 * The sample is always current: it is built for a date (its "as of"), and the fiscal year that date falls in
 * (July to June) is the sample's current year — last year's actuals, this year's adopted, revised and
 * year-to-date columns, next year's proposed budget, this year's measures, and the plan's dates moved by whole
 * years with it. The year-to-date column is what the programs have spent by that date (each program's pace times
 * the share of the year elapsed), so its mid-year view is a mid-year view on any day. Amounts other than the
 * year to date are the same every year. Deterministic: the same date gives the same file.
 *
 *   npm run sample        (rebuilds samples/sample-budget.xlsx, built for SAMPLE_AS_OF so tests can rely on it)
 *   budget-align          (with no BUDGET.xlsx, and so `npm run align`: builds the sample for the run's date)
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { planToSheetValues } from "../src/core/plan/sheet";
import { asOfDate } from "../src/core/measures/status";
import { samplePlanFor } from "./sample-plan";
import { sampleMeasureRows } from "./sample-measures";

/** The date the committed samples/sample-budget.xlsx is built for (the tests read that file, so it stays put). */
export const SAMPLE_AS_OF = "2026-12-07";

/** The sample's calendar: the fiscal year (by the year it ends, July to June) its date falls in, and how far in. */
export interface SampleYear {
  asOf: string;
  fy: number;
  /** Share of the fiscal year elapsed at asOf, 0..1. */
  elapsed: number;
}

export function sampleYear(asOf: string = SAMPLE_AS_OF): SampleYear {
  const at = asOfDate(asOf, { month: 7, day: 1 });
  return { asOf, fy: at.fy, elapsed: at.elapsed };
}

/** "FY 2026-27" for the fiscal year ending in 2027. */
export const fyLabel = (end: number): string => `FY ${end - 1}-${String(end % 100).padStart(2, "0")}`;

/** A small seeded generator (mulberry32), so amounts are realistic but identical on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ProgramSpec {
  name: string;
  fund: string;
  description: string;
  /** Rough size of the program's budget in dollars. */
  size: number;
  /** Share of the revised budget spent by mid-year (0.5 = on pace); scaled to the share of the year elapsed. */
  pace?: number;
  /** Goal typed by staff on the program's first line, as a finance office would. */
  tag?: string;
}

interface DepartmentSpec {
  name: string;
  code: string;
  programs: ProgramSpec[];
}

const DEPARTMENTS: DepartmentSpec[] = [
  {
    name: "Police Department",
    code: "210",
    programs: [
      { name: "Patrol Operations", fund: "General Fund", size: 18_500_000, description: "Uniformed officers answering calls for service and patrolling neighborhood beats around the clock." },
      { name: "Criminal Investigations", fund: "General Fund", size: 6_200_000, description: "Detectives investigating crimes against persons and property, and crime lab services." },
      { name: "Community Policing and Youth Outreach", fund: "General Fund", size: 1_900_000, description: "School resource officers, neighborhood watch support and youth diversion programs." },
      { name: "Emergency Communications (911)", fund: "General Fund", size: 3_400_000, pace: 0.62, description: "The 911 center: call-taking and dispatch for police, fire and medical emergencies." },
      { name: "Police Records and Property", fund: "General Fund", size: 1_100_000, description: "Police reports, public records requests, evidence and property room." },
    ],
  },
  {
    name: "Fire Department",
    code: "220",
    programs: [
      { name: "Fire Suppression and EMS", fund: "General Fund", size: 16_800_000, description: "Engine and truck companies responding to fires, rescues and medical emergencies with paramedics." },
      { name: "Fire Prevention and Inspections", fund: "General Fund", size: 1_600_000, description: "Fire code inspections, plan checks and public fire safety education." },
      { name: "Emergency Management", fund: "General Fund", size: 650_000, description: "Disaster preparedness, the emergency operations center and community emergency response training." },
    ],
  },
  {
    name: "Public Works",
    code: "310",
    programs: [
      { name: "Street Maintenance", fund: "Gas Tax Fund", size: 5_400_000, description: "Pavement repair, pothole patching, crack sealing and street resurfacing." },
      { name: "Traffic Signals and Signs", fund: "Gas Tax Fund", size: 1_300_000, description: "Operation and repair of traffic signals, street signs and pavement markings." },
      { name: "Facilities Maintenance", fund: "General Fund", size: 2_900_000, description: "Repair, custodial and HVAC maintenance of city buildings." },
      { name: "Fleet Services", fund: "Fleet Internal Service Fund", size: 3_100_000, pace: 0.71, description: "Maintenance and replacement of city vehicles and heavy equipment." },
      { name: "Cemetery Operations", fund: "Cemetery Fund", size: 420_000, description: "Interments, plot sales and grounds upkeep at the municipal cemetery." },
    ],
  },
  {
    name: "Transportation",
    code: "320",
    programs: [
      { name: "Transportation Planning", fund: "General Fund", size: 900_000, description: "Bike lanes, crosswalks, complete streets projects and transit coordination." },
      { name: "Parking Services", fund: "Parking Fund", size: 1_700_000, description: "Downtown parking garages, meters and parking enforcement." },
    ],
  },
  {
    name: "Water and Sewer Utility",
    code: "410",
    programs: [
      { name: "Water Treatment and Distribution", fund: "Water Enterprise Fund", size: 11_200_000, description: "Treating drinking water, water quality testing and repair of water mains." },
      { name: "Wastewater Collection and Treatment", fund: "Sewer Enterprise Fund", size: 9_600_000, description: "Sewer line maintenance and operation of the wastewater treatment plant." },
      { name: "Stormwater Management", fund: "Stormwater Fund", size: 2_100_000, description: "Storm drains, street sweeping and stormwater permit compliance." },
      { name: "Utility Billing and Customer Service", fund: "Water Enterprise Fund", size: 1_400_000, description: "Meter reading, utility bills and the customer service counter." },
    ],
  },
  {
    name: "Environmental Services",
    code: "420",
    programs: [
      { name: "Solid Waste and Recycling", fund: "Solid Waste Fund", size: 7_800_000, description: "Residential garbage, recycling and yard waste collection, and the composting program." },
      { name: "Urban Forestry", fund: "General Fund", size: 800_000, description: "Street tree planting, pruning and the tree canopy program." },
    ],
  },
  {
    name: "Parks and Recreation",
    code: "510",
    programs: [
      { name: "Park Maintenance", fund: "General Fund", size: 4_600_000, description: "Mowing, irrigation, playground repair and upkeep of parks and sports fields." },
      { name: "Recreation Programs", fund: "General Fund", size: 2_700_000, pace: 0.38, description: "Youth sports, summer camps, classes and senior center programs." },
      { name: "Aquatics", fund: "General Fund", size: 1_200_000, pace: 0.28, description: "Public pools, swim lessons and lifeguards." },
      { name: "Municipal Golf Course", fund: "Golf Enterprise Fund", size: 1_500_000, description: "Operation of the 18-hole municipal golf course, pro shop and clubhouse." },
      { name: "Special Events and Festivals", fund: "General Fund", size: 600_000, description: "Community festivals, concerts in the park and the holiday parade." },
    ],
  },
  {
    name: "Library",
    code: "520",
    programs: [
      { name: "Branch Library Services", fund: "Library Fund", size: 3_900_000, tag: "G4.2", description: "Lending, reference help and programs at the central and branch libraries." },
      { name: "Literacy and Learning", fund: "Library Fund", size: 700_000, description: "Adult literacy tutoring, homework help and early learning story times." },
    ],
  },
  {
    name: "Community Development",
    code: "610",
    programs: [
      { name: "Planning and Zoning", fund: "General Fund", size: 1_800_000, description: "Long-range planning, zoning administration and development review." },
      { name: "Building Permits and Inspection", fund: "Development Services Fund", size: 2_600_000, description: "Building permits, plan check and construction inspections." },
      { name: "Affordable Housing", fund: "Housing Trust Fund", size: 3_300_000, description: "Loans and grants for affordable housing development and rental assistance." },
      { name: "Homeless Services", fund: "General Fund", size: 1_900_000, pace: 0.74, description: "Street outreach, emergency shelter beds and supportive services for people experiencing homelessness." },
      { name: "Code Enforcement", fund: "General Fund", size: 850_000, description: "Responding to complaints about property maintenance and zoning violations." },
    ],
  },
  {
    name: "Economic Development",
    code: "620",
    programs: [
      { name: "Business Attraction and Retention", fund: "General Fund", size: 950_000, description: "Small business assistance, business attraction and the downtown business improvement district." },
      { name: "Workforce Development", fund: "Grants Fund", size: 700_000, description: "Job training and placement programs with local employers." },
      { name: "Convention Center Operations", fund: "Convention Center Fund", size: 2_300_000, description: "Booking, staffing and upkeep of the convention center." },
    ],
  },
  {
    name: "Finance",
    code: "710",
    programs: [
      { name: "Accounting and Payroll", fund: "General Fund", size: 1_700_000, description: "General ledger, accounts payable, payroll and the annual audit." },
      { name: "Budget Office", fund: "General Fund", size: 650_000, description: "Budget development, forecasting and mid-year budget monitoring." },
      { name: "Purchasing", fund: "General Fund", size: 520_000, description: "Bids, contracts and procurement for all departments." },
      { name: "Print Shop and Mail Room", fund: "General Fund", size: 310_000, description: "In-house printing, copying and interoffice mail." },
    ],
  },
  {
    name: "Human Resources",
    code: "720",
    programs: [
      { name: "Recruitment and Classification", fund: "General Fund", size: 900_000, tag: "G5.2", description: "Hiring, job classification and employee relations." },
      { name: "Employee Benefits and Training", fund: "General Fund", size: 750_000, description: "Benefits administration, wellness and citywide training." },
    ],
  },
  {
    name: "Information Technology",
    code: "730",
    programs: [
      { name: "IT Infrastructure and Security", fund: "IT Internal Service Fund", size: 2_800_000, description: "Network, servers, cybersecurity and the help desk." },
      { name: "Enterprise Applications", fund: "IT Internal Service Fund", size: 1_600_000, description: "Software licenses and support for the financial, permitting and public safety systems." },
    ],
  },
  {
    name: "City Clerk",
    code: "740",
    programs: [
      { name: "Records and Elections", fund: "General Fund", size: 800_000, description: "Council agendas and minutes, public records and municipal elections." },
    ],
  },
  {
    name: "City Manager and Council",
    code: "750",
    programs: [
      { name: "City Council", fund: "General Fund", size: 450_000, description: "The elected council's offices and council meetings." },
      { name: "City Manager's Office", fund: "General Fund", size: 1_300_000, description: "Citywide administration, communications and community engagement." },
      { name: "Cable Franchise Administration", fund: "PEG Fund", size: 180_000, description: "Administration of the cable television franchise agreement and fees." },
    ],
  },
  {
    name: "Non-Departmental",
    code: "790",
    programs: [
      { name: "Sister City Exchange", fund: "General Fund", size: 95_000, description: "Delegation visits and gifts for the city's sister cities abroad." },
    ],
  },
];

interface AccountSpec {
  code: string;
  name: string;
  /** Share of the program's budget. */
  weight: number;
}

const PERSONNEL: AccountSpec[] = [
  { code: "5110", name: "Salaries - Regular", weight: 0.42 },
  { code: "5120", name: "Overtime", weight: 0.05 },
  { code: "5130", name: "Salaries - Part-Time", weight: 0.04 },
  { code: "5210", name: "Health Insurance", weight: 0.1 },
  { code: "5220", name: "Retirement Contributions", weight: 0.11 },
];
const OPERATING: AccountSpec[] = [
  { code: "5310", name: "Office Supplies", weight: 0.01 },
  { code: "5320", name: "Operating Supplies", weight: 0.05 },
  { code: "5410", name: "Professional Services", weight: 0.06 },
  { code: "5420", name: "Contract Services", weight: 0.07 },
  { code: "5430", name: "Utilities", weight: 0.03 },
  { code: "5510", name: "Equipment Maintenance", weight: 0.02 },
  { code: "5610", name: "Training and Travel", weight: 0.01 },
  { code: "5710", name: "Vehicle Replacement", weight: 0.03 },
];

/** The budget sheet's headers in fiscal year `fy`: last year's actuals, this year's budget, next year's proposal. */
export function sampleHeaders(fy: number): string[] {
  return [
    "Program",
    "Fund",
    "Account",
    "Account Description",
    "Description",
    `${fyLabel(fy - 1)} Actual`,
    `${fyLabel(fy)} Adopted`,
    `${fyLabel(fy)} Revised`,
    `${fyLabel(fy)} YTD Actual`,
    `${fyLabel(fy + 1)} Proposed`,
    "Goal",
  ];
}

/** The committed sample's headers (built for SAMPLE_AS_OF). */
export const SAMPLE_HEADERS: readonly string[] = sampleHeaders(sampleYear().fy);

type Row = (string | number | null)[];

export interface SampleBudget {
  rows: Row[];
  /** 1-based rows that are line items. */
  lineRows: number[];
  /** 1-based rows that are subtotal or total rows. */
  totalRows: number[];
  headingRows: number[];
  headerRow: number;
}

const round = (n: number) => Math.round(n);

/** The budget sheet's cells as of a date, with the rows' kinds for tests. */
export function sampleBudgetRows(asOf: string = SAMPLE_AS_OF): SampleBudget {
  const { fy, elapsed } = sampleYear(asOf);
  // Spent by asOf, against a pace given for mid-year: 1 at mid-year, 0 on the year's first day.
  const byNow = elapsed / 0.5;
  const rand = rng(20260701);
  const rows: Row[] = [
    ["City of Lakemont"],
    [`${fyLabel(fy + 1)} Proposed Operating Budget`],
    ["Expenditure Detail by Department and Program — All Funds"],
    [],
    sampleHeaders(fy),
  ];
  const headerRow = 5;
  const lineRows: number[] = [];
  const totalRows: number[] = [];
  const headingRows: number[] = [];
  const grand = [0, 0, 0, 0, 0];
  for (const dept of DEPARTMENTS) {
    rows.push([dept.name]);
    headingRows.push(rows.length);
    const deptTotal = [0, 0, 0, 0, 0];
    for (const program of dept.programs) {
      const progTotal = [0, 0, 0, 0, 0];
      const accounts = [...PERSONNEL, ...OPERATING].filter((a) => rand() < 0.85 || a.code === "5110");
      const weightSum = accounts.reduce((s, a) => s + a.weight, 0);
      const pace = program.pace ?? 0.46 + rand() * 0.1;
      accounts.forEach((acct, i) => {
        const adopted = round((program.size * acct.weight) / weightSum * (0.9 + rand() * 0.2));
        const actual = round(adopted * (0.9 + rand() * 0.12));
        const revised = rand() < 0.25 ? round(adopted * (1 + (rand() - 0.4) * 0.12)) : adopted;
        const ytd = round(revised * pace * byNow * (0.9 + rand() * 0.2));
        const proposed = round(adopted * (1.01 + rand() * 0.05));
        const amounts = [actual, adopted, revised, ytd, proposed];
        amounts.forEach((v, k) => (progTotal[k] += v));
        rows.push([
          program.name,
          program.fund,
          `${dept.code}-${acct.code}`,
          acct.name,
          i === 0 ? program.description : "",
          ...amounts,
          i === 0 && program.tag ? program.tag : null,
        ]);
        lineRows.push(rows.length);
      });
      rows.push([`Total ${program.name}`, null, null, null, null, ...progTotal]);
      totalRows.push(rows.length);
      progTotal.forEach((v, k) => (deptTotal[k] += v));
    }
    rows.push([`Total ${dept.name}`, null, null, null, null, ...deptTotal]);
    totalRows.push(rows.length);
    rows.push([]);
    deptTotal.forEach((v, k) => (grand[k] += v));
  }
  rows.push(["Grand Total", null, null, null, null, ...grand]);
  totalRows.push(rows.length);
  return { rows, lineRows, totalRows, headingRows, headerRow };
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
const MONEY = "#,##0;(#,##0);-";

/** The sample workbook as of a date (SAMPLE_AS_OF for the committed copy, the run's date for `budget-align`). */
export function buildSampleWorkbook(asOf: string = SAMPLE_AS_OF): ExcelJS.Workbook {
  const { fy } = sampleYear(asOf);
  const [y, m, d] = asOf.split("-").map(Number);
  const wb = new ExcelJS.Workbook();
  wb.creator = "City of Lakemont Budget Office";
  // Dated by asOf, so the same date rebuilds the workbook byte-for-byte the same.
  wb.created = new Date(Date.UTC(y, m - 1, d));
  wb.modified = new Date(Date.UTC(y, m - 1, d));
  const ws = wb.addWorksheet("Budget", { views: [{ state: "frozen", ySplit: 5 }] });
  const sample = sampleBudgetRows(asOf);
  sample.rows.forEach((r) => ws.addRow(r));
  ws.getCell("A1").font = { bold: true, size: 16 };
  ws.getCell("A2").font = { bold: true, size: 13 };
  ws.getCell("A3").font = { italic: true };
  const header = ws.getRow(sample.headerRow);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  for (const r of sample.headingRows) ws.getRow(r).font = { bold: true, size: 12 };
  for (const r of sample.totalRows) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.border = { top: { style: "thin" } };
  }
  [32, 26, 12, 26, 60, 16, 16, 16, 18, 18, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let c = 6; c <= 10; c++) ws.getColumn(c).numFmt = MONEY;

  const planWs = wb.addWorksheet("Strategic Plan");
  planToSheetValues(samplePlanFor(fy)).forEach((r) => planWs.addRow(r));
  [10, 10, 10, 48, 60, 30, 30, 12, 12, 34, 24, 14].forEach((w, i) => (planWs.getColumn(i + 1).width = w));

  const measuresWs = wb.addWorksheet("Measures", { views: [{ state: "frozen", ySplit: 4, xSplit: 2 }] });
  sampleMeasureRows(fy).forEach((r) => measuresWs.addRow(r));
  measuresWs.getRow(4).font = { bold: true };
  measuresWs.getColumn(2).width = 44;

  const notes = wb.addWorksheet("Notes");
  [
    ["About this workbook"],
    ["The City of Lakemont is fictional. Amounts are illustrative."],
    [
      `Budget: proposed ${fyLabel(fy + 1)} operating budget by department, program and account, with ${fyLabel(fy - 1)} ` +
        `actuals and ${fyLabel(fy)}'s adopted and revised budgets and spending to ${asOf}.`,
    ],
    ["Strategic Plan: the council's adopted plan (priorities, goals, subgoals and actions)."],
    ["Measures: how each action's progress is measured, with targets and actuals by fiscal year and quarter."],
    ["Goal column: finance staff type a goal ID (e.g. G4.2) to tag a line by hand."],
  ].forEach((r) => notes.addRow(r));
  notes.getColumn(1).width = 110;
  return wb;
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? path.resolve(__dirname, "..", "..", "samples", "sample-budget.xlsx");
  const asOf = process.argv[3] ?? SAMPLE_AS_OF;
  await buildSampleWorkbook(asOf).xlsx.writeFile(out);
  const s = sampleBudgetRows(asOf);
  console.log(
    `Wrote ${out} as of ${asOf} (${fyLabel(sampleYear(asOf).fy)}): ${s.lineRows.length} budget lines, ` +
      `${s.totalRows.length} subtotal/total rows, ${DEPARTMENTS.length} departments.`
  );
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
