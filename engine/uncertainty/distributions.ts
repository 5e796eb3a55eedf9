/**
 * Probability distributions for uncertain inputs: a zod schema for the spec
 * (as written in a case file), and the numerical operations on a spec.
 *
 * Conventions
 * - Every distribution is sampled by inverse transform, `quantile(dist, u)`,
 *   so Latin hypercube strata and Iman-Conover rank reordering apply to all.
 * - `quantile` takes u in [0, 1]: u = 0 and u = 1 give the ends of the support
 *   (possibly -Infinity / +Infinity for normal and lognormal), u outside [0, 1]
 *   or NaN gives NaN. The seeded uniforms are in (0, 1), so samples are finite.
 * - `quantile` is non-decreasing in u. It is exactly monotone (by
 *   construction, no rounding exceptions) for point, uniform, triangular,
 *   PERT, beta and discrete; for normal and lognormal it inherits AS 241's
 *   rounding (relative ~1e-16) between neighbouring doubles.
 * - The numerical functions assume a spec that passed `validateDistribution`
 *   (or `distributionSchema`); on an invalid spec they return NaN or garbage
 *   rather than throwing.
 * - Degenerate ranges (min = max for uniform, triangular, PERT) are allowed
 *   and behave as a point at min.
 * - Determinism: uses Math.sqrt/exp/log (see normal.ts for cross-engine notes).
 */

import { z } from "zod";
import { IncompleteBeta } from "./incompleteBeta.ts";
import { normalQuantile } from "./normal.ts";
import { joinPath, type Problem, type Result } from "./result.ts";

/** PERT shape parameter when a spec leaves `lambda` out (the classic PERT weighting). */
export const PERT_DEFAULT_LAMBDA = 4;

// ---------------------------------------------------------------------------
// Schema

/** Refinements run even when other fields failed, so one pass reports every problem. */
const ALWAYS = { when: () => true };

const finite = (field: string) => z.number({ error: `${field} must be a finite number` });
const positive = (field: string, why = "") =>
  finite(field).gt(0, { error: `${field} must be greater than 0${why}` });

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Short, locale-independent rendering of a number for messages and descriptions. */
function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

type Ctx = z.RefinementCtx;

function issue(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.addIssue({ code: "custom", path, message });
}

/** Reports min > max at `min`; returns whether [min, max] is a usable range. */
function checkRange(v: { min?: unknown; max?: unknown }, ctx: Ctx): boolean {
  if (!isFiniteNumber(v.min) || !isFiniteNumber(v.max)) return false;
  if (v.min > v.max) {
    issue(ctx, ["min"], `min (${fmt(v.min)}) must not be greater than max (${fmt(v.max)})`);
    return false;
  }
  return true;
}

function checkMode(v: { min?: unknown; mode?: unknown; max?: unknown }, ctx: Ctx): void {
  if (!checkRange(v, ctx) || !isFiniteNumber(v.mode)) return;
  const { min, max, mode } = v as { min: number; max: number; mode: number };
  if (mode < min || mode > max) {
    issue(ctx, ["mode"], `mode (${fmt(mode)}) must lie between min (${fmt(min)}) and max (${fmt(max)})`);
  }
}

/**
 * Exactly one of two parameter pairs must be given, completely. `first` and
 * `second` name the pairs; problems go to the missing field or the whole spec.
 */
