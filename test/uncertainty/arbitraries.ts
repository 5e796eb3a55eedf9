/** fast-check arbitraries for well-formed distribution specs (used by properties.test.ts). */
import { fc } from "@fast-check/vitest";
import type { DistributionSpec } from "../../engine/uncertainty/index.ts";

const moderate = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const sorted3 = fc.tuple(moderate, moderate, moderate).map((t) => [...t].sort((p, q) => p - q) as [number, number, number]);

export const pointArb = moderate.map((value): DistributionSpec => ({ type: "point", value }));
export const uniformArb = sorted3.map(([min, , max]): DistributionSpec => ({ type: "uniform", min, max }));
export const triangularArb = sorted3.map(([min, mode, max]): DistributionSpec => ({ type: "triangular", min, mode, max }));
export const pertArb = fc
  .tuple(sorted3, fc.option(fc.double({ min: 0.1, max: 20, noNaN: true }), { nil: undefined }))
  .map(([[min, mode, max], lambda]): DistributionSpec =>
    lambda === undefined ? { type: "pert", min, mode, max } : { type: "pert", min, mode, max, lambda },
  );
export const normalArb = fc
  .tuple(moderate, fc.double({ min: 1e-6, max: 1e6, noNaN: true }))
  .map(([mean, sd]): DistributionSpec => ({ type: "normal", mean, sd }));
export const lognormalArb = fc.oneof(
  fc
    .tuple(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true }))
    .map(([mean, cv]): DistributionSpec => ({ type: "lognormal", mean, sd: mean * cv })),
  fc
    .tuple(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1.01, max: 100, noNaN: true }))
    .map(([p5, ratio]): DistributionSpec => ({ type: "lognormal", p5, p95: p5 * ratio })),
);
export const betaArb = fc.oneof(
  fc
    .tuple(fc.double({ min: 0.1, max: 50, noNaN: true }), fc.double({ min: 0.1, max: 50, noNaN: true }))
    .map(([a, b]): DistributionSpec => ({ type: "beta", a, b })),
  fc
    .tuple(
      moderate,
      fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      fc.double({ min: 0.02, max: 0.98, noNaN: true }),
      fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    )
    .map(([min, width, m, sdFraction]): DistributionSpec => ({
      type: "beta",
      mean: min + m * width,
      sd: sdFraction * Math.sqrt(m * (1 - m)) * width,
      min,
      max: min + width,
    })),
);
export const discreteArb = fc
  .array(fc.tuple(moderate, fc.double({ min: 0, max: 10, noNaN: true })), { minLength: 1, maxLength: 8 })
  .map((pairs): DistributionSpec => ({
    type: "discrete",
    values: pairs.map(([v]) => v),
    // make sure at least one weight is positive
    weights: pairs.map(([, w], i) => (i === 0 ? w + 1 : w)),
  }));

/** Valid specs whose quantile is exactly monotone by construction. */
export const exactlyMonotoneSpecArb = fc.oneof(pointArb, uniformArb, triangularArb, pertArb, betaArb, discreteArb);
export const anySpecArb = fc.oneof(exactlyMonotoneSpecArb, normalArb, lognormalArb);
