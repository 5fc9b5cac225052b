/**
 * The plan JSON format (a public contract):
 * { name, adopted: "YYYY-MM-DD", fiscalYearStart: "MM-DD", horizonYears,
 *   priorities: [ { id, title, description?, keywords?, goals: [ { id, title, description?, keywords?,
 *     subgoals?: [ { id, title, description?, keywords? } ],
 *     actions?: [ { id, title, owner?, start?, due?, measure?, target?, status?, subgoal? } ] } ] } ] }
 *
 * Actions always sit on their goal; an action that belongs to a subgoal names it in "subgoal". planToJson lists
 * a goal's subgoal actions first (subgoal by subgoal), then its own.
 * Reading is forgiving where the meaning is clear (numbers as IDs, dates as "3/15/2026", keywords as one
 * comma-separated string, "July 1" as the fiscal-year start) and says exactly where the file is wrong otherwise.
 */
import type { Action, Goal, Issue, Plan, PlanReadResult, Priority, Subgoal } from "../types";
import { parseDateText, parseMonthDay } from "./dates";
import { normId } from "./model";
import { readMeasuresJson } from "../measures/json";
import { canonicalStatus, IssueSink, validatePlanAt } from "./validate";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Line and column (1-based) of a character offset. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Where JSON text first goes wrong, and why, in plain words (JSON.parse's own messages differ between engines and
 * versions, and some give no position). A small recursive-descent scan; only called once JSON.parse has failed.
 */
export function jsonSyntaxError(text: string): { offset: number; reason: string } {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i])) i++;
  };
  const value = (depth: number): void => {
    if (depth > 500) fail("the lists and objects are nested too deeply");
    ws();
    if (i >= text.length) fail("it ends before the plan is complete");
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a name in double quotes, found ${shown()}`);
        str();
        ws();
        if (text[i] !== ":") fail(`expected a colon after the name, found ${shown()}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") return void i++;
        fail(`expected a comma or a closing }, found ${shown()}`);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") return void i++;
        fail(`expected a comma or a closing ], found ${shown()}`);
      }
    }
    if (c === '"') return str();
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== "-") return void (i += m[0].length);
    for (const word of ["true", "false", "null"])
      if (text.startsWith(word, i)) return void (i += word.length);
    fail(
      `expected a value (text in double quotes, a number, a list or an object), found ${shown()}`
    );
  };
  const str = () => {
    const open = i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20)
        fail("a line break or tab inside quoted text (write it as \\n or \\t)");
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) {
      i = open;
      fail("the text in quotes that starts here is never closed");
    }
    i++;
  };
  const shown = () =>
    i >= text.length ? "the end of the file" : `‘${text.slice(i, i + 12).split("\n")[0]}’`;
  try {
    value(0);
    ws();
    if (i < text.length) fail(`there is more after the end of the plan: ${shown()}`);
  } catch (e) {
    if (typeof e === "object" && e !== null && "reason" in e)
      return e as { offset: number; reason: string };
    throw e;
  }
  return { offset: text.length, reason: "it could not be read" };
}

function parseJsonText(text: string, sink: IssueSink): unknown {
  const clean = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(clean);
  } catch {
    const { offset, reason } = jsonSyntaxError(clean);
    const where = lineCol(clean, offset);
    sink.json(
      "error",
      "plan.json-syntax",
      `line ${where.line}, column ${where.column}: the file is not valid JSON (${reason}).`
    );
    return undefined;
  }
}

/** The expected shape, with a short example, for a file whose shape is wrong. */
export const PLAN_JSON_EXAMPLE =
  '{"name": "Our Plan 2025-2030", "adopted": "2025-03-01", "fiscalYearStart": "07-01", "horizonYears": 5, ' +
  '"priorities": [{"id": "P1", "title": "Safe community", "goals": [{"id": "G1.1", ' +
  '"title": "Faster emergency response", "actions": [{"id": "A1.1.1", "title": "Open fire station 4", ' +
  '"owner": "Fire Chief", "due": "2027-06-30"}]}]}]}';
const SHAPE = `A plan file looks like this: ${PLAN_JSON_EXAMPLE}`;

