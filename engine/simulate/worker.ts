/**
 * The message protocol between a Monte Carlo run and its workers, as pure code: the worker side
 * is `createWorkerHandler(post)`, the thread shells (cli/simulateWorker.ts for Node
 * worker_threads, notebooks/lib/workers/simulate.worker.ts for a browser Web Worker) only wire it to
 * their `postMessage`. Messages are plain data and typed arrays (transferred, not copied).
 *
 * A worker receives the case as data (`init`), validates and plans it once, then computes the
 * chunks it is sent, one message each, so the main thread can balance work, report progress and
 * stop between chunks.
 */
import type { Issue, Path } from "../messages/issues.ts";
import type { Lang } from "../messages/messages.ts";
import { validateCase } from "../case/validate.ts";
import { runChunk, type ChunkResult, type ChunkSettings } from "./chunk.ts";
import { SimulationInputError } from "./kernel.ts";
import { planSimulation, type SimulationPlan } from "./plan.ts";

export type ToWorker =
  | { type: "init"; caseData: unknown; lang?: Lang }
  | { type: "chunk"; settings: ChunkSettings; index: number; start: number; count: number };

export type FromWorker =
  | { type: "ready" }
  | { type: "invalid"; issues: Issue[] }
  | { type: "chunk"; result: ChunkResult }
  | { type: "error"; message: string; path?: Path; code?: string; params?: Record<string, unknown> };

/** The typed arrays of a chunk result, to hand over without copying. */
export function transferables(r: ChunkResult): ArrayBuffer[] {
  return [r.npv, r.net, r.yearly, r.arrangements, r.arrangementYearly].filter((a): a is Float64Array => a !== null).map((a) => a.buffer as ArrayBuffer);
}

/** The worker side: returns the function to call with each incoming message. */
export function createWorkerHandler(post: (msg: FromWorker, transfer: ArrayBuffer[]) => void): (msg: ToWorker) => void {
  let plan: SimulationPlan | undefined;
  return (msg) => {
    try {
      if (msg.type === "init") {
        // The main thread validated this data (simulateInWorkers takes a validated model):
        // compile it without evaluating it again.
        const v = validateCase(msg.caseData, { lang: msg.lang ?? "nl", validated: true });
        if (!v.ok) { post({ type: "invalid", issues: v.issues }, []); return; }
        plan = planSimulation(v.model);
        post({ type: "ready" }, []);
      } else if (msg.type === "chunk") {
        if (!plan) throw new Error("chunk before init");
        const result = runChunk(plan, msg.settings, msg.index, msg.start, msg.count);
        post({ type: "chunk", result }, transferables(result));
      }
    } catch (e) {
      if (e instanceof SimulationInputError) post({ type: "error", message: e.message, path: e.path, code: e.code, params: e.params }, []);
      else post({ type: "error", message: e instanceof Error ? e.message : String(e) }, []);
    }
  };
}
