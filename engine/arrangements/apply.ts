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
import { computeMetrics, societyWithTransfers, withTransferSums } from "../ledger/metrics.ts";
import { TransferLog, transferSums } from "./transfers.ts";
import { cashViewOfFlows } from "../ledger/cash.ts";
import { discountedCents, MAX_CENTS } from "../money/money.ts";
import { InputError } from "../messages/issues.ts";
import type { Model } from "../case/model.ts";
import { explainArrangement } from "./explain.ts";
import type { ArrangementResult, CompiledArrangement, CompiledStep, StepContext, StepOutput, StepResult } from "./types.ts";

/** Each partner's present value of positive effect results (for `benefit` keys), once per rows array. */
export function benefitShares(model: Model, rows: readonly LedgerRow[]): Map<string, number> {
  return baseFigures(model, ledgerFromRows(rows)).benefit();
}

/**
 * The step loop of an arrangement, the one both `applyArrangement` and the Monte Carlo
 * (engine/simulate/arrangements.ts) run: each step sees the rows so far, its transfers become
 * two ledger rows each (discounted and rounded on their own), and `onStep` gets them.
 */
export function runArrangementSteps(
  model: Model, values: ArrayLike<number>, statusQuo: Ledger | readonly LedgerRow[], arr: CompiledArrangement,
  onStep: (step: CompiledStep, out: StepOutput, stepRows: LedgerRow[]) => void,
  actualContributions?: StepContext["actualContributions"],
): void {
  runArrangementTransfers(model, values, statusQuo, arr, (step, out, log, start) => onStep(step, out, log.rows(start)), actualContributions);
}

/**
 * The step loop with the transfers as columns (transfers.ts): each step's transfers are entries
 * `start`..`log.length - 1` of the log `onStep` gets; their rows are made only when read. The
 * log of every step's transfers is returned.
 */
export function runArrangementTransfers(
  model: Model, values: ArrayLike<number>, statusQuo: Ledger | readonly LedgerRow[], arr: CompiledArrangement,
  onStep: (step: CompiledStep, out: StepOutput, log: TransferLog, start: number) => void,
  actualContributions?: StepContext["actualContributions"],
): TransferLog {
  const log = new TransferLog(arr.id);
  // Stryker disable next-line ConditionalExpression: equivalent, without steps the loop below calls nothing; the early return only skips the status quo's sums
  if (arr.steps.length === 0) return log;
  const c = model.case;
  // The status quo's sums come from its columns; its rows are made only if a step reads them.
  const ledger = Array.isArray(statusQuo) ? ledgerFromRows(statusQuo as readonly LedgerRow[]) : (statusQuo as Ledger);
  const base = baseFigures(model, ledger);
  const benefit = base.benefit();
  const benefitInDomains = (domains: readonly string[]) => base.benefitIn(domains);
  const domainOf = investmentDomains(model);
  // The rows so far, made when a step reads them: the status quo's rows, then the transfer rows
  // up to `upTo` entries of the log (a concat per step copied the whole status quo again per step).
  let rows: LedgerRow[] | undefined, upTo = 0;
  const rowsSoFar = (end: number) => {
    // Stryker disable next-line ConditionalExpression: equivalent, the rows made again are the same rows (only the settlement, the last step, reads them)
    if (rows === undefined) rows = ledger.rows.slice();
    for (const r of log.rows(upTo, end)) rows.push(r);
    upTo = end;
    return rows;
  };
  // The sums of |amount| and |discounted| over the status quo and every transfer row so far stay
  // within MAX_CENTS, as the ledger's own rows do, so every partner's total is exact.
  let [sumAmount, sumDiscounted] = base.absoluteSums();
  // Each year's discount factor once (the same number discountFactor gives for it).
  const factors: number[] = [];
  for (const step of arr.steps) {
    const before = log.length;
    let addedRows: LedgerRow[] | undefined, fundingRows: LedgerRow[] | undefined;
    const ctx: StepContext = {
      model, values, arrangementId: arr.id, benefit, benefitIn: benefitInDomains, base,
      transfers: log.view(before),
      get fundingRows() { return (fundingRows ??= log.rows(0, before, true)); },
      get addedRows() { return (addedRows ??= log.rows(0, before)); },
      get baseRows() { return ledger.rows; },
      // Stryker disable next-line ConditionalExpression: equivalent, before any step added rows the rows so far are the status quo's (a copy instead of the array itself)
      get rows() { return before === 0 ? ledger.rows : rowsSoFar(before); },
    };
    // Set apart, not spread into the literal: a spread made every step's context a slow object.
    // Stryker disable next-line ConditionalExpression: equivalent, the property set to undefined reads as the property left out
    if (actualContributions) ctx.actualContributions = actualContributions;
    const out = step.apply(ctx);
    const line = `${arr.id}/${step.id}`;
    for (const t of out.transfers) {
      if (t.amount > MAX_CENTS) throw new InputError(step.path, "amountOverflow", { what: "transfer", year: t.year, value: t.amount / 100 });
      if (!(t.amount > 0) || !Number.isSafeInteger(t.amount)) throw new Error(`arrangement ${line}: transfer must be a positive integer of cents, got ${t.amount}`);
      const k = t.year - c.startYear;
      const discounted = discountedCents(t.amount, factors[k] ?? (factors[k] = discountFactor(c.discountRate, k)), c.discountRate, k);
      sumAmount += 2 * t.amount;
      sumDiscounted += 2 * discounted;
      if (!(sumAmount <= MAX_CENTS && sumDiscounted <= MAX_CENTS)) throw new InputError(step.path, "totalOverflow", { value: Math.max(sumAmount, sumDiscounted) / 100 });
      const domain = (t.about && domainOf.get(t.about)) ?? "";
      log.push(t.year, t.from, t.to, t.amount, discounted, t.reason, domain, line, step.funding);
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

const domainCache = new WeakMap<Model, Map<string, string>>();
/** Investment id -> its domain (transfer rows about an investment carry its domain), once per model. */
function investmentDomains(model: Model): Map<string, string> {
  let m = domainCache.get(model);
  // Stryker disable next-line ConditionalExpression: equivalent, the cache is speed only (the map made again is the same)
  if (!m) { m = new Map(model.investments.map((i) => [i.line.id, i.line.domain])); domainCache.set(model, m); }
  return m;
}

export function applyArrangement(model: Model, values: ArrayLike<number>, base: Evaluation, arr: CompiledArrangement, actualContributions?: StepContext["actualContributions"]): ArrangementResult {
  const c = model.case;
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
  // Metrics with the transfers from the evaluation's own (an arrangement adds only transfers,
  // which a partner keeps apart and society sees cancel): every partner's sums of the transfers
  // in one pass over them (transfers.ts), not one more pass over the status quo per arrangement;
  // the status quo (no steps) reuses them whole.
  const index = partnerIndex(model);
  const sums = transferSums(log, index, model.years);
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
  return result;
}
