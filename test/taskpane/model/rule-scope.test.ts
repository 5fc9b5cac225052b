import type { Rule } from "../../../src/core/types";
import { ruleEffect, ruleEffectText, ruleScopes } from "../../../src/taskpane/model/rule-scope";
import { lines, tags } from "../fixtures";

describe("rules made from a line", () => {
  it("offer the program first, then the department, then the line's other fields", () => {
    expect(ruleScopes(lines[2])).toEqual([
      "program",
      "department",
      "fund",
      "account",
      "accountName",
    ]);
  });

  it("count the lines a rule will move before it is saved", () => {
    const rule: Rule = { field: "department", op: "equals", value: "Fire", target: "G1.2" };
    // Salaries is a person's tag (kept); Overtime moves from G1.1.
    expect(ruleEffect(lines, tags, [], rule)).toEqual({
      moves: 1,
      amount: 200_000,
      programs: 1,
      already: 0,
      kept: 1,
    });
    const parks: Rule = { field: "department", op: "equals", value: "Parks", target: "G2.1" };
    const earlier: Rule = { ...parks, field: "program", value: "Maintenance" };
    const e = ruleEffect(lines, tags, [earlier], parks);
    // Recreation is already on G2.1; Maintenance is an earlier rule's.
    expect(e).toMatchObject({ moves: 0, already: 1, kept: 1 });
    expect(ruleEffectText(e, "G2.1")).toBe(
      "Moves no line to G2.1; 1 line already there; 1 line kept as set by a person or an earlier rule."
    );
    expect(ruleEffectText(ruleEffect(lines, tags, [], rule), "G1.2")).toBe(
      "Moves 1 line ($200,000) in 1 program to G1.2; 1 line kept as set by a person or an earlier rule."
    );
  });
});
