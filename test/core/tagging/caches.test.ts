/**
 * The tagger caches what it reads per field text, per group of shared fields, per plan and per set of confirmed
 * lines. These tests guard those caches: a warm engine (after other plans, budgets and confirmations in the same
 * process) gives exactly what a fresh engine gives, whatever the order of the calls, and the fast paths give exactly
 * what the plain profile arithmetic gives.
 */
import fc from "fast-check";
import type { BudgetLine, ManualTag, Plan, TagOptions } from "../../../src/core/types";
import * as engine from "../../../src/core/tagging/engine";
import {
  dot,
  fieldParts,
  LineText,
  lineEvidence,
  profileOf,
  ProfileSet,
} from "../../../src/core/tagging/similarity";
import { PLAN, line } from "./fixtures";

type Engine = typeof engine;

/** A fresh copy of the tagging modules: empty caches. */
function freshEngine(): Engine {
  let fresh: Engine | undefined;
  jest.isolateModules(() => {
    fresh = require("../../../src/core/tagging/engine") as Engine;
  });
  return fresh!;
}

/** The same ids as PLAN, other words: a cached score of PLAN read for OTHER would show. */
const OTHER: Plan = {
  ...PLAN,
  name: "Other plan",
  priorities: [
    { id: "P1", title: "Thriving parks and libraries", goals: [] },
    {
      id: "P2",
      title: "Clean water",
      goals: [{ id: "G2.1", title: "Replace water mains", description: "pipes and sewers" }],
    },
    { id: "P3", title: "Safe streets", description: "police patrol and traffic safety", goals: [] },
  ],
};

const DEPARTMENTS = ["Police", "Fire", "Parks and Recreation", "Finance", "Housing", "Water"];
const PROGRAMS = ["Patrol", "Suppression", "Aquatics", "Payroll", "Shelter", "Mains", "Admin"];
const ACCOUNTS = ["Salaries", "Overtime", "Supplies", "Contract Services", ""];
const DESCRIPTIONS = [
  "Neighborhood patrol officers",
  "Emergency shelter beds",
  "Summer swim lessons",
  "Replace water mains",
  "Payroll processing",
  "",
];

function budget(n: number, seed: number): BudgetLine[] {
  const pick = <T>(list: T[], i: number) => list[(i * 7 + seed * 3 + (i >> 2)) % list.length];
  const out: BudgetLine[] = [];
  for (let i = 0; i < n; i++) {
    const department = pick(DEPARTMENTS, i >> 3);
    out.push(
      line({
        key: `s${seed}-${i}`,
        department,
        division: i % 5 === 0 ? "" : `${department} Operations`,
        program: pick(PROGRAMS, i + (i >> 3)),
        fund: i % 3 === 0 ? "General Fund" : "Grant Fund",
        account: String(5000 + (i % 7)),
        accountName: pick(ACCOUNTS, i * 3),
        description: pick(DESCRIPTIONS, i * 5),
      })
    );
  }
  return out;
}

function confirmEvery(
  lines: BudgetLine[],
  every: number,
  ids: string[]
): Record<string, ManualTag> {
  const manual: Record<string, ManualTag> = {};
  lines.forEach((l, i) => {
    if (i % every === 0)
      manual[l.key] = { goals: [{ id: ids[i % ids.length], share: 1 }], via: "confirmed" };
  });
  return manual;
}

