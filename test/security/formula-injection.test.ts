/**
 * Formula injection: text that came from the budget, the plan or a person (=HYPERLINK(…), +cmd|…, @SUM(…), -2+3+…,
 * a leading tab or CR) is written as text in every generated sheet, by both ports. End to end: the CLI
 * (src/cli/run.ts alignFile) on a workbook built with exceljs, read back with exceljs and as raw XML; and the task
 * pane's path (src/core/workflow.ts runAlignment) through the Excel port over the fake Excel API. No cell holds a
 * formula except the Programs sheet's own (totals, quartiles, what-if), and each of those is one the core built from
 * A1 references, numbers, operators and nine functions: no user text reaches a formula. The text is exact, on the
 * Programs sheet too (department, program, program key, goal ids, attributes typed by an analyst).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { alignFile } from "../../src/cli/run";
import { STATE_SHEET_NAME } from "../../src/core/state";
import type { CellValue, SheetModel } from "../../src/core/types";
import { runAlignment } from "../../src/core/workflow";
import { ExcelPort, type ExcelRun } from "../../src/excel/port";
import { worksheetValues, XlsxPort } from "../../src/xlsx/port";
import { FakeExcel } from "../fake-excel/fake-excel";
import { PLAN_HEADER } from "../reliability/books";

export const HOSTILE = [
  '=HYPERLINK("http://evil","click")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=2+2",
  "=1+1",
];

/** Text as the readers keep it (they trim surrounding white space, so "\t=1+1" is read as "=1+1"). */
const asRead = (s: string) => s.trim();

// ------------------------------------------------------------------------------------------------
// Inspecting a saved .xlsx
// ------------------------------------------------------------------------------------------------

/** What the core's formulas are made of: A1 cells and ranges, numbers, operators and nine functions. */
export const OUR_FORMULA =
  /^=?(?:SUMPRODUCT|SUMIF|SUM|COUNTIF|COUNT|RANK|INT|MIN|CHOOSE|\$?[A-Z]{1,3}\$?\d+|\d+(?:\.\d+)?|[-+*/(),:=])+$/;

/**
 * Every formula element (<f>) of every worksheet XML part that is not one of ours: on a sheet other than Programs,
 * or not made of our references only. `programsFormulas` counts the Programs sheet's own.
 */
async function formulasInXml(buffer: Buffer, counted?: { programs: number }): Promise<string[]> {
  const zip = await JSZip.loadAsync(buffer);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const sheetRid = /<sheet\b[^>]*name="Programs"[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
  const target = sheetRid
    ? new RegExp(
        `Id="${sheetRid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${sheetRid}"`
      ).exec(rels)
    : null;
  const programsPart = target ? "xl/" + (target[1] ?? target[2]).replace(/^\/?xl\//, "") : null;
  const out: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(n)
  )) {
    const xml = await zip.file(name)!.async("string");
    for (const m of xml.matchAll(/<f(?:\s[^>]*)?>([^<]*)<\/f>|<f\s[^>]*\/>/g)) {
      const text = (m[1] ?? "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (name === programsPart && OUR_FORMULA.test(text)) {
        if (counted) counted.programs++;
        continue;
      }
      out.push(`${name}: ${m[0]}`);
    }
  }
  return out;
}

/** Every cell of every sheet that exceljs reads as a formula, and every text value. */
function scan(wb: ExcelJS.Workbook): { formulas: string[]; texts: Map<string, string[]> } {
  const formulas: string[] = [];
  const texts = new Map<string, string[]>();
  wb.eachSheet((ws) => {
    const list: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula) {
          // The Programs sheet's own formulas are allowed, and only when made of our references.
          if (!(ws.name === "Programs" && OUR_FORMULA.test(cell.formula ?? "")))
            formulas.push(`${ws.name}!${cell.address}: ${cell.formula}`);
          return;
        }
        if (typeof cell.value === "string") list.push(cell.value);
        else if (cell.value && typeof cell.value === "object" && "richText" in cell.value)
          list.push(cell.value.richText.map((r) => r.text).join(""));
      })
    );
    texts.set(ws.name, list);
  });
  return { formulas, texts };
}

