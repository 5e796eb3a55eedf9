/**
 * Summary statistics of Monte Carlo output.
 *
 * Conventions
 * - Percentiles use linear interpolation between order statistics, Hyndman &
 *   Fan type 7 (the default of R's `quantile`, NumPy's `percentile`, Excel's
 *   PERCENTILE.INC): with sorted x[0..n-1] and h = (n - 1) p, the p-th
 *   percentile is x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]).
 *   So p = 0 is the minimum, p = 1 the maximum, and percentiles are ordered.
 * - `sd` is the sample standard deviation (divisor n - 1); 0 for n = 1.
 * - `probabilityBelowZero` is the fraction of samples strictly below 0 (e.g.
 *   the chance that a net present value is negative).
 * - If any sample is NaN every statistic is NaN (a failed run must not hide
 *   behind plausible numbers); an empty input gives n = 0 and NaN elsewhere.
 *   Infinite samples are ordered normally; the mean is then +-Infinity (NaN if
 *   both signs occur) and sd is NaN.
 */

export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly p5: number;
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly max: number;
  readonly probabilityBelowZero: number;
}

/** Type-7 percentile of an ascending array, p in [0, 1] (NaN outside or if empty). */
export function percentileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const lower = sorted[lo]!;
  if (h === lo || lo + 1 >= n) return lower; // exactly on an order statistic
  const upper = sorted[lo + 1]!;
  if (lower === upper) return lower; // also avoids Infinity - Infinity
  return lower + (h - lo) * (upper - lower);
}

/** The percentiles a `Summary` reports. */
const SUMMARY_PERCENTILES = [0.05, 0.1, 0.5, 0.9, 0.95];

/**
 * Rearranges `a` in place so that, for every rank r in `ranks` (ascending), `a[r]` is the value
 * an ascending sort would put there (the r-th smallest), and so can be read by
 * `percentileSorted` at those ranks. A quickselect (median-of-three pivot, branch-free Lomuto
 * partitions; a pivot that is the minimum takes all its equals out at once, so runs of equal
 * values cannot stall it), O(n) per rank group instead of O(n log n) for a sort.
 * `a` must hold no NaN and no negative zero (`sort` puts -0 before +0; comparisons cannot).
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): void {
  select(a, 0, a.length - 1, ranks, 0, ranks.length);
}

function select(a: Float64Array, lo: number, hi: number, ranks: readonly number[], rlo: number, rhi: number): void {
  while (rlo < rhi && lo < hi) {
    if (hi - lo < 24) {
      for (let i = lo + 1; i <= hi; i++) {
        const x = a[i]!;
        let j = i - 1;
        while (j >= lo && a[j]! > x) { a[j + 1] = a[j]!; j--; }
        a[j + 1] = x;
      }
      return;
    }
    const x0 = a[lo]!, x1 = a[(lo + hi) >>> 1]!, x2 = a[hi]!;
    const pivot = x0 < x1 ? (x1 < x2 ? x1 : x0 < x2 ? x2 : x0) : x0 < x2 ? x0 : x1 < x2 ? x2 : x1;
    // Lomuto without a branch on the data (the comparison as a number, +(x < pivot): V8 makes no
    // branch of it, unlike `? 1 : 0`; every element is
    // swapped): [lo, j) < pivot, [j, hi] >= pivot. On random data a branch per element would
    // be mispredicted half the time, which made this three times slower.
    let j = lo;
    for (let i = lo; i <= hi; i++) {
      const x = a[i]!;
      a[i] = a[j]!;
      a[j] = x;
      j += +(x < pivot);
    }
    if (j === lo) {
      // Nothing below the pivot (it is the minimum): carve out the values equal to it instead,
      // [lo, j) = pivot, so every round makes progress even when all values are equal.
      for (let i = lo; i <= hi; i++) {
        const x = a[i]!;
        a[i] = a[j]!;
        a[j] = x;
        j += +(x <= pivot);
      }
      let m = rlo;
      while (m < rhi && ranks[m]! < j) m++;
      lo = j;
      rlo = m;
      continue;
    }
    let m = rlo;
    while (m < rhi && ranks[m]! < j) m++;
    if (m > rlo) select(a, lo, j - 1, ranks, rlo, m);
    lo = j;
    rlo = m;
  }
}

/**
 * The ranks `percentileSorted` reads for each of `ps` in an array of n values (ascending, unique).
 */