describe("tagging caches", () => {
  const A = budget(120, 1);
  const B = budget(90, 2);
  const calls: { name: string; lines: BudgetLine[]; plan: Plan; options: TagOptions }[] = [
    { name: "A on PLAN", lines: A, plan: PLAN, options: {} },
    { name: "A on OTHER", lines: A, plan: OTHER, options: {} },
    { name: "B on PLAN", lines: B, plan: PLAN, options: {} },
    {
      name: "A on PLAN, confirmed",
      lines: A,
      plan: PLAN,
      options: { manual: confirmEvery(A, 9, ["G1.1", "G2.1.1", "P3"]) },
    },
    {
      name: "A on PLAN, other confirmations",
      lines: A,
      plan: PLAN,
      options: { manual: confirmEvery(A, 4, ["P3", "G1.2"]) },
    },
    {
      name: "B on OTHER, confirmed, threshold 0.6",
      lines: B,
      plan: OTHER,
      options: { manual: confirmEvery(B, 5, ["G2.1", "P1"]), threshold: 0.6 },
    },
  ];

  test("two plans with the same ids in one process: each gets its own scores (as from a fresh engine)", () => {
    const warm = freshEngine();
    const onPlan = warm.tagLines(A, PLAN);
    const onOther = warm.tagLines(A, OTHER);
    expect(onOther).toEqual(freshEngine().tagLines(A, OTHER));
    expect(warm.tagLines(A, PLAN)).toEqual(onPlan);
    // The two plans really do read the lines differently (else this test would prove nothing).
    expect(onOther.map((t) => t.why)).not.toEqual(onPlan.map((t) => t.why));
  });

  test("a plan that reads the same but titles its goals differently explains with its own titles", () => {
    // Same words (only the case differs): every score and matched word is the same, only the titles shown differ.
    const renamed: Plan = JSON.parse(JSON.stringify(PLAN));
    renamed.priorities.forEach((p) => {
      p.title = p.title.toUpperCase();
      (p.goals ?? []).forEach((g) => {
        g.title = g.title.toUpperCase();
        (g.subgoals ?? []).forEach((s) => (s.title = s.title.toUpperCase()));
      });
    });
    const warm = freshEngine();
    const onPlan = warm.tagLines(A, PLAN);
    const onRenamed = warm.tagLines(A, renamed);
    expect(onRenamed).toEqual(freshEngine().tagLines(A, renamed));
    expect(onRenamed.map((t) => t.confidence)).toEqual(onPlan.map((t) => t.confidence));
    expect(onRenamed.some((t) => /REDUCE CRIME|EXPAND SHELTER BEDS/.test(t.why))).toBe(true);
    expect(onPlan.some((t) => /REDUCE CRIME|EXPAND SHELTER BEDS/.test(t.why))).toBe(false);
  });

  test("results do not depend on the order of the calls: forwards, backwards and fresh each time agree", () => {
    const forwards = freshEngine();
    const backwards = freshEngine();
    const fw = calls.map((c) => forwards.tagLines(c.lines, c.plan, c.options));
    const bw = [...calls]
      .reverse()
      .map((c) => backwards.tagLines(c.lines, c.plan, c.options))
      .reverse();
    calls.forEach((c, i) => {
      const fresh = freshEngine().tagLines(c.lines, c.plan, c.options);
      expect({ call: c.name, tags: fw[i] }).toEqual({ call: c.name, tags: fresh });
      expect({ call: c.name, tags: bw[i] }).toEqual({ call: c.name, tags: fresh });
    });
    // Confirmations change what is learned (the teachers' caches are per run, not per plan).
    expect(fw[3]).not.toEqual(fw[4]);
    expect(fw[3].some((t) => t.source === "learned")).toBe(true);
  });

  test("a plan edited in place is read again (no stale scores under the same object)", () => {
    const plan: Plan = JSON.parse(JSON.stringify(PLAN));
    const warm = freshEngine();
    const before = warm.tagLines(A, plan);
    plan.priorities[2].title = "Clean water and sewers";
    plan.priorities[2].description = "water mains, pipes, treatment";
    const after = warm.tagLines(A, plan);
    expect(after).toEqual(freshEngine().tagLines(A, JSON.parse(JSON.stringify(plan))));
    expect(after).not.toEqual(before);
  });

  test("the same text in different fields is weighted by its field (groups are keyed by position)", () => {
    const warm = freshEngine();
    const asDepartment = [line({ key: "x1", department: "Payroll", program: "Patrol" })];
    const asProgram = [line({ key: "x1", department: "Patrol", program: "Payroll" })];
    const first = warm.tagLines(asDepartment, PLAN);
    const second = warm.tagLines(asProgram, PLAN);
    expect(second).toEqual(freshEngine().tagLines(asProgram, PLAN));
    expect(first).toEqual(freshEngine().tagLines(asDepartment, PLAN));
    expect(first[0].candidates).not.toEqual(second[0].candidates);
  });
});

const WORDS = [
  "police",
  "patrol",
  "fire",
  "shelter",
  "homeless",
  "payroll",
  "parks",
  "water",
  "mains",
  "services",
  "emergency",
  "law enforcement",
  "zzz",
  "IT",
];
const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(" "));
const WEIGHTS = [0.6, 0.6, 1, 0.5, 0.45, 0.25];

describe("fast paths equal the plain arithmetic", () => {
  test("ProfileSet dot products are exactly dot() of the field with each profile", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), text, (profiles, field) => {
        const ps = profiles.map((t) => profileOf([{ text: t, weight: 1 }]));
        const set = new ProfileSet(ps);
        const entry = fieldParts(field);
        const out = new Float64Array(2 * ps.length);
        set.fieldDots(entry, out);
        ps.forEach((p, t) => {
          expect(out[2 * t]).toBe(dot(entry.parts.words, p.words));
          expect(out[2 * t + 1]).toBe(dot(entry.spread, p.concepts));
        });
        expect(set.dotsOf(entry)).toEqual(out);
        // The sparse form writes the same values for the profiles it lists, and nothing elsewhere.
        const sparse = new Float64Array(2 * ps.length);
        const mark = new Uint8Array(ps.length);
        const touched = new Int32Array(ps.length);
        const m = set.sparseDots(entry, sparse, mark, touched);
        const listed = new Set(Array.from(touched.subarray(0, m)));
        expect(listed.size).toBe(m);
        ps.forEach((_, t) => {
          if (listed.has(t)) {
            expect(sparse[2 * t]).toBe(out[2 * t]);
            expect(sparse[2 * t + 1]).toBe(out[2 * t + 1]);
          } else {
            expect(sparse[2 * t]).toBe(0);
            expect(sparse[2 * t + 1]).toBe(0);
            expect(out[2 * t] === 0 && out[2 * t + 1] === 0).toBe(true);
          }
        });
      }),
      { numRuns: 150 }
    );
  });

  test("explanations from cached records equal LineText.evidence", () => {
    const nodes = [
      profileOf([{ text: "Reduce crime; police patrols and investigations", weight: 1 }]),
      profileOf([{ text: "Expand shelter beds for homeless residents", weight: 1 }]),
      profileOf([{ text: "Sound finance, payroll, technology; water services", weight: 1 }]),
    ];
    const set = {};
    fc.assert(
      fc.property(fc.array(text, { minLength: 6, maxLength: 6 }), fc.nat(2), (texts, k) => {
        const input = texts.map((t, i) => ({ text: t, weight: WEIGHTS[i] }));
        const fields = input
          .filter((f) => f.text)
          .map((f) => ({ entry: fieldParts(f.text), weight: f.weight }));
        const expected = new LineText(input).evidence(nodes[k]);
        expect(lineEvidence(fields, fields.length, set, k, nodes[k])).toEqual(expected);
      }),
      { numRuns: 300 }
    );
  });
});
