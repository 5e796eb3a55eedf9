/**
 * The decision analysis as plain rows for charts and tables (no DOM): value of information per
 * decision, each partner's risks per arrangement, the negotiation's map and deal, and a
 * portfolio of cases. Money in euros (the engine's cents / 100).
 */
import type { DecisionValue, NegotiationResult, Portfolio, Robustness } from "../../../engine/index.ts";
import { KIND_GROUPS, kindGroup, type KindGroup } from "./compare.ts";

export interface VoiRow {
  /** A parameter's or group's display label, and its name. */
  label: string;
  name: string;
  group: boolean;
  /** EVPPI in euros, and as a share of the EVPI. */
  value: number;
  share: number;
}

/** The parameters (largest first), then the groups; `label` gives a parameter's display name. */
export function voiRows(d: DecisionValue, label: (name: string) => string = (n) => n): VoiRow[] {
  const share = (v: number) => (d.evpi > 0 ? v / d.evpi : 0);
  return [
    ...d.parameters.map((p) => ({ label: label(p.name), name: p.name, group: false, value: p.value / 100, share: share(p.value) })),
    ...d.groups.map((g) => ({ label: `${g.name} (${g.parameters.map(label).join(", ")})`, name: g.name, group: true, value: g.value / 100, share: share(g.value) })),
  ];
}

export interface RiskRow {
  partner: string;
  arrangement: string;
  arrangementName: string;
  /** Euros. */
  expected: number;
  p5: number;
  loss: number;
  worse: number;
  joins: boolean;
}

export function riskRows(r: Robustness): RiskRow[] {
  return r.partners.flatMap((p, i) => r.arrangements.map((a) => {
    const x = a.partners[i]!;
    return { partner: p.id, arrangement: a.id, arrangementName: a.name, expected: x.expected / 100, p5: x.p5 / 100, loss: x.probabilityOfLoss, worse: x.probabilityWorseThanStatusQuo, joins: x.joins };
  }));
}

export interface MapCell {
  x: number;
  /** The second lever (two levers), else undefined. */
  y?: number;
  /** "ok" (meets every condition), "invalid", or the id of the first partner whose condition fails. */
  status: string;
  /** Per partner at the table: NPV in euros. */
  npv: Record<string, number>;
}

/** Every grid point, then the points found between them. */
export function mapCells(n: NegotiationResult): MapCell[] {
  return [...n.grid, ...n.found].map((p) => ({
    x: p.values[0]!,
    ...(p.values.length > 1 ? { y: p.values[1]! } : {}),
    status: !p.valid ? "invalid" : p.feasible ? "ok" : p.failing[0]![1],
    npv: Object.fromEntries(n.partners.map((q, t) => [q.id, (p.npv[t] ?? NaN) / 100])),
  }));
}

/** One lever: each partner's NPV (euros) along the lever, for a line chart. */
export function leverLines(n: NegotiationResult): { x: number; partner: string; npv: number }[] {
  return n.grid.filter((p) => p.valid).flatMap((p) => n.partners.map((q, t) => ({ x: p.values[0]!, partner: q.id, npv: p.npv[t]! / 100 })));
}

export interface PortfolioRow {
  label: string;
  title: string;
  /** Uploaded by the reader (else bundled). */
  uploaded: boolean;
  priceYear: number;
  npv: number;
  bcr: number | null;
  paybackYear: number | null;
  loss: number | null;
  /** NPV in euros per kind of partner (municipality, insurer, care office, providers, other), so cases with different partner lists line up. */
  byKind: Record<KindGroup, number>;
}

export function portfolioRows(p: Portfolio, uploaded: ReadonlySet<string>): PortfolioRow[] {
  return p.cases.map((c) => {
    const byKind = Object.fromEntries(KIND_GROUPS.map((g) => [g, 0])) as Record<KindGroup, number>;
    for (const x of c.partners) byKind[kindGroup(x.kind ?? "other")] += x.npv / 100;
    return {
      label: c.label, title: c.title, uploaded: uploaded.has(c.label), priceYear: c.priceYear,
      npv: c.society.npv / 100, bcr: c.society.bcr, paybackYear: c.society.paybackYear, loss: c.society.probabilityOfLoss, byKind,
    };
  });
}
