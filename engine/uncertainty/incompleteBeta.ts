/**
 * Regularised incomplete beta function I_x(a, b) and its inverse.
 *
 * CDF: the continued fraction of Numerical Recipes (`betacf`, modified Lentz),
 * evaluated on whichever side converges fast: for x < (a + 1) / (a + b + 2) the
 * lower tail P = I_x(a, b) directly, otherwise the upper tail
 * Q = 1 - P = I_{1-x}(b, a). Keeping both tails (instead of forming 1 - Q)
 * keeps full relative precision in both tails.
 *
 * Inverse: bisection with a fixed split rule, then linear interpolation.
 * - The search coordinate s runs over the IEEE-754 *bit patterns* of x on
 *   [0, 1/2] and of y = 1 - x on [1/2, 1] (mirrored), and each split is at the
 *   midpoint of s. So the search is logarithmic in the binade near both ends
 *   (quantiles such as 1e-200 or 1 - 1e-12 are found to full relative
 *   precision of x or 1 - x) and linear inside a binade. After exactly 34
 *   splits the bracket is about 1.2e-7 wide relative to x (or to 1 - x), and
 *   the quantile is interpolated linearly from the CDF values at the bracket
 *   ends. That interpolation error is second order in the width (~1e-14
 *   relative for ordinary shapes), below the 1e-10 target; otherwise the
 *   CDF's own ~1e-15 error dominates.
 * - Why not Newton: the split points never depend on p, so two probabilities
 *   p1 < p2 follow the same path until some split m separates them, after which
 *   q(p1) <= m <= q(p2). The inverse is therefore exactly monotone in p even
 *   though the computed CDF wobbles in its last bits, which Newton iterations
 *   cannot guarantee. It is also robust for a, b < 1 (infinite density at an
 *   end) where Newton needs safeguards.
 * Cost: 34 CDF evaluations per quantile (a few microseconds); `inverseInto`
 * shares the top of the bisection tree between the samples of a batch.
 *
 * Determinism: uses Math.exp/log/log1p (implementation-approximated in
 * ECMAScript; identical across V8-based runtimes) and DataView for the bit
 * patterns (explicit endianness, identical everywhere).
 */

import { logBeta } from "./logGamma.ts";

const EPS = 1e-15;
const FPMIN = 1e-300;
const MAX_ITERATIONS = 100_000;
const HALF_BITS = 4602678819172646912; // bit pattern of 0.5 = 1022 * 2^52, exact as a double
/** The search coordinate s in [0, TOP]: x = fromBits(s) for s <= HALF_BITS, else 1 - x = fromBits(TOP - s). */
const TOP = 2 * HALF_BITS;
const BISECTION_STEPS = 34;
const TWO_32 = 4294967296;

const scratch = new DataView(new ArrayBuffer(8));

/** The double whose IEEE-754 bit pattern is the (exactly representable) integer `bits`. */
function fromBits(bits: number): number {
  const hi = Math.floor(bits / TWO_32);
  scratch.setUint32(0, hi, false);
  scratch.setUint32(4, bits - hi * TWO_32, false);
  return scratch.getFloat64(0, false);
}

/** Continued fraction for I_x(a, b) (Numerical Recipes 3rd ed., 6.4). */
function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) break;
  }
  return h;
}

/**
 * I_x(a, b) for fixed a, b > 0, with the log-beta and tail switch point
 * precomputed so repeated evaluations (sampling) allocate nothing.
 */
export class IncompleteBeta {
  private readonly lnBeta: number;
  /** Below this x the lower-tail fraction converges fast; above it the upper-tail one. */
  private readonly switchPoint: number;

  constructor(
    readonly a: number,
    readonly b: number,
  ) {
    this.lnBeta = logBeta(a, b);
    this.switchPoint = (a + 1) / (a + b + 2);
  }

