import { parseCsv } from "../../../src/core/measures/csv";
import { importMeasures, type MeasureImport } from "../../../src/core/measures/import";
import { evaluatePeriod } from "../../../src/core/measures/status";
import { parsePeriodLabel, type Measure } from "../../../src/core/measures/model";
import { parseValue } from "../../../src/core/measures/values";
import {
  longExport,
  NOT_AVAILABLE,
  toCsv,
  TRUTH,
  UNREADABLE,
  wideExport,
  type TruthMeasure,
} from "../../fixtures/measures/city-export";

/** met / near / missed from clean numbers, by hand: the truth the import must reproduce. */
function truthStatus(t: TruthMeasure, target: number, actual: number): string {
  const slack = Math.abs(target) * 0.1;
  if (t.direction === null) return "direction not set";
  if (t.direction === "increase")
    return actual >= target ? "met" : actual >= target - slack ? "near" : "missed";
  if (t.direction === "decrease")
    return actual <= target ? "met" : actual <= target + slack ? "near" : "missed";
  const d = Math.abs(actual - target);
  return d <= slack ? "met" : d <= 2 * slack ? "near" : "missed";
}

function byId(result: MeasureImport, id: string): Measure {
  const m = result.measures.find((x) => x.id === id);
  if (!m) throw new Error(`measure ${id} not imported`);
  return m;
}

const layouts: [string, () => MeasureImport][] = [
  ["wide xlsx cells", () => importMeasures({ name: "Export", values: wideExport() })],
  ["wide csv", () => importMeasures(parseCsv(toCsv(wideExport()), "export.csv"))],
  ["long xlsx cells", () => importMeasures({ name: "KPIs", values: longExport() })],
  ["long csv", () => importMeasures(parseCsv(toCsv(longExport()), "kpis.csv"))],
];

