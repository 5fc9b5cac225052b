/**
 * The strategic plan of the fictional City of Lakemont, used by the bundled sample workbook.
 * Five priorities, twenty goals, subgoals and actions with owners, dates, measures and targets — a few
 * actions deliberately miss a SMART field, as real plans do, so the Timetable has something to mark.
 */
import type { Action, Plan } from "../src/core/types";

export const samplePlan: Plan = {
  name: "Lakemont Forward: Strategic Plan 2025–2030",
  adopted: "2025-03-18",
  fiscalYearStart: "07-01",
  horizonYears: 5,
  priorities: [
    {
      id: "P1",
      title: "Safe and Resilient Community",
      description: "Residents are safe at home, at work and in public places, and the city is ready for emergencies.",
      keywords: ["public safety", "emergency response", "crime"],
      goals: [
        {
          id: "G1.1",
          title: "Reduce emergency response times",
          description: "Police, fire and medical calls answered and reached quickly across every neighborhood.",
          keywords: ["911", "dispatch", "response time", "paramedic"],
          subgoals: [
            { id: "S1.1.1", title: "Staff patrol and engine companies to meet call demand" },
            { id: "S1.1.2", title: "Modernize emergency communications and dispatch" },
          ],
          actions: [
            {
              id: "A1.1.1",
              title: "Add a peak-hour patrol shift in the east district",
              owner: "Police Chief",
              start: "2025-07-01",
              due: "2026-06-30",
              measure: "Median priority-1 response time",
              target: "Under 6 minutes",
              status: "In progress",
            },
            {
              id: "A1.1.2",
              title: "Replace the computer-aided dispatch system",
              owner: "Emergency Communications Manager",
              start: "2025-10-01",
              due: "2027-03-31",
              measure: "Call-to-dispatch time",
              target: "90% of calls within 60 seconds",
              status: "In progress",
            },
          ],
        },
        {
          id: "G1.2",
          title: "Prevent crime through community policing",
          description: "Officers and residents work together to prevent crime and build trust.",
          keywords: ["neighborhood watch", "investigations", "youth outreach"],
          subgoals: [{ id: "S1.2.1", title: "Expand neighborhood and school resource programs" }],
          actions: [
            {
              id: "A1.2.1",
              title: "Launch neighborhood beat meetings in every district",
              owner: "Police Chief",
              start: "2025-09-01",
              due: "2026-12-31",
              measure: "Beat meetings held per quarter",
              target: "24 per quarter",
              status: "In progress",
            },
          ],
        },
        {
          id: "G1.3",
          title: "Prepare for disasters and climate hazards",
          description: "Plans, shelters and training so the city can respond to floods, wildfire smoke and heat.",
          keywords: ["emergency management", "preparedness", "evacuation"],
          actions: [
            {
              id: "A1.3.1",
              title: "Update the hazard mitigation plan",
              owner: "Emergency Services Coordinator",
              start: "2025-07-01",
              due: "2026-09-30",
              measure: "Plan approved by the state",
              target: "Approved",
              status: "Not started",
            },
          ],
        },
        {
          id: "G1.4",
          title: "Reduce fire risk through prevention and inspections",
          description: "Fire prevention, inspections and public education that keep fires from starting.",
          keywords: ["fire prevention", "inspection", "code enforcement"],
          actions: [
            {
              id: "A1.4.1",
              title: "Inspect every commercial building on a two-year cycle",
              owner: "Fire Marshal",
              start: "2025-07-01",
              due: "2027-06-30",
              measure: "Share of commercial buildings inspected",
              target: "100% every two years",
              status: "In progress",
            },
          ],
        },
      ],
    },
    {
      id: "P2",
      title: "Reliable Infrastructure and Mobility",
      description: "Streets, pipes, buildings and transportation that work every day and are kept in good repair.",
      keywords: ["infrastructure", "transportation", "capital"],
      goals: [
        {
          id: "G2.1",
          title: "Maintain streets, sidewalks and bridges in good repair",
          description: "Pavement, sidewalks, signals and bridges maintained on a predictable schedule.",
          keywords: ["pavement", "potholes", "street maintenance", "traffic signals"],
          subgoals: [{ id: "S2.1.1", title: "Raise the pavement condition index" }],
          actions: [
            {
              id: "A2.1.1",
              title: "Resurface 12 lane-miles a year",
              owner: "Public Works Director",
              start: "2025-07-01",
              due: "2030-06-30",
              measure: "Pavement condition index",
              target: "70 or better",
              status: "In progress",
            },
          ],
        },
        {
          id: "G2.2",
          title: "Expand safe walking, biking and transit options",
          description: "Complete streets, bike lanes, crosswalks and transit connections.",
          keywords: ["bike lanes", "pedestrian", "transit", "complete streets"],
          actions: [
            {
              id: "A2.2.1",
              title: "Build the downtown protected bike lane network",
              owner: "Transportation Manager",
              start: "2026-01-01",
              due: "2028-06-30",
              measure: "Miles of protected bike lane",
              target: "8 miles",
              status: "Not started",
            },
          ],
        },
        {
          id: "G2.3",
          title: "Deliver clean, reliable water and sewer service",
          description: "Safe drinking water, wastewater treatment and stormwater systems that meet every standard.",
          keywords: ["water", "sewer", "wastewater", "stormwater"],
          actions: [
            {
              id: "A2.3.1",
              title: "Replace aging water mains",
              owner: "Utilities Director",
              start: "2025-07-01",
              due: "2029-06-30",
              measure: "Main breaks per 100 miles",
              target: "Fewer than 15",
              status: "In progress",
            },
          ],
        },
        {
          id: "G2.4",
          title: "Keep city facilities and fleet in good condition",
          description: "City buildings, vehicles and equipment maintained and replaced on schedule.",
          keywords: ["facilities", "fleet", "building maintenance", "vehicle replacement"],
          actions: [
            {
              id: "A2.4.1",
              title: "Adopt a ten-year facilities capital plan",
              owner: "Facilities Manager",
              start: "2025-09-01",
              due: "2026-06-30",
              status: "In progress",
            },
          ],
        },
      ],
    },
    {
      id: "P3",
      title: "Thriving Economy and Housing",
      description: "Local businesses grow, people find good jobs and homes they can afford.",
      keywords: ["economy", "jobs", "housing"],
      goals: [
        {
          id: "G3.1",
          title: "Grow local businesses and jobs",
          description: "Support small businesses, attract employers and help residents get good jobs.",
          keywords: ["small business", "workforce", "business attraction"],
          actions: [
            {
              id: "A3.1.1",
              title: "Open a one-stop small business center",
              owner: "Economic Development Manager",
              start: "2025-07-01",
              due: "2026-03-31",
              measure: "Businesses assisted per year",
              target: "300",
              status: "Complete",
            },
          ],
        },
        {
          id: "G3.2",
          title: "Increase housing that residents can afford",
          description: "More affordable and workforce housing built and preserved.",
          keywords: ["affordable housing", "rental assistance", "housing units"],
          actions: [
            {
              id: "A3.2.1",
              title: "Fund 200 affordable units through the housing trust",
              owner: "Housing Manager",
              start: "2025-07-01",
              due: "2029-06-30",
              measure: "Affordable units funded",
              target: "200",
              status: "In progress",
            },
          ],
        },
        {
          id: "G3.3",
          title: "Streamline permits and development review",
          description: "Predictable, fast planning and building permit review.",
          keywords: ["permits", "planning", "zoning", "plan review"],
          actions: [
            {
              id: "A3.3.1",
              title: "Launch online permit applications",
              owner: "Community Development Director",
              start: "2025-07-01",
              due: "2026-06-30",
              measure: "Share of permits applied for online",
              target: "80%",
              status: "In progress",
            },
          ],
        },
        {
          id: "G3.4",
          title: "Reduce homelessness",
          description: "Outreach, shelter and supportive services that move people into stable housing.",
          keywords: ["homeless", "shelter", "outreach", "supportive services"],
          actions: [
            {
              id: "A3.4.1",
              title: "Fund a street outreach team with the county",
              owner: "Housing Manager",
              start: "2025-10-01",
              due: "2026-09-30",
              measure: "People placed in housing",
              status: "Delayed",
            },
          ],
        },
      ],
    },
    {
      id: "P4",
      title: "Healthy, Livable Neighborhoods",
      description: "Parks, libraries, culture and a clean environment make every neighborhood a good place to live.",
      keywords: ["quality of life", "recreation", "culture", "environment"],
      goals: [
        {
          id: "G4.1",
          title: "Provide parks and recreation for all ages",
          description: "Well-kept parks, playgrounds, pools and recreation programs for children, adults and seniors.",
          keywords: ["parks", "recreation", "playgrounds", "aquatics", "senior programs"],
          subgoals: [{ id: "S4.1.1", title: "Every resident within a 10-minute walk of a park" }],
          actions: [
            {
              id: "A4.1.1",
              title: "Renovate three neighborhood playgrounds",
              owner: "Parks and Recreation Director",
              start: "2025-07-01",
              due: "2027-06-30",
              measure: "Playgrounds renovated",
              target: "3",
              status: "In progress",
            },
          ],
        },
        {
          id: "G4.2",
          title: "Expand library services and lifelong learning",
          description: "Libraries, literacy and learning programs open to everyone.",
          keywords: ["library", "literacy", "books", "learning"],
          actions: [
            {
              id: "A4.2.1",
              title: "Extend branch library hours to seven days",
              owner: "Library Director",
              start: "2026-01-01",
              due: "2026-12-31",
              measure: "Weekly open hours across branches",
              target: "240 hours",
              status: "Not started",
            },
          ],
        },
        {
          id: "G4.3",
          title: "Support arts and culture",
          description: "Public art, festivals and cultural programs that celebrate the community.",
          keywords: ["arts", "festivals", "cultural events", "museum"],
          actions: [
            {
              id: "A4.3.1",
              title: "Create a public art plan",
              owner: "Cultural Affairs Coordinator",
              start: "2026-07-01",
              due: "2027-06-30",
              status: "Not started",
            },
          ],
        },
        {
          id: "G4.4",
          title: "Protect the environment and cut waste",
          description: "Cleaner air and water, less waste to landfill and lower greenhouse gas emissions.",
          keywords: ["sustainability", "recycling", "climate", "solid waste", "tree canopy"],
          actions: [
            {
              id: "A4.4.1",
              title: "Start citywide curbside composting",
              owner: "Environmental Services Manager",
              start: "2025-07-01",
              due: "2026-12-31",
              measure: "Tons diverted from landfill",
              target: "5,000 tons a year",
              status: "In progress",
            },
          ],
        },
      ],
    },
    {
      id: "P5",
      title: "Effective, Transparent Government",
      description: "A well-run city that manages money carefully, supports its employees and earns residents' trust.",
      keywords: ["governance", "organizational capacity", "transparency"],
      goals: [
        {
          id: "G5.1",
          title: "Sound financial management",
          description: "Balanced budgets, healthy reserves and clean audits.",
          keywords: ["budget", "accounting", "audit", "reserves", "purchasing"],
          actions: [
            {
              id: "A5.1.1",
              title: "Reach a general fund reserve of 17% of expenditures",
              owner: "Finance Director",
              start: "2025-07-01",
              due: "2028-06-30",
              measure: "Reserve as a share of expenditures",
              target: "17%",
              status: "In progress",
            },
          ],
        },
        {
          id: "G5.2",
          title: "Attract and retain a skilled workforce",
          description: "Recruitment, training and benefits that make the city a good place to work.",
          keywords: ["human resources", "recruitment", "training", "employees"],
          actions: [
            {
              id: "A5.2.1",
              title: "Cut time-to-hire for vacant positions",
              owner: "Human Resources Director",
              start: "2025-07-01",
              due: "2026-06-30",
              measure: "Median days to hire",
              target: "60 days",
              status: "In progress",
            },
          ],
        },
        {
          id: "G5.3",
          title: "Modern, secure technology",
          description: "Reliable systems, cybersecurity and digital services for residents and staff.",
          keywords: ["information technology", "cybersecurity", "network", "software"],
          actions: [
            {
              id: "A5.3.1",
              title: "Complete a cybersecurity assessment",
              owner: "Chief Information Officer",
              start: "2025-07-01",
              due: "2025-12-31",
              measure: "Critical findings resolved",
              target: "100%",
              status: "Complete",
            },
          ],
        },
        {
          id: "G5.4",
          title: "Engage residents and communicate openly",
          description: "Open meetings, public records and outreach that keep residents informed and involved.",
          keywords: ["community engagement", "public records", "elections", "council"],
          actions: [
            {
              id: "A5.4.1",
              title: "Publish an online budget and performance dashboard",
              owner: "City Manager",
              start: "2025-09-01",
              due: "2026-06-30",
              measure: "Dashboard visits per month",
              target: "2,000",
              status: "In progress",
            },
          ],
        },
      ],
    },
  ],
};

