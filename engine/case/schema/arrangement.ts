import { z } from "zod";
import { FractionFormula, Formula, Id, Year, localText } from "./common.ts";
import { Key, Payer } from "./key.ts";
import { InvestmentCategory } from "./investment.ts";

/**
 * A financing arrangement: an ordered list of steps applied to the status-quo ledger (every
 * partner bears its own investments; savings land with the domain's funder). Each step only
 * adds transfers between partners (and pots), so society's result is the same under every
 * arrangement. An arrangement with no steps is the status quo.
 */

/** Which investments a rule or pot covers; every field given must match (all omitted = any). */
export const InvestmentMatch = z.object({
  investments: z.array(Id).optional(),
  categories: z.array(InvestmentCategory).optional(),
  domains: z.array(Id).optional(),
  bearers: z.array(Id).optional(),
  tags: z.array(z.string()).optional(),
  labelContains: z.string().optional(),
}).strict();
export type InvestmentMatch = z.infer<typeof InvestmentMatch>;

/** Decision framework (afwegingskader): the first matching rule says who is "aan zet" for an investment. */
export const DecisionRulesStep = z.object({
  type: z.literal("decision-rules"),
  id: Id.optional(),
  rules: z.array(z.object({ match: InvestmentMatch.default({}), payer: Payer, note: localText().optional() }).strict()).min(1),
}).strict();

/**
 * What happens to a pot's surplus at year end: `return` it to the partners (by `key`, default in
 * proportion to the year's contributions); `carry-forward` it: the pot keeps it and it lowers
 * the next year's contributions (what is not used up lowers the year after, and so on; in the
 * last year it is returned); or keep it in a `reserve` up to `reserveMax` (a buffer for later
 * deficits; the excess is returned).
 */
export const Surplus = z.object({
  action: z.enum(["return", "carry-forward", "reserve"]).default("return"),
  /** Key for returning money; default: in proportion to this year's contributions. */
  key: Key.optional(),
  /** For `reserve`: the most the reserve may hold (EUR); the excess is returned. */
  reserveMax: Formula.optional(),
}).strict();

export const Cap = z.object({ amount: Formula.optional(), shareOfContribution: z.number().nonnegative().optional() }).strict();

/** Who covers a pot's deficit, in the order given. */
export const Deficit = z.object({
  order: z.array(z.enum(["reserve", "key", "risk-bearer"])).min(1).default(["reserve", "key", "risk-bearer"]),
  /** Key for covering; default: in proportion to this year's contributions. */
  key: Key.optional(),
  /** Per partner, the most it covers in a year: a fixed amount and/or a share of its contribution. */
  caps: z.record(Id, Cap).optional(),
  /** The final risk bearer (eindrisicodrager) covers what the earlier steps leave. */
  riskBearer: Id,
}).strict();

/** One collective pot: partners contribute by a key; the pot pays the investments it covers. */
export const PotStep = z.object({
  type: z.literal("pot"),
  id: Id.optional(),
  name: localText().optional(),
  /** Investments the pot pays (default: all). */
  pays: InvestmentMatch.default({}),
  contributions: z.union([
    z.object({ key: Key, amount: Formula.optional() }).strict(),
    z.object({ amounts: z.record(Id, Formula) }).strict(),
  ]),
  surplus: Surplus.default({ action: "return" }),
  deficit: Deficit,
  /** Initial reserve (EUR) contributed in the first year by the same key. */
  initialReserve: Formula.optional(),
}).strict();

/** Shared savings: the partner where savings land passes a share back. */
export const SharedSavingsStep = z.object({
  type: z.literal("shared-savings"),
  id: Id.optional(),
  from: Id,
  to: Id,
  rate: FractionFormula,
  /** Which savings count: the `from` partner's effect result in these domains (default: all). */
  domains: z.array(Id).optional(),
  /**
   * `cashable` (the default): only savings a budget can actually cut are shared (effects marked
   * `cashable: false` do not count); `all`: every saving, cashable or not.
   */
  basis: z.enum(["cashable", "all"]).optional(),
  /** Savings below the threshold stay with `from`: an amount a year, or a share of a baseline. */
  threshold: z.union([z.object({ amount: Formula }).strict(), z.object({ share: FractionFormula, of: Formula }).strict()]).optional(),
  /** The most `from` pays in a year (EUR). */
  cap: Formula.optional(),
  /** When the savings are negative, `to` pays this share of the loss to `from`. */
  lossSharing: z.object({ rate: FractionFormula, cap: Formula.optional() }).strict().optional(),
  period: z.object({ from: Year.optional(), to: Year.optional() }).strict().optional(),
}).strict();

