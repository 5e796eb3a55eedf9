/**
 * The one largest-remainder split of money. Every time the engine divides an amount of cents
 * among parts (providers, investors, a variable/fixed cost share, later allocation keys), it
 * calls this function, so the parts always sum exactly to the whole.
 *
 * Algorithm (as dinero.js `allocate`): each part gets the floor of its exact share of |amount|;
 * the cents left over go one by one to the parts with the largest remainders. Ties are broken by
 * `tieKeys` (ascending, e.g. partner ids) when given, else by position, so the result does not
 * depend on the order in which callers list the parts when keys are given.
 *
 * Conventions: a negative amount is split as its absolute value and negated part by part, so
 * a cost splits exactly like the same saving. A part with weight 0 gets 0. Weights must be finite,
 * non-negative and not all zero: anything else is a bug in the caller (validated input never gets
 * here), so it throws.
 */
import type { Cents } from "./money.ts";

export function allocate(amount: Cents, weights: readonly number[], tieKeys?: readonly string[]): Cents[] {
  if (!Number.isSafeInteger(amount)) throw new Error(`allocate: amount must be an integer number of cents, got ${amount}`);
  if (weights.length === 0) throw new Error("allocate: no parts to allocate to");
  let total = 0;
  for (const w of weights) {
    if (!Number.isFinite(w) || w < 0) throw new Error(`allocate: weights must be finite and non-negative, got ${w}`);
    total += w;
  }
  if (total <= 0) throw new Error("allocate: weights are all zero");
  if (tieKeys && tieKeys.length !== weights.length) throw new Error("allocate: tieKeys must match weights");

  const sign = amount < 0 ? -1 : 1;
  const whole = Math.abs(amount);
  const parts = new Array<number>(weights.length);
  const remainders = new Array<number>(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = (whole * weights[i]!) / total;
    const floor = Math.floor(exact);
    parts[i] = floor;
    remainders[i] = exact - floor;
    given += floor;
  }
  let left = whole - given;
  if (left > 0) {
    const order = weights.map((_, i) => i).filter((i) => weights[i]! > 0);
    order.sort((a, b) => {
      const d = remainders[b]! - remainders[a]!;
      if (d !== 0) return d;
      if (tieKeys) {
        const ka = tieKeys[a]!, kb = tieKeys[b]!;
        if (ka !== kb) return ka < kb ? -1 : 1;
      }
      return a - b;
    });
    // `left` is below the number of positive parts, up to float error in the floors; cycle to be safe.
    for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
      const idx = order[k]!;
      parts[idx] = parts[idx]! + 1;
    }
  }
  return parts.map((p) => (p === 0 ? 0 : sign * p));
}