/** Reads a plan from parsed JSON or JSON text. `sourceName` (e.g. the file name) starts every message. */
export function readPlanJson(input: unknown, sourceName?: string): PlanReadResult {
  const sink = new IssueSink(sourceName);
  const data = typeof input === "string" ? parseJsonText(input, sink) : input;
  if (sink.issues.length > 0) return { plan: null, issues: sink.issues };
  if (!isObj(data)) {
    sink.json(
      "error",
      "plan.json-schema",
      `the plan must be a JSON object with "name", "adopted", "fiscalYearStart", "horizonYears" and "priorities". ${SHAPE}`
    );
    return { plan: null, issues: sink.issues };
  }

  const pathOf = new Map<object, string>();
  /** "priorities[0].goals", or just "priorities" at the top level (no stray leading dot). */
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);

  const text = (obj: Obj, key: string, path: string): string | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v.trim();
    if (typeof v === "number" && Number.isFinite(v)) return String(Number(v.toPrecision(12)));
    sink.json("error", "plan.json-schema", `${at(path, key)} must be text.`);
    return undefined;
  };
  const date = (obj: Obj, key: string, path: string): string | undefined => {
    const raw = text(obj, key, path);
    if (raw === undefined || raw === "") return undefined;
    // Kept as written when it is not a date: validation reports it with its path.
    return parseDateText(raw) ?? raw;
  };
  const list = (obj: Obj, key: string, path: string): unknown[] | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v;
    sink.json(
      "error",
      "plan.json-schema",
      `${at(path, key)} must be a list ([ … ]).${path === "" ? ` ${SHAPE}` : ""}`
    );
    return undefined;
  };
  const base = (obj: Obj, path: string) => {
    const node: {
      id: string;
      title: string;
      description?: string;
      keywords?: string[];
      covers?: string[];
    } = {
      id: text(obj, "id", path) ?? "",
      title: text(obj, "title", path) ?? "",
    };
    const description = text(obj, "description", path);
    if (description) node.description = description;
    const kw = obj.keywords;
    if (typeof kw === "string") {
      const words = kw
        .split(/[,;]/)
        .map((k) => k.trim())
        .filter((k) => k !== "");
      if (words.length) node.keywords = words;
    } else if (Array.isArray(kw)) {
      if (kw.every((k) => typeof k === "string")) {
        const words = (kw as string[]).map((k) => k.trim()).filter((k) => k !== "");
        if (words.length) node.keywords = words;
      } else
        sink.json("error", "plan.json-schema", `${at(path, "keywords")} must be a list of words.`);
    } else if (kw !== undefined && kw !== null) {
      sink.json("error", "plan.json-schema", `${at(path, "keywords")} must be a list of words.`);
    }
    const covers = obj.covers;
    if (Array.isArray(covers) && covers.every((k) => typeof k === "string")) {
      const ids = (covers as string[]).map((k) => k.trim()).filter((k) => k !== "");
      if (ids.length) node.covers = ids;
    } else if (typeof covers === "string") {
      const ids = covers
        .split(/[,;]/)
        .map((k) => k.trim())
        .filter((k) => k !== "");
      if (ids.length) node.covers = ids;
    } else if (covers !== undefined && covers !== null) {
      sink.json(
        "error",
        "plan.json-schema",
        `${at(path, "covers")} must be a list of municipal functions, e.g. ["police", "fire-suppression"].`
      );
    }
    return node;
  };
  const each = (
    items: unknown[] | undefined,
    path: string,
    key: string,
    fn: (o: Obj, p: string) => void
  ) => {
    (items ?? []).forEach((item, i) => {
      const p = `${path}${path ? "." : ""}${key}[${i}]`;
      if (!isObj(item)) {
        sink.json("error", "plan.json-schema", `${p} must be an object with "id" and "title".`);
        return;
      }
      fn(item, p);
    });
  };

  const action = (ao: Obj, ap: string): Action => {
    const a: Action = base(ao, ap);
    pathOf.set(a, ap);
    const owner = text(ao, "owner", ap);
    if (owner) a.owner = owner;
    const start = date(ao, "start", ap);
    if (start) a.start = start;
    const due = date(ao, "due", ap);
    if (due) a.due = due;
    const measure = text(ao, "measure", ap);
    if (measure) a.measure = measure;
    const target = text(ao, "target", ap);
    if (target) a.target = target;
    const status = text(ao, "status", ap);
    if (status) a.status = canonicalStatus(status) ?? status;
    return a;
  };

  const name = text(data, "name", "");
  const plan: Plan = {
    name: name || "Strategic Plan",
    adopted: null,
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities: [],
  };
  const adopted = date(data, "adopted", "");
  if (adopted) plan.adopted = adopted;
  const fy = text(data, "fiscalYearStart", "");
  if (fy) plan.fiscalYearStart = parseMonthDay(fy) ?? fy;
  const horizon = data.horizonYears;
  // -0 reads as 0 (as it does once written out and read back: JSON has no negative zero).
  if (typeof horizon === "number") plan.horizonYears = Object.is(horizon, -0) ? 0 : horizon;
  else if (typeof horizon === "string" && /^\s*\d+\s*(years?)?\s*$/i.test(horizon))
    plan.horizonYears = parseInt(horizon, 10);
  else if (horizon !== undefined && horizon !== null && horizon !== "")
    sink.json(
      "error",
      "plan.json-schema",
      `horizonYears ${JSON.stringify(horizon)} is not a number of years.`
    );

  const priorities = list(data, "priorities", "");
  if (data.priorities === undefined)
    sink.json("error", "plan.json-schema", `priorities is missing. ${SHAPE}`);
  each(priorities, "", "priorities", (po, pp) => {
    const p: Priority = { ...base(po, pp), goals: [] };
    pathOf.set(p, pp);
    plan.priorities.push(p);
    each(list(po, "goals", pp), pp, "goals", (go, gp) => {
      const g: Goal = base(go, gp);
      pathOf.set(g, gp);
      p.goals.push(g);
      each(list(go, "subgoals", gp), gp, "subgoals", (so, sp) => {
        const s: Subgoal = base(so, sp);
        pathOf.set(s, sp);
        (g.subgoals ??= []).push(s);
        // Not in the format, but clear enough: actions nested in a subgoal belong to it.
        each(list(so, "actions", sp), sp, "actions", (ao, ap) => {
          (s.actions ??= []).push(action(ao, ap));
        });
      });
      each(list(go, "actions", gp), gp, "actions", (ao, ap) => {
        const a = action(ao, ap);
        const sub = text(ao, "subgoal", ap);
        if (sub) {
          const s = (g.subgoals ?? []).find((x) => normId(x.id) === normId(sub));
          if (s) {
            (s.actions ??= []).push(a);
            return;
          }
          sink.json(
            "error",
            "plan.unknown-parent",
            `${ap}.subgoal "${sub}" is not one of the subgoals of goal "${g.id}".`
          );
        }
        (g.actions ??= []).push(a);
      });
    });
  });

  // Performance measures (src/core/measures/json.ts): read as given, linked to the plan when a run uses them.
  const measures = readMeasuresJson(data.measures, sourceName ?? "plan");
  if (measures.measures.length) plan.measures = measures.measures;
  const issues: Issue[] = [
    ...sink.issues,
    ...measures.issues,
    ...validatePlanAt(plan, sourceName, (node) => pathOf.get(node)),
  ];
  return { plan, issues };
}

