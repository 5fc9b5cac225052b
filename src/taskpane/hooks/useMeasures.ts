/**
 * The Measures step's writes, orchestrated here so its component never touches the port: adding a measure (a row
 * appended to the Measures sheet) and entering a period's actual (one cell of the Measures sheet). Both use the core
 * (src/core/measures/add.ts) and then read the workbook again, so the step shows what the next report will show.
 * Nothing else in the workbook is written; the budget never.
 */
import { useCallback, useState } from "react";
import {
  addMeasure,
  enterActual,
  type FieldProblem,
  type NewMeasureInput,
} from "../../core/measures/add";
import type { Measure } from "../../core/measures/model";
import type { Analysis } from "../../core/workflow";
import { errorText, type PanePort } from "./useAlignment";

export interface MeasureEdits {
  /** A write under way. */
  saving: boolean;
  /** What the last write did, in plain words. */
  message: { intent: "success" | "error"; text: string } | null;
  /** The add form's problems, field by field. */
  problems: FieldProblem[];
  /** Adds the measure; true when it was written (the form can be cleared). */
  add(input: NewMeasureInput): Promise<boolean>;
  /** Writes a measure's actual for a period; true when written. */
  enter(measure: Measure, period: string, value: number): Promise<boolean>;
  dismiss(): void;
}

export function useMeasureEdits(
  port: PanePort,
  analysis: Analysis | null,
  today: string,
  refresh: () => Promise<void>
): MeasureEdits {
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<MeasureEdits["message"]>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);

  const add = useCallback(
    async (input: NewMeasureInput) => {
      const plan = analysis?.plan;
      if (!plan || !port.appendRows) {
        setMessage({
          intent: "error",
          text: plan
            ? "Measures cannot be added from here: type the measure on the Measures sheet."
            : "There is no strategic plan yet: a measure needs a goal or action to measure (step 1).",
        });
        return false;
      }
      const appendRows = port.appendRows.bind(port);
      setSaving(true);
      try {
        const r = await addMeasure(
          {
            listSheets: () => port.listSheets(),
            readSheets: (n) => port.readSheets(n),
            writeSheets: (m) => port.writeSheets(m),
            appendRows,
          },
          input,
          { plan, today, measures: analysis.measures ?? [] }
        );
        setProblems(r.ok ? [] : r.problems);
        if (!r.ok) {
          setMessage({ intent: "error", text: r.message });
          return false;
        }
        await refresh();
        setMessage({
          intent: "success",
          text:
            `Measure ${r.measure.id} "${r.measure.name}" added to ${r.sheet}!${r.cell}` +
            `${r.createdSheet ? ` (the ${r.sheet} sheet was created for it)` : ""}. ` +
            "It shows no data until an actual is entered.",
        });
        return true;
      } catch (err) {
        setMessage({ intent: "error", text: `The measure was not added: ${errorText(err)}` });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [port, analysis, today, refresh]
  );

  const enter = useCallback(
    async (measure: Measure, period: string, value: number) => {
      if (!port.writeValues) {
        setMessage({
          intent: "error",
          text: "Actuals cannot be entered from here: type them on the Measures sheet.",
        });
        return false;
      }
      const writeValues = port.writeValues.bind(port);
      setSaving(true);
      try {
        const r = await enterActual(
          { readSheets: (n) => port.readSheets(n), writeValues },
          measure,
          period,
          value
        );
        if (!r.ok) {
          setMessage({ intent: "error", text: r.message });
          return false;
        }
        await refresh();
        const was = r.before === "" || r.before === null ? "" : ` (was ${String(r.before)})`;
        setMessage({
          intent: "success",
          text: `${period} actual of ${measure.id} saved in ${r.sheet}!${r.cell}: ${value}${was}.`,
        });
        return true;
      } catch (err) {
        setMessage({ intent: "error", text: `The actual was not saved: ${errorText(err)}` });
        return false;
      } finally {
        setSaving(false);
      }
    },
    [port, refresh]
  );

  return { saving, message, problems, add, enter, dismiss: () => setMessage(null) };
}
