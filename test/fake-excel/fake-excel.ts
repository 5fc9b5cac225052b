/**
 * An in-memory fake of the part of the Excel JavaScript API that src/excel uses, for jest and the browser tests.
 *
 * It behaves like Excel where it matters to the port:
 * - `run(batch)` gives a RequestContext; nothing happens until `context.sync()`: queued writes apply then, in order,
 *   and loaded properties arrive then. Reading a property that was not loaded and synced throws PropertyNotLoaded.
 * - Every sync is recorded (request and response size in bytes: the JSON length of what was queued / returned),
 *   and a request or a response over 5 MB fails with code "RequestPayloadSizeLimitExceeded", as Excel on the web does.
 * - `range.values` treats text as Excel does: "=…" (and "+…", "-…", "@…") becomes a formula, "'…" is stored as text
 *   without the apostrophe and with the quote prefix, "12" becomes the number 12.
 * - API sets newer than `apiVersion` fail at sync with ApiNotFound (data validation 1.8, page layout and screen
 *   updating 1.9, outline grouping 1.10).
 * - `failOnSync(n)` makes the n-th next sync fail before anything of it applies (for failure tests).
 * No Office and no Node APIs.
 */
import {
  FakeOfficeError,
  FakeSheet,
  FakeWorkbookData,
  MAX_COLS,
  MAX_ROWS,
  overlaps,
  parseAddress,
  quoteSheetName,
  rectAddress,
  type ChartInfo,
  type FakeName,
  type RecordedObject,
  type Rect,
  type TableInfo,
} from "./model";

/** Excel on the web's limit on one request and on one response. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What the fake counts for each queued command besides its arguments (object path, method name). */
const OP_OVERHEAD = 64;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  suspendedCalculation: boolean;
  suspendedScreenUpdating: boolean;
  /** Error code when the sync failed. */
  error?: string;
}

type OpResult = { response?: unknown; deliver?: () => void } | void;
interface QueuedOp {
  bytes: number;
  run: () => OpResult;
}

function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  return JSON.stringify(v)?.length ?? 0;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const notLoaded = (prop: string) =>
  new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );

function loadList(props?: string | string[] | { select?: string }): string[] {
  if (props === undefined)
    throw new Error("The fake requires explicit properties in load() (never an empty load).");
  const raw =
    typeof props === "string"
      ? props
      : Array.isArray(props)
        ? props.join(",")
        : (props.select ?? "");
  return raw
    .split(",")
    .map((p) => p.trim().replace(/^items\//, ""))
    .filter(Boolean);
}

export class FakeContext {
  queue: QueuedOp[] = [];
  suspendCalc = false;
  suspendScreen = false;
  readonly workbook: FakeWorkbookApi;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbookApi(this);
  }
  enqueue(payload: unknown, run: () => OpResult): void {
    this.queue.push({ bytes: OP_OVERHEAD + jsonBytes(payload), run });
  }
  requires(version: string, what: string): void {
    if (!versionAtLeast(this.excel.apiVersion, version))
      throw new FakeOfficeError(
        "ApiNotFound",
        `${what} needs ExcelApi ${version}; this Excel has ${this.excel.apiVersion}.`
      );
  }
  sync(): Promise<void> {
    return this.excel.syncContext(this);
  }
  /** Lets a batch run on the fake (Excel's trackedObjects are not needed without a real host). */
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
}

/** Base of every proxy object: load/sync rules and null objects. */
abstract class FakeObject<T> {
  protected loaded = new Map<string, unknown>();
  private cached: { t: T | null } | undefined;
  constructor(
    readonly context: FakeContext,
    private readonly resolver: () => T | null,
    nullable = false
  ) {
    if (nullable)
      context.enqueue(null, () => {
        this.resolveNullable();
      });
  }
  /** Resolves once (Excel binds an object when its batch first runs). */
  resolveNullable(): T | null {
    if (!this.cached) {
      const t = this.resolver();
      this.cached = { t };
      this.loaded.set("isNullObject", t === null);
    }
    return this.cached.t;
  }
  resolve(): T {
    const t = this.resolveNullable();
    if (t === null) throw new FakeOfficeError("InvalidObjectPath", "The object is a null object.");
    return t;
  }
  get isNullObject(): boolean {
    return this.prop("isNullObject");
  }
  protected prop<V>(name: string): V {
    if (!this.loaded.has(name)) throw notLoaded(name);
    return this.loaded.get(name) as V;
  }
  protected abstract read(t: T, prop: string): unknown;
  load(props?: string | string[] | { select?: string }): this {
    const list = loadList(props);
    this.context.enqueue(list, () => {
      const t = this.resolveNullable();
      if (t === null) return { response: { isNullObject: true } };
      const out: Record<string, unknown> = {};
      for (const p of list) out[p] = this.read(t, p);
      return {
        response: out,
        deliver: () => {
          for (const p of list) this.loaded.set(p, out[p]);
        },
      };
    });
    return this;
  }
  /** Queues a change that applies at sync. */
  protected change(payload: unknown, apply: (t: T) => void): void {
    this.context.enqueue(payload, () => apply(this.resolve()));
  }
}

/**
 * A recorder for the parts of the API the fake records rather than models (format, data validation, conditional
 * formats, charts, page layout): every property set and method call is queued and applied at sync.
 */
function recorder(
  ctx: FakeContext,
  onSet: (path: string[], value: unknown) => void,
  onCall: (path: string[], method: string, args: unknown[]) => void,
  methods: string[],
  path: string[] = []
): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    get(_t, prop) {
      if (typeof prop !== "string" || prop === "then" || prop === "toJSON") return undefined;
      if (prop === "getItem" || prop === "getItemAt")
        return (name: unknown) => recorder(ctx, onSet, onCall, methods, [...path, String(name)]);
      // A collection's add (a chart's series.add): recorded, and the new item is recorded under "add:<name>".
      if (prop === "add" && path[path.length - 1] === "series")
        return (...args: unknown[]) => {
          ctx.enqueue({ prop, args: args.map(argPayload) }, () => onCall(path, prop, args));
          return recorder(ctx, onSet, onCall, methods, [...path, `add:${String(args[0])}`]);
        };
      if (methods.includes(prop))
        return (...args: unknown[]) =>
          ctx.enqueue({ prop, args: args.map(argPayload) }, () => onCall(path, prop, args));
      return recorder(ctx, onSet, onCall, methods, [...path, prop]);
    },
    set(_t, prop, value) {
      ctx.enqueue({ prop, value }, () => onSet([...path, String(prop)], value));
      return true;
    },
  });
}

