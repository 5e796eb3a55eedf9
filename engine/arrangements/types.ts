/** Shared shapes of the arrangement engine. */
import type { Compiled } from "../formula.ts";
import type { LedgerRow } from "../ledger.ts";
import type { Cents } from "../money.ts";
import type { Model } from "../model.ts";
import type { ArrangementStep } from "../schema/index.ts";
import type { PotYear } from "./pot.ts";

/** One payment between two parties in one year (amount > 0, from pays to). */
export interface Transfer {
  year: number;
  from: string;
  to: string;
  amount: Cents;
  /** Why: a code (`cover-investment`, `contribution`, `shared-savings`, ...) for the ledger and explanations. */
  reason: string;
  /** The investment or domain the transfer is about, when there is one. */
  about?: string;
}

export interface StepContext {
  model: Model;
  values: ArrayLike<number>;
  arrangementId: string;
  /** The status-quo ledger (investments and effects, no transfers). */
  baseRows: readonly LedgerRow[];
  /** Base rows plus the transfers of the steps before this one. */
  rows: readonly LedgerRow[];
  /** Each partner's PV of positive effect results in the status quo (for `benefit` keys). */
  benefit: ReadonlyMap<string, number>;
  /** Transfers of earlier steps that move the cost of investments (decision rules, pots). */
  fundingRows: readonly LedgerRow[];
  /** Monitoring: actual pot contributions in cents, by `arrangement/step`, year and partner. */
  actualContributions?: ReadonlyMap<string, ReadonlyMap<number, Readonly<Record<string, number>>>>;
}

export interface StepOutput {
  transfers: Transfer[];
  /** Figures the step used (a rate, a threshold in cents), for explanations. */
  facts?: Record<string, number>;
  pot?: { id: string; name: string; years: PotYear[] };
}

export interface CompiledStep {
  id: string;
  spec: ArrangementStep;
  /** Decision rules and pots move the cost of investments; settlement needs to know. */
  funding: boolean;
  apply(ctx: StepContext): StepOutput;
}

export interface CompiledArrangement {
  id: string;
  name: string;
  description?: string;
  steps: CompiledStep[];
  /** True when the case did not list a status quo and the engine added one. */
  implicit?: boolean;
}

export type { Compiled };
