import { z } from "zod";
import { FractionFormula, Formula, Id, Year, localText } from "./common.ts";
import { ProviderShare } from "./domain.ts";
import { Period } from "./schedule.ts";

/**
 * An expected effect of the initiative.
 *
 * `type: saving` (default): a change in a volume that a domain pays for. The yearly gross saving
 * is quantity x unitPrice (EUR); it lands with the funder of `domain`. A negative quantity is
 * extra use (a cost for that funder).
 * `type: outcome`: a non-monetary effect (QALY, wellbeing points, ...) kept in its own `unit`
 * and discounted at the case's effect discount rate.
 *
 * The net effect in a year is gross x (1 - deadweight) x attribution x (1 - displacement)
 * x (1 - optimismBias) x ramp-up x drop-off:
 * - ramp-up: with `rampUpYears: n`, the k-th year of the effect (k = 0, 1, ...) gets
 *   min(1, (k + 1) / n); 0 or 1 means full effect from the first year;
 * - drop-off: the effect shrinks by `dropOff.rate` a year from `dropOff.from` (default: the first
 *   year after the ramp-up, and at least the effect's second year): factor
 *   (1 - rate)^(year - from + 1) from that year on.
 *
 * - profile: `profile: { "2025": 0.3, "2026": 1, ... }` gives the factor of each year
 *   explicitly instead (years not listed: 0); it replaces ramp-up and drop-off.
 *
 * `production`: the volume is delivered by provider(s), who lose the revenue and save only their
 * variable cost share. `transfer`: the saving is a transfer (social assistance): the
 * counterparty (usually the residents) receives that much less, so it nets out for society.
 */
export const DropOff = z.object({ rate: FractionFormula, from: Year.optional() }).strict();

export const Production = z.object({
  providers: z.array(z.union([Id, ProviderShare])).optional(),
  variableCostShare: FractionFormula.optional(),
}).strict();

export const Effect = z.object({
  id: Id,
  label: localText({ required: true }),
  type: z.enum(["saving", "outcome"]).default("saving"),
  domain: Id.optional(),
  quantity: Formula,
  unitPrice: Formula.optional(),
  unit: z.string().optional(),
  period: Period.default({}),
  rampUpYears: z.number().int().nonnegative().default(0),
  /** An explicit yearly profile: the factor per year (instead of ramp-up and drop-off; unlisted years 0). */
  profile: z.record(z.string().regex(/^\d{4}$/), z.number().nonnegative()).optional(),
  dropOff: DropOff.optional(),
  deadweight: FractionFormula.default(0),
  attribution: FractionFormula.default(1),
  displacement: FractionFormula.default(0),
  optimismBias: FractionFormula.default(0),
  cashable: z.boolean().default(true),
  production: z.union([z.literal(true), Production]).optional(),
  transfer: z.object({ counterparty: Id }).strict().optional(),
  /** Marks an illustrative assumption, so notebooks and reports can flag it. */
  assumption: z.boolean().optional(),
  source: localText().optional(),
  note: localText().optional(),
}).strict();
export type Effect = z.infer<typeof Effect>;
export type EffectInput = z.input<typeof Effect>;
