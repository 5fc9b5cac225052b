/**
 * A small municipal vocabulary: concept groups that link the everyday words of a budget ("patrol", "paving",
 * "payroll") to the language of strategic plans ("safe", "mobility", "well run"). Budget lines and plan nodes are
 * both mapped into this concept space, so a line can match a goal that shares none of its words.
 *
 * This is general municipal knowledge, the kind found in any city budget glossary. It names no city, department
 * or programme of any particular government.
 *
 * Entries are words or short phrases (matched on stems, phrases on neighbouring words). A ":w" suffix gives a
 * weight other than 1 ("enforcement:0.5").
 */
import { tokenize } from "./text";

export interface ConceptGroup {
  id: string;
  /** Plain-words name used in explanations: "public safety". */
  label: string;
  /** Everyday budget words and plan-language words of the concept. */
  words: string[];
}

export const CONCEPTS: ConceptGroup[] = [
  {
    id: "safety",
    label: "public safety",
    words: [
      "public safety:1.5", "safe", "safer", "safest", "safety:0.8", "secure:0.6", "security:0.6", "police:1.5", "policing:1.5",
      "law enforcement:1.5", "enforcement:0.5", "crime:1.3", "crimes", "criminal", "patrol:1.3", "officer:0.6", "officers:0.6",
      "sheriff", "detective", "detectives", "investigation:0.6", "investigations:0.6", "investigative", "custody", "jail",
      "corrections", "correctional", "detention", "prosecution", "prosecutor", "probation", "violence", "violent", "gang",
      "gangs", "narcotics", "vice", "homicide", "burglary", "theft", "arson", "terrorism", "counter-terrorism", "homeland",
      "forensic", "forensics", "evidence:0.6", "tactical", "canine", "victim:0.6", "victims:0.6", "traffic enforcement:0.8",
      "animal control:0.8", "crossing guard:0.3", "protection:0.4", "protect:0.4", "emergency dispatch", "dispatch:0.8",
      "public order", "misdemeanor", "felony", "weapons", "firearms", "bomb", "surveillance", "internal affairs",
      "jailer", "inmate", "inmates", "prisoner", "prisoners", "security guard", "court security",
    ],
  },
  {
    id: "emergency",
    label: "emergency services",
    words: [
      "fire:1.5", "fires", "firefighter:1.5", "firefighters:1.5", "firefighting:1.5", "suppression", "rescue", "paramedic",
      "paramedics", "ambulance", "emergency medical", "emergency:1.2", "emergencies", "disaster", "disasters",
      "preparedness", "prepared:0.6", "hazard:0.7", "hazards:0.7", "hazardous", "hazmat", "evacuation", "wildfire",
      "earthquake", "flood control:0.6", "emergency management:1.5", "emergency operations", "fire prevention",
      "fire inspection", "fire marshal", "fire station", "fire stations", "fire engine", "apparatus", "extrication",
      "response time:0.8", "response times:0.8", "first responders", "responders", "resilience:0.4", "resilient:0.4",
    ],
  },
  {
    id: "mobility",
    label: "mobility and transportation",
    words: [
      "mobility:1.5", "transportation:1.5", "transport", "transit:1.5", "bus", "buses", "rail", "light rail", "streetcar",
      "traffic:1.2", "signal:0.8", "signals:0.8", "traffic signal", "parking:1.2", "meter:0.4", "meters:0.4",
      "bike", "bikes", "bicycle", "bicycles", "cycling", "pedestrian", "pedestrians", "walkable", "walking", "crosswalk",
      "crosswalks", "commute", "commuters", "congestion", "rideshare", "paratransit", "shuttle", "transit oriented",
      "complete streets", "vision zero", "active transportation", "crossing guard", "crossing guards", "street:0.6",
      "streets:0.6", "road:0.6", "roads:0.6", "roadway", "roadways", "highway", "bridge:0.5", "bridges:0.5", "travel:0.6",
      "connected:0.5", "connectivity:0.5", "getting around", "move", "moving:0.3", "right of way:0.5", "sign:0.3",
      "signs:0.3", "striping", "parking citation", "parking enforcement", "get where", "trips", "ridership",
    ],
  },
  {
    id: "infrastructure",
    label: "infrastructure and public works",
    words: [
      "infrastructure:1.5", "public works:1.5", "street:0.9", "streets:0.9", "road:0.8", "roads:0.8", "paving:1.3",
      "pavement:1.3", "pothole", "potholes", "resurfacing", "sidewalk", "sidewalks", "curb", "curbs", "gutter", "alley",
      "alleys", "bridge:0.8", "bridges:0.8", "storm drain", "engineering:0.8", "construction:0.6", "capital improvement",
      "capital improvements", "capital projects:0.8", "capital:0.4", "repair:0.5", "repairs:0.5", "maintenance:0.3",
      "street lighting", "streetlight", "streetlights", "lighting:0.6", "lights:0.4", "street sweeping", "sweeping",
      "street tree", "street trees", "graffiti", "litter", "debris", "weed abatement", "beautification", "asset management:0.4",
      "surveying", "survey:0.3", "grading", "right of way", "concrete", "asphalt", "public buildings:0.5", "built environment",
      "well maintained", "maintained:0.5", "condition:0.3", "state of good repair",
    ],
  },
  {
    id: "utilities",
    label: "utilities (water, sewer, solid waste)",
    words: [
      "water:1.3", "drinking water", "wastewater:1.5", "sewer:1.5", "sewers", "sewage", "sanitary", "stormwater:1.3",
      "storm water", "drainage", "watershed", "sanitation:1.5", "solid waste:1.5", "waste:0.8", "garbage", "trash", "refuse",
      "recycling:1.2", "landfill", "compost", "composting", "collection:0.4", "utility:1.3", "utilities:1.3",
      "electric:0.8", "electricity", "power:0.5", "treatment plant", "water treatment", "hydrant", "hydrants", "reservoir",
      "reservoirs", "pipes", "pipeline", "water main", "water mains", "clean water", "bulky item", "street cleaning",
      "illegal dumping", "dumping", "ratepayer", "ratepayers", "rates:0.3", "water quality", "solid resources",
    ],
  },
  {
    id: "environment",
    label: "environment and sustainability",
    words: [
      "environment:1.3", "environmental:1.3", "sustainability:1.5", "sustainable:1.3", "climate:1.5", "green:0.8",
      "emissions", "emission", "greenhouse", "carbon", "energy:0.8", "energy efficiency", "renewable", "solar", "conservation",
      "pollution", "pollutants", "air quality", "clean:0.6", "cleaner:0.6", "cleanliness", "habitat", "wildlife", "ecosystem",
      "natural resources", "urban forest", "urban forestry", "tree:0.6", "trees:0.6", "open space:0.6", "resilience:0.5",
      "resilient:0.5", "zero waste", "waste reduction", "watershed protection", "brownfield", "brownfields", "toxic",
      "contamination", "stormwater:0.5", "recycling:0.5", "electrification", "electric vehicle", "fuel:0.3", "environmental compliance",
      "beach", "beaches", "coastal", "river", "rivers", "creek", "lake", "nature",
    ],
  },
  {
    id: "culture",
    label: "parks, recreation, culture and libraries",
    words: [
      "park:1.5", "parks:1.5", "recreation:1.5", "recreational:1.5", "playground", "playgrounds", "pool", "pools", "aquatic",
      "aquatics", "swimming", "sports", "athletic", "athletics", "golf", "trail", "trails", "open space", "community center",
      "community centers", "camp", "camps", "zoo:1.3", "museum:1.3", "museums:1.3", "art:1.2", "arts:1.3", "artist", "artists",
      "cultural:1.3", "culture:1.3", "heritage", "historic:0.8", "history:0.8", "historical", "library:1.5", "libraries:1.5",
      "branch library", "books", "reading", "events:0.6", "festival", "festivals", "special events:0.6", "theater", "theatre",
      "music", "concert", "observatory", "beach:0.6", "garden", "gardens", "botanical", "leisure", "amenities", "enjoy", "enjoying",
      "enrich", "enriched", "vibrant:0.6", "public art", "landscape:0.5", "landscaping:0.5", "grounds:0.6", "turf",
      "ballfield", "ballfields", "stadium", "arena", "animals:0.3", "exhibits", "exhibit", "programming:0.4", "cemetery",
      "marina", "plaza", "plazas",
    ],
  },
  {
    id: "housing",
    label: "housing and homelessness",
    words: [
      "housing:1.6", "homeless:1.6", "homelessness:1.6", "unhoused", "shelter:1.0", "shelters", "affordable:1.0",
      "affordable housing:1.5", "rent:1.2", "rental", "rents", "tenant", "tenants", "landlord", "landlords", "eviction",
      "evictions", "homeownership", "homebuyer", "homebuyers", "home ownership", "dwelling", "dwellings", "residential:0.5",
      "supportive housing", "transitional housing", "rent stabilization", "rent control", "code enforcement:0.5", "habitability",
      "blight", "blighted", "community development:0.8", "block grant", "neighborhood:0.5", "neighborhoods:0.5",
      "housing authority", "lead hazard", "homes", "home:0.5", "multifamily", "multi family", "units:0.3", "foreclosure",
    ],
  },
  {
    id: "health",
    label: "health and human services",
    words: [
      "health:1.3", "public health:1.5", "healthy:1.0", "human services:1.5", "social services:1.5", "social:0.6",
      "senior:1.3", "seniors:1.3", "aging:1.3", "older adults", "older adult", "elderly", "youth:1.2", "youths", "children:1.0",
      "child", "childcare", "child care", "family:0.8", "families:0.8", "disability:1.3", "disabilities:1.3", "disabled:1.3",
      "accessibility:1.0", "disability access", "veterans", "veteran", "mental health:1.5", "behavioral health", "substance",
      "addiction", "nutrition", "meals", "food:0.8", "hunger", "welfare", "caregiver", "caregivers", "clinic", "clinics",
      "medical:0.6", "wellness", "well being", "wellbeing", "vulnerable", "immigrant", "immigrants", "domestic violence",
      "aids", "hiv", "counseling", "case management:0.6", "low income:0.8", "poverty", "assistance:0.4", "animal care:0.5",
      "animal shelter:0.5", "physically", "mentally", "life", "lives:0.6", "care:0.4", "human relations", "reentry",
    ],
  },
  {
    id: "economy",
    label: "economic development and jobs",
    words: [
      "economic:1.3", "economy:1.5", "economic development:1.6", "business:1.0", "businesses:1.0", "small business", "jobs:1.6",
      "job:1.5", "employment:1.0", "workforce:1.0", "workforce development:1.6", "job training:1.6", "training:0.3",
      "workers:0.6", "entrepreneur", "entrepreneurs", "entrepreneurship", "commerce", "commercial:0.6", "industry", "industrial",
      "tourism:1.5", "tourist", "tourists", "visitors", "visitor", "convention:1.3", "conventions", "port:1.3", "harbor:1.3",
      "airport:1.3", "aviation:1.3", "trade", "investment:0.5", "prosperity:1.5", "prosperous:1.5", "opportunity:0.8",
      "opportunities:0.8", "growth:0.6", "wages", "good jobs", "living wage", "revitalization", "downtown", "film", "filming",
      "marketing:0.4", "incubator", "startup", "startups", "employers", "hiring:0.4", "career", "careers", "internship",
      "internships", "apprenticeship", "apprenticeships", "retail", "main street", "corridor", "corridors", "thrive:0.6",
      "affordability:0.5", "economic opportunity", "business license", "redevelopment", "enterprise zone", "cargo",
    ],
  },
  {
    id: "growth",
    label: "planning, permits and growth",
    words: [
      "planning:1.3", "land use:1.5", "zoning:1.5", "permit:1.2", "permits:1.2", "permitting:1.2", "building permits",
      "building:0.5", "inspection:0.9", "inspections:0.9", "inspector", "inspectors", "plan check", "plan checking",
      "plan review", "development services:1.5", "development review", "entitlement", "entitlements", "subdivision",
      "subdivisions", "annexation", "historic preservation", "design review", "code compliance", "code enforcement:0.6",
      "building safety", "building codes", "building code", "growth:1.0", "licensing:0.6", "license:0.5", "licenses:0.5",
      "regulation:0.5", "regulations:0.5", "regulatory:0.5", "compliance:0.3", "construction:0.4", "development:0.3",
      "developers", "urban design", "general plan", "comprehensive plan", "community planning", "neighborhood planning",
      "long range planning", "structural", "grading", "electrical:0.4", "mechanical:0.4", "plumbing", "occupancy",
      "housing development:0.5", "infill", "density", "growth management",
    ],
  },
  {
    id: "capacity",
    label: "organisational capacity (finance, HR, IT, administration)",
    words: [
      "administration:0.7", "administrative:0.7", "finance:1.3", "financial:1.3", "accounting:1.5", "budget:1.0",
      "budgeting:1.3", "treasury:1.5", "treasurer", "revenue:1.2", "revenues", "tax:1.0", "taxes:1.0", "collections:0.6",
      "payroll:1.5", "purchasing:1.5", "procurement:1.5", "contract:0.6", "contracts:0.6", "audit:1.5", "audits:1.5",
      "auditor", "controller", "debt:1.3", "investments:0.6", "risk management:1.5", "insurance", "human resources:1.6",
      "personnel:0.8", "recruitment", "recruiting", "hiring:0.6", "employee:1.0", "employees:1.0", "employee benefits",
      "labor relations", "employee relations", "compensation:0.8", "workers compensation", "benefits:0.6",
      "information technology:1.6", "technology:1.0", "computer", "computers", "network:0.8", "networks:0.8", "software",
      "data:0.8", "digital:0.6", "cyber", "cybersecurity", "geographic information systems", "telecommunications",
      "telephone", "records:0.8", "records management", "clerk:1.3", "elections:1.5", "election:1.5", "voter", "voters",
      "council:1.0", "mayor:1.0", "city manager", "legislative", "legislation", "legal:1.3", "attorney:1.3", "counsel",
      "litigation:1.0", "liability", "claims", "ethics:1.3", "ethical", "fleet:1.3", "vehicles:0.5", "facilities:0.8",
      "facility:0.6", "building maintenance", "custodial", "janitorial", "mail", "communications:0.6",
      "public information", "public relations:0.6", "customer service:0.8", "efficient:1.3", "efficiency:1.0",
      "effective:1.0", "effectively:1.0", "effectiveness", "accountable", "accountability:1.3", "transparent", "transparency",
      "well run:2", "best run:2", "run:0.5", "governance", "government:0.8", "fiscal", "fiscally", "stewardship", "innovation",
      "innovative", "performance:0.8", "high performing", "workplace", "organizational", "organisational", "operational",
      "internal", "enterprise", "systems:0.4", "applications", "assessment:0.5", "assessor", "assessing", "billing",
      "cashier", "appraisal", "central services", "print", "printing", "warehouse", "supply:0.5", "inventory", "real estate:0.6",
      "property management:0.6", "asset management:0.6", "policy:0.4", "analysis:0.4", "analysts", "board:0.4", "commission:0.4",
      "secretariat", "executive:0.6", "management services", "collaboratively", "professional:0.3",
    ],
  },
  {
    id: "equity",
    label: "equity and community engagement",
    words: [
      "equity:1.5", "equitable:1.5", "inclusion", "inclusive", "diversity", "diverse", "engagement:1.2", "outreach:1.0",
      "community engagement", "neighborhood council", "neighborhood councils", "civic:1.0", "participation", "participate",
      "community relations", "human rights", "civil rights", "language access", "immigrant affairs", "equal opportunity",
      "equal employment", "fair housing", "discrimination", "access:0.4", "empowerment", "volunteer", "volunteers", "residents:0.4",
      "all of us", "everyone", "underserved", "disadvantaged", "justice:0.6", "racial", "social justice",
    ],
  },
  {
    id: "education",
    label: "education and learning",
    words: [
      "education:1.5", "educational:1.5", "learning:1.5", "lifelong learning", "school:1.2", "schools:1.2", "students",
      "student", "literacy:1.2", "tutoring", "college", "scholarship", "scholarships", "early childhood", "preschool",
      "after school", "afterschool", "classes", "curriculum", "stem", "homework", "teachers", "teaching", "library:0.6",
      "libraries:0.6", "reading:0.6", "knowledge", "enrichment",
    ],
  },
];

