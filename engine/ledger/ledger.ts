/**
 * A compiled case and a vector of parameter values become the ledger: one row per year,
 * partner, line and kind, in integer cents.
 *
 * Sign convention: from the partner's own budget. An investment is negative, a saving positive,
 * a provider's revenue loss negative, its variable-cost saving positive, a transfer negative for
 * the payer and positive for the receiver. So society's result is the plain sum of all rows.
 *
 * Rounding: each line's amount in euros becomes cents once (`toCents`, half away from zero). A
 * provider's revenue loss equals the funder's saving to the cent, split among providers and into
 * a variable-cost part through `allocate`, so derived rows never create or lose a cent.
 *
 * Bounds: every row's amount and discounted amount, and the sum of all rows' absolute values,
 * stay within MAX_CENTS (engine/money/money.ts), so every total is exact; an outcome's quantity
 * stays within LIMITS.outcomeQuantity. Going over is an input error with the line's path.
 */
import { LIMITS } from "../case/limits.ts";
import { allocate, allocateInto, allocationScratch, keyRanks, variablePart, type AllocationScratch } from "../money/allocate.ts";
import { discountFactor } from "../money/discount.ts";
import { boundedCents, discountedCents, MAX_CENTS, type Cents } from "../money/money.ts";
import { InputError, type Path } from "../messages/issues.ts";
import type { BaseFigures, CompiledEffect, Model } from "../case/model.ts";
import type { Ledger, LedgerKind, LedgerRow, OutcomeRow } from "./row.ts";
import { KINDS, LedgerColumns, partnerSums, summarizeColumns, type LedgerSummary, type PartnerSums, type RowRange } from "./columns.ts";

/** The net fraction of an effect that counts in a year (deflators, ramp-up, drop-off). */
export function effectFactor(e: CompiledEffect, values: ArrayLike<number>, ramp: number, dropOffPower: number): number {
  const dw = e.deadweight(values), at = e.attribution(values), dp = e.displacement(values), ob = e.optimismBias(values);
  const drop = e.dropOffRate ? Math.pow(1 - e.dropOffRate(values), dropOffPower) : 1;
  return (1 - dw) * at * (1 - dp) * (1 - ob) * ramp * drop;
}

/**
 * The status-quo ledger: rows in integer cents, built as columns (columns.ts); `rows` makes the
 * row objects in the canonical order (`compareRows`) the first time it is read.
 */
export function buildLedger(model: Model, values: ArrayLike<number>, scratch?: LedgerColumns): Ledger {
  // Room for every row the model can have (`capacityFor`). A caller that uses each ledger only
  // until it builds the next (a Monte Carlo chunk) passes the same `scratch` columns every
  // time: no new columns per sample.
  const columns = scratch ? scratch.reset() : new LedgerColumns(capacityFor(model)), outcomes: OutcomeRow[] = [];
  // Where each line's rows are and what they add up to, kept with a ledger that is not scratch:
  // a ledger at values that move only some lines copies the others from it (`buildLedgerMoved`).
  const L = model.investments.length + model.effects.length;
  const perLine: LineSums[] | undefined = scratch ? undefined : [], starts = scratch ? undefined : new Int32Array(L + 1);
  const sums = ledgerLines(model, values, undefined, columns, outcomes, perLine, starts);
  if (!(sums.amount <= MAX_CENTS && sums.discounted <= MAX_CENTS)) throw new InputError(sums.largestPath, "totalOverflow", { value: Math.max(sums.amount, sums.discounted) / 100 });
  outcomes.sort(byYearAndLine);
  const ledger = ledgerOf(columns, outcomes);
  if (perLine && starts) lineInfo.set(ledger, { model, perLine, starts });
  return ledger;
}

/** The columns `buildLedgerMoved(..., reuse = true)` writes over, one per base ledger. */
const reusedColumns = new WeakMap<Ledger, LedgerColumns>();
const byYearAndLine = (a: OutcomeRow, b: OutcomeRow) => a.year - b.year || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0);
const lineInfo = new WeakMap<Ledger, { model: Model; perLine: LineSums[]; starts: Int32Array }>();
/** What each line of a ledger `buildLedger` made adds to the bounded sums (undefined for scratch or row ledgers). */
export function lineSumsOf(ledger: Ledger): readonly LineSums[] | undefined {
  return lineInfo.get(ledger)?.perLine;
}

