/**
 * Comparing the study's cases: each case's results normalised per inhabitant of its area and
 * per client, in 2024 euros, with the partners grouped by kind so that cases with different
 * partner lists line up.
 *
 * Normalisation (stated on the page too):
 * - per inhabitant: a present value divided by the area's inhabitants (the case's parameter);
 * - per client: divided by the clients reached over the horizon (clients per year x years),
 *   i.e. per client-year;
 * - 2024 euros: the case's euros times its price factor (`StudyCase.to2024`).
 */
import type { Evaluation, Metrics, PartnerKind } from "../../../engine/index.ts";
import type { StudyCase } from "./cases.ts";
import { wrongPocketShare } from "./rows.ts";

export const KIND_GROUPS = ["municipality", "insurer", "care-office", "provider", "other"] as const;
export type KindGroup = (typeof KIND_GROUPS)[number];

export function kindGroup(kind: PartnerKind): KindGroup {
  return kind === "municipality" || kind === "insurer" || kind === "care-office" || kind === "provider" ? kind : "other";
}

export interface CaseSummary {
  key: StudyCase["key"];
  short: string;
  title: string;
  startYear: number;
  horizon: number;
  priceYear: number;
  /** Multiplies the case's euros into 2024 euros. */
  factor: number;
  inhabitants: number;
  clientsPerYear: number;
  clientWord: readonly [string, string];
  society: Metrics;
  /** NPV (cents, case euros) per partner-kind group. */
  npvByGroup: Record<KindGroup, number>;
  wrongPocketShare: number | null;
  parameters: number;
  assumptions: number;
}

export function summarise(study: StudyCase, ev: Evaluation): CaseSummary {
  const c = ev.case;
  const npvByGroup = Object.fromEntries(KIND_GROUPS.map((g) => [g, 0])) as Record<KindGroup, number>;
  for (const p of ev.partners) npvByGroup[kindGroup(p.kind)] += p.npv;
  const params = Object.values(c.parameters);
  return {
    key: study.key, short: study.short, title: c.title, startYear: c.startYear, horizon: c.horizon, priceYear: c.priceYear,
    factor: study.to2024(ev.parameters),
    inhabitants: ev.parameters[study.inhabitants] ?? NaN,
    clientsPerYear: ev.parameters[study.clients] ?? NaN,
    clientWord: study.clientWord,
    society: ev.society,
    npvByGroup,
    wrongPocketShare: wrongPocketShare(ev),
    parameters: params.length,
    assumptions: params.filter((p) => typeof p === "object" && p !== null && "assumption" in p && p.assumption === true).length,
  };
}

/** Cents in the case's euros -> 2024 euros per inhabitant. */
export function perInhabitant(s: CaseSummary, cents: number): number {
  return (cents / 100) * s.factor / s.inhabitants;
}

/** Cents in the case's euros -> 2024 euros per client-year (clients per year x horizon). */
export function perClient(s: CaseSummary, cents: number): number {
  return (cents / 100) * s.factor / (s.clientsPerYear * s.horizon);
}

/** NPV per kind group, normalised, as rows for a stacked bar chart (zero groups left out). */
export function npvGroupRows(summaries: readonly CaseSummary[], per: (s: CaseSummary, cents: number) => number): { y: string; group: string; value: number }[] {
  return summaries.flatMap((s) => KIND_GROUPS.filter((g) => s.npvByGroup[g] !== 0).map((g) => ({ y: s.key, group: g, value: per(s, s.npvByGroup[g]) })));
}

/** Society's present value of costs (negative) and benefits (positive), normalised. */
export function costBenefitRows(summaries: readonly CaseSummary[], per: (s: CaseSummary, cents: number) => number): { y: string; group: string; value: number }[] {
  return summaries.flatMap((s) => [
    { y: s.key, group: "costs", value: -per(s, s.society.pvCosts + s.society.pvTransfersOut) },
    { y: s.key, group: "benefits", value: per(s, s.society.pvSavings + s.society.pvTransfersIn) },
  ]);
}

/** Society's cumulative discounted net per inhabitant by year of the case (1, 2, ...). */
export function cumulativePerInhabitantRows(summaries: readonly CaseSummary[]): { key: string; x: number; value: number }[] {
  return summaries.flatMap((s) => s.society.yearly.map((y, i) => ({ key: s.key, x: i + 1, value: perInhabitant(s, y.cumulativeDiscountedNet) })));
}
