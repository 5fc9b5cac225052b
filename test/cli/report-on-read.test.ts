/**
 * alignFile builds its JSON report (a record per line) only when the report is read: a run without --json makes none
 * (issue #29's fifth speed round). The report read afterwards must be the one --json writes, built once.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { alignFile } from "../../src/cli/run";
import * as reportJson from "../../src/core/reports/report-json";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");
const input = path.join(root, "samples", "sample-budget.xlsx");

describe("the JSON report of alignFile", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-on-read-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is built when read, once, and is the report --json writes", async () => {
    // Every JSON report starts with the plan's part (planJson): its calls count the reports built.
    const build = jest.spyOn(reportJson, "planJson");
    const json = path.join(dir, "with.json");
    await alignFile({ input, out: path.join(dir, "with.xlsx"), json, today: "2026-11-22" });
    expect(build).toHaveBeenCalledTimes(1);
    const written = JSON.parse(fs.readFileSync(json, "utf8"));

    build.mockClear();
    const res = await alignFile({
      input,
      out: path.join(dir, "without.xlsx"),
      today: "2026-11-22",
    });
    expect(build).not.toHaveBeenCalled();
    const first = res.report;
    expect(res.report).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
    // The runs' clocks differ only in when a decision was first seen.
    const clock = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g;
    expect(JSON.stringify(first).replace(clock, "T")).toBe(
      JSON.stringify(written).replace(clock, "T")
    );
    expect(first.lines.length).toBeGreaterThan(0);
    build.mockRestore();
  });
});
