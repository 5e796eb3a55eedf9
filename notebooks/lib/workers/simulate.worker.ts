/**
 * Web Worker entry of a Monte Carlo run in the notebooks: wires the engine's pure protocol
 * handler (engine/simulate/worker.ts) to the worker's postMessage. Started by simulate.ts.
 */
import { createWorkerHandler, type ToWorker } from "../../../engine/index.ts";

const scope = self as unknown as { postMessage(msg: unknown, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const handle = createWorkerHandler((msg, transfer) => scope.postMessage(msg, transfer));
scope.onmessage = (e) => handle(e.data);
