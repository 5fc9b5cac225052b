/**
 * Security checks that need nothing but the sources: the task pane's Content-Security-Policy, no dynamic code or
 * raw HTML anywhere in src/, the manifest asks for no more than ReadWriteDocument, and src/ makes no network calls.
 * These are tests rather than lint rules so they also cover the HTML templates and the built page.
 */
import * as fs from "fs";
import * as path from "path";
import { DOMParser } from "@xmldom/xmldom";

const ROOT = path.join(__dirname, "..", "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com";

// ------------------------------------------------------------------------------------------------
// Content-Security-Policy
// ------------------------------------------------------------------------------------------------

/** The CSP of an HTML page's <meta http-equiv="Content-Security-Policy">, as directive → sources. */
export function cspOf(html: string): Map<string, string[]> | null {
  // Attribute values may be quoted or not: a minified page writes http-equiv=Content-Security-Policy.
  const meta = /<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["'\s>][^>]*>?/i.exec(
    html
  );
  if (!meta) return null;
  const content =
    /\bcontent\s*=\s*"([^"]*)"/i.exec(meta[0]) ?? /\bcontent\s*=\s*'([^']*)'/i.exec(meta[0]);
  if (!content) return null;
  const out = new Map<string, string[]>();
  for (const part of content[1].split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), sources);
  }
  return out;
}

/** Problems with a page's CSP against the policy the add-in promises. Empty = fine. */
export function cspProblems(html: string): string[] {
  const csp = cspOf(html);
  if (!csp) return ["the page has no Content-Security-Policy"];
  const problems: string[] = [];
  const scripts = csp.get("script-src") ?? csp.get("default-src");
  if (!scripts) problems.push("no script-src or default-src");
  else {
    for (const s of scripts) {
      if (s !== "'self'" && s !== OFFICE_CDN) problems.push(`script-src allows ${s}`);
    }
  }
  for (const [name, sources] of csp) {
    if (sources.includes("'unsafe-eval'")) problems.push(`${name} allows 'unsafe-eval'`);
    if (sources.includes("'wasm-unsafe-eval'")) problems.push(`${name} allows 'wasm-unsafe-eval'`);
    if (sources.includes("*")) problems.push(`${name} allows *`);
  }
  if ((scripts ?? []).includes("'unsafe-inline'"))
    problems.push("script-src allows 'unsafe-inline'");
  const connect = csp.get("connect-src") ?? csp.get("default-src");
  if (!connect || connect.join(" ") !== "'self'")
    problems.push(`connect-src is "${(connect ?? []).join(" ")}", not 'self'`);
  const defaults = csp.get("default-src");
  if (!defaults || defaults.join(" ") !== "'self'")
    problems.push(`default-src is "${(defaults ?? []).join(" ")}"`);
  const objects = csp.get("object-src");
  if (!objects || objects.join(" ") !== "'none'") problems.push("object-src is not 'none'");
  // Inline scripts (a <script> without src) would be blocked by the policy, and must not exist.
  const withoutTemplateTags = html.replace(/<%[\s\S]*?%>/g, "");
  for (const m of withoutTemplateTags.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (!/\bsrc\s*=/.test(m[1])) problems.push("an inline <script>");
    const src = /\bsrc\s*=\s*["']([^"']+)["']/.exec(m[1])?.[1];
    if (src && /^https?:/i.test(src) && !src.startsWith(OFFICE_CDN + "/"))
      problems.push(`a script from ${src}`);
  }
  // Inline event handlers (onclick=…) are inline script too.
  if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(withoutTemplateTags))
    problems.push("an inline event handler");
  return problems;
}

