/**
 * The Tag step for long budgets: how far staff are, the "Not yet confirmed" filter, accepting a program from its
 * header row, the keyboard (Enter accepts, G opens the goal picker) and the "Confirm next" queue.
 * A file of its own for a fresh jsdom.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { TagStep } from "../../src/taskpane/components/TagStep";
import { lines } from "./fixtures";
import { setupTagStep, tagOptions } from "./tag-step";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(180_000);

test("progress, the not-yet-confirmed filter, a program accepted from its header, the keyboard and the queue", async () => {
  const { props, view } = setupTagStep();
  // One line of five, $1,000,000 of $1,700,000, was decided by a person.
  expect(screen.getByLabelText("Confirmed so far")).toHaveTextContent(
    "1 of 5 lines (59% of the money) confirmed"
  );

  await userEvent.click(screen.getByRole("checkbox", { name: "Not yet confirmed" }));
  expect(tagOptions().map((o) => o.getAttribute("data-key"))).toEqual(
    [1, 2, 3, 4].map((i) => lines[i].key)
  );
  await userEvent.click(screen.getByRole("checkbox", { name: "Not yet confirmed" }));

  // The Fire / Suppression header accepts its one undecided line; Records (no goal) offers no Accept.
  await userEvent.click(screen.getByRole("button", { name: "Accept program Suppression" }));
  const [accept, what] = (props.onAcceptAll as jest.Mock).mock.calls[0];
  expect(Object.keys(accept.tags)).toEqual([lines[1].key]);
  expect(what).toBe("program Suppression: 1 line, $200,000.");
  expect(screen.queryByRole("button", { name: "Accept program Records" })).toBeNull();

  // Enter accepts the focused line's goal as a person's decision.
  tagOptions()[2].focus();
  await userEvent.keyboard("{Enter}");
  expect(props.onSetTag).toHaveBeenLastCalledWith(lines[2].key, {
    goals: [{ id: "G2.1", share: 1 }],
    via: "confirmed",
    label: "Parks / Recreation / 5008 / Pool staff",
  });
  // Arrows move (and select).
  await userEvent.keyboard("{ArrowDown}");
  expect(props.onSelect).toHaveBeenLastCalledWith(lines[3]);

  // "Confirm next": the undecided line worth most (Recreation, 300k at 50%) is selected first.
  await userEvent.click(screen.getByRole("button", { name: "Confirm next (4 left)" }));
  expect(props.onSelect).toHaveBeenLastCalledWith(lines[2]);

  // With a line selected, its detail is above the list, and G opens the goal picker.
  view.rerender(
    <FluentProvider theme={webLightTheme}>
      <TagStep {...props} selectedKey={lines[4].key} />
    </FluentProvider>
  );
  const card = screen.getByLabelText("Selected line");
  const list = screen.getByRole("listbox", { name: "Budget lines by program" });
  expect(card.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  tagOptions()[4].focus();
  await userEvent.keyboard("g");
  const picker = within(card).getByRole("combobox", { name: "Goal for this line" });
  await waitFor(() => expect(document.activeElement).toBe(picker));
});