export function percentileRanks(n: number, ps: readonly number[]): number[] {
  const r = new Set<number>([0, n - 1]);
  for (const p of ps) {
    const lo = Math.floor((n - 1) * p);
    r.add(lo);
    if (lo + 1 < n) r.add(lo + 1);
  }
  return [...r].sort((x, y) => x - y);
}

/**
 * `samples` in ascending order where `percentileSorted` will read them for `ps` (and at both
 * ends): a sorted copy when a sample is NaN or -0, else a copy with only those ranks selected
 * (`inPlace`: rearranges `samples` itself instead of a copy)
 * (and the minimum and maximum written at both ends: then it is no longer a permutation of
 * `samples`, only right at the ranks read).
 */
export function orderedForPercentiles(samples: Float64Array, ps: readonly number[], inPlace = false): Float64Array {
  const n = samples.length;
  const copy = inPlace ? samples : samples.slice();
  let plain = true;
  for (let i = 0; i < n; i++) {
    const x = copy[i]!;
    if (x !== x || (x === 0 && 1 / x < 0)) { plain = false; break; }
  }
  if (!plain || n < 64) return copy.sort();
  // The ends by one scan: selecting them would partition all the way down to both ends.
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) { const x = copy[i]!; min = x < min ? x : min; max = x > max ? x : max; }
  selectRanks(copy, percentileRanks(n, ps).filter((r) => r > 0 && r < n - 1));
  copy[0] = min;
  copy[n - 1] = max;
  return copy;
}

/**
 * The summary of `samples`. `sorted`, when the caller already has the samples in ascending
 * order (`Float64Array.prototype.sort`), spares the selection.
 */
export function summarize(samples: Float64Array, sorted: Float64Array = orderedForPercentiles(samples, SUMMARY_PERCENTILES)): Summary {
  const n = samples.length;
  if (n === 0 || Number.isNaN(sorted[n - 1]!)) {
    return {
      n,
      mean: NaN,
      sd: NaN,
      min: NaN,
      p5: NaN,
      p10: NaN,
      p50: NaN,
      p90: NaN,
      p95: NaN,
      max: NaN,
      probabilityBelowZero: NaN,
    };
  }
  // Neumaier-compensated sums: the mean of 1e5 NPVs keeps all its digits.
  let sum = 0;
  let compensation = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    below += +(x < 0); // a number, not a branch (a coin toss when P(loss) is near one half)
  }
  // With an infinite sample the compensation is NaN; the plain sum is then the honest answer.
  const mean = (Number.isFinite(sum) ? sum + compensation : sum) / n;
  let ss = 0;
  let ssCompensation = 0;
  for (let i = 0; i < n; i++) {
    const d = samples[i]! - mean;
    const x = d * d;
    const t = ss + x;
    ssCompensation += ss >= x ? ss - t + x : x - t + ss;
    ss = t;
  }
  const sd = !Number.isFinite(mean) ? NaN : n > 1 ? Math.sqrt((ss + ssCompensation) / (n - 1)) : 0;
  return {
    n,
    mean,
    sd,
    min: sorted[0]!,
    p5: percentileSorted(sorted, 0.05),
    p10: percentileSorted(sorted, 0.1),
    p50: percentileSorted(sorted, 0.5),
    p90: percentileSorted(sorted, 0.9),
    p95: percentileSorted(sorted, 0.95),
    max: sorted[n - 1]!,
    probabilityBelowZero: below / n,
  };
}

/**
 * Points for plotting the empirical CDF of an *ascending* sample array with at
 * most `points` points: `values[j]` is the type-7 percentile at
 * `probabilities[j] = j / (points - 1)`, so the curve runs from the minimum
 * (probability 0) to the maximum (probability 1). With `points >= sorted.length`
 * the sample itself is returned (probabilities i / (n - 1)); with one point,
 * the median; with none or an empty sample, empty arrays.
 */
export function downsampleSorted(
  sorted: Float64Array,
  points: number,
): { values: Float64Array; probabilities: Float64Array } {
  const n = sorted.length;
  const m = n === 0 || !(points >= 1) ? 0 : Math.min(Math.floor(points), n);
  const values = new Float64Array(m);
  const probabilities = new Float64Array(m);
  if (m === n) {
    values.set(sorted);
    for (let j = 0; j < m; j++) probabilities[j] = m === 1 ? 0.5 : j / (m - 1);
  } else if (m === 1) {
    values[0] = percentileSorted(sorted, 0.5);
    probabilities[0] = 0.5;
  } else {
    for (let j = 0; j < m; j++) {
      const p = j / (m - 1);
      probabilities[j] = p;
      values[j] = percentileSorted(sorted, p);
    }
  }
  return { values, probabilities };
}
