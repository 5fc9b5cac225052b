#!/usr/bin/env node
/**
 * Browser check of the pane's Measures step (`node test/browser/measures.js`, `--no-build` to reuse the last
 * dist/browser-test): the built test page in headless Debian Chromium, 350 px wide as Excel's task pane opens, over
 * the sample workbook held by the in-memory fake of the Excel JavaScript API, through the real Excel port. It opens
 * the Measures step, checks that no measure without data shows as met, enters a quarter's actual (the status shown
 * as it is typed; the Measures sheet's cell written, the budget untouched), adds a measure to a goal (a new row on
 * the Measures sheet), and saves a screenshot at the pane's width to docs/screenshots/6-measures.png.
 *
 * Prints `N passed, N failed` and exits non-zero on failure.
 */
"use strict";
const path = require("path");
const { runPageChecks, root } = require("./harness");

const TODAY = "2026-11-22"; // FY27, second quarter (the sample's July fiscal year)
const shots = path.join(root, "docs", "screenshots");

const results = [];
function check(name, ok, detail) {
  results.push({ name, ok: Boolean(ok) });
  console.log(
    `${ok ? "ok  " : "FAIL"} ${name}${!ok && detail !== undefined ? ` — ${typeof detail === "string" ? detail : JSON.stringify(detail)}` : ""}`
  );
}

const workbook = (page, expr, ...args) =>
  page.evaluate(
    ([e, a]) => new Function("wb", "args", `return ${e}`)(window.__workbook, a),
    [expr, args]
  );

async function measuresStep(page) {
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(`/taskpane.html?today=${TODAY}`);
  await page.getByRole("tree", { name: /Plan: priorities/ }).waitFor();
  const budgetBefore = JSON.stringify(await workbook(page, "wb.values('Budget')"));

  await page.getByRole("tab", { name: "Measures", exact: true }).click();
  const status = page.getByRole("status").filter({ hasText: /^Measures \(FY27 so far/ });
  await status.waitFor();
  const line = (await status.textContent()) || "";
  check(
    "measures: the step says the counts by status, as the CLI summary does",
    /^Measures \(FY27 so far, \d+ measures\): \d+ met, \d+ near, \d+ missed, \d+ no data/.test(
      line
    ),
    line
  );
  const headers = await page.locator(".fui-AccordionHeader__button").allTextContents();
  check(
    "measures: every goal of the plan is listed, with its measures' counts",
    headers.length >= 10 && headers.some((h) => /\d+ measures?: \d+ met/.test(h)),
    headers.slice(0, 3)
  );
  const cards = page.getByRole("region", { name: /^Measure / });
  const texts = await cards.allTextContents();
  const noDataGreen = texts.filter((t) => /no actual yet/.test(t) && /✔ met/.test(t));
  check(
    "measures: a measure with no actual never shows as met",
    texts.length > 0 && noDataGreen.length === 0,
    { cards: texts.length, noDataGreen }
  );

  // Enter this quarter's actual for the first measure that can take one.
  const card = cards
    .filter({ has: page.getByRole("textbox", { name: /^FY27 Q2 actual of / }) })
    .first();
  const label = (await card.getAttribute("aria-label")) || "";
  const id = label.replace(/^Measure /, "");
  const input = card.getByRole("textbox", { name: `FY27 Q2 actual of ${id}` });
  await input.fill("42");
  const preview = (await card.getByText(/^Would be /).textContent()) || "";
  check(
    "measures: the status an actual would give is shown as it is typed",
    /^Would be (met|near|missed|no data|direction not set): /.test(preview),
    preview
  );
  await card.getByRole("button", { name: "Save" }).click();
  await page.getByText(`FY27 Q2 actual of ${id} saved in Measures!`, { exact: false }).waitFor();
  const sheet = await workbook(page, "wb.values('Measures')");
  const headerRow = sheet.findIndex((r) => r.includes("FY27 Q2 Actual"));
  const col = sheet[headerRow].indexOf("FY27 Q2 Actual");
  const row = sheet.find((r) => r[0] === id);
  check(
    "measures: the actual is written into the measure's FY27 Q2 Actual cell",
    row && row[col] === 42,
    { id, value: row && row[col] }
  );
  check(
    "measures: entering an actual never touches the budget",
    JSON.stringify(await workbook(page, "wb.values('Budget')")) === budgetBefore
  );

  // Add a measure to the first goal.
  const rowsBefore = sheet.length;
  await page
    .getByRole("button", { name: /^Add a measure to / })
    .first()
    .click();
  const form = page.getByRole("form", { name: "Add a measure" });
  const goal = await form
    .getByRole("combobox", { name: "Goal or action it measures" })
    .inputValue();
  await form.getByRole("textbox", { name: "Measure" }).fill("Residents reached by safety outreach");
  await form.getByRole("combobox", { name: "Unit" }).fill("count");
  await form.getByRole("textbox", { name: "FY27 target" }).fill("2,400");
  await form.getByRole("combobox", { name: "Direction" }).click();
  await page.getByRole("option", { name: "increase — higher is better" }).click();
  await form.getByRole("combobox", { name: "Interval" }).click();
  await page.getByRole("option", { name: "cumulative — adds up over the year" }).click();
  await form.getByRole("button", { name: "Add measure" }).click();
  await page.getByText(/added to Measures!A\d+/).waitFor();
  const after = await workbook(page, "wb.values('Measures')");
  const added = after[after.length - 1];
  check(
    "measures: the new measure is a row appended to the Measures sheet, with its goal and target",
    after.length === rowsBefore + 1 &&
      added.includes("Residents reached by safety outreach") &&
      added.includes(goal.split(" ")[0]) &&
      added.includes(2400),
    { goal, added }
  );
  check(
    "measures: the rows already there are as they were (apart from the actual entered)",
    JSON.stringify(after.slice(0, rowsBefore)) === JSON.stringify(sheet)
  );
  const shown =
    (await page
      .getByRole("status")
      .filter({ hasText: /^Measures \(/ })
      .textContent()) || "";
  check(
    "measures: the pane reads the new measure back (one more measure counted)",
    Number(/, (\d+) measures\)/.exec(shown)?.[1]) ===
      Number(/, (\d+) measures\)/.exec(line)?.[1]) + 1,
    { before: line, after: shown }
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  // The measures' list draws the cards in view after a scroll: the picture waits for the first card's entry box and a
  // painted frame (taken at once, it once showed the goal's heading with no card under it).
  await page.getByRole("button", { name: "Save" }).first().waitFor();
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))
  );
  await page.screenshot({ path: path.join(shots, "6-measures.png"), fullPage: false });
  check("measures: no script errors", problems.length === 0, problems.slice(0, 3));
}

runPageChecks(
  {
    name: "measures step",
    shot: "measures",
    viewport: { width: 350, height: 1100 },
    fullPage: true,
    results,
    check,
  },
  measuresStep
);
