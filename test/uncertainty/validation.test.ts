import { describe, expect, test } from "vitest";
import { z } from "zod";
import { distributionSchema, validateDistribution, type Problem } from "../../engine/uncertainty/index.ts";

/** Problems as "path: message" lines, sorted, for exact comparison. */
function problemsOf(input: unknown, path?: string): string[] {
  const r = validateDistribution(input, path);
  if (r.ok) return [];
  return r.problems.map((p: Problem) => `${p.path}: ${p.message}`).sort();
}

describe("validateDistribution reports every problem with its path", () => {
  test("normal: a non-number mean and a negative sd are both reported", () => {
    expect(problemsOf({ type: "normal", mean: "5", sd: -1 })).toEqual([
      "distribution.mean: mean must be a finite number",
      'distribution.sd: sd must be greater than 0 (use type "point" for a fixed value)',
    ]);
  });

  test("a custom base path prefixes every problem", () => {
    expect(problemsOf({ type: "normal", mean: 1, sd: 0 }, "costs[2].distribution")).toEqual([
      'costs[2].distribution.sd: sd must be greater than 0 (use type "point" for a fixed value)',
    ]);
  });

  test("min > max, mode outside the range, a bad lambda, unknown fields", () => {
    expect(problemsOf({ type: "uniform", min: 3, max: 1, extra: true })).toEqual([
      'distribution.extra: unknown field "extra"',
      "distribution.min: min (3) must not be greater than max (1)",
    ]);
    expect(problemsOf({ type: "triangular", min: 5, mode: 9, max: 3 })).toEqual([
      "distribution.min: min (5) must not be greater than max (3)",
    ]);
    expect(problemsOf({ type: "pert", min: 1, mode: 9, max: 3, lambda: 0 })).toEqual([
      "distribution.lambda: lambda must be greater than 0",
      "distribution.mode: mode (9) must lie between min (1) and max (3)",
    ]);
  });

  test("lognormal: p5 <= 0 and p95 <= p5 are reported together", () => {
    expect(problemsOf({ type: "lognormal", p5: 0, p95: -1 })).toEqual([
      "distribution.p5: p5 must be greater than 0 (a lognormal variable is positive)",
      "distribution.p95: p95 (-1) must be greater than p5 (0)",
      "distribution.p95: p95 must be greater than 0 (a lognormal variable is positive)",
    ]);
    expect(problemsOf({ type: "lognormal", p5: 10, p95: 3 })).toEqual([
      "distribution.p95: p95 (3) must be greater than p5 (10)",
    ]);
  });

  test("lognormal: parameter pairs must be complete and not mixed", () => {
    expect(problemsOf({ type: "lognormal", mean: 5 })).toEqual(["distribution.sd: sd is required together with mean"]);
    expect(problemsOf({ type: "lognormal", mean: 5, sd: 1, p5: 2 })).toEqual([
      "distribution: lognormal: give either {mean, sd} (of the variable itself) or {p5, p95} (its 90% interval), not both",
    ]);
    expect(problemsOf({ type: "lognormal" })).toEqual([
      "distribution: lognormal needs either {mean, sd} (of the variable itself) or {p5, p95} (its 90% interval)",
    ]);
  });

  test("beta: impossible mean/sd, mean outside the range, empty range", () => {
    expect(problemsOf({ type: "beta", mean: 0.5, sd: 0.5 })).toEqual([
      "distribution.sd: sd (0.5) is impossible for a beta with mean 0.5 on [0, 1]: it must be below 0.5 (sd^2 < mean(1 - mean) on the unit scale)",
    ]);
    expect(problemsOf({ type: "beta", mean: 30, sd: 32, min: 10, max: 80 })).toEqual([
      "distribution.sd: sd (32) is impossible for a beta with mean 30 on [10, 80]: it must be below 31.6228 (sd^2 < mean(1 - mean) on the unit scale)",
    ]);
    expect(problemsOf({ type: "beta", mean: 1.5, sd: 0.1 })).toEqual([
      "distribution.mean: mean (1.5) must lie strictly between min (0) and max (1)",
    ]);
    expect(problemsOf({ type: "beta", a: 2, b: 3, min: 5 })).toEqual([
      "distribution.min: max must be greater than min; the range is [5, 1] (0 and 1 are the defaults)",
    ]);
    expect(problemsOf({ type: "beta", a: -2, b: 0, sd: 1 })).toEqual([
      "distribution.a: a must be greater than 0",
      "distribution.b: b must be greater than 0",
      "distribution: beta: give either {a, b} (shape parameters) or {mean, sd} (of the variable itself), not both",
    ]);
  });

  test("discrete: negative weights, length mismatch, all-zero weights, no values", () => {
    expect(problemsOf({ type: "discrete", values: [1, 2, 3], weights: [0, -1] })).toEqual([
      "distribution.weights: weights has 2 entries but values has 3; they must match one to one",
      "distribution.weights[1]: weight must not be negative",
    ]);
    expect(problemsOf({ type: "discrete", values: [1, 2], weights: [0, 0] })).toEqual([
      "distribution.weights: weights must not all be zero",
    ]);
    expect(problemsOf({ type: "discrete", values: [], weights: [] })).toEqual([
      "distribution.values: values must not be empty",
    ]);
  });

  test("unknown type and non-objects", () => {
    const types = "point, uniform, triangular, pert, normal, lognormal, beta, discrete";
    expect(problemsOf({ type: "gamma", shape: 2 })).toEqual([`distribution.type: type must be one of: ${types}`]);
    expect(problemsOf(null)).toEqual([`distribution: a distribution must be an object with a "type" field (${types})`]);
    expect(problemsOf({ type: "normal", mean: Infinity, sd: NaN })).toEqual([
      "distribution.mean: mean must be a finite number",
      "distribution.sd: sd must be a finite number",
    ]);
  });

  test("valid specs pass unchanged, degenerate ranges are allowed", () => {
    for (const spec of [
      { type: "pert", min: 5, mode: 5, max: 5 },
      { type: "uniform", min: 2, max: 2 },
      { type: "lognormal", p5: 1, p95: 3 },
      { type: "beta", mean: 0.2, sd: 0.1 },
      { type: "discrete", values: [1, 2], weights: [0, 3] },
    ]) {
      expect(validateDistribution(spec)).toEqual({ ok: true, value: spec });
    }
  });

  test("the schema converts to JSON Schema (for the case-file schema export)", () => {
    const json = z.toJSONSchema(distributionSchema) as { oneOf?: unknown[] };
    expect(json.oneOf).toHaveLength(8);
  });
});