/**
 * `buildLedger(model, values)` when only the lines marked in `moved` (investments, then
 * effects: 1 for a line whose formulas read a parameter that changed) can differ from `base`, a
 * ledger `buildLedger` made for this model: the other lines' rows are copied from it, the moved
 * lines built again. The same rows (in another order inside the columns; `rows` sorts them),
 * sums, outcomes and errors: a line that did not move gave no error in `base` and gives none
 * now; the moved lines are built in their order; the bound on the sum of all rows is checked
 * on base's sums with the moved lines' replaced, named by the first line with the largest
 * amount, as `buildLedger` does. Without what it needs from `base`, a whole build.
 */
export function buildLedgerMoved(model: Model, values: ArrayLike<number>, base: Ledger, moved: Uint8Array, reuse = false, replaces?: Ledger): Ledger {
  const info = lineInfo.get(base), from = wholeColumns(base);
  if (!info || info.model !== model || !from) return buildLedger(model, values);
  const L = info.perLine.length;
  // The moved lines' rows go into columns of this ledger's own; the other lines' rows stay where
  // they are in base's columns (ranges of them: no copy, no fresh memory pages for them).
  // `reuse`: the caller reads this ledger only until its next `reuse` build from the same base
  // (validation's probes): the columns of the last one are written over, no fresh 12 MB of
  // memory pages and no garbage per probe.
  // `replaces`: a ledger made here before from the same base that the caller reads no more (a
  // slider's previous move): its own columns are written over (`takeColumns`), and it is spent.
  let columns: LedgerColumns;
  if (reuse) {
    const kept = reusedColumns.get(base);
    columns = kept ? kept.reset() : new LedgerColumns(capacityFor(model), from.names);
    if (!kept) reusedColumns.set(base, columns);
  } else columns = (replaces && takeColumns(replaces, model, from)) || new LedgerColumns(capacityFor(model), from.names);
  const movedIds = new Set<string>();
  const ranges: RowRange[] = [];
  for (let l = 0; l < L; l++) {
    if (moved[l] === 1) movedIds.add(l < model.investments.length ? model.investments[l]!.line.id : model.effects[l - model.investments.length]!.line.id);
    else {
      const start = info.starts[l]!, end = info.starts[l + 1]!;
      const last = ranges[ranges.length - 1];
      if (last && last.end === start) last.end = end;
      else if (end > start) ranges.push({ cols: from, start, end });
    }
  }
  const outcomes = base.outcomes.filter((o) => !movedIds.has(o.line));
  const perLine = info.perLine.slice(), starts = new Int32Array(L + 1);
  ledgerLines(model, values, (l) => moved[l] === 1, columns, outcomes, perLine, starts);
  ranges.push({ cols: columns, start: 0, end: columns.length });
  let amount = 0, discounted = 0, largest = 0, largestPath: Path = [];
  for (const own of perLine) {
    amount += own.amount; discounted += own.discounted;
    if (own.largest > largest) { largest = own.largest; largestPath = own.largestPath; }
  }
  if (!(amount <= MAX_CENTS && discounted <= MAX_CENTS)) throw new InputError(largestPath, "totalOverflow", { value: Math.max(amount, discounted) / 100 });
  outcomes.sort(byYearAndLine);
  const ledger = ledgerOf(ranges, outcomes);
  if (!reuse) ownColumns.set(ledger, { model, from, columns });
  return ledger;
}

/**
 * The columns of the moved lines each ledger of `buildLedgerMoved` made for itself (not
 * validation's probes'), while no later build has taken them: one owner at a time.
 */
const ownColumns = new WeakMap<Ledger, { model: Model; from: LedgerColumns; columns: LedgerColumns }>();

