import { z } from "zod";
import { Id, Year, localText } from "./common.ts";
import { Arrangement } from "./arrangement.ts";
import { Domain } from "./domain.ts";
import { Effect } from "./effect.ts";
import { Investment } from "./investment.ts";
import { Negotiation } from "./negotiation.ts";
import { ActualYear, Indicator } from "./monitoring.ts";
import { Parameter } from "./parameter.ts";
import { Partner } from "./partner.ts";
import { Correlations, Scenario, SimulationDefaults } from "./uncertainty.ts";

/**
 * The Dutch social cost-benefit analysis (MKBA) discount rate: 2.25 % real, advised by the
 * Werkgroep discontovoet 2020 and in force since 2021 for all horizons.
 */
export const MKBA_DISCOUNT_RATE = 0.0225;

/**
 * Discount-rate presets. `mkba`: 2.25 % real for costs and effects (Werkgroep discontovoet 2020,
 * in force since 2021). `zin2024`: the Zorginstituut Nederland guideline for economic evaluations
 * in health care (2024): 3 % for costs, 1.5 % for (health) effects.
 */
export const DISCOUNT_PRESETS = {
  mkba: { discountRate: MKBA_DISCOUNT_RATE, effectDiscountRate: MKBA_DISCOUNT_RATE, source: "Werkgroep discontovoet 2020 (MKBA), 2,25 % reëel" },
  zin2024: { discountRate: 0.03, effectDiscountRate: 0.015, source: "Zorginstituut Nederland, Richtlijn economische evaluaties in de gezondheidszorg (2024): 3 % kosten, 1,5 % effecten" },
} as const;

/**
 * A business case. Amounts are in euros of `priceYear` (constant, real prices). Years run from
 * `startYear` (t0, not discounted) for `horizon` years. `discountRate` discounts money;
 * `effectDiscountRate` discounts non-monetary outcomes (defaults to `discountRate`; the
 * Zorginstituut 2024 guideline uses 3 % for costs and 1.5 % for effects).
 */
export const Case = z.object({
  id: Id,
  title: localText({ required: true }),
  description: localText().optional(),
  currency: z.literal("EUR").default("EUR"),
  priceYear: Year,
  startYear: Year,
  horizon: z.number().int().min(1).max(100),
  discountRate: z.number().gt(-1).max(1).default(MKBA_DISCOUNT_RATE),
  effectDiscountRate: z.number().gt(-1).max(1).optional(),
  /** A discount-rate preset instead of `discountRate`/`effectDiscountRate` (not both). */
  discount: z.enum(["mkba", "zin2024"]).optional(),
  /** Extra price-index values (year -> index) for reference prices from years the engine does not ship; cite the source. */
  priceIndex: z.object({ values: z.record(z.string().regex(/^\d{4}$/), z.number().positive()), source: z.string().min(1) }).strict().optional(),
  partners: z.array(Partner).min(1),
  domains: z.array(Domain).min(1),
  parameters: z.record(Id, Parameter).default({}),
  investments: z.array(Investment).default([]),
  effects: z.array(Effect).default([]),
  /** Financing arrangements to compare; the status quo (no steps) is always evaluated too. */
  arrangements: z.array(Arrangement).default([]),
  /** Realised figures per year, for plan-versus-actual monitoring and the true-up of arrangements. */
  actuals: z.array(ActualYear).default([]),
  /** Agreed indicators with yearly targets and measured values. */
  indicators: z.array(Indicator).default([]),
  /** Rank correlations between parameters that have a distribution. */
  correlations: Correlations.optional(),
  /** Defaults for Monte Carlo runs (samples, seed, Latin hypercube). */
  simulation: SimulationDefaults.optional(),
  /** Named scenarios (pessimistic, optimistic, ...) as parameter overrides. */
  scenarios: z.record(Id, Scenario).optional(),
  /** Named negotiations: an arrangement's negotiable terms, the conditions of a deal and its objective (`bcase negotiate`). */
  negotiations: z.record(Id, Negotiation).optional(),
  sources: z.array(localText()).optional(),
  note: localText().optional(),
}).strict();
export type Case = z.infer<typeof Case>;
export type CaseInput = z.input<typeof Case>;
