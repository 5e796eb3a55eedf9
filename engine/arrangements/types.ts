/**
 * Shared shapes of the arrangement engine. A compiled step's own shapes (context, output,
 * transfer, pot year) live with the compiled model (engine/case/model.ts), which holds the
 * arrangements; they are re-exported here so every step imports its shapes from one place.
 */
import type { Compiled } from "../case/formula.ts";
import type { OutcomePaymentYear, PotYear, Transfer } from "../case/model.ts";
import type { Cents } from "../money/money.ts";
import type { CashView } from "../ledger/cash.ts";
import type { Metrics, PartnerResult } from "../ledger/metrics.ts";
import type { LedgerRow } from "../ledger/row.ts";

export type { CompiledArrangement, CompiledStep, OutcomePaymentYear, PotYear, StatusQuo, StepContext, StepOutput, Transfer } from "../case/model.ts";
export type { Compiled };

/** What one step did, for results and explanations. */
export interface StepResult {
  id: string;
  type: string;
  transfers: Transfer[];
  facts: Record<string, number>;
  /** Years in which a limit bound (by limit: `cap`, `threshold`, ...). */
  binding: Record<string, number[]>;
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
  /**
   * Pots are entities of their own while they hold money: `npv` is the present value of what
   * went in and out (not zero when money waits in the pot between years), `net` the
   * undiscounted total (zero: every pot ends empty). Partners' NPVs + pots' NPVs = society's.
   */
  pots: { id: string; name: string; years: PotYear[]; npv: Cents; net: Cents }[];
  /** What each outcome-payments step worked out, year by year. */
  outcomePayments: { id: string; name: string; recipient: string; years: OutcomePaymentYear[]; beyondHorizon: Cents }[];
  /** Cash per partner and pot, budget-limit breaches and investors' returns under this arrangement. */
  cash: CashView;
  /** One plain-language sentence per step (the status quo gets one too). */
  explanation: { nl: string[]; en: string[] };
}
