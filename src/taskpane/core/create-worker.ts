/**
 * The pane's core in a Web Worker, for the pane as shipped (src/taskpane/index.tsx) and the browser tests' page.
 * Kept apart from runner.ts: `import.meta.url` is how webpack 5 finds and bundles the worker, and the jest tests
 * (CommonJS, no Worker in jsdom) never load this file.
 */
import { inProcessCore, workerCore, type CoreRunner, type WorkerLike } from "./runner";

export function createCore(): CoreRunner {
  if (typeof Worker === "undefined") return inProcessCore();
  return workerCore(
    () =>
      new Worker(new URL("./core.worker.ts", import.meta.url), {
        name: "budget-alignment-core",
      }) as unknown as WorkerLike
  );
}
