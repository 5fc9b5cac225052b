import fc from "fast-check";
import { tagLines } from "../../../src/core/tagging/engine";
import type { BudgetLine, ManualTag, Plan } from "../../../src/core/types";
import { PLAN } from "./fixtures";

const WORDS = [
  "police",
  "patrol",
  "fire",
  "shelter",
  "homeless",
  "payroll",
  "parks",
  "library",
  "water",
  "zzz",
  "",
  "IT",
  "O&M",
  "#REF!",
  "Maint.",
];
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }).map((w) => w.join(" "))
);

const lineArb = (i: number) =>
  fc
    .record({
      department: text,
      division: text,
      program: text,
      accountName: text,
      description: text,
      fund: text,
    })
    .map((f): BudgetLine => ({
      key: `k${i}`,
      sheet: "Budget",
      row: i + 2,
      account: "",
      amounts: {},
      amount: 1,
      ...f,
    }));

const linesArb = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => lineArb(i))));

const planArb: fc.Arbitrary<Plan> = fc
  .array(fc.tuple(text, fc.array(text, { maxLength: 3 })), { minLength: 0, maxLength: 4 })
  .map((ps) => ({
    name: "P",
    adopted: null,
    fiscalYearStart: "07-01",
    horizonYears: 3,
    priorities: ps.map(([title, goals], i) => ({
      id: `P${i + 1}`,
      title: title || `Priority ${i + 1}`,
      goals: goals.map((g, j) => ({ id: `G${i + 1}.${j + 1}`, title: g || `Goal ${j + 1}` })),
    })),
  }));

describe("tagLines properties", () => {
  test("never throws; confidences in [0,1]; shares of a tagged line add to 1; one tag per line", () => {
    fc.assert(
      fc.property(
        linesArb,
        planArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lines, plan, threshold) => {
          const tags = tagLines(lines, plan, { threshold });
          expect(tags).toHaveLength(lines.length);
          tags.forEach((t, i) => {
            expect(t.key).toBe(lines[i].key);
            expect(t.confidence).toBeGreaterThanOrEqual(0);
            expect(t.confidence).toBeLessThanOrEqual(1);
            if (t.goals.length > 0) {
              expect(t.goals.reduce((s, g) => s + g.share, 0)).toBeCloseTo(1, 9);
              expect(t.priorityId).not.toBeNull();
              expect(t.flagged).toBe(false);
            } else expect(t.source).toBe("none");
            expect(typeof t.why).toBe("string");
            expect(t.why.length).toBeGreaterThan(0);
          });
        }
      ),
      { numRuns: 150 }
    );
  });

  test("deterministic, and manual tags come back unchanged", () => {
    fc.assert(
      fc.property(
        linesArb,
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
        (lines, picks) => {
          const manual: Record<string, ManualTag> = {};
          const ids = ["G1.1", "G1.2", "G2.1", "G2.1.1", "P3"];
          for (const p of picks) {
            if (lines.length === 0) break;
            const l = lines[p % lines.length];
            manual[l.key] = {
              goals: [
                { id: ids[p % ids.length], share: 0.25 },
                { id: ids[(p + 1) % ids.length], share: 0.75 },
              ],
              via: "pane",
            };
          }
          const a = tagLines(lines, PLAN, { manual });
          const b = tagLines(lines, PLAN, { manual });
          expect(a).toEqual(b);
          a.forEach((t, i) => {
            const m = manual[lines[i].key];
            if (m) {
              expect(t.source).toBe("manual");
              expect(t.goals).toEqual(m.goals);
            }
          });
        }
      ),
      { numRuns: 100 }
    );
  });
});
