/**
 * Cases with uncertainty for the simulator's property tests: the core's random cases
 * (test/arbitraries.ts) with distributions on their parameters (`base`, `volume`, `share`,
 * `price`), either point distributions at the base value or spreads around it.
 */
import { fc } from "@fast-check/vitest";
import type { CaseInput } from "../../engine/index.ts";
import type { DistributionSpec } from "../../engine/uncertainty/index.ts";
import { arbCase, arbCaseWithArrangements } from "../arbitraries.ts";

type Params = Record<string, number | string | { value?: number | string; unit?: string; distribution?: DistributionSpec }>;
const valueOf = (p: Params[string]): number => (typeof p === "object" ? Number(p.value) : Number(p));

/** Every parameter gets `distribution: { type: point, value: <its value> }`. */
export function withPointDistributions(c: CaseInput): CaseInput {
  const params = (c.parameters ?? {}) as Params;
  const out: Params = {};
  for (const [k, p] of Object.entries(params)) {
    const v = valueOf(p);
    out[k] = { ...(typeof p === "object" ? p : { value: v }), distribution: { type: "point", value: v } };
  }
  return { ...c, parameters: out } as CaseInput;
}

/** A spread around each parameter's value that contains it (so the base stays inside the range). */
const spread = (v: number): fc.Arbitrary<DistributionSpec> => {
  const w = Math.abs(v) * 0.5 + 1;
  return fc.constantFrom<DistributionSpec>(
    { type: "uniform", min: v - w, max: v + w },
    { type: "triangular", min: v - w, mode: v, max: v + 2 * w },
    { type: "pert", min: v - w, mode: v, max: v + w },
    { type: "normal", mean: v, sd: w / 2 },
    { type: "discrete", values: [v - w, v, v + w], weights: [1, 2, 1] },
  );
};

/** Spreads on every parameter of a case. */
const withSpreads = (c: CaseInput): fc.Arbitrary<CaseInput> => {
  const params = (c.parameters ?? {}) as Params;
  const names = Object.keys(params);
  return fc.tuple(...names.map((n) => {
    const v = valueOf(params[n]!);
    // `price` must stay positive enough to mean a price; `share` is a fraction only in quantity, so any spread works.
    return n === "price" ? fc.constant<DistributionSpec>({ type: "uniform", min: v / 2, max: v * 1.5 }) : spread(v);
  })).map((dists) => {
    const out: Params = {};
    names.forEach((n, i) => { const p = params[n]!; out[n] = { ...(typeof p === "object" ? p : { value: valueOf(p) }), distribution: dists[i]! }; });
    return { ...c, parameters: out } as CaseInput;
  });
};

export const arbUncertainCase: fc.Arbitrary<CaseInput> = arbCase.chain(withSpreads);
/** Random cases with arrangements and spreads on their parameters. */
export const arbUncertainCaseWithArrangements: fc.Arbitrary<CaseInput> = arbCaseWithArrangements.chain(withSpreads);

export const arbPointCaseWithArrangements = arbCaseWithArrangements.map(withPointDistributions);
export const arbPointCase = arbCase.map(withPointDistributions);

/** Spreads on some parameters of a case (a random subset), the others fixed: lines that read none of them do not move. */
const withSomeSpreads = (c: CaseInput): fc.Arbitrary<CaseInput> => {
  const params = (c.parameters ?? {}) as Params;
  return fc.subarray(Object.keys(params)).chain((names) => withSpreads({ ...c, parameters: Object.fromEntries(names.map((n) => [n, params[n]!])) } as CaseInput).map((spread) => ({
    ...c, parameters: { ...params, ...(spread.parameters as Params) },
  }) as CaseInput));
};
/** Random cases with arrangements and spreads on some of their parameters. */
export const arbPartlyUncertainCaseWithArrangements: fc.Arbitrary<CaseInput> = arbCaseWithArrangements.chain(withSomeSpreads);