  /**
   * x^a y^b / B(a, b) with y = 1 - x, computed in logs. Of x and y the smaller
   * one is taken as exact (it is: callers derive the larger from it, and
   * 1 - v is exact for v >= 1/2 by Sterbenz's lemma) and the other's log comes
   * from log1p.
   */
  private front(x: number, y: number): number {
    const lnx = x <= y ? Math.log(x) : Math.log1p(-y);
    const lny = x <= y ? Math.log1p(-x) : Math.log(y);
    return Math.exp(this.a * lnx + this.b * lny - this.lnBeta);
  }

  /** Lower tail P = I_x(a, b); accurate for x < switchPoint. */
  private lowerTail(x: number, y: number): number {
    return (this.front(x, y) * continuedFraction(this.a, this.b, x)) / this.a;
  }

  /** Upper tail Q = 1 - I_x(a, b) = I_y(b, a); accurate for x >= switchPoint. */
  private upperTail(x: number, y: number): number {
    return (this.front(x, y) * continuedFraction(this.b, this.a, y)) / this.b;
  }

  /** I_x(a, b): 0 for x <= 0, 1 for x >= 1, NaN for NaN. */
  cdf(x: number): number {
    if (Number.isNaN(x)) return NaN;
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    return x < this.switchPoint ? this.lowerTail(x, 1 - x) : 1 - this.upperTail(x, 1 - x);
  }

  /** 1 - I_x(a, b) without cancellation in the upper tail. */
  complement(x: number): number {
    if (Number.isNaN(x)) return NaN;
    if (x <= 0) return 1;
    if (x >= 1) return 0;
    return x < this.switchPoint ? 1 - this.lowerTail(x, 1 - x) : this.upperTail(x, 1 - x);
  }

  /**
   * Both tails at x into `out`: out[0] = cdf(x), out[1] = complement(x), bit for bit, from one
   * continued fraction (the tail that is accurate at x, the other as 1 minus it, as `cdf` and
   * `complement` each do), with no array per call. The beta tables of the simulator
   * (engine/simulate/sampler.ts) make thousands of these in a fresh process, where every
   * function on the way is compiled by V8 on its own, so the tail's expression is written here
   * rather than called.
   */
  tailsInto(x: number, out: Float64Array): Float64Array {
    if (Number.isNaN(x)) { out[0] = NaN; out[1] = NaN; return out; }
    if (x <= 0) { out[0] = 0; out[1] = 1; return out; }
    if (x >= 1) { out[0] = 1; out[1] = 0; return out; }
    const y = 1 - x;
    // lowerTail below the switch point, else upperTail: front(x, y) x the fraction of that tail / its first parameter.
    const lower = x < this.switchPoint, first = lower ? this.a : this.b;
    const t = (this.front(x, y) * continuedFraction(first, lower ? this.b : this.a, lower ? x : y)) / first;
    out[0] = lower ? t : 1 - t;
    out[1] = lower ? 1 - t : t;
    return out;
  }

  /**
   * x with I_x(a, b) = p (see the file comment for the method). p = 0 gives 0,
   * p = 1 gives 1, p outside [0, 1] or NaN gives NaN. Exactly monotone
   * non-decreasing in p.
   */
  inverse(p: number): number {
    return this.invert(p, null);
  }

  /**
   * `out[i] = inverse(ps[i])`, bit-identical to calling `inverse` one by one
   * (`out` may be `ps` itself).
   * For large batches the CDF values at the top levels of the (fixed) bisection
   * tree are cached and shared between samples, which is valid precisely
   * because split points never depend on p.
   */
  inverseInto(ps: Float64Array, out: Float64Array): Float64Array {
    if (out.length !== ps.length) {
      throw new RangeError(`inverseInto: out has length ${out.length}, expected ${ps.length}`);
    }
    const depth = Math.max(0, Math.min(18, Math.ceil(Math.log2(ps.length + 1)) - 2));
    const cache: TreeCache | null =
      depth > 0 ? { depth, value: new Float64Array(1 << depth), side: new Uint8Array(1 << depth) } : null;
    for (let i = 0; i < ps.length; i++) out[i] = this.invert(ps[i]!, cache);
    return out;
  }

