/**
 * Fast inverse-transform sampling for the simulator. Every distribution is still sampled as
 * `quantile(dist, u)` of one uniform (so Latin hypercube strata and Iman-Conover reordering
 * work unchanged), but beta and PERT do not call the exact inverse incomplete beta per sample:
 * that bisection costs about 3 microseconds a value (34 CDF evaluations), which would make a
 * 100,000-sample run of a case with thirty beta inputs take ten seconds.
 *
 * Instead the quantile function is tabulated once per shape (a, b) (and cached, see
 * `betaTable`): knots x_i on a grid that is uniform in the body and geometric towards both ends
 * (so power-law tails are resolved to full relative precision), the exact CDF F(x_i) and
 * density f(x_i) at each, and between knots a cubic Hermite interpolant of x(u) with the exact
 * slopes dx/du = 1 / f (limited as in Fritsch-Carlson so it stays monotone). Beyond the
 * outermost knots (probability below about 1e-16) the exact inverse is used. For speed the
 * central part is also tabulated on an exact grid u = j / 1024 (no search per value). The
 * result differs from the exact quantile by less than 5e-8 of the range (typically 1e-9;
 * test/simulate measures it), far below Monte Carlo noise. Building a table takes about 1 ms.
 * Uniform, normal, lognormal and triangular have plain loops bit-identical to `quantile`; the
 * other types use the exact `sampleInto`.
 */
import type { DistributionSpec } from "../uncertainty/index.ts";
import { PERT_DEFAULT_LAMBDA, quantile, sampleInto } from "../uncertainty/index.ts";
import { lognormalParameters } from "../uncertainty/distributions.ts";
import { normalQuantileInto } from "../uncertainty/normal.ts";
import { IncompleteBeta } from "../uncertainty/incompleteBeta.ts";
import { logBeta } from "../uncertainty/logGamma.ts";

export type Sampler = (uniforms: Float64Array, out: Float64Array) => Float64Array;

/** Shape and range of a beta or PERT spec (as distributions.ts derives them). */
export function betaShape(d: Extract<DistributionSpec, { type: "beta" | "pert" }>): { a: number; b: number; min: number; max: number } {
  if (d.type === "pert") {
    const lambda = d.lambda ?? PERT_DEFAULT_LAMBDA;
    const width = d.max - d.min;
    if (!(width > 0)) return { a: NaN, b: NaN, min: d.min, max: d.max };
    return { a: 1 + (lambda * (d.mode - d.min)) / width, b: 1 + (lambda * (d.max - d.mode)) / width, min: d.min, max: d.max };
  }
  const min = d.min ?? 0, max = d.max ?? 1;
  if (d.a !== undefined && d.b !== undefined) return { a: d.a, b: d.b, min, max };
  const width = max - min;
  const m = (d.mean! - min) / width, s = d.sd! / width;
  const nu = (m * (1 - m)) / (s * s) - 1;
  return { a: m * nu, b: (1 - m) * nu, min, max };
}

/**
 * A sampler for `dist`: `out[i]` = quantile(dist, uniforms[i]) (tabulated for beta and PERT).
 * `out` may be `uniforms` itself; the lengths must match.
 *
 * Precondition for speed, not for correctness: the loops are written for uniforms in the open
 * interval (0, 1), which is what the simulator feeds them (`Rng.fill`, Latin hypercube). Any
 * other input (0, 1, NaN, outside [0, 1]) is still handled, by a per-value fallback to
 * `quantile`, so every type except beta and PERT stays bit-identical to `quantile` for all
 * inputs; beta and PERT agree with it to the table accuracy above.
 */
