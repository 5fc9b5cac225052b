/**
 * The language work of the tagger: words of a budget line or plan node → stems, with budget
 * abbreviations expanded and stop words dropped. Pure and cached (real budgets repeat the same words).
 */
import stem from "wink-porter2-stemmer";

/**
 * Abbreviations common in municipal budgets, by lower-case token. Case-sensitive ones (like "IT", which is
 * also an English word) are in CASE_SENSITIVE_ABBREVIATIONS.
 */
export const ABBREVIATIONS: Record<string, string> = {
  pd: "police department",
  fd: "fire department",
  maint: "maintenance",
  mtce: "maintenance",
  mnt: "maintenance",
  svcs: "services",
  svc: "service",
  srvcs: "services",
  admin: "administration",
  adm: "administration",
  cip: "capital improvement program",
  "o&m": "operations maintenance",
  rec: "recreation",
  dept: "department",
  depts: "departments",
  mgmt: "management",
  mgt: "management",
  ops: "operations",
  oper: "operations",
  dev: "development",
  devel: "development",
  hsg: "housing",
  trans: "transportation",
  transp: "transportation",
  env: "environmental",
  envir: "environmental",
  hr: "human resources",
  fac: "facilities",
  facil: "facilities",
  equip: "equipment",
  comm: "community",
  pub: "public",
  wks: "works",
  pw: "public works",
  dpw: "public works",
  sr: "senior",
  srs: "seniors",
  ctr: "center",
  ctrs: "centers",
  info: "information",
  tech: "technology",
  lib: "library",
  libr: "library",
  bldg: "building",
  bldgs: "buildings",
  eng: "engineering",
  engr: "engineering",
  econ: "economic",
  emerg: "emergency",
  ems: "emergency medical services",
  eoc: "emergency operations center",
  prog: "program",
  progs: "programs",
  asst: "assistance",
  govt: "government",
  gov: "government",
  gis: "geographic information systems",
  ada: "disability access",
  cdbg: "community development block grant housing",
  wwtp: "wastewater treatment plant",
  swr: "sewer",
  wtr: "water",
  sani: "sanitation",
  elec: "electric",
  st: "street",
  sts: "streets",
  pks: "parks",
  rd: "road",
  rds: "roads",
  hwy: "highway",
  tran: "transit",
  mgr: "manager",
  sup: "supplies",
  prof: "professional",
  "p&r": "parks recreation",
  "pr&c": "parks recreation culture",
  "r&m": "repair maintenance",
  "m&o": "maintenance operations",
  "h&hs": "health human services",
  hhs: "health human services",
  "911": "emergency dispatch",
  "311": "customer service",
  hvac: "facilities heating cooling",
  iso: "fire rating",
  k9: "police canine",
  swat: "police tactical",
  dui: "traffic enforcement",
  cad: "emergency dispatch",
  cert: "community emergency response",
  leed: "green building",
  ev: "electric vehicle",
  ghg: "greenhouse gas",
  mpo: "regional transportation planning",
  brt: "bus rapid transit",
  fte: "staff",
  ftes: "staff",
};

/** Abbreviations matched on the exact case written (all capitals), because the lower-case form is a common word. */
export const CASE_SENSITIVE_ABBREVIATIONS: Record<string, string> = {
  IT: "information technology",
  IS: "information systems",
  PR: "public relations",
  ER: "employee relations",
  CD: "community development",
  ED: "economic development",
  PS: "public safety",
  FM: "facilities maintenance",
  HS: "human services",
  SW: "solid waste",
  WW: "wastewater",
  PARKS: "parks",
};

/** English stop words: grammar, never what a text is about. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above across after again against all almost along also although always am among an and any are around as at " +
    "be because been before being below between both but by can cannot could did do does doing done down during each either " +
    "etc even ever every few for from further had has have having he her here hers him his how however i if in into is it its " +
    "itself just least less made make makes making many may me might more most much must my near nearly neither no nor not " +
    "of off often on once one only onto or other others our ours out over own per rather same several shall she should since " +
    "so some such than that the their theirs them then there these they this those though through thus to too toward towards " +
    "under until up upon us use used uses using various very via was we were what whatever when where whether which while " +
    "who whom whose why will with within without would yet you your yours "
  )
    .split(/\s+/)
    .filter(Boolean)
);

/**
 * Budget filler: words that say nothing about what a budget line is for on their own ("city", "fiscal", "budget",
 * "general"), though they belong to phrases that do ("city council", "fiscal health", "general ledger").
 */
export const BUDGET_FILLER: ReadonlySet<string> = new Set(
  (
    "program programs provide provides provided providing including include includes included responsible responsibility " +
    "ensure ensures activity activities function functions year years annual annually fy fiscal total totals new ongoing " +
    "related other misc miscellaneous general various number amount amounts cost costs account accounts line item items " +
    "unit units section sections office offices bureau bureaus agency agencies citywide city cities town county village " +
    "department departments division divisions fund funds funded funding budget budgets allocation appropriation appropriations"
  )
    .split(/\s+/)
    .filter(Boolean)
);

/** English stop words plus words that say nothing about what a budget line is for. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...ENGLISH_STOP_WORDS, ...BUDGET_FILLER]);

/**
 * Words that belong to a line but say little on their own (they appear in every department): kept at a low weight
 * so that "Street Services" is about streets more than about services.
 */
