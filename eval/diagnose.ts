/**
 * `node lib/eval/diagnose.js <city-id> [--shipped]`: one city's zero-shot tags beside its labels — a confusion table
 * at the priority level and every wrong program with the engine's reason — to see where the tagger goes wrong.
 * Blind by default (as the published figure: the taxonomy without the city's own words, and the confidence fitted on
 * the other cities, from eval/results.json's calibrationFits), through the same package port as a user's run.
 * `--confirm-next F` (e.g. 0.1): confirms the first F of the programs in "Confirm next" order as the eval does, then
 * lists every unconfirmed program whose top priority the learning changed (right → wrong and wrong → right), then
 * every program still wrong afterwards, largest amount first, with its share of the labelled money.
 */
import type { LineTag } from "../src/core/types";
import { blindCalibration, blindTaxonomy, planTexts, titlePhrases } from "./blind";
import { dataSets } from "./data";
import { readCity } from "./run-eval";
import {
  confirmAndScore,
  confirmNextSequence,
  rankedPriorities,
  withOptions,
  type Tagger,
} from "./metrics";
import { programKey } from "../src/core/keys";
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
  const calibration = taxonomy ? blindCalibration(ds.id) : undefined;
  const tagger = withOptions(city.tagger, { taxonomy, calibration });
  const tags: LineTag[] = await tagger(city.data.lines, ds.plan, {});
  const cn = process.argv.indexOf("--confirm-next");
  if (cn >= 0) return learningChanges(city, tags, Number(process.argv[cn + 1]), tagger);
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

/** Unconfirmed programs whose top priority changed once the first `fraction` in Confirm next order are confirmed. */
async function learningChanges(
  city: Awaited<ReturnType<typeof readCity>>,
  zero: LineTag[],
  fraction: number,
  tagger: Tagger
): Promise<void> {
  const { data } = city;
  const plan = city.ds.plan;
  const chosen = await confirmNextSequence(data, plan, fraction, tagger, zero);
  const r = await confirmAndScore(data, plan, chosen, tagger, zero);
  const seen = new Set<string>();
  const confirmedRows: string[] = [];
  data.lines.forEach((l, i) => {
    const k = programKey(l);
    if (!chosen.has(k) || seen.has(k) || !data.labels[i]) return;
    seen.add(k);
    confirmedRows.push(
      `${data.labels[i]} (zero-shot ${rankedPriorities(zero[i], plan)[0] ?? "-"}) [${l.department}] ${l.program}`
    );
  });
  console.log(`Confirmed:\n${confirmedRows.join("\n")}\n`);
  seen.clear();
  const worse: string[] = [];
  const better: string[] = [];
  data.lines.forEach((l, i) => {
    const label = data.labels[i];
    const k = programKey(l);
    if (!label || chosen.has(k) || seen.has(k)) return;
    seen.add(k);
    const before = rankedPriorities(zero[i], plan)[0] ?? "-";
    const after = rankedPriorities(r.tags[i], plan)[0] ?? "-";
    if (before === after) return;
    const t = r.tags[i];
    const row = `${label}: ${before}→${after} ${(100 * t.confidence).toFixed(0)}% $${Math.round(l.amount ?? 0)} [${l.department}] ${l.program} — ${t.why || t.nearest?.why || ""}`;
    if (before === label) worse.push(row);
    else if (after === label) better.push(row);
    else worse.push(`(wrong both) ${row}`);
  });
  console.log(
    `${chosen.size} programs confirmed; ${worse.length} changed for the worse or sideways:\n${worse.join("\n")}`
  );
  console.log(`\n${better.length} changed for the better:\n${better.join("\n")}`);
  console.log("\n" + moneyStillWrong(data, plan, chosen, r.tags).join("\n"));
}

/**
 * Where the money still on a wrong priority after the confirmations is: every unconfirmed labelled program whose top
 * priority is not its label, largest first, with its share of all labelled money (what "money right" misses).
 */
function moneyStillWrong(
  data: Awaited<ReturnType<typeof readCity>>["data"],
  plan: Parameters<typeof rankedPriorities>[1],
  chosen: Set<string>,
  tags: LineTag[]
): string[] {
  const wrong = new Map<string, { amount: number; row: string }>();
  let total = 0;
  data.lines.forEach((l, i) => {
    const label = data.labels[i];
    if (!label) return;
    const m = Math.abs(l.amount ?? 0);
    total += m;
    const k = programKey(l);
    const got = rankedPriorities(tags[i], plan)[0] ?? "-";
    if (chosen.has(k) || got === label) return;
    const w = wrong.get(k);
    if (w) w.amount += m;
    else
      wrong.set(k, {
        amount: m,
        row: `${label}→${got} ${(100 * tags[i].confidence).toFixed(0)}% [${l.department}] ${l.program} — ${tags[i].why || tags[i].nearest?.why || ""}`,
      });
  });
  const list = [...wrong.values()].sort((a, b) => b.amount - a.amount);
  const sum = list.reduce((s, w) => s + w.amount, 0);
  const pct = (x: number) => (total ? (100 * x) / total : 0).toFixed(1);
  return [
    `Money still on a wrong priority: ${pct(sum)}% of labelled money, ${list.length} programs, largest first:`,
    ...list.map((w) => `${pct(w.amount)}% ${w.row}`),
  ];
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
