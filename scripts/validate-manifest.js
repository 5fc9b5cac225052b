#!/usr/bin/env node
/**
 * Offline manifest check (`npm run validate`). Microsoft's `office-addin-manifest validate` posts the file to an
 * online service that CI cannot reach; this checks what matters without the network:
 *  - the manifest parses with `office-addin-manifest info`;
 *  - OfficeApp's elements stand in the order the manifest schema requires (<Requirements> after <Hosts>,
 *    before <DefaultSettings>, …);
 *  - the Id is a GUID, the permission is ReadWriteDocument (no more), ExcelApi 1.7 is the minimum requirement;
 *  - every resid resolves to a resource;
 *  - every URL is https and, for the built manifest, names a file the build produced.
 * Usage: node scripts/validate-manifest.js [manifest.xml ...]   (default: manifest.xml and dist/manifest.xml)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { DOMParser } = require("@xmldom/xmldom");

const ROOT = path.join(__dirname, "..");
const ORDER = [
  "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
  "AllowSnapshot", "Dictionary", "VersionOverrides", "ExtendedOverrides",
];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function elements(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c);
  return out;
}
function all(node, pred, acc = []) {
  for (const c of elements(node)) {
    if (pred(c)) acc.push(c);
    all(c, pred, acc);
  }
  return acc;
}
const local = (el) => el.localName || el.nodeName.replace(/^.*:/, "");

/** Returns the list of problems found in one manifest file. */
function check(file, { requireBuiltFiles }) {
  const problems = [];
  const text = fs.readFileSync(file, "utf8");
  try {
    execFileSync(process.execPath, [require.resolve("office-addin-manifest/cli.js"), "info", file], { stdio: "pipe" });
  } catch (e) {
    problems.push(`office-addin-manifest info could not read it: ${String(e.stderr || e.message).trim()}`);
  }
  const errors = [];
  const doc = new DOMParser({ onError: (level, msg) => level !== "warning" && errors.push(msg) }).parseFromString(text, "text/xml");
  if (errors.length) return [...problems, `it is not well-formed XML: ${errors[0]}`];
  const app = doc.documentElement;
  if (!app || local(app) !== "OfficeApp") return [...problems, "its root element is not <OfficeApp>"];

  // Element order.
  let last = -1;
  for (const el of elements(app)) {
    const i = ORDER.indexOf(local(el));
    if (i < 0) problems.push(`<${local(el)}> is not an element OfficeApp allows`);
    else if (i < last) problems.push(`<${local(el)}> stands after <${ORDER[last]}>, but the schema puts it before`);
    else last = i;
  }
  for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "Hosts", "Requirements", "DefaultSettings", "Permissions"]) {
    if (!elements(app).some((e) => local(e) === required)) problems.push(`<${required}> is missing`);
  }
  const byName = (name) => all(app, (e) => local(e) === name);
  const id = (byName("Id")[0] || {}).textContent || "";
  if (!GUID.test(id.trim())) problems.push(`the Id "${id.trim()}" is not a GUID`);
  const perms = byName("Permissions").map((e) => e.textContent.trim());
  if (perms.join() !== "ReadWriteDocument") problems.push(`the permission is "${perms.join()}", expected ReadWriteDocument and no more`);
  const hosts = elements(byName("Hosts")[0] || app).map((h) => h.getAttribute("Name"));
  if (!hosts.includes("Workbook")) problems.push("the add-in is not declared for the Workbook host (Excel)");
  const sets = byName("Set").filter((s) => s.getAttribute("Name") === "ExcelApi");
  if (sets.length !== 1 || sets[0].getAttribute("MinVersion") !== "1.7") problems.push("the requirements must name ExcelApi 1.7");

  // resid → resource.
  const resources = new Set(
    all(app, (e) => ["Image", "Url", "String"].includes(local(e)) && e.getAttribute("id")).map((e) => e.getAttribute("id")),
  );
  for (const el of all(app, (e) => e.getAttribute && e.getAttribute("resid"))) {
    const resid = el.getAttribute("resid");
    if (!resources.has(resid)) problems.push(`resid "${resid}" (on <${local(el)}>) names no resource`);
  }

  // URLs.
  const urls = [];
  for (const el of all(app, () => true)) {
    const v = el.getAttribute("DefaultValue");
    if (v && /^[a-z]+:\/\//i.test(v)) urls.push(v);
    if (local(el) === "AppDomain") urls.push(el.textContent.trim());
  }
  const dist = path.dirname(file);
  for (const u of urls) {
    let url;
    try {
      url = new URL(u);
    } catch {
      problems.push(`"${u}" is not a URL`);
      continue;
    }
    if (url.protocol !== "https:") problems.push(`"${u}" is not https`);
    if (requireBuiltFiles && url.pathname !== "/" && url.pathname !== "") {
      const rel = decodeURIComponent(url.pathname).replace(/^\/+/, "");
      const base = (process.env.ADDIN_URL_PROD && u.startsWith(process.env.ADDIN_URL_PROD)) ? u.slice(process.env.ADDIN_URL_PROD.length) : rel;
      if (!fs.existsSync(path.join(dist, base)) && !fs.existsSync(path.join(dist, rel))) problems.push(`"${u}" names ${rel}, which the build did not produce`);
    }
  }
  return problems;
}

function main() {
  const args = process.argv.slice(2);
  const targets = args.length ? args : ["manifest.xml", "dist/manifest.xml"];
  let failed = 0;
  for (const t of targets) {
    const file = path.resolve(ROOT, t);
    const built = path.basename(path.dirname(file)) === "dist";
    if (!fs.existsSync(file)) {
      console.error(`✗ ${t}: not found${built ? " — run `npm run build` first" : ""}`);
      failed++;
      continue;
    }
    const problems = check(file, { requireBuiltFiles: built });
    if (problems.length) {
      failed++;
      console.error(`✗ ${t}:`);
      for (const p of problems) console.error(`   - ${p}`);
    } else {
      console.log(`✓ ${t}: parses, elements in schema order, GUID Id, ReadWriteDocument, ExcelApi 1.7, every resid resolves, every URL https${built ? " and built" : ""}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (require.main === module) main();
module.exports = { check };
