/**
 * Metrics of one entity (a partner, or society as a whole) from its ledger rows.
 *
 * Rows of the same year and line are netted first, then a positive net counts as a saving
 * (benefit) and a negative one as a cost. This matters for providers and society: a funder's
 * saving on hospital days and the hospital's lost revenue on the same line are one payment that
 * no longer happens; for society only the resource saving (the variable cost) remains.
 * Transfers (kind `transfer`) are kept apart as transfersIn / transfersOut for a partner; for
 * society they cancel, because every transfer has both sides in the ledger.
 *
 * - net = savings - costs + transfersIn - transfersOut (equals the sum of the entity's rows);
 * - npv = the same on discounted rows (t0 undiscounted, see `discount.ts`);
 * - bcr = PV(savings + transfersIn) / PV(costs + transfersOut); null when that PV of costs is 0;
 * - roi = (PV benefits - PV costs) / PV costs = bcr - 1; null likewise;
 * - paybackYear: the first year from which the cumulative discounted net stays >= 0 up to the
 *   horizon; null when it ends below 0;
 * - irr: on the yearly undiscounted net flows (see `irr.ts`).
 */
import { irr, type Irr } from "../money/irr.ts";
import type { Partner } from "../case/schema/index.ts";
import type { LedgerKind, LedgerRow, OutcomeRow } from "./row.ts";
import type { Cents } from "../money/money.ts";
import { isSaving, type EntitySums } from "./columns.ts";

export interface YearFigures {
  year: number;
  costs: Cents;
  savings: Cents;
  transfersIn: Cents;
  transfersOut: Cents;
  net: Cents;
  discountedNet: Cents;
  cumulativeDiscountedNet: Cents;
}

export interface Metrics {
  costs: Cents;
  savings: Cents;
  transfersIn: Cents;
  transfersOut: Cents;
  net: Cents;
  pvCosts: Cents;
  pvSavings: Cents;
  pvTransfersIn: Cents;
  pvTransfersOut: Cents;
  npv: Cents;
  /** Savings (kind `saving`) that no budget can actually cut, undiscounted and discounted. */
  nonCashableSavings: Cents;
  /** NPV counting only cashable savings. */
  npvCashable: Cents;
  bcr: number | null;
  roi: number | null;
  paybackYear: number | null;
  irr: Irr;
  /** Undiscounted totals by row kind, before netting (for waterfalls). */
  byKind: Record<LedgerKind, Cents>;
  yearly: YearFigures[];
}


/**
 * `computeMetrics(rows, years).pvCosts` alone (rows netted per year and line, transfers apart),
 * for settlement shares, which need nothing else (no IRR per partner and sample).
 */
export function presentCosts(rows: readonly LedgerRow[]): Cents {
  const groups = new Map<string, [amount: number, discounted: number]>();
  for (const r of rows) {
    if (r.kind === "transfer") continue;
    const key = `${r.year}\u0000${r.line}`;
    const g = groups.get(key);
    if (g) { g[0] += r.amount; g[1] += r.discounted; } else groups.set(key, [r.amount, r.discounted]);
  }
  let pv = 0;
  for (const [amount, discounted] of groups.values()) if (!isSaving(amount, discounted)) pv -= discounted;
  return pv;
}