function baseJson(n: {
  id: string;
  title: string;
  description?: string;
  keywords?: string[];
  covers?: string[];
}): Record<string, unknown> {
  const out: Record<string, unknown> = { id: n.id, title: n.title };
  if (n.description) out.description = n.description;
  if (n.keywords && n.keywords.length) out.keywords = [...n.keywords];
  if (n.covers && n.covers.length) out.covers = [...n.covers];
  return out;
}

function actionJson(a: Action, subgoal: string | null): Record<string, unknown> {
  const out = baseJson(a);
  if (subgoal) out.subgoal = subgoal;
  for (const k of ["owner", "start", "due", "measure", "target", "status"] as const) {
    const v = a[k];
    if (v !== undefined && v !== null && v !== "") out[k] = v;
  }
  return out;
}

/** The plan in the JSON format above (no source rows; empty optional fields left out). */
export function planToJson(plan: Plan): object {
  return {
    name: plan.name,
    adopted: plan.adopted,
    fiscalYearStart: plan.fiscalYearStart,
    horizonYears: plan.horizonYears,
    priorities: plan.priorities.map((p) => ({
      ...baseJson(p),
      goals: (p.goals ?? []).map((g) => {
        const out = baseJson(g);
        const subgoals = g.subgoals ?? [];
        if (subgoals.length) out.subgoals = subgoals.map((s) => baseJson(s));
        const actions = [
          ...subgoals.flatMap((s) => (s.actions ?? []).map((a) => actionJson(a, s.id))),
          ...(g.actions ?? []).map((a) => actionJson(a, null)),
        ];
        if (actions.length) out.actions = actions;
        return out;
      }),
    })),
  };
}