function argPayload(a: unknown): unknown {
  return a instanceof FakeRange ? "range" : a;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): void {
  let o = obj;
  for (const p of path.slice(0, -1)) {
    if (typeof o[p] !== "object" || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[path[path.length - 1]] = value;
}

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
  unbounded: boolean;
}

function checkShape(rect: Rect, data: unknown, what: string): unknown[][] {
  if (
    !Array.isArray(data) ||
    data.length !== rect.rows ||
    data.some((r) => !Array.isArray(r) || r.length !== rect.cols)
  )
    throw new FakeOfficeError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`
    );
  return data as unknown[][];
}

export class FakeRange extends FakeObject<RangeTarget> {
  private validation: RecordedObject | null = null;

  constructor(ctx: FakeContext, resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, resolver, nullable);
  }

  protected read(t: RangeTarget, prop: string): unknown {
    const { rect, sheet } = t;
    switch (prop) {
      case "values":
        return t.unbounded ? null : sheet.valuesOf(rect);
      case "formulas":
        return t.unbounded ? null : sheet.formulasOf(rect);
      case "numberFormat":
        return t.unbounded ? null : sheet.numberFormatsOf(rect);
      case "address":
        return `${quoteSheetName(sheet.name)}!${rectAddress(rect)}`;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
      case "rowIndex":
        return rect.row;
      case "columnIndex":
        return rect.col;
      case "cellCount":
        return rect.rows * rect.cols;
      default:
        throw new FakeOfficeError("InvalidArgument", `The fake range cannot load '${prop}'.`);
    }
  }

  get values(): unknown[][] {
    return this.prop("values");
  }
  set values(v: unknown[][]) {
    const copy = Array.isArray(v) ? v.map((r) => (Array.isArray(r) ? r.slice() : r)) : v;
    this.change(copy, (t) => {
      if (t.unbounded)
        throw new FakeOfficeError(
          "InvalidArgument",
          "Values cannot be written to a whole row or column."
        );
      const rows = checkShape(t.rect, copy, "values");
      rows.forEach((row, i) =>
        row.forEach((x, j) => t.sheet.writeCell(t.rect.row + i, t.rect.col + j, x))
      );
    });
  }
  get formulas(): unknown[][] {
    return this.prop("formulas");
  }
  /** As in Excel: each entry is written as if typed ("=…" becomes a formula; the fake does not evaluate it). */
  set formulas(v: unknown[][]) {
    const copy = Array.isArray(v) ? v.map((r) => (Array.isArray(r) ? r.slice() : r)) : v;
    this.change(copy, (t) => {
      const rows = checkShape(t.rect, copy, "formulas");
      rows.forEach((row, i) =>
        row.forEach((x, j) => t.sheet.writeCell(t.rect.row + i, t.rect.col + j, x))
      );
    });
  }
  get numberFormat(): unknown[][] {
    return this.prop("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    const copy = Array.isArray(v) ? v.map((r) => (Array.isArray(r) ? r.slice() : r)) : v;
    this.change(copy, (t) => {
      const rows = checkShape(t.rect, copy, "numberFormat");
      rows.forEach((row, i) =>
        row.forEach((x, j) => t.sheet.setNumberFormat(t.rect.row + i, t.rect.col + j, x))
      );
    });
  }
  get address(): string {
    return this.prop("address");
  }
  get rowCount(): number {
    return this.prop("rowCount");
  }
  get columnCount(): number {
    return this.prop("columnCount");
  }
  get rowIndex(): number {
    return this.prop("rowIndex");
  }
  get columnIndex(): number {
    return this.prop("columnIndex");
  }

  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.resolve().sheet);
  }

  set columnHidden(v: boolean) {
    this.change({ columnHidden: v }, (t) => {
      t.sheet.styleOps.push({ rect: t.rect, path: "columnHidden", value: v });
    });
  }

  get format(): Record<string, unknown> {
    return recorder(
      this.context,
      (path, value) => {
        const t = this.resolve();
        const p = path.join(".");
        t.sheet.styleOps.push({ rect: t.rect, path: p, value });
        if (p === "columnWidth") {
          if (typeof value !== "number" || value < 0)
            throw new FakeOfficeError("InvalidArgument", "Bad column width.");
          for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++)
            t.sheet.columnWidths.set(c, value);
        }
      },
      (path, method) => {
        const t = this.resolve();
        t.sheet.styleOps.push({ rect: t.rect, path: [...path, method].join("."), value: true });
      },
      ["autofitColumns", "autofitRows"]
    );
  }

  get dataValidation(): Record<string, unknown> {
    const ensure = () => {
      this.context.requires("1.8", "Data validation");
      const t = this.resolve();
      if (!this.validation) {
        this.validation = { rect: t.rect, props: {} };
        t.sheet.validations.push(this.validation);
      }
      return this.validation;
    };
    return recorder(
      this.context,
      (path, value) => setPath(ensure().props, path, value),
      (_path, method) => {
        if (method === "clear") {
          this.context.requires("1.8", "Data validation");
          const t = this.resolve();
          t.sheet.validations = t.sheet.validations.filter((v) => !overlaps(v.rect, t.rect));
          this.validation = null;
        }
      },
      ["clear"]
    );
  }

  get conditionalFormats(): { add(type: string): Record<string, unknown> } {
    return {
      add: (type: string) => {
        let cf: RecordedObject | null = null;
        this.context.enqueue({ type }, () => {
          const t = this.resolve();
          cf = { rect: t.rect, props: { type } };
          t.sheet.conditionalFormats.push(cf);
        });
        return recorder(
          this.context,
          (path, value) => {
            if (cf) setPath(cf.props, path, value);
          },
          () => undefined,
          []
        );
      },
    };
  }

  select(): void {
    this.change({ select: true }, (t) => {
      const wb = this.context.excel.data;
      wb.activeSheet = t.sheet;
      wb.selection = { sheet: t.sheet, rect: t.rect };
      this.context.excel.fireSelectionChanged();
    });
  }

  delete(shift: string): void {
    this.change({ shift }, (t) => {
      if (shift !== "Up")
        throw new FakeOfficeError("InvalidArgument", `The fake only deletes with shift "Up".`);
      t.sheet.deleteUp(t.rect);
    });
  }

  group(by: string): void {
    this.change({ by }, (t) => {
      this.context.requires("1.10", "Outline grouping");
      t.sheet.groups.push({ rect: t.rect, by });
    });
  }

  getCell(row: number, col: number): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.resolve();
      return {
        sheet: t.sheet,
        rect: { row: t.rect.row + row, col: t.rect.col + col, rows: 1, cols: 1 },
        unbounded: false,
      };
    });
  }

  /** The sheet and block this proxy stands for (for the fake's own use at sync time). */
  target(): RangeTarget {
    return this.resolve();
  }
}

class FakeTable extends FakeObject<TableInfo> {
  protected read(t: TableInfo, prop: string): unknown {
    if (prop === "name") return t.name;
    if (prop === "style") return t.style ?? "TableStyleMedium2";
    throw new FakeOfficeError("InvalidArgument", `The fake table cannot load '${prop}'.`);
  }
  get name(): string {
    return this.prop("name");
  }
  set name(v: string) {
    this.change({ name: v }, (t) => {
      checkTableName(this.context.excel.data, v, t);
      t.name = v;
    });
  }
  set style(v: string) {
    this.change({ style: v }, (t) => {
      t.style = v;
    });
  }
  set showBandedRows(_v: boolean) {
    this.change({ showBandedRows: _v }, () => undefined);
  }
}

function checkTableName(wb: FakeWorkbookData, name: string, except?: TableInfo): void {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name) || name.length > 255)
    throw new FakeOfficeError("InvalidArgument", `The table name "${name}" is not allowed.`);
  if (
    wb
      .allTables()
      .some(({ table }) => table !== except && table.name.toLowerCase() === name.toLowerCase())
  )
    throw new FakeOfficeError(
      "InvalidArgument",
      `A table named "${name}" already exists in the workbook.`
    );
}

function rangeArg(
  ctx: FakeContext,
  sheet: FakeSheet,
  a: unknown
): { sheet: FakeSheet; rect: Rect } {
  if (a instanceof FakeRange) {
    const t = a.target();
    return { sheet: t.sheet, rect: t.rect };
  }
  if (typeof a === "string") {
    const other = a.includes("!")
      ? ctx.excel.data.find(a.slice(0, a.lastIndexOf("!")).replace(/^'|'$/g, ""))
      : sheet;
    if (!other) throw new FakeOfficeError("InvalidArgument", `Bad address ${a}`);
    const r = parseAddress(a);
    return { sheet: other, rect: { row: r.row, col: r.col, rows: r.rows, cols: r.cols } };
  }
  throw new FakeOfficeError("InvalidArgument", "Expected a range or an address.");
}

/** Loads `items` of a collection: one proxy per item, with the asked properties. */
class FakeItems<P extends FakeObject<T>, T> {
  private items_: P[] | null = null;
  constructor(
    protected readonly context: FakeContext,
    private readonly list: () => T[],
    private readonly proxy: (t: T) => P
  ) {}
  load(props?: string | string[] | { select?: string }): this {
    const names = loadList(props);
    this.context.enqueue(names, () => {
      const proxies = this.list().map((t) => this.proxy(t));
      const response = proxies.map((p) => {
        p.resolveNullable();
        const out: Record<string, unknown> = {};
        for (const n of names)
          out[n] = (p as unknown as { read(t: T, n: string): unknown }).read(p.resolve(), n);
        return out;
      });
      return {
        response,
        deliver: () => {
          proxies.forEach((p, i) => {
            for (const n of names)
              (p as unknown as { loaded: Map<string, unknown> }).loaded.set(n, response[i][n]);
          });
          this.items_ = proxies;
        },
      };
    });
    return this;
  }
  get items(): P[] {
    if (!this.items_) throw notLoaded("items");
    return this.items_;
  }
}

class FakeTableCollection extends FakeItems<FakeTable, TableInfo> {
  constructor(
    context: FakeContext,
    list: () => TableInfo[],
    private readonly sheet?: FakeWorksheet
  ) {
    super(context, list, (t) => new FakeTable(context, () => t));
  }
  add(address: unknown, hasHeaders: boolean): FakeTable {
    const ws = this.sheet;
    if (!ws) throw new Error("The fake adds tables through worksheet.tables only.");
    let created: TableInfo | null = null;
    this.context.enqueue({ address: argPayload(address), hasHeaders }, () => {
      const s = ws.resolve();
      const wb = this.context.excel.data;
      const { sheet, rect } = rangeArg(this.context, s, address);
      if (sheet.tables.some((t) => overlaps(t.rect, rect)))
        throw new FakeOfficeError("InvalidOperation", "A table cannot overlap another table.");
      let n = wb.allTables().length + 1;
      while (wb.allTables().some(({ table }) => table.name.toLowerCase() === `table${n}`)) n++;
      created = { name: `Table${n}`, rect, hasHeaders };
      sheet.tables.push(created);
    });
    return new FakeTable(this.context, () => created);
  }
}

export class FakeWorksheet extends FakeObject<FakeSheet> {
  protected read(s: FakeSheet, prop: string): unknown {
    switch (prop) {
      case "name":
        return s.name;
      case "id":
        return s.id;
      case "position":
        return this.context.excel.data.sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      case "tabColor":
        return s.tabColor;
      default:
        throw new FakeOfficeError("InvalidArgument", `The fake worksheet cannot load '${prop}'.`);
    }
  }
  get name(): string {
    return this.prop("name");
  }
  set name(v: string) {
    this.change({ name: v }, (s) => {
      this.context.excel.data.checkName(v, s);
      s.name = v;
    });
  }
  get id(): string {
    return this.prop("id");
  }
  get position(): number {
    return this.prop("position");
  }
  set position(v: number) {
    this.change({ position: v }, (s) => {
      const wb = this.context.excel.data;
      if (!Number.isInteger(v) || v < 0 || v >= wb.sheets.length)
        throw new FakeOfficeError("InvalidArgument", `Position ${v} is out of range.`);
      wb.sheets = wb.sheets.filter((x) => x !== s);
      wb.sheets.splice(v, 0, s);
    });
  }
  get visibility(): string {
    return this.prop("visibility");
  }
  set visibility(v: string) {
    this.change({ visibility: v }, (s) => {
      if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden")
        throw new FakeOfficeError("InvalidArgument", `Bad visibility ${v}.`);
      const wb = this.context.excel.data;
      if (v !== "Visible" && !wb.sheets.some((x) => x !== s && x.visibility === "Visible"))
        throw new FakeOfficeError(
          "InvalidOperation",
          "A workbook must keep at least one visible sheet."
        );
      s.visibility = v;
    });
  }
  get tabColor(): string {
    return this.prop("tabColor");
  }
  set tabColor(v: string) {
    this.change({ tabColor: v }, (s) => {
      if (v !== "" && !/^#[0-9A-Fa-f]{6}$/.test(v))
        throw new FakeOfficeError("InvalidArgument", `Bad colour ${v}.`);
      s.tabColor = v;
    });
  }

  getRange(address?: string): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolve();
      if (address === undefined)
        return { sheet, rect: { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS }, unbounded: true };
      const r = parseAddress(address);
      return {
        sheet,
        rect: { row: r.row, col: r.col, rows: r.rows, cols: r.cols },
        unbounded: r.unbounded,
      };
    });
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.resolve();
      if (
        ![row, col, rows, cols].every(Number.isInteger) ||
        row < 0 ||
        col < 0 ||
        rows < 1 ||
        cols < 1 ||
        row + rows > MAX_ROWS ||
        col + cols > MAX_COLS
      )
        throw new FakeOfficeError(
          "InvalidArgument",
          `getRangeByIndexes(${row}, ${col}, ${rows}, ${cols}) is out of range.`
        );
      return { sheet, rect: { row, col, rows, cols }, unbounded: false };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const sheet = this.resolveNullable();
        if (!sheet) return null;
        const rect = sheet.usedRect(valuesOnly);
        return rect ? { sheet, rect, unbounded: false } : null;
      },
      true
    );
  }

  delete(): void {
    this.change({ delete: true }, (s) => this.context.excel.data.removeSheet(s));
  }

  activate(): void {
    this.change({ activate: true }, (s) => {
      if (s.visibility !== "Visible")
        throw new FakeOfficeError("InvalidOperation", "A hidden sheet cannot be activated.");
      const wb = this.context.excel.data;
      wb.activeSheet = s;
      wb.selection = { sheet: s, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }

  get freezePanes(): Record<string, (a?: unknown) => void> {
    const set = (f: (s: FakeSheet) => { rows: number; cols: number }) =>
      this.change({ freeze: true }, (s) => {
        s.freeze = f(s);
      });
    return {
      freezeRows: (n?: unknown) => set(() => ({ rows: Number(n ?? 1), cols: 0 })),
      freezeColumns: (n?: unknown) => set(() => ({ rows: 0, cols: Number(n ?? 1) })),
      freezeAt: (a?: unknown) =>
        set((s) => {
          const { rect } = rangeArg(this.context, s, a);
          return { rows: rect.row + rect.rows, cols: rect.col + rect.cols };
        }),
      unfreeze: () => set(() => ({ rows: 0, cols: 0 })),
    };
  }

  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.context, () => this.resolveNullable()?.tables ?? [], this);
  }

  /** ExcelApi 1.18's NoteCollection: add(cell, content) only; a cell holds one note, as in Excel. */
  get notes(): { add(cell: unknown, content: unknown): void } {
    return {
      add: (cell: unknown, content: unknown) =>
        this.change({ note: true }, (s) => {
          this.context.requires("1.18", "Cell notes");
          const { rect } = rangeArg(this.context, s, cell);
          if (rect.rows !== 1 || rect.cols !== 1)
            throw new FakeOfficeError("InvalidArgument", "A note goes on one cell.");
          if (s.notes.some((n) => n.row === rect.row && n.col === rect.col))
            throw new FakeOfficeError("InvalidArgument", "The cell already has a note.");
          s.notes.push({ row: rect.row, col: rect.col, content: String(content) });
        }),
    };
  }

  getNextOrNullObject(): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      () => {
        const s = this.resolveNullable();
        if (!s) return null;
        const sheets = this.context.excel.data.sheets;
        return sheets[sheets.indexOf(s) + 1] ?? null;
      },
      true
    );
  }

  get charts(): { add(type: string, source: unknown, seriesBy?: string): Record<string, unknown> } {
    return {
      add: (type: string, source: unknown, seriesBy = "Auto") => {
        let chart: ChartInfo | null = null;
        this.context.enqueue({ type, seriesBy }, () => {
          const s = this.resolve();
          const src = rangeArg(this.context, s, source);
          chart = {
            type,
            // Like Excel's references, the chart's source follows its sheet when the sheet is renamed.
            source: {
              get sheet() {
                return src.sheet.name;
              },
              rect: src.rect,
            },
            seriesBy,
            props: {},
            calls: [],
          };
          s.charts.push(chart);
        });
        return recorder(
          this.context,
          (path, value) => {
            if (chart) setPath(chart.props, path, value);
          },
          (path, method, args) => {
            const s = this.resolve();
            chart?.calls.push({
              method: [...path, method].join("."),
              args: args.map((a) =>
                a instanceof FakeRange || (typeof a === "string" && /\d$/.test(a))
                  ? rangeArg(this.context, s, a)
                  : a
              ),
            });
          },
          ["setPosition", "setXAxisValues", "setValues", "delete"]
        );
      },
    };
  }

  get pageLayout(): Record<string, unknown> {
    return recorder(
      this.context,
      (path, value) => {
        this.context.requires("1.9", "Page layout");
        setPath(this.resolve().pageLayout, path, value);
      },
      (path, method, args) => {
        this.context.requires("1.9", "Page layout");
        const s = this.resolve();
        const a = args[0];
        const value = a instanceof FakeRange ? rectAddress(a.target().rect) : a;
        setPath(s.pageLayout, [...path, method], value);
      },
      ["setPrintTitleRows", "setPrintTitleColumns", "setPrintArea"]
    );
  }

  /** Manual page breaks above rows (ExcelApi 1.9), kept as the 0-based rows of the ranges given. */
  get horizontalPageBreaks(): { add(range: unknown): void } {
    return {
      add: (range: unknown) => {
        this.context.requires("1.9", "Page breaks");
        this.context.enqueue(
          { prop: "horizontalPageBreaks.add", args: [argPayload(range)] },
          () => {
            const row =
              range instanceof FakeRange
                ? range.target().rect.row
                : parseAddress(String(range)).row;
            this.resolve().rowBreaks.push(row);
          }
        );
      },
    };
  }
}

class FakeWorksheetCollection extends FakeItems<FakeWorksheet, FakeSheet> {
  constructor(context: FakeContext) {
    super(
      context,
      () => context.excel.data.sheets,
      (s) => new FakeWorksheet(context, () => s)
    );
  }
  private get data(): FakeWorkbookData {
    return this.context.excel.data;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this.data.find(name);
      if (!s)
        throw new FakeOfficeError(
          "ItemNotFound",
          "The requested resource doesn't exist.",
          `Worksheets.getItem(${name})`
        );
      return s;
    });
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.data.find(name) ?? null, true);
  }
  getFirst(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this.data.sheets[0];
      if (!s) throw new FakeOfficeError("ItemNotFound", "The workbook has no sheets.");
      return s;
    });
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.context.enqueue({ add: name ?? null }, () => {
      let n = name;
      if (n === undefined) {
        let i = this.data.sheets.length + 1;
        while (this.data.find(`Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      this.data.checkName(n);
      created = new FakeSheet(n);
      this.data.sheets.push(created);
    });
    return new FakeWorksheet(this.context, () => created);
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.data.activeSheet);
  }
}

