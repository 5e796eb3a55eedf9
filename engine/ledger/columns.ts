/**
 * The columnar ledger: the status-quo ledger's rows as columns (typed arrays for the numbers,
 * shared strings for the names), in the order `ledgerLines` makes them: line by line, and within
 * a line year by year. A slider move on a regional case builds about 280,000 rows; as objects,
 * sorted, they were half of it (issue 15). Here a row costs a few array writes; each partner's
 * and society's metric sums and cash per year come from one pass over the columns
 * (`summarizeColumns`), the plain per-partner sums (net per year, invested, effect results: what
 * arrangement steps and the wrong-pocket matrix read) from another (`partnerSums`). Row objects in
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
const SAVING = 1, INVESTMENT = 0, TRANSFER = 4;

/** The columns' names, for copying all of them. */
const COLUMNS = ["year", "amount", "discounted", "partner", "domain", "line", "counterparty", "kind", "cashable"] as const;

/** Strings as small integers (the names of partners, domains and lines), in first-seen order. */
export class Names {
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
  readonly names: Names;
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

  /** `names`: another ledger's name table, shared (rows copied from it keep their numbers). */
  constructor(capacity = 1024, names?: Names) {
    this.names = names ?? new Names();
    const n = Math.max(16, capacity);
    const v = LedgerColumns.views(n);
    this.year = v.year; this.kind = v.kind; this.cashable = v.cashable; this.amount = v.amount; this.discounted = v.discounted;
    this.partner = v.partner; this.domain = v.domain; this.line = v.line; this.counterparty = v.counterparty;
  }

  /** Every column as a view of one buffer: one allocation (a sample's small ledger is made many times). */
  private static views(n: number) {
    const buffer = new ArrayBuffer(n * 42);
    return {
      year: new Float64Array(buffer, 0, n), amount: new Float64Array(buffer, n * 8, n), discounted: new Float64Array(buffer, n * 16, n),
      partner: new Int32Array(buffer, n * 24, n), domain: new Int32Array(buffer, n * 28, n), line: new Int32Array(buffer, n * 32, n),
      counterparty: new Int32Array(buffer, n * 36, n), kind: new Uint8Array(buffer, n * 40, n), cashable: new Uint8Array(buffer, n * 41, n),
    };
  }

  /** Empty again, keeping its room and its names: a scratch ledger for one Monte Carlo sample after another. */
  reset(): this {
    this.length = 0;
    return this;
  }

  push(year: number, partner: string, domain: string, line: string, kind: LedgerKind, amount: Cents, discounted: Cents, cashable: boolean, counterparty: string | undefined): void {
    this.pushId(year, this.names.of(partner), domain, line, kind, amount, discounted, cashable, counterparty);
  }

  /** `push` with the partner as its number in `names` (a split over the same 342 funders year after year looks each up once). */
  pushId(year: number, partner: number, domain: string, line: string, kind: LedgerKind, amount: Cents, discounted: Cents, cashable: boolean, counterparty: string | undefined): void {
    const i = this.length;
    if (i === this.year.length) this.grow();
    const names = this.names;
    this.year[i] = year;
    this.kind[i] = KIND_CODE[kind];
    this.cashable[i] = cashable ? 1 : 0;
    this.amount[i] = amount;
    this.discounted[i] = discounted;
    this.partner[i] = partner;
    // A line's rows come together: its domain and line are the last row's, mostly.
    if (line !== this.lastLine) { this.lastLine = line; this.lastLineIndex = names.of(line); }
    if (domain !== this.lastDomain) { this.lastDomain = domain; this.lastDomainIndex = names.of(domain); }
    this.domain[i] = this.lastDomainIndex;
    this.line[i] = this.lastLineIndex;
    this.counterparty[i] = counterparty === undefined ? -1 : names.of(counterparty);
    this.length = i + 1;
  }

  /**
   * Room for `n` more rows: the index of the first. The caller writes rows from there into the
   * columns (which may be new arrays after this) and sets `length` to one past the last it wrote.
   */
  room(n: number): number {
    while (this.length + n > this.year.length) this.grow();
    return this.length;
  }

  /** Appends rows start..end-1 of `from`, which shares this ledger's name table. */
  copyRows(from: LedgerColumns, start: number, end: number): void {
    if (from.names !== this.names) throw new Error("copyRows: the ledgers do not share their names");
    const n = end - start, at = this.length;
    while (at + n > this.year.length) this.grow();
    for (const k of COLUMNS) this[k].set(from[k].subarray(start, end) as never, at);
    this.length = at + n;
  }

