/**
 * Monte Carlo in the notebooks, off the main thread: the case (as data, e.g. parsed YAML) is
 * validated here, then its chunks run in Web Workers (one per core, at most four), so sliders
 * and charts stay responsive. Results are identical to `bcase simulate` with the same seed.
 *
 *   import { runSimulation } from "./lib/simulate.js";
 *   const controller = new AbortController();
 *   const result = await runSimulation(caseData, { samples: 20000, seed: 1 }, {
 *     onProgress: (done, total) => progress.value = done / total,
 *     signal: controller.signal,          // controller.abort() stops it (rejects with SimulationCancelled)
 *   });
 *   result.statusQuo.partners[0].npv.p50; // cents; .probabilityOfLoss, .cdf, result.yearly bands
 */
import { simulateInWorkers, validateCase, type ParallelRun, type SimulationOptions, type SimulationResult, type WorkerPort } from "../../engine/index.ts";

/** A WorkerPort over a module Web Worker running simulate.worker.ts (bundled by Vite). */
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

export class InvalidCase extends Error {
  constructor(readonly issues: { path: readonly (string | number)[]; message: string }[]) {
    super(issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  }
}

export function runSimulation(caseData: unknown, options: SimulationOptions = {}, run: Partial<Omit<ParallelRun, "createWorker">> & { lang?: "nl" | "en" } = {}): Promise<SimulationResult> {
  const v = validateCase(caseData, { lang: run.lang ?? "nl" });
  if (!v.ok) return Promise.reject(new InvalidCase(v.issues));
  const cores = typeof navigator !== "undefined" && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return simulateInWorkers(v.model, caseData, options, { workers: run.workers ?? Math.max(1, Math.min(4, cores)), createWorker: browserWorker, ...(run.onProgress ? { onProgress: run.onProgress } : {}), ...(run.signal ? { signal: run.signal } : {}) });
}
