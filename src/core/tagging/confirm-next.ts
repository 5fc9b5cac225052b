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
 */

export interface ConfirmCandidate {
  /** Stable key (a program key): ties are broken by it. */
  key: string;
  department: string;
  /** The program's amount (primary amount column); its absolute value counts. */
  amount: number;
  /** The engine's confidence in its current suggestion, 0–1. */
  confidence: number;
}

/** Worth of confirming one item: money × uncertainty. */
export function confirmWorth(item: ConfirmCandidate): number {
  const amount = Number.isFinite(item.amount) ? Math.abs(item.amount) : 0;
  const c = Number.isFinite(item.confidence) ? Math.min(1, Math.max(0, item.confidence)) : 0;
  return amount * (1 - c);
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
 * departments holds across confirmations, not only within one list.
 */
export function confirmNextOrder<T extends ConfirmCandidate>(
  items: readonly T[],
  taken: ReadonlyMap<string, number> = new Map()
): T[] {
  // Per department, its items best first; then a greedy merge over the departments' heads.
  const queues = new Map<string, { item: T; worth: number; key: string }[]>();
  for (const item of items) {
    const d = item.department ?? "";
    let q = queues.get(d);
    if (!q) queues.set(d, (q = []));
    q.push({ item, worth: confirmWorth(item), key: item.key });
  }
  const departments = [...queues.entries()].map(([name, q]) => ({
    name,
    queue: q.sort(byWorthThenKey),
    next: 0,
    before: taken.get(name) ?? 0,
  }));
  const out: T[] = [];
  while (out.length < items.length) {
    let best = -1;
    let bestWorth = -1;
    let bestKey = "";
    for (let d = 0; d < departments.length; d++) {
      const dep = departments[d];
      if (dep.next >= dep.queue.length) continue;
      const head = dep.queue[dep.next];
      const worth = head.worth / Math.max(1, dep.before + dep.next);
      if (worth > bestWorth || (worth === bestWorth && head.key < bestKey)) {
        best = d;
        bestWorth = worth;
        bestKey = head.key;
      }
    }
    const dep = departments[best];
    out.push(dep.queue[dep.next].item);
    dep.next++;
  }
  return out;
}
