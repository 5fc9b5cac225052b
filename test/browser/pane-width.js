#!/usr/bin/env node
/**
 * Browser check of the pane at the widths Excel gives it (`node test/browser/pane-width.js`, `--no-build` to reuse the
 * last dist/browser-test): the built test page in headless Debian Chromium over the sample workbook held by the
 * in-memory fake of the Excel JavaScript API, through the real Excel port. At 320 px (the narrowest task pane) and
 * 350 px (as Excel opens it) it measures the rendered layout — never time:
 *  - the pane's title and its Refresh button take one line, and so do the six step tabs (no tab's name cut);
 *  - the Budget step's preview of the first lines shows every amount whole (a full "$18,723,951", not cut), on one
 *    line, right-aligned in its column, and the table inside the pane (nothing to scroll sideways);
 *  - the Tag step's progress ("0 of 49 programs, $2.1M of $145.4M confirmed", the whole sentence in its title) takes
 *    one line and is not cut with an ellipsis, and Confirm next and the bulk Accept beside it take one line;
 *  - the Tag step's selection bar, with twelve programs selected, takes one line, and so does the bar while a goal is
 *    picked for the selection;
 *  - every action of the bar is reachable and does its work: each is clicked where it is (on the bar, or in its
 *    "More actions", which turns the bar to the others), at 320 px by the keyboard only (Tab to the button, Enter, Tab),
 *    at 350 px by the mouse; Accept and Not a program are undone again through Undo.
 * Saves docs/screenshots/3-tag-320.png (the Tag step at 320 px with the selection bar) and 2-budget-320.png (the
 * Budget step's first lines at 320 px). Prints `N passed, N failed`
 * and exits non-zero on failure.
 */
"use strict";
const path = require("path");
const { runPageChecks, root } = require("./harness");

const TODAY = "2026-11-22";
const shots = path.join(root, "docs", "screenshots");
/** Programs selected (a click on the first program row, a Shift-click on this one): a long count and amount. */
const SELECTED_PROGRAMS = 12;

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

/**
 * In the page: how many lines of text and controls an element takes as laid out, and its height. Every line box of
 * its text and every control in it is a box; boxes whose vertical middles are within 8 px of a line's first box are
 * on that line (a wrapped line sits at least a text line, 16 px, lower). Hidden boxes (zero size) are left out.
 */
function linesIn(el) {
  const boxes = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const parent = node.parentElement.getBoundingClientRect();
    if (parent.width <= 1 || parent.height <= 1) continue; // visually hidden (read by screen readers only)
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const b of range.getClientRects()) if (b.width > 1 && b.height > 1) boxes.push(b);
  }
  for (const c of el.querySelectorAll("button, input, [role=combobox]")) {
    const b = c.getBoundingClientRect();
    if (b.width > 1 && b.height > 1) boxes.push(b);
  }
  const middles = boxes.map((b) => (b.top + b.bottom) / 2).sort((a, b) => a - b);
  let lines = 0;
  let first = -Infinity;
  for (const m of middles)
    if (m - first > 8) {
      lines++;
      first = m;
    }
  return { lines, height: Math.round(el.getBoundingClientRect().height) };
}

/**
 * In the page: the Budget step's preview table, measured. Each line's row ends in its amount: its text must be
 * a whole amount ("$1,094,123", not "$1.1M" nor cut), on one line (one text box), inside its cell (the cell's content
 * box does not scroll), right-aligned (the text's right edge within 1 px of the content box's), and the cell inside
 * the table's scroll box; the box does not scroll sideways.
 */
function previewFits(table) {
  const box = table.parentElement;
  const boxRight = box.getBoundingClientRect().right;
  // The department and program heading rows (one cell across the row) hold no amount.
  const rows = [...table.querySelectorAll("tbody tr")].filter((r) => r.cells.length > 1);
  const amounts = rows.map((row) => {
    const cell = row.lastElementChild;
    const b = cell.getBoundingClientRect();
    const style = getComputedStyle(cell);
    const range = document.createRange();
    range.selectNodeContents(cell);
    const rects = [...range.getClientRects()].filter((r) => r.width > 1);
    const textRight = Math.max(...rects.map((r) => r.right));
    const contentRight =
      b.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    return {
      text: cell.textContent,
      whole: /^-?\$[\d,]+$/.test(cell.textContent),
      lines: rects.length,
      cut: cell.scrollWidth > cell.clientWidth + 1,
      inside: b.right <= boxRight + 0.5,
      right: Math.abs(textRight - contentRight) <= 1,
    };
  });
  return {
    scrolls: box.scrollWidth > box.clientWidth + 1,
    tableWidth: Math.round(table.getBoundingClientRect().width),
    amountWidth: Math.round(
      table.querySelector("thead th:last-child").getBoundingClientRect().width
    ),
    amounts,
    ok:
      box.scrollWidth <= box.clientWidth + 1 &&
      amounts.length > 0 &&
      amounts.every((a) => a.whole && a.lines === 1 && !a.cut && a.inside && a.right),
  };
}

