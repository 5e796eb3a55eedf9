/**
 * What a Monte Carlo run of a model samples and recomputes, worked out once: the uncertain
 * parameters (those with a `distribution`, point distributions included), their samplers, the
 * rank-correlation matrix over the correlated ones, the parameters derived from them (recomputed
 * per sample, in evaluation order), the base values of everything else, and the compiled kernel.
 */
import { parseFormula } from "../case/formula.ts";
import { parameterValues, type Model } from "../case/model.ts";
import { normaliseParameter } from "../case/schema/index.ts";
import type { DistributionSpec } from "../uncertainty/index.ts";
import { compileKernel, type Kernel } from "./kernel.ts";
import { compileLinearKernel, type LinearKernel } from "./linear.ts";
import { compileSampler, type Sampler } from "./sampler.ts";

export interface UncertainParameter {
  name: string;
  slot: number;
  distribution: DistributionSpec;
  /** The value deterministic runs use. */
  base: number;
}

export interface SimulationPlan {
  model: Model;
  /** Uncertain parameters, sorted by name (their column index is their position here). */
  uncertain: UncertainParameter[];
  samplers: Sampler[];
  /** The correlated columns (indices into `uncertain`) and their rank-correlation matrix. */
  correlated: { columns: number[]; matrix: number[][] } | null;
  /** Parameter values at base; sampled and derived slots are overwritten per sample. */
  base: Float64Array;
  /** Slots of parameters computed from uncertain ones, in evaluation order. */
  derived: Int32Array;
  /** The exact per-sample ledger (for `exact` runs, tornado and switching values). */
  kernel: Kernel;
  /**
   * The column kernel (linear.ts); its columns: the uncertain parameters, then `derived`, then its
   * closures. Null in a plan without samplers (validation, the tornado): only a run's chunks read it.
   */
  linear: LinearKernel | null;
  /**
   * The point the linear kernel is anchored on (base values; a point distribution's value) with
   * the exact ledger's and the linear kernel's NPV, net (per partner) and net per year
   * (`p * Y + k`) there. A sample's result is exact + (linear(sample) - linear(anchor)).
   */
  anchor: { values: Float64Array; exact: Totals; linear: Totals } | null;
}

export interface Totals {
  npv: Float64Array;
  net: Float64Array;
  yearly: Float64Array;
}

/** The distribution of a parameter, if it has one. */
export function distributionOf(model: Model, name: string): DistributionSpec | undefined {
  const raw = model.case.parameters[name];
  return raw !== undefined && typeof raw === "object" ? raw.distribution : undefined;
}

/** Names of the parameters with a distribution, sorted. */
export function uncertainNames(model: Model): string[] {
  return Object.keys(model.case.parameters).filter((n) => distributionOf(model, n) !== undefined).sort();
}

/**
 * The correlation matrix over the correlated parameters, from the case's pairs or matrix (not
 * validated here: validation did that), with the parameters in the order of the matrix.
 */
export function correlationMatrix(model: Model): { names: string[]; matrix: number[][] } | null {
  const spec = model.case.correlations;
  if (spec === undefined) return null;
  if (!Array.isArray(spec)) return spec.parameters.length >= 2 ? { names: [...spec.parameters], matrix: spec.matrix.map((r) => [...r]) } : null;
  if (spec.length === 0) return null;
  const names: string[] = [];
  for (const pair of spec) for (const n of pair.parameters) if (!names.includes(n)) names.push(n);
  const matrix: number[][] = names.map((_, i) => names.map((_, j) => (i === j ? 1 : 0)));
  for (const { parameters: [a, b], rank } of spec) {
    const i = names.indexOf(a), j = names.indexOf(b);
    matrix[i]![j] = rank;
    matrix[j]![i] = rank;
  }
  return { names, matrix };
}

/** `samplers: false` skips building the samplers and the column kernel (validation needs only the rest). */
export function planSimulation(model: Model, options: { samplers?: boolean } = {}): SimulationPlan {
  const params = model.parameters;
  const base = parameterValues(params);
  const uncertain: UncertainParameter[] = uncertainNames(model).map((name) => {
    const slot = params.slot.get(name)!;
    return { name, slot, distribution: distributionOf(model, name)!, base: base[slot]! };
  });
  const sampled = new Set(uncertain.map((u) => u.name));
  // Parameters depending (directly or through others) on a sampled one, in evaluation order.
  const depends = new Set<string>();
  for (const name of params.order) {
    if (sampled.has(name)) continue;
    const p = normaliseParameter(model.case.parameters[name]!);
    if (p.value === undefined) continue;
    const f = parseFormula(p.value);
    if (f.ok && f.formula.symbols.some((s) => sampled.has(s) || depends.has(s))) depends.add(name);
  }
  const derived = Int32Array.from(params.order.filter((n) => depends.has(n)), (n) => params.slot.get(n)!);
  const corr = correlationMatrix(model);
  const correlated = corr ? { columns: corr.names.map((n) => uncertain.findIndex((u) => u.name === n)), matrix: corr.matrix } : null;
  const samplers = options.samplers === false ? [] : uncertain.map((u) => compileSampler(u.distribution));
  const columnOfSlot = new Int32Array(base.length).fill(-1);
  uncertain.forEach((u, j) => { columnOfSlot[u.slot] = j; });
  derived.forEach((slot, d) => { columnOfSlot[slot] = uncertain.length + d; });
  const kernel = compileKernel(model);
  const linear = options.samplers === false ? null : compileLinearKernel(model, columnOfSlot, base, uncertain.length + derived.length);
  const plan: SimulationPlan = { model, uncertain, samplers, correlated, base, derived, kernel, linear, anchor: null };
  if (options.samplers !== false) plan.anchor = anchorOf(plan);
  return plan;
}

/** The anchor: base values, with the value of every distribution that always gives one value (a point). */
function anchorOf(plan: SimulationPlan): NonNullable<SimulationPlan["anchor"]> {
  const { model, uncertain, samplers, derived, kernel } = plan;
  const linear = plan.linear!;
  const values = plan.base.slice();
  uncertain.forEach((u, j) => {
    const x = samplers[j]!(Float64Array.of(0.001, 0.5, 0.999), new Float64Array(3));
    values[u.slot] = x[0] === x[1] && x[1] === x[2] ? x[1]! : u.base;
  });
  for (const d of derived) values[d] = model.parameters.formulas[d]!(values);
  const P = kernel.partners.length, Y = kernel.years;
  const totals = (): Totals => ({ npv: new Float64Array(P), net: new Float64Array(P), yearly: new Float64Array(P * Y) });
  const exact = totals(), lin = totals();
  kernel.evaluate(values, exact.npv, exact.net, exact.yearly);
  const cols = [...uncertain.map((u) => Float64Array.of(values[u.slot]!)), ...Array.from(derived, (d) => Float64Array.of(values[d]!)), ...linear.closures.map((f) => Float64Array.of(f(values)))];
  linear.evaluate(cols, 1, lin.npv, lin.net, lin.yearly, 1, 0);
  return { values, exact, linear: lin };
}