function model(name: string, values: CellValue[][]): SheetModel {
  return {
    name,
    values,
    numberFormats: [],
    styles: [],
    columnWidths: [24, 24],
    tables: [{ name: "HostileTable", range: { row: 0, col: 0, rows: values.length, cols: 2 } }],
    validations: [
      {
        range: { row: 1, col: 1, rows: values.length - 1, cols: 1 },
        list: HOSTILE.slice(0, 4),
        allowOther: true,
      },
    ],
    conditionalFormats: [],
    charts: [],
    outline: [],
    print: { landscape: true, fitToWidth: true, footer: "&A" },
  };
}

const hostileModel = () =>
  model("Review", [
    ["Program", "Answer"],
    ...HOSTILE.map((h, i) => [h, i % 2 ? h : `${h} (row ${i})`] as CellValue[]),
  ]);

// ------------------------------------------------------------------------------------------------
// The ports alone
// ------------------------------------------------------------------------------------------------

describe("each port writes formula-like text as text", () => {
  test("XlsxPort: generated sheets and Goal cells; no <f> in the saved XML; exact text read back", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRow(["Department", "Goal"]);
    const port = new XlsxPort(wb);
    await port.writeSheets([hostileModel()]);
    await port.writeCells(
      HOSTILE.map((h, i) => ({ sheet: "Budget", cell: `B${i + 2}`, value: h }))
    );
    const buffer = await port.toBuffer();
    expect(await formulasInXml(buffer)).toEqual([]);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(buffer as unknown as ArrayBuffer);
    const { formulas, texts } = scan(back);
    expect(formulas).toEqual([]);
    for (const h of HOSTILE) {
      expect(texts.get("Review")).toContain(h);
      expect(texts.get("Budget")).toContain(h);
    }
  });

  test("ExcelPort over the fake Excel API: no formula in any cell, exact text, quote prefix set", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Budget", [["Department", "Goal"]]);
    const port = new ExcelPort({
      run: fake.run as unknown as ExcelRun,
      isSetSupported: fake.isSetSupported,
    });
    await port.writeSheets([hostileModel()]);
    await port.writeCells(
      HOSTILE.map((h, i) => ({ sheet: "Budget", cell: `B${i + 2}`, value: h }))
    );
    for (const s of fake.data.sheets) expect([s.name, [...s.formulas]]).toEqual([s.name, []]);
    const review = fake.sheet("Review");
    HOSTILE.forEach((h, i) => {
      expect(review.cell(i + 1, 0)).toMatchObject({ value: h, quotePrefix: true });
      expect(fake.sheet("Budget").cell(i + 1, 1)).toMatchObject({ value: h, quotePrefix: true });
    });
  });
});

// ------------------------------------------------------------------------------------------------
// End to end
// ------------------------------------------------------------------------------------------------

const [H0, H1, H2, H3, H4, H5] = HOSTILE;

/** A budget whose department, program and description cells, and one Goal cell, are hostile; and a hostile plan. */
function hostileBook(): { name: string; values: CellValue[][] }[] {
  return [
    {
      name: "Budget",
      values: [
        ["Department", "Program", "Account", "Description", "FY 2026-27 Proposed", "Goal"],
        [H0, "Suppression", "5110", "Firefighter salaries", 1200000, ""],
        ["Police", H1, "5110", H2, 1500000, ""],
        ["Parks", "Trails", "5410", H3, 95000, H4],
        ["Library", "Collections", "5510", "Books and e-books", 120000, "G2.2"],
        [H5, "Accounting", "5110", "Accountant salaries", 260000, ""],
      ],
    },
    {
      name: "Strategic Plan",
      values: [
        ["Plan name", "Test City Plan"],
        ["Adopted", "2026-03-15"],
        [],
        PLAN_HEADER,
        ["Priority", "P1", "", H0, "", "", "", "", "", "", "", ""],
        ["Goal", "G1.1", "P1", H1, H2, "fire, police", "", "", "", "", "", ""],
        ["Priority", "P2", "", "Vibrant Places", "", "", "", "", "", "", "", ""],
        ["Goal", "G2.2", "P2", "Expand library access", "", "library", "", "", "", "", "", ""],
        [
          "Action",
          "A2.2.1",
          "G2.2",
          H3,
          "",
          "",
          H1,
          "2026-07-01",
          "2027-06-30",
          H0,
          H2,
          "In progress",
        ],
      ],
    },
  ];
}