/**
 * Broad plan words that stand for several concepts at once (the language of outcome statements).
 * "Livable" in a plan covers housing, parks, streets, clean air and water; "thriving" covers jobs and health.
 */
export const BROAD_WORDS: Record<string, Record<string, number>> = {
  livable: { culture: 1, housing: 0.9, environment: 0.8, infrastructure: 0.8, mobility: 0.7, utilities: 0.7, health: 0.6, growth: 0.3 },
  liveable: { culture: 1, housing: 0.9, environment: 0.8, infrastructure: 0.8, mobility: 0.7, utilities: 0.7, health: 0.6, growth: 0.3 },
  livability: { culture: 1, housing: 0.9, environment: 0.8, infrastructure: 0.8, mobility: 0.7, utilities: 0.7, health: 0.6, growth: 0.3 },
  "quality of life": { culture: 1, housing: 0.8, health: 0.8, environment: 0.6, infrastructure: 0.5 },
  neighborhoods: { housing: 0.6, infrastructure: 0.5, culture: 0.4, equity: 0.4 },
  neighbourhoods: { housing: 0.6, infrastructure: 0.5, culture: 0.4, equity: 0.4 },
  sustainable: { environment: 1, utilities: 0.6, infrastructure: 0.3 },
  sustainability: { environment: 1, utilities: 0.6, infrastructure: 0.3 },
  thriving: { economy: 0.8, health: 0.4, culture: 0.3 },
  thrive: { economy: 0.8, health: 0.4 },
  vibrant: { culture: 0.8, economy: 0.6 },
  clean: { environment: 0.8, utilities: 0.7, infrastructure: 0.4 },
  healthy: { health: 1, environment: 0.4, culture: 0.4 },
  opportunity: { economy: 1, education: 0.4, equity: 0.3 },
  opportunities: { economy: 1, education: 0.4, equity: 0.3 },
  resilient: { emergency: 0.7, environment: 0.6, infrastructure: 0.4 },
  connected: { mobility: 0.8, capacity: 0.2, equity: 0.3 },
  "well run": { capacity: 1.5 },
  "best run": { capacity: 1.5 },
  government: { capacity: 1 },
  prosperous: { economy: 1.5 },
  prosperity: { economy: 1.5 },
  safe: { safety: 1.3, emergency: 0.8 },
  safest: { safety: 1.3, emergency: 0.8 },
  safer: { safety: 1.3, emergency: 0.8 },
  safety: { safety: 1, emergency: 0.7 },
  culture: { culture: 1.3, education: 0.3 },
  cultural: { culture: 1.3, education: 0.3 },
  learning: { education: 1.3, culture: 0.4 },
  mobility: { mobility: 1.5, infrastructure: 0.5 },
  affordable: { housing: 1, economy: 0.4 },
  affordability: { housing: 0.8, economy: 0.8 },
  infrastructure: { infrastructure: 1.5, utilities: 0.5, mobility: 0.4 },
  environment: { environment: 1.3, utilities: 0.4 },
  jobs: { economy: 1.6 },
};

