/**
 * Partner NPVs under a financing arrangement, for one parameter vector, without the metrics
 * and explanations `applyArrangement` also builds (IRR per partner, sentences in two
 * languages): those cost about ten times more than the transfers themselves.
 *
 * This takes the existing object path (the status-quo ledger as rows, then each step's
 * `apply`), through the same step loop as `applyArrangement` (`runArrangementSteps` in
 * engine/arrangements/apply.ts), so arrangements cost far more per sample than the status quo
 * (see docs/uncertainty.md for measured figures); a property test checks that
 * the NPVs equal `evaluateModel`'s to the cent.
 */
import { runArrangementSteps } from "../arrangements/apply.ts";
import type { CompiledArrangement } from "../arrangements/types.ts";
import type { LedgerRow } from "../ledger/row.ts";
import type { Model } from "../case/model.ts";

/**
 * Adds to `npv[p]` and `net[p]` (partner index in the case's order) what the arrangement's
 * transfers move to or from each partner, and to `yearly[p * Y + k]` (when given) the amounts
 * of year k from the start. Pots (`pot:<id>`) are not partners and are left out, as
 * `applyArrangement` does.
 */
export function arrangementTransfers(model: Model, values: ArrayLike<number>, baseRows: readonly LedgerRow[], arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>, npv: Float64Array, net: Float64Array, yearly: Float64Array | null = null): void {
  const start = model.case.startYear, Y = model.years.length;
  runArrangementSteps(model, values, baseRows, arr, (_step, _out, stepRows) => {
    for (const r of stepRows) {
      const p = partnerIndex.get(r.partner);
      if (p === undefined) continue;
      npv[p] = npv[p]! + r.discounted;
      net[p] = net[p]! + r.amount;
      if (yearly !== null) yearly[p * Y + (r.year - start)] = yearly[p * Y + (r.year - start)]! + r.amount;
    }
  });
}
