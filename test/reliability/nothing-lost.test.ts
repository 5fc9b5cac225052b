/**
 * Nothing lost: manual tags typed in the Goal column, tags set in the pane (stored by line key in the hidden state
 * sheet) survive re-runs, re-sorting, inserted and deleted rows, a renamed department, a new budget sheet and plan
 * changes — or, where their goal left the plan, are kept and reported (tag.orphaned), never dropped. A failure
 * part way through writing leaves the user's sheets and the stored state as they were, says what happened, and
 * the next run succeeds with everything in place.
 */
import { parseState, setManualTag } from "../../src/core/state";
import type { ManualTag, WorkbookState } from "../../src/core/types";
import { analyse, retag, runAlignment, writeReports, type Analysis } from "../../src/core/workflow";
import { planSheet, STANDARD_PLAN, type PlanNodeRow } from "./books";
import { MemoryBook, type PortCall, type Sheet } from "./memory-port";

const TODAY = "2026-11-23";

const H = ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed", "Goal"];
/** A second budget sheet without a Goal column: its tags live only in the stored state. */
const CAP_H = ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed"];

function budget(): Sheet {
  return {
    name: "Budget",
    values: [
      H,
      ["Fire", "Suppression", "5110", "Firefighter salaries", 1200000, "G1.1"],
      ["Fire", "EMS", "5110", "Paramedic salaries", 640000, ""],
      ["Police", "Patrol", "5110", "Patrol officer salaries", 1500000, ""],
      ["Parks", "Trails", "5410", "Trail resurfacing", 95000, "G2.1"],
      ["Library", "Collections", "5510", "Books and e-books", 120000, ""],
      ["Finance", "Treasury", "5620", "Bank fees", 18000, ""],
    ],
  };
}

function capital(): Sheet {
  return {
    name: "Capital",
    values: [
      CAP_H,
      ["Police", "Patrol", "6410", "Patrol vehicles", 210000],
      ["Library", "Branches", "6200", "Branch roof", 330000],
      ["Finance", "Accounting", "6900", "Ledger software", 45000],
    ],
  };
}

/** "Sheet dept|program|account|description → G1.1:1" for every manual tag in the analysis. */
function manualTags(a: Analysis): string[] {
  return a.budget.lines
    .map((l, i) => ({ l, t: a.tags[i] }))
    .filter(({ t }) => t.source === "manual")
    .map(
      ({ l, t }) =>
        `${l.sheet} ${l.department}|${l.program}|${l.account}|${l.description} → ${t.goals.map((g) => `${g.id}:${g.share}`).join(",")}`
    )
    .sort();
}

const line = (a: Analysis, description: string) =>
  a.budget.lines.find((l) => l.description === description)!;

/** Sets a pane tag on the line with this description, as the task pane does (via state, then writeReports). */
function paneTag(
  a: Analysis,
  state: WorkbookState,
  description: string,
  goal: string
): WorkbookState {
  const l = line(a, description);
  const tag: ManualTag = {
    goals: [{ id: goal, share: 1 }],
    via: "pane",
    label: [l.department, l.program, l.account, l.description].join(" / "),
  };
  return setManualTag(state, l.key, tag);
}

/** A workbook after a first run in which two tags were typed in the Goal column and three set in the pane. */
async function taggedBook(): Promise<{ book: MemoryBook; expected: string[] }> {
  const book = new MemoryBook([budget(), capital(), planSheet()]);
  let a = await analyse(book, { today: TODAY });
  expect(a.ok).toBe(true);
  let state = a.state;
  state = paneTag(a, state, "Patrol officer salaries", "G1.2");
  state = paneTag(a, state, "Patrol vehicles", "G1.2");
  state = paneTag(a, state, "Branch roof", "G2.2");
  a = retag(a, state);
  await writeReports(book, a);
  const expected = [
    "Budget Fire|Suppression|5110|Firefighter salaries → G1.1:1",
    "Budget Parks|Trails|5410|Trail resurfacing → G2.1:1",
    "Budget Police|Patrol|5110|Patrol officer salaries → G1.2:1",
    "Capital Library|Branches|6200|Branch roof → G2.2:1",
    "Capital Police|Patrol|6410|Patrol vehicles → G1.2:1",
  ];
  expect(manualTags(a)).toEqual(expected);
  return { book, expected };
}

const rowsOf = (book: MemoryBook, sheet: string) => book.sheet(sheet)!.values;

