/**
 * Gaussian-process regression for EVPPI of larger groups of parameters, as Strong, Oakley and
 * Brennan (2014, section 2.3) recommend when a group has more than a few parameters: the
 * target y (standardised) is a Gaussian process over the inputs (on the probability scale) with
 * a constant mean, a squared-exponential covariance with one length scale per input
 * (automatic relevance determination) and a noise term for what the other parameters add;
 * the hyperparameters maximise the log marginal likelihood (Rasmussen and Williams 2006,
 * "Gaussian Processes for Machine Learning", algorithm 2.1 and section 5.4.1), by BFGS with
 * analytic gradients from fixed starting values, so the fit is deterministic. The process is
 * fitted on the first `m` samples (a random subset: the samples are independent draws; its
 * hyperparameters on the first 250 of them), and its posterior mean is evaluated at every sample.
 */
import { cholesky, mean } from "./linalg.ts";

const LOG_2PI = Math.log(2 * Math.PI);
/** Samples the hyperparameters are estimated on. */
const OPTIMISE_SAMPLES = 250;

export function fitGaussianProcess(u: readonly Float64Array[], targets: readonly Float64Array[], m: number): { fitted: Float64Array[]; edf: number[] } {
  const g = u.length, n = u[0]!.length;
  // Squared differences per input on the subsample, shared by every target.
  const X = Array.from({ length: m }, (_, i) => Float64Array.from(u, (col) => col[i]!));
  const D2 = u.map((col) => {
    const d = new Float64Array(m * m);
    for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) { const v = (col[a]! - col[b]!) ** 2; d[a * m + b] = v; d[b * m + a] = v; }
    return d;
  });
  // The hyperparameters are estimated on the first `mOpt` of them (each likelihood evaluation costs mOpt^3).
  const mOpt = Math.min(m, OPTIMISE_SAMPLES);
  const D2opt = mOpt === m ? D2 : D2.map((d) => { const o = new Float64Array(mOpt * mOpt); for (let a = 0; a < mOpt; a++) o.set(d.subarray(a * m, a * m + mOpt), a * mOpt); return o; });
  const fitted: Float64Array[] = [], edf: number[] = [];
  for (const y of targets) {
    const mu = mean(y);
    let sd = 0;
    for (let i = 0; i < m; i++) sd += (y[i]! - mu) ** 2;
    sd = Math.sqrt(sd / Math.max(m - 1, 1));
    if (!(sd > 0)) { fitted.push(new Float64Array(n).fill(mu)); edf.push(1); continue; }
    const z = Float64Array.from({ length: m }, (_, i) => (y[i]! - mu) / sd);
    const zOpt = z.subarray(0, mOpt);
    const theta = clamp(optimise((t, grad) => nll(t, zOpt, D2opt, mOpt, g, grad), [...new Array<number>(g).fill(Math.log(0.5)), 0, Math.log(0.05)]), g);
    const { alpha, trInv, tau2 } = posterior(theta, z, D2, m, g);
    const ell2 = theta.slice(0, g).map((t) => Math.exp(2 * t)), s2 = Math.exp(theta[g]!);
    const f = new Float64Array(n);
    const x = new Float64Array(g);
    let fm = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < g; j++) x[j] = u[j]![i]!;
      let v = 0;
      for (let a = 0; a < m; a++) {
        const xa = X[a]!;
        let q = 0;
        for (let j = 0; j < g; j++) q += (x[j]! - xa[j]!) ** 2 / ell2[j]!;
        v += alpha[a]! * s2 * Math.exp(-q);
      }
      f[i] = v;
      fm += v;
    }
    fm /= n;
    for (let i = 0; i < n; i++) f[i] = mu + sd * (f[i]! - fm);
    fitted.push(f);
    // Effective degrees of freedom of the smoother on the subsample: tr(Kf (Kf + tau2 I)^-1) = m - tau2 tr(K^-1).
    edf.push(m - tau2 * trInv);
  }
  return { fitted, edf };
}

/** Bounds of the log hyperparameters (length scales on the probability scale, signal and noise variance of the standardised target). */
function clamp(theta: readonly number[], g: number): number[] {
  return theta.map((t, j) => (j < g ? Math.min(Math.max(t, Math.log(0.02)), Math.log(50)) : j === g ? Math.min(Math.max(t, Math.log(1e-3)), Math.log(100)) : Math.min(Math.max(t, Math.log(1e-7)), Math.log(10))));
}

function covariance(theta: readonly number[], D2: readonly Float64Array[], m: number, g: number): { K: Float64Array; Kf: Float64Array; tau2: number } {
  const inv = theta.slice(0, g).map((t) => Math.exp(-2 * t)), s2 = Math.exp(theta[g]!), tau2 = Math.exp(theta[g + 1]!);
  const Kf = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    Kf[a * m + a] = s2;
    for (let b = 0; b < a; b++) {
      let q = 0;
      for (let j = 0; j < g; j++) q += D2[j]![a * m + b]! * inv[j]!;
      const v = s2 * Math.exp(-q);
      Kf[a * m + b] = v;
      Kf[b * m + a] = v;
    }
  }
  const K = Kf.slice();
  for (let a = 0; a < m; a++) K[a * m + a] = K[a * m + a]! + tau2 + 1e-8 * s2;
  return { K, Kf, tau2 };
}

/** Solves L L' x = b. */
function cholSolve(L: Float64Array, b: Float64Array, m: number): Float64Array {
  const y = new Float64Array(m);
  for (let r = 0; r < m; r++) { let s = b[r]!; for (let x = 0; x < r; x++) s -= L[r * m + x]! * y[x]!; y[r] = s / L[r * m + r]!; }
  const x = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) { let s = y[r]!; for (let c = r + 1; c < m; c++) s -= L[c * m + r]! * x[c]!; x[r] = s / L[r * m + r]!; }
  return x;
}

