/**
 * The columnar ledger: the status-quo ledger's rows as columns (typed arrays for the numbers,
 * shared strings for the names), in the order `ledgerLines` makes them: line by line, and within
 * a line year by year. A slider move on a regional case builds about 280,000 rows; as objects,
 * sorted, they were half of it (issue 15). Here a row costs a few array writes, and the figures
 * every evaluation needs (each partner's and society's metrics, cash per year, the wrong-pocket
 * sums, benefit shares) come from one pass over the columns (`summarizeColumns`). Row objects in
 * the canonical order (`compareRows`) are made only when something reads `ledger.rows`.
 *
 * One representation: `buildLedger` fills these columns and `ledger.rows` is made from them, so
 * there is no second, fast path to keep equal to an exact one; the property test
 * test/ledger/columns.properties.test.ts checks the summary against the row functions
 * (computeMetrics, cashView, wrongPocket) over the rows.
 */
import type { Cents } from "../money/money.ts";
import type { LedgerKind, LedgerRow } from "./row.ts";

export const KINDS: readonly LedgerKind[] = ["investment", "saving", "revenue-loss", "variable-cost-saving", "transfer"];
const KIND_CODE: Record<LedgerKind, number> = { investment: 0, saving: 1, "revenue-loss": 2, "variable-cost-saving": 3, transfer: 4 };
export const TRANSFER = 4;
const SAVING = 1, INVESTMENT = 0;

/** Strings as small integers (the names of partners, domains and lines), in first-seen order. */
class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) { i = this.list.length; this.list.push(name); this.index.set(name, i); }
    return i;
  }
}

/**
 * Rows as columns; `push` appends one. Names are numbers into `names` (a column of strings
 * costs a pointer write the garbage collector must track per row). Rows of one line and year are
 * adjacent (a "cell" group).
 */
export class LedgerColumns {
  length = 0;
  readonly names = new Names();
  /** Float64: a case may start in any year a number can hold (validation bounds the amounts, not the years). */
  year: Float64Array; kind: Uint8Array; cashable: Uint8Array;
  amount: Float64Array; discounted: Float64Array;
  partner: Int32Array; domain: Int32Array; line: Int32Array;
  /** -1 for none. */
  counterparty: Int32Array;
  private lastLine: string | undefined;
  private lastLineIndex = -1;
  private lastDomain: string | undefined;
  private lastDomainIndex = -1;

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.year = new Float64Array(n); this.kind = new Uint8Array(n); this.cashable = new Uint8Array(n);
    this.amount = new Float64Array(n); this.discounted = new Float64Array(n);
    this.partner = new Int32Array(n); this.domain = new Int32Array(n); this.line = new Int32Array(n);
    this.counterparty = new Int32Array(n);
  }

  push(year: number, partner: string, domain: string, line: string, kind: LedgerKind, amount: Cents, discounted: Cents, cashable: boolean, counterparty: string | undefined): void {
    const i = this.length;
    if (i === this.year.length) this.grow();
    const names = this.names;
    this.year[i] = year;
    this.kind[i] = KIND_CODE[kind];
    this.cashable[i] = cashable ? 1 : 0;
    this.amount[i] = amount;
    this.discounted[i] = discounted;
    this.partner[i] = names.of(partner);
    // A line's rows come together: its domain and line are the last row's, mostly.
    if (line !== this.lastLine) { this.lastLine = line; this.lastLineIndex = names.of(line); }
    if (domain !== this.lastDomain) { this.lastDomain = domain; this.lastDomainIndex = names.of(domain); }
    this.domain[i] = this.lastDomainIndex;
    this.line[i] = this.lastLineIndex;
    this.counterparty[i] = counterparty === undefined ? -1 : names.of(counterparty);
    this.length = i + 1;
  }

  private grow(): void {
    const n = this.year.length * 2;
    const more = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => { const b = make(n); b.set(a); return b; };
    this.year = more(this.year, (k) => new Float64Array(k));
    this.kind = more(this.kind, (k) => new Uint8Array(k));
    this.cashable = more(this.cashable, (k) => new Uint8Array(k));
    this.amount = more(this.amount, (k) => new Float64Array(k));
    this.discounted = more(this.discounted, (k) => new Float64Array(k));
    this.partner = more(this.partner, (k) => new Int32Array(k));
    this.domain = more(this.domain, (k) => new Int32Array(k));
    this.line = more(this.line, (k) => new Int32Array(k));
    this.counterparty = more(this.counterparty, (k) => new Int32Array(k));
  }

  /** Row i as a ledger row object. */
  row(i: number): LedgerRow {
    const names = this.names.list, c = this.counterparty[i]!;
    const r: LedgerRow = { year: this.year[i]!, partner: names[this.partner[i]!]!, domain: names[this.domain[i]!]!, line: names[this.line[i]!]!, kind: KINDS[this.kind[i]!]!, amount: this.amount[i]!, discounted: this.discounted[i]!, cashable: this.cashable[i] === 1 };
    if (c >= 0) r.counterparty = names[c]!;
    return r;
  }
}

