/**
 * Correlation between uncertain inputs: validation of a user-supplied
 * correlation matrix, Iman-Conover rank-correlation induction, and Spearman's
 * rank correlation.
 *
 * Conventions
 * - Correlations are *rank* (Spearman) correlations: they survive any
 *   monotone transform, so they mean the same for a PERT cost and a lognormal
 *   duration, and Iman-Conover only reorders samples, leaving every marginal
 *   distribution exactly as sampled (including its Latin hypercube strata).
 * - A matrix is accepted when it is square, symmetric and has a unit diagonal
 *   (each up to MATRIX_TOLERANCE), entries in [-1, 1], and is positive
 *   semi-definite (Cholesky with zero pivots allowed up to PSD_TOLERANCE).
 *   Singular matrices such as perfect correlation 1 are allowed.
 * - Samples must be finite (NaN has no rank).
 * - Ties (discrete inputs with few values) attenuate the rank correlation
 *   that can be achieved: reordering cannot separate equal values.
 */

import { normalQuantile } from "./normal.ts";
import { joinPath, type Problem, type Result } from "./result.ts";
import type { Rng } from "./rng.ts";

/** Allowed asymmetry and deviation of the diagonal from 1. */
export const MATRIX_TOLERANCE = 1e-9;
/** Cholesky pivots in [-PSD_TOLERANCE, PSD_TOLERANCE] count as zero (semi-definite). */
export const PSD_TOLERANCE = 1e-9;

export type CorrelationMatrix = readonly (readonly number[])[];

/**
 * Lower-triangular L (row-major n x n) with L L^T = m, allowing zero pivots;
 * or the index of the row at which m turns out not to be positive semi-definite.
 */
function cholesky(m: CorrelationMatrix, n: number): Float64Array | number {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = m[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j * n + k]! * L[j * n + k]!;
    if (d < -PSD_TOLERANCE) return j;
    const pivot = d > PSD_TOLERANCE ? Math.sqrt(d) : 0;
    L[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let s = m[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (pivot > 0) L[i * n + j] = s / pivot;
      // Zero pivot: in a PSD matrix the rest of the column is zero too
      // (|s| <= sqrt(d_j d_i)), so anything bigger proves it is not PSD.
      else if (Math.abs(s) > Math.sqrt(PSD_TOLERANCE)) return j;
    }
  }
  return L;
}

/**
 * Checks that `input` is a valid correlation matrix and reports every problem,
 * with paths such as `correlation[1][2]`. The PSD check runs only when the
 * matrix is otherwise well formed (it is meaningless before).
 */
export function validateCorrelation(input: unknown, path = "correlation"): Result<number[][]> {
  const problems: Problem[] = [];
  const at = (...indices: number[]) => joinPath(path, indices);
  if (!Array.isArray(input)) {
    return { ok: false, problems: [{ path, message: "must be a square matrix: an array of rows of numbers" }] };
  }
  const n = input.length;
  const matrix: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: unknown = input[i];
    if (!Array.isArray(row)) {
      problems.push({ path: at(i), message: `must be a row of ${n} numbers` });
      matrix.push([]);
      continue;
    }
    if (row.length !== n) {
      problems.push({ path: at(i), message: `has ${row.length} entries but the matrix has ${n} rows; it must be square` });
    }
    const values: number[] = [];
    row.forEach((v: unknown, j) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        problems.push({ path: at(i, j), message: "must be a finite number" });
        values.push(NaN);
      } else {
        if (v < -1 || v > 1) problems.push({ path: at(i, j), message: `${v} is outside [-1, 1]` });
        values.push(v);
      }
    });
    matrix.push(values);
  }
  for (let i = 0; i < n; i++) {
    const d = matrix[i]![i];
    if (d !== undefined && Number.isFinite(d) && Math.abs(d - 1) > MATRIX_TOLERANCE) {
      problems.push({ path: at(i, i), message: `diagonal entries must be 1, got ${d}` });
    }
    for (let j = i + 1; j < n; j++) {
      const a = matrix[i]![j];
      const b = matrix[j]?.[i];
      if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) continue;
      if (Math.abs(a - b) > MATRIX_TOLERANCE) {
        problems.push({
          path: at(i, j),
          message: `${a} differs from ${joinPath(path, [j, i])} = ${b}; the matrix must be symmetric`,
        });
      }
    }
  }
  if (problems.length === 0) {
    const failedRow = cholesky(matrix, n);
    if (typeof failedRow === "number") {
      problems.push({
        path,
        message:
          `is not positive semi-definite (Cholesky fails at row ${failedRow}): ` +
          "no set of variables can have all these correlations at once; weaken the strongest ones",
      });
    }
  }
  return problems.length === 0 ? { ok: true, value: matrix } : { ok: false, problems };
}

/** Indices 0..n-1 sorted by `values`, ties by index (a total order, so the result is engine independent). */
function sortedOrder(values: Float64Array): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((i, j) => values[i]! - values[j]! || i - j);
}