/**
 * The own columns of `replaced` (a ledger of `buildLedgerMoved` over `from` for this model, whose
 * columns no later build has taken), emptied for a new ledger; undefined for any other ledger
 * (the base's, a whole build's, one spent before, one of another base), which is left as it is.
 * A ledger whose columns are taken is spent (`spend`): every read of its rows that were not made
 * before throws, so a caller that still reads it sees an error, never another move's rows.
 */
function takeColumns(replaced: Ledger, model: Model, from: LedgerColumns): LedgerColumns | undefined {
  const own = ownColumns.get(replaced);
  if (!own || own.model !== model || own.from !== from) return undefined;
  ownColumns.delete(replaced);
  spend(replaced);
  return own.columns.reset();
}

/** Columns that throw when read: a spent ledger's ranges point here. */
const SPENT: LedgerColumns = (() => {
  const spent = Object.create(LedgerColumns.prototype) as LedgerColumns;
  const fail = () => { throw new Error("this evaluation's ledger was handed back to evaluateModel (`replaces`) and its rows written over: evaluate again, or read `ledger.rows` before handing it back"); };
  for (const k of ["length", "names", "year", "amount", "discounted", "partner", "domain", "line", "counterparty", "kind", "cashable"]) Object.defineProperty(spent, k, { get: fail });
  return Object.freeze(spent) as LedgerColumns;
})();

/**
 * A ledger no longer readable from columns: its ranges (its own objects; the base's columns and
 * ranges are not touched) point to SPENT, and what was cached over them is dropped. Row objects
 * made before (`rows` read) stay; sums computed before (its evaluation's figures) are numbers
 * already and stay as they are.
 */
function spend(ledger: Ledger): void {
  const ranges = rangesOfLedger.get(ledger);
  if (ranges) for (const r of ranges) (r as { cols: LedgerColumns }).cols = SPENT;
  figuresCache.delete(ledger);
}

/** Where a ledger made here has its rows (tests). */
export function rangesOfLedgerForTest(ledger: Ledger): readonly RowRange[] {
  const r = rangesOfLedger.get(ledger);
  if (!r) throw new Error("not a ledger made by buildLedger");
  return r;
}

/** The columns of the moved lines a ledger of `buildLedgerMoved` owns (undefined when it owns none, or they were taken): for tests and benchmarks. */
export function movedColumnsOf(ledger: Ledger): LedgerColumns | undefined {
  return ownColumns.get(ledger)?.columns;
}

/**
 * The most rows a status-quo ledger can have: per investment year one; per effect year one per
 * partner the line splits among, its counterparty and two per provider (rows of 0 are left out,
 * so a ledger has fewer). Validation bounds it (LIMITS.rows).
 */
export function statusQuoRowBound(investments: Model["investments"], effects: Model["effects"]): number {
  return investments.reduce((s, x) => s + x.years.length, 0)
    + effects.reduce((s, e) => s + e.years.length * Math.max(1, (e.funders?.length ?? 0) + (e.counterparty !== undefined ? 1 : 0) + 2 * e.providers.length), 0);
}

const capacities = new WeakMap<Model, number>();
/**
 * Room for every row the model's ledger can have, once per model: the columns never grow (a
 * slider move whose larger amounts give more funders a cent had doubled them and copied 12 MB;
 * room never written costs no memory pages).
 */
function capacityFor(model: Model): number {
  let n = capacities.get(model);
  if (n === undefined) capacities.set(model, (n = statusQuoRowBound(model.investments, model.effects)));
  return n;
}
/** Where each ledger's rows are (ranges of columns), for a ledger made here. */
const rangesOfLedger = new WeakMap<Ledger, readonly RowRange[]>();
/** The columns of a ledger that is all of one set of columns (`buildLedger`'s), else undefined. */
function wholeColumns(ledger: Ledger): LedgerColumns | undefined {
  const r = rangesOfLedger.get(ledger);
  return r && r.length === 1 && r[0]!.start === 0 && r[0]!.end === r[0]!.cols.length ? r[0]!.cols : undefined;
}

const partnerIdLists = new WeakMap<Model, readonly string[]>();
/** The partners' ids in the case's order, once per model. */
function partnerIdsOf(model: Model): readonly string[] {
  let ids = partnerIdLists.get(model);
  if (!ids) partnerIdLists.set(model, (ids = model.case.partners.map((p) => p.id)));
  return ids;
}

