/**
 * A line whose Goal cell says "Non-program" is decided by a person (no goal, confirmed not a program): the pane
 * counts it as confirmed, leaves it out of Confirm next and of "Not yet confirmed", and never sets a goal on it that
 * the workbook would ignore.
 */
import { decidedByPerson } from "../../../src/core/decisions";
import type { LineTag } from "../../../src/core/types";
import { confirmNextPrograms, programProgress } from "../../../src/taskpane/model/confirm";
import { decideLines, decideNotPrograms, programKeyOf } from "../../../src/taskpane/model/grid";
import { ruleEffect } from "../../../src/taskpane/model/rule-scope";
import { lineMatches, NO_FILTERS } from "../../../src/taskpane/model/view";
import { lines, tags } from "../fixtures";

/** The Clerk's Records line (row 11) with "Non-program" in its Goal cell, as the workflow tags it. */
const nonProgram: LineTag = {
  key: lines[4].key,
  goals: [],
  priorityId: null,
  source: "none",
  confidence: 0,
  why: 'Confirmed not a program: Budget!H11 says "Non-program".',
  flagged: false,
  origin: { via: "sheet", cell: "Budget!H11" },
  confirmedNonProgram: true,
};
const withNonProgram = [...tags.slice(0, 4), nonProgram];

describe("a line confirmed not a program in its Goal cell", () => {
  test("counts as decided by a person; an untagged suggestion does not", () => {
    expect(decidedByPerson(nonProgram)).toBe(true);
    expect(decidedByPerson(tags[4])).toBe(false);
    expect(decidedByPerson(tags[0])).toBe(true);
    expect(decidedByPerson(undefined)).toBe(false);
  });

  test("is confirmed in the progress figure and not offered by Confirm next", () => {
    const before = programProgress(lines, tags);
    const after = programProgress(lines, withNonProgram);
    expect(after.confirmedPrograms).toBe(before.confirmedPrograms + 1);
    expect(after.confirmedAmount).toBe(before.confirmedAmount + 50_000);
    expect(confirmNextPrograms(lines, tags).map((q) => q.key)).toContain(programKeyOf(lines[4]));
    expect(confirmNextPrograms(lines, withNonProgram).map((q) => q.key)).not.toContain(
      programKeyOf(lines[4])
    );
  });

  test("is not shown under Not yet confirmed or Low confidence", () => {
    expect(lineMatches(lines[4], nonProgram, { ...NO_FILTERS, unconfirmed: true })).toBe(false);
    expect(lineMatches(lines[4], nonProgram, { ...NO_FILTERS, lowConfidence: true })).toBe(false);
    expect(lineMatches(lines[4], tags[4], { ...NO_FILTERS, lowConfidence: true })).toBe(true);
  });

  test("gets no goal from the pane's bulk decisions, and a rule leaves it as it is", () => {
    const picked = decideLines(lines, withNonProgram, [2, 4], "G1.2");
    expect(Object.keys(picked.tags)).toEqual([lines[2].key]);
    const effect = ruleEffect(lines, withNonProgram, [], {
      field: "department",
      op: "equals",
      value: "Clerk",
      target: "G1.2",
    });
    expect(effect.moves).toBe(0);
    expect(effect.kept).toBe(1);
  });
});

describe("Not a program for a selection", () => {
  test("decides every selected line not already confirmed not a program", () => {
    const accept = decideNotPrograms(lines, withNonProgram, [3, 4], "2026-12-07T09:00:00.000Z");
    expect(accept).toEqual({
      tags: {
        [lines[3].key]: {
          goals: [],
          via: "pane",
          label: "Parks / Maintenance / 5009 / Mowing",
          nonProgram: true,
          at: "2026-12-07T09:00:00.000Z",
        },
      },
      lines: 1,
      amount: 150_000,
    });
  });
});
