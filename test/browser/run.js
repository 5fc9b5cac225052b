#!/usr/bin/env node
/**
 * Browser tests: build the task pane's test page (webpack --env browserTest), serve it on 127.0.0.1, open it in
 * headless Debian Chromium with playwright-core, and drive the whole flow by clicks and keys over the sample
 * workbook (samples/sample-budget.xlsx, converted with exceljs by harness.js) held by the in-memory fake of the Excel
 * JavaScript API (test/fake-excel), which the real Excel port (src/excel/port.ts) talks to. Asserts what the workbook ends up with, and
 * saves a screenshot of each step to docs/screenshots/ (used in the README).
 *
 * Then the 100,000-line run (the bench's generated budget with the sample's plan): the pane reads, tags, shows,
 * retags and writes the reports — the core runs in a Web Worker — and Cancel must leave the pane and the workbook as
 * they were. The run's longest main-thread task (Long Tasks API) is printed; the 200 ms target on it is a speed
 * goal, so it is judged by `npm run bench` (which runs `--only-longtasks`: just that part, judged), never by
 * `npm test`, where a busy machine would fail it. `--longtasks-json <file>` writes its figures, `LONGTASKS=0` skips
 * the run.
 *
 * Prints `N passed, N failed` and exits non-zero on failure.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const { build, sampleSheets, serve, outDir, root, CHROMIUM } = require("./harness");

const shots = path.join(root, "docs", "screenshots");
const TODAY = "2026-11-22";

// ------------------------------------------------------------------------------------------------
// Checks

const results = [];
function check(name, ok, detail) {
  results.push({ name, ok: Boolean(ok) });
  console.log(
    `${ok ? "ok  " : "FAIL"} ${name}${!ok && detail !== undefined ? ` — ${typeof detail === "string" ? detail : JSON.stringify(detail)}` : ""}`
  );
}

let currentPage = null;
const failShots = path.join(__dirname, "screenshots");

/** Runs one step; a step that throws fails with its message, and leaves a screenshot (git-ignored) to look at. */
async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    check(name, false, err && err.message ? err.message.split("\n")[0] : String(err));
    if (currentPage) {
      fs.mkdirSync(failShots, { recursive: true });
      const file = path.join(failShots, `${name.replace(/[^a-z0-9]+/gi, "-")}.tmp.png`);
      await currentPage.screenshot({ path: file }).catch(() => undefined);
      console.log(`     screenshot: ${path.relative(root, file)}`);
    }
  }
}

/**
 * Text that does not fit where it is shown at the page's width: a badge, button, tab or label whose text is wider
 * than its box (unless it ends in an ellipsis on purpose and says its whole text in a tooltip), or anything reaching
 * past the right edge of the pane. Returns what is clipped, in words.
 */