export function compileSampler(dist: DistributionSpec): Sampler {
  // Plain loops (no switch per value) with the same expressions as `quantile` in
  // distributions.ts, so the values are bit-identical.
  switch (dist.type) {
    case "uniform": {
      const { min, max } = dist, width = max - min;
      return (u, out) => {
        for (let i = uniformRun(u, out, 0, min, max, width); i < u.length; i = uniformRun(u, out, i + 1, min, max, width)) out[i] = quantile(dist, u[i]!);
        return out;
      };
    }
    case "normal": {
      const { mean, sd } = dist;
      return (u, out) => normalQuantileInto(mean, sd, u, out);
    }
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(dist);
      return (u, out) => {
        normalQuantileInto(mu, sigma, u, out);
        for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]!);
        return out;
      };
    }
    case "triangular": {
      const { min, mode, max } = dist, width = max - min;
      if (!(width > 0)) break;
      return (u, out) => {
        for (let i = triangularRun(u, out, 0, min, mode, max); i < u.length; i = triangularRun(u, out, i + 1, min, mode, max)) out[i] = quantile(dist, u[i]!);
        return out;
      };
    }
    case "beta":
    case "pert": {
      const { a, b, min, max } = betaShape(dist);
      if (!(max > min)) break;
      return betaSampler(betaTable(a, b), min, max, dist);
    }
  }
  return (u, out) => sampleInto(dist, u, out);
}

// The hot loops are top-level functions of plain numbers (a closure's captured constants are
// reloaded from its context per value once several samplers share the optimised code), and
// they stop at the first uniform outside (0, 1), which the caller hands to `quantile` (a call
// inside the loop, even one never taken, slows it by half).

/** uniform: out[i] = Math.min(max, min + width u[i]) from `start` up to the first u[i] outside (0, 1); returns that i (or the length). */
function uniformRun(u: Float64Array, out: Float64Array, start: number, min: number, max: number, width: number): number {
  const n = u.length;
  let i = start;
  for (; i < n; i++) {
    const x = u[i]!;
    if (!(x > 0 && x < 1)) break;
    out[i] = Math.min(max, min + width * x);
  }
  return i;
}

/** triangular (width > 0), as `uniformRun`: the same expressions as triangularQuantile in distributions.ts. */
function triangularRun(u: Float64Array, out: Float64Array, start: number, min: number, mode: number, max: number): number {
  const n = u.length, width = max - min, split = (mode - min) / width, left = mode - min, right = max - mode;
  let i = start;
  for (; i < n; i++) {
    const x = u[i]!;
    if (!(x > 0 && x < 1)) break;
    out[i] = x < split ? Math.min(mode, min + Math.sqrt(x * width * left)) : Math.max(mode, max - Math.sqrt((1 - x) * width * right));
  }
  return i;
}


function betaSampler(table: BetaTable, min: number, max: number, dist: DistributionSpec): Sampler {
  return (u, out) => {
    // First the grid (inlined BetaTable.quantile), noting the rest; then the rest.
    const rest = betaBody(u, out, table.grid, table.gridLo, table.gridHi, min, max);
    for (let r = 0; r < rest; r++) {
      const v = scratchValues[r]!, x = table.quantile(v);
      out[scratchIndex[r]!] = x !== x ? quantile(dist, v) : Math.min(max, min + (max - min) * x);
    }
    return out;
  };
}

/** The grid part of `betaSampler`: values with lo <= u[i] < hi; the others are listed in the scratch arrays, and counted. */
function betaBody(u: Float64Array, out: Float64Array, grid: Float64Array, lo: number, hi: number, min: number, max: number): number {
  const n = u.length, width = max - min;
  if (scratchIndex.length < n) { scratchIndex = new Int32Array(n); scratchValues = new Float64Array(n); }
  const index = scratchIndex, values = scratchValues;
  let rest = 0;
  for (let i = 0; i < n; i++) {
    const v = u[i]!;
    if (v >= lo && v < hi) {
      const w = v * GRID, j = w | 0, t = w - j, k = 4 * j;
      out[i] = Math.min(max, min + width * (grid[k]! + t * (grid[k + 1]! + t * (grid[k + 2]! + t * grid[k + 3]!))));
    } else {
      index[rest] = i;
      values[rest++] = v;
    }
  }
  return rest;
}

/** Scratch for `betaBody`: positions and uniforms outside the body. */
let scratchIndex = new Int32Array(0);
let scratchValues = new Float64Array(0);

/** Tables are pure functions of (a, b): the most recently used ones are kept for re-runs of a plan. */
const TABLE_CACHE_SIZE = 64;
const tableCache = new Map<string, BetaTable>();

