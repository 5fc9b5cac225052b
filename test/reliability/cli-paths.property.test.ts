/**
 * The budget, --plan, --out and --json must be four different files. fast-check names the same few files in many
 * spellings — absolute, relative to the working folder, through "sub/..", through a linked folder, through a
 * symbolic link and a hard link — and hands them to the CLI in random roles. Whenever two roles lead to one file
 * the run stops before reading anything (exit 2, one line naming the two); whatever happens, no input file and no
 * file outside --out and --json changes by a byte.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { main } from "../../src/cli/main";
import { planToJson } from "../../src/core/plan/json";
import { samplePlan } from "../../samples/sample-plan";
import { budgetSheet, planSheet } from "./books";
import { writeBook } from "./write-book";

jest.setTimeout(180000);

/** The real files; "new" is a name nothing exists at yet. */
const TARGETS = [
  "budget.xlsx",
  "plan.json",
  "plan.xlsx",
  "old-result.xlsx",
  "old-report.json",
  "new",
] as const;
type Target = (typeof TARGETS)[number];
/** Ways of spelling a path to a target. */
const SPELLINGS = [
  "absolute",
  "relative",
  "dotdot",
  "linked-folder",
  "symlink",
  "hardlink",
] as const;
type Spelling = (typeof SPELLINGS)[number];

const ROLE_NAMES = {
  budget: "the budget workbook",
  plan: "the plan (--plan)",
  out: "the result (--out)",
  json: "the JSON report (--json)",
} as const;
type Role = keyof typeof ROLE_NAMES;

let dir: string;
const original = new Map<string, Buffer>();

beforeAll(async () => {
  dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-paths-")));
  await fs.mkdir(path.join(dir, "sub"));
  await fs.mkdir(path.join(dir, "links"));
  await fs.symlink(dir, path.join(dir, "alias"));
  await writeBook(path.join(dir, "budget.xlsx"), [budgetSheet(), planSheet()]);
  await writeBook(path.join(dir, "plan.xlsx"), [planSheet()]);
  await fs.writeFile(path.join(dir, "plan.json"), JSON.stringify(planToJson(samplePlan)));
  await fs.copyFile(path.join(dir, "budget.xlsx"), path.join(dir, "old-result.xlsx"));
  await fs.writeFile(path.join(dir, "old-report.json"), '{"earlier":"report"}');
  for (const t of TARGETS) {
    if (t === "new") continue;
    original.set(t, await fs.readFile(path.join(dir, t)));
    await linkAll(t);
  }
});

async function linkAll(t: Target): Promise<void> {
  const sym = path.join(dir, "links", `sym-${t}`);
  const hard = path.join(dir, "links", `hard-${t}`);
  await fs.rm(sym, { force: true });
  await fs.rm(hard, { force: true });
  await fs.symlink(path.join(dir, t), sym);
  await fs.link(path.join(dir, t), hard);
}

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

let fresh = 0;
function spell(target: Target, how: Spelling, role: Role): string {
  // Each role's "new" file is a file of its own: two roles naming "new" collide only when they share a name.
  const name =
    target === "new" ? `new-${role}-${fresh}.${role === "json" ? "json" : "xlsx"}` : target;
  const abs = path.join(dir, name);
  const exists = target !== "new";
  switch (how) {
    case "absolute":
      return abs;
    case "relative":
      return path.relative(process.cwd(), abs);
    case "dotdot":
      return `${dir}/sub/../${name}`;
    case "linked-folder":
      return path.join(dir, "alias", name);
    case "symlink":
      return exists ? path.join(dir, "links", `sym-${name}`) : abs;
    case "hardlink":
      return exists ? path.join(dir, "links", `hard-${name}`) : abs;
  }
}

const choice = (targets: readonly Target[]) =>
  fc.record({ target: fc.constantFrom(...targets), how: fc.constantFrom(...SPELLINGS) });

const command = fc.record({
  budget: choice(["budget.xlsx", "plan.xlsx"]),
  plan: fc.option(choice(TARGETS), { nil: undefined }),
  out: choice(TARGETS),
  json: fc.option(choice(TARGETS), { nil: undefined }),
});

async function snapshot(): Promise<Map<string, Buffer>> {
  const m = new Map<string, Buffer>();
  for (const t of TARGETS) if (t !== "new") m.set(t, await fs.readFile(path.join(dir, t)));
  return m;
}

