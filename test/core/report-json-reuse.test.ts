/**
 * writeReports builds the JSON report from the report context and program inventory it already computed for the
 * sheets (a speed matter, issue #29). The report must be exactly the one computed from scratch for the same
 * analysis and the state it wrote, on the sample (with its measures and answers) and on a real city's budget.
 */
import * as path from "path";
import { analyse, buildReportJson, writeReports } from "../../src/core/workflow";
import { PackagePort } from "../../src/xlsx/package-port";
import { loadPlanFile } from "../../src/cli/run";

const ROOT = path.resolve(__dirname, "..", "..");

async function reportBothWays(input: string, planFile?: string) {
  const port = await PackagePort.open(input);
  const given = planFile ? await loadPlanFile(planFile) : undefined;
  const analysis = await analyse(port, {
    today: "2026-11-22",
    plan: given?.plan,
    planIssues: given?.issues,
  });
  expect(analysis.ok).toBe(true);
  const written = await writeReports(port, analysis);
  const fresh = buildReportJson({ ...analysis, state: written.state });
  return { reused: written.report, fresh };
}

describe("the JSON report writeReports returns", () => {
  it("is the report computed from scratch, on the sample", async () => {
    const { reused, fresh } = await reportBothWays(
      path.join(ROOT, "samples", "sample-budget.xlsx")
    );
    expect(reused.lines.length).toBe(549);
    expect((reused.measures as unknown[]).length).toBeGreaterThan(0);
    expect(reused.midYear).not.toBeNull();
    expect(reused).toEqual(fresh);
  });

  it("is the report computed from scratch, on Missoula's budget and plan", async () => {
    const { reused, fresh } = await reportBothWays(
      path.join(ROOT, "eval", "fixtures", "missoula.xlsx"),
      path.join(ROOT, "eval", "fixtures", "missoula.plan.json")
    );
    expect(reused.lines.length).toBe(378);
    expect((reused.review as unknown[]).length).toBeGreaterThan(0);
    expect(reused).toEqual(fresh);
  }, 60_000);
});
