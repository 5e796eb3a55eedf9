/**
 * The status quo's figures an arrangement step reads (`BaseFigures`: investment costs per line
 * and year, each partner's net per year, what it invested, its benefit, its effect result per
 * year, a provider's lost margin), for one Monte Carlo sample, without a ledger.
 *
 * `ledgerLines` (engine/ledger/ledger.ts) makes the status-quo rows for a parameter vector; a
 * sample with an arrangement used to build that whole ledger (a name table lookup per row and
 * column, row objects when a step read them) before the steps ran. Here the same rows are made
 * by the same arithmetic (each line to cents by `boundedCents`, each split by the
 * largest-remainder `allocateInto` that `allocate` wraps, each row discounted by
 * `discountedCents`, the same input errors in the same order) into typed columns of numbers:
 * partner, line, domain and kind are small integers fixed when the model is compiled, so a row
 * is a few array writes. The figures are sums over these rows, each made when a step first
 * asks for it in a sample. Lines that read no varying parameter are made once per run (the
 * plan's base values). An effect's rows wait until a figure reads them (decision rules read
 * only investment costs): its savings are worked out (with their errors, in the ledger's order)
 * and its rows' sums counted by an upper bound; where that bound could reach MAX_CENTS the
 * rows are made at once, so every check is decided on exact sums, as in the ledger. A property
 * test (test/simulate/figures.properties.test.ts) holds every figure and error equal to
 * `baseFigures` over `buildLedger`'s columns and the row functions.
 *
 * A step that reads the rows themselves (a settlement by equal ROI) gets the whole ledger,
 * built for that sample when it asks (`rows`).
 */
import { LIMITS } from "../case/limits.ts";
import type { BaseFigures, Model, StatusQuo } from "../case/model.ts";
import { buildLedger, effectFactor } from "../ledger/ledger.ts";
import { LedgerColumns } from "../ledger/columns.ts";
import type { LedgerRow } from "../ledger/row.ts";
import { allocate, allocateInto, allocationScratch, keyRanks, variablePart, type AllocationScratch } from "../money/allocate.ts";
import { discountFactor } from "../money/discount.ts";
import { boundedCents, discountedCents, MAX_CENTS } from "../money/money.ts";
import { InputError, type Path } from "../messages/issues.ts";
import { linesReading } from "../ledger/moved.ts";

/** A provider's variable-cost part of a lost amount, as the ledger splits it (variablePart is allocate's two-part split for a fraction). */
const variable = (lost: number, vcs: number) => (vcs >= 0 && vcs <= 1 ? variablePart(lost, vcs) : allocate(lost, [vcs, 1 - vcs])[0]!);

/** Room for floating-point rounding in the upper bounds of waiting rows (their true sums are at most the bound). */
const SLACK = 1 + 1e-9;

const INVESTMENT = 0, SAVING = 1, REVENUE_LOSS = 2, VARIABLE_COST_SAVING = 3, TRANSFER = 4;
/** What `push` makes of a row: stores it in the columns, adds it to the sums (all but the net), adds it to the net per year. */
const STORE = 1, SUMS = 2, NET = 4, ALL = STORE | SUMS | NET;

interface SplitPlan { partners: Int32Array; weights: Float64Array; ranks: Int32Array; out: Float64Array; scratch: AllocationScratch }

/** The status quo of one sample (the step loop's `StatusQuo`): its figures, an upper bound of its absolute sums while some rows wait, its rows as objects when a step reads them. */
export type SampleStatusQuo = StatusQuo;

/**
 * An investment line's cost per year in a sample (a ReadonlyMap from year to cents): the years
 * of the horizon as slots, so a sample resets and refills it without a Map's clear and set
 * (most of a sample's figures on examples/rich.yaml). Its years come in ascending order, the
 * order the line's rows are made in (validation keeps a line's years ascending, each once,
 * within the horizon), as a Map filled row by row gives them.
 */
