/**
 * The browser tests' page: the task pane app over an in-memory workbook holding the sample workbook
 * (served next to the page as sample-workbook.json by test/browser/run.js). Office.js is not loaded.
 * `window.__workbook` lets the test read the sheets and the stored state, and simulate a selection in the sheet.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { parseState, STATE_SHEET_NAME } from "../../../src/core/state";
import type { CellValue } from "../../../src/core/types";
import { App } from "../../../src/taskpane/components/App";
import { MemoryPort, MemoryWorkbook } from "./memory-port";

declare global {
  interface Window {
    __workbook?: {
      sheetNames(): string[];
      values(name: string): CellValue[][] | null;
      state(): unknown;
      active(): string | null;
      selected(): { sheet: string; cell: string } | null;
      userSelects(sheet: string, cell: string): void;
    };
  }
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const response = await fetch("sample-workbook.json");
  const sheets = (await response.json()) as { name: string; values: CellValue[][] }[];
  const book = new MemoryWorkbook(sheets);
  const port = new MemoryPort(book);
  window.__workbook = {
    sheetNames: () => book.sheets.map((s) => s.name),
    values: (name) => book.sheet(name)?.values ?? null,
    state: () => {
      const s = book.sheet(STATE_SHEET_NAME);
      return s ? parseState(s.values.map((r) => r[0])).state : null;
    },
    active: () => book.active,
    selected: () => book.selected,
    userSelects: (sheet, cell) => port.userSelects(sheet, cell),
  };
  const container = document.getElementById("container");
  if (!container) return;
  createRoot(container).render(
    <App
      port={port}
      today={params.get("today") ?? "2026-11-22"}
      dark={params.get("theme") === "dark"}
      listHeight={320}
    />
  );
}

void start();
