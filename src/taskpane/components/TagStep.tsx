import { decidedByPerson } from "../../core/decisions";
import { Button, Caption1, makeStyles, Subtitle2, tokens } from "@fluentui/react-components";
import * as React from "react";
import type { BudgetLine, LineTag, ManualTag, Plan, Rule } from "../../core/types";
import { acceptLevels, acceptPreview } from "../model/bulk";
import {
  confirmNextPrograms,
  type ConfirmNext,
  programChoices,
  programProgress,
  programProgressShort,
  programProgressText,
} from "../model/confirm";
import {
  clickSelect,
  decideLines,
  decideNotPrograms,
  gridRows,
  linesSummary,
  nextSort,
  NO_SELECTION,
  programKeyOf,
  programRows,
  rowId,
  selectedLines,
  sortPrograms,
  toggleSelect,
  type GridSort,
  type ProgramRow,
  type Selection,
} from "../model/grid";
import {
  acceptProgram,
  acceptShown,
  departments,
  formatMoney,
  goalLabel,
  lineLabel,
  NO_FILTERS,
  ruleText,
  targetIndex,
  type BulkAccept,
  type TagFilters,
} from "../model/view";
import { BulkBar } from "./tag/BulkBar";
import { ConfirmPanel } from "./tag/ConfirmPanel";
import { FilterBar } from "./tag/FilterBar";
import { LineDetail } from "./tag/LineDetail";
import { SelectionBar } from "./tag/SelectionBar";
import { ROW_HEIGHT, TagGrid } from "./tag/TagGrid";
import { SPREAD_LINES, useSpreadMemo } from "./tag/useSpreadMemo";
import { oneLine, visuallyHidden } from "./styles";

export { SPREAD_LINES };

export interface TagStepProps {
  lines: BudgetLine[];
  /** tags[i] belongs to lines[i]. */
  tags: LineTag[];
  plan: Plan | null;
  rules: Rule[];
  selectedKey: string | null;
  busy: boolean;
  /** Height of the grid in pixels (it is virtualised); by default it fills the pane's height. */
  listHeight?: number;
  onSelect: (line: BudgetLine) => void;
  onSetTag: (key: string, tag: ManualTag | null) => void;
  /** Store many people's decisions at once (undoable); `what` says it in words. */
  onAcceptAll: (accept: BulkAccept, what: string) => void;
  /** The last bulk action while it can be undone (what it did), and how to undo it. */
  undoLabel?: string | null;
  onUndo?: () => void;
  onAddRule: (rule: Rule) => void;
  onRemoveRule: (index: number) => void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  inline: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "center",
  },
  rules: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  /** The progress, short, on one line at 320 px ("0 of 49 programs, $2.1M of $145.4M confirmed", 250 px of 296). */
  progress: oneLine,
  spoken: visuallyHidden,
});

const NO_PROGRAMS: ProgramRow[] = [];
const NO_QUEUE: ConfirmNext[] = [];
const plural = (n: number, one: string) =>
  `${n.toLocaleString("en-US")} ${one}${n === 1 ? "" : "s"}`;
const now = () => new Date().toISOString();

/**
 * The grid's height: what the pane has left below the grid's top (at least 8 rows), unless one is given. Measured
 * when the window or the page's layout changes size (a notice or a card above the grid moves it), not on every
 * render: reading the layout forces the browser to lay the page out there and then.
 */
