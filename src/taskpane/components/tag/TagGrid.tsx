import { Badge, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import * as React from "react";
import { VariableSizeList, type ListChildComponentProps } from "react-window";
import type { BudgetLine, LineTag } from "../../../core/types";
import {
  rowId,
  type GridRow,
  type GridSort,
  type ProgramRow,
  type Selection,
} from "../../model/grid";
import {
  formatMoney,
  formatMoneyShort,
  formatPercent,
  goalLabel,
  lineLabel,
  SOURCE_LABELS,
  tagGoalsText,
  type targetIndex,
} from "../../model/view";

/** Height of a program or line row, and of the inline "Confirm next" panel. */
export const ROW_HEIGHT = 28;
export const CONFIRM_HEIGHT = 188;

export interface TagGridProps {
  lines: BudgetLine[];
  tags: LineTag[];
  targets: ReturnType<typeof targetIndex>;
  rows: GridRow[];
  selection: Selection;
  /** The line selected (here or in the sheet): scrolled into view and marked. */
  activeKey: string | null;
  /** The program "Confirm next" is on: scrolled into view with its panel under it. */
  confirming: string | null;
  expanded: ReadonlySet<string>;
  sort: GridSort;
  onSort: () => void;
  height: number;
  onRowClick: (at: number, mods: { shift: boolean; ctrl: boolean }) => void;
  /** Space: the row joins or leaves the selection. */
  onToggleSelect: (at: number) => void;
  onExpand: (programKey: string, open: boolean) => void;
  /** Enter: accept the row (or the selection it is in). */
  onAccept: (at: number) => void;
  /** G: pick a goal for the row (or the selection it is in). */
  onPickGoal: (at: number) => void;
  /** The arrows landed on a row. */
  onMoveTo: (at: number) => void;
  renderConfirm: (programKey: string) => React.ReactNode;
}

/**
 * A task pane of 360 px or less (Excel's default width is 320–350 px): the amount column is the short amount, and the
 * program's name gets the room (at 320 px "Patrol Oper…" became "Patrol Operations"). The whole amount is in the
 * row's title and spoken label.
 */
const NARROW = "@media (max-width: 360px)";

const useStyles = makeStyles({
  grid: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
  },
  row: {
    boxSizing: "border-box",
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    cursor: "pointer",
    whiteSpace: "nowrap",
    userSelect: "none",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "-2px",
    },
  },
  header: {
    cursor: "default",
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground3,
    ":hover": { backgroundColor: tokens.colorNeutralBackground3 },
  },
  program: { fontWeight: tokens.fontWeightSemibold },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ":hover": { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  active: { boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}` },
  confirming: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    ":hover": { backgroundColor: tokens.colorPaletteYellowBackground2 },
  },
  toggle: {
    flexShrink: 0,
    width: "18px",
    textAlign: "center",
    color: tokens.colorNeutralForeground3,
  },
  indent: { flexShrink: 0, width: "26px" },
  name: { flexGrow: 1, minWidth: 0, overflow: "hidden", textOverflow: "ellipsis" },
  amount: {
    flexShrink: 0,
    width: "76px",
    textAlign: "right",
    fontVariantNumeric: "tabular-nums",
    [NARROW]: { width: "50px" },
  },
  /** The whole amount, shown where the pane has room; in a pane of 360 px or less, the short one ("$18.7M"). */
  wholeAmount: { [NARROW]: { display: "none" } },
  shortAmount: { display: "none", [NARROW]: { display: "inline" } },
  goal: { flexShrink: 0, width: "46px", overflow: "hidden", textOverflow: "ellipsis" },
  department: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  source: {
    flexShrink: 0,
    width: "52px",
    display: "flex",
    justifyContent: "flex-end",
    [NARROW]: { width: "40px" },
  },
  sortButton: {
    font: "inherit",
    fontWeight: "inherit",
    color: "inherit",
    background: "none",
    border: "none",
    padding: 0,
    cursor: "pointer",
    width: "100%",
    textAlign: "right",
  },
});

type Styles = ReturnType<typeof useStyles>;
type Colour = "success" | "brand" | "informative" | "warning" | "danger" | "subtle";

/** The source badge: words or a confidence, its colour, filled (suggested) or outlined (learned). */
function badgeOf(
  source: LineTag["source"] | "mixed",
  confidence: number,
  flagged: boolean
): { text: string; color: Colour; appearance: "tint" | "outline"; words: string } {
  const pct = formatPercent(confidence);
  switch (source) {
    case "manual":
      return { text: "Set", color: "success", appearance: "tint", words: SOURCE_LABELS.manual };
    case "rule":
      return { text: "Rule", color: "brand", appearance: "tint", words: "Rule" };
    case "learned":
    case "suggested":
      return {
        text: pct,
        color: confidence >= 0.6 ? "informative" : "warning",
        appearance: source === "learned" ? "outline" : "tint",
        words: `${SOURCE_LABELS[source]}, ${pct} sure`,
      };
    case "mixed":
      return {
        text: "Mixed",
        color: "subtle",
        appearance: "outline",
        words: `Mixed sources, ${pct} sure`,
      };
    default:
      return {
        text: flagged ? "Flag" : "None",
        color: flagged ? "danger" : "warning",
        appearance: "tint",
        words: flagged ? "Untagged, fits no goal" : "Untagged",
      };
  }
}

interface RowData extends TagGridProps {
  styles: Styles;
  focusId: string | null;
  onKey: (e: React.KeyboardEvent, at: number) => void;
  setFocusId: (id: string) => void;
}

function programTitle(p: ProgramRow, data: RowData, words: string): string {
  const goal = p.goal ? goalLabel(p.goal, data.targets) : "No goal";
  const more = p.otherGoals
    ? ` and ${p.otherGoals} other goal${p.otherGoals === 1 ? "" : "s"}`
    : "";
  return `${p.department} › ${p.program}: ${p.items.length} line${p.items.length === 1 ? "" : "s"}, ${formatMoney(p.total)}. ${goal}${more}. ${words}.${p.why ? ` Why: ${p.why}` : ""}`;
}

function ProgramCells({ p, data }: { p: ProgramRow; data: RowData }) {
  const s = data.styles;
  const b = badgeOf(p.source, p.confidence, p.flagged);
  const open = data.expanded.has(p.key);
  return (
    <>
      <span
        className={s.toggle}
        aria-hidden
        onClick={(e) => {
          e.stopPropagation();
          data.onExpand(p.key, !open);
        }}
      >
        {open ? "▾" : "▸"}
      </span>
      <span className={mergeClasses(s.name, s.program)}>
        {p.program}
        {p.program === p.department ? null : (
          <span className={s.department}> · {p.department}</span>
        )}
      </span>
      <Amount value={p.total} s={s} />
      <span className={s.goal}>{p.goal ? `${p.goal}${p.otherGoals ? "+" : ""}` : "—"}</span>
      <span className={s.source}>
        <Badge size="small" color={b.color} appearance={b.appearance}>
          {p.flagged ? "Flag" : b.text}
        </Badge>
      </span>
    </>
  );
}

/** The amount cell: whole, or short in a narrow pane (the row's title and spoken label give it whole either way). */
function Amount({ value, s }: { value: number; s: RowData["styles"] }) {
  const whole = formatMoney(value);
  return (
    <span className={s.amount}>
      <span className={s.wholeAmount}>{whole}</span>
      <span className={s.shortAmount}>{formatMoneyShort(value)}</span>
    </span>
  );
}

function LineCells({ index, data }: { index: number; data: RowData }) {
  const s = data.styles;
  const line = data.lines[index];
  const tag = data.tags[index];
  const b = badgeOf(tag?.source ?? "none", tag?.confidence ?? 0, tag?.flagged ?? false);
  return (
    <>
      <span className={s.indent} />
      <span className={s.name}>
        {line.accountName || line.description || line.account || lineLabel(line)}
      </span>
      <Amount value={line.amount} s={s} />
      <span className={s.goal}>
        {tag && tag.goals.length ? `${tag.goals[0].id}${tag.goals.length > 1 ? "+" : ""}` : "—"}
      </span>
      <span className={s.source}>
        <Badge size="small" color={b.color} appearance={b.appearance}>
          {b.text}
        </Badge>
      </span>
    </>
  );
}

const GridRowView = ({ index, style, data }: ListChildComponentProps<RowData>) => {
  const row = data.rows[index];
  if (row.kind === "confirm")
    return (
      <div style={style} role="row" aria-level={2} data-row={index}>
        <div role="gridcell">{data.renderConfirm(row.program)}</div>
      </div>
    );
  const s = data.styles;
  const id = rowId(row, data.lines);
  const selected = data.selection.ids.has(id);
  const isLine = row.kind === "line";
  const line = isLine ? data.lines[row.index] : null;
  const tag = isLine ? data.tags[row.index] : undefined;
  const words = isLine
    ? badgeOf(tag?.source ?? "none", tag?.confidence ?? 0, tag?.flagged ?? false).words
    : badgeOf(row.source, row.confidence, row.flagged).words;
  const title = isLine
    ? `${lineLabel(line!)}: ${formatMoney(line!.amount)}. ${tagGoalsText(tag, data.targets)}. ${words}.${tag?.why ? ` Why: ${tag.why}` : ""}`
    : programTitle(row, data, words);
  return (
    <div
      style={style}
      role="row"
      aria-level={isLine ? 2 : 1}
      aria-expanded={isLine ? undefined : data.expanded.has(row.key)}
      aria-selected={selected}
      aria-label={title}
      title={title}
      tabIndex={id === data.focusId ? 0 : -1}
      data-row={index}
      data-key={isLine ? line!.key : row.key}
      className={mergeClasses(
        s.row,
        !isLine && s.program,
        !isLine && row.key === data.confirming && s.confirming,
        selected && s.selected,
        isLine && line!.key === data.activeKey && s.active
      )}
      onClick={(e) => {
        data.setFocusId(id);
        data.onRowClick(index, { shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey });
      }}
      onKeyDown={(e) => data.onKey(e, index)}
    >
      {isLine ? <LineCells index={row.index} data={data} /> : <ProgramCells p={row} data={data} />}
    </div>
  );
};

const GridBody = React.forwardRef<HTMLDivElement, React.HTMLAttributes<HTMLDivElement>>(
  (p, ref) => <div ref={ref} role="rowgroup" {...p} />
);
GridBody.displayName = "GridBody";

/** The Tag step's grid: programs, their lines when expanded, virtualised (only the rows in view are made). */
export const TagGrid: React.FC<TagGridProps> = (props) => {
  const styles = useStyles();
  const { rows, lines } = props;
  const listRef = React.useRef<VariableSizeList<RowData>>(null);
  const outerRef = React.useRef<HTMLDivElement>(null);
  const [focusId, setFocusId] = React.useState<string | null>(null);

  // Row heights change with the rows (the confirm panel moves): measure again from the top.
  React.useEffect(() => listRef.current?.resetAfterIndex(0, true), [rows]);

  const indexOf = React.useCallback(
    (id: string) => rows.findIndex((r) => rowId(r, lines) === id),
    [rows, lines]
  );
  const focusable =
    focusId !== null && indexOf(focusId) >= 0 ? focusId : rows[0] ? rowId(rows[0], lines) : null;

  const scrollTo = (at: number) => listRef.current?.scrollToItem(at, "smart");
  // The program being confirmed, and a line selected in the sheet, come into view: each once, when it changes
  // (or when its row first appears), not again on every change of the rows.
  const shown = React.useRef<{ confirming: string | null; active: string | null }>({
    confirming: null,
    active: null,
  });
  React.useEffect(() => {
    const done = shown.current;
    if (props.confirming === null) done.confirming = null;
    if (props.activeKey === null) done.active = null;
    if (props.confirming !== null && props.confirming !== done.confirming) {
      const at = indexOf(`p:${props.confirming}`);
      if (at >= 0) {
        // At the top of the grid, so that its panel (the row under it) shows in full.
        listRef.current?.scrollToItem(at, "start");
        done.confirming = props.confirming;
        return;
      }
    }
    if (props.activeKey !== null && props.activeKey !== done.active) {
      const at = indexOf(`l:${props.activeKey}`);
      if (at >= 0) {
        scrollTo(at);
        done.active = props.activeKey;
      }
    }
  }, [props.confirming, props.activeKey, indexOf]);

  const focusRow = (at: number) => {
    const id = rowId(rows[at], lines);
    setFocusId(id);
    scrollTo(at);
    requestAnimationFrame(() =>
      outerRef.current?.querySelector<HTMLElement>(`[data-row="${at}"]`)?.focus()
    );
  };

  const onKey = (e: React.KeyboardEvent, at: number) => {
    const row = rows[at];
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    if (step) {
      e.preventDefault();
      let next = at + step;
      while (next >= 0 && next < rows.length && rows[next].kind === "confirm") next += step;
      if (next < 0 || next >= rows.length) return;
      focusRow(next);
      if (e.shiftKey) props.onRowClick(next, { shift: true, ctrl: false });
      else props.onMoveTo(next);
      return;
    }
    if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && row.kind !== "confirm") {
      e.preventDefault();
      const key = row.kind === "program" ? row.key : row.program;
      props.onExpand(key, e.key === "ArrowRight");
      if (e.key === "ArrowLeft" && row.kind === "line") {
        const head = indexOf(`p:${key}`);
        if (head >= 0) focusRow(head);
      }
      return;
    }
    const actions: Record<string, (at: number) => void> = {
      " ": props.onToggleSelect,
      Enter: props.onAccept,
      g: props.onPickGoal,
      G: props.onPickGoal,
    };
    const act = actions[e.key];
    if (act && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      act(at);
    }
  };

  const itemSize = (i: number) => (rows[i]?.kind === "confirm" ? CONFIRM_HEIGHT : ROW_HEIGHT);
  const sortLabel =
    props.sort === "amount-desc" ? "Amount ↓" : props.sort === "amount-asc" ? "Amount ↑" : "Amount";

  return (
    <div
      className={styles.grid}
      role="treegrid"
      aria-label="Budget programs and lines"
      aria-multiselectable
      aria-rowcount={rows.length + 1}
    >
      <div
        role="row"
        className={mergeClasses(styles.row, styles.header)}
        style={{ height: ROW_HEIGHT }}
      >
        <span className={styles.toggle} />
        <span role="columnheader" className={styles.name}>
          Program
        </span>
        <span
          role="columnheader"
          className={styles.amount}
          aria-sort={
            props.sort === "amount-desc"
              ? "descending"
              : props.sort === "amount-asc"
                ? "ascending"
                : "none"
          }
        >
          <button
            type="button"
            className={styles.sortButton}
            onClick={props.onSort}
            title="Sort by amount: largest first, smallest first, then the budget's order"
          >
            {sortLabel}
          </button>
        </span>
        <span role="columnheader" className={styles.goal}>
          Goal
        </span>
        <span
          role="columnheader"
          className={styles.source}
          title="Set: set by a person. Rule: by a rule. A percentage: suggested (filled) or learned (outlined), with its confidence. None: untagged."
        >
          Source
        </span>
      </div>
      <VariableSizeList<RowData>
        ref={listRef}
        outerRef={outerRef}
        innerElementType={GridBody}
        height={Math.max(ROW_HEIGHT * 3, props.height - ROW_HEIGHT)}
        width="100%"
        itemCount={rows.length}
        itemSize={itemSize}
        estimatedItemSize={ROW_HEIGHT}
        itemData={{ ...props, styles, focusId: focusable, onKey, setFocusId }}
      >
        {GridRowView}
      </VariableSizeList>
    </div>
  );
};
