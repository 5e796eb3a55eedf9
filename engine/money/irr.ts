/**
 * Internal rate of return: the rate r at which the NPV of the yearly flows is zero (flow 0 at
 * t0, undiscounted, as in `npv`). It need not exist, or be unique, so the result is a value the
 * type shows, never NaN:
 * - `{ status: "ok", rate }`: exactly one root in the searched range (-50 % .. 1,000 %);
 * - `{ status: "no-sign-change" }`: all flows have one sign (or are zero): no IRR exists;
 * - `{ status: "none-in-range" }`: the flows change sign but NPV has no root in the range;
 * - `{ status: "multiple", rates }`: NPV changes sign more than once in the range.
 *
 * Why not below -50 %: near -100 % the discount factors (1 + r)^-k explode, and a double cannot
 * place the root finely enough for NPV to be zero within a cent; such a rate says "most of the
 * money is lost" and is reported as none-in-range rather than as a falsely precise number.
 *
 * Method. With x = 1 / (1 + r), NPV is the polynomial p(x) = sum f_k x^k, and the range is
 * x in [1/11, 2]. One sign change in the flows means (Descartes' rule of signs) at most one root
 * for x > 0, so the signs at the two ends decide. Otherwise the range is searched completely:
 * an interval is dropped when p provably has no root in it (|p(c)| beyond the rounding error of
 * p(c) plus the half-width times a bound on |p'|), settled when p is provably monotone on it
 * (the same test on p' with a bound on |p''|), and halved otherwise, down to a width of about
 * 1e-13 of x (a closer pair of roots cannot be told apart in double precision). Every sign change
 * of p between the points of the final partition is a root, found by bisection (in x, with the
 * same evaluation of p) until the bracket no longer shrinks. The work is bounded: intervals are kept on an explicit stack (no recursion)
 * and at most 2,048 are examined (beyond that the remaining ones are judged by their ends).
 */
import { npv } from "./discount.ts";

export type Irr =
  | { status: "ok"; rate: number }
  | { status: "no-sign-change" }
  | { status: "none-in-range" }
  | { status: "multiple"; rates: number[] };

const LOW = -0.5;
const HIGH = 10;
/** The range in x = 1 / (1 + r): x_hi at r = LOW, x_lo at r = HIGH. */
const X_LO = 1 / (1 + HIGH), X_HI = 1 / (1 + LOW);
const MAX_INTERVALS = 2048;
/** Intervals narrower than this (relative to x) are not halved again. */
const MIN_WIDTH = 1e-13;

/** The range the search covers (-50 % .. 1,000 %). */
export const IRR_RANGE = { low: LOW, high: HIGH } as const;

/**
 * Whether a found IRR lies next to an end of the search range: within 5 percentage points of
 * -50 % or above 900 %. Such a rate is a root, but a slightly worse (or better) set of flows
 * would have none in range: read it as "below about -45 %" (most of the money is lost) or
 * "above 900 %", not as a precise figure. Reports flag it (issue 14).
 */
export function irrNearBound(r: Irr): boolean {
  // Stryker disable next-line ConditionalExpression: equivalent: only an ok result has a rate; for the others r.rate is undefined and both comparisons are false
  return r.status === "ok" && (r.rate < LOW + 0.05 || r.rate > HIGH * 0.9);
}

export function irr(flows: readonly number[]): Irr {
  let pos = false, neg = false, changes = 0, last = 0;
  for (const f of flows) {
    if (f > 0) pos = true; else if (f < 0) neg = true;
    // Stryker disable next-line ConditionalExpression: equivalent in effect: a miscount after a zero flow sends one-sign-change flows to the general search, which finds the same root (to a few doubles; the tests found no flows where the last bit differs)
    if (f !== 0) { if (last !== 0 && Math.sign(f) !== Math.sign(last)) changes++; last = f; }
  }
  if (!pos || !neg) return { status: "no-sign-change" };

  // One sign change in the flows: by Descartes' rule of signs NPV has exactly one root for
  // r > -1 (one positive root in x), so bracketing the range ends is enough. This is the
  // common case (invest, then save) and costs ~60 NPV evaluations.
  if (changes === 1) {
    // An exact zero at an end is that end (the bisection could stop at a neighbouring double
    // where NPV also rounds to zero).
    const vLow = npv(LOW, flows), vHigh = npv(HIGH, flows);
    if (vLow === 0) return { status: "ok", rate: LOW };
    // Stryker disable next-line ConditionalExpression: equivalent: without it the bisection closes on 1,000 % itself (NPV at the double below it is not 0 for any two-term flows; none other found)
    if (vHigh === 0) return { status: "ok", rate: HIGH };
    if (Math.sign(vLow) === Math.sign(vHigh)) return { status: "none-in-range" };
    return { status: "ok", rate: bisect(flows, LOW, HIGH, Math.sign(vLow)) };
  }

  // Each root bisected in x with the same evaluation that found its sign change (so the bracket
  // holds), then turned into a rate; in increasing order of rate.
  const roots = signChanges(flows).map(([xa, xb]) => Math.min(HIGH, Math.max(LOW, 1 / bisectX(flows, xa, xb) - 1))).sort((a, b) => a - b);
  if (roots.length === 0) return { status: "none-in-range" };
  if (roots.length > 1) return { status: "multiple", rates: roots };
  return { status: "ok", rate: roots[0]! };
}

