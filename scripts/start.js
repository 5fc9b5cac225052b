#!/usr/bin/env node
/**
 * `npm start`: serve the add-in over https on localhost:3000 (dev certificates from office-addin-dev-certs,
 * requested here only, never for production builds), then sideload it into desktop Excel with
 * office-addin-debugging. Where there is no desktop Excel (Linux, CI), it keeps the server running and prints
 * how to sideload into Excel on the web instead.
 */
"use strict";
const { spawn } = require("child_process");
const path = require("path");

const root = path.join(__dirname, "..");
const bin = (pkg, file) => [process.execPath, [require.resolve(`${pkg}/${file}`)]];

function run([cmd, args], extra, opts = {}) {
  return spawn(cmd, [...args, ...extra], { cwd: root, stdio: "inherit", ...opts });
}

const server = run(bin("webpack-cli", "bin/cli.js"), ["serve", "--mode", "development"]);
server.on("exit", (code) => process.exit(code ?? 0));

const hasDesktopExcel = process.platform === "win32" || process.platform === "darwin";
setTimeout(() => {
  if (hasDesktopExcel) {
    const sideload = run(bin("office-addin-debugging", "cli.js"), ["start", "manifest.xml", "--no-debug", "--dev-server-port", "3000"]);
    sideload.on("exit", (code) => {
      if (code) console.log("\nSideloading into desktop Excel failed; the dev server is still running. See README, \"Sideload\".");
    });
  } else {
    console.log(
      [
        "",
        "The add-in is served at https://localhost:3000/taskpane.html (desktop Excel is not available on this machine).",
        "To try it in Excel on the web:",
        "  1. Open a workbook in Excel on the web (office.com).",
        "  2. Home > Add-ins > More Add-ins > My Add-ins > Upload My Add-in, and choose manifest.xml from this folder.",
        "  3. Click \"Align Budget\" on the Home tab.",
        "Your browser must trust the dev certificate: run `npx office-addin-dev-certs install` once if it does not.",
        "Stop the server with Ctrl+C.",
      ].join("\n"),
    );
  }
}, 8000);