class YearCosts implements ReadonlyMap<number, number> {
  private readonly cents: Float64Array;
  private readonly present: Uint8Array;
  private count = 0;
  constructor(private readonly start: number, years: number) {
    this.cents = new Float64Array(years);
    this.present = new Uint8Array(years);
  }
  clear(): void {
    if (this.count > 0) { this.present.fill(0); this.count = 0; }
  }
  /** `set(year, (get(year) ?? 0) - amount)`. */
  subtract(year: number, amount: number): void {
    const k = year - this.start;
    if (this.present[k] === 1) this.cents[k] = this.cents[k]! - amount;
    else { this.present[k] = 1; this.cents[k] = 0 - amount; this.count++; }
  }
  get size(): number { return this.count; }
  has(year: number): boolean {
    const k = year - this.start;
    return Number.isInteger(k) && this.present[k] === 1;
  }
  get(year: number): number | undefined { return this.has(year) ? this.cents[year - this.start]! : undefined; }
  *entries(): MapIterator<[number, number]> {
    for (let k = 0; k < this.present.length; k++) if (this.present[k] === 1) yield [this.start + k, this.cents[k]!];
  }
  *keys(): MapIterator<number> { for (const [y] of this.entries()) yield y; }
  *values(): MapIterator<number> { for (const [, v] of this.entries()) yield v; }
  [Symbol.iterator](): MapIterator<[number, number]> { return this.entries(); }
  forEach(f: (value: number, key: number, map: ReadonlyMap<number, number>) => void, thisArg?: unknown): void {
    for (const [y, v] of this.entries()) f.call(thisArg, v, y, this);
  }
}

export interface FiguresKernel {
  /** Makes the sample's rows at `values` (throws the ledger's input errors); the figures read them until the next call. */
  fill(values: ArrayLike<number>): SampleStatusQuo;
}

/**
 * Lines that are the same in every sample: `values` (the base values) and the parameter slots
 * that vary (sampled and derived); the lines whose formulas read none of them (moved.ts) are
 * made once, at `values`, and kept.
 */
export interface FixedLines { values: ArrayLike<number>; varying: Iterable<number> }

const kernels = new WeakMap<object, FiguresKernel>();
/**
 * The figures kernel of a Monte Carlo plan (its model, base values and varying slots), compiled
 * once per plan; its columns are reused sample after sample (one sample at a time).
 */
export function figuresKernel(plan: { model: Model; base: Float64Array; uncertain: readonly { slot: number }[]; derived: Int32Array }): FiguresKernel {
  let k = kernels.get(plan);
  if (!k) kernels.set(plan, (k = compileFigures(plan.model, { values: plan.base, varying: [...plan.uncertain.map((u) => u.slot), ...plan.derived] })));
  return k;
}

