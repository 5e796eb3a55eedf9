import { describe as group, expect, test } from "vitest";
import {
  createRng,
  describe,
  mean,
  pointValue,
  quantile,
  sampleInto,
  variance,
  type DistributionSpec,
} from "../../engine/uncertainty/index.ts";
import { moments } from "./helpers.ts";

// Property tests (monotone quantiles, support, sampleInto = quantile, p5/p95 round trip) are in properties.test.ts.

const N = 200_000;

/** One representative spec per type and parameterisation. */
const specs: DistributionSpec[] = [
  { type: "point", value: 3.5 },
  { type: "uniform", min: -2, max: 6 },
  { type: "triangular", min: 10, mode: 12, max: 30 },
  { type: "triangular", min: 0, mode: 0, max: 1 },
  { type: "pert", min: 100, mode: 150, max: 400 },
  { type: "pert", min: 0, mode: 0.8, max: 1, lambda: 10 },
  { type: "normal", mean: 5, sd: 2 },
  { type: "lognormal", mean: 1000, sd: 500 },
  { type: "lognormal", p5: 2, p95: 10 },
  { type: "beta", a: 2, b: 5 },
  { type: "beta", a: 0.5, b: 0.8 },
  { type: "beta", mean: 30, sd: 8, min: 10, max: 80 },
  { type: "discrete", values: [3, 1, 2], weights: [0.2, 0.5, 0] },
  { type: "discrete", values: [-1, 10, 4], weights: [1, 2, 7] },
];

group("moments", () => {
  test.each(specs.map((s) => [describe(s), s] as const))(
    "%s: mean and variance of 200k samples are within 5 standard errors of the analytic values",
    (_, spec) => {
      const u = createRng(20240601).fill(new Float64Array(N));
      const x = sampleInto(spec, u, new Float64Array(N));
      const m = moments(x);
      const mu = mean(spec);
      const v = variance(spec);
      // Standard errors: sd / sqrt(n) for the mean, sqrt((m4 - v^2) / n) for the variance.
      expect(Math.abs(m.mean - mu)).toBeLessThanOrEqual(5 * Math.sqrt(v / N) + 1e-12 * Math.abs(mu));
      expect(Math.abs(m.variance - v)).toBeLessThanOrEqual(5 * Math.sqrt(Math.max(0, m.m4 - v * v) / N) + 1e-12 * v);
    },
  );

  test("analytic means and variances of known cases", () => {
    expect(mean({ type: "pert", min: 100, mode: 150, max: 400 })).toBeCloseTo(1100 / 6, 12);
    expect(mean({ type: "triangular", min: 10, mode: 12, max: 30 })).toBeCloseTo(52 / 3, 12);
    expect(variance({ type: "uniform", min: -2, max: 6 })).toBeCloseTo(64 / 12, 12);
    expect(mean({ type: "beta", a: 2, b: 5 })).toBeCloseTo(2 / 7, 14);
    expect(variance({ type: "beta", a: 2, b: 5 })).toBeCloseTo(10 / (49 * 8), 14);
    expect(mean({ type: "discrete", values: [3, 1, 2], weights: [0.2, 0.5, 0] })).toBeCloseTo(1.1 / 0.7, 14);
    const mu = Math.log(20) / 2;
    const sigma = Math.log(5) / (2 * 1.6448536269514722);
    expect(mean({ type: "lognormal", p5: 2, p95: 10 })).toBeCloseTo(Math.exp(mu + sigma ** 2 / 2), 12);
  });

  test("pointValue is the mean, and the value of a point", () => {
    expect(pointValue({ type: "point", value: 7 })).toBe(7);
    expect(pointValue({ type: "pert", min: 0, mode: 1, max: 8 })).toBe(2);
    expect(pointValue({ type: "lognormal", mean: 12, sd: 3 })).toBe(12);
  });
});

