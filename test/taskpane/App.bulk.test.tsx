/**
 * Bulk accept in the whole pane over the real workflow and an in-memory workbook: it acts on exactly the lines the
 * filters show (one department) at the safe level it offers first, says how many programs, lines and how much money,
 * asks first, and is undone in one step — the hidden state sheet back to what it was, byte for byte.
 */
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { parseState } from "../../src/core/state";
import { analyse, runAlignment } from "../../src/core/workflow";
import { App } from "../../src/taskpane/components/App";
import { acceptLevels } from "../../src/taskpane/model/bulk";
import { programKeyOf } from "../../src/taskpane/model/grid";
import { formatMoney, NO_FILTERS } from "../../src/taskpane/model/view";
import { budgetSheet, planSheet } from "../reliability/books";
import { MemoryBook } from "../reliability/memory-port";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(120_000);

test("accepting the suggestions of one department, then undoing it", async () => {
  const book = new MemoryBook([budgetSheet(), planSheet()]);
  await runAlignment(book, { today: "2026-12-02" });
  const before = book.stateRows().map(String);

  // What the Police department's suggestions are, as the core tags them, and the level the pane offers first.
  const a = await analyse(book, { today: "2026-12-02" });
  const levels = acceptLevels(a.budget.lines, a.tags, { ...NO_FILTERS, department: "Police" });
  const min = levels.safe ?? 0.5;
  const police = a.budget.lines
    .map((l, i) => ({ l, t: a.tags[i] }))
    .filter(
      ({ l, t }) => l.department === "Police" && t.source === "suggested" && t.confidence >= min
    );
  const others = a.tags.filter(
    (t, i) =>
      a.budget.lines[i].department !== "Police" && t.source === "suggested" && t.confidence >= min
  );
  expect(police.length).toBeGreaterThan(0);
  expect(others.length).toBeGreaterThan(0);
  const amount = police.reduce((s, { l }) => s + l.amount, 0);
  const programs = new Set(police.map(({ l }) => programKeyOf(l))).size;

  render(<App port={book} today="2026-12-02" listHeight={400} initialStep="tag" />);
  await screen.findByRole("treegrid", { name: "Budget programs and lines" });
  await userEvent.click(screen.getByRole("button", { name: "▸ Filters" }));
  await userEvent.click(screen.getByRole("combobox", { name: "Department filter" }));
  await userEvent.click(screen.getByRole("option", { name: "Police" }));
  await userEvent.click(
    screen.getByRole("button", { name: /^Accept suggestions…|^Accept \d+ programs?/ })
  );
  const dialog = await screen.findByRole("alertdialog", { name: "Confirm accepting suggestions" });
  if (levels.safe === null) {
    await userEvent.click(within(dialog).getByRole("combobox", { name: "Confidence to accept" }));
    await userEvent.click(screen.getByRole("option", { name: /^50% or more/ }));
  }
  const n = police.length;
  expect(dialog).toHaveTextContent(
    `${programs} program${programs === 1 ? "" : "s"} (${n} line${n === 1 ? "" : "s"}) shown by the filters, ` +
      `${formatMoney(amount)} in all`
  );
  await userEvent.click(within(dialog).getByRole("button", { name: `Accept ${n}` }));
  await screen.findByText(`${n} line${n === 1 ? "" : "s"} decided and saved with the workbook.`);

  // Exactly the Police lines were confirmed; no other line's tag was stored.
  const stored = parseState(book.stateRows()).state;
  const added = Object.keys(stored.tags).filter((k) => !parseState(before).state.tags[k]);
  expect(added.sort()).toEqual(police.map(({ l }) => l.key).sort());
  expect(added.every((k) => stored.tags[k].via === "confirmed")).toBe(true);

  // Undo, in one step: the state sheet is back to what it was, byte for byte.
  const group = screen.getByRole("group", { name: "Last bulk action" });
  await userEvent.click(within(group).getByRole("button", { name: "Undo" }));
  await screen.findByText("Undone: the tags are as they were.");
  expect(book.stateRows().map(String)).toEqual(before);
  expect(screen.queryByRole("group", { name: "Last bulk action" })).toBeNull();
});