function useFitHeight(ref: React.RefObject<HTMLElement>, given: number | undefined): number {
  const [h, setH] = React.useState(given ?? ROW_HEIGHT * 16);
  React.useLayoutEffect(() => {
    if (given !== undefined) return;
    const fit = () => {
      const top = (ref.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      const next = Math.max(ROW_HEIGHT * 8, Math.floor(window.innerHeight - top - 16));
      setH((old) => (old === next ? old : next));
    };
    fit();
    window.addEventListener("resize", fit);
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(fit);
    const above = ref.current?.parentElement;
    if (observer && above) {
      observer.observe(document.body);
      for (const el of Array.from(above.children)) if (el !== ref.current) observer.observe(el);
    }
    return () => {
      window.removeEventListener("resize", fit);
      observer?.disconnect();
    };
  }, [given]);
  return given ?? h;
}

/** Step 3: every program with its goal, source and confidence, its lines under it; confirm, accept, rules. */
export const TagStep: React.FC<TagStepProps> = (props) => {
  const styles = useStyles();
  const { lines, tags, plan, busy } = props;
  const [filters, setFilters] = React.useState<TagFilters>(NO_FILTERS);
  const [sort, setSort] = React.useState<GridSort>("budget");
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = React.useState<Selection>(NO_SELECTION);
  const [picking, setPicking] = React.useState(false);
  const [confirmOn, setConfirmOn] = React.useState(false);
  const [skipped, setSkipped] = React.useState<ReadonlySet<string>>(new Set());
  const [level, setLevel] = React.useState<number | null>(null);
  const gridRef = React.useRef<HTMLDivElement>(null);
  const height = useFitHeight(gridRef, props.listHeight);

  const targets = React.useMemo(() => targetIndex(plan), [plan]);
  const targetList = React.useMemo(() => [...targets.values()], [targets]);
  const depts = React.useMemo(() => departments(lines), [lines]);
  const spread = lines.length > SPREAD_LINES;
  const [programs, rowsReady] = useSpreadMemo(
    () => programRows(lines, tags, filters),
    [lines, tags, filters],
    spread,
    NO_PROGRAMS
  );
  const [progress, progressReady] = useSpreadMemo(
    () => programProgress(lines, tags),
    [lines, tags],
    spread,
    null
  );
  const [levels] = useSpreadMemo(
    () => acceptLevels(lines, tags, filters),
    [lines, tags, filters],
    spread,
    null
  );
  const [queue] = useSpreadMemo(
    () => (confirmOn ? confirmNextPrograms(lines, tags) : NO_QUEUE),
    [lines, tags, confirmOn],
    spread,
    NO_QUEUE
  );
  const next = confirmOn ? queue.find((q) => !skipped.has(q.key)) : undefined;
  const confirming = next?.key ?? null;
  const sorted = React.useMemo(() => sortPrograms(programs, lines, sort), [programs, lines, sort]);
  const rows = React.useMemo(
    () => gridRows(sorted, expanded, confirming),
    [sorted, expanded, confirming]
  );
  const chosen = React.useMemo(
    () => selectedLines(selection, programs, lines),
    [selection, programs, lines]
  );
  const selectedIndex = React.useMemo(
    () => (props.selectedKey ? lines.findIndex((l) => l.key === props.selectedKey) : -1),
    [lines, props.selectedKey]
  );

  // A line selected in the sheet (or here) shows under its program.
  React.useEffect(() => {
    if (selectedIndex < 0) return;
    const key = programKeyOf(lines[selectedIndex]);
    setExpanded((e) => (e.has(key) ? e : new Set([...e, key])));
  }, [selectedIndex, lines]);

  const expand = (key: string, open: boolean) =>
    setExpanded((e) => {
      if (e.has(key) === open) return e;
      const next = new Set(e);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });

  /** Every line of a program not decided by a person (whatever the filters show). */
  const undecidedOf = (key: string) => {
    const out: number[] = [];
    for (let i = 0; i < lines.length; i++)
      if (!decidedByPerson(tags[i]) && programKeyOf(lines[i]) === key) out.push(i);
    return out;
  };

  const acceptRow = (at: number) => {
    const row = rows[at];
    const id = rowId(row, lines);
    if (selection.ids.size > 1 && selection.ids.has(id)) return acceptSelection();
    if (row.kind === "line") {
      const line = lines[row.index];
      const tag = tags[row.index];
      props.onSelect(line);
      if (tag && tag.source !== "manual" && tag.goals.length > 0 && !busy)
        props.onSetTag(line.key, { goals: tag.goals, via: "confirmed", label: lineLabel(line) });
    } else if (row.kind === "program") {
      const accept = acceptProgram(lines, tags, row.key, filters, now());
      if (accept.lines > 0 && !busy)
        props.onAcceptAll(
          accept,
          `program ${row.program}: ${plural(accept.lines, "line")}, ${formatMoney(accept.amount)}.`
        );
    }
  };

  const acceptSelection = () => {
    const accept = decideLines(lines, tags, chosen, null, now());
    if (accept.lines === 0 || busy) return;
    props.onAcceptAll(
      accept,
      `the selection: ${plural(accept.lines, "line")}, ${formatMoney(accept.amount)}.`
    );
    setSelection(NO_SELECTION);
  };

  const setGoalForSelection = (goal: string) => {
    const accept = decideLines(lines, tags, chosen, goal, now());
    setPicking(false);
    if (accept.lines === 0 || busy) return;
    props.onAcceptAll(
      accept,
      `${goalLabel(goal, targets)} for ${plural(accept.lines, "line")}, ${formatMoney(accept.amount)}.`
    );
    setSelection(NO_SELECTION);
  };

  const notProgramForSelection = () => {
    const accept = decideNotPrograms(lines, tags, chosen, now());
    if (accept.lines === 0 || busy) return;
    props.onAcceptAll(
      accept,
      `not a program: ${plural(accept.lines, "line")}, ${formatMoney(accept.amount)}.`
    );
    setSelection(NO_SELECTION);
  };

  const chooseForProgram = (p: ProgramRow, goal: string) => {
    const accept = decideLines(lines, tags, undecidedOf(p.key), goal, now());
    if (accept.lines === 0 || busy) return;
    props.onAcceptAll(
      accept,
      `program ${p.program}: ${plural(accept.lines, "line")}, ${formatMoney(accept.amount)} → ${goal}.`
    );
  };

  const startConfirm = () => {
    setConfirmOn(true);
    setSkipped(new Set());
    // The program to confirm is shown whatever the filters: clear them.
    setFilters(NO_FILTERS);
  };

  const renderConfirm = (key: string) => {
    const p = programs.find((x) => x.key === key);
    if (!p) return null;
    return (
      <ConfirmPanel
        program={p}
        spotCheck={next?.key === key && next.spotCheck}
        choices={programChoices(lines, tags, p.items)}
        targets={targets}
        busy={busy}
        onChoose={(goal) => chooseForProgram(p, goal)}
        onSkip={() => setSkipped((s) => new Set([...s, key]))}
        onStop={() => setConfirmOn(false)}
      />
    );
  };

  const left = progress ? progress.programs - progress.confirmedPrograms : 0;
  const lineCount = programs.reduce((n, p) => n + p.items.length, 0);

  // The whole sentence, read out and in the title; the short one on screen.
  const progressSentence = progressReady && progress ? programProgressText(progress) : null;

  return (
    <div className={styles.root}>
      <Caption1
        className={styles.progress}
        aria-label="Confirmed so far"
        title={progressSentence ?? undefined}
      >
        {progressSentence !== null && progress ? (
          <>
            <span className={styles.spoken}>{progressSentence}</span>
            <span aria-hidden="true">{programProgressShort(progress)}</span>
          </>
        ) : (
          "Counting the confirmed programs…"
        )}
      </Caption1>
      <div className={styles.inline}>
        {/* With the bulk Accept on one line at 320 px: how many are left is in the progress above ("0 of 49
            programs") and in the name read out, not on the button. Wider labels wrap, never cut. */}
        <Button
          appearance="primary"
          size="small"
          disabled={!progressReady || left === 0}
          onClick={startConfirm}
          aria-label={
            progressReady ? `Confirm next (${left.toLocaleString("en-US")} left)` : undefined
          }
          title="The program that matters most among those not yet confirmed: largest amount, least certain, spread over departments; one in four a spot check of a large amount the engine is sure of"
        >
          Confirm next
        </Button>
        <BulkBar
          levels={levels}
          chosen={level}
          onChoose={setLevel}
          preview={(min) => acceptPreview(lines, tags, filters, min)}
          busy={busy}
          onAccept={(min, what) =>
            props.onAcceptAll(acceptShown(lines, tags, filters, min, now()), what)
          }
          undoLabel={props.undoLabel}
          onUndo={props.onUndo}
        />
      </div>
      <FilterBar filters={filters} onChange={setFilters} departments={depts} targets={targetList}>
        <Caption1 role="status">
          {rowsReady
            ? `${lineCount.toLocaleString("en-US")} of ${lines.length.toLocaleString("en-US")} lines shown`
            : `Preparing the list of ${lines.length.toLocaleString("en-US")} lines…`}
        </Caption1>
      </FilterBar>
      {selection.ids.size > 0 && chosen.length > 0 ? (
        <SelectionBar
          summary={linesSummary(chosen, lines)}
          picking={picking}
          onPick={setPicking}
          targets={targetList}
          busy={busy}
          onAccept={acceptSelection}
          onSetGoal={setGoalForSelection}
          onNotProgram={notProgramForSelection}
          onClear={() => {
            setSelection(NO_SELECTION);
            setPicking(false);
          }}
        />
      ) : null}
      <div ref={gridRef}>
        <TagGrid
          lines={lines}
          tags={tags}
          targets={targets}
          rows={rows}
          selection={selection}
          activeKey={props.selectedKey}
          confirming={confirming}
          expanded={expanded}
          sort={sort}
          onSort={() => setSort(nextSort)}
          height={height}
          onRowClick={(at, mods) => {
            setSelection((s) => clickSelect(s, rows, lines, at, mods));
            const r = rows[at];
            if (r.kind === "line" && !mods.shift && !mods.ctrl) props.onSelect(lines[r.index]);
          }}
          onToggleSelect={(at) => setSelection((s) => toggleSelect(s, rows, lines, at))}
          onExpand={expand}
          onAccept={acceptRow}
          onPickGoal={(at) => {
            const id = rowId(rows[at], lines);
            if (!selection.ids.has(id)) setSelection(clickSelect(selection, rows, lines, at, {}));
            setPicking(true);
          }}
          onMoveTo={(at) => {
            const r = rows[at];
            if (r.kind === "line") props.onSelect(lines[r.index]);
          }}
          renderConfirm={renderConfirm}
        />
      </div>
      <Caption1>
        Click a row to select it, Shift- or Ctrl-click for more. Keys: arrows move, → opens a
        program, Space selects, Enter accepts, G sets a goal.
      </Caption1>

      {selectedIndex >= 0 ? (
        <LineDetail
          key={lines[selectedIndex].key}
          line={lines[selectedIndex]}
          tag={tags[selectedIndex]}
          lines={lines}
          tags={tags}
          rules={props.rules}
          targets={targets}
          busy={busy}
          onSetTag={props.onSetTag}
          onAddRule={props.onAddRule}
        />
      ) : null}

      {props.rules.length > 0 ? (
        <section aria-label="Rules">
          <Subtitle2 as="h3">Rules (first match wins)</Subtitle2>
          <ol className={styles.rules}>
            {props.rules.map((r, i) => (
              <li key={`${i}-${r.field}-${r.value}`}>
                {ruleText(r, targets)}{" "}
                <Button
                  size="small"
                  appearance="subtle"
                  disabled={busy}
                  onClick={() => props.onRemoveRule(i)}
                  aria-label={`Remove rule ${i + 1}`}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
};