/** The (cached) `BetaTable` for beta(a, b). */
export function betaTable(a: number, b: number): BetaTable {
  const key = `${a} ${b}`;
  let table = tableCache.get(key);
  if (table !== undefined) {
    tableCache.delete(key); // most recently used last
  } else {
    table = new BetaTable(a, b);
    if (tableCache.size >= TABLE_CACHE_SIZE) tableCache.delete(tableCache.keys().next().value!);
  }
  tableCache.set(key, table);
  return table;
}

const BODY_KNOTS = 1024;
const TAIL_STEPS_PER_OCTAVE = 12;
/** Per knot: u_i, x_i, then d1, d2, d3 of its interval: x = x_i + s (d1 + s (d2 + s d3)) with s = u - u_i. */
const STRIDE = 5;
/** Guide cells on [0, 1]: eight per body interval, so the search after the guide rarely steps. */
const GUIDE = 8192;
/** The body, where `quantile` takes the guide: both tail probabilities at least this (99.8% of the mass). */
const BODY_TAIL = 1 / 1024;
/**
 * The grid: cubics on [j / GRID, (j + 1) / GRID] through x at u = j / GRID exactly, for the
 * central run of intervals where that is accurate to GRID_TOLERANCE (estimated from the same
 * interpolation over twice the step: the error scales as the step^4).
 */
const GRID = 1024;
const GRID_TOLERANCE = 1e-9;

/**
 * Tabulated inverse of the standard beta(a, b) CDF on (0, 1). Below probability 1/2 knots are
 * located and interpolated by their lower tail P = F(x); above it by their upper tail
 * Q = 1 - F(x), computed directly (not as 1 - P), so probabilities near 1 keep their precision.
 *
 * Each interval's cubic is stored as a polynomial in s, the distance in probability from its
 * left knot, after the knot's u_i and x_i (`coef`, `STRIDE` numbers per knot, one cache line or
 * two per lookup). In the body [lo, hi) a value is `guide[u GUIDE]` (the interval's offset), a
 * step forwards in about 7% of cases, and a Horner cubic in s = u - u_i; there u_i of a knot
 * above 1/2 is 1 - Q, whose rounding (1e-16 in u) moves x by under 1e-16 / f(x), far below the
 * table error where both tails exceed 1/1024. The tails beyond use P or Q exactly, by bisection.
 */
export class BetaTable {
  /** `STRIDE` numbers per knot: u_i, x_i, d1, d2, d3 (the last knot's cubic is unused). */
  readonly coef: Float64Array;
  /** guide[g] = offset in `coef` of the last body interval whose knot has u_i <= g / GUIDE (or the first). */
  readonly guide: Int32Array;
  /** The body: `lo <= u < hi` takes the guide (lo > hi when the table has no body). */
  readonly lo: number;
  readonly hi: number;
  /** Grid cubic per interval j: x = c0 + t (c1 + t (c2 + t c3)) with t = u GRID - j, at 4 j .. 4 j + 3. */
  readonly grid: Float64Array;
  /** `gridLo <= u < gridHi` (inside the body) takes the grid: no search at all. */
  readonly gridLo: number;
  readonly gridHi: number;
  private readonly P: Float64Array;
  private readonly Q: Float64Array;
  private readonly exact: IncompleteBeta;

