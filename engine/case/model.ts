/**
 * A validated, compiled case: what evaluation runs on. Built once by `validateCase`; every
 * formula is compiled to a closure over one dense array of parameter values, so the
 * deterministic run and every Monte Carlo sample call the same code with different arrays.
 */
import type { LedgerRow } from "../ledger/row.ts";
import type { Cents } from "../money/money.ts";
import type { Compiled } from "./formula.ts";
import type { Path } from "../messages/issues.ts";
import type { ArrangementStep, Case, Effect, Investment } from "./schema/index.ts";
import type { Unit } from "./units.ts";
import type { WrittenText } from "./text.ts";

export interface CompiledParameters {
  /** Parameter names in evaluation order (a parameter comes after those its formula uses). */
  order: string[];
  /** Slot of each parameter in the values array. */
  slot: ReadonlyMap<string, number>;
  /** For each slot: the compiled formula (constants compile to a closure too). */
  formulas: Compiled[];
  /** For each slot: the parsed unit, or null when none was given. */
  units: (Unit | null)[];
}

export interface InvestmentYear {
  year: number;
  /** Amount in euros for that year, before the indexation factor. */
  amount: Compiled;
  /** (1 + indexation)^(year - first year of the schedule). */
  factor: number;
}

export interface CompiledInvestment {
  line: Investment;
  years: InvestmentYear[];
}

export interface ProviderPart {
  partner: string;
  share: number;
}

export interface CompiledEffect {
  line: Effect;
  quantity: Compiled;
  /** Undefined for outcomes without a price. */
  unitPrice?: Compiled;
  deadweight: Compiled;
  attribution: Compiled;
  displacement: Compiled;
  optimismBias: Compiled;
  dropOffRate?: Compiled;
  /**
   * Years the effect runs, with the ramp-up fraction and the drop-off exponent for each; in a
   * monitoring run, a realised quantity or amount replaces the planned effect that year.
   */
  years: { year: number; ramp: number; dropOffPower: number; actualQuantity?: Compiled; actualAmount?: Compiled }[];
  /** The partners whose budget saves (the domain's funders, with shares); undefined for outcomes. */
  funders?: ProviderPart[];
  /** Providers losing production, with their shares (empty when no production loss). */
  providers: ProviderPart[];
  variableCostShare?: Compiled;
  counterparty?: string;
}

/** A reference price a parameter takes its value from, with where it came from (provenance). */
export interface ReferenceUse {
  parameter: string;
  ref: string;
  labelNl: string;
  labelEn: string;
  /** The published price and its price year. */
  eur: number;
  priceYear: number;
  /** The case's price year, the index factor applied and the resulting value (EUR per unit). */
  indexedTo: number;
  factor: number;
  value: number;
  unit: string;
  source: string;
  /** Which index series gave the factor. */
  index: string;
}

/** Realised figures, compiled (see schema/monitoring.ts). */
export interface CompiledActuals {
  years: number[];
  investments: Map<string, Map<number, Compiled>>;
  effects: Map<string, Map<number, { quantity?: Compiled; amount?: Compiled }>>;
  /** By `arrangement/step` of a pot, then year: partner, amount formula and where it is. */
  contributions: Map<string, Map<number, [partner: string, amount: Compiled, path?: Path][]>>;
}

export interface Model {
  /** The validated case, every text in the language it was validated in (engine/case/text.ts). */
  case: Case;
  /** The texts the case file gives in both languages, with their paths (none: absent). */
  texts?: readonly WrittenText[];
  actuals: CompiledActuals;
  /** Reference prices used by parameters, indexed to the case's price year. */
  references: ReferenceUse[];
  /** Financing arrangements, the status quo first when the case lists none. */
  arrangements: CompiledArrangement[];
  years: number[];
  parameters: CompiledParameters;
  investments: CompiledInvestment[];
  effects: CompiledEffect[];
}

