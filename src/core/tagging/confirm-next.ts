/**
 * "Confirm next": the order in which staff should confirm programs so that each confirmation settles the most
 * money that is least certain, without spending the whole queue on one large department.
 *
 * Each item's worth is its amount (absolute: a large credit matters as much as a large cost) times its
 * uncertainty (1 − confidence). Items are then taken greedily: at each step the item whose worth, divided by the
 * number of its department's items already taken (at least 1), is largest. So a department's first two programs
 * count at their full worth, its third must be worth twice the best program of a department not yet visited, its
 * fourth three times, and so on: the tagger lets a department speak for its other programs only once two of its
 * confirmations agree (engine.ts departmentSpeaksFor), so a department's second confirmation is worth as much as its
 * first. Ties go by key, so the order is the same whatever order the items come in.
 *
 * One confirmation in SPOT_CHECK.every is a spot check instead: the largest money the engine is sure of (amount ×
 * confidence, among suggestions it gives at least SPOT_CHECK.minConfidence). Money × uncertainty alone never asks
 * about a sure answer, so a large program tagged wrong at 90% would wait to the end, and the workbook's re-fit of
 * confidence (calibrate.ts) would see only the engine's unsure answers and have to guess how far its sure ones hold.
 * Measured on the shared cities (eval/README.md, "Spot checks"): after 10% confirmed, Missoula's money on the right
 * priority 80.5% → 84.2% and its calibration error 0.216 → 0.111, at the cost of up to 1.6 points of money elsewhere.
 */

export interface ConfirmCandidate {
  /** Stable key (a program key): ties are broken by it. */
  key: string;
  department: string;
  /** The program's amount (primary amount column); its absolute value counts. */
  amount: number;
  /** The engine's confidence in its current suggestion, 0–1. */
  confidence: number;
  /**
   * Whether the engine's answer for it is its own (a suggestion or a learned tag) that a spot check can test. False
   * for a program placed by staff's own rules: confirming it tells the engine nothing. Absent: true.
   */
  checkable?: boolean;
}

/** Spot checks (set by hand, see the header): one confirmation in `every`, among answers at least this sure. */
export const SPOT_CHECK = { every: 4, minConfidence: 0.5 } as const;

/** A place in the "confirm next" order: the item, and whether it is there as a spot check of a sure answer. */
export interface ConfirmNextItem<T> {
  item: T;
  spotCheck: boolean;
}

/** An item's money (absolute; 0 when not a number) and confidence (clamped to 0–1; 0 when not a number). */
function moneyAndConfidence(item: ConfirmCandidate): { amount: number; c: number } {
  const amount = Number.isFinite(item.amount) ? Math.abs(item.amount) : 0;
  const c = Number.isFinite(item.confidence) ? Math.min(1, Math.max(0, item.confidence)) : 0;
  return { amount, c };
}

/** Worth of confirming one item: money × uncertainty. */
export function confirmWorth(item: ConfirmCandidate): number {
  const { amount, c } = moneyAndConfidence(item);
  return amount * (1 - c);
}

/** Worth of spot-checking one item: money × confidence, for an answer of the engine's own that is sure enough. */
export function spotCheckWorth(item: ConfirmCandidate): number {
  if (item.checkable === false) return 0;
  const { amount, c } = moneyAndConfidence(item);
  return c >= SPOT_CHECK.minConfidence ? amount * c : 0;
}

function byWorthThenKey(
  a: { worth: number; key: string },
  b: { worth: number; key: string }
): number {
  return b.worth - a.worth || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The items in "confirm next" order (a new array; the input is not changed). `taken` counts, per department, the
 * programs staff have already confirmed (no longer among the items): they count as taken, so that the spread over
 * departments holds across confirmations, not only within one list, and the spot checks keep their cadence.
 */
export function confirmNextOrder<T extends ConfirmCandidate>(
  items: readonly T[],
  taken: ReadonlyMap<string, number> = new Map()
): T[] {
  return confirmNextQueue(items, taken).map((q) => q.item);
}

/** The same order, each place saying whether it is a spot check (the pane says so beside the program). */
export function confirmNextQueue<T extends ConfirmCandidate>(
  items: readonly T[],
  taken: ReadonlyMap<string, number> = new Map()
): ConfirmNextItem<T>[] {
  const departments = departmentQueues(items, taken);
  const spots = items
    .map((item) => ({ item, worth: spotCheckWorth(item), key: item.key }))
    .filter((x) => x.worth > 0)
    .sort(byWorthThenKey);
  let nextSpot = 0;
  const used = new Set<T>();
  const confirmedBefore = [...taken.values()].reduce((s, n) => s + n, 0);
  const out: ConfirmNextItem<T>[] = [];
  while (out.length < items.length) {
    const place = confirmedBefore + out.length + 1;
    if (place % SPOT_CHECK.every === 0) {
      while (nextSpot < spots.length && used.has(spots[nextSpot].item)) nextSpot++;
      if (nextSpot < spots.length) {
        const item = spots[nextSpot++].item;
        used.add(item);
        out.push({ item, spotCheck: true });
        // It counts as taken in its department, as any confirmation does.
        const dep = departments.find((d) => d.name === (item.department ?? ""));
        if (dep) dep.taken++;
        continue;
      }
    }
    const item = takeBestHead(departments, used);
    if (!item) break;
    used.add(item);
    out.push({ item, spotCheck: false });
  }
  return out;
}

interface DepartmentQueue<T> {
  name: string;
  /** Its items, best worth first. */
  queue: { item: T; worth: number; key: string }[];
  /** The next of its items not yet in the order. */
  next: number;
  /** Its programs confirmed or already in the order: a head's worth is divided by this (at least 1). */
  taken: number;
}

function departmentQueues<T extends ConfirmCandidate>(
  items: readonly T[],
  taken: ReadonlyMap<string, number>
): DepartmentQueue<T>[] {
  const queues = new Map<string, { item: T; worth: number; key: string }[]>();
  for (const item of items) {
    const d = item.department ?? "";
    let q = queues.get(d);
    if (!q) queues.set(d, (q = []));
    q.push({ item, worth: confirmWorth(item), key: item.key });
  }
  return [...queues.entries()].map(([name, q]) => ({
    name,
    queue: q.sort(byWorthThenKey),
    next: 0,
    taken: taken.get(name) ?? 0,
  }));
}

/** The department head of greatest worth (divided by the department's programs taken), taken out; null when none. */
function takeBestHead<T>(departments: DepartmentQueue<T>[], used: ReadonlySet<T>): T | null {
  let best: DepartmentQueue<T> | null = null;
  let bestWorth = -1;
  let bestKey = "";
  for (const dep of departments) {
    // A head already taken as a spot check is skipped (it was counted as taken then).
    while (dep.next < dep.queue.length && used.has(dep.queue[dep.next].item)) dep.next++;
    if (dep.next >= dep.queue.length) continue;
    const head = dep.queue[dep.next];
    const worth = head.worth / Math.max(1, dep.taken);
    if (worth > bestWorth || (worth === bestWorth && head.key < bestKey)) {
      best = dep;
      bestWorth = worth;
      bestKey = head.key;
    }
  }
  if (!best) return null;
  best.taken++;
  return best.queue[best.next++].item;
}
