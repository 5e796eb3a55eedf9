/**
 * Arrangements whose transfers no sample changes (issue 15, "only what moves"). A decision
 * framework, pre-financing or a pot whose keys and formulas read no sampled parameter (nor the
 * benefit shares), over investments whose costs read none, makes the same transfers in every sample of
 * a Monte Carlo run: a regional case's decision rules split each investment over 342
 * municipalities, some 20,000 transfers a sample, always the same ones. Such an arrangement's
 * transfers are worked out once per run (at its first sample, through the one step loop), as
 * what they add to each partner's figures; every later sample adds the same.
 *
 * The same result as the step loop per sample, to the bit: each partner's (and partner-year's)
 * additions are kept in the loop's order and replayed onto the sample's status quo, whose
 * figures need not be whole cents (the column kernel's float residue). Only the overflow check
 * depends on the sample: where the sample's
 * bound of its status quo's sums and the transfers' could pass MAX_CENTS, that sample runs the
 * step loop itself (which decides on exact sums, and gives the error if there is one). Any
 * other error of the steps is the same in every sample: it is thrown at the first sample.
 * test/simulate/fixed.properties.test.ts holds it equal to the step loop per sample.
 */
import type { CompiledArrangement, StatusQuo } from "../arrangements/types.ts";
import { runArrangementTransfers } from "../arrangements/apply.ts";
import { readsNothingChanged } from "../arrangements/reads.ts";
import { linesReading } from "../ledger/moved.ts";
import { MAX_CENTS } from "../money/money.ts";
import { arrangementTransfers } from "./arrangements.ts";
import type { SimulationPlan } from "./plan.ts";

type Plan = Pick<SimulationPlan, "model" | "uncertain" | "derived">;

/** True when no step of `arr` reads anything a sample of `plan` changes (every step says what it reads, see `CompiledStep.reads`). */
export function isFixedArrangement(plan: Plan, arr: CompiledArrangement): boolean {
  const varying = new Set<number>([...plan.uncertain.map((u) => u.slot), ...plan.derived]);
  return readsNothingChanged(plan.model, arr, varying, linesReading(plan.model, varying).mask);
}

/**
 * What an arrangement's fixed transfers add, as the step loop adds it: per partner (and per
 * partner and year) the amounts in the loop's order (compressed rows: `at[p]`..`at[p + 1] - 1`),
 * replayed onto each sample's status quo. Replayed, not summed beforehand: a status-quo figure
 * of the column kernel need not be a whole number of cents (its float residue), and x + (a + b)
 * is then not always (x + a) + b.
 */
interface Increments { at: Int32Array; values: Float64Array }
interface Sums { npv: Increments; net: Increments; yearly: Increments; amount: number; discounted: number }

/** Per plan: each arrangement's fixed increments (null: not fixed, the step loop per sample). */
const cache = new WeakMap<Plan, Map<CompiledArrangement, Sums | null>>();

/**
 * `arrangementTransfers` for a Monte Carlo sample of `plan` (the same additions to `npv`, `net`
 * and `yearly`, in the same order), from increments worked out once when the arrangement is
 * fixed in the plan.
 */
export function sampleArrangement(plan: Plan, values: ArrayLike<number>, statusQuo: StatusQuo, arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>, npv: Float64Array, net: Float64Array, yearly: Float64Array | null): void {
  let perPlan = cache.get(plan);
  if (!perPlan) cache.set(plan, (perPlan = new Map()));
  let sums = perPlan.get(arr);
  if (sums === undefined) {
    sums = isFixedArrangement(plan, arr) ? fixedSums(plan, values, statusQuo, arr, partnerIndex) : null;
    perPlan.set(arr, sums);
  }
  if (sums === null) { arrangementTransfers(plan.model, values, statusQuo, arr, partnerIndex, npv, net, yearly); return; }
  const [boundAmount, boundDiscounted] = statusQuo.absoluteBound();
  // Stryker disable next-line ConditionalExpression: the step loop gives the same figures; only near MAX_CENTS does it decide otherwise
  if (!(boundAmount + sums.amount <= MAX_CENTS && boundDiscounted + sums.discounted <= MAX_CENTS)) {
    arrangementTransfers(plan.model, values, statusQuo, arr, partnerIndex, npv, net, yearly);
    return;
  }
  replay(sums.npv, npv);
  replay(sums.net, net);
  if (yearly !== null) replay(sums.yearly, yearly);
}

function replay(inc: Increments, into: Float64Array): void {
  const { at, values } = inc;
  for (let e = 0; e + 1 < at.length; e++) {
    let v = into[e]!;
    const end = at[e + 1]!;
    // Stryker disable next-line ConditionalExpression: equivalent, an entry without increments adds nothing either way
    if (at[e] === end) continue;
    for (let j = at[e]!; j < end; j++) v += values[j]!;
    into[e] = v;
  }
}

/** Runs the step loop once (errors thrown as they come) and keeps what its transfers add, in order. */
function fixedSums(plan: Plan, values: ArrayLike<number>, statusQuo: StatusQuo, arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>): Sums {
  const model = plan.model, P = model.case.partners.length, Y = model.years.length, start = model.case.startYear;
  const log = runArrangementTransfers(model, values, statusQuo, arr, () => {}, undefined, true);
  // Each entry's increments in the loop's order: the payer's (0 - discounted, -amount), then the receiver's.
  const npv: [number, number][] = [], net: [number, number][] = [], yearly: [number, number][] = [];
  let amount = 0, discounted = 0;
  for (let j = 0; j < log.length; j++) {
    const a = log.amount[j]!, d = log.discounted[j]!, k = log.year[j]! - start;
    amount += 2 * a; discounted += 2 * d;
    const from = partnerIndex.get(log.from[j]!), to = partnerIndex.get(log.to[j]!);
    if (from !== undefined) { npv.push([from, 0 - d]); net.push([from, -a]); yearly.push([from * Y + k, -a]); }
    if (to !== undefined) { npv.push([to, d]); net.push([to, a]); yearly.push([to * Y + k, a]); }
  }
  return { npv: compress(npv, P), net: compress(net, P), yearly: compress(yearly, P * Y), amount, discounted };
}

/** (entry, value) pairs grouped by entry, each entry's values in their order. */
function compress(pairs: readonly [number, number][], entries: number): Increments {
  const at = new Int32Array(entries + 1);
  for (const [e] of pairs) at[e + 1]!++;
  for (let e = 0; e < entries; e++) at[e + 1]! += at[e]!;
  const next = at.slice(0, entries), values = new Float64Array(pairs.length);
  for (const [e, v] of pairs) values[next[e]!++] = v;
  return { at, values };
}
