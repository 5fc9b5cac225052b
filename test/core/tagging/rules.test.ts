import { parseRule, ruleMatches, ruleToText } from "../../../src/core/tagging/rules";
import { formatTagText, parseTagText } from "../../../src/core/tagging/tag-text";
import { PLAN, line } from "./fixtures";

describe("parseRule / ruleToText", () => {
  test("reads the ways people write a rule", () => {
    expect(parseRule("department = Library → G2.1", PLAN)).toEqual({
      rule: { field: "department", op: "equals", value: "Library", target: "G2.1" },
    });
    expect(parseRule("account starts with 5410 -> P3", PLAN).rule).toEqual({
      field: "account",
      op: "startsWith",
      value: "5410",
      target: "P3",
    });
    expect(parseRule('description contains "shelter" => G2.1.1', PLAN).rule).toEqual({
      field: "description",
      op: "contains",
      value: "shelter",
      target: "G2.1.1",
    });
    expect(parseRule("account name is Overtime -> Reduce crime", PLAN).rule).toEqual({
      field: "accountName",
      op: "equals",
      value: "Overtime",
      target: "G1.1",
    });
  });

  test("prints a rule the way it is read back", () => {
    for (const text of [
      "department = Library → G2.1",
      "account name starts with 51 → P3",
      "fund contains Water → G1.2",
    ]) {
      const { rule } = parseRule(text, PLAN);
      expect(rule).toBeDefined();
      expect(ruleToText(rule!)).toBe(text);
      expect(parseRule(ruleToText(rule!), PLAN).rule).toEqual(rule);
    }
  });

  test("says what is wrong in plain words", () => {
    expect(parseRule("", PLAN).error).toBe(
      'The rule is empty. Write it like "department = Library → G4.2".'
    );
    expect(parseRule("department = Library", PLAN).error).toMatch(/has no arrow before the goal/);
    expect(parseRule("colour = red → G1.1", PLAN).error).toBe(
      '"colour" is not something a rule can look at. Use department, division, program, fund, account, account name, description or sheet.'
    );
    expect(parseRule("department Library → G1.1", PLAN).error).toMatch(
      /^After "department" write =, starts with or contains/
    );
    expect(parseRule("department = Library → G9.9", PLAN).error).toBe(
      '"G9.9" is not a goal in the plan (the plan has P1, G1.1, G1.2 … P3).'
    );
  });

  test("matches case- and space-insensitively", () => {
    const l = line({ department: "  Public   LIBRARY ", account: "5410-22" });
    expect(
      ruleMatches({ field: "department", op: "equals", value: "public library", target: "P3" }, l)
    ).toBe(true);
    expect(
      ruleMatches({ field: "account", op: "startsWith", value: "5410", target: "P3" }, l)
    ).toBe(true);
    expect(ruleMatches({ field: "account", op: "startsWith", value: "22", target: "P3" }, l)).toBe(
      false
    );
    expect(ruleMatches({ field: "department", op: "contains", value: "", target: "P3" }, l)).toBe(
      false
    );
  });
});

describe("Goal cell: parseTagText / formatTagText", () => {
  test("one id, a title, or shares", () => {
    expect(parseTagText("G1.2", PLAN)).toEqual({ goals: [{ id: "G1.2", share: 1 }] });
    expect(parseTagText("reduce homelessness", PLAN)).toEqual({
      goals: [{ id: "G2.1", share: 1 }],
    });
    const split = parseTagText("G1.2 60%; G2.1 40%", PLAN);
    expect(split).toEqual({
      goals: [
        { id: "G1.2", share: 0.6 },
        { id: "G2.1", share: 0.4 },
      ],
    });
  });

  test("goals without shares split equally; a missing share takes the rest", () => {
    expect(parseTagText("G1.1, P3", PLAN)).toEqual({
      goals: [
        { id: "G1.1", share: 0.5 },
        { id: "P3", share: 0.5 },
      ],
    });
    const rest = parseTagText("G1.1 70%, P3", PLAN) as { goals: { id: string; share: number }[] };
    expect(rest.goals.map((g) => g.id)).toEqual(["G1.1", "P3"]);
    expect(rest.goals[1].share).toBeCloseTo(0.3);
  });

  test("unknown goals and bad shares give a plain error", () => {
    expect(parseTagText("G9.9", PLAN)).toEqual({ error: '"G9.9" is not a goal in the plan.' });
    expect(parseTagText("G1.1 60%; G9.9 40%", PLAN)).toEqual({
      error: '"G9.9" is not a goal in the plan.',
    });
    expect(parseTagText("G1.1 60%; G1.2 30%", PLAN)).toEqual({
      error: "The shares add up to 90%, not 100%.",
    });
    expect(parseTagText("", PLAN)).toEqual({ error: "The Goal cell is empty." });
  });

  test("formatTagText writes what parseTagText reads", () => {
    expect(formatTagText([])).toBe("");
    expect(formatTagText([{ id: "G1.2", share: 1 }])).toBe("G1.2");
    const text = formatTagText([
      { id: "G1.2", share: 0.6 },
      { id: "G2.1", share: 0.4 },
    ]);
    expect(text).toBe("G1.2 60%; G2.1 40%");
    expect(parseTagText(text, PLAN)).toEqual({
      goals: [
        { id: "G1.2", share: 0.6 },
        { id: "G2.1", share: 0.4 },
      ],
    });
  });
});

describe("Goal cell titles with commas", () => {
  const plan = {
    ...PLAN,
    priorities: [...PLAN.priorities, { id: "P4", title: "Parks, Recreation & Culture", goals: [] }],
  };

  test("a title with a comma is one goal; ids separated by commas are several", () => {
    expect(parseTagText("Parks, Recreation & Culture", plan)).toEqual({
      goals: [{ id: "P4", share: 1 }],
    });
    expect(parseTagText("Parks, Recreation & Culture 50%; G1.1 50%", plan)).toEqual({
      goals: [
        { id: "P4", share: 0.5 },
        { id: "G1.1", share: 0.5 },
      ],
    });
    expect(parseTagText("P4, G1.1", plan)).toEqual({
      goals: [
        { id: "P4", share: 0.5 },
        { id: "G1.1", share: 0.5 },
      ],
    });
  });
});
