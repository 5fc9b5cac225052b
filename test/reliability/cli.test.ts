/**
 * Hostile input at the command line: `budget-align` (src/cli/main.ts main()) on files that are not workbooks,
 * plans that are not JSON, arguments that are not what they claim, an output path that cannot be written.
 * Each gives exit code 1 and one plain sentence naming the file and what to fix — never a stack trace — and the
 * input workbook is never changed.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { runCli } from "../cli/run-cli";
import { budgetSheet, planSheet } from "./books";
import { writeBook } from "./write-book";

let dir: string;
let budget: string;
let before: Buffer;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, out, err } = await runCli(args);
  return { code, out: out.trim(), err: err.trim() };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "budget-align-bad-"));
  budget = path.join(dir, "budget.xlsx");
  await writeBook(budget, [budgetSheet(), planSheet()]);
  before = await fs.readFile(budget);
});

afterAll(async () => {
  // The input workbook is byte for byte what it was, whatever was tried against it.
  expect((await fs.readFile(budget)).equals(before)).toBe(true);
  await fs.rm(dir, { recursive: true, force: true });
});

/** An OLE compound file's first sector with one directory entry name, as Office and Excel 97–2003 write them. */
function oleFile(streamName: string): Buffer {
  const b = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  Buffer.from(streamName, "utf16le").copy(b, 1024);
  return b;
}

const NOT_ZIP =
  "it is not a zip package (an .xlsx file is a zip of XML parts; this one has no zip directory, so it is another kind of file or was cut short)";

describe("files that are not workbooks", () => {
  test.each([
    [
      "a text file named .xlsx",
      "notes.xlsx",
      Buffer.from("Department,Amount\nFire,100\n"),
      NOT_ZIP,
    ],
    ["an empty file", "empty.xlsx", Buffer.alloc(0), "the file is empty"],
    ["a workbook cut off half way", "truncated.xlsx", null, NOT_ZIP],
    [
      "random bytes",
      "noise.xlsx",
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      NOT_ZIP,
    ],
    [
      "a password-protected workbook",
      "locked.xlsx",
      oleFile("EncryptedPackage"),
      'it is password-protected (encrypted: an OLE compound file holding an EncryptedPackage, "CDFV2 Encrypted"). Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password) and save it as .xlsx',
    ],
    [
      "an Excel 97–2003 workbook named .xlsx",
      "old.xlsx",
      oleFile("Workbook"),
      "it is an Excel 97–2003 workbook (.xls, an OLE compound file), not .xlsx. Open it in Excel or LibreOffice and save it as .xlsx",
    ],
  ])("%s: exit 1, says why it cannot be read", async (_what, name, bytes, why) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, bytes ?? before.subarray(0, Math.floor(before.length / 2)));
    const r = await run(file, "--out", path.join(dir, "out.xlsx"));
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `budget-align: ${name}: "${name}" cannot be read as an Excel workbook: ${why}.`,
    });
  });

  test("a zip that is not a workbook names the part it lacks", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/document.xml", "<w:document/>");
    const file = path.join(dir, "letter.xlsx");
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer" }));
    expect((await run(file, "--out", path.join(dir, "out.xlsx"))).err).toBe(
      'budget-align: letter.xlsx: "letter.xlsx" is a zip package but not an Excel workbook: it has no workbook part (xl/workbook.xml); it is a Word document.'
    );
  });

  test("a file that does not exist", async () => {
    const file = path.join(dir, "nope.xlsx");
    expect(await run(file)).toEqual({
      code: 1,
      out: "",
      err: `budget-align: nope.xlsx: The file "${file}" does not exist.`,
    });
  });

  test("a folder instead of a file", async () => {
    const folder = path.join(dir, "folder.xlsx");
    await fs.mkdir(folder, { recursive: true });
    const r = await run(folder, "--out", path.join(dir, "o.xlsx"));
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `budget-align: folder.xlsx: "${folder}" is a folder, not a workbook.`,
    });
  });
});