describe("Content-Security-Policy of the pages", () => {
  const pages = ["src/taskpane/taskpane.html", "src/commands/commands.html"];
  for (const page of pages) {
    it(`${page} allows scripts only from 'self' and the Office.js CDN, no eval, connect-src 'self'`, () => {
      const html = fs.readFileSync(path.join(ROOT, page), "utf8");
      expect(cspProblems(html)).toEqual([]);
      expect(cspOf(html)?.get("script-src")).toEqual(["'self'", OFFICE_CDN]);
      expect(cspOf(html)?.get("connect-src")).toEqual(["'self'"]);
    });
  }

  const built = ["dist/taskpane.html", "dist/commands.html"].filter((f) =>
    fs.existsSync(path.join(ROOT, f))
  );
  const maybe = built.length ? it : it.skip;
  maybe(
    `the built pages keep the same policy (${built.join(", ") || "no dist/ yet: run npm run build"})`,
    () => {
      for (const f of built)
        expect([f, cspProblems(fs.readFileSync(path.join(ROOT, f), "utf8"))]).toEqual([f, []]);
    }
  );

  it("the checker itself catches each weakening (so the tests above can fail)", () => {
    const page = (content: string, body = "") =>
      `<html><head><meta http-equiv="Content-Security-Policy" content="${content}" />${body}</head></html>`;
    const good = `default-src 'self'; script-src 'self' ${OFFICE_CDN}; connect-src 'self'; object-src 'none'`;
    expect(cspProblems(page(good))).toEqual([]);
    expect(
      cspProblems(page(good.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")))
    ).toEqual(["script-src allows 'unsafe-eval'", "script-src allows 'unsafe-eval'"]);
    expect(cspProblems(page(good.replace(OFFICE_CDN, "https://cdn.example.com")))).toEqual([
      "script-src allows https://cdn.example.com",
    ]);
    expect(
      cspProblems(page(good.replace("connect-src 'self'", "connect-src 'self' https:")))
    ).toEqual([`connect-src is "'self' https:", not 'self'`]);
    expect(cspProblems(page(good, "<script>alert(1)</script>"))).toEqual(["an inline <script>"]);
    expect(cspProblems(page(good, '<img src="x" onerror="alert(1)">'))).toEqual([
      "an inline event handler",
    ]);
    expect(cspProblems("<html></html>")).toEqual(["the page has no Content-Security-Policy"]);
  });
});

// ------------------------------------------------------------------------------------------------
// Source scan: no dynamic code, no raw HTML, no network
// ------------------------------------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|js|jsx|mjs|cjs)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Removes comments (block and line, not the `//` of a URL) so that prose about eval is not flagged. */
export function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:\\"'`])\/\/.*$/gm, "$1");
}

const DANGEROUS: [string, RegExp][] = [
  ["eval", /(^|[^.\w$])eval\s*\(/],
  ["new Function", /\bnew\s+Function\s*\(/],
  ["Function(…) constructor", /(?<!new\s+)(?<![.\w$])Function\s*\(\s*["'`]/],
  ["setTimeout/setInterval with a string", /\bset(Timeout|Interval)\s*\(\s*["'`]/],
  ["dangerouslySetInnerHTML", /dangerouslySetInnerHTML/],
  ["innerHTML", /\.innerHTML\b/],
  ["outerHTML", /\.outerHTML\s*=/],
  ["insertAdjacentHTML", /\.insertAdjacentHTML\s*\(/],
  ["document.write", /\bdocument\.write(ln)?\s*\(/],
];

const NETWORK: [string, RegExp][] = [
  ["fetch", /(^|[^.\w$])fetch\s*\(|\.fetch\s*\(/],
  ["XMLHttpRequest", /\bXMLHttpRequest\b/],
  ["WebSocket", /\bWebSocket\b/],
  ["EventSource", /\bEventSource\b/],
  ["sendBeacon", /\bsendBeacon\b/],
  ["http(s) module", /from\s+["'](node:)?https?["']|require\(\s*["'](node:)?https?["']\s*\)/],
  ["net/tls/dgram module", /from\s+["'](node:)?(net|tls|dgram)["']/],
  ["remote import", /import\s*\(\s*["'`]https?:/],
  [
    "Office.context.ui.openBrowserWindow / displayDialogAsync to a URL",
    /openBrowserWindow|displayDialogAsync/,
  ],
];

function findings(code: string, patterns: [string, RegExp][]): string[] {
  const stripped = stripComments(code);
  const out: string[] = [];
  stripped.split("\n").forEach((line, i) => {
    for (const [name, re] of patterns) if (re.test(line)) out.push(`${name} on line ${i + 1}`);
  });
  return out;
}

describe("source scan of src/", () => {
  const files = sourceFiles(path.join(ROOT, "src"));

  it("finds the sources (the scan is not empty)", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(path.join("core", "workflow.ts")))).toBe(true);
  });

  it("no file uses eval, new Function, dangerouslySetInnerHTML, innerHTML or document.write", () => {
    const found = files
      .map((f) => ({
        file: path.relative(ROOT, f),
        hits: findings(fs.readFileSync(f, "utf8"), DANGEROUS),
      }))
      .filter((r) => r.hits.length > 0);
    expect(found).toEqual([]);
  });

  it("no file makes a network call (fetch, XMLHttpRequest, WebSocket, http modules)", () => {
    const found = files
      .map((f) => ({
        file: path.relative(ROOT, f),
        hits: findings(fs.readFileSync(f, "utf8"), NETWORK),
      }))
      .filter((r) => r.hits.length > 0);
    expect(found).toEqual([]);
  });

  it("the only remote script any page loads is Office.js from Microsoft's CDN", () => {
    const html = files.length ? sourceFilesHtml(path.join(ROOT, "src")) : [];
    const remote = html.flatMap((f) =>
      [
        ...fs
          .readFileSync(f, "utf8")
          .matchAll(/<script\b[^>]*\bsrc\s*=\s*["'](https?:[^"']+)["']/gi),
      ].map((m) => m[1])
    );
    expect(new Set(remote)).toEqual(new Set([`${OFFICE_CDN}/lib/1/hosted/office.js`]));
  });

  it("the scanner flags each forbidden use (so the tests above can fail)", () => {
    expect(findings('const x = eval("1+1");', DANGEROUS)).toEqual(["eval on line 1"]);
    expect(findings("const f = new Function('a', 'return a');", DANGEROUS)).toEqual([
      "new Function on line 1",
    ]);
    expect(findings("const g = Function('return this')();", DANGEROUS)).toEqual([
      "Function(…) constructor on line 1",
    ]);
    expect(findings("el.innerHTML = html;", DANGEROUS)).toEqual(["innerHTML on line 1"]);
    expect(findings("<div dangerouslySetInnerHTML={{ __html: x }} />", DANGEROUS)).toEqual([
      "dangerouslySetInnerHTML on line 1",
    ]);
    expect(
      findings("// eval( is only named in a comment\nconst ok = 1; /* new Function( */", DANGEROUS)
    ).toEqual([]);
    expect(findings("retrieval(x); medieval (y)", DANGEROUS)).toEqual([]);
    expect(findings("await fetch('https://evil.example/x')", NETWORK)).toEqual(["fetch on line 1"]);
    expect(findings("\n\nconst r = new XMLHttpRequest();", NETWORK)).toEqual([
      "XMLHttpRequest on line 3",
    ]);
    expect(findings('import * as https from "https";', NETWORK)).toEqual([
      "http(s) module on line 1",
    ]);
    expect(findings("const s = new WebSocket(url);", NETWORK)).toEqual(["WebSocket on line 1"]);
    expect(findings('const url = "https://example.com"; // not a call', NETWORK)).toEqual([]);
  });
});

function sourceFilesHtml(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFilesHtml(full));
    else if (entry.name.endsWith(".html")) out.push(full);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Manifest permissions
// ------------------------------------------------------------------------------------------------

/** Office add-in permission levels a task pane may ask for, weakest first. */
const LEVELS = [
  "Restricted",
  "ReadDocument",
  "ReadAllDocument",
  "WriteDocument",
  "ReadWriteDocument",
];

export function permissionsOf(xml: string): string[] {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const nodes = doc.getElementsByTagName("Permissions");
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) out.push((nodes[i].textContent ?? "").trim());
  return out;
}

describe("manifest.xml", () => {
  const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");

  it("asks for no more than ReadWriteDocument", () => {
    const perms = permissionsOf(xml);
    expect(perms).toEqual(["ReadWriteDocument"]);
    for (const p of perms) expect(LEVELS).toContain(p);
  });

  it("names only https origins and no wildcard domain", () => {
    const urls = [
      ...xml.matchAll(/(?:DefaultValue|Override Locale="[^"]*" Value)="(https?:[^"]+)"/g),
    ].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(3);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
    const domains = [...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => m[1]);
    for (const d of domains) expect(d).not.toContain("*");
  });

  it("a manifest asking for ReadWriteMailbox or full access would be caught", () => {
    const worse = xml.replace(
      "<Permissions>ReadWriteDocument</Permissions>",
      "<Permissions>ReadWriteMailbox</Permissions>"
    );
    expect(LEVELS).not.toContain(permissionsOf(worse)[0]);
  });
});
