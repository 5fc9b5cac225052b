/**
 * A small spreadsheet formula evaluator for the tests: the formulas the core writes (A1 references and ranges,
 * numbers, + - * / and comparisons, elementwise over ranges as Excel evaluates inside SUMPRODUCT, and SUM,
 * SUMPRODUCT, SUMIF, COUNT, COUNTIF, RANK, INT, MIN, CHOOSE) evaluated as Excel evaluates them, over any grid of
 * cells (a SheetModel's values, or the fake Excel's sheet). A function or syntax it does not know throws, so a
 * formula outside this set fails the test instead of passing unchecked.
 */
import { parseA1 } from "../../src/core/a1";

export type Scalar = number | string | boolean;
type Value = Scalar | Scalar[][];

export interface Grid {
  /** The cell's own value (a formula cell: undefined, so it is evaluated). */
  value(row: number, col: number): Scalar | null | undefined;
  /** The cell's formula ("=…"), if it has one. */
  formula(row: number, col: number): string | undefined;
}

type Token = { t: "num" | "str" | "ref" | "id" | "op"; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === " ") {
      i++;
      continue;
    }
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?/.exec(rest))) {
      out.push({ t: "ref", v: m[0] });
    } else if ((m = /^\d+(\.\d+)?(e[+-]?\d+)?/i.exec(rest))) {
      out.push({ t: "num", v: m[0] });
    } else if ((m = /^"((?:[^"]|"")*)"/.exec(rest))) {
      out.push({ t: "str", v: m[1].replace(/""/g, '"') });
    } else if ((m = /^[A-Z][A-Z0-9.]*(?=\()/.exec(rest))) {
      out.push({ t: "id", v: m[0] });
    } else if ((m = /^(<>|<=|>=|[-+*/(),=<>&])/.exec(rest))) {
      out.push({ t: "op", v: m[0] });
    } else throw new Error(`Unknown formula syntax at "${rest}"`);
    i += m[0].length;
  }
  return out;
}