export interface FakeEventResult {
  context: FakeContext;
  remove(): void;
}

/** A name's formula as Excel shows it: "='Alignment (2)'!$A$1", or "=#REF!$A$1" once its sheet is gone. */
function nameFormula(n: FakeName): string {
  const cell = `$${columnLetterOf(n.rect.col)}$${n.rect.row + 1}`;
  return n.sheet ? `='${n.sheet.name.replace(/'/g, "''")}'!${cell}` : `=#REF!${cell}`;
}

function columnLetterOf(col: number): string {
  let s = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

class FakeNamedItem extends FakeObject<FakeName> {
  protected read(n: FakeName, prop: string): unknown {
    switch (prop) {
      case "name":
        return n.name;
      case "formula":
        return nameFormula(n);
      case "visible":
        return n.visible;
      case "type":
        return n.sheet ? "Range" : "Error";
      default:
        throw new FakeOfficeError("InvalidArgument", `The fake name cannot load '${prop}'.`);
    }
  }
  get name(): string {
    return this.prop("name");
  }
  get formula(): string {
    return this.prop("formula");
  }
  get visible(): boolean {
    return this.prop("visible");
  }
  set visible(v: boolean) {
    this.change({ visible: v }, (n) => {
      n.visible = v;
    });
  }
  delete(): void {
    this.change({ delete: true }, (n) => {
      const data = this.context.excel.data;
      data.names = data.names.filter((x) => x !== n);
    });
  }
}

/** workbook.names (ExcelApi 1.4): workbook-scoped names over ranges. */
class FakeNamedItemCollection extends FakeItems<FakeNamedItem, FakeName> {
  constructor(context: FakeContext) {
    super(
      context,
      () => context.excel.data.names,
      (n) => new FakeNamedItem(context, () => n)
    );
  }
  private find(name: string): FakeName | null {
    const lower = name.toLowerCase();
    return this.context.excel.data.names.find((n) => n.name.toLowerCase() === lower) ?? null;
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.find(name), true);
  }
  add(name: string, reference: unknown, comment?: string): FakeNamedItem {
    let created: FakeName | null = null;
    this.context.enqueue({ add: name, reference: argPayload(reference), comment }, () => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name))
        throw new FakeOfficeError("InvalidArgument", `The name "${name}" is not allowed.`);
      if (this.find(name))
        throw new FakeOfficeError("ItemAlreadyExists", `A name "${name}" already exists.`);
      const first = this.context.excel.data.sheets[0];
      if (!first) throw new FakeOfficeError("InvalidArgument", "The workbook has no sheets.");
      const ref = typeof reference === "string" ? reference.replace(/^=/, "") : reference;
      const { sheet, rect } = rangeArg(this.context, first, ref);
      created = { name, sheet, rect, visible: true };
      this.context.excel.data.names.push(created);
    });
    return new FakeNamedItem(this.context, () => created);
  }
}

