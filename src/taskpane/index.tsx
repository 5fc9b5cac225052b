/**
 * The task pane's entry: renders inside Office.onReady with the Excel port and Office's theme.
 * This file and src/excel are the only places in the pane that name Office.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { ExcelPort } from "../excel/port";
import { App } from "./components/App";
import { createCore } from "./core/create-worker";
import { isDarkBackground } from "./model/theme";

Office.onReady(() => {
  const container = document.getElementById("container");
  if (!container) return;
  const dark = isDarkBackground(Office.context?.officeTheme?.bodyBackgroundColor);
  createRoot(container).render(<App port={new ExcelPort()} dark={dark} core={createCore()} />);
});
