/**
 * A mergeable quantile sketch with a relative-error guarantee (the log-bucket histogram of
 * DDSketch, Masson, Rim and Lee, VLDB 2019), for percentiles of more values than are worth
 * keeping: the per-year bands of a long Monte Carlo run, folded in chunk by chunk.
 *
 * Values are counted in buckets whose bounds grow geometrically: bucket k holds magnitudes in
 * (g^(k-1), g^k] with g = (1 + a) / (1 - a), and reports its magnitude as 2 g^k / (1 + g), within
 * a relative error a of every value in it. Negative values have buckets of their own (by
 * magnitude); values smaller than `floor` in magnitude (default 1: a cent) count as zero.
 *
 * Guarantee (a = RELATIVE_ERROR = 0.001): `quantile(p)` is the type-7 percentile (the one of
 * stats.ts) computed from order statistics that are each replaced by their bucket's value, so
 * |quantile(p) - exact type-7 percentile| <= a * max(|x_lo|, |x_hi|) + floor, where x_lo and
 * x_hi are the two order statistics the exact percentile interpolates between. The smallest and
 * largest value are kept exactly (rank 0 and rank n - 1 are exact, and every estimate is
 * clamped to [min, max]), so when all values are equal the percentiles are that value.
 *
 * Determinism: a bucket is a count; adding and merging only add counts (exact integers below
 * 2^53), so a sketch's state, and every quantile from it, is the same in whatever order its
 * values arrive or sketches merge. Memory: one count per bucket between the smallest and the
 * largest magnitude seen, ln(max / floor) / ln g buckets per sign at most (about 13,800 for
 * values up to 10^12 cents), independent of how many values were added.
 */

export const RELATIVE_ERROR = 0.001;

/** One sign's buckets: counts of keys [offset, offset + counts.length). */
class Store {
  counts = new Float64Array(0);
  offset = 0;
  total = 0;

  /** Makes room for keys lo..hi. */
  cover(lo: number, hi: number): void {
    if (this.counts.length > 0 && lo >= this.offset && hi < this.offset + this.counts.length) return;
    const from = this.counts.length === 0 ? lo : Math.min(lo, this.offset);
    const to = this.counts.length === 0 ? hi : Math.max(hi, this.offset + this.counts.length - 1);
    // Some slack either way, so a run of chunks drifting outwards does not copy every time.
    const slack = Math.max(16, (to - from + 1) >> 3);
    const next = new Float64Array(to - from + 1 + 2 * slack);
    if (this.counts.length > 0) next.set(this.counts, this.offset - (from - slack));
    this.counts = next;
    this.offset = from - slack;
  }

  /** The key holding 0-based rank r within this store, counting from the smallest key (r < total). */
  keyAtRank(r: number): number {
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen > r) return this.offset + i;
    }
    return this.offset + this.counts.length - 1;
  }
}

export class QuantileSketch {
  readonly relativeError: number;
  readonly floor: number;
  private readonly gamma: number;
  private readonly invLogGamma: number;
  private readonly positive = new Store();
  private readonly negative = new Store();
  private zeros = 0;
  private nan = false;
  /** Exact extremes of the values added. */
  min = Infinity;
  max = -Infinity;

  constructor(relativeError = RELATIVE_ERROR, floor = 1) {
    if (!(relativeError > 0 && relativeError < 1)) throw new RangeError(`relativeError must lie in (0, 1), got ${relativeError}`);
    if (!(floor > 0 && Number.isFinite(floor))) throw new RangeError(`floor must be positive and finite, got ${floor}`);
    this.relativeError = relativeError;
    this.floor = floor;
    this.gamma = (1 + relativeError) / (1 - relativeError);
    this.invLogGamma = 1 / Math.log(this.gamma);
  }

  /** How many values were added. */
  get count(): number {
    return this.positive.total + this.negative.total + this.zeros;
  }

  /** The value a bucket reports: within `relativeError` of every magnitude in it. */
  private value(key: number, sign: 1 | -1): number {
    return (sign * this.floor * 2 * Math.pow(this.gamma, key)) / (1 + this.gamma);
  }