/** Ranks 1..n, tied values sharing the average of their ranks (midranks). */
function ranks(values: Float64Array): Float64Array {
  const order = sortedOrder(values);
  const r = new Float64Array(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2; // average of ranks start+1 .. end
    for (let k = start; k < end; k++) r[order[k]!] = rank;
    start = end;
  }
  return r;
}

/** Pearson's product-moment correlation (two-pass); NaN if either input is constant or lengths differ. */
export function pearson(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n !== b.length || n < 2) return NaN;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return NaN;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/** Spearman's rank correlation: Pearson correlation of the midranks. */
export function spearman(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return NaN;
  return pearson(ranks(a), ranks(b));
}

/**
 * Iman-Conover (1982) rank-correlation induction. Returns new columns, each a
 * permutation of the corresponding input column, whose Spearman correlations
 * approximate `target` (a matrix that passed `validateCorrelation`, k x k for
 * k columns of equal length n). Deterministic given the rng state.
 *
 * Steps:
 * 1. Van der Waerden scores Phi^-1(i / (n + 1)), independently permuted per
 *    column with the rng: a score matrix S with near-independent columns.
 * 2. Remove S's accidental correlation E: with E = F F^T and the target
 *    C* = P P^T (Cholesky), T = S (P F^-1)^T has Pearson correlation exactly C*.
 *    (Decorrelating first is the common refinement of the original method; it
 *    removes the O(1/sqrt(n)) noise of step 1.)
 * 3. Reorder each input column so its ranks equal the ranks of T's column.
 *
 * C* is the target converted from Spearman to Pearson for normal scores,
 * C*_ij = 2 sin(pi C_ij / 6) (for a bivariate normal, Spearman = (6 / pi)
 * asin(Pearson / 2)); without this the rank correlation would be off by up to
 * ~0.018. If the converted matrix is not PSD (possible near the boundary), C
 * itself is used.
 *
 * Throws RangeError if the shapes do not match (a programming error).
 */
export function imanConover(columns: readonly Float64Array[], target: CorrelationMatrix, rng: Rng): Float64Array[] {
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0]!.length;
  if (target.length !== k || target.some((row) => row.length !== k)) {
    throw new RangeError(`imanConover: target must be ${k} x ${k} for ${k} columns`);
  }
  if (columns.some((c) => c.length !== n)) throw new RangeError("imanConover: columns differ in length");
  if (k < 2 || n < 2) return columns.map((c) => c.slice());

  // 1. Independently permuted normal scores.
  const scoreValues = new Float64Array(n);
  for (let i = 0; i < n; i++) scoreValues[i] = normalQuantile((i + 1) / (n + 1));
  const scores: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    const s = scoreValues.slice();
    for (let i = n - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      const t = s[i]!;
      s[i] = s[j]!;
      s[j] = t;
    }
    scores.push(s);
  }

  // 2. Target factor P and the scores' own correlation factor F.
  const converted = target.map((row, i) => row.map((r, j) => (i === j ? 1 : 2 * Math.sin((Math.PI * r) / 6))));
  let P = cholesky(converted, k);
  if (typeof P === "number") P = cholesky(target, k);
  if (typeof P === "number") throw new RangeError("imanConover: target is not positive semi-definite");
  const E: number[][] = [];
  for (let i = 0; i < k; i++) {
    E.push([]);
    for (let j = 0; j < k; j++) E[i]!.push(i === j ? 1 : pearson(scores[i]!, scores[j]!));
  }
  const F = cholesky(E, k);
  // M = P F^-1. If the scores are (numerically) collinear, e.g. n <= k, skip decorrelation.
  const M = typeof F === "number" || hasZeroDiagonal(F, k) ? P : multiplyByLowerInverse(P, F, k);

  // 3. Reorder each column by the ranks of T = S M^T.
  const t = new Float64Array(n);
  return columns.map((column, r) => {
    t.fill(0);
    for (let c = 0; c <= r; c++) {
      const w = M[r * k + c]!; // M is lower triangular (product of lower-triangular factors)
      if (w === 0) continue;
      const s = scores[c]!;
      for (let i = 0; i < n; i++) t[i] = t[i]! + w * s[i]!;
    }
    const sortedValues = column.slice().sort();
    const order = sortedOrder(t);
    const out = new Float64Array(n);
    for (let q = 0; q < n; q++) out[order[q]!] = sortedValues[q]!;
    return out;
  });
}

function hasZeroDiagonal(L: Float64Array, k: number): boolean {
  for (let i = 0; i < k; i++) if (!(L[i * k + i]! > 0)) return true;
  return false;
}

/** A F^-1 for lower-triangular A and F (row-major k x k), via forward substitution; lower triangular. */
function multiplyByLowerInverse(A: Float64Array, F: Float64Array, k: number): Float64Array {
  // Solve X F = A row by row: for each row r, x_c = (a_c - sum_{j>c} x_j F[j][c]) / F[c][c], c descending.
  const X = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    for (let c = k - 1; c >= 0; c--) {
      let s = A[r * k + c]!;
      for (let j = c + 1; j < k; j++) s -= X[r * k + j]! * F[j * k + c]!;
      X[r * k + c] = s / F[c * k + c]!;
    }
  }
  return X;
}
