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
