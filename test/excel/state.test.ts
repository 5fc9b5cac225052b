/** The state sheet through the Excel port: very hidden, chunked, written before the old copy is removed. */
import {
  emptyState,
  parseState,
  serializeState,
  setManualTag,
  STATE_MARKER,
  STATE_SHEET_NAME,
} from "../../src/core/state";
import type { WorkbookState } from "../../src/core/types";
import { fakeExcel, portOver } from "./helpers";

function bigState(tags: number): WorkbookState {
  let s = emptyState();
  for (let i = 0; i < tags; i++)
    s = setManualTag(s, `parks|maintenance|${i}`, {
      goals: [{ id: "G1.2", share: 1 }],
      via: "pane",
      label: `Parks / line ${i}`,
    });
  return s;
}

function stateColumn(fake: ReturnType<typeof fakeExcel>): string[] {
  return fake
    .sheet(STATE_SHEET_NAME)
    .dump()
    .map((r) => String(r[0]));
}

describe("state", () => {
  test("no state sheet reads as the empty state", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    expect(await portOver(fake).readState()).toEqual(emptyState());
  });

  test("round trip through a very hidden sheet, column A, marker first", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    const port = portOver(fake);
    const state: WorkbookState = {
      ...bigState(3),
      amountColumn: "FY 2026 Adopted",
      threshold: 0.4,
    };
    await port.writeState(state);
    const sheet = fake.sheet(STATE_SHEET_NAME);
    expect(sheet.visibility).toBe("VeryHidden");
    expect(sheet.at("A1").value).toBe(STATE_MARKER);
    expect(sheet.usedRect(true)).toMatchObject({ col: 0, cols: 1 });
    expect(await port.readState()).toEqual(state);
  });

  test("a state over 32,767 characters is stored in chunks and reads back whole", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    const port = portOver(fake);
    const state = bigState(2000);
    expect(JSON.stringify(state).length).toBeGreaterThan(100000);
    await port.writeState(state);
    const column = stateColumn(fake);
    expect(column.length).toBe(serializeState(state).length);
    expect(column.length).toBeGreaterThan(4);
    expect(Math.max(...column.map((c) => c.length))).toBeLessThanOrEqual(30000);
    expect(await port.readState()).toEqual(state);
  });

  test("chunks that start with = ' - or a digit stay text", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    const port = portOver(fake);
    const label = "'=-+@1".repeat(12000);
    const state = setManualTag(emptyState(), "k", {
      goals: [{ id: "G1", share: 1 }],
      via: "pane",
      label,
    });
    await port.writeState(state);
    const sheet = fake.sheet(STATE_SHEET_NAME);
    expect([...sheet.formulas.keys()]).toEqual([]);
    expect(await port.readState()).toEqual(state);
  });

  test("writing again replaces the stored copy (one copy left)", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    const port = portOver(fake);
    await port.writeState(bigState(2000));
    const small = bigState(1);
    await port.writeState(small);
    expect(stateColumn(fake)).toEqual(serializeState(small));
    expect(await port.readState()).toEqual(small);
    expect(fake.sheetNames()).toEqual(["Budget", STATE_SHEET_NAME]);
  });

  test("a failure on any sync of a write never loses the state: the old or the new one reads back", async () => {
    const probe = fakeExcel();
    probe.addSheet("Budget", [["a"]]);
    await portOver(probe).writeState(bigState(5));
    const before = probe.syncs;
    await portOver(probe).writeState(bigState(7));
    const syncs = probe.syncs - before;
    expect(syncs).toBeGreaterThanOrEqual(3);
    for (let n = 1; n <= syncs; n++) {
      const fake = fakeExcel();
      fake.addSheet("Budget", [["a"]]);
      const port = portOver(fake);
      const old = bigState(5);
      const next = bigState(7);
      await port.writeState(old);
      fake.failOnSync(n);
      const err = await port.writeState(next).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(
        /^Excel stopped while saving the tags and answers: .*The saved tags and answers were left as they were\.$/
      );
      const read = await port.readState();
      // Before the new copy is stored the old one is read; once stored, the new one.
      expect([old, next]).toContainEqual(read);
      if (n === syncs) expect(read).toEqual(next);
    }
  });

  test("stored state that cannot be read is kept when the state is written again", async () => {
    const fake = fakeExcel();
    fake.addSheet("Budget", [["a"]]);
    fake.addSheet(STATE_SHEET_NAME, [[STATE_MARKER], ['{"tags": {broken by hand']]).visibility =
      "VeryHidden";
    const port = portOver(fake);
    const read = await port.readState();
    expect(read.unreadable).toBe('{"tags": {broken by hand');
    const edited = setManualTag(emptyState(), "k", {
      goals: [{ id: "G1", share: 1 }],
      via: "pane",
    });
    await port.writeState(edited);
    const again = await port.readState();
    expect(again.unreadable).toBe('{"tags": {broken by hand');
    expect(again.tags).toEqual(edited.tags);
  });

  test("of two stored copies (a write stopped halfway), the last one that reads wins", () => {
    const a = serializeState(bigState(1));
    const b = serializeState(bigState(2));
    expect(parseState([...a, ...b]).state).toEqual(bigState(2));
    expect(parseState([...a, STATE_MARKER, '{"half']).state).toEqual(bigState(1));
    expect(parseState([]).state).toEqual(emptyState());
  });
});