/** Values of all parameters (by slot), computed in order; `overrides` replace a parameter's value. */
export function parameterValues(params: CompiledParameters, overrides?: Readonly<Record<string, number>>): Float64Array {
  const values = new Float64Array(params.order.length);
  for (const name of params.order) {
    const i = params.slot.get(name)!;
    // Own keys only: a parameter named `toString` must not read Object.prototype.toString.
    const o = overrides !== undefined && Object.hasOwn(overrides, name) ? overrides[name] : undefined;
    values[i] = o !== undefined ? o : params.formulas[i]!(values);
  }
  return values;
}

// Compiled financing arrangements. The model holds them and their steps see the model, so their
// shapes live here, in the lower module; engine/arrangements/ compiles and runs them.

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

/**
 * Transfers as columns (engine/arrangements/transfers.ts `TransferLog`): entry j is one
 * transfer of `amount[j]` cents (> 0) from `from[j]` to `to[j]` in `year[j]`, two ledger rows.
 */
export interface TransferColumns {
  readonly length: number;
  readonly year: readonly number[];
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly amount: readonly Cents[];
  /** The amount discounted to the start year: the receiver's row has it, the payer's row 0 minus it. */
  readonly discounted: readonly Cents[];
  /** True for a transfer of a step that moves the cost of investments (decision rules, pots). */
  readonly funding: readonly boolean[];
}

/**
 * The status quo an arrangement's steps run on (engine/arrangements/apply.ts
 * `runArrangementTransfers`): a ledger's (`statusQuoOfLedger`) or a Monte Carlo sample's, made
 * without a ledger (engine/simulate/figures.ts). One step loop runs on either.
 */
export interface StatusQuo {
  base: BaseFigures;
  /**
   * At least `base.absoluteSums()`: the exact sums for a ledger; for a sample, an upper bound
   * while some of its rows wait to be made (the step loop asks for the exact sums only when the
   * bound and the transfers could reach MAX_CENTS).
   */
  absoluteBound(): [number, number];
  /** The status quo's rows, made when a step reads them. */
  rows(): readonly LedgerRow[];
}

/** Sums over the status-quo ledger a step may need (engine/ledger/ledger.ts `baseFigures`). */
export interface BaseFigures {
  /** Each investment's cost per year as a positive number of cents. */
  investmentCosts(): ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** A partner's net (the sum of its rows' amounts) per year, in the order of `model.years`. */
  netPerYear(partner: string): readonly number[];
  /** The present value a partner invested (positive cents): minus its discounted investment rows. */
  invested(partner: string): number;
  /** Sums of |amount| and |discounted| over every row. */
  absoluteSums(): [number, number];
  /** Each partner's PV of its effect results, negative ones as 0 (for `benefit` keys). */
  benefit(): Map<string, number>;
  /** The same counting only effect rows in these domains (a `benefit` key with `domains`); only partners with such rows. */
  benefitIn(domains: readonly string[]): Map<string, number>;
  /**
   * A partner's effect result per year (the amounts of its rows of effect lines: savings,
   * revenue losses, variable costs, effect transfers), optionally only in some domains and
   * without the savings no budget can cut (`cashable: false`); years without such rows absent.
   * (engine/arrangements/yearly.ts `effectResult` over the rows is the reference.)
   */
  effectResult(partner: string, domains: readonly string[] | undefined, cashableOnly: boolean): ReadonlyMap<number, number>;
  /** A provider's lost margin per year: revenue lost minus variable cost saved, at least 0 (yearly.ts `lostMargin`). */
  lostMargin(provider: string): ReadonlyMap<number, number>;
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
  /** The same, counting only effect results in these domains (a `benefit` key with `domains`). */
  benefitIn: (domains: readonly string[]) => ReadonlyMap<string, number>;
  /** Transfers of earlier steps that move the cost of investments (decision rules, pots). */
  fundingRows: readonly LedgerRow[];
  /** Every transfer row of the earlier steps (`rows` is `baseRows` and these). */
  addedRows: readonly LedgerRow[];
  /** The transfers of the earlier steps as columns (`addedRows` are their rows, made when read). */
  transfers: TransferColumns;
  /** Sums over the status quo, without a pass over its rows (`baseRows` are made only when read). */
  base: BaseFigures;
  /** Monitoring: actual pot contributions in cents, by `arrangement/step`, year and partner. */
  actualContributions?: ReadonlyMap<string, ReadonlyMap<number, Readonly<Record<string, number>>>>;
  /**
   * Only the step's transfers are read (a Monte Carlo sample): the step may leave out what it
   * reports beside them (a pot's years), never a check or an error.
   */
  transfersOnly?: boolean;
}