/**
 * Concepts that sit close to each other: a line about one lends a little weight to the other, so that a plan that
 * writes "infrastructure" still catches "streets", and "emergency services" sits next to "public safety".
 */
export const RELATED: [string, string, number][] = [
  ["safety", "emergency", 0.5],
  ["mobility", "infrastructure", 0.4],
  ["infrastructure", "utilities", 0.3],
  ["utilities", "environment", 0.35],
  ["culture", "environment", 0.15],
  ["culture", "education", 0.25],
  ["housing", "health", 0.3],
  ["health", "education", 0.15],
  ["economy", "growth", 0.4],
  ["growth", "housing", 0.2],
  ["equity", "health", 0.2],
  ["equity", "capacity", 0.1],
];

// ---------------------------------------------------------------------------------------------
// Compiled form: stems → concept weights, phrases by first stem
// ---------------------------------------------------------------------------------------------

export interface CompiledVocabulary {
  /** Single-stem entries: stem → concept id → weight. */
  single: Map<string, Map<string, number>>;
  /** Multi-word entries by first stem: each phrase's stems and concept weights; longest first. */
  phrases: Map<string, { stems: string[]; concepts: Map<string, number> }[]>;
  labels: Map<string, string>;
  /** concept → related concept → weight (both directions). */
  related: Map<string, Map<string, number>>;
}

