/**
 * Cash: what a budget holder decides on, next to NPV. Per entity (a partner, a pot) and year:
 *
 * - cash = the sum of its ledger rows that are money moving (every row except savings marked
 *   `cashable: false`: fewer GP minutes lower no budget), undiscounted;
 * - cumulative = the running sum from the start year;
 * - peak funding need = how deep the cumulative cash goes below zero (0 if it never does), and
 *   the first year it is that deep: what the entity must pre-finance;
 * - budget after two years = the cumulative cash at the end of the second year (the first,
 *   with a one-year horizon), as the Dutch MKBA tool for neighbourhood teams reports it.
 *
 * Budget limits (a partner's `budgetLimits`: the most it can pay out net in a year) are checked
 * against every year's cash: an outflow larger than the limit is a breach, reported per
 * arrangement. An investor's return is its cash seen as an investment: IRR of its yearly cash,
 * money multiple = money in / money out, and the cash payback year.
 */
import type { Partner } from "../case/schema/index.ts";
import type { TransferColumns } from "../case/model.ts";
import type { Cents } from "../money/money.ts";
import { irr, type Irr } from "../money/irr.ts";
import type { LedgerRow } from "./row.ts";

export interface CashYear {
  year: number;
  /** Money in minus money out that year (cents, undiscounted, cashable rows only). */
  cash: Cents;
  inflow: Cents;
  outflow: Cents;
  cumulative: Cents;
}

export interface CashFigures {
  id: string;
  yearly: CashYear[];
  /** Sum of the yearly cash. */
  total: Cents;
  /** max(0, -lowest cumulative cash): what the entity must pre-finance. */
  peakNeed: Cents;
  /** The first year the cumulative cash is at its lowest, when that is below zero; else null. */
  peakYear: number | null;
  /** Cumulative cash at the end of the second year (the first, with a one-year horizon). */
  afterTwoYears: Cents;
}

/** A year in which a partner pays out more (net, cash) than its budget limit. */
export interface BudgetBreach {
  partner: string;
  year: number;
  /** Net cash outflow that year (positive cents). */
  outflow: Cents;
  limit: Cents;
}

export interface InvestorReturn {
  id: string;
  /** What the investor paid out (cash outflows) and got back (cash inflows), undiscounted. */
  paidOut: Cents;
  received: Cents;
  /** received / paidOut; null when it paid out nothing. */
  multiple: number | null;
  irr: Irr;
  /** The first year from which its cumulative cash stays >= 0 (undiscounted); null if it ends below 0. */
  paybackYear: number | null;
}

export interface CashView {
  partners: CashFigures[];
  /** Pots of an arrangement as entities of their own (empty for the status quo). */
  pots: CashFigures[];
  breaches: BudgetBreach[];
  investors: InvestorReturn[];
}

/** Money in and out per entity and year (index from the start year), undiscounted. */
type Flows = Map<string, { inflow: number[]; outflow: number[] }>;

/** The index of each year of the horizon. */
function yearIndex(years: readonly number[]): (year: number) => number | undefined {
  const first = years[0]!, n = years.length;
  if (years.every((y, i) => y === first + i)) return (year) => (year >= first && year < first + n ? year - first : undefined);
  const idx = new Map(years.map((y, i) => [y, i]));
  return (year) => idx.get(year);
}

/** Adds rows' cash (every row but non-cashable savings) to `flows`, per entity (`key`) and year. */
function addFlows(flows: Flows, rows: readonly LedgerRow[], years: readonly number[], key: (r: LedgerRow) => string = (r) => r.partner): void {
  const n = years.length, index = yearIndex(years);
  for (const r of rows) {
    if (r.kind === "saving" && !r.cashable) continue;
    const i = index(r.year);
    if (i === undefined) throw new Error(`cashFigures: row in year ${r.year} outside the horizon`);
    const k = key(r);
    let f = flows.get(k);
    if (!f) { f = { inflow: new Array<number>(n).fill(0), outflow: new Array<number>(n).fill(0) }; flows.set(k, f); }
    if (r.amount > 0) f.inflow[i]! += r.amount; else f.outflow[i]! -= r.amount;
  }
}

/** Adds transfers' cash to `flows`: what `addFlows` adds for their rows (every transfer row is cash). */
function addTransferFlows(flows: Flows, t: TransferColumns, years: readonly number[]): void {
  const n = years.length, index = yearIndex(years);
  const entry = (k: string) => {
    let f = flows.get(k);
    if (!f) { f = { inflow: new Array<number>(n).fill(0), outflow: new Array<number>(n).fill(0) }; flows.set(k, f); }
    return f;
  };
  for (let j = 0; j < t.length; j++) {
    const i = index(t.year[j]!);
    if (i === undefined) throw new Error(`cashFigures: row in year ${t.year[j]} outside the horizon`);
    const a = t.amount[j]!, from = entry(t.from[j]!), to = entry(t.to[j]!);
    from.outflow[i]! += a;
    to.inflow[i]! += a;
  }
}

