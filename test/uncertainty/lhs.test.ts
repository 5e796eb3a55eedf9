import { describe, expect, test } from "vitest";
import { createRng, latinHypercube, quantile, sampleInto } from "../../engine/uncertainty/index.ts";

// Property tests (one sample per stratum, determinism) are in properties.test.ts.

describe("latinHypercube", () => {
  test("dimensions are permuted independently (near-zero correlation between columns)", () => {
    const [a, b] = latinHypercube(10_000, 2, createRng(3));
    let s = 0;
    for (let i = 0; i < 10_000; i++) s += (a![i]! - 0.5) * (b![i]! - 0.5);
    const correlation = s / 10_000 / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(0.05); // 5 standard errors of 1/sqrt(n)
  });

  test("stratified samples of a distribution have one value per quantile interval", () => {
    const n = 1000;
    const spec = { type: "pert", min: 0, mode: 3, max: 10 } as const;
    const [u] = latinHypercube(n, 1, createRng(11));
    const x = sampleInto(spec, u!, new Float64Array(n)).sort();
    let bad = 0;
    for (let s = 0; s < n; s++) if (!(x[s]! >= quantile(spec, s / n) && x[s]! <= quantile(spec, (s + 1) / n))) bad++;
    expect(bad).toBe(0);
  });

  test("bad counts are programming errors (RangeError)", () => {
    expect(() => latinHypercube(-1, 2, createRng(1))).toThrow(RangeError);
    expect(() => latinHypercube(10, 1.5, createRng(1))).toThrow(RangeError);
  });
});
