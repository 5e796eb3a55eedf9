/**
 * Applies an arrangement to the status-quo ledger: its steps run in order, each adding
 * transfers (two ledger rows each: minus for the payer, plus for the receiver, on the same
 * line, so they cancel for society). Pots are entities of their own in the ledger (`pot:<id>`)
 * while they hold money; they end every horizon empty.
 */
import { discountFactor } from "../money/discount.ts";
import type { Evaluation } from "../ledger/evaluation.ts";
import { baseFigures, compareRows, ledgerFromRows, statusQuoFlows } from "../ledger/ledger.ts";
import type { Ledger, LedgerRow } from "../ledger/row.ts";
import { computeMetrics, societyWithTransfers, withTransferSums, type TransferSums } from "../ledger/metrics.ts";
import { TransferLog, transferSums } from "./transfers.ts";
import { cashViewOfFlows } from "../ledger/cash.ts";
import { discountedCents, MAX_CENTS } from "../money/money.ts";
import { InputError } from "../messages/issues.ts";
import type { Model } from "../case/model.ts";
import { explainArrangement } from "./explain.ts";
import type { ArrangementResult, CompiledArrangement, CompiledStep, StatusQuo, StepContext, StepOutput, StepResult } from "./types.ts";

/** Each partner's present value of positive effect results (for `benefit` keys), once per rows array. */
export function benefitShares(model: Model, rows: readonly LedgerRow[]): Map<string, number> {
  return baseFigures(model, ledgerFromRows(rows)).benefit();
}

/** A ledger as the status quo the step loop runs on: its figures from its columns, its exact sums, its own rows. */
export function statusQuoOfLedger(model: Model, given: Ledger | readonly LedgerRow[]): StatusQuo {
  const ledger = Array.isArray(given) ? ledgerFromRows(given as readonly LedgerRow[]) : (given as Ledger);
  const base = baseFigures(model, ledger);
  return { base, absoluteBound: () => base.absoluteSums(), rows: () => ledger.rows };
}

const isStatusQuo = (x: StatusQuo | Ledger | readonly LedgerRow[]): x is StatusQuo => !Array.isArray(x) && "absoluteBound" in x;

/**
 * The step loop with rows: `runArrangementTransfers`, each step's transfers handed to `onStep`
 * as their ledger rows (two per transfer).
 */
export function runArrangementSteps(
  model: Model, values: ArrayLike<number>, statusQuo: StatusQuo | Ledger | readonly LedgerRow[], arr: CompiledArrangement,
  onStep: (step: CompiledStep, out: StepOutput, stepRows: LedgerRow[]) => void,
  actualContributions?: StepContext["actualContributions"],
): void {
  runArrangementTransfers(model, values, statusQuo, arr, (step, out, log, start) => onStep(step, out, log.rows(start)), actualContributions);
}

