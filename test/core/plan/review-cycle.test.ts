import { cycleBaseDate, reviewCycle } from "../../../src/core/plan/review-cycle";
import type { Plan } from "../../../src/core/types";

const base: Plan = {
  name: "Test",
  adopted: "2026-03-15",
  fiscalYearStart: "07-01",
  horizonYears: 5,
  priorities: [
    {
      id: "P1",
      title: "Safety",
      goals: [
        {
          id: "G1",
          title: "Faster response",
          actions: [{ id: "A1", title: "Hire", start: "2026-09-01" }],
        },
      ],
    },
  ],
};

describe("reviewCycle", () => {
  test("adopted 2026-03-15, fiscal year from 07-01: exact dates, sorted", () => {
    const events = reviewCycle(base);
    expect(events.map((e) => [e.date, e.kind])).toEqual([
      ["2027-01-01", "mid-year-review"],
      ["2027-03-15", "annual-update"],
      ["2028-01-01", "mid-year-review"],
      ["2028-03-15", "annual-update"],
      ["2029-01-01", "mid-year-review"],
      ["2029-03-15", "three-year-update"],
      ["2030-01-01", "mid-year-review"],
      ["2030-03-15", "annual-update"],
      ["2031-01-01", "mid-year-review"],
      ["2031-03-15", "five-year-revision"],
    ]);
  });

  test("titles and descriptions are plain words naming fiscal years", () => {
    const events = reviewCycle(base);
    expect(events[0].title).toBe("Mid-year review of the action plan (FY 2026-27)");
    expect(events[0].description).toBe(
      "Halfway through FY 2026-27, check the progress of every action before budget preparation for FY 2027-28 begins, " +
        "so the next budget can fund what the plan still needs."
    );
    expect(events[1].title).toBe("Annual review and update of the plan (year 1)");
    expect(events[1].description).toBe(
      "Review a year of progress and update the action plan, then present it to the council at a workshop before FY 2027-28 begins."
    );
    expect(events[5].title).toBe(
      "Three-year update: environmental scan and community surveys (year 3)"
    );
    expect(events[9].title).toBe("Full revision of the strategic plan (year 5, required)");
  });

  test("a shorter horizon still runs through the five-year revision; a longer one repeats the cycle", () => {
    expect(
      reviewCycle({ ...base, horizonYears: 3 })
        .filter((e) => e.kind === "five-year-revision")
        .map((e) => e.date)
    ).toEqual(["2031-03-15"]);
    const ten = reviewCycle({ ...base, horizonYears: 10 });
    expect(ten.filter((e) => e.kind === "three-year-update").map((e) => e.date)).toEqual([
      "2029-03-15",
      "2034-03-15",
    ]);
    expect(ten.filter((e) => e.kind === "five-year-revision").map((e) => e.date)).toEqual([
      "2031-03-15",
      "2036-03-15",
    ]);
    expect(ten.filter((e) => e.kind === "mid-year-review")).toHaveLength(10);
  });

  test("a calendar fiscal year: mid-year on 1 July", () => {
    const events = reviewCycle({ ...base, fiscalYearStart: "01-01", adopted: "2026-10-20" });
    expect(events.filter((e) => e.kind === "mid-year-review").map((e) => e.date)).toEqual([
      "2027-07-01",
      "2028-07-01",
      "2029-07-01",
      "2030-07-01",
      "2031-07-01",
    ]);
    expect(events[0].title).toBe("Mid-year review of the action plan (FY 2027)");
  });

  test("without an adoption date: counted from the first fiscal-year start after the earliest action start", () => {
    const plan = { ...base, adopted: null };
    expect(cycleBaseDate(plan)).toBe("2027-07-01");
    const events = reviewCycle(plan);
    expect(events[0]).toMatchObject({ kind: "mid-year-review", date: "2028-01-01" });
    expect(events[events.length - 1]).toMatchObject({
      kind: "five-year-revision",
      date: "2032-07-01",
    });
  });

  test("without an adoption date or any action start there is no cycle", () => {
    const plan: Plan = {
      ...base,
      adopted: null,
      priorities: [{ id: "P1", title: "Safety", goals: [] }],
    };
    expect(reviewCycle(plan)).toEqual([]);
  });
});
