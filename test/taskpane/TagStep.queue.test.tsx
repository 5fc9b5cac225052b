/**
 * The Tag step for long budgets: how far staff are by program, "Confirm next" inline in the grid (the program's
 * reason and its top goals as buttons; choosing one moves to the next), the keyboard on lines.
 * A file of its own for a fresh jsdom.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import type { LineTag } from "../../src/core/types";
import { TagStep } from "../../src/taskpane/components/TagStep";
import { programKeyOf } from "../../src/taskpane/model/grid";
import { lines, tags } from "./fixtures";
import { gridRowEls, rowOf, setupTagStep } from "./tag-step";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(180_000);

test("progress by program, Confirm next inline, and the keyboard on lines", async () => {
  const { props, view } = setupTagStep();
  // No program is wholly confirmed; $1,000,000 of $1,700,000 was decided by a person.
  expect(screen.getByLabelText("Confirmed so far")).toHaveTextContent(
    "0 of 4 programs, $1,000,000 of $1,700,000 confirmed"
  );

  // Confirm next: Recreation ($300,000 at 50%) first, highlighted with its reason and goals, under its row.
  await userEvent.click(screen.getByRole("button", { name: "Confirm next (4 left)" }));
  const panel = screen.getByRole("group", { name: "Confirm Parks › Recreation" });
  expect(panel).toHaveTextContent("Why: matched 'pool' to G2.1");
  const rows = gridRowEls();
  const at = rows.indexOf(rowOf(programKeyOf(lines[2])));
  expect(rows[at + 1]).toContainElement(panel);
  await userEvent.click(
    within(panel).getByRole("button", {
      name: "Parks › Recreation goes to G2.1 Expand park access",
    })
  );
  const [accept, what] = (props.onAcceptAll as jest.Mock).mock.calls[0];
  expect(accept.tags).toEqual({
    [lines[2].key]: expect.objectContaining({
      goals: [{ id: "G2.1", share: 1 }],
      via: "confirmed",
    }),
  });
  expect(what).toBe("program Recreation: 1 line, $300,000 → G2.1.");

  // The pane retags: Recreation is now a person's, and the next program comes up (Records, no goal: its nearest).
  const after: LineTag[] = tags.map((t, i) =>
    i === 2 ? { ...t, source: "manual", confidence: 1 } : t
  );
  view.rerender(
    <FluentProvider theme={webLightTheme}>
      <TagStep {...props} tags={after} />
    </FluentProvider>
  );
  expect(screen.getByLabelText("Confirmed so far")).toHaveTextContent(
    "1 of 4 programs, $1,300,000 of $1,700,000 confirmed"
  );
  const next = screen.getByRole("group", { name: "Confirm Clerk › Records" });
  expect(
    within(next)
      .getAllByRole("button")
      .map((b) => b.textContent)
  ).toEqual(["G1.2 Safer streets", "Skip", "Stop"]);
  // Skip goes on to the next one; Stop closes the panel.
  await userEvent.click(within(next).getByRole("button", { name: "Skip" }));
  const third = screen.getByRole("group", { name: "Confirm Fire › Suppression" });
  await userEvent.click(within(third).getByRole("button", { name: "Stop" }));
  expect(screen.queryByRole("group", { name: /^Confirm / })).toBeNull();

  // On a line: Enter accepts its goal as a person's decision; arrows move and select.
  rowOf(programKeyOf(lines[0])).focus();
  await userEvent.keyboard("{ArrowRight}");
  rowOf(lines[1].key).focus();
  await userEvent.keyboard("{Enter}");
  expect(props.onSetTag).toHaveBeenLastCalledWith(lines[1].key, {
    goals: [{ id: "G1.1", share: 1 }],
    via: "confirmed",
    label: "Fire / Suppression / 5006 / Overtime",
  });
  await userEvent.keyboard("{ArrowUp}");
  expect(props.onSelect).toHaveBeenLastCalledWith(lines[0]);
});

test("every fourth confirmation is a spot check of a sure answer, and the panel says so", async () => {
  // Suppression and Recreation decided (two programs taken): the third place goes by money × uncertainty
  // (Records), the fourth is a spot check of the largest money the engine is sure of (Maintenance at 90%).
  const sure: LineTag[] = tags.map((t, i) =>
    i === 1 || i === 2
      ? { ...t, source: "manual", confidence: 1 }
      : i === 3
        ? { ...t, source: "suggested", confidence: 0.9, why: "matched 'mowing' to G2.1" }
        : t
  );
  setupTagStep({ tags: sure });
  await userEvent.click(screen.getByRole("button", { name: "Confirm next (2 left)" }));
  const first = screen.getByRole("group", { name: "Confirm Clerk › Records" });
  expect(first).not.toHaveTextContent("Spot check");
  await userEvent.click(within(first).getByRole("button", { name: "Skip" }));
  const spot = screen.getByRole("group", { name: "Confirm Parks › Maintenance" });
  expect(spot).toHaveTextContent("Spot check, 90% sure. Why: matched 'mowing' to G2.1");
});
