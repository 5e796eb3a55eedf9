/**
 * One-way sensitivity (tornado): each uncertain parameter at its 10th and 90th percentile, all
 * others at base, and each partner's and society's NPV there. Bars are sorted per entity by
 * their swing |NPV(p90) - NPV(p10)|, largest first. Point distributions have no spread and are
 * left out.
 */
import type { Model } from "../case/model.ts";
import { quantile } from "../uncertainty/index.ts";
import { planSimulation } from "./plan.ts";
import { pointEvaluator } from "./point.ts";

export interface TornadoBar {
  parameter: string;
  /** The parameter's base value and its 10th and 90th percentile. */
  base: number;
  low: number;
  high: number;
  /** The entity's NPV (cents) with the parameter at `low` and at `high`. */
  npvLow: number;
  npvHigh: number;
  /** |npvHigh - npvLow|. */
  swing: number;
}

export interface TornadoEntity {
  id: string;
  name: string;
  /** NPV at base (cents). */
  base: number;
  bars: TornadoBar[];
}

export interface Tornado {
  /** "status-quo" or the arrangement's id. */
  perspective: string;
  low: number;
  high: number;
  entities: TornadoEntity[];
}

export function tornado(model: Model, options: { arrangement?: string; low?: number; high?: number } = {}): Tornado {
  const lowP = options.low ?? 0.1, highP = options.high ?? 0.9;
  const plan = planSimulation(model, { samplers: false });
  const ev = pointEvaluator(model, options.arrangement);
  const base = ev.npv({});
  const rows = plan.uncertain.filter((u) => u.distribution.type !== "point").map((u) => {
    const low = quantile(u.distribution, lowP), high = quantile(u.distribution, highP);
    return { u, low, high, atLow: ev.npv({ [u.name]: low }), atHigh: ev.npv({ [u.name]: high }) };
  });
  return {
    perspective: options.arrangement ?? "status-quo",
    low: lowP,
    high: highP,
    entities: ev.entities.map((e, i) => ({
      ...e,
      base: base[i]!,
      bars: rows
        .map((r) => ({ parameter: r.u.name, base: r.u.base, low: r.low, high: r.high, npvLow: r.atLow[i]!, npvHigh: r.atHigh[i]!, swing: Math.abs(r.atHigh[i]! - r.atLow[i]!) }))
        .sort((a, b) => b.swing - a.swing || (a.parameter < b.parameter ? -1 : 1)),
    })),
  };
}
