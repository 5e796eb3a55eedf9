/**
 * Latin hypercube sampling of uniforms.
 *
 * For n samples and `dimensions` inputs: in every dimension the interval (0, 1)
 * is cut into n equal strata and each stratum receives exactly one sample, at a
 * uniformly random position inside it; the order of the strata is an
 * independent random permutation per dimension (Fisher-Yates with unbiased
 * integers from the rng). Feed a column through `sampleInto` to get a
 * stratified sample of any distribution (inverse transform keeps the strata).
 *
 * Layout: one Float64Array column of length n per dimension, the layout the
 * correlation step (`imanConover`) and `sampleInto` work on.
 *
 * The rng is consumed in a fixed order (per dimension: the n - 1 Fisher-Yates
 * draws, then the n positions), so the result is a pure function of
 * (n, dimensions, rng state).
 */

import type { Rng } from "./rng.ts";

/**
 * `dimensions` columns of n stratified uniforms in (0, 1): for every column c
 * and stratum s in [0, n) exactly one i has `floor(columns[c][i] * n) === s`.
 * Throws RangeError for a count that is not a non-negative safe integer
 * (a programming error; user-facing counts are validated by the case model).
 */
export function latinHypercube(n: number, dimensions: number, rng: Rng): Float64Array[] {
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 32) {
    throw new RangeError(`latinHypercube: n must be an integer in [0, 2^32], got ${n}`);
  }
  if (!Number.isSafeInteger(dimensions) || dimensions < 0) {
    throw new RangeError(`latinHypercube: dimensions must be a non-negative integer, got ${dimensions}`);
  }
  const columns: Float64Array[] = [];
  const strata = new Uint32Array(n);
  for (let c = 0; c < dimensions; c++) {
    for (let i = 0; i < n; i++) strata[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      const t = strata[i]!;
      strata[i] = strata[j]!;
      strata[j] = t;
    }
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = strata[i]!;
      let v = (s + rng.next()) / n;
      // Rounding can push (s + u) / n onto a stratum boundary (or to 1); then
      // use the stratum centre, so the one-sample-per-stratum invariant holds exactly.
      if (!(v > 0 && v < 1 && Math.floor(v * n) === s)) v = (s + 0.5) / n;
      column[i] = v;
    }
    columns.push(column);
  }
  return columns;
}
