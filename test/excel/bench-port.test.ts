/** The bench's port measurement runs and reports real counts. */
import { benchPort } from "./bench-port";
import { budgetValues } from "./helpers";

const MB4 = 4 * 1024 * 1024;

test.each([1000, 100000])(
  "benchPort over %i budget rows",
  async (rows) => {
    const r = await benchPort(budgetValues(rows));
    expect(r.readSyncs).toBeGreaterThanOrEqual(2);
    expect(r.writeSyncs).toBeGreaterThanOrEqual(3);
    expect(r.syncs).toBe(r.readSyncs + r.writeSyncs);
    expect(r.largestRequestBytes).toBeLessThanOrEqual(MB4);
    expect(r.largestResponseBytes).toBeLessThanOrEqual(MB4);
    expect(r.syncs).toBeLessThanOrEqual(
      Math.ceil(r.bytesRead / MB4) + Math.ceil(r.bytesWritten / MB4) + 6
    );
  },
  60000
);