export function evaluateFormula(
  formula: string,
  grid: Grid,
  memo = new Map<string, Scalar>()
): Scalar {
  const tokens = tokenize(formula.replace(/^=/, ""));
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (v?: string) => {
    const t = tokens[pos++];
    if (!t || (v !== undefined && t.v !== v))
      throw new Error(`Expected ${v ?? "a token"} in ${formula}`);
    return t;
  };

  const cell = (row: number, col: number): Scalar => {
    const k = `${row},${col}`;
    const hit = memo.get(k);
    if (hit !== undefined) return hit;
    const f = grid.formula(row, col);
    let v: Scalar;
    if (f !== undefined) v = evaluateFormula(f, grid, memo);
    else {
      const raw = grid.value(row, col);
      v = raw === null || raw === undefined ? "" : raw;
    }
    memo.set(k, v);
    return v;
  };
  const ref = (text: string): Value => {
    const [a, b] = text.replace(/\$/g, "").split(":");
    const from = parseA1(a);
    if (!b) return cell(from.row, from.col);
    const to = parseA1(b);
    const out: Scalar[][] = [];
    for (let r = from.row; r <= to.row; r++) {
      const row: Scalar[] = [];
      for (let c = from.col; c <= to.col; c++) row.push(cell(r, c));
      out.push(row);
    }
    return out;
  };

  const num = (v: Scalar): number => {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v === "") return 0;
    const n = Number(v);
    if (Number.isFinite(n)) return n;
    throw new Error(`#VALUE! ("${v}" is not a number) in ${formula}`);
  };
  const elementwise = (a: Value, b: Value, op: (x: Scalar, y: Scalar) => Scalar): Value => {
    if (!Array.isArray(a) && !Array.isArray(b)) return op(a, b);
    const A = Array.isArray(a) ? a : null;
    const B = Array.isArray(b) ? b : null;
    const rows = (A ?? B)!.length;
    const cols = (A ?? B)![0].length;
    if (A && B && (A.length !== B.length || A[0].length !== B[0].length))
      throw new Error(`#VALUE! (arrays of different sizes) in ${formula}`);
    const out: Scalar[][] = [];
    for (let r = 0; r < rows; r++) {
      const row: Scalar[] = [];
      for (let c = 0; c < cols; c++)
        row.push(op(A ? A[r][c] : (a as Scalar), B ? B[r][c] : (b as Scalar)));
      out.push(row);
    }
    return out;
  };
  const compare = (x: Scalar, y: Scalar, op: string): boolean => {
    let d: number;
    if (typeof x === "string" && typeof y === "string") {
      const a = x.toLowerCase();
      const b = y.toLowerCase();
      d = a < b ? -1 : a > b ? 1 : 0;
    } else if (typeof x === "number" && typeof y === "number") d = x - y;
    else if (x === "" || y === "") d = num(x === "" ? 0 : x) - num(y === "" ? 0 : y);
    else d = typeof x === "string" ? 1 : -1; // text sorts after numbers; never equal
    return op === "="
      ? d === 0
      : op === "<>"
        ? d !== 0
        : op === "<"
          ? d < 0
          : op === ">"
            ? d > 0
            : op === "<="
              ? d <= 0
              : d >= 0;
  };
  const flat = (v: Value): Scalar[] => (Array.isArray(v) ? v.flat() : [v]);

  function expr(): Value {
    let left = additive();
    while (peek()?.t === "op" && ["=", "<>", "<", ">", "<=", ">="].includes(peek().v)) {
      const op = take().v;
      const right = additive();
      left = elementwise(left, right, (x, y) => compare(x, y, op));
    }
    return left;
  }
  function additive(): Value {
    let left = term();
    while (peek()?.t === "op" && (peek().v === "+" || peek().v === "-" || peek().v === "&")) {
      const op = take().v;
      const right = term();
      left = elementwise(left, right, (x, y) =>
        op === "&" ? `${x}${y}` : op === "+" ? num(x) + num(y) : num(x) - num(y)
      );
    }
    return left;
  }
  function term(): Value {
    let left = unary();
    while (peek()?.t === "op" && (peek().v === "*" || peek().v === "/")) {
      const op = take().v;
      const right = unary();
      left = elementwise(left, right, (x, y) => {
        if (op === "*") return num(x) * num(y);
        if (num(y) === 0) throw new Error(`#DIV/0! in ${formula}`);
        return num(x) / num(y);
      });
    }
    return left;
  }
  function unary(): Value {
    if (peek()?.t === "op" && peek().v === "-") {
      take();
      return elementwise(unary(), 0, (x) => -num(x));
    }
    if (peek()?.t === "op" && peek().v === "+") {
      take();
      return unary();
    }
    return primary();
  }
  function primary(): Value {
    const t = take();
    if (t.t === "num") return Number(t.v);
    if (t.t === "str") return t.v;
    if (t.t === "ref") return ref(t.v);
    if (t.t === "op" && t.v === "(") {
      const v = expr();
      take(")");
      return v;
    }
    if (t.t === "id") {
      take("(");
      const args: Value[] = [];
      if (!(peek()?.t === "op" && peek().v === ")")) {
        args.push(expr());
        while (peek()?.t === "op" && peek().v === ",") {
          take();
          args.push(expr());
        }
      }
      take(")");
      return call(t.v, args);
    }
    throw new Error(`Unexpected "${t.v}" in ${formula}`);
  }
  function call(name: string, args: Value[]): Scalar {
    const numbers = (v: Value) => flat(v).filter((x): x is number => typeof x === "number");
    switch (name) {
      case "SUM":
        return args.reduce<number>(
          (s, a) => s + (Array.isArray(a) ? numbers(a).reduce((x, y) => x + y, 0) : num(a)),
          0
        );
      case "SUMPRODUCT": {
        const arrays = args.map(flat);
        const n = arrays[0].length;
        if (arrays.some((a) => a.length !== n)) throw new Error(`#VALUE! in ${formula}`);
        let s = 0;
        for (let i = 0; i < n; i++) {
          let p = 1;
          for (const a of arrays) {
            const x = a[i];
            // SUMPRODUCT counts non-numbers as 0 (booleans only once multiplied, as Excel does).
            p *= typeof x === "number" ? x : arrays.length === 1 && typeof x === "boolean" ? 0 : 0;
          }
          s += p;
        }
        return s;
      }
      case "COUNT":
        return args.reduce<number>((s, a) => s + numbers(a).length, 0);
      case "COUNTIF": {
        const crit = args[1];
        if (typeof crit !== "number")
          throw new Error(`COUNTIF: only a number criterion is supported (${formula})`);
        return flat(args[0]).filter((x) => typeof x === "number" && x === crit).length;
      }
      case "SUMIF": {
        const crit = args[1];
        if (typeof crit !== "number")
          throw new Error(`SUMIF: only a number criterion is supported (${formula})`);
        const range = flat(args[0]);
        const sums = flat(args[2]);
        let s = 0;
        range.forEach((x, i) => {
          if (typeof x === "number" && x === crit && typeof sums[i] === "number")
            s += sums[i] as number;
        });
        return s;
      }
      case "RANK": {
        const x = num(args[0] as Scalar);
        const list = numbers(args[1]);
        if (!list.includes(x)) throw new Error(`#N/A (RANK: value not in the list) in ${formula}`);
        return 1 + list.filter((y) => y > x).length;
      }
      case "INT":
        return Math.floor(num(args[0] as Scalar));
      case "MIN":
        return Math.min(...args.flatMap((a) => (Array.isArray(a) ? numbers(a) : [num(a)])));
      case "CHOOSE": {
        const i = Math.floor(num(args[0] as Scalar));
        if (i < 1 || i >= args.length) throw new Error(`#VALUE! (CHOOSE ${i}) in ${formula}`);
        return args[i] as Scalar;
      }
      default:
        throw new Error(`The test evaluator does not know ${name} (${formula})`);
    }
  }

  const v = expr();
  if (pos !== tokens.length) throw new Error(`Unparsed rest of ${formula}`);
  if (Array.isArray(v)) throw new Error(`A formula that returns an array: ${formula}`);
  return v;
}

/** Every formula cell of a grid, evaluated: address → value. */
export function evaluateAll(
  cells: { row: number; col: number }[],
  grid: Grid
): Map<string, Scalar> {
  const memo = new Map<string, Scalar>();
  const out = new Map<string, Scalar>();
  for (const c of cells) {
    const f = grid.formula(c.row, c.col);
    if (f === undefined) continue;
    out.set(`${c.row},${c.col}`, evaluateFormula(f, grid, memo));
  }
  return out;
}
