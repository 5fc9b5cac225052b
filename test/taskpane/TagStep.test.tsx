import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { programKeyOf } from "../../src/taskpane/model/grid";
import { lines, tags } from "./fixtures";
import { gridRowEls, rowOf, setupTagStep, tagGrid } from "./tag-step";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(120_000);

const fire = programKeyOf(lines[0]);
const recreation = programKeyOf(lines[2]);

describe("TagStep's grid", () => {
  it("shows one row per program (amount, goal, source), opens to its lines, and sorts by amount", async () => {
    setupTagStep();
    // Each amount twice: whole, and the short form a pane of 360 px or less shows instead (a media rule hides one;
    // test/browser/pane-width.js measures which is shown).
    expect(gridRowEls().map((r) => r.textContent)).toEqual([
      "▸Suppression · Fire$1,200,000$1.2MG1.1Mixed",
      "▸Recreation · Parks$300,000$300KG2.150%",
      "▸Maintenance · Parks$150,000$150KG2.1Rule",
      "▸Records · Clerk$50,000$50K—Flag",
    ]);
    // The reason is on the row (hover, and read out).
    expect(rowOf(fire)).toHaveAttribute(
      "title",
      expect.stringContaining("Why: matched 'overtime' in Fire to G1.1")
    );
    // → opens a program: its lines under it.
    rowOf(fire).focus();
    await userEvent.keyboard("{ArrowRight}");
    expect(rowOf(lines[1].key).textContent).toBe("Overtime$200,000$200KG1.185%");
    expect(rowOf(lines[0].key).textContent).toBe("Salaries$1,000,000$1MG1.1Set");
    expect(screen.getByRole("status")).toHaveTextContent("5 of 5 lines shown");
    // Amount: largest first, then smallest first (lines too), then the budget's order.
    await userEvent.click(within(tagGrid()).getByRole("button", { name: "Amount" }));
    await userEvent.click(within(tagGrid()).getByRole("button", { name: "Amount ↓" }));
    expect(gridRowEls().map((r) => r.getAttribute("data-key"))).toEqual([
      programKeyOf(lines[4]),
      programKeyOf(lines[3]),
      recreation,
      fire,
      lines[1].key,
      lines[0].key,
    ]);
  });

  it("filters in one bar: closed it shows the active filters as chips", async () => {
    setupTagStep();
    const bar = screen.getByRole("group", { name: "Filters" });
    expect(within(bar).queryByRole("checkbox")).toBeNull();
    await userEvent.click(within(bar).getByRole("button", { name: "▸ Filters" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    expect(gridRowEls().map((r) => r.getAttribute("data-key"))).toEqual([programKeyOf(lines[4])]);
    await userEvent.click(screen.getByRole("combobox", { name: "Department filter" }));
    await userEvent.click(screen.getByRole("option", { name: "Clerk" }));
    await userEvent.click(within(bar).getByRole("button", { name: "▾ Filters (2)" }));
    expect(within(bar).queryByRole("checkbox")).toBeNull();
    await userEvent.click(within(bar).getByRole("button", { name: "Remove filter Flagged" }));
    expect(screen.getByRole("status")).toHaveTextContent("1 of 5 lines shown");
    await userEvent.click(within(bar).getByRole("button", { name: "Remove filter Clerk" }));
    expect(screen.getByRole("status")).toHaveTextContent("5 of 5 lines shown");
  });

  it("selects with click, Ctrl-click, Shift-click and Space; Enter accepts the selection, G sets its goal", async () => {
    const { props } = setupTagStep();
    // Ctrl-click two programs: Suppression (one line undecided) and Recreation.
    fireEvent.click(rowOf(fire));
    fireEvent.click(rowOf(recreation), { ctrlKey: true });
    const bar = screen.getByRole("group", { name: "Selection" });
    expect(bar).toHaveTextContent("2 programs, 3 lines, $1,500,000 selected");
    rowOf(recreation).focus();
    await userEvent.keyboard("{Enter}");
    const [accept, what] = (props.onAcceptAll as jest.Mock).mock.calls[0];
    expect(Object.keys(accept.tags)).toEqual([lines[1].key, lines[2].key]);
    expect(accept.tags[lines[2].key]).toMatchObject({
      goals: [{ id: "G2.1", share: 1 }],
      via: "confirmed",
    });
    expect(what).toBe("the selection: 2 lines, $500,000.");

    // Shift-click from Suppression to Maintenance: three programs; Space takes Maintenance out again.
    fireEvent.click(rowOf(fire));
    fireEvent.click(rowOf(programKeyOf(lines[3])), { shiftKey: true });
    expect(screen.getByRole("group", { name: "Selection" })).toHaveTextContent(
      "3 programs, 4 lines"
    );
    rowOf(programKeyOf(lines[3])).focus();
    await userEvent.keyboard(" ");
    expect(screen.getByRole("group", { name: "Selection" })).toHaveTextContent(
      "2 programs, 3 lines"
    );

    // G: a goal for the whole selection.
    rowOf(fire).focus();
    await userEvent.keyboard("g");
    const picker = within(screen.getByRole("group", { name: "Selection" })).getByRole("combobox", {
      name: "Goal for the selection",
    });
    await userEvent.type(picker, "G1.2");
    await userEvent.click(screen.getByRole("option", { name: /G1.2/ }));
    await userEvent.click(screen.getByRole("button", { name: "Set goal" }));
    const [set] = (props.onAcceptAll as jest.Mock).mock.calls[1];
    expect(set.tags).toEqual({
      [lines[0].key]: expect.objectContaining({ goals: [{ id: "G1.2", share: 1 }], via: "pane" }),
      [lines[1].key]: expect.objectContaining({ goals: [{ id: "G1.2", share: 1 }], via: "pane" }),
      [lines[2].key]: expect.objectContaining({ goals: [{ id: "G1.2", share: 1 }], via: "pane" }),
    });
  });

  it("marks the selected lines as not programs, in one undoable step; Clear selection ends the selection", async () => {
    const { props } = setupTagStep();
    fireEvent.click(rowOf(programKeyOf(lines[4])));
    const bar = screen.getByRole("group", { name: "Selection" });
    // Behind the bar's "More actions" (the bar is one line at 320 px): it turns the bar to the other actions.
    const more = within(bar).getByRole("button", { name: "More actions" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    expect(within(bar).queryByRole("button", { name: "Not a program" })).toBeNull();
    await userEvent.click(more);
    // The keyboard lands on the first of them.
    expect(within(bar).getByRole("button", { name: "Not a program" })).toHaveFocus();
    expect(within(bar).queryByRole("button", { name: "Accept" })).toBeNull();
    await userEvent.click(within(bar).getByRole("button", { name: "Not a program" }));
    const [accept, what] = (props.onAcceptAll as jest.Mock).mock.calls[0];
    expect(accept.tags).toEqual({
      [lines[4].key]: expect.objectContaining({ goals: [], via: "pane", nonProgram: true }),
    });
    expect(what).toBe("not a program: 1 line, $50,000.");

    fireEvent.click(rowOf(programKeyOf(lines[4])));
    await userEvent.click(
      within(screen.getByRole("group", { name: "Selection" })).getByRole("button", {
        name: "More actions",
      })
    );
    await userEvent.click(
      within(screen.getByRole("group", { name: "Selection" })).getByRole("button", {
        name: "Clear selection",
      })
    );
    expect(screen.queryByRole("group", { name: "Selection" })).toBeNull();
  });

  it("turns the selection bar back from its other actions by the back button or Escape, focus on More actions", async () => {
    setupTagStep();
    fireEvent.click(rowOf(programKeyOf(lines[4])));
    const bar = screen.getByRole("group", { name: "Selection" });
    await userEvent.click(within(bar).getByRole("button", { name: "More actions" }));
    const back = within(bar).getByRole("button", { name: "Back to Accept and Set goal" });
    expect(back).toHaveAttribute("aria-expanded", "true");
    await userEvent.click(back);
    expect(within(bar).getByRole("button", { name: "Accept" })).toBeInTheDocument();
    expect(within(bar).getByRole("button", { name: "More actions" })).toHaveFocus();

    await userEvent.click(within(bar).getByRole("button", { name: "More actions" }));
    await userEvent.keyboard("{Escape}");
    expect(within(bar).getByRole("button", { name: "Set goal…" })).toBeInTheDocument();
    expect(within(bar).queryByRole("button", { name: "Clear selection" })).toBeNull();
    expect(within(bar).getByRole("button", { name: "More actions" })).toHaveFocus();
    // The selection is still there: Escape on the bar's other actions only turns the bar back.
    expect(screen.getByRole("group", { name: "Selection" })).toBeInTheDocument();
  });

  it("accepts the selected line's suggestion as a confirmed tag", async () => {
    const { props } = setupTagStep({ selectedKey: lines[1].key });
    // The line selected (here or in the sheet) shows under its program, open.
    expect(rowOf(lines[1].key)).toBeInTheDocument();
    const card = screen.getByLabelText("Selected line");
    expect(card).toHaveTextContent("Why: matched 'overtime' in Fire to G1.1");
    await userEvent.click(within(card).getByRole("button", { name: "Accept suggestion (G1.1)" }));
    expect(props.onSetTag).toHaveBeenCalledWith(lines[1].key, {
      goals: [{ id: "G1.1", share: 1 }],
      via: "confirmed",
      label: "Fire / Suppression / 5006 / Overtime",
    });
  });
});

describe("TagStep with 100,000 lines", () => {
  it("renders only the rows in view (the grid is virtualised) and filters the whole set", async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      ...lines[i % lines.length],
      key: `line-${i}`,
      row: i + 2,
      program: `Program ${Math.floor(i / 50)}`,
    }));
    const manyTags = many.map((l, i) => ({ ...tags[i % tags.length], key: l.key }));
    setupTagStep({ lines: many, tags: manyTags, listHeight: 520 });
    // Above SPREAD_LINES the grid is worked out in a task of its own after the step shows.
    const wait = { timeout: 60_000 };
    expect(await screen.findByText("100,000 of 100,000 lines shown", {}, wait)).toBeInTheDocument();
    expect(gridRowEls().length).toBeLessThan(25);
    await userEvent.click(screen.getByRole("button", { name: "▸ Filters" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    expect(await screen.findByText("20,000 of 100,000 lines shown", {}, wait)).toBeInTheDocument();
  });
});
