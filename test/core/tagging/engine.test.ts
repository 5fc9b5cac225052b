import { programKey } from "../../../src/core/keys";
import { DEFAULT_THRESHOLD, tagLines } from "../../../src/core/tagging/engine";
import { CONFIDENCE } from "../../../src/core/tagging/weights";
import type { LineTag, ManualTag, Rule } from "../../../src/core/types";
import { computeFigures } from "../../../src/core/reports/figures";
import { PLAN, line } from "./fixtures";

const confirmed = (id: string): ManualTag => ({ goals: [{ id, share: 1 }], via: "confirmed" });

describe("tagLines precedence: manual > rule > learned > suggested > none", () => {
  test("a manual tag is kept exactly, even when a rule and the text point elsewhere", () => {
    const l = line({ department: "Police", program: "Patrol" });
    const manual: Record<string, ManualTag> = {
      [l.key]: {
        goals: [
          { id: "G2.1", share: 0.6 },
          { id: "P3", share: 0.4 },
        ],
        via: "sheet",
      },
    };
    const rules: Rule[] = [{ field: "department", op: "equals", value: "Police", target: "G1.1" }];
    const [t] = tagLines([l], PLAN, { manual, rules });
    expect(t.source).toBe("manual");
    expect(t.confidence).toBe(1);
    expect(t.goals).toEqual([
      { id: "G2.1", share: 0.6 },
      { id: "P3", share: 0.4 },
    ]);
    expect(t.priorityId).toBe("P2");
    expect(t.why).toBe("set by staff in the Goal column");
    expect(t.flagged).toBe(false);
    // The stored tag itself is not changed by the run.
    expect(manual[l.key].goals).toEqual([
      { id: "G2.1", share: 0.6 },
      { id: "P3", share: 0.4 },
    ]);
  });

  test("confirmed and review tags say so", () => {
    const a = line({ program: "Patrol" });
    const b = line({ program: "Payroll" });
    const tags = tagLines([a, b], PLAN, {
      manual: {
        [a.key]: confirmed("G1.1"),
        [b.key]: { goals: [{ id: "P3", share: 1 }], via: "review" },
      },
    });
    expect(tags.map((t) => t.why)).toEqual(["confirmed by staff", "answered in the Review sheet"]);
  });

  test("rules apply in order, first match wins, and say which rule", () => {
    const l = line({ department: "Library", program: "Homeless outreach at branches" });
    const rules: Rule[] = [
      { field: "fund", op: "equals", value: "Water", target: "P3" },
      { field: "department", op: "equals", value: "library", target: "G2.1" },
      { field: "department", op: "startsWith", value: "Lib", target: "P3" },
    ];
    const [t] = tagLines([l], PLAN, { rules });
    expect(t.source).toBe("rule");
    expect(t.goals).toEqual([{ id: "G2.1", share: 1 }]);
    expect(t.priorityId).toBe("P2");
    expect(t.confidence).toBe(1);
    expect(t.why).toBe("rule 2: department = library");
  });

  test("a rule's label is its explanation; a rule to a goal not in the plan is skipped", () => {
    const l = line({ department: "Library", program: "Books" });
    const rules: Rule[] = [
      { field: "department", op: "equals", value: "Library", target: "G9.9" },
      {
        field: "program",
        op: "contains",
        value: "book",
        target: "P3",
        label: "books are overhead",
      },
    ];
    const [t] = tagLines([l], PLAN, { rules });
    expect(t.goals).toEqual([{ id: "P3", share: 1 }]);
    expect(t.why).toBe("rule 2: books are overhead");
  });

  test("a line of the same program as a confirmed line is learned from it and names its row", () => {
    const teacher = line({ department: "Parks", program: "Ranger Patrol", row: 14 });
    const other = line({ department: "Parks", program: "Ranger Patrol", accountName: "Overtime" });
    const tags = tagLines([teacher, other], PLAN, { manual: { [teacher.key]: confirmed("G2.1") } });
    expect(tags[1].source).toBe("learned");
    expect(tags[1].goals).toEqual([{ id: "G2.1", share: 1 }]);
    expect(tags[1].priorityId).toBe("P2");
    expect(tags[1].confidence).toBeCloseTo(0.95);
    expect(tags[1].why).toBe("same program as row 14, confirmed");
  });

  test("same program on another sheet names the sheet", () => {
    const teacher = line({ department: "Parks", program: "Rangers", row: 14, sheet: "FY26" });
    const other = line({ department: "Parks", program: "Rangers", sheet: "FY27" });
    const tags = tagLines([teacher, other], PLAN, { manual: { [teacher.key]: confirmed("G2.1") } });
    expect(tags[1].why).toBe("same program as row 14 of FY26, confirmed");
  });

  test("a goal whose own words name the program comes first, and says so", () => {
    const [t] = tagLines(
      [
        line({
          department: "Housing",
          program: "Homeless Shelter",
          description: "Beds for homeless adults",
        }),
      ],
      PLAN
    );
    expect(t.source).toBe("suggested");
    expect(t.goals).toEqual([{ id: "G2.1.1", share: 1 }]);
    expect(t.priorityId).toBe("P2");
    expect(t.why).toBe("its name is in G2.1.1 Expand shelter beds: 'homeless', 'shelter'");
    // What such a suggestion is worth is fitted on the evaluation cities (weights.ts CONFIDENCE.literal); with no
    // confirmations there is no workbook re-fit, so the tag shows exactly that, and above the threshold it is a tag.
    expect(t.confidence).toBe(CONFIDENCE.literal);
    expect(t.confidence).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(t.candidates?.[0].id).toBe("G2.1.1");
  });

  test("words the plan never uses still match through municipal functions (narcotics → police → crime), and say so", () => {
    const tags = tagLines(
      [
        line({ department: "Police", program: "Narcotics" }),
        line({ department: "Fire", program: "Fire Suppression" }),
      ],
      PLAN
    );
    expect(tags.map((t) => t.goals[0]?.id)).toEqual(["G1.1", "G1.2"]);
    expect(tags[0].why).toMatch(/^matched 'narcotics'.*\(police services\) to G1\.1 Reduce crime$/);
  });

  test("a line with no words in common with any goal is untagged with a plain reason", () => {
    const [t] = tagLines([line({ department: "Zzqx", program: "Qwv" })], PLAN);
    expect(t.source).toBe("none");
    expect(t.goals).toEqual([]);
    expect(t.priorityId).toBeNull();
    expect(t.confidence).toBe(0);
    expect(t.why).toBe("no goal in the plan shares words or topics with this line");
    expect(t.flagged).toBe(true);
  });
});