export const WEAK_WORDS: ReadonlySet<string> = new Set(
  (
    "service services support operations operation management manage managing administration administrative " +
    "staff staffing personnel salaries salary wages benefits overtime contractual supplies equipment materials " +
    "professional maintenance system systems project projects plan development special other " +
    "public community citizens residents people customer customers center centers"
  )
    .split(/\s+/)
    .map((w) => stem(w))
);

/**
 * Words whose Porter2 stem would merge them with a word of another meaning in a budget: "parking" is not "parks",
 * "custodial" (janitorial) is not "custody", "electrical" (a building trade) is not "electric" (a utility),
 * "counseling" is not "counsel" (legal), "governance" is not "government".
 */
export const STEM_OVERRIDES: Readonly<Record<string, string>> = {
  parking: "parking",
  custodial: "custodial",
  electrical: "electrical",
  counseling: "counseling",
  counselling: "counseling",
  // "Governance" (how a city is run: council, executive, oversight) is not "government" (the city itself).
  governance: "governance",
  // "Accountability" (answering for results) is not "accounting" (the books): Porter2 makes both "account".
  accountability: "accountability",
  accountable: "accountable",
  // An "officer" (police, hearing, chief financial) is a person; an "office" is a place or a unit of any department:
  // Porter2 makes both "offic", so "Office Systems Support" read as police work.
  officer: "officer",
  officers: "officer",
  // The same kind of conflation, each a person or thing of one function against a common word of another:
  // a controller (the city's accountant) is not "traffic control"; hospitality (tourism) is not a hospital;
  // responsibility is not an emergency response; transitional housing is not transit; diversity (equity) is not
  // waste or juvenile diversion; an electric transformer is not a "digital transformation".
  controller: "controller",
  controllers: "controller",
  hospitality: "hospitality",
  responsibility: "responsibility",
  responsibilities: "responsibility",
  responsible: "responsible",
  transitional: "transitional",
  diversity: "diversity",
  diverse: "diverse",
  transformer: "transformer",
  transformers: "transformer",
  // Organic waste is not an organisation; corrections (jails) are not "correcting" a record; planning (land use) is
  // not a health, pension or strategic "plan".
  organic: "organic",
  organics: "organic",
  correction: "corrections",
  corrections: "corrections",
  correctional: "corrections",
  planning: "planning",
};

const stemCache = new Map<string, string>();

/**
 * Longest word stemmed. The stemmer's time grows with the square of a word's length (40,000 letters without a
 * space took 12.7 s); no word of a budget or plan is this long, so a longer "word" is kept as it is.
 */
export const MAX_STEM_LENGTH = 40;

/** Porter2 stem of a lower-case word, cached. */
export function stemWord(word: string): string {
  if (word.length > MAX_STEM_LENGTH) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = Object.prototype.hasOwnProperty.call(STEM_OVERRIDES, word)
      ? STEM_OVERRIDES[word]
      : stem(word);
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
}

export interface Token {
  /** The word as it reads after abbreviation expansion (lower case). */
  word: string;
  stem: string;
}

/** A table's own entry (never Object.prototype's: a line may well say "constructor" or "toString"). */
function own(table: Record<string, string>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

const TOKEN_RE = /[A-Za-z0-9]+(?:[&'’][A-Za-z0-9]+)*/g;

/**
 * Words of a text: abbreviations expanded ("Maint" → maintenance, "O&M" → operations maintenance, "IT" →
 * information technology), lower case, stop words and bare numbers dropped, each with its stem. Order is kept
 * (phrases in the vocabulary are matched on neighbouring words).
 */
export function tokenize(text: string, drop: ReadonlySet<string> = STOP_WORDS): Token[] {
  const out: Token[] = [];
  if (!text) return out;
  const src = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  for (const m of src.matchAll(TOKEN_RE)) {
    const raw = m[0].replace(/’/g, "'");
    const cs = own(CASE_SENSITIVE_ABBREVIATIONS, raw);
    const lower = raw.toLowerCase();
    let expanded: string | undefined = cs ?? own(ABBREVIATIONS, lower);
    if (expanded === undefined && lower.includes("&")) {
      // "P&R" is in the table; otherwise "Parks&Rec" → its parts.
      expanded = lower
        .split("&")
        .map((p) => own(ABBREVIATIONS, p) ?? p)
        .join(" ");
    }
    if (expanded === undefined && lower.endsWith("'s")) expanded = lower.slice(0, -2);
    const words = expanded !== undefined ? expanded.split(" ") : [lower];
    for (const w of words) {
      if (!w || drop.has(w)) continue;
      if (/^\d+$/.test(w) && w !== "911" && w !== "311") continue;
      if (w.length < 2) continue;
      const expandedAgain =
        words.length === 1 && expanded === undefined ? undefined : own(ABBREVIATIONS, w);
      if (expandedAgain && expandedAgain !== w && !/\s/.test(expandedAgain)) {
        out.push({ word: expandedAgain, stem: stemWord(expandedAgain) });
        continue;
      }
      out.push({ word: w, stem: stemWord(w) });
    }
  }
  return out;
}

/** Stems of a text, in order (see tokenize). */
export function stems(text: string): string[] {
  return tokenize(text).map((t) => t.stem);
}