export function computeMetrics(rows: readonly LedgerRow[], years: readonly number[], society = false): Metrics {
  const idx = new Map(years.map((y, i) => [y, i]));
  const n = years.length;
  const costs = new Array<number>(n).fill(0), savings = new Array<number>(n).fill(0);
  const tIn = new Array<number>(n).fill(0), tOut = new Array<number>(n).fill(0);
  const dCosts = new Array<number>(n).fill(0), dSavings = new Array<number>(n).fill(0);
  const dIn = new Array<number>(n).fill(0), dOut = new Array<number>(n).fill(0);
  const byKind: Record<LedgerKind, Cents> = { investment: 0, saving: 0, "revenue-loss": 0, "variable-cost-saving": 0, transfer: 0 };
  let nonCashable = 0, dNonCashable = 0;

  // Net per (year, line); transfers apart unless this is society. Lines get a number the first
  // time they appear and their years a cell of `amount`/`discounted` (line * n + year index):
  // a string key per row cost about half of this function on a large ledger.
  const lineIndex = new Map<string, number>();
  const amount: number[] = [], discounted: number[] = [], used: boolean[] = [];
  const first = years[0] ?? 0;
  const contiguous = years.every((y, i) => y === first + i);
  for (const r of rows) {
    byKind[r.kind] += r.amount;
    if (r.kind === "saving" && !r.cashable) { nonCashable += r.amount; dNonCashable += r.discounted; }
    const i = contiguous ? (r.year - first >= 0 && r.year - first < n ? r.year - first : undefined) : idx.get(r.year);
    if (i === undefined) throw new Error(`computeMetrics: row in year ${r.year} outside the horizon`);
    if (r.kind === "transfer" && !society) {
      if (r.amount > 0) { tIn[i]! += r.amount; dIn[i]! += r.discounted; } else { tOut[i]! -= r.amount; dOut[i]! -= r.discounted; }
      continue;
    }
    let line = lineIndex.get(r.line);
    if (line === undefined) {
      line = lineIndex.size;
      lineIndex.set(r.line, line);
      for (let k = 0; k < n; k++) { amount.push(0); discounted.push(0); used.push(false); }
    }
    const cell = line * n + i;
    amount[cell]! += r.amount; discounted[cell]! += r.discounted; used[cell] = true;
  }
  for (let cell = 0; cell < amount.length; cell++) {
    if (!used[cell]) continue;
    const i = cell % n, a = amount[cell]!, d = discounted[cell]!;
    // Classify by the undiscounted net; the discounted net has the same sign up to rounding.
    if (isSaving(a, d)) { savings[i]! += a; dSavings[i]! += d; }
    else { costs[i]! -= a; dCosts[i]! -= d; }
  }

  return metricsFromSums({ costs, savings, transfersIn: tIn, transfersOut: tOut, dCosts, dSavings, dIn, dOut, byKind, nonCashable: nonCashable, dNonCashable }, years);
}

/** The metrics of an entity from its sums per year (rows already netted per line and year; see columns.ts). */
export function metricsFromSums(s: EntitySums, years: readonly number[]): Metrics {
  const { costs, savings, transfersIn: tIn, transfersOut: tOut, dCosts, dSavings, dIn, dOut } = s;
  const n = years.length;
  const yearly: YearFigures[] = [];
  let cum = 0;
  const flows: number[] = [];
  for (let i = 0; i < n; i++) {
    const net = savings[i]! - costs[i]! + tIn[i]! - tOut[i]!;
    const dNet = dSavings[i]! - dCosts[i]! + dIn[i]! - dOut[i]!;
    cum += dNet;
    flows.push(net);
    yearly.push({ year: years[i]!, costs: costs[i]!, savings: savings[i]!, transfersIn: tIn[i]!, transfersOut: tOut[i]!, net, discountedNet: dNet, cumulativeDiscountedNet: cum });
  }
  const sum = (a: readonly number[]) => a.reduce((t, v) => t + v, 0);
  const pvCosts = sum(dCosts), pvSavings = sum(dSavings), pvIn = sum(dIn), pvOut = sum(dOut);
  const npv = pvSavings - pvCosts + pvIn - pvOut;
  const denominator = pvCosts + pvOut;
  const bcr = denominator > 0 ? (pvSavings + pvIn) / denominator : null;

  const paybackYear = paybackYearOf(yearly);

  return {
    costs: sum(costs), savings: sum(savings), transfersIn: sum(tIn), transfersOut: sum(tOut),
    net: sum(yearly.map((y) => y.net)),
    pvCosts, pvSavings, pvTransfersIn: pvIn, pvTransfersOut: pvOut, npv,
    nonCashableSavings: s.nonCashable, npvCashable: npv - s.dNonCashable,
    bcr, roi: bcr === null ? null : bcr - 1, paybackYear, irr: irr(flows), byKind: { ...s.byKind }, yearly,
  };
}

