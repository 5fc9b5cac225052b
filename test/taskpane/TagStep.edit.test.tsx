import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { lines } from "./fixtures";
import { setupTagStep } from "./tag-step";

// The Tag step's editing tools (goal picker, split, rules, accept all); a file of its own for a fresh jsdom.

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(180_000);

/** Options of an open goal picker (not the lines of the list, which are options of their own listbox). */
const pickerOption = (name: RegExp) =>
  screen
    .getAllByRole("option", { name })
    .filter((o) => !o.closest('[aria-label="Budget lines by program"]'))[0];
const pickerOptions = () =>
  screen.getAllByRole("option").filter((o) => !o.closest('[aria-label="Budget lines by program"]'));

describe("TagStep editing", () => {
  it("picks another goal from the searchable picker, and splits between two goals", async () => {
    const { props } = setupTagStep({ selectedKey: lines[4].key });
    const picker = screen.getByRole("combobox", { name: "Goal for this line" });
    await userEvent.type(picker, "park");
    expect(pickerOptions().map((o) => o.textContent)).toEqual([
      "P2 Thriving Parks",
      "G2.1 Thriving Parks › Expand park access",
    ]);
    await userEvent.click(pickerOption(/G2.1/));
    await userEvent.click(screen.getByRole("button", { name: "Set goal" }));
    expect(props.onSetTag).toHaveBeenLastCalledWith(lines[4].key, {
      goals: [{ id: "G2.1", share: 1 }],
      via: "pane",
      label: "Clerk / Records / 5011 / Archive boxes",
    });

    // an empty picker lists every goal when opened
    await userEvent.click(screen.getByRole("combobox", { name: "Second goal of the split" }));
    await userEvent.click(pickerOption(/G1.2/));
    const share = screen.getByRole("spinbutton", { name: "% to the first goal" });
    await userEvent.clear(share);
    await userEvent.type(share, "70");
    await userEvent.click(screen.getByRole("button", { name: "Split" }));
    const last = (props.onSetTag as jest.Mock).mock.calls.at(-1);
    expect(last[1].goals[0]).toEqual({ id: "G2.1", share: 0.7 });
    expect(last[1].goals[1].id).toBe("G1.2");
    expect(last[1].goals[1].share).toBeCloseTo(0.3);
  });

  it("adds a rule from a line: all lines of this department go to a goal", async () => {
    const { props } = setupTagStep({ selectedKey: lines[2].key });
    // the rule's goal starts at the line's current goal
    expect(screen.getByRole("combobox", { name: "Goal of the rule" })).toHaveValue(
      "G2.1 Expand park access"
    );
    await userEvent.click(screen.getByRole("button", { name: "Add rule" }));
    expect(props.onAddRule).toHaveBeenCalledWith({
      field: "department",
      op: "equals",
      value: "Parks",
      target: "G2.1",
    });
  });

  it("accepts every suggestion above a confidence in one step, and lists rules", async () => {
    const { props } = setupTagStep({
      rules: [{ field: "department", op: "equals", value: "Parks", target: "G2.1" }],
    });
    await userEvent.click(screen.getByRole("button", { name: "Accept 1 suggestion ($200,000)" }));
    // It asks first, saying how many lines and how much money.
    const dialog = await screen.findByRole("alertdialog", {
      name: "Confirm accepting suggestions",
    });
    expect(dialog).toHaveTextContent(
      "1 line shown by the filters, $200,000 in all, with suggestions at 80% or more."
    );
    expect(props.onAcceptAll).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Accept 1" }));
    const [accept] = (props.onAcceptAll as jest.Mock).mock.calls[0];
    expect(Object.keys(accept.tags)).toEqual([lines[1].key]);
    expect(accept).toMatchObject({ lines: 1, amount: 200_000 });
    await userEvent.click(screen.getByRole("combobox", { name: "Confidence to accept" }));
    await userEvent.click(screen.getByRole("option", { name: "50%" }));
    expect(screen.getByRole("button", { name: "Accept 2 suggestions ($500,000)" })).toBeEnabled();
    // With a department filter it counts, and accepts, that department's lines only.
    await userEvent.click(screen.getByRole("combobox", { name: "Department filter" }));
    await userEvent.click(screen.getByRole("option", { name: "Parks" }));
    await userEvent.click(screen.getByRole("button", { name: "Accept 1 suggestion ($300,000)" }));
    await userEvent.click(
      within(
        await screen.findByRole("alertdialog", { name: "Confirm accepting suggestions" })
      ).getByRole("button", { name: "Accept 1" })
    );
    const [parks] = (props.onAcceptAll as jest.Mock).mock.calls[1];
    expect(Object.keys(parks.tags)).toEqual([lines[2].key]);
    expect(parks).toMatchObject({ lines: 1, amount: 300_000 });
    expect(screen.getByRole("region", { name: "Rules" })).toHaveTextContent(
      'Department is "Parks" → G2.1 Expand park access'
    );
    await userEvent.click(screen.getByRole("button", { name: "Remove rule 1" }));
    expect(props.onRemoveRule).toHaveBeenCalledWith(0);
  });
});
