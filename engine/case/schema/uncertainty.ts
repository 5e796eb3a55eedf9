/**
 * Case-level settings of the uncertainty analysis: correlations between uncertain parameters,
 * simulation defaults, and named scenarios. The distributions themselves sit on the parameters
 * (`parameters.x.distribution`, see parameter.ts); what they mean is in engine/uncertainty.
 */
import { z } from "zod";
import { Id, localText } from "./common.ts";

/** One rank (Spearman) correlation between two uncertain parameters. */
export const CorrelationPair = z.object({
  parameters: z.tuple([Id, Id]),
  rank: z.number().min(-1).max(1),
}).strict();

/** A full rank-correlation matrix over the listed parameters (symmetric, unit diagonal, positive semi-definite). */
export const CorrelationMatrixSpec = z.object({
  parameters: z.array(Id).min(2),
  matrix: z.array(z.array(z.number())),
}).strict();

/**
 * Rank correlations, as a list of pairs (pairs not listed are uncorrelated) or as a matrix.
 * Either way the engine checks that the whole is a proper correlation matrix.
 */
export const Correlations = z.union([z.array(CorrelationPair), CorrelationMatrixSpec]);
export type Correlations = z.infer<typeof Correlations>;

/** Defaults for `bcase simulate` and the notebooks; options given on a run win. */
export const SimulationDefaults = z.object({
  samples: z.number().int().min(1).max(10_000_000).optional(),
  seed: z.union([z.number(), z.string()]).optional(),
  /** Latin hypercube sampling (stratified per chunk of samples). */
  lhs: z.boolean().optional(),
}).strict();
export type SimulationDefaults = z.infer<typeof SimulationDefaults>;

/** A scenario value: a number, or a percentile of the parameter's distribution such as `p10` or `p90`. */
export const ScenarioValue = z.union([z.number(), z.string().regex(/^p(\d{1,2}(\.\d+)?|100)$/)]);

/** A named set of parameter overrides (pessimistic, optimistic, ...); other parameters keep their base values. */
export const Scenario = z.object({
  label: localText().optional(),
  description: localText().optional(),
  parameters: z.record(Id, ScenarioValue),
}).strict();
export type Scenario = z.infer<typeof Scenario>;
