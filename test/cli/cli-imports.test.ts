/**
 * The command line's code path loads neither exceljs nor JSZip (the package port reads and writes the package
 * itself; exceljs stays only as the tests' independent reader and reference writer). Walks the import graph from
 * src/cli/main.ts over the source files: a value import (not `import type`) of either, anywhere reachable, fails.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const IMPORT = /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)";/gms;
const BARE = /^\s*import\s+"([^"]+)";/gm;

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const f of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (fs.existsSync(f)) return f;
  return null;
}

function reachable(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = fs.readFileSync(file, "utf8");
    const specs = [...text.matchAll(IMPORT)].map((m) => m[2]);
    specs.push(...[...text.matchAll(BARE)].map((m) => m[1]));
    for (const spec of specs) {
      if (spec.startsWith(".")) {
        const next = resolveLocal(file, spec);
        if (next) todo.push(next);
      } else if (!packages.has(spec)) packages.set(spec, path.relative(ROOT, file));
    }
  }
  return { files, packages };
}

it("budget-align's code path imports neither exceljs nor JSZip", () => {
  const { files, packages } = reachable(path.join(ROOT, "src", "cli", "main.ts"));
  expect(files.size).toBeGreaterThan(20);
  const heavy = [...packages].filter(([p]) => /^(exceljs|jszip)(\/|$)/.test(p));
  expect(heavy.map(([p, from]) => `${p} (imported by ${from})`)).toEqual([]);
});

it("the check would see such an import", () => {
  const { packages } = reachable(path.join(ROOT, "src", "xlsx", "write-model.ts"));
  expect([...packages.keys()].some((p) => p.startsWith("exceljs"))).toBe(true);
});