test("random path collisions: refused before reading, exit 2, one line naming the two; nothing else changes", async () => {
  let refused = 0;
  let ran = 0;
  await fc.assert(
    fc.asyncProperty(command, async (cmd) => {
      fresh++;
      const roles = (["budget", "plan", "out", "json"] as const).filter(
        (r) => cmd[r] !== undefined
      );
      const args: string[] = [];
      const file = {} as Record<Role, string>;
      for (const r of roles) {
        const c = cmd[r]!;
        file[r] = spell(c.target, c.how, r);
        if (r === "budget") args.unshift(file[r]);
        else args.push(`--${r}`, file[r]);
      }
      // The first pair (in the order budget, plan, out, json) naming one file, worked out from the targets.
      let pair: [Role, Role] | null = null;
      for (let i = 0; i < roles.length && !pair; i++)
        for (let j = i + 1; j < roles.length && !pair; j++)
          if (
            file[roles[i]] === file[roles[j]] ||
            (cmd[roles[i]]!.target === cmd[roles[j]]!.target && cmd[roles[i]]!.target !== "new")
          )
            pair = [roles[i], roles[j]];

      const before = await snapshot();
      let err = "";
      const code = await main(
        [...args, "--today", "2026-11-23"],
        () => undefined,
        (s) => (err += s + "\n")
      );
      const after = await snapshot();
      // Only --out and --json of a run that was not refused may change; the inputs never do.
      const written = new Set<string>(
        (["out", "json"] as const)
          .filter((r) => cmd[r] !== undefined && !pair)
          .map((r) => cmd[r]!.target)
      );
      for (const [t, bytes] of before)
        if (!written.has(t as Target))
          expect({ t, same: after.get(t)!.equals(bytes) }).toEqual({ t, same: true });

      if (pair) {
        refused++;
        const [a, b] = pair;
        const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
        expect(code).toBe(2);
        expect(err.trim().split("\n")).toHaveLength(1);
        expect(err.trim()).toMatch(
          new RegExp(
            `^budget-align: ${escape(cap(ROLE_NAMES[b]))} and ${escape(ROLE_NAMES[a])} are the same file \\(.+\\)\\. ` +
              "The budget workbook, --plan, --out and --json must be four different files, so nothing you gave is written over\\.$"
          )
        );
      } else {
        ran++;
        expect([0, 1]).toContain(code);
      }
      // Put back what a run may legitimately have written (a save through a link replaces the link), for the next case.
      for (const t of TARGETS) {
        if (t === "new") continue;
        if (!after.get(t)!.equals(original.get(t)!)) {
          await fs.rm(path.join(dir, t), { force: true });
          await fs.writeFile(path.join(dir, t), original.get(t)!);
        }
        await linkAll(t);
      }
    }),
    { numRuns: 40 }
  );
  // Both kinds of case were tried.
  expect(refused).toBeGreaterThan(4);
  expect(ran).toBeGreaterThan(4);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("each way of naming one file twice", () => {
  const cases: [string, (d: string) => string[], string][] = [
    [
      "--json is the budget (it used to overwrite the workbook with JSON)",
      (d) => [path.join(d, "budget.xlsx"), "--json", path.join(d, "budget.xlsx")],
      `The JSON report (--json) and the budget workbook are the same file ("DIR/budget.xlsx").`,
    ],
    [
      "--out is the --plan workbook",
      (d) => [
        path.join(d, "budget.xlsx"),
        "--plan",
        path.join(d, "plan.xlsx"),
        "--out",
        path.join(d, "plan.xlsx"),
      ],
      `The result (--out) and the plan (--plan) are the same file ("DIR/plan.xlsx").`,
    ],
    [
      "--json is --out",
      (d) => [
        path.join(d, "budget.xlsx"),
        "--out",
        path.join(d, "r.xlsx"),
        "--json",
        path.join(d, "r.xlsx"),
      ],
      `The JSON report (--json) and the result (--out) are the same file ("DIR/r.xlsx").`,
    ],
    [
      "--out through a symbolic link to the budget",
      (d) => [path.join(d, "budget.xlsx"), "--out", path.join(d, "links", "sym-budget.xlsx")],
      `The result (--out) and the budget workbook are the same file ("DIR/links/sym-budget.xlsx" leads to "DIR/budget.xlsx").`,
    ],
    [
      "--out a hard link to the budget",
      (d) => [path.join(d, "budget.xlsx"), "--out", path.join(d, "links", "hard-budget.xlsx")],
      `The result (--out) and the budget workbook are the same file ("DIR/links/hard-budget.xlsx" leads to "DIR/budget.xlsx").`,
    ],
    [
      "--json the --plan file through a linked folder",
      (d) => [
        path.join(d, "budget.xlsx"),
        "--plan",
        path.join(d, "plan.json"),
        "--json",
        path.join(d, "alias", "plan.json"),
      ],
      `The JSON report (--json) and the plan (--plan) are the same file ("DIR/alias/plan.json" leads to "DIR/plan.json").`,
    ],
    [
      "--init-plan with --out the input",
      (d) => [path.join(d, "budget.xlsx"), "--init-plan", "--out", `${d}/sub/../budget.xlsx`],
      `The result (--out) and the budget workbook are the same file ("DIR/sub/../budget.xlsx" leads to "DIR/budget.xlsx").`,
    ],
  ];
  test.each(cases)("%s: exit 2, one line, nothing changed", async (_what, args, first) => {
    const before = await snapshot();
    let out = "";
    let err = "";
    const code = await main(
      args(dir),
      (s) => (out += s),
      (s) => (err += s + "\n")
    );
    expect({ code, out, err: err.trim().split(dir).join("DIR") }).toEqual({
      code: 2,
      out: "",
      err:
        `budget-align: ${first} The budget workbook, --plan, --out and --json must be four different files, ` +
        "so nothing you gave is written over.",
    });
    const after = await snapshot();
    for (const [t, bytes] of before) expect(after.get(t)!.equals(bytes)).toBe(true);
  });
});
