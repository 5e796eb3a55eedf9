/**
 * The benchmark's reference model, built in code: 5 partners, 4 domains, 10 years, 30 effects
 * and 3 investments, with 93 uncertain inputs (per effect a normal volume, a uniform price and
 * a beta attribution; a normal cost per investment). Two thirds of the effects cost their
 * domain's provider production (revenue loss, variable-cost saving), some fade (drop-off).
 * The same numbers drive the three implementations (engine, Squiggle, hand-written loop).
 */
import type { CaseInput } from "../engine/index.ts";

export const YEARS = 10;
export const RATE = 0.0225;
export const START = 2025;

export interface RefEffect {
  id: string;
  domain: "wmo" | "zvw" | "wlz" | "pw";
  q: { mean: number; sd: number };
  p: { min: number; max: number };
  a: { a: number; b: number };
  deadweight: number;
  rampUpYears: number;
  dropOff: number;
}

export interface RefInvestment {
  id: string;
  bearer: string;
  domain: string;
  cost: { mean: number; sd: number };
}

/** Funder, provider and variable-cost share of each domain. */
export const DOMAINS = {
  wmo: { funder: "gemeente", provider: "thuiszorg", vcs: 0.7 },
  zvw: { funder: "zorgverzekeraar", provider: "ziekenhuis", vcs: 0.4 },
  wlz: { funder: "zorgkantoor", provider: null, vcs: 0 },
  pw: { funder: "gemeente", provider: null, vcs: 0 },
} as const;
export const PARTNERS = ["gemeente", "zorgverzekeraar", "zorgkantoor", "ziekenhuis", "thuiszorg"] as const;

const DOMAIN_CYCLE = ["zvw", "wmo", "wlz", "zvw", "wmo", "pw"] as const;

export const EFFECTS: RefEffect[] = Array.from({ length: 30 }, (_, i) => ({
  id: `e${i + 1}`,
  domain: DOMAIN_CYCLE[i % DOMAIN_CYCLE.length]!,
  q: { mean: 100 + 37 * (i % 9), sd: 10 + 3 * (i % 5) },
  p: { min: 50 + 11 * (i % 7), max: 120 + 13 * (i % 6) },
  a: { a: 2 + (i % 4), b: 3 + (i % 3) },
  deadweight: 0.1 + 0.05 * (i % 4),
  rampUpYears: 1 + (i % 3),
  dropOff: i % 5 === 0 ? 0.1 : 0,
}));

export const INVESTMENTS: RefInvestment[] = [
  { id: "team", bearer: "gemeente", domain: "wmo", cost: { mean: 450_000, sd: 40_000 } },
  { id: "poh", bearer: "zorgverzekeraar", domain: "zvw", cost: { mean: 160_000, sd: 15_000 } },
  { id: "ict", bearer: "zorgkantoor", domain: "wlz", cost: { mean: 90_000, sd: 20_000 } },
];

/** The reference model as a case file for the engine. */
export function referenceCase(): CaseInput {
  const parameters: Record<string, unknown> = {};
  for (const e of EFFECTS) {
    parameters[`${e.id}_q`] = { value: e.q.mean, distribution: { type: "normal", mean: e.q.mean, sd: e.q.sd } };
    parameters[`${e.id}_p`] = { value: (e.p.min + e.p.max) / 2, distribution: { type: "uniform", min: e.p.min, max: e.p.max } };
    parameters[`${e.id}_a`] = { distribution: { type: "beta", a: e.a.a, b: e.a.b } };
  }
  for (const inv of INVESTMENTS) parameters[`${inv.id}_cost`] = { value: inv.cost.mean, distribution: { type: "normal", mean: inv.cost.mean, sd: inv.cost.sd } };
  return {
    id: "bench-reference", title: "Benchmark reference model", priceYear: START, startYear: START, horizon: YEARS, discountRate: RATE,
    partners: [
      { id: "gemeente", name: "Gemeente", kind: "municipality" },
      { id: "zorgverzekeraar", name: "Zorgverzekeraar", kind: "insurer" },
      { id: "zorgkantoor", name: "Zorgkantoor", kind: "care-office" },
      { id: "ziekenhuis", name: "Ziekenhuis", kind: "provider" },
      { id: "thuiszorg", name: "Thuiszorg", kind: "provider" },
    ],
    domains: Object.entries(DOMAINS).map(([id, d]) => ({ id, name: id, funder: d.funder, ...(d.provider ? { providers: [d.provider], variableCostShare: d.vcs } : {}) })),
    parameters,
    investments: INVESTMENTS.map((inv) => ({ id: inv.id, label: inv.id, bearer: inv.bearer, domain: inv.domain, category: "revenue" as const, amount: `${inv.id}_cost` })),
    effects: EFFECTS.map((e) => ({
      id: e.id, label: e.id, domain: e.domain, quantity: `${e.id}_q`, unitPrice: `${e.id}_p`, attribution: `${e.id}_a`, deadweight: e.deadweight,
      rampUpYears: e.rampUpYears, ...(e.dropOff > 0 ? { dropOff: { rate: e.dropOff } } : {}),
      ...(DOMAINS[e.domain].provider ? { production: true } : {}),
    })),
  } as CaseInput;
}

/** Ramp-up fraction and drop-off factor of effect e in year k (as the engine defines them). */
export function timeFactor(e: RefEffect, k: number): number {
  const ramp = e.rampUpYears <= 1 ? 1 : Math.min(1, (k + 1) / e.rampUpYears);
  const dropFrom = Math.max(1, e.rampUpYears);
  const power = e.dropOff > 0 ? Math.max(0, k - dropFrom + 1) : 0;
  return ramp * (e.dropOff > 0 ? Math.pow(1 - e.dropOff, power) : 1);
}