  private grow(): void {
    const v = LedgerColumns.views(this.year.length * 2);
    for (const k of COLUMNS) v[k].set(this[k] as never);
    this.year = v.year; this.kind = v.kind; this.cashable = v.cashable; this.amount = v.amount; this.discounted = v.discounted;
    this.partner = v.partner; this.domain = v.domain; this.line = v.line; this.counterparty = v.counterparty;
  }

  /** Row i as a ledger row object. */
  row(i: number): LedgerRow {
    const names = this.names.list, c = this.counterparty[i]!;
    const r: LedgerRow = { year: this.year[i]!, partner: names[this.partner[i]!]!, domain: names[this.domain[i]!]!, line: names[this.line[i]!]!, kind: KINDS[this.kind[i]!]!, amount: this.amount[i]!, discounted: this.discounted[i]!, cashable: this.cashable[i] === 1 };
    if (c >= 0) r.counterparty = names[c]!;
    return r;
  }
}

/**
 * Rows start..end-1 of some columns: a ledger is one or more such ranges over columns that share
 * one name table (a slider move's ledger: the base ledger's rows of the lines that did not move,
 * where they are, and the moved lines' rows in columns of its own; ledger.ts `buildLedgerMoved`).
 * A line's rows are all in one range.
 */
export interface RowRange { cols: LedgerColumns; start: number; end: number }

/** The ranges of a ledger given as columns (all their rows) or as ranges. */
function rangesOf(source: LedgerColumns | readonly RowRange[]): readonly RowRange[] {
  return source instanceof LedgerColumns ? [{ cols: source, start: 0, end: source.length }] : source;
}

/** Per entity (partners in the case's order, then society) and year: the sums metrics are made of. */
export interface EntitySums {
  costs: number[]; savings: number[]; transfersIn: number[]; transfersOut: number[];
  dCosts: number[]; dSavings: number[]; dIn: number[]; dOut: number[];
  byKind: Record<LedgerKind, Cents>;
  nonCashable: Cents; dNonCashable: Cents;
}

/** What one pass over the columns gives for the metrics and cash: see `summarizeColumns` (the per-partner sums: `partnerSums`). */
export interface LedgerSummary {
  /** One per partner (the order of `partnerIds`). */
  partners: EntitySums[];
  society: EntitySums;
  /** Cash per partner and year: money in, money out (every row but non-cashable savings). */
  inflow: number[][];
  outflow: number[][];
}

/** A line's net in a year is a saving (else a cost) by its undiscounted net; the discounted net has the same sign up to rounding. */
export const isSaving = (amount: Cents, discounted: Cents) => amount > 0 || (amount === 0 && discounted > 0);

/**
 * The sums of every partner's and society's metrics and cash, in one pass:
 * rows of the same year and line are netted per partner (transfers apart) and for society (all
 * rows), as `computeMetrics` does; every sum is of integer cents within MAX_CENTS, so the order
 * of the additions cannot change it.
 */
export function summarizeColumns(source: LedgerColumns | readonly RowRange[], partnerIds: readonly string[], years: readonly number[]): LedgerSummary;
/**
 * With `effectLines`: in the same pass also the plain per-partner sums `partnerSums` gives (a
 * slider move needs both: one pass over its rows instead of two).
 */
