/**
 * Shared shapes of the arrangement engine. A compiled step's own shapes (context, output,
 * transfer, pot year) live with the compiled model (engine/case/model.ts), which holds the
 * arrangements; they are re-exported here so every step imports its shapes from one place.
 */
import type { Compiled } from "../case/formula.ts";
import type { PotYear, Transfer } from "../case/model.ts";
import type { Metrics, PartnerResult } from "../ledger/metrics.ts";
import type { LedgerRow } from "../ledger/row.ts";

export type { CompiledArrangement, CompiledStep, PotYear, StepContext, StepOutput, Transfer } from "../case/model.ts";
export type { Compiled };

/** What one step did, for results and explanations. */
export interface StepResult {
  id: string;
  type: string;
  transfers: Transfer[];
  facts: Record<string, number>;
}

/** An arrangement applied to the status-quo ledger: its transfer rows and every partner's metrics with them. */
export interface ArrangementResult {
  id: string;
  name: string;
  description?: string;
  /** True for the status quo the engine added. */
  implicit: boolean;
  partners: PartnerResult[];
  society: Metrics;
  /** The transfer rows this arrangement adds to the status-quo ledger. */
  rows: LedgerRow[];
  steps: StepResult[];
  pots: { id: string; name: string; years: PotYear[] }[];
  /** One plain-language sentence per step (the status quo gets one too). */
  explanation: { nl: string[]; en: string[] };
}