/** What Excel's DATE gives: the serial of a date in the workbook's date system (whole days, years 1900 or 1904 on). */
function dateSerial(data: FakeWorkbookData, year: number, month: number, day: number): number {
  const days = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86400000;
  // The 1900 system counts the phantom 1900-02-29 (so its serials from March 1900 on match 1899-12-30 + days).
  return data.date1904 ? days - 1462 : days;
}

/**
 * The result of a worksheet function asked through `workbook.functions` (ExcelApi 1.2): `value` and `error`
 * arrive at sync after `load`. The fake evaluates DATE and SHEET, the two the port asks for.
 */
class FakeFunctionResult extends FakeObject<{ value: unknown; error: string | null }> {
  protected read(t: { value: unknown; error: string | null }, prop: string): unknown {
    if (prop === "value") return t.value;
    if (prop === "error") return t.error;
    throw new FakeOfficeError("InvalidArgument", `A function result cannot load '${prop}'.`);
  }
  get value(): unknown {
    return this.prop("value");
  }
  get error(): string | null {
    return this.prop("error");
  }
}

class FakeFunctions {
  constructor(private readonly context: FakeContext) {}
  /** DATE(year, month, day) in the workbook's date system. */
  date(year: number, month: number, day: number): FakeFunctionResult {
    return new FakeFunctionResult(this.context, () => ({
      value: dateSerial(this.context.excel.data, year, month, day),
      error: null,
    }));
  }
  /**
   * SHEET("name"): the sheet's number among all sheets, worksheets and the sheets the API does not list (chart,
   * dialog and macro sheets) alike, as Excel's SHEET counts them; #N/A for a name no sheet has.
   */
  sheet(name: string): FakeFunctionResult {
    return new FakeFunctionResult(this.context, () => {
      const data = this.context.excel.data;
      const all = [...data.sheets.map((s) => s.name), ...data.chartSheets];
      const i = all.findIndex((n) => n.toLowerCase() === String(name).toLowerCase());
      return i < 0 ? { value: null, error: "#N/A" } : { value: i + 1, error: null };
    });
  }
}

