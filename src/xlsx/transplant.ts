/**
 * Package surgery for the CLI's writer: move the sheets of a small generated package (our report sheets and the
 * state sheet, written by generated-package.ts) into the user's package, changing only what has to change:
 * the sheet parts and the parts they own (tables, drawings, charts, comments), workbook.xml's sheets and defined
 * names, the workbook's relationships, [Content_Types].xml, and styles.xml (our styles appended; our sheets are
 * written with the merged numbers). Every other part is left as it is.
 */
import {
  attributes,
  nextRelId,
  parseRels,
  relativeTarget,
  relsPathOf,
  renderRels,
  resolvePart,
  xmlEscape,
  type Relationship,
} from "./package";
import { withMainAsDefault } from "./xml-prefix";
import type { PackageParts } from "./generated-package";

/** The parts of the package being written: the user's, as changed so far. */
export interface PartStore {
  text(name: string): string | null;
  set(name: string, data: string | Buffer): void;
  remove(name: string): void;
  has(name: string): boolean;
  names(): string[];
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_WORKSHEET = `${REL}/worksheet`;
const REL_STYLES = `${REL}/styles`;
const REL_CALC_CHAIN = `${REL}/calcChain`;
const CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

export interface SheetEntry {
  name: string;
  sheetId: string;
  rId: string;
  state?: string;
  /** The whole <sheet …/> element as written. */
  element: string;
}

/** The <sheet> elements of workbook.xml, in tab order. */
export function sheetEntries(workbookXml: string): SheetEntry[] {
  const out: SheetEntry[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*?\/?>/g)) {
    const a = attributes(m[0]);
    const rId = a["r:id"] ?? Object.entries(a).find(([k]) => /(^|:)id$/.test(k))?.[1] ?? "";
    out.push({ name: a.name ?? "", sheetId: a.sheetId ?? "", rId, state: a.state, element: m[0] });
  }
  return out;
}

