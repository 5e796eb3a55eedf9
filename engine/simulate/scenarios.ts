/**
 * Named scenarios (the case's `scenarios:`, e.g. pessimistic and optimistic): parameter
 * overrides, a percentile such as `p10` meaning that percentile of the parameter's
 * distribution. Each scenario gives every partner's and society's NPV; the base case comes first.
 */
import type { Model } from "../case/model.ts";
import { quantile } from "../uncertainty/index.ts";
import { distributionOf } from "./plan.ts";
import { pointEvaluator } from "./point.ts";

export interface ScenarioResult {
  id: string;
  label: string;
  /** The parameter values the scenario sets. */
  parameters: Record<string, number>;
  /** NPV per entity (partners in the case's order, then society), cents. */
  npv: number[];
}

/** The overrides of a scenario, percentiles resolved (validation made sure they can be). */
export function scenarioOverrides(model: Model, id: string): Record<string, number> {
  const all = model.case.scenarios;
  const sc = all !== undefined && Object.hasOwn(all, id) ? all[id] : undefined;
  if (!sc) throw new RangeError(`unknown scenario "${id}"`);
  const out: Record<string, number> = Object.create(null);
  for (const [name, v] of Object.entries(sc.parameters)) out[name] = typeof v === "number" ? v : quantile(distributionOf(model, name)!, Number(v.slice(1)) / 100);
  return out;
}

export function scenarios(model: Model, options: { arrangement?: string } = {}): { perspective: string; entities: { id: string; name: string }[]; scenarios: ScenarioResult[] } {
  const ev = pointEvaluator(model, options.arrangement);
  const list: ScenarioResult[] = [{ id: "base", label: "Basis", parameters: {}, npv: Array.from(ev.npv({})) }];
  for (const [id, sc] of Object.entries(model.case.scenarios ?? {})) {
    const parameters = scenarioOverrides(model, id);
    list.push({ id, label: sc.label ?? id, parameters, npv: Array.from(ev.npv(parameters)) });
  }
  return { perspective: options.arrangement ?? "status-quo", entities: ev.entities, scenarios: list };
}