class FakeWorkbookApi {
  readonly worksheets: FakeWorksheetCollection;
  readonly functions: FakeFunctions;
  readonly names: FakeNamedItemCollection;
  readonly tables: FakeTableCollection;
  readonly application: {
    suspendApiCalculationUntilNextSync(): void;
    suspendScreenUpdatingUntilNextSync(): void;
  };
  readonly onSelectionChanged: { add(handler: (args: unknown) => unknown): FakeEventResult };
  constructor(private readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.functions = new FakeFunctions(context);
    this.names = new FakeNamedItemCollection(context);
    this.tables = new FakeTableCollection(context, () =>
      context.excel.data.allTables().map((x) => x.table)
    );
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        context.enqueue({ suspendCalc: true }, () => {
          context.suspendCalc = true;
        }),
      suspendScreenUpdatingUntilNextSync: () =>
        context.enqueue({ suspendScreen: true }, () => {
          context.requires("1.9", "Suspending screen updating");
          context.suspendScreen = true;
        }),
    };
    this.onSelectionChanged = {
      add: (handler) => {
        const excel = context.excel;
        context.enqueue({ event: "add" }, () => {
          excel.selectionHandlers.add(handler);
        });
        return {
          context,
          remove: () =>
            context.enqueue({ event: "remove" }, () => {
              excel.selectionHandlers.delete(handler);
            }),
        };
      },
    };
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const sel = this.context.excel.data.selection;
      const sheet = sel?.sheet ?? this.context.excel.data.activeSheet;
      if (!sheet) throw new FakeOfficeError("ItemNotFound", "Nothing is selected.");
      return { sheet, rect: sel?.rect ?? { row: 0, col: 0, rows: 1, cols: 1 }, unbounded: false };
    });
  }
}