describe("every manual tag survives what people do to their workbook", () => {
  test("a re-run: same tags; the pane tag on a Goal-column sheet was also written into its empty Goal cell", async () => {
    const { book, expected } = await taggedBook();
    expect(book.cellWrites).toEqual(["Budget!F4=G1.2"]);
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual(expected);
    expect(a.issues.filter((i) => i.code.startsWith("tag."))).toEqual([]);
  });

  test("re-sorting both budget sheets (descending by amount)", async () => {
    const { book, expected } = await taggedBook();
    for (const name of ["Budget", "Capital"]) {
      const [head, ...body] = rowsOf(book, name);
      body.sort((x, y) => Number(y[4]) - Number(x[4]));
      book.sheet(name)!.values = [head, ...body];
    }
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual(expected);
    expect(line(a, "Patrol officer salaries").row).toBe(2); // it moved
  });

  test("rows inserted above and between, and an untagged row deleted", async () => {
    const { book, expected } = await taggedBook();
    const v = rowsOf(book, "Budget");
    v.splice(1, 0, ["Fire", "Prevention", "5110", "Inspector salaries", 300000, ""]);
    v.splice(4, 0, ["Police", "Records", "5110", "Records clerks", 90000, ""]);
    const fees = v.findIndex((r) => r[3] === "Bank fees");
    v.splice(fees, 1);
    const c = rowsOf(book, "Capital");
    c.splice(1, 0, ["Fire", "Suppression", "6410", "Fire engine", 900000]);
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual(expected);
    expect(a.issues.filter((i) => i.code.startsWith("tag."))).toEqual([]);
  });

  test("a department renamed on both sheets: the Goal cells move with their rows, the pane tags are found again", async () => {
    const { book } = await taggedBook();
    for (const name of ["Budget", "Capital"])
      for (const r of rowsOf(book, name)) if (r[0] === "Police") r[0] = "Police Department";
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual([
      "Budget Fire|Suppression|5110|Firefighter salaries → G1.1:1",
      "Budget Parks|Trails|5410|Trail resurfacing → G2.1:1",
      "Budget Police Department|Patrol|5110|Patrol officer salaries → G1.2:1",
      "Capital Library|Branches|6200|Branch roof → G2.2:1",
      "Capital Police Department|Patrol|6410|Patrol vehicles → G1.2:1",
    ]);
    // Written back under the new key, so the next run finds it directly.
    await runAlignment(book, { today: TODAY });
    const again = await analyse(book, { today: TODAY });
    expect(manualTags(again)).toEqual(manualTags(a));
    const stored = parseState(book.stateRows()).state;
    expect(
      Object.values(stored.tags)
        .filter((t) => t.via === "pane")
        .map((t) => t.label)
        .sort()
    ).toEqual([
      "Library / Branches / 6200 / Branch roof",
      "Police Department / Patrol / 6410 / Patrol vehicles",
    ]);
    expect(again.issues.filter((i) => i.code.startsWith("tag."))).toEqual([]);
  });

  test("a new budget sheet is added: its lines are read, every earlier tag stays", async () => {
    const { book, expected } = await taggedBook();
    book.sheets.splice(2, 0, {
      name: "Grants",
      values: [CAP_H, ["Parks", "Trails", "7100", "Trail grant match", 50000]],
      visibility: "visible",
    });
    const a = await analyse(book, { today: TODAY });
    expect(a.budgetSheets).toEqual(["Budget", "Capital", "Grants"]);
    expect(manualTags(a)).toEqual(expected);
  });

  test("a deleted tagged line: its pane tag is kept in the state and listed (tag.unmatched), never dropped", async () => {
    const { book, expected } = await taggedBook();
    const c = rowsOf(book, "Capital");
    c.splice(
      c.findIndex((r) => r[3] === "Branch roof"),
      1
    );
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual(expected.filter((t) => !t.includes("Branch roof")));
    expect(
      a.issues
        .filter((i) => i.code.startsWith("tag."))
        .map((i) => `${i.severity} ${i.code}: ${i.message}`)
    ).toEqual([
      'info tag.unmatched: 1 tag set earlier belongs to budget lines that are no longer in the budget ("Library / Branches / 6200 / Branch roof"). They are kept with the workbook and apply again if the lines come back.',
    ]);
    await runAlignment(book, { today: TODAY });
    const stored = parseState(book.stateRows()).state;
    expect(
      Object.values(stored.tags).some((t) => t.label === "Library / Branches / 6200 / Branch roof")
    ).toBe(true);
    // The line comes back: so does its tag.
    c.push(["Library", "Branches", "6200", "Branch roof", 330000]);
    expect(manualTags(await analyse(book, { today: TODAY }))).toEqual(expected);
  });
});

