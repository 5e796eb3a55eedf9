/**
 * Monte Carlo in the notebooks, off the main thread: the case (as data, e.g. parsed YAML) runs
 * in a Web Worker (simulate.run.worker.ts) that spreads its chunks over nested chunk workers
 * (simulate.worker.ts; one per core but one, at least one, at most four) and assembles the result there, so sliders
 * and charts stay responsive: the page's thread only receives progress and the finished result.
 * Results are identical to `bcase simulate` with the same seed.
 *
 *   import { runSimulation } from "./lib/workers/simulate.ts";
 *   const controller = new AbortController();
 *   const result = await runSimulation(caseData, { samples: 20000, seed: 1 }, {
 *     onProgress: (done, total) => progress.value = done / total,
 *     signal: controller.signal,          // controller.abort() stops it (rejects with SimulationCancelled)
 *   });
 *   result.statusQuo.partners[0].npv.p50; // cents; .probabilityOfLoss, .cdf, result.yearly bands
 */
import { SimulationCancelled, type ParallelRun, type SimulationOptions, type SimulationResult } from "../../../engine/index.ts";

/** A chunk worker (simulate.worker.ts) as a WorkerPort; the run worker starts these. */
export { browserWorker } from "./chunkWorker.ts";

export class InvalidCase extends Error {
  constructor(readonly issues: { path: readonly (string | number)[]; message: string }[]) {
    super(issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  }
}

/** What a page-level worker (the run worker, the decision worker) sends back. */
export type FromWorker<T> =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: T }
  | { type: "invalid"; issues: { path: (string | number)[]; message: string }[] }
  | { type: "error"; message: string };

/**
 * One call to a worker the caller has just started (the `new Worker(new URL(...))` stays at the
 * call site, so the bundler finds it): posts `message`, reports progress, resolves with the
 * result, rejects with `InvalidCase`, an Error, or `SimulationCancelled` when `signal` aborts;
 * the worker is terminated once settled.
 */
export function callWorker<T>(w: Worker, message: unknown, run: { signal?: Pick<AbortSignal, "aborted"> & { addEventListener?: (type: "abort", listener: () => void) => void }; onProgress?: (done: number, total: number) => void }, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let finished = false;
    const finish = (settle: () => void) => {
      if (finished) return;
      finished = true;
      w.terminate();
      settle();
    };
    run.signal?.addEventListener?.("abort", () => finish(() => reject(new SimulationCancelled())));
    w.onmessage = (e: MessageEvent<FromWorker<T>>) => {
      const msg = e.data;
      switch (msg.type) {
        case "progress": if (!finished) run.onProgress?.(msg.done, msg.total); return;
        case "done": finish(() => resolve(msg.result)); return;
        case "invalid": finish(() => reject(new InvalidCase(msg.issues))); return;
        case "error": finish(() => reject(new Error(msg.message)));
      }
    };
    w.onerror = (e) => finish(() => reject(new Error(e.message || `${what} failed`)));
    w.postMessage(message);
  });
}

/**
 * Runs a simulation of `caseData` in a Web Worker. Rejects with `InvalidCase` (the issues, with
 * paths) for an invalid case and with `SimulationCancelled` when `signal` aborts.
 */
export function runSimulation(caseData: unknown, options: SimulationOptions = {}, run: Partial<Omit<ParallelRun, "createWorker">> & { lang?: "nl" | "en" } = {}): Promise<SimulationResult> {
  const cores = typeof navigator !== "undefined" && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  const workers = run.workers ?? Math.max(1, Math.min(4, cores - 1)); // leave a core to the page
  if (run.signal?.aborted) return Promise.reject(new SimulationCancelled());
  const w = new Worker(new URL("./simulate.run.worker.ts", import.meta.url), { type: "module" });
  return callWorker<SimulationResult>(w, { type: "run", caseData, options, workers, lang: run.lang ?? "nl" }, run, "simulation worker");
}