  private invert(p: number, cache: TreeCache | null): number {
    if (!(p >= 0 && p <= 1)) return NaN;
    if (p === 0) return 0;
    if (p === 1) return 1;
    const pc = 1 - p; // compared with the upper tail: Q(x) <= 1 - p  <=>  P(x) >= p
    const cacheDepth = cache === null ? 0 : cache.depth;
    let node = 1; // heap index of the current split in the fixed bisection tree
    let lo = 0; // search coordinate s of the bracket ends (see TOP)
    let hi = TOP;
    // Tail value at each bracket end: the lower tail P or the upper tail Q, whichever was computed.
    let loTail = 0;
    let loIsUpper = false;
    let hiTail = 0;
    let hiIsUpper = true;
    for (let step = 0; step < BISECTION_STEPS; step++) {
      const mid = (lo + hi) / 2; // exact: a multiple of 511 * 2^20 below 2^63
      let tail: number;
      let isUpper: boolean;
      if (step < cacheDepth && cache!.side[node] !== 0) {
        tail = cache!.value[node]!;
        isUpper = cache!.side[node] === UPPER;
      } else {
        let x: number;
        let y: number;
        if (mid <= HALF_BITS) {
          x = fromBits(mid);
          y = 1 - x;
        } else {
          y = fromBits(TOP - mid);
          x = 1 - y;
        }
        isUpper = x >= this.switchPoint;
        tail = isUpper ? this.upperTail(x, y) : this.lowerTail(x, y);
        if (step < cacheDepth) {
          cache!.value[node] = tail;
          cache!.side[node] = isUpper ? UPPER : LOWER;
        }
      }
      const goLeft = isUpper ? tail <= pc : tail >= p;
      if (goLeft) {
        hi = mid;
        hiTail = tail;
        hiIsUpper = isUpper;
        node = 2 * node;
      } else {
        lo = mid;
        loTail = tail;
        loIsUpper = isUpper;
        node = 2 * node + 1;
      }
    }
    // Interpolation weight t in [0, 1], monotone in p within this final bracket.
    let t: number;
    if (loIsUpper && hiIsUpper) {
      t = (loTail - pc) / (loTail - hiTail);
    } else {
      const pLo = loIsUpper ? 1 - loTail : loTail;
      const pHi = hiIsUpper ? 1 - hiTail : hiTail;
      t = (p - pLo) / (pHi - pLo);
    }
    if (!(t >= 0)) t = t < 0 ? 0 : 0.5; // NaN (flat computed CDF): a fixed point keeps monotonicity
    if (t > 1) t = 1;
    if (lo >= HALF_BITS) {
      // Upper half: interpolate 1 - x, which is what the grid resolves there.
      const yLo = fromBits(TOP - lo);
      const yHi = fromBits(TOP - hi);
      return 1 - (yLo - t * (yLo - yHi));
    }
    const xLo = fromBits(lo);
    const xHi = hi <= HALF_BITS ? fromBits(hi) : 1 - fromBits(TOP - hi);
    return xLo + t * (xHi - xLo);
  }
}

const LOWER = 1;
const UPPER = 2;

/** CDF tail values at the top `depth` levels of the bisection tree, by heap index (root = 1). */
interface TreeCache {
  readonly depth: number;
  readonly value: Float64Array;
  /** 0 = not yet computed, LOWER = value is P, UPPER = value is Q. */
  readonly side: Uint8Array;
}

/** I_x(a, b) for a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  return new IncompleteBeta(a, b).cdf(x);
}

/** Inverse of I_x(a, b) in x, for a, b > 0 and p in [0, 1]. */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  return new IncompleteBeta(a, b).inverse(p);
}
