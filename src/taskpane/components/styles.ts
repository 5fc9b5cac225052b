import { tokens, type GriffelStyle } from "@fluentui/react-components";

/**
 * A row of fields and their buttons that wraps in a narrow pane, the buttons level with the fields' inputs: one
 * style for a line's card, its goal and split pickers, and a measure's entry.
 */
export const fieldRow: GriffelStyle = {
  display: "flex",
  flexWrap: "wrap",
  columnGap: tokens.spacingHorizontalS,
  rowGap: tokens.spacingVerticalXS,
  alignItems: "flex-end",
};

/**
 * Read by screen readers, not shown: the whole words a short label on screen stands for (the short one beside it is
 * `aria-hidden`, and says the same in its title).
 */
export const visuallyHidden: GriffelStyle = {
  position: "absolute",
  width: "1px",
  height: "1px",
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
};

/** One line, cut with an ellipsis only if the pane is narrower than the text (the whole text in its title). */
export const oneLine: GriffelStyle = {
  minWidth: 0,
  overflow: "hidden",
  textOverflow: "ellipsis",
  whiteSpace: "nowrap",
};
