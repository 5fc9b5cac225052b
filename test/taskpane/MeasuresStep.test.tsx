import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import * as React from "react";
import type { Measure } from "../../src/core/measures/model";
import { MeasuresStep, type MeasuresStepProps } from "../../src/taskpane/components/MeasuresStep";
import { plan } from "./fixtures";
import { renderFluent } from "./render";

// Fluent components are heavy in jsdom on a shared machine; these tests assert behaviour, never timing.
jest.setTimeout(180_000);

const TODAY = "2026-11-22"; // FY27, second quarter

const measure = (over: Partial<Measure>): Measure => ({
  id: "M-1",
  name: "Calls answered in 15 seconds",
  node: "A2",
  unit: "%",
  direction: "increase",
  interval: "snapshot",
  targets: { FY27: 90 },
  actuals: { "FY27 Q1": 91 },
  owner: "Dispatch",
  origin: { sheet: "Measures", rows: [5], idCol: "A" },
  ...over,
});

const measures: Measure[] = [
  measure({}),
  // Lower is better: 7.5 against 6 is missed (not met because the number is higher).
  measure({
    id: "M-2",
    name: "Minutes to arrive",
    unit: "minutes",
    direction: "decrease",
    targets: { FY27: 6 },
    actuals: { "FY27 Q1": 7.5 },
    owner: "Fire",
    origin: { sheet: "Measures", rows: [6], idCol: "A" },
  }),
  // A target and no actual this year (last year's actual is not carried forward): no data.
  measure({
    id: "M-3",
    name: "Stations fully staffed",
    node: "G1.1.1",
    unit: "count",
    interval: "cumulative",
    targets: { FY26: 8, FY27: 10 },
    actuals: { FY26: 9 },
    owner: "Fire",
    origin: { sheet: "Measures", rows: [7], idCol: "A" },
  }),
  measure({
    id: "M-4",
    name: "Visitors to new parks",
    node: "A3",
    unit: "count",
    direction: null,
    targets: { FY27: 1000 },
    actuals: { "FY27 Q1": 400 },
    owner: "Parks",
    origin: { sheet: "Measures", rows: [8], idCol: "A" },
  }),
];

function setup(over: Partial<MeasuresStepProps> = {}) {
  const props: MeasuresStepProps = {
    plan,
    measures,
    issues: [
      {
        severity: "warning",
        code: "measures.unreadable",
        sheet: "Measures",
        cell: "H9",
        message: 'Measures!H9: "two hundred" is not a number; it is left out (never read as 0).',
      },
      { severity: "warning", code: "tag.low", message: "not about measures" },
    ],
    today: TODAY,
    busy: false,
    problems: [],
    message: null,
    onDismissMessage: jest.fn(),
    onAdd: jest.fn(async () => true),
    onEnterActual: jest.fn(async () => true),
    onGoToCell: jest.fn(),
    ...over,
  };
  renderFluent(<MeasuresStep {...props} />);
  return props;
}

/** Types by pasting (one input event: Fluent fields are slow to type into key by key in jsdom). */
async function typeInto(el: HTMLElement, text: string) {
  await userEvent.click(el);
  await userEvent.paste(text);
}

const goalButton = (name: RegExp) => screen.getByRole("button", { name });

