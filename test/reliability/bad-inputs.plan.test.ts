/**
 * The bad-input corpus, plan and state part: every fixture in test/fixtures/bad/ of kind plan-sheet, plan-json or
 * state goes through the real reader and must give exactly the outcome stored with it (exact messages naming the
 * sheet and cell or the JSON path, or the correct plan), twice the same, without throwing.
 */
import * as fs from "fs";
import {
  planJsonOutcome,
  planSheetOutcome,
  stateOutcome,
  type PlanJsonFixture,
  type PlanSheetFixture,
  type StateFixture,
} from "./outcome";
import { corpusFixtures } from "../fixtures/bad/fixtures";

type Fixture = PlanSheetFixture | PlanJsonFixture | StateFixture;
const fixtures = corpusFixtures<Fixture>(["plan-sheet", "plan-json", "state"]);

function outcome(f: Fixture): unknown {
  switch (f.kind) {
    case "plan-sheet":
      return planSheetOutcome(f);
    case "plan-json":
      return planJsonOutcome(f);
    case "state":
      return stateOutcome(f);
  }
}

afterEach(() => {
  // No input may pollute Object.prototype (plan-json-proto-keys, state-proto-keys try to).
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

test("the corpus has the plan and state inputs", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(35);
});

describe.each(fixtures.map((f) => [`${f.id}: ${f.what}`, f] as const))("%s", (_name, f) => {
  test("gives exactly the stored outcome, the same twice", () => {
    const got = outcome(f);
    if (process.env.T6_DUMP) {
      fs.mkdirSync("/tmp/t6-outcomes", { recursive: true });
      fs.writeFileSync(`/tmp/t6-outcomes/${f.id}.json`, JSON.stringify(got, null, 1));
    }
    expect(got).toEqual(f.expect);
    expect(outcome(f)).toEqual(got);
  });
});
