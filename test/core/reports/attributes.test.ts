/**
 * Program attributes: the 0–4 points of each choice, the suggestions the budget gives (cost recovery from a fee
 * column, sole provider where one department alone provides a function), a blank left out of the score, and a
 * suggestion written to the sheet not taken for an analyst's choice when it is read back.
 */
import {
  ATTRIBUTES,
  attributePoints,
  costRecoveryChoice,
  isRevenueColumn,
  suggestAttributes,
} from "../../../src/core/reports/attributes";
import { programInventory, writtenScores } from "../../../src/core/reports/program-inventory";
import {
  buildProgramsSheet,
  mergeProgramInputs,
  PROGRAMS_SHEET,
  readProgramsSheet,
} from "../../../src/core/reports/programs";
import { emptyState } from "../../../src/core/state";
import { mismatches } from "./formula-check";
import { fixture } from "./fixture";

const attr = (id: string) => ATTRIBUTES.find((a) => a.id === id)!;

test("each choice has its 0–4 points; a blank or unknown choice has none (left out, not 0)", () => {
  expect(attributePoints(attr("mandated"), "Federal or state law")).toBe(4);
  expect(attributePoints(attr("mandated"), "Not mandated")).toBe(0);
  expect(attributePoints(attr("reliance"), "Many other providers")).toBe(1);
  expect(attributePoints(attr("costRecovery"), "Over 100%")).toBe(4);
  expect(attributePoints(attr("mandated"), undefined)).toBeNull();
  expect(attributePoints(attr("mandated"), "Half the town")).toBeNull();
  for (const a of ATTRIBUTES) expect(a.points).toHaveLength(a.list.length);
});

test("cost recovery from a fee or revenue column; sole provider where one department alone provides a function", () => {
  expect(
    isRevenueColumn({ id: "fees", header: "Fee Revenue", kind: "other", fiscalYear: null })
  ).toBe(true);
  expect(
    isRevenueColumn({ id: "a", header: "FY26 Adopted", kind: "adopted", fiscalYear: 2026 })
  ).toBe(false);
  expect([0, 0.2, 0.25, 0.4, 0.7, 1, 1.3].map((r) => costRecoveryChoice(r * 100, 100))).toEqual([
    "None",
    "1–25%",
    "1–25%",
    "26–50%",
    "51–75%",
    "76–100%",
    "Over 100%",
  ]);
  const s = suggestAttributes(
    [
      {
        department: "Water",
        cents: 1000,
        revenueCents: 900,
        revenueHeader: "Fees",
        mainFunction: 0,
      },
      { department: "Water", cents: 500, revenueCents: 0, revenueHeader: "Fees", mainFunction: 0 },
      {
        department: "Parks",
        cents: 800,
        revenueCents: 100,
        revenueHeader: "Fees",
        mainFunction: 1,
      },
      { department: "Rec", cents: 800, revenueCents: null, mainFunction: 1 },
      { department: "Misc", cents: 800, revenueCents: null, mainFunction: undefined },
    ],
    ["water supply", "recreation"]
  );
  expect(s[0]).toEqual({
    costRecovery: { value: "76–100%", evidence: "Cost recovery 76–100%: Fees 90% of cost." },
    reliance: {
      value: "Sole provider",
      evidence: "Reliance Sole provider: no other department provides water supply.",
    },
  });
  expect(s[1].costRecovery?.value).toBe("None");
  expect(s[2].reliance).toBeUndefined(); // recreation: Parks and Rec both provide it
  expect(s[3]).toEqual({});
  expect(s[4]).toEqual({});
});

describe("on the Programs sheet", () => {
  const { ctx } = fixture();
  const inv = programInventory(ctx);
  const p = inv.programs[0];

  test("a chosen attribute adds its points × its weight to the total score, by formula", () => {
    const withChoice = {
      ...ctx,
      programInputs: {
        [p.key]: {
          department: p.department,
          program: p.program,
          attributes: { mandated: "Federal or state law" },
        },
      },
      pbb: { attributeWeights: { mandated: 0.75 } },
    };
    const inv2 = programInventory(withChoice);
    const q = inv2.programs.find((x) => x.key === p.key)!;
    expect(q.total).toBeCloseTo(p.total + 0.75 * 4, 10);
    expect(mismatches(buildProgramsSheet(withChoice, inv2))).toEqual([]);
  });

  test("a suggestion written to the sheet and read back unchanged is not the analyst's; a changed one is", () => {
    const suggested = { ...inv, programs: inv.programs.map((x) => ({ ...x })) };
    suggested.programs[0] = {
      ...p,
      attributes: { reliance: "Sole provider" },
      suggestedAttributes: ["reliance"],
    };
    const written = writtenScores(suggested);
    const state = { ...emptyState(), seen: { programs: written } };
    const m = buildProgramsSheet(ctx, inv);
    const h = m.values.findIndex((r) => r[0] === "Department" && r.includes("Program key"));
    const col = m.values[h].indexOf("Reliance on the city");
    const values = m.values.map((r) => [...r]);
    values[h + 1][col] = "Sole provider";
    const same = mergeProgramInputs(
      state,
      readProgramsSheet({ name: PROGRAMS_SHEET, values }, ctx.plan),
      "t1"
    );
    expect(same.programs?.[p.key]).toBeUndefined();
    values[h + 1][col] = "Few other providers";
    const changed = mergeProgramInputs(
      state,
      readProgramsSheet({ name: PROGRAMS_SHEET, values }, ctx.plan),
      "t1"
    );
    expect(changed.programs?.[p.key]?.attributes).toEqual({ reliance: "Few other providers" });
  });

  test("attribute weights are yellow cells read back from the sheet", () => {
    const m = buildProgramsSheet(ctx, inv);
    const values = m.values.map((r) => [...r]);
    const r = values.findIndex((row) => row[0] === "Cost recovery" && row[1] === "None");
    expect(values[r][3]).toBe(0.5);
    values[r][3] = 2;
    const read = readProgramsSheet({ name: PROGRAMS_SHEET, values }, ctx.plan);
    expect(read.attributeWeights).toEqual({
      mandated: 0.5,
      reliance: 0.5,
      costRecovery: 2,
      demand: 0.5,
      served: 0.5,
    });
    const merged = mergeProgramInputs(emptyState(), read, "t1");
    expect(merged.pbb?.attributeWeights).toEqual({ costRecovery: 2 });
    expect(
      m.styles.some((s) => s.range.row === r && s.range.col === 3 && s.style === "inputCell")
    ).toBe(true);
  });
});
