/**
 * Arrangements whose transfers no sample changes (issue 15, "only what moves"). A decision
 * framework or pre-financing whose payer keys read no sampled parameter (nor the benefit
 * shares), over investments whose costs read none, makes the same transfers in every sample of
 * a Monte Carlo run: a regional case's decision rules split each investment over 342
 * municipalities, some 20,000 transfers a sample, always the same ones. Such an arrangement's
 * transfers are worked out once per run (at its first sample, through the one step loop), as
 * each partner's sums; every later sample adds those sums to its status quo's.
 *
 * The same result as the step loop per sample, to the bit: the sums are of integer cents whose
 * absolute values add up to at most MAX_CENTS, so the order of the additions cannot change
 * them; a partner (or partner-year) no transfer touches is left as it was (no 0 added, which
 * could turn a -0 into 0). Only the overflow check depends on the sample: where the sample's
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

/** The sums an arrangement's fixed transfers add: per partner (NPV, net), per partner and year, the touched ones marked; and the transfers' rows' absolute sums. */
interface Sums { npv: Float64Array; net: Float64Array; yearly: Float64Array; touched: Uint8Array; touchedYear: Uint8Array; amount: number; discounted: number }

/** Per plan: each arrangement's fixed sums (null: not fixed, the step loop per sample). */
const cache = new WeakMap<Plan, Map<CompiledArrangement, Sums | null>>();

/**
 * `arrangementTransfers` for a Monte Carlo sample of `plan` (the same additions to `npv`, `net`
 * and `yearly`), from sums worked out once when the arrangement is fixed in the plan.
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
  // Stryker disable next-line ConditionalExpression: the step loop gives the same sums; only near MAX_CENTS does it decide otherwise
  if (!(boundAmount + sums.amount <= MAX_CENTS && boundDiscounted + sums.discounted <= MAX_CENTS)) {
    arrangementTransfers(plan.model, values, statusQuo, arr, partnerIndex, npv, net, yearly);
    return;
  }
  const P = sums.npv.length;
  for (let p = 0; p < P; p++) {
    // Stryker disable next-line ConditionalExpression: equivalent while no status-quo figure is -0 (the kernels make none); the guard keeps the step loop's bits if one ever were
    if (sums.touched[p] === 0) continue;
    npv[p] = npv[p]! + sums.npv[p]!;
    net[p] = net[p]! + sums.net[p]!;
  }
  // Stryker disable next-line ConditionalExpression: equivalent while no status-quo figure is -0, as above
  if (yearly !== null) for (let e = 0; e < sums.yearly.length; e++) if (sums.touchedYear[e] !== 0) yearly[e] = yearly[e]! + sums.yearly[e]!;
}

/** Runs the step loop once (errors thrown as they come) and keeps what its transfers add. */
function fixedSums(plan: Plan, values: ArrayLike<number>, statusQuo: StatusQuo, arr: CompiledArrangement, partnerIndex: ReadonlyMap<string, number>): Sums {
  const model = plan.model, P = model.case.partners.length, Y = model.years.length, start = model.case.startYear;
  const s: Sums = { npv: new Float64Array(P), net: new Float64Array(P), yearly: new Float64Array(P * Y), touched: new Uint8Array(P), touchedYear: new Uint8Array(P * Y), amount: 0, discounted: 0 };
  const log = runArrangementTransfers(model, values, statusQuo, arr, () => {});
  for (let j = 0; j < log.length; j++) {
    const amount = log.amount[j]!, discounted = log.discounted[j]!, k = log.year[j]! - start;
    s.amount += 2 * amount; s.discounted += 2 * discounted;
    const from = partnerIndex.get(log.from[j]!), to = partnerIndex.get(log.to[j]!);
    if (from !== undefined) {
      s.npv[from] = s.npv[from]! + (0 - discounted); s.net[from] = s.net[from]! + -amount; s.touched[from] = 1;
      s.yearly[from * Y + k] = s.yearly[from * Y + k]! + -amount; s.touchedYear[from * Y + k] = 1;
    }
    if (to !== undefined) {
      s.npv[to] = s.npv[to]! + discounted; s.net[to] = s.net[to]! + amount; s.touched[to] = 1;
      s.yearly[to * Y + k] = s.yearly[to * Y + k]! + amount; s.touchedYear[to * Y + k] = 1;
    }
  }
  return s;
}