/** In the page: the names of an element's buttons whose text is wider than the button (cut or running over). */
function cutButtons(el) {
  return [...el.querySelectorAll("button")]
    .filter((b) => b.getBoundingClientRect().width > 1 && b.scrollWidth > b.clientWidth + 1)
    .map((b) => `${(b.textContent || "").trim()} (${b.scrollWidth} > ${b.clientWidth})`);
}

/**
 * The page's transitions run to their end (those that end): Fluent slides the line under the chosen tab from the
 * tab chosen before, and while it moves it reaches outside the tab.
 */
const settled = (page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined))
    )
  );

/** One frame painted after a layout change (a new width, a menu opened). */
const painted = (page) =>
  page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))
  );

const bar = (page) => page.getByRole("group", { name: "Selection" });

/** Selects the first SELECTED_PROGRAMS program rows of the grid: a click on the first, a Shift-click on the last. */
async function selectPrograms(page) {
  const grid = page.getByRole("treegrid", { name: "Budget programs and lines" });
  // From the top of the grid: the rows the virtualised grid draws are those in view (and a few around).
  await grid.evaluate((el) => [el, ...el.querySelectorAll("*")].forEach((e) => (e.scrollTop = 0)));
  await painted(page);
  // By key: a click can scroll the grid, and the rows drawn (as `nth` counts them) with it.
  const keys = await grid
    .locator('[role="row"][aria-level="1"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key")));
  const row = (key) => grid.locator(`[role="row"][data-key="${key}"]`);
  await row(keys[0]).click();
  await row(keys[SELECTED_PROGRAMS - 1]).click({ modifiers: ["Shift"] });
  await bar(page)
    .getByText(new RegExp(`${SELECTED_PROGRAMS} programs`))
    .waitFor();
}

/**
 * Does the bar's action `name`: on the bar if it is there, else behind the bar's "More actions" (⋯), which turns the
 * bar to its other actions in the same line. By keyboard, focus is moved with Tab from the grid (never by a click);
 * Enter on ⋯ must put the focus on the first of the other actions, and Tab walks to the one wanted. Returns where the
 * action was found: "bar", or "bar behind More actions".
 */
async function doAction(page, name, byKeyboard) {
  const onBar = bar(page).getByRole("button", { name, exact: true });
  const where =
    (await onBar.count()) > 0 && (await onBar.isVisible()) ? "bar" : "bar behind More actions";
  const target = where === "bar" ? onBar : bar(page).getByRole("button", { name: "More actions" });
  if (byKeyboard) {
    await tabTo(page, target);
    await page.keyboard.press("Enter");
  } else await target.click();
  if (where !== "bar") {
    const item = bar(page).getByRole("button", { name, exact: true });
    await item.waitFor();
    if (byKeyboard) {
      const first = bar(page).getByRole("button").first();
      await page.waitForFunction(() => document.activeElement?.tagName === "BUTTON");
      if (!(await first.evaluate((el) => el === document.activeElement)))
        throw new Error(`Enter on "More actions" left the focus off the bar's first other action`);
      await tabTo(page, item);
      await page.keyboard.press("Enter");
    } else await item.click();
  }
  return where;
}

/** Presses Tab (from where focus is) until `target` has the focus; fails after 40 presses. */
async function tabTo(page, target) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reaches the control");
}

/** Focus on the grid's first program row (where a keyboard user selecting programs is), then Tab from there. */
const focusGrid = (page) =>
  page
    .getByRole("treegrid", { name: "Budget programs and lines" })
    .locator('[role="row"][aria-level="1"]')
    .first()
    .focus();