function checkOneParameterPair(
  v: Record<string, unknown>,
  ctx: Ctx,
  kind: string,
  first: readonly [string, string, string],
  second: readonly [string, string, string],
): "first" | "second" | undefined {
  const has = (k: string) => v[k] !== undefined;
  const hasFirst = has(first[0]) || has(first[1]);
  const hasSecond = has(second[0]) || has(second[1]);
  const options = `either {${first[0]}, ${first[1]}} (${first[2]}) or {${second[0]}, ${second[1]}} (${second[2]})`;
  if (hasFirst && hasSecond) {
    issue(ctx, [], `${kind}: give ${options}, not both`);
    return undefined;
  }
  if (!hasFirst && !hasSecond) {
    issue(ctx, [], `${kind} needs ${options}`);
    return undefined;
  }
  const [a, b] = hasFirst ? first : second;
  let complete = true;
  if (!has(a)) {
    issue(ctx, [a], `${a} is required together with ${b}`);
    complete = false;
  }
  if (!has(b)) {
    issue(ctx, [b], `${b} is required together with ${a}`);
    complete = false;
  }
  if (!complete) return undefined;
  return hasFirst ? "first" : "second";
}

export const pointSchema = z.strictObject({
  type: z.literal("point"),
  value: finite("value"),
});

export const uniformSchema = z
  .strictObject({ type: z.literal("uniform"), min: finite("min"), max: finite("max") })
  .superRefine((v, ctx) => void checkRange(v, ctx), ALWAYS);

export const triangularSchema = z
  .strictObject({ type: z.literal("triangular"), min: finite("min"), mode: finite("mode"), max: finite("max") })
  .superRefine((v, ctx) => checkMode(v, ctx), ALWAYS);

/**
 * PERT: a beta on [min, max] with shape a = 1 + lambda (mode - min) / (max - min),
 * b = 1 + lambda (max - mode) / (max - min), so mean = (min + lambda mode + max) / (lambda + 2).
 */
export const pertSchema = z
  .strictObject({
    type: z.literal("pert"),
    min: finite("min"),
    mode: finite("mode"),
    max: finite("max"),
    lambda: positive("lambda").optional(),
  })
  .superRefine((v, ctx) => checkMode(v, ctx), ALWAYS);

export const normalSchema = z.strictObject({
  type: z.literal("normal"),
  mean: finite("mean"),
  sd: positive("sd", ' (use type "point" for a fixed value)'),
});

/**
 * Lognormal, parameterised either by the mean and sd *of the variable itself*
 * (not of its log), or by its 5th and 95th percentiles (a 90% interval).
 */
export const lognormalSchema = z
  .strictObject({
    type: z.literal("lognormal"),
    mean: positive("mean", " (a lognormal variable is positive)").optional(),
    sd: positive("sd", ' (use type "point" for a fixed value)').optional(),
    p5: positive("p5", " (a lognormal variable is positive)").optional(),
    p95: positive("p95", " (a lognormal variable is positive)").optional(),
  })
  .superRefine((v, ctx) => {
    const pair = checkOneParameterPair(
      v,
      ctx,
      "lognormal",
      ["mean", "sd", "of the variable itself"],
      ["p5", "p95", "its 90% interval"],
    );
    if (pair === "second" && isFiniteNumber(v.p5) && isFiniteNumber(v.p95) && v.p95 <= v.p5) {
      issue(ctx, ["p95"], `p95 (${fmt(v.p95)}) must be greater than p5 (${fmt(v.p5)})`);
    }
  }, ALWAYS);

/**
 * Beta on [min, max] (default [0, 1]), given either shape parameters {a, b} or
 * the mean and sd of the (scaled) variable itself.
 */
