import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { ReviewStep, type ReviewStepProps } from "../../src/taskpane/components/ReviewStep";
import { lines, plan, tags } from "./fixtures";
import { renderFluent } from "./render";

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
    expect(screen.getByRole("status")).toHaveTextContent("1 program to review · 0 answered");
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
    expect(screen.getByRole("status")).toHaveTextContent("1 program to review · 1 answered");
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

  it("says so when nothing is listed", () => {
    // Every line on a goal (a line with money and no goal is listed: "Some lines fit no goal").
    setup({
      tags: tags.map((t) => ({
        ...t,
        flagged: false,
        goals: t.goals.length ? t.goals : [{ id: "G1.2", share: 1 }],
      })),
    });
    expect(
      screen.getByText(
        "Nothing to review: every program fits a goal of the plan with good confidence."
      )
    ).toBeInTheDocument();
  });
});

describe("ReviewStep after a Retain answer", () => {
  it("shows the answer and who gave it, not the answer's goal as a 100% nearest goal", () => {
    // After a Retain answer the program's lines are tagged by it (manual, confidence 1) and no longer flagged.
    setup({
      tags: tags.map((t, i) =>
        i === 4
          ? {
              ...t,
              goals: [{ id: "G1.2", share: 1 }],
              source: "manual" as const,
              confidence: 1,
              flagged: false,
              why: "answered in Review by Chief on 2026-11-20",
              nearest: { id: "G1.2", confidence: 1, why: "answered in Review" },
            }
          : t
      ),
      answers: {
        "clerk|records": {
          programKey: "clerk|records",
          department: "Clerk",
          program: "Records",
          response: "Retain — serves goal",
          goalId: "G1.2",
          reviewer: "Chief",
          date: "2026-11-20",
        },
      },
    });
    expect(screen.getByRole("status")).toHaveTextContent("1 program to review · 1 answered");
    const review = screen.getByRole("region", { name: "Review of Records" });
    expect(
      within(review).getByText(
        "Answered: Retain — serves goal → G1.2 Safer streets by Chief on 2026-11-20"
      )
    ).toBeInTheDocument();
    expect(review).not.toHaveTextContent("Nearest goal");
    expect(review).not.toHaveTextContent("100%");
    expect(review).toHaveTextContent("Answered earlier (no longer flagged)");
  });

  it("shows a Goal cell that disagrees with the answer", () => {
    setup({
      answers: {
        "clerk|records": {
          programKey: "clerk|records",
          department: "Clerk",
          program: "Records",
          response: "Retain — serves goal",
          goalId: "G1.2",
        },
      },
      conflicts: { "clerk|records": "Budget!H11 says G1.1 (typed in the Goal column), but …" },
    });
    expect(screen.getByRole("note", { name: "Conflict for Records" })).toHaveTextContent(
      "Conflict: Budget!H11 says G1.1 (typed in the Goal column), but …"
    );
  });
});

describe("ReviewStep: the same programs as the Review sheet, by department", () => {
  // The pool line below the review confidence: Parks / Recreation is listed too, as on the sheet.
  const lowTags = tags.map((t, i) => (i === 2 ? { ...t, confidence: 0.3 } : t));

  it("lists programs with low-confidence lines beside those that fit no goal, and filters by department", async () => {
    setup({ tags: lowTags });
    expect(screen.getByRole("status")).toHaveTextContent("2 programs to review · 0 answered");
    await userEvent.click(screen.getByRole("combobox", { name: "Department to review" }));
    await userEvent.click(screen.getByRole("option", { name: "Parks" }));
    expect(screen.getByRole("status")).toHaveTextContent("1 program to review · 0 answered");
    const review = screen.getByRole("region", { name: "Review of Recreation" });
    expect(review).toHaveTextContent("Low-confidence tag");
    expect(review).toHaveTextContent("Recreation · $300,000 (1 line)");
    expect(screen.queryByRole("region", { name: "Review of Records" })).toBeNull();
  });

  it("fills in the reviewer (the last name used) and the date", async () => {
    localStorage.removeItem("budget-alignment.reviewer");
    const props = setup({ tags: lowTags, today: "2026-12-02" });
    await userEvent.click(screen.getByRole("button", { name: /Clerk/ }));
    await userEvent.click(screen.getByRole("button", { name: /Parks/ }));
    const records = screen.getByRole("region", { name: "Review of Records" });
    expect(within(records).getByRole("textbox", { name: "Reviewer of Records" })).toHaveValue("");
    expect(within(records).getByLabelText("Date of the answer for Records")).toHaveValue(
      "2026-12-02"
    );
    await userEvent.click(within(records).getByRole("combobox", { name: "Response for Records" }));
    await userEvent.click(screen.getByRole("option", { name: "Modify" }));
    await userEvent.type(
      within(records).getByRole("textbox", { name: "Reviewer of Records" }),
      "Dana Whitfield"
    );
    await userEvent.click(within(records).getByRole("button", { name: "Save answer" }));
    expect(props.onAnswer).toHaveBeenCalledWith(
      expect.objectContaining({ reviewer: "Dana Whitfield", date: "2026-12-02" })
    );
    // The next program has the name filled in already.
    const pool = screen.getByRole("region", { name: "Review of Recreation" });
    expect(within(pool).getByRole("textbox", { name: "Reviewer of Recreation" })).toHaveValue(
      "Dana Whitfield"
    );
  });
});