const partnerIndexes = new WeakMap<Model, Map<string, number>>();
/** Partner id -> its position in the case, once per model. */
function partnerIndexOf(model: Model): Map<string, number> {
  let m = partnerIndexes.get(model);
  if (!m) partnerIndexes.set(model, (m = new Map(model.case.partners.map((p, i) => [p.id, i]))));
  return m;
}

const effectLineSets = new WeakMap<Model, Set<string>>();
/** The ids of a model's effect lines, once per model. */
function effectLinesOf(model: Model): Set<string> {
  let s = effectLineSets.get(model);
  if (!s) effectLineSets.set(model, (s = new Set(model.effects.map((e) => e.line.id))));
  return s;
}

const summaries = new WeakMap<Ledger, { model: Model; summary: LedgerSummary }>();
/**
 * The one-pass summary of a ledger built by `buildLedger` for this model (every partner's and
 * society's metric sums and cash flows; columns.ts), made once per ledger; undefined for
 * a ledger of rows made elsewhere.
 */
export function summaryOf(model: Model, ledger: Ledger): LedgerSummary | undefined {
  const known = summaries.get(ledger);
  if (known && known.model === model) return known.summary;
  const ranges = rangesOfLedger.get(ledger);
  if (!ranges) return undefined;
  // The plain per-partner sums in the same pass (`sumsOf` reads them), unless already made.
  const known2 = partnerSumsCache.get(ledger);
  if (known2 && known2.model === model) {
    const summary = summarizeColumns(ranges, partnerIdsOf(model), model.years);
    summaries.set(ledger, { model, summary });
    return summary;
  }
  const both = summarizeColumns(ranges, partnerIdsOf(model), model.years, effectLinesOf(model));
  summaries.set(ledger, { model, summary: both });
  partnerSumsCache.set(ledger, { model, sums: both.sums });
  return both;
}

const rowLedgers = new WeakMap<readonly LedgerRow[], Ledger>();
/**
 * A ledger over rows made elsewhere (a caller that holds only rows): the rows as they are, and
 * columns made from them, so every sum comes from the same `summarizeColumns`. Once per rows array.
 */
export function ledgerFromRows(rows: readonly LedgerRow[]): Ledger {
  let ledger = rowLedgers.get(rows);
  if (!ledger) {
    const columns = new LedgerColumns(rows.length);
    // Rows of one line and year must be adjacent for the netting: in line and year order.
    const order = rows.map((_, i) => i).sort((a, b) => {
      const x = rows[a]!, y = rows[b]!;
      return (x.line < y.line ? -1 : x.line > y.line ? 1 : 0) || x.year - y.year || a - b;
    });
    for (const i of order) { const r = rows[i]!; columns.push(r.year, r.partner, r.domain, r.line, r.kind, r.amount, r.discounted, r.cashable, r.counterparty); }
    ledger = ledgerOf(columns, [], rows as LedgerRow[]);
    rowLedgers.set(rows, ledger);
  }
  return ledger;
}

const partnerSumsCache = new WeakMap<Ledger, { model: Model; sums: PartnerSums }>();
/** The plain per-partner sums of a ledger built by `buildLedger` (columns.ts `partnerSums`), once per ledger. */
export function sumsOf(model: Model, given: Ledger): PartnerSums {
  const ledger = rangesOfLedger.has(given) ? given : ledgerFromRows(given.rows);
  const known = partnerSumsCache.get(ledger);
  if (known && known.model === model) return known.sums;
  const sums = partnerSums(rangesOfLedger.get(ledger)!, partnerIdsOf(model), model.years, effectLinesOf(model));
  partnerSumsCache.set(ledger, { model, sums });
  return sums;
}

