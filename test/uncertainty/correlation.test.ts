import { describe, expect, test } from "vitest";
import {
  createRng,
  imanConover,
  latinHypercube,
  sampleInto,
  spearman,
  validateCorrelation,
  type DistributionSpec,
} from "../../engine/uncertainty/index.ts";
import { correlationTarget as target } from "./helpers.ts";

// Property tests (determinism, Spearman range) are in properties.test.ts.

const marginals: DistributionSpec[] = [
  { type: "pert", min: 10, mode: 20, max: 60 },
  { type: "lognormal", p5: 1, p95: 20 },
  { type: "normal", mean: 0, sd: 1 },
];

describe("Iman-Conover", () => {
  test("achieves the target Spearman correlations within 0.03 for n = 10k, 3 variables", () => {
    const n = 10_000;
    const rng = createRng(42);
    const u = latinHypercube(n, 3, rng.fork(0));
    const x = u.map((col, j) => sampleInto(marginals[j]!, col, new Float64Array(n)));
    const y = imanConover(x, target, rng.fork(1));
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) expect(Math.abs(spearman(y[i]!, y[j]!) - target[i]![j]!)).toBeLessThan(0.03);
    }
  });

  test("strong and negative targets are met too (0.9, -0.7, -0.5)", () => {
    const strong = [
      [1, 0.9, -0.7],
      [0.9, 1, -0.5],
      [-0.7, -0.5, 1],
    ];
    const n = 10_000;
    const rng = createRng(7);
    const x = [0, 1, 2].map(() => rng.fill(new Float64Array(n)));
    const y = imanConover(x, strong, rng.fork(9));
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) expect(Math.abs(spearman(y[i]!, y[j]!) - strong[i]![j]!)).toBeLessThan(0.03);
    }
  });

  test("each output column is a permutation of its input column (marginals unchanged)", () => {
    const n = 2000;
    const x = latinHypercube(n, 3, createRng(5)).map((col, j) => sampleInto(marginals[j]!, col, new Float64Array(n)));
    const y = imanConover(x, target, createRng(6));
    for (let j = 0; j < 3; j++) expect(Array.from(y[j]!.slice().sort())).toEqual(Array.from(x[j]!.slice().sort()));
  });

  test("a singular target (perfect correlation) gives identical rank orders", () => {
    const n = 1000;
    const rng = createRng(8);
    const x = [rng.fill(new Float64Array(n)), rng.fill(new Float64Array(n))];
    const y = imanConover(x, [[1, 1], [1, 1]], rng);
    expect(spearman(y[0]!, y[1]!)).toBeGreaterThan(0.999);
  });

  test("shape mismatches are programming errors (RangeError)", () => {
    expect(() => imanConover([new Float64Array(3)], target, createRng(1))).toThrow(RangeError);
  });
});

describe("spearman", () => {
  test("known values: monotone = 1, reversed = -1, ties get midranks, constant = NaN", () => {
    const a = Float64Array.of(1, 2, 3, 4, 5);
    expect(spearman(a, Float64Array.of(2, 4, 8, 16, 1000))).toBeCloseTo(1, 15);
    expect(spearman(a, Float64Array.of(5, 4, 3, 2, 1))).toBeCloseTo(-1, 15);
    // ranks of b with ties: [1, 2.5, 2.5, 4, 5]; their Pearson correlation with [1..5] is 9.5 / sqrt(10 * 9.5).
    expect(spearman(a, Float64Array.of(1, 2, 2, 3, 4))).toBeCloseTo(9.5 / Math.sqrt(10 * 9.5), 14);
    expect(spearman(a, Float64Array.of(7, 7, 7, 7, 7))).toBeNaN();
  });
});

describe("validateCorrelation", () => {
  test("an asymmetric matrix is rejected at the offending entry", () => {
    expect(validateCorrelation([[1, 0.5], [0.4, 1]])).toEqual({
      ok: false,
      problems: [{ path: "correlation[0][1]", message: "0.5 differs from correlation[1][0] = 0.4; the matrix must be symmetric" }],
    });
  });

  test("a non-positive-semi-definite matrix is rejected as a whole, under the given path", () => {
    const r = validateCorrelation([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]], "inputs.correlation");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]!.path).toBe("inputs.correlation");
      expect(r.problems[0]!.message).toMatch(/not positive semi-definite/);
    }
  });

  test("every structural problem is listed with its path", () => {
    const r = validateCorrelation([[1, 2, 0], [2, 0.5, "x"], [0, 0, 1, 0]]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
        "correlation[0][1]: 2 is outside [-1, 1]",
        "correlation[1][0]: 2 is outside [-1, 1]",
        "correlation[1][1]: diagonal entries must be 1, got 0.5",
        "correlation[1][2]: must be a finite number",
        "correlation[2]: has 4 entries but the matrix has 3 rows; it must be square",
      ]);
    }
    expect(validateCorrelation("nope")).toEqual({
      ok: false,
      problems: [{ path: "correlation", message: "must be a square matrix: an array of rows of numbers" }],
    });
  });

  test("valid matrices pass, including singular ones", () => {
    expect(validateCorrelation(target).ok).toBe(true);
    expect(validateCorrelation([[1, 1], [1, 1]]).ok).toBe(true);
    expect(validateCorrelation([[1, -1, 1], [-1, 1, -1], [1, -1, 1]]).ok).toBe(true);
    expect(validateCorrelation([]).ok).toBe(true);
  });
});