export const betaSchema = z
  .strictObject({
    type: z.literal("beta"),
    a: positive("a").optional(),
    b: positive("b").optional(),
    mean: finite("mean").optional(),
    sd: positive("sd", ' (use type "point" for a fixed value)').optional(),
    min: finite("min").optional(),
    max: finite("max").optional(),
  })
  .superRefine((v, ctx) => {
    const pair = checkOneParameterPair(
      v,
      ctx,
      "beta",
      ["a", "b", "shape parameters"],
      ["mean", "sd", "of the variable itself"],
    );
    const lo = v.min ?? 0;
    const hi = v.max ?? 1;
    if (!isFiniteNumber(lo) || !isFiniteNumber(hi)) return;
    if (!(lo < hi)) {
      const range = `[${fmt(lo)}, ${fmt(hi)}]${v.min === undefined || v.max === undefined ? " (0 and 1 are the defaults)" : ""}`;
      issue(ctx, [v.max !== undefined ? "max" : "min"], `max must be greater than min; the range is ${range}`);
      return;
    }
    if (pair !== "second" || !isFiniteNumber(v.mean)) return;
    if (!(v.mean > lo && v.mean < hi)) {
      issue(ctx, ["mean"], `mean (${fmt(v.mean)}) must lie strictly between min (${fmt(lo)}) and max (${fmt(hi)})`);
      return;
    }
    if (isFiniteNumber(v.sd) && v.sd > 0) {
      const limit = Math.sqrt((v.mean - lo) * (hi - v.mean));
      if (!(v.sd < limit)) {
        issue(
          ctx,
          ["sd"],
          `sd (${fmt(v.sd)}) is impossible for a beta with mean ${fmt(v.mean)} on [${fmt(lo)}, ${fmt(hi)}]: ` +
            `it must be below ${fmt(limit)} (sd^2 < mean(1 - mean) on the unit scale)`,
        );
      }
    }
  }, ALWAYS);

/** Finitely many values with relative weights (need not sum to 1; zero weights allowed). */
export const discreteSchema = z
  .strictObject({
    type: z.literal("discrete"),
    values: z.array(finite("value")).min(1, { error: "values must not be empty" }),
    weights: z.array(finite("weight").min(0, { error: "weight must not be negative" })),
  })
  .superRefine((v, ctx) => {
    const { values, weights } = v as { values: unknown; weights: unknown };
    if (!Array.isArray(weights)) return;
    if (Array.isArray(values) && values.length !== weights.length) {
      issue(
        ctx,
        ["weights"],
        `weights has ${weights.length} entries but values has ${values.length}; they must match one to one`,
      );
    }
    if (weights.length > 0 && weights.every((w) => isFiniteNumber(w) && w >= 0)) {
      const total = (weights as number[]).reduce((s, w) => s + w, 0);
      if (total === 0) issue(ctx, ["weights"], "weights must not all be zero");
      else if (!Number.isFinite(total)) issue(ctx, ["weights"], "weights are too large: their sum overflows");
    }
  }, ALWAYS);

const TYPES = "point, uniform, triangular, pert, normal, lognormal, beta, discrete";

export const distributionSchema = z.discriminatedUnion(
  "type",
  [pointSchema, uniformSchema, triangularSchema, pertSchema, normalSchema, lognormalSchema, betaSchema, discreteSchema],
  {
    error: (iss) =>
      iss.code === "invalid_union"
        ? `type must be one of: ${TYPES}`
        : iss.code === "invalid_type"
          ? `a distribution must be an object with a "type" field (${TYPES})`
          : undefined,
  },
);

export type PointSpec = z.infer<typeof pointSchema>;
export type UniformSpec = z.infer<typeof uniformSchema>;
export type TriangularSpec = z.infer<typeof triangularSchema>;
export type PertSpec = z.infer<typeof pertSchema>;
export type NormalSpec = z.infer<typeof normalSchema>;
export type LognormalSpec = z.infer<typeof lognormalSchema>;
export type BetaSpec = z.infer<typeof betaSchema>;
export type DiscreteSpec = z.infer<typeof discreteSchema>;
export type DistributionSpec = z.infer<typeof distributionSchema>;
export type DistributionType = DistributionSpec["type"];

/**
 * Parses `input` as a distribution spec. On failure lists every problem, with
 * paths under `path` (e.g. `costs[3].distribution.sd`).
 */
