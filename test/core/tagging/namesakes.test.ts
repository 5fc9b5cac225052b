import { programKey } from "../../../src/core/keys";
import { tagLines } from "../../../src/core/tagging/engine";
import { namesakeTeaching, sameWord } from "../../../src/core/tagging/namesakes";
import { RAW_CONFIDENCE } from "../../../src/core/tagging/weights";
import type { ManualTag } from "../../../src/core/types";
import { PLAN, line } from "./fixtures";

const confirmed = (id: string): ManualTag => ({ goals: [{ id, share: 1 }], via: "confirmed" });

describe("namesakeTeaching: a department's programs named alike follow its agreeing confirmations", () => {
  // Works are function indexes (-1: the name names none clearly); teachers are their names.
  const teach = (
    confirmedPrograms: { department?: string; name: string; priorityId: string; work: number }[]
  ) =>
    namesakeTeaching(
      confirmedPrograms.map((c) => ({
        department: c.department ?? "Public Works",
        name: c.name,
        priorityId: c.priorityId,
        work: c.work,
        teacher: c.name,
      }))
    );

  test("two confirmations of a word under one priority speak for the department's other programs with it", () => {
    const n = teach([
      { name: "Water Administration", priorityId: "P4", work: 1 },
      { name: "Sewer Administration", priorityId: "P4", work: 2 },
    ]);
    const lesson = n.lessonFor("Public Works", "Streets Administration", 3);
    expect(lesson).toEqual({
      priorityId: "P4",
      word: "administration",
      teachers: ["Water Administration", "Sewer Administration"],
    });
    // Another department's programs of the same name are not this department's structure.
    expect(n.lessonFor("Parks", "Parks Administration", 3)).toBeNull();
    // A word of the department's own name is no namesake ("Works" in "Public Works Operations").
    expect(n.lessonFor("Public Works", "Street Sweeping", 3)).toBeNull();
  });

  test("one confirmation shows no agreement, and a word confirmed under two priorities says nothing", () => {
    expect(
      teach([{ name: "Water Administration", priorityId: "P4", work: 1 }]).lessonFor(
        "Public Works",
        "Streets Administration",
        3
      )
    ).toBeNull();
    expect(
      teach([
        { name: "Water Administration", priorityId: "P4", work: 1 },
        { name: "Sewer Administration", priorityId: "P2", work: 2 },
      ]).lessonFor("Public Works", "Streets Administration", 3)
    ).toBeNull();
  });

  test("confirmations of one work speak across works only once they span two", () => {
    const oneWork = teach([
      { name: "Data Center Production", priorityId: "P4", work: 7 },
      { name: "Production Engineering", priorityId: "P4", work: 7 },
    ]);
    expect(oneWork.lessonFor("Public Works", "Housing Production", 9)).toBeNull();
    expect(oneWork.lessonFor("Public Works", "Production Support", 7)?.priorityId).toBe("P4");
    expect(oneWork.lessonFor("Public Works", "Production Office", -1)?.priorityId).toBe("P4");
  });

  test("words that agree on different priorities leave the program to the other stages", () => {
    const n = teach([
      { name: "Fleet Administration", priorityId: "P4", work: 1 },
      { name: "Facility Administration", priorityId: "P4", work: 2 },
      { name: "Fleet Operations", priorityId: "P2", work: 1 },
      { name: "Facility Operations", priorityId: "P2", work: 2 },
    ]);
    expect(n.lessonFor("Public Works", "Street Administration", 3)?.priorityId).toBe("P4");
    expect(n.lessonFor("Public Works", "Administration and Operations", -1)).toBeNull();
  });

  test("a word typed one letter off is the same word; short words are not read as typos", () => {
    expect(sameWord("admininstr", "administr")).toBe(true);
    expect(sameWord("administr", "administr")).toBe(true);
    expect(sameWord("main", "maid")).toBe(false);
    expect(sameWord("administr", "adminstrat")).toBe(false);
    const n = teach([
      { name: "WATER ADMININSTRATION", priorityId: "P4", work: 1 },
      { name: "Sewer Administration", priorityId: "P4", work: 2 },
    ]);
    expect(n.lessonFor("Public Works", "Streets Administration", 3)?.teachers).toHaveLength(2);
  });
});

describe("the engine's namesake stage", () => {
  const works = (program: string) => line({ department: "Public Works", program });

  test("two agreeing confirmations move the department's program named alike, and say which", () => {
    const water = works("Water Administration");
    const sewer = works("Sewer Administration");
    const streets = works("Streets Administration");
    const patrol = works("Police Patrol");
    const lines = [water, sewer, streets, patrol];
    const before = tagLines(lines, PLAN);
    expect(before[2].why).not.toMatch(/^named like/);
    const after = tagLines(lines, PLAN, {
      manual: { [water.key]: confirmed("P3"), [sewer.key]: confirmed("P3") },
      // Raw: Laplace's (2 + 1) / (2 + 2) before the learned tags' re-scaling.
      calibration: RAW_CONFIDENCE,
    });
    expect(after[2].source).toBe("learned");
    expect(after[2].priorityId).toBe("P3");
    expect(after[2].goals).toEqual([{ id: "P3", share: 1 }]);
    expect(after[2].confidence).toBeCloseTo(0.75, 6);
    expect(after[2].learnedFrom).toBe(programKey(water));
    expect(after[2].why).toMatch(
      /^named like Water Administration \(row \d+, confirmed\), Sewer Administration \(row \d+, confirmed\): Public Works's programs named 'administration'/
    );
    // A program not named alike is not moved by it.
    expect(after[3].why).not.toMatch(/^named like/);
  });

  test("a single confirmation moves no namesake", () => {
    const water = works("Water Administration");
    const streets = works("Streets Administration");
    const after = tagLines([water, streets], PLAN, { manual: { [water.key]: confirmed("P3") } });
    expect(after[1].why).not.toMatch(/^named like/);
    expect(after[1].learnedFrom).not.toBe(programKey(water));
  });

  test("a word that names work on its own is left to the function rule, not read as a namesake", () => {
    const a = works("Water Pumping");
    const b = works("Water Mains");
    const c = works("Water Administration");
    const after = tagLines([a, b, c], PLAN, {
      manual: { [a.key]: confirmed("P3"), [b.key]: confirmed("P3") },
    });
    expect(after[2].why).not.toMatch(/^named like/);
  });
});
