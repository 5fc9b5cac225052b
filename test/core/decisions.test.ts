/**
 * Which person's decision counts (src/core/decisions.ts), over an in-memory workbook: a workbook left by version 1
 * of the add-in (a Review answer copied into the Goal column, no times stored) whose answer is then changed; a
 * Goal cell cleared; a pane tag written into its empty Goal cell is not taken for a new typed decision.
 */
import {
  parseState,
  serializeState,
  setManualTag,
  STATE_MARKER,
  STATE_VERSION,
} from "../../src/core/state";
import { programKey } from "../../src/core/keys";
import type { Analysis } from "../../src/core/workflow";
import {
  analyse,
  analysisFigures,
  retag,
  runAlignment,
  writeReports,
} from "../../src/core/workflow";
import { budgetSheet, planSheet } from "../reliability/books";
import { MemoryBook } from "../reliability/memory-port";

const TODAY = "2026-12-02";

function reviewRow(book: MemoryBook, program?: string) {
  const v = book.sheet("Review")!.values;
  const header = v.findIndex((r) => r.includes("Response") && r.includes("Program key"));
  const col = (h: string) => v[header].indexOf(h);
  const r = v.findIndex(
    (row, i) => i > header && row[col("Program")] && (!program || row[col("Program")] === program)
  );
  expect(r).toBeGreaterThan(header);
  const row = v[r];
  while (row.length < v[header].length) row.push("");
  return { row, col };
}

const tagsOf = (a: Analysis, program: string) =>
  a.budget.lines
    .map((l, i) => ({ l, t: a.tags[i] }))
    .filter(({ l }) => l.program === program)
    .map(
      ({ l, t }) =>
        `${l.tagCell}=${l.tagText ?? ""} ${t.source} ${t.goals.map((g) => g.id)} ${t.origin?.via}`
    );

test("a version-1 workbook whose Review answer was copied into the Goal column: a changed answer wins and the conflict is reported", async () => {
  const book = new MemoryBook([budgetSheet(), planSheet()]);
  await runAlignment(book, { today: TODAY });
  const { row, col } = reviewRow(book);
  const program = String(row[col("Program")]);
  const pk = String(row[col("Program key")]);
  const a0 = await analyse(book, { today: TODAY });
  const lines = a0.budget.lines.filter((l) => programKey(l) === pk);
  expect(lines.length).toBeGreaterThan(0);

  // What version 1 left: the answer G2.1, copied into the program's Goal cells and read back as typed there.
  const budget = book.sheet("Budget")!.values;
  const goalCol = budget[2].indexOf("Goal");
  for (const l of lines) budget[l.row - 1][goalCol] = "G2.1";
  row[col("Response")] = "Retain — serves goal";
  row[col("Goal")] = "G2.1 — Maintain parks and trails";
  const v1 = {
    version: 1,
    tags: Object.fromEntries(
      lines.map((l) => [l.key, { goals: [{ id: "G2.1", share: 1 }], via: "sheet", label: "x" }])
    ),
    rules: [],
    columnOverrides: {},
    reviewAnswers: {
      [pk]: {
        programKey: pk,
        department: lines[0].department,
        program,
        response: "Retain — serves goal",
        goalId: "G2.1",
      },
    },
    generatedSheets: ["Alignment", "Review", "Timetable"],
  };
  book.sheet("_BudgetAlignmentState")!.values = [[STATE_MARKER], [JSON.stringify(v1)]];
  const same = await analyse(book, { today: TODAY, now: "2026-12-02T10:00:00.000Z" });
  expect(same.issues.filter((i) => i.code === "tag.conflict")).toEqual([]);
  expect(tagsOf(same, program).every((t) => / manual G2\.1 sheet$/.test(t))).toBe(true);

  // The department head changes the answer to G2.2: it is newer than the old copy in the Goal cells.
  row[col("Goal")] = "G2.2";
  const a = await analyse(book, { today: TODAY, now: "2026-12-02T11:00:00.000Z" });
  expect(tagsOf(a, program)).toEqual(lines.map((l) => `${l.tagCell}=G2.1 manual G2.2 review`));
  const conflicts = a.issues.filter((i) => i.code === "tag.conflict");
  expect(conflicts).toHaveLength(1);
  expect(conflicts[0].message).toMatch(
    /says G2\.1 \(typed in the Goal column\), but the Review answer .* says G2\.2 \(2026-12-02\), which is newer and is used\. Both are kept/
  );
  await writeReports(book, a);
  const stored = parseState(book.stateRows()).state;
  expect(stored.version).toBe(STATE_VERSION);
  // Neither is lost: the Goal cells as they were, the line tags and the answer in the state.
  expect(lines.map((l) => book.sheet("Budget")!.values[l.row - 1][goalCol])).toEqual(
    lines.map(() => "G2.1")
  );
  expect(lines.map((l) => stored.tags[l.key]?.goals[0].id)).toEqual(lines.map(() => "G2.1"));
  expect(stored.reviewAnswers[pk]).toMatchObject({
    goalId: "G2.2",
    at: "2026-12-02T11:00:00.000Z",
  });
  const { row: after, col: c2 } = reviewRow(book, program);
  expect(after[c2("Conflict")]).toBe(conflicts[0].message);
  // Clearing the old copies settles it: no conflict, the answer counts.
  for (const l of lines) book.sheet("Budget")!.values[l.row - 1][goalCol] = "";
  const settled = await analyse(book, { today: TODAY, now: "2026-12-02T12:00:00.000Z" });
  expect(settled.issues.filter((i) => i.code === "tag.conflict")).toEqual([]);
  expect(tagsOf(settled, program)).toEqual(lines.map((l) => `${l.tagCell}= manual G2.2 review`));
});

