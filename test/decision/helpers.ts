/** Known-answer building blocks for the decision tests: normal samples, the normal CDF, sample matrices by hand. */
import { createRng, normalQuantile } from "../../engine/uncertainty/index.ts";
import type { DecisionSamples } from "../../engine/decision/samples.ts";

/** n draws of N(mean, sd) from a seeded stream (inverse transform). */
export function normals(n: number, mean: number, sd: number, seed: number | string): Float64Array {
  const u = createRng(seed).fill(new Float64Array(n));
  return Float64Array.from(u, (x) => mean + sd * normalQuantile(x));
}

export function uniforms(n: number, seed: number | string): Float64Array {
  return createRng(seed).fill(new Float64Array(n));
}

/** Standard normal density and CDF (erfc by the Chebyshev fit of Numerical Recipes, |error| < 1.2e-7). */
export const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
export function Phi(z: number): number {
  const x = -z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const r = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  const erfc = x >= 0 ? r : 2 - r;
  return 0.5 * erfc;
}

/** E[max(0, X)] - max(0, mu) for X ~ N(mu, sd^2): the EVPI of a go/no-go decision with net benefit X. */
export function normalEvpi(mu: number, sd: number): number {
  return sd * phi(mu / sd) + mu * Phi(mu / sd) - Math.max(0, mu);
}

/** A sample matrix with one partner ("a") whose NPV under the status quo (and society's) is `npv`. */
export function matrix(parameters: Record<string, Float64Array>, npv: Float64Array, arrangements: Record<string, Float64Array> = {}): DecisionSamples {
  return {
    n: npv.length,
    parameters: Object.entries(parameters).map(([name, samples]) => ({ name, samples })),
    entities: [{ id: "a", name: "A" }, { id: "society", name: "Society" }],
    perspectives: [
      { id: "status-quo", name: "Status quo", npv: [npv, npv] },
      ...Object.entries(arrangements).map(([id, x]) => ({ id, name: id, npv: [x, npv] })),
    ],
  };
}
