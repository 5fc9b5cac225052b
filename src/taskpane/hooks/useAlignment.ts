/**
 * The task pane's orchestration: every step's actions go through here. Components never touch Office or the
 * port; they get the Analysis and these callbacks.
 *
 * Every edit: compute the new state with the pure helpers of src/core/state.ts, write it with the workbook at
 * once (`port.writeState`), then `retag` off the render path. If writing fails the previous analysis stays
 * on screen and the message says what happened: nothing is lost.
 *
 * The core runs through a CoreRunner (src/taskpane/core/runner.ts): in the pane as shipped, a Web Worker does the
 * computing while this thread only reads and writes through the port, so a 100,000-line workbook never freezes
 * the pane. While a run computes, Cancel stops it: the previous analysis stays on screen and the workbook is left
 * as it was (an edit or a column choice already stored is put back as it was stored before).
 */
import { format } from "date-fns/format";
import { useCallback, useEffect, useRef, useState } from "react";
import type { CellWriter, RowAppender } from "../../core/measures/add";
import { readPlanJson } from "../../core/plan/json";
import type { Progress, WorkbookPort } from "../../core/port";
import type { ProgramsSummary } from "../../core/reports/diagnostic";
import { findProgramRow, PROGRAMS_SHEET } from "../../core/reports/programs";
import { insertPlanTemplate, type Analysis } from "../../core/workflow";
import type { BudgetLine, Issue, Plan, ReportJson, WorkbookState } from "../../core/types";
import { CancelledError, inProcessCore, type CoreRunner } from "../core/runner";

/** What the pane can do in the host beyond the workbook port (the Excel port has these; a test port may not). */
export interface PaneHost {
  selectCell?(sheet: string, address: string): Promise<void>;
  activateSheet?(name: string): Promise<void>;
  onSelectionChanged?(
    handler: (sel: { sheet: string; row: number; col: number }) => void
  ): Promise<() => Promise<void>>;
  /** The Measures step's writes into the Measures sheet only (src/core/measures/add.ts): new rows, typed actuals. */
  appendRows?: RowAppender["appendRows"];
  writeValues?: CellWriter["writeValues"];
}

export type PanePort = WorkbookPort & PaneHost;

export interface ReportResult {
  written: string[];
  totals: ReportJson["totals"];
  /** What the mid-year view compares, as the Alignment sheet says it (null when there is no mid-year view). */
  midYear?: string | null;
  /** The Review counts and answers in words, as the CLI and the sheets say them. */
  figures?: string[];
  /** The Programs sheet's quartile map and the diagnostic's top candidates (absent when it was not written). */
  programs?: ProgramsSummary | null;
}

/** Work under way: what is happening, how far, and whether Cancel can still stop it. */
export interface Busy extends Progress {
  cancellable: boolean;
}

export interface AlignmentState {
  analysis: Analysis | null;
  /** Work under way, with its progress; null when idle. */
  busy: Busy | null;
  /** The last error in plain words; cleared by the next successful action. */
  error: string | null;
  /** A plain-language note after an action succeeded ("Plan template inserted."). */
  notice: string | null;
  /** The plan imported from JSON for this session, if any. */
  importedPlan: { plan: Plan; name: string } | null;
  /** Issues of the last plan JSON import (shown on the Plan step). */
  importIssues: Issue[];
  /** The line selected in the sheet (by key), followed from Excel's selection. */
  selectedKey: string | null;
  report: ReportResult | null;
  /** The last bulk action, while it can still be undone in one step (what it did, in plain words). */
  undo: { label: string } | null;
}

