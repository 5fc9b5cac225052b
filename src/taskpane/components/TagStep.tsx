import {
  Badge,
  Button,
  Caption1,
  Card,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  Option,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import * as React from "react";
import { FixedSizeList, type ListChildComponentProps } from "react-window";
import type { BudgetLine, LineTag, ManualTag, Plan, Rule, RuleField } from "../../core/types";
import { LINE_TEXT_FIELDS } from "../../core/types";
import {
  acceptProgram,
  acceptShown,
  countShown,
  confirmNextLines,
  confirmProgress,
  departments,
  formatMoney,
  formatPercent,
  lineField,
  lineLabel,
  lineMatches,
  NO_FILTERS,
  progressText,
  RULE_FIELD_LABELS,
  ruleText,
  SOURCE_LABELS,
  tagGoalsText,
  tagRows,
  targetIndex,
  type BulkAccept,
  type TagFilters,
  type TagRow,
} from "../model/view";
import { GoalPicker } from "./GoalPicker";

export interface TagStepProps {
  lines: BudgetLine[];
  /** tags[i] belongs to lines[i]. */
  tags: LineTag[];
  plan: Plan | null;
  rules: Rule[];
  selectedKey: string | null;
  busy: boolean;
  /** Height of the line list in pixels (the list is virtualised). */
  listHeight?: number;
  onSelect: (line: BudgetLine) => void;
  onSetTag: (key: string, tag: ManualTag | null) => void;
  /** Accept the suggestions of the lines shown (after the person confirmed); `what` says it in words. */
  onAcceptAll: (accept: BulkAccept, what: string) => void;
  /** The last bulk action while it can be undone (what it did), and how to undo it. */
  undoLabel?: string | null;
  onUndo?: () => void;
  onAddRule: (rule: Rule) => void;
  onRemoveRule: (index: number) => void;
}

const ROW_HEIGHT = 52;
const ACCEPT_LEVELS = [0.9, 0.8, 0.7, 0.6, 0.5];
const RULE_FIELDS: readonly RuleField[] = LINE_TEXT_FIELDS;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  filters: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "center",
  },
  row: {
    boxSizing: "border-box",
    display: "flex",
    flexDirection: "column",
    justifyContent: "center",
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    cursor: "pointer",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  program: {
    boxSizing: "border-box",
    display: "flex",
    alignItems: "flex-end",
    justifyContent: "space-between",
    paddingLeft: tokens.spacingHorizontalXS,
    paddingBottom: tokens.spacingVerticalXS,
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  line1: {
    display: "flex",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
    whiteSpace: "nowrap",
  },
  ellipsis: { overflow: "hidden", textOverflow: "ellipsis" },
  line2: {
    display: "flex",
    columnGap: tokens.spacingHorizontalXS,
    alignItems: "center",
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: "nowrap",
    overflow: "hidden",
  },
  num: { fontVariantNumeric: "tabular-nums" },
  list: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  card: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  inline: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    alignItems: "flex-end",
  },
  share: { width: "80px" },
  rules: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const sourceColor = (
  t: LineTag | undefined
): "success" | "brand" | "informative" | "warning" | "danger" => {
  if (!t || t.goals.length === 0) return t?.flagged ? "danger" : "warning";
  if (t.source === "manual") return "success";
  if (t.source === "rule") return "brand";
  return t.confidence >= 0.6 ? "informative" : "warning";
};

interface RowData {
  rows: TagRow[];
  props: TagStepProps;
  targets: ReturnType<typeof targetIndex>;
  styles: ReturnType<typeof useStyles>;
  onKey: (e: React.KeyboardEvent, rowIndex: number) => void;
  /** Accepts the program of a header row (its undecided lines with a goal, as the filters show them). */
  onAcceptProgram: (programKey: string, name: string) => void;
  /** The one row reachable with Tab (roving tab index): the selected line, else the first line shown. */
  focusRow: number;
}

const ListRow = ({ index, style, data }: ListChildComponentProps<RowData>) => {
  const { rows, props, targets, styles } = data;
  const row = rows[index];
  if (row.kind === "program") {
    return (
      <div style={style} className={styles.program} role="presentation">
        <span className={styles.ellipsis}>
          {row.department} › {row.program}{" "}
          {row.flagged ? (
            <Badge color="danger" size="small">
              flagged
            </Badge>
          ) : null}
        </span>
        <span className={styles.num}>
          {row.lines} · {formatMoney(row.total)}{" "}
          {row.open > 0 ? (
            <Button
              size="small"
              appearance="subtle"
              disabled={props.busy}
              aria-label={`Accept program ${row.program || row.department}`}
              onClick={() => data.onAcceptProgram(row.key, row.program || row.department)}
            >
              Accept
            </Button>
          ) : null}
        </span>
      </div>
    );
  }
  const line = props.lines[row.index];
  const tag = props.tags[row.index];
  const selected = line.key === props.selectedKey;
  return (
    <div
      style={style}
      className={mergeClasses(styles.row, selected && styles.selected)}
      role="option"
      aria-selected={selected}
      tabIndex={index === data.focusRow ? 0 : -1}
      data-row={index}
      data-key={line.key}
      onClick={() => props.onSelect(line)}
      onKeyDown={(e) => data.onKey(e, index)}
    >
      <div className={styles.line1}>
        <span className={styles.ellipsis}>
          {line.accountName || line.description || line.account || lineLabel(line)}
        </span>
        <span className={styles.num}>{formatMoney(line.amount)}</span>
      </div>
      <div className={styles.line2}>
        <Badge size="small" appearance="tint" color={sourceColor(tag)}>
          {SOURCE_LABELS[tag?.source ?? "none"]}
          {tag && tag.source !== "manual" && tag.goals.length
            ? ` ${formatPercent(tag.confidence)}`
            : ""}
        </Badge>
        <span className={styles.ellipsis}>{tagGoalsText(tag, targets)}</span>
      </div>
    </div>
  );
};

/** "12 lines shown (Department: Parks), $1,234,000 in all, suggested at 80% or more." */
function bulkWords(accept: BulkAccept, min: number): string {
  return (
    `${accept.lines.toLocaleString("en-US")} line${accept.lines === 1 ? "" : "s"} shown by the filters, ` +
    `${formatMoney(accept.amount)} in all, with suggestions at ${formatPercent(min)} or more.`
  );
}

/**
 * Above this many lines the Tag step's lists and counts (each a pass over every line, tens of milliseconds at
 * 100,000 lines) are worked out one task after another, after the step first shows, so that no single task of the
 * pane's main thread grows long; below it they are worked out as the step renders.
 */
export const SPREAD_LINES = 20_000;

/**
 * useMemo, or — when `spread` — the value worked out in a task of its own after rendering (`fallback` until then,
 * and `ready` false). Each spread value gets its own task.
 */
function useSpreadMemo<T>(
  compute: () => T,
  deps: React.DependencyList,
  spread: boolean,
  fallback: T
): [T, boolean] {
  const [done, setDone] = React.useState<{ deps: React.DependencyList; value: T } | null>(null);
  const now = React.useMemo(() => (spread ? null : { value: compute() }), [spread, ...deps]);
  React.useEffect(() => {
    if (!spread) return;
    const id = setTimeout(() => setDone({ deps, value: compute() }), 0);
    return () => clearTimeout(id);
  }, [spread, ...deps]);
  if (now) return [now.value, true];
  const ready =
    done !== null && done.deps.length === deps.length && done.deps.every((d, i) => d === deps[i]);
  return ready ? [done.value, true] : [fallback, false];
}

const NO_ROWS: TagRow[] = [];
const NO_COUNT = { lines: 0, amount: 0 };

/** Step 3: every line grouped by program with its goal, source, confidence and why; edits, splits and rules. */
export const TagStep: React.FC<TagStepProps> = (props) => {
  const styles = useStyles();
  const { lines, tags, plan, busy } = props;
  const [filters, setFilters] = React.useState<TagFilters>(NO_FILTERS);
  const [acceptLevel, setAcceptLevel] = React.useState(0.8);
  const listRef = React.useRef<FixedSizeList<RowData>>(null);
  const outerRef = React.useRef<HTMLDivElement>(null);

  const targets = React.useMemo(() => targetIndex(plan), [plan]);
  const targetList = React.useMemo(() => [...targets.values()], [targets]);
  const depts = React.useMemo(() => departments(lines), [lines]);
  const spread = lines.length > SPREAD_LINES;
  const [rows, rowsReady] = useSpreadMemo(
    () => tagRows(lines, tags, filters),
    [lines, tags, filters],
    spread,
    NO_ROWS
  );
  const [confirming, setConfirming] = React.useState<{ accept: BulkAccept; what: string } | null>(
    null
  );
  // Exactly the lines the filters show: what the button counts is what it accepts.
  const [shownAccept, countReady] = useSpreadMemo(
    () => countShown(lines, tags, filters, acceptLevel),
    [lines, tags, filters, acceptLevel],
    spread,
    NO_COUNT
  );
  const acceptCount = shownAccept.lines;
  const selectedIndex = React.useMemo(
    () => (props.selectedKey ? lines.findIndex((l) => l.key === props.selectedKey) : -1),
    [lines, props.selectedKey]
  );

  // A line selected in the sheet scrolls into view here.
  React.useEffect(() => {
    if (selectedIndex < 0) return;
    const at = rows.findIndex((r) => r.kind === "line" && r.index === selectedIndex);
    if (at >= 0) listRef.current?.scrollToItem(at, "smart");
  }, [selectedIndex, rows]);

  const onKey = React.useCallback(
    (e: React.KeyboardEvent, rowIndex: number) => {
      const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
      const r0 = rows[rowIndex];
      if (e.key === " ") {
        e.preventDefault();
        if (r0.kind === "line") props.onSelect(lines[r0.index]);
        return;
      }
      if (e.key === "Enter") {
        // Enter accepts the line's goal (a suggestion, a learned goal or a rule's) as a person's decision.
        e.preventDefault();
        if (r0.kind !== "line") return;
        const line = lines[r0.index];
        const tag = tags[r0.index];
        props.onSelect(line);
        if (tag && tag.source !== "manual" && tag.goals.length > 0 && !props.busy)
          props.onSetTag(line.key, { goals: tag.goals, via: "confirmed", label: lineLabel(line) });
        return;
      }
      if (e.key === "g" || e.key === "G") {
        // "g" opens the goal picker of the line (in the detail above the list).
        e.preventDefault();
        if (r0.kind === "line") props.onSelect(lines[r0.index]);
        requestAnimationFrame(() => {
          const picker = document.querySelector<HTMLElement>('[aria-label="Goal for this line"]');
          picker?.focus();
          picker?.click();
        });
        return;
      }
      if (!step) return;
      e.preventDefault();
      let next = rowIndex + step;
      while (next >= 0 && next < rows.length && rows[next].kind !== "line") next += step;
      if (next < 0 || next >= rows.length) return;
      const r = rows[next];
      if (r.kind !== "line") return;
      listRef.current?.scrollToItem(next, "smart");
      props.onSelect(lines[r.index]);
      requestAnimationFrame(() =>
        outerRef.current?.querySelector<HTMLElement>(`[data-row="${next}"]`)?.focus()
      );
    },
    [rows, lines, tags, props]
  );

  const onAcceptProgram = React.useCallback(
    (programKey: string, name: string) => {
      const accept = acceptProgram(lines, tags, programKey, filters, new Date().toISOString());
      if (accept.lines === 0) return;
      props.onAcceptAll(
        accept,
        `program ${name}: ${accept.lines.toLocaleString("en-US")} line${accept.lines === 1 ? "" : "s"}, ${formatMoney(accept.amount)}.`
      );
    },
    [lines, tags, filters, props]
  );

  const [progress, progressReady] = useSpreadMemo(
    () => confirmProgress(lines, tags),
    [lines, tags],
    spread,
    { confirmed: lines.length, lines: lines.length, moneyShare: 0 }
  );
  // The queue's order is worked out when asked for (a sort over every line): its length is what is not confirmed.
  const left = lines.length - progress.confirmed;
  const queueRef = React.useRef<{ lines: BudgetLine[]; tags: LineTag[]; order: number[] } | null>(
    null
  );
  const confirmNext = () => {
    if (queueRef.current?.lines !== lines || queueRef.current.tags !== tags)
      queueRef.current = { lines, tags, order: confirmNextLines(lines, tags) };
    const queue = queueRef.current.order;
    const next = queue.find((i) => lines[i].key !== props.selectedKey) ?? queue[0];
    if (next === undefined) return;
    // Shown whatever the filters: clear those that would hide it.
    if (!lineMatches(lines[next], tags[next], filters)) setFilters(NO_FILTERS);
    props.onSelect(lines[next]);
  };

  const focusRow = React.useMemo(() => {
    const at =
      selectedIndex >= 0
        ? rows.findIndex((r) => r.kind === "line" && r.index === selectedIndex)
        : -1;
    return at >= 0 ? at : rows.findIndex((r) => r.kind === "line");
  }, [rows, selectedIndex]);

  const set = (p: Partial<TagFilters>) => setFilters((f) => ({ ...f, ...p }));
  const lineCount = rows.reduce((n, r) => n + (r.kind === "line" ? 1 : 0), 0);

  return (
    <div className={styles.root}>
      <div className={styles.inline}>
        <Text weight="semibold" aria-label="Confirmed so far">
          {progressReady ? progressText(progress) : "Counting the confirmed lines…"}
        </Text>
        <Button
          appearance="primary"
          size="small"
          disabled={left === 0}
          onClick={confirmNext}
          title="The line that matters most among those not yet confirmed: largest amount, least certain, spread over departments"
        >
          {progressReady ? `Confirm next (${left.toLocaleString("en-US")} left)` : "Confirm next"}
        </Button>
      </div>
      <div className={styles.filters} role="group" aria-label="Filters">
        <Input
          aria-label="Search lines"
          placeholder="Search lines"
          value={filters.text}
          onChange={(_, d) => set({ text: d.value })}
        />
        <Checkbox
          label="Untagged"
          checked={filters.untagged}
          onChange={(_, d) => set({ untagged: d.checked === true })}
        />
        <Checkbox
          label="Not yet confirmed"
          checked={filters.unconfirmed}
          onChange={(_, d) => set({ unconfirmed: d.checked === true })}
        />
        <Checkbox
          label="Flagged"
          checked={filters.flagged}
          onChange={(_, d) => set({ flagged: d.checked === true })}
        />
        <Checkbox
          label="Low confidence"
          checked={filters.lowConfidence}
          onChange={(_, d) => set({ lowConfidence: d.checked === true })}
        />
        <Dropdown
          aria-label="Department filter"
          placeholder="All departments"
          value={filters.department ?? "All departments"}
          selectedOptions={[filters.department ?? ""]}
          onOptionSelect={(_, d) => set({ department: d.optionValue ? d.optionValue : null })}
        >
          <Option value="">All departments</Option>
          {depts.map((d) => (
            <Option key={d} value={d}>
              {d}
            </Option>
          ))}
        </Dropdown>
        <GoalPicker
          label="Goal filter"
          targets={targetList}
          value={filters.goal}
          onChange={(id) => set({ goal: id })}
        />
        {filters.goal ? (
          <Button size="small" appearance="subtle" onClick={() => set({ goal: null })}>
            Any goal
          </Button>
        ) : null}
      </div>

      <div className={styles.inline}>
        <Field label="Accept suggestions at or above">
          <Dropdown
            aria-label="Confidence to accept"
            value={formatPercent(acceptLevel)}
            selectedOptions={[String(acceptLevel)]}
            onOptionSelect={(_, d) => setAcceptLevel(Number(d.optionValue))}
          >
            {ACCEPT_LEVELS.map((l) => (
              <Option key={l} value={String(l)}>
                {formatPercent(l)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button
          disabled={busy || acceptCount === 0 || !countReady}
          onClick={() => {
            const accept = acceptShown(lines, tags, filters, acceptLevel, new Date().toISOString());
            setConfirming({ accept, what: bulkWords(accept, acceptLevel) });
          }}
        >
          {countReady ? (
            <>
              Accept {acceptCount.toLocaleString("en-US")} suggestion{acceptCount === 1 ? "" : "s"}{" "}
              ({formatMoney(shownAccept.amount)})
            </>
          ) : (
            "Accept suggestions (counting…)"
          )}
        </Button>
      </div>
      {props.undoLabel ? (
        <div className={styles.inline} role="group" aria-label="Last bulk action">
          <Caption1>{props.undoLabel}</Caption1>
          <Button size="small" disabled={busy} onClick={() => props.onUndo?.()}>
            Undo
          </Button>
        </div>
      ) : null}
      {confirming ? (
        <Card
          className={styles.card}
          role="alertdialog"
          aria-label="Confirm accepting suggestions"
          aria-describedby="bulk-accept-what"
        >
          <Text weight="semibold">
            Accept {confirming.accept.lines.toLocaleString("en-US")} suggestion
            {confirming.accept.lines === 1 ? "" : "s"}?
          </Text>
          <Text id="bulk-accept-what">
            {confirming.what} They become confirmed tags, saved with the workbook, and teach the
            suggestions for similar lines. You can undo this in one step.
          </Text>
          <div className={styles.inline}>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={() => {
                props.onAcceptAll(confirming.accept, confirming.what);
                setConfirming(null);
              }}
            >
              Accept {confirming.accept.lines.toLocaleString("en-US")}
            </Button>
            <Button onClick={() => setConfirming(null)}>Cancel</Button>
          </div>
        </Card>
      ) : null}

      {selectedIndex >= 0 ? (
        <LineDetail
          key={lines[selectedIndex].key}
          line={lines[selectedIndex]}
          tag={tags[selectedIndex]}
          targets={targets}
          busy={busy}
          onSetTag={props.onSetTag}
          onAddRule={props.onAddRule}
        />
      ) : (
        <Caption1>
          Select a line (here or in the sheet) to change its goal, split it or make a rule from it.
          In the list: arrows move, Enter accepts the line&apos;s goal, G opens the goal picker.
        </Caption1>
      )}
      <Caption1 role="status">
        {rowsReady
          ? `${lineCount.toLocaleString("en-US")} of ${lines.length.toLocaleString("en-US")} lines shown`
          : `Preparing the list of ${lines.length.toLocaleString("en-US")} lines…`}
      </Caption1>
      <div className={styles.list}>
        <FixedSizeList<RowData>
          ref={listRef}
          outerRef={outerRef}
          height={props.listHeight ?? 360}
          width="100%"
          itemCount={rows.length}
          itemSize={ROW_HEIGHT}
          itemData={{ rows, props, targets, styles, onKey, onAcceptProgram, focusRow }}
          innerElementType={ListInner}
        >
          {ListRow}
        </FixedSizeList>
      </div>

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

const ListInner = React.forwardRef<HTMLDivElement, React.HTMLAttributes<HTMLDivElement>>(
  (p, ref) => <div ref={ref} role="listbox" aria-label="Budget lines by program" {...p} />
);
ListInner.displayName = "ListInner";

export interface LineDetailProps {
  line: BudgetLine;
  tag: LineTag | undefined;
  targets: ReturnType<typeof targetIndex>;
  busy: boolean;
  onSetTag: (key: string, tag: ManualTag | null) => void;
  onAddRule: (rule: Rule) => void;
}

/** The selected line: why it has its goal, and the ways to change it. */
export const LineDetail: React.FC<LineDetailProps> = ({
  line,
  tag,
  targets,
  busy,
  onSetTag,
  onAddRule,
}) => {
  const styles = useStyles();
  const targetList = React.useMemo(() => [...targets.values()], [targets]);
  const suggestion =
    tag && tag.source !== "manual"
      ? tag.goals.length
        ? tag.goals
        : tag.nearest
          ? [{ id: tag.nearest.id, share: 1 }]
          : []
      : [];
  const [goal, setGoal] = React.useState<string | null>(tag?.goals[0]?.id ?? null);
  const [second, setSecond] = React.useState<string | null>(null);
  const [share, setShare] = React.useState("50");
  const [ruleField, setRuleField] = React.useState<RuleField>("department");
  const [ruleGoal, setRuleGoal] = React.useState<string | null>(tag?.goals[0]?.id ?? null);
  const label = lineLabel(line);
  const sharePct = Number(share);
  const shareOk = Number.isFinite(sharePct) && sharePct > 0 && sharePct < 100;

  const manual = (goals: ManualTag["goals"], via: ManualTag["via"]): ManualTag => ({
    goals,
    via,
    label,
  });

  return (
    <Card className={styles.card} aria-label="Selected line">
      <Text weight="semibold">{label}</Text>
      <Caption1>
        {line.sheet} row {line.row} · {formatMoney(line.amount)}
      </Caption1>
      <Text>
        <strong>{tagGoalsText(tag, targets)}</strong> · {SOURCE_LABELS[tag?.source ?? "none"]}
        {tag && tag.source !== "manual" ? `, confidence ${formatPercent(tag.confidence)}` : ""}
      </Text>
      {tag?.why ? <Caption1>Why: {tag.why}</Caption1> : null}

      <div className={styles.inline}>
        {suggestion.length > 0 ? (
          <Button
            appearance="primary"
            disabled={busy}
            onClick={() => onSetTag(line.key, manual(suggestion, "confirmed"))}
          >
            Accept {tag?.goals.length ? "suggestion" : "nearest goal"} (
            {suggestion.map((g) => g.id).join(", ")})
          </Button>
        ) : null}
        {tag?.source === "manual" ? (
          <Button disabled={busy} onClick={() => onSetTag(line.key, null)}>
            Clear my tag
          </Button>
        ) : null}
      </div>

      <div className={styles.inline}>
        <Field label="Goal">
          <GoalPicker
            label="Goal for this line"
            targets={targetList}
            value={goal}
            onChange={setGoal}
            disabled={busy}
          />
        </Field>
        <Button
          disabled={busy || !goal}
          onClick={() => goal && onSetTag(line.key, manual([{ id: goal, share: 1 }], "pane"))}
        >
          Set goal
        </Button>
      </div>

      <div className={styles.inline}>
        <Field label="Split: second goal">
          <GoalPicker
            label="Second goal of the split"
            targets={targetList}
            value={second}
            onChange={setSecond}
            disabled={busy}
          />
        </Field>
        <Field
          label="% to the first goal"
          validationMessage={shareOk ? undefined : "A number between 1 and 99."}
        >
          <Input
            className={styles.share}
            value={share}
            onChange={(_, d) => setShare(d.value)}
            type="number"
          />
        </Field>
        <Button
          disabled={busy || !goal || !second || goal === second || !shareOk}
          onClick={() =>
            goal &&
            second &&
            onSetTag(
              line.key,
              manual(
                [
                  { id: goal, share: sharePct / 100 },
                  { id: second, share: 1 - sharePct / 100 },
                ],
                "pane"
              )
            )
          }
        >
          Split
        </Button>
      </div>

      <div className={styles.inline}>
        <Field label="Rule: all lines whose">
          <Dropdown
            aria-label="Field of the rule"
            value={RULE_FIELD_LABELS[ruleField]}
            selectedOptions={[ruleField]}
            onOptionSelect={(_, d) => d.optionValue && setRuleField(d.optionValue as RuleField)}
          >
            {RULE_FIELDS.filter((f) => lineField(line, f) !== "").map((f) => (
              <Option key={f} value={f} text={RULE_FIELD_LABELS[f]}>
                {`${RULE_FIELD_LABELS[f]}: ${lineField(line, f)}`}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={`is "${lineField(line, ruleField)}" go to`}>
          <GoalPicker
            label="Goal of the rule"
            targets={targetList}
            value={ruleGoal}
            onChange={setRuleGoal}
            disabled={busy}
          />
        </Field>
        <Button
          disabled={busy || !ruleGoal || lineField(line, ruleField) === ""}
          onClick={() =>
            ruleGoal &&
            onAddRule({
              field: ruleField,
              op: "equals",
              value: lineField(line, ruleField),
              target: ruleGoal,
            })
          }
        >
          Add rule
        </Button>
      </div>
    </Card>
  );
};
