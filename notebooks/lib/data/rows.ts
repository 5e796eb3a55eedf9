/**
 * View logic without DOM: an engine `Evaluation` becomes the plain rows the charts and tables
 * draw. Money leaves the engine in cents and is turned into euros (numbers) here, once, for
 * charts; tables format cents directly.
 *
 * Conventions follow the engine's: every figure is signed from the partner's own budget
 * (costs negative, savings positive); society is the sum of the partners.
 */
import type { Evaluation, Lang, Metrics, PartnerResult, Model, LedgerKind, LocalText } from "../../../engine/index.ts";
import { isBilingual, normaliseParameter, parseFormula } from "../../../engine/index.ts";
import { defaultDialect } from "../../../io/csv.ts";
import { ledgerTable, tableToCsv } from "../../../io/results.ts";
import { SOCIETY_ID } from "../charts/colors.ts";

const euro = (cents: number) => cents / 100;

/** One bar segment: a partner's costs (negative) or benefits (positive) in one year, in euros. */
export interface FlowRow {
  partner: string;
  year: number;
  /** `costs` = costs + transfers out (negative); `benefits` = savings + transfers in (positive). */
  side: "costs" | "benefits";
  value: number;
}

/** Costs and benefits per partner per year (for stacked bars); zero segments are left out. */
export function flowRows(ev: Pick<Evaluation, "partners">): FlowRow[] {
  const rows: FlowRow[] = [];
  for (const p of ev.partners) {
    for (const y of p.yearly) {
      const costs = -euro(y.costs + y.transfersOut);
      const benefits = euro(y.savings + y.transfersIn);
      if (costs !== 0) rows.push({ partner: p.id, year: y.year, side: "costs", value: costs });
      if (benefits !== 0) rows.push({ partner: p.id, year: y.year, side: "benefits", value: benefits });
    }
  }
  return rows;
}

/** One point of a line: a partner's (or society's) value in one year, in euros. */
export interface YearValue {
  partner: string;
  year: number;
  value: number;
}

/** Society's undiscounted net per year. */
export function societyNetRows(ev: Pick<Evaluation, "society">): YearValue[] {
  return ev.society.yearly.map((y) => ({ partner: SOCIETY_ID, year: y.year, value: euro(y.net) }));
}

/** Cumulative discounted net per partner per year, and society's (id `SOCIETY_ID`) last. */
export function cumulativeRows(ev: Pick<Evaluation, "partners" | "society">, { society = true } = {}): YearValue[] {
  const rows: YearValue[] = [];
  for (const p of ev.partners) for (const y of p.yearly) rows.push({ partner: p.id, year: y.year, value: euro(y.cumulativeDiscountedNet) });
  if (society) for (const y of ev.society.yearly) rows.push({ partner: SOCIETY_ID, year: y.year, value: euro(y.cumulativeDiscountedNet) });
  return rows;
}

/** A step of a waterfall, in euros: the bar runs from `start` to `end`. */
export interface WaterfallRow {
  step: string;
  /** `total` for the closing bar, else the ledger kind. */
  kind: LedgerKind | "total";
  value: number;
  start: number;
  end: number;
}

export const WATERFALL_ORDER: readonly LedgerKind[] = ["investment", "saving", "revenue-loss", "variable-cost-saving", "transfer"];

/**
 * Waterfall of one partner's undiscounted totals by ledger kind (before netting), then the net.
 * Kinds that are zero are left out; the last bar (`total`) equals the partner's net.
 */
export function waterfallRows(m: Pick<Metrics, "byKind">, label: (kind: LedgerKind | "total") => string): WaterfallRow[] {
  const rows: WaterfallRow[] = [];
  let at = 0;
  for (const kind of WATERFALL_ORDER) {
    const cents = m.byKind[kind] ?? 0;
    if (cents === 0) continue;
    const value = euro(cents);
    rows.push({ step: label(kind), kind, value, start: at, end: at + value });
    at += value;
  }
  rows.push({ step: label("total"), kind: "total", value: at, start: 0, end: at });
  return rows;
}

/** One cell of the wrong-pocket matrix, in euros (present value). */
export interface PocketRow {
  investor: string;
  beneficiary: string;
  value: number;
  /** Share of the investor's positive effects that lands here (null when it bought none). */
  share: number | null;
}

/**
 * The wrong-pocket matrix as a full grid: every investor x every partner that receives an effect
 * result (missing combinations are 0), in the case's partner order.
 */
