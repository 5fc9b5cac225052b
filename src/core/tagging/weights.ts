/**
 * The tagging engine's weights, in one place, each with where its value comes from. "Set by hand" means chosen from
 * what the weight is for and checked on the evaluation cities (eval/README.md) without fitting to any one of them;
 * "fitted" names the data and the method, and the evaluation reports every city out of sample (leave-one-city-out).
 */
import type { ConfidenceCalibration } from "../types";

// ---------------------------------------------------------------------------------------------
// Text similarity (similarity.ts, engine.ts). Set by hand when the engine was first built and kept since: the
// evaluation's sweeps (eval/README.md) moved no city by more than a point with other values.
// ---------------------------------------------------------------------------------------------

/** Weights of the two spaces a line and a plan node are compared in: shared concepts, and shared words. */
export const CONCEPT_WEIGHT = 0.7;
export const WORD_WEIGHT = 0.3;
/** Factor of a weak word ("services", "operations") against a full one. */
export const WEAK_FACTOR = 0.3;

/** A plan node's text: its own fields, and what it inherits from its children and actions. Set by hand. */
export const PLAN_TEXT = {
  title: 1,
  description: 0.7,
  keywords: 0.9,
  child: 0.6,
  action: 0.4,
} as const;

/** A child node's score counts toward its parent at this factor (so a parent is not beaten by its own child's words). */
export const DESCENT_FACTOR = 0.9;

/**
 * How much a line's text score leans on its department's: programmes of one department mostly serve its mission
 * ("Training" in a fire department is about emergency response), so each priority's score is blended with the
 * mean over the department's programmes. Set by hand (0.5); LA 73.5% → 76.7%, Portland 46.2% → 72.5% zero-shot.
 */
export const DEPARTMENT_WEIGHT = 0.5;

/** The combined score a learned or suggested tag needs (at the default threshold; it scales with the threshold). Set by hand. */
export const FIT_FLOOR = 0.25;

// ---------------------------------------------------------------------------------------------
// Programs (programs.ts): when a line leaves its program's goal. Set by hand.
// ---------------------------------------------------------------------------------------------

/** A text at least this specific (1 = used by one program only) is the line's own evidence and may move it. */
export const SPECIFIC_MIN = 0.5;
/** How much better a line's own specific text must fit another priority than its program's, for the line to leave. */
export const DEPART_MARGIN = 0.1;
/** The score a line's own specific text needs (read alone) to count as pointing somewhere at all. */
export const OWN_FIT = 0.3;

// ---------------------------------------------------------------------------------------------
// Learning from confirmed lines (engine.ts). Set by hand; a grid over these (eval/README.md) moved Los Angeles by
// at most +1.2 points while Portland and Boston lost up to 1.6, so they were left.
// ---------------------------------------------------------------------------------------------

export const LEARNED = {
  /** Weight of the learned evidence against the text score when both speak. */
  weight: 1.2,
  /** Weight of the department's confirmed lines in the learned evidence. */
  department: 0.55,
  /** The vote every confirmed line of the department has before similarity. */
  teacherBase: 0.1,
  /** Pseudo-count damping a department of few confirmed lines: n / (n + this). */
  departmentDamping: 0.5,
  /** Weight of the account's confirmed lines, and its damping. */
  account: 0.15,
  accountDamping: 1,
  /** Weight of the similarity to each priority's confirmed lines (centroid), and its word/concept mix. */
  centroid: 0.3,
  centroidWords: 0.6,
  centroidConcepts: 0.4,
  /** Confidence of a line whose program has a confirmed line (it follows staff's decision). */
  sameProgram: 0.95,
  /**
   * Raw confidence of a program following its department's namesakes (namesakes.ts): (n + a) / (n + b) for n
   * agreeing confirmations, Laplace's rule of succession (a = 1, b = 2), not fitted: two agreeing confirmations give
   * 0.75 before the learned tags' re-scaling (CONFIDENCE.learn), which the eval fits with these points among them.
   */
  namesakePrior: [1, 2],
} as const;

// ---------------------------------------------------------------------------------------------
// Calibration: logistic on score and margin. Fitted by Platt scaling of the earlier hand-set weights on the Los
// Angeles zero-shot suggestions and learned tags (eval/README.md). The evaluation reports every city's calibration
// out of sample as well: a Platt re-scaling fitted on the other cities only.
// ---------------------------------------------------------------------------------------------

export const SUGGEST_CALIBRATION = { bias: -0.59, score: 2.56, margin: 2.98 };
export const LEARN_CALIBRATION = { bias: -1.14, evidence: 2.33, margin: 2.91 };

/**
 * Platt re-scaling of the two confidences above and the confidence of a literal suggestion (a plan node's own words
 * name the program), fitted by `npm run eval` on the pooled blind points of all five evaluation cities, each city's
 * engine run with RAW_CONFIDENCE (eval/README.md, "Calibration"). A suggestion's is logistic(a + b · logit(c) +
 * coverage · agreement), agreement +1 when exactly one priority covers the program's functions, −1 when two or more
 * do (engine.ts coverageAgreement); a learned tag's logistic(a + b · logit(c)); a literal suggestion's is the share
 * of them that were right. No city's published figure uses this fit: the eval fits the same three again without the
 * city it scores and runs the engine with that (TagOptions.calibration). A test (test/eval/calibration-fit.test.ts)
 * fails when these values drift from the fit eval/results.json records.
 */
