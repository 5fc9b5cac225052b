/**
 * Nothing typed on the Programs sheet is lost: scores an analyst typed over the computed ones, program attributes,
 * weights and what-if changes are read back by the Program key column and kept in the state, through re-runs, a
 * re-sorted table, inserted rows and a renamed program next to them (the renamed program's own inputs stay in the
 * state); a score someone clears goes back to the computed one, and a score nobody touched follows the tags.
 */
import {
  ATTRIBUTES,
  attributePoints,
  DEFAULT_ATTRIBUTE_WEIGHT,
} from "../../src/core/reports/attributes";
import { parseState } from "../../src/core/state";
import type { CellValue } from "../../src/core/types";
import { runAlignment } from "../../src/core/workflow";
import { planSheet } from "./books";
import { MemoryBook, type Sheet } from "./memory-port";

const TODAY = "2026-11-23";
const H = ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed", "Goal"];

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

/** The Programs sheet's program table in the book: header row, columns by header, rows by program key. */
function table(book: MemoryBook) {
  const values = book.sheet("Programs")!.values;
  const header = values.findIndex((r) => r[0] === "Department" && r.includes("Program key"));
  const col = (h: string) => {
    const c = values[header].indexOf(h);
    if (c < 0) throw new Error(`No column ${h}`);
    return c;
  };
  const rowOf = (key: string) => {
    const r = values.findIndex((row, i) => i > header && row[col("Program key")] === key);
    if (r < 0) throw new Error(`No row for ${key}`);
    return r;
  };
  const get = (key: string, h: string) => values[rowOf(key)][col(h)];
  const set = (key: string, h: string, v: CellValue) => (values[rowOf(key)][col(h)] = v);
  const weightRow = values.findIndex((r) => r[0] === "P2" && typeof r[2] === "number");
  return { values, header, col, rowOf, get, set, weightRow };
}

const stored = (book: MemoryBook) => parseState(book.stateRows()).state;

async function typedBook(): Promise<MemoryBook> {
  const book = new MemoryBook([budget(), planSheet()]);
  await runAlignment(book, { today: TODAY });
  const t = table(book);
  t.set("police|patrol", "P2 score", 4);
  t.set("fire|suppression", "Mandated", "City charter");
  t.set("fire|suppression", "Portion served", "Entire community");
  t.set("finance|treasury", "Cost recovery", "76–100%");
  t.values[t.weightRow][2] = 2; // P2's weight
  t.values[t.weightRow][3] = -0.05; // P2's what-if change
  return book;
}

function expectKept(book: MemoryBook): void {
  const t = table(book);
  expect(t.get("police|patrol", "P2 score")).toBe(4);
  expect(t.get("fire|suppression", "Mandated")).toBe("City charter");
  expect(t.get("fire|suppression", "Portion served")).toBe("Entire community");
  expect(t.get("finance|treasury", "Cost recovery")).toBe("76–100%");
  expect(t.values[t.weightRow][2]).toBe(2);
  expect(t.values[t.weightRow][3]).toBe(-0.05);
  const s = stored(book);
  expect(s.programs?.["police|patrol"]?.scores).toEqual({ P2: 4 });
  expect(s.programs?.["fire|suppression"]?.attributes).toEqual({
    mandated: "City charter",
    served: "Entire community",
  });
  expect(s.pbb?.weights).toEqual({ P2: 2 });
  expect(s.pbb?.priorityChange).toEqual({ P2: -0.05 });
}

