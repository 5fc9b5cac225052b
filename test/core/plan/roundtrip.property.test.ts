import fc from "fast-check";
import { STATUS_VALUES } from "../../../src/core/plan/layout";
import { planToJson, readPlanJson } from "../../../src/core/plan/json";
import { planToSheetValues, readPlanSheet } from "../../../src/core/plan/sheet";
import type { Plan } from "../../../src/core/types";

/** Text as people type it into a cell: anything, trimmed, not empty. */
const text = fc
  .string({ minLength: 1, maxLength: 24, unit: "grapheme" })
  .filter((s) => s.trim() === s && s !== "");
const keyword = text.filter((s) => !/[,;]/.test(s));
const isoDate = fc
  .date({
    min: new Date(Date.UTC(2000, 0, 1)),
    max: new Date(Date.UTC(2099, 11, 31)),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const nodeFields = fc.record({
  title: text,
  description: optional(fc.string({ maxLength: 40 }).filter((s) => s.trim() === s && s !== "")),
  keywords: optional(fc.array(keyword, { minLength: 1, maxLength: 3 })),
});
const actionFields = fc.record({
  title: text,
  owner: optional(text),
  start: optional(isoDate),
  due: optional(isoDate),
  measure: optional(text),
  target: optional(text),
  status: optional(fc.constantFrom(...STATUS_VALUES)),
});

const clean = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Plan shape: priorities → goals → (subgoals → actions, goal actions); ids come from positions. */
const planArb = fc
  .record({
    name: text,
    adopted: fc.option(isoDate, { nil: null }),
    fiscalYearStart: fc.constantFrom("07-01", "01-01", "10-01", "04-01"),
    horizonYears: fc.integer({ min: 1, max: 50 }),
    priorities: fc.array(
      fc.record({
        fields: nodeFields,
        goals: fc.array(
          fc.record({
            fields: nodeFields,
            subgoals: fc.array(
              fc.record({ fields: nodeFields, actions: fc.array(actionFields, { maxLength: 2 }) }),
              {
                maxLength: 2,
              }
            ),
            actions: fc.array(actionFields, { maxLength: 2 }),
          }),
          { maxLength: 3 }
        ),
      }),
      { minLength: 1, maxLength: 3 }
    ),
  })
  .map((r): Plan => ({
    name: r.name,
    adopted: r.adopted,
    fiscalYearStart: r.fiscalYearStart,
    horizonYears: r.horizonYears,
    priorities: r.priorities.map((p, pi) => ({
      id: `P${pi + 1}`,
      ...clean(p.fields),
      goals: p.goals.map((g, gi) => {
        const gid = `${pi + 1}.${gi + 1}`;
        let n = 0;
        return clean({
          id: `G${gid}`,
          ...clean(g.fields),
          subgoals: g.subgoals.length
            ? g.subgoals.map((s, si) =>
                clean({
                  id: `S${gid}.${si + 1}`,
                  ...clean(s.fields),
                  actions: s.actions.length
                    ? s.actions.map((a) => ({ id: `A${gid}.${++n}`, ...clean(a) }))
                    : undefined,
                })
              )
            : undefined,
          actions: g.actions.length
            ? g.actions.map((a) => ({ id: `A${gid}.${++n}`, ...clean(a) }))
            : undefined,
        });
      }),
    })),
  }));

describe("round trip, for any plan", () => {
  test("JSON → plan → sheet values → plan → JSON is unchanged", () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const json = planToJson(plan);
        const fromJson = readPlanJson(JSON.parse(JSON.stringify(json)));
        const values = planToSheetValues(fromJson.plan as Plan);
        const back = readPlanSheet({ name: "Strategic Plan", values });
        expect(back.plan).not.toBeNull();
        expect(planToJson(back.plan as Plan)).toEqual(json);
      }),
      { numRuns: 200 }
    );
  });
});
