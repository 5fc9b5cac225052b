#!/usr/bin/env node
"use strict";
// Runs the compiled CLI (npm run build:cli compiles src/ into lib/).
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "lib", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  console.error("budget-align: the command line is not built yet. Run `npm run build:cli` (or `npm run align`) first.");
  process.exit(3);
}
const { main } = require(entry);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`budget-align: something went wrong that should not have: ${(e && e.stack) || e}`);
    process.exit(3);
  },
);