/** The texts every report must show exactly, if it shows them at all (trimmed as the readers keep them). */
const EXPECTED_SOMEWHERE = [H0, H1, H2, H3].map(asRead);

async function writeBook(
  file: string,
  sheets: { name: string; values: CellValue[][] }[]
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "" && v !== null) ws.getCell(r + 1, c + 1).value = v;
      })
    );
  }
  await wb.xlsx.writeFile(file);
}

describe("end to end through the CLI", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "formula-injection-"));
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  test("budget, plan, Goal cell and a review answer: no formula anywhere in the output, the text is exact", async () => {
    const input = path.join(dir, "hostile.xlsx");
    await writeBook(input, hostileBook());
    const out1 = path.join(dir, "run1.xlsx");
    const r1 = await alignFile({ input, out: out1, today: "2026-11-23" });
    expect(r1.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
    const buf1 = await fs.readFile(out1);
    const counted = { programs: 0 };
    expect(await formulasInXml(buf1, counted)).toEqual([]);
    expect(counted.programs).toBeGreaterThan(10);
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(buf1 as unknown as ArrayBuffer);
    const s1 = scan(wb1);
    expect(s1.formulas).toEqual([]);
    const generated = ["Alignment", "Review", "Timetable"].flatMap((n) => s1.texts.get(n) ?? []);
    for (const h of EXPECTED_SOMEWHERE)
      expect(generated.some((t) => t === h || t.includes(h))).toBe(true);
    // The Programs sheet shows the hostile department and program exactly, as text.
    expect(s1.texts.get("Programs")).toEqual(expect.arrayContaining([asRead(H0), asRead(H1)]));
    // The hostile Goal cell is the user's text: left exactly as typed, and reported.
    expect(wb1.getWorksheet("Budget")!.getCell("F4").value).toBe(H4);
    expect(r1.analysis.issues.some((i) => i.code === "tag.unknown-goal" && i.cell === "F4")).toBe(
      true
    );

    // A department head answers in the Review sheet with hostile text in every free-text answer cell of one row.
    const review = wb1.getWorksheet("Review")!;
    let header = 0;
    const col: Record<string, number> = {};
    review.eachRow((row, r) => {
      if (header) return;
      row.eachCell((c, n) => {
        if (typeof c.value === "string") col[c.value] = n;
      });
      if (col.Response && col.Justification) header = r;
    });
    expect(header).toBeGreaterThan(0);
    const answered = header + 1;
    const answerRow = review.getRow(answered);
    expect(worksheetValues(review)[answered - 1][col.Program - 1]).toBeTruthy(); // a program is listed there
    answerRow.getCell(col.Response).value = "Modify";
    answerRow.getCell(col.Justification).value = H0;
    answerRow.getCell(col.Reviewer).value = H1;
    answerRow.getCell(col.Date).value = H3;
    // An analyst types hostile text into every kind of input cell of the Programs sheet: a score, each
    // attribute, a weight and a what-if change.
    const programs = wb1.getWorksheet("Programs")!;
    let pHeader = 0;
    const pcol: Record<string, number> = {};
    programs.eachRow((row, r) => {
      if (pHeader) return;
      const here: Record<string, number> = {};
      row.eachCell((c, n) => {
        if (typeof c.value === "string") here[c.value] = n;
      });
      if (here["Program key"] && here.Department) {
        pHeader = r;
        Object.assign(pcol, here);
      }
    });
    expect(pHeader).toBeGreaterThan(0);
    const prow = programs.getRow(pHeader + 1);
    prow.getCell(pcol["P1 score"]).value = H2;
    for (const [i, h] of [
      "Mandated",
      "Reliance on the city",
      "Cost recovery",
      "Change in demand",
      "Portion served",
    ].entries())
      prow.getCell(pcol[h]).value = HOSTILE[i];
    let weightRow = 0;
    programs.eachRow((row, r) => {
      if (!weightRow && row.getCell(1).value === "P1" && typeof row.getCell(3).value === "number")
        weightRow = r;
    });
    programs.getRow(weightRow).getCell(3).value = H0;
    programs.getRow(weightRow).getCell(4).value = H1;
    const input2 = path.join(dir, "answered.xlsx");
    await wb1.xlsx.writeFile(input2);
    const out2 = path.join(dir, "run2.xlsx");
    await alignFile({ input: input2, out: out2, today: "2026-11-24" });
    const buf2 = await fs.readFile(out2);
    expect(await formulasInXml(buf2)).toEqual([]);
    const r2 = await alignFile({
      input: input2,
      out: path.join(dir, "run2b.xlsx"),
      today: "2026-11-24",
    });
    // The bad score, weight and change are reported with their cells and not used; the attributes kept as typed.
    const codes = r2.analysis.issues.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining(["programs.bad-score", "programs.bad-weight", "programs.bad-change"])
    );
    expect(codes.filter((c) => c === "programs.unknown-attribute")).toHaveLength(5);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(buf2 as unknown as ArrayBuffer);
    const s2 = scan(wb2);
    expect(s2.formulas).toEqual([]);
    // The answer was read and written again, exactly, as text.
    const reviewTexts = s2.texts.get("Review") ?? [];
    for (const h of [H0, H1, H3]) expect(reviewTexts).toContain(h);
    // The attributes typed on the Programs sheet were read and written again, exactly, as text.
    const programTexts = s2.texts.get("Programs") ?? [];
    for (const h of HOSTILE.slice(0, 5)) expect(programTexts).toContain(asRead(h));
    // The hidden state holds the text as data, never as a formula either.
    expect(s2.texts.get(STATE_SHEET_NAME)?.join("")).toContain(JSON.stringify(H0).slice(1, -1));
  }, 60000);
});

