import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, type RenderResult } from "@testing-library/react";
import * as React from "react";

/** Renders inside a FluentProvider, as the pane does. */
export function renderFluent(ui: React.ReactElement): RenderResult {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}
