import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { BudgetStep, type BudgetStepProps } from "../../src/taskpane/components/BudgetStep";
import { budget } from "./fixtures";
import { renderFluent } from "./render";

function setup(over: Partial<BudgetStepProps> = {}) {
  const props: BudgetStepProps = {
    sheets: [
      { name: "Budget", position: 0, visibility: "visible", rows: 40, cols: 8 },
      { name: "Capital", position: 1, visibility: "visible", rows: 12, cols: 5 },
      { name: "Strategic Plan", position: 2, visibility: "visible", rows: 30, cols: 14 },
      { name: "_BudgetAlignmentState", position: 3, visibility: "veryHidden", rows: 2, cols: 1 },
    ],
    planSheet: "Strategic Plan",
    budgetSheets: ["Budget"],
    budget,
    busy: false,
    onChooseSheets: jest.fn(),
    onSetRole: jest.fn(),
    onSetAmountColumn: jest.fn(),
    ...over,
  };
  renderFluent(<BudgetStep {...props} />);
  return props;
}

describe("BudgetStep", () => {
  it("lets the user choose budget sheets, never the plan or hidden sheets", async () => {
    const props = setup();
    expect(screen.getByRole("checkbox", { name: "Budget (40 rows)" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Capital (12 rows)" })).not.toBeChecked();
    expect(
      screen.queryByRole("checkbox", { name: /Strategic Plan|_BudgetAlignmentState/ })
    ).toBeNull();
    await userEvent.click(screen.getByRole("checkbox", { name: "Capital (12 rows)" }));
    expect(props.onChooseSheets).toHaveBeenCalledWith(["Budget", "Capital"]);
  });

  it("shows the detected columns and the check total, and corrects a column's role", async () => {
    const props = setup();
    expect(screen.getByRole("status")).toHaveTextContent(
      "5 lines · check total $1,700,000 · 2 subtotal rows left out"
    );
    const table = screen.getByRole("table", { name: "Detected columns of Budget" });
    expect(within(table).getAllByRole("row")).toHaveLength(6);
    const roleC = screen.getByRole("combobox", { name: "Role of column C (Account) in Budget" });
    expect(roleC).toHaveTextContent("Account name");
    await userEvent.click(roleC);
    await userEvent.click(screen.getByRole("option", { name: "Description" }));
    expect(props.onSetRole).toHaveBeenCalledWith("Budget", "C", "description");
  });

  it("previews the first lines and switches the primary amount", async () => {
    const props = setup();
    const preview = screen.getByRole("table", { name: "Preview of the first budget lines" });
    expect(within(preview).getAllByRole("row")).toHaveLength(10);
    // Every line on one sheet: the sheet in the heading, the row number alone; a row heads each department and
    // program (Fire › Suppression over its two lines, Parks › Recreation, Parks › Maintenance).
    expect(screen.getByRole("heading", { name: "First lines of Budget" })).toBeInTheDocument();
    const cells = within(preview)
      .getAllByRole("row")
      .slice(1, 5)
      .map((r) =>
        within(r)
          .getAllByRole("cell")
          .map((c) => c.textContent)
      );
    expect(cells).toEqual([
      ["Fire › Suppression"],
      ["5", "Salaries", "$1,000,000"],
      ["6", "Overtime", "$200,000"],
      ["Parks › Recreation"],
    ]);
    const amount = screen.getByRole("combobox", { name: /Amount used for alignment/ });
    expect(amount).toHaveTextContent("FY 2026-27 Proposed");
    await userEvent.click(amount);
    await userEvent.click(screen.getByRole("option", { name: "FY 2025-26 Adopted" }));
    expect(props.onSetAmountColumn).toHaveBeenCalledWith("FY 2025-26 Adopted");
  });

  it("names the sheet of each previewed line when they are on more than one sheet", () => {
    const [a, b, ...rest] = budget.lines;
    setup({ budget: { ...budget, lines: [a, { ...b, sheet: "Capital", row: 3 }, ...rest] } });
    const preview = screen.getByRole("table", { name: "Preview of the first budget lines" });
    expect(screen.getByRole("heading", { name: "First lines" })).toBeInTheDocument();
    const rows = within(preview)
      .getAllByRole("row")
      .filter((r) => within(r).queryAllByRole("cell").length > 1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[0].textContent)).toEqual([
      "Budget!5",
      "Capital!3",
      "Budget!8",
      "Budget!9",
      "Budget!11",
    ]);
  });
});