/** What the step loop keeps per model: each year's discount factor, each investment's domain, each step's line name. */
interface PerModel { factors: number[]; domainOf: Map<string, string>; lines: WeakMap<CompiledArrangement, string[]> }
const perModelCache = new WeakMap<Model, PerModel>();
function perModel(model: Model): PerModel {
  let f = perModelCache.get(model);
  // Stryker disable next-line ConditionalExpression: equivalent, the cache is speed only (the same numbers and maps made again)
  if (!f) {
    const c = model.case;
    f = { factors: model.years.map((_, k) => discountFactor(c.discountRate, k)), domainOf: new Map(model.investments.map((i) => [i.line.id, i.line.domain])), lines: new WeakMap() };
    perModelCache.set(model, f);
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

/** What the steps of one run share: the status quo, the log, and the rows so far (made when a step reads them). */
class Run {
  /** The status quo's rows, then the transfer rows of the first `upTo` entries of the log (a concat per step copied the whole status quo again per step). */
  private rows: LedgerRow[] | undefined;
  private upTo = 0;
  constructor(readonly statusQuo: StatusQuo, readonly log: TransferLog) {}
  rowsSoFar(end: number): readonly LedgerRow[] {
    // Stryker disable next-line ConditionalExpression: equivalent, before any step added rows the rows so far are the status quo's (a copy instead of the array itself)
    if (end === 0) return this.statusQuo.rows();
    // Stryker disable next-line ConditionalExpression: equivalent, the rows made again are the same rows (only the settlement, the last step, reads them)
    if (this.rows === undefined) this.rows = this.statusQuo.rows().slice();
    for (const r of this.log.rows(this.upTo, end)) this.rows.push(r);
    this.upTo = end;
    return this.rows;
  }
}

/**
 * A step's context: the figures as fields, the rows (the status quo's, the earlier steps'
 * transfers) made when read. A class: its getters live on the prototype, where an object literal
 * with getters is made slowly, once per step (and per Monte Carlo sample).
 */
class Context implements StepContext {
  private added: LedgerRow[] | undefined;
  private funded: LedgerRow[] | undefined;
  actualContributions?: StepContext["actualContributions"];
  transfersOnly?: boolean;
  constructor(
    readonly model: Model, readonly values: ArrayLike<number>, readonly arrangementId: string,
    readonly benefit: ReadonlyMap<string, number>, readonly benefitIn: StepContext["benefitIn"], readonly base: StepContext["base"],
    private readonly run: Run, private readonly before: number,
  ) {}
  // (The entries of the earlier steps: the step's own are pushed after it returns.)
  get transfers() { return this.run.log.view(this.before); }
  get fundingRows() { return (this.funded ??= this.run.log.rows(0, this.before, true)); }
  get addedRows() { return (this.added ??= this.run.log.rows(0, this.before)); }
  get baseRows() { return this.run.statusQuo.rows(); }
  get rows() { return this.run.rowsSoFar(this.before); }
}

/**
 * The step loop of an arrangement, the one engine for every path: `applyArrangement` (an
 * evaluation, a slider move), monitoring, the Monte Carlo (a sample's status quo from
 * engine/simulate/figures.ts, no ledger) and the negotiation. Each step sees the status quo and
 * the transfers so far; its transfers are checked, discounted and rounded on their own, and
 * pushed to the log as entries `start`..`log.length - 1` that `onStep` gets (their rows are made
 * only when read). The log of every step's transfers is returned. `transfersOnly`: the caller
 * reads only the transfers (`StepContext.transfersOnly`).
 */
export function runArrangementTransfers(
  model: Model, values: ArrayLike<number>, given: StatusQuo | Ledger | readonly LedgerRow[], arr: CompiledArrangement,
  onStep: (step: CompiledStep, out: StepOutput, log: TransferLog, start: number) => void,
  actualContributions?: StepContext["actualContributions"], transfersOnly = false,
): TransferLog {
  const log = new TransferLog(arr.id);
  // Stryker disable next-line ConditionalExpression: equivalent, without steps the loop below calls nothing; the early return only skips the status quo's figures
  if (arr.steps.length === 0) return log;
  const c = model.case, start = c.startYear, rate = c.discountRate;
  const statusQuo = isStatusQuo(given) ? given : statusQuoOfLedger(model, given);
  const base = statusQuo.base;
  // Asked for only if a key reads it (it reads every effect row of a sample).
  const benefit = new LazyMap(() => base.benefit());
  const benefitIn = (domains: readonly string[]) => base.benefitIn(domains);
  const { factors, domainOf, lines } = perModel(model);
  let stepLines = lines.get(arr);
  if (!stepLines) lines.set(arr, (stepLines = arr.steps.map((s) => `${arr.id}/${s.id}`)));
  const run = new Run(statusQuo, log);
  // The sums of |amount| and |discounted| over the status quo and every transfer row so far stay
  // within MAX_CENTS, as the ledger's own rows do, so every partner's total is exact. The status
  // quo's bound (its exact sums for a ledger) decides while bound + transfers stay within
  // MAX_CENTS (then the exact sums do too); from the first transfer where they do not, the exact
  // sums decide.
  const [boundAmount, boundDiscounted] = statusQuo.absoluteBound();
  let tAmount = 0, tDiscounted = 0, exact = false, sumAmount = 0, sumDiscounted = 0;
  for (let s = 0; s < arr.steps.length; s++) {
    const step = arr.steps[s]!;
    const before = log.length;
    const ctx = new Context(model, values, arr.id, benefit, benefitIn, base, run, before);
    // Stryker disable next-line ConditionalExpression: equivalent, the property set to undefined reads as the property left out
    if (actualContributions) ctx.actualContributions = actualContributions;
    if (transfersOnly) ctx.transfersOnly = true;
    const out = step.apply(ctx);
    const line = stepLines[s]!;
    for (const t of out.transfers) {
      if (t.amount > MAX_CENTS) throw new InputError(step.path, "amountOverflow", { what: "transfer", year: t.year, value: t.amount / 100 });
      if (!(t.amount > 0) || !Number.isSafeInteger(t.amount)) throw new Error(`arrangement ${line}: transfer must be a positive integer of cents, got ${t.amount}`);
      const k = t.year - start;
      const discounted = discountedCents(t.amount, factors[k] ?? discountFactor(rate, k), rate, k);
      if (!exact) {
        if (boundAmount + (tAmount + 2 * t.amount) <= MAX_CENTS && boundDiscounted + (tDiscounted + 2 * discounted) <= MAX_CENTS) {
          tAmount += 2 * t.amount; tDiscounted += 2 * discounted;
        } else {
          // Within MAX_CENTS so far: these sums are exact.
          exact = true;
          const [a, d] = base.absoluteSums();
          sumAmount = a + tAmount; sumDiscounted = d + tDiscounted;
        }
      }
      if (exact) {
        sumAmount += 2 * t.amount; sumDiscounted += 2 * discounted;
        if (!(sumAmount <= MAX_CENTS && sumDiscounted <= MAX_CENTS)) throw new InputError(step.path, "totalOverflow", { value: Math.max(sumAmount, sumDiscounted) / 100 });
      }
      log.push(t.year, t.from, t.to, t.amount, discounted, t.reason, (t.about && domainOf.get(t.about)) ?? "", line, step.funding);
    }
    onStep(step, out, log, before);
  }
  return log;
}

const partnerIndexes = new WeakMap<Model, Map<string, number>>();
/** Partner id -> its position in the case, once per model. */
function partnerIndex(model: Model): Map<string, number> {
  let m = partnerIndexes.get(model);
  // Stryker disable next-line ConditionalExpression: equivalent, the cache is speed only (the map made again is the same)
  if (!m) { m = new Map(model.case.partners.map((p, i) => [p.id, i])); partnerIndexes.set(model, m); }
  return m;
}

/** What an arrangement's step loop gave, kept with its result (`previous` of `applyArrangement`). */
interface Made {
  log: TransferLog; steps: StepResult[]; pots: ArrangementResult["pots"]; outcomePayments: ArrangementResult["outcomePayments"];
  /** The sums of |amount| and |discounted| over the transfers' rows. */
  amount: number; discounted: number;
  /** Every partner's sums of the transfers (they do not depend on the status quo). */
  sums?: TransferSums;
}
const madeOf = new WeakMap<ArrangementResult, Made>();

/**
 * The arrangement applied to an evaluation's status quo. `previous`: the same arrangement's
 * result on another status quo whose differences this arrangement's steps do not read (a
 * slider move that moves neither the costs nor the keys of a decision framework:
 * reads.ts `readsNothingChanged`, which the caller checks): its transfers are taken over
 * instead of running the steps again, unless the status quo's sums and theirs could pass
 * MAX_CENTS (then the steps run and decide, as always).
 */
export function applyArrangement(model: Model, values: ArrayLike<number>, base: Evaluation, arr: CompiledArrangement, actualContributions?: StepContext["actualContributions"], previous?: ArrangementResult): ArrangementResult {
  const c = model.case;
  const kept = previous && actualContributions === undefined ? madeOf.get(previous) : undefined;
  const made = kept && reusable(model, base, kept) ? kept : runSteps(model, values, base, arr, actualContributions);
  const log = made.log;
  // (Lists of their own: a result taken over shares the transfers, not the lists.)
  const steps = [...made.steps], pots = [...made.pots], outcomePayments = [...made.outcomePayments];
  // Metrics with the transfers from the evaluation's own (an arrangement adds only transfers,
  // which a partner keeps apart and society sees cancel): every partner's sums of the transfers
  // in one pass over them (transfers.ts), not one more pass over the status quo per arrangement;
  // the status quo (no steps) reuses them whole.
  const index = partnerIndex(model);
  const sums = (made.sums ??= transferSums(log, index, model.years));
  // Stryker disable next-line ArrayDeclaration: equivalent, without the known partners every partner takes the full computation below, which gives the same figures (withTransferSums is its shortcut)
  const known = new Map(base.partners.map((p) => [p.id, p]));
  let byPartner: Map<string, LedgerRow[]> | undefined, addedBy: Map<string, LedgerRow[]> | undefined;
  const partners = c.partners.map((p, i) => {
    const own = known.get(p.id);
    if (own) return { id: p.id, name: p.name, kind: p.kind, ...withTransferSums(own, sums, i, model.years) };
    // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent, the map made again is the same; the status quo's rows are all of listed partners (no pot rows)
    if (!byPartner) { byPartner = new Map(c.partners.map((q) => [q.id, []])); for (const r of base.ledger.rows) byPartner.get(r.partner)?.push(r); }
    if (!addedBy) { addedBy = new Map(c.partners.map((q) => [q.id, []])); for (const r of log.rows()) addedBy.get(r.partner)?.push(r); }
    return { id: p.id, name: p.name, kind: p.kind, ...computeMetrics([...byPartner.get(p.id)!, ...addedBy.get(p.id)!], model.years) };
  });
  // Society: each transfer's two rows cancel on their line and year (minus and plus the same
  // amount, 0 minus and plus the same discounted amount), so society's figures are the status
  // quo's when every transfer is within the horizon; else the rows decide (and give the error).
  const years = new Set(model.years);
  let inHorizon = true;
  for (let j = 0; j < log.length; j++) if (!years.has(log.year[j]!)) { inHorizon = false; break; }
  // Stryker disable next-line LogicalOperator,ArrayDeclaration,BooleanLiteral: equivalent, the shortcut always answers (every added row is a transfer within the horizon, whose two rows cancel on its line; a row outside the horizon is an error on both paths), and the full computation gives the same figures
  const society = societyWithTransfers(base.society, inHorizon ? [] : log.rows(), model.years) ?? computeMetrics([...base.ledger.rows, ...log.rows()], model.years, true);
  const result: ArrangementResult = {
    id: arr.id, name: arr.name, ...(arr.description ? { description: arr.description } : {}),
    // Stryker disable next-line ArrayDeclaration: equivalent, `rows` is replaced below by its property before anything reads it
    implicit: arr.implicit ?? false, partners, society, rows: [], steps, pots, outcomePayments,
    // The status quo's rows are the base rows: its cash is the evaluation's own.
    // Stryker disable next-line ConditionalExpression: equivalent, the status quo's cash computed again from the same flows is the same view
    cash: arr.steps.length === 0 && base.cash ? base.cash : cashViewOfFlows(c.partners, statusQuoFlows(model, base.ledger), model.years, pots.map((p) => p.id), log),
    // Stryker disable next-line ObjectLiteral,ArrayDeclaration: equivalent, replaced below before anything reads it (explainArrangement does not read it)
    explanation: { nl: [], en: [] },
  };
  // The rows in the canonical order and the sentences are made when first read: a slider move
  // on a regional case reads neither (sorting its 14,000 transfer rows and writing the sentences
  // were a tenth of the move). The metrics above are sums: the rows' order does not change them.
  let sorted: LedgerRow[] | undefined, explanation: ArrangementResult["explanation"] | undefined;
  Object.defineProperty(result, "rows", {
    enumerable: true, configurable: true,
    get: () => (sorted ??= log.rows().sort(compareRows)),
    set: (v: LedgerRow[]) => { sorted = v; },
  });
  Object.defineProperty(result, "explanation", {
    enumerable: true, configurable: true,
    // Stryker disable next-line StringLiteral: equivalent, every text and number format tests lang === "nl", so any other value is English
    get: () => (explanation ??= { nl: explainArrangement(model, result, "nl"), en: explainArrangement(model, result, "en") }),
    set: (v: ArrangementResult["explanation"]) => { explanation = v; },
  });
  madeOf.set(result, made);
  return result;
}

/** Runs the steps on the evaluation's status quo: the transfers and what each step did. */
function runSteps(model: Model, values: ArrayLike<number>, base: Evaluation, arr: CompiledArrangement, actualContributions?: StepContext["actualContributions"]): Made {
  const steps: StepResult[] = [];
  const pots: ArrangementResult["pots"] = [];
  const outcomePayments: ArrangementResult["outcomePayments"] = [];
  const log = runArrangementTransfers(model, values, base.ledger, arr, (step, out, log, start) => {
    steps.push({ id: step.id, type: step.spec.type, transfers: out.transfers, facts: out.facts ?? {}, binding: out.binding ?? {} });
    if (out.pot) {
      // The pot's rows of this step: the payer's row (0 minus the discounted amount), the receiver's.
      let npv = 0, net = 0;
      for (let j = start; j < log.length; j++) {
        if (log.from[j] === out.pot.id) { npv += 0 - log.discounted[j]!; net += -log.amount[j]!; }
        if (log.to[j] === out.pot.id) { npv += log.discounted[j]!; net += log.amount[j]!; }
      }
      pots.push({ ...out.pot, npv, net });
    }
    if (out.outcomePayments) outcomePayments.push(out.outcomePayments);
  }, actualContributions);
  let amount = 0, discounted = 0;
  for (let j = 0; j < log.length; j++) { amount += 2 * log.amount[j]!; discounted += 2 * log.discounted[j]!; }
  return { log, steps, pots, outcomePayments, amount, discounted };
}

/** Whether the transfers made on another status quo stand on this one: its sums and theirs within MAX_CENTS (the step loop's check). */
function reusable(model: Model, base: Evaluation, made: Made): boolean {
  const [a, d] = baseFigures(model, base.ledger).absoluteSums();
  return a + made.amount <= MAX_CENTS && d + made.discounted <= MAX_CENTS;
}

