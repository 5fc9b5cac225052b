/**
 * Bulk accept on the sample workbook: the level offered first is the safe one (the engine's expected precision
 * there 95% or more), where the pane used to offer 80% to everyone. On 2026-12-07 (main at 9f41f2b): 90%, 13
 * programs, 147 lines, $41,205,505, expected 95.1% right — where 80% would take 20 programs, 226 lines and
 * $65,201,613 at an expected 91.8%. The figures move with the engine; what is tested is what must hold.
 */
import * as path from "path";
import { analyse } from "../../../src/core/workflow";
import { XlsxPort } from "../../../src/xlsx/port";
import { acceptLevels, acceptPreview, SAFE_PRECISION } from "../../../src/taskpane/model/bulk";
import { NO_FILTERS } from "../../../src/taskpane/model/view";

jest.setTimeout(120_000);

test("on the sample, the level offered first is the lowest at which the engine expects 95% right", async () => {
  const port = await XlsxPort.open(path.join(__dirname, "../../../samples/sample-budget.xlsx"));
  const a = await analyse(port, { today: "2026-11-22" });
  const l = acceptLevels(a.budget.lines, a.tags, NO_FILTERS);
  expect(l.safe).not.toBeNull();
  const safe = l.levels[0];
  expect(safe.min).toBe(l.safe);
  expect(safe.lines).toBeGreaterThan(0);
  expect(safe.precision).toBeGreaterThanOrEqual(SAFE_PRECISION);
  // Every lower level offered expects fewer right.
  for (const lower of l.levels.slice(1)) expect(lower.precision).toBeLessThan(SAFE_PRECISION);
  // The list it shows before accepting is what it accepts: every program's lines at the level or above.
  const preview = acceptPreview(a.budget.lines, a.tags, NO_FILTERS, safe.min);
  expect(preview).toHaveLength(safe.programs);
  expect(preview.reduce((n, p) => n + p.lines, 0)).toBe(safe.lines);
  expect(preview.every((p) => p.confidence >= safe.min)).toBe(true);
  // The sample has 2 confirmed lines: the confidences are still the engine's calibration on other cities.
  expect(l.basis).toMatch(/^Confidence from the engine's calibration on other cities/);
});
