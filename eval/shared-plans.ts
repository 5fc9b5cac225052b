/**
 * The plans of every shared city, as text: what the eval must not have copied into the taxonomy. Read from the
 * committed fixtures (eval/fixtures/*.plan.json) and, when ../shared/data is beside the clone (CI has it,
 * read-only), from its `<city>/plan.json` files and `strategic_plans/*.json`. Nothing here is hand-listed: a new
 * shared plan is picked up by the next run.
 */
import * as fs from "fs";
import * as path from "path";

export interface SharedPlanText {
  /** Where it was read: "eval/fixtures/los-angeles.plan.json", "shared/data/strategic_plans/austin_….json". */
  file: string;
  /** The plan's name (whole names only: some are a data set's note on its source). */
  names: string[];
  /** Its priorities' titles (and short labels): what the test holds entries against. */
  titles: string[];
  /** The priorities' descriptions (Los Angeles's outcome statements are its priorities' long names). */
  descriptions: string[];
  /** Every text of the plan: name, priorities, goals, subgoals, actions (titles, descriptions, keywords). */
  all: string[];
}

type Json = Record<string, unknown>;

const str = (v: unknown): string[] => (typeof v === "string" && v.trim() ? [v] : []);
const list = (v: unknown): Json[] =>
  Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === "object") : [];

/** Every title, description and keyword of a node and the nodes below it. */
function nodeTexts(node: Json): string[] {
  const out = [...str(node.title), ...str(node.description)];
  for (const k of Array.isArray(node.keywords) ? node.keywords : []) out.push(...str(k));
  for (const key of ["goals", "subgoals", "actions"])
    for (const child of list(node[key])) out.push(...nodeTexts(child));
  return out;
}

/** A plan in the plan JSON shape (name, priorities → goals → subgoals → actions). */
function fromPlanJson(file: string, json: Json): SharedPlanText {
  const priorities = list(json.priorities);
  return {
    file,
    names: str(json.name),
    titles: priorities.flatMap((p) => str(p.title)),
    descriptions: priorities.flatMap((p) => str(p.description)),
    all: [...str(json.name), ...priorities.flatMap(nodeTexts)],
  };
}

/** A file of ../shared/data/strategic_plans: { plan, outcomes: [{ name, short_label, description }] } or service areas. */
function fromStrategicPlan(file: string, json: Json): SharedPlanText {
  const items = [...list(json.outcomes), ...list(json.service_areas)];
  const names = str(json.plan);
  const titles = items.flatMap((o) => [...str(o.name), ...str(o.short_label)]);
  const descriptions = items.flatMap((o) => str(o.description));
  return { file, names, titles, descriptions, all: [...names, ...titles, ...descriptions] };
}

function readJson(file: string): Json | null {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return v && typeof v === "object" ? (v as Json) : null;
  } catch {
    return null;
  }
}

/** ../shared/data beside a clone whose root is `repoRoot`, or null when it is not there. */
export function sharedDataDir(repoRoot: string): string | null {
  const dir = path.resolve(repoRoot, "..", "shared", "data");
  return fs.existsSync(dir) ? dir : null;
}

/** Every shared city's plan as text: the fixtures, then ../shared/data when present. */
export function sharedPlans(repoRoot: string): SharedPlanText[] {
  const out: SharedPlanText[] = [];
  const fixtures = path.join(repoRoot, "eval", "fixtures");
  for (const f of fs
    .readdirSync(fixtures)
    .filter((n) => n.endsWith(".plan.json"))
    .sort()) {
    const json = readJson(path.join(fixtures, f));
    if (json) out.push(fromPlanJson(`eval/fixtures/${f}`, json));
  }
  const shared = sharedDataDir(repoRoot);
  if (!shared) return out;
  for (const city of fs.readdirSync(shared).sort()) {
    const file = path.join(shared, city, "plan.json");
    const json = fs.existsSync(file) ? readJson(file) : null;
    if (json) out.push(fromPlanJson(`shared/data/${city}/plan.json`, json));
  }
  const strategic = path.join(shared, "strategic_plans");
  if (fs.existsSync(strategic))
    for (const f of fs
      .readdirSync(strategic)
      .filter((n) => n.endsWith(".json"))
      .sort()) {
      const json = readJson(path.join(strategic, f));
      if (json) out.push(fromStrategicPlan(`shared/data/strategic_plans/${f}`, json));
    }
  return out;
}