group("quantile", () => {
  test("lognormal by p5/p95: the empirical percentiles of 200k samples match", () => {
    const spec: DistributionSpec = { type: "lognormal", p5: 2, p95: 10 };
    const x = sampleInto(spec, createRng(5).fill(new Float64Array(N)), new Float64Array(N)).sort();
    // The empirical 5% point has a binomial standard error of sqrt(0.05 * 0.95 / N) ~ 0.0005 in probability.
    expect(x[Math.floor(0.05 * N)]).toBeGreaterThan(quantile(spec, 0.05 - 0.0025));
    expect(x[Math.floor(0.05 * N)]).toBeLessThan(quantile(spec, 0.05 + 0.0025));
    expect(x[Math.floor(0.95 * N)]).toBeGreaterThan(quantile(spec, 0.95 - 0.0025));
    expect(x[Math.floor(0.95 * N)]).toBeLessThan(quantile(spec, 0.95 + 0.0025));
  });

  test("reference quantiles: normal 0.975, beta(2, 5) median, PERT and triangular closed forms, discrete", () => {
    expect(Math.abs(quantile({ type: "normal", mean: 0, sd: 1 }, 0.975) - 1.959963984540054)).toBeLessThan(1e-9);
    expect(Math.abs(quantile({ type: "beta", a: 2, b: 5 }, 0.5) - 0.26444998329566)).toBeLessThan(1e-12);
    // PERT(0, 1/2, 1) with lambda 4 is beta(3, 3), symmetric: median 1/2.
    expect(Math.abs(quantile({ type: "pert", min: 0, mode: 0.5, max: 1 }, 0.5) - 0.5)).toBeLessThan(1e-14);
    // Triangular(0, 0, 1): F(x) = 1 - (1 - x)^2, so the median is 1 - sqrt(1/2).
    expect(Math.abs(quantile({ type: "triangular", min: 0, mode: 0, max: 1 }, 0.5) - (1 - Math.SQRT1_2))).toBeLessThan(1e-15);
    // Discrete: sorted values 1 (0.5/0.7), 3 (0.2/0.7); the zero-weight 2 never occurs.
    const d: DistributionSpec = { type: "discrete", values: [3, 1, 2], weights: [0.2, 0.5, 0] };
    expect([0, 0.5, 5 / 7, 0.72, 1].map((u) => quantile(d, u))).toEqual([1, 1, 1, 3, 3]);
  });

  test("ends of the support at u = 0 and u = 1", () => {
    expect(quantile({ type: "normal", mean: 1, sd: 1 }, 0)).toBe(-Infinity);
    expect(quantile({ type: "lognormal", mean: 1, sd: 1 }, 0)).toBe(0);
    expect(quantile({ type: "lognormal", mean: 1, sd: 1 }, 1)).toBe(Infinity);
    expect(quantile({ type: "beta", mean: 30, sd: 8, min: 10, max: 80 }, 1)).toBe(80);
    expect(quantile({ type: "pert", min: 5, mode: 5, max: 5 }, 0.3)).toBe(5);
  });

  test("sampleInto rejects mismatched lengths (a programming error)", () => {
    expect(() => sampleInto({ type: "point", value: 1 }, new Float64Array(3), new Float64Array(2))).toThrow(RangeError);
  });
});

group("describe", () => {
  test.each([
    [{ type: "point", value: 3.5 }, "3.5"],
    [{ type: "pert", min: 100, mode: 150, max: 400 }, "PERT(100, 150, 400)"],
    [{ type: "pert", min: 0, mode: 1, max: 2, lambda: 6 }, "PERT(0, 1, 2; lambda 6)"],
    [{ type: "lognormal", p5: 2, p95: 10 }, "Lognormal(p5 2, p95 10)"],
    [{ type: "beta", mean: 30, sd: 8, min: 10, max: 80 }, "Beta(mean 30, sd 8) on [10, 80]"],
    [{ type: "discrete", values: [1, 2], weights: [1, 3] }, "Discrete(1: 25%, 2: 75%)"],
    [{ type: "normal", mean: 1 / 3, sd: 0.1 }, "Normal(mean 0.333333, sd 0.1)"],
  ] as [DistributionSpec, string][])("describe(%j) = %s", (spec, text) => {
    expect(describe(spec)).toBe(text);
  });
});
