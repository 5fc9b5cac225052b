/**
 * The Excel port (src/excel/port.ts) over the in-memory fake of the Excel API, with faults: every sync of a
 * report write and of a state write is made to fail in turn. Whatever sync fails, the user's sheets and the old
 * report are as they were, the stored state is the old one and readable, the error says what happened in plain
 * words, and the next write succeeds.
 */
import type { SheetModel, WorkbookState } from "../../src/core/types";
import { emptyState, getOwn, setManualTag } from "../../src/core/state";
import { ExcelPort, type ExcelRun } from "../../src/excel/port";
import { analyse, retag, runAlignment, writeReports } from "../../src/core/workflow";
import { FakeExcel } from "../fake-excel/fake-excel";
import { planSheet } from "./books";

function model(name: string, values: SheetModel["values"]): SheetModel {
  return {
    name,
    values,
    numberFormats: [
      {
        range: { row: 2, col: 1, rows: Math.max(1, values.length - 2), cols: 1 },
        format: "$#,##0",
      },
    ],
    styles: [{ range: { row: 0, col: 0, rows: 1, cols: 1 }, style: "title" }],
    columnWidths: [30, 14, 14],
    freeze: { rows: 2, cols: 0 },
    tables: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: { landscape: true, fitToWidth: true, footer: "&A" },
  };
}

const report = (n: number): SheetModel[] =>
  ["Alignment", "Review", "Timetable"].map((name) =>
    model(name, [
      [`Budget Alignment — ${name} (run ${n})`],
      ["Program", "Amount", "Goal"],
      ...Array.from({ length: 30 }, (_, i) => [`Program ${i}`, 1000 * i + n, `G${(i % 3) + 1}.1`]),
    ])
  );

function setUp(): { fake: FakeExcel; port: ExcelPort } {
  const fake = new FakeExcel();
  fake.addSheet("Budget", [
    ["Department", "Program", "FY 2026-27 Proposed", "Goal"],
    ["Fire", "Suppression", 1200000, "G1.1"],
    ["Police", "Patrol", 1500000, ""],
  ]);
  fake.addSheet("Notes", [["My own notes"], ["Keep this", 42]]);
  const port = new ExcelPort({
    run: fake.run as unknown as ExcelRun,
    isSetSupported: fake.isSetSupported,
  });
  return { fake, port };
}

/** Everything about the workbook a person could see or lose: names, order, visibility, every cell. */
function picture(fake: FakeExcel): string {
  return JSON.stringify(
    fake.data.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      rows: s.rows,
      formulas: [...s.formulas],
      quote: [...s.quotePrefix],
    }))
  );
}

const stateWith = (goal: string): WorkbookState =>
  setManualTag(emptyState(), "police|||patrol||||", {
    goals: [{ id: goal, share: 1 }],
    via: "pane",
    label: "Police / Patrol",
  });

describe("a sync fails part way through writing the reports", () => {
  test("at every sync in turn: the workbook is as it was, the error is plain, the next write succeeds", async () => {
    // First, how many syncs a clean write of the reports and the state takes.
    const probe = setUp();
    await probe.port.writeSheets(report(1));
    const before = probe.fake.syncs;
    await probe.port.writeSheets(report(2));
    await probe.port.writeState(stateWith("G1.1"));
    const total = probe.fake.syncs - before;
    expect(total).toBeGreaterThanOrEqual(2);

    let faults = 0;
    for (let n = 1; n <= total; n++) {
      const { fake, port } = setUp();
      await port.writeSheets(report(1));
      await port.writeState(stateWith("G1.1"));
      const good = picture(fake);
      const goodState = await port.readState();
      fake.failOnSync(n);
      let error: Error | null = null;
      try {
        await port.writeSheets(report(2));
        await port.writeState(stateWith("G2.2"));
      } catch (e) {
        error = e as Error;
      }
      expect(error).not.toBeNull();
      if (process.env.T6_DUMP) console.log(n, error!.message);
      faults++;
      // Plain words, no Office jargon alone, no stack.
      expect(error!.message.length).toBeGreaterThan(20);
      expect(error!.message).not.toMatch(/\n\s+at /);
      const after = picture(fake);
      const wroteSheets =
        fake.data.sheets.find((s) => s.name === "Alignment")!.rows[0]?.[0] ===
        "Budget Alignment — Alignment (run 2)";
      if (!wroteSheets) {
        // The reports were not replaced: everything is exactly as before, no temporary sheet left over.
        expect(after).toBe(good);
      } else {
        // The reports were replaced in full; only the state write failed, and the old state is intact.
        expect(await port.readState()).toEqual(goodState);
      }
      // The user's sheets never change.
      for (const name of ["Budget", "Notes"]) {
        const s = fake.data.sheets.find((x) => x.name === name)!;
        expect(JSON.stringify(s.rows)).toBe(
          JSON.stringify(JSON.parse(good).find((x: { name: string }) => x.name === name).rows)
        );
      }
      expect(
        fake
          .sheetNames()
          .filter(
            (x) =>
              ![
                "Budget",
                "Notes",
                "Alignment",
                "Review",
                "Timetable",
                "Programs",
                "_BudgetAlignmentState",
              ].includes(x)
          )
      ).toEqual([]);
      // The next attempt succeeds in full.
      await port.writeSheets(report(2));
      await port.writeState(stateWith("G2.2"));
      expect(fake.sheet("Alignment").value(0, 0)).toBe("Budget Alignment — Alignment (run 2)");
      expect((await port.readState()).tags["police|||patrol||||"].goals).toEqual([
        { id: "G2.2", share: 1 },
      ]);
      expect(fake.sheetNames().slice(0, 2)).toEqual(["Budget", "Notes"]);
    }
    expect(faults).toBe(total);
    if (process.env.T6_DUMP) console.log(`faults injected: ${faults}`);
  });
});

