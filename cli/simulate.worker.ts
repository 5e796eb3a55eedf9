/**
 * Node worker_threads entry of a Monte Carlo run: wires the engine's pure protocol handler to
 * the thread's port (see engine/simulate/worker.ts). Started by cli/simulateWorkers.ts.
 */
import { parentPort } from "node:worker_threads";
import { createWorkerHandler, type ToWorker } from "../engine/index.ts";

const port = parentPort!;
const handle = createWorkerHandler((msg, transfer) => port.postMessage(msg, transfer));
port.on("message", (msg: ToWorker) => handle(msg));
