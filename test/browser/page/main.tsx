/**
 * The browser tests' page: the task pane app over the real Excel port (src/excel/port.ts), talking to the
 * in-memory fake of the Excel JavaScript API (test/fake-excel) that holds the sample workbook (served next to the
 * page as sample-workbook.json by test/browser/run.js). Office.js is not loaded: the fake stands in for Excel.run.
 * `window.__workbook` lets the test read the sheets and the stored state, and simulate a selection in the sheet.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { parseState, STATE_SHEET_NAME } from "../../../src/core/state";
import type { CellValue } from "../../../src/core/types";
import { ExcelPort, type ExcelRun } from "../../../src/excel/port";
import { App } from "../../../src/taskpane/components/App";
import { createCore } from "../../../src/taskpane/core/create-worker";
import { FakeExcel } from "../../fake-excel/fake-excel";
import { colLetter } from "../../fake-excel/model";
import { generateBudget } from "../../../bench/generate";

declare global {
  interface Window {
    __workbook?: {
      sheetNames(): string[];
      values(name: string): CellValue[][] | null;
      state(): unknown;
      active(): string | null;
      selected(): { sheet: string; cell: string } | null;
      userSelects(sheet: string, cell: string): Promise<void>;
      syncs(): number;
    };
  }
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const response = await fetch("sample-workbook.json");
  let sheets = (await response.json()) as { name: string; values: CellValue[][] }[];
  // ?lines=N: the sample's plan with a generated budget of N lines (the bench's generator), for the 100,000-line
  // run whose main-thread tasks the browser test measures.
  const lines = Number(params.get("lines") ?? 0);
  if (lines > 0) {
    const plan = sheets.filter((s) => s.name === "Strategic Plan");
    sheets = [{ name: "Budget", values: generateBudget(lines).sheet.values }, ...plan];
  }
  // Each sync answered in a task of its own, as Excel answers it (a round trip to the host).
  const excel = new FakeExcel({ syncOnTask: true });
  for (const s of sheets) excel.addSheet(s.name, s.values);
  const port = new ExcelPort({
    run: excel.run as unknown as ExcelRun,
    isSetSupported: excel.isSetSupported,
  });
  window.__workbook = {
    sheetNames: () => excel.sheetNames(),
    values: (name) => excel.data.find(name)?.dump() ?? null,
    state: () => {
      const s = excel.data.find(STATE_SHEET_NAME);
      return s ? parseState(s.dump().map((r) => r[0])).state : null;
    },
    active: () => excel.data.activeSheet?.name ?? null,
    selected: () => {
      const sel = excel.data.selection;
      return sel
        ? { sheet: sel.sheet.name, cell: `${colLetter(sel.rect.col)}${sel.rect.row + 1}` }
        : null;
    },
    userSelects: (sheet, cell) => excel.userSelects(sheet, cell),
    syncs: () => excel.syncs,
  };
  const container = document.getElementById("container");
  if (!container) return;
  // The browser test times the pane from here: making the fake workbook above is the test's own set-up.
  performance.mark("pane-start");
  createRoot(container).render(
    <App
      port={port}
      today={params.get("today") ?? "2026-11-22"}
      dark={params.get("theme") === "dark"}
      core={params.get("core") === "main" ? undefined : createCore()}
    />
  );
}

void start();
