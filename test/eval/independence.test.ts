/**
 * The taxonomy must not copy the plans we score ourselves on. The list of what they must not copy
 * is derived, not hand-written: every shared city's plan name and priority titles (and short labels), and the
 * distinctive multi-word phrases of those titles and of the priorities' descriptions, read from
 * eval/fixtures/*.plan.json and, when ../shared/data is beside the clone, its plan.json and strategic_plans files.
 * An entry that is one of them fails unless a general classification names it (eval/general-sources.ts).
 */
import * as path from "path";
import { blindTaxonomy, entryText, taxonomyEntries, titlePhrases } from "../../eval/blind";
import { backingSource } from "../../eval/general-sources";
import { sharedDataDir, sharedPlans } from "../../eval/shared-plans";
import {
  DEFAULT_TAXONOMY,
  planCoverage,
  resolveFunction,
  taxonomy as compiled,
} from "../../src/core/tagging/functions";
import { tagLines } from "../../src/core/tagging/engine";
import { taxonomyStems } from "../../src/core/tagging/taxonomy";
import type { BudgetLine, Plan } from "../../src/core/types";
import type { TaxonomyData } from "../../src/core/tagging/taxonomy";

const ROOT = path.resolve(__dirname, "..", "..");
const plans = sharedPlans(ROOT);
const titles = titlePhrases(plans);

/** Every entry the engine reads as knowledge: the taxonomy's lists and area phrases (its only knowledge source). */
function knowledgeEntries(): { where: string; entry: string }[] {
  return taxonomyEntries(DEFAULT_TAXONOMY);
}

describe("no knowledge entry copies a shared city's plan", () => {
  test("the titles are derived from every shared plan present", () => {
    const files = plans.map((p) => p.file);
    for (const id of ["boston", "kansas-city", "los-angeles", "missoula", "portland"])
      expect(files).toContain(`eval/fixtures/${id}.plan.json`);
    if (sharedDataDir(ROOT)) {
      expect(files.some((f) => f.startsWith("shared/data/strategic_plans/"))).toBe(true);
      expect(files.some((f) => /^shared\/data\/[^/]+\/plan\.json$/.test(f))).toBe(true);
    }
    // The phrases the issue names are among the derived ones.
    const k = (t: string) => taxonomyStems(t).join(" ");
    expect(titles.whole.has(k("Safe City"))).toBe(true);
    expect(titles.whole.has(k("Elected Officials"))).toBe(true);
    expect(titles.distinctive.has(k("well run"))).toBe(true);
    expect(titles.distinctive.has(k("best run"))).toBe(true);
    expect(titles.distinctive.has(k("healthy communities"))).toBe(true);
    expect(titles.distinctive.has(k("organizational excellence"))).toBe(true);
  });

  test("an entry that is a whole title or a distinctive phrase of one has a general source", () => {
    const copies: string[] = [];
    for (const { where, entry } of knowledgeEntries()) {
      const text = entryText(entry);
      const stems = taxonomyStems(text);
      const key = stems.join(" ");
      const title =
        titles.whole.get(key) ?? (stems.length >= 2 ? titles.distinctive.get(key) : undefined);
      if (title && !backingSource(text)) copies.push(`${where}: "${text}" copies ${title}`);
    }
    expect(copies).toEqual([]);
  });

  test("the check catches a copied title, and a general source lets a shared phrase through", () => {
    const k = (t: string) => taxonomyStems(t).join(" ");
    expect(titles.distinctive.get(k("well run"))).toBeDefined();
    expect(backingSource("well run")).toBeNull();
    expect(titles.whole.get(k("Public Safety"))).toBeDefined();
    expect(backingSource("public safety")?.source.id).toBe("census-gfec");
  });
});

describe("blind taxonomy", () => {
  const la = plans.find((p) => p.file === "eval/fixtures/los-angeles.plan.json")!;

  test("an entry copying a shared priority's words without a general source is left out of that city's copy; general words stay", () => {
    // The shipped taxonomy copies no shared title (the test above), so a copy is made that does: "well run".
    const base: TaxonomyData = {
      areas: DEFAULT_TAXONOMY.areas.map((a) =>
        a.id === "internal-services" ? { ...a, plan: [...a.plan, "well run"] } : a
      ),
      functions: DEFAULT_TAXONOMY.functions,
    };
    const { taxonomy, dropped } = blindTaxonomy(la.all, titles, base);
    expect(taxonomy.functions.map((f) => f.id)).toEqual(
      DEFAULT_TAXONOMY.functions.map((f) => f.id)
    );
    expect(dropped.map((d) => d.entry)).toContain("well run");
    const left = new Set(taxonomyEntries(taxonomy).map((e) => entryText(e.entry)));
    for (const d of dropped) expect(left.has(d.entry)).toBe(false);
    // Ordinary municipal words of LA's outcome statements ("jobs") and words not in its plan ("police") stay.
    expect(left.has("jobs")).toBe(true);
    expect(left.has("police")).toBe(true);
  });

  test("a general category's own name stays, even where a shared plan uses it as a title", () => {
    const { dropped } = blindTaxonomy(["Public Safety"], titles);
    expect(dropped.find((d) => d.entry === "public safety")).toBeUndefined();
  });

  test("the engine reads the taxonomy it is given, and the shipped one is untouched by it", () => {
    const plan: Plan = {
      name: "Plan",
      adopted: null,
      fiscalYearStart: "07-01",
      horizonYears: 4,
      priorities: [{ id: "P1", title: "Public Safety", goals: [] }],
    };
    const police = resolveFunction("police")!;
    // A copy without the area phrase "public safety" (as a blind copy leaves out a city's own words).
    const blind: TaxonomyData = {
      areas: DEFAULT_TAXONOMY.areas.map((a) => ({
        ...a,
        plan: a.plan.filter((e) => e !== "public safety"),
      })),
      functions: DEFAULT_TAXONOMY.functions,
    };
    expect(planCoverage(plan).get("P1")!.get(police)).toBeGreaterThan(0);
    expect(planCoverage(plan, compiled(blind)).get("P1")!.get(police)).toBeUndefined();
    expect(planCoverage(plan).get("P1")!.get(police)).toBeGreaterThan(0);
    const line: BudgetLine = {
      key: "Budget!2",
      sheet: "Budget",
      row: 2,
      department: "Police",
      division: "",
      program: "Patrol",
      fund: "",
      account: "",
      accountName: "",
      description: "",
      amounts: { Adopted: 100 },
      amount: 100,
    };
    const [shipped] = tagLines([line], plan);
    const [blinded] = tagLines([line], plan, { taxonomy: blind });
    expect(shipped.covering).toBeGreaterThan(0);
    expect(blinded.covering ?? 0).toBe(0);
  });
});
