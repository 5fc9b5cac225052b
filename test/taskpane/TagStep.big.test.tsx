/**
 * The Tag step over a budget longer than SPREAD_LINES: the step shows at once, and its list and counts (each a pass
 * over every line) follow in tasks of their own — then they are the same as for a short budget: every line listed
 * under its program, the counts of what bulk accept and Confirm next would act on.
 * A file of its own for a fresh jsdom.
 */
import { screen, within } from "@testing-library/react";
import * as React from "react";
import type { BudgetLine, LineTag } from "../../src/core/types";
import { SPREAD_LINES, TagStep } from "../../src/taskpane/components/TagStep";
import { lines as few, plan, tags as fewTags } from "./fixtures";
import { renderFluent } from "./render";

jest.setTimeout(180_000);
/** How long to wait for the spread work (a bound for a slow shared machine, not a time being tested). */
const wait = { timeout: 60_000 };

const N = SPREAD_LINES + 1000;
const lines: BudgetLine[] = [];
const tags: LineTag[] = [];
for (let i = 0; i < N; i++) {
  const base = few[i % few.length];
  const tag = fewTags[i % few.length];
  const key = `${base.key}|${i}`;
  lines.push({ ...base, key, row: i + 2, description: `${base.description} ${i}` });
  tags.push({ ...tag, key });
}

test("a long budget: the step shows first, then its list and counts", async () => {
  renderFluent(
    <TagStep
      lines={lines}
      tags={tags}
      plan={plan}
      rules={[]}
      selectedKey={null}
      busy={false}
      listHeight={400}
      onSelect={jest.fn()}
      onSetTag={jest.fn()}
      onAcceptAll={jest.fn()}
      onAddRule={jest.fn()}
      onRemoveRule={jest.fn()}
    />
  );
  // First render: nothing counted yet, and nothing that acts on counts can be pressed.
  expect(screen.getByRole("status")).toHaveTextContent(`Preparing the list of 21,000 lines…`);
  expect(screen.getByLabelText("Confirmed so far")).toHaveTextContent(
    "Counting the confirmed programs…"
  );
  expect(screen.getByRole("button", { name: "Accept suggestions (counting…)" })).toBeDisabled();
  expect(screen.getByRole("button", { name: "Confirm next" })).toBeDisabled();

  // Then, task by task, what a short budget shows at once: the same four programs, none wholly confirmed.
  await screen.findByText("21,000 of 21,000 lines shown", {}, wait);
  const money = (pick: (i: number) => boolean) =>
    lines.reduce((s, l, i) => s + (pick(i) ? Math.abs(l.amount) : 0), 0);
  const confirmed = money((i) => tags[i].source === "manual");
  const all = money(() => true);
  await screen.findByText(
    `0 of 4 programs, $${confirmed.toLocaleString("en-US")} of $${all.toLocaleString("en-US")} confirmed`,
    {},
    wait
  );
  expect(await screen.findByRole("button", { name: "Confirm next (4 left)" }, wait)).toBeEnabled();
  // The fixtures' best suggestion is 85%: none is sure enough for the safe level, lower ones are offered.
  expect(
    await screen.findByRole("button", { name: "Accept suggestions… (none sure enough)" }, wait)
  ).toBeEnabled();
  const grid = screen.getByRole("treegrid", { name: "Budget programs and lines" });
  expect(within(grid).getAllByRole("row").length).toBe(5);
});
