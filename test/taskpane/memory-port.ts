/**
 * The pane's workbook in memory for the App tests: each state written is kept (`stored`, newest last), each cell
 * selected is recorded (`selected`). `programs`, when given, is the Programs sheet's values, listed and read back
 * (null: no Programs sheet, reads give empty sheets).
 */
import { emptyState } from "../../src/core/state";
import type { CellValue, WorkbookState } from "../../src/core/types";
import type { PanePort } from "../../src/taskpane/hooks/useAlignment";

export function memoryPort(programs?: CellValue[][] | null): {
  port: PanePort;
  stored: WorkbookState[];
  selected: string[];
} {
  const stored: WorkbookState[] = [];
  const selected: string[] = [];
  const port: PanePort = {
    listSheets: async () =>
      programs
        ? [{ name: "Programs", position: 1, visibility: "visible" as const, rows: 9, cols: 4 }]
        : [],
    readSheets: async (names: string[]) =>
      programs === undefined
        ? []
        : names.map((name) => ({ name, startRow: 0, startCol: 0, values: programs ?? [] })),
    writeSheets: async () => undefined,
    readState: async () => stored[stored.length - 1] ?? emptyState(),
    writeState: async (s) => {
      stored.push(s);
    },
    writeCells: async () => undefined,
    selectCell: async (sheet, cell) => {
      selected.push(`${sheet}!${cell}`);
    },
  };
  return { port, stored, selected };
}