const figuresCache = new WeakMap<Ledger, { model: Model; figures: BaseFigures }>();
/** The status quo's sums an arrangement step reads (model.ts `BaseFigures`), from the ledger's summary. */
export function baseFigures(model: Model, given: Ledger): BaseFigures {
  const ledger = rangesOfLedger.has(given) ? given : ledgerFromRows(given.rows);
  const known = figuresCache.get(ledger);
  if (known && known.model === model) return known.figures;
  const ranges = rangesOfLedger.get(ledger)!;
  const names = ranges[0]?.cols.names.list ?? [];
  const sum = sumsOf(model, ledger);
  const index = partnerIndexOf(model);
  let costs: Map<string, Map<number, number>> | undefined, benefit: Map<string, number> | undefined;
  const figures: BaseFigures = {
    investmentCosts() {
      if (!costs) {
        costs = new Map();
        for (const { cols: columns, start, end } of ranges) {
          for (let i = start; i < end; i++) {
            if (columns.kind[i] !== 0) continue;
            const line = names[columns.line[i]!]!, year = columns.year[i]!;
            const m = costs.get(line) ?? new Map<number, number>();
            m.set(year, (m.get(year) ?? 0) - columns.amount[i]!);
            costs.set(line, m);
          }
        }
      }
      // Read-only (the type says so): every step of every arrangement reads the same maps.
      return costs;
    },
    netPerYear(partner) {
      const i = index.get(partner);
      return i === undefined ? model.years.map(() => 0) : sum.netPerYear(i);
    },
    invested(partner) {
      const i = index.get(partner);
      return i === undefined ? 0 : sum.invested[i]!;
    },
    absoluteSums: () => [sum.absAmount, sum.absDiscounted],
    benefit() {
      if (!benefit) {
        benefit = new Map();
        model.case.partners.forEach((p, i) => { if (sum.impactPv[i] !== 0 || touched(i)) benefit!.set(p.id, Math.max(0, sum.impactPv[i]!)); });
      }
      return benefit;
    },
    benefitIn(domains) {
      const key = JSON.stringify([...domains].sort());
      let m = byDomains.get(key);
      if (!m) {
        m = new Map();
        const wanted = new Set(domains), effects = effectLinesOf(model);
        const inDomain = names.map((nm) => wanted.has(nm)), isEffect = names.map((nm) => effects.has(nm));
        for (const { cols: columns, start, end } of ranges) {
          for (let i = start; i < end; i++) {
            if (!isEffect[columns.line[i]!] || !inDomain[columns.domain[i]!]) continue;
            const p = names[columns.partner[i]!]!;
            m.set(p, (m.get(p) ?? 0) + columns.discounted[i]!);
          }
        }
        for (const [p, v] of m) m.set(p, Math.max(0, v));
        byDomains.set(key, m);
      }
      return m;
    },
    // Set below (they read the columns as the row functions read rows).
    effectResult: () => new Map(),
    lostMargin: () => new Map(),
  };
  const byDomains = new Map<string, Map<string, number>>();
  // The same scans as the row functions (engine/arrangements/yearly.ts), over the ledger's ranges of columns.
  const effectResult = (partner: string, domains: readonly string[] | undefined, cashableOnly: boolean) => {
    const effects = effectLinesOf(model), out = new Map<number, number>();
    for (const { cols: columns, start, end } of ranges) {
      for (let i = start; i < end; i++) {
        if (names[columns.partner[i]!] !== partner || !effects.has(names[columns.line[i]!]!)) continue;
        if (domains && !domains.includes(names[columns.domain[i]!]!)) continue;
        if (cashableOnly && columns.cashable[i] === 0) continue;
        const year = columns.year[i]!;
        out.set(year, (out.get(year) ?? 0) + columns.amount[i]!);
      }
    }
    return out;
  };
  figures.effectResult = effectResult;
  figures.lostMargin = (provider) => {
    const out = new Map<number, number>();
    for (const { cols: columns, start, end } of ranges) {
      for (let i = start; i < end; i++) {
        if (names[columns.partner[i]!] !== provider || (columns.kind[i] !== 2 && columns.kind[i] !== 3)) continue;
        const year = columns.year[i]!;
        out.set(year, (out.get(year) ?? 0) - columns.amount[i]!);
      }
    }
    for (const [y, v] of out) if (v < 0) out.set(y, 0);
    return out;
  };
  // A partner with effect rows (even summing to 0) has an entry, as the row-by-row shares had.
  const touched = (i: number) => sum.impactRows[i]! > 0;
  figuresCache.set(ledger, { model, figures });
  return figures;
}

