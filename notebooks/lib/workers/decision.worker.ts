/**
 * Web Worker for the decision analysis in the notebooks (decision.ts starts it): value of
 * information from a sample matrix (the regressions take seconds for thousands of samples),
 * and the negotiation solver (it validates the case, runs the samples and searches the grid),
 * off the page's thread, with progress.
 *
 * Messages in: `{ type: "voi", samples, options }` or `{ type: "negotiate", caseData, id, overrides, lang }`.
 * Out: `progress`, `done` (the result), `invalid` (issues with paths) or `error`.
 */
import { negotiate, prepareNegotiation, valueOfInformation, type DecisionSamples, type Lang, type NegotiationOverrides, type VoiOptions } from "../../../engine/index.ts";

export type ToDecisionWorker =
  | { type: "voi"; samples: DecisionSamples; options: VoiOptions }
  | { type: "negotiate"; caseData: unknown; id?: string; overrides: NegotiationOverrides; lang: Lang };

const scope = self as unknown as { postMessage(msg: unknown): void; onmessage: ((e: MessageEvent<ToDecisionWorker>) => void) | null };
scope.onmessage = (e) => {
  const msg = e.data;
  try {
    if (msg.type === "voi") {
      scope.postMessage({ type: "done", result: valueOfInformation(msg.samples, msg.options) });
    } else {
      const p = prepareNegotiation(msg.caseData, msg.id, msg.lang, msg.overrides);
      if (!p.ok) { scope.postMessage({ type: "invalid", issues: p.issues }); return; }
      const result = negotiate(p.negotiation, { onProgress: (done, total) => scope.postMessage({ type: "progress", done, total }) });
      scope.postMessage({ type: "done", result });
    }
  } catch (error) {
    scope.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
};