export function validateDistribution(input: unknown, path = "distribution"): Result<DistributionSpec> {
  const parsed = distributionSchema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: Problem[] = [];
  for (const iss of parsed.error.issues) {
    if (iss.code === "unrecognized_keys") {
      for (const key of iss.keys) problems.push({ path: joinPath(path, [...iss.path, key]), message: `unknown field "${key}"` });
    } else {
      problems.push({ path: joinPath(path, iss.path), message: iss.message });
    }
  }
  return { ok: false, problems };
}

// ---------------------------------------------------------------------------
// Derived parameters

/** The 95th percentile of the standard normal, as `quantile` computes it (so p5/p95 round-trip). */
const Z95 = normalQuantile(0.95);

/** ln-scale parameters: X = exp(mu + sigma Z). */
export function lognormalParameters(d: LognormalSpec): { mu: number; sigma: number } {
  if (d.p5 !== undefined && d.p95 !== undefined) {
    const lo = Math.log(d.p5);
    const hi = Math.log(d.p95);
    return { mu: (lo + hi) / 2, sigma: (hi - lo) / (2 * Z95) };
  }
  const mean = d.mean!;
  const cv = d.sd! / mean;
  const sigma2 = Math.log1p(cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** Shape and range of a beta or PERT spec (a, b NaN when the range is degenerate). */
function betaParameters(d: BetaSpec | PertSpec): { a: number; b: number; min: number; max: number } {
  if (d.type === "pert") {
    const lambda = d.lambda ?? PERT_DEFAULT_LAMBDA;
    const width = d.max - d.min;
    if (!(width > 0)) return { a: NaN, b: NaN, min: d.min, max: d.max };
    return {
      a: 1 + (lambda * (d.mode - d.min)) / width,
      b: 1 + (lambda * (d.max - d.mode)) / width,
      min: d.min,
      max: d.max,
    };
  }
  const min = d.min ?? 0;
  const max = d.max ?? 1;
  if (d.a !== undefined && d.b !== undefined) return { a: d.a, b: d.b, min, max };
  const width = max - min;
  const m = (d.mean! - min) / width;
  const s = d.sd! / width;
  const nu = (m * (1 - m)) / (s * s) - 1;
  return { a: m * nu, b: (1 - m) * nu, min, max };
}

/** Values with positive weight, sorted ascending, and their cumulative probabilities (last exactly 1). */
function discreteTable(d: DiscreteSpec): { values: Float64Array; cumulative: Float64Array } {
  const order: number[] = [];
  for (let i = 0; i < d.values.length; i++) if ((d.weights[i] ?? 0) > 0) order.push(i);
  order.sort((i, j) => d.values[i]! - d.values[j]! || i - j);
  const values = new Float64Array(order.length);
  const cumulative = new Float64Array(order.length);
  let total = 0;
  for (const i of order) total += d.weights[i]!;
  let running = 0;
  order.forEach((i, k) => {
    values[k] = d.values[i]!;
    running += d.weights[i]!;
    cumulative[k] = running / total;
  });
  if (order.length > 0) cumulative[order.length - 1] = 1;
  return { values, cumulative };
}

/** Smallest value whose cumulative probability reaches u (u in [0, 1]). */
function discreteQuantile(values: Float64Array, cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! >= u) hi = mid;
    else lo = mid + 1;
  }
  return values[lo]!;
}

function triangularQuantile(min: number, mode: number, max: number, u: number): number {
  const width = max - min;
  if (!(width > 0)) return min;
  const split = (mode - min) / width; // CDF at the mode
  if (u < split) return Math.min(mode, min + Math.sqrt(u * width * (mode - min)));
  return Math.max(mode, max - Math.sqrt((1 - u) * width * (max - mode)));
}

// ---------------------------------------------------------------------------
// Operations

