/**
 * Public API of the uncertainty engine: seeded random streams, distributions
 * sampled by inverse transform, Latin hypercube stratification, Iman-Conover
 * rank correlation and summary statistics. All of it is pure (no I/O, no
 * clock, no global random source) and works on Float64Array columns.
 *
 * A Monte Carlo run with n iterations and k uncertain inputs is typically:
 *   const rng = createRng(seed);
 *   const u = latinHypercube(n, k, rng.fork(0));           // or rng.fill per column
 *   const x = u.map((col, j) => sampleInto(specs[j], col, new Float64Array(n)));
 *   const xc = imanConover(x, correlation, rng.fork(1));    // if inputs are correlated
 *   ... evaluate the case per iteration, then summarize(results).
 */

export { createRng, type Rng } from "./rng.ts";
export { normalQuantile } from "./normal.ts";
export {
  distributionSchema,
  pointSchema,
  uniformSchema,
  triangularSchema,
  pertSchema,
  normalSchema,
  lognormalSchema,
  betaSchema,
  discreteSchema,
  PERT_DEFAULT_LAMBDA,
  validateDistribution,
  quantile,
  sampleInto,
  mean,
  variance,
  pointValue,
  describe,
  type DistributionSpec,
  type DistributionType,
  type PointSpec,
  type UniformSpec,
  type TriangularSpec,
  type PertSpec,
  type NormalSpec,
  type LognormalSpec,
  type BetaSpec,
  type DiscreteSpec,
} from "./distributions.ts";
export { latinHypercube } from "./lhs.ts";
export {
  validateCorrelation,
  imanConover,
  spearman,
  pearson,
  MATRIX_TOLERANCE,
  PSD_TOLERANCE,
  type CorrelationMatrix,
} from "./correlation.ts";
export { QuantileSketch, RELATIVE_ERROR as SKETCH_RELATIVE_ERROR } from "./sketch.ts";
export { summarize, summarizeByBuckets, percentileSorted, downsampleSorted, orderedForPercentiles, type Summary } from "./stats.ts";
export { regularizedIncompleteBeta, inverseRegularizedIncompleteBeta } from "./incompleteBeta.ts";
export type { Problem, Result } from "./result.ts";