  add(x: number): void {
    this.addAll(Float64Array.of(x));
  }

  /** Adds `values[from..to)` (default: all). */
  addAll(values: Float64Array, from = 0, to = values.length): void {
    if (to <= from) return;
    const floor = this.floor, il = this.invLogGamma;
    // First pass: the extremes and the key range of each sign, so each store grows at most once.
    let min = this.min, max = this.max, pLo = Infinity, pHi = -Infinity, nLo = Infinity, nHi = -Infinity;
    for (let i = from; i < to; i++) {
      const x = values[i]!;
      if (x !== x) { this.nan = true; continue; }
      min = x < min ? x : min;
      max = x > max ? x : max;
      const m = x < 0 ? -x : x;
      if (m < floor) continue;
      const k = Math.ceil(Math.log(m / floor) * il);
      if (x > 0) { pLo = k < pLo ? k : pLo; pHi = k > pHi ? k : pHi; } else { nLo = k < nLo ? k : nLo; nHi = k > nHi ? k : nHi; }
    }
    this.min = min; this.max = max;
    if (pHi >= pLo) this.positive.cover(pLo, pHi);
    if (nHi >= nLo) this.negative.cover(nLo, nHi);
    const pc = this.positive.counts, po = this.positive.offset, nc = this.negative.counts, no = this.negative.offset;
    let pn = 0, nn = 0, zn = 0;
    for (let i = from; i < to; i++) {
      const x = values[i]!;
      if (x !== x) continue;
      const m = x < 0 ? -x : x;
      if (m < floor) { zn++; continue; }
      const k = Math.ceil(Math.log(m / floor) * il);
      if (x > 0) { pc[k - po]!++; pn++; } else { nc[k - no]!++; nn++; }
    }
    this.positive.total += pn; this.negative.total += nn; this.zeros += zn;
  }

  /** Adds another sketch's counts (same relative error and floor). */
  merge(other: QuantileSketch): void {
    if (other.relativeError !== this.relativeError || other.floor !== this.floor) throw new RangeError("cannot merge sketches with different relative errors or floors");
    for (const [mine, theirs] of [[this.positive, other.positive], [this.negative, other.negative]] as const) {
      if (theirs.total === 0) continue;
      mine.cover(theirs.offset, theirs.offset + theirs.counts.length - 1);
      for (let i = 0; i < theirs.counts.length; i++) mine.counts[theirs.offset + i - mine.offset]! += theirs.counts[i]!;
      mine.total += theirs.total;
    }
    this.zeros += other.zeros;
    this.nan ||= other.nan;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** The value of 0-based order statistic r (0 <= r < count): exact at both ends, else its bucket's value. */
  private orderStatistic(r: number): number {
    const n = this.count;
    if (r <= 0) return this.min;
    if (r >= n - 1) return this.max;
    const neg = this.negative.total;
    let v: number;
    // Negative values run from the largest magnitude (the smallest value) to the smallest.
    if (r < neg) v = this.value(this.negative.keyAtRank(neg - 1 - r), -1);
    else if (r < neg + this.zeros) v = 0;
    else v = this.value(this.positive.keyAtRank(r - neg - this.zeros), 1);
    return Math.min(this.max, Math.max(this.min, v));
  }

  /**
   * The type-7 percentile (p in [0, 1]) from the sketch; NaN when it is empty, when p lies
   * outside [0, 1] or when a NaN was added.
   */
  quantile(p: number): number {
    const n = this.count;
    if (n === 0 || this.nan || !(p >= 0 && p <= 1)) return NaN;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const lower = this.orderStatistic(lo);
    if (h === lo || lo + 1 >= n) return lower;
    const upper = this.orderStatistic(lo + 1);
    if (lower === upper) return lower;
    return lower + (h - lo) * (upper - lower);
  }

  /** Bytes held by the buckets (for the memory accounting of a run). */
  get bytes(): number {
    return this.positive.counts.byteLength + this.negative.counts.byteLength;
  }
}