/** The status quo's money in and out per partner and year (cash.ts), from the ledger's summary. */
export function statusQuoFlows(model: Model, ledger: Ledger): Map<string, { inflow: readonly number[]; outflow: readonly number[] }> {
  const sum = summaryOf(model, rangesOfLedger.has(ledger) ? ledger : ledgerFromRows(ledger.rows))!;
  return new Map(model.case.partners.map((p, i) => [p.id, { inflow: sum.inflow[i]!, outflow: sum.outflow[i]! }]));
}

/** A ledger whose `rows` are made from its rows' ranges (or columns: all their rows), sorted, when first read (and then kept). */
function ledgerOf(source: LedgerColumns | RowRange[], outcomes: OutcomeRow[], given?: LedgerRow[]): Ledger {
  const ranges: readonly RowRange[] = source instanceof LedgerColumns ? [{ cols: source, start: 0, end: source.length }] : source;
  let rows: LedgerRow[] | undefined = given;
  const ledger = { outcomes } as Ledger;
  Object.defineProperty(ledger, "rows", {
    enumerable: true, configurable: true,
    get(): LedgerRow[] {
      if (rows === undefined) {
        rows = [];
        for (const { cols, start, end } of ranges) for (let i = start; i < end; i++) rows.push(cols.row(i));
        rows.sort(compareRows);
      }
      return rows;
    },
    set(v: LedgerRow[]) { rows = v; },
  });
  rangesOfLedger.set(ledger, ranges);
  return ledger;
}

/** What a line (or a whole ledger) adds to the sums bounded by MAX_CENTS, and its largest |amount|, first where it is. */
export interface LineSums {
  amount: number;
  discounted: number;
  largest: number;
  largestPath: Path;
}

/**
 * The rows and outcomes of some lines (line i < investments.length is investment i, the rest
 * effect i - investments.length; all when `only` is undefined), in the order the lines are
 * listed, unsorted, with their sums. Rows go into `rows`: an array of row objects, columns
 * (rows of one line and year adjacent), or nowhere (null: only the sums and the errors); `perLine[i]` gets line i's own. Every error a line's
 * amounts can raise is thrown here, in line order; the check of the sums is the caller's.
 */