describe("a workbook last saved by a newer version of the add-in", () => {
  test("this version warns, keeps what it cannot use, and adds its own tags beside it", async () => {
    const stored = {
      version: 3,
      tags: {},
      rules: [],
      columnOverrides: {},
      reviewAnswers: {},
      // What a newer version might add: notes per program, and review answers in a new shape.
      programNotes: { "police|patrol": "Ask the chief about overtime" },
      answers: [{ programKey: "library|collections", response: "Modify" }],
    };
    const book = new MemoryBook(
      [budget(), capital(), planSheet()],
      ["Budget Alignment state v3 (managed by the add-in; do not edit)", JSON.stringify(stored)]
    );
    const a = await analyse(book, { today: TODAY });
    expect(a.ok).toBe(true);
    const warning = a.issues.find((i) => i.code === "state.newer");
    expect(warning).toMatchObject({ severity: "warning", sheet: "_BudgetAlignmentState" });
    expect(warning?.message).toMatch(/newer version of Budget Alignment \(format 3\)/);

    await writeReports(book, retag(a, paneTag(a, a.state, "Patrol vehicles", "G1.2")));
    const saved = JSON.parse(
      book
        .stateRows()
        .slice(1)
        .map((c) => String(c))
        .join("")
    ) as Record<string, unknown>;
    expect(saved.version).toBe(3);
    expect(saved.programNotes).toEqual(stored.programNotes);
    expect(saved.answers).toEqual(stored.answers);
    const again = await analyse(book, { today: TODAY });
    expect(manualTags(again)).toContain("Capital Police|Patrol|6410|Patrol vehicles → G1.2:1");
  });
});

