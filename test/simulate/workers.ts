/** In-process stand-ins for workers: the real protocol handler, answering asynchronously. */
import { createWorkerHandler, type FromWorker, type ParallelRun, type WorkerPort } from "../../engine/index.ts";

export function inProcessWorker(): WorkerPort {
  let listener: ((m: FromWorker) => void) | undefined;
  let alive = true;
  // Results are copied (structuredClone), as a real postMessage would.
  const handle = createWorkerHandler((msg) => { const copy = structuredClone(msg); setTimeout(() => { if (alive) listener?.(copy); }, 0); });
  return {
    post: (msg) => { const copy = structuredClone(msg); setTimeout(() => { if (alive) handle(copy); }, 0); },
    listen: (h) => { listener = h; },
    terminate: () => { alive = false; },
  };
}

export function inProcessWorkers(n: number, extra: Partial<ParallelRun> = {}): ParallelRun {
  return { workers: n, createWorker: inProcessWorker, ...extra };
}
