import { tagLines } from "../../../src/core/tagging/engine";
import { fieldParts } from "../../../src/core/tagging/similarity";
import { lineSpecificity, specificity } from "../../../src/core/tagging/programs";
import type { BudgetLine, LineTag, Plan } from "../../../src/core/types";

const PLAN: Plan = {
  name: "Riverton Plan",
  adopted: "2025-01-01",
  fiscalYearStart: "07-01",
  horizonYears: 5,
  priorities: [
    {
      id: "P1",
      title: "Reliable infrastructure",
      goals: [
        {
          id: "G1.1",
          title: "Clean, reliable water and sewer service",
          keywords: ["water", "sewer", "wastewater"],
        },
        {
          id: "G1.2",
          title: "Keep the city fleet in good condition",
          keywords: ["fleet", "vehicle replacement", "vehicles"],
        },
      ],
    },
    {
      id: "P2",
      title: "Livable neighborhoods",
      goals: [
        {
          id: "G2.1",
          title: "Expand library services and literacy",
          keywords: ["library", "books", "literacy"],
        },
        {
          id: "G2.2",
          title: "Parks and recreation for all ages",
          keywords: ["parks", "playgrounds", "recreation"],
        },
      ],
    },
    {
      id: "P3",
      title: "Effective government",
      goals: [{ id: "G3.1", title: "Sound financial management", keywords: ["budget", "audit"] }],
    },
  ],
};

/** Object-of-expenditure accounts every program of the budget uses. */
const ACCOUNTS = [
  "Salaries - Regular",
  "Overtime",
  "Health Insurance",
  "Office Supplies",
  "Utilities",
  "Contract Services",
  "Vehicle Replacement",
  "Equipment Maintenance",
];

interface ProgramSpec {
  department: string;
  program: string;
  description: string;
}

const PROGRAMS: ProgramSpec[] = [
  {
    department: "Library",
    program: "Branch Libraries",
    description: "Lending books, reference help and story times at the branch libraries.",
  },
  {
    department: "Parks and Recreation",
    program: "Park Maintenance",
    description: "Mowing, playground repair and upkeep of city parks and sports fields.",
  },
  {
    department: "Water Utility",
    program: "Water Treatment",
    description: "Treating drinking water and repairing water mains.",
  },
  {
    department: "Public Works",
    program: "Fleet Services",
    description: "Maintenance and replacement of city vehicles.",
  },
  {
    department: "Weights and Measures",
    program: "Scale Inspections",
    description: "Testing gas pumps and grocery scales for accuracy.",
  },
];

/** A $1,000 General Fund line of program `p` on `row`. */
function lineOf(
  p: ProgramSpec,
  row: number,
  key: string,
  account: number,
  description: string
): BudgetLine {
  return {
    key,
    sheet: "Budget",
    row,
    department: p.department,
    division: "",
    program: p.program,
    fund: "General Fund",
    account: `51${account}0`,
    accountName: ACCOUNTS[account],
    description,
    amounts: { adopted: 1000 },
    amount: 1000,
  };
}

/** One line per account, the program's description on its first line only (as budget books print them). */
function budget(programs: ProgramSpec[] = PROGRAMS): BudgetLine[] {
  const out: BudgetLine[] = [];
  let row = 5;
  for (const p of programs)
    ACCOUNTS.forEach((accountName, i) =>
      out.push(lineOf(p, ++row, `${p.program}|${accountName}`, i, i === 0 ? p.description : ""))
    );
  return out;
}

function byProgram(lines: BudgetLine[], tags: LineTag[]): Map<string, LineTag[]> {
  const out = new Map<string, LineTag[]>();
  lines.forEach((l, i) => {
    const list = out.get(l.program) ?? [];
    list.push(tags[i]);
    out.set(l.program, list);
  });
  return out;
}