test("a pane tag written into its empty Goal cell stays a pane decision; a typed change of the cell is newer", async () => {
  const book = new MemoryBook([budgetSheet(), planSheet()]);
  let a = await analyse(book, { today: TODAY, now: "2026-12-02T09:00:00.000Z" });
  const line = a.budget.lines.find((l) => l.description === "Patrol vehicles")!;
  const state = setManualTag(a.state, line.key, {
    goals: [{ id: "G1.1", share: 1 }],
    via: "pane",
    label: "Police / Patrol / 5310 / Patrol vehicles",
    at: "2026-12-02T09:30:00.000Z",
  });
  a = retag(a, state);
  await writeReports(book, a);
  expect(book.cellWrites).toEqual([`Budget!${line.tagCell}=G1.1`]);
  a = await analyse(book, { today: TODAY, now: "2026-12-02T10:00:00.000Z" });
  const i = a.budget.lines.findIndex((l) => l.key === line.key);
  expect(a.tags[i].origin).toEqual({ via: "pane", at: "2026-12-02T09:30:00.000Z" });
  expect(a.tags[i].why).toBe("set in the task pane on 2026-12-02");
  await writeReports(book, a);

  // Someone types G1.2 over it in Excel: a newer decision, from the Goal column.
  book.sheet("Budget")!.values[line.row - 1][5] = "G1.2";
  a = await analyse(book, { today: TODAY, now: "2026-12-02T11:00:00.000Z" });
  expect(a.tags[i].goals).toEqual([{ id: "G1.2", share: 1 }]);
  expect(a.tags[i].origin).toEqual({
    via: "sheet",
    at: "2026-12-02T11:00:00.000Z",
    cell: `Budget!${line.tagCell}`,
  });
  await writeReports(book, a);
  // And clears it: the line's own decision goes; the line is tagged as any other.
  book.sheet("Budget")!.values[line.row - 1][5] = "";
  a = await analyse(book, { today: TODAY, now: "2026-12-02T12:00:00.000Z" });
  expect(a.tags[i].source).not.toBe("manual");
  expect(a.state.tags[line.key]).toBeUndefined();
  expect(serializeState(a.state).join("")).not.toContain('"G1.2"');
});

