import fc from "fast-check";
import { shareText } from "../../src/core/share";

describe("shareText", () => {
  it("never says 100% while any money is left out", () => {
    expect(shareText(145_336_931, 145_442_136)).toBe("99.9%");
    expect(shareText(99.96, 100)).toBe("99.9%");
    expect(shareText(100, 100)).toBe("100%");
    expect(shareText(75, 100)).toBe("75.0%");
    expect(shareText(0, 100)).toBe("0.0%");
    expect(shareText(5, 0)).toBe("0%");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 1, max: 1e6 }),
        (whole, gap) => {
          const part = Math.max(0, whole - gap);
          return shareText(part, whole) !== "100%" && !shareText(part, whole).startsWith("100.");
        }
      )
    );
  });
});