function clippedAt(page) {
  return page.evaluate(() => {
    const out = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1)
      out.push(
        `the page scrolls sideways (${document.documentElement.scrollWidth} px wide in ${width})`
      );
    const els = document.querySelectorAll(
      ".fui-Badge, button, [role=tab], label, .fui-Caption1, [role=columnheader]"
    );
    for (const el of els) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      const meant = style.textOverflow === "ellipsis" && (el.title || el.closest("[title]"));
      const text = (el.textContent || "").trim().slice(0, 40);
      if (box.right > width + 1)
        out.push(`"${text}" reaches past the pane (${Math.round(box.right)} > ${width})`);
      else if (!meant && el.scrollWidth > el.clientWidth + 1 && style.overflow !== "visible")
        out.push(`"${text}" is cut (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return out;
  });
}

const workbook = (page, expr, ...args) =>
  page.evaluate(
    ([e, a]) => new Function("wb", "args", `return ${e}`)(window.__workbook, a),
    [expr, args]
  );

async function main() {
  // `--no-build` re-runs against the last build in dist/browser-test.
  if (!process.argv.includes("--no-build")) build();
  fs.writeFileSync(path.join(outDir, "sample-workbook.json"), JSON.stringify(await sampleSheets()));
  fs.mkdirSync(shots, { recursive: true });
  const server = await serve(outDir);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  try {
    await run(browser, base);
  } finally {
    await browser.close();
    server.close();
  }
}

async function run(browser, base) {
  const context = await browser.newContext({
    // The task pane's real size: Excel opens it about 350 px wide (320 px at its narrowest).
    viewport: { width: 350, height: 760 },
    deviceScaleFactor: 1,
  });
  if (process.argv.includes("--only-longtasks")) {
    await measureLongTasks(context, base);
    return;
  }
  const page = await context.newPage();
  currentPage = page;
  page.setDefaultTimeout(30000);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(`${base}/taskpane.html?today=${TODAY}`);
  const shot = (name) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  const notice = (text) => page.getByText(text, { exact: false }).first().waitFor();

  // 1 Plan ------------------------------------------------------------------------------------
  await step("plan: the tree shows the sample plan", async () => {
    const tree = page.getByRole("tree", { name: /Plan: priorities/ });
    await tree.waitFor();
    const items = await page.getByRole("treeitem").count();
    const caption = await page.getByText(/From the "Strategic Plan" sheet/).textContent();
    check("plan: the tree shows the sample plan's priorities and goals", items >= 4, { items });
    check(
      "plan: read from the Strategic Plan sheet",
      /From the "Strategic Plan" sheet/.test(caption || ""),
      caption
    );
    await shot("1-plan");
  });

  // 2 Budget (reached with the keyboard: arrow keys move between Fluent tabs) -----------------
  await step("budget: columns and check total", async () => {
    await page.getByRole("tab", { name: "Plan", exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("table", { name: "Detected columns of Budget" }).waitFor();
    const status = (await page.getByRole("status").first().textContent()) || "";
    const m = /([\d,]+) lines · check total \$([\d,]+)/.exec(status);
    check(
      "budget: lines and a check total are shown",
      m && Number(m[1].replace(/,/g, "")) > 100,
      status
    );
    const roles = await page.getByRole("combobox", { name: /^Role of column/ }).count();
    check("budget: every detected column has a role dropdown", roles >= 6, { roles });
    const amount =
      (await page.getByRole("combobox", { name: /Amount used for alignment/ }).textContent()) || "";
    check("budget: the primary amount is detected", /Proposed/i.test(amount), amount);
    await shot("2-budget");
  });

  // 3 Tag ---------------------------------------------------------------------------------------
  let acceptedKey = null;
  let acceptedCell = null;
  const grid = page.getByRole("treegrid", { name: "Budget programs and lines" });
  /** Opens programs (→ on each, from the top) until a line of the given kind shows; returns that line's row. */
  const openUntil = async (ariaLabel) => {
    const line = grid.locator(`[role="row"][aria-level="2"][aria-label*="${ariaLabel}"]`).first();
    for (let i = 0; i < 12 && (await line.count()) === 0; i++) {
      const program = grid.locator('[role="row"][aria-level="1"][aria-expanded="false"]').first();
      await program.focus();
      await page.keyboard.press("ArrowRight");
    }
    if ((await line.count()) === 0) throw new Error(`no line "${ariaLabel}" in the first programs`);
    return line;
  };

  await step("tag: the grid shows at least 15 programs in a 350 × 760 pane", async () => {
    await page.getByRole("tab", { name: "Tag", exact: true }).click();
    await grid.waitFor();
    await page.getByText(/^[\d,]+ of [\d,]+ lines shown$/).waitFor();
    const visible = await grid.locator('[role="row"][aria-level="1"]').evaluateAll(
      (rows) =>
        rows.filter((r) => {
          const b = r.getBoundingClientRect();
          return b.top >= 0 && b.bottom <= window.innerHeight;
        }).length
    );
    check("tag: at least 15 program rows are visible above the fold at 350 × 760", visible >= 15, {
      visible,
    });
    // Shown short ("$2.1M of $145.4M"); the whole sentence is in its title and read out.
    const progress = (await page.getByLabel("Confirmed so far").getAttribute("title")) || "";
    check(
      'tag: progress is "N of M programs, $X of $Y confirmed"',
      /^[\d,]+ of [\d,]+ programs, \$[\d,]+ of \$[\d,]+ confirmed$/.test(progress),
      progress
    );
    await shot("3-tag-grid");
  });

  await step("tag: accept a suggestion", async () => {
    const suggested = await openUntil("Suggested,");
    acceptedKey = await suggested.getAttribute("data-key");
    // Enter accepts the focused line's suggestion (and selects the line).
    await suggested.focus();
    await page.keyboard.press("Enter");
    await notice("Tag saved with the workbook.");
    const tag = await workbook(page, "wb.state().tags[args[0]]", acceptedKey);
    check(
      "tag: the accepted suggestion is stored with the workbook as confirmed",
      tag && tag.via === "confirmed" && tag.goals.length > 0,
      tag
    );
    const sel = await workbook(page, "wb.selected()");
    acceptedCell = sel;
    check(
      "tag: choosing a line selects it in the sheet",
      sel && sel.sheet === "Budget" && /^[A-Z]+\d+$/.test(sel.cell),
      sel
    );
  });

  await step("tag: Confirm next shows the program inline and moves on", async () => {
    const before = (await page.getByLabel("Confirmed so far").textContent()) || "";
    await page.getByRole("button", { name: /^Confirm next \(/ }).click();
    const panel = page.getByRole("group", { name: /^Confirm / });
    await panel.waitFor();
    const name = ((await panel.getAttribute("aria-label")) || "").replace(/^Confirm /, "");
    const goals = await panel.getByRole("button", { name: / goes to / }).count();
    check("tag: Confirm next offers the program's top goals as buttons", goals >= 1 && goals <= 3, {
      goals,
    });
    const box = await panel.boundingBox();
    check(
      "tag: the program to confirm is scrolled into view",
      box && box.y >= 0 && box.y + box.height <= 760,
      box
    );
    await panel
      .getByRole("button", { name: / goes to / })
      .first()
      .click();
    await notice("decided and saved with the workbook.");
    await page
      .getByRole("group", { name: /^Confirm / })
      .filter({ hasNotText: "\u0000" })
      .first()
      .waitFor();
    const next =
      (await page.getByRole("group", { name: /^Confirm / }).getAttribute("aria-label")) || "";
    const after = (await page.getByLabel("Confirmed so far").textContent()) || "";
    check("tag: accepting moves Confirm next to another program", next !== `Confirm ${name}`, {
      name,
      next,
    });
    check("tag: the progress counts the confirmed program", after !== before, { before, after });
    await shot("3-tag-confirm");
    await page
      .getByRole("group", { name: /^Confirm / })
      .getByRole("button", { name: "Stop" })
      .click();
  });

  let ruleValue = null;
  await step("tag: add a rule from a line", async () => {
    const line = await openUntil("Suggested,");
    await line.click();
    const card = page.getByLabel("Selected line");
    const ruleField =
      (await card.getByRole("combobox", { name: "Field of the rule" }).textContent()) || "";
    const picker = card.getByRole("combobox", { name: "Goal of the rule" });
    await picker.click();
    await picker.fill("");
    await picker.type("G1");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const effect =
      (await card.getByRole("note", { name: "What the rule will do" }).textContent()) || "";
    check("tag: the pane says how many lines the rule will move", /^Moves /.test(effect), effect);
    const label = (await card.getByText(/^is ".*" go to$/).textContent()) || "";
    ruleValue = /^is "(.*)" go to$/.exec(label)?.[1] ?? null;
    await card.getByRole("button", { name: "Add rule" }).click();
    await notice("Rule added and applied.");
    const rules = await workbook(page, "wb.state().rules");
    check(
      "tag: the rule is stored with the workbook, for the line's program by default",
      rules.length === 1 &&
        rules[0].field === "program" &&
        /^Program/.test(ruleField) &&
        rules[0].value === ruleValue &&
        /^G1/.test(rules[0].target),
      { rules, ruleField, ruleValue }
    );
    const region = (await page.getByRole("region", { name: "Rules" }).textContent()) || "";
    check(
      "tag: the rule is listed in plain words",
      region.includes(`Program is "${ruleValue}"`),
      region
    );
  });

  await step("tag: selecting a row in the sheet shows it in the pane", async () => {
    // The person clicks, in the sheet, a cell in the row of the line accepted above (another line is selected now).
    if (!acceptedCell) throw new Error("no line was selected in the sheet earlier");
    const row = Number(/\d+$/.exec(acceptedCell.cell)[0]);
    await workbook(page, "wb.userSelects(args[0], 'A' + args[1])", acceptedCell.sheet, row);
    const card = page.getByLabel("Selected line");
    await card.getByText(`${acceptedCell.sheet} row ${row} ·`, { exact: false }).waitFor();
    check("tag: the line of the selected sheet row is shown", true);
    await shot("3-tag");
  });

  await step("tag: nothing is clipped at 320 px", async () => {
    await page.setViewportSize({ width: 320, height: 760 });
    await page
      .getByRole("button", { name: /Filters/ })
      .first()
      .click();
    await page.waitForTimeout(300);
    const clipped = await clippedAt(page);
    check(
      "tag: at 320 px no badge, button or label is clipped, and nothing scrolls sideways",
      clipped.length === 0,
      clipped.slice(0, 5)
    );
    await page
      .getByRole("button", { name: /Filters/ })
      .first()
      .click();
    await page.setViewportSize({ width: 350, height: 760 });
  });

  // 4 Review ----------------------------------------------------------------------------------------
  await step("review: answer for a flagged program", async () => {
    await page.getByRole("tab", { name: "Review", exact: true }).click();
    const status = (await page.getByRole("status").first().textContent()) || "";
    const flagged = Number(/(\d+) programs? to review/.exec(status)?.[1] ?? 0);
    check("review: flagged programs are listed", flagged > 0, status);
    // A single department opens by itself; more start closed, so open the first one if it is closed.
    const header = page.locator(".fui-AccordionHeader__button").first();
    if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
    const section = page.getByRole("region", { name: /^Review of / }).first();
    const program = ((await section.getAttribute("aria-label")) || "").replace(/^Review of /, "");
    await section.getByRole("combobox", { name: /^Response for / }).click();
    await page.getByRole("option", { name: "Retain — serves goal" }).click();
    const goal = section.getByRole("combobox", { name: /^Goal .* serves$/ });
    if (!(await goal.inputValue())) {
      await goal.fill("G");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
    }
    await section
      .getByRole("textbox", { name: /^Justification/ })
      .fill("Serves residents directly; keep it.");
    await section.getByRole("textbox", { name: /^Reviewer/ }).fill("Department head");
    await section.getByRole("button", { name: "Save answer" }).click();
    await notice("saved with the workbook.");
    const answers = Object.values(await workbook(page, "wb.state().reviewAnswers"));
    check(
      "review: the answer is stored with the workbook",
      answers.length === 1 &&
        answers[0].program === program &&
        answers[0].response === "Retain — serves goal" &&
        answers[0].goalId &&
        answers[0].reviewer === "Department head",
      answers
    );
    await shot("4-review");
  });

  // 5 Reports -------------------------------------------------------------------------------------
  await step("reports: write the sheets", async () => {
    await page.getByRole("tab", { name: "Reports", exact: true }).click();
    await page.getByRole("button", { name: "Write reports" }).click();
    const region = page.getByRole("region", { name: "Reports written" });
    await region.waitFor();
    const names = await workbook(page, "wb.sheetNames()");
    check(
      "reports: Alignment, Review, Timetable and Programs exist",
      ["Alignment", "Review", "Timetable", "Programs"].every((n) => names.includes(n)),
      names
    );
    check(
      "reports: the Alignment sheet is activated",
      (await workbook(page, "wb.active()")) === "Alignment"
    );
    const text = (await region.textContent()) || "";
    const m = /\$([\d,]+) of \$([\d,]+) is aligned/.exec(text);
    check(
      "reports: the pane says how much is aligned",
      m && Number(m[2].replace(/,/g, "")) > 0,
      text
    );
    const alignment = JSON.stringify(await workbook(page, "wb.values('Alignment')"));
    const total = m ? Number(m[2].replace(/,/g, "")) : NaN;
    check(
      "reports: the Alignment sheet holds the budget total",
      alignment.includes(String(total)) || alignment.includes(m ? m[2] : "?"),
      total
    );
    const review = JSON.stringify(await workbook(page, "wb.values('Review')"));
    check(
      "reports: the Review sheet carries the answer given in the pane",
      review.includes("Serves residents directly; keep it.")
    );
    if (acceptedCell && /^[A-Z]\d+$/.test(acceptedCell.cell)) {
      const col = acceptedCell.cell.charCodeAt(0) - 65;
      const r = Number(acceptedCell.cell.slice(1)) - 1;
      const values = await workbook(page, "wb.values(args[0])", acceptedCell.sheet);
      const goalText = values[r] ? values[r][col] : "";
      check(
        "reports: the accepted line's Goal cell now shows its goal",
        typeof goalText === "string" && /\S/.test(goalText),
        {
          cell: acceptedCell,
          goalText,
        }
      );
    }
    const state = await workbook(page, "wb.state()");
    check(
      "reports: the state keeps the manual tag, the rule, the answer and the generated sheets",
      state.tags[acceptedKey] &&
        state.rules.length === 1 &&
        Object.keys(state.reviewAnswers).length === 1 &&
        ["Alignment", "Review", "Timetable", "Programs"].every((n) =>
          (state.generatedSheets || []).includes(n)
        ),
      state.generatedSheets
    );
    await shot("5-reports");
  });

  check(
    "no script errors or Content-Security-Policy violations in the page",
    problems.length === 0,
    problems.slice(0, 3)
  );

  // Dark theme (Office's dark theme) -------------------------------------------------------------
  await step("dark theme", async () => {
    const dark = await context.newPage();
    await dark.goto(`${base}/taskpane.html?today=${TODAY}&theme=dark`);
    await dark.getByRole("tree", { name: /Plan: priorities/ }).waitFor();
    const bg = await dark.locator("main").evaluate((el) => getComputedStyle(el).backgroundColor);
    check(
      "dark theme: the pane follows Office's dark theme",
      bg === "rgb(41, 41, 41)" ||
        (/rgb\((\d+), \1, \1\)/.test(bg) && Number(/\d+/.exec(bg)[0]) < 80),
      bg
    );
    await dark.screenshot({ path: path.join(shots, "6-dark.png") });
    await dark.close();
  });

  if (process.env.LONGTASKS !== "0") await measureLongTasks(context, base);
}

/**
 * In the page: the box that scrolls the grid's rows. With `by`, scrolls it by that many px (as its scroll bar would)
 * and returns nothing; else returns the indices (among the grid's line rows, as `nth` counts them) of the line rows
 * wholly in its view, below the grid's sticky header.
 */
function gridRowsInPage(el, by) {
  const rows = [...el.querySelectorAll('[role="row"][aria-level="2"]')];
  let box = el.querySelector('[role="row"][aria-level]')?.parentElement ?? null;
  while (box && box !== el.parentElement && !(box.scrollHeight > box.clientHeight + 1))
    box = box.parentElement;
  box = box ?? el;
  if (by) {
    box.scrollTop += by;
    return null;
  }
  const view = box.getBoundingClientRect();
  const header = el.querySelector('[role="row"]:not([aria-level])')?.getBoundingClientRect();
  const top = Math.max(view.top, header ? header.bottom : view.top);
  return rows
    .map((r, i) => [r.getBoundingClientRect(), i])
    .filter(([r]) => r.top >= top && r.bottom <= view.bottom)
    .map(([, i]) => i);
}

/** The indices of the grid's line rows wholly in view (gridRowsInPage). */
const lineRowsInView = (grid) => grid.evaluate(gridRowsInPage, 0);

/** Scrolls the grid's rows by `dy` px as its scroll bar would, and waits for the rows in view to be drawn. */
async function scrollGridBy(page, grid, dy) {
  await grid.evaluate(gridRowsInPage, dy);
  await settled(page, grid);
}

/** How far an element and everything in it are scrolled down (px, summed). */
const scrolledDown = (locator) =>
  locator.evaluate((el) => [el, ...el.querySelectorAll("*")].reduce((s, e) => s + e.scrollTop, 0));

/**
 * Waits until a scrolled element has stopped moving (the same offset on three reads 100 ms apart) with `arrived`
 * true of its offset (at most 30 s; 2 s once it has stopped), then for a painted frame: a virtualised grid draws its
 * new rows after the scroll.
 */
async function settled(page, locator, arrived = () => true) {
  let last = null;
  for (let same = 0, i = 0; i < 300; i++) {
    const now = await scrolledDown(locator);
    same = now === last ? same + 1 : 0;
    last = now;
    if ((arrived(now) && same >= 2) || same >= 20) break;
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
}

/**
 * Turns the mouse wheel over a scrolled element, then waits until the page has scrolled (by at least half of what
 * was asked, or to the top) and settled: `mouse.wheel` returns before the page scrolls, and on a busy machine the
 * scroll came after the next click.
 */
async function wheelAndSettle(page, locator, times, dy) {
  const before = await scrolledDown(locator);
  for (let i = 0; i < times; i++) await page.mouse.wheel(0, dy);
  const wanted = (times * dy) / 2;
  await settled(page, locator, (now) =>
    dy > 0 ? now - before >= wanted : now - before <= wanted || now === 0
  );
}

/** The Long Tasks API target of issue #20: no main-thread task over this many ms during a 100,000-line run. */
const LONG_TASK_LIMIT = 200;
/** The 200 ms target is judged in the bench's run (`--only-longtasks`) only: speed is never asserted by `npm test`. */
const JUDGE_LONG_TASKS = process.argv.includes("--only-longtasks");
const BIG_LINES = 100000;

/**
 * The longest main-thread task (Long Tasks API, PerformanceObserver "longtask") while the pane reads, tags and shows
 * a 100,000-line budget, takes an edit (Enter accepts a suggestion: a retag), and builds and writes the three
 * report sheets. Counted from the moment the pane starts its run (the progress bar appears) to the reports
 * written; the page's own set-up before that (generating the 100,000-line workbook for the fake Excel) is not the
 * pane's. With `--only-longtasks` (the bench's run) it fails on the issue's target (none over 200 ms); in
 * `npm test` it prints the figure only. The figures are written to `--longtasks-json <file>` for `npm run bench`.
 * Then Cancel, on the same 100,000 lines.
 */
async function measureLongTasks(context, base) {
  const page = await context.newPage();
  currentPage = page;
  page.setDefaultTimeout(300000);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => {
    window.__perf = { tasks: [], runStart: null, fractions: [], frames: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__perf.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
    // The run starts when the progress bar first shows; its values and the animation frames are counted.
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (!bar) return;
      if (window.__perf.runStart === null) window.__perf.runStart = performance.now();
      const v = bar.getAttribute("aria-valuenow");
      const f = window.__perf.fractions;
      if (v !== null && f[f.length - 1] !== v) f.push(v);
    }).observe(document, { subtree: true, childList: true, attributes: true });
    const frame = () => {
      window.__perf.frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const t0 = Date.now();
  const phases = {};
  const phaseEnds = {};
  const phase = async (name, fn) => {
    const t = Date.now();
    await fn();
    phases[name] = Date.now() - t;
    phaseEnds[name] = await page.evaluate(() => performance.now());
  };
  await page.goto(`${base}/taskpane.html?today=${TODAY}&lines=${BIG_LINES}`);
  await phase("read and tag", () => page.getByRole("tree", { name: /Plan: priorities/ }).waitFor());
  await phase("show the Tag step", async () => {
    await page.getByRole("tab", { name: "Tag", exact: true }).click();
    await page.getByText(/^[\d,]+ of [\d,]+ lines shown$/).waitFor();
  });
  const shown = (await page.getByText(/^[\d,]+ of [\d,]+ lines shown$/).textContent()) || "";
  const grid = page.getByRole("treegrid", { name: "Budget programs and lines" });
  const selected = { lines: 0, text: "" };
  await phase("scroll and select", async () => {
    // Open the first program (about a thousand lines), scroll through it, then select as staff do: a click, a
    // Shift-click further down, a Ctrl-click, Space.
    const first = grid.locator('[role="row"][aria-level="1"]').first();
    await first.focus();
    await page.keyboard.press("ArrowRight");
    await grid.locator('[role="row"][aria-level="2"]').first().waitFor();
    const box = await grid.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await wheelAndSettle(page, grid, 30, 900);
    await wheelAndSettle(page, grid, 20, -900);
    // Rows are picked among those in view: a row the virtualised grid renders above or below the view makes the
    // click scroll it in first, and the click can land on the row that took its place.
    const lineRows = grid.locator('[role="row"][aria-level="2"]');
    let inView = await lineRowsInView(grid);
    await lineRows.nth(inView[1]).click();
    // Further down by the scroll bar (a wheel right after a click did not always scroll in headless Chromium).
    await scrollGridBy(page, grid, 3000);
    inView = await lineRowsInView(grid);
    await lineRows.nth(inView[inView.length - 2]).click({ modifiers: ["Shift"] });
    await scrollGridBy(page, grid, 300);
    inView = await lineRowsInView(grid);
    await lineRows.nth(inView[inView.length - 2]).click({ modifiers: ["Control"] });
    await lineRows.nth(inView[inView.length - 1]).focus();
    await page.keyboard.press(" ");
    await wheelAndSettle(page, grid, 20, -1500);
    selected.text = (await page.getByRole("group", { name: "Selection" }).textContent()) || "";
    selected.lines = Number(/([\d,]+) lines?,/.exec(selected.text)?.[1].replace(/,/g, "") ?? 0);
    // Close the program again, so the grid is back to one row per program.
    await first.focus();
    await page.keyboard.press("ArrowLeft");
  });
  await phase("accept a suggestion (retag)", async () => {
    const suggested = grid.locator('[role="row"][aria-level="1"][aria-label*=" sure"]').first();
    await suggested.focus();
    await page.keyboard.press("Enter");
    await page.getByText("decided and saved with the workbook.").first().waitFor();
  });
  await phase("write the reports", async () => {
    await page.getByRole("tab", { name: "Reports", exact: true }).click();
    await page.getByRole("button", { name: "Write reports" }).click();
    await page.getByRole("region", { name: "Reports written" }).waitFor();
  });
  const perf = await page.evaluate(() => ({
    ...window.__perf,
    paneStart: performance.getEntriesByName("pane-start")[0]?.startTime ?? null,
    now: performance.now(),
  }));
  const runStart = perf.runStart ?? perf.paneStart ?? 0;
  const during = perf.tasks.filter((t) => t.start + t.duration > runStart);
  const startUp = perf.tasks.filter(
    (t) =>
      t.start + t.duration <= runStart && (perf.paneStart === null || t.start >= perf.paneStart)
  );
  const longest = during.length ? Math.max(...during.map((t) => t.duration)) : 0;
  const over = during.filter((t) => t.duration > LONG_TASK_LIMIT);
  const startUpLongest = startUp.length ? Math.max(...startUp.map((t) => t.duration)) : 0;
  const seconds = (perf.now - runStart) / 1000;
  const result = {
    lines: Number(/of ([\d,]+) lines/.exec(shown)?.[1].replace(/,/g, "") ?? 0),
    seconds: Number(seconds.toFixed(1)),
    phasesMs: phases,
    longestTaskMs: Math.round(longest),
    tasksOver50ms: during.length,
    tasksOverLimit: over.length,
    limitMs: LONG_TASK_LIMIT,
    over: over.map((t) => Math.round(t.duration)),
    paneStartUpLongestMs: Math.round(startUpLongest),
    progressValues: perf.fractions.length,
    framesPerSecond: Number((perf.frames / Math.max(1, perf.now / 1000)).toFixed(1)),
    wallSeconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
    /** Each long task: ms from the run's start, and how long; and when each phase ended (ms from the run's start). */
    tasks: during.map((t) => [Math.round(t.start - runStart), Math.round(t.duration)]),
    phaseEndsMs: Object.fromEntries(
      Object.entries(phaseEnds).map(([k, v]) => [k, Math.round(v - runStart)])
    ),
  };
  console.log(
    `measure: ${result.lines.toLocaleString("en-US")}-line run (read, tag, show the Tag step, scroll and select, accept a program, ` +
      `write the reports) in ${result.seconds} s (${Object.entries(phases)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
        .join(
          ", "
        )}); longest main-thread task ${result.longestTaskMs} ms; ${result.tasksOver50ms} long task` +
      `${result.tasksOver50ms === 1 ? "" : "s"} (over 50 ms), ${over.length} over ${LONG_TASK_LIMIT} ms` +
      `${over.length ? ` (${result.over.join(", ")} ms)` : ""}; the progress bar took ${result.progressValues} values; ` +
      `pane start-up before the run: ${startUp.length ? `longest task ${result.paneStartUpLongestMs} ms` : "no task over 50 ms"}`
  );
  const json = process.argv.indexOf("--longtasks-json");
  if (json > 0) fs.writeFileSync(process.argv[json + 1], JSON.stringify(result, null, 2));
  check(
    `100,000 lines: the budget is read and tagged (${result.lines.toLocaleString("en-US")} lines)`,
    result.lines >= 90000,
    shown
  );
  const target =
    `100,000 lines: no main-thread task over ${LONG_TASK_LIMIT} ms while reading, tagging, showing, scrolling, selecting, retagging and ` +
    `writing the reports (longest ${result.longestTaskMs} ms)`;
  // A timed target: judged only where speed is judged (npm run bench runs --only-longtasks), printed otherwise.
  if (JUDGE_LONG_TASKS)
    check(target, over.length === 0, { over: result.over, longest: result.longestTaskMs });
  else
    console.log(
      `figure (not a test; npm run bench judges it): ${target}: ${over.length ? "over" : "within"} the target this run`
    );
  check(
    `100,000 lines: scrolling through a program of the grid, then click, Shift-click over rows scrolled out of view, ` +
      `Ctrl-click and Space select lines (${selected.lines})`,
    // The Shift-click spans 3,000 px of rows (about a hundred), most of them never drawn.
    selected.lines >= 50,
    selected.text
  );
  check("100,000 lines: the progress bar moves while the pane works", result.progressValues >= 3, {
    values: result.progressValues,
  });

  await step(
    "100,000 lines: Cancel stops reading again and leaves the pane and the workbook as they were",
    async () => {
      const names = await workbook(page, "wb.sheetNames()");
      const state = JSON.stringify(await workbook(page, "wb.state()"));
      await page.getByRole("button", { name: "Read the workbook again" }).click();
      const cancel = page.getByRole("button", { name: "Cancel" });
      await cancel.waitFor();
      await cancel.click();
      await page
        .getByText(/^Stopped\./)
        .first()
        .waitFor();
      check(
        "100,000 lines: after Cancel the progress bar is gone and the Refresh button works again",
        (await page.locator('[role="progressbar"]').count()) === 0 &&
          (await page.getByRole("button", { name: "Read the workbook again" }).isEnabled())
      );
      // Give a stopped worker time to have done harm, if it could: nothing changes.
      await page.waitForTimeout(3000);
      await page.getByRole("tab", { name: "Tag", exact: true }).click();
      const after = (await page.getByText(/^[\d,]+ of [\d,]+ lines shown$/).textContent()) || "";
      check("100,000 lines: after Cancel the previous analysis is still shown", after === shown, {
        after,
        shown,
      });
      check(
        "100,000 lines: after Cancel the workbook is as it was (sheets and stored state)",
        JSON.stringify(await workbook(page, "wb.sheetNames()")) === JSON.stringify(names) &&
          JSON.stringify(await workbook(page, "wb.state()")) === state
      );
      // And the pane still works: reading again, not stopped, gives the same lines.
      await page.getByRole("button", { name: "Read the workbook again" }).click();
      await page.locator('[role="progressbar"]').first().waitFor();
      await page.locator('[role="progressbar"]').first().waitFor({ state: "detached" });
      const again = (await page.getByText(/^[\d,]+ of [\d,]+ lines shown$/).textContent()) || "";
      check("100,000 lines: reading again after a Cancel gives the same lines", again === shown, {
        again,
        shown,
      });
    }
  );
  check("100,000 lines: no script errors", problems.length === 0, problems.slice(0, 3));
  await page.close();
}

main()
  .catch((err) => {
    check("browser test run", false, err && err.message ? err.message : String(err));
  })
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  });
