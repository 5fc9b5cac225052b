/**
 * `node lib/eval/diagnose.js <city-id> [--shipped]`: one city's zero-shot tags beside its labels — a confusion table
 * at the priority level and every wrong program with the engine's reason — to see where the tagger goes wrong.
 * Blind by default (as the published figure), through the same package port as a user's run.
 */
import type { LineTag } from "../src/core/types";
import { blindTaxonomy, planTexts, titlePhrases } from "./blind";
import { dataSets } from "./data";
import { readCity } from "./run-eval";
import { rankedPriorities, withTaxonomy } from "./metrics";
import { sharedPlans } from "./shared-plans";

async function main(): Promise<void> {
  const id = process.argv[2];
  const ds = dataSets().find((d) => d.id === id);
  if (!ds)
    throw new Error(
      `No data set "${id}"; there are: ${dataSets()
        .map((d) => d.id)
        .join(", ")}`
    );
  const city = await readCity(ds);
  const taxonomy = process.argv.includes("--shipped")
    ? undefined
    : blindTaxonomy(
        planTexts(ds.plan),
        titlePhrases(sharedPlans(require("path").resolve(__dirname, "..", "..")))
      ).taxonomy;
  const tags: LineTag[] = await withTaxonomy(city.tagger, taxonomy)(city.data.lines, ds.plan, {});
  const conf = new Map<string, number>();
  const wrong: string[] = [];
  const flagged: string[] = [];
  tags.forEach((t, i) => {
    const label = city.data.labels[i];
    if (!label) return;
    const got = rankedPriorities(t, ds.plan)[0] ?? "-";
    const k = `${label} → ${got}`;
    conf.set(k, (conf.get(k) ?? 0) + 1);
    if (t.flagged)
      flagged.push(
        `${label} [${city.data.lines[i].department}] ${city.data.lines[i].program} — ${t.why || t.nearest?.why || ""}`
      );
    if (got !== label) {
      const l = city.data.lines[i];
      wrong.push(
        `${label}→${got} ${(100 * t.confidence).toFixed(0)}% [${l.department}] ${l.program} — ${t.why || t.nearest?.why || ""}`
      );
    }
  });
  console.log(
    [...conf.entries()]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join("\n")
  );
  console.log(`\n${wrong.length} wrong:\n` + wrong.join("\n"));
  console.log(
    `\n${flagged.length} flagged "fits no goal" with the full plan:\n` + flagged.join("\n")
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
