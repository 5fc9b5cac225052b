import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { ReportsStep, type ReportsStepProps } from "../../src/taskpane/components/ReportsStep";
import { renderFluent } from "./render";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(60_000);

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
      "$1,500,000 of $2,000,000 is aligned with the plan (75%); $500,000 is not."
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
});