export interface FakeExcelOptions {
  /** The highest ExcelApi set this fake host supports (default "1.12"). */
  apiVersion?: string;
  /**
   * Answer each context.sync() in a task of its own (setTimeout), as Excel does: a sync is a round trip to the
   * host, and the pane's main thread is free while it is away. Off by default (a microtask, as the unit tests
   * expect); the browser tests' page turns it on, so that the main-thread tasks it measures are the pane's, not
   * one task of the whole read that only the fake would make.
   */
  syncOnTask?: boolean;
}

/** The fake host: the workbook data, Excel.run, the sync log and test hooks. */
export class FakeExcel {
  readonly data = new FakeWorkbookData();
  apiVersion: string;
  syncOnTask: boolean;
  /** Every sync, in order. */
  readonly syncLog: SyncRecord[] = [];
  readonly selectionHandlers = new Set<(args: unknown) => unknown>();
  private failAt: { n: number; code: string } | null = null;

  constructor(options: FakeExcelOptions = {}) {
    this.apiVersion = options.apiVersion ?? "1.12";
    this.syncOnTask = options.syncOnTask ?? false;
  }

  /** Excel.run: a new request context for the batch; pending commands are sent when the batch ends. */
  run = async <T>(batch: (context: FakeContext) => Promise<T>, reuse?: FakeContext): Promise<T> => {
    const context = reuse ?? new FakeContext(this);
    const result = await batch(context);
    if (context.queue.length > 0) await context.sync();
    return result;
  };

