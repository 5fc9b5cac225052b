import {
  ADJECTIVES_THAT_GRANT_NOTHING,
  AREAS,
  FUNCTIONS,
  MunicipalFunction,
  taxonomyStems,
} from "../../../src/core/tagging/taxonomy";
import { stemWord } from "../../../src/core/tagging/text";

/** An entry without its ":w" weight, and the weight (1 when none is written). */
function parseEntry(entry: string): { text: string; weight: number } {
  const m = /^(.*?)(?::(\d+(?:\.\d+)?))?$/.exec(entry);
  if (!m) throw new Error(`unparsable entry ${entry}`);
  return { text: m[1], weight: m[2] === undefined ? 1 : Number(m[2]) };
}

/**
 * The test's own tokeniser: lower case, "&" read as "and", apostrophes dropped, split on non-alphanumerics
 * (numbers such as "911" and "311" kept as written), every word stemmed, no stop word removed.
 */
function testStems(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['\u2019]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => (/^\d+$/.test(w) ? w : stemWord(w)));
}

/** Words of an entry as written (what its stems must keep, one for one). */
function writtenWords(text: string): string[] {
  return text
    .replace(/&/g, " and ")
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
}

const key = (text: string): string => taxonomyStems(text).join(" ");

type ListName = "budget" | "departments" | "plan";
const LISTS: ListName[] = ["budget", "departments", "plan"];

/** Every entry of the taxonomy with where it is. */
function allEntries(): { where: string; entry: string }[] {
  const out: { where: string; entry: string }[] = [];
  for (const f of FUNCTIONS) {
    for (const list of LISTS)
      for (const e of f[list]) out.push({ where: `${f.id}.${list}`, entry: e });
  }
  for (const a of AREAS) {
    for (const e of a.plan) out.push({ where: `area ${a.id}.plan`, entry: e });
  }
  for (const e of ADJECTIVES_THAT_GRANT_NOTHING) out.push({ where: "adjectives", entry: e });
  return out;
}

describe("taxonomy structure", () => {
  test("ids are unique kebab-case, areas exist, alsoCovers names functions", () => {
    const areaIds = AREAS.map((a) => a.id);
    const fnIds = FUNCTIONS.map((f) => f.id);
    expect(new Set(areaIds).size).toBe(areaIds.length);
    expect(new Set(fnIds).size).toBe(fnIds.length);
    for (const id of [...areaIds, ...fnIds]) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const bad = FUNCTIONS.filter((f) => !areaIds.includes(f.area)).map((f) => f.id);
    expect(bad).toEqual([]);
    for (const a of AREAS) {
      for (const id of a.alsoCovers ?? []) {
        expect(fnIds).toContain(id);
        // alsoCovers names functions of other areas.
        expect(FUNCTIONS.find((f) => f.id === id)?.area).not.toBe(a.id);
      }
    }
  });

  test("about a dozen areas, each with functions, and 55 to 90 functions", () => {
    expect(AREAS.length).toBeGreaterThanOrEqual(9);
    expect(AREAS.length).toBeLessThanOrEqual(15);
    expect(FUNCTIONS.length).toBeGreaterThanOrEqual(55);
    expect(FUNCTIONS.length).toBeLessThanOrEqual(90);
    for (const a of AREAS) {
      expect(FUNCTIONS.some((f) => f.area === a.id)).toBe(true);
      expect(a.plan.length).toBeGreaterThanOrEqual(1);
      expect(a.label.length).toBeGreaterThan(0);
    }
  });

  test("every function has enough budget words, a department pattern and plan language", () => {
    const thin = FUNCTIONS.filter(
      (f) => f.budget.length < 6 || f.departments.length < 1 || f.plan.length < 2 || !f.label
    ).map((f) => f.id);
    expect(thin).toEqual([]);
  });

  test("weights parse and lie in (0, 2]; only budget entries carry weights", () => {
    for (const f of FUNCTIONS) {
      for (const e of f.budget) {
        const { text, weight } = parseEntry(e);
        expect(text).not.toContain(":");
        expect(text.trim()).toBe(text);
        expect(text.length).toBeGreaterThan(0);
        expect(Number.isFinite(weight)).toBe(true);
        expect(weight).toBeGreaterThan(0);
        expect(weight).toBeLessThanOrEqual(2);
      }
      for (const e of [...f.departments, ...f.plan]) expect(e).not.toContain(":");
    }
    for (const a of AREAS) for (const e of a.plan) expect(e).not.toContain(":");
  });

  test("no entry is repeated (on stems) within one list", () => {
    const repeats: string[] = [];
    const check = (where: string, entries: readonly string[]): void => {
      const seen = new Set<string>();
      for (const e of entries) {
        const k = key(parseEntry(e).text);
        if (seen.has(k)) repeats.push(`${where}: ${e}`);
        seen.add(k);
      }
    };
    for (const f of FUNCTIONS) for (const list of LISTS) check(`${f.id}.${list}`, f[list]);
    for (const a of AREAS) check(`area ${a.id}`, a.plan);
    expect(repeats).toEqual([]);
  });
});

describe("plan language", () => {
  test("no plan entry of a function or an area is a bare adjective", () => {
    const adjectives = new Set(ADJECTIVES_THAT_GRANT_NOTHING.map((a) => a.toLowerCase()));
    const adjectiveStems = new Set(ADJECTIVES_THAT_GRANT_NOTHING.map((a) => key(a)));
    const bare: string[] = [];
    const check = (where: string, e: string): void => {
      const norm = e.trim().toLowerCase();
      const stems = taxonomyStems(norm);
      if (adjectives.has(norm) || (stems.length === 1 && adjectiveStems.has(stems[0]))) {
        bare.push(`${where}: ${e}`);
      }
    };
    for (const f of FUNCTIONS) for (const e of f.plan) check(f.id, e);
    for (const a of AREAS) for (const e of a.plan) check(`area ${a.id}`, e);
    expect(bare).toEqual([]);
  });

  test("no plan entry is made only of adjectives and stop words", () => {
    const adjectiveStems = new Set(ADJECTIVES_THAT_GRANT_NOTHING.flatMap((a) => taxonomyStems(a)));
    // Plain English function words (the budget stop list of ./text also drops "city" and "fiscal", which here
    // carry the meaning: "safe city", "fiscal sustainability").
    const stopStems = new Set(
      ["a", "an", "and", "the", "of", "to", "in", "for", "on", "with", "by"].map((w) => stemWord(w))
    );
    const empty: string[] = [];
    const check = (where: string, e: string): void => {
      const content = taxonomyStems(e).filter((s) => !adjectiveStems.has(s) && !stopStems.has(s));
      if (content.length === 0) empty.push(`${where}: ${e}`);
    };
    for (const f of FUNCTIONS) for (const e of f.plan) check(f.id, e);
    for (const a of AREAS) for (const e of a.plan) check(`area ${a.id}`, e);
    expect(empty).toEqual([]);
  });

  test("the adjectives list holds the words the brief names", () => {
    for (const w of [
      "safe",
      "safer",
      "efficient",
      "resilient",
      "equitable",
      "sustainable",
      "livable",
    ]) {
      expect(ADJECTIVES_THAT_GRANT_NOTHING).toContain(w);
    }
    for (const w of ["vibrant", "healthy", "strong", "thriving", "safety"]) {
      expect(ADJECTIVES_THAT_GRANT_NOTHING).toContain(w);
    }
  });

  test("bare safety belongs to no one; public safety names the area", () => {
    for (const f of FUNCTIONS) expect(f.plan.map((p) => p.toLowerCase())).not.toContain("safety");
    const safety = AREAS.find((a) => a.id === "public-safety");
    expect(safety?.plan).toEqual(expect.arrayContaining(["public safety", "community safety"]));
    const police = FUNCTIONS.find((f) => f.id === "police");
    expect(police?.plan).toEqual(expect.arrayContaining(["policing", "crime", "law enforcement"]));
  });
});

describe("ambiguity is declared", () => {
  test("no department pattern belongs to two functions", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const f of FUNCTIONS) {
      for (const d of f.departments) {
        const k = key(d);
        const prev = owner.get(k);
        if (prev !== undefined && prev !== f.id) clashes.push(`${d}: ${prev} and ${f.id}`);
        owner.set(k, f.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  test("a budget word listed for two functions weighs 0.6 or less in at least one", () => {
    const uses = new Map<string, { fn: MunicipalFunction; weight: number; entry: string }[]>();
    for (const f of FUNCTIONS) {
      for (const e of f.budget) {
        const { text, weight } = parseEntry(e);
        const k = key(text);
        const list = uses.get(k) ?? [];
        list.push({ fn: f, weight, entry: e });
        uses.set(k, list);
      }
    }
    const undeclared: string[] = [];
    for (const [, list] of uses) {
      if (list.length < 2) continue;
      // Every pair must have one side at ≤ 0.6: at most one function may hold the word at full weight.
      const strong = list.filter((u) => u.weight > 0.6);
      if (strong.length > 1) undeclared.push(strong.map((u) => `${u.fn.id}=${u.entry}`).join(", "));
    }
    expect(undeclared).toEqual([]);
  });
});

describe("entries survive tokenisation", () => {
  test("every entry yields stems, multi-word entries keep all their words", () => {
    const lost: string[] = [];
    for (const { where, entry } of allEntries()) {
      const text = where.endsWith(".budget") ? parseEntry(entry).text : entry;
      const stems = testStems(text);
      if (stems.length === 0 || stems.length !== writtenWords(text).length) {
        lost.push(`${where}: ${entry} → [${stems.join(" ")}]`);
      }
    }
    expect(lost).toEqual([]);
  });

  test("taxonomyStems agrees with the test's tokeniser on every entry", () => {
    for (const { where, entry } of allEntries()) {
      const text = where.endsWith(".budget") ? parseEntry(entry).text : entry;
      expect(taxonomyStems(text)).toEqual(testStems(text));
    }
  });

  test("taxonomyStems keeps stop words, numbers and hyphenated parts", () => {
    expect(taxonomyStems("land use")).toHaveLength(2);
    expect(taxonomyStems("well-being")).toEqual(["well", stemWord("being")]);
    expect(taxonomyStems("Budget")).toEqual(["budget"]);
    expect(taxonomyStems("quality of life")).toEqual([stemWord("quality"), "of", "life"]);
    expect(taxonomyStems("911 and 311")).toEqual(["911", "and", "311"]);
    expect(taxonomyStems("Parks & Recreation")).toEqual(["park", "and", stemWord("recreation")]);
    expect(taxonomyStems("Police Bureau")).toEqual(expect.arrayContaining(taxonomyStems("police")));
    expect(taxonomyStems("Café Licence")).toEqual([stemWord("cafe"), stemWord("licence")]);
    expect(taxonomyStems("workers' compensation")).toEqual(taxonomyStems("workers compensation"));
    expect(taxonomyStems("")).toEqual([]);
    // "parking" keeps its own stem (not "park").
    expect(taxonomyStems("parking")).not.toEqual(taxonomyStems("parks"));
  });
});

// Independence from the cities we score ourselves on: test/eval/independence.test.ts derives every shared city's
// plan and priority titles and fails on an entry that copies one without a general source.

describe("coverage of ordinary municipal functions", () => {
  test("the functions of the brief are present", () => {
    const ids = new Set(FUNCTIONS.map((f) => f.id));
    for (const id of [
      "police",
      "fire-suppression",
      "emergency-medical-services",
      "emergency-management",
      "emergency-communications",
      "courts",
      "prosecution",
      "corrections",
      "animal-services",
      "code-enforcement",
      "building-permits",
      "land-use-planning",
      "streets-bridges",
      "traffic-engineering",
      "signals-street-lighting",
      "transit",
      "parking",
      "airport",
      "port-harbor",
      "water-supply",
      "wastewater",
      "stormwater",
      "solid-waste",
      "street-cleaning",
      "climate-sustainability",
      "parks",
      "recreation",
      "libraries",
      "arts-culture",
      "museums-zoos",
      "cemeteries",
      "housing",
      "homelessness",
      "public-health",
      "social-services",
      "aging-services",
      "youth-services",
      "workforce-development",
      "economic-development",
      "community-development",
      "civil-rights-equity",
      "financial-administration",
      "budget-performance",
      "treasury-revenue",
      "accounting",
      "payroll",
      "procurement",
      "internal-audit",
      "risk-management",
      "human-resources",
      "legal-counsel",
      "legislative",
      "executive-management",
      "elections",
      "city-clerk-records",
      "information-technology",
      "facilities-maintenance",
      "fleet",
      "communications-engagement",
      "customer-service",
      "debt-service",
      "pensions-retirement",
      "utility-billing",
      "electric-utility",
    ]) {
      expect(ids).toContain(id);
    }
  });

  test("the brief's area phrases are there", () => {
    const plans = (id: string): string[] => AREAS.find((a) => a.id === id)?.plan ?? [];
    expect(plans("internal-services")).toEqual(
      expect.arrayContaining(["good governance", "accountable government"])
    );
    expect(plans("economy")).toEqual(
      expect.arrayContaining(["economic development", "prosperity", "jobs", "economy"])
    );
    expect(plans("infrastructure")).toContain("infrastructure");
    expect(plans("transportation")).toEqual(
      expect.arrayContaining(["transportation", "multimodal"])
    );
  });
});
