/**
 * Partner NPVs under a financing arrangement, for one parameter vector, without the metrics
 * and explanations `applyArrangement` also builds (IRR per partner, sentences in two
 * languages): those cost about ten times more than the transfers themselves.
 *
 * The status quo is a ledger (`buildLedger`, an evaluation's) or, in a Monte Carlo sample, the
 * sample's figures made without a ledger (figures.ts `FiguresKernel.fill`); either way the
 * steps run in the one step loop of `applyArrangement` (`runArrangementTransfers` in
 * engine/arrangements/apply.ts), and each transfer is booked straight into the partners' sums.
 * A property test (test/simulate/figures.properties.test.ts) holds the two status quos to the
 * same sums, errors included; another holds the ledger's to `evaluateModel`'s NPVs.
 * See docs/uncertainty.md for the cost per sample.
 */
import { runArrangementTransfers } from "../arrangements/apply.ts";
import type { CompiledArrangement, StatusQuo } from "../arrangements/types.ts";
import type { Ledger, LedgerRow } from "../ledger/row.ts";
import type { Model } from "../case/model.ts";

/**
 * Adds to `npv[p]` and `net[p]` (partner index in the case's order) what the arrangement's
 * transfers move to or from each partner, and to `yearly[p * Y + k]` (when given) the amounts
 * of year k from the start. Pots (`pot:<id>`) are not partners and are left out, as
 * `applyArrangement` does. Each transfer is the payer's row (-amount, 0 - discounted: no
 * negative zero) and the receiver's, as in the ledger.
 */
export function arrangementTransfers(model: Model, values: ArrayLike<number>, statusQuo: StatusQuo | Ledger | readonly LedgerRow[], arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>, npv: Float64Array, net: Float64Array, yearly: Float64Array | null = null): void {
  const start = model.case.startYear, Y = model.years.length;
  runArrangementTransfers(model, values, statusQuo, arr, (_step, _out, log, first) => {
    for (let j = first; j < log.length; j++) {
      const amount = log.amount[j]!, discounted = log.discounted[j]!, k = log.year[j]! - start;
      const from = partnerIndex.get(log.from[j]!), to = partnerIndex.get(log.to[j]!);
      if (from !== undefined) {
        npv[from] = npv[from]! + (0 - discounted);
        net[from] = net[from]! + -amount;
        if (yearly !== null) yearly[from * Y + k] = yearly[from * Y + k]! + -amount;
      }
      if (to !== undefined) {
        npv[to] = npv[to]! + discounted;
        net[to] = net[to]! + amount;
        if (yearly !== null) yearly[to * Y + k] = yearly[to * Y + k]! + amount;
      }
    }
  }, undefined, true);
}
