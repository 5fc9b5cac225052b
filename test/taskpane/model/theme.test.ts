import { isDarkBackground } from "../../../src/taskpane/model/theme";

describe("isDarkBackground", () => {
  it("reads Office's body background colours", () => {
    expect(isDarkBackground("#262626")).toBe(true); // Office dark grey / black themes
    expect(isDarkBackground("#FFFFFF")).toBe(false); // white / colorful
    expect(isDarkBackground("#E6E6E6")).toBe(false); // light grey
    expect(isDarkBackground("1f1f1f")).toBe(true);
  });
  it("treats missing or odd values as light", () => {
    expect(isDarkBackground(undefined)).toBe(false);
    expect(isDarkBackground("")).toBe(false);
    expect(isDarkBackground("rgb(0,0,0)")).toBe(false);
  });
});