describe("programs as the unit of tagging", () => {
  it("a program of generic account lines with a specific program text: every line gets the program's goal", () => {
    const lines = budget();
    const tags = tagLines(lines, PLAN);
    const programs = byProgram(lines, tags);
    const expected: Record<string, string> = {
      "Branch Libraries": "G2.1",
      "Park Maintenance": "G2.2",
      "Water Treatment": "G1.1",
      "Fleet Services": "G1.2",
    };
    for (const [program, goal] of Object.entries(expected)) {
      const list = programs.get(program)!;
      expect(list).toHaveLength(ACCOUNTS.length);
      for (const t of list) {
        expect(t.goals).toEqual([{ id: goal, share: 1 }]);
        expect(t.flagged).toBe(false);
      }
    }
    // "Utilities" and "Vehicle Replacement" lines of the library follow their program, not the water or fleet goal.
    const library = lines.findIndex(
      (l) => l.program === "Branch Libraries" && l.accountName === "Utilities"
    );
    expect(tags[library].goals[0].id).toBe("G2.1");
    const first = lines.find((l) => l.program === "Branch Libraries")!;
    expect(tags[library].why).toMatch(
      new RegExp(`^same program as row ${first.row}: matched .*G2\\.1`)
    );
  });

  it("a program with only generic text fits no goal: untagged and flagged as a whole, nearest goal given", () => {
    const lines = budget();
    const tags = tagLines(lines, PLAN);
    const misfit = byProgram(lines, tags).get("Scale Inspections")!;
    expect(misfit).toHaveLength(ACCOUNTS.length);
    for (const t of misfit) {
      expect(t.goals).toEqual([]);
      expect(t.source).toBe("none");
      expect(t.flagged).toBe(true);
      expect(t.nearest).toBeTruthy();
      // Weights and measures is consumer protection, a function no goal of the plan covers.
      expect(t.why).toMatch(
        /(^|: )no goal of the plan covers business licensing and consumer protection/
      );
    }
    // Every line names the same nearest goal: the program's.
    expect(new Set(misfit.map((t) => t.nearest!.id)).size).toBe(1);
    // No other program is flagged.
    expect(tags.filter((t) => t.flagged)).toHaveLength(ACCOUNTS.length);
  });

  it("lines that follow their program share its goals, nearest goal and candidates, frozen", () => {
    const lines = budget();
    const tags = tagLines(lines, PLAN);
    const library = lines
      .map((l, i) => ({ l, t: tags[i] }))
      .filter(({ l, t }) => l.program === "Branch Libraries" && /^same program/.test(t.why));
    expect(library.length).toBe(ACCOUNTS.length - 1);
    const [a, b] = library.map((x) => x.t);
    expect(a.goals).toBe(b.goals);
    expect(a.candidates).toBe(b.candidates);
    expect(a.nearest).toBe(b.nearest);
    expect(Object.isFrozen(a.goals) && Object.isFrozen(a.goals[0])).toBe(true);
    expect(() =>
      (a.goals as { id: string; share: number }[]).push({ id: "G1.1", share: 1 })
    ).toThrow(TypeError);
    expect(b.goals).toEqual([{ id: "G2.1", share: 1 }]);
  });

  it("a line whose own description clearly points elsewhere leaves its program's goal", () => {
    const lines = budget();
    const i = lines.findIndex(
      (l) => l.program === "Park Maintenance" && l.accountName === "Contract Services"
    );
    lines[i] = { ...lines[i], description: "Repair of water mains and sewer lines" };
    const tags = tagLines(lines, PLAN);
    expect(tags[i].goals[0].id).toBe("G1.1");
    expect(tags[i].why).not.toMatch(/same program/);
    expect(tags[i].why).toMatch(/'(water|sewer)/i);
    // The rest of the program keeps its goal.
    lines.forEach((l, j) => {
      if (l.program === "Park Maintenance" && j !== i) expect(tags[j].goals[0].id).toBe("G2.2");
    });
  });

  it("a line whose own description says no more than its program stays with the program", () => {
    const lines = budget();
    const i = lines.findIndex(
      (l) => l.program === "Park Maintenance" && l.accountName === "Overtime"
    );
    lines[i] = { ...lines[i], description: "Weekend mowing crews in the parks" };
    const tags = tagLines(lines, PLAN);
    expect(tags[i].goals[0].id).toBe("G2.2");
    expect(tags[i].why).toMatch(/^same program as row/);
  });

  it("a manual tag still wins over the program, and still teaches its program", () => {
    const lines = budget();
    const i = lines.findIndex((l) => l.program === "Scale Inspections");
    const tags = tagLines(lines, PLAN, {
      manual: { [lines[i].key]: { goals: [{ id: "G2.2", share: 1 }], via: "confirmed" } },
    });
    lines.forEach((l, j) => {
      if (l.program !== "Scale Inspections") return;
      expect(tags[j].goals[0].id).toBe("G2.2");
      expect(tags[j].source).toBe(j === i ? "manual" : "learned");
      expect(tags[j].flagged).toBe(false);
    });
  });
});

describe("programs of many lines", () => {
  /**
   * Descriptions that say nothing of purpose: 5 × 6 × 5 = 150 texts that repeat each other's words, every one of them
   * used by every program once a program has 150 lines (and numbered, up to 6,150 distinct texts).
   */
  const VERBS = ["Provide", "Support", "Deliver", "Continue", "Cover"];
  const OBJECTS = [
    "daily operations",
    "core services",
    "routine activities",
    "staff time",
    "general costs",
    "work orders",
  ];
  const QUALIFIERS = ["citywide", "for residents", "year round", "on schedule", ""];
  const GENERIC = VERBS.flatMap((v) =>
    OBJECTS.flatMap((o) => QUALIFIERS.map((q) => `${v} ${o}${q ? " " + q : ""}`))
  );

  /** `perProgram` lines in each program, cycling through the generic descriptions and the accounts. */
  function manyLines(perProgram: number): BudgetLine[] {
    const out: BudgetLine[] = [];
    let row = 5;
    for (const p of PROGRAMS.slice(0, 4))
      for (let i = 0; i < perProgram; i++)
        out.push(
          lineOf(
            p,
            ++row,
            `${p.program}|${i}`,
            i % ACCOUNTS.length,
            // Numbered as budget books number them, so a big program has thousands of distinct descriptions.
            `${GENERIC[(i * 7 + p.program.length) % GENERIC.length]} #${i % 41}`
          )
        );
    return out;
  }

  it("a program is read from its department and name however many generic lines it has", () => {
    const expected: Record<string, string> = {
      "Branch Libraries": "G2.1",
      "Park Maintenance": "G2.2",
      "Water Treatment": "G1.1",
      "Fleet Services": "G1.2",
    };
    const confidence = new Map<number, number[]>();
    for (const perProgram of [150, 600, 3000]) {
      const lines = manyLines(perProgram);
      const tags = tagLines(lines, PLAN);
      for (const [program, list] of byProgram(lines, tags)) {
        expect(list).toHaveLength(perProgram);
        for (const t of list) {
          expect(t.flagged).toBe(false);
          expect(t.goals).toEqual([{ id: expected[program], share: 1 }]);
        }
      }
      confidence.set(
        perProgram,
        tags.map((t) => t.confidence)
      );
    }
    // 150 lines or 3,000, the same program reads the same: its confidence does not fade with its size.
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const small = mean(confidence.get(150)!);
    expect(small).toBeGreaterThan(0.5);
    expect(Math.abs(mean(confidence.get(600)!) - small)).toBeLessThan(0.03);
    expect(Math.abs(mean(confidence.get(3000)!) - small)).toBeLessThan(0.03);
  });
});

describe("account-name specificity, computed per run", () => {
  function specOf(lines: BudgetLine[]): Map<string, number> {
    const programs = new Map<string, number>();
    const programOfLine = new Int32Array(lines.length);
    lines.forEach((l, i) => {
      const k = `${l.department}|${l.program}`;
      if (!programs.has(k)) programs.set(k, programs.size);
      programOfLine[i] = programs.get(k)!;
    });
    const details = lines.flatMap((l) => [
      l.accountName ? fieldParts(l.accountName) : null,
      l.description ? fieldParts(l.description) : null,
    ]);
    const spec = lineSpecificity(lines, details, programOfLine, programs.size);
    const out = new Map<string, number>();
    lines.forEach((l, i) =>
      out.set(`${l.key}|account`, spec[2 * i]).set(`${l.key}|description`, spec[2 * i + 1])
    );
    return out;
  }

  it("an account name every program uses carries little weight; one unique to a program its full weight", () => {
    const lines = budget();
    lines.push({
      ...lines[0],
      key: "unique",
      row: 999,
      accountName: "Book Purchases",
      description: "",
    });
    const spec = specOf(lines);
    expect(spec.get("unique|account")).toBe(1);
    expect(spec.get(`${lines[0].key}|account`)).toBeLessThan(0.15);
    // Each program's description is its own.
    expect(spec.get(`${lines[0].key}|description`)).toBe(1);
    // Blank fields weigh nothing.
    expect(spec.get(`${lines[1].key}|description`)).toBe(0);
  });

  it("is computed from the lines given: the same account name is specific in a budget where one program uses it", () => {
    const all = specOf(budget());
    const one = specOf(budget(PROGRAMS.slice(0, 1)));
    const key = `Branch Libraries|Utilities|account`;
    expect(all.get(key)).toBeLessThan(0.15);
    expect(one.get(key)).toBe(1);
    // And again the first budget: nothing was kept from the runs before.
    expect(specOf(budget()).get(key)).toBe(all.get(key));
  });

  it("gives the same specificity and the same tags whatever the order of the lines", () => {
    const lines = budget();
    const shuffled = [...lines].reverse();
    // Interleave programs too: a program's lines need not be together.
    shuffled.sort((a, b) =>
      a.accountName < b.accountName ? -1 : a.accountName > b.accountName ? 1 : 0
    );
    const a = specOf(lines);
    const b = specOf(shuffled);
    for (const [k, v] of a) expect(b.get(k)).toBe(v);
    const tagsA = new Map(tagLines(lines, PLAN).map((t) => [t.key, t]));
    const tagsB = new Map(tagLines(shuffled, PLAN).map((t) => [t.key, t]));
    for (const [k, t] of tagsA) expect(tagsB.get(k)).toEqual(t);
  });

  it("specificity falls with the share of programs using a text", () => {
    expect(specificity(1, 50)).toBe(1);
    expect(specificity(5, 50)).toBeGreaterThan(specificity(25, 50));
    expect(specificity(50, 50)).toBeCloseTo(Math.log(51 / 50) / Math.log(51), 10);
    expect(specificity(3, 1)).toBe(1);
  });
});
