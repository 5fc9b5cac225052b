/**
 * The command line's code path loads neither exceljs nor JSZip (the package port reads and writes the package
 * itself; exceljs stays only as the tests' independent reader and reference writer). Walks the import graph from
 * src/cli/main.ts over the source files: a value import (not `import type`) of either, anywhere reachable, fails.
 * The one exception is the sample builder (samples/make-sample.ts writes with exceljs), which src/cli/sample.ts
 * loads with a dynamic import() only when no BUDGET.xlsx is given; any other dynamic import fails.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const IMPORT = /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)";/gms;
const BARE = /^\s*import\s+"([^"]+)";/gm;
const DYNAMIC = /\bimport\(\s*"([^"]+)"\s*\)(?!\.)/g; // not a type: import("x").Name

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const f of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (fs.existsSync(f)) return f;
  return null;
}

function reachable(entry: string): {
  files: Set<string>;
  packages: Map<string, string>;
  dynamic: string[];
} {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const dynamic: string[] = [];
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = fs.readFileSync(file, "utf8");
    const specs = [...text.matchAll(IMPORT)].map((m) => m[2]);
    specs.push(...[...text.matchAll(BARE)].map((m) => m[1]));
    for (const m of text.matchAll(DYNAMIC))
      dynamic.push(`${m[1]} (imported by ${path.relative(ROOT, file)})`);
    for (const spec of specs) {
      if (spec.startsWith(".")) {
        const next = resolveLocal(file, spec);
        if (next) todo.push(next);
      } else if (!packages.has(spec)) packages.set(spec, path.relative(ROOT, file));
    }
  }
  return { files, packages, dynamic };
}

it("budget-align's code path imports neither exceljs nor JSZip", () => {
  const { files, packages, dynamic } = reachable(path.join(ROOT, "src", "cli", "main.ts"));
  expect(files.size).toBeGreaterThan(20);
  const heavy = [...packages].filter(([p]) => /^(exceljs|jszip)(\/|$)/.test(p));
  expect(heavy.map(([p, from]) => `${p} (imported by ${from})`)).toEqual([]);
  // Loaded only for a run with no BUDGET.xlsx: the sample built for the run's date.
  expect(dynamic).toEqual([
    `../../samples/make-sample (imported by ${path.join("src", "cli", "sample.ts")})`,
  ]);
});

it("the check would see such an import", () => {
  const { packages } = reachable(path.join(ROOT, "src", "xlsx", "write-model.ts"));
  expect([...packages.keys()].some((p) => p.startsWith("exceljs"))).toBe(true);
});