describe("end to end through the package writer (alignFile, every size)", () => {
  test("no <f> in the saved XML, no formula cell, the hostile texts appear exactly", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "formula-injection-package-"));
    try {
      const input = path.join(dir, "hostile.xlsx");
      await writeBook(input, hostileBook());
      const out = path.join(dir, "aligned.xlsx");
      const r = await alignFile({ input, out, today: "2026-11-23" });
      expect(r.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
      const buf = await fs.readFile(out);
      expect(await formulasInXml(buf)).toEqual([]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      const { formulas, texts } = scan(wb);
      expect(formulas).toEqual([]);
      const generated = ["Alignment", "Review", "Timetable"].flatMap((n) => texts.get(n) ?? []);
      for (const h of EXPECTED_SOMEWHERE)
        expect(generated.some((t) => t === h || t.includes(h))).toBe(true);
      expect(wb.getWorksheet("Budget")!.getCell("F4").value).toBe(H4);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 60000);
});

describe("end to end through the Excel port (the task pane's path)", () => {
  test("no formula in any cell of any sheet; the hostile texts appear exactly", async () => {
    const fake = new FakeExcel();
    for (const s of hostileBook()) fake.addSheet(s.name, s.values);
    // addSheet stores the set-up values as they are: the hostile texts start out as text, as typed with a quote.
    expect(fake.data.sheets.every((s) => s.formulas.size === 0)).toBe(true);
    const port = new ExcelPort({
      run: fake.run as unknown as ExcelRun,
      isSetSupported: fake.isSetSupported,
    });
    const r = await runAlignment(port, { today: "2026-11-23" });
    expect(r.written).toEqual(["Alignment", "Review", "Timetable", "Programs"]);
    for (const s of fake.data.sheets)
      expect([
        s.name,
        [...s.formulas.values()].filter((f) => s.name !== "Programs" || !OUR_FORMULA.test(f)),
      ]).toEqual([s.name, []]);
    expect(fake.sheet("Programs").formulas.size).toBeGreaterThan(10);
    const texts = ["Alignment", "Review", "Timetable", "Programs"].flatMap((n) =>
      fake
        .sheet(n)
        .rows.flatMap((row) => (row ?? []).filter((v): v is string => typeof v === "string"))
    );
    for (const h of EXPECTED_SOMEWHERE)
      expect(texts.some((t) => t === h || t.includes(h))).toBe(true);
  }, 60000);
});
