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
 * order (`Float64Array.prototype.sort`), spares the selection. Without it, a long array is
 * summarised in one pass with its percentiles from buckets (`summarizeByBuckets`), else with
 * the percentiles selected (`orderedForPercentiles`): the same figures, bit for bit.
 */
export function summarize(samples: Float64Array, sorted?: Float64Array): Summary {
  if (sorted === undefined) {
    const quick = samples.length >= BUCKETS_FROM ? summarizeByBuckets(samples) : null;
    if (quick !== null) return quick;
    sorted = orderedForPercentiles(samples, SUMMARY_PERCENTILES);
  }
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
  const mean = meanOf(sum, compensation, n);
  return {
    n,
    mean,
    sd: sdAround(samples, mean),
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

/** The mean from a Neumaier sum (with an infinite sample the compensation is NaN; the plain sum is then the honest answer). */
function meanOf(sum: number, compensation: number, n: number): number {
  return (Number.isFinite(sum) ? sum + compensation : sum) / n;
}

/** The sample standard deviation around `mean` (compensated sum of squares; NaN for an infinite mean, 0 for one sample). */
function sdAround(samples: Float64Array, mean: number): number {
  const n = samples.length;
  let ss = 0;
  let ssCompensation = 0;
  for (let i = 0; i < n; i++) {
    const d = samples[i]! - mean;
    const x = d * d;
    const t = ss + x;
    ssCompensation += ss >= x ? ss - t + x : x - t + ss;
    ss = t;
  }
  return !Number.isFinite(mean) ? NaN : n > 1 ? Math.sqrt((ss + ssCompensation) / (n - 1)) : 0;
}

/** From this many samples on, `summarize` takes its percentiles from buckets. */
const BUCKETS_FROM = 16384;
/** Values of the probe: every (n / PROBE)-th sample, sorted, to place the buckets. */
const PROBE = 2048;
/** A bucket reaches this many standard deviations of the probe's rank beyond its percentile's ranks on both sides. */
const MARGIN_SD = 4.5;

const probe = new Float64Array(PROBE);
let bucketValues = new Float64Array(0);

/** `bucketPass`'s results: sum, compensation, below 0, min, max, then per bucket the samples below it and in it, then the values copied. */
const passOut = new Float64Array(12);

/**
 * The one pass of `summarizeByBuckets` over the samples (a function of its own, and lean: in a
 * fresh process it runs unoptimised until V8 has compiled it, which takes longer for a larger
 * loop). Bucket q is [lq, hq] (NaN bounds: unused); its values are appended to `values` (at
 * most `capacity`; the count goes on).
 */
function bucketPass(samples: Float64Array, l0: number, h0: number, l1: number, h1: number, l2: number, h2: number, values: Float64Array, capacity: number): Float64Array {
  const n = samples.length;
  let sum = 0, compensation = 0, below = 0, min = Infinity, max = -Infinity;
  let b0 = 0, b1 = 0, b2 = 0, k0 = 0, k1 = 0, k2 = 0, k = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    // As `summarize`.
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    below += +(x < 0);
    min = x < min ? x : min;
    max = x > max ? x : max;
    b0 += +(x < l0); b1 += +(x < l1); b2 += +(x < l2);
    const i0 = +(x >= l0 && x <= h0), i1 = +(x >= l1 && x <= h1), i2 = +(x >= l2 && x <= h2);
    k0 += i0; k1 += i1; k2 += i2;
    if ((i0 | i1 | i2) !== 0) {
      if (k < capacity) values[k] = x;
      k++;
    }
  }
  const r = passOut;
  r[0] = sum; r[1] = compensation; r[2] = below; r[3] = min; r[4] = max;
  r[5] = b0; r[6] = b1; r[7] = b2; r[8] = k0; r[9] = k1; r[10] = k2; r[11] = k;
  return r;
}

/** Buckets `summarizeByBuckets` can fill in its one pass (the summary's five percentiles need three when n >= BUCKETS_FROM: 5 and 10 % share one, as do 90 and 95 %). */
const BUCKETS = 3;

/**
 * `summarize` for a long array without a sort and without touching it: a sorted probe of
 * PROBE evenly spaced samples places a bucket (a value range) around each percentile's two
 * order statistics (merged where they meet); one pass over the samples then makes the sums
 * (in the order and with the arithmetic of `summarize`), the minimum and maximum, and per
 * bucket the count of samples below it and copies of those inside it; in the buckets' values
 * (a few tens of thousands) the order statistics are selected, at rank - (samples below the
 * bucket) + (values in the buckets before it). Null, having changed nothing, when the sum is
 * NaN (a NaN sample, or infinities of both signs), when a figure read is zero (its sign would
 * depend on the order of -0 and 0, which only a sort keeps), or when an order statistic is not
 * in its bucket or the buckets hold too many values (heavy ties, an unlucky probe): the caller
 * then selects as before. Every figure is an exact order statistic or the same sum, so the
 * summary is bit for bit that of a full sort.
 */
export function summarizeByBuckets(samples: Float64Array): Summary | null {
  const n = samples.length, m = PROBE;
  if (n < m) return null;
  for (let i = 0; i < m; i++) probe[i] = samples[Math.floor((i * n) / m)]!;
  probe.sort();
  // A probe of one value (a constant column, say): the buckets would hold everything.
  if (probe[0] === probe[m - 1]) return null;
  // Bucket bounds per percentile, merged where they meet.
  const G = SUMMARY_PERCENTILES.length;
  const bucketOf = [0, 0, 0, 0, 0];
  const lows: number[] = [], highs: number[] = [];
  let expected = 0;
  for (let g = 0; g < G; g++) {
    const p = SUMMARY_PERCENTILES[g]!, lo = Math.floor((n - 1) * p);
    const margin = MARGIN_SD * Math.sqrt(m * p * (1 - p)) + 2;
    const a = Math.floor((lo * m) / n - margin), b = Math.ceil(((lo + 2) * m) / n + margin);
    const low = a <= 0 ? -Infinity : probe[a]!, high = b >= m - 1 ? Infinity : probe[b]!;
    expected += ((Math.min(b, m) - Math.max(a, 0)) * n) / m;
    const last = lows.length - 1;
    if (last >= 0 && low <= highs[last]!) highs[last] = Math.max(highs[last]!, high);
    else { lows.push(low); highs.push(high); }
    bucketOf[g] = lows.length - 1;
  }
  if (lows.length > BUCKETS) return null;
  while (lows.length < BUCKETS) { lows.push(NaN); highs.push(NaN); }
  const capacity = Math.min(n, Math.ceil(2 * expected) + 1024);
  if (bucketValues.length < capacity) bucketValues = new Float64Array(capacity);
  const values = bucketValues;
  const r = bucketPass(samples, lows[0]!, highs[0]!, lows[1]!, highs[1]!, lows[2]!, highs[2]!, values, capacity);
  const sum = r[0]!, compensation = r[1]!, below = r[2]!, min = r[3]!, max = r[4]!, k = r[11]!;
  if (sum !== sum || k > capacity || min === 0 || max === 0) return null;
  // Where each percentile's order statistics lie among the buckets' values, then those positions selected.
  const los = [0, 0, 0, 0, 0], his = [0, 0, 0, 0, 0], wanted: number[] = [];
  for (let g = 0; g < G; g++) {
    const q = bucketOf[g]!, lo = Math.floor((n - 1) * SUMMARY_PERCENTILES[g]!), hi = Math.min(lo + 1, n - 1);
    const belowBucket = r[5 + q]!, inBucket = r[8 + q]!;
    if (!(lo >= belowBucket && hi < belowBucket + inBucket)) return null;
    let before = 0;
    for (let j = 0; j < q; j++) before += r[8 + j]!;
    los[g] = lo - belowBucket + before;
    his[g] = hi - belowBucket + before;
    wanted.push(los[g]!, his[g]!);
  }
  const inside = values.subarray(0, k);
  selectRanks(inside, [...new Set(wanted)].sort((x, y) => x - y));
  const pct = [0, 0, 0, 0, 0];
  for (let g = 0; g < G; g++) {
    // `percentileSorted`, reading the selected positions.
    const h = (n - 1) * SUMMARY_PERCENTILES[g]!, lo = Math.floor(h);
    const lower = inside[los[g]!]!, upper = inside[his[g]!]!;
    if (lower === 0 || upper === 0) return null;
    pct[g] = h === lo || lo + 1 >= n || lower === upper ? lower : lower + (h - lo) * (upper - lower);
  }
  const mean = meanOf(sum, compensation, n);
  return {
    n,
    mean,
    sd: sdAround(samples, mean),
    min,
    p5: pct[0]!,
    p10: pct[1]!,
    p50: pct[2]!,
    p90: pct[3]!,
    p95: pct[4]!,
    max,
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