/** The fiscal year (by the year it ends) the plan's dates are written for: its second year. */
export const SAMPLE_PLAN_FY = 2027;

/** An ISO date moved by whole years (Feb 29 becomes Feb 28 in a year without one). */
function shiftDate(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const leap = (n: number) => (n % 4 === 0 && n % 100 !== 0) || n % 400 === 0;
  const day = m === 2 && d === 29 && !leap(y + years) ? 28 : d;
  return `${y + years}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The plan as it reads in fiscal year `fy`: every date (and the years in its name) moved by whole years, so in
 * any year it is in its second year, with the same actions done, under way and overdue.
 */
export function samplePlanFor(fy: number): Plan {
  const years = fy - SAMPLE_PLAN_FY;
  if (years === 0) return samplePlan;
  const moveAll = (actions: Action[] | undefined) =>
    actions?.map((a) => ({
      ...a,
      ...(a.start ? { start: shiftDate(a.start, years) } : {}),
      ...(a.due ? { due: shiftDate(a.due, years) } : {}),
    }));
  return {
    ...samplePlan,
    name: samplePlan.name.replace(/\b(20\d\d)\b/g, (y) => String(Number(y) + years)),
    adopted: samplePlan.adopted ? shiftDate(samplePlan.adopted, years) : null,
    priorities: samplePlan.priorities.map((p) => ({
      ...p,
      goals: p.goals.map((g) => ({
        ...g,
        actions: moveAll(g.actions),
        subgoals: g.subgoals?.map((s) => ({ ...s, actions: moveAll(s.actions) })),
      })),
    })),
  };
}