/** The tags stored with the workbook (none before the first save). */
const storedTags = (page) => workbook(page, "(wb.state() || { tags: {} }).tags");

/**
 * The stored tags an action added or changed, leaving out those read from the budget's Goal cells (`via: "sheet"`),
 * which the first save stores with the rest.
 */
const changedTags = (before, after) =>
  Object.entries(after)
    .filter(([k, t]) => t.via !== "sheet" && JSON.stringify(before[k]) !== JSON.stringify(t))
    .map(([, t]) => t);

async function undoLast(page) {
  await page
    .getByRole("group", { name: "Last bulk action" })
    .getByRole("button", { name: "Undo" })
    .click();
  await page.getByText("Undone: the tags are as they were.").first().waitFor();
}

async function atWidth(page, width) {
  const byKeyboard = width === 320;
  const how = byKeyboard ? "by the keyboard" : "by the mouse";
  await page.setViewportSize({ width, height: 760 });
  // The notice of the last width's Undo, dismissed: the rows counted above the fold are the pane's own.
  const dismiss = page.getByRole("button", { name: "Dismiss" });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await painted(page);

  const title = await page.getByRole("heading", { level: 1 }).evaluate(linesIn);
  const header = await page.locator("main > div").first().evaluate(linesIn);
  check(
    `${width} px: the title and the Refresh button take one line`,
    title.lines === 1 && header.lines === 1,
    {
      title,
      header,
    }
  );

  // The Plan step: each priority's goal count is one badge on one line, inside the pane.
  await page.getByRole("tab", { name: "Plan", exact: true }).click();
  const plan = page.getByRole("tree", { name: /Plan: priorities/ });
  await plan.waitFor();
  await painted(page);
  // Each priority's own row (its goals are below it, in a group of their own), and the count on it.
  const counts = plan.locator('[role="treeitem"][aria-level="1"] > div').getByText(/^\d+ goals?$/);
  const badges = [];
  for (let i = 0; i < (await counts.count()); i++) {
    const badge = counts.nth(i);
    badges.push({
      text: await badge.textContent(),
      lines: (await badge.evaluate(linesIn)).lines,
      inside: await badge.evaluate(
        (e) => e.getBoundingClientRect().right <= document.documentElement.clientWidth
      ),
    });
  }
  const priorities = await plan.locator('[role="treeitem"][aria-level="1"]').count();
  check(
    `${width} px: on the Plan step each priority's goal count takes one line inside the pane`,
    badges.length === priorities && badges.every((b) => b.lines === 1 && b.inside),
    { priorities, wrong: badges.filter((b) => !(b.lines === 1 && b.inside)) }
  );

  // The steps, and the Budget step's first lines.
  await page.getByRole("tab", { name: "Budget", exact: true }).click();
  const preview = page.getByRole("table", { name: "Preview of the first budget lines" });
  await preview.waitFor();
  await settled(page);
  await painted(page);
  const tablist = page.getByRole("tablist", { name: "Steps" });
  const steps = await tablist.evaluate(linesIn);
  const stepsCut = await tablist.evaluate(cutButtons);
  const stepsWidth = await tablist
    .getByRole("tab")
    .evaluateAll((tabs) =>
      Math.round(tabs.reduce((w, t) => w + t.getBoundingClientRect().width, 0))
    );
  console.log(
    `     ${width} px: step tabs ${steps.lines} line(s), ${steps.height} px high, ${stepsWidth} px of tabs`
  );
  check(
    `${width} px: the six step tabs take one line, no name cut`,
    steps.lines === 1 && stepsCut.length === 0,
    { steps, stepsCut }
  );
  const fits = await preview.evaluate(previewFits);
  console.log(
    `     ${width} px: first lines table ${fits.tableWidth} px wide, amount column ${fits.amountWidth} px, ` +
      `${fits.amounts.filter((a) => a.whole && a.lines === 1 && !a.cut && a.inside && a.right).length} of ` +
      `${fits.amounts.length} amounts whole and right-aligned`
  );
  check(
    `${width} px: the Budget step's first lines show every amount whole, on one line, right-aligned, inside the pane`,
    fits.ok,
    {
      scrolls: fits.scrolls,
      amounts: fits.amounts.filter(
        (a) => !(a.whole && a.lines === 1 && !a.cut && a.inside && a.right)
      ),
    }
  );
  if (width === 320)
    await page
      .getByRole("region", { name: "First budget lines" })
      .screenshot({ path: path.join(shots, "2-budget-320.png") });

  // The Tag step: its progress, and Confirm next with the bulk Accept.
  await page.getByRole("tab", { name: "Tag", exact: true }).click();
  await page.getByText(/^[\d,]+ of [\d,]+ lines shown$/).waitFor();
  const progress = page.getByLabel("Confirmed so far");
  await progress.filter({ hasText: /programs/ }).waitFor();
  await painted(page);
  const told = await progress.evaluate((el) => ({
    shown: el.querySelector("[aria-hidden=true]")?.textContent,
    title: el.title,
    cut: el.scrollWidth > el.clientWidth + 1,
  }));
  Object.assign(told, await progress.evaluate(linesIn));
  console.log(
    `     ${width} px: progress ${told.lines} line(s), "${told.shown}"${told.cut ? " (cut)" : ""}`
  );
  check(
    `${width} px: the Tag step's progress takes one line, not cut, its whole sentence in its title`,
    told.lines === 1 &&
      !told.cut &&
      /^[\d,]+ of [\d,]+ programs, \$[\d.]+[KMB]? of \$[\d.]+[KMB]? confirmed$/.test(
        told.shown || ""
      ) &&
      /^[\d,]+ of [\d,]+ programs, \$[\d,]+ of \$[\d,]+ confirmed$/.test(told.title),
    told
  );
  const actions = page.getByRole("button", { name: /^Confirm next/ }).locator("xpath=..");
  const row = await actions.evaluate(linesIn);
  const rowCut = await actions.evaluate(cutButtons);
  const rowText = await actions.evaluate((el) =>
    [...el.querySelectorAll("button")].map((b) => (b.textContent || "").trim()).join(" | ")
  );
  const undoShown = await page.getByRole("group", { name: "Last bulk action" }).count();
  console.log(
    `     ${width} px: Confirm next row ${row.lines} line(s), ${row.height} px high: ${rowText}`
  );
  check(
    `${width} px: Confirm next and the bulk Accept take one line, no label cut`,
    row.lines === 1 &&
      rowCut.length === 0 &&
      undoShown === 0 &&
      /^Confirm next \| Accept \d+ programs? \(\$[\d.]+[KMB]?\)$/.test(rowText),
    { row, rowCut, rowText, undoShown }
  );

  await selectPrograms(page);
  await painted(page);
  const shown = await bar(page).evaluate(linesIn);
  // A figure, not a test: the grid's program rows wholly in the 760 px window with the bar above them.
  await page.evaluate(() => window.scrollTo(0, 0));
  const rowsInView = await page
    .getByRole("treegrid", { name: "Budget programs and lines" })
    .locator('[role="row"][aria-level="1"]')
    .evaluateAll(
      (rows) =>
        rows.filter((r) => {
          const b = r.getBoundingClientRect();
          return b.top >= 0 && b.bottom <= window.innerHeight;
        }).length
    );
  // The program rows' name and amount cells (the toggle, the name, the amount, the goal, the source).
  const cells = await page
    .getByRole("treegrid", { name: "Budget programs and lines" })
    .locator('[role="row"][aria-level="1"]')
    .evaluateAll((rows) =>
      rows.map((r) => {
        const [, name, amount] = r.children;
        const shownAmount = [amount, ...amount.children].find(
          (e) => e.getClientRects().length > 0 && (e.children.length === 0 || e === amount)
        );
        return {
          name: Math.round(name.getBoundingClientRect().width),
          // The program's own name (its department follows it, after " · ", and may be cut).
          nameWhole: (() => {
            const range = document.createRange();
            range.selectNodeContents(name.firstChild);
            return range.getBoundingClientRect().width <= name.clientWidth + 1;
          })(),
          amount: amount.textContent,
          amountWhole: amount.scrollWidth <= amount.clientWidth + 1,
          shown: shownAmount.innerText,
        };
      })
    );
  const nameWidth = Math.min(...cells.map((c) => c.name));
  console.log(
    `     ${width} px: selection bar ${shown.lines} line(s), ${shown.height} px high; ${rowsInView} program rows above the fold; ` +
      `program names ${nameWidth} px wide, ${cells.filter((c) => c.nameWhole).length} of ${cells.length} names whole; amounts shown as ${cells[0].shown}`
  );
  check(
    `${width} px: the grid's amounts are not cut, and a program's name has at least 120 px`,
    cells.every((c) => c.amountWhole) && nameWidth >= 120,
    { nameWidth, cut: cells.filter((c) => !c.amountWhole).slice(0, 3) }
  );
  check(
    `${width} px: the selection bar (${SELECTED_PROGRAMS} programs selected) takes one line`,
    shown.lines === 1,
    shown
  );
  if (width === 320)
    await page.screenshot({ path: path.join(shots, "3-tag-320.png"), fullPage: false });

  // The bar turned to its other actions (More actions) also takes one line; the back button turns it again.
  await bar(page).getByRole("button", { name: "More actions" }).click();
  await bar(page).getByRole("button", { name: "Clear selection" }).waitFor();
  await painted(page);
  const other = await bar(page).evaluate(linesIn);
  check(
    `${width} px: the selection bar's other actions (More actions) take one line`,
    other.lines === 1,
    other
  );
  await bar(page).getByRole("button", { name: "Back to Accept and Set goal" }).click();
  await bar(page).getByRole("button", { name: "Accept", exact: true }).waitFor();

  const tagsBefore = await storedTags(page);
  const where = {};

  // Accept: the selection's undecided lines confirmed, then Undo.
  await focusGrid(page);
  where.Accept = await doAction(page, "Accept", byKeyboard);
  await page.getByText("decided and saved with the workbook.").first().waitFor();
  const accepted = changedTags(tagsBefore, await storedTags(page));
  check(
    `${width} px: Accept (on the ${where.Accept}, ${how}) confirms the selection's suggestions`,
    accepted.length > 0 && accepted.every((t) => t.via === "confirmed"),
    { tags: accepted.length, via: [...new Set(accepted.map((t) => t.via))] }
  );
  await undoLast(page);

  // Set goal…: the picker opens in the bar, which still takes one line; Cancel closes it.
  await selectPrograms(page);
  await focusGrid(page);
  where["Set goal…"] = await doAction(page, "Set goal…", byKeyboard);
  const picker = bar(page).getByRole("combobox", { name: "Goal for the selection" });
  await picker.waitFor();
  await painted(page);
  const picking = await bar(page).evaluate(linesIn);
  console.log(
    `     ${width} px: selection bar picking a goal ${picking.lines} line(s), ${picking.height} px high`
  );
  check(
    `${width} px: Set goal… (on the ${where["Set goal…"]}, ${how}) opens the goal picker, and the bar still takes one line`,
    picking.lines === 1,
    picking
  );
  await bar(page).getByRole("button", { name: "Cancel" }).click();

  // Not a program: the selection's lines confirmed not programs, then Undo.
  await focusGrid(page);
  where["Not a program"] = await doAction(page, "Not a program", byKeyboard);
  await page.getByText("decided and saved with the workbook.").first().waitFor();
  const marked = changedTags(tagsBefore, await storedTags(page));
  check(
    `${width} px: Not a program (on the ${where["Not a program"]}, ${how}) marks the selection's lines`,
    marked.length > 0 && marked.every((t) => t.nonProgram === true),
    { tags: marked.length }
  );
  await undoLast(page);
  check(
    `${width} px: after the two Undos the stored tags are as they were`,
    JSON.stringify(await storedTags(page)) === JSON.stringify(tagsBefore)
  );

  // Clear selection: the bar goes.
  await selectPrograms(page);
  await focusGrid(page);
  where["Clear selection"] = await doAction(page, "Clear selection", byKeyboard);
  await bar(page).waitFor({ state: "detached" });
  check(
    `${width} px: Clear selection (on the ${where["Clear selection"]}, ${how}) clears the selection`,
    true
  );
  console.log(
    `     ${width} px: ${Object.entries(where)
      .map(([k, v]) => `${k} on the ${v}`)
      .join(", ")}`
  );
}

async function paneWidth(page) {
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  await page.goto(`/taskpane.html?today=${TODAY}`);
  await page.getByRole("tree", { name: /Plan: priorities/ }).waitFor();
  for (const width of [320, 350]) await atWidth(page, width);
  check("pane width: no script errors", problems.length === 0, problems.slice(0, 3));
}

runPageChecks(
  {
    name: "pane width",
    shot: "pane-width",
    viewport: { width: 350, height: 760 },
    fullPage: false,
    results,
    check,
  },
  paneWidth
);
