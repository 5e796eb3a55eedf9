/**
 * The JSON contract of `bcase evaluate --format json`: documented in docs/json-contract.md and kept stable.
 * Money is in euros with two decimals (cents / 100); rates are fractions (0.0225 = 2.25 %).
 * Anything undefined (no costs, no IRR) is null with a status, never NaN or Infinity.
 */
import type { ArrangementResult } from "../arrangements/types.ts";
import type { Evaluation } from "./evaluation.ts";
import type { Lang } from "../messages/messages.ts";
import type { Monitoring } from "../monitoring/monitoring.ts";
import type { Provenance } from "./provenance.ts";
import type { Metrics } from "./metrics.ts";
import { irrNearBound } from "../money/irr.ts";
import type { CashFigures, CashView } from "./cash.ts";

const eur = (cents: number) => Math.round(cents) / 100;

export interface FiguresJson {
  costs: number;
  savings: number;
  transfersIn: number;
  transfersOut: number;
  net: number;
  npv: number;
  npvCashable: number;
  bcr: number | null;
  roi: number | null;
  paybackYear: number | null;
  irr: number | null;
  irrStatus: "ok" | "no-sign-change" | "none-in-range" | "multiple";
  /** True when the IRR lies next to an end of the search range (below -45 % or above 900 %): not a precise figure. */
  irrNearBound: boolean;
  yearly: { year: number; costs: number; savings: number; transfersIn: number; transfersOut: number; net: number; discountedNet: number; cumulativeDiscountedNet: number }[];
}

export interface JsonContract {
  contract: "bcase/evaluate@1";
  case: { id: string; title: string; currency: "EUR"; priceYear: number; startYear: number; horizon: number; discountRate: number; effectDiscountRate: number };
  partners: ({ id: string; name: string; kind: string } & FiguresJson)[];
  society: FiguresJson;
  outcomes: { unit: string; quantity: number; discounted: number; value: number | null }[];
  ledger: { year: number; partner: string; domain: string; line: string; kind: string; amount: number; discounted: number; cashable: boolean; counterparty: string | null }[];
  wrongPocket: { investor: string; beneficiary: string; amount: number; pv: number; share: number | null }[];
  /** Cash in the status quo (see CashJson). */
  cash: CashJson;
  arrangements: ArrangementJson[];
  provenance: Provenance;
}

export interface CashFiguresJson {
  id: string;
  /** Undiscounted money in minus money out (non-cashable savings left out), and its running total. */
  yearly: { year: number; cash: number; inflow: number; outflow: number; cumulative: number }[];
  total: number;
  /** How deep the cumulative cash goes below zero (0 if never), and the first year it is that deep. */
  peakNeed: number;
  peakYear: number | null;
  /** Cumulative cash at the end of the second year. */
  afterTwoYears: number;
}

export interface CashJson {
  partners: CashFiguresJson[];
  pots: CashFiguresJson[];
  /** Years in which a partner pays out more than its budget limit. */
  budgetWarnings: { partner: string; year: number; outflow: number; limit: number }[];
  /** Partners of kind investor: paid out, received, money multiple, IRR of their cash, payback year. */
  investors: { id: string; paidOut: number; received: number; multiple: number | null; irr: number | null; irrStatus: string; irrNearBound: boolean; paybackYear: number | null }[];
}

