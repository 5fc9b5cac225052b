/**
 * The task pane's entry: renders inside Office.onReady with the Excel port and Office's theme.
 * This file and src/excel are the only places that name Office.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { ExcelPort } from "../excel/port";
import { App } from "./components/App";

/** Office's theme is dark when its body background is dark. */
function officeIsDark(): boolean {
  const bg = Office.context?.officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#?[0-9a-f]{6}$/i.test(bg)) return false;
  const hex = bg.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

const container = document.getElementById("container");

Office.onReady(() => {
  if (!container) return;
  const root = createRoot(container);
  root.render(<App port={new ExcelPort()} dark={officeIsDark()} />);
});