export function ledgerLines(model: Model, values: ArrayLike<number>, only: ((line: number) => boolean) | undefined, rows: LedgerRow[] | LedgerColumns | null, outcomes: OutcomeRow[], perLine?: LineSums[], starts?: Int32Array): LineSums {
  const c = model.case;
  const rate = c.discountRate;
  const effectRate = c.effectDiscountRate ?? rate;
  // The sums of |amount| and |discounted| over all rows (and outcome values): within MAX_CENTS,
  // every partial sum of the rows in any order is exact. The largest line is named if not.
  const total: LineSums = { amount: 0, discounted: 0, largest: 0, largestPath: [] };
  let own: LineSums = total;
  const count = (cents: Cents, discounted: Cents, path: Path) => {
    const a = Math.abs(cents), d = Math.abs(discounted);
    total.amount += a;
    total.discounted += d;
    if (a > total.largest) { total.largest = a; total.largestPath = path; }
    if (own !== total) {
      own.amount += a; own.discounted += d;
      if (a > own.largest) { own.largest = a; own.largestPath = path; }
    }
  };
  const start = (line: number): boolean => {
    if (only && !only(line)) return false;
    if (perLine) perLine[line] = own = { amount: 0, discounted: 0, largest: 0, largestPath: [] };
    if (starts && columns) starts[line] = columns.length;
    return true;
  };
  const I = model.investments.length;
  // Each year's discount factor once (the same number discountFactor gives for it).
  const factors: number[] = [];
  const push = (path: Path, year: number, partner: string, domain: string, line: string, kind: LedgerKind, amount: Cents, cashable: boolean, counterparty?: string) => {
    if (amount === 0) return;
    const k = year - c.startYear;
    const discounted = discountedCents(amount, factors[k] ?? (factors[k] = discountFactor(rate, k)), rate, k);
    count(amount, discounted, path);
    if (columns) columns.push(year, partner, domain, line, kind, amount, discounted, cashable, counterparty);
    // Two literals, not a spread of an optional field: V8 made a spread row many times dearer.
    else if (objects) {
      if (counterparty === undefined) objects.push({ year, partner, domain, line, kind, amount, discounted, cashable });
      else objects.push({ year, partner, domain, line, kind, amount, discounted, cashable, counterparty });
    }
  };
  const columns = rows instanceof LedgerColumns ? rows : undefined, objects = Array.isArray(rows) ? rows : undefined;
  /**
   * `push` of every part of a split over many funders (kind `saving`, no counterparty) straight
   * into the columns: the same rows, sums and errors in the same order, without a call per row
   * (whose numbers V8 boxed: most of a slider move's garbage, 342 rows per split).
   */
  const pushSplit = (cols: LedgerColumns, path: Path, year: number, ids: Int32Array, parts: Float64Array, n: number, domain: string, line: string, cashable: boolean) => {
    const k = year - c.startYear;
    const factor = factors[k] ?? (factors[k] = discountFactor(rate, k));
    let i = cols.room(n);
    const domainId = cols.names.of(domain), lineId = cols.names.of(line), cash = cashable ? 1 : 0;
    const yr = cols.year, kd = cols.kind, cs = cols.cashable, am = cols.amount, di = cols.discounted, pa = cols.partner, dm = cols.domain, ln = cols.line, cp = cols.counterparty;
    for (let j = 0; j < n; j++) {
      const amount = parts[j]!;
      if (amount === 0) continue;
      const discounted = discountedCents(amount, factor, rate, k);
      count(amount, discounted, path);
      yr[i] = year; kd[i] = SAVING_KIND; cs[i] = cash; am[i] = amount; di[i] = discounted;
      pa[i] = ids[j]!; dm[i] = domainId; ln[i] = lineId; cp[i] = -1;
      i++;
    }
    cols.length = i;
  };

  model.investments.forEach((inv, i) => {
    if (!start(i)) return;
    const path: Path = ["investments", i];
    for (const y of inv.years) {
      const euros = y.amount(values) * y.factor;
      push(path, y.year, inv.line.bearer, inv.line.domain, inv.line.id, "investment", -boundedCents(euros, path, "investment", y.year), true);
    }
  });

  model.effects.forEach((e, index) => {
    if (!start(I + index)) return;
    const line = e.line;
    const path: Path = ["effects", index];
    const q = e.quantity(values);
    if (line.type === "outcome") {
      const price = e.unitPrice ? e.unitPrice(values) : undefined;
      for (const y of e.years) {
        const quantity = q * effectFactor(e, values, y.ramp, y.dropOffPower);
        if (quantity === 0) continue;
        const k = y.year - c.startYear;
        const discounted = quantity * discountFactor(effectRate, k);
        // Quantities are not money, but they are added up and shown: finite and bounded.
        for (const v of [quantity, discounted]) {
          if (!(Math.abs(v) <= LIMITS.outcomeQuantity)) throw new InputError([...path, "quantity"], "quantityOverflow", { value: v, year: y.year, limit: LIMITS.outcomeQuantity });
        }
        const value = price !== undefined ? boundedCents(quantity * price, path, "outcomeValue", y.year) : undefined;
        if (value !== undefined) count(value, 0, path);
        outcomes.push({ year: y.year, line: line.id, unit: line.unit!, quantity, discounted, ...(value !== undefined ? { value } : {}) });
      }
      return;
    }
    const price = e.unitPrice!(values);
    const domain = line.domain!;
    const vcs = e.variableCostShare ? e.variableCostShare(values) : 0;
    for (const y of e.years) {
      const saving = y.actualAmount ? boundedCents(y.actualAmount(values), path, "actual", y.year)
        : y.actualQuantity ? boundedCents(y.actualQuantity(values) * price, path, "actual", y.year)
        : boundedCents(q * price * effectFactor(e, values, y.ramp, y.dropOffPower), path, "saving", y.year);
      if (saving === 0) continue;
      const funders = e.funders!;
      const single = funders.length === 1 ? funders[0]!.partner : undefined;
      if (single !== undefined) push(path, y.year, single, domain, line.id, "saving", saving, line.cashable);
      else {
        const parts = split(funders, saving);
        if (columns) pushSplit(columns, path, y.year, nameIds(funders, columns), parts, funders.length, domain, line.id, line.cashable);
        else for (let i = 0; i < funders.length; i++) push(path, y.year, funders[i]!.partner, domain, line.id, "saving", parts[i]!, line.cashable);
      }
      if (e.counterparty !== undefined) push(path, y.year, e.counterparty, domain, line.id, "transfer", -saving, true, single);
      if (e.providers.length > 0) {
        const parts = e.providers.length === 1 ? [saving] : split(e.providers, saving);
        e.providers.forEach((p, i) => {
          const lost = parts[i]!;
          push(path, y.year, p.partner, domain, line.id, "revenue-loss", -lost, true, single);
          // variablePart is allocate's two-part split without arrays (a fraction; else allocate says what is wrong).
          const variable = vcs >= 0 && vcs <= 1 ? variablePart(lost, vcs) : allocate(lost, [vcs, 1 - vcs])[0]!;
          push(path, y.year, p.partner, domain, line.id, "variable-cost-saving", variable, true);
        });
      }
    }
  });
  if (starts && columns) starts[I + model.effects.length] = columns.length;
  return total;
}

