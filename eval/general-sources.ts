/**
 * General classifications of government functions, with the category names they use. A taxonomy entry is
 * "backed by a general source" when its words (on taxonomy stems) are a run of words of one of these names: "police"
 * is backed by the Census's "police protection", "public safety" by GASB's "public safety"; "well run" by none.
 *
 * Only names these classifications print are listed (no paraphrase, no city's wording). The independence test
 * (test/eval/independence.test.ts) and the eval's blinding (eval/blind.ts) read this list; when the taxonomy carries
 * each entry's source itself, this list is what those sources may name.
 */
import { taxonomyStems } from "../src/core/tagging/taxonomy";

export interface GeneralSource {
  id: string;
  /** The publication, as one would cite it. */
  cite: string;
  /** Category names as the publication prints them. */
  terms: string[];
}

export const GENERAL_SOURCES: readonly GeneralSource[] = [
  {
    id: "census-gfec",
    cite:
      "US Census Bureau, Government Finance and Employment Classification Manual (function codes) and the " +
      "Annual Survey of State and Local Government Finances (summary categories)",
    terms: [
      "police protection",
      "fire protection",
      "correction",
      "correctional institutions",
      "judicial and legal",
      "protective inspection and regulation",
      "highways",
      "parking facilities",
      "transit",
      "air transportation",
      "sea and inland port facilities",
      "water supply",
      "sewerage",
      "solid waste management",
      "electric power",
      "gas supply",
      "natural resources",
      "parks and recreation",
      "libraries",
      "housing and community development",
      "health",
      "hospitals",
      "public welfare",
      "elementary and secondary education",
      "higher education",
      "financial administration",
      "central staff services",
      "general public buildings",
      "employment security administration",
      "interest on general debt",
      "public safety",
      "environment and housing",
      "governmental administration",
      "social services and income maintenance",
      "transportation",
      "utilities",
      "education",
    ],
  },
  {
    id: "gasb-34",
    cite: "GASB Statement No. 34, functional categories of governmental activities (illustrative statement of activities)",
    terms: [
      "general government",
      "public safety",
      "public works",
      "highways and streets",
      "sanitation",
      "health and welfare",
      "culture and recreation",
      "community development",
      "economic development",
      "education",
      "interest on long-term debt",
    ],
  },
  {
    id: "cipfa-sercop",
    cite: "CIPFA Service Reporting Code of Practice (SeRCOP), service expenditure analysis",
    terms: [
      "education services",
      "highways and transport services",
      "children's social care",
      "adult social care",
      "public health",
      "housing services",
      "cultural and related services",
      "environmental and regulatory services",
      "planning and development services",
      "police services",
      "fire and rescue services",
      "corporate and democratic core",
      // Subdivisions of the service lines (as in the revenue outturn forms).
      "culture and heritage",
      "museums and galleries",
      "recreation and sport",
      "open spaces",
      "tourism",
      "library service",
      "community safety",
      "waste collection",
      "waste disposal",
      "street cleansing",
      "trading standards",
      "building control",
      "development control",
      "street lighting",
      "traffic management and road safety",
      "parking services",
      "public transport",
      "elections",
    ],
  },
  {
    id: "cofog",
    cite: "United Nations, Classification of the Functions of Government (COFOG), divisions and groups",
    terms: [
      "general public services",
      "executive and legislative organs",
      "financial and fiscal affairs",
      "public order and safety",
      "police services",
      "fire protection services",
      "law courts",
      "prisons",
      "economic affairs",
      "general economic, commercial and labour affairs",
      "transport",
      "environmental protection",
      "waste management",
      "waste water management",
      "pollution abatement",
      "protection of biodiversity and landscape",
      "housing and community amenities",
      "housing development",
      "community development",
      "water supply",
      "street lighting",
      "health",
      "hospital services",
      "public health services",
      "recreation, culture and religion",
      "recreational and sporting services",
      "cultural services",
      "education",
      "social protection",
      "old age",
      "family and children",
      "unemployment",
      "housing",
      "social exclusion",
    ],
  },
  {
    id: "omb-functions",
    cite: "US Office of Management and Budget, budget functions of the federal budget",
    terms: [
      "energy",
      "natural resources and environment",
      "transportation",
      "community and regional development",
      "education, training, employment, and social services",
      "health",
      "income security",
      "administration of justice",
      "general government",
      "net interest",
    ],
  },
  {
    id: "ntee",
    cite: "National Taxonomy of Exempt Entities (NTEE), major groups",
    terms: [
      "arts, culture, and humanities",
      "education",
      "environment",
      "animal-related",
      "health care",
      "mental health and crisis intervention",
      "crime and legal-related",
      "employment",
      "housing and shelter",
      "public safety, disaster preparedness and relief",
      "recreation and sports",
      "youth development",
      "human services",
      "community improvement and capacity building",
    ],
  },
];

const key = (text: string) => ` ${taxonomyStems(text).join(" ")} `;

const TERMS: { source: GeneralSource; term: string; key: string }[] = GENERAL_SOURCES.flatMap(
  (source) => source.terms.map((term) => ({ source, term, key: key(term) }))
);

/** The general source whose category name holds the entry's words (a run of them, on stems), or null. */
export function backingSource(entry: string): { source: GeneralSource; term: string } | null {
  const k = key(entry);
  if (k.trim() === "") return null;
  const hit = TERMS.find((t) => t.key.includes(k));
  return hit ? { source: hit.source, term: hit.term } : null;
}
