/**
 * The files a run names — the budget workbook, --plan, --out and --json — must be four different files. Two names
 * can reach the same file in many ways (a relative and an absolute path, "sub/../x", a symbolic link, a hard link),
 * so they are compared by where they really lead: the resolved real path of the file (or, for a file not yet
 * written, of its folder), and for files that exist their device and inode too.
 */
import { promises as fs } from "fs";
import * as path from "path";

export interface NamedPath {
  /** What it is, as the message names it: "the budget workbook", "the result (--out)". */
  role: string;
  file: string;
}

interface Identity {
  real: string;
  inode?: string;
}

/** The real path of a file, or of its nearest existing folder joined with the rest, when it does not exist yet. */
async function realPathOf(file: string): Promise<string> {
  const abs = path.resolve(file);
  const rest: string[] = [];
  for (let dir = abs; ; dir = path.dirname(dir)) {
    try {
      const real = await fs.realpath(dir);
      return path.join(real, ...rest);
    } catch {
      if (path.dirname(dir) === dir) return abs;
      rest.unshift(path.basename(dir));
    }
  }
}

async function identityOf(file: string): Promise<Identity> {
  const real = await realPathOf(file);
  const caseless = process.platform === "win32" || process.platform === "darwin";
  const id: Identity = { real: caseless ? real.toLowerCase() : real };
  try {
    const st = await fs.stat(file);
    if (st.isFile()) id.inode = `${st.dev}:${st.ino}`;
  } catch {
    // Not there yet: the real path alone says where it would be written.
  }
  return id;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The first pair of named files that are one and the same file, in plain words, or null when all are different.
 * Never reads or writes a file.
 */
export async function sameFileMessage(named: NamedPath[]): Promise<string | null> {
  const ids = await Promise.all(named.map((n) => identityOf(n.file)));
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const a = ids[i];
      const b = ids[j];
      const same = a.real === b.real || (a.inode !== undefined && a.inode === b.inode);
      if (!same) continue;
      const which =
        named[i].file === named[j].file
          ? `"${named[i].file}"`
          : `"${named[j].file}" leads to "${named[i].file}"`;
      return (
        `${cap(named[j].role)} and ${named[i].role} are the same file (${which}). The budget workbook, ` +
        `--plan, --out and --json must be four different files, so nothing you gave is written over.`
      );
    }
  }
  return null;
}