export function summarizeColumns(source: LedgerColumns | readonly RowRange[], partnerIds: readonly string[], years: readonly number[], effectLines: ReadonlySet<string>): LedgerSummary & { sums: PartnerSums };
export function summarizeColumns(source: LedgerColumns | readonly RowRange[], partnerIds: readonly string[], years: readonly number[], effectLines?: ReadonlySet<string>): LedgerSummary & { sums?: PartnerSums } {
  const ranges = rangesOf(source);
  const P = partnerIds.length, n = years.length, E = P + 1;
  // Name number (columns.names) -> partner number.
  const byName = new Map(partnerIds.map((p, i) => [p, i]));
  const names = ranges[0]?.cols.names.list ?? [];
  const partnerOf = Int32Array.from(names, (nm) => byName.get(nm) ?? -1);
  const first = years[0] ?? 0;
  const contiguous = years.every((y, i) => y === first + i);
  const yearIdx = new Map(years.map((y, i) => [y, i]));
  // Plain arrays: a Monte Carlo sample summarises a small ledger, where making typed arrays costs more than they save.
  const f64 = (k: number) => new Array<number>(k).fill(0);
  const costs = f64(E * n), savings = f64(E * n), tIn = f64(E * n), tOut = f64(E * n);
  const dCosts = f64(E * n), dSavings = f64(E * n), dIn = f64(E * n), dOut = f64(E * n);
  const byKind = f64(E * 5), nonCash = f64(E), dNonCash = f64(E);
  const inflow = f64(P * n), outflow = f64(P * n);
  // The open cell group (one line in one year): each partner's net in it, and society's.
  const cellA = f64(P), cellD = f64(P), touched = f64(P), mark = f64(P);
  // The plain sums (`partnerSums`), when asked for: each row's amount in its partner's net per
  // year, its discounted amount in what the partner invested (investment rows) or in its effect
  // result (effect lines' rows), and |amount|, |discounted| over all rows.
  const plain = effectLines !== undefined;
  const effectLine = plain ? nameRoles(ranges[0]?.cols.names ?? new Names(), partnerIds, effectLines).effectLine : [];
  const net = plain ? f64(P * n) : [], invested = plain ? f64(P) : [], impactAmount = plain ? f64(P) : [], impactPv = plain ? f64(P) : [], impactRows = plain ? f64(P) : [];
  let absAmount = 0, absDiscounted = 0;
  let nTouched = 0, groupA = 0, groupD = 0, groupYear = -1, groupUsed = false;
  let groupLine = -1;
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
  for (const range of ranges) {
  const { year, kind, cashable, amount, discounted, partner, line } = range.cols;
  if (range.cols.names.list !== names) throw new Error("summarizeColumns: the ranges do not share their names");
  for (let i = range.start; i < range.end; i++) {
    const yr = year[i]!, ln = line[i]!;
    const y = contiguous ? (yr - first >= 0 && yr - first < n ? yr - first : -1) : (yearIdx.get(yr) ?? -1);
    if (y < 0) throw new Error(`computeMetrics: row in year ${yr} outside the horizon`);
    if (ln !== groupLine || y !== groupYear) {
      flush();
      groupLine = ln;
      groupYear = y;
    }
    const p = partnerOf[partner[i]!]!;
    if (p < 0) throw new Error(`summarizeColumns: unknown partner ${names[partner[i]!]}`);
    const k = kind[i]!, a = amount[i]!, d = discounted[i]!;
    if (plain) {
      absAmount += Math.abs(a); absDiscounted += Math.abs(d);
      net[p * n + y] = net[p * n + y]! + a;
      if (k === INVESTMENT) invested[p] = invested[p]! - d;
      else if (effectLine[ln]) { impactAmount[p] = impactAmount[p]! + a; impactPv[p] = impactPv[p]! + d; impactRows[p] = impactRows[p]! + 1; }
    }
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
  }
  }
  flush();
  const rowsOf = (a: number[], P_: number) => Array.from({ length: P_ }, (_, e) => a.slice(e * n, e * n + n));
  const entity = (e: number): EntitySums => ({
    costs: costs.slice(e * n, e * n + n), savings: savings.slice(e * n, e * n + n),
    transfersIn: tIn.slice(e * n, e * n + n), transfersOut: tOut.slice(e * n, e * n + n),
    dCosts: dCosts.slice(e * n, e * n + n), dSavings: dSavings.slice(e * n, e * n + n),
    dIn: dIn.slice(e * n, e * n + n), dOut: dOut.slice(e * n, e * n + n),
    byKind: Object.fromEntries(KINDS.map((kd, j) => [kd, byKind[e * 5 + j]!])) as Record<LedgerKind, Cents>,
    nonCashable: nonCash[e]!, dNonCashable: dNonCash[e]!,
  });
  // The per-entity arrays are made when read.
  let partners: EntitySums[] | undefined, society: EntitySums | undefined, inRows: number[][] | undefined, outRows: number[][] | undefined;
  const summary: LedgerSummary & { sums?: PartnerSums } = {
    get partners() { return (partners ??= Array.from({ length: P }, (_, e) => entity(e))); },
    get society() { return (society ??= entity(P)); },
    get inflow() { return (inRows ??= rowsOf(inflow, P)); },
    get outflow() { return (outRows ??= rowsOf(outflow, P)); },
  };
  if (plain) summary.sums = { netPerYear: (p) => net.slice(p * n, p * n + n), invested, impactAmount, impactPv, impactRows, absAmount, absDiscounted };
  return summary;
}

