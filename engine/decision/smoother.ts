/**
 * Nonparametric regression of simulated outputs on some of the inputs: the conditional
 * expectation E[y | inputs] that EVPPI needs (Strong, Oakley and Brennan 2014, "Estimating
 * multiparameter partial expected value of perfect information from a probabilistic
 * sensitivity analysis sample: a nonparametric regression approach", Medical Decision Making
 * 34(3):311-326). Three estimators, chosen by the inputs:
 *
 * - **cells** (discrete inputs): when the inputs take few distinct combinations (every cell
 *   holding at least `MIN_CELL` samples on average), the mean of y in each cell: the exact
 *   nonparametric estimate for discrete inputs.
 * - **P-splines** (one to three inputs): a generalised additive model with one smooth, a
 *   tensor product of cubic B-splines on equally spaced knots (Eilers and Marx 1996,
 *   "Flexible smoothing with B-splines and penalties", Statistical Science 11(2):89-121;
 *   tensor products as in Wood 2006, "Low-rank scale-invariant tensor product smooths for
 *   generalized additive mixed models", Biometrics 62:1025-1036) with a second-order difference
 *   penalty on each margin, the smoothing parameter chosen by generalised cross-validation
 *   (Craven and Wahba 1979). Inputs enter on the probability scale (their mid-ranks / n), so
 *   the knots follow the data and one smoothing parameter serves every margin. The fit is
 *   computed in the Demmler-Reinsch basis (one eigendecomposition per set of inputs), so every
 *   target and every trial smoothing parameter costs O(K) after that.
 * - **Gaussian process** (four inputs or more): see gp.ts (Strong et al. 2014, section 2.3).
 *
 * Every estimator keeps the mean: the fitted values average to the mean of y (B-splines sum
 * to one and the penalty leaves constants alone; cell means; the GP's constant is estimated
 * by the sample mean), which makes EVPPI >= 0 by Jensen's inequality.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { fitGaussianProcess } from "./gp.ts";
import { cholesky, invertLower, mean, multiply } from "./linalg.ts";

export type SmootherMethod = "cells" | "p-spline" | "gaussian-process";

export interface RegressionFit {
  method: SmootherMethod;
  /** Fitted values E[y | inputs] at every sample, one array per target. */
  fitted: Float64Array[];
  /** Effective degrees of freedom of each target's fit (cells: the number of cells). */
  edf: number[];
}

export interface RegressionOptions {
  /** Largest group fitted by tensor-product P-splines (default 3); larger groups use a Gaussian process. */
  maxSplineGroup?: number;
  /** Samples the Gaussian process is fitted on (default 600): the first ones, which are a random subset. */
  gpSamples?: number;
}

/** Samples per cell, on average, for the cell-means estimator. */
export const MIN_CELL = 20;

/** Basis functions per margin of a tensor-product P-spline, by the number of inputs. */
const BASIS_PER_MARGIN = [0, 22, 12, 7];

/** Regresses every target on the inputs (columns of equal length). */
export function regress(inputs: readonly Float64Array[], targets: readonly Float64Array[], options: RegressionOptions = {}): RegressionFit {
  const n = targets[0]?.length ?? inputs[0]?.length ?? 0;
  if (inputs.length === 0) {
    // Nothing learnt: the fitted value is the mean.
    return { method: "cells", fitted: targets.map((y) => new Float64Array(n).fill(mean(y))), edf: targets.map(() => 1) };
  }
  const cells = cellIndex(inputs, Math.floor(n / MIN_CELL));
  if (cells !== null) return { method: "cells", fitted: targets.map((y) => cellMeans(cells.index, cells.count, y)), edf: targets.map(() => cells.count) };
  const u = inputs.map(probabilityScale);
  if (inputs.length <= (options.maxSplineGroup ?? 3)) return pSplines(u, targets);
  const m = Math.min(n, options.gpSamples ?? 600);
  return { method: "gaussian-process", ...fitGaussianProcess(u, targets, m) };
}