export interface AlignmentActions {
  refresh(): Promise<void>;
  /** Apply a pure state update (from src/core/state.ts), store it with the workbook, then retag. */
  update(change: (state: WorkbookState) => WorkbookState, notice?: string): Promise<void>;
  /**
   * Like update, for a bulk action that can be undone in one step: `undoLabel` says what it did. Undo stores the
   * state exactly as it was stored before (the state sheet returns to what it was) and shows the tags as they were.
   */
  updateUndoable(
    change: (state: WorkbookState) => WorkbookState,
    notice: string,
    undoLabel: string
  ): Promise<void>;
  undo(): Promise<void>;
  /**
   * Stops the run under way while it can be stopped (not once reports are being written into the workbook): the
   * previous analysis stays on screen and the workbook is as it was.
   */
  cancel(): void;
  /** Like update, for changes that need the sheets read again (budget sheets, column roles, amount column). */
  refreshWith(change: (state: WorkbookState) => WorkbookState, notice?: string): Promise<void>;
  insertTemplate(): Promise<void>;
  importPlanJson(text: string, fileName: string): Promise<void>;
  clearImportedPlan(): Promise<void>;
  writeReports(): Promise<void>;
  goToCell(sheet: string, cell: string): Promise<void>;
  /** Selects a program's row on the Programs sheet (found by its Program key, wherever it was sorted to). */
  openProgram(programKey: string, label: string): Promise<void>;
  select(key: string | null): void;
  dismissError(): void;
  dismissNotice(): void;
}

export function errorText(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === "string" && err) return err;
  return "Something went wrong and the add-in could not finish. Nothing in the workbook was changed by this step.";
}

/** One run of work, which Cancel can stop. */
interface RunToken {
  cancelled: boolean;
  /** Throws CancelledError once the run was stopped (called after every wait). */
  check(): void;
}

/** The line of each sheet row, for following Excel's selection without a search over every line. */
const rowIndexes = new WeakMap<BudgetLine[], Map<string, string>>();
function lineAtRow(lines: BudgetLine[], sheet: string, row: number): string | undefined {
  let index = rowIndexes.get(lines);
  if (!index) {
    index = new Map();
    for (const l of lines) {
      const k = `${l.sheet}\u0000${l.row}`;
      if (!index.has(k)) index.set(k, l.key);
    }
    rowIndexes.set(lines, index);
  }
  return index.get(`${sheet}\u0000${row}`);
}

export function todayIso(): string {
  return format(new Date(), "yyyy-MM-dd");
}

