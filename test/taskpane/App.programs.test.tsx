/**
 * The Review step opens a program's row on the Programs sheet: the row is found by the Program key column of the
 * sheet as it is now (here sorted so the program is not where it was written), and the Program cell selected;
 * without a Programs sheet the pane says to write the reports first.
 */
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { App } from "../../src/taskpane/components/App";
import { fixtureAnalysis } from "./fixtures";
import { memoryPort } from "./memory-port";

jest.mock("../../src/core/workflow", () => ({
  analyse: jest.fn(),
  retag: jest.fn(),
  writeReports: jest.fn(),
  insertPlanTemplate: jest.fn(),
}));

const workflow = require("../../src/core/workflow") as jest.Mocked<
  typeof import("../../src/core/workflow")
>;

beforeEach(() => {
  jest.resetAllMocks();
  workflow.analyse.mockImplementation(async (port) => fixtureAnalysis(await port.readState()));
  workflow.retag.mockImplementation((a, state) => ({ ...a, state }));
});

describe("App", () => {
  it("Open on the Programs sheet selects the program's row, found by its key after a re-sort", async () => {
    const { port, selected } = memoryPort([
      ["Budget Alignment — Programs (priority-based budgeting)"],
      [],
      ["Department", "Program", "Total score", "Program key"],
      ["Police", "Patrol", 4, "police|patrol"],
      [],
      ["Clerk", "Records", 0, "clerk|records"],
    ]);
    render(<App port={port} today="2026-11-22" initialStep="review" />);
    const section = await screen.findByRole("region", { name: "Review of Records" });
    await userEvent.click(
      within(section).getByRole("button", { name: "Open Records on the Programs sheet" })
    );
    await waitFor(() => expect(selected).toEqual(["Programs!B6"]));
  });

  it("without a Programs sheet it says to write the reports first", async () => {
    const { port, selected } = memoryPort(null);
    render(<App port={port} today="2026-11-22" initialStep="review" />);
    const section = await screen.findByRole("region", { name: "Review of Records" });
    await userEvent.click(
      within(section).getByRole("button", { name: "Open Records on the Programs sheet" })
    );
    await screen.findByText(/The Programs sheet has no row for Records yet/);
    expect(selected).toEqual([]);
  });
});
