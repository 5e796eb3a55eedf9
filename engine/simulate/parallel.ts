/**
 * A Monte Carlo run spread over workers (Node worker_threads or browser Web Workers; the caller
 * creates them, see cli/simulateWorker.ts and notebooks/lib/workers/simulate.ts). The chunks are the
 * same as on one thread and each draws from its own stream, so the result is identical for any
 * number of workers. The main thread hands out chunks one at a time (a free worker gets the
 * next), reports progress after each, and on cancellation stops handing out and terminates
 * the workers.
 */
import type { Model } from "../case/model.ts";
import { runChunk } from "./chunk.ts";
import { SimulationInputError } from "./kernel.ts";
import { chunksOf, resolveOptions, type SimulationOptions } from "./options.ts";
import { planSimulation } from "./plan.ts";
import { RunAssembler, type SimulationResult } from "./result.ts";
import { SimulationCancelled } from "./simulate.ts";
import type { FromWorker, ToWorker } from "./worker.ts";

/** The little the orchestrator needs of a worker. */
export interface WorkerPort {
  post(msg: ToWorker): void;
  /** Registers the handler of the worker's messages (called once). */
  listen(handler: (msg: FromWorker) => void, onError: (error: unknown) => void): void;
  terminate(): void;
}

export interface ParallelRun {
  /** How many workers (at least 1; a run never uses more workers than chunks). */
  workers: number;
  createWorker: () => WorkerPort;
  onProgress?: (done: number, total: number) => void;
  /**
   * Compute chunks on the calling thread too while no worker is ready yet (their start-up takes
   * about a second in Node: loading the bundle, validating and planning the case). Stops at the
   * first ready worker, so the threads never outnumber the workers for long. Off by default (a
   * browser page keeps its thread free).
   */
  helpWhileStarting?: boolean;
  /**
   * Keep computing chunks on the calling thread for the whole run, not only while the workers
   * start (so it counts as a core: run one worker fewer). For Node, where the calling thread has
   * nothing else to do; implies `helpWhileStarting`.
   */
  helpThroughout?: boolean;
  /**
   * Whether the workers are still wanted, asked before each chunk this thread computes while no
   * worker is ready (with the chunks this thread has done and the chunks left); when it says no,
   * the workers are terminated (or never created) and this thread computes the rest. For a
   * caller that measures how long a chunk takes (the engine has no clock) and keeps workers only
   * when the rest of the run repays their start-up. Needs `helpWhileStarting` or `helpThroughout`.
   * With it the workers are created only once it has said yes after this thread's first chunk
   * (its first answer with a measured pace): a short run starts none, whose start-up would
   * compete for the cores with this thread's first, still unoptimised chunk (about 0.1 s of a
   * 0.8 s run of 100,000 samples on two cores); a long one starts them a chunk later.
   */
  keepWorkers?: (done: number, left: number) => boolean;
  /** Cancels the run (the promise rejects with `SimulationCancelled`). */
  signal?: { readonly aborted: boolean; addEventListener?: (type: "abort", listener: () => void) => void };
}

/** Thrown when a worker finds the case invalid (it should not: validate on the main thread first). */
export class WorkerInvalidCase extends Error {
  constructor(readonly issues: unknown[]) {
    super("the case is invalid in the worker");
  }
}

/**
 * Runs `model` (validated on the calling thread) on workers that receive `caseData`, the same
 * case as plain data (a compiled model cannot cross threads).
 */
export function simulateInWorkers(model: Model, caseData: unknown, options: SimulationOptions, run: ParallelRun): Promise<SimulationResult> {
  const o = resolveOptions(model, options);
  const plan = planSimulation(model, { samplers: run.helpWhileStarting === true || run.helpThroughout === true });
  const queue = chunksOf(o);
  const chunkCount = queue.length;
  const total = o.samples;
  const settings = { seed: o.seed, lhs: o.lhs, yearly: o.yearly, arrangements: o.arrangements, exact: o.exact };
  const helps = run.helpWhileStarting === true || run.helpThroughout === true;
  return new Promise<SimulationResult>((resolve, reject) => {
    // Each chunk is folded into the result as it arrives (memory: see result.ts).
    const results = new RunAssembler(plan, o);
    const ports: WorkerPort[] = [];
    let done = 0, finished = false;
    const stop = (error?: unknown) => {
      if (finished) return;
      finished = true;
      for (const p of ports) p.terminate();
      if (error !== undefined) reject(error);
    };
    const next = (port: WorkerPort) => {
      if (finished) return;
      if (run.signal?.aborted) { stop(new SimulationCancelled()); return; }
      const chunk = queue.shift();
      if (chunk) port.post({ type: "chunk", settings, index: chunk[0], start: chunk[1], count: chunk[2] });
    };
    let anyReady = false;
    const finishIfDone = () => {
      if (results.chunks !== chunkCount) return false;
      stop();
      try { resolve(results.finish()); } catch (e) { reject(e); }
      return true;
    };
    const later = (f: () => void) => (typeof setImmediate === "function" ? setImmediate(f) : setTimeout(f, 0));
    /** One chunk on this thread, then back to the event loop (to hear from the workers), until one is ready. */
    let localChunks = 0;
    /** Workers not created yet: waiting for `keepWorkers` to say yes after a chunk here (false once they are, or never will be). */
    let deferred = helps && run.keepWorkers !== undefined;
    const local = () => {
      if (finished || (anyReady && !run.helpThroughout) || queue.length === 0) return;
      if (run.signal?.aborted) { stop(new SimulationCancelled()); return; }
      if (!anyReady && (deferred || ports.length > 0) && run.keepWorkers) {
        const keep = run.keepWorkers(localChunks, queue.length);
        if (deferred) {
          if (!keep) deferred = false; // never
          else if (localChunks > 0) { deferred = false; startWorkers(Math.min(Math.floor(run.workers), queue.length - 1)); } // the next chunk is this thread's
        } else if (!keep) {
          // Not worth their start-up: none of them gets a chunk (messages already on their way are ignored).
          for (const p of ports.splice(0)) p.terminate();
        }
      }
      localChunks++;
      const [index, start, count] = queue.shift()!;
      try { results.add(runChunk(plan, settings, index, start, count)); } catch (e) { stop(e); return; }
      done += count;
      run.onProgress?.(done, total);
      if (!finishIfDone()) later(local);
    };
    run.signal?.addEventListener?.("abort", () => stop(new SimulationCancelled()));
    if (run.signal?.aborted) { reject(new SimulationCancelled()); return; }
    /** Creates `n` workers. */
    const startWorkers = (n: number) => {
      for (let w = 0; w < n; w++) {
        const port = run.createWorker();
        ports.push(port);
        port.listen((msg) => {
          if (finished || !ports.includes(port)) return;
          switch (msg.type) {
            case "ready": anyReady = true; next(port); return;
            case "invalid": stop(new WorkerInvalidCase(msg.issues)); return;
            case "error": stop(msg.path && msg.code ? new SimulationInputError(msg.path, msg.code, msg.params ?? {}) : new Error(msg.message)); return;
            case "chunk":
              results.add(msg.result);
              done += msg.result.count;
              run.onProgress?.(done, total);
              if (!finishIfDone()) next(port);
          }
        }, (error) => stop(error));
        port.post({ type: "init", caseData });
      }
    };
    // A run never uses more workers than chunks; at least one (unless this thread helps and they are deferred).
    if (!deferred) startWorkers(Math.max(1, Math.min(Math.floor(run.workers), queue.length)));
    if (helps) later(local);
  });
}
