import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { PlanStep, type PlanStepProps } from "../../src/taskpane/components/PlanStep";
import { plan } from "./fixtures";
import { renderFluent } from "./render";

function setup(over: Partial<PlanStepProps> = {}) {
  const props: PlanStepProps = {
    plan,
    planSheet: "Strategic Plan",
    planIssues: [],
    importIssues: [],
    importedName: null,
    busy: false,
    onInsertTemplate: jest.fn(),
    onImportJson: jest.fn(),
    onClearImport: jest.fn(),
    onGoToCell: jest.fn(),
    ...over,
  };
  renderFluent(<PlanStep {...props} />);
  return props;
}

describe("PlanStep", () => {
  it("shows the plan as a tree of priorities, goals and subgoals with action counts", () => {
    setup();
    expect(
      screen.getByRole("heading", { name: "Riverbend Strategic Plan 2026" })
    ).toBeInTheDocument();
    const tree = screen.getByRole("tree", { name: /Plan: priorities/ });
    expect(tree).toHaveTextContent("P1 Safe Community");
    expect(tree).toHaveTextContent("2 goals");
    expect(tree).toHaveTextContent("G1.1 Faster emergency response");
    // G1.1 has one action of its own and one under its subgoal
    expect(
      screen.getByText("G1.1 Faster emergency response").closest('[role="treeitem"]')
    ).toHaveTextContent("2 actions");
    expect(
      screen.getByText(/From the "Strategic Plan" sheet · 0 errors, 0 warnings/)
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Insert plan template" })).toBeNull();
  });

  it("says which priority the city's own administration is matched to by elimination, and why", () => {
    // No goal names finance, HR or IT; P3 names no work at all: the engine reads it as their home (elimination.ts).
    setup({
      plan: {
        ...plan,
        priorities: [
          {
            id: "P1",
            title: "A Safe City",
            goals: [{ id: "G1.1", title: "Reduce crime through police patrols" }],
          },
          {
            id: "P2",
            title: "Clean Streets",
            goals: [{ id: "G2.1", title: "Sweep every street monthly" }],
          },
          { id: "P3", title: "Pride in All We Do", goals: [] },
        ],
      },
    });
    const p3 = screen.getByText("P3 Pride in All We Do").closest('[role="treeitem"]')!;
    expect(p3).toHaveTextContent(
      /Names no work of its own, so the city's own administration \(governance and civic life, financial management, internal services and organizational management\) is matched here by elimination/
    );
    const p2 = screen.getByText("P2 Clean Streets").closest('[role="treeitem"]')!;
    expect(p2).not.toHaveTextContent(/elimination/);
  });

  it("lists validation errors and SMART warnings that go to their cell", async () => {
    const props = setup({
      planIssues: [
        {
          severity: "error",
          code: "plan.duplicate-id",
          sheet: "Strategic Plan",
          cell: "A9",
          message: "Strategic Plan!A9: the id G1.1 is used twice.",
        },
        {
          severity: "warning",
          code: "plan.smart",
          sheet: "Strategic Plan",
          cell: "H12",
          message: "Strategic Plan!H12: action A3 has no measure.",
        },
      ],
    });
    expect(screen.getByText(/1 error, 1 warning/)).toBeInTheDocument();
    expect(screen.getByText("Strategic Plan!A9: the id G1.1 is used twice.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Go to Strategic Plan!H12" }));
    expect(props.onGoToCell).toHaveBeenCalledWith("Strategic Plan", "H12");
  });

  it("offers the template when there is no plan, and imports a JSON file", async () => {
    const props = setup({ plan: null, planSheet: null });
    expect(screen.getByRole("heading", { name: "No strategic plan yet" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Insert plan template" }));
    expect(props.onInsertTemplate).toHaveBeenCalledTimes(1);
    const file = new File(['{"name":"Plan"}'], "plan.json", { type: "application/json" });
    await userEvent.upload(screen.getByLabelText("Plan JSON file"), file);
    await waitFor(() =>
      expect(props.onImportJson).toHaveBeenCalledWith('{"name":"Plan"}', "plan.json")
    );
  });
});