/** Per partner (by number, the order of `partnerIds`) the plain sums of its rows: see `partnerSums`. */
export interface PartnerSums {
  /** The net per year: the sum of its rows' amounts. */
  netPerYear(p: number): number[];
  /** The present value it invested (positive): minus its discounted investment rows. */
  invested: number[];
  /** Its effect result (every row of an effect line), undiscounted and discounted, and how many such rows. */
  impactAmount: number[];
  impactPv: number[];
  impactRows: number[];
  /** Sums of |amount| and |discounted| over all rows (bounded by MAX_CENTS). */
  absAmount: number;
  absDiscounted: number;
}

const yearIndexes = new WeakMap<readonly number[], Map<number, number>>();
/** Year -> its position, once per years array. */
function yearIndex(years: readonly number[]): Map<number, number> {
  let m = yearIndexes.get(years);
  if (!m) yearIndexes.set(years, (m = new Map(years.map((y, i) => [y, i]))));
  return m;
}

interface NameRoles { ids: readonly string[]; effects: ReadonlySet<string>; partnerOf: number[]; effectLine: boolean[] }
const roles = new WeakMap<Names, NameRoles>();
/**
 * Each name's partner number (-1 if none) and whether it is an effect line, kept with the names
 * (a scratch ledger keeps its names from sample to sample) and extended when names are added.
 */
function nameRoles(names: Names, partnerIds: readonly string[], effectLines: ReadonlySet<string>): NameRoles {
  let r = roles.get(names);
  if (!r || r.ids !== partnerIds || r.effects !== effectLines) {
    r = { ids: partnerIds, effects: effectLines, partnerOf: [], effectLine: [] };
    roles.set(names, r);
  }
  if (r.partnerOf.length < names.list.length) {
    const byName = new Map(partnerIds.map((p, i) => [p, i]));
    for (let i = r.partnerOf.length; i < names.list.length; i++) {
      r.partnerOf.push(byName.get(names.list[i]!) ?? -1);
      r.effectLine.push(effectLines.has(names.list[i]!));
    }
  }
  return r;
}

/**
 * The sums arrangement steps (`BaseFigures`) and the wrong-pocket matrix read, in one plain pass
 * (no netting per line and year): a Monte Carlo sample's arrangements need only these.
 */
export function partnerSums(source: LedgerColumns | readonly RowRange[], partnerIds: readonly string[], years: readonly number[], effectLines: ReadonlySet<string>): PartnerSums {
  const ranges = rangesOf(source);
  const P = partnerIds.length, n = years.length;
  const yearIdx = yearIndex(years);
  const names = ranges[0]?.cols.names ?? new Names();
  const { partnerOf, effectLine } = nameRoles(names, partnerIds, effectLines);
  const zeros = (k: number) => new Array<number>(k).fill(0);
  const net = zeros(P * n), invested = zeros(P), impactAmount = zeros(P), impactPv = zeros(P), impactRows = zeros(P);
  let absAmount = 0, absDiscounted = 0;
  // Consecutive years (every case's): a row's year index by a subtraction, not a map lookup per row.
  const first = years[0] ?? 0, contiguous = years.every((y, i) => y === first + i);
  for (const range of ranges) {
    const cols = range.cols;
    if (cols.names !== names) throw new Error("partnerSums: the ranges do not share their names");
    for (let i = range.start; i < range.end; i++) {
      const yr = cols.year[i]!;
      const p = partnerOf[cols.partner[i]!]!, y = contiguous ? (yr - first >= 0 && yr - first < n ? yr - first : undefined) : yearIdx.get(yr);
      if (p < 0 || y === undefined) throw new Error(`partnerSums: a row of ${names.list[cols.partner[i]!]} in ${cols.year[i]} outside the case`);
      const a = cols.amount[i]!, d = cols.discounted[i]!;
      absAmount += Math.abs(a); absDiscounted += Math.abs(d);
      net[p * n + y] = net[p * n + y]! + a;
      if (cols.kind[i] === INVESTMENT) invested[p] = invested[p]! - d;
      else if (effectLine[cols.line[i]!]) { impactAmount[p] = impactAmount[p]! + a; impactPv[p] = impactPv[p]! + d; impactRows[p] = impactRows[p]! + 1; }
    }
  }
  return { netPerYear: (p) => net.slice(p * n, p * n + n), invested, impactAmount, impactPv, impactRows, absAmount, absDiscounted };
}
