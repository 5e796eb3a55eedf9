import { z } from "zod";
import { Formula, Id, Year, localText } from "./common.ts";

/**
 * What actually happened, per year, for monitoring ("monitoren, reflecteren, bijsturen").
 * - `investments`: actual spending per investment line (EUR that year);
 * - `effects`: the realised effect per line: either the realised (already attributable)
 *   `quantity`, valued at the case's unit price, or the realised `amount` in EUR. Realised figures
 *   are not deflated again (no deadweight, attribution, ramp-up or drop-off: they are what
 *   happened);
 * - `contributions`: actual contributions to a pot, per arrangement id (or `arrangement/step`),
 *   per partner (EUR).
 * Years without actuals keep the plan (they are the forecast).
 */
export const ActualYear = z.object({
  year: Year,
  investments: z.record(Id, Formula).optional(),
  effects: z.record(Id, z.union([z.object({ quantity: Formula }).strict(), z.object({ amount: Formula }).strict()])).optional(),
  contributions: z.record(z.string(), z.record(Id, Formula)).optional(),
  note: localText().optional(),
}).strict();
export type ActualYear = z.infer<typeof ActualYear>;

/** An agreed measurable goal with targets per year, and what was measured. */
export const Indicator = z.object({
  id: Id,
  label: localText({ required: true }),
  unit: z.string().optional(),
  direction: z.enum(["higher-is-better", "lower-is-better"]).default("higher-is-better"),
  /** A relative margin within which a result still counts as on track (0.05 = 5 %). */
  tolerance: z.number().min(0).max(1).default(0),
  targets: z.record(z.string().regex(/^\d{4}$/), z.number()),
  actuals: z.record(z.string().regex(/^\d{4}$/), z.number()).optional(),
  source: localText().optional(),
  note: localText().optional(),
}).strict();
export type Indicator = z.infer<typeof Indicator>;