export interface OutcomeTotal {
  unit: string;
  quantity: number;
  discounted: number;
  /** Money value for society where the outcomes carry a unit price, in cents. */
  value?: Cents;
}

/** Non-monetary outcomes summed per unit. */
export function outcomeTotals(outcomes: readonly OutcomeRow[]): OutcomeTotal[] {
  const m = new Map<string, OutcomeTotal>();
  for (const o of outcomes) {
    const t = m.get(o.unit) ?? { unit: o.unit, quantity: 0, discounted: 0 };
    t.quantity += o.quantity; t.discounted += o.discounted;
    if (o.value !== undefined) t.value = (t.value ?? 0) + o.value;
    m.set(o.unit, t);
  }
  return [...m.values()].sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
}

/** A partner's metrics with who it is. */
export interface PartnerResult extends Metrics {
  id: string;
  name: string;
  kind: Partner["kind"];
}

/**
 * The metrics of an entity after transfer rows are added to its ledger, from its metrics without
 * them: `withTransfers(computeMetrics(rows, years), added, years)` equals
 * `computeMetrics([...rows, ...added], years)` for a partner (not society), because a partner's
 * transfers are kept apart from the netting per line and year (they only move transfersIn/Out,
 * their present values, the net and what follows from it). Linear in the added rows and the
 * years, not in the entity's ledger: an arrangement's metrics per partner without a second pass
 * over the status quo. Every figure is a sum of integer cents within 2^53, so the order of the
 * additions does not change it.
 */
export function withTransfers(base: Metrics, added: readonly LedgerRow[], years: readonly number[]): Metrics {
  const n = years.length;
  const first = years[0] ?? 0;
  const contiguous = years.every((y, i) => y === first + i);
  const idx = contiguous ? undefined : new Map(years.map((y, i) => [y, i]));
  const s: TransferSums = {
    transfersIn: new Float64Array(n), transfersOut: new Float64Array(n), discountedNet: new Float64Array(n),
    pvIn: new Float64Array(1), pvOut: new Float64Array(1), net: new Float64Array(1), rows: Int32Array.of(added.length),
  };
  for (const r of added) {
    if (r.kind !== "transfer") throw new Error(`withTransfers: a ${r.kind} row is not a transfer`);
    const i = idx ? idx.get(r.year) : (r.year - first >= 0 && r.year - first < n ? r.year - first : undefined);
    if (i === undefined) throw new Error(`computeMetrics: row in year ${r.year} outside the horizon`);
    s.net[0] = s.net[0]! + r.amount;
    if (r.amount > 0) { s.transfersIn[i] = s.transfersIn[i]! + r.amount; s.pvIn[0] = s.pvIn[0]! + r.discounted; } else { s.transfersOut[i] = s.transfersOut[i]! - r.amount; s.pvOut[0] = s.pvOut[0]! - r.discounted; }
    s.discountedNet[i] = s.discountedNet[i]! + r.discounted;
  }
  return withTransferSums(base, s, 0, years);
}

/**
 * What transfers add to entities (entity e's years at e * years.length; engine/arrangements/transfers.ts
 * makes them for every partner in one pass over an arrangement's transfers): money received and
 * paid (positive) and the discounted net per year; per entity the present values received and
 * paid (positive), the net of its transfer rows and how many rows it has.
 */
export interface TransferSums {
  transfersIn: Float64Array;
  transfersOut: Float64Array;
  discountedNet: Float64Array;
  pvIn: Float64Array;
  pvOut: Float64Array;
  net: Float64Array;
  rows: Int32Array;
}

