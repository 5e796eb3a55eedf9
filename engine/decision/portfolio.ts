/**
 * A portfolio of initiatives side by side: each case evaluated on its own (the status quo: each
 * partner bears its own costs, savings land where they fall), per partner and for society the
 * NPV, BCR, ROI and payback year, and, when the case has ranges (distributions), the probability
 * of a loss and the NPV's 5th and 95th percentiles from its own Monte Carlo run (the case's
 * samples and seed unless given). Partners line up by id across cases; a partner's total is the
 * sum of its NPVs over the cases it takes part in. Amounts are in each case's own price year.
 */
import type { Model } from "../case/model.ts";
import type { PartnerKind } from "../case/schema/index.ts";
import { evaluateModel } from "../ledger/evaluate.ts";
import type { Metrics } from "../ledger/metrics.ts";
import { planSimulation } from "../simulate/plan.ts";
import { simulate } from "../simulate/simulate.ts";
import type { EntityResult } from "../simulate/result.ts";

export interface PortfolioFigures {
  id: string;
  name: string;
  kind?: PartnerKind;
  /** Cents. */
  npv: number;
  bcr: number | null;
  roi: number | null;
  paybackYear: number | null;
  /** With ranges: P(NPV < 0) and the NPV's 5th and 95th percentiles (cents); else null. */
  probabilityOfLoss: number | null;
  npvP5: number | null;
  npvP95: number | null;
}

export interface PortfolioCase {
  /** How the caller names it (a file name). */
  label: string;
  id: string;
  title: string;
  priceYear: number;
  startYear: number;
  horizon: number;
  /** Samples of its Monte Carlo run; null when it has no ranges. */
  samples: number | null;
  seed: number | string | null;
  partners: PortfolioFigures[];
  society: PortfolioFigures;
}

export interface Portfolio {
  cases: PortfolioCase[];
  /** Every partner id in order of first appearance (then society is its own row). */
  partners: { id: string; name: string; kind?: PartnerKind }[];
  /** Per partner: its NPV summed over the cases it takes part in (cents), and in how many. */
  totals: { id: string; npv: number; cases: number }[];
  /** Society's NPV summed over the cases (cents). */
  societyTotal: number;
}

export interface PortfolioOptions {
  samples?: number;
  seed?: number | string;
}

const figures = (id: string, name: string, m: Metrics, mc: EntityResult | undefined, kind?: PartnerKind): PortfolioFigures => ({
  id, name, ...(kind !== undefined ? { kind } : {}),
  npv: m.npv, bcr: m.bcr, roi: m.roi, paybackYear: m.paybackYear,
  probabilityOfLoss: mc ? mc.probabilityOfLoss : null,
  npvP5: mc ? mc.npv.p5 : null,
  npvP95: mc ? mc.npv.p95 : null,
});

/** Does the case have a distribution that varies (a point distribution does not)? */
export function hasRanges(model: Model): boolean {
  return planSimulation(model, { samplers: false }).uncertain.some((u) => u.distribution.type !== "point");
}

export function portfolio(inputs: readonly { label: string; model: Model }[], options: PortfolioOptions = {}): Portfolio {
  const cases = inputs.map(({ label, model }): PortfolioCase => {
    const ev = evaluateModel(model);
    const sim = hasRanges(model) ? simulate(model, { ...options, yearly: false, cdfPoints: 0 }) : null;
    const c = model.case;
    return {
      label, id: c.id, title: c.title, priceYear: c.priceYear, startYear: c.startYear, horizon: c.horizon,
      samples: sim ? sim.samples : null, seed: sim ? sim.seed : null,
      partners: ev.partners.map((p, i) => figures(p.id, p.name, p, sim?.statusQuo.partners[i], p.kind)),
      society: figures("society", "Society", ev.society, sim?.statusQuo.society),
    };
  });
  const partners: Portfolio["partners"] = [];
  const totals = new Map<string, { npv: number; cases: number }>();
  for (const c of cases) {
    for (const p of c.partners) {
      if (!partners.some((x) => x.id === p.id)) partners.push({ id: p.id, name: p.name, ...(p.kind !== undefined ? { kind: p.kind } : {}) });
      const t = totals.get(p.id) ?? { npv: 0, cases: 0 };
      totals.set(p.id, { npv: t.npv + p.npv, cases: t.cases + 1 });
    }
  }
  return {
    cases, partners,
    totals: partners.map((p) => ({ id: p.id, ...totals.get(p.id)! })),
    societyTotal: cases.reduce((s, c) => s + c.society.npv, 0),
  };
}
