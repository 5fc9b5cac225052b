/**
 * The whole pane wired together over an in-test port (the core's workflow replaced by a stand-in, see
 * useAlignment.test.tsx): each step's action ends up as the right state stored with the workbook.
 * One scenario per file: Fluent's popups slow down later renders in the same jsdom, so each file gets a fresh one.
 */
import { render, screen, within } from "@testing-library/react";
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
  it("an answer given in the Review step is stored with the workbook", async () => {
    const { port, stored } = memoryPort();
    render(<App port={port} today="2026-11-22" initialStep="review" />);
    const section = await screen.findByRole("region", { name: "Review of Records" });
    await userEvent.click(within(section).getByRole("combobox", { name: "Response for Records" }));
    await userEvent.click(screen.getByRole("option", { name: "Eliminate" }));
    await userEvent.click(within(section).getByRole("button", { name: "Save answer" }));
    await screen.findByText("Answer for Records saved with the workbook.");
    expect(stored[0].reviewAnswers["clerk|records"]).toEqual({
      programKey: "clerk|records",
      department: "Clerk",
      program: "Records",
      response: "Eliminate",
      date: "2026-11-22",
      // When it was given, so a later change elsewhere (the Review sheet, a Goal cell) can be told from it.
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });
});
