import { z } from "zod";
import { Formula, localText } from "./common.ts";
import { distributionSchema, pointValue } from "../../uncertainty/distributions.ts";

/**
 * A named value that formulas refer to. Either a bare number or formula (`clients: 120`, `visits: clients * 2`) or an object
 * with the value (a number or a formula over other parameters), its unit (optional; where given,
 * formulas are unit-checked), and where it came from. Exactly one of `value` and `ref` gives
 * the value.
 */
export const ParameterObject = z.object({
  /** The value; may be omitted when `ref` gives it. */
  value: Formula.optional(),
  /**
   * A reference price shipped with the engine (see engine/reference/unitCosts.ts), by id, e.g.
   * `emergency_visit`. The engine indexes it from its price year to the case's price year with
   * the CPI and records where it came from; the unit comes with it.
   */
  ref: z.string().optional(),
  unit: z.string().optional(),
  label: localText().optional(),
  source: localText().optional(),
  note: localText().optional(),
  /** Marks an illustrative assumption, so notebooks and reports can flag it. */
  assumption: z.boolean().optional(),
  /**
   * Uncertainty for Monte Carlo runs and sensitivity (see docs/uncertainty.md).
   * Deterministic runs keep using `value`; without `value` (and `ref`) the base value is the
   * distribution's mean. A base value must lie inside the distribution's range.
   */
  distribution: distributionSchema.optional(),
}).strict();
export const Parameter = z.union([z.number(), z.string().min(1), ParameterObject]);
export type Parameter = z.infer<typeof Parameter>;
export type ParameterObject = z.infer<typeof ParameterObject>;

export function normaliseParameter(p: Parameter): ParameterObject {
  if (typeof p === "number" || typeof p === "string") return { value: p };
  // Only a distribution given: its mean is the base value (the mean, so that the base run is the expected result of a linear case).
  if (p.value === undefined && p.ref === undefined && p.distribution !== undefined) return { ...p, value: pointValue(p.distribution) };
  return p;
}