describe("a whole run in the task pane (analyse, then write) with a sync failing at every point of the write", () => {
  const book = () => {
    const fake = new FakeExcel();
    fake.addSheet("Budget", [
      ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed", "Goal"],
      ["Fire", "Suppression", "5110", "Firefighter salaries", 1200000, "G1.1"],
      ["Police", "Patrol", "5110", "Patrol officer salaries", 1500000, ""],
      ["Library", "Collections", "5510", "Books and e-books", 120000, ""],
    ]);
    fake.addSheet("Strategic Plan", planSheet().values as unknown[][]);
    const port = new ExcelPort({
      run: fake.run as unknown as ExcelRun,
      isSetSupported: fake.isSetSupported,
    });
    return { fake, port };
  };
  const userSheets = ["Budget", "Strategic Plan"];
  const cells = (fake: FakeExcel) => JSON.stringify(userSheets.map((n) => fake.sheet(n).rows));

  test("the user's sheets never change except the Goal cell the pane filled; the state is always readable; the next run keeps every tag", async () => {
    // How many syncs the write of a run takes.
    const probe = book();
    const a0 = await analyse(probe.port, { today: "2026-11-23" });
    const s0 = probe.fake.syncs;
    const st = setManualTag(a0.state, a0.budget.lines[1].key, {
      goals: [{ id: "G1.2", share: 1 }],
      via: "pane",
      label: "Police / Patrol / 5110 / Patrol officer salaries",
    });
    await writeReports(probe.port, retag(a0, st));
    const writeSyncs = probe.fake.syncs - s0;
    expect(writeSyncs).toBeGreaterThanOrEqual(3);
    if (process.env.T6_DUMP) console.log(`write syncs failed in turn: ${writeSyncs}`);

    for (let n = 1; n <= writeSyncs; n++) {
      const { fake, port } = book();
      await runAlignment(port, { today: "2026-11-23" }); // an earlier report and state exist
      const before = cells(fake);
      const a = await analyse(port, { today: "2026-11-24" });
      const state = setManualTag(a.state, a.budget.lines[1].key, {
        goals: [{ id: "G1.2", share: 1 }],
        via: "pane",
        label: "Police / Patrol / 5110 / Patrol officer salaries",
      });
      fake.failOnSync(n);
      const error = await writeReports(port, retag(a, state)).then(
        () => null,
        (e: Error) => e
      );
      expect(error?.message ?? "").toMatch(/^Excel stopped while /);
      const after = cells(fake);
      if (after !== before) {
        // Only the empty Goal cell of the tagged line may have been filled, with the tag's text.
        expect(fake.sheet("Budget").value(2, 5)).toBe("G1.2");
        fake.sheet("Budget").rows[2]![5] = "";
        expect(cells(fake)).toBe(before);
        fake.sheet("Budget").rows[2]![5] = "G1.2";
      }
      const stored = await port.readState();
      expect(stored.unreadable).toBeUndefined();
      // The next run succeeds and the Police tag is there (from the state, the Goal cell, or set again).
      const again = await analyse(port, { today: "2026-11-24" });
      const fixed = getOwn(again.state.tags, again.budget.lines[1].key)
        ? again.state
        : setManualTag(again.state, again.budget.lines[1].key, {
            goals: [{ id: "G1.2", share: 1 }],
            via: "pane",
          });
      const done = await writeReports(port, retag(again, fixed));
      expect(done.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
      const final = await analyse(port, { today: "2026-11-24" });
      expect(final.tags.map((t) => [t.source, t.goals[0]?.id]).slice(0, 2)).toEqual([
        ["manual", "G1.1"],
        ["manual", "G1.2"],
      ]);
      expect(
        fake
          .sheetNames()
          .filter(
            (x) =>
              ![
                "Budget",
                "Strategic Plan",
                "Alignment",
                "Review",
                "Timetable",
                "Programs",
                "_BudgetAlignmentState",
              ].includes(x)
          )
      ).toEqual([]);
    }
  }, 120000);
});