export function compileFigures(model: Model, fixedLines?: FixedLines): FiguresKernel {
  const c = model.case, rate = c.discountRate, effectRate = c.effectDiscountRate ?? rate, start = c.startYear;
  const partnerIds = c.partners.map((p) => p.id);
  const pIndex = new Map(partnerIds.map((p, i) => [p, i]));
  const P = partnerIds.length, years = model.years, Y = years.length;
  const domainIds: string[] = [];
  const domainOf = (d: string) => { let i = domainIds.indexOf(d); if (i < 0) { i = domainIds.length; domainIds.push(d); } return i; };
  const I = model.investments.length;
  const lineIds = [...model.investments.map((x) => x.line.id), ...model.effects.map((e) => e.line.id)];
  const invBearer = Int32Array.from(model.investments, (x) => pIndex.get(x.line.bearer)!);
  const invDomain = Int32Array.from(model.investments, (x) => domainOf(x.line.domain));
  const invPath: Path[] = model.investments.map((_, i) => ["investments", i]);
  const effPath: Path[] = model.effects.map((_, i) => ["effects", i]);
  const splitPlan = (list: readonly { partner: string; share: number }[]): SplitPlan => {
    const weights = list.map((f) => f.share), keys = list.map((f) => f.partner);
    allocate(0, weights, keys); // allocate's checks, with its messages (as the ledger's split)
    return { partners: Int32Array.from(keys, (p) => pIndex.get(p)!), weights: Float64Array.from(weights), ranks: keyRanks(keys), out: new Float64Array(list.length), scratch: allocationScratch(list.length) };
  };
  const eff = model.effects.map((e) => e.line.type === "outcome" ? null : {
    domain: domainOf(e.line.domain!),
    cashable: e.line.cashable ? 1 : 0,
    single: e.funders!.length === 1 ? pIndex.get(e.funders![0]!.partner)! : -1,
    funders: e.funders!.length === 1 ? null : splitPlan(e.funders!),
    counterparty: e.counterparty !== undefined ? pIndex.get(e.counterparty)! : -1,
    providers: e.providers.length > 1 ? splitPlan(e.providers) : null,
    provider: e.providers.length === 1 ? pIndex.get(e.providers[0]!.partner)! : -1,
    // Per saving s of a year: the rows' |amount| add up to at most weight x |s| (the funders'
    // parts, the counterparty's, the providers' lost revenue and variable costs), in `rows` rows.
    weight: 1 + (e.counterparty !== undefined ? 1 : 0) + (e.providers.length > 0 ? 2 : 0),
    rows: e.funders!.length + (e.counterparty !== undefined ? 1 : 0) + 2 * e.providers.length,
  });
  const factors = Array.from(years, (_, k) => discountFactor(rate, k));
  const effectFactors = Array.from(years, (_, k) => discountFactor(effectRate, k));
  const effectLine = Uint8Array.from(lineIds, (_, l) => (l >= I ? 1 : 0));

  // The rows: room for every row the model can have, grown if ever needed.
  let cap = 64;
  let rPartner = new Int32Array(cap), rLine = new Int32Array(cap), rDomain = new Int32Array(cap), rYear = new Int32Array(cap);
  let rKind = new Uint8Array(cap), rCashable = new Uint8Array(cap), rAmount = new Float64Array(cap), rDiscounted = new Float64Array(cap);
  const grow = () => {
    cap *= 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => { const b = make(cap); b.set(a as never); return b; };
    rPartner = g(rPartner, (n) => new Int32Array(n)); rLine = g(rLine, (n) => new Int32Array(n)); rDomain = g(rDomain, (n) => new Int32Array(n)); rYear = g(rYear, (n) => new Int32Array(n));
    rKind = g(rKind, (n) => new Uint8Array(n)); rCashable = g(rCashable, (n) => new Uint8Array(n)); rAmount = g(rAmount, (n) => new Float64Array(n)); rDiscounted = g(rDiscounted, (n) => new Float64Array(n));
  };
  let n = 0;
  const net = new Float64Array(P * Y), invested = new Float64Array(P), impactPv = new Float64Array(P), impactRows = new Int32Array(P);
  // The ledger's bounded sums: |amount| and |discounted| over rows and outcome values, and each
  // line's largest |amount| (the first line with the largest is named when the sums pass
  // MAX_CENTS, as the ledger does); the rows' own sums (what `absoluteSums` gives) apart.
  let totalA = 0, totalD = 0, rowsA = 0, rowsD = 0;
  const L = lineIds.length, lineLargest = new Float64Array(L);
  const count = (a: number, d: number, line: number) => {
    totalA += a; totalD += d;
    if (a > lineLargest[line]!) lineLargest[line] = a;
  };
  // What `push` makes of a row (`mode`, bits): the row in the columns (STORE), its sums (SUMS:
  // the bounded sums, what was invested, the benefit), its amount in the net per year (NET). A
  // row is made with ALL, except the effect rows that wait: a figure that reads only the net, or
  // only sums, adds what it reads without storing the rows (`ensureNet`, `ensureSums`), and a
  // figure that reads the rows later stores them without adding again (`ensure`).
  let mode = ALL;
  const push = (line: number, k: number, partner: number, domain: number, kind: number, amount: number, cashable: number) => {
    if (amount === 0) return;
    if (mode === NET) { net[partner * Y + k] = net[partner * Y + k]! + amount; return; }
    const discounted = discountedCents(amount, factors[k] ?? discountFactor(rate, k), rate, k);
    if ((mode & SUMS) !== 0) {
      const a = Math.abs(amount), d = Math.abs(discounted);
      count(a, d, line);
      rowsA += a; rowsD += d;
      if (kind === INVESTMENT) invested[partner] = invested[partner]! - discounted;
      else if (effectLine[line] === 1) { impactPv[partner] = impactPv[partner]! + discounted; impactRows[partner] = impactRows[partner]! + 1; }
    }
    if ((mode & STORE) !== 0) {
      if (n === cap) grow();
      rPartner[n] = partner; rLine[n] = line; rDomain[n] = domain; rYear[n] = k; rKind[n] = kind; rCashable[n] = cashable; rAmount[n] = amount; rDiscounted[n] = discounted;
      n++;
    }
    // The plain sums (partnerSums in columns.ts), as the rows are made.
    if ((mode & NET) !== 0) net[partner * Y + k] = net[partner * Y + k]! + amount;
  };

  // The other figures are made when first asked for in a sample (`generation` tells which sample they are of).
  let generation = 0;
  let values: ArrayLike<number> = [];
  // Each investment's cost per year (a map per line, in the case's order, reused from sample to
  // sample: a step reads it only while its sample runs); a line without rows has an empty map.
  const costs = new Map<string, YearCosts>();
  const lineCosts = model.investments.map((x) => { const m = new YearCosts(start, Y); costs.set(x.line.id, m); return m; });
  let benefitAt = -1, benefit = new Map<string, number>();
  let byDomainsAt = -1;
  const byDomains = new Map<string, Map<string, number>>();
  const scratch = new LedgerColumns();
  let rowsAt = -1, rowObjects: readonly LedgerRow[] = [];

  const base: BaseFigures = {
    investmentCosts() {
      // Kept as the rows are made (`makeLine`): a line's map holds its years with a row.
      return costs;
    },
    netPerYear(partner) {
      const p = pIndex.get(partner);
      if (p === undefined) return years.map(() => 0);
      ensureNet();
      return Array.from(net.subarray(p * Y, p * Y + Y));
    },
    invested(partner) {
      const p = pIndex.get(partner);
      // Investment rows only: made in every sample.
      return p === undefined ? 0 : invested[p]!;
    },
    absoluteSums: () => { ensureSums(); return [rowsA, rowsD]; },
    benefit() {
      if (benefitAt !== generation) {
        benefitAt = generation;
        ensureSums();
        benefit = new Map();
        for (let p = 0; p < P; p++) if (impactPv[p] !== 0 || impactRows[p]! > 0) benefit.set(partnerIds[p]!, Math.max(0, impactPv[p]!));
      }
      return benefit;
    },
    benefitIn(domains) {
      if (byDomainsAt !== generation) { byDomainsAt = generation; byDomains.clear(); }
      const key = JSON.stringify([...domains].sort());
      let m = byDomains.get(key);
      if (!m) {
        ensure();
        m = new Map();
        const wanted = new Uint8Array(domainIds.length);
        domainIds.forEach((d, i) => { if (domains.includes(d)) wanted[i] = 1; });
        for (let i = 0; i < n; i++) {
          if (effectLine[rLine[i]!] !== 1 || wanted[rDomain[i]!] !== 1) continue;
          const p = partnerIds[rPartner[i]!]!;
          m.set(p, (m.get(p) ?? 0) + rDiscounted[i]!);
        }
        for (const [p, v] of m) m.set(p, Math.max(0, v));
        byDomains.set(key, m);
      }
      return m;
    },
    effectResult(partner, domains, cashableOnly) {
      const out = new Map<number, number>();
      const p = pIndex.get(partner);
      if (p === undefined) return out;
      ensure();
      const wanted = domains ? Uint8Array.from(domainIds, (d) => (domains.includes(d) ? 1 : 0)) : null;
      for (let i = 0; i < n; i++) {
        if (rPartner[i] !== p || effectLine[rLine[i]!] !== 1) continue;
        if (wanted !== null && wanted[rDomain[i]!] !== 1) continue;
        if (cashableOnly && rCashable[i] === 0) continue;
        const year = start + rYear[i]!;
        out.set(year, (out.get(year) ?? 0) + rAmount[i]!);
      }
      return out;
    },
    lostMargin(provider) {
      const out = new Map<number, number>();
      const p = pIndex.get(provider);
      if (p === undefined) return out;
      ensure();
      for (let i = 0; i < n; i++) {
        if (rPartner[i] !== p || (rKind[i] !== REVENUE_LOSS && rKind[i] !== VARIABLE_COST_SAVING)) continue;
        const year = start + rYear[i]!;
        out.set(year, (out.get(year) ?? 0) - rAmount[i]!);
      }
      for (const [y, v] of out) if (v < 0) out.set(y, 0);
      return out;
    },
  };
  const sample: SampleStatusQuo = {
    base,
    absoluteBound: () => (pendingCount === 0 ? [rowsA, rowsD] : [rowsA + boundA, rowsD + boundD]),
    rows() {
      if (rowsAt !== generation) { rowsAt = generation; rowObjects = buildLedger(model, values, scratch).rows; }
      return rowObjects;
    },
  };

  // Each effect's savings per year in this sample (from `savingStart[index]`) and its variable-cost share.
  const savingStart = new Int32Array(model.effects.length + 1);
  model.effects.forEach((e, i) => { savingStart[i + 1] = savingStart[i]! + e.years.length; });
  const savings = new Float64Array(savingStart[model.effects.length]!), savingVcs = new Float64Array(model.effects.length);
  // Effect lines whose rows wait (their numbers), and an upper bound on their rows' |amount| and |discounted| sums.
  const pending = new Int32Array(L);
  let pendingCount = 0, boundA = 0, boundD = 0;
  // Whether the waiting rows' amounts are in `net` already (`ensureNet`), their sums too (`ensureSums`).
  let netMade = false, sumsMade = false;
  /** The waiting rows (the first `count` of `pending`), made in `how` (push's mode): the same splits in the same order each time. */
  const pendingRows = (count: number, how: number) => {
    mode = how;
    try {
      for (let j = 0; j < count; j++) { const l = pending[j]!; effectRows(l, l - I, 0, model.effects[l - I]!.years.length); }
    } finally { mode = ALL; }
  };
  /** Makes the rows that wait, when a figure reads them (adding only what was not added yet). */
  const ensure = () => {
    if (pendingCount === 0) return;
    const count = pendingCount;
    pendingCount = 0; boundA = 0; boundD = 0;
    pendingRows(count, STORE | (sumsMade ? 0 : SUMS) | (netMade ? 0 : NET));
  };
  /**
   * Adds the waiting rows' amounts to the net per year without making the rows (a settlement
   * reads only the net per year: the rows of a regional case were most of its sample); the rows
   * wait on. Waiting rows raise no error (`makeLine`), so neither can this.
   */
  const ensureNet = () => {
    if (pendingCount === 0 || netMade) return;
    netMade = true;
    pendingRows(pendingCount, NET);
  };
  /** The same for the sums (the benefit shares, the bounded sums: a pot's benefit key reads them), and the net. */
  const ensureSums = () => {
    if (pendingCount === 0 || sumsMade) return;
    const how = SUMS | (netMade ? 0 : NET);
    // (The bound is then the exact sums: rowsA + 0.)
    sumsMade = true; netMade = true; boundA = 0; boundD = 0;
    pendingRows(pendingCount, how);
  };

  /** The rows of line l at `vals`, in the ledger's order; the ledger's input errors (`defer`: effect rows may wait, see below). */
  const makeLine = (l: number, vals: ArrayLike<number>, defer: boolean) => {
    if (l < I) {
      const inv = model.investments[l]!, path = invPath[l]!, m = lineCosts[l]!;
      m.clear();
      for (const y of inv.years) {
        const euros = y.amount(vals) * y.factor;
        const amount = -boundedCents(euros, path, "investment", y.year);
        push(l, y.year - start, invBearer[l]!, invDomain[l]!, INVESTMENT, amount, 1);
        if (amount !== 0) m.subtract(y.year, amount);
      }
      return;
    }
    const index = l - I, e = model.effects[index]!, path = effPath[index]!, plan = eff[index];
    const q = e.quantity(vals);
    if (plan === null || plan === undefined) {
      // An outcome: no rows, but its money value counts in the bounded sums, and its
      // quantities are checked, as the ledger does.
      const price = e.unitPrice ? e.unitPrice(vals) : undefined;
      for (const y of e.years) {
        const quantity = q * effectFactor(e, vals, y.ramp, y.dropOffPower);
        if (quantity === 0) continue;
        const k = y.year - start;
        const discounted = quantity * (effectFactors[k] ?? discountFactor(effectRate, k));
        for (const v of [quantity, discounted]) {
          if (!(Math.abs(v) <= LIMITS.outcomeQuantity)) throw new InputError([...path, "quantity"], "quantityOverflow", { value: v, year: y.year, limit: LIMITS.outcomeQuantity });
        }
        if (price !== undefined) count(Math.abs(boundedCents(quantity * price, path, "outcomeValue", y.year)), 0, l);
      }
      return;
    }
    const price = e.unitPrice!(vals);
    const vcs = e.variableCostShare ? e.variableCostShare(vals) : 0;
    // effectFactor's deflators once per line (the same products in the same order:
    // (1 - dw) at (1 - dp) (1 - ob), times ramp, times the drop-off), asked for when first needed.
    let deflated = NaN, rate = NaN;
    const at = savingStart[index]!;
    // When every row of the line stays clear of the ledger's bounds (each part of a saving s is
    // at most |s|, and s discounted within MAX_CENTS), its rows wait until a figure reads them;
    // their sums count by an upper bound meanwhile (exact sums when the bound comes near MAX_CENTS).
    savingVcs[index] = vcs;
    let clear = defer && vcs >= 0 && vcs <= 1, a = 0, d = 0;
    for (let j = 0; j < e.years.length; j++) {
      const y = e.years[j]!;
      let saving: number;
      if (y.actualAmount) saving = boundedCents(y.actualAmount(vals), path, "actual", y.year);
      else if (y.actualQuantity) saving = boundedCents(y.actualQuantity(vals) * price, path, "actual", y.year);
      else {
        if (deflated !== deflated) {
          deflated = (1 - e.deadweight(vals)) * e.attribution(vals) * (1 - e.displacement(vals)) * (1 - e.optimismBias(vals));
          rate = e.dropOffRate ? e.dropOffRate(vals) : NaN;
        }
        const drop = e.dropOffRate ? Math.pow(1 - rate, y.dropOffPower) : 1;
        saving = boundedCents(q * price * (deflated * y.ramp * drop), path, "saving", y.year);
      }
      savings[at + j] = saving;
      // Rows made as the ledger makes them, year after year (their errors in the ledger's order).
      if (!clear) { effectRows(l, index, j, j + 1); continue; }
      if (saving === 0) continue;
      const k = y.year - start, df = factors[k];
      const s = Math.abs(saving), big = s * (df ?? Infinity) * SLACK;
      if (!(big <= MAX_CENTS && s <= MAX_CENTS)) {
        // A row of this year might not stay clear: this line's rows now, in order (an error they
        // raise comes before any later year's or line's, as in the ledger).
        clear = false;
        effectRows(l, index, 0, j + 1);
        continue;
      }
      a += s * plan.weight; d += big * plan.weight + 0.5 * plan.rows;
    }
    if (clear) { pending[pendingCount++] = l; boundA += a * SLACK + 4; boundD += d * SLACK + 4; }
  };

  /** The rows of effect line l (index in the effects) from its savings of years [from, to), as `ledgerLines` makes them. */
  const effectRows = (l: number, index: number, from: number, to: number) => {
    const plan = eff[index]!, e = model.effects[index]!, at = savingStart[index]!, vcs = savingVcs[index]!, dom = plan.domain;
    for (let j = from; j < to; j++) {
      const saving = savings[at + j]!;
      if (saving === 0) continue;
      const k = e.years[j]!.year - start;
      if (plan.single >= 0) push(l, k, plan.single, dom, SAVING, saving, plan.cashable);
      else {
        const s = plan.funders!;
        allocateInto(saving, s.weights, s.weights.length, s.ranks, s.out, s.scratch);
        for (let i = 0; i < s.partners.length; i++) push(l, k, s.partners[i]!, dom, SAVING, s.out[i]!, plan.cashable);
      }
      if (plan.counterparty >= 0) push(l, k, plan.counterparty, dom, TRANSFER, -saving, 1);
      if (plan.provider >= 0) {
        push(l, k, plan.provider, dom, REVENUE_LOSS, -saving, 1);
        push(l, k, plan.provider, dom, VARIABLE_COST_SAVING, variable(saving, vcs), 1);
      } else if (plan.providers !== null) {
        const s = plan.providers;
        allocateInto(saving, s.weights, s.weights.length, s.ranks, s.out, s.scratch);
        for (let i = 0; i < s.partners.length; i++) {
          const lost = s.out[i]!;
          push(l, k, s.partners[i]!, dom, REVENUE_LOSS, -lost, 1);
          push(l, k, s.partners[i]!, dom, VARIABLE_COST_SAVING, variable(lost, vcs), 1);
        }
      }
    }
  };

  // The lines that do not move: made once, at the base values, as the rows' first part (the
  // figures are sums: the order of lines in the columns changes none of them).
  const movedMask = new Uint8Array(L).fill(1);
  let fixedN = 0, fixedA = 0, fixedD = 0, fixedRowsA = 0, fixedRowsD = 0;
  const fixedNet = new Float64Array(P * Y), fixedInvested = new Float64Array(P), fixedImpactPv = new Float64Array(P), fixedImpactRows = new Int32Array(P);
  if (fixedLines) {
    const { mask } = linesReading(model, fixedLines.varying);
    movedMask.set(mask);
    for (let l = 0; l < L; l++) if (movedMask[l] === 0) makeLine(l, fixedLines.values, false);
    fixedNet.set(net); fixedInvested.set(invested); fixedImpactPv.set(impactPv); fixedImpactRows.set(impactRows);
    fixedN = n; fixedA = totalA; fixedD = totalD; fixedRowsA = rowsA; fixedRowsD = rowsD;
  }
  const moved = Int32Array.from({ length: L }, (_, l) => l).filter((l) => movedMask[l] === 1);

  return {
    fill(vals) {
      generation++;
      values = vals;
      n = fixedN; totalA = fixedA; totalD = fixedD; rowsA = fixedRowsA; rowsD = fixedRowsD;
      net.set(fixedNet); invested.set(fixedInvested); impactPv.set(fixedImpactPv); impactRows.set(fixedImpactRows);
      pendingCount = 0; boundA = 0; boundD = 0; netMade = false; sumsMade = false;
      for (let j = 0; j < moved.length; j++) lineLargest[moved[j]!] = 0;
      // The moved lines, in the ledger's order: investments, then effects, year by year.
      for (let j = 0; j < moved.length; j++) makeLine(moved[j]!, vals, true);
      // The bound on the waiting rows decides only when it stays within MAX_CENTS; else all rows, exactly.
      if (!(totalA + boundA <= MAX_CENTS && totalD + boundD <= MAX_CENTS)) ensure();
      if (!(totalA <= MAX_CENTS && totalD <= MAX_CENTS)) {
        // Named by the first line with the largest |amount|, as the ledger's running maximum does.
        let largest = 0, largestPath: Path = [];
        for (let l = 0; l < L; l++) if (lineLargest[l]! > largest) { largest = lineLargest[l]!; largestPath = l < I ? invPath[l]! : effPath[l - I]!; }
        throw new InputError(largestPath, "totalOverflow", { value: Math.max(totalA, totalD) / 100 });
      }
      return sample;
    },
  };
}