  constructor(a: number, b: number) {
    const ib = new IncompleteBeta(a, b);
    this.exact = ib;
    const lnB = logBeta(a, b);
    // The steps are top-level functions of plain arguments, not closures made per table: a
    // fresh process builds a dozen tables while the code is still cold, and closures would be
    // new functions for every table (optimised again each time, and deoptimising the caller).
    const { X, P, Q, D } = walkKnots(ib, a, b, lnB);
    const n = X.length;
    this.P = P;
    this.Q = Q;
    const coef = this.coef = knotCubics(X, P, Q, D);
    // The body: knots with both tails >= BODY_TAIL, intervals first .. last - 1.
    let first = 0, last = n - 1;
    while (first < n && P[first]! < BODY_TAIL) first++;
    while (last >= 0 && Q[last]! < BODY_TAIL) last--;
    this.guide = new Int32Array(GUIDE);
    if (first < last) {
      this.lo = coef[first * STRIDE]!;
      this.hi = coef[last * STRIDE]!;
      fillGuide(this.guide, coef, first, last);
    } else {
      this.lo = 1;
      this.hi = 0;
    }

    // The grid: x_j from the table and one Newton step on the exact CDF (its complement above
    // 1/2); then the run around 1/2 where the cubics are accurate.
    const grid = this.grid = new Float64Array(4 * GRID);
    const xs = new Float64Array(GRID + 1), ds = new Float64Array(GRID + 1);
    const ok = this.lo < this.hi && gridKnots(this, ib, a, b, lnB, xs, ds);
    if (ok) gridCubics(grid, xs, ds);
    let from = GRID / 2, to = GRID / 2;
    if (ok && accurate(xs, ds, from)) {
      while (accurate(xs, ds, from - 1)) from--;
      while (accurate(xs, ds, to + 1)) to++;
    }
    this.gridLo = Math.max(from / GRID, this.lo);
    this.gridHi = Math.min(to / GRID, this.hi);
    if (!(this.gridLo < this.gridHi)) { this.gridLo = 1; this.gridHi = 0; }
  }

  /** x with I_x(a, b) ~= u (the exact inverse beyond the outermost knots; NaN outside [0, 1]). */
  quantile(u: number): number {
    if (u >= this.gridLo && u < this.gridHi) {
      // The grid (compileSampler inlines this).
      const w = u * GRID, j = w | 0, t = w - j, k = 4 * j, g = this.grid;
      return g[k]! + t * (g[k + 1]! + t * (g[k + 2]! + t * g[k + 3]!));
    }
    const c = this.coef;
    if (u >= this.lo && u < this.hi) {
      let k = this.guide[(u * GUIDE) | 0]!;
      while (u >= c[k + STRIDE]!) k += STRIDE;
      const s = u - c[k]!;
      return c[k + 1]! + s * (c[k + 2]! + s * (c[k + 3]! + s * c[k + 4]!));
    }
    const P = this.P, Q = this.Q;
    const n = P.length;
    if (!(n > 1 && u >= P[0]! && 1 - u > Q[n - 1]!)) return u >= 0 && u <= 1 ? this.exact.inverse(u) : NaN;
    // Bisect for P[i] <= u < P[i + 1] below 1/2, for Q[i] >= 1 - u > Q[i + 1] above it
    // (Q decreases; 1 - u is exact there).
    const q = 1 - u;
    let i = 0, j = n - 1;
    while (j - i > 1) {
      const m = (i + j) >>> 1;
      if (u < 0.5 ? P[m]! <= u : Q[m]! >= q) i = m; else j = m;
    }
    const lower = P[i]! < 0.5;
    const h = lower ? P[i + 1]! - P[i]! : Q[i]! - Q[i + 1]!;
    let s = lower ? u - P[i]! : Q[i]! - q;
    if (s < 0) s = 0; else if (s > h) s = h;
    const k = i * STRIDE;
    return c[k + 1]! + s * (c[k + 2]! + s * (c[k + 3]! + s * c[k + 4]!));
  }
}

/** The beta(a, b) density at x in (0, 1), with lnB = ln B(a, b). */
function betaDensity(a: number, b: number, lnB: number, x: number): number {
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnB);
}

let knotTargets: Float64Array | undefined;
/**
 * The probabilities the knots aim at, ascending (the same for every shape): uniform in the body,
 * geometric towards both ends.
 */
function targetProbabilities(): Float64Array {
  if (knotTargets === undefined) {
    const targets: number[] = [];
    for (let i = 1; i < BODY_KNOTS; i++) targets.push(i / BODY_KNOTS);
    for (let j = 1; ; j++) {
      const p = 0.5 * Math.pow(2, -j / TAIL_STEPS_PER_OCTAVE);
      if (p < 1e-17) break;
      targets.push(p, 1 - p);
    }
    knotTargets = Float64Array.from(targets.sort((p, q) => p - q));
  }
  return knotTargets;
}

