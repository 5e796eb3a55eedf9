/**
 * The decision analysis off the page's thread: `runVoi` (value of information from a sample
 * matrix) and `runNegotiation` (the negotiation solver on a case) each in a Web Worker
 * (decision.worker.ts), cancellable with an AbortSignal, with progress for the solver.
 * Results are identical to `bcase voi` and `bcase negotiate` with the same seed.
 */
import { SimulationCancelled, type DecisionSamples, type Lang, type NegotiationOverrides, type NegotiationResult, type VoiOptions, type VoiResult } from "../../../engine/index.ts";
import { callWorker } from "./simulate.ts";
import type { ToDecisionWorker } from "./decision.worker.ts";

function inWorker<T>(msg: ToDecisionWorker, run: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<T> {
  if (run.signal?.aborted) return Promise.reject(new SimulationCancelled());
  const w = new Worker(new URL("./decision.worker.ts", import.meta.url), { type: "module" });
  return callWorker<T>(w, msg, run, "decision worker");
}

export function runVoi(samples: DecisionSamples, options: VoiOptions = {}, run: { signal?: AbortSignal } = {}): Promise<VoiResult> {
  return inWorker<VoiResult>({ type: "voi", samples, options }, run);
}

export function runNegotiation(caseData: unknown, id: string | undefined, overrides: NegotiationOverrides, lang: Lang, run: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<NegotiationResult> {
  return inWorker<NegotiationResult>({ type: "negotiate", caseData, ...(id !== undefined ? { id } : {}), overrides, lang }, run);
}
