import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { lines, tags } from "./fixtures";
import { setupTagStep, tagOptions } from "./tag-step";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(60_000);

describe("TagStep", () => {
  it("lists lines grouped by program with goal, source and confidence", () => {
    setupTagStep();
    const list = screen.getByRole("listbox", { name: "Budget lines by program" });
    expect(list).toHaveTextContent("Fire › Suppression");
    expect(list).toHaveTextContent("2 · $1,200,000");
    expect(tagOptions()).toHaveLength(5);
    expect(tagOptions()[1]).toHaveTextContent(
      "Overtime$200,000Suggested 85%G1.1 Faster emergency response"
    );
    expect(tagOptions()[4]).toHaveTextContent("UntaggedNo goal");
    expect(screen.getByText("5 of 5 lines shown")).toBeInTheDocument();
  });

  it("filters flagged and low-confidence lines and by department", async () => {
    setupTagStep();
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    expect(tagOptions()).toHaveLength(1);
    expect(tagOptions()[0]).toHaveTextContent("Archive boxes");
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Low confidence" }));
    expect(tagOptions().map((o) => o.getAttribute("data-key"))).toEqual([
      lines[2].key,
      lines[4].key,
    ]);
    await userEvent.click(screen.getByRole("checkbox", { name: "Low confidence" }));
    await userEvent.click(screen.getByRole("combobox", { name: "Department filter" }));
    await userEvent.click(screen.getByRole("option", { name: "Parks" }));
    expect(screen.getByText("2 of 5 lines shown")).toBeInTheDocument();
  });

  it("selects a line by click or keys", async () => {
    const { props } = setupTagStep();
    await userEvent.click(tagOptions()[1]);
    expect(props.onSelect).toHaveBeenLastCalledWith(lines[1]);
    tagOptions()[1].focus();
    await userEvent.keyboard("{ArrowDown}");
    // the next line is under the next program heading
    expect(props.onSelect).toHaveBeenLastCalledWith(lines[2]);
  });

  it("accepts the selected line's suggestion as a confirmed tag", async () => {
    const { props } = setupTagStep({ selectedKey: lines[1].key });
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
  it("renders only the rows in view (the list is virtualised) and filters the whole set", async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      ...lines[i % lines.length],
      key: `line-${i}`,
      row: i + 2,
      program: `Program ${Math.floor(i / 50)}`,
    }));
    const manyTags = many.map((l, i) => ({ ...tags[i % tags.length], key: l.key }));
    setupTagStep({ lines: many, tags: manyTags, listHeight: 520 });
    // Above SPREAD_LINES the list is worked out in a task of its own after the step shows (no long main-thread task).
    const wait = { timeout: 60_000 };
    expect(await screen.findByText("100,000 of 100,000 lines shown", {}, wait)).toBeInTheDocument();
    const rendered = within(
      screen.getByRole("listbox", { name: "Budget lines by program" })
    ).getAllByRole("option");
    expect(rendered.length).toBeLessThan(20);
    await userEvent.click(screen.getByRole("checkbox", { name: "Flagged" }));
    expect(await screen.findByText("20,000 of 100,000 lines shown", {}, wait)).toBeInTheDocument();
  });
});