/** The officeDocument part named by _rels/.rels (xl/workbook.xml when the package does not say). */
export function workbookPartOf(rootRels: string | null): string {
  const rel = parseRels(rootRels).find((r) => /\/officeDocument$/.test(r.type ?? ""));
  return rel ? resolvePart("", rel.target).replace(/^\//, "") : "xl/workbook.xml";
}

// ---------------------------------------------------------------------------------------------
// Content types
// ---------------------------------------------------------------------------------------------

function contentTypeOf(ct: string, part: string): string | null {
  const lower = `/${part}`.toLowerCase();
  for (const m of ct.matchAll(/<Override\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if ((a.PartName ?? "").toLowerCase() === lower) return a.ContentType;
  }
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  for (const m of ct.matchAll(/<Default\b[^>]*>/g)) {
    const a = attributes(m[0]);
    if ((a.Extension ?? "").toLowerCase() === ext) return a.ContentType;
  }
  return null;
}

function removeOverride(ct: string, part: string): string {
  const lower = `/${part}`.toLowerCase();
  return ct.replace(/<Override\b[^>]*>(?:\s*<\/Override>)?/g, (tag) =>
    (attributes(tag).PartName ?? "").toLowerCase() === lower ? "" : tag
  );
}

function addOverride(ct: string, part: string, type: string): string {
  if (contentTypeOf(ct, part) === type) return ct;
  const cleaned = removeOverride(ct, part);
  const override = `<Override PartName="/${xmlEscape(part)}" ContentType="${xmlEscape(type)}"/>`;
  return cleaned.replace(/<\/Types>\s*$/, () => `${override}</Types>`);
}

// ---------------------------------------------------------------------------------------------
// Styles
// ---------------------------------------------------------------------------------------------

const STYLE_SECTIONS = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
] as const;

interface Section {
  start: number;
  end: number;
  items: string[];
}

/** A section of styles.xml (`<fonts>…</fonts>`) and its child elements. */
function section(xml: string, tag: string): Section | null {
  const m = new RegExp(`<${tag}(\\s[^>]*?)?(/?)>`).exec(xml);
  if (!m) return null;
  if (m[2] === "/") return { start: m.index, end: m.index + m[0].length, items: [] };
  const close = `</${tag}>`;
  const endTag = xml.indexOf(close, m.index);
  if (endTag < 0) return null;
  const inner = xml.slice(m.index + m[0].length, endTag);
  const items: string[] = [];
  let pos = 0;
  for (;;) {
    const lt = inner.indexOf("<", pos);
    if (lt < 0) break;
    const nm = /^<([\w:]+)/.exec(inner.slice(lt, lt + 64));
    if (!nm) {
      pos = lt + 1;
      continue;
    }
    const gt = inner.indexOf(">", lt);
    if (inner[gt - 1] === "/") {
      items.push(inner.slice(lt, gt + 1));
      pos = gt + 1;
    } else {
      const c = inner.indexOf(`</${nm[1]}>`, gt);
      const e = c < 0 ? gt + 1 : c + nm[1].length + 3;
      items.push(inner.slice(lt, e));
      pos = e;
    }
  }
  return { start: m.index, end: endTag + close.length, items };
}

function renderSection(tag: string, items: string[], extra = ""): string {
  return `<${tag} count="${items.length}"${extra}>${items.join("")}</${tag}>`;
}

/** Replaces (or inserts, in schema order) a section of styles.xml. */
function putSection(xml: string, tag: string, rendered: string): string {
  const s = section(xml, tag);
  if (s) return xml.slice(0, s.start) + rendered + xml.slice(s.end);
  const after = STYLE_SECTIONS.slice(
    STYLE_SECTIONS.indexOf(tag as (typeof STYLE_SECTIONS)[number]) + 1
  );
  for (const next of after) {
    const n = section(xml, next);
    if (n) return xml.slice(0, n.start) + rendered + xml.slice(n.start);
  }
  return xml.replace(/<\/styleSheet>\s*$/, () => `${rendered}</styleSheet>`);
}

function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)"[^"]*"`);
  if (re.test(tag)) return tag.replace(re, (_, a: string) => `${a}"${value}"`);
  return tag.replace(/^<([\w:]+)/, (_, n: string) => `<${n} ${name}="${value}"`);
}