/**
 * `allocate(amount, shares, partners)` for a list of shares that is split again every year and
 * every slider move: allocate's checks of the weights once per list, then its core
 * (`allocateInto`) into a reused array, with the same result. The parts are valid until the
 * next split of the same list.
 */
function split(list: readonly { partner: string; share: number }[], amount: Cents): Float64Array {
  let s = splits.get(list);
  if (!s) {
    const weights = list.map((f) => f.share), keys = list.map((f) => f.partner);
    allocate(0, weights, keys); // allocate's checks, with its messages
    s = { weights: Float64Array.from(weights), ranks: keyRanks(keys), out: new Float64Array(list.length), scratch: allocationScratch(list.length) };
    splits.set(list, s);
  }
  allocateInto(amount, s.weights, s.weights.length, s.ranks, s.out, s.scratch);
  return s.out;
}
/** The partners' numbers in these columns' name table, once per list and table. */
function nameIds(list: readonly { partner: string }[], columns: LedgerColumns): Int32Array {
  const known = ids.get(list);
  if (known && known.names === columns.names) return known.ids;
  const out = Int32Array.from(list, (f) => columns.names.of(f.partner));
  ids.set(list, { names: columns.names, ids: out });
  return out;
}
const ids = new WeakMap<readonly { partner: string }[], { names: LedgerColumns["names"]; ids: Int32Array }>();
const splits = new WeakMap<readonly { partner: string; share: number }[], { weights: Float64Array; ranks: Int32Array; out: Float64Array; scratch: AllocationScratch }>();

/** The kind code of a saving row in the columns (columns.ts KINDS). */
const SAVING_KIND = KINDS.indexOf("saving");
const KIND_ORDER: Record<LedgerKind, number> = { investment: 0, saving: 1, "revenue-loss": 2, "variable-cost-saving": 3, transfer: 4 };
/** Canonical row order: year, partner, line, kind, counterparty, reason, amount, domain. It makes results independent of listing order. */
export function compareRows(a: LedgerRow, b: LedgerRow): number {
  return a.year - b.year
    || (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0)
    || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0)
    || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
    || ((a.counterparty ?? "") < (b.counterparty ?? "") ? -1 : (a.counterparty ?? "") > (b.counterparty ?? "") ? 1 : 0)
    || ((a.reason ?? "") < (b.reason ?? "") ? -1 : (a.reason ?? "") > (b.reason ?? "") ? 1 : 0)
    || a.amount - b.amount
    || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
}
