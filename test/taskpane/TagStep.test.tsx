import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import { TagStep, type TagStepProps } from "../../src/taskpane/components/TagStep";
import { lines, plan, tags } from "./fixtures";
import { renderFluent } from "./render";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(60_000);

function setup(over: Partial<TagStepProps> = {}) {
  const props: TagStepProps = {
    lines,
    tags,
    plan,
    rules: [],
    selectedKey: null,
    busy: false,
    listHeight: 600,
    onSelect: jest.fn(),
    onSetTag: jest.fn(),
    onAcceptAll: jest.fn(),
    onAddRule: jest.fn(),
    onRemoveRule: jest.fn(),
    ...over,
  };
  const view = renderFluent(<TagStep {...props} />);
  return { props, view };
}

/** Options of an open goal picker (not the lines of the list, which are options of their own listbox). */
const pickerOption = (name: RegExp) =>
  screen
    .getAllByRole("option", { name })
    .filter((o) => !o.closest('[aria-label="Budget lines by program"]'))[0];
const pickerOptions = () =>
  screen.getAllByRole("option").filter((o) => !o.closest('[aria-label="Budget lines by program"]'));

const options = () =>
  within(screen.getByRole("listbox", { name: "Budget lines by program" })).getAllByRole("option");

describe("TagStep", () => {
  it("lists lines grouped by program with goal, source and confidence", () => {
    setup();
    const list = screen.getByRole("listbox", { name: "Budget lines by program" });
    expect(list).toHaveTextContent("Fire › Suppression");
    expect(list).toHaveTextContent("2 · $1,200,000");
    expect(options()).toHaveLength(5);
    expect(options()[1]).toHaveTextContent(
      "Overtime$200,000Suggested 85%G1.1 Faster emergency response"
    );
    expect(options()[4]).toHaveTextContent("UntaggedNo goal");
    expect(screen.getByText("5 of 5 lines shown")).toBeInTheDocument();
  });

  it("filters flagged and low-confidence lines and by department", async () => {
    setup();
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    expect(options()).toHaveLength(1);
    expect(options()[0]).toHaveTextContent("Archive boxes");
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Low confidence" }));
    expect(options().map((o) => o.getAttribute("data-key"))).toEqual([lines[2].key, lines[4].key]);
    await userEvent.click(screen.getByRole("checkbox", { name: "Low confidence" }));
    await userEvent.click(screen.getByRole("combobox", { name: "Department filter" }));
    await userEvent.click(screen.getByRole("option", { name: "Parks" }));
    expect(screen.getByText("2 of 5 lines shown")).toBeInTheDocument();
  });

  it("selects a line by click or keys", async () => {
    const { props } = setup();
    await userEvent.click(options()[1]);
    expect(props.onSelect).toHaveBeenLastCalledWith(lines[1]);
    options()[1].focus();
    await userEvent.keyboard("{ArrowDown}");
    // the next line is under the next program heading
    expect(props.onSelect).toHaveBeenLastCalledWith(lines[2]);
  });

  it("accepts the selected line's suggestion as a confirmed tag", async () => {
    const { props } = setup({ selectedKey: lines[1].key });
    const card = screen.getByLabelText("Selected line");
    expect(card).toHaveTextContent("Why: matched 'overtime' in Fire to G1.1");
    await userEvent.click(within(card).getByRole("button", { name: "Accept suggestion (G1.1)" }));
    expect(props.onSetTag).toHaveBeenCalledWith(lines[1].key, {
      goals: [{ id: "G1.1", share: 1 }],
      via: "confirmed",
      label: "Fire / Suppression / 5006 / Overtime",
    });
  });

  it("picks another goal from the searchable picker, and splits between two goals", async () => {
    const { props } = setup({ selectedKey: lines[4].key });
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

    await userEvent.type(
      screen.getByRole("combobox", { name: "Second goal of the split" }),
      "G1.2"
    );
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
    const { props } = setup({ selectedKey: lines[2].key });
    await userEvent.type(
      screen.getByRole("combobox", { name: "Goal of the rule" }),
      "{Control>}a{/Control}G2.1"
    );
    await userEvent.click(pickerOption(/G2.1/));
    await userEvent.click(screen.getByRole("button", { name: "Add rule" }));
    expect(props.onAddRule).toHaveBeenCalledWith({
      field: "department",
      op: "equals",
      value: "Parks",
      target: "G2.1",
    });
  });

  it("accepts every suggestion above a confidence in one step, and lists rules", async () => {
    const { props } = setup({
      rules: [{ field: "department", op: "equals", value: "Parks", target: "G2.1" }],
    });
    await userEvent.click(screen.getByRole("button", { name: "Accept 1 suggestion" }));
    expect(Object.keys((props.onAcceptAll as jest.Mock).mock.calls[0][0])).toEqual([lines[1].key]);
    await userEvent.click(screen.getByRole("combobox", { name: "Confidence to accept" }));
    await userEvent.click(screen.getByRole("option", { name: "50%" }));
    expect(screen.getByRole("button", { name: "Accept 2 suggestions" })).toBeEnabled();
    expect(screen.getByRole("region", { name: "Rules" })).toHaveTextContent(
      'Department is "Parks" → G2.1 Expand park access'
    );
    await userEvent.click(screen.getByRole("button", { name: "Remove rule 1" }));
    expect(props.onRemoveRule).toHaveBeenCalledWith(0);
  });
});

describe("TagStep with 100,000 lines", () => {
  it("renders only the rows in view (the list is virtualised) and filters the whole set", async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      ...lines[i % lines.length],
      key: `line-${i}`,
      row: i + 2,
      program: `Program ${Math.floor(i / 50)}`,
    }));
    const manyTags = many.map((l, i) => ({ ...tags[i % tags.length], key: l.key }));
    setup({ lines: many, tags: manyTags, listHeight: 520 });
    expect(screen.getByText("100,000 of 100,000 lines shown")).toBeInTheDocument();
    const rendered = within(
      screen.getByRole("listbox", { name: "Budget lines by program" })
    ).getAllByRole("option");
    expect(rendered.length).toBeLessThan(20);
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    expect(screen.getByText("20,000 of 100,000 lines shown")).toBeInTheDocument();
  });
});
