/**
 * The pane's Cancel button: shown beside the progress bar while a run can be stopped; pressing it stops the run
 * (the core runner is told), the previous analysis stays on screen and the pane says so; the stored state is not
 * touched. The core here is a runner whose reads finish only when the test says so.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { emptyState } from "../../src/core/state";
import type { WorkbookState } from "../../src/core/types";
import type { Analysis } from "../../src/core/workflow";
import { App } from "../../src/taskpane/components/App";
import { CancelledError, type CoreRunner } from "../../src/taskpane/core/runner";
import type { PanePort } from "../../src/taskpane/hooks/useAlignment";
import { fixtureAnalysis } from "./fixtures";

jest.setTimeout(180_000);

const analysis = (): Analysis => fixtureAnalysis(emptyState());

test("Cancel beside the progress bar stops reading again; the lines shown and the workbook stay as they were", async () => {
  const stored: WorkbookState[] = [];
  const port: PanePort = {
    listSheets: async () => [],
    readSheets: async () => [],
    writeSheets: async () => undefined,
    readState: async () => stored[stored.length - 1] ?? emptyState(),
    writeState: async (s) => {
      stored.push(s);
    },
    writeCells: async () => undefined,
  };
  let reads = 0;
  const held: ((err: Error) => void)[] = [];
  const core: CoreRunner = {
    analyse: async (_port, _options, progress) => {
      reads++;
      if (reads === 1) return analysis();
      progress({ label: "Tagging budget lines", fraction: 0.9 });
      return new Promise<Analysis>((_resolve, reject) => held.push(reject));
    },
    retag: async (a, state) => ({ ...a, state }),
    writeReports: async (_port, a) => ({
      written: [],
      report: { totals: { budget: 0, aligned: 0, unaligned: 0 }, midYear: null },
      state: a.state,
    }),
    cancel: jest.fn(() => held.splice(0).forEach((reject) => reject(new CancelledError()))),
  };
  render(<App port={port} today="2026-11-22" listHeight={600} core={core} />);
  await screen.findByRole("tree", { name: /Plan: priorities/ });
  expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
  await userEvent.click(screen.getByRole("tab", { name: "Tag" }));
  const shown = screen.getByRole("status").textContent;

  await userEvent.click(screen.getByRole("button", { name: "Read the workbook again" }));
  expect(
    await screen.findByRole("progressbar", { name: "Tagging budget lines" })
  ).toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(core.cancel).toHaveBeenCalledTimes(1);
  expect(
    await screen.findByText(
      "Stopped. The pane shows the workbook as it was last read; nothing in it was changed."
    )
  ).toBeInTheDocument();
  expect(screen.queryByRole("progressbar")).toBeNull();
  expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
  expect(screen.getByRole("status").textContent).toBe(shown);
  expect(
    within(screen.getByRole("treegrid", { name: "Budget programs and lines" })).getAllByRole("row")
      .length
  ).toBeGreaterThan(1);
  expect(screen.getByRole("button", { name: "Read the workbook again" })).toBeEnabled();
  expect(stored).toEqual([]);
});
