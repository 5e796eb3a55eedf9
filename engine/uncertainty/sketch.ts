/**
 * A mergeable quantile sketch with a relative-error guarantee (the bucket histogram of DDSketch,
 * Masson, Rim and Lee, VLDB 2019, with its linearly interpolated logarithm), for percentiles of
 * more values than are worth keeping: the per-year bands of a long Monte Carlo run, folded in
 * chunk by chunk.
 *
 * Values are counted in buckets by magnitude. A magnitude x = 2^e (1 + f), f in [0, 1), has the
 * "logarithm" L(x) = e + f (read from the bits of the double: no Math.log per value), which
 * rises at least ln 2 for every unit of log2 x; bucket k holds the magnitudes with
 * L in (w (k - 1), w k], w = ln g, g = (1 + a) / (1 - a), so its bounds lo < hi satisfy
 * hi / lo <= g, and it reports 2 lo hi / (lo + hi), within a relative error a of every value in
 * it. Negative values have buckets of their own; values below one cent in magnitude (|x| < 1:
 * the sketch counts cents) count as zero.
 *
 * Guarantee (a = RELATIVE_ERROR = 0.001): `quantile(p)` is the type-7 percentile (the one of
 * stats.ts) computed from order statistics that are each replaced by their bucket's value, so
 * |quantile(p) - exact type-7 percentile| <= a * max(|x_lo|, |x_hi|) + 1, where x_lo and x_hi
 * are the two order statistics the exact percentile interpolates between. The smallest and
 * largest value are kept exactly (rank 0 and rank n - 1 are exact, and every estimate is
 * clamped to [min, max]), so when all values are equal the percentiles are that value.
 *
 * Determinism: a bucket is a count; adding and merging only add counts (exact integers below
 * 2^53), so a sketch's state, and every quantile from it, is the same in whatever order its
 * values arrive or sketches merge. Memory: one count per bucket between the smallest and the
 * largest magnitude seen, at most log2(max) / ln g buckets per sign (about 20,000 for values up
 * to 10^12 cents), independent of how many values were added.
 */

export const RELATIVE_ERROR = 0.001;

/** Keys of the values being added (reused: `addAll` runs to its end before it is called again). */
let scratch = new Int32Array(1024);
/** Codes in the key scratch for a value below a cent and for NaN (keys lie in 0 .. 2^19: 1024 / ln g < 520,000). */
const ZERO = -(2 ** 30), NAN = -(2 ** 30) - 1, MAX = 2 ** 30;
/** Which 32-bit half of a double holds its sign and exponent (1 on little-endian machines). */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0, LOW = 1 - HIGH;
const TWO_20 = 2 ** -20, TWO_52 = 2 ** -52;

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
  /** Magnitudes below this count as zero: one cent. */
  readonly floor = 1;
  private readonly width: number;
  private readonly perUnit: number;
  private readonly positive = new Store();
  private readonly negative = new Store();
  private zeros = 0;
  private nan = false;
  /** Exact extremes of the values added. */
  min = Infinity;
  max = -Infinity;

  constructor(relativeError = RELATIVE_ERROR) {
    if (!(relativeError > 0 && relativeError < 1)) throw new RangeError(`relativeError must lie in (0, 1), got ${relativeError}`);
    this.relativeError = relativeError;
    this.width = Math.log((1 + relativeError) / (1 - relativeError));
    this.perUnit = 1 / this.width;
  }

  /** How many values were added. */
  get count(): number {
    return this.positive.total + this.negative.total + this.zeros;
  }

  /** The magnitude with L = y (the inverse of the interpolated logarithm). */
  private static unlog(y: number): number {
    const e = Math.floor(y);
    return Math.pow(2, e) * (1 + (y - e));
  }

  /** The value a bucket reports: within `relativeError` of every magnitude in it. */
  private value(key: number, sign: 1 | -1): number {
    const lo = QuantileSketch.unlog(this.width * (key - 1)), hi = QuantileSketch.unlog(this.width * key);
    return (sign * 2 * lo * hi) / (lo + hi);
  }

  add(x: number): void {
    this.addAll(Float64Array.of(x));
  }

  /** Adds `values[from..to)` (default: all). */
  addAll(values: Float64Array, from = 0, to = values.length): void {
    if (to <= from) return;
    if (scratch.length < to - from) scratch = new Int32Array(Math.max(to - from, 2 * scratch.length));
    const keys = scratch, perUnit = this.perUnit;
    const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    // First pass: each value's key (-k - 1 for a negative value's key k, ZERO below a cent, NAN
    // for NaN), the extremes and each sign's key range, so each store grows at most once.
    let min = this.min, max = this.max, pLo = MAX, pHi = -1, nLo = MAX, nHi = -1;
    for (let i = from; i < to; i++) {
      const x = values[i]!;
      if (x !== x) { keys[i - from] = NAN; this.nan = true; continue; }
      min = x < min ? x : min;
      max = x > max ? x : max;
      const hi = bits[2 * i + HIGH]!;
      const exponent = ((hi >>> 20) & 0x7ff) - 1023;
      if (exponent < 0) { keys[i - from] = ZERO; continue; }
      const k = Math.ceil((exponent + (hi & 0xfffff) * TWO_20 + bits[2 * i + LOW]! * TWO_52) * perUnit);
      if (x > 0) { keys[i - from] = k; pLo = k < pLo ? k : pLo; pHi = k > pHi ? k : pHi; } else { keys[i - from] = -k - 1; nLo = k < nLo ? k : nLo; nHi = k > nHi ? k : nHi; }
    }
    this.min = min; this.max = max;
    if (pHi >= pLo) this.positive.cover(pLo, pHi);
    if (nHi >= nLo) this.negative.cover(nLo, nHi);
    const pc = this.positive.counts, po = this.positive.offset, nc = this.negative.counts, no = this.negative.offset;
    let pn = 0, nn = 0, zn = 0;
    for (let j = 0; j < to - from; j++) {
      const k = keys[j]!;
      if (k >= 0) { pc[k - po]!++; pn++; } else if (k > ZERO) { nc[-k - 1 - no]!++; nn++; } else if (k === ZERO) zn++;
    }
    this.positive.total += pn; this.negative.total += nn; this.zeros += zn;
  }

  /** Adds another sketch's counts (same relative error and floor). */
  merge(other: QuantileSketch): void {
    if (other.relativeError !== this.relativeError) throw new RangeError("cannot merge sketches with different relative errors");
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