/** Extra attributes of a section's start tag to keep (e.g. cellStyles' none; dxfs none; tableStyles defaults). */
function keptAttrs(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}(\\s[^>]*?)?/?>`).exec(xml);
  if (!m || !m[1]) return "";
  return m[1].replace(/\s*count\s*=\s*"[^"]*"/, "");
}

export interface StyleMerge {
  /** generated cellXfs index → index in the user's styles.xml */
  xf(i: number): number;
  dxf(i: number): number;
  /** A style index that is `existing` (or the default) with Excel's quote prefix. */
  quoted(existing: string | undefined): string;
  /** The user's styles.xml with everything added so far. */
  render(): string;
}

/**
 * Appends the generated workbook's fonts, fills, borders, number formats, cell formats and differential formats to
 * the user's styles.xml (number formats with the same code are shared; new ones get free ids).
 */
export function mergeStyles(userXml: string | null, genXml: string): StyleMerge {
  if (!userXml) {
    // No styles part (allowed, if unusual): ours becomes the workbook's, indices unchanged.
    if (!genXml)
      return {
        xf: (i) => i,
        dxf: (i) => i,
        quoted: (existing) => existing ?? "0",
        render: () => "",
      };
    return styleMerge(genXml, {});
  }
  // A styles part with prefixed elements (<x:styleSheet>) is extended as the same XML in the default namespace.
  let xml = withMainAsDefault(userXml, "styleSheet");
  const gen = (tag: string) => section(genXml, tag)?.items ?? [];
  const user = (tag: string) => section(xml, tag)?.items ?? [];

  // number formats
  const userFmts = user("numFmts");
  const codeToId = new Map<string, string>();
  let maxId = 163;
  for (const f of userFmts) {
    const a = attributes(f);
    codeToId.set(a.formatCode, a.numFmtId);
    maxId = Math.max(maxId, Number(a.numFmtId) || 0);
  }
  const fmtMap = new Map<string, string>();
  const addedFmts: string[] = [];
  for (const f of gen("numFmts")) {
    const a = attributes(f);
    let id = codeToId.get(a.formatCode);
    if (id === undefined) {
      id = String(++maxId);
      codeToId.set(a.formatCode, id);
      addedFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEscape(a.formatCode)}"/>`);
    }
    fmtMap.set(a.numFmtId, id);
  }
  if (addedFmts.length)
    xml = putSection(xml, "numFmts", renderSection("numFmts", [...userFmts, ...addedFmts]));

  // Each of ours maps to an identical one of the user's when there is one (so a re-run adds nothing), else is
  // appended.
  const maps: Record<string, number[]> = {};
  const mergeList = (tag: string, theirs: string[]): void => {
    const mine = user(tag);
    const at = new Map<string, number>();
    mine.forEach((item, i) => {
      if (!at.has(item)) at.set(item, i);
    });
    const list = [...mine];
    maps[tag] = theirs.map((item) => {
      let i = at.get(item);
      if (i === undefined) {
        i = list.push(item) - 1;
        at.set(item, i);
      }
      return i;
    });
    if (list.length > mine.length)
      xml = putSection(xml, tag, renderSection(tag, list, keptAttrs(xml, tag)));
  };
  for (const tag of ["fonts", "fills", "borders", "dxfs"]) mergeList(tag, gen(tag));
  const hasStyleXfs = user("cellStyleXfs").length > 0;
  const remapped = gen("cellXfs").map((x) => {
    const start = /^<[^>]*?\/?>/.exec(x)![0];
    const a = attributes(start);
    let t = start;
    const map = (tag: string, v: string) => String(maps[tag][Number(v)] ?? Number(v));
    if (a.fontId !== undefined) t = setAttr(t, "fontId", map("fonts", a.fontId));
    if (a.fillId !== undefined) t = setAttr(t, "fillId", map("fills", a.fillId));
    if (a.borderId !== undefined) t = setAttr(t, "borderId", map("borders", a.borderId));
    if (a.numFmtId !== undefined && fmtMap.has(a.numFmtId))
      t = setAttr(t, "numFmtId", fmtMap.get(a.numFmtId)!);
    if (hasStyleXfs) t = setAttr(t, "xfId", "0");
    else t = t.replace(/\sxfId\s*=\s*"[^"]*"/, "");
    return t + x.slice(start.length);
  });
  mergeList("cellXfs", remapped);
  return styleMerge(xml, maps);
}

/**
 * The merge over the user's styles.xml as merged so far: generated cellXfs and dxfs indices through `maps` (an index
 * it does not map stays as it is), and quote-prefixed cell formats added to the XML as they are first asked for.
 */
function styleMerge(merged: string, maps: Record<string, number[]>): StyleMerge {
  let xml = merged;
  const quotes = new Map<string, string>();
  return {
    xf: (i) => maps.cellXfs?.[i] ?? i,
    dxf: (i) => maps.dxfs?.[i] ?? i,
    quoted(existing) {
      return quoteIn(
        existing,
        quotes,
        () => xml,
        (x) => (xml = x)
      );
    },
    render: () => xml,
  };
}

