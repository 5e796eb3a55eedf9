/**
 * Node shell of a parallel Monte Carlo run: one worker_threads Worker per core (the engine's
 * orchestrator hands them chunks).
 *
 * Workers run the TypeScript worker entry (cli/simulate.worker.ts). Loading it through tsx in
 * a fresh thread takes about 3 s (every engine module transformed again, per thread), so it is
 * bundled once per process with esbuild (which tsx brings along) into one CommonJS script that
 * each worker evaluates: about 0.7 s to bundle, 0.5 s for a worker to be ready. Without
 * esbuild the workers fall back to registering tsx themselves.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { simulateInWorkers, type Model, type ParallelRun, type SimulationOptions, type SimulationResult, type WorkerPort } from "../engine/index.ts";

const entry = new URL("./simulate.worker.ts", import.meta.url);

let script: Promise<string> | undefined;
/** The worker's code: the bundled entry, or a bootstrap that registers tsx and imports it. */
function workerScript(): Promise<string> {
  script ??= (async () => {
    try {
      const esbuild = await import("esbuild");
      const r = await esbuild.build({ entryPoints: [fileURLToPath(entry)], bundle: true, platform: "node", format: "cjs", write: false, logLevel: "silent" });
      return r.outputFiles[0]!.text;
    } catch {
      const tsx = import.meta.resolve("tsx/esm/api");
      return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
    }
  })();
  return script;
}

/** A worker port over a worker_threads Worker that starts once its script is ready. */
export function nodeWorker(code: string): WorkerPort {
  const w = new Worker(code, { eval: true });
  return {
    post: (msg) => w.postMessage(msg),
    listen: (handler, onError) => {
      w.on("message", handler);
      w.on("error", onError);
    },
    terminate: () => void w.terminate(),
  };
}

/** Runs a simulation on `workers` threads (default: every core). */
export async function simulateOnCores(model: Model, caseData: unknown, options: SimulationOptions, run: Partial<ParallelRun> = {}): Promise<SimulationResult> {
  const code = await workerScript();
  return simulateInWorkers(model, caseData, options, { workers: run.workers ?? availableParallelism(), createWorker: () => nodeWorker(code), ...run });
}
