/**
 * The in-memory workbook behind the fake Excel JavaScript API (see fake-excel.ts): sheets, cells, formats and
 * everything the port writes, kept as plain data so tests can set a workbook up and inspect what was written.
 * No Office, no Node APIs: the browser tests of the task pane use it too.
 */

export type FakeCellValue = string | number | boolean;

/** A block of cells, 0-based, rows × cols. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Excel's limits that the fake enforces. */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
export const MAX_CELL_TEXT = 32767;

/** An error shaped like OfficeExtension.Error (code, message, debugInfo.errorLocation). */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}

export function colLetter(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "A1:C3", "$A$1", "A:C" (whole columns), "2:5" (whole rows) → rect; unbounded ranges are flagged. */
export function parseAddress(address: string): Rect & { unbounded: boolean } {
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const parts = bare.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length > 2 || parts.some((p) => p === ""))
    throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
  const cell = (p: string) => {
    const m = /^([A-Z]{1,3})?(\d{1,7})?$/.exec(p);
    if (!m || (!m[1] && !m[2]))
      throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
    return { col: m[1] ? colIndex(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = cell(parts[0]);
  const b = parts.length === 2 ? cell(parts[1]) : a;
  if ((a.row === null) !== (b.row === null) || (a.col === null) !== (b.col === null))
    throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
  const r0 = a.row ?? 0;
  const r1 = b.row ?? MAX_ROWS - 1;
  const c0 = a.col ?? 0;
  const c1 = b.col ?? MAX_COLS - 1;
  const row = Math.min(r0, r1);
  const col = Math.min(c0, c1);
  const rect = { row, col, rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
  if (rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLS)
    throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
  return { ...rect, unbounded: a.row === null || a.col === null };
}

export function rectAddress(r: Rect): string {
  const tl = `${colLetter(r.col)}${r.row + 1}`;
  if (r.rows === 1 && r.cols === 1) return tl;
  return `${tl}:${colLetter(r.col + r.cols - 1)}${r.row + r.rows}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function within(outer: Rect, r: number, c: number): boolean {
  return (
    r >= outer.row && r < outer.row + outer.rows && c >= outer.col && c < outer.col + outer.cols
  );
}

export function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.col < b.col + b.cols &&
    b.col < a.col + a.cols
  );
}

export interface CellInfo {
  value: FakeCellValue;
  /** The formula text ("=..."), when the cell holds a formula. */
  formula?: string;
  /** True when the text was written with a leading apostrophe (shown as text, never evaluated). */
  quotePrefix: boolean;
  numberFormat: string;
}

export interface StyleOp {
  rect: Rect;
  /** Path under range.format, e.g. "font.bold", "fill.color", "borders.EdgeBottom.style", "columnWidth". */
  path: string;
  value: unknown;
}

export interface TableInfo {
  name: string;
  rect: Rect;
  hasHeaders: boolean;
  style?: string;
}

/** Data validation, conditional formats, charts, page layout: recorded as the plain objects the API was given. */
export interface RecordedObject {
  rect: Rect;
  props: Record<string, unknown>;
}

export interface ChartInfo {
  type: string;
  source: { sheet: string; rect: Rect };
  seriesBy: string;
  props: Record<string, unknown>;
  calls: { method: string; args: unknown[] }[];
}

const key = (r: number, c: number) => r * MAX_COLS + c;

let nextSheetId = 1;

export class FakeSheet {
  readonly id = `{fake-sheet-${nextSheetId++}}`;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  /** Row arrays of values; "" or a missing entry is a blank cell. */
  rows: (FakeCellValue[] | undefined)[] = [];
  formulas = new Map<number, string>();
  quotePrefix = new Set<number>();
  numberFormats = new Map<number, string>();
  styleOps: StyleOp[] = [];
  columnWidths = new Map<number, number>();
  freeze: { rows: number; cols: number } = { rows: 0, cols: 0 };
  tables: TableInfo[] = [];
  validations: RecordedObject[] = [];
  conditionalFormats: RecordedObject[] = [];
  charts: ChartInfo[] = [];
  groups: { rect: Rect; by: string }[] = [];
  /** Cell notes (ExcelApi 1.18's worksheet.notes), one per cell. */
  notes: { row: number; col: number; content: string }[] = [];
  pageLayout: Record<string, unknown> = {};
  /** 0-based rows with a manual page break above them. */
  rowBreaks: number[] = [];
  tabColor = "";

  constructor(public name: string) {}

  value(r: number, c: number): FakeCellValue {
    const row = this.rows[r];
    const v = row ? row[c] : undefined;
    return v === undefined ? "" : v;
  }

  /** Everything the fake knows about one cell (0-based). */
  cell(r: number, c: number): CellInfo {
    const k = key(r, c);
    const info: CellInfo = {
      value: this.value(r, c),
      quotePrefix: this.quotePrefix.has(k),
      numberFormat: this.numberFormats.get(k) ?? "General",
    };
    const f = this.formulas.get(k);
    if (f !== undefined) info.formula = f;
    return info;
  }

  /** One cell by A1 address. */
  at(address: string): CellInfo {
    const r = parseAddress(address);
    return this.cell(r.row, r.col);
  }

  /**
   * Writes one cell as `range.values` does in Excel: null leaves the cell as it is; text with a leading apostrophe
   * is stored as text without it (quote prefix); text starting with = (or + - @ followed by more) becomes a
   * formula; text that reads as a number or TRUE/FALSE becomes that number or boolean.
   */
  writeCell(r: number, c: number, input: unknown): void {
    if (input === null || input === undefined) return;
    const k = key(r, c);
    this.formulas.delete(k);
    this.quotePrefix.delete(k);
    let v: FakeCellValue;
    if (typeof input === "number" || typeof input === "boolean") v = input;
    else if (typeof input === "string") {
      if (input.length > MAX_CELL_TEXT)
        throw new FakeOfficeError(
          "InvalidArgument",
          `The argument is invalid or missing or has an incorrect format (text longer than ${MAX_CELL_TEXT} characters).`
        );
      if (input.startsWith("'")) {
        v = input.slice(1);
        this.quotePrefix.add(k);
      } else if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(input.trim())) {
        v = Number(input.trim());
      } else if (/^(true|false)$/i.test(input)) {
        v = input.toLowerCase() === "true";
      } else if (input.length > 1 && "=+-@".includes(input[0])) {
        // The fake does not evaluate formulas: the cell keeps the formula and reads as blank.
        this.formulas.set(k, input.startsWith("=") ? input : "=" + input);
        v = "";
      } else v = input;
    } else
      throw new FakeOfficeError("InvalidArgument", `Cannot write ${typeof input} into a cell.`);
    let row = this.rows[r];
    if (!row) {
      if (v === "" && !this.formulas.has(k)) return;
      row = this.rows[r] = [];
    }
    row[c] = v;
  }

  /** Stores a value as it is (test set-up: a workbook as the user left it, text stays text). */
  setRaw(r: number, c: number, v: unknown): void {
    if (v === null || v === undefined || v === "") {
      const row = this.rows[r];
      if (row) row[c] = "";
      return;
    }
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
      throw new Error(`The fake stores text, numbers and booleans, not ${typeof v}.`);
    const row = this.rows[r] ?? (this.rows[r] = []);
    row[c] = v;
  }

  /** Bounding box of non-blank cells (valuesOnly), or of cells with values or formats; null when empty. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let r1 = -1;
    let c0 = Infinity;
    let c1 = -1;
    const take = (r: number, c: number) => {
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    };
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v !== undefined && v !== "") take(r, c);
      }
    }
    for (const k of this.formulas.keys()) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
    if (!valuesOnly) {
      for (const k of this.numberFormats.keys()) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
      for (const op of this.styleOps) {
        if (op.path === "columnWidth") continue;
        take(op.rect.row, op.rect.col);
        take(op.rect.row + op.rect.rows - 1, op.rect.col + op.rect.cols - 1);
      }
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  /** The values of a block as Excel returns them ("" for blanks). */
  valuesOf(rect: Rect): FakeCellValue[][] {
    const out: FakeCellValue[][] = new Array(rect.rows);
    for (let i = 0; i < rect.rows; i++) {
      const src = this.rows[rect.row + i];
      const row: FakeCellValue[] = new Array(rect.cols);
      for (let j = 0; j < rect.cols; j++) {
        const v = src ? src[rect.col + j] : undefined;
        row[j] = v === undefined ? "" : v;
      }
      out[i] = row;
    }
    return out;
  }

  formulasOf(rect: Rect): FakeCellValue[][] {
    return this.valuesOf(rect).map((row, i) =>
      row.map((v, j) => this.formulas.get(key(rect.row + i, rect.col + j)) ?? v)
    );
  }

  numberFormatsOf(rect: Rect): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < rect.rows; i++) {
      const row: string[] = [];
      for (let j = 0; j < rect.cols; j++)
        row.push(this.numberFormats.get(key(rect.row + i, rect.col + j)) ?? "General");
      out.push(row);
    }
    return out;
  }

  setNumberFormat(r: number, c: number, format: unknown): void {
    if (format === null || format === undefined) return;
    if (typeof format !== "string")
      throw new FakeOfficeError("InvalidArgument", "A number format must be text.");
    if (format === "General") this.numberFormats.delete(key(r, c));
    else this.numberFormats.set(key(r, c), format);
  }

  /** Deletes a block and shifts the cells below it up (values, formulas, quote prefixes). */
  deleteUp(rect: Rect): void {
    const last = this.rows.length;
    for (let r = rect.row; r < last; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const from = r + rect.rows;
        const v = this.value(from, c);
        const kf = key(from, c);
        const kt = key(r, c);
        const f = this.formulas.get(kf);
        const q = this.quotePrefix.has(kf);
        this.formulas.delete(kt);
        this.quotePrefix.delete(kt);
        if (f !== undefined) this.formulas.set(kt, f);
        if (q) this.quotePrefix.add(kt);
        const row = this.rows[r];
        if (row) row[c] = v;
        else if (v !== "") {
          const fresh: FakeCellValue[] = [];
          fresh[c] = v;
          this.rows[r] = fresh;
        }
      }
    }
  }

  /** The last value written for a format path over a cell (e.g. "font.bold"), or undefined. */
  formatAt(r: number, c: number, path: string): unknown {
    for (let i = this.styleOps.length - 1; i >= 0; i--) {
      const op = this.styleOps[i];
      if (op.path === path && within(op.rect, r, c)) return op.value;
    }
    return undefined;
  }

  /** Every value as a dense 2-D array from A1 to the end of the used range. */
  dump(): FakeCellValue[][] {
    const used = this.usedRect(true);
    if (!used) return [];
    return this.valuesOf({
      row: 0,
      col: 0,
      rows: used.row + used.rows,
      cols: used.col + used.cols,
    });
  }
}

/**
 * A workbook-scoped defined name over a range: it follows its sheet when the sheet is renamed and refers to #REF!
 * once the sheet is deleted, as Excel's names do.
 */
export interface FakeName {
  name: string;
  /** null once the sheet is deleted (the formula is then "=#REF!…"). */
  sheet: FakeSheet | null;
  rect: Rect;
  visible: boolean;
}

export class FakeWorkbookData {
  sheets: FakeSheet[] = [];
  /**
   * Chart sheets: the Excel JavaScript API lists no chart sheet (worksheets holds worksheets only), but their names
   * are taken: adding or renaming a worksheet to one fails with ItemAlreadyExists, as in Excel.
   */
  chartSheets: string[] = [];
  /** What kind each of chartSheets is (a dialog or macro sheet is as invisible to the API as a chart sheet). */
  unlistedKinds = new Map<string, "chart" | "dialog" | "macro">();
  /** The workbook's date system is 1904 (Excel's "Use 1904 date system"): DATE and stored date serials follow it. */
  date1904 = false;
  names: FakeName[] = [];
  activeSheet: FakeSheet | null = null;
  selection: { sheet: FakeSheet; rect: Rect } | null = null;

  find(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  get(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`The fake workbook has no sheet "${name}".`);
    return s;
  }

  checkName(name: string, except?: FakeSheet): void {
    if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
      throw new FakeOfficeError("InvalidArgument", `The sheet name "${name}" is not allowed.`);
    const other = this.find(name);
    if (
      (other && other !== except) ||
      this.chartSheets.some((c) => c.toLowerCase() === name.toLowerCase())
    )
      throw new FakeOfficeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`);
  }

  /** A chart sheet (or dialog or macro sheet) of the user's: invisible to the API, its name taken. */
  addChartSheet(name: string, kind: "chart" | "dialog" | "macro" = "chart"): void {
    this.checkName(name);
    this.chartSheets.push(name);
    this.unlistedKinds.set(name, kind);
  }

  /** Adds a sheet at the end with these values stored as they are (from A1, or from startRow/startCol). */
  addSheet(
    name: string,
    values: unknown[][] = [],
    options: { startRow?: number; startCol?: number } = {}
  ): FakeSheet {
    this.checkName(name);
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    const r0 = options.startRow ?? 0;
    const c0 = options.startCol ?? 0;
    values.forEach((row, i) => row.forEach((v, j) => sheet.setRaw(r0 + i, c0 + j, v)));
    return sheet;
  }

  removeSheet(sheet: FakeSheet): void {
    const visible = this.sheets.filter((s) => s.visibility === "Visible");
    if (visible.length === 1 && visible[0] === sheet)
      throw new FakeOfficeError(
        "InvalidOperation",
        "A workbook must keep at least one visible sheet."
      );
    this.sheets = this.sheets.filter((s) => s !== sheet);
    for (const n of this.names) if (n.sheet === sheet) n.sheet = null;
    if (this.activeSheet === sheet)
      this.activeSheet = this.sheets.find((s) => s.visibility === "Visible") ?? null;
    if (this.selection?.sheet === sheet) this.selection = null;
  }

  allTables(): { sheet: FakeSheet; table: TableInfo }[] {
    return this.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })));
  }
}