describe("scores, attributes, weights and what-if changes typed on the Programs sheet", () => {
  test("survive re-runs, and only what was typed is stored as typed", async () => {
    const book = await typedBook();
    await runAlignment(book, { today: TODAY });
    expectKept(book);
    await runAlignment(book, { today: TODAY });
    expectKept(book);
    expect(Object.keys(stored(book).programs ?? {}).sort()).toEqual([
      "finance|treasury",
      "fire|suppression",
      "police|patrol",
    ]);
    // The weight counts in the total score: Patrol's P2 score of 4 at weight 2, plus its attributes' points at
    // their default weight (a blank attribute adds nothing).
    const t = table(book);
    const p1 = t.get("police|patrol", "P1 score") as number;
    const points = ATTRIBUTES.reduce(
      (s, a) => s + (attributePoints(a, String(t.get("police|patrol", a.header))) ?? 0),
      0
    );
    expect(t.get("police|patrol", "Total score")).toBe(
      p1 * 1 + 4 * 2 + DEFAULT_ATTRIBUTE_WEIGHT * points
    );
  });

  test("survive a re-sorted table and inserted rows", async () => {
    const book = await typedBook();
    const t = table(book);
    const body = t.values.splice(t.header + 1);
    const programs = body.filter(
      (r) => typeof r[t.col("Program key")] === "string" && r[t.col("Program key")] !== ""
    );
    const rest = body.slice(programs.length);
    // Sorted by program, descending, with blank rows inserted between them.
    programs.reverse();
    t.values.push(...programs.flatMap((r) => [r, []]), ...rest);
    t.values.splice(2, 0, [], ["a note someone added"]);
    await runAlignment(book, { today: TODAY });
    expectKept(book);
  });

  test("survive a renamed neighbour; the renamed program's own inputs stay in the state", async () => {
    const book = await typedBook();
    // (Not "Sole provider": the add-in may suggest that itself, and a suggestion left as it is is nobody's choice.)
    table(book).set("fire|ems", "Reliance on the city", "Few other providers");
    await runAlignment(book, { today: TODAY });
    // EMS is renamed in the budget: Suppression (its neighbour) and the others keep theirs.
    const b = book.sheet("Budget")!;
    b.values[2][1] = "Emergency Medical Services";
    await runAlignment(book, { today: TODAY });
    expectKept(book);
    expect(table(book).get("fire|emergency medical services", "Reliance on the city")).not.toBe(
      "Few other providers"
    );
    // The renamed program does not take EMS's choice (the cell may hold the add-in's own suggestion, which is
    // not stored as anyone's choice).
    expect(stored(book).programs?.["fire|emergency medical services"]).toBeUndefined();
    expect(stored(book).programs?.["fire|ems"]?.attributes).toEqual({
      reliance: "Few other providers",
    });
    // Renamed back, its attribute shows again.
    b.values[2][1] = "EMS";
    await runAlignment(book, { today: TODAY });
    expect(table(book).get("fire|ems", "Reliance on the city")).toBe("Few other providers");
  });

  test("a cleared score goes back to the computed one; an untouched score follows the tags", async () => {
    const book = new MemoryBook([budget(), planSheet()]);
    await runAlignment(book, { today: TODAY });
    const computed = table(book).get("police|patrol", "P2 score");
    table(book).set("police|patrol", "P2 score", computed === 4 ? 1 : 4);
    await runAlignment(book, { today: TODAY });
    expect(stored(book).programs?.["police|patrol"]).toBeDefined();
    table(book).set("police|patrol", "P2 score", "");
    await runAlignment(book, { today: TODAY });
    expect(table(book).get("police|patrol", "P2 score")).toBe(computed);
    expect(stored(book).programs?.["police|patrol"]).toBeUndefined();
    // Library's untouched P1 score moves with its tag: tag Collections to G1.1 (priority P1) in the Goal column.
    const before = table(book).get("library|collections", "P1 score");
    book.sheet("Budget")!.values[5][5] = "G1.1";
    await runAlignment(book, { today: TODAY });
    expect(table(book).get("library|collections", "P1 score")).toBeGreaterThan(before as number);
    expect(stored(book).programs?.["library|collections"]).toBeUndefined();
  });
});

test("a Programs sheet of the user's own is left as it is: ours is written beside it as Programs (2), with a warning", async () => {
  const own = { name: "Programs", values: [["Program inventory FY27"], ["Patrol", "Police"]] };
  const book = new MemoryBook([budget(), own, planSheet()]);
  const r = await runAlignment(book, { today: TODAY });
  expect(r.written).toEqual(["Alignment", "Review", "Timetable", "Programs (2)"]);
  expect(book.sheet("Programs")!.values).toEqual(own.values);
  expect(book.sheet("Programs (2)")!.report).toBe("Programs");
  const issue = r.analysis.issues.find((i) => i.code === "sheet.name-taken");
  expect(issue).toMatchObject({ severity: "warning", sheet: "Programs" });
  expect(issue!.message).toContain('the Programs report is written to the sheet "Programs (2)"');
  // The next run reads the analyst's scores back from Programs (2) and writes there again.
  const again = await runAlignment(book, { today: TODAY });
  expect(again.written).toEqual(["Alignment", "Review", "Timetable", "Programs (2)"]);
  expect(book.sheet("Programs")!.values).toEqual(own.values);
});
