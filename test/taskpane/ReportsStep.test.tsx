import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { ReportsStep, type ReportsStepProps } from "../../src/taskpane/components/ReportsStep";
import { programsSummary, type ProgramsSummary } from "../../src/core/reports/diagnostic";
import { programInventory } from "../../src/core/reports/program-inventory";
import { fixture } from "../core/reports/fixture";
import { renderFluent } from "./render";

function setup(over: Partial<ReportsStepProps> = {}) {
  const props: ReportsStepProps = {
    ready: true,
    blocker: null,
    busy: false,
    lineCount: 1234,
    result: null,
    onWrite: jest.fn(),
    ...over,
  };
  renderFluent(<ReportsStep {...props} />);
  return props;
}

describe("ReportsStep", () => {
  it("writes the reports on request", async () => {
    const props = setup();
    expect(screen.getByText(/from the 1,234 budget lines/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Write reports" }));
    expect(props.onWrite).toHaveBeenCalledTimes(1);
  });

  it("is blocked, and says why, while there are errors", () => {
    setup({ ready: false, blocker: "Fix this first: No strategic plan was found." });
    expect(screen.getByRole("button", { name: "Write reports" })).toBeDisabled();
    expect(screen.getByText("Fix this first: No strategic plan was found.")).toBeInTheDocument();
  });

  it("says what was written and how much is aligned", () => {
    setup({
      result: {
        written: ["Alignment", "Review", "Timetable"],
        totals: { budget: 2_000_000, aligned: 1_500_000, unaligned: 500_000 },
      },
    });
    const region = screen.getByRole("region", { name: "Reports written" });
    expect(region).toHaveTextContent(
      "Alignment: how much of the budget serves each priority and goal"
    );
    expect(region).toHaveTextContent("Timetable");
    expect(region).toHaveTextContent(
      "$1,500,000 of $2,000,000 is aligned with the plan (75.0%); $500,000 is not."
    );
  });

  it("never says 100% while money is unaligned (the sample's $105,205 of $145,442,136)", () => {
    setup({
      result: {
        written: ["Alignment"],
        totals: { budget: 145_442_136, aligned: 145_336_931, unaligned: 105_205 },
      },
    });
    expect(screen.getByRole("region", { name: "Reports written" })).toHaveTextContent(
      "$145,336,931 of $145,442,136 is aligned with the plan (99.9%); $105,205 is not."
    );
  });

  it("says what the mid-year view compares, as the Alignment sheet does", () => {
    setup({
      result: {
        written: ["Alignment"],
        totals: { budget: 100, aligned: 100, unaligned: 0 },
        midYear:
          "FY 2025-26 ended on Jun 30, 2026, before Dec 2, 2026: year-to-date actuals are compared with the full year's revised budget, and spending over it is flagged. No pace is flagged for a year that has ended.",
      },
    });
    expect(screen.getByRole("region", { name: "Reports written" })).toHaveTextContent(
      "Mid-year view: FY 2025-26 ended on Jun 30, 2026"
    );
  });

  it("shows the Programs sheet's quartile map and the diagnostic's top candidates", () => {
    const summary: ProgramsSummary = {
      priorities: [
        { id: "P1", title: "Safe community" },
        { id: "P2", title: "Great neighborhoods" },
      ],
      quartileMap: [
        [1_250_000, 300_000, 0],
        [400_000, 0, 0],
        [0, 75_500, 0],
        [0, 0, 105_205],
      ],
      programs: [3, 1, 1, 2],
      candidates: [
        {
          key: "non-departmental|sister city exchange",
          department: "Non-Departmental",
          program: "Sister City Exchange",
          quartile: 4,
          amount: 105_205,
          why: "quartile 4, no goal; 3 of 3 attributes not chosen",
        },
      ],
      candidateCount: 7,
      rising: [
        {
          key: "fire|ems",
          department: "Fire",
          program: "EMS",
          quartile: 1,
          amount: 900_000,
          why: "demand: large increase",
        },
      ],
      risingCount: 1,
    };
    setup({
      result: {
        written: ["Alignment", "Programs"],
        totals: { budget: 100, aligned: 100, unaligned: 0 },
        programs: summary,
      },
    });
    const map = screen.getByRole("table", { name: "Budget by priority and quartile" });
    const rows = within(map)
      .getAllByRole("row")
      .map((r) => r.textContent);
    expect(rows).toEqual([
      "PriorityQ1Q2Q3Q4",
      "P1$1.3M$400K$0$0",
      "P2$300K$0$76K$0",
      "No goal$0$0$0$105K",
      "Programs3112",
    ]);
    const candidates = screen.getByRole("region", { name: "Candidates for review" });
    expect(candidates).toHaveTextContent("Candidates for review (7)");
    expect(candidates).toHaveTextContent(
      "Non-Departmental — Sister City Exchange: $105,205 (quartile 4, no goal; 3 of 3 attributes not chosen)"
    );
    expect(candidates).toHaveTextContent("not cuts");
    expect(candidates).toHaveTextContent("The largest 1 shown; all 7 are on the Programs sheet.");
    expect(candidates).toHaveTextContent("Fire — EMS: $900,000 (demand: large increase)");
  });

  it("the summary the pane shows is the one the core computes for the Programs sheet", () => {
    const { ctx } = fixture();
    const inv = programInventory(ctx);
    const summary = programsSummary(inv);
    expect(summary.programs.reduce((a, b) => a + b, 0)).toBe(inv.programs.length);
    const total = summary.quartileMap.flat().reduce((a, b) => a + b, 0);
    expect(Math.round(total * 100)).toBe(inv.programs.reduce((s, p) => s + p.cents, 0));
  });

  it("shows no quartile map when the Programs sheet was not written", () => {
    setup({
      result: { written: ["Alignment"], totals: { budget: 1, aligned: 1, unaligned: 0 } },
    });
    expect(screen.queryByRole("region", { name: "Quartile map" })).toBeNull();
  });
});