/** Inverse CDF at u (see the file comment for the conventions at 0, 1 and outside). */
export function quantile(dist: DistributionSpec, u: number): number {
  if (!(u >= 0 && u <= 1)) return NaN;
  switch (dist.type) {
    case "point":
      return dist.value;
    case "uniform":
      return Math.min(dist.max, dist.min + (dist.max - dist.min) * u);
    case "triangular":
      return triangularQuantile(dist.min, dist.mode, dist.max, u);
    case "normal":
      return dist.mean + dist.sd * normalQuantile(u);
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(dist);
      return Math.exp(mu + sigma * normalQuantile(u));
    }
    case "pert":
    case "beta": {
      const { a, b, min, max } = betaParameters(dist);
      if (!(max > min)) return min;
      return Math.min(max, min + (max - min) * new IncompleteBeta(a, b).inverse(u));
    }
    case "discrete": {
      const { values, cumulative } = discreteTable(dist);
      return discreteQuantile(values, cumulative, u);
    }
  }
}

/**
 * `out[i] = quantile(dist, uniforms[i])` for every i, bit-identical to the
 * scalar function, with the per-distribution setup done once. `out` may be
 * `uniforms` itself. Returns `out`. Throws RangeError if the lengths differ
 * (a programming error).
 */
export function sampleInto(dist: DistributionSpec, uniforms: Float64Array, out: Float64Array): Float64Array {
  if (out.length !== uniforms.length) {
    throw new RangeError(`sampleInto: out has length ${out.length}, uniforms has ${uniforms.length}`);
  }
  const n = uniforms.length;
  switch (dist.type) {
    case "pert":
    case "beta": {
      const { a, b, min, max } = betaParameters(dist);
      if (!(max > min)) {
        for (let i = 0; i < n; i++) out[i] = quantile(dist, uniforms[i]!);
        return out;
      }
      new IncompleteBeta(a, b).inverseInto(uniforms, out);
      const width = max - min;
      for (let i = 0; i < n; i++) out[i] = Math.min(max, min + width * out[i]!);
      return out;
    }
    case "lognormal": {
      const { mu, sigma } = lognormalParameters(dist);
      for (let i = 0; i < n; i++) {
        const u = uniforms[i]!;
        out[i] = u >= 0 && u <= 1 ? Math.exp(mu + sigma * normalQuantile(u)) : NaN;
      }
      return out;
    }
    case "discrete": {
      const { values, cumulative } = discreteTable(dist);
      for (let i = 0; i < n; i++) {
        const u = uniforms[i]!;
        out[i] = u >= 0 && u <= 1 ? discreteQuantile(values, cumulative, u) : NaN;
      }
      return out;
    }
    default:
      for (let i = 0; i < n; i++) out[i] = quantile(dist, uniforms[i]!);
      return out;
  }
}

