import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { LineTag, TagOrigin } from "../../src/core/types";
import { lines, tags } from "./fixtures";
import { setupTagStep } from "./tag-step";

// The Tag step's editing tools (goal picker, split, rules, accept all); a file of its own for a fresh jsdom.

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(300_000);

/** Options of an open goal picker (not the lines of the list, which are options of their own listbox). */
const pickerOption = (name: RegExp) => screen.getAllByRole("option", { name })[0];
const pickerOptions = () => screen.getAllByRole("option");

/** The Records line (row 11) confirmed not a program, as the workflow tags it, with its reason and where it was said. */
const notAProgram = (why: string, origin: TagOrigin): LineTag => ({
  ...tags[4],
  goals: [],
  source: "none",
  confidence: 0,
  why,
  flagged: false,
  nearest: undefined,
  origin,
  confirmedNonProgram: true,
});

describe("TagStep editing", () => {
  it("shows a line whose Goal cell says Non-program as decided there, with no goal to set here", () => {
    const nonProgram = notAProgram('Confirmed not a program: Budget!H11 says "Non-program".', {
      via: "sheet",
      cell: "Budget!H11",
    });
    setupTagStep({ selectedKey: lines[4].key, tags: [...tags.slice(0, 4), nonProgram] });
    const card = screen.getByRole("group", { name: "Selected line" });
    expect(card.textContent).toContain("Not a program · decided in its Goal cell");
    expect(card.textContent).not.toContain("confidence");
    expect(within(card).getByRole("note").textContent).toBe(
      'Budget!H11 says "Non-program": the line is decided there. To give it a goal, type the goal in that cell instead.'
    );
    expect(within(card).queryByRole("button", { name: "Set goal" })).toBeNull();
    expect(within(card).queryByRole("button", { name: /^Accept/ })).toBeNull();
  });

  it("says a line is not a program from its card, and shows one said so in the pane as a decision to clear or replace", async () => {
    const { props, view } = setupTagStep({ selectedKey: lines[4].key });
    let card = screen.getByRole("group", { name: "Selected line" });
    await userEvent.click(within(card).getByRole("button", { name: "Not a program" }));
    expect(props.onSetTag).toHaveBeenLastCalledWith(lines[4].key, {
      goals: [],
      via: "pane",
      label: "Clerk / Records / 5011 / Archive boxes",
      nonProgram: true,
    });
    view.unmount();

    const saidInPane = notAProgram("Confirmed not a program: set in the task pane on 2026-12-07.", {
      via: "pane",
      at: "2026-12-07T09:00:00.000Z",
    });
    const again = setupTagStep({
      selectedKey: lines[4].key,
      tags: [...tags.slice(0, 4), saidInPane],
    });
    card = screen.getByRole("group", { name: "Selected line" });
    expect(card.textContent).toContain("Not a program · set in the task pane");
    expect(within(card).queryByRole("button", { name: "Not a program" })).toBeNull();
    expect(within(card).getByRole("button", { name: "Set goal" })).toBeTruthy();
    await userEvent.click(within(card).getByRole("button", { name: "Clear my tag" }));
    expect(again.props.onSetTag).toHaveBeenLastCalledWith(lines[4].key, null);
  });

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

  it("adds a rule from a line: its program by default, the department offered, and says what it moves", async () => {
    // Salaries suggested on G1.2 here (not a person's): a rule for its program would move it to G1.1.
    const mixed = tags.map((t, i) =>
      i === 0
        ? { ...t, source: "suggested" as const, confidence: 0.9, goals: [{ id: "G1.2", share: 1 }] }
        : t
    );
    const { props } = setupTagStep({ selectedKey: lines[1].key, tags: mixed });
    // the rule's goal starts at the line's current goal, its scope at the line's program
    expect(screen.getByRole("combobox", { name: "Goal of the rule" })).toHaveValue(
      "G1.1 Faster emergency response"
    );
    expect(screen.getByRole("combobox", { name: "Field of the rule" })).toHaveTextContent(
      "Program"
    );
    expect(screen.getByRole("note", { name: "What the rule will do" })).toHaveTextContent(
      "Moves 1 line ($1,000,000) in 1 program to G1.1; 1 line already there."
    );
    await userEvent.click(screen.getByRole("button", { name: "The whole department instead" }));
    expect(screen.getByRole("combobox", { name: "Field of the rule" })).toHaveTextContent(
      "Department"
    );
    await userEvent.click(screen.getByRole("button", { name: "Add rule" }));
    expect(props.onAddRule).toHaveBeenCalledWith({
      field: "department",
      op: "equals",
      value: "Fire",
      target: "G1.1",
    });
  });

  it("bulk accept: safe by default, lists what it accepts, then accepts it; rules are listed", async () => {
    const { props } = setupTagStep({
      rules: [{ field: "department", op: "equals", value: "Parks", target: "G2.1" }],
    });
    // No suggestion of the fixtures is sure enough (85% at best): nothing is offered at the safe level.
    await userEvent.click(
      screen.getByRole("button", { name: "Accept suggestions… (none sure enough)" })
    );
    const dialog = await screen.findByRole("alertdialog", {
      name: "Confirm accepting suggestions",
    });
    expect(within(dialog).getByRole("button", { name: "Accept 0" })).toBeDisabled();
    await userEvent.click(within(dialog).getByRole("combobox", { name: "Confidence to accept" }));
    await userEvent.click(screen.getByRole("option", { name: /^80% or more/ }));
    expect(dialog).toHaveTextContent(
      "1 program (1 line) shown by the filters, $200,000 in all, with suggestions at 80% or more."
    );
    expect(dialog).toHaveTextContent(
      "Below the safe level: the engine expects about 85% of them to be right."
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "▸ Show the 1 program" }));
    expect(within(dialog).getByRole("list", { name: "What it will accept" })).toHaveTextContent(
      "Fire › Suppression: $200,000 → G1.1 (1 line, lowest 85%)"
    );
    expect(props.onAcceptAll).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Accept 1" }));
    const [accept] = (props.onAcceptAll as jest.Mock).mock.calls[0];
    expect(Object.keys(accept.tags)).toEqual([lines[1].key]);
    expect(accept).toMatchObject({ lines: 1, amount: 200_000 });
    // The level chosen stays for the next time.
    expect(screen.getByRole("button", { name: "Accept 1 program ($200,000)" })).toBeEnabled();
    expect(screen.getByRole("region", { name: "Rules" })).toHaveTextContent(
      'Department is "Parks" → G2.1 Expand park access'
    );
    await userEvent.click(screen.getByRole("button", { name: "Remove rule 1" }));
    expect(props.onRemoveRule).toHaveBeenCalledWith(0);
  });
});