describe("plans that cannot be read", () => {
  test("a plan file that is not JSON names the file and the problem", async () => {
    const plan = path.join(dir, "plan.json");
    await fs.writeFile(plan, "name: Safe City\npriorities: none");
    const r = await run(budget, "--plan", plan, "--out", path.join(dir, "o.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^budget-align: budget\.xlsx: plan\.json: line 1, column 1: the file is not valid JSON \(.+\)\.$/
    );
  });

  test("a plan JSON cut off half way says where it ends", async () => {
    const plan = path.join(dir, "cut.json");
    await fs.writeFile(plan, '{"name":"X","priorities":[{"id":"P1","title":"Safe"');
    const r = await run(budget, "--plan", plan, "--out", path.join(dir, "o.xlsx"));
    expect(r).toEqual({
      code: 1,
      out: "",
      err: "budget-align: budget.xlsx: cut.json: line 1, column 52: the file is not valid JSON (expected a comma or a closing }, found the end of the file).",
    });
  });

  test("a plan file that does not exist", async () => {
    const plan = path.join(dir, "missing.json");
    expect(await run(budget, "--plan", plan)).toEqual({
      code: 1,
      out: "",
      err: `budget-align: budget.xlsx: The plan file "${plan}" does not exist or cannot be read.`,
    });
  });

  test("a plan workbook that does not exist (was a crash with a stack trace)", async () => {
    const plan = path.join(dir, "missing-plan.xlsx");
    expect(await run(budget, "--plan", plan, "--out", path.join(dir, "o.xlsx"))).toEqual({
      code: 1,
      out: "",
      err: `budget-align: budget.xlsx: The plan workbook could not be read: The file "${plan}" does not exist.`,
    });
  });

  test("a plan workbook whose plan has a loop names the cell", async () => {
    const plan = path.join(dir, "loop-plan.xlsx");
    await writeBook(plan, [
      {
        name: "Strategic Plan",
        values: [
          ["Level", "ID", "Parent ID", "Title"],
          ["Priority", "P1", "", "Safe"],
          ["Goal", "G1", "S1", "Loop"],
          ["Subgoal", "S1", "G1", "Loop back"],
        ],
      },
    ]);
    expect(await run(budget, "--plan", plan, "--out", path.join(dir, "o.xlsx"))).toEqual({
      code: 1,
      out: "",
      err: "budget-align: budget.xlsx: 'Strategic Plan'!C3: the Parent IDs go round in a loop: G1 → S1 → G1.",
    });
  });
});

describe("arguments", () => {
  // A mistyped option value is a usage error (exit 2, one plain line); a sheet the workbook lacks is bad input (1).
  test.each([
    [
      ["--threshold", "abc"],
      2,
      `--threshold must be a number from 0 to 1, not "abc" (for 35% write 0.35).`,
    ],
    [
      ["--threshold", "1.5"],
      2,
      `--threshold must be a number from 0 to 1, not "1.5" (for 35% write 0.35).`,
    ],
    [["--today", "15/01/2026"], 2, `--today must be a date written YYYY-MM-DD, not "15/01/2026".`],
    [["--today", "2026-02-30"], 2, `--today must be a date written YYYY-MM-DD, not "2026-02-30".`],
    [["--today", "2026-13-01"], 2, `--today must be a date written YYYY-MM-DD, not "2026-13-01".`],
    [
      ["--sheets", "Budget 2027"],
      1,
      `budget.xlsx: There is no sheet named "Budget 2027" in this workbook. Its sheets are: "Budget", "Strategic Plan".`,
    ],
  ])("%j", async (args, code, message) => {
    expect(await run(budget, ...args, "--out", path.join(dir, "o.xlsx"))).toEqual({
      code,
      out: "",
      err: `budget-align: ${message}`,
    });
  });

  test("an unknown option and two inputs are usage errors (exit 2)", async () => {
    const a = await run(budget, "--frobnicate");
    expect([a.code, a.err.split("\n")[0]]).toEqual([
      2,
      "budget-align: there is no option --frobnicate.",
    ]);
    const b = await run(budget, budget);
    expect([b.code, b.err.split("\n")[0]]).toEqual([
      2,
      "budget-align: give one budget workbook, not 2.",
    ]);
  });
});

describe("output that cannot be written", () => {
  test("--out the input itself is refused before any work (exit 2; more ways in cli-paths.property.test.ts)", async () => {
    expect(await run(budget, "--out", budget)).toEqual({
      code: 2,
      out: "",
      err: `budget-align: The result (--out) and the budget workbook are the same file ("${budget}"). The budget workbook, --plan, --out and --json must be four different files, so nothing you gave is written over.`,
    });
  });

  test("--out where a folder of that name is in the way (was a crash): plain words, no temporary file left", async () => {
    const blocked = path.join(dir, "blocked.xlsx");
    await fs.mkdir(blocked, { recursive: true });
    const r = await run(budget, "--out", blocked, "--today", "2026-11-23");
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `budget-align: budget.xlsx: The result could not be saved to "${blocked}" (a folder of that name is in the way). Your workbook was not changed; nothing was written.`,
    });
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // The next run, to a good path, succeeds.
    const ok = await run(budget, "--out", path.join(dir, "good.xlsx"), "--today", "2026-11-23");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(
      `Wrote ${path.join(dir, "good.xlsx")} (sheets Alignment, Review, Timetable, Programs).`
    );
  }, 60000);

  test("--json into a path under a file (was a crash): says the workbook itself was written", async () => {
    const out = path.join(dir, "with-json.xlsx");
    const json = path.join(budget, "report.json"); // budget.xlsx is a file, not a folder
    const r = await run(budget, "--out", out, "--json", json, "--today", "2026-11-23");
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `budget-align: budget.xlsx: The JSON report could not be written to "${json}" (part of the path is a file, not a folder). The workbook itself was written to "${out}".`
    );
  }, 60000);
});

