import fc from "fast-check";
import {
  confirmNextOrder,
  confirmNextQueue,
  confirmWorth,
  SPOT_CHECK,
  spotCheckWorth,
} from "../../../src/core/tagging/confirm-next";

const item = (key: string, department: string, amount: number, confidence: number) => ({
  key,
  department,
  amount,
  confidence,
});

describe("confirmNextOrder", () => {
  test("largest money times uncertainty first", () => {
    const order = confirmNextOrder([
      item("a", "D1", 1_000_000, 0.75), // worth 250,000
      item("b", "D2", 500_000, 0.2), // worth 400,000
      item("c", "D3", 500_000, 0.5), // worth 250,000 (tie with a: key decides)
      item("d", "D4", -800_000, 0.5), // a credit counts by its size: worth 400,000
    ]);
    expect(order.map((x) => x.key)).toEqual(["b", "d", "a", "c"]);
  });

  test("spreads over departments from a department's third program: it must be worth twice another's first", () => {
    // A department's second confirmation is what lets the tagger read its other programs by it (two that agree),
    // so the first two count at full worth. (Confidences under SPOT_CHECK.minConfidence: no spot check here.)
    const order = confirmNextOrder([
      item("p1", "Police", 10_000_000, 0.4), // 6,000,000
      item("p2", "Police", 8_000_000, 0.4), // 4,800,000, full worth as Police's second
      item("p3", "Police", 6_000_000, 0.4), // 3,600,000 → 1,800,000 as Police's third
      item("l1", "Library", 2_000_000, 0.4), // 1,200,000
      item("f1", "Finance", 1_000_000, 0.4), // 600,000
      item("p4", "Police", 4_000_000, 0.4), // 2,400,000 → 800,000 as Police's fourth
    ]);
    expect(order.map((x) => x.key)).toEqual(["p1", "p2", "p3", "l1", "p4", "f1"]);
  });

  test("every fourth place is a spot check: the largest money the engine is sure of", () => {
    const items = [
      item("u1", "A", 1_000_000, 0.2), // worth 800,000
      item("u2", "B", 900_000, 0.2), // 720,000
      item("u3", "C", 800_000, 0.2), // 640,000
      item("u4", "D", 700_000, 0.2), // 560,000
      item("sure", "E", 5_000_000, 0.95), // worth 250,000; spot worth 4,750,000
      item("sureSmall", "F", 100_000, 0.9), // worth 10,000; spot worth 90,000
    ];
    const queue = confirmNextQueue(items);
    expect(queue.map((q) => q.item.key)).toEqual(["u1", "u2", "u3", "sure", "u4", "sureSmall"]);
    expect(queue.map((q) => q.spotCheck)).toEqual([false, false, false, true, false, false]);
    // Staff have confirmed three programs already: the next place is the fourth, a spot check.
    const after = confirmNextQueue(items, new Map([["X", 3]]));
    expect(after[0]).toEqual({ item: items[4], spotCheck: true });
    expect(confirmNextOrder(items, new Map([["X", 3]]))[0].key).toBe("sure");
  });

  test("no spot check of a program staff's own rule placed, nor of an unsure answer", () => {
    expect(spotCheckWorth({ ...item("r", "A", 5_000_000, 1), checkable: false })).toBe(0);
    expect(spotCheckWorth(item("unsure", "A", 5_000_000, SPOT_CHECK.minConfidence - 0.01))).toBe(0);
    expect(spotCheckWorth(item("sure", "A", -2_000_000, 0.75))).toBe(1_500_000);
    const order = confirmNextQueue(
      [
        item("u1", "A", 1_000_000, 0.2),
        item("u2", "B", 900_000, 0.2),
        item("u3", "C", 800_000, 0.2),
        item("u4", "D", 700_000, 0.2),
        { ...item("ruled", "E", 9_000_000, 1), checkable: false },
      ],
      new Map()
    );
    // With nothing to spot-check, the fourth place goes by money × uncertainty.
    expect(order.map((q) => [q.item.key, q.spotCheck])).toEqual([
      ["u1", false],
      ["u2", false],
      ["u3", false],
      ["u4", false],
      ["ruled", false],
    ]);
  });

  test("programs already confirmed count as taken in their department", () => {
    const items = [
      item("p3", "Police", 6_000_000, 0.5), // 3,000,000 → 1,500,000 with two Police programs confirmed
      item("l1", "Library", 4_000_000, 0.5), // 2,000,000
    ];
    expect(confirmNextOrder(items).map((x) => x.key)).toEqual(["p3", "l1"]);
    expect(confirmNextOrder(items, new Map([["Police", 2]])).map((x) => x.key)).toEqual([
      "l1",
      "p3",
    ]);
  });

  test("a confirmed-sure program (confidence 1) is worth nothing and comes last", () => {
    expect(confirmWorth(item("x", "D", 5, 1))).toBe(0);
    expect(confirmWorth(item("x", "D", Number.NaN, 0.5))).toBe(0);
    const order = confirmNextOrder([item("sure", "A", 9e9, 1), item("small", "B", 10, 0)]);
    expect(order.map((x) => x.key)).toEqual(["small", "sure"]);
  });

  test("a permutation of the same items, the same order; every item exactly once", () => {
    const arb = fc.uniqueArray(
      fc.record({
        key: fc.uuid(),
        department: fc.constantFrom("A", "B", "C", ""),
        amount: fc.integer({ min: -1e9, max: 1e9 }),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 60, selector: (x: { key: string }) => x.key }
    );
    fc.assert(
      fc.property(arb, (items) => {
        const a = confirmNextOrder(items).map((x) => x.key);
        const b = confirmNextOrder([...items].reverse()).map((x) => x.key);
        expect(a).toEqual(b);
        expect([...a].sort()).toEqual(items.map((x) => x.key).sort());
      })
    );
  });
});