  /** Office.context.requirements.isSetSupported for this host. */
  isSetSupported = (name: string, version?: string): boolean =>
    name === "ExcelApi" && versionAtLeast(this.apiVersion, version ?? "1.1");

  get syncs(): number {
    return this.syncLog.length;
  }

  /** The n-th next sync (1 = the next one) fails with this code before any of it applies. */
  failOnSync(n: number, code = "GeneralException"): void {
    this.failAt = { n: this.syncLog.length + n, code };
  }

  /** Sheet set-up and inspection. */
  addSheet(
    name: string,
    values: unknown[][] = [],
    options?: { startRow?: number; startCol?: number }
  ): FakeSheet {
    return this.data.addSheet(name, values, options);
  }
  sheet(name: string): FakeSheet {
    return this.data.get(name);
  }
  sheetNames(): string[] {
    return this.data.sheets.map((s) => s.name);
  }

  /** As if the user clicked a cell: moves the selection and raises onSelectionChanged. */
  async userSelects(sheetName: string, address: string): Promise<void> {
    const sheet = this.data.get(sheetName);
    const r = parseAddress(address);
    this.data.activeSheet = sheet;
    this.data.selection = { sheet, rect: { row: r.row, col: r.col, rows: r.rows, cols: r.cols } };
    await Promise.all(
      [...this.selectionHandlers].map((h) =>
        h({ type: "WorkbookSelectionChanged", source: "Local" })
      )
    );
  }

