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
import { computeMetrics, societyWithTransfers, withTransfers } from "../ledger/metrics.ts";
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
  // Stryker disable next-line ConditionalExpression: equivalent, without steps the loop below calls nothing; the early return only skips the status quo's sums
  if (arr.steps.length === 0) return;
  const c = model.case;
  // The status quo's sums come from its columns; its rows are made only if a step reads them.
  const ledger = Array.isArray(statusQuo) ? ledgerFromRows(statusQuo as readonly LedgerRow[]) : (statusQuo as Ledger);
  const base = baseFigures(model, ledger);
  const benefit = base.benefit();
  const benefitInDomains = (domains: readonly string[]) => base.benefitIn(domains);
  // Stryker disable next-line ArrayDeclaration: equivalent, only the settlement reads fundingRows, by each row's partner: a row without one counts for no participant
  const funding: LedgerRow[] = [];
  // Stryker disable next-line ArrayDeclaration: equivalent, only the settlement reads addedRows and rows, by each row's partner: a row without one counts for no participant
  const added: LedgerRow[] = [];
  const domainOf = investmentDomains(model);
  // One array for the rows so far, made when a step reads it: the status quo's rows, then each
  // step's rows pushed onto it (a concat per step copied the whole status quo again per step).
  let rows: LedgerRow[] | undefined;
  const rowsSoFar = () => {
    // Stryker disable next-line ConditionalExpression: equivalent, the rows made again are the same rows (only the settlement, the last step, reads them)
    if (rows === undefined) { rows = ledger.rows.slice(); for (const r of added) rows.push(r); }
    return rows;
  };
  // The sums of |amount| and |discounted| over the status quo and every transfer row so far stay
  // within MAX_CENTS, as the ledger's own rows do, so every partner's total is exact.
  let [sumAmount, sumDiscounted] = base.absoluteSums();
  for (const step of arr.steps) {
    const ctx: StepContext = {
      // Stryker disable next-line MethodExpression: equivalent, only the settlement reads addedRows and it is the last step (validation): no row is added after it reads them
      model, values, arrangementId: arr.id, benefit, benefitIn: benefitInDomains, fundingRows: funding, addedRows: added.slice(), base,
      get baseRows() { return ledger.rows; },
      // Stryker disable next-line ConditionalExpression: equivalent, before any step added rows the rows so far are the status quo's (a copy instead of the array itself)
      get rows() { return added.length === 0 ? ledger.rows : rowsSoFar(); },
    };
    // Set apart, not spread into the literal: a spread made every step's context a slow object.
    // Stryker disable next-line ConditionalExpression: equivalent, the property set to undefined reads as the property left out
    if (actualContributions) ctx.actualContributions = actualContributions;
    const out = step.apply(ctx);
    const line = `${arr.id}/${step.id}`;
    const stepRows: LedgerRow[] = [];
    for (const t of out.transfers) {
      if (t.amount > MAX_CENTS) throw new InputError(step.path, "amountOverflow", { what: "transfer", year: t.year, value: t.amount / 100 });
      if (!(t.amount > 0) || !Number.isSafeInteger(t.amount)) throw new Error(`arrangement ${line}: transfer must be a positive integer of cents, got ${t.amount}`);
      const k = t.year - c.startYear;
      const discounted = discountedCents(t.amount, discountFactor(c.discountRate, k), c.discountRate, k);
      sumAmount += 2 * t.amount;
      sumDiscounted += 2 * discounted;
      if (!(sumAmount <= MAX_CENTS && sumDiscounted <= MAX_CENTS)) throw new InputError(step.path, "totalOverflow", { value: Math.max(sumAmount, sumDiscounted) / 100 });
      const domain = (t.about && domainOf.get(t.about)) ?? "";
      // Two literals, not a shared object spread into both: V8 made each spread row cost
      // about 4 µs (65 times a literal), most of a Monte Carlo sample's arrangement time.
      // 0 - discounted, not -discounted: a one-cent transfer can discount to 0, and a ledger
      // has no negative zero.
      stepRows.push({ year: t.year, domain, line, kind: "transfer", cashable: true, arrangement: arr.id, reason: t.reason, partner: t.from, amount: -t.amount, discounted: 0 - discounted, counterparty: t.to });
      stepRows.push({ year: t.year, domain, line, kind: "transfer", cashable: true, arrangement: arr.id, reason: t.reason, partner: t.to, amount: t.amount, discounted, counterparty: t.from });
    }
    if (step.funding) funding.push(...stepRows);
    for (const r of stepRows) added.push(r);
    // Stryker disable next-line ConditionalExpression: equivalent, only the settlement reads rows and it is the last step (validation): no step reads them after it
    if (rows !== undefined) for (const r of stepRows) rows.push(r);
    onStep(step, out, stepRows);
  }
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
  const added: LedgerRow[] = [];
  const steps: StepResult[] = [];
  const pots: ArrangementResult["pots"] = [];
  const outcomePayments: ArrangementResult["outcomePayments"] = [];
  runArrangementSteps(model, values, base.ledger, arr, (step, out, stepRows) => {
    for (const r of stepRows) added.push(r);
    steps.push({ id: step.id, type: step.spec.type, transfers: out.transfers, facts: out.facts ?? {}, binding: out.binding ?? {} });
    if (out.pot) {
      let npv = 0, net = 0;
      for (const r of stepRows) if (r.partner === out.pot.id) { npv += r.discounted; net += r.amount; }
      pots.push({ ...out.pot, npv, net });
    }
    if (out.outcomePayments) outcomePayments.push(out.outcomePayments);
  }, actualContributions);
  // Metrics with the transfers from the evaluation's own (an arrangement adds only transfers,
  // which a partner keeps apart and society sees cancel): linear in the added rows, not one more
  // pass over the status quo per arrangement; the status quo (no steps) reuses them whole.
  const addedBy = new Map<string, LedgerRow[]>(c.partners.map((p) => [p.id, []]));
  for (const r of added) addedBy.get(r.partner)?.push(r);
  // Stryker disable next-line ArrayDeclaration: equivalent, without the known partners every partner takes the full computation below, which gives the same figures (withTransfers is its shortcut)
  const known = new Map(base.partners.map((p) => [p.id, p]));
  let byPartner: Map<string, LedgerRow[]> | undefined;
  const partners = c.partners.map((p) => {
    const own = known.get(p.id);
    if (own) return { id: p.id, name: p.name, kind: p.kind, ...withTransfers(own, addedBy.get(p.id)!, model.years) };
    // Stryker disable next-line ConditionalExpression,OptionalChaining: equivalent, the map made again is the same; the status quo's rows are all of listed partners (no pot rows)
    if (!byPartner) { byPartner = new Map(c.partners.map((q) => [q.id, []])); for (const r of base.ledger.rows) byPartner.get(r.partner)?.push(r); }
    return { id: p.id, name: p.name, kind: p.kind, ...computeMetrics([...byPartner.get(p.id)!, ...addedBy.get(p.id)!], model.years) };
  });
  // Stryker disable next-line LogicalOperator,ArrayDeclaration,BooleanLiteral: equivalent, the shortcut always answers (every added row is a transfer within the horizon, whose two rows cancel on its line; a row outside the horizon is an error on both paths), and the full computation gives the same figures
  const society = societyWithTransfers(base.society, added, model.years) ?? computeMetrics([...base.ledger.rows, ...added], model.years, true);
  const result: ArrangementResult = {
    id: arr.id, name: arr.name, ...(arr.description ? { description: arr.description } : {}),
    // Stryker disable next-line ArrayDeclaration: equivalent, `rows` is replaced below by its property before anything reads it
    implicit: arr.implicit ?? false, partners, society, rows: [], steps, pots, outcomePayments,
    // The status quo's rows are the base rows: its cash is the evaluation's own.
    // Stryker disable next-line ConditionalExpression: equivalent, the status quo's cash computed again from the same flows is the same view
    cash: arr.steps.length === 0 && base.cash ? base.cash : cashViewOfFlows(c.partners, statusQuoFlows(model, base.ledger), model.years, pots.map((p) => p.id), added),
    // Stryker disable next-line ObjectLiteral,ArrayDeclaration: equivalent, replaced below before anything reads it (explainArrangement does not read it)
    explanation: { nl: [], en: [] },
  };
  // The rows in the canonical order and the sentences are made when first read: a slider move
  // on a regional case reads neither (sorting its 14,000 transfer rows and writing the sentences
  // were a tenth of the move). The metrics above are sums: the rows' order does not change them.
  let sorted: LedgerRow[] | undefined, explanation: ArrangementResult["explanation"] | undefined;
  Object.defineProperty(result, "rows", {
    enumerable: true, configurable: true,
    get: () => (sorted ??= added.sort(compareRows)),
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
