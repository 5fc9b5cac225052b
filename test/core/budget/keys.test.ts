import fc from "fast-check";
import { baseKey, lineKeys } from "../../../src/core/budget/keys";
import { normName } from "../../../src/core/keys";

type Fields = Parameters<typeof lineKeys>[0][number];

/** The plain algorithm: every key given so far in one set, numbering on from the base's count. */
function reference(lines: Fields[]): string[] {
  const norm = (s: string) => normName(s).replace(/\|/g, "/");
  const seen = new Map<string, number>();
  const used = new Set<string>();
  return lines.map((l) => {
    const base = baseKey(l, norm);
    let n = (seen.get(base) ?? 0) + 1;
    let key = n === 1 ? base : `${base}#${n}`;
    while (used.has(key)) key = `${base}#${++n}`;
    seen.set(base, n);
    used.add(key);
    return key;
  });
}

// Few values, some ending like numbered duplicates, so bases repeat and collide.
const part = fc.constantFrom("", "Parks", "parks ", "Pools", "Pools#2", "#2", "x#3", "Fire|EMS");
const line: fc.Arbitrary<Fields> = fc.record({
  department: part,
  division: fc.constant(""),
  program: part,
  fund: fc.constant(""),
  account: fc.constantFrom("", "5110"),
  accountName: fc.constant(""),
  description: part,
});

describe("lineKeys", () => {
  it("gives every line a different key, the same ones the plain algorithm gives", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const keys = lineKeys(lines);
        expect(new Set(keys).size).toBe(lines.length);
        expect(keys).toEqual(reference(lines));
      }),
      { numRuns: 400 }
    );
  });

  it("numbers identical lines in order and keeps a field's own '#2' apart from a numbered duplicate", () => {
    const a = {
      department: "Parks",
      division: "",
      program: "Pools",
      fund: "",
      account: "",
      accountName: "",
      description: "",
    };
    const b = { ...a, description: "#2" };
    expect(lineKeys([a, a, b, b])).toEqual([
      "parks||pools||||",
      "parks||pools||||#2",
      "parks||pools||||#2#2",
      "parks||pools||||#2#3",
    ]);
  });
});
