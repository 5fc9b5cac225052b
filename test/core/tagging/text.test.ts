import { stems, tokenize } from "../../../src/core/tagging/text";

describe("tokenize", () => {
  test("expands budget abbreviations and drops stop words and numbers", () => {
    expect(tokenize("Street Maint. O&M 2026").map((t) => t.word)).toEqual([
      "street",
      "maintenance",
      "operations",
      "maintenance",
    ]);
    expect(tokenize("IT Services").map((t) => t.word)).toEqual([
      "information",
      "technology",
      "services",
    ]);
    expect(tokenize("it is the fund").map((t) => t.word)).toEqual([]);
  });

  test("words that are names on Object.prototype are ordinary words", () => {
    expect(tokenize("toString constructor valueOf hasOwnProperty").map((t) => t.word)).toEqual([
      "tostring",
      "constructor",
      "valueof",
      "hasownproperty",
    ]);
    expect(stems("Constructor & toString")).toEqual(["constructor", "tostr"]);
  });
});

describe("stems that would merge different meanings", () => {
  test("parking is not parks, custodial is not custody, electrical is not electric", () => {
    expect(stems("Parking Parks")).toEqual(["parking", "park"]);
    expect(stems("Custodial Custody")).toEqual(["custodial", "custodi"]);
    expect(stems("Electrical Electric")).toEqual(["electrical", "electr"]);
  });
  test.each([
    ["Office", "Officers"],
    ["Traffic Control", "Controller"],
    ["Hospital", "Hospitality"],
    ["Emergency Response", "Fiscal Responsibility"],
    ["Transit", "Transitional"],
    ["Waste Diversion", "Diversity"],
    ["Digital Transformation", "Transformers"],
    ["Accounting", "Accountability"],
    ["Organics Collection", "Organizations"],
    ["Corrections", "Correcting Records"],
    ["Land Use Planning", "Health Plan"],
  ])("'%s' and '%s' share no stem", (a, b) => {
    const left = new Set(stems(a));
    expect(stems(b).filter((s) => left.has(s))).toEqual([]);
  });
  test("the plural and singular of each kept word still meet", () => {
    expect(stems("officer controller transformer")).toEqual(
      stems("officers controllers transformers")
    );
  });
});
