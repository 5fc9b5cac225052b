import * as React from "react";

/**
 * Above this many lines the Tag step's lists and counts (each a pass over every line, tens of milliseconds at
 * 100,000 lines) are worked out one task after another, after the step first shows, so that no single task of the
 * pane's main thread grows long; below it they are worked out as the step renders.
 */
export const SPREAD_LINES = 20_000;

/**
 * useMemo, or — when `spread` — the value worked out in a task of its own after rendering (`fallback` until then,
 * and `ready` false). Each spread value gets its own task.
 */
export function useSpreadMemo<T>(
  compute: () => T,
  deps: React.DependencyList,
  spread: boolean,
  fallback: T
): [T, boolean] {
  const [done, setDone] = React.useState<{ deps: React.DependencyList; value: T } | null>(null);
  const now = React.useMemo(() => (spread ? null : { value: compute() }), [spread, ...deps]);
  React.useEffect(() => {
    if (!spread) return;
    const id = setTimeout(() => setDone({ deps, value: compute() }), 0);
    return () => clearTimeout(id);
  }, [spread, ...deps]);
  if (now) return [now.value, true];
  const ready =
    done !== null && done.deps.length === deps.length && done.deps.every((d, i) => d === deps[i]);
  return ready ? [done.value, true] : [fallback, false];
}
