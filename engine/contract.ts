/**
 * The JSON contract of `bcase evaluate --format json`: documented in the README and kept stable.
 * Money is in euros with two decimals (cents / 100); rates are fractions (0.0225 = 2.25 %).
 * Anything undefined (no costs, no IRR) is null with a status, never NaN or Infinity.
 */
import type { Evaluation } from "./evaluate.ts";
import type { Metrics } from "./metrics.ts";

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
}

function figures(m: Metrics): FiguresJson {
  return {
    costs: eur(m.costs), savings: eur(m.savings), transfersIn: eur(m.transfersIn), transfersOut: eur(m.transfersOut),
    net: eur(m.net), npv: eur(m.npv), npvCashable: eur(m.npvCashable),
    bcr: m.bcr, roi: m.roi, paybackYear: m.paybackYear,
    irr: m.irr.status === "ok" ? m.irr.rate : null, irrStatus: m.irr.status,
    yearly: m.yearly.map((y) => ({
      year: y.year, costs: eur(y.costs), savings: eur(y.savings), transfersIn: eur(y.transfersIn), transfersOut: eur(y.transfersOut),
      net: eur(y.net), discountedNet: eur(y.discountedNet), cumulativeDiscountedNet: eur(y.cumulativeDiscountedNet),
    })),
  };
}

export function toJsonContract(ev: Evaluation): JsonContract {
  const c = ev.case;
  return {
    contract: "bcase/evaluate@1",
    case: { id: c.id, title: c.title, currency: c.currency, priceYear: c.priceYear, startYear: c.startYear, horizon: c.horizon, discountRate: c.discountRate, effectDiscountRate: c.effectDiscountRate ?? c.discountRate },
    partners: ev.partners.map((p) => ({ id: p.id, name: p.name, kind: p.kind, ...figures(p) })),
    society: figures(ev.society),
    outcomes: ev.outcomes.map((o) => ({ unit: o.unit, quantity: o.quantity, discounted: o.discounted, value: o.value === undefined ? null : eur(o.value) })),
    ledger: ev.ledger.rows.map((r) => ({ year: r.year, partner: r.partner, domain: r.domain, line: r.line, kind: r.kind, amount: eur(r.amount), discounted: eur(r.discounted), cashable: r.cashable, counterparty: r.counterparty ?? null })),
    wrongPocket: ev.wrongPocket.map((w) => ({ investor: w.investor, beneficiary: w.beneficiary, amount: eur(w.amount), pv: eur(w.pv), share: w.share })),
  };
}
