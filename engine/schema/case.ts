import { z } from "zod";
import { Id, Year } from "./common.ts";
import { Arrangement } from "./arrangement.ts";
import { Domain } from "./domain.ts";
import { Effect } from "./effect.ts";
import { Investment } from "./investment.ts";
import { Parameter } from "./parameter.ts";
import { Partner } from "./partner.ts";

/**
 * The Dutch social cost-benefit analysis (MKBA) discount rate: 2.25 % real, advised by the
 * Werkgroep discontovoet 2020 and in force since 2021 for all horizons.
 */
export const MKBA_DISCOUNT_RATE = 0.0225;

/**
 * A business case. Amounts are in euros of `priceYear` (constant, real prices). Years run from
 * `startYear` (t0, not discounted) for `horizon` years. `discountRate` discounts money;
 * `effectDiscountRate` discounts non-monetary outcomes (defaults to `discountRate`; the
 * Zorginstituut 2024 guideline uses 3 % for costs and 1.5 % for effects).
 */
export const Case = z.object({
  id: Id,
  title: z.string().min(1),
  description: z.string().optional(),
  currency: z.literal("EUR").default("EUR"),
  priceYear: Year,
  startYear: Year,
  horizon: z.number().int().min(1).max(100),
  discountRate: z.number().gt(-1).max(1).default(MKBA_DISCOUNT_RATE),
  effectDiscountRate: z.number().gt(-1).max(1).optional(),
  partners: z.array(Partner).min(1),
  domains: z.array(Domain).min(1),
  parameters: z.record(Id, Parameter).default({}),
  investments: z.array(Investment).default([]),
  effects: z.array(Effect).default([]),
  /** Financing arrangements to compare; the status quo (no steps) is always evaluated too. */
  arrangements: z.array(Arrangement).default([]),
  sources: z.array(z.string()).optional(),
  note: z.string().optional(),
}).strict();
export type Case = z.infer<typeof Case>;
export type CaseInput = z.input<typeof Case>;