describe("plan changes", () => {
  const withPlan = (book: MemoryBook, nodes: PlanNodeRow[]) => {
    const at = book.sheets.findIndex((s) => s.name === "Strategic Plan");
    book.sheets[at] = { ...planSheet(nodes), visibility: "visible" };
  };

  test("a goal renamed (same ID): every tag stays", async () => {
    const { book, expected } = await taggedBook();
    withPlan(
      book,
      STANDARD_PLAN.map((n) =>
        n.id === "G1.2" ? { ...n, title: "Safer neighborhoods through prevention" } : n
      )
    );
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual(expected);
    expect(a.plan!.priorities[0].goals[1].title).toBe("Safer neighborhoods through prevention");
  });

  test("a goal deleted: its tags are kept and reported as orphaned; when it comes back they count again", async () => {
    const { book, expected } = await taggedBook();
    withPlan(
      book,
      STANDARD_PLAN.filter((n) => n.id !== "G1.2")
    );
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual(expected.filter((t) => !t.endsWith("G1.2:1")));
    expect(
      a.issues
        .filter((i) => i.code.startsWith("tag."))
        .map((i) => `${i.severity} ${i.code} ${i.cell ?? ""}: ${i.message}`)
    ).toEqual([
      'warning tag.unknown-goal F4: Budget!F4: "G1.2" is not a goal in the plan. The text was left as typed and the line was tagged as if the cell were blank.',
      "warning tag.orphaned : 2 manual tags name a goal that is no longer in the plan (Budget row 4, Capital row 2). They are kept, and count again if the goal comes back; retag these lines to a current goal.",
    ]);
    await runAlignment(book, { today: TODAY });
    expect(rowsOf(book, "Budget")[3][5]).toBe("G1.2"); // the typed text is left as typed
    withPlan(book, STANDARD_PLAN);
    expect(manualTags(await analyse(book, { today: TODAY }))).toEqual(expected);
  });

  test("goals renumbered (G2.2 becomes G2.5): tags on the old number are orphaned and reported, not moved or lost", async () => {
    const { book, expected } = await taggedBook();
    withPlan(
      book,
      STANDARD_PLAN.map((n) =>
        n.id === "G2.2" ? { ...n, id: "G2.5" } : n.parent === "G2.2" ? { ...n, parent: "G2.5" } : n
      )
    );
    const a = await analyse(book, { today: TODAY });
    expect(manualTags(a)).toEqual(expected.filter((t) => !t.endsWith("G2.2:1")));
    expect(a.issues.filter((i) => i.code === "tag.orphaned").map((i) => i.message)).toEqual([
      "1 manual tag names a goal that is no longer in the plan (Capital row 3). They are kept, and count again if the goal comes back; retag these lines to a current goal.",
    ]);
    const r = await runAlignment(book, { today: TODAY });
    expect(r.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
    expect(
      Object.values(parseState(book.stateRows()).state.tags).filter((t) => t.goals[0].id === "G2.2")
    ).toHaveLength(1);
  });
});

describe("a failure part way through writing", () => {
  const calls: [PortCall, string][] = [
    ["writeSheets", "Excel could not add the sheet (the workbook is protected)."],
    ["writeState", "Excel could not save the add-in's state (the connection was lost)."],
    ["writeCells", "Excel could not write the Goal cells (the sheet is protected)."],
  ];

  test.each(calls)(
    "%s fails: the run says so; the user's sheets are as they were; the next run succeeds with every tag",
    async (call, message) => {
      const { book, expected } = await taggedBook();
      // A new pane tag in this run, on a line whose Goal cell is empty (so writeCells has work to do).
      let a = await analyse(book, { today: TODAY });
      const state = paneTag(a, a.state, "Books and e-books", "G2.2");
      a = retag(a, state);
      const userSheets = ["Budget", "Capital", "Strategic Plan"];
      const before = book.snapshot(userSheets);
      const stateBefore = book.stateRows();
      book.failOn(call, 1, message);
      await expect(writeReports(book, a)).rejects.toThrow(message);
      expect(book.snapshot(userSheets)).toEqual(before);
      if (call === "writeSheets") expect(book.stateRows()).toEqual(stateBefore); // nothing was stored
      // Whatever was stored is readable: never a half-written state.
      expect(parseState(book.stateRows()).issues).toEqual([]);
      // The pane still holds the new tag: the next write succeeds and nothing is lost.
      const ok = await writeReports(book, a);
      expect(ok.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
      const after = await analyse(book, { today: TODAY });
      expect(manualTags(after)).toEqual(
        [...expected, "Budget Library|Collections|5510|Books and e-books → G2.2:1"].sort()
      );
      expect(after.issues.filter((i) => i.severity === "error")).toEqual([]);
    }
  );

  test("the Nth write of a long session fails (every call in turn): the state is always readable and always the last one saved, no user cell ever changes", async () => {
    const storedGoal = (book: MemoryBook) =>
      Object.values(parseState(book.stateRows()).state.tags).find((t) =>
        t.label?.endsWith("Ledger software")
      )?.goals[0].id;
    let faultsSeen = 0;
    for (const call of ["writeSheets", "writeState"] as PortCall[]) {
      for (let nth = 1; nth <= 3; nth++) {
        const { book } = await taggedBook();
        const userSheets = ["Budget", "Capital", "Strategic Plan"];
        const before = book.snapshot(userSheets);
        book.failOn(call, nth);
        for (let run = 0; run < 3; run++) {
          const a = await analyse(book, { today: TODAY });
          const goal = run % 2 ? "P1" : "G2.1";
          const stateBefore = book.stateRows();
          const failed = await writeReports(
            book,
            retag(a, paneTag(a, a.state, "Ledger software", goal))
          ).then(
            () => false,
            () => true
          );
          if (failed) faultsSeen++;
          expect(parseState(book.stateRows()).issues).toEqual([]);
          // A failed write stores nothing; a good one stores this run's tag.
          if (failed) expect(book.stateRows()).toEqual(stateBefore);
          else expect(storedGoal(book)).toBe(goal);
          expect(book.snapshot(userSheets)).toEqual(before);
        }
        const last = storedGoal(book);
        const final = await runAlignment(book, { today: TODAY });
        expect(final.analysis.ok).toBe(true);
        expect(manualTags(final.analysis)).toContain(
          `Capital Finance|Accounting|6900|Ledger software → ${last}:1`
        );
      }
    }
    expect(faultsSeen).toBe(6);
  });
});

describe("review answers", () => {
  /** The Review sheet's header row index and column indexes (0-based), found by header text. */
  function reviewLayout(book: MemoryBook) {
    const v = book.sheet("Review")!.values;
    const header = v.findIndex((r) => r.includes("Response") && r.includes("Justification"));
    expect(header).toBeGreaterThanOrEqual(0);
    const col = (h: string) => v[header].indexOf(h);
    return { v, header, col };
  }

  /** Types an answer into the Review row of this program, as a department head would. */
  function answer(book: MemoryBook, program: string, response: string, goal: string, why: string) {
    const { v, header, col } = reviewLayout(book);
    const r = v.findIndex((row, i) => i > header && row[col("Program")] === program);
    expect(r).toBeGreaterThan(header);
    const row = v[r];
    while (row.length <= col("Date")) row.push("");
    row[col("Response")] = response;
    row[col("Goal")] = goal;
    row[col("Justification")] = why;
    row[col("Reviewer")] = "Pat Lee";
    row[col("Date")] = "2026-11-20";
  }

  /** "program | response | goal | justification" of every answered Review row. */
  function answeredRows(book: MemoryBook): string[] {
    const { v, header, col } = reviewLayout(book);
    return v
      .slice(header + 1)
      .filter((row) => row[col("Response")])
      .map((row) =>
        [
          row[col("Program")],
          row[col("Response")],
          // Written back in its list form ("G2.1 — Maintain parks and trails"): compare the ID.
          String(row[col("Goal")]).split(" — ")[0],
          row[col("Justification")],
        ].join(" | ")
      )
      .sort();
  }

  async function answeredBook() {
    const book = new MemoryBook([budget(), capital(), planSheet()]);
    await runAlignment(book, { today: TODAY });
    const { v, header, col } = reviewLayout(book);
    const programs = v
      .slice(header + 1)
      .map((r) => String(r[col("Program")]))
      .filter(Boolean);
    expect(programs.length).toBeGreaterThanOrEqual(2);
    answer(book, programs[0], "Modify", "", "Merge with the next program =SUM(A1)");
    answer(book, programs[1], "Retain — serves goal", "G2.1", "Serves the parks goal");
    const expected = answeredRows(book);
    expect(expected).toHaveLength(2);
    return { book, programs, expected };
  }

  test("answers typed in the Review sheet are kept across re-runs and written back in place", async () => {
    const { book, expected } = await answeredBook();
    await runAlignment(book, { today: TODAY });
    expect(answeredRows(book)).toEqual(expected);
    await runAlignment(book, { today: "2026-11-24" });
    expect(answeredRows(book)).toEqual(expected);
    expect(Object.keys(parseState(book.stateRows()).state.reviewAnswers)).toHaveLength(2);
  });

  test("the Review sheet re-sorted by the user: answers are read by program, not by row", async () => {
    const { book, expected } = await answeredBook();
    const { v, header } = reviewLayout(book);
    const body = v.splice(header + 1);
    v.push(...body.reverse());
    await runAlignment(book, { today: TODAY });
    expect(answeredRows(book)).toEqual(expected);
  });

  test("a Retain answer tags the program's lines; the department renamed: the answer is still listed, never dropped", async () => {
    const { book, programs } = await answeredBook();
    const a = await analyse(book, { today: TODAY });
    const retained = a.budget.lines.filter(
      (l) => l.program === programs[1] || l.division === programs[1]
    );
    expect(retained.length).toBeGreaterThan(0);
    for (const l of retained) {
      const t = a.tags[a.budget.lines.indexOf(l)];
      if (!l.tagText) expect([t.source, t.goals[0]?.id]).toEqual(["manual", "G2.1"]);
    }
    await runAlignment(book, { today: TODAY });
    const renamedDept = retained[0]?.department ?? "";
    for (const name of ["Budget", "Capital"])
      for (const r of rowsOf(book, name))
        if (r[0] === renamedDept) r[0] = `${renamedDept} (renamed)`;
    await runAlignment(book, { today: TODAY });
    const rows = answeredRows(book);
    expect(rows).toHaveLength(2);
    expect(rows.some((r) => r.includes("Serves the parks goal"))).toBe(true);
    expect(Object.keys(parseState(book.stateRows()).state.reviewAnswers)).toHaveLength(2);
  });

  test("the goal a Retain answer names is deleted from the plan: the answer is kept and the run says so", async () => {
    const { book } = await answeredBook();
    await runAlignment(book, { today: TODAY });
    const at = book.sheets.findIndex((s) => s.name === "Strategic Plan");
    book.sheets[at] = {
      ...planSheet(STANDARD_PLAN.filter((n) => n.id !== "G2.1" && n.parent !== "G2.1")),
      visibility: "visible",
    };
    const a = await analyse(book, { today: TODAY });
    expect(
      a.issues
        .filter((i) => i.severity !== "info" && /G2\.1/.test(i.message))
        .map((i) => `${i.code} ${i.cell ?? ""}: ${i.message}`)
    ).toEqual([
      'review.unknown-goal G11: Review!G11: "G2.1 — Maintain parks and trails" is not a goal in the plan. It was kept as typed; pick a goal from the list.',
      // Typed in F5 by staff; F7, of the answered program, stays empty: the answer is not copied into the Goal column.
      'tag.unknown-goal F5: Budget!F5: "G2.1" is not a goal in the plan. The text was left as typed and the line was tagged as if the cell were blank.',
    ]);
    await runAlignment(book, { today: TODAY });
    expect(answeredRows(book).some((r) => r.includes("Serves the parks goal"))).toBe(true);
    expect(
      Object.values(parseState(book.stateRows()).state.reviewAnswers).some(
        (x) => x.justification === "Serves the parks goal"
      )
    ).toBe(true);
  });
});