/**
 * p and p' at x with Horner, and a bound on each one's rounding error: ep = gamma |p|(|x|) and
 * ed = gamma max(1, n) |p'|(|x|), where |p| is the polynomial of the |f_k|, n the degree and
 * gamma = (4n + 4) eps, above Higham's gamma_2n (Accuracy and Stability of Numerical Algorithms, 5.1).
 */
function evaluate(f: readonly number[], x: number): { p: number; ep: number; d: number; ed: number } {
  const n = f.length - 1;
  let p = 0, s = 0, d = 0, sd = 0;
  for (let k = n; k >= 0; k--) {
    d = d * x + p; sd = sd * x + s;
    p = p * x + f[k]!; s = s * x + Math.abs(f[k]!);
  }
  const gamma = (4 * n + 4) * Number.EPSILON;
  return { p, ep: gamma * s, d, ed: gamma * sd * Math.max(1, n) };
}

/** Bounds on |p'| and |p''| over (0, b]: the sums of k |f_k| b^(k-1) and k(k-1) |f_k| b^(k-2) (b > 0). */
function derivativeBounds(f: readonly number[], b: number): [number, number] {
  let d1 = 0, d2 = 0;
  for (let k = f.length - 1; k >= 1; k--) {
    d2 = d2 * b + k * (k - 1) * Math.abs(f[k]!);
    d1 = d1 * b + k * Math.abs(f[k]!);
  }
  // Horner above gave sum k(k-1)|f_k| b^(k-1) for d2 (one power too many): divide it back.
  return [d1 * (1 + 4 * f.length * Number.EPSILON), (d2 / b) * (1 + 4 * f.length * Number.EPSILON)];
}

/**
 * Whether p provably has no root, or is provably monotone, on [c - h, c + h] (0 < c - h, c + h = b).
 * First with global bounds on |p'| and |p''| over (0, b] (cheap, and enough away from roots);
 * then with p's Taylor expansion at c, whose coefficients carry the cancellation the global
 * bounds ignore (enough near a cluster of roots, where |p| is far below the sum of its terms).
 */
function settles(f: readonly number[], b: number, c: number, h: number): boolean {
  const at = evaluate(f, c);
  const [d1, d2] = derivativeBounds(f, b);
  if (Math.abs(at.p) - at.ep > h * d1 || Math.abs(at.d) - at.ed > h * d2) return true;
  // p(c + y) = sum t_j y^j, each t_j within e_j of the computed one (the shift run on |f| and |c| bounds the error).
  const n = f.length - 1;
  const t = Float64Array.from(f), m = Float64Array.from(f, Math.abs);
  for (let i = 0; i < n; i++) {
    for (let k = n - 1; k >= i; k--) { t[k] = t[k]! + c * t[k + 1]!; m[k] = m[k]! + c * m[k + 1]!; }
  }
  const gamma = (4 * n + 4) * Number.EPSILON;
  // |p(x) - t_0| <= sum_{j>=1} (|t_j| + e_j) h^j;  |p'(x) - t_1| <= sum_{j>=2} j (|t_j| + e_j) h^(j-1).
  let rest0 = 0, rest1 = 0;
  for (let j = n; j >= 1; j--) {
    const tj = Math.abs(t[j]!) + gamma * m[j]!;
    rest0 = rest0 * h + tj;
    if (j >= 2) rest1 = rest1 * h + j * tj;
  }
  rest0 *= h * (1 + gamma);
  rest1 *= 1 + gamma;
  return Math.abs(t[0]!) - gamma * m[0]! > rest0 || Math.abs(t[1] ?? 0) - gamma * m[1]! > rest1 * (n >= 2 ? h : 0);
}

/**
 * The search's partition of [X_LO, X_HI]: intervals, from left to right, each settled (p has no
 * root in it, or is monotone on it) or too small to halve, or left when the search's budget of
 * MAX_INTERVALS examined intervals ran out.
 */
function partition(f: readonly number[]): [number, number][] {
  // The partition: intervals settled (no root, or monotone, or too small to halve), by their left end.
  // Depth first, the left half on top: the settled intervals come out from left to right. The
  // width halves at each level, so MIN_WIDTH bounds the depth (about 45) and the stack.
  const settled: [number, number][] = [];
  const stack: [number, number][] = [[X_LO, X_HI]];
  let examined = 0;
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    examined++;
    const c = (a + b) / 2, h = (b - a) / 2;
    const small = b - a <= MIN_WIDTH * b || examined > MAX_INTERVALS;
    if (!small && !settles(f, b, c, h)) {
      stack.push([c, b], [a, c]);
      continue;
    }
    settled.push([a, b]);
  }
  return settled;
}

/**
 * Every sign change of p(x) = sum f_k x^k on [X_LO, X_HI], each as the interval [xa, xb] of the
 * final partition it lies in ([x, x] for an exact zero at a point of the partition).
 */
