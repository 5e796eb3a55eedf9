/**
 * Applies an arrangement to the status-quo ledger: its steps run in order, each adding
 * transfers (two ledger rows each: minus for the payer, plus for the receiver, on the same
 * line, so they cancel for society). Pots are entities of their own in the ledger (`pot:<id>`)
 * while they hold money; they end every horizon empty.
 */
import { discountFactor } from "../money/discount.ts";
import type { Evaluation } from "../ledger/evaluation.ts";
import { compareRows } from "../ledger/ledger.ts";
import type { LedgerRow } from "../ledger/row.ts";
import { computeMetrics, societyWithTransfers, withTransfers } from "../ledger/metrics.ts";
import { cashView } from "../ledger/cash.ts";
import { discountedCents, MAX_CENTS } from "../money/money.ts";
import { InputError } from "../messages/issues.ts";
import type { Model } from "../case/model.ts";
import { explainArrangement } from "./explain.ts";
import type { ArrangementResult, CompiledArrangement, CompiledStep, StepContext, StepOutput, StepResult } from "./types.ts";

/** Each partner's present value of positive effect results (for `benefit` keys). */
export function benefitShares(model: Model, rows: readonly LedgerRow[]): Map<string, number> {
  // Every arrangement of a sample asks for the same rows' shares: once per rows array.
  const known = benefitCache.get(rows);
  if (known !== undefined && known.model === model) return known.shares;
  const shares = computeBenefitShares(model, rows);
  benefitCache.set(rows, { model, shares });
  return shares;
}
const benefitCache = new WeakMap<readonly LedgerRow[], { model: Model; shares: Map<string, number> }>();

function computeBenefitShares(model: Model, rows: readonly LedgerRow[], domains?: readonly string[]): Map<string, number> {
  const effectLines = new Set(model.effects.map((e) => e.line.id));
  const m = new Map<string, number>();
  for (const r of rows) if (effectLines.has(r.line) && (!domains || domains.includes(r.domain))) m.set(r.partner, (m.get(r.partner) ?? 0) + r.discounted);
  for (const [p, v] of m) m.set(p, Math.max(0, v));
  return m;
}

/** Benefit shares counting only some domains, once per rows array and set of domains. */
function benefitIn(model: Model, rows: readonly LedgerRow[]): (domains: readonly string[]) => ReadonlyMap<string, number> {
  const known = new Map<string, Map<string, number>>();
  return (domains) => {
    const k = [...domains].sort().join("\u0000");
    let m = known.get(k);
    if (!m) { m = computeBenefitShares(model, rows, domains); known.set(k, m); }
    return m;
  };
}

/**
 * The step loop of an arrangement, the one both `applyArrangement` and the Monte Carlo
 * (engine/simulate/arrangements.ts) run: each step sees the rows so far, its transfers become
 * two ledger rows each (discounted and rounded on their own), and `onStep` gets them.
 */
export function runArrangementSteps(
  model: Model, values: ArrayLike<number>, baseRows: readonly LedgerRow[], arr: CompiledArrangement,
  onStep: (step: CompiledStep, out: StepOutput, stepRows: LedgerRow[]) => void,
  actualContributions?: StepContext["actualContributions"],
): void {
  if (arr.steps.length === 0) return;
  const c = model.case;
  const benefit = benefitShares(model, baseRows);
  const benefitInDomains = benefitIn(model, baseRows);
  const funding: LedgerRow[] = [];
  const domainOf = investmentDomains(model);
  // One array for the rows so far: each step's rows are pushed onto it (a concat per step
  // copied the whole status quo again for every step). Steps read it only while they run.
  let rows: LedgerRow[] | undefined;
  // The sums of |amount| and |discounted| over the status quo and every transfer row so far stay
  // within MAX_CENTS, as the ledger's own rows do, so every partner's total is exact.
  let [sumAmount, sumDiscounted] = absoluteSums(baseRows);
  for (const step of arr.steps) {
    const out = step.apply({ model, values, arrangementId: arr.id, baseRows, rows: rows ?? baseRows, benefit, benefitIn: benefitInDomains, fundingRows: funding, ...(actualContributions ? { actualContributions } : {}) });
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
    if (stepRows.length > 0) {
      rows ??= baseRows.slice();
      for (const r of stepRows) rows.push(r);
    }
    onStep(step, out, stepRows);
  }
}

