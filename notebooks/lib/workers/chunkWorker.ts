/**
 * A chunk worker of a Monte Carlo run: a WorkerPort over a module Web Worker running
 * simulate.worker.ts (bundled by Vite). Started by simulate.run.worker.ts (nested workers).
 */
import type { WorkerPort } from "../../../engine/index.ts";

export function browserWorker(): WorkerPort {
  const w = new Worker(new URL("./simulate.worker.ts", import.meta.url), { type: "module" });
  return {
    post: (msg) => w.postMessage(msg),
    listen: (handler, onError) => {
      w.onmessage = (e) => handler(e.data);
      w.onerror = (e) => onError(e);
    },
    terminate: () => w.terminate(),
  };
}