export interface StepOutput {
  transfers: Transfer[];
  /** Figures the step used (a rate, a threshold in cents), for explanations. */
  facts?: Record<string, number>;
  /** Years in which a limit of the step bound (a cap cut the amount; savings stayed under the threshold). */
  binding?: Record<string, number[]>;
  pot?: { id: string; name: string; years: PotYear[] };
  /** What an outcome-payments step worked out, year by year. */
  outcomePayments?: { id: string; name: string; recipient: string; years: OutcomePaymentYear[]; beyondHorizon: Cents };
}

export interface CompiledStep {
  id: string;
  /** Where the step is in the case (`arrangements[i].steps[j]`), for input errors found when it runs. */
  path: Path;
  spec: ArrangementStep;
  /** Decision rules and pots move the cost of investments; settlement needs to know. */
  funding: boolean;
  apply(ctx: StepContext): StepOutput;
  /**
   * All the step's transfers depend on, where that is known (decision rules, pre-financing, pots):
   * these parameter slots (null: unknown, any), the benefit shares if `benefit`, and the costs
   * of these investments; not effects, not earlier steps' transfers. Without it a step may read
   * anything. The Monte Carlo works out once the transfers of an arrangement whose steps read
   * nothing a sample changes (engine/simulate/fixed.ts).
   */
  reads?: StepReads;
}

/** What a step's (or a key's) result depends on: see `CompiledStep.reads`. */
export interface StepReads {
  slots: ReadonlySet<number> | null;
  benefit: boolean;
  investments: readonly string[];
}

export interface CompiledArrangement {
  id: string;
  name: string;
  description?: string;
  steps: CompiledStep[];
  /** True when the case did not list a status quo and the engine added one. */
  implicit?: boolean;
}

/**
 * One outcome year of an outcome-payments step (engine/arrangements/outcomePayments.ts):
 * due = the sum over outcomes of price x units (each to cents); gated = due withheld because
 * the quality gate failed; capped = what the caps cut; paid = due - gated - capped, paid in
 * `paymentYear` (null when that falls after the horizon: then it is not paid within the case).
 */
export interface OutcomePaymentYear {
  year: number;
  paymentYear: number | null;
  /** Units of each outcome (in the order of the step's `outcomes`) and their amounts in cents. */
  units: number[];
  amounts: Cents[];
  due: Cents;
  /** False when the gate's indicator missed its target that year (or was not measured, with `missing: fail`). */
  gatePassed: boolean;
  gated: Cents;
  capped: Cents;
  /** Which caps cut this year's payment. */
  capsBinding: ("per-year" | "total")[];
  paid: Cents;
  /** The split among payers (cents per payer). */
  payers: Record<string, Cents>;
}

/** One year of a collective pot (engine/arrangements/pot.ts); every year balances exactly. */
export interface PotYear {
  year: number;
  reserveStart: Cents;
  contributions: Record<string, Cents>;
  contributed: Cents;
  spending: Cents;
  surplus: Cents;
  deficit: Cents;
  /** Drawn from the reserve during the year: carried-forward money that lowered the contributions, and deficits covered from it (never more than reserveStart). */
  reserveDrawn: Cents;
  /** Of `reserveDrawn`: money carried forward (`surplus: carry-forward`) that lowered this year's contributions. */
  contributionsLowered: Cents;
  reserveAdded: Cents;
  /** In the last year: what was left in the reserve, returned to the partners (part of `returned`). */
  reserveReturned: Cents;
  reserveEnd: Cents;
  returned: Record<string, Cents>;
  /** Deficit covered by the key, per partner (each within its cap). */
  covered: Record<string, Cents>;
  /** Partners whose cap cut what the key asked of them this year. */
  capsBinding: string[];
  /** Deficit covered by the final risk bearer. */
  riskBearer: Cents;
  /** The order in which the deficit steps were applied. */
  order: string[];
}
