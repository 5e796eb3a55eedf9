/**
 * Standard normal quantile (inverse CDF), Wichura's algorithm AS 241 (PPND16),
 * Applied Statistics 37(3):477-484, 1988. Relative accuracy about 1e-16 over
 * the whole range, no refinement step needed (unlike Acklam's ~1e-9 formula).
 * The coefficients are Wichura's published ones (the same as CPython's
 * `statistics.NormalDist.inv_cdf` fallback and R's `qnorm`).
 *
 * Everything random in this engine is an inverse transform of uniforms, so
 * that Latin hypercube strata and Iman-Conover reordering carry over to any
 * distribution.
 *
 * Determinism note: this uses `Math.log` and `Math.sqrt`. `Math.sqrt` is
 * correctly rounded by the ECMAScript spec; `Math.log` is "implementation-
 * approximated". V8 (Node, Chrome, Edge) uses one fdlibm port everywhere, so
 * Node and Chromium browsers agree bit for bit; other engines may differ in
 * the last bit of the tails (|z| beyond ~1.44). The seeded uniforms themselves
 * are identical everywhere.
 */

/**
 * z with P(Z <= z) = p for standard normal Z. Conventions: p = 0 gives
 * -Infinity, p = 1 gives +Infinity, p outside [0, 1] or NaN gives NaN.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return normalQuantileCentral(q);
  // Tails: work with the smaller tail probability, which is exact for p > 0.5
  // (1 - p is exact by Sterbenz's lemma) and needs no subtraction for p < 0.5.
  const x = normalQuantileTail(Math.sqrt(-Math.log(q < 0 ? p : 1 - p)));
  return q < 0 ? -x : x;
}

/**
 * The tails of `normalQuantile`: |z| for r = sqrt(-ln(t)), where t = min(p, 1 - p) < 0.075
 * (AS 241's second and third rational functions), exported for `normalQuantileInto`.
 */
export function normalQuantileTail(r: number): number {
  if (r <= 5) {
    r -= 1.6;
    const num =
      ((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734;
    const den =
      ((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
        1.4810397642748007459e-1) * r + 6.8976733498510000455e-1) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1.0;
    return num / den;
  }
  r -= 5;
  const num =
    ((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
      2.6532189526576123093e-2) * r + 2.9656057182850489123e-1) * r + 1.7848265399172913358) * r +
      5.4637849111641143699) * r + 6.6579046435011037772;
  const den =
    ((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
      7.868691311456132591e-4) * r + 1.4875361290850614852e-2) * r + 1.3692988092273580531e-1) * r +
      5.9983220655588793769e-1) * r + 1.0;
  return num / den;
}

/**
 * The central region of `normalQuantile`: z for q = p - 1/2 with |q| <= 0.425 (AS 241's first
 * rational function), exported so a sampler loop can take this path without the checks.
 */
export function normalQuantileCentral(q: number): number {
  const r = 0.180625 - q * q;
  const num =
    (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
      4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r +
      1.3314166789178437745e2) * r + 3.387132872796366608) * q;
  const den =
    ((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.930789580009271061e4) * r +
      2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.871870074920579083e2) * r +
      4.2313330701600911252e1) * r + 1.0;
  return num / den;
}

/** Scratch for `normalQuantileInto`: tail indices and their uniforms (lower tail from the front, upper from the back). */
let tailIndex = new Int32Array(0);
let tailU = new Float64Array(0);

/**
 * `out[i] = mean + sd * normalQuantile(u[i])` for every i, bit-identical to the scalar
 * expression for every input (0, 1, NaN and values outside [0, 1] included). `out` may be `u`.
 *
 * Two passes instead of a branch per value: the first evaluates the central rational function
 * for every value (no unpredictable branch; about 85% of uniform inputs need nothing more) and
 * records where the tails are; the second recomputes just those, with log and sqrt. Lengths
 * must match (not checked).
 */
export function normalQuantileInto(mean: number, sd: number, u: Float64Array, out: Float64Array): Float64Array {
  const n = u.length;
  if (tailIndex.length < n) { tailIndex = new Int32Array(n); tailU = new Float64Array(n); }
  const index = tailIndex, tu = tailU;
  let lower = 0, upper = n;
  for (let i = 0; i < n; i++) {
    const x = u[i]!, q = x - 0.5;
    out[i] = mean + sd * normalQuantileCentral(q); // NaN in, NaN out, as normalQuantile
    if (q < -0.425) { index[lower] = i; tu[lower++] = x; }
    else if (q > 0.425) { index[--upper] = i; tu[upper] = x; }
  }
  for (let j = 0; j < lower; j++) {
    const p = tu[j]!;
    out[index[j]!] = p > 0 ? mean + sd * -normalQuantileTail(Math.sqrt(-Math.log(p))) : mean + sd * normalQuantile(p);
  }
  for (let j = upper; j < n; j++) {
    const p = tu[j]!;
    out[index[j]!] = p < 1 ? mean + sd * normalQuantileTail(Math.sqrt(-Math.log(1 - p))) : mean + sd * normalQuantile(p);
  }
  return out;
}