function phraseStems(phrase: string): string[] {
  return tokenize(phrase.replace(/-/g, " ")).map((t) => t.stem);
}

let compiled: CompiledVocabulary | null = null;

/** The vocabulary in matching form, built once. */
export function vocabulary(): CompiledVocabulary {
  if (compiled) return compiled;
  const single = new Map<string, Map<string, number>>();
  const phrases = new Map<string, { stems: string[]; concepts: Map<string, number> }[]>();
  const labels = new Map<string, string>();
  const add = (phrase: string, concept: string, weight: number) => {
    const ss = phraseStems(phrase);
    if (ss.length === 0) return;
    if (ss.length === 1) {
      let m = single.get(ss[0]);
      if (!m) single.set(ss[0], (m = new Map()));
      // The strongest statement of a word for a concept wins (words listed twice keep their larger weight).
      m.set(concept, Math.max(m.get(concept) ?? 0, weight));
      return;
    }
    let list = phrases.get(ss[0]);
    if (!list) phrases.set(ss[0], (list = []));
    let entry = list.find((e) => e.stems.join(" ") === ss.join(" "));
    if (!entry) list.push((entry = { stems: ss, concepts: new Map() }));
    entry.concepts.set(concept, Math.max(entry.concepts.get(concept) ?? 0, weight));
  };
  for (const group of CONCEPTS) {
    labels.set(group.id, group.label);
    for (const item of group.words) {
      const m = /^(.*?):([\d.]+)$/.exec(item);
      add(m ? m[1] : item, group.id, m ? Number(m[2]) : 1);
    }
  }
  for (const [phrase, concepts] of Object.entries(BROAD_WORDS)) {
    for (const [concept, weight] of Object.entries(concepts)) add(phrase, concept, weight);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  const related = new Map<string, Map<string, number>>();
  for (const [a, b, w] of RELATED) {
    if (!related.has(a)) related.set(a, new Map());
    if (!related.has(b)) related.set(b, new Map());
    related.get(a)!.set(b, w);
    related.get(b)!.set(a, w);
  }
  compiled = { single, phrases, labels, related };
  return compiled;
}

/** Plain-words label of a concept id ("public safety"). */
export function conceptLabel(id: string): string {
  return vocabulary().labels.get(id) ?? id;
}

export interface ConceptHit {
  concept: string;
  weight: number;
  /** Index of the first token of the word or phrase that matched, and how many tokens it spans. */
  at: number;
  length: number;
}

/**
 * Concept hits in a run of stems: phrases first (longest), so "law enforcement" counts as public safety and
 * "code enforcement" as planning, and the words of a matched phrase are not counted again on their own.
 */
export function conceptHits(stemsInOrder: string[]): ConceptHit[] {
  const v = vocabulary();
  const out: ConceptHit[] = [];
  let i = 0;
  while (i < stemsInOrder.length) {
    const s = stemsInOrder[i];
    let consumed = 0;
    const list = v.phrases.get(s);
    if (list) {
      for (const entry of list) {
        const n = entry.stems.length;
        if (i + n > stemsInOrder.length) continue;
        let ok = true;
        for (let k = 1; k < n; k++) {
          if (stemsInOrder[i + k] !== entry.stems[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        for (const [concept, weight] of entry.concepts) out.push({ concept, weight, at: i, length: n });
        consumed = n;
        break;
      }
    }
    if (consumed > 0) {
      i += consumed;
      continue;
    }
    const m = v.single.get(s);
    if (m) for (const [concept, weight] of m) out.push({ concept, weight, at: i, length: 1 });
    i += 1;
  }
  return out;
}
