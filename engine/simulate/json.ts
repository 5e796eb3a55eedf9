/**
 * The JSON shapes of `bcase simulate --format json` (`bcase/simulate@1`) and `bcase sensitivity
 * --format json` (`bcase/sensitivity@1`): money in euros with two decimals like the evaluate
 * contract, probabilities as fractions, typed arrays as plain arrays; nothing undefined is NaN.
 */
import type { Summary } from "../uncertainty/index.ts";
import type { EntityBands, EntityResult, PerspectiveResult, SimulationResult } from "./result.ts";
import type { ScenarioResult } from "./scenarios.ts";
import type { SwitchingValue, SwitchingValues } from "./switching.ts";
import type { Tornado } from "./tornado.ts";
import { provenance as stamp, type Provenance } from "../ledger/provenance.ts";
import type { Model } from "../case/model.ts";

/** The provenance of a sensitivity analysis: no seed (nothing is sampled), every point an exact ledger, at these quantiles. */
export function sensitivityProvenance(model: Model, t: Tornado): Provenance {
  return stamp(model, { seed: null, samples: 0, lhs: false, sampler: "exact", chunkSize: null, analysis: "sensitivity", quantiles: [t.low, t.high] });
}

const eur = (cents: number) => Math.round(cents) / 100;
const money = (s: Summary) => ({ mean: eur(s.mean), sd: eur(s.sd), min: eur(s.min), p5: eur(s.p5), p10: eur(s.p10), p50: eur(s.p50), p90: eur(s.p90), p95: eur(s.p95), max: eur(s.max) });

function entity(e: EntityResult) {
  return {
    id: e.id, name: e.name, npv: money(e.npv), net: money(e.net), probabilityOfLoss: e.probabilityOfLoss,
    ...(e.cdf ? { cdf: { npv: Array.from(e.cdf.values, eur), probability: Array.from(e.cdf.probabilities) } } : {}),
    ...(e.samples ? { samples: Array.from(e.samples, eur) } : {}),
  };
}
const bands = (ys: EntityBands[]) => ys.map((y) => ({ id: y.id, bands: y.bands.map((b) => ({ year: b.year, mean: eur(b.mean), p5: eur(b.p5), p10: eur(b.p10), p50: eur(b.p50), p90: eur(b.p90), p95: eur(b.p95) })) }));
const perspective = (p: PerspectiveResult) => ({ id: p.id, name: p.name, partners: p.partners.map(entity), society: entity(p.society), yearly: bands(p.yearly) });

export function toSimulationJson(r: SimulationResult) {
  return {
    contract: r.contract, samples: r.samples, seed: r.seed, lhs: r.lhs, exact: r.exact, chunkSize: r.chunkSize, years: r.years,
    parameters: r.parameters,
    statusQuo: perspective(r.statusQuo),
    arrangements: r.arrangements.map(perspective),
    yearly: bands(r.yearly),
    provenance: r.provenance,
  };
}

function switching(v: SwitchingValue) {
  switch (v.status) {
    case "ok": return { status: v.status, value: v.value, npv: eur(v.npv), range: v.range, multiple: v.multiple };
    case "none-in-range": return { status: v.status, value: null, range: v.range, npvLow: eur(v.npvLow), npvHigh: eur(v.npvHigh) };
    case "no-effect": return { status: v.status, value: null, range: v.range, npv: eur(v.npv) };
  }
}

export function toSensitivityJson(t: Tornado, s: SwitchingValues, sc: { scenarios: ScenarioResult[] }, provenance?: Provenance) {
  return {
    contract: "bcase/sensitivity@1" as const,
    ...(provenance ? { provenance } : {}),
    perspective: t.perspective,
    tornado: {
      low: t.low, high: t.high,
      entities: t.entities.map((e) => ({ id: e.id, name: e.name, npv: eur(e.base), bars: e.bars.map((b) => ({ parameter: b.parameter, base: b.base, low: b.low, high: b.high, npvLow: eur(b.npvLow), npvHigh: eur(b.npvHigh), swing: eur(b.swing) })) })),
    },
    switchingValues: s.rows.map((r) => ({ parameter: r.parameter, base: r.base, entities: r.values.map((v, i) => ({ id: s.entities[i]!.id, ...switching(v) })) })),
    scenarios: sc.scenarios.map((x) => ({ id: x.id, label: x.label, parameters: x.parameters, npv: Object.fromEntries(s.entities.map((e, i) => [e.id, eur(x.npv[i]!)])) })),
  };
}