describe("most specific node", () => {
  test("a subgoal when one fits, a goal when it has none, the priority itself when it has no goals", () => {
    const tags = tagLines(
      [
        line({ department: "Housing", program: "Emergency Shelter Beds" }),
        line({ department: "Police", program: "Crime Investigations" }),
        line({ department: "Finance", program: "Payroll and Accounting" }),
      ],
      PLAN
    );
    expect(tags.map((t) => t.goals[0]?.id)).toEqual(["G2.1.1", "G1.1", "P3"]);
    expect(tags.map((t) => t.priorityId)).toEqual(["P2", "P1", "P3"]);
  });
});

describe("flagging per program", () => {
  test("a program is flagged only when none of its lines is tagged", () => {
    const tagged = line({ department: "Culture", program: "Museum", accountName: "Salaries" });
    const sameProgram = line({ department: "Culture", program: "Museum", accountName: "Exhibits" });
    // Cemeteries: a function no goal of the plan covers, and not the museum's, so nothing teaches it.
    const alone1 = line({ department: "Cemetery", program: "Burials", accountName: "Salaries" });
    const alone2 = line({ department: "Cemetery", program: "Burials", accountName: "Grounds" });
    const tags = tagLines([tagged, sameProgram, alone1, alone2], PLAN, {
      manual: { [tagged.key]: confirmed("P3") },
    });
    expect(tags.map((t) => t.flagged)).toEqual([false, false, true, true]);
    expect(programKey(alone1)).toBe(programKey(alone2));
    expect(tags[2].why).toBe("no goal of the plan covers cemeteries");
  });

  test("a confirmed program teaches its function: a program of the same function in another department follows", () => {
    const museum = line({ department: "Culture", program: "Museum", accountName: "Exhibits" });
    const orchestra = line({
      department: "Parks Department",
      program: "History Museum",
      accountName: "Exhibits",
    });
    // Untaught, no goal of the plan covers museums: the parks department's museum is flagged.
    const before = tagLines([museum, orchestra], PLAN);
    expect(before[1].flagged).toBe(true);
    expect(before[1].why).toMatch(/^no goal of the plan covers .*museums/);
    // Staff confirm the museum under P3: the other department's museum (the same work by its name) is tagged P3.
    const after = tagLines([museum, orchestra], PLAN, {
      manual: { [museum.key]: confirmed("P3") },
    });
    expect(after[1].flagged).toBe(false);
    expect(after[1].priorityId).toBe("P3");
    expect(after[1].source).toBe("learned");
    expect(after[1].why).toMatch(
      /^like the confirmed museums, zoos and cultural institutions programs, tagged to P3/
    );
  });
});