/** Provider transition: compensation for production a provider gives up. */
export const ProviderTransitionStep = z.object({
  type: z.literal("provider-transition"),
  id: Id.optional(),
  provider: Id,
  payer: Payer,
  /** A fixed amount a year, or a share of the provider's lost margin (revenue loss - variable cost saved). */
  compensation: z.union([z.object({ amount: Formula }).strict(), z.object({ shareOfLostMargin: FractionFormula }).strict()]),
  period: z.object({ from: Year.optional(), to: Year.optional() }).strict().optional(),
}).strict();

/**
 * Fair-share settlement: transfers so that every year each participating partner's net is its
 * share of the participants' total net, so NPVs end up in proportion:
 * - `proportional-to-investment`: shares = what each invested (PV, after earlier steps);
 * - `equal-roi`: shares = each partner's PV of all costs (investments, revenue losses), so
 *   NPV / costs is the same for all;
 * - `no-worse-off`: shares by `key`: with a total gain, every partner gains (none below its
 *   position without the initiative, 0) and the gain is split by the key.
 */
export const SettlementStep = z.object({
  type: z.literal("settlement"),
  id: Id.optional(),
  target: z.enum(["proportional-to-investment", "equal-roi", "no-worse-off"]),
  partners: z.array(Id).min(2).optional(),
  key: Key.optional(),
}).strict();

/**
 * Pre-financing (voorfinanciering): an investor (or several, by a key) pays the investments it
 * covers to their bearers in the year they fall, so the bearer carries no cost. The investor is
 * repaid, if at all, by later steps (outcome payments). No domain is needed for it.
 */
export const PreFinancingStep = z.object({
  type: z.literal("pre-financing"),
  id: Id.optional(),
  investor: Payer,
  /** Investments it pays (default: all). */
  pays: InvestmentMatch.default({}),
}).strict();

/**
 * One outcome a contract pays for, `price` euros per unit: either an `effect` (its net
 * quantity in a year: quantity x the deflators, ramp-up, drop-off or profile; the realised
 * quantity where monitoring has one) or an `indicator` (its measured actual in a year, its
 * target in years not measured; with a `baseline`, the improvement on it: actual - baseline,
 * or baseline - actual for a lower-is-better indicator, never below 0).
 */
export const PricedOutcome = z.object({
  effect: Id.optional(),
  indicator: Id.optional(),
  baseline: z.number().optional(),
  price: Formula,
  label: localText().optional(),
}).strict();
export type PricedOutcome = z.infer<typeof PricedOutcome>;

/**
 * Outcome payments (resultaatfinanciering, an impact bond's payment side): the payer(s) pay the
 * recipient a price per unit of each outcome. The payment for the outcomes of year t falls in
 * year t + `lag` (payments that would fall after the horizon are reported, not booked). A
 * `gate` makes the year's payment conditional on an indicator meeting its target that year
 * (`missing: pass`, the default, treats a year without a measurement as met, so a plan pays on
 * target; `fail` pays nothing for it). `cap.perYear` bounds what all payers together pay in a
 * year, `cap.total` over the horizon; a binding cap scales every payer's part by the same factor
 * (the split is made after the cap). The split among payers is a key (`payer: { key }`); by each
 * payer's own saving is the `benefit` key restricted to the payers (and the domains the outcome
 * is about).
 */
export const OutcomePaymentsStep = z.object({
  type: z.literal("outcome-payments"),
  id: Id.optional(),
  name: localText().optional(),
  payer: Payer,
  recipient: Id,
  outcomes: z.array(PricedOutcome).min(1),
  lag: z.number().int().nonnegative().optional(),
  cap: z.object({ perYear: Formula.optional(), total: Formula.optional() }).strict().optional(),
  gate: z.object({ indicator: Id, missing: z.enum(["pass", "fail"]).optional() }).strict().optional(),
  /** Outcome years that count (default: the whole horizon). */
  period: z.object({ from: Year.optional(), to: Year.optional() }).strict().optional(),
}).strict();

export const ArrangementStep = z.discriminatedUnion("type", [DecisionRulesStep, PotStep, SharedSavingsStep, ProviderTransitionStep, SettlementStep, PreFinancingStep, OutcomePaymentsStep]);
export type ArrangementStep = z.infer<typeof ArrangementStep>;

export const Arrangement = z.object({
  id: Id,
  name: localText({ required: true }),
  description: localText().optional(),
  steps: z.array(ArrangementStep).default([]),
}).strict();
export type Arrangement = z.infer<typeof Arrangement>;
export type ArrangementInput = z.input<typeof Arrangement>;
