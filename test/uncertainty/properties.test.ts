/**
 * All property-based tests of the uncertainty engine, one invariant per test.
 *
 * They live in one file on purpose: importing @fast-check/vitest costs about
 * 3 s per test file here (it loads vitest natively in every isolated worker),
 * so spreading the properties over one file per module would triple the
 * runtime of the folder. Example and reference-value tests stay in the
 * per-module files.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  createRng,
  downsampleSorted,
  imanConover,
  latinHypercube,
  normalQuantile,
  percentileSorted,
  QuantileSketch,
  SKETCH_RELATIVE_ERROR,
  quantile,
  sampleInto,
  spearman,
  summarize,
  summarizeByBuckets,
  validateDistribution,
  type DistributionSpec,
} from "../../engine/uncertainty/index.ts";
import { IncompleteBeta } from "../../engine/uncertainty/incompleteBeta.ts";
import { logGamma } from "../../engine/uncertainty/logGamma.ts";
import { extendSeedPool, integerWords, seedPool, seedPoolState, seedSequenceState } from "../../engine/uncertainty/seedSequence.ts";
import { anySpecArb, exactlyMonotoneSpecArb, lognormalArb, normalArb } from "./arbitraries.ts";
import { correlationTarget, draw } from "./helpers.ts";

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const finiteArray = fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 });

describe("rng", () => {
  test.prop([fc.oneof(fc.integer(), fc.double(), fc.string())])("the same seed gives the identical sequence", (seed) => {
    const a = createRng(seed).fill(new Float64Array(64));
    const b = createRng(seed).fill(new Float64Array(64));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  test.prop([fc.oneof(fc.nat(), fc.string()), fc.oneof(fc.nat(), fc.string())])(
    "different seeds give different sequences",
    (s, t) => {
      fc.pre(s !== t);
      expect(draw(s, 4)).not.toEqual(draw(t, 4));
    },
  );

  test.prop([fc.nat(), fc.nat(1000), fc.nat(1000)])(
    "forked streams differ from each other and from the parent",
    (seed, i, j) => {
      fc.pre(i !== j);
      expect(draw(seed, 4, [i])).not.toEqual(draw(seed, 4, [j]));
      expect(draw(seed, 4, [i])).not.toEqual(draw(seed, 4));
    },
  );

  test.prop([fc.nat(), fc.nat(1000), fc.nat(500)])(
    "a fork is reproducible and independent of how much the parent drew",
    (seed, k, consumed) => {
      const parent = createRng(seed);
      for (let i = 0; i < consumed; i++) parent.next();
      const child = parent.fork(k);
      expect(Array.from({ length: 8 }, () => child.nextUint32())).toEqual(draw(seed, 8, [k]));
    },
  );

  test.prop([fc.nat()])("next() is strictly inside (0, 1), on the 2^-52 midpoint grid", (seed) => {
    const rng = createRng(seed);
    let bad = 0;
    for (let i = 0; i < 1000; i++) {
      const u = rng.next();
      if (!(u > 0 && u < 1 && Number.isInteger(u * 2 ** 52 - 0.5))) bad++;
    }
    expect(bad).toBe(0);
  });

  test.prop([fc.nat(), fc.integer({ min: 1, max: 2 ** 32 })])("nextInt(bound) is an integer in [0, bound)", (seed, bound) => {
    const rng = createRng(seed);
    let bad = 0;
    for (let i = 0; i < 100; i++) {
      const k = rng.nextInt(bound);
      if (!(Number.isInteger(k) && k >= 0 && k < bound)) bad++;
    }
    expect(bad).toBe(0);
  });
});

describe("normal quantile", () => {
  test.prop([fc.double({ min: 1e-300, max: 0.5, noNaN: true })])(
    "is antisymmetric: q(p) = -q(1 - p) up to the rounding of 1 - p",
    (p) => {
      const q = normalQuantile(p);
      const r = normalQuantile(1 - p);
      // 1 - p is rounded (by at most ulp(1) / 2) for p < 1/2; that moves q by at most |dq/dp| ulp(1) / 2.
      const slack = 1e-15 * Math.abs(q) + (1.2e-16 * Math.sqrt(2 * Math.PI)) / Math.exp(-0.5 * r * r);
      expect(Math.abs(q + r)).toBeLessThanOrEqual(slack);
    },
  );
});

describe("incomplete beta inverse", () => {
  test.prop([fc.double({ min: 0.05, max: 20, noNaN: true }), unit])(
    "matches closed forms: beta(a, 1) quantile p^(1/a), beta(1, a) quantile 1 - (1 - p)^(1/a), to 1e-10",
    (a, p) => {
      expect(Math.abs(new IncompleteBeta(a, 1).inverse(p) - Math.pow(p, 1 / a))).toBeLessThan(1e-10);
      expect(Math.abs(new IncompleteBeta(1, a).inverse(p) - (1 - Math.pow(1 - p, 1 / a)))).toBeLessThan(1e-10);
    },
  );

  test.prop([unit])("matches the arcsine closed form: beta(1/2, 1/2) quantile sin^2(pi p / 2), to 1e-12", (p) => {
    const expected = Math.sin((Math.PI * p) / 2) ** 2;
    expect(Math.abs(new IncompleteBeta(0.5, 0.5).inverse(p) - expected)).toBeLessThan(1e-12);
  });

  test.prop([fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 0.1, max: 100, noNaN: true }), unit, unit])(
    "is exactly non-decreasing in p",
    (a, b, p1, p2) => {
      const ib = new IncompleteBeta(a, b);
      const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
      expect(ib.inverse(lo)).toBeLessThanOrEqual(ib.inverse(hi));
    },
  );

  test.prop([
    fc.double({ min: 0.1, max: 100, noNaN: true }),
    fc.double({ min: 0.1, max: 100, noNaN: true }),
    fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
  ])("round-trips: cdf(inverse(p)) = p to 1e-10 relative to the smaller tail", (a, b, p) => {
    const ib = new IncompleteBeta(a, b);
    const x = ib.inverse(p);
    fc.pre(x > 1e-300 && x < 1); // below the smallest representable quantile the answer rounds to 0 or 1
    const err = p < 0.5 ? Math.abs(ib.cdf(x) - p) : Math.abs(ib.complement(x) - (1 - p));
    // One ulp of x moves the CDF by about density * ulp(x); allow a few of those on top of 1e-10 relative.
    const lnDensity = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - (logGamma(a) + logGamma(b) - logGamma(a + b));
    expect(err).toBeLessThanOrEqual(1e-10 * Math.min(p, 1 - p) + 4 * Math.exp(lnDensity) * 2.3e-16);
  });

  test.prop([
    fc.double({ min: 0.1, max: 100, noNaN: true }),
    fc.double({ min: 0.1, max: 100, noNaN: true }),
    fc.oneof(fc.double({ min: -0.5, max: 1.5 }), fc.constantFrom(0, 1, Number.MIN_VALUE, 1 - 2 ** -53)),
  ])("tailsInto(x) is [cdf(x), complement(x)] bit for bit (the beta table's knots use it)", (a, b, x) => {
    const ib = new IncompleteBeta(a, b);
    // At x, and at the switch point between the two fractions, (a + 1) / (a + b + 2).
    for (const at of [x, (a + 1) / (a + b + 2)]) {
      const into = ib.tailsInto(at, new Float64Array(2));
      expect(Object.is(into[0], ib.cdf(at)) && Object.is(into[1], ib.complement(at))).toBe(true);
    }
  });
});

describe("distributions", () => {
  test.prop([exactlyMonotoneSpecArb, unit, unit])(
    "quantile is exactly non-decreasing in u (point, uniform, triangular, PERT, beta, discrete)",
    (spec, u1, u2) => {
      const [lo, hi] = u1 <= u2 ? [u1, u2] : [u2, u1];
      expect(quantile(spec, lo)).toBeLessThanOrEqual(quantile(spec, hi));
    },
  );

  test.prop([fc.oneof(normalArb, lognormalArb), unit, unit])(
    "normal and lognormal quantiles are non-decreasing in u up to a few ulps of AS 241 rounding",
    (spec, u1, u2) => {
      const [lo, hi] = u1 <= u2 ? [u1, u2] : [u2, u1];
      const a = quantile(spec, lo);
      const b = quantile(spec, hi);
      const scale = Math.abs(a) + (spec.type === "normal" ? Math.abs(spec.mean) : 0);
      expect(b >= a || b - a >= -scale * 2 ** -49).toBe(true);
    },
  );

  test.prop([anySpecArb, unit])("quantile stays within the support [quantile(0), quantile(1)]", (spec, u) => {
    const x = quantile(spec, u);
    expect(x >= quantile(spec, 0) && x <= quantile(spec, 1)).toBe(true);
  });

  test.prop([
    anySpecArb,
    fc.oneof(fc.double({ max: -Number.MIN_VALUE }), fc.double({ min: 1.0000000000000002 }), fc.constant(NaN)),
  ])("quantile of u outside [0, 1] or NaN is NaN", (spec, u) => {
    expect(quantile(spec, u)).toBeNaN();
  });

  test.prop([anySpecArb, fc.nat()])("sampleInto is bit-identical to quantile applied elementwise", (spec, seed) => {
    const u = createRng(seed).fill(new Float64Array(50));
    const out = sampleInto(spec, u, new Float64Array(50));
    expect(Array.from(out)).toEqual(Array.from(u, (ui) => quantile(spec, ui)));
  });

  test.prop([fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1.001, max: 1000, noNaN: true })])(
    "lognormal given {p5, p95} reproduces those percentiles to 1e-12",
    (p5, ratio) => {
      const spec: DistributionSpec = { type: "lognormal", p5, p95: p5 * ratio };
      expect(Math.abs(quantile(spec, 0.05) / p5 - 1)).toBeLessThan(1e-12);
      expect(Math.abs(quantile(spec, 0.95) / (p5 * ratio) - 1)).toBeLessThan(1e-12);
    },
  );

  test.prop([anySpecArb])("every well-formed spec passes validation unchanged", (spec) => {
    expect(validateDistribution(spec)).toEqual({ ok: true, value: spec });
  });
});

describe("latin hypercube", () => {
  test.prop([fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 5 }), fc.nat()])(
    "each of the n strata in each dimension holds exactly one sample",
    (n, k, seed) => {
      const columns = latinHypercube(n, k, createRng(seed));
      expect(columns).toHaveLength(k);
      for (const column of columns) {
        expect(column).toHaveLength(n);
        const hits = new Uint32Array(n);
        for (const v of column) if (v > 0 && v < 1) hits[Math.floor(v * n)]!++;
        expect(hits.every((h) => h === 1)).toBe(true);
      }
    },
  );

  test.prop([fc.integer({ min: 1, max: 500 }), fc.nat()])("the same rng state gives the same hypercube", (n, seed) => {
    const a = latinHypercube(n, 3, createRng(seed));
    const b = latinHypercube(n, 3, createRng(seed));
    expect(a.map((c) => Array.from(c))).toEqual(b.map((c) => Array.from(c)));
  });
});

describe("correlation", () => {
  const columnsArb = fc.integer({ min: 2, max: 300 }).chain((n) =>
    fc.tuple(...[0, 1, 2].map(() => fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }))),
  );

  test.prop([columnsArb, fc.nat()])("Iman-Conover is deterministic given the rng seed", (cols, seed) => {
    const x = cols.map((c) => Float64Array.from(c));
    const a = imanConover(x, correlationTarget, createRng(seed));
    const b = imanConover(x, correlationTarget, createRng(seed));
    expect(a.map((c) => Array.from(c))).toEqual(b.map((c) => Array.from(c)));
  });

  test.prop([columnsArb, fc.nat()])("Iman-Conover returns a permutation of every input column", (cols, seed) => {
    const x = cols.map((c) => Float64Array.from(c));
    const y = imanConover(x, correlationTarget, createRng(seed));
    for (let j = 0; j < 3; j++) expect(Array.from(y[j]!.slice().sort())).toEqual(Array.from(x[j]!.slice().sort()));
  });

  test.prop([fc.array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), { minLength: 2, maxLength: 50 })])(
    "Spearman correlation is in [-1, 1], or NaN for a constant input",
    (pairs) => {
      const r = spearman(Float64Array.from(pairs, (p) => p[0]), Float64Array.from(pairs, (p) => p[1]));
      expect(Number.isNaN(r) || (r >= -1 && r <= 1)).toBe(true);
    },
  );
});

describe("stats", () => {
  test.prop([finiteArray])("percentiles are ordered: min <= p5 <= p10 <= p50 <= p90 <= p95 <= max", (xs) => {
    const s = summarize(Float64Array.from(xs));
    const chain = [s.min, s.p5, s.p10, s.p50, s.p90, s.p95, s.max];
    expect(chain.every((v, i) => i === 0 || v >= chain[i - 1]!)).toBe(true);
  });

  test.prop([finiteArray])("probabilityBelowZero is in [0, 1] and is the fraction of negative samples", (xs) => {
    const p = summarize(Float64Array.from(xs)).probabilityBelowZero;
    expect(p >= 0 && p <= 1).toBe(true);
    expect(p).toBe(xs.filter((x) => x < 0).length / xs.length);
  });

  test.prop([finiteArray])("the mean lies between min and max", (xs) => {
    const s = summarize(Float64Array.from(xs));
    expect(s.mean >= s.min && s.mean <= s.max).toBe(true);
  });

  test.prop([finiteArray, fc.integer({ min: 1, max: 300 })])(
    "downsampled CDF points are non-decreasing in value and increasing in probability",
    (xs, m) => {
      const { values, probabilities } = downsampleSorted(Float64Array.from(xs).sort(), m);
      expect(values.length).toBe(Math.min(m, xs.length));
      for (let j = 1; j < values.length; j++) {
        expect(values[j]! >= values[j - 1]! && probabilities[j]! > probabilities[j - 1]!).toBe(true);
      }
    },
  );
});

describe("summaries by selection", () => {
  // Small value sets give many ties; lengths above 64 take the selection path.
  const values = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true }), fc.constantFrom(Infinity, -Infinity, -0, NaN));
  test.prop([fc.array(values, { minLength: 1, maxLength: 400 }), fc.boolean()])(
    "summarize with selected percentiles equals summarize over a full sort, bit for bit",
    (xs, sortedInput) => {
      const a = Float64Array.from(sortedInput ? [...xs].sort((x, y) => x - y) : xs);
      const selected = summarize(a), full = summarize(a, a.slice().sort());
      for (const k of Object.keys(full) as (keyof typeof full)[]) expect(Object.is(selected[k], full[k]), k).toBe(true);
    },
  );
  // Long arrays (the bucket path from 16,384 values): smooth values with a few special ones
  // mixed in, heavy ties, sorted or reversed order, zeros of both signs, NaN and infinities.
  const longArray = fc.record({
    seed: fc.nat(),
    n: fc.integer({ min: 16384, max: 40000 }),
    shape: fc.constantFrom("smooth", "ties", "few", "sorted", "reversed", "constant", "zeros", "positive"),
    scale: fc.constantFrom(1, 1e-300, 1e12, -1e6),
    specials: fc.array(fc.tuple(fc.nat(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e308, -5e-324)), { maxLength: 3 }),
  }).map(({ seed, n, shape, scale, specials }) => {
    const rng = createRng(seed), a = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      a[i] = scale * (shape === "ties" ? Math.floor(u * 7) - 3 : shape === "few" ? (u < 0.97 ? 1 : u) : shape === "constant" ? 2.5 : normalQuantile(u));
      // Zeros of both signs at the median, or a few at the minimum.
      if ((shape === "zeros" && Math.abs(u - 0.5) < 0.1) || (shape === "positive" && u < 0.001)) a[i] = rng.next() < 0.5 ? 0 : -0;
      else if (shape === "positive") a[i] = Math.abs(a[i]!);
    }
    if (shape === "sorted") a.sort();
    if (shape === "reversed") a.sort().reverse();
    for (const [at, x] of specials) a[at % n] = x;
    return a;
  });
  test.prop([longArray], { numRuns: 40 })(
    "summarize of a long array (one pass, percentiles from buckets) equals summarize over a full sort, bit for bit",
    (a) => {
      const copy = a.slice();
      const quick = summarize(a), full = summarize(a, a.slice().sort());
      for (const k of Object.keys(full) as (keyof typeof full)[]) expect(Object.is(quick[k], full[k]), k).toBe(true);
      expect(Buffer.from(a.buffer).equals(Buffer.from(copy.buffer))).toBe(true); // the samples are not touched
    },
  );
  test.prop([fc.nat(), fc.integer({ min: 16384, max: 40000 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })], { numRuns: 30 })(
    "the bucket path answers for smooth data (not only the fallback), with the figures of a full sort",
    (seed, n, shift) => {
      const rng = createRng(seed);
      const a = Float64Array.from({ length: n }, () => shift + 1e6 * normalQuantile(rng.next()));
      const quick = summarizeByBuckets(a), full = summarize(a, a.slice().sort());
      expect(quick).not.toBeNull();
      for (const k of Object.keys(full) as (keyof typeof full)[]) expect(Object.is(quick![k], full[k]), k).toBe(true);
    },
  );
  test.prop([
    fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 7 }),
    fc.array(fc.array(fc.oneof(fc.nat(), fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER)), { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 1, max: 8 }),
  ])("a seed pool extended fork by fork gives seedSequenceState of the whole path, bit for bit (how Rng.fork seeds its streams)", (run, keys, nWords) => {
    let pool = seedPool(run);
    expect(Array.from(seedPoolState(pool, nWords))).toEqual(Array.from(seedSequenceState(run, [], nWords)));
    const key: number[] = [];
    for (const part of keys) {
      for (const k of part) { pool = extendSeedPool(pool, integerWords(k)); key.push(k); }
      expect(Array.from(seedPoolState(pool, nWords))).toEqual(Array.from(seedSequenceState(run, key, nWords)));
    }
  });
  test.prop([fc.nat(), fc.nat(300)])("rng fill gives the values of successive next() calls", (seed, n) => {
    const a = createRng(seed), b = createRng(seed);
    const filled = a.fill(new Float64Array(n));
    for (let i = 0; i < n; i++) expect(filled[i]).toBe(b.next());
    expect(a.next()).toBe(b.next());
  });
});

describe("quantile sketch", () => {
  // Values of every sign and many magnitudes (a cent to 10^12 cents), with runs of equal values.
  const magnitude = fc.tuple(fc.double({ min: 0, max: 12, noNaN: true }), fc.boolean()).map(([e, neg]) => (neg ? -1 : 1) * 10 ** e);
  const values = fc.array(fc.oneof(magnitude, fc.constantFrom(0, 0.4, -0.7, 1, 1e6), fc.double({ min: -1e9, max: 1e9, noNaN: true })), { minLength: 1, maxLength: 600 });
  const ps = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];

  test.prop([values, unit])(
    "a sketch's percentile is within the stated error of the exact type-7 percentile: 0.1 % of the larger of the two order statistics it lies between, plus a cent",
    (xs, q) => {
      const data = Float64Array.from(xs);
      const s = new QuantileSketch();
      s.addAll(data);
      const sorted = data.slice().sort();
      for (const p of [...ps, q]) {
        const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
        const bound = SKETCH_RELATIVE_ERROR * Math.max(Math.abs(sorted[lo]!), Math.abs(sorted[hi]!)) * (1 + 1e-9) + s.floor;
        expect(Math.abs(s.quantile(p) - percentileSorted(sorted, p))).toBeLessThanOrEqual(bound);
      }
    },
  );

  test.prop([values, fc.array(fc.nat(), { maxLength: 8 }), fc.nat()])(
    "a sketch is the same whatever order its values arrive in and its parts merge in (bit for bit)",
    (xs, cuts, seed) => {
      const data = Float64Array.from(xs);
      const whole = new QuantileSketch();
      whole.addAll(data);
      // Cut into parts, sketch each, merge them in a shuffled order.
      const at = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
      const bounds = [0, ...at, data.length];
      const parts = bounds.slice(1).map((end, i) => { const p = new QuantileSketch(); p.addAll(data, bounds[i]!, end); return p; });
      const rng = createRng(seed);
      for (let i = parts.length - 1; i > 0; i--) { const j = rng.nextInt(i + 1); [parts[i], parts[j]] = [parts[j]!, parts[i]!]; }
      const merged = parts.reduce((a, b) => { a.merge(b); return a; }, new QuantileSketch());
      for (const p of ps) expect(Object.is(merged.quantile(p), whole.quantile(p))).toBe(true);
    },
  );

  test.prop([values])("a sketch's percentiles are non-decreasing in p and lie within [min, max]", (xs) => {
    const s = new QuantileSketch();
    s.addAll(Float64Array.from(xs));
    const q = ps.map((p) => s.quantile(p));
    expect(q.every((v, i) => i === 0 || v >= q[i - 1]!)).toBe(true);
    expect(q[0]).toBe(Math.min(...xs));
    expect(q.at(-1)).toBe(Math.max(...xs));
  });
});