describe("MeasuresStep", () => {
  it("shows each goal's status and counts; no data and no direction are never met", async () => {
    setup();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Measures (FY27 so far, 4 measures): 1 met, 0 near, 1 missed, 1 no data, 1 direction not set."
    );
    // G1.1 holds M-1 (met), M-2 (missed) and M-3 (no data): worst of those with data → missed, 1 without data.
    const g11 = goalButton(/G1\.1 Faster emergency response/);
    expect(g11).toHaveTextContent("✘ missed");
    expect(g11).toHaveTextContent("3 measures: 1 met, 0 near, 1 missed, 1 no data");
    expect(goalButton(/G1\.2 Safer streets/)).toHaveTextContent("No measures yet");
    const g21 = goalButton(/G2\.1 Expand park access/);
    expect(g21).toHaveTextContent("? direction not set");
    expect(g21).not.toHaveTextContent("✔");

    // The first goal with measures is open: each measure with its status word and how it was found.
    const m3 = screen.getByRole("region", { name: "Measure M-3" });
    expect(m3).toHaveTextContent("○ no data");
    expect(m3).toHaveTextContent("FY27: no actual yet");
    expect(m3).not.toHaveTextContent("✔");
    const m2 = screen.getByRole("region", { name: "Measure M-2" });
    expect(m2).toHaveTextContent("✘ missed");
    expect(m2).toHaveTextContent("FY27 Q1: 7.5 minutes against 6 expected · lower is better");
    // Only the measure problems are listed, with a link to their cell.
    const problems = screen.getByRole("region", { name: "Measure problems" });
    expect(problems).toHaveTextContent('"two hundred" is not a number');
    expect(problems).not.toHaveTextContent("not about measures");
  });

  it("links a problem and a measure to their cells", async () => {
    const props = setup();
    await userEvent.click(screen.getByRole("button", { name: "Go to Measures!H9" }));
    expect(props.onGoToCell).toHaveBeenCalledWith("Measures", "H9");
    const m1 = screen.getByRole("region", { name: "Measure M-1" });
    await userEvent.click(within(m1).getByRole("button", { name: "Measures!A5" }));
    expect(props.onGoToCell).toHaveBeenLastCalledWith("Measures", "A5");
  });

  it("shows the status as an actual is typed, and saves it for the chosen period", async () => {
    const props = setup();
    const m2 = screen.getByRole("region", { name: "Measure M-2" });
    const input = within(m2).getByRole("textbox", { name: "FY27 Q2 actual of M-2" });
    const save = within(m2).getByRole("button", { name: "Save" });
    expect(save).toBeDisabled();
    await typeInto(input, "5.5");
    expect(m2).toHaveTextContent("Would be met: 5.5 against 6 expected");
    await userEvent.clear(input);
    await typeInto(input, "6.4");
    expect(m2).toHaveTextContent("Would be near: 6.4 against 6 expected");
    await userEvent.clear(input);
    await typeInto(input, "soon");
    expect(m2).toHaveTextContent('"soon" is not a number');
    expect(save).toBeDisabled();
    await userEvent.clear(input);
    await typeInto(input, "5.9");
    await userEvent.click(save);
    expect(props.onEnterActual).toHaveBeenCalledWith(
      expect.objectContaining({ id: "M-2" }),
      "FY27 Q2",
      5.9
    );
    // A measure without a direction is never met, whatever is typed.
    await userEvent.click(goalButton(/G2\.1 Expand park access/));
    const m4 = screen.getByRole("region", { name: "Measure M-4" });
    await typeInto(within(m4).getByRole("textbox"), "5000");
    expect(m4).toHaveTextContent("Would be direction not set");
  });

  it("a measure from the plan (no row on the Measures sheet) takes no actual here and says where to add it", () => {
    const { origin: _origin, ...fromPlan } = measure({ id: "A2", name: "Dispatch system live" });
    void _origin;
    setup({ measures: [fromPlan] });
    const card = screen.getByRole("region", { name: "Measure A2" });
    expect(within(card).queryByRole("textbox")).toBeNull();
    expect(card).toHaveTextContent("add it there (same ID) to enter its actuals here");
  });

  it("filters to the measures one owner owns", async () => {
    setup();
    await userEvent.click(screen.getByRole("combobox", { name: "Owner" }));
    await userEvent.click(screen.getByRole("option", { name: "Fire" }));
    expect(screen.queryByRole("region", { name: "Measure M-1" })).toBeNull();
    expect(screen.getByRole("region", { name: "Measure M-2" })).toBeInTheDocument();
  });

  it("adds a measure to a goal from its button, and shows the problems the core found field by field", async () => {
    const props = setup({
      problems: [{ field: "unit", message: 'Say what is counted: "count", "%", "$", "days"…' }],
    });
    expect(screen.getByText('Say what is counted: "count", "%", "$", "days"…')).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Add a measure to G1.1" }));
    const form = screen.getByRole("form", { name: "Add a measure" });
    expect(within(form).getByRole("combobox", { name: "Goal or action it measures" })).toHaveValue(
      "G1.1 Faster emergency response"
    );
    await typeInto(within(form).getByRole("textbox", { name: "Measure" }), "Fire inspections");
    await typeInto(within(form).getByRole("combobox", { name: "Unit" }), "count");
    await typeInto(within(form).getByRole("textbox", { name: "FY27 target" }), "1,200");
    await userEvent.click(within(form).getByRole("combobox", { name: "Direction" }));
    await userEvent.click(screen.getByRole("option", { name: "increase — higher is better" }));
    await userEvent.click(within(form).getByRole("combobox", { name: "Interval" }));
    await userEvent.click(
      screen.getByRole("option", { name: "cumulative — adds up over the year" })
    );
    await userEvent.click(within(form).getByRole("button", { name: "Add measure" }));
    expect(props.onAdd).toHaveBeenCalledWith({
      name: "Fire inspections",
      node: "G1.1",
      unit: "count",
      direction: "increase",
      interval: "cumulative",
      target: "1,200",
      owner: "",
    });
  });
});
