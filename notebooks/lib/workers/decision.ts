/**
 * The decision analysis off the page's thread: `runVoi` (value of information from a sample
 * matrix) and `runNegotiation` (the negotiation solver on a case) each in a Web Worker
 * (decision.worker.ts), cancellable with an AbortSignal, with progress for the solver.
 * Results are identical to `bcase voi` and `bcase negotiate` with the same seed.
 */
import { SimulationCancelled, type DecisionSamples, type Lang, type NegotiationOverrides, type NegotiationResult, type VoiOptions, type VoiResult } from "../../../engine/index.ts";
import { InvalidCase } from "./simulate.ts";
import type { ToDecisionWorker } from "./decision.worker.ts";

type FromDecisionWorker<T> =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; result: T }
  | { type: "invalid"; issues: { path: (string | number)[]; message: string }[] }
  | { type: "error"; message: string };

function inWorker<T>(msg: ToDecisionWorker, run: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }): Promise<T> {
  if (run.signal?.aborted) return Promise.reject(new SimulationCancelled());
  return new Promise<T>((resolve, reject) => {
    const w = new Worker(new URL("./decision.worker.ts", import.meta.url), { type: "module" });
    let finished = false;
    const finish = (settle: () => void) => { if (finished) return; finished = true; w.terminate(); settle(); };
    run.signal?.addEventListener("abort", () => finish(() => reject(new SimulationCancelled())));
    w.onmessage = (e: MessageEvent<FromDecisionWorker<T>>) => {
      const m = e.data;
      switch (m.type) {
        case "progress": run.onProgress?.(m.done, m.total); return;
        case "done": finish(() => resolve(m.result)); return;
        case "invalid": finish(() => reject(new InvalidCase(m.issues))); return;
        case "error": finish(() => reject(new Error(m.message)));
      }
    };
    w.onerror = (e) => finish(() => reject(new Error(e.message || "decision worker failed")));
    w.postMessage(msg);
  });
}

export function runVoi(samples: DecisionSamples, options: VoiOptions = {}, run: { signal?: AbortSignal } = {}): Promise<VoiResult> {
  return inWorker<VoiResult>({ type: "voi", samples, options }, run);
}

export function runNegotiation(caseData: unknown, id: string | undefined, overrides: NegotiationOverrides, lang: Lang, run: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {}): Promise<NegotiationResult> {
  return inWorker<NegotiationResult>({ type: "negotiate", caseData, ...(id !== undefined ? { id } : {}), overrides, lang }, run);
}