  fireSelectionChanged(): void {
    for (const h of this.selectionHandlers) {
      void Promise.resolve().then(() => h({ type: "WorkbookSelectionChanged", source: "Local" }));
    }
  }

  async syncContext(context: FakeContext): Promise<void> {
    await (this.syncOnTask ? new Promise((r) => setTimeout(r, 0)) : Promise.resolve());
    const ops = context.queue;
    context.queue = [];
    const record: SyncRecord = {
      requestBytes: ops.reduce((n, op) => n + op.bytes, 0),
      responseBytes: 0,
      ops: ops.length,
      suspendedCalculation: false,
      suspendedScreenUpdating: false,
    };
    this.syncLog.push(record);
    const fail = (e: FakeOfficeError) => {
      record.error = e.code;
      context.suspendCalc = false;
      context.suspendScreen = false;
      throw e;
    };
    if (this.failAt && this.failAt.n === this.syncLog.length) {
      const code = this.failAt.code;
      this.failAt = null;
      fail(new FakeOfficeError(code, "An internal error has occurred.", "(fake) failOnSync"));
    }
    if (record.requestBytes > PAYLOAD_LIMIT)
      fail(
        new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          "The request payload size has exceeded the limit.",
          "(request)"
        )
      );
    const deliveries: (() => void)[] = [];
    for (const op of ops) {
      let result: OpResult;
      try {
        result = op.run();
      } catch (e) {
        if (e instanceof FakeOfficeError) fail(e);
        throw e;
      }
      if (result) {
        record.responseBytes += jsonBytes(result.response);
        if (result.deliver) deliveries.push(result.deliver);
      }
    }
    record.suspendedCalculation = context.suspendCalc;
    record.suspendedScreenUpdating = context.suspendScreen;
    context.suspendCalc = false;
    context.suspendScreen = false;
    if (record.responseBytes > PAYLOAD_LIMIT)
      fail(
        new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          "The response payload size has exceeded the limit.",
          "(response)"
        )
      );
    for (const d of deliveries) d();
  }
}