/** `IncompleteBeta.tailsInto`'s output while a table is built. */
const tailsOut = new Float64Array(2);

/** Knots of a table (see `walkKnots`): x, both tails and the density at each. */
interface Knots { X: Float64Array; P: Float64Array; Q: Float64Array; D: Float64Array; n: number }

/**
 * Appends x to the knots when its tails and density are usable and it lies beyond the last knot
 * (in x, and in the tail that is accurate there); returns whether it did.
 */
function acceptKnot(k: Knots, ib: IncompleteBeta, a: number, b: number, lnB: number, x: number): boolean {
  if (!(x > 0 && x < 1)) return false;
  const pq = ib.tailsInto(x, tailsOut), p = pq[0]!, q = pq[1]!, d = betaDensity(a, b, lnB, x);
  if (!(d > 0) || !Number.isFinite(d)) return false;
  const n = k.n;
  if (n > 0 && !(x > k.X[n - 1]! && (p < 0.5 ? p > k.P[n - 1]! : q < k.Q[n - 1]!))) return false;
  k.X[n] = x; k.P[n] = p; k.Q[n] = q; k.D[n] = d;
  k.n = n + 1;
  return true;
}

/**
 * Knots spaced uniformly in probability in the body and geometrically towards both ends.
 * They are found by walking: a Newton step from the last knot towards the next target
 * probability, then the exact tails at the point reached (one evaluation per knot; the exact
 * inverse only to start and when a step leaves (0, 1)). Where a knot lands exactly does not
 * matter for accuracy, only that its tail values are exact.
 */
function walkKnots(ib: IncompleteBeta, a: number, b: number, lnB: number): { X: Float64Array; P: Float64Array; Q: Float64Array; D: Float64Array } {
  const targets = targetProbabilities(), m = targets.length;
  const k: Knots = { X: new Float64Array(m + 1), P: new Float64Array(m + 1), Q: new Float64Array(m + 1), D: new Float64Array(m + 1), n: 0 };
  acceptKnot(k, ib, a, b, lnB, ib.inverse(targets[0]!));
  for (let i = 0; i < m; i++) {
    const t = targets[i]!, n = k.n;
    if (t >= 1 || n === 0) continue;
    const x = k.X[n - 1]!, p = k.P[n - 1]!, q = k.Q[n - 1]!;
    const gap = t < 0.5 ? t - p : q - (1 - t);
    if (!(gap > 0)) continue;
    let next = x + gap / k.D[n - 1]!;
    if (!(next > x && next < 1)) next = ib.inverse(t);
    acceptKnot(k, ib, a, b, lnB, next);
  }
  return { X: k.X.slice(0, k.n), P: k.P.slice(0, k.n), Q: k.Q.slice(0, k.n), D: k.D.slice(0, k.n) };
}

/** `BetaTable.coef` from the knots: u_i, x_i and the cubic of each interval. */
function knotCubics(X: Float64Array, P: Float64Array, Q: Float64Array, D: Float64Array): Float64Array {
  const n = X.length;
  const coef = new Float64Array(n * STRIDE);
  for (let i = 0; i < n; i++) {
    const k = i * STRIDE;
    coef[k] = P[i]! < 0.5 ? P[i]! : 1 - Q[i]!;
    coef[k + 1] = X[i]!;
    if (i + 1 === n) break;
    // Cubic Hermite with the exact slopes dx/du = 1 / f (in the basis of the interval's tail).
    const h = P[i]! < 0.5 ? P[i + 1]! - P[i]! : Q[i]! - Q[i + 1]!;
    const c = hermite(X[i + 1]! - X[i]!, h / D[i]!, h / D[i + 1]!);
    coef[k + 2] = c[0]! / h;
    coef[k + 3] = c[1]! / (h * h);
    coef[k + 4] = c[2]! / (h * h * h);
  }
  return coef;
}