/** Per entity (partners in the case's order, then society) and year: the sums metrics are made of. */
export interface EntitySums {
  costs: number[]; savings: number[]; transfersIn: number[]; transfersOut: number[];
  dCosts: number[]; dSavings: number[]; dIn: number[]; dOut: number[];
  byKind: Record<LedgerKind, Cents>;
  nonCashable: Cents; dNonCashable: Cents;
}

/** What one pass over the columns gives: see `summarizeColumns`. */
export interface LedgerSummary {
  /** One per partner (the order of `partnerIds`). */
  partners: EntitySums[];
  society: EntitySums;
  /** Cash per partner and year: money in, money out (every row but non-cashable savings). */
  inflow: number[][];
  outflow: number[][];
  /** Per partner: the present value it invested (positive), and its effect result undiscounted and discounted (every row of an effect line). */
  invested: number[];
  impactAmount: number[];
  impactPv: number[];
  /** Per partner: how many rows of effect lines it has. */
  impactRows: number[];
  /** Sums of |amount| and |discounted| over all rows (bounded by MAX_CENTS). */
  absAmount: number;
  absDiscounted: number;
}

/** A line's net in a year is a saving (else a cost) by its undiscounted net; the discounted net has the same sign up to rounding. */
export const isSaving = (amount: Cents, discounted: Cents) => amount > 0 || (amount === 0 && discounted > 0);

/**
 * The sums of every partner's and society's metrics, cash and wrong-pocket figures, in one pass:
 * rows of the same year and line are netted per partner (transfers apart) and for society (all
 * rows), as `computeMetrics` does; every sum is of integer cents within MAX_CENTS, so the order
 * of the additions cannot change it.
 */
