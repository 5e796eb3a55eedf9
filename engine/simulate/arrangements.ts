/**
 * Partner NPVs under a financing arrangement, for one parameter vector, without the metrics
 * and explanations `applyArrangement` also builds (IRR per partner, sentences in two
 * languages): those cost about ten times more than the transfers themselves.
 *
 * Two ways in, with the same result to the cent:
 * - `arrangementTransfers` takes a status-quo ledger through the step loop of
 *   `applyArrangement` (`runArrangementSteps` in engine/arrangements/apply.ts); a property test
 *   checks that its NPVs equal `evaluateModel`'s. It is the reference for the other.
 * - `sampleArrangementTransfers`, what a Monte Carlo sample runs: the status quo's figures come
 *   from the sample's rows as typed columns (figures.ts), not a ledger, and the steps run in a
 *   loop of their own that books each transfer straight into the partners' sums (the same
 *   checks, the same discounting and rounding as `runArrangementSteps`), making ledger rows of
 *   the transfers only for a step that reads them (a settlement). Property tests hold it equal
 *   to `arrangementTransfers` over `buildLedger`, errors included.
 * See docs/uncertainty.md for the cost per sample.
 */
import { runArrangementSteps } from "../arrangements/apply.ts";
import { TransferLog, transferColumnsOf } from "../arrangements/transfers.ts";
import type { CompiledArrangement, StepContext, Transfer } from "../arrangements/types.ts";
import type { Ledger, LedgerRow } from "../ledger/row.ts";
import type { Model } from "../case/model.ts";
import { discountFactor } from "../money/discount.ts";
import { discountedCents, MAX_CENTS } from "../money/money.ts";
import { InputError } from "../messages/issues.ts";
import type { SampleStatusQuo } from "./figures.ts";

/**
 * Adds to `npv[p]` and `net[p]` (partner index in the case's order) what the arrangement's
 * transfers move to or from each partner, and to `yearly[p * Y + k]` (when given) the amounts
 * of year k from the start. Pots (`pot:<id>`) are not partners and are left out, as
 * `applyArrangement` does.
 */
export function arrangementTransfers(model: Model, values: ArrayLike<number>, statusQuo: Ledger | readonly LedgerRow[], arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>, npv: Float64Array, net: Float64Array, yearly: Float64Array | null = null): void {
  const start = model.case.startYear, Y = model.years.length;
  runArrangementSteps(model, values, statusQuo, arr, (_step, _out, stepRows) => {
    for (const r of stepRows) {
      const p = partnerIndex.get(r.partner);
      if (p === undefined) continue;
      npv[p] = npv[p]! + r.discounted;
      net[p] = net[p]! + r.amount;
      if (yearly !== null) yearly[p * Y + (r.year - start)] = yearly[p * Y + (r.year - start)]! + r.amount;
    }
  });
}

/** What the sample loop keeps per model: discount factors, each investment's domain, each step's line name. */
interface Fixed { factors: number[]; domainOf: Map<string, string>; lines: WeakMap<CompiledArrangement, string[]> }
const fixedOf = new WeakMap<Model, Fixed>();
function fixed(model: Model): Fixed {
  let f = fixedOf.get(model);
  if (!f) {
    const c = model.case;
    f = { factors: model.years.map((_, k) => discountFactor(c.discountRate, k)), domainOf: new Map(model.investments.map((i) => [i.line.id, i.line.domain])), lines: new WeakMap() };
    fixedOf.set(model, f);
  }
  return f;
}

/** A map made when first read (a step's context hands the benefit shares to keys that may never read them). */
class LazyMap<K, V> implements ReadonlyMap<K, V> {
  private made: ReadonlyMap<K, V> | undefined;
  constructor(private readonly make: () => ReadonlyMap<K, V>) {}
  private get map(): ReadonlyMap<K, V> { return (this.made ??= this.make()); }
  get size() { return this.map.size; }
  get(key: K) { return this.map.get(key); }
  has(key: K) { return this.map.has(key); }
  forEach(f: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown) { this.map.forEach(f, thisArg); }
  entries() { return this.map.entries(); }
  keys() { return this.map.keys(); }
  values() { return this.map.values(); }
  [Symbol.iterator]() { return this.map[Symbol.iterator](); }
}

/** A step's transfers with their discounted amounts, kept in case a later step reads them as rows. */
interface Booked { line: string; funding: boolean; transfers: Transfer[]; discounted: Float64Array }

/** The ledger rows of booked steps' transfers, made by the step loop's own `TransferLog.rows` (one place for a transfer row's fields and order). */
function rowsOfBooked(steps: readonly Booked[], arrangement: string, domainOf: ReadonlyMap<string, string>, fundingOnly: boolean): LedgerRow[] {
  const log = new TransferLog(arrangement);
  for (const b of steps) {
    b.transfers.forEach((t, i) => log.push(t.year, t.from, t.to, t.amount, b.discounted[i]!, t.reason, (t.about && domainOf.get(t.about)) ?? "", b.line, b.funding));
  }
  return log.rows(0, log.length, fundingOnly);
}

/**
 * A step's context in a sample: the figures as fields, the rows (the status quo's, the earlier
 * steps' transfers) made when read. A class: its getters live on the prototype, where an object
 * literal with getters is made slowly, once per step and sample.
 */