export interface ArrangementJson {
  id: string;
  name: string;
  description: string | null;
  /** True for the status quo the engine added because the case lists none. */
  implicit: boolean;
  explanation: string[];
  partners: ({ id: string; name: string; kind: string } & FiguresJson)[];
  society: FiguresJson;
  transfers: { year: number; step: string; from: string; to: string; amount: number; reason: string; about: string | null }[];
  pots: {
    id: string;
    name: string;
    /** The pot as an entity: NPV of what went in and out (partners' NPVs + pots' NPVs = society's), net (0). */
    npv: number;
    net: number;
    years: {
      year: number; contributions: Record<string, number>; contributed: number; spending: number; surplus: number; deficit: number;
      reserveStart: number; reserveDrawn: number; contributionsLowered: number; reserveAdded: number; reserveReturned: number; reserveEnd: number;
      returned: Record<string, number>; covered: Record<string, number>; capsBinding: string[]; riskBearer: number; order: string[];
    }[];
  }[];
  outcomePayments: {
    id: string; name: string; recipient: string; beyondHorizon: number;
    years: { year: number; paymentYear: number | null; units: number[]; amounts: number[]; due: number; gatePassed: boolean; gated: number; capped: number; capsBinding: string[]; paid: number; payers: Record<string, number> }[];
  }[];
  cash: CashJson;
}

function figures(m: Metrics): FiguresJson {
  return {
    costs: eur(m.costs), savings: eur(m.savings), transfersIn: eur(m.transfersIn), transfersOut: eur(m.transfersOut),
    net: eur(m.net), npv: eur(m.npv), npvCashable: eur(m.npvCashable),
    bcr: m.bcr, roi: m.roi, paybackYear: m.paybackYear,
    irr: m.irr.status === "ok" ? m.irr.rate : null, irrStatus: m.irr.status, irrNearBound: irrNearBound(m.irr),
    yearly: m.yearly.map((y) => ({
      year: y.year, costs: eur(y.costs), savings: eur(y.savings), transfersIn: eur(y.transfersIn), transfersOut: eur(y.transfersOut),
      net: eur(y.net), discountedNet: eur(y.discountedNet), cumulativeDiscountedNet: eur(y.cumulativeDiscountedNet),
    })),
  };
}

const eurs = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, eur(v)]));

const cashFigures = (c: CashFigures): CashFiguresJson => ({
  id: c.id, yearly: c.yearly.map((y) => ({ year: y.year, cash: eur(y.cash), inflow: eur(y.inflow), outflow: eur(y.outflow), cumulative: eur(y.cumulative) })),
  total: eur(c.total), peakNeed: eur(c.peakNeed), peakYear: c.peakYear, afterTwoYears: eur(c.afterTwoYears),
});

export function cashJson(v: CashView): CashJson {
  return {
    partners: v.partners.map(cashFigures), pots: v.pots.map(cashFigures),
    budgetWarnings: v.breaches.map((b) => ({ partner: b.partner, year: b.year, outflow: eur(b.outflow), limit: eur(b.limit) })),
    investors: v.investors.map((i) => ({ id: i.id, paidOut: eur(i.paidOut), received: eur(i.received), multiple: i.multiple, irr: i.irr.status === "ok" ? i.irr.rate : null, irrStatus: i.irr.status, irrNearBound: irrNearBound(i.irr), paybackYear: i.paybackYear })),
  };
}

function arrangementJson(a: ArrangementResult, lang: Lang): ArrangementJson {
  return {
    id: a.id, name: a.name, description: a.description ?? null, implicit: a.implicit,
    explanation: a.explanation[lang],
    partners: a.partners.map((p) => ({ id: p.id, name: p.name, kind: p.kind, ...figures(p) })),
    society: figures(a.society),
    transfers: a.steps.flatMap((s) => s.transfers.map((t) => ({ year: t.year, step: s.id, from: t.from, to: t.to, amount: eur(t.amount), reason: t.reason, about: t.about ?? null }))),
    pots: a.pots.map((p) => ({
      id: p.id, name: p.name, npv: eur(p.npv), net: eur(p.net),
      years: p.years.map((y) => ({
        year: y.year, contributions: eurs(y.contributions), contributed: eur(y.contributed), spending: eur(y.spending),
        surplus: eur(y.surplus), deficit: eur(y.deficit), reserveStart: eur(y.reserveStart), reserveDrawn: eur(y.reserveDrawn),
        contributionsLowered: eur(y.contributionsLowered), reserveAdded: eur(y.reserveAdded), reserveReturned: eur(y.reserveReturned),
        reserveEnd: eur(y.reserveEnd), returned: eurs(y.returned), covered: eurs(y.covered), capsBinding: y.capsBinding,
        riskBearer: eur(y.riskBearer), order: y.order,
      })),
    })),
    outcomePayments: a.outcomePayments.map((o) => ({
      id: o.id, name: o.name, recipient: o.recipient, beyondHorizon: eur(o.beyondHorizon),
      years: o.years.map((y) => ({ year: y.year, paymentYear: y.paymentYear, units: y.units, amounts: y.amounts.map(eur), due: eur(y.due), gatePassed: y.gatePassed, gated: eur(y.gated), capped: eur(y.capped), capsBinding: y.capsBinding, paid: eur(y.paid), payers: eurs(y.payers) })),
    })),
    cash: cashJson(a.cash),
  };
}