export function useAlignment(
  port: PanePort,
  options: { today?: string; autoStart?: boolean; core?: CoreRunner } = {}
): [AlignmentState, AlignmentActions] {
  const [s, setS] = useState<AlignmentState>({
    analysis: null,
    busy: null,
    error: null,
    notice: null,
    importedPlan: null,
    importIssues: [],
    selectedKey: null,
    report: null,
    undo: null,
  });
  /** What undo restores: the state as stored before the bulk action, and the analysis shown before it. */
  const undoable = useRef<{ stored: WorkbookState; analysis: Analysis } | null>(null);
  const latest = useRef<Analysis | null>(null);
  const plan = useRef<Plan | undefined>(undefined);
  /** Edits are applied one after another, each on the state the previous one produced. */
  const queue = useRef<Promise<void>>(Promise.resolve());
  const today = options.today ?? todayIso();
  const coreRef = useRef<CoreRunner | null>(null);
  coreRef.current ??= options.core ?? inProcessCore();
  const core = coreRef.current;
  /** The run under way and what Cancel says about it. */
  const active = useRef<{ token: RunToken; stoppedNotice: string; cancellable: boolean } | null>(
    null
  );

  const patch = useCallback(
    (p: Partial<AlignmentState>) => setS((prev) => ({ ...prev, ...p })),
    []
  );

  const run = useCallback(
    async (
      label: string,
      work: (
        progress: (p: Progress) => void,
        token: RunToken,
        /** From now on the run writes into the workbook and Cancel no longer applies. */
        committing: () => void
      ) => Promise<Partial<AlignmentState> | void>,
      stoppedNotice = "Stopped. The pane shows the workbook as it was last read; nothing in it was changed."
    ) => {
      const token: RunToken = {
        cancelled: false,
        check() {
          if (this.cancelled) throw new CancelledError();
        },
      };
      const me = { token, stoppedNotice, cancellable: true };
      active.current = me;
      patch({ busy: { label, fraction: 0, cancellable: true }, error: null });
      try {
        const result = await work(
          (p) => {
            if (!token.cancelled) patch({ busy: { ...p, cancellable: me.cancellable } });
          },
          token,
          () => {
            token.check();
            me.cancellable = false;
            patch({ busy: { label, fraction: 0, cancellable: false } });
          }
        );
        token.check();
        patch({ ...(result ?? {}), busy: null });
      } catch (err) {
        // A stopped run has already said so (cancel below); its late results and errors are dropped.
        if (!token.cancelled) patch({ busy: null, error: errorText(err) });
      } finally {
        if (active.current?.token === token) active.current = null;
      }
    },
    [patch]
  );

  const cancel = useCallback(() => {
    const a = active.current;
    if (!a || a.token.cancelled || !a.cancellable) return;
    a.token.cancelled = true;
    core.cancel();
    patch({ busy: null, notice: a.stoppedNotice });
  }, [core, patch]);

  const doAnalyse = useCallback(
    (progress: (p: Progress) => void, token: RunToken) =>
      core.analyse(port, { today, plan: plan.current }, progress).then((analysis) => {
        token.check();
        latest.current = analysis;
        // Read again: an earlier bulk action's undo would bring back a stale view.
        undoable.current = null;
        patch({ undo: null });
        return analysis;
      }),
    [core, port, today, patch]
  );

  /** Retags after `next` was stored; if the run is stopped, the state stored before (`stored`) is put back. */
  const retagStored = useCallback(
    async (current: Analysis, next: WorkbookState, stored: WorkbookState, token: RunToken) => {
      try {
        const analysis = await core.retag(current, next);
        token.check();
        return analysis;
      } catch (err) {
        if (token.cancelled) await port.writeState(stored);
        throw err;
      }
    },
    [core, port]
  );

  const refresh = useCallback(
    () =>
      run("Reading the workbook", async (progress, token) => {
        const analysis = await doAnalyse(progress, token);
        return { analysis };
      }),
    [run, doAnalyse]
  );

  /** Edits run one after another, each on the state the previous one produced. */
  const enqueue = useCallback((step: () => Promise<void>) => {
    queue.current = queue.current.then(step, step);
    return queue.current;
  }, []);

  /**
   * Stores the changed state and retags. With `undoLabel` the action can be undone in one step (the state as
   * stored before it comes back); without, any earlier undo is no longer offered.
   */
  const saveAndRetag = useCallback(
    (
      change: (state: WorkbookState) => WorkbookState,
      notice: string | null,
      undoLabel: string | null
    ) =>
      enqueue(async () => {
        const current = latest.current;
        if (!current) return;
        await run(
          "Saving and updating tags",
          async (progress, token) => {
            const stored = await port.readState();
            token.check();
            const next = change(current.state);
            await port.writeState(next);
            // A later edit is not undone by the undo of an earlier bulk action: that undo is no longer offered.
            if (!undoLabel) undoable.current = null;
            progress({ label: "Updating tags", fraction: 0.5 });
            const analysis = await retagStored(current, next, stored, token);
            if (undoLabel) undoable.current = { stored, analysis: current };
            latest.current = analysis;
            return { analysis, notice, undo: undoLabel ? { label: undoLabel } : null };
          },
          "Stopped. The change was not kept: the workbook and the tags are as they were."
        );
      }),
    [port, run, retagStored, enqueue]
  );

  const update = useCallback(
    (change: (state: WorkbookState) => WorkbookState, notice?: string) =>
      saveAndRetag(change, notice ?? null, null),
    [saveAndRetag]
  );

  const updateUndoable = useCallback(
    (change: (state: WorkbookState) => WorkbookState, notice: string, undoLabel: string) =>
      saveAndRetag(change, notice, undoLabel),
    [saveAndRetag]
  );

  const undo = useCallback(
    () =>
      enqueue(async () => {
        const saved = undoable.current;
        if (!saved) return;
        await run("Undoing", async () => {
          await port.writeState(saved.stored);
          undoable.current = null;
          latest.current = saved.analysis;
          return {
            analysis: saved.analysis,
            notice: "Undone: the tags are as they were.",
            undo: null,
          };
        });
      }),
    [port, run, enqueue]
  );

  const refreshWith = useCallback(
    (change: (state: WorkbookState) => WorkbookState, notice?: string) =>
      enqueue(async () => {
        const current = latest.current;
        if (!current) return;
        await run(
          "Saving and reading the budget again",
          async (progress, token) => {
            const stored = await port.readState();
            token.check();
            await port.writeState(change(current.state));
            try {
              const analysis = await doAnalyse(progress, token);
              return { analysis, notice: notice ?? null };
            } catch (err) {
              if (token.cancelled) await port.writeState(stored);
              throw err;
            }
          },
          "Stopped. The change was not kept: the workbook is as it was, and the pane shows it as last read."
        );
      }),
    [port, run, enqueue, doAnalyse]
  );

  const insertTemplate = useCallback(
    () =>
      run("Inserting the plan template", async (progress, token, committing) => {
        committing();
        const result = await insertPlanTemplate(port);
        if (result === "inserted") await port.activateSheet?.("Strategic Plan");
        const analysis = await doAnalyse(progress, token);
        return {
          analysis,
          notice:
            result === "inserted"
              ? 'The "Strategic Plan" sheet was added. Replace the example rows with your plan, then press Refresh.'
              : 'The workbook already has a "Strategic Plan" sheet; it was left as it is.',
        };
      }),
    [run, port, doAnalyse]
  );

  const importPlanJson = useCallback(
    (text: string, fileName: string) =>
      run("Reading the plan file", async (progress, token) => {
        const read = readPlanJson(text, fileName);
        if (!read.plan)
          return {
            importIssues: read.issues,
            error: `${fileName} could not be used as a plan; see the messages below.`,
          };
        const previous = plan.current;
        plan.current = read.plan;
        const analysis = await doAnalyse(progress, token).catch((err: unknown) => {
          if (token.cancelled) plan.current = previous;
          throw err;
        });
        return {
          analysis,
          importIssues: read.issues,
          importedPlan: { plan: read.plan, name: fileName },
          notice: `Using the plan from ${fileName} ("${read.plan.name}") for this session.`,
        };
      }),
    [run, doAnalyse]
  );

  const clearImportedPlan = useCallback(
    () =>
      run("Reading the workbook", async (progress, token) => {
        const previous = plan.current;
        plan.current = undefined;
        const analysis = await doAnalyse(progress, token).catch((err: unknown) => {
          if (token.cancelled) plan.current = previous;
          throw err;
        });
        return {
          analysis,
          importedPlan: null,
          importIssues: [],
          notice: "Using the workbook's plan sheet again.",
        };
      }),
    [run, doAnalyse]
  );

  const doWriteReports = useCallback(
    () =>
      run("Writing the report sheets", async (progress, _token, committing) => {
        const current = latest.current;
        if (!current) throw new Error("Read the workbook first (press Refresh).");
        if (!current.ok) {
          const first = current.issues.find((i) => i.severity === "error");
          throw new Error(
            `The reports were not written: ${first?.message ?? "fix the errors listed first."}`
          );
        }
        const { written, report, state, programs } = await core.writeReports(
          port,
          current,
          progress,
          committing
        );
        // The state as stored with the sheets (it records the scores the Programs sheet now shows, so a later
        // edit in the pane does not store an older record over it).
        const analysis = {
          ...current,
          state: state ?? {
            ...current.state,
            generatedSheets: [...new Set([...(current.state.generatedSheets ?? []), ...written])],
          },
        };
        latest.current = analysis;
        // The Alignment report may sit under a free name when a sheet of the user's has its name.
        const alignment = current.reportSheets?.Alignment ?? "Alignment";
        if (written.includes(alignment)) await port.activateSheet?.(alignment);
        const kept = current.issues.filter(
          (i) => i.code === "sheet.name-taken" && i.severity !== "error"
        );
        const names =
          written.length > 1
            ? `${written.slice(0, -1).join(", ")} and ${written[written.length - 1]}`
            : written.join("");
        return {
          analysis,
          report: {
            written,
            totals: report.totals,
            midYear: written.includes(alignment) ? (report.midYear?.note ?? null) : null,
            figures: "figureTexts" in report ? report.figureTexts : undefined,
            programs: programs ?? null,
          },
          notice: [
            `Wrote the ${names} sheet${written.length === 1 ? "" : "s"}.`,
            ...kept.map((i) => i.message),
          ].join(" "),
        };
      }),
    [run, port, core]
  );

  const goToCell = useCallback(
    async (sheet: string, cell: string) => {
      try {
        await port.selectCell?.(sheet, cell);
      } catch (err) {
        patch({ error: `${sheet}!${cell} could not be selected: ${errorText(err)}` });
      }
    },
    [port, patch]
  );

  const openProgram = useCallback(
    async (programKey: string, label: string) => {
      try {
        const sheets = await port.listSheets();
        // Ours by its marker (it may be "Programs (2)" beside a sheet of the user's), else by name.
        const info =
          sheets.find((x) => x.report === PROGRAMS_SHEET) ??
          sheets.find(
            (x) =>
              x.name.toLowerCase() === PROGRAMS_SHEET.toLowerCase() &&
              !sheets.some((y) => y.report === PROGRAMS_SHEET)
          );
        const cells = info ? (await port.readSheets([info.name]))[0] : null;
        const cell = cells ? findProgramRow(cells, programKey) : null;
        if (!info || !cell) {
          patch({
            error: `The ${PROGRAMS_SHEET} sheet has no row for ${label} yet: write the reports (step 5) first.`,
          });
          return;
        }
        await port.selectCell?.(info.name, cell);
      } catch (err) {
        patch({
          error: `${label} could not be opened on the ${PROGRAMS_SHEET} sheet: ${errorText(err)}`,
        });
      }
    },
    [port, patch]
  );

  const select = useCallback((key: string | null) => patch({ selectedKey: key }), [patch]);

  // Follow the selection in the sheet: a row of a budget line selects that line here.
  useEffect(() => {
    if (!port.onSelectionChanged) return;
    let off: (() => Promise<void>) | null = null;
    let live = true;
    port
      .onSelectionChanged((sel) => {
        const a = latest.current;
        if (!a) return;
        const key = lineAtRow(a.budget.lines, sel.sheet, sel.row);
        if (key) patch({ selectedKey: key });
      })
      .then((remove) => {
        if (live) off = remove;
        else void remove();
      })
      .catch(() => {
        /* selection following is a convenience: without it the pane still works */
      });
    return () => {
      live = false;
      if (off) void off();
    };
  }, [port, patch]);

  useEffect(() => {
    // Once, when the pane opens: later refreshes are the user's (the Refresh button) or follow an edit.
    if (options.autoStart !== false) void refresh();
  }, []);

  return [
    s,
    {
      refresh,
      update,
      updateUndoable,
      undo,
      cancel,
      refreshWith,
      insertTemplate,
      importPlanJson,
      clearImportedPlan,
      writeReports: doWriteReports,
      goToCell,
      openProgram,
      select,
      dismissError: () => patch({ error: null }),
      dismissNotice: () => patch({ notice: null }),
    },
  ];
}