test("Not a program set in the pane: no goal, counted as confirmed, written into the empty Goal cell, still the pane's next run; a goal typed there later is newer", async () => {
  const book = new MemoryBook([budgetSheet(), planSheet()]);
  let a = await analyse(book, { today: TODAY, now: "2026-12-02T09:00:00.000Z" });
  const line = a.budget.lines.find((l) => l.description === "Bank fees")!;
  const i = a.budget.lines.findIndex((l) => l.key === line.key);
  const state = setManualTag(a.state, line.key, {
    goals: [],
    via: "pane",
    label: "Finance / Treasury / 5620 / Bank fees",
    nonProgram: true,
    at: "2026-12-02T09:30:00.000Z",
    by: "Ana Ruiz",
  });
  a = retag(a, state);
  expect(a.tags[i]).toMatchObject({
    goals: [],
    source: "none",
    confirmedNonProgram: true,
    origin: { via: "pane", at: "2026-12-02T09:30:00.000Z", by: "Ana Ruiz" },
    why: "Confirmed not a program: set in the task pane by Ana Ruiz on 2026-12-02.",
  });
  expect(analysisFigures(a).nonProgram.confirmed).toEqual({ lines: 1, cents: 1_800_000 });
  await writeReports(book, a);
  expect(book.cellWrites).toEqual([`Budget!${line.tagCell}=Non-program`]);

  // The next run reads "Non-program" in the cell the report wrote: still the pane's decision, with its name.
  a = await analyse(book, { today: TODAY, now: "2026-12-02T10:00:00.000Z" });
  expect(a.tags[i].origin).toEqual({ via: "pane", at: "2026-12-02T09:30:00.000Z", by: "Ana Ruiz" });
  expect(a.tags[i].confirmedNonProgram).toBe(true);
  await writeReports(book, a);

  // Someone types a goal over it in Excel: a newer decision, from the Goal column.
  book.sheet("Budget")!.values[line.row - 1][5] = "G1.1";
  a = await analyse(book, { today: TODAY, now: "2026-12-02T11:00:00.000Z" });
  expect(a.tags[i].goals).toEqual([{ id: "G1.1", share: 1 }]);
  expect(a.tags[i].confirmedNonProgram).toBeUndefined();
  expect(a.tags[i].origin).toEqual({
    via: "sheet",
    at: "2026-12-02T11:00:00.000Z",
    cell: `Budget!${line.tagCell}`,
  });
});

test("Not a program set in the pane follows its line when the line's description is renamed, and is not reported as an orphan", async () => {
  const book = new MemoryBook([budgetSheet(), planSheet()]);
  let a = await analyse(book, { today: TODAY, now: "2026-12-02T09:00:00.000Z" });
  const line = a.budget.lines.find((l) => l.description === "Bank fees")!;
  a = retag(
    a,
    setManualTag(a.state, line.key, {
      goals: [],
      via: "pane",
      label: "Finance / Treasury / 5620 / Bank fees",
      nonProgram: true,
      at: "2026-12-02T09:30:00.000Z",
    })
  );
  await writeReports(book, a);
  // The Goal cell the report filled is emptied and the description renamed: the line's key changes.
  const row = book.sheet("Budget")!.values[line.row - 1];
  row[3] = "Bank service fees";
  row[5] = "";
  a = await analyse(book, { today: TODAY, now: "2026-12-02T10:00:00.000Z" });
  const i = a.budget.lines.findIndex((l) => l.description === "Bank service fees");
  expect(a.budget.lines[i].key).not.toBe(line.key);
  expect(a.tags[i]).toMatchObject({
    confirmedNonProgram: true,
    origin: { via: "pane", at: "2026-12-02T09:30:00.000Z" },
  });
  expect(a.issues.filter((x) => x.code === "tag.orphaned")).toEqual([]);
});

test("a version-1 workbook: a Goal cell emptied since removes the tag typed there, with or without a Review sheet", async () => {
  const book = new MemoryBook([budgetSheet(), planSheet()]);
  await runAlignment(book, { today: TODAY });
  const a0 = await analyse(book, { today: TODAY });
  const line = a0.budget.lines.find((l) => l.description === "Patrol vehicles")!;
  // Version 1 stored the typed tag; the cell has been emptied since.
  const v1 = {
    version: 1,
    tags: { [line.key]: { goals: [{ id: "G1.2", share: 1 }], via: "sheet", label: "x" } },
    rules: [],
    columnOverrides: {},
    reviewAnswers: {},
    generatedSheets: ["Alignment", "Review", "Timetable"],
  };
  book.sheet("_BudgetAlignmentState")!.values = [[STATE_MARKER], [JSON.stringify(v1)]];
  expect(book.sheet("Review")).toBeDefined();
  const a = await analyse(book, { today: TODAY });
  expect(a.state.tags[line.key]).toBeUndefined();
  expect(a.tags[a.budget.lines.findIndex((l) => l.key === line.key)].source).not.toBe("manual");
});