/** The cell of every sample when the inputs take at most `maxCells` distinct combinations; else null. */
function cellIndex(inputs: readonly Float64Array[], maxCells: number): { index: Int32Array; count: number } | null {
  const n = inputs[0]!.length;
  const index = new Int32Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    let key = "";
    for (const col of inputs) key += col[i]! + "|";
    let c = seen.get(key);
    if (c === undefined) {
      if (seen.size >= maxCells) return null;
      c = seen.size;
      seen.set(key, c);
    }
    index[i] = c;
  }
  return { index, count: seen.size };
}

function cellMeans(index: Int32Array, count: number, y: Float64Array): Float64Array {
  const sum = new Float64Array(count), num = new Float64Array(count);
  for (let i = 0; i < y.length; i++) { sum[index[i]!] = sum[index[i]!]! + y[i]!; num[index[i]!] = num[index[i]!]! + 1; }
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = sum[index[i]!]! / num[index[i]!]!;
  return out;
}

/** (mid-rank - 0.5) / n: the input on the probability scale, ties sharing their mean rank. */
export function probabilityScale(x: Float64Array): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const out = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]!] === x[order[i]!]) j++;
    const r = (i + j) / 2 + 0.5;
    for (let k = i; k <= j; k++) out[order[k]!] = r / n;
    i = j + 1;
  }
  return out;
}

/** The four non-zero uniform cubic B-splines at u in [0, 1] with `segments` segments: first index and values. */
function cubicBasis(u: number, segments: number, vals: Float64Array): number {
  const x = Math.min(Math.max(u, 0), 1) * segments;
  const j = Math.min(Math.floor(x), segments - 1);
  const t = x - j, s = 1 - t;
  vals[0] = (s * s * s) / 6;
  vals[1] = (3 * t * t * t - 6 * t * t + 4) / 6;
  vals[2] = (-3 * t * t * t + 3 * t * t + 3 * t + 1) / 6;
  vals[3] = (t * t * t) / 6;
  return j;
}

/** D'D for second-order differences of k coefficients. */
function differencePenalty(k: number): Float64Array {
  const P = new Float64Array(k * k);
  for (let r = 0; r + 2 < k; r++) {
    const d = [1, -2, 1];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) P[(r + a) * k + (r + b)] = P[(r + a) * k + (r + b)]! + d[a]! * d[b]!;
  }
  return P;
}

/**
 * Tensor-product P-spline fits of every target, one smoothing parameter per target by GCV.
 * Exported for tests.
 */
