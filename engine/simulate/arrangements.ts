/**
 * Partner NPVs under a financing arrangement, for one parameter vector, without the metrics
 * and explanations `applyArrangement` also builds (IRR per partner, sentences in two
 * languages): those cost about ten times more than the transfers themselves.
 *
 * This takes the existing object path (the status-quo ledger as rows, then each step's
 * `apply`), so arrangements cost far more per sample than the status quo (see README:
 * "Onzekerheid / Uncertainty" for measured figures). The step loop repeats the one in
 * engine/arrangements/apply.ts (same context, same rows, same rounding); a property test
 * checks that the NPVs equal `evaluateModel`'s to the cent.
 */
import { benefitShares } from "../arrangements/apply.ts";
import type { CompiledArrangement } from "../arrangements/types.ts";
import { discountFactor } from "../discount.ts";
import type { LedgerRow } from "../ledger.ts";
import { roundCents } from "../money.ts";
import type { Model } from "../model.ts";

/**
 * Adds to `npv[p]` and `net[p]` (partner index in the case's order) what the arrangement's
 * transfers move to or from each partner. Pots (`pot:<id>`) are not partners and are left out,
 * as `applyArrangement` does.
 */
export function arrangementTransfers(model: Model, values: ArrayLike<number>, baseRows: readonly LedgerRow[], arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>, npv: Float64Array, net: Float64Array): void {
  if (arr.steps.length === 0) return;
  const c = model.case;
  const benefit = benefitShares(model, baseRows);
  const funding: LedgerRow[] = [];
  const domainOf = domains(model);
  let rows: LedgerRow[] = baseRows as LedgerRow[];
  for (const step of arr.steps) {
    const out = step.apply({ model, values, arrangementId: arr.id, baseRows, rows, benefit, fundingRows: funding });
    const line = `${arr.id}/${step.id}`;
    const stepRows: LedgerRow[] = [];
    for (const t of out.transfers) {
      if (!(t.amount > 0) || !Number.isSafeInteger(t.amount)) throw new Error(`arrangement ${line}: transfer must be a positive integer of cents, got ${t.amount}`);
      const discounted = roundCents(t.amount * discountFactor(c.discountRate, t.year - c.startYear));
      const domain = (t.about && domainOf.get(t.about)) ?? "";
      const common = { year: t.year, domain, line, kind: "transfer" as const, cashable: true, arrangement: arr.id, reason: t.reason };
      stepRows.push({ ...common, partner: t.from, amount: -t.amount, discounted: -discounted, counterparty: t.to });
      stepRows.push({ ...common, partner: t.to, amount: t.amount, discounted, counterparty: t.from });
    }
    if (step.funding) funding.push(...stepRows);
    rows = rows.concat(stepRows);
    for (const r of stepRows) {
      const p = partnerIndex.get(r.partner);
      if (p === undefined) continue;
      npv[p] = npv[p]! + r.discounted;
      net[p] = net[p]! + r.amount;
    }
  }
}

const domainCache = new WeakMap<Model, Map<string, string>>();
/** Investment id -> its domain (transfer rows about an investment carry its domain). */
function domains(model: Model): Map<string, string> {
  let m = domainCache.get(model);
  if (!m) { m = new Map(model.investments.map((i) => [i.line.id, i.line.domain])); domainCache.set(model, m); }
  return m;
}