test("a confirmation the plan already explains teaches nothing about the program's other functions", () => {
  // "Police Museum" confirmed under the safety priority: the priority's own words cover police work, which explains
  // the confirmation; it says nothing about where museums belong, so another department's museum is not pulled there.
  const policeMuseum = line({ department: "Police", program: "Police Museum" });
  const history = line({
    department: "Parks Department",
    program: "History Museum",
    accountName: "Exhibits",
  });
  const after = tagLines([policeMuseum, history], PLAN, {
    manual: { [policeMuseum.key]: confirmed("P1") },
  });
  expect(after[1].priorityId).not.toBe("P1");
  expect(after[1].why).not.toMatch(/like the confirmed museums/);
  // Confirmed where the plan covers none of its functions, the same program does teach them.
  const museum = line({ department: "Culture", program: "Museum", accountName: "Exhibits" });
  const taught = tagLines([museum, history], PLAN, { manual: { [museum.key]: confirmed("P1") } });
  expect(taught[1].priorityId).toBe("P1");
  expect(taught[1].why).toMatch(
    /^like the confirmed museums, zoos and cultural institutions programs/
  );
});

describe("threshold", () => {
  const lines = [
    line({ department: "Police", program: "Patrol" }),
    line({ department: "Finance", program: "Payroll" }),
  ];

  test("default is 0.35", () => {
    expect(DEFAULT_THRESHOLD).toBe(0.35);
  });

  test("raising it leaves suggestions untagged and uncertain (not flagged: a goal fits); lowering it tags them", () => {
    const strict = tagLines(lines, PLAN, { threshold: 0.999 });
    expect(strict.every((t) => t.source === "none" && t.goals.length === 0 && !t.flagged)).toBe(
      true
    );
    expect(strict[0].why).toMatch(/^not sure enough to tag \(nearest: /);
    expect(strict[0].nearest?.id).toBe("G1.1");
    const loose = tagLines(lines, PLAN, { threshold: 0.01 });
    expect(loose.map((t) => t.goals[0]?.id)).toEqual(["G1.1", "P3"]);
    expect(loose.every((t) => !t.flagged)).toBe(true);
  });

  test("manual and rule tags ignore the threshold", () => {
    const [a, b] = lines;
    const tags = tagLines(lines, PLAN, {
      threshold: 1,
      manual: { [a.key]: confirmed("P3") },
      rules: [{ field: "program", op: "equals", value: "Payroll", target: "G1.2" }],
    });
    expect(tags.map((t) => [t.source, t.goals[0]?.id])).toEqual([
      ["manual", "P3"],
      ["rule", "G1.2"],
    ]);
    expect(b.program).toBe("Payroll");
  });
});

describe("determinism", () => {
  const lines = [
    line({ department: "Police", program: "Patrol" }),
    line({ department: "Police", program: "Records" }),
    line({ department: "Housing", program: "Rental Assistance" }),
    line({ department: "Finance", program: "Payroll" }),
    line({ department: "Parks", program: "Aquatics" }),
  ];

  test("the same input gives the same output", () => {
    expect(tagLines(lines, PLAN)).toEqual(tagLines(lines, PLAN));
  });

  test("programmes of several lines: the department's mean does not depend on which line comes first", () => {
    const many = [
      line({ department: "Public Works", program: "Streets", accountName: "Asphalt" }),
      line({ department: "Public Works", program: "Streets", accountName: "Payroll" }),
      line({ department: "Public Works", program: "Admin", accountName: "Accounting" }),
      line({ department: "Public Works", program: "Admin", accountName: "Shelter beds" }),
      line({ department: "Public Works", program: "Storm Drains" }),
    ];
    const forward = tagLines(many, PLAN);
    const reversed = tagLines(many.slice().reverse(), PLAN).reverse();
    expect(reversed).toEqual(forward);
  });

  test("the order of the lines does not change any line's tag", () => {
    const forward = tagLines(lines, PLAN, { manual: { [lines[0].key]: confirmed("G1.1") } });
    const reversed = tagLines(lines.slice().reverse(), PLAN, {
      manual: { [lines[0].key]: confirmed("G1.1") },
    }).reverse();
    expect(reversed).toEqual(forward);
  });
});

describe("odd keys", () => {
  test("line keys that are names on Object.prototype are ordinary keys", () => {
    const a = line({ key: "constructor", department: "Police", program: "Patrol" });
    const b = line({ key: "toString", department: "Finance", program: "Payroll" });
    const tags = tagLines([a, b], PLAN, { manual: { toString: confirmed("G2.1") } });
    expect(tags.map((t) => [t.key, t.source, t.goals[0]?.id])).toEqual([
      ["constructor", "suggested", "G1.1"],
      ["toString", "manual", "G2.1"],
    ]);
  });
});

describe("a department speaks only as far as its own confirmations agree", () => {
  // One department of several works; "Administration" names no work of its own, so only its department could
  // place it.
  const civic = (program: string) => line({ department: "Civic Services", program });
  const learnedFromDepartment = (confirm: Record<string, string>) => {
    const patrol = civic("Police Patrol");
    const fire = civic("Fire Suppression");
    const shelter = civic("Homeless Shelter");
    const admin = civic("Administration");
    const all = [patrol, fire, shelter, admin];
    const manual: Record<string, ManualTag> = {};
    for (const l of all) if (confirm[l.program]) manual[l.key] = confirmed(confirm[l.program]);
    return { admin: tagLines(all, PLAN, { manual })[3], keys: all.map((l) => programKey(l)) };
  };

  test("one confirmation speaks for its own program only", () => {
    const { admin } = learnedFromDepartment({ "Police Patrol": "G1.1" });
    expect(admin.why).not.toMatch(/Police Patrol/);
    expect(admin.learnedFrom).toBeUndefined();
  });

  test("two that agree teach the department's other programs, and the tag names its confirmation", () => {
    const { admin, keys } = learnedFromDepartment({
      "Police Patrol": "G1.1",
      "Fire Suppression": "G1.2",
    });
    expect(admin.source).toBe("learned");
    expect(admin.priorityId).toBe("P1");
    expect([keys[0], keys[1]]).toContain(admin.learnedFrom);
    expect(admin.why).toMatch(/^like (Police Patrol|Fire Suppression) \(row \d+, confirmed\)/);
  });

  test("confirmations split by function (each work under its own priority) give no department vote", () => {
    const { admin } = learnedFromDepartment({
      "Police Patrol": "G1.1",
      "Homeless Shelter": "G2.1",
    });
    expect(admin.why).not.toMatch(/Police Patrol|Homeless Shelter/);
    expect(admin.learnedFrom).toBeUndefined();
  });
});

test("a tag spread by function names the confirmation it came from, and the answer's figures count it", () => {
  const museum = line({ department: "Culture", program: "Museum", accountName: "Exhibits" });
  const history = line({
    department: "Parks Department",
    program: "History Museum",
    accountName: "Exhibits",
  });
  const after = tagLines([museum, history], PLAN, { manual: { [museum.key]: confirmed("P3") } });
  expect(after[1].source).toBe("learned");
  expect(after[1].learnedFrom).toBe(programKey(museum));
  expect(after[1].why).toMatch(/: learned from Museum \(row \d+, confirmed\)$/);
  const answers = {
    [programKey(museum)]: {
      programKey: programKey(museum),
      department: "Culture",
      program: "Museum",
      response: "Retain — serves goal",
      goalId: "P3",
    },
  };
  expect(computeFigures({ lines: [museum, history], tags: after, answers }).answers.moved).toEqual({
    lines: 1,
    programs: 1,
  });
});

test("a function the plan's words file elsewhere spreads only once two confirmations of that work agree", () => {
  // The plan covers policing under P1 ("Police patrols and investigations"). One police program staff confirm
  // under P3 is that program's case: it teaches nothing to the police programs of other departments. A second that
  // agrees does (the evidence for P3 grows; the plan's own words still lead here).
  const patrol = line({ department: "Police", program: "Police Patrol" });
  const detectives = line({ department: "Police Bureau", program: "Police Investigations" });
  const other = line({ department: "Harbor", program: "Harbor Police Patrol" });
  const lines = [patrol, detectives, other];
  const p3 = (t: LineTag) => t.candidates?.find((c) => c.id === "P3")?.score ?? 0;
  const before = tagLines(lines, PLAN)[2];
  const one = tagLines(lines, PLAN, { manual: { [patrol.key]: confirmed("P3") } })[2];
  expect(p3(one)).toBeCloseTo(p3(before), 6);
  expect(one.why).not.toMatch(/like the confirmed/);
  const two = tagLines(lines, PLAN, {
    manual: { [patrol.key]: confirmed("P3"), [detectives.key]: confirmed("P3") },
  })[2];
  expect(p3(two)).toBeGreaterThan(p3(before) + 0.1);
});

test("a program whose name names no work learns nothing across departments from a resemblance of descriptions", () => {
  // Issue #24 item 3: a confirmation teaches its program, its function across departments and its department. A
  // transfer whose name the taxonomy cannot read shares only budget words ("costs", "funds", "eligible") with a
  // confirmed program of another department, so it is not tagged like that program.
  const it = line({
    department: "Information Technologies",
    program: "Information Technology",
    description:
      "Costs of the technology team: eligible costs, funds and transfers for city systems.",
  });
  const transfer = line({
    department: "Transfers",
    program: "BRSA 2820",
    description: "Transfer of a portion of funds to the district for eligible costs.",
  });
  const [, after] = tagLines([it, transfer], PLAN, { manual: { [it.key]: confirmed("P3") } });
  expect(after.source).not.toBe("learned");
  expect(after.learnedFrom).toBeUndefined();
  expect(after.why).not.toMatch(/Information Technology/);
});