export function pocketRows(ev: Pick<Evaluation, "wrongPocket" | "partners">): PocketRow[] {
  const order = ev.partners.map((p) => p.id);
  const investors = order.filter((id) => ev.wrongPocket.some((w) => w.investor === id));
  const beneficiaries = order.filter((id) => ev.wrongPocket.some((w) => w.beneficiary === id));
  const cell = new Map(ev.wrongPocket.map((w) => [`${w.investor}\u0000${w.beneficiary}`, w]));
  const rows: PocketRow[] = [];
  for (const i of investors) {
    for (const b of beneficiaries) {
      const w = cell.get(`${i}\u0000${b}`);
      rows.push({ investor: i, beneficiary: b, value: w ? euro(w.pv) : 0, share: w ? w.share : null });
    }
  }
  return rows;
}

/**
 * The share of the effects' present value (positive part) that lands with someone other than
 * the partner who paid for it: 0 = everyone collects what they invested in, 1 = all in the
 * wrong pocket. Null when there are no positive effects.
 */
export function wrongPocketShare(ev: Pick<Evaluation, "wrongPocket">): number | null {
  let total = 0, elsewhere = 0;
  for (const w of ev.wrongPocket) {
    if (w.pv <= 0) continue;
    total += w.pv;
    if (w.investor !== w.beneficiary) elsewhere += w.pv;
  }
  return total > 0 ? elsewhere / total : null;
}

/** NPV per partner (euros), for a bar chart; society last when asked. */
export function npvRows(ev: Pick<Evaluation, "partners" | "society">, { society = true } = {}): { partner: string; value: number }[] {
  const rows = ev.partners.map((p) => ({ partner: p.id, value: euro(p.npv) }));
  if (society) rows.push({ partner: SOCIETY_ID, value: euro(ev.society.npv) });
  return rows;
}

/** Partners that appear in the ledger (have any row), in case order. */
export function activePartners(ev: Pick<Evaluation, "partners">): PartnerResult[] {
  return ev.partners.filter((p) => p.costs !== 0 || p.savings !== 0 || p.transfersIn !== 0 || p.transfersOut !== 0 || p.yearly.some((y) => y.net !== 0));
}

/** What a parameter is, for labelling: a sourced fact, an assumption, or derived from others. */
export type ParameterStatus = "assumption" | "sourced" | "derived" | "unlabelled";

export interface ParameterRow {
  name: string;
  label: string;
  value: number;
  unit: string;
  /** The formula text when the value is computed from other parameters. */
  formula: string | null;
  status: ParameterStatus;
  source: string;
  note: string;
}

/** Every parameter of a case with its current value and how it is labelled, in file order. */
export function parameterRows(model: Pick<Model, "case">, values: Readonly<Record<string, number>>): ParameterRow[] {
  return Object.entries(model.case.parameters).map(([name, raw]) => {
    const p = normaliseParameter(raw);
    const formula = typeof p.value === "string" ? p.value : null;
    const status: ParameterStatus = p.assumption ? "assumption" : p.source ? "sourced" : formula !== null ? "derived" : "unlabelled";
    return {
      name, label: p.label ?? name, value: values[name] ?? NaN, unit: p.unit ?? "", formula, status,
      source: p.source ?? "", note: p.note ?? "",
    };
  });
}

/** A parameter's label (its name when it has none). */
export function parameterLabel(c: Model["case"]): (name: string) => string {
  return (name) => {
    const p = c.parameters[name];
    return p === undefined ? name : normaliseParameter(p).label ?? name;
  };
}

/** A line of the case (investment or effect), with its assumption flag and source. */
export interface LineRow {
  id: string;
  type: "investment" | "effect";
  label: string;
  /** The bearer of an investment; empty for effects. */
  who: string;
  domain: string;
  /** Flagged `assumption: true` in the file. */
  assumption: boolean;
  /** Assumption parameters its formulas use (directly or through other parameters), in file order. */
  dependsOn: string[];
  source: string;
  note: string;
}

type FormulaLike = number | string | undefined;

/** Names a formula refers to (none for a number or an unreadable formula). */
function symbolsOf(f: FormulaLike): string[] {
  if (typeof f !== "string") return [];
  const parsed = parseFormula(f);
  return parsed.ok ? parsed.formula.symbols : [];
}

/**
 * For each formula, the assumption parameters it rests on: those it names and, through
 * parameters defined by formulas, those they name, and so on.
 */
export function assumptionsUsed(c: Model["case"]): (formulas: readonly FormulaLike[]) => string[] {
  const order = Object.keys(c.parameters);
  const info = new Map(order.map((n) => [n, normaliseParameter(c.parameters[n]!)]));
  const direct = new Map(order.map((n) => [n, symbolsOf(info.get(n)!.value)]));
  return (formulas) => {
    const seen = new Set<string>();
    const stack = formulas.flatMap(symbolsOf);
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n) || !info.has(n)) continue;
      seen.add(n);
      stack.push(...(direct.get(n) ?? []));
    }
    return order.filter((n) => seen.has(n) && info.get(n)!.assumption === true);
  };
}