const sumsCache = new WeakMap<readonly LedgerRow[], [number, number]>();
/** Sums of |amount| and |discounted| of rows (the status quo's, once per rows array). */
function absoluteSums(rows: readonly LedgerRow[]): [number, number] {
  let sums = sumsCache.get(rows);
  if (sums === undefined) {
    let a = 0, d = 0;
    for (const r of rows) { a += Math.abs(r.amount); d += Math.abs(r.discounted); }
    sumsCache.set(rows, (sums = [a, d]));
  }
  return [sums[0], sums[1]];
}

const domainCache = new WeakMap<Model, Map<string, string>>();
/** Investment id -> its domain (transfer rows about an investment carry its domain), once per model. */
function investmentDomains(model: Model): Map<string, string> {
  let m = domainCache.get(model);
  if (!m) { m = new Map(model.investments.map((i) => [i.line.id, i.line.domain])); domainCache.set(model, m); }
  return m;
}

export function applyArrangement(model: Model, values: ArrayLike<number>, base: Evaluation, arr: CompiledArrangement, actualContributions?: StepContext["actualContributions"]): ArrangementResult {
  const c = model.case;
  const baseRows = base.ledger.rows;
  const added: LedgerRow[] = [];
  const steps: StepResult[] = [];
  const pots: ArrangementResult["pots"] = [];
  const outcomePayments: ArrangementResult["outcomePayments"] = [];
  runArrangementSteps(model, values, baseRows, arr, (step, out, stepRows) => {
    added.push(...stepRows);
    steps.push({ id: step.id, type: step.spec.type, transfers: out.transfers, facts: out.facts ?? {}, binding: out.binding ?? {} });
    if (out.pot) {
      let npv = 0, net = 0;
      for (const r of stepRows) if (r.partner === out.pot.id) { npv += r.discounted; net += r.amount; }
      pots.push({ ...out.pot, npv, net });
    }
    if (out.outcomePayments) outcomePayments.push(out.outcomePayments);
  }, actualContributions);
  added.sort(compareRows);
  // Metrics with the transfers from the evaluation's own (an arrangement adds only transfers,
  // which a partner keeps apart and society sees cancel): linear in the added rows, not one more
  // pass over the status quo per arrangement; the status quo (no steps) reuses them whole.
  const addedBy = new Map<string, LedgerRow[]>(c.partners.map((p) => [p.id, []]));
  for (const r of added) addedBy.get(r.partner)?.push(r);
  const known = new Map(base.partners.map((p) => [p.id, p]));
  let byPartner: Map<string, LedgerRow[]> | undefined;
  const partners = c.partners.map((p) => {
    const own = known.get(p.id);
    if (own) return { id: p.id, name: p.name, kind: p.kind, ...withTransfers(own, addedBy.get(p.id)!, model.years) };
    if (!byPartner) { byPartner = new Map(c.partners.map((q) => [q.id, []])); for (const r of baseRows) byPartner.get(r.partner)?.push(r); }
    return { id: p.id, name: p.name, kind: p.kind, ...computeMetrics([...byPartner.get(p.id)!, ...addedBy.get(p.id)!], model.years) };
  });
  const society = societyWithTransfers(base.society, added, model.years) ?? computeMetrics([...baseRows, ...added], model.years, true);
  const result: ArrangementResult = {
    id: arr.id, name: arr.name, ...(arr.description ? { description: arr.description } : {}),
    implicit: arr.implicit ?? false, partners, society, rows: added, steps, pots, outcomePayments,
    // The status quo's rows are the base rows: its cash is the evaluation's own.
    cash: arr.steps.length === 0 && base.cash ? base.cash : cashView(c.partners, baseRows, model.years, pots.map((p) => p.id), added),
    explanation: { nl: [], en: [] },
  };
  result.explanation = { nl: explainArrangement(model, result, "nl"), en: explainArrangement(model, result, "en") };
  return result;
}
