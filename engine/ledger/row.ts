/**
 * The ledger's rows: the shapes every layer above the ledger reads (arrangements, metrics, the
 * compiled model's arrangement steps), apart from the code that builds them (ledger.ts).
 */
import type { Cents } from "../money/money.ts";

export type LedgerKind = "investment" | "saving" | "revenue-loss" | "variable-cost-saving" | "transfer";

export interface LedgerRow {
  year: number;
  partner: string;
  domain: string;
  /** The investment or effect (or later: arrangement) the row comes from. */
  line: string;
  kind: LedgerKind;
  /** Integer cents, signed from the partner's point of view. */
  amount: Cents;
  /** `amount` discounted to the start year, rounded to whole cents. */
  discounted: Cents;
  /** False for savings that no budget can actually cut (fewer GP minutes); see docs/conventions.md. */
  cashable: boolean;
  /** The other side of a transfer. */
  counterparty?: string;
  /** For arrangement transfers: the arrangement and why (`contribution`, `shared-savings`, ...). */
  arrangement?: string;
  reason?: string;
}

/** A non-monetary outcome in its own unit (QALY, ...), per year. */
export interface OutcomeRow {
  year: number;
  line: string;
  unit: string;
  quantity: number;
  discounted: number;
  /** Money value for the societal perspective when the outcome has a unitPrice, in cents. */
  value?: Cents;
}

export interface Ledger {
  rows: LedgerRow[];
  outcomes: OutcomeRow[];
}
