/**
 * The README's tagging figures, made from eval/results.json (what `npm run eval` wrote): the table of blind figures,
 * one row per city, and the line that says which city meets which target. `npm run eval` writes them into README.md
 * between the markers below; test/eval/readme-table.test.ts fails when the README's block is not what the committed
 * results give, so the README never states a figure the eval did not produce.
 */

export const START = "<!-- eval-figures:start (written by npm run eval from eval/results.json) -->";
export const END = "<!-- eval-figures:end -->";

interface Confirmed {
  fraction: number;
  overallMoney: number;
}

interface Figures {
  zeroShot: { top1: number };
  confirmed: Confirmed[];
  confirmNext: Confirmed[];
  departmentCeilings: { majorityWithAllOthersKnown: number };
  flagWhenRemoved: { precision: number; recall: number };
  flaggedWithFullPlan: { flagged: number; programs: number; share: number };
  calibration: {
    zeroShot: { ece: number };
    afterConfirmNext10: { ece: number };
    shift?: { zeroShot: number; afterConfirmNext10: number };
    samplingFloor?: { zeroShot: number; afterConfirmNext10: number };
  };
}

export interface EvalResults {
  dataSets: { id: string; name: string; blind: Figures; shipped: Figures }[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ece = (x: number) => x.toFixed(3);
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(3)}`;

/** "Los Angeles", "Portland (weak)": the city's name as the table shows it. */
export function shortName(name: string): string {
  const city = name.split(" FY")[0];
  return /weak labels/.test(name) ? `${city} (weak)` : city;
}

const at = (list: Confirmed[], fraction: number) =>
  list.find((c) => Math.abs(c.fraction - fraction) < 1e-9)?.overallMoney ?? NaN;

/** The markdown table: blind figures; in square brackets the same with the shipped taxonomy. */
export function figuresTable(r: EvalResults): string {
  const rows = [
    "| city | zero-shot top-1 (dept-majority ceiling) [shipped taxonomy] | money on the right priority after 10% / 25% confirmed in Confirm next order (random order) | flags, each priority removed: P / R [shipped] | full plan: labelled programs flagged | ECE zero-shot / after 10% Confirm next, confidence fitted on the other cities (mean confidence − share right, zero-shot) | ECE a perfectly calibrated tagger would show on as many programs: zero-shot / after 10% |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const d of r.dataSets) {
    const b = d.blind;
    const s = d.shipped;
    const floor = b.calibration.samplingFloor;
    rows.push(
      `| ${shortName(d.name)} | ${pct(b.zeroShot.top1)} (${pct(b.departmentCeilings.majorityWithAllOthersKnown)}) [${pct(s.zeroShot.top1)}] | ` +
        `${pct(at(b.confirmNext, 0.1))} / ${pct(at(b.confirmNext, 0.25))} (${pct(at(b.confirmed, 0.1))} / ${pct(at(b.confirmed, 0.25))}) | ` +
        `${pct(b.flagWhenRemoved.precision)} / ${pct(b.flagWhenRemoved.recall)} [${pct(s.flagWhenRemoved.precision)} / ${pct(s.flagWhenRemoved.recall)}] | ` +
        `${b.flaggedWithFullPlan.flagged} of ${b.flaggedWithFullPlan.programs} (${pct(b.flaggedWithFullPlan.share)}) | ` +
        `${ece(b.calibration.zeroShot.ece)} / ${ece(b.calibration.afterConfirmNext10.ece)} (${b.calibration.shift ? signed(b.calibration.shift.zeroShot) : "—"}) | ` +
        `${floor ? `${ece(floor.zeroShot)} / ${ece(floor.afterConfirmNext10)}` : "—"} |`
    );
  }
  return rows.join("\n");
}

/** One target: its words, and whether a city's blind figures meet it. */
interface Target {
  words: string;
  met: (b: Figures) => boolean;
  figure: (b: Figures) => string;
}

const TARGETS: Target[] = [
  {
    words: "zero-shot top-1 ≥ 70% (or the department ceiling)",
    met: (b) =>
      b.zeroShot.top1 >= Math.min(0.7, b.departmentCeilings.majorityWithAllOthersKnown) - 1e-9,
    figure: (b) => pct(b.zeroShot.top1),
  },
  {
    words: "≥ 90% of money right after 10% Confirm next",
    met: (b) => at(b.confirmNext, 0.1) >= 0.9,
    figure: (b) => pct(at(b.confirmNext, 0.1)),
  },
  {
    words: "≥ 95% after 25%",
    met: (b) => at(b.confirmNext, 0.25) >= 0.95,
    figure: (b) => pct(at(b.confirmNext, 0.25)),
  },
  {
    words: "flags with each priority removed: recall ≥ 70% at precision ≥ 75%",
    met: (b) => b.flagWhenRemoved.recall >= 0.7 && b.flagWhenRemoved.precision >= 0.75,
    figure: (b) => `${pct(b.flagWhenRemoved.precision)} / ${pct(b.flagWhenRemoved.recall)}`,
  },
  {
    words: "≤ 5% flagged with the full plan",
    met: (b) => b.flaggedWithFullPlan.share <= 0.05,
    figure: (b) => pct(b.flaggedWithFullPlan.share),
  },
  {
    words: "ECE ≤ 0.06 zero-shot",
    met: (b) => b.calibration.zeroShot.ece <= 0.06,
    figure: (b) => ece(b.calibration.zeroShot.ece),
  },
  {
    words: "ECE ≤ 0.06 after 10% confirmed",
    met: (b) => b.calibration.afterConfirmNext10.ece <= 0.06,
    figure: (b) => ece(b.calibration.afterConfirmNext10.ece),
  },
];

/** One bullet per target: the cities that meet it and the ones that do not, each with its figure. */
export function targetLines(r: EvalResults): string {
  return TARGETS.map((t) => {
    const list = (met: boolean) =>
      r.dataSets
        .filter((d) => t.met(d.blind) === met)
        .map((d) => `${shortName(d.name)} ${t.figure(d.blind)}`)
        .join(", ") || "none";
    const met = list(true);
    const unmet = list(false);
    if (unmet === "none") return `- ${t.words}: met on every city (${met}).`;
    if (met === "none") return `- ${t.words}: met on no city (${unmet}).`;
    return `- ${t.words}: met on ${met}; not on ${unmet}.`;
  }).join("\n");
}

/** The whole block between the markers. */
export function figuresBlock(r: EvalResults): string {
  return `${START}\n${figuresTable(r)}\n\nAgainst the issue's targets (blind figures):\n\n${targetLines(r)}\n${END}`;
}

/** The README with its figures block replaced (an error when the markers are missing). */
export function withFiguresBlock(readme: string, r: EvalResults): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from)
    throw new Error(`README.md has no eval figures block (${START} … ${END}).`);
  return readme.slice(0, from) + figuresBlock(r) + readme.slice(to + END.length);
}

/** The figures block as README.md has it now ("" when there is none). */
export function currentBlock(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  return from < 0 || to < from ? "" : readme.slice(from, to + END.length);
}
