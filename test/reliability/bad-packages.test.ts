/**
 * The bad-input corpus, package part: every fixture of kind "package" in test/fixtures/bad/ is the standard budget
 * workbook damaged as the fixture says (test/fixtures/bad/packages.ts). `budget-align` must stop with exactly the
 * stored one-line message naming the part, entry or cell, the stored exit code, the input untouched and no output
 * (nor a temporary file) left behind.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../cli/run-cli";
import { damagedPackage, type Damage } from "../fixtures/bad/packages";
import { corpusFixtures } from "../fixtures/bad/fixtures";

interface PackageFixture {
  id: string;
  what: string;
  kind: "package";
  damage: Damage;
  expect: { code: number; message: string };
}

const fixtures = corpusFixtures<PackageFixture>(["package"]);

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "bad-packages-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("the corpus has the damaged packages", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(8);
});

describe.each(fixtures.map((f) => [`${f.id}: ${f.what}`, f] as const))("%s", (_name, f) => {
  test("stops with the stored message; the input is untouched and nothing is written", async () => {
    const input = path.join(dir, `${f.id}.xlsx`);
    const data = await damagedPackage(f.damage);
    await fs.writeFile(input, data);
    const out = path.join(dir, `${f.id}.out.xlsx`);
    const {
      code,
      out: stdout,
      err: stderr,
    } = await runCli([input, "--out", out, "--today", "2026-11-23"]);
    const got = { code, message: stderr.trim() };
    if (process.env.T6_DUMP) {
      await fs.mkdir("/tmp/t6-outcomes", { recursive: true });
      await fs.writeFile(`/tmp/t6-outcomes/${f.id}.json`, JSON.stringify(got, null, 1));
    }
    expect(got).toEqual(f.expect);
    expect(stdout).toBe("");
    expect((await fs.readFile(input)).equals(data)).toBe(true);
    const left = (await fs.readdir(dir)).filter((n) => n.startsWith(`${f.id}.out`));
    expect(left).toEqual([]);
  }, 60000);
});