export function pSplines(u: readonly Float64Array[], targets: readonly Float64Array[]): RegressionFit {
  const g = u.length, n = u[0]!.length;
  const k = BASIS_PER_MARGIN[g]!, segments = k - 3;
  const K = k ** g, nnz = 4 ** g;
  // The non-zero basis values of each sample: column index and value, nnz per sample.
  const cols = new Int32Array(n * nnz), vals = new Float64Array(n * nnz);
  const firsts = new Int32Array(g), margin = Array.from({ length: g }, () => new Float64Array(4));
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < g; m++) firsts[m] = cubicBasis(u[m]![i]!, segments, margin[m]!);
    for (let q = 0; q < nnz; q++) {
      let col = 0, v = 1, rest = q;
      for (let m = 0; m < g; m++) {
        const a = rest & 3;
        rest >>= 2;
        col = col * k + firsts[m]! + a;
        v *= margin[m]![a]!;
      }
      cols[i * nnz + q] = col;
      vals[i * nnz + q] = v;
    }
  }
  // G = B'B.
  const G = new Float64Array(K * K);
  for (let i = 0; i < n; i++) {
    const o = i * nnz;
    for (let a = 0; a < nnz; a++) {
      const ca = cols[o + a]! * K, va = vals[o + a]!;
      for (let b = 0; b < nnz; b++) G[ca + cols[o + b]!] = G[ca + cols[o + b]!]! + va * vals[o + b]!;
    }
  }
  // S = sum over margins of I x .. x D'D x .. x I.
  const S = new Float64Array(K * K);
  const P1 = differencePenalty(k);
  for (let m = 0; m < g; m++) {
    const stride = k ** (g - 1 - m);
    for (let r = 0; r < K; r++) {
      const ir = Math.floor(r / stride) % k;
      for (let jc = 0; jc < k; jc++) {
        const p = P1[ir * k + jc]!;
        if (p === 0) continue;
        const c = r + (jc - ir) * stride;
        S[r * K + c] = S[r * K + c]! + p;
      }
    }
  }
  // G + eps I = R'R (a tiny ridge keeps G positive definite when a basis function has no data).
  let trG = 0, trS = 0;
  for (let r = 0; r < K; r++) { trG += G[r * K + r]!; trS += S[r * K + r]!; }
  const eps = 1e-9 * (trG / K);
  for (let r = 0; r < K; r++) G[r * K + r] = G[r * K + r]! + eps;
  const L = cholesky(G, K);
  // M = L^{-1} S L^{-T} (R = L'), symmetric; M = U diag(s) U'.
  const Linv = invertLower(L, K);
  const T = multiply(Linv, S, K); // L^{-1} S
  const M = new Float64Array(K * K);
  for (let r = 0; r < K; r++) for (let c = 0; c <= r; c++) {
    let s = 0;
    for (let x = 0; x < K; x++) s += T[r * K + x]! * Linv[c * K + x]!;
    M[r * K + c] = s;
    M[c * K + r] = s;
  }
  const evd = new EigenvalueDecomposition(new Matrix(Array.from({ length: K }, (_, r) => Array.from(M.subarray(r * K, (r + 1) * K)))), { assumeSymmetric: true });
  const s = evd.realEigenvalues.map((x) => Math.max(0, x));
  const Um = evd.eigenvectorMatrix, U = new Float64Array(K * K);
  for (let r = 0; r < K; r++) for (let c = 0; c < K; c++) U[r * K + c] = Um.get(r, c);
  // W = L^{-T} U: coefficients beta = W (d o c), with c = U' L^{-1} B'y.
  const W = new Float64Array(K * K);
  for (let r = 0; r < K; r++) for (let c = 0; c < K; c++) {
    let acc = 0;
    for (let x = r; x < K; x++) acc += Linv[x * K + r]! * U[x * K + c]!;
    W[r * K + c] = acc;
  }
  const scale = trG / Math.max(trS, 1e-300);
  const fitted: Float64Array[] = [], edf: number[] = [];
  for (const y of targets) {
    const mu = mean(y);
    let yy = 0;
    const By = new Float64Array(K);
    for (let i = 0; i < n; i++) {
      const yc = y[i]! - mu;
      yy += yc * yc;
      const o = i * nnz;
      for (let a = 0; a < nnz; a++) By[cols[o + a]!] = By[cols[o + a]!]! + vals[o + a]! * yc;
    }
    // c = U' (L^{-1} By)
    const z = new Float64Array(K);
    for (let r = 0; r < K; r++) { let acc = 0; for (let x = 0; x <= r; x++) acc += Linv[r * K + x]! * By[x]!; z[r] = acc; }
    const c = new Float64Array(K);
    for (let col = 0; col < K; col++) { let acc = 0; for (let x = 0; x < K; x++) acc += U[x * K + col]! * z[x]!; c[col] = acc; }
    let best = { gcv: Infinity, lambda: 0, edf: 0 };
    for (let e = -10; e <= 6; e += 0.25) {
      const lambda = scale * 10 ** e;
      let df = 0, rss = yy;
      for (let j = 0; j < K; j++) {
        const d = 1 / (1 + lambda * s[j]!);
        df += d;
        rss += (d * d - 2 * d) * c[j]! * c[j]!;
      }
      const gcv = (n * Math.max(rss, 0)) / Math.max(n - df, 1) ** 2;
      if (gcv < best.gcv) best = { gcv, lambda, edf: df };
    }
    const beta = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      const dc = c[j]! / (1 + best.lambda * s[j]!);
      if (dc === 0) continue;
      for (let r = 0; r < K; r++) beta[r] = beta[r]! + W[r * K + j]! * dc;
    }
    const f = new Float64Array(n);
    let fm = 0;
    for (let i = 0; i < n; i++) {
      const o = i * nnz;
      let v = 0;
      for (let a = 0; a < nnz; a++) v += vals[o + a]! * beta[cols[o + a]!]!;
      f[i] = v;
      fm += v;
    }
    // Exactly mean-preserving (the ridge above moves the mean by a hair).
    fm /= n;
    for (let i = 0; i < n; i++) f[i] = f[i]! - fm + mu;
    fitted.push(f);
    edf.push(best.edf);
  }
  return { method: "p-spline", fitted, edf };
}