export function summarizeColumns(cols: LedgerColumns, partnerIds: readonly string[], years: readonly number[], effectLines: ReadonlySet<string>): LedgerSummary {
  const P = partnerIds.length, n = years.length, E = P + 1;
  // Name number (columns.names) -> partner number, and whether a line is an effect's.
  const byName = new Map(partnerIds.map((p, i) => [p, i]));
  const names = cols.names.list;
  const partnerOf = Int32Array.from(names, (nm) => byName.get(nm) ?? -1);
  const effectLine = Uint8Array.from(names, (nm) => (effectLines.has(nm) ? 1 : 0));
  const first = years[0] ?? 0;
  const contiguous = years.every((y, i) => y === first + i);
  const yearIdx = new Map(years.map((y, i) => [y, i]));
  const f64 = (k: number) => new Float64Array(k);
  const costs = f64(E * n), savings = f64(E * n), tIn = f64(E * n), tOut = f64(E * n);
  const dCosts = f64(E * n), dSavings = f64(E * n), dIn = f64(E * n), dOut = f64(E * n);
  const byKind = f64(E * 5), nonCash = f64(E), dNonCash = f64(E);
  const inflow = f64(P * n), outflow = f64(P * n);
  const invested = f64(P), impactAmount = f64(P), impactPv = f64(P), impactRows = f64(P);
  // The open cell group (one line in one year): each partner's net in it, and society's.
  const cellA = f64(P), cellD = f64(P), touched = new Int32Array(P), mark = new Uint8Array(P);
  let nTouched = 0, groupA = 0, groupD = 0, groupYear = -1, groupUsed = false;
  let groupLine = -1, groupEffect = false;
  let absAmount = 0, absDiscounted = 0;
  const classify = (e: number, y: number, a: number, d: number) => {
    const c = e * n + y;
    if (isSaving(a, d)) { savings[c] = savings[c]! + a; dSavings[c] = dSavings[c]! + d; }
    else { costs[c] = costs[c]! - a; dCosts[c] = dCosts[c]! - d; }
  };
  const flush = () => {
    for (let t = 0; t < nTouched; t++) {
      const p = touched[t]!;
      classify(p, groupYear, cellA[p]!, cellD[p]!);
      cellA[p] = 0; cellD[p] = 0; mark[p] = 0;
    }
    if (groupUsed) classify(P, groupYear, groupA, groupD);
    nTouched = 0; groupA = 0; groupD = 0; groupUsed = false;
  };
  const { year, kind, cashable, amount, discounted, partner, line } = cols;
  for (let i = 0; i < cols.length; i++) {
    const yr = year[i]!, ln = line[i]!;
    const y = contiguous ? (yr - first >= 0 && yr - first < n ? yr - first : -1) : (yearIdx.get(yr) ?? -1);
    if (y < 0) throw new Error(`computeMetrics: row in year ${yr} outside the horizon`);
    if (ln !== groupLine || y !== groupYear) {
      flush();
      if (ln !== groupLine) { groupLine = ln; groupEffect = effectLine[ln] === 1; }
      groupYear = y;
    }
    const p = partnerOf[partner[i]!]!;
    if (p < 0) throw new Error(`summarizeColumns: unknown partner ${names[partner[i]!]}`);
    const k = kind[i]!, a = amount[i]!, d = discounted[i]!;
    absAmount += Math.abs(a); absDiscounted += Math.abs(d);
    byKind[p * 5 + k] = byKind[p * 5 + k]! + a;
    byKind[P * 5 + k] = byKind[P * 5 + k]! + a;
    const moneyMoves = !(k === SAVING && cashable[i] === 0);
    if (!moneyMoves) { nonCash[p] = nonCash[p]! + a; dNonCash[p] = dNonCash[p]! + d; nonCash[P] = nonCash[P]! + a; dNonCash[P] = dNonCash[P]! + d; }
    else if (a > 0) inflow[p * n + y] = inflow[p * n + y]! + a;
    else outflow[p * n + y] = outflow[p * n + y]! - a;
    groupA += a; groupD += d; groupUsed = true;
    if (k === TRANSFER) {
      const c = p * n + y;
      if (a > 0) { tIn[c] = tIn[c]! + a; dIn[c] = dIn[c]! + d; } else { tOut[c] = tOut[c]! - a; dOut[c] = dOut[c]! - d; }
    } else {
      if (mark[p] === 0) { mark[p] = 1; touched[nTouched++] = p; }
      cellA[p] = cellA[p]! + a; cellD[p] = cellD[p]! + d;
    }
    if (k === INVESTMENT) invested[p] = invested[p]! - d;
    else if (groupEffect) { impactAmount[p] = impactAmount[p]! + a; impactPv[p] = impactPv[p]! + d; impactRows[p] = impactRows[p]! + 1; }
  }
  flush();
  const rowsOf = (a: Float64Array, P_: number) => Array.from({ length: P_ }, (_, e) => Array.from(a.subarray(e * n, e * n + n)));
  const entity = (e: number): EntitySums => ({
    costs: Array.from(costs.subarray(e * n, e * n + n)), savings: Array.from(savings.subarray(e * n, e * n + n)),
    transfersIn: Array.from(tIn.subarray(e * n, e * n + n)), transfersOut: Array.from(tOut.subarray(e * n, e * n + n)),
    dCosts: Array.from(dCosts.subarray(e * n, e * n + n)), dSavings: Array.from(dSavings.subarray(e * n, e * n + n)),
    dIn: Array.from(dIn.subarray(e * n, e * n + n)), dOut: Array.from(dOut.subarray(e * n, e * n + n)),
    byKind: Object.fromEntries(KINDS.map((kd, j) => [kd, byKind[e * 5 + j]!])) as Record<LedgerKind, Cents>,
    nonCashable: nonCash[e]!, dNonCashable: dNonCash[e]!,
  });
  return {
    partners: Array.from({ length: P }, (_, e) => entity(e)), society: entity(P),
    inflow: rowsOf(inflow, P), outflow: rowsOf(outflow, P),
    invested: Array.from(invested), impactAmount: Array.from(impactAmount), impactPv: Array.from(impactPv), impactRows: Array.from(impactRows),
    absAmount, absDiscounted,
  };
}