describe.each(layouts)("a real-shaped export (%s)", (layout, load) => {
  const result = load();

  test("imports every measure once, with no hand cleaning", () => {
    expect(result.layout).toBe(layout.startsWith("wide") ? "wide" : "long");
    expect(result.measures.map((m) => m.id)).toEqual(TRUTH.map((t) => t.id));
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  test("reads directions, intervals and categories through typos and case", () => {
    for (const t of TRUTH) {
      const m = byId(result, t.id);
      expect([t.id, m.direction]).toEqual([t.id, t.direction]);
      expect([t.id, m.interval]).toEqual([t.id, t.interval]);
      expect(m.category).toMatch(/^(Output|Outcome|Efficiency)$/);
    }
    expect(byId(result, "PW-01").category).toBe("Output");
  });

  test("puts every value on its scale: 64.98%, 0.75 and 75 are the same kind of number", () => {
    for (const t of TRUTH) {
      const m = byId(result, t.id);
      for (const [label, v] of Object.entries(t.actuals)) {
        if (UNREADABLE.some(([id, l, k]) => id === t.id && l === label && k === "actual")) continue;
        expect([t.id, label, m.actuals[label]]).toEqual([t.id, label, v]);
      }
    }
    expect(byId(result, "FIN-03").actuals["FY23"]).toBe(64.98);
    expect(byId(result, "FIN-03").actuals["FY26 Q1"]).toBe(75);
    expect(
      result.issues.some(
        (i) => i.code === "measures.percent-scale" && /0\.75 is 75%/.test(i.message)
      )
    ).toBe(true);
  });

  test("reports each unreadable cell by its cell and leaves it out (never 0)", () => {
    const unreadable = result.issues.filter((i) => i.code === "measures.unreadable");
    // The PW-02 row listed twice in the wide export carries its unreadable cell twice: both cells are reported.
    expect(unreadable).toHaveLength(UNREADABLE.length + (layout.startsWith("wide") ? 1 : 0));
    for (const [id, label, kind, text] of UNREADABLE) {
      const issue = unreadable.find((i) => i.message.includes(`"${text}"`));
      expect(issue?.cell).toMatch(/^[A-Z]+\d+$/);
      expect(issue?.message).toContain(`${result.issues[0]?.sheet ?? ""}`);
      const m = byId(result, id);
      expect((kind === "target" ? m.targets : m.actuals)[label]).toBeUndefined();
    }
    const na = result.issues.find((i) => i.code === "measures.not-available");
    expect(na?.message).toContain(`${NOT_AVAILABLE.length} cells`);
    expect(byId(result, "LIB-05").actuals["FY21"]).toBeUndefined();
  });

  test("reproduces met / near / missed from target, actual and direction for every measure that has all three", () => {
    let compared = 0;
    for (const t of TRUTH) {
      const m = byId(result, t.id);
      for (const [label, target] of Object.entries(t.targets)) {
        const actual = t.actuals[label];
        if (
          actual === undefined ||
          (t.id === "FIN-03" && label === "FY24" && layout.startsWith("wide"))
        )
          continue;
        const p = parsePeriodLabel(label)!;
        const e = evaluatePeriod({ ...m, interval: p.quarter ? "snapshot" : m.interval }, p);
        expect([t.id, label, e.status]).toEqual([t.id, label, truthStatus(t, target, actual)]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  test("blank directions say so, and the deprecated measure is marked", () => {
    expect(byId(result, "PK-08").deprecated).toBe(true);
    expect(byId(result, "PW-01").deprecated).toBeFalsy();
    expect(byId(result, "LIB-05").direction).toBeNull();
    expect(result.issues.some((i) => i.code === "measures.direction-blank")).toBe(true);
  });
});

describe("duplicates in a wide export", () => {
  const result = importMeasures({ name: "Export", values: wideExport() });
  test("a measure listed twice with the same values is one measure, said as info", () => {
    const dup = result.issues.find((i) => i.code === "measures.duplicate");
    expect(dup?.message).toContain('"PW-02" is listed 2 times (rows 6, 15)');
  });
  test("a measure listed twice whose rows disagree is one measure, and the disagreement is reported", () => {
    const d = result.issues.find((i) => i.code === "measures.duplicate-disagrees");
    expect(d?.message).toContain('"FIN-03"');
    expect(d?.message).toContain("FY24 target: 90 and 85");
    expect(byId(result, "FIN-03").targets["FY24"]).toBe(85);
  });
});

describe("values", () => {
  test.each([
    [" 1,234 ", 1234],
    ["\u00a01,234\u00a0", 1234],
    ["$2,500.50", 2500.5],
    ["(12)", -12],
    ["64.98%", 64.98],
    ["5.5 days", 5.5],
    [42, 42],
  ])("%p is the number %p", (text, n) => {
    const p = parseValue(text);
    expect(p.kind).toBe("number");
    if (p.kind === "number") expect(p.value).toBe(n);
  });
  test.each(["N/A", "N\\A", "n/a", "NA", "-", "TBD"])("%p is no value on purpose", (t) => {
    expect(parseValue(t).kind).toBe("not available");
  });
  test.each(["approx. 40", "#DIV/0!", "1.2.3", "forty"])("%p cannot be read", (t) => {
    expect(parseValue(t).kind).toBe("unreadable");
  });
});

describe("a sheet that is not a measure table", () => {
  test("says what it needs, naming the sheet", () => {
    const r = importMeasures({ name: "Notes", values: [["Hello"], ["World"]] });
    expect(r.issues[0].severity).toBe("error");
    expect(r.issues[0].message).toContain('"Notes"');
  });
});

describe("csv", () => {
  test("quotes, doubled quotes, commas and line breaks inside fields, CRLF, a BOM, semicolons", () => {
    expect(parseCsv('\ufeffa,"b, c","say ""hi"""\r\n1,"two\nlines",\r\n', "x").values).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "two\nlines", ""],
    ]);
    expect(parseCsv("a;b;c\n1;2;3", "x").values).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });
});

describe("many unreadable values", () => {
  test("the first 20 are listed by cell and the rest counted, none read as 0", () => {
    const rows: (string | number)[][] = [["Measure ID", "Measure", "FY26 Target", "FY26 Actual"]];
    for (let i = 0; i < 25; i++) rows.push([`M${i}`, `Measure ${i}`, 10, `about ${i}`]);
    const r = importMeasures({ name: "Export", values: rows });
    const listed = r.issues.filter((i) => i.code === "measures.unreadable" && i.more === undefined);
    expect(listed).toHaveLength(20);
    expect(listed[0].cell).toBe("D2");
    expect(r.issues.find((i) => i.more !== undefined)?.more).toBe(5);
    expect(r.measures.every((m) => m.actuals["FY26"] === undefined)).toBe(true);
  });
});
