/**
 * `--columns role="Header",…` corrects the detected columns as the pane's Budget step does, and is kept in the
 * workbook's state, so the next run (and the pane) read the budget the same way without being told again.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";
import type { ReportJson } from "../../src/core/types";
import { XlsxPort } from "../../src/xlsx/port";
import { planSheet } from "./books";
import { writeBook } from "./write-book";

jest.setTimeout(60000);

let dir: string;
let file: string;
let before: Buffer;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-columns-"));
  file = path.join(dir, "portland-like.xlsx");
  // As a Portland export: the service area comes first and reads as the department; the bureau is the department.
  await writeBook(file, [
    {
      name: "Budget",
      values: [
        ["Service Area", "Bureau Name", "Program", "Description", "FY 2026-27 Proposed"],
        ["Public Safety", "Police Bureau", "Patrol", "Patrol officer salaries", 1500000],
        ["Public Safety", "Fire & Rescue", "Suppression", "Firefighter salaries", 1200000],
        ["Parks & Culture", "Parks & Recreation", "Trails", "Trail resurfacing", 95000],
      ],
    },
    planSheet(),
  ]);
  before = await fs.readFile(file);
});
afterAll(async () => {
  expect((await fs.readFile(file)).equals(before)).toBe(true);
  await fs.rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const { code, out, err } = await runCli([...args, "--today", "2026-11-23"]);
  return { code, out: out.trim(), err: err.trim() };
}

const departments = async (json: string) =>
  (JSON.parse(await fs.readFile(json, "utf8")) as ReportJson).lines.map((l) => l.department);

test("the bureau becomes the department, and the next run keeps it without being told", async () => {
  const plain = path.join(dir, "plain.json");
  expect((await run(file, "--out", path.join(dir, "plain.xlsx"), "--json", plain)).code).toBe(0);
  expect(await departments(plain)).toEqual(["Public Safety", "Public Safety", "Parks & Culture"]);

  const out = path.join(dir, "bureau.xlsx");
  const json = path.join(dir, "bureau.json");
  const r = await run(
    file,
    "--columns",
    'department="Bureau Name",program=Program',
    "--out",
    out,
    "--json",
    json
  );
  expect(r.code).toBe(0);
  expect(await departments(json)).toEqual(["Police Bureau", "Fire & Rescue", "Parks & Recreation"]);
  // Kept in the workbook's state, by sheet and column letter, as the pane keeps its own corrections.
  const state = await (await XlsxPort.open(out)).readState();
  expect(state.columnOverrides).toEqual({ Budget: { B: "department", C: "program" } });

  const again = path.join(dir, "again.json");
  expect((await run(out, "--out", path.join(dir, "again.xlsx"), "--json", again)).code).toBe(0);
  expect(await departments(again)).toEqual([
    "Police Bureau",
    "Fire & Rescue",
    "Parks & Recreation",
  ]);
});

test.each([
  [
    "an unknown role",
    "bureau=Bureau Name",
    2,
    'budget-align: --columns: "bureau" is not a column role. The roles are: department, division, program, fund, account, accountName, description, amount, goal, fte, ignore.',
  ],
  [
    "not role=header",
    "Bureau Name",
    2,
    'budget-align: --columns must be written role="Column header",… (for example --columns department="Bureau Name",program="Program"), not "Bureau Name".',
  ],
  [
    "a header no sheet has",
    'department="Bureau"',
    1,
    'budget-align: portland-like.xlsx: --columns: no budget sheet has a column headed "Bureau". The headers are: "Service Area", "Bureau Name", "Program", "Description", "FY 2026-27 Proposed".',
  ],
])("%s: refused in plain words", async (_what, value, code, err) => {
  expect(await run(file, "--columns", value, "--out", path.join(dir, "never.xlsx"))).toEqual({
    code,
    out: "",
    err,
  });
});