function quoteIn(
  existing: string | undefined,
  memo: Map<string, string>,
  get: () => string,
  put: (xml: string) => void
): string {
  const key = existing ?? "0";
  const known = memo.get(key);
  if (known !== undefined) return known;
  const xml = get();
  const xfs = section(xml, "cellXfs")?.items ?? [];
  const base =
    xfs[Number(key)] ?? xfs[0] ?? `<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`;
  const start = /^<[^>]*?\/?>/.exec(base)![0];
  if (/\squotePrefix\s*=\s*"(1|true)"/.test(start)) {
    memo.set(key, key);
    return key;
  }
  const quoted = setAttr(start, "quotePrefix", "1") + base.slice(start.length);
  let i = xfs.indexOf(quoted);
  if (i < 0) {
    put(
      putSection(
        xml,
        "cellXfs",
        renderSection("cellXfs", [...xfs, quoted], keptAttrs(xml, "cellXfs"))
      )
    );
    i = xfs.length;
  }
  const id = String(i);
  memo.set(key, id);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Moving the generated sheets in
// ---------------------------------------------------------------------------------------------

/**
 * The lowest free "<folder>/<stem>N.<ext>" among the parts (names freed by a replaced sheet are used again, so a
 * re-run writes its parts under the same names).
 */
function freePart(
  taken: { has(p: string): boolean; add(p: string): void },
  folder: string,
  stem: string,
  ext: string
): string {
  for (let n = 1; ; n++) {
    const p = `${folder}/${stem}${n}.${ext}`;
    if (!taken.has(p)) {
      taken.add(p);
      return p;
    }
  }
}

function splitPart(part: string): { folder: string; stem: string; ext: string } {
  const slash = part.lastIndexOf("/");
  const file = part.slice(slash + 1);
  const dot = file.lastIndexOf(".");
  return {
    folder: part.slice(0, slash),
    stem: file.slice(0, dot).replace(/\d+$/, ""),
    ext: file.slice(dot + 1),
  };
}

export interface TransplantResult {
  /** Parts whose old content no longer belongs to the package (removed) */
  removed: string[];
  styles: StyleMerge;
}

/**
 * Moves every sheet of the generated package `gen` into `store`: a sheet whose name is already in the workbook
 * replaces it on the same tab (its old parts removed unless something else uses them), the others are added after
 * the last tab. `dropCalcChain` removes the calculation chain (cells changed). `markers` are workbook-scoped
 * hidden defined names to set (our report markers, src/core/report-sheets.ts), replacing any of the same name.
 */
export function transplant(
  store: PartStore,
  gen: PackageParts | null,
  dropCalcChain: boolean,
  markers: { name: string; ref: string }[] = []
): TransplantResult {
  const claimed = new Set<string>();
  const taken = {
    has: (p: string) => claimed.has(p.toLowerCase()) || store.has(p),
    add: (p: string) => void claimed.add(p.toLowerCase()),
  };
  const wbPart = workbookPartOf(store.text("_rels/.rels"));
  const wbRelsPath = relsPathOf(wbPart);
  let wbXml = store.text(wbPart);
  if (wbXml === null) throw new Error(`the package has no workbook part (${wbPart})`);
  const wbRels = parseRels(store.text(wbRelsPath));
  let ct = store.text("[Content_Types].xml") ?? "";
  const removed: string[] = [];

  const externalIds = (relsXml: string | null) =>
    new Set(
      [...(relsXml ?? "").matchAll(/<Relationship\b[^>]*>/g)]
        .map((m) => attributes(m[0]))
        .filter((a) => a.TargetMode === "External")
        .map((a) => a.Id)
    );
  // How many relationships point at each part, so a part is removed only when nothing else uses it.
  const refCount = new Map<string, number>();
  for (const relsName of store.names().filter((n) => /(^|\/)_rels\/[^/]*\.rels$/.test(n))) {
    const source = relsName.replace(/(^|\/)_rels\/([^/]*)\.rels$/, "$1$2");
    const relsXml = store.text(relsName);
    const external = externalIds(relsXml);
    for (const r of parseRels(relsXml)) {
      if (external.has(r.id)) continue;
      const t = resolvePart(source, r.target).toLowerCase();
      refCount.set(t, (refCount.get(t) ?? 0) + 1);
    }
  }
  const removePart = (part: string): void => {
    const relsName = relsPathOf(part);
    const relsXml = store.text(relsName);
    const external = externalIds(relsXml);
    for (const r of parseRels(relsXml)) {
      if (external.has(r.id)) continue;
      const t = resolvePart(part, r.target);
      const key = t.toLowerCase();
      const n = (refCount.get(key) ?? 1) - 1;
      refCount.set(key, n);
      if (n <= 0 && store.has(t)) removePart(t);
    }
    if (store.has(relsName)) store.remove(relsName);
    store.remove(part);
    ct = removeOverride(ct, part);
    removed.push(part);
  };

  // calcChain
  if (dropCalcChain) {
    const rel = wbRels.find((r) => r.type === REL_CALC_CHAIN);
    if (rel) {
      const part = resolvePart(wbPart, rel.target);
      if (store.has(part)) store.remove(part);
      ct = removeOverride(ct, part);
      removed.push(part);
      wbRels.splice(wbRels.indexOf(rel), 1);
    }
  }

  // styles
  const genStyles = gen?.text("xl/styles.xml") ?? "";
  const stylesRel = wbRels.find((r) => r.type === REL_STYLES);
  let stylesPart = stylesRel ? resolvePart(wbPart, stylesRel.target) : null;
  const styles = mergeStyles(stylesPart ? store.text(stylesPart) : null, genStyles);
  // Our sheets are written with the merged style numbers: nothing of them is renumbered afterwards.
  gen?.restyle(styles);
  if (!stylesPart && gen) {
    // styles.xml beside the workbook part, as every writer names it (some readers look for no other name)
    const folder = wbPart.slice(0, wbPart.lastIndexOf("/"));
    stylesPart = taken.has(`${folder}/styles.xml`)
      ? freePart(taken, folder, "styles", "xml")
      : `${folder}/styles.xml`;
    taken.add(stylesPart);
    wbRels.push({
      id: nextRelId(wbRels),
      type: REL_STYLES,
      target: relativeTarget(wbPart, stylesPart),
    });
    ct = addOverride(ct, stylesPart, CT_STYLES);
  }

  const genWb = gen?.text("xl/workbook.xml") ?? "";
  const genWbRels = parseRels(gen?.text("xl/_rels/workbook.xml.rels") ?? null);
  const genCt = gen?.text("[Content_Types].xml") ?? "";
  const genSheets = sheetEntries(genWb);
  // The workbook's own prefixes: its elements' ("x:" in some writers' output) and the relationships namespace's.
  const px = /<(\w+:)?workbook\b/.exec(wbXml)?.[1] ?? "";
  let rp =
    /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
      wbXml
    )?.[1];
  if (!rp) {
    rp = "r";
    wbXml = wbXml.replace(/<(\w+:)?workbook\b/, (m) => `${m} xmlns:r="${REL}"`);
  }
  let userSheets = sheetEntries(wbXml);
  const usedTableNames = new Set<string>();
  let maxTableId = 0;
  for (const n of store.names()) {
    if (!/\/tables\/[^/]+\.xml$/i.test(n)) continue;
    const head = /<table\b[^>]*>/.exec(store.text(n) ?? "");
    if (!head) continue;
    const a = attributes(head[0]);
    maxTableId = Math.max(maxTableId, Number(a.id) || 0);
    if (a.name) usedTableNames.add(a.name.toLowerCase());
    if (a.displayName) usedTableNames.add(a.displayName.toLowerCase());
  }
  /** Position in the user's workbook (localSheetId) of each generated sheet. */
  const positionOf = new Map<number, number>();
  const replacedPositions = new Set<number>();
  let maxSheetId = userSheets.reduce((m, s) => Math.max(m, Number(s.sheetId) || 0), 0);

  genSheets.forEach((g, gi) => {
    const gRel = genWbRels.find((r) => r.id === g.rId);
    if (!gRel) return;
    const gPart = resolvePart("xl/workbook.xml", gRel.target);
    const oldIndex = userSheets.findIndex((s) => s.name.toLowerCase() === g.name.toLowerCase());
    let part: string;
    let rId: string;
    let sheetId: string;
    if (oldIndex >= 0) {
      const old = userSheets[oldIndex];
      const rel = wbRels.find((r) => r.id === old.rId);
      const oldPart = rel ? resolvePart(wbPart, rel.target) : null;
      if (oldPart && store.has(oldPart)) removePart(oldPart);
      part =
        oldPart && rel?.type === REL_WORKSHEET
          ? oldPart
          : freePart(
              taken,
              `${wbPart.slice(0, wbPart.lastIndexOf("/"))}/worksheets`,
              "sheet",
              "xml"
            );
      taken.add(part.toLowerCase());
      if (rel) {
        rel.type = REL_WORKSHEET;
        rel.target = relativeTarget(wbPart, part);
        rId = rel.id;
      } else {
        rId = nextRelId(wbRels);
        wbRels.push({ id: rId, type: REL_WORKSHEET, target: relativeTarget(wbPart, part) });
      }
      sheetId = old.sheetId;
      replacedPositions.add(oldIndex);
      positionOf.set(gi, oldIndex);
    } else {
      part = freePart(
        taken,
        `${wbPart.slice(0, wbPart.lastIndexOf("/"))}/worksheets`,
        "sheet",
        "xml"
      );
      rId = nextRelId(wbRels);
      wbRels.push({ id: rId, type: REL_WORKSHEET, target: relativeTarget(wbPart, part) });
      sheetId = String(++maxSheetId);
      positionOf.set(gi, userSheets.length);
    }
    const element =
      `<${px}sheet name="${xmlEscape(g.name)}" sheetId="${sheetId}"` +
      `${g.state && g.state !== "visible" ? ` state="${g.state}"` : ""} ${rp}:id="${rId}"/>`;
    if (oldIndex >= 0) {
      const old = userSheets[oldIndex];
      wbXml = wbXml!.replace(old.element, () => element);
    } else {
      wbXml = wbXml!.replace(/<\/(\w+:)?sheets>/, (close) => `${element}${close}`);
    }
    userSheets = sheetEntries(wbXml!);

    // the sheet part and what it owns
    if (!gen) return;
    store.set(part, gen.read(gPart)); // bytes: a sheet of a million lines is never one string
    ct = addOverride(ct, part, CT_WORKSHEET);
    const copyOwned = (gFrom: string, sFrom: string): void => {
      const rels = parseRels(gen.text(relsPathOf(gFrom)));
      const external = externalIds(gen.text(relsPathOf(gFrom)));
      if (!rels.length) return;
      const out: (Relationship & { external?: boolean })[] = [];
      for (const r of rels) {
        if (external.has(r.id)) {
          out.push({ ...r, external: true });
          continue;
        }
        const gTarget = resolvePart(gFrom, r.target);
        const { folder, stem, ext } = splitPart(gTarget);
        const sTarget = freePart(
          taken,
          folder.replace(/^xl/, wbPart.slice(0, wbPart.lastIndexOf("/"))),
          stem,
          ext
        );
        const type = contentTypeOf(genCt, gTarget);
        if (/\.(xml|vml)$/i.test(gTarget)) {
          let xml = gen.text(gTarget) ?? "";
          if (/\/table$/.test(r.type)) xml = renameTable(xml, usedTableNames, ++maxTableId);
          store.set(sTarget, xml);
        } else {
          store.set(sTarget, gen.read(gTarget));
        }
        if (type) {
          const ext2 = sTarget.slice(sTarget.lastIndexOf(".") + 1).toLowerCase();
          const userDefault = contentTypeOf(ct, `x.${ext2}`);
          if (userDefault !== type) ct = addOverride(ct, sTarget, type);
        }
        copyOwned(gTarget, sTarget);
        out.push({ ...r, target: relativeTarget(sFrom, sTarget) });
      }
      store.set(relsPathOf(sFrom), renderRelsWithModes(out));
    };
    copyOwned(gPart, part);
  });

  // defined names: the generated ones, at the generated sheets' positions
  const genNames = [...genWb.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)];
  if (genNames.length || replacedPositions.size || markers.length) {
    const userNamesSec =
      /<(\w+:)?definedNames>([\s\S]*?)<\/(\w+:)?definedNames>|<(\w+:)?definedNames\s*\/>/.exec(
        wbXml!
      );
    const userNames = userNamesSec
      ? [
          ...(userNamesSec[2] ?? "").matchAll(
            /<(?:\w+:)?definedName\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?definedName>)/g
          ),
        ].map((m) => m[0])
      : [];
    const genGlobal = new Set<string>();
    const added = genNames.map((m) => {
      const a = attributes(`<x ${m[1]}>`);
      let head = m[1];
      if (a.localSheetId !== undefined) {
        const pos = positionOf.get(Number(a.localSheetId));
        head = head.replace(/localSheetId="\d+"/, `localSheetId="${pos ?? 0}"`);
      } else genGlobal.add(a.name.toLowerCase());
      return `<${px}definedName${head}>${m[2]}</${px}definedName>`;
    });
    for (const mk of markers) {
      genGlobal.add(mk.name.toLowerCase());
      added.push(
        `<${px}definedName name="${xmlEscape(mk.name)}" hidden="1">${xmlEscape(mk.ref)}</${px}definedName>`
      );
    }
    const kept = userNames.filter((n) => {
      const a = attributes(n.slice(0, n.indexOf(">") + 1));
      if (a.localSheetId !== undefined) return !replacedPositions.has(Number(a.localSheetId));
      return !genGlobal.has((a.name ?? "").toLowerCase());
    });
    const all = [...kept, ...added];
    const rendered = all.length ? `<${px}definedNames>${all.join("")}</${px}definedNames>` : "";
    if (userNamesSec) wbXml = wbXml!.replace(userNamesSec[0], () => rendered);
    else if (rendered) {
      // after sheets / functionGroups / externalReferences, as CT_Workbook orders them
      const anchor =
        /<\/(?:\w+:)?externalReferences>|<(?:\w+:)?externalReferences\s*\/>|<\/(?:\w+:)?functionGroups>|<(?:\w+:)?functionGroups\b[^>]*\/>|<\/(?:\w+:)?sheets>/g;
      let last: RegExpExecArray | null = null;
      for (let m = anchor.exec(wbXml!); m; m = anchor.exec(wbXml!)) last = m;
      if (last) {
        const at = last.index + last[0].length;
        wbXml = wbXml!.slice(0, at) + rendered + wbXml!.slice(at);
      }
    }
  }

  store.set(wbPart, wbXml!);
  store.set(wbRelsPath, renderRelsKeepingModes(store.text(wbRelsPath), wbRels));
  store.set("[Content_Types].xml", ct);
  return { removed, styles };
}