/** `withTransfers` from entity e's sums of the added rows (`TransferSums`) instead of the rows. */
export function withTransferSums(base: Metrics, s: TransferSums, e: number, years: readonly number[]): Metrics {
  const n = years.length, at = e * n;
  const pvIn = base.pvTransfersIn + s.pvIn[e]!, pvOut = base.pvTransfersOut + s.pvOut[e]!;
  const yearly: YearFigures[] = [];
  const flows: number[] = [];
  let cum = 0, net = 0, totalIn = 0, totalOut = 0;
  for (let i = 0; i < n; i++) {
    const b = base.yearly[i]!;
    const tIn = b.transfersIn + s.transfersIn[at + i]!, tOut = b.transfersOut + s.transfersOut[at + i]!;
    const dNet = b.discountedNet + s.discountedNet[at + i]!;
    const yNet = b.savings - b.costs + tIn - tOut;
    cum += dNet;
    net += yNet;
    totalIn += tIn; totalOut += tOut;
    flows.push(yNet);
    yearly.push({ year: b.year, costs: b.costs, savings: b.savings, transfersIn: tIn, transfersOut: tOut, net: yNet, discountedNet: dNet, cumulativeDiscountedNet: cum });
  }
  const { pvCosts, pvSavings } = base;
  const npv = pvSavings - pvCosts + pvIn - pvOut;
  const denominator = pvCosts + pvOut;
  const bcr = denominator > 0 ? (pvSavings + pvIn) / denominator : null;
  const paybackYear = paybackYearOf(yearly);
  // The discounted non-cashable savings are what separates the two NPVs; transfers leave them.
  const dNonCashable = base.npv - base.npvCashable;
  return {
    costs: base.costs, savings: base.savings, transfersIn: totalIn, transfersOut: totalOut, net,
    pvCosts, pvSavings, pvTransfersIn: pvIn, pvTransfersOut: pvOut, npv,
    nonCashableSavings: base.nonCashableSavings, npvCashable: npv - dNonCashable,
    bcr, roi: bcr === null ? null : bcr - 1, paybackYear,
    irr: s.rows[e] === 0 ? copyIrr(base.irr) : irr(flows),
    byKind: { ...base.byKind, transfer: base.byKind.transfer + s.net[e]! }, yearly,
  };
}

/**
 * Society's metrics after an arrangement's transfer rows are added, from its metrics without
 * them, when the rows cancel in every line and year (each transfer is two rows, minus for the
 * payer and plus for the receiver, on the same line and year: their cell nets to 0 and 0, so no
 * cell of the netting changes and a new cell is a cost of 0). Undefined when some line and year
 * does not cancel: then only `computeMetrics` over every row can say.
 */
export function societyWithTransfers(base: Metrics, added: readonly LedgerRow[], years: readonly number[]): Metrics | undefined {
  const inHorizon = new Set(years);
  const cells = new Map<string, Map<number, [amount: number, discounted: number]>>();
  let transfers = base.byKind.transfer;
  for (const r of added) {
    if (r.kind !== "transfer" || !inHorizon.has(r.year)) return undefined;
    transfers += r.amount;
    let line = cells.get(r.line);
    if (!line) cells.set(r.line, (line = new Map()));
    const c = line.get(r.year);
    if (c) { c[0] += r.amount; c[1] += r.discounted; } else line.set(r.year, [r.amount, r.discounted]);
  }
  for (const line of cells.values()) for (const [a, d] of line.values()) if (a !== 0 || d !== 0) return undefined;
  return {
    ...base, irr: copyIrr(base.irr), byKind: { ...base.byKind, transfer: transfers },
    yearly: base.yearly.map((y) => ({ ...y })),
  };
}

/** The first year from which the cumulative discounted net stays >= 0 up to the horizon; null when it ends below 0. */
function paybackYearOf(yearly: readonly YearFigures[]): number | null {
  let paybackYear: number | null = null;
  for (let i = yearly.length - 1; i >= 0; i--) {
    if (yearly[i]!.cumulativeDiscountedNet >= 0) paybackYear = yearly[i]!.year;
    else break;
  }
  return paybackYear;
}

const copyIrr = (x: Irr): Irr => (x.status === "multiple" ? { status: "multiple", rates: [...x.rates] } : { ...x });