describe("the save fails part way (disk full while writing)", () => {
  test("the earlier result file is kept byte for byte, no temporary file is left, the next run succeeds", async () => {
    const out = path.join(dir, "kept.xlsx");
    expect((await run(budget, "--out", out, "--today", "2026-11-23")).code).toBe(0);
    const earlier = await fs.readFile(out);
    const fsModule = jest.requireActual<typeof import("fs")>("fs");
    const realCreate = fsModule.createWriteStream;
    // Half the earlier file's bytes reach the disk, then it is full.
    const spy = jest.spyOn(fsModule, "createWriteStream").mockImplementation(((
      file: string,
      options?: unknown
    ) => {
      const real = realCreate(file, options as Parameters<typeof realCreate>[1]);
      let room = Math.floor(earlier.length / 2);
      const origWrite = real.write.bind(real) as (chunk: Buffer) => boolean;
      (real as unknown as { write: (chunk: Buffer) => boolean }).write = (chunk: Buffer) => {
        if (chunk.length > room) {
          origWrite(chunk.subarray(0, room));
          room = 0;
          process.nextTick(() =>
            real.emit(
              "error",
              Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" })
            )
          );
          return false;
        }
        room -= chunk.length;
        return origWrite(chunk);
      };
      return real;
    }) as unknown as typeof realCreate);
    let r;
    try {
      r = await run(budget, "--out", out, "--today", "2026-11-24");
    } finally {
      spy.mockRestore();
    }
    expect(r).toEqual({
      code: 1,
      out: "",
      err: `budget-align: budget.xlsx: The result could not be saved to "${out}" (the disk is full). Your workbook was not changed; nothing was written.`,
    });
    expect((await fs.readFile(out)).equals(earlier)).toBe(true);
    expect((await fs.readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const again = await run(budget, "--out", out, "--today", "2026-11-24");
    expect(again.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      expect.arrayContaining(["Budget", "Alignment", "Review", "Timetable"])
    );
  }, 60000);
});
