/**
 * Tokenising and matching stay linear in the length of the text. The stemmer's time grew with the square of a
 * word's length (40,000 letters without a space took 12.7 s, 80,000 took 25.6 s, a 1 MB plan title more than 10
 * minutes). These tests hand it a 1,000,000-letter word and 1 MB texts: linear, they finish in well under a second
 * each; quadratic, they would run for hours, far past the test's timeout. Times themselves are measured in the
 * benchmark, never asserted here. Plan fields past their caps are refused at once with the limit.
 */
import { readPlanJson } from "../../src/core/plan/json";
import { MAX_PLAN_TEXT, MAX_TITLE } from "../../src/core/plan/validate";
import { tagLines } from "../../src/core/tagging/engine";
import { MAX_STEM_LENGTH, stemWord, tokenize } from "../../src/core/tagging/text";
import type { BudgetLine } from "../../src/core/types";

jest.setTimeout(120000);

const MB = 1_000_000;
const WORDS = ["housing", "shelters", "parks", "library", "streets", "youth", "water", "safety"];
/** About `n` characters of words and spaces. */
function spaced(n: number): string {
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; len < n; i++) {
    const w = WORDS[i % WORDS.length];
    parts.push(w);
    len += w.length + 1;
  }
  return parts.join(" ");
}

const line: BudgetLine = {
  key: "k",
  sheet: "Budget",
  row: 2,
  department: "Police",
  division: "",
  program: "Patrol",
  fund: "",
  account: "5110",
  accountName: "",
  description: "Patrol officer salaries",
  amounts: {},
  amount: 100,
};

function planJson(title: string, description: string): string {
  return JSON.stringify({
    name: "Long",
    adopted: "2025-03-01",
    fiscalYearStart: "07-01",
    horizonYears: 5,
    priorities: [
      {
        id: "P1",
        title: "Safe community",
        goals: [
          { id: "G1", title, description },
          { id: "G2", title: "Prevent crime", keywords: ["police", "patrol"] },
        ],
      },
    ],
  });
}

test("a 1,000,000-letter word is one token, kept as it is (not stemmed)", () => {
  const word = "a".repeat(MB);
  const tokens = tokenize(word);
  expect(tokens).toHaveLength(1);
  expect(tokens[0].word.length).toBe(MB);
  expect(tokens[0].stem).toBe(tokens[0].word);
  // Words of ordinary length are still stemmed; the longest stemmed word is the cap.
  expect(stemWord("shelters")).toBe("shelter");
  const atCap = "abc".repeat((MAX_STEM_LENGTH - 1) / 3) + "s";
  expect([atCap.length, stemWord(atCap)]).toEqual([MAX_STEM_LENGTH, atCap.slice(0, -1)]);
  expect(stemWord(atCap + "s")).toBe(atCap + "s");
});

test("1 MB of words: every word is tokenised", () => {
  const text = spaced(MB);
  const tokens = tokenize(text);
  expect(tokens.length).toBe(text.split(" ").length);
  expect(tokens.slice(0, 3).map((t) => t.stem)).toEqual(["hous", "shelter", "park"]);
});

test("a plan with a 1 MB title and description is refused at once, naming the fields and the limits", () => {
  const read = readPlanJson(planJson(spaced(MB), spaced(MB)), "long.json");
  expect(read.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([
    `long.json: priorities[0].goals[0].title (the title of goal "G1") is ${spaced(MB).length.toLocaleString("en-US")} characters long; it can have at most ${MAX_TITLE.toLocaleString("en-US")}. Shorten it.`,
    `long.json: priorities[0].goals[0].description (the description of goal "G1") is ${spaced(MB).length.toLocaleString("en-US")} characters long; it can have at most ${MAX_PLAN_TEXT.toLocaleString("en-US")}. Shorten it.`,
  ]);
});

test("tagging against 1 MB goal texts (with and without spaces) finishes and still finds the right goal", () => {
  for (const text of [spaced(MB), "b".repeat(MB)]) {
    const plan = readPlanJson(planJson(text.slice(0, MAX_TITLE), text)).plan!;
    const [tag] = tagLines([line], plan, {});
    expect(tag.goals.map((g) => g.id)).toEqual(["G2"]);
  }
});
