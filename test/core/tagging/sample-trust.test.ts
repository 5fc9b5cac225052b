/**
 * What the tagger says on the bundled sample, as a clerk would check it: literal evidence first, and one Review
 * answer moves only the program it names (or, by function, programs that do the same work).
 */
import { sampleBudgetRows } from "../../../samples/make-sample";
import { samplePlan } from "../../../samples/sample-plan";
import { readBudget } from "../../../src/core/budget/read";
import { programKey } from "../../../src/core/keys";
import { tagLines } from "../../../src/core/tagging/engine";
import type { BudgetLine, LineTag, ManualTag } from "../../../src/core/types";

let lines: BudgetLine[];
beforeAll(() => {
  const sample = sampleBudgetRows();
  lines = readBudget([{ name: "Budget", values: sample.rows }]).lines;
});

function byProgram(tags: LineTag[]): Map<string, LineTag> {
  const out = new Map<string, LineTag>();
  tags.forEach((t, i) => {
    const k = programKey(lines[i]);
    if (!out.has(k)) out.set(k, t);
  });
  return out;
}

const key = (dept: string, program: string) =>
  programKey({ department: dept, division: "", program });

it("suggests the goal whose own words name the program (Fire Prevention and Inspections → G1.4)", () => {
  const tags = byProgram(tagLines(lines, samplePlan));
  const t = tags.get(key("Fire Department", "Fire Prevention and Inspections"))!;
  expect(t.goals.map((g) => g.id)).toEqual(["G1.4"]);
  expect(t.why).toMatch(/G1\.4/);
});

it("a Review answer for one program moves no program of another function in its department", () => {
  const before = byProgram(tagLines(lines, samplePlan));
  const code = key("Community Development", "Code Enforcement");
  const manual: Record<string, ManualTag> = {};
  lines.forEach((l) => {
    if (programKey(l) === code)
      manual[l.key] = { goals: [{ id: "G4.4", share: 1 }], via: "review" };
  });
  const after = byProgram(tagLines(lines, samplePlan, { manual }));
  expect(after.get(code)!.goals).toEqual([{ id: "G4.4", share: 1 }]);
  for (const program of ["Affordable Housing", "Homeless Services", "Planning and Zoning"]) {
    const k = key("Community Development", program);
    expect([program, after.get(k)!.priorityId]).toEqual([program, before.get(k)!.priorityId]);
    expect(after.get(k)!.why).not.toMatch(/account/);
  }
});