export const CONFIDENCE: ConfidenceCalibration = {
  suggest: { a: 0.285, b: 0.801, coverage: 0.697 },
  learn: { a: 0.574, b: 1.172 },
  literal: 0.667,
};

/** No re-scaling: the engine's raw confidences, which the eval fits CONFIDENCE on. */
export const RAW_CONFIDENCE: ConfidenceCalibration = {
  suggest: { a: 0, b: 1, coverage: 0 },
  learn: { a: 0, b: 1 },
  literal: 0.75,
};

/** The function layer (functions.ts): how lines name functions and how goals cover them. */
export const FUNCTION_WEIGHTS = {
  // --- Lines → functions. Set by hand: a department name is the strongest statement of what a program pays for
  // (budgets are organised by function), its own program name next, its descriptions and account names last.
  /** A department-name pattern in the department name. */
  lineDepartment: 3,
  /** Budget words in the department name (a department named "Streets and Sanitation" names two functions). */
  lineDepartmentWords: 1,
  /** A department-name pattern in the division name. */
  lineDivision: 2,
  lineDivisionWords: 1,
  /** Budget words in the program name. */
  lineProgram: 2,
  /** Budget words in descriptions and account names, together (one text's weight however many there are). */
  lineDetails: 1,
  /** A function is kept in a program's profile when it carries at least this share of the evidence. */
  minShare: 0.15,

  // --- Goals → functions. Set by hand: naming a function covers it fully; naming its area covers the area's
  // functions nearly as well; an area's typical neighbours less; a specific budget word in a goal ("potholes")
  // names what the function pays for. Means (subgoals, actions) cover a little less than the aim itself.
  coverNamed: 1,
  coverArea: 0.9,
  coverAlso: 0.6,
  coverBudgetWord: 0.8,
  /** Budget words of at least this weight count as naming the function in a plan (ambiguous ones do not). */
  planBudgetWordMin: 1,
  coverFromChild: 0.9,
  coverFromAction: 0.85,
  /** What a goal inherits from its priority's (or a subgoal from its goal's) own text. */
  coverInherited: 0.7,
  /**
   * Set by hand: a priority read by elimination as the home of the governance programs (engine.ts residualPriority)
   * covers them as an inherited aim does, no more: its words do not name them.
   */
  coverByElimination: 0.7,

  // --- Using coverage in suggestions and fit. Set by hand, then checked leave-one-city-out (eval/README.md).
  /**
   * Weight of coverage added to the text score when ranking (programs that name their functions clearly are ranked
   * covering priorities first in any case). 0.2 of 0, 0.2, 0.3, 0.6, 1: zero-shot within a point of the best on every
   * city, and learning from confirmed programs best with a small weight (eval/README.md).
   */
  rank: 0.2,
  /** A program names a function clearly enough for coverage to decide whether it fits. */
  strongFunction: 1.5,
  /** Below this covered share, a program that clearly names its functions fits no goal. */
  fitCovered: 0.35,

  // --- Saying a program fits no goal (elimination.ts, engine.ts). Set from what the words mean, not fitted: the
  // flags section of eval/README.md reports each city's figures with and without them.
  /**
   * Functions of an area a plan must name for it to speak of the area (elimination.ts spokenAreas: in the priorities'
   * titles or in goals about the area), so that work of the area it does not name stays uncertain rather than
   * flagged: two, since one named function is a mention ("the police facility design") and two are the area ("parks
   * and libraries" may mean the zoo).
   */
  areaSpokenOf: 2,
  /**
   * Share of the priorities that name no work at or above which the plan is one of slogans and a priority that
   * names no work may hold anything (elimination.ts silentMayHold): half, the point at which the plan's silence
   * on a program is as likely a gap in its words as in its aims.
   */
  wordlessPlan: 0.5,
} as const;

/**
 * Literal evidence (literal.ts): a goal, subgoal or action whose own words name the program. Set by hand: `share` is
 * the part of the name's distinctive weight the node must hold (three quarters: "Fire Prevention and Inspections"
 * in "Reduce fire risk through prevention and inspections"). What such a suggestion is worth is CONFIDENCE.literal.
 */
export const LITERAL = {
  share: 0.75,
} as const;

/**
 * The workbook's own re-fit of suggestion confidence (calibrate.ts). Set by hand: `prior` is the regulariser's
 * strength toward no change, worth about as much as four confirmed programs; no re-fit below `minPrograms`
 * confirmed programs; `minSlope` keeps confidence ordered when the confirmations are too mixed to say more.
 */
export const REFIT = {
  prior: 4,
  minPrograms: 5,
  minSlope: 0.2,
} as const;

/**
 * The concept space (concepts.ts): functions and areas of the taxonomy. Set by hand: a function hit counts at
 * `areaShare` toward its area (and an area phrase toward each function of the area), and an area's phrases toward
 * the functions of other areas it also covers at `alsoCovers` (the same 0.6 as FUNCTION_WEIGHTS.coverAlso).
 */
export const CONCEPT_SPACE = {
  areaShare: 0.5,
  /** An adjective of a general category's name ("safe" of "public safety") toward its area, when ranking only. */
  adjective: 0.5,
  alsoCovers: 0.6,
} as const;
