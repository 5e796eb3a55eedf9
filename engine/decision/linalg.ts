/** Small dense linear algebra on row-major Float64Arrays (the sizes here are a few hundred). */

export function mean(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return s / y.length;
}

/** Cholesky factor L (lower, row-major) of a symmetric positive-definite K x K matrix. */
export function cholesky(A: Float64Array, K: number): Float64Array {
  const L = new Float64Array(K * K);
  for (let r = 0; r < K; r++) {
    for (let c = 0; c <= r; c++) {
      let s = A[r * K + c]!;
      for (let x = 0; x < c; x++) s -= L[r * K + x]! * L[c * K + x]!;
      if (r === c) {
        if (!(s > 0)) throw new RangeError("cholesky: matrix not positive definite");
        L[r * K + r] = Math.sqrt(s);
      } else L[r * K + c] = s / L[c * K + c]!;
    }
  }
  return L;
}

export function invertLower(L: Float64Array, K: number): Float64Array {
  const X = new Float64Array(K * K);
  for (let c = 0; c < K; c++) {
    X[c * K + c] = 1 / L[c * K + c]!;
    for (let r = c + 1; r < K; r++) {
      let s = 0;
      for (let x = c; x < r; x++) s -= L[r * K + x]! * X[x * K + c]!;
      X[r * K + c] = s / L[r * K + r]!;
    }
  }
  return X;
}

export function multiply(A: Float64Array, B: Float64Array, K: number): Float64Array {
  const C = new Float64Array(K * K);
  for (let r = 0; r < K; r++) for (let x = 0; x < K; x++) {
    const a = A[r * K + x]!;
    if (a === 0) continue;
    for (let c = 0; c < K; c++) C[r * K + c] = C[r * K + c]! + a * B[x * K + c]!;
  }
  return C;
}