class SampleContext implements StepContext {
  constructor(
    readonly model: Model, readonly values: ArrayLike<number>, readonly arrangementId: string,
    readonly benefit: ReadonlyMap<string, number>, readonly benefitIn: StepContext["benefitIn"], readonly base: StepContext["base"],
    private readonly statusQuo: SampleStatusQuo, private readonly rowsOf: (fundingOnly: boolean) => LedgerRow[],
    private readonly booked: readonly Booked[],
  ) {}
  // (Read while the step runs, before its own transfers are booked: the earlier steps', as columns.)
  get transfers() { return transferColumnsOf(this.booked); }
  get fundingRows() { return this.rowsOf(true); }
  // (Read while the step runs, before its own transfers are booked: the earlier steps'.)
  get addedRows() { return this.rowsOf(false); }
  get baseRows() { return this.statusQuo.rows(); }
  get rows() { const out = this.statusQuo.rows().slice(); for (const r of this.rowsOf(false)) out.push(r); return out; }
}

/**
 * `arrangementTransfers` for a Monte Carlo sample: the same additions to `npv`, `net` and
 * `yearly`, from the sample's status-quo figures (figures.ts `FiguresKernel.fill`).
 */
export function sampleArrangementTransfers(model: Model, values: ArrayLike<number>, statusQuo: SampleStatusQuo, arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>, npv: Float64Array, net: Float64Array, yearly: Float64Array | null = null): void {
  if (arr.steps.length === 0) return;
  const c = model.case, start = c.startYear, Y = model.years.length, rate = c.discountRate;
  const { factors, domainOf, lines } = fixed(model);
  let stepLines = lines.get(arr);
  if (!stepLines) lines.set(arr, (stepLines = arr.steps.map((s) => `${arr.id}/${s.id}`)));
  const base = statusQuo.base;
  // Asked for only if a key reads it (it reads every effect row).
  const benefit = new LazyMap(() => base.benefit());
  const benefitIn = (domains: readonly string[]) => base.benefitIn(domains);
  const booked: Booked[] = [];
  // Rows of the transfers so far, made only when a step reads them.
  const rowsOf = (fundingOnly: boolean) => rowsOfBooked(booked, arr.id, domainOf, fundingOnly);
  // The sums of |amount| and |discounted| over the status quo and the transfers so far stay
  // within MAX_CENTS, as in `runArrangementSteps`. An upper bound of the status quo's decides
  // while bound + transfers stay within MAX_CENTS (then the exact sums do too); from the first
  // transfer where they do not, the exact sums, as `runArrangementSteps` adds them up.
  const [boundAmount, boundDiscounted] = statusQuo.absoluteBound();
  let tAmount = 0, tDiscounted = 0, exact = false, sumAmount = 0, sumDiscounted = 0;
  for (let s = 0; s < arr.steps.length; s++) {
    const step = arr.steps[s]!;
    const out = step.apply(new SampleContext(model, values, arr.id, benefit, benefitIn, base, statusQuo, rowsOf, booked));
    const line = stepLines[s]!;
    const discountedOf = new Float64Array(out.transfers.length);
    for (let i = 0; i < out.transfers.length; i++) {
      const t = out.transfers[i]!;
      if (t.amount > MAX_CENTS) throw new InputError(step.path, "amountOverflow", { what: "transfer", year: t.year, value: t.amount / 100 });
      if (!(t.amount > 0) || !Number.isSafeInteger(t.amount)) throw new Error(`arrangement ${line}: transfer must be a positive integer of cents, got ${t.amount}`);
      const k = t.year - start;
      const discounted = discountedCents(t.amount, factors[k] ?? discountFactor(rate, k), rate, k);
      if (!exact) {
        if (boundAmount + (tAmount + 2 * t.amount) <= MAX_CENTS && boundDiscounted + (tDiscounted + 2 * discounted) <= MAX_CENTS) {
          tAmount += 2 * t.amount; tDiscounted += 2 * discounted;
        } else {
          // Within MAX_CENTS so far: these sums are exact, the ones runArrangementSteps has.
          exact = true;
          const [a, d] = base.absoluteSums();
          sumAmount = a + tAmount; sumDiscounted = d + tDiscounted;
        }
      }
      if (exact) { sumAmount += 2 * t.amount; sumDiscounted += 2 * discounted; }
      if (exact && !(sumAmount <= MAX_CENTS && sumDiscounted <= MAX_CENTS)) throw new InputError(step.path, "totalOverflow", { value: Math.max(sumAmount, sumDiscounted) / 100 });
      discountedOf[i] = discounted;
      // The payer's row (-amount, 0 - discounted: no negative zero) and the receiver's, as in the ledger.
      const from = partnerIndex.get(t.from), to = partnerIndex.get(t.to);
      if (from !== undefined) {
        npv[from] = npv[from]! + (0 - discounted);
        net[from] = net[from]! + -t.amount;
        if (yearly !== null) yearly[from * Y + k] = yearly[from * Y + k]! + -t.amount;
      }
      if (to !== undefined) {
        npv[to] = npv[to]! + discounted;
        net[to] = net[to]! + t.amount;
        if (yearly !== null) yearly[to * Y + k] = yearly[to * Y + k]! + t.amount;
      }
    }
    booked.push({ line, funding: step.funding, transfers: out.transfers, discounted: discountedOf });
  }
}
