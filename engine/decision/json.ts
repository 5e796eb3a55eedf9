/**
 * JSON shapes of the decision analysis (`bcase voi`, `bcase negotiate`, `bcase compare A B ...`
 * and the robustness part of `bcase simulate -a ...`): money in euros with two decimals like the
 * evaluate contract, probabilities as fractions; nothing undefined is NaN.
 */
import type { NegotiationResult, DealPoint } from "./negotiate.ts";
import type { Portfolio, PortfolioFigures } from "./portfolio.ts";
import type { Robustness } from "./robustness.ts";
import type { Evppi, VoiResult } from "./voi.ts";

const eur = (cents: number) => Math.round(cents) / 100;
const eurOrNull = (cents: number | null) => (cents === null ? null : eur(cents));

const evppi = (e: Evppi) => ({ name: e.name, parameters: e.parameters, value: eur(e.value), se: eur(e.se), method: e.method });

export function toVoiJson(r: VoiResult, run: { seed: number | string }) {
  return {
    contract: "bcase/voi@1" as const,
    samples: r.samples, seed: run.seed, parameters: r.parameters,
    decisions: r.decisions.map((d) => ({
      id: d.id, kind: d.kind, entity: d.entity, entityName: d.entityName,
      ...(d.perspective !== undefined ? { perspective: d.perspective } : {}),
      options: d.options.map((o, i) => ({ ...o, expected: eur(d.expected[i]!) })),
      best: d.best, probabilityWrong: d.probabilityWrong,
      evpi: eur(d.evpi), evpiSe: eur(d.evpiSe),
      parameters: d.parameters.map(evppi), groups: d.groups.map(evppi),
    })),
  };
}

export function toRobustnessJson(r: Robustness) {
  return {
    samples: r.samples,
    arrangements: r.arrangements.map((a) => ({ id: a.id, name: a.name, joining: a.joining, partners: a.partners.map((p) => ({ ...p, expected: eur(p.expected), p5: eur(p.p5) })) })),
    partners: r.partners,
    flips: r.flips,
  };
}

function point(n: NegotiationResult, p: DealPoint) {
  return {
    values: Object.fromEntries(n.levers.map((l, k) => [l.caseParameter ?? l.path!, p.values[k]!])),
    valid: p.valid, ...(p.invalid ? { invalid: p.invalid } : {}),
    feasible: p.feasible,
    failing: p.failing.map(([condition, partner]) => ({ condition, partner })),
    npv: Object.fromEntries(n.partners.map((q, t) => [q.id, p.npv[t] === undefined ? null : eur(p.npv[t]!)])),
    roi: Object.fromEntries(n.partners.map((q, t) => [q.id, p.roi[t] ?? null])),
    lossProbability: p.lossProbability ? Object.fromEntries(n.partners.map((q, t) => [q.id, p.lossProbability![t]!])) : null,
    objective: p.objective === null ? null : n.objective === "max-min-npv" ? eur(p.objective) : p.objective,
  };
}

export function toNegotiationJson(n: NegotiationResult) {
  return {
    contract: "bcase/negotiate@1" as const,
    id: n.id, ...(n.label !== undefined ? { label: n.label } : {}),
    arrangement: n.arrangement, arrangementName: n.arrangementName, objective: n.objective,
    partners: n.partners,
    levers: n.levers.map((l) => ({ ...(l.caseParameter !== undefined ? { parameter: l.caseParameter } : { path: l.path }), ...(l.label !== undefined ? { label: l.label } : {}), min: l.min, max: l.max, current: l.base })),
    conditions: n.conditions.map((c) => (c.type === "npv" ? { type: c.type, min: c.min, partners: c.partners } : c)),
    samples: n.samples, seed: n.seed,
    feasible: n.feasible,
    best: n.best ? point(n, n.best) : null,
    verification: n.verification ? { ok: n.verification.ok, checks: n.verification.checks.map((c) => ({ ...c, value: n.conditions[c.condition]!.type === "npv" ? eur(c.value) : c.value })) } : null,
    current: point(n, n.current),
    ranges: n.ranges,
    limits: n.limits.map((l) => ({ ...l, best: l.type === "npv" ? eurOrNull(l.best) : l.best })),
    blocking: n.blocking,
    gridSize: n.gridSize,
    grid: n.grid.map((p) => point(n, p)),
    found: n.found.map((p) => point(n, p)),
  };
}

const figures = (f: PortfolioFigures) => ({ ...f, npv: eur(f.npv), npvP5: eurOrNull(f.npvP5), npvP95: eurOrNull(f.npvP95) });

export function toPortfolioJson(p: Portfolio) {
  return {
    contract: "bcase/portfolio@1" as const,
    cases: p.cases.map((c) => ({ ...c, partners: c.partners.map(figures), society: figures(c.society) })),
    partners: p.partners,
    totals: p.totals.map((t) => ({ ...t, npv: eur(t.npv) })),
    societyTotal: eur(p.societyTotal),
  };
}