/** Table names are unique in a workbook; ids too. */
function renameTable(xml: string, used: Set<string>, id: number): string {
  const head = /<table\b[^>]*>/.exec(xml);
  if (!head) return xml;
  const a = attributes(head[0]);
  let name = a.name ?? a.displayName ?? "Table";
  let candidate = name;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${name}_${n}`;
  name = candidate;
  used.add(name.toLowerCase());
  let t = setAttr(head[0], "id", String(id));
  t = setAttr(t, "name", xmlEscape(name));
  t = setAttr(t, "displayName", xmlEscape(name));
  return xml.replace(head[0], () => t);
}

function renderRelsWithModes(rels: (Relationship & { external?: boolean })[]): string {
  const xml = renderRels(rels);
  if (!rels.some((r) => r.external)) return xml;
  let i = 0;
  return xml.replace(/<Relationship\b[^>]*\/>/g, (tag) =>
    rels[i++]?.external ? tag.replace(/\/>$/, ' TargetMode="External"/>') : tag
  );
}

/** The workbook's relationships with their TargetMode kept (external links, for instance). */
function renderRelsKeepingModes(oldXml: string | null, rels: Relationship[]): string {
  const external = new Set(
    [...(oldXml ?? "").matchAll(/<Relationship\b[^>]*>/g)]
      .map((m) => attributes(m[0]))
      .filter((a) => a.TargetMode === "External")
      .map((a) => a.Id)
  );
  return renderRelsWithModes(rels.map((r) => ({ ...r, external: external.has(r.id) })));
}
