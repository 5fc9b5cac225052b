/**
 * The messages between the task pane and its core worker (core.worker.ts), and the worker's side of them.
 *
 * The worker runs the pure halves of a run (src/core/workflow.ts: `analyseRead`, `retag`, `prepareReports`); the
 * pane keeps everything that touches the workbook port (reads and writes). At 100,000 lines the big arrays — the
 * sheet values going in, the budget lines and tags coming back — are sent in chunks of CHUNK items, one message
 * each, so neither side spends long on one structured clone, and the pane's main thread stays free between them.
 *
 * The worker keeps the budget lines and the tags it computed (by id), so an edit sends only the new state and a
 * report sends only ids: the 100,000 lines are not cloned again. A worker that does not hold what a request names
 * (it was replaced after a Cancel, or the entry was dropped) answers "missing", and the pane sends it (`put`).
 *
 * Pure: no DOM, no Office, no React; `createCoreHandler` is unit-tested in process (test/taskpane/core-worker.test.ts).
 */
import type { Progress } from "../../core/port";
import type { BudgetLine, CellValue, LineTag, WorkbookState } from "../../core/types";
import {
  analyseRead,
  prepareReports,
  reportSummary,
  type ReportSummary,
  retag,
  type Analysis,
  type PreparedReports,
  type RunOptions,
  type WorkbookRead,
} from "../../core/workflow";

/**
 * Items per chunk message (lines, tags, sheet rows). A chunk of 1,000 lines or tags takes the pane's main thread
 * some 15–60 ms to take in on a slow shared machine (structured clone), well under the 200 ms of a long task.
 */
export const CHUNK = 1000;

/** An Analysis without its two big arrays (budget.lines and tags), which travel in chunks or stay by id. */
export type AnalysisHead = Omit<Analysis, "tags" | "budget"> & {
  budget: Omit<Analysis["budget"], "lines">;
};

export type ToWorker =
  /** Rows of one sheet read through the port, in order; `index` is the sheet's place in the read. */
  | {
      type: "cells";
      run: number;
      index: number;
      name: string;
      startRow?: number;
      startCol?: number;
      rows: CellValue[][];
    }
  /** Compute an analysis from the cells sent for this run. */
  | {
      type: "analyse";
      run: number;
      read: Omit<WorkbookRead, "cells">;
      options: RunOptions;
    }
  /** Lines or tags the worker said were missing, in chunks; `last` stores them under `id`. */
  | {
      type: "put";
      run: number;
      kind: "lines" | "tags";
      id: string;
      items: unknown[];
      last: boolean;
    }
  | {
      type: "retag";
      run: number;
      head: AnalysisHead;
      linesId: string;
      state: WorkbookState;
      threshold?: number;
    }
  | { type: "reports"; run: number; head: AnalysisHead; linesId: string; tagsId: string };

export type FromWorker =
  | { type: "progress"; run: number; progress: Progress }
  | { type: "lines"; run: number; items: BudgetLine[] }
  | { type: "tags"; run: number; items: LineTag[] }
  /** The end of an analyse or a retag: the head, and the ids the worker keeps the lines and tags under. */
  | { type: "analysis"; run: number; head: AnalysisHead; linesId: string; tagsId: string }
  | {
      type: "reports";
      run: number;
      prepared: PreparedReports;
      summary: ReportSummary;
    }
  | { type: "missing"; run: number; kind: "lines" | "tags"; id: string }
  | { type: "error"; run: number; message: string };

/** How many line arrays and tag arrays the worker keeps (the current analysis, the one undo returns to, …). */
const KEEP_LINES = 2;
const KEEP_TAGS = 4;

export function headOf(analysis: Analysis): AnalysisHead {
  const { tags: _tags, budget, ...rest } = analysis;
  const { lines: _lines, ...budgetRest } = budget;
  return { ...rest, budget: budgetRest };
}

export function withArrays(head: AnalysisHead, lines: BudgetLine[], tags: LineTag[]): Analysis {
  return { ...head, budget: { ...head.budget, lines }, tags };
}

/** A small store that keeps the newest `max` entries. */
class Recent<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly max: number) {}
  get(id: string): T | undefined {
    return this.map.get(id);
  }
  set(id: string, value: T): void {
    this.map.delete(id);
    this.map.set(id, value);
    while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === "string" && err) return err;
  return "The add-in could not finish this step. Nothing in the workbook was changed by it.";
}

