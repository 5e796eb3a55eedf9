/**
 * The sample matrix decision analysis works on: per Monte Carlo sample, the values of the
 * uncertain parameters and every partner's and society's NPV under the status quo and under
 * each simulated arrangement. It comes from a simulation run with `keepSamples` and
 * `keepInputs` (`decisionRunOptions` asks for exactly that), so the Monte Carlo engine, its
 * seeds and its workers are the same as for `bcase simulate`.
 */
import type { SimulationOptions, SimulationResult } from "../simulate/index.ts";

export interface DecisionSamples {
  n: number;
  /** The uncertain parameters that vary (point distributions left out), with their sampled values. */
  parameters: { name: string; samples: Float64Array }[];
  /** Partners in the case's order, then society. */
  entities: { id: string; name: string }[];
  /** The status quo first, then the arrangements: NPV (cents) per entity, per sample. */
  perspectives: { id: string; name: string; npv: Float64Array[] }[];
}

/** Options for a simulation whose result `decisionSamples` can read (every arrangement, samples and inputs kept). */
export function decisionRunOptions(options: SimulationOptions = {}): SimulationOptions {
  return { arrangements: "all", ...options, keepSamples: true, keepInputs: true, yearly: false, cdfPoints: 0 };
}

export class MissingSamples extends Error {
  constructor() {
    super("decision analysis needs a simulation run with keepSamples and keepInputs (see decisionRunOptions)");
  }
}

export function decisionSamples(result: SimulationResult): DecisionSamples {
  if (!result.inputs || result.statusQuo.society.samples === undefined) throw new MissingSamples();
  const perspectives = [result.statusQuo, ...result.arrangements].map((p) => ({
    id: p.id, name: p.name,
    npv: [...p.partners, p.society].map((e) => { if (!e.samples) throw new MissingSamples(); return e.samples; }),
  }));
  const varies = (x: Float64Array) => { for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return true; return false; };
  return {
    n: result.samples,
    parameters: result.inputs.filter((c) => varies(c.samples)),
    entities: [...result.statusQuo.partners, result.statusQuo.society].map((e) => ({ id: e.id, name: e.name })),
    perspectives,
  };
}