/** Cash figures of one entity from its rows. */
export function cashFigures(id: string, rows: readonly LedgerRow[], years: readonly number[]): CashFigures {
  const flows: Flows = new Map();
  addFlows(flows, rows, years, () => id);
  const f = flows.get(id);
  return figures(id, f?.inflow ?? new Array<number>(years.length).fill(0), f?.outflow ?? new Array<number>(years.length).fill(0), years);
}

function figures(id: string, inflow: readonly number[], outflow: readonly number[], years: readonly number[]): CashFigures {
  let cumulative = 0, lowest = 0, lowestYear: number | null = null;
  const yearly = years.map((year, i) => {
    const cash = inflow[i]! - outflow[i]!;
    cumulative += cash;
    if (cumulative < lowest) { lowest = cumulative; lowestYear = year; }
    return { year, cash, inflow: inflow[i]!, outflow: outflow[i]!, cumulative };
  });
  const two = yearly[Math.min(1, yearly.length - 1)];
  return { id, yearly, total: cumulative, peakNeed: lowest < 0 ? -lowest : 0, peakYear: lowestYear, afterTwoYears: two ? two.cumulative : 0 };
}

/** Years in which a partner's net cash outflow exceeds its budget limit. */
export function budgetBreaches(partners: readonly Partner[], cash: readonly CashFigures[]): BudgetBreach[] {
  const out: BudgetBreach[] = [];
  for (const p of partners) {
    if (!p.budgetLimits) continue;
    const c = cash.find((x) => x.id === p.id);
    if (!c) continue;
    for (const y of c.yearly) {
      const limit = p.budgetLimits[String(y.year)];
      if (limit === undefined) continue;
      const limitCents = Math.round(limit * 100);
      if (-y.cash > limitCents) out.push({ partner: p.id, year: y.year, outflow: -y.cash, limit: limitCents });
    }
  }
  return out;
}

/** An investor's return from its cash figures. */
export function investorReturn(c: CashFigures): InvestorReturn {
  const paidOut = c.yearly.reduce((s, y) => s + y.outflow, 0), received = c.yearly.reduce((s, y) => s + y.inflow, 0);
  let paybackYear: number | null = null;
  for (let i = c.yearly.length - 1; i >= 0; i--) {
    if (c.yearly[i]!.cumulative >= 0) paybackYear = c.yearly[i]!.year;
    else break;
  }
  return { id: c.id, paidOut, received, multiple: paidOut > 0 ? received / paidOut : null, irr: irr(c.yearly.map((y) => y.cash)), paybackYear };
}

/** The status quo's flows per rows array (an arrangement's cash is them plus its transfers). */
const flowsCache = new WeakMap<readonly LedgerRow[], { years: readonly number[]; flows: Flows }>();

/**
 * The cash view of a set of rows (`rows` and, for an arrangement, its transfer rows `added`):
 * every partner, the given pots, breaches and investors' returns. Cash is a sum per entity and
 * year, so the status quo's sums are kept per rows array and an arrangement adds only its own.
 */
export function cashView(partners: readonly Partner[], rows: readonly LedgerRow[], years: readonly number[], potIds: readonly string[] = [], added: readonly LedgerRow[] = []): CashView {
  let base = flowsCache.get(rows);
  if (!base || base.years !== years) {
    const flows: Flows = new Map();
    addFlows(flows, rows, years);
    flowsCache.set(rows, (base = { years, flows }));
  }
  return cashViewOfFlows(partners, base.flows, years, potIds, added);
}

/**
 * The cash view from the status quo's money in and out per entity and year (`flows`, by entity
 * id; an entity without rows may be missing) and an arrangement's transfer rows `added`.
 */
export function cashViewOfFlows(partners: readonly Partner[], baseFlows: ReadonlyMap<string, { inflow: readonly number[]; outflow: readonly number[] }>, years: readonly number[], potIds: readonly string[] = [], added: readonly LedgerRow[] | TransferColumns = []): CashView {
  let flows = baseFlows as Flows;
  if (added.length > 0) {
    // A copy of the entries the transfers touch; the status quo's stay as they are.
    flows = new Map(flows);
    const touched = Array.isArray(added) ? new Set((added as readonly LedgerRow[]).map((r) => r.partner)) : new Set([...(added as TransferColumns).from.slice(0, added.length), ...(added as TransferColumns).to.slice(0, added.length)]);
    for (const id of touched) {
      const f = flows.get(id);
      if (f) flows.set(id, { inflow: f.inflow.slice(), outflow: f.outflow.slice() });
    }
    if (Array.isArray(added)) addFlows(flows, added as readonly LedgerRow[], years);
    else addTransferFlows(flows, added as TransferColumns, years);
  }
  const of = (id: string) => {
    const f = flows.get(id);
    return f ? figures(id, f.inflow, f.outflow, years) : figures(id, new Array<number>(years.length).fill(0), new Array<number>(years.length).fill(0), years);
  };
  const cash = partners.map((p) => of(p.id));
  const byId = new Map(cash.map((c) => [c.id, c]));
  return {
    partners: cash,
    pots: potIds.map(of),
    breaches: budgetBreaches(partners, cash),
    investors: partners.filter((p) => p.kind === "investor").map((p) => investorReturn(byId.get(p.id)!)),
  };
}