/**
 * The worker's side: a function to call with each message from the pane. `post` sends a message back. Work is
 * synchronous inside one call (the pane stops a run by ending the worker).
 */
export function createCoreHandler(post: (msg: FromWorker) => void): (msg: ToWorker) => void {
  const lines = new Recent<BudgetLine[]>(KEEP_LINES);
  const tags = new Recent<LineTag[]>(KEEP_TAGS);
  const cells = new Map<
    number,
    { name: string; startRow?: number; startCol?: number; values: CellValue[][] }[]
  >();
  const puts = new Map<string, unknown[]>();
  let nextId = 0;
  const newId = (kind: string) => `${kind}${++nextId}`;

  const sendArrays = (run: number, analysis: Analysis): void => {
    const linesId = newId("w-lines-");
    const tagsId = newId("w-tags-");
    lines.set(linesId, analysis.budget.lines);
    tags.set(tagsId, analysis.tags);
    for (let i = 0; i < analysis.budget.lines.length; i += CHUNK)
      post({ type: "lines", run, items: analysis.budget.lines.slice(i, i + CHUNK) });
    for (let i = 0; i < analysis.tags.length; i += CHUNK)
      post({ type: "tags", run, items: analysis.tags.slice(i, i + CHUNK) });
    post({ type: "analysis", run, head: headOf(analysis), linesId, tagsId });
  };

  /** Sends only the new tags (the lines of a retag are the ones the pane has already). */
  const sendTags = (run: number, analysis: Analysis, linesId: string): void => {
    const tagsId = newId("w-tags-");
    tags.set(tagsId, analysis.tags);
    for (let i = 0; i < analysis.tags.length; i += CHUNK)
      post({ type: "tags", run, items: analysis.tags.slice(i, i + CHUNK) });
    post({ type: "analysis", run, head: headOf(analysis), linesId, tagsId });
  };

  return (msg) => {
    const run = msg.run;
    try {
      switch (msg.type) {
        case "cells": {
          const sheets = cells.get(run) ?? [];
          cells.set(run, sheets);
          const sheet = (sheets[msg.index] ??= {
            name: msg.name,
            startRow: msg.startRow,
            startCol: msg.startCol,
            values: [],
          });
          for (const row of msg.rows) sheet.values.push(row);
          return;
        }
        case "analyse": {
          const sheets = cells.get(run) ?? [];
          cells.delete(run);
          const read: WorkbookRead = {
            ...msg.read,
            cells: sheets.map((s) => ({
              name: s.name,
              values: s.values,
              ...(s.startRow !== undefined ? { startRow: s.startRow } : {}),
              ...(s.startCol !== undefined ? { startCol: s.startCol } : {}),
            })),
          };
          const analysis = analyseRead(read, msg.options, (progress) =>
            post({ type: "progress", run, progress })
          );
          sendArrays(run, analysis);
          return;
        }
        case "put": {
          const key = `${msg.kind}:${msg.id}`;
          const items = puts.get(key) ?? [];
          for (const item of msg.items) items.push(item);
          if (!msg.last) {
            puts.set(key, items);
            return;
          }
          puts.delete(key);
          if (msg.kind === "lines") lines.set(msg.id, items as BudgetLine[]);
          else tags.set(msg.id, items as LineTag[]);
          return;
        }
        case "retag": {
          const have = lines.get(msg.linesId);
          if (!have) {
            post({ type: "missing", run, kind: "lines", id: msg.linesId });
            return;
          }
          post({ type: "progress", run, progress: { label: "Updating tags", fraction: 0.5 } });
          const next = retag(withArrays(msg.head, have, []), msg.state, {
            threshold: msg.threshold,
          });
          sendTags(run, next, msg.linesId);
          return;
        }
        case "reports": {
          const haveLines = lines.get(msg.linesId);
          if (!haveLines) {
            post({ type: "missing", run, kind: "lines", id: msg.linesId });
            return;
          }
          const haveTags = tags.get(msg.tagsId);
          if (!haveTags) {
            post({ type: "missing", run, kind: "tags", id: msg.tagsId });
            return;
          }
          post({
            type: "progress",
            run,
            progress: { label: "Building the report sheets", fraction: 0.02 },
          });
          const analysis = withArrays(msg.head, haveLines, haveTags);
          const prepared = prepareReports(analysis);
          post({ type: "reports", run, prepared, summary: reportSummary(analysis) });
          return;
        }
      }
    } catch (err) {
      cells.delete(run);
      post({ type: "error", run, message: errorMessage(err) });
    }
  };
}