export interface ContractOptions {
  lang?: Lang;
  /** Only this arrangement in `arrangements`. */
  arrangement?: string;
}

export function toJsonContract(ev: Evaluation, options: ContractOptions = {}): JsonContract {
  const c = ev.case;
  const lang = options.lang ?? "nl";
  return {
    contract: "bcase/evaluate@1",
    case: { id: c.id, title: c.title, currency: c.currency, priceYear: c.priceYear, startYear: c.startYear, horizon: c.horizon, discountRate: c.discountRate, effectDiscountRate: c.effectDiscountRate ?? c.discountRate },
    partners: ev.partners.map((p) => ({ id: p.id, name: p.name, kind: p.kind, ...figures(p) })),
    society: figures(ev.society),
    outcomes: ev.outcomes.map((o) => ({ unit: o.unit, quantity: o.quantity, discounted: o.discounted, value: o.value === undefined ? null : eur(o.value) })),
    ledger: ev.ledger.rows.map((r) => ({ year: r.year, partner: r.partner, domain: r.domain, line: r.line, kind: r.kind, amount: eur(r.amount), discounted: eur(r.discounted), cashable: r.cashable, counterparty: r.counterparty ?? null })),
    wrongPocket: ev.wrongPocket.map((w) => ({ investor: w.investor, beneficiary: w.beneficiary, amount: eur(w.amount), pv: eur(w.pv), share: w.share })),
    cash: cashJson(ev.cash),
    arrangements: ev.arrangements.filter((a) => options.arrangement === undefined || a.id === options.arrangement).map((a) => arrangementJson(a, lang)),
    provenance: ev.provenance,
  };
}

/** `bcase monitor --format json`: plan versus actual, the true-up of every arrangement, indicators. */
export function toMonitoringJson(ev: Evaluation, m: Monitoring) {
  const pa = (x: { year: number; plan: number; actual: number; variance: number }) => ({ year: x.year, plan: eur(x.plan), actual: eur(x.actual), variance: eur(x.variance) });
  return {
    contract: "bcase/monitor@1" as const,
    case: { id: ev.case.id, title: ev.case.title, priceYear: ev.case.priceYear, startYear: ev.case.startYear, horizon: ev.case.horizon },
    years: m.years,
    partners: m.partners.map((p) => ({ id: p.id, name: p.name, plan: eur(p.plan), actual: eur(p.actual), variance: eur(p.variance), npvPlan: eur(p.npvPlan), npvActual: eur(p.npvActual), yearly: p.yearly.map(pa) })),
    lines: m.lines.map((l) => ({ line: l.line, partner: l.partner, kind: l.kind, ...pa(l) })),
    arrangements: m.arrangements.map((a) => ({
      id: a.id, name: a.name,
      partners: a.partners.map((p) => ({ id: p.id, plan: eur(p.plan), actual: eur(p.actual), trueUp: eur(p.trueUp), yearly: p.yearly.map((y) => ({ ...pa(y), trueUp: eur(y.trueUp) })) })),
    })),
    indicators: m.indicators,
    provenance: ev.provenance,
  };
}
