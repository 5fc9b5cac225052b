/**
 * The whole pane wired together over an in-test port (the core's workflow replaced by a stand-in, see
 * useAlignment.test.tsx): each step's action ends up as the right state stored with the workbook.
 * One scenario per file: Fluent's popups slow down later renders in the same jsdom, so each file gets a fresh one.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { App } from "../../src/taskpane/components/App";
import { fixtureAnalysis, lines } from "./fixtures";
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
  it("opens on the plan, then a suggestion accepted in the Tag step is stored and the line selected in the sheet", async () => {
    const { port, stored, selected } = memoryPort();
    render(<App port={port} today="2026-11-22" listHeight={600} />);
    await screen.findByRole("tree", { name: /Plan: priorities/ });
    await userEvent.click(screen.getByRole("tab", { name: "Tag" }));
    const grid = screen.getByRole("treegrid", { name: "Budget programs and lines" });
    const program = within(grid).getByRole("row", { name: /^Fire › Suppression/ });
    program.focus();
    await userEvent.keyboard("{ArrowRight}");
    await userEvent.click(
      within(grid).getByRole("row", { name: /^Fire \/ Suppression \/ 5006 \/ Overtime/ })
    );
    expect(selected).toEqual(["Budget!H6"]);
    await userEvent.click(screen.getByRole("button", { name: "Accept suggestion (G1.1)" }));
    await screen.findByText("Tag saved with the workbook.");
    expect(stored).toHaveLength(1);
    expect(stored[0].tags[lines[1].key]).toMatchObject({
      goals: [{ id: "G1.1", share: 1 }],
      via: "confirmed",
    });
  });

  it("shows a read error as a message bar, and the steps say the workbook has not been read", async () => {
    workflow.analyse.mockRejectedValue(
      new Error('There is no sheet named "Budget 2027" in this workbook.')
    );
    const { port } = memoryPort();
    render(<App port={port} today="2026-11-22" initialStep="tag" />);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      'There is no sheet named "Budget 2027" in this workbook.'
    );
    expect(
      screen.getByText("The workbook has not been read yet. Press Refresh to read it again.")
    ).toBeInTheDocument();
  });
});
