import { describe, expect, test } from "vitest";
import { downsampleSorted, percentileSorted, summarize } from "../../engine/uncertainty/index.ts";

// Property tests (ordered percentiles, probability range, CDF points) are in properties.test.ts.

describe("summarize", () => {
  test("known small example (NumPy: percentile with the linear method, std with ddof = 1)", () => {
    const s = summarize(Float64Array.of(3, 1, 4, 1, 5, 9, 2, 6));
    expect(s.n).toBe(8);
    expect(s.mean).toBe(3.875);
    expect(s.sd).toBeCloseTo(2.748376143938713, 14);
    expect([s.p5, s.p10, s.p50]).toEqual([1, 1, 3.5]);
    expect(s.p90).toBeCloseTo(6.9, 14);
    expect(s.p95).toBeCloseTo(7.95, 14);
    expect([s.min, s.max]).toEqual([1, 9]);
    expect(s.probabilityBelowZero).toBe(0);
  });

  test("known example with negatives: probability below zero counts strictly negative samples", () => {
    const s = summarize(Float64Array.of(-2, -1, 0, 1, 2, 10));
    expect(s.probabilityBelowZero).toBe(2 / 6);
    expect(s.p5).toBeCloseTo(-1.75, 14);
    expect(s.p10).toBeCloseTo(-1.5, 14);
    expect(s.p50).toBeCloseTo(0.5, 14);
    expect(s.p90).toBeCloseTo(6, 14);
    expect(s.p95).toBeCloseTo(8, 14);
    expect(s.sd).toBeCloseTo(4.320493798938574, 14);
  });

  test("single sample, empty input, NaN and infinite samples", () => {
    const one = summarize(Float64Array.of(4));
    expect([one.mean, one.sd, one.p5, one.p95]).toEqual([4, 0, 4, 4]);
    expect(summarize(new Float64Array(0)).n).toBe(0);
    expect(summarize(new Float64Array(0)).mean).toBeNaN();
    const withNaN = summarize(Float64Array.of(1, NaN, 3));
    expect([withNaN.mean, withNaN.p50, withNaN.probabilityBelowZero].every(Number.isNaN)).toBe(true);
    const withInfinity = summarize(Float64Array.of(1, Infinity, 3));
    expect([withInfinity.mean, withInfinity.sd, withInfinity.p50, withInfinity.max]).toEqual([Infinity, NaN, 3, Infinity]);
  });

  test("the compensated mean keeps digits a naive sum loses", () => {
    const xs = new Float64Array(1001);
    xs[0] = 1e16;
    xs.fill(1, 1);
    // exact mean (1e16 + 1000) / 1001; a naive left-to-right sum would drop every +1.
    expect(summarize(xs).mean).toBe((1e16 + 1000) / 1001);
  });
});

describe("percentileSorted and downsampleSorted", () => {
  test("type 7 interpolation on [10, 20, 30, 40]", () => {
    const x = Float64Array.of(10, 20, 30, 40);
    expect([0, 0.25, 0.5, 1].map((p) => percentileSorted(x, p))).toEqual([10, 17.5, 25, 40]);
    expect(percentileSorted(x, 1.5)).toBeNaN();
  });

  test("downsampleSorted gives n points from min to max with probabilities j / (n - 1)", () => {
    const sorted = Float64Array.from({ length: 101 }, (_, i) => i * 2);
    const { values, probabilities } = downsampleSorted(sorted, 5);
    expect(Array.from(probabilities)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(values)).toEqual([0, 50, 100, 150, 200]);
    expect(Array.from(downsampleSorted(Float64Array.of(1, 2, 3), 10).values)).toEqual([1, 2, 3]);
    expect(downsampleSorted(Float64Array.of(1, 2, 3), 0).values).toHaveLength(0);
  });
});
