/**
 * What evaluating a case gives (evaluate.ts computes it): the shape arrangements, monitoring and
 * the views read, kept apart from the computation so that arrangements can take an evaluation
 * without importing the code that runs them.
 */
import type { ArrangementResult } from "../arrangements/types.ts";
import type { Case } from "../case/schema/index.ts";
import type { CashView } from "./cash.ts";
import type { Metrics, OutcomeTotal, PartnerResult } from "./metrics.ts";
import type { Provenance } from "./provenance.ts";
import type { Ledger } from "./row.ts";
import type { WrongPocketEntry } from "./wrongPocket.ts";

export interface Evaluation {
  case: Case;
  years: number[];
  /** Parameter values used, by name. */
  parameters: Record<string, number>;
  partners: PartnerResult[];
  society: Metrics;
  outcomes: OutcomeTotal[];
  ledger: Ledger;
  wrongPocket: WrongPocketEntry[];
  /** Cash in the status quo: per partner and year, peak funding need, budget after two years, budget-limit breaches. */
  cash: CashView;
  /** Every arrangement applied to the status-quo ledger (the status quo first). */
  arrangements: ArrangementResult[];
  /** Engine version, case hash, discount rates and the reference prices used. */
  provenance: Provenance;
}

export interface EvaluateOptions {
  /** Monitoring: actual pot contributions (cents) by `arrangement/step`, year and partner. */
  actualContributions?: ReadonlyMap<string, ReadonlyMap<number, Readonly<Record<string, number>>>>;
  /**
   * The evaluation this one replaces, which the caller reads no more (a slider's previous move):
   * the memory of its ledger's moved rows is written over instead of new memory taken (on the
   * 342-municipality case about 10 MB of fresh pages a move). Only an evaluation with overrides
   * of the same model gives any (never the base evaluation, which `evaluateModel` hands out
   * again); one that gives it is spent: its figures stay, but reading its ledger's rows (unless
   * read before), or what an arrangement reads of that ledger, throws. Everything else the caller
   * holds (other evaluations, this one's figures) never changes. Optional: without it, the same
   * result in fresh memory.
   */
  replaces?: Evaluation;
}
