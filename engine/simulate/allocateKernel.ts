/**
 * `allocate` (engine/allocate.ts) for the hot path: the same largest-remainder split, written
 * into preallocated arrays so a Monte Carlo sample allocates nothing. It follows the original
 * step for step (same sum order for the total, same `(whole * w) / total`, same tie order:
 * larger remainder, then smaller tie key, then position), so the parts are bit-identical; a
 * property test compares the two. Callers pass valid weights (finite, non-negative, not all
 * zero); the kernel checks the one weight that comes from the case (a variable-cost share).
 */
import type { Cents } from "../money.ts";

export interface AllocationScratch {
  remainders: Float64Array;
  order: Int32Array;
}

export function allocationScratch(parts: number): AllocationScratch {
  return { remainders: new Float64Array(parts), order: new Int32Array(parts) };
}

/**
 * Splits `amount` (integer cents) by `weights[0..n-1]` into `out[0..n-1]`. `keyRank[i]` orders
 * tie keys (equal keys equal rank), or null for "no tie keys" (ties by position).
 */
export function allocateInto(amount: Cents, weights: ArrayLike<number>, n: number, keyRank: Int32Array | null, out: Float64Array, s: AllocationScratch): void {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const negative = amount < 0;
  const whole = negative ? -amount : amount;
  const rem = s.remainders;
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (whole * weights[i]!) / total;
    const floor = Math.floor(exact);
    out[i] = floor;
    rem[i] = exact - floor;
    given += floor;
  }
  let left = whole - given;
  if (left > 0) {
    // Positive-weight parts by remainder (desc), key rank (asc), position (asc): insertion sort, n is small.
    const order = s.order;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (!(weights[i]! > 0)) continue;
      let j = m++;
      while (j > 0 && before(i, order[j - 1]!, rem, keyRank)) { order[j] = order[j - 1]!; j--; }
      order[j] = i;
    }
    for (let k = 0; left > 0; k = (k + 1) % m, left--) out[order[k]!] = out[order[k]!]! + 1;
  }
  for (let i = 0; i < n; i++) {
    const p = out[i]!;
    out[i] = p === 0 ? 0 : negative ? -p : p;
  }
}

/** True when part a goes before part b in the order allocate hands out the leftover cents. */
function before(a: number, b: number, rem: Float64Array, keyRank: Int32Array | null): boolean {
  const d = rem[b]! - rem[a]!;
  if (d !== 0) return d < 0;
  if (keyRank !== null) {
    const ka = keyRank[a]!, kb = keyRank[b]!;
    if (ka !== kb) return ka < kb;
  }
  return a < b;
}

/** Ranks of string keys (ascending, equal keys share a rank), for `allocateInto`. */
export function keyRanks(keys: readonly string[]): Int32Array {
  const sorted = [...new Set(keys)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return Int32Array.from(keys, (k) => sorted.indexOf(k));
}