/** `BetaTable.guide` for the body intervals first .. last - 1. */
function fillGuide(guide: Int32Array, coef: Float64Array, first: number, last: number): void {
  for (let g = 0, k = first; g < GUIDE; g++) {
    while (k + 1 < last && coef[(k + 1) * STRIDE]! <= g / GUIDE) k++;
    guide[g] = k * STRIDE;
  }
}

/**
 * The grid's knots x_j (u = j / GRID) and densities, into xs and ds: the table's quantile and one
 * Newton step on the exact CDF (its complement above 1/2). Returns false at the first knot that
 * is unusable (the grid is then not used).
 */
function gridKnots(table: BetaTable, ib: IncompleteBeta, a: number, b: number, lnB: number, xs: Float64Array, ds: Float64Array): boolean {
  let ok = true;
  for (let j = 1; j < GRID && ok; j++) {
    const u = j / GRID, x0 = table.quantile(u);
    let x = x0;
    if (x0 > 0 && x0 < 1) {
      const d0 = betaDensity(a, b, lnB, x0);
      // cdf(x0) below 1/2, complement(x0) above (`tailsInto` gives both, bit for bit).
      const pq = ib.tailsInto(x0, tailsOut);
      x = j <= GRID / 2 ? x0 - (pq[0]! - u) / d0 : x0 + (pq[1]! - (1 - u)) / d0;
      if (!(x > 0 && x < 1 && Math.abs(x - x0) <= 1e-6)) x = x0;
    }
    const d = betaDensity(a, b, lnB, x);
    ok = x > 0 && x < 1 && (j === 1 || x > xs[j - 1]!) && d > 0 && Number.isFinite(d);
    xs[j] = x;
    ds[j] = d;
  }
  return ok;
}

/** The grid's cubic from knot j to knot j + step: its c1, c2, c3 in t = (u - u_j) GRID / step. */
function gridCubic(xs: Float64Array, ds: Float64Array, j: number, step: number): Float64Array {
  const h = step / GRID;
  return hermite(xs[j + step]! - xs[j]!, h / ds[j]!, h / ds[j + step]!);
}

/** `BetaTable.grid`: the cubic of each interval j, x = c0 + t (c1 + t (c2 + t c3)), at 4 j .. 4 j + 3. */
function gridCubics(grid: Float64Array, xs: Float64Array, ds: Float64Array): void {
  for (let j = 1; j + 1 < GRID; j++) {
    const c = gridCubic(xs, ds, j, 1);
    grid[4 * j] = xs[j]!;
    grid[4 * j + 1] = c[0]!;
    grid[4 * j + 2] = c[1]!;
    grid[4 * j + 3] = c[2]!;
  }
}

/** Whether the grid is accurate at knot j: the cubic over [j - 1, j + 1] at its middle against x_j, / 16. */
function accurate(xs: Float64Array, ds: Float64Array, j: number): boolean {
  if (j < 2 || j > GRID - 2) return false;
  const c = gridCubic(xs, ds, j - 1, 2);
  return Math.abs(xs[j - 1]! + 0.5 * (c[0]! + 0.5 * (c[1]! + 0.5 * c[2]!)) - xs[j]!) / 16 <= GRID_TOLERANCE;
}

/** `hermite`'s result, overwritten by each call (no array, and no destructuring, per call: both are slow in code not yet optimised, which is all of it while a fresh process builds its first tables). */
const hermiteOut = new Float64Array(3);

/**
 * Cubic Hermite on [0, 1] from 0 to dx with end slopes ml, mr (dx per unit of t), limited as in
 * Fritsch-Carlson (ml, mr inside the circle of radius 3 dx) so it is monotone: the coefficients
 * c1, c2, c3 of x(t) - x(0) = c1 t + c2 t^2 + c3 t^3, in `hermiteOut` (returned; the next call overwrites it).
 */
function hermite(dx: number, ml: number, mr: number): Float64Array {
  const al = ml / dx, ar = mr / dx, r = al * al + ar * ar;
  if (r > 9) { const tau = 3 / Math.sqrt(r); ml *= tau; mr *= tau; }
  const c = hermiteOut;
  c[0] = ml;
  c[1] = 3 * dx - 2 * ml - mr;
  c[2] = ml + mr - 2 * dx;
  return c;
}
