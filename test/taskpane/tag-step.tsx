/** The Tag step rendered over the fixtures for its component tests, with every callback a jest mock. */
import { screen, within } from "@testing-library/react";
import * as React from "react";
import { TagStep, type TagStepProps } from "../../src/taskpane/components/TagStep";
import { lines, plan, tags } from "./fixtures";
import { renderFluent } from "./render";

export function setupTagStep(over: Partial<TagStepProps> = {}) {
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

/** The rows of the budget-line list as shown. */
export const tagOptions = () =>
  within(screen.getByRole("listbox", { name: "Budget lines by program" })).getAllByRole("option");