/** Analytic mean. */
export function mean(dist: DistributionSpec): number {
  switch (dist.type) {
    case "point":
      return dist.value;
    case "uniform":
      return (dist.min + dist.max) / 2;
    case "triangular":
      return (dist.min + dist.mode + dist.max) / 3;
    case "pert": {
      const lambda = dist.lambda ?? PERT_DEFAULT_LAMBDA;
      return (dist.min + lambda * dist.mode + dist.max) / (lambda + 2);
    }
    case "normal":
      return dist.mean;
    case "lognormal": {
      if (dist.mean !== undefined && dist.sd !== undefined) return dist.mean;
      const { mu, sigma } = lognormalParameters(dist);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
    case "beta": {
      if (dist.mean !== undefined && dist.sd !== undefined) return dist.mean;
      const { a, b, min, max } = betaParameters(dist);
      return min + ((max - min) * a) / (a + b);
    }
    case "discrete": {
      let total = 0;
      let sum = 0;
      dist.values.forEach((v, i) => {
        const w = dist.weights[i] ?? 0;
        total += w;
        sum += w * v;
      });
      return sum / total;
    }
  }
}

/** Analytic variance. */
export function variance(dist: DistributionSpec): number {
  switch (dist.type) {
    case "point":
      return 0;
    case "uniform": {
      const w = dist.max - dist.min;
      return (w * w) / 12;
    }
    case "triangular": {
      const { min: a, mode: c, max: b } = dist;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case "normal":
      return dist.sd * dist.sd;
    case "lognormal": {
      if (dist.mean !== undefined && dist.sd !== undefined) return dist.sd * dist.sd;
      const { mu, sigma } = lognormalParameters(dist);
      const s2 = sigma * sigma;
      return Math.expm1(s2) * Math.exp(2 * mu + s2);
    }
    case "pert":
    case "beta": {
      if (dist.type === "beta" && dist.mean !== undefined && dist.sd !== undefined) return dist.sd * dist.sd;
      const { a, b, min, max } = betaParameters(dist);
      if (!(max > min)) return 0;
      const w = max - min;
      return (w * w * a * b) / ((a + b) * (a + b) * (a + b + 1));
    }
    case "discrete": {
      const m = mean(dist);
      let total = 0;
      let sum = 0;
      dist.values.forEach((v, i) => {
        const w = dist.weights[i] ?? 0;
        total += w;
        sum += w * (v - m) * (v - m);
      });
      return sum / total;
    }
  }
}

/**
 * The value used for a deterministic base run: the mean, except that `point`
 * returns its value (the same thing). We choose the mean rather than the mode
 * or median because, for the linear cash-flow sums of a business case, the
 * base-run result then equals the expected result of the Monte Carlo run; a
 * mode-based base case is systematically optimistic or pessimistic for skewed
 * inputs. For `discrete` the mean need not be one of the listed values.
 */
export function pointValue(dist: DistributionSpec): number {
  return dist.type === "point" ? dist.value : mean(dist);
}

/** Short human-readable description, e.g. `PERT(10, 20, 40)` or `Lognormal(p5 2, p95 10)`. */
export function describe(dist: DistributionSpec): string {
  switch (dist.type) {
    case "point":
      return fmt(dist.value);
    case "uniform":
      return `Uniform(${fmt(dist.min)}, ${fmt(dist.max)})`;
    case "triangular":
      return `Triangular(${fmt(dist.min)}, ${fmt(dist.mode)}, ${fmt(dist.max)})`;
    case "pert": {
      const lambda = dist.lambda === undefined || dist.lambda === PERT_DEFAULT_LAMBDA ? "" : `; lambda ${fmt(dist.lambda)}`;
      return `PERT(${fmt(dist.min)}, ${fmt(dist.mode)}, ${fmt(dist.max)}${lambda})`;
    }
    case "normal":
      return `Normal(mean ${fmt(dist.mean)}, sd ${fmt(dist.sd)})`;
    case "lognormal":
      return dist.p5 !== undefined && dist.p95 !== undefined
        ? `Lognormal(p5 ${fmt(dist.p5)}, p95 ${fmt(dist.p95)})`
        : `Lognormal(mean ${fmt(dist.mean ?? NaN)}, sd ${fmt(dist.sd ?? NaN)})`;
    case "beta": {
      const params =
        dist.a !== undefined && dist.b !== undefined
          ? `a ${fmt(dist.a)}, b ${fmt(dist.b)}`
          : `mean ${fmt(dist.mean ?? NaN)}, sd ${fmt(dist.sd ?? NaN)}`;
      const min = dist.min ?? 0;
      const max = dist.max ?? 1;
      const range = min === 0 && max === 1 ? "" : ` on [${fmt(min)}, ${fmt(max)}]`;
      return `Beta(${params})${range}`;
    }
    case "discrete": {
      const total = dist.weights.reduce((s, w) => s + w, 0);
      const shown = dist.values.slice(0, 5).map((v, i) => `${fmt(v)}: ${fmt((100 * (dist.weights[i] ?? 0)) / total)}%`);
      const more = dist.values.length > 5 ? `, ... (${dist.values.length} values)` : "";
      return `Discrete(${shown.join(", ")}${more})`;
    }
  }
}
