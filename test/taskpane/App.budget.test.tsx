/**
 * The whole pane wired together over an in-test port (the core's workflow replaced by a stand-in, see
 * useAlignment.test.tsx): each step's action ends up as the right state stored with the workbook.
 * One scenario per file: Fluent's popups slow down later renders in the same jsdom, so each file gets a fresh one.
 */
import { render, screen, waitFor } from "@testing-library/react";
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
  it("a column role corrected in the Budget step is stored and the budget read again", async () => {
    const { port, stored } = memoryPort();
    render(<App port={port} today="2026-11-22" initialStep="budget" />);
    const role = await screen.findByRole("combobox", {
      name: "Role of column C (Account) in Budget",
    });
    expect(workflow.analyse).toHaveBeenCalledTimes(1);
    await userEvent.click(role);
    await userEvent.click(screen.getByRole("option", { name: "Description" }));
    await waitFor(() => expect(workflow.analyse).toHaveBeenCalledTimes(2));
    expect(stored[0].columnOverrides).toEqual({ Budget: { C: "description" } });
  });
});