export function lineRows(model: Pick<Model, "case">): LineRow[] {
  const c = model.case;
  const used = assumptionsUsed(c);
  const domains = new Map(c.domains.map((d) => [d.id, d]));
  return [
    ...c.investments.map((i) => ({
      id: i.id, type: "investment" as const, label: i.label, who: i.bearer, domain: i.domain,
      assumption: i.assumption === true,
      dependsOn: used([i.amount, ...(i.schedule.type === "explicit" ? Object.values(i.schedule.amounts) : [])]),
      source: i.source ?? "", note: i.note ?? "",
    })),
    ...c.effects.map((e) => {
      const production = e.production === true ? {} : e.production;
      const domainShare = e.domain !== undefined && production ? domains.get(e.domain)?.variableCostShare : undefined;
      return {
        id: e.id, type: "effect" as const, label: e.label, who: "", domain: e.domain ?? "",
        assumption: e.assumption === true,
        dependsOn: used([e.quantity, e.unitPrice, e.deadweight, e.attribution, e.displacement, e.optimismBias, e.dropOff?.rate, production?.variableCostShare ?? domainShare]),
        source: e.source ?? "", note: e.note ?? "",
      };
    }),
  ];
}

/**
 * The full ledger as CSV, the same file as `bcase export --csv` (io/results.ts, io/csv.ts): in
 * Dutch what a Dutch Excel opens by double-click (BOM, `;`, decimal comma), in English RFC 4180.
 */
export function ledgerCsv(ev: Evaluation, lang: Lang = "nl"): string {
  return tableToCsv(ledgerTable(ev), defaultDialect(lang));
}

/**
 * A case (as data) with parameter values replaced by numbers: what a reader set with the
 * sliders, written back so the downloaded file reproduces the results. Other fields (label,
 * source) stay; an overridden parameter is marked with a note of its old value.
 */
export function withOverrides<T extends { parameters?: Record<string, unknown> }>(data: T, overrides: Readonly<Record<string, number>>, noteText = "changed in the notebook; was"): T {
  const params = { ...(data.parameters ?? {}) } as Record<string, unknown>;
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in params)) continue;
    const old = params[name];
    if (old !== null && typeof old === "object" && !Array.isArray(old)) {
      const o = old as { value?: unknown; note?: LocalText };
      const add = (n: string | undefined) => `${n ? n + "; " : ""}${noteText} ${JSON.stringify(o.value)}`;
      // A note in both languages gets the mark in both.
      params[name] = { ...o, value, note: isBilingual(o.note) ? { nl: add(o.note.nl), en: add(o.note.en) } : add(o.note) };
    } else {
      params[name] = value;
    }
  }
  return { ...data, parameters: params };
}

/** NPV per partner under each financing arrangement (euros), for side-by-side charts and tables. */
export interface ArrangementRow {
  arrangement: string;
  partner: string;
  value: number;
}

export function arrangementRows(ev: Pick<Evaluation, "arrangements">): ArrangementRow[] {
  return ev.arrangements.flatMap((a) => a.partners.map((p) => ({ arrangement: a.id, partner: p.id, value: euro(p.npv) })));
}

/** Money moved by one arrangement: total (undiscounted) and present value per payer -> receiver, in cents. */
export interface TransferTotal {
  from: string;
  to: string;
  amount: number;
  pv: number;
}

export function transferTotals(rows: readonly { partner: string; amount: number; discounted: number; counterparty?: string; kind: string }[]): TransferTotal[] {
  const m = new Map<string, TransferTotal>();
  for (const r of rows) {
    if (r.kind !== "transfer" || r.amount >= 0 || r.counterparty === undefined) continue;
    const key = `${r.partner}\u0000${r.counterparty}`;
    const t = m.get(key) ?? { from: r.partner, to: r.counterparty, amount: 0, pv: 0 };
    t.amount -= r.amount;
    t.pv -= r.discounted;
    m.set(key, t);
  }
  return [...m.values()].sort((a, b) => b.pv - a.pv);
}

/** Cash per partner under each arrangement: budget after two years and the peak funding need (cents), for the cash table. */
export interface CashRow {
  arrangement: string;
  partner: string;
  afterTwoYears: number;
  peakNeed: number;
  peakYear: number | null;
  /** Years in which this partner breaks its budget limit under this arrangement. */
  breaches: number[];
}

export function cashRows(ev: Pick<Evaluation, "arrangements">): CashRow[] {
  return ev.arrangements.flatMap((a) => a.cash.partners.map((c) => ({
    arrangement: a.id, partner: c.id, afterTwoYears: c.afterTwoYears, peakNeed: c.peakNeed, peakYear: c.peakYear,
    breaches: a.cash.breaches.filter((b) => b.partner === c.id).map((b) => b.year),
  })));
}
