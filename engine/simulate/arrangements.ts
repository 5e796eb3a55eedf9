/**
 * Partner NPVs under a financing arrangement, for one parameter vector, without the metrics
 * and explanations `applyArrangement` also builds (IRR per partner, sentences in two
 * languages): those cost about ten times more than the transfers themselves.
 *
 * It takes the status-quo ledger (its columns and their sums; row objects only if a step reads
 * them) through the same step loop as `applyArrangement` (`runArrangementSteps` in
 * engine/arrangements/apply.ts); a property test checks that the NPVs equal `evaluateModel`'s
 * to the cent. See docs/uncertainty.md for the cost per sample.
 */
import { runArrangementSteps } from "../arrangements/apply.ts";
import type { CompiledArrangement } from "../arrangements/types.ts";
import type { Ledger, LedgerRow } from "../ledger/row.ts";
import type { Model } from "../case/model.ts";

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
