/**
 * The pane's core worker: runs the pure halves of a run (src/taskpane/core/protocol.ts) off the main thread.
 * Created by create-worker.ts; webpack bundles it, with the core, as its own chunk.
 */
import { createCoreHandler, type FromWorker, type ToWorker } from "./protocol";

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handle = createCoreHandler((msg) => scope.postMessage(msg));
scope.onmessage = (event) => handle(event.data);
