/**
 * What a browser check needs around the page, for checks kept in files of their own (test/browser/measures.js):
 * build the test page (webpack --env browserTest), the sample workbook as the Excel port reads it, and a static
 * server. test/browser/run.js and test/browser/measures.js both use them; measures.js and pane-width.js run their
 * page through runPageChecks.
 */
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { spawnSync } = require("child_process");
const ExcelJS = require("exceljs");

const root = path.join(__dirname, "..", "..");
const outDir = path.join(root, "dist", "browser-test");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

function build() {
  const cli = require.resolve("webpack-cli/bin/cli.js");
  const r = spawnSync(process.execPath, [cli, "--mode", "production", "--env", "browserTest"], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error("The browser-test bundle did not build (webpack --env browserTest).");
  }
}

/** Excel's serial number of a date (the way Office.js hands dates to the add-in). */
const serial = (d) => d.getTime() / 86400000 + 25569;

function cellValue(v) {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return serial(v);
  if (typeof v === "object") {
    if ("result" in v) return cellValue(v.result);
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("text" in v) return String(v.text);
    if ("error" in v) return String(v.error);
    return "";
  }
  return v;
}

/** The sample workbook as `{ name, values }[]`, each sheet's used range from A1, as the Excel port reads it. */
async function sampleSheets() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(root, "samples", "sample-budget.xlsx"));
  const sheets = [];
  wb.eachSheet((ws) => {
    const values = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const out = [];
      for (let c = 1; c <= ws.columnCount; c++) out.push(cellValue(row.getCell(c).value));
      values.push(out);
    }
    sheets.push({ name: ws.name, values });
  });
  return sheets;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".json": "application/json",
  ".png": "image/png",
  ".map": "application/json",
};

/** A static server of `dir` on 127.0.0.1 (a free port). */
function serve(dir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url || "/", "http://127.0.0.1");
    const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(url.pathname === "/favicon.ico" ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/**
 * Runs a check file's one page over the sample workbook: builds the test page (unless --no-build), serves it, opens
 * headless Chromium at `viewport` and awaits `run(page)`. A throw is one failed check named `name`, with a picture of
 * the page in test/browser/screenshots/<shot>.tmp.png; at the end it prints `N passed, N failed` of `results` (the
 * file's `{ ok }` records, `check` adding to them) and sets the exit code.
 */
async function runPageChecks({ name, shot, viewport, fullPage = false, results, check }, run) {
  async function main() {
    if (!process.argv.includes("--no-build")) build();
    fs.writeFileSync(
      path.join(outDir, "sample-workbook.json"),
      JSON.stringify(await sampleSheets())
    );
    fs.mkdirSync(path.join(root, "docs", "screenshots"), { recursive: true });
    const { chromium } = require("playwright-core");
    const server = await serve(outDir);
    // A browser that does not start closes the server too, or the process would wait on it after saying so.
    const browser = await chromium
      .launch({
        executablePath: CHROMIUM,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
      })
      .catch((err) => {
        server.close();
        throw err;
      });
    try {
      const context = await browser.newContext({
        viewport,
        deviceScaleFactor: 1,
        baseURL: `http://127.0.0.1:${server.address().port}`,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(60000);
      try {
        await run(page);
      } catch (err) {
        check(name, false, err && err.message ? err.message.split("\n")[0] : String(err));
        fs.mkdirSync(path.join(__dirname, "screenshots"), { recursive: true });
        await page
          .screenshot({ path: path.join(__dirname, "screenshots", `${shot}.tmp.png`), fullPage })
          .catch(() => undefined);
      }
    } finally {
      await browser.close();
      server.close();
    }
  }
  await main().catch((err) =>
    check("browser check run", false, err && err.message ? err.message : String(err))
  );
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

module.exports = { build, sampleSheets, serve, runPageChecks, outDir, root, CHROMIUM };
