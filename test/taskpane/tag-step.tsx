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

export const tagGrid = () => screen.getByRole("treegrid", { name: "Budget programs and lines" });

/** The rows of the grid as shown (programs, their lines when open, the confirm panel), without the header. */
export const gridRowEls = () =>
  within(tagGrid())
    .getAllByRole("row")
    .filter((r) => r.hasAttribute("data-row"));

/** The row of a program or line by its key. */
export const rowOf = (key: string) => {
  const row = gridRowEls().find((r) => r.getAttribute("data-key") === key);
  if (!row) throw new Error(`no row for ${key} in the grid`);
  return row;
};
