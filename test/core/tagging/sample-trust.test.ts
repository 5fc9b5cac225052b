/**
 * What the tagger says on the bundled sample, as a clerk would check it: literal evidence first, and one Review
 * answer moves only the program it names (or, by function, programs that do the same work).
 */
import { sampleBudgetRows } from "../../../samples/make-sample";
import { samplePlan } from "../../../samples/sample-plan";
import { readBudget } from "../../../src/core/budget/read";
import { programKey } from "../../../src/core/keys";
import { computeFigures, movedText } from "../../../src/core/reports/figures";
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

it("a Review answer for one program moves no program of another function in its department, and says so", () => {
  const before = byProgram(tagLines(lines, samplePlan));
  const code = key("Community Development", "Code Enforcement");
  const manual: Record<string, ManualTag> = {};
  lines.forEach((l) => {
    if (programKey(l) === code)
      manual[l.key] = { goals: [{ id: "G4.4", share: 1 }], via: "review" };
  });
  const tags = tagLines(lines, samplePlan, { manual });
  const after = byProgram(tags);
  expect(after.get(code)!.goals).toEqual([{ id: "G4.4", share: 1 }]);
  // The summary and the sheets say what the answer moved beyond its own program: nothing.
  const answers = {
    [code]: {
      programKey: code,
      department: "Community Development",
      program: "Code Enforcement",
      response: "Retain — serves goal",
      goalId: "G4.4",
    },
  };
  const moved = computeFigures({ lines, tags, answers }).answers.moved;
  expect(moved).toEqual({ lines: 0, programs: 0 });
  expect(movedText(moved)).toBe("They moved no line of any other program.");
  for (const program of ["Affordable Housing", "Homeless Services", "Planning and Zoning"]) {
    const k = key("Community Development", program);
    expect([program, after.get(k)!.priorityId]).toEqual([program, before.get(k)!.priorityId]);
    expect(after.get(k)!.why).not.toMatch(/account/);
  }
});

it("one answer moves no other program of its department; two that agree teach it, and say how many lines they moved", () => {
  // A program whose own words say little ("Front Counter") is read by its department's confirmations, once two of
  // them agree: one answer shows no agreement and speaks for its own program only.
  const one = "community development|building permits and inspection";
  const two = "community development|permit center";
  const answerLines = lines.filter((l) => programKey(l) === one);
  const copies = (program: string, tag: string, from: number) =>
    answerLines.map((l, i) => ({
      ...l,
      key: `${l.key}|${tag}${i}`,
      program,
      ...(program === "Front Counter" ? { description: "", accountName: "" } : {}),
      row: from + i,
    }));
  const permitCenter = copies("Permit Center", "permit", 20_000);
  const extra = copies("Front Counter", "copy", 10_000);
  const all = [...lines, ...permitCenter, ...extra];
  const answer = (): ManualTag => ({ goals: [{ id: "G3.1", share: 1 }], via: "review" });
  const counter = (tags: LineTag[]) =>
    tags.filter((_, i) => programKey(all[i]).endsWith("|front counter"));
  const alone: Record<string, ManualTag> = {};
  for (const l of answerLines) alone[l.key] = answer();
  const single = counter(tagLines(all, samplePlan, { manual: alone }));
  expect(single.some((t) => t.learnedFrom === one)).toBe(false);
  expect(single.every((t) => !/Building Permits and Inspection/.test(t.why))).toBe(true);

  const manual: Record<string, ManualTag> = { ...alone };
  for (const l of permitCenter) manual[l.key] = answer();
  const tags = tagLines(all, samplePlan, { manual });
  const answers = Object.fromEntries(
    [
      [one, "Building Permits and Inspection"],
      [two, "Permit Center"],
    ].map(([k, program]) => [
      k,
      {
        programKey: k,
        department: "Community Development",
        program,
        response: "Retain — serves goal",
        goalId: "G3.1",
      },
    ])
  );
  const moved = computeFigures({ lines: all, tags, answers }).answers.moved;
  const followed = counter(tags);
  expect(followed.every((t) => t.source === "learned" && [one, two].includes(t.learnedFrom!))).toBe(
    true
  );
  expect(
    followed.every((t) =>
      /^(same program as row \d+: )?like (Building Permits and Inspection|Permit Center) \(row \d+, answered in the Review sheet\)/.test(
        t.why
      )
    )
  ).toBe(true);
  expect(moved).toEqual({ lines: extra.length, programs: 1 });
  expect(movedText(moved)).toBe(
    `The tagger learned from them for ${extra.length} lines of 1 other program.`
  );
});