function signChanges(f: readonly number[]): [number, number][] {
  const settled = partition(f);
  // Signs at the points of the partition (each point once, so a root at a shared end is counted once).
  const points = [settled[0]![0], ...settled.map((s) => s[1])];
  // A sign within p's rounding error is not known (NaN): near a root of higher multiplicity
  // (flows 100, -300, 300, -100: (1 - x)^3) the computed p is noise over a stretch of points,
  // whose signs gave 120 roots where there is one. Sign changes are counted between points
  // whose signs are known; the bisection then closes on the root inside the noisy stretch.
  const signs = points.map((x) => { const e = evaluate(f, x); return e.p === 0 ? 0 : Math.abs(e.p) <= e.ep ? NaN : Math.sign(e.p); });
  const out: [number, number][] = [];
  // Stryker disable next-line UnaryOperator: equivalent: lastAt is read only once lastSign is not 0, and both are set together
  let lastSign = 0, lastAt = -1;
  for (let i = 0; i < points.length; i++) {
    const s = signs[i]!;
    if (Number.isNaN(s)) continue;
    if (s === 0) {
      // An exact zero: a root there if the sign on its two sides differs (or it is a range end).
      if (i === 0 || i === points.length - 1) out.push([points[i]!, points[i]!]);
      continue;
    }
    // A change between the last non-zero point and this one: a root inside, or at a zero point
    // between them, which the bisection then closes on (p is monotone on each settled interval
    // that holds a root, so the zero is the only root in the bracket).
    if (lastSign !== 0 && s !== lastSign) out.push([points[lastAt]!, points[i]!]);
    lastSign = s; lastAt = i;
  }
  return out;
}

/** A root of p in [xa, xb], where p's computed sign differs at the ends (or xa = xb, a zero). */
function bisectX(f: readonly number[], xa: number, xb: number): number {
  // A zero (at xa = xb, at xa, or met on the way) needs no test of its own: the bracket closes
  // on it (a zero's sign is never sa) and the end with the smaller |p| is that zero.
  const sa = Math.sign(evaluate(f, xa).p);
  // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent: the bracket reaches neighbouring doubles in fewer than 80 halvings (x in a range of a few powers of two), and the break below ends the loop; 200 is a bound only
  for (let i = 0; i < 200; i++) {
    const mid = (xa + xb) / 2;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: once the ends are neighbouring doubles, mid is one of them and the rounds that follow change nothing (the 200 bound ends them)
    if (mid === xa || mid === xb) break;
    if (Math.sign(evaluate(f, mid).p) === sa) xa = mid; else xb = mid;
  }
  return Math.abs(evaluate(f, xa).p) <= Math.abs(evaluate(f, xb).p) ? xa : xb;
}

/**
 * The sign of `npv(rate, flows)` (the value the bisection reads), found without it where a
 * cheaper evaluation proves it: Horner's p(x) = sum f_k x^k at x = 1 / (1 + rate). Both are
 * within a few n eps of the exact NPV at `rate`, relative to S = sum |f_k| x^k (npv: each term's
 * power, division and rounded 1 + rate at most (k + 6) eps, the sum (n - 1) eps; Horner and the
 * rounded x at most (4n + 2) eps); so where |p(x)| is beyond `slack` x S (`slack` = 64 (n + 1)
 * eps, ten times the sum of the two bounds) npv has p's sign and is not 0. Near the root, where
 * the bisection's last twenty-odd steps are, npv itself decides. The same signs, so the same
 * rate to the last bit, with about a third of the powers (the IRR of every partner was a tenth
 * of a slider move on the 342-municipality case).
 */
function npvSign(rate: number, flows: readonly number[], slack: number): number {
  const x = 1 / (1 + rate);
  let p = 0, m = 0;
  for (let k = flows.length - 1; k >= 0; k--) { p = p * x + flows[k]!; m = m * x + Math.abs(flows[k]!); }
  if (Math.abs(p) > slack * m) return Math.sign(p);
  return Math.sign(npv(rate, flows));
}
/** The margin of `npvSign` in units of (n + 1) eps S. */
const SIGN_SLACK = 64;

/** A root of NPV in [lo, hi] (as rates), where NPV has sign sLo (not 0) at lo and the other sign at hi. */
function bisect(flows: readonly number[], lo: number, hi: number, sLo: number): number {
  const slack = SIGN_SLACK * (flows.length + 1) * Number.EPSILON;
  // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent: as in bisectX (rates from -50 % to 1,000 %: under 70 halvings to neighbouring doubles)
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: as in bisectX
    if (mid === lo || mid === hi) break;
    if (npvSign(mid, flows, slack) === sLo) lo = mid; else hi = mid;
  }
  // Return the end of the bracket with the smaller |NPV| (test/money/irr.test.ts checks it).
  return Math.abs(npv(lo, flows)) <= Math.abs(npv(hi, flows)) ? lo : hi;
}

/** The root search's parts, for tests of their error bounds and of the search's work (test/money/irr.search.test.ts). */
export const irrSearch = { evaluate, derivativeBounds, settles, partition, npvSign, bisect } as const;