/** K^-1 from its Cholesky factor: the columns of L^-1 by forward substitution (rows of `T`), then T T'. */
function cholInverse(L: Float64Array, m: number): Float64Array {
  const T = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    const o = c * m;
    T[o + c] = 1 / L[c * m + c]!;
    for (let r = c + 1; r < m; r++) {
      let s = 0;
      const lr = r * m;
      for (let x = c; x < r; x++) s -= L[lr + x]! * T[o + x]!;
      T[o + r] = s / L[lr + r]!;
    }
  }
  const out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = 0; b <= a; b++) {
    let s = 0;
    const oa = a * m, ob = b * m;
    for (let x = a; x < m; x++) s += T[oa + x]! * T[ob + x]!;
    out[a * m + b] = s;
    out[b * m + a] = s;
  }
  return out;
}

/** Negative log marginal likelihood and its gradient in the (clamped) log hyperparameters. */
function nll(raw: readonly number[], z: Float64Array, D2: readonly Float64Array[], m: number, g: number, withGradient: boolean): { value: number; grad: number[] } {
  const theta = clamp(raw, g);
  const { K, Kf, tau2 } = covariance(theta, D2, m, g);
  let L: Float64Array;
  try { L = cholesky(K, m); } catch { return { value: Infinity, grad: raw.map(() => 0) }; }
  const alpha = cholSolve(L, z, m);
  let logDet = 0, quad = 0;
  for (let a = 0; a < m; a++) { logDet += Math.log(L[a * m + a]!); quad += z[a]! * alpha[a]!; }
  const value = 0.5 * quad + logDet + 0.5 * m * LOG_2PI;
  if (!withGradient) return { value, grad: [] };
  const Kinv = cholInverse(L, m);
  // dNLL/dtheta = 0.5 tr((K^-1 - alpha alpha') dK/dtheta).
  const grad = new Array<number>(g + 2).fill(0);
  const inv = theta.slice(0, g).map((t) => Math.exp(-2 * t));
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const w = Kinv[a * m + b]! - alpha[a]! * alpha[b]!;
      const kf = Kf[a * m + b]!;
      grad[g] = grad[g]! + 0.5 * w * kf;
      if (a === b) { grad[g + 1] = grad[g + 1]! + 0.5 * w * tau2; continue; }
      for (let j = 0; j < g; j++) grad[j] = grad[j]! + w * kf * D2[j]![a * m + b]! * inv[j]!;
    }
  }
  // Outside the bounds the objective is flat: no gradient pushing further out.
  for (let j = 0; j < g + 2; j++) if (theta[j] !== raw[j]) grad[j] = 0;
  return { value, grad };
}

function posterior(theta: readonly number[], z: Float64Array, D2: readonly Float64Array[], m: number, g: number): { alpha: Float64Array; trInv: number; tau2: number } {
  const { K, tau2 } = covariance(theta, D2, m, g);
  const L = cholesky(K, m);
  const Kinv = cholInverse(L, m);
  let trInv = 0;
  for (let a = 0; a < m; a++) trInv += Kinv[a * m + a]!;
  return { alpha: cholSolve(L, z, m), trInv, tau2 };
}

/**
 * BFGS with a backtracking (Armijo) line search, from `start`, for at most `maxIter` steps:
 * plain, deterministic and enough for a dozen hyperparameters. Returns the clamped optimum.
 */
export function optimise(f: (x: number[], withGradient: boolean) => { value: number; grad: number[] }, start: number[], maxIter = 60): number[] {
  const d = start.length;
  let x = start.slice(), fx = f(x, true);
  if (!Number.isFinite(fx.value)) return x;
  let H: number[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  for (let it = 0; it < maxIter; it++) {
    const gnorm = Math.sqrt(fx.grad.reduce((s, v) => s + v * v, 0));
    if (gnorm < 1e-5) break;
    let p = H.map((row) => -row.reduce((s, v, j) => s + v * fx.grad[j]!, 0));
    let slope = p.reduce((s, v, j) => s + v * fx.grad[j]!, 0);
    if (!(slope < 0)) { H = H.map((row, i) => row.map((_, j) => (i === j ? 1 : 0))); p = fx.grad.map((v) => -v); slope = -gnorm * gnorm; }
    // Steps of at most 2 in any log hyperparameter.
    const big = Math.max(...p.map(Math.abs));
    let step = big > 2 ? 2 / big : 1;
    let next = x, fn = fx;
    for (let k = 0; k < 30; k++) {
      next = x.map((v, j) => v + step * p[j]!);
      fn = f(next, false);
      if (fn.value <= fx.value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fn.value < fx.value)) break;
    fn = f(next, true);
    const s = next.map((v, j) => v - x[j]!), yv = fn.grad.map((v, j) => v - fx.grad[j]!);
    const sy = s.reduce((acc, v, j) => acc + v * yv[j]!, 0);
    if (sy > 1e-12) {
      const Hy = H.map((row) => row.reduce((acc, v, j) => acc + v * yv[j]!, 0));
      const yHy = yv.reduce((acc, v, j) => acc + v * Hy[j]!, 0);
      H = H.map((row, i) => row.map((v, j) => v + ((sy + yHy) * s[i]! * s[j]!) / (sy * sy) - (Hy[i]! * s[j]! + s[i]! * Hy[j]!) / sy));
    }
    const improvement = fx.value - fn.value;
    x = next;
    fx = fn;
    if (improvement < 1e-7 * (1 + Math.abs(fx.value))) break;
  }
  return x;
}
