/**
 * The review cycle a strategic plan follows, dated from its adoption date and fiscal-year start.
 *
 * Rules (all dates are the day the step is due):
 * - Mid-year review of the action plan: once in every fiscal year of the plan, at the fiscal year's midpoint
 *   (fiscal-year start + 6 months; 1 January when the year starts 1 July). Halfway through the year is when
 *   departments start preparing the next budget, so progress is reviewed then, before budget requests are made.
 *   Only midpoints after the adoption date and no later than the last anniversary below are listed.
 * - Annual review and update, presented at a council workshop: on each anniversary of adoption (adoption + 1, 2, …
 *   years), ahead of the next fiscal year's budget adoption when the plan was adopted in the second half of a
 *   fiscal year, as plans usually are.
 * - Three-year update (environmental scan and community surveys): on the third anniversary, in place of that
 *   year's annual review (the update is presented at the same workshop).
 * - Mandatory full revision: on the fifth anniversary, in place of that year's annual review.
 * The cycle repeats every five years (year 8 is a three-year update, year 10 a revision) across the horizon;
 * it always runs at least through the five-year revision.
 *
 * A plan without an adoption date is dated from the first fiscal-year start on or after its earliest action
 * start (validation warns about the missing date); with no action start either, there is no cycle ([]).
 */
import { addMonths } from "date-fns/addMonths";
import { addYears } from "date-fns/addYears";
import { format } from "date-fns/format";
import { isAfter } from "date-fns/isAfter";
import { parse } from "date-fns/parse";
import type { Plan, ReviewEvent, ReviewEventKind } from "../types";
import { isIsoDate } from "./dates";
import { planActions } from "./model";

const REF = new Date(2000, 0, 1);

function toDate(iso: string): Date {
  return parse(iso, "yyyy-MM-dd", REF);
}

function iso(d: Date): string {
  return format(d, "yyyy-MM-dd");
}

function fyParts(plan: Plan): { month: number; day: number } {
  const m = /^(\d{2})-(\d{2})$/.exec(plan.fiscalYearStart ?? "");
  if (!m) return { month: 7, day: 1 };
  return { month: Number(m[1]), day: Number(m[2]) };
}

/** Start of the fiscal year that begins in calendar year `year`. */
function fyStartIn(year: number, fy: { month: number; day: number }): Date {
  return new Date(year, fy.month - 1, fy.day);
}

/** First fiscal-year start on or after `date`. */
function firstFyStartOnOrAfter(date: Date, fy: { month: number; day: number }): Date {
  const same = fyStartIn(date.getFullYear(), fy);
  return same >= date ? same : fyStartIn(date.getFullYear() + 1, fy);
}

/** Fiscal-year start on or before `date` (the start of the fiscal year `date` falls in). */
function fyStartOnOrBefore(date: Date, fy: { month: number; day: number }): Date {
  const same = fyStartIn(date.getFullYear(), fy);
  return same <= date ? same : fyStartIn(date.getFullYear() - 1, fy);
}

/** "FY 2026-27" for a year starting 1 July 2026; "FY 2026" for a calendar fiscal year. */
export function fiscalYearLabel(start: Date): string {
  const y = start.getFullYear();
  if (start.getMonth() === 0 && start.getDate() === 1) return `FY ${y}`;
  return `FY ${y}-${String((y + 1) % 100).padStart(2, "0")}`;
}

/** The date the cycle is counted from: the adoption date, else the first fiscal-year start after the earliest action start. */
export function cycleBaseDate(plan: Plan): string | null {
  if (plan.adopted && isIsoDate(plan.adopted)) return plan.adopted;
  const starts = planActions(plan)
    .map((a) => a.action.start)
    .filter((s): s is string => typeof s === "string" && isIsoDate(s))
    .sort();
  if (starts.length === 0) return null;
  return iso(firstFyStartOnOrAfter(toDate(starts[0]), fyParts(plan)));
}

function event(kind: ReviewEventKind, date: Date, title: string, description: string): ReviewEvent {
  return { kind, date: iso(date), title, description };
}

/** The plan's review events, sorted by date (see the rules above). */
export function reviewCycle(plan: Plan): ReviewEvent[] {
  const baseIso = cycleBaseDate(plan);
  if (!baseIso) return [];
  const base = toDate(baseIso);
  const fy = fyParts(plan);
  const years = Math.max(
    5,
    Number.isInteger(plan.horizonYears) && plan.horizonYears > 0 ? plan.horizonYears : 5
  );
  const events: ReviewEvent[] = [];

  for (let k = 1; k <= years; k++) {
    const date = addYears(base, k);
    const nextFy = fiscalYearLabel(firstFyStartOnOrAfter(date, fy));
    if (k % 5 === 0) {
      events.push(
        event(
          "five-year-revision",
          date,
          `Full revision of the strategic plan (year ${k}, required)`,
          `${k} years after adoption the plan must be fully revised: rework the priorities, goals and actions with ` +
            `the community and present the new plan to the council for adoption before ${nextFy} begins.`
        )
      );
    } else if (k % 5 === 3) {
      events.push(
        event(
          "three-year-update",
          date,
          `Three-year update: environmental scan and community surveys (year ${k})`,
          `Scan the city's conditions and survey residents, then update the priorities, goals and actions to match. ` +
            `The update is presented at the council workshop in place of this year's annual review, before ${nextFy} begins.`
        )
      );
    } else {
      events.push(
        event(
          "annual-update",
          date,
          `Annual review and update of the plan (year ${k})`,
          `Review a year of progress and update the action plan, then present it to the council at a workshop ` +
            `before ${nextFy} begins.`
        )
      );
    }
  }

  const last = addYears(base, years);
  for (let start = fyStartOnOrBefore(base, fy); start <= last; start = addYears(start, 1)) {
    const mid = addMonths(start, 6);
    if (!isAfter(mid, base) || isAfter(mid, last)) continue;
    const label = fiscalYearLabel(start);
    const next = fiscalYearLabel(addYears(start, 1));
    events.push(
      event(
        "mid-year-review",
        mid,
        `Mid-year review of the action plan (${label})`,
        `Halfway through ${label}, check the progress of every action before budget preparation for ${next} ` +
          `begins, so the next budget can fund what the plan still needs.`
      )
    );
  }

  const order: Record<ReviewEventKind, number> = {
    "mid-year-review": 0,
    "annual-update": 1,
    "three-year-update": 2,
    "five-year-revision": 3,
  };
  return events.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : order[a.kind] - order[b.kind]
  );
}
