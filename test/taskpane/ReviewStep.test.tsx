import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { ReviewStep, type ReviewStepProps } from "../../src/taskpane/components/ReviewStep";
import { lines, plan, tags } from "./fixtures";
import { renderFluent } from "./render";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(60_000);

function setup(over: Partial<ReviewStepProps> = {}) {
  const props: ReviewStepProps = {
    lines,
    tags,
    plan,
    answers: {},
    busy: false,
    today: "2026-11-22",
    onAnswer: jest.fn(),
    ...over,
  };
  renderFluent(<ReviewStep {...props} />);
  return props;
}

describe("ReviewStep", () => {
  it("shows flagged programs by department with the nearest goal", () => {
    setup();
    expect(screen.getByRole("status")).toHaveTextContent("1 flagged program · 0 answered");
    expect(screen.getByRole("button", { name: /Clerk/ })).toHaveTextContent("0/1 answered");
    const review = screen.getByRole("region", { name: "Review of Records" });
    expect(review).toHaveTextContent("Records · $50,000 (1 line)");
    expect(review).toHaveTextContent("Nearest goal: G1.2 Safer streets (10%)");
  });

  it("shows the answer a department head gave in the Review sheet", () => {
    setup({
      answers: {
        "clerk|records": {
          programKey: "clerk|records",
          department: "Clerk",
          program: "Records",
          response: "Modify",
          reviewer: "J. Ortiz",
          date: "2026-11-01",
        },
      },
    });
    expect(screen.getByRole("status")).toHaveTextContent("1 flagged program · 1 answered");
    expect(screen.getByText("Answered: Modify by J. Ortiz on 2026-11-01")).toBeInTheDocument();
  });

  it("lets a department head answer: retain for a goal, with a justification", async () => {
    const props = setup();
    const review = screen.getByRole("region", { name: "Review of Records" });
    const save = within(review).getByRole("button", { name: "Save answer" });
    expect(save).toBeDisabled();
    await userEvent.click(within(review).getByRole("combobox", { name: "Response for Records" }));
    await userEvent.click(screen.getByRole("option", { name: "Retain — serves goal" }));
    // the goal picker starts at the nearest goal
    expect(within(review).getByRole("combobox", { name: "Goal Records serves" })).toHaveValue(
      "G1.2 Safer streets"
    );
    await userEvent.type(
      within(review).getByRole("textbox", { name: "Justification for Records" }),
      "Police records"
    );
    await userEvent.type(
      within(review).getByRole("textbox", { name: "Reviewer of Records" }),
      "Chief"
    );
    await userEvent.click(save);
    expect(props.onAnswer).toHaveBeenCalledWith({
      programKey: "clerk|records",
      department: "Clerk",
      program: "Records",
      response: "Retain — serves goal",
      goalId: "G1.2",
      justification: "Police records",
      reviewer: "Chief",
      date: "2026-11-22",
    });
  });

  it("says so when nothing is flagged", () => {
    setup({ tags: tags.map((t) => ({ ...t, flagged: false })) });
    expect(
      screen.getByText("No program is flagged: every program fits a goal of the plan.")
    ).toBeInTheDocument();
  });
});

describe("ReviewStep after a Retain answer", () => {
  it("keeps the answered program in view with its answer", () => {
    setup({
      tags: tags.map((t) => ({ ...t, flagged: false })),
      answers: {
        "clerk|records": {
          programKey: "clerk|records",
          department: "Clerk",
          program: "Records",
          response: "Retain — serves goal",
          goalId: "G1.2",
        },
      },
    });
    expect(screen.getByRole("status")).toHaveTextContent("1 flagged program · 1 answered");
    expect(screen.getByText("Answered: Retain — serves goal → G1.2")).toBeInTheDocument();
  });
});
