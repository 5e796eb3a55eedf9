/**
 * Fair-share settlement: compensating transfers among the participating partners.
 * - `proportional-to-investment`: every year each participant's net is its share of the
 *   participants' total net for that year, share = what it invested (PV of its investments,
 *   plus what it paid and minus what it received to cover investments in earlier steps); so
 *   NPV / investment ends up the same for all (up to rounding per year);
 * - `no-worse-off`: the same yearly split with shares by `key` (default: equal). If the
 *   participants gain together, every one of them gains (none ends below 0, its position
 *   without the initiative);
 * - `equal-roi`: the ROI the results show becomes the same for every participant with costs:
 *   ROI = PV(savings + transfers in) / PV(costs + transfers out) - 1, so a payment made in the
 *   settlement counts as a cost of the payer, as it does in the table. With B and C a
 *   participant's PV benefits and costs before the settlement, the common benefit-cost ratio
 *   beta solves sum over receivers (beta C - B) = sum over payers (B / beta - C) (receivers are
 *   those with B / C below beta); a receiver gets beta C - B in present value, a payer pays
 *   B / beta - C. Each amount is paid in equal yearly amounts over the horizon (undiscounted),
 *   so no participant both pays and receives. (Until issue 14 it made NPV / costs equal, which
 *   the reported ROI did not show.)
 * Every yearly split goes through `allocate`; payers are matched to receivers in id order
 * (north-west corner), so the pairwise transfers are exact and deterministic.
 */
import { allocate } from "../money/allocate.ts";
import type { Path } from "../messages/issues.ts";
import { computeMetrics } from "../ledger/metrics.ts";
import { discountFactor } from "../money/discount.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { ArrangementError, compileKey, keyForRun, type CompiledKey } from "./keys.ts";
import type { LedgerRow } from "../ledger/row.ts";
import type { CompiledStep, StepOutput, Transfer } from "./types.ts";

type Spec = Extract<ArrangementStep, { type: "settlement" }>;

/** Pairs payers with receivers so every payer pays and every receiver gets exactly its amount. */
export function pairUp(balances: ReadonlyMap<string, number>): { from: string; to: string; amount: number }[] {
  const ids = [...balances.keys()].sort();
  const out: { from: string; to: string; amount: number }[] = [];
  pairSorted(ids, ids.map((p) => balances.get(p)!), (from, to, amount) => out.push({ from, to, amount }));
  return out;
}

/**
 * `pairUp` on ids already sorted (no two alike) and their balances: payers (below 0) and
 * receivers (above 0) in id order, matched north-west corner; each pair handed to `pair`.
 */
function pairSorted(ids: readonly string[], balances: readonly number[], pair: (from: string, to: string, amount: number) => void): void {
  const payers: number[] = [], receivers: number[] = [];
  for (let x = 0; x < ids.length; x++) {
    if (balances[x]! < 0) payers.push(x);
    else if (balances[x]! > 0) receivers.push(x);
  }
  const payerLeft = payers.map((x) => -balances[x]!), receiverLeft = receivers.map((x) => balances[x]!);
  let i = 0, j = 0;
  while (i < payers.length && j < receivers.length) {
    // Both still owe or are owed something (each is passed when it reaches 0), so a > 0.
    const a = Math.min(payerLeft[i]!, receiverLeft[j]!);
    pair(ids[payers[i]!]!, ids[receivers[j]!]!, a);
    payerLeft[i] = payerLeft[i]! - a; receiverLeft[j] = receiverLeft[j]! - a;
    if (payerLeft[i] === 0) i++;
    if (receiverLeft[j] === 0) j++;
  }
}

/** Benefits (savings + transfers in) and costs (costs + transfers out) in present value, as the reported ROI counts them. */
interface Position { partner: string; benefit: number; cost: number }

/**
 * The common benefit-cost ratio beta: sum over p of g_p(beta) = 0, with g_p = beta C - B when
 * B < beta C (a receiver) and -(B / beta - C) when B > beta C (a payer). Each g_p rises with
 * beta, so the root is found by bracketing and bisection. 0 when nobody has benefits.
 */
export function commonRatio(ps: readonly Position[]): number {
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent in effect, at B = beta C both branches give 0 (the payer's B / beta - C up to the rounding of one division, where f's sign is not read)
  const f = (beta: number) => ps.reduce((s, p) => s + (p.benefit < beta * p.cost ? beta * p.cost - p.benefit : p.benefit > beta * p.cost ? -(p.benefit / beta - p.cost) : 0), 0);
  if (!ps.some((p) => p.benefit > 0)) return 0;
  let lo = 1, hi = 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: equivalent, f(lo) < 0 after a few halvings (a payer's -B / lo falls without bound), far from the bound; at f(lo) = 0 exactly lo is the root and the bisection closes on it either way
  for (let i = 0; i < 2000 && f(lo) > 0; i++) lo /= 2;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,UpdateOperator: equivalent, f(hi) > 0 after a few doublings (a receiver's beta C grows without bound), far from the bound; at f(hi) = 0 exactly hi is the root and the bisection closes on it either way
  for (let i = 0; i < 2000 && f(hi) < 0; i++) hi *= 2;
  // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, the break below ends the loop (the bracket stops shrinking) well before 200 rounds
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, once mid is an end of the bracket another round changes neither end; the 200 rounds bound the loop
    if (mid === lo || mid === hi) break;
    // Stryker disable next-line EqualityOperator: equivalent in effect, at f(mid) = 0 exactly mid is the root, and the bracket closes on it from either side (the same ratio to a double)
    if (f(mid) < 0) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

function equalRoi(ctx: Parameters<CompiledStep["apply"]>[0], participants: readonly string[], path: Path): { transfers: Transfer[]; beta: number } {
  const years = ctx.model.years;
  const positions: Position[] = participants.map((p) => {
    const m = computeMetrics(ctx.rows.filter((r) => r.partner === p), years);
    return { partner: p, benefit: m.pvSavings + m.pvTransfersIn, cost: m.pvCosts + m.pvTransfersOut };
  });
  if (!positions.some((p) => p.cost > 0)) throw new ArrangementError([...path, "target"], "settlementNoBasis", { target: "equal-roi" });
  const beta = commonRatio(positions);
  // Present value each participant receives (+) or pays (-), then equal yearly amounts.
  // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent in effect, at B = beta C both branches give 0 (up to the rounding of B / beta); a payer's beta C - B is beta times B / beta - C, and the payers' amounts are only weights in one allocate, so the same proportions
  const pv = positions.map((p) => (p.benefit < beta * p.cost ? beta * p.cost - p.benefit : p.benefit > beta * p.cost ? -(p.benefit / beta - p.cost) : 0));
  const annuity = years.reduce((s, y) => s + discountFactor(ctx.model.case.discountRate, y - ctx.model.case.startYear), 0);
  const received = pv.reduce((s, x) => s + Math.max(0, x), 0);
  const perYear = Math.round(received / annuity);
  const transfers: Transfer[] = [];
  if (perYear <= 0) return { transfers, beta };
  // Stryker disable next-line EqualityOperator: equivalent, a participant with 0 gets weight 0 in allocate (0 cents), and pairUp passes a balance of 0
  const recv = participants.filter((_, i) => pv[i]! > 0), pay = participants.filter((_, i) => pv[i]! < 0);
  const inParts = allocate(perYear, recv.map((p) => pv[participants.indexOf(p)]!), recv);
  const outParts = allocate(perYear, pay.map((p) => -pv[participants.indexOf(p)]!), pay);
  const balance = new Map<string, number>([...recv.map((p, i) => [p, inParts[i]!] as const), ...pay.map((p, i) => [p, -outParts[i]!] as const)]);
  for (const year of years) for (const t of pairUp(balance)) transfers.push({ year, from: t.from, to: t.to, amount: t.amount, reason: "settlement" });
  return { transfers, beta };
}

export function compileSettlement(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  spec.partners?.forEach((p, i) => env.checkPartner(p, [...path, "partners", i]));
  // Stryker disable next-line MethodExpression: equivalent in effect, every split goes through allocate with the ids as tie keys and pairUp sorts the ids, so the participants' order changes no cent
  // Frozen: allocate finds the tie ranks of this very list by identity (not a JSON text a year).
  const participants: readonly string[] = Object.freeze([...(spec.partners ?? env.partners.map((p) => p.id))].sort());
  // Each participant once (the list is sorted, so a partner listed twice is listed side by
  // side), at the place of its last listing; the ones of an equal split.
  const index = new Map(participants.map((p, i) => [p, i]));
  const unique = [...index.keys()], lastAt = [...index.values()];
  const ones = participants.map(() => 1);
  const key: CompiledKey | undefined = spec.key ? compileKey(spec.key, [...path, "key"], env) : undefined;
  if (spec.key && spec.target !== "no-worse-off") env.add([...path, "key"], "keyOnlyNoWorseOff");
  return {
    // Stryker disable next-line BooleanLiteral: equivalent, the settlement is the last step (validation), so no later step reads its funding flag
    id, spec, path, funding: false,
    apply(ctx): StepOutput {
      if (spec.target === "equal-roi") {
        // (the ratio in facts: the common benefit-cost ratio reached)
        const { transfers, beta } = equalRoi(ctx, participants, path);
        return { transfers, facts: { ratio: beta } };
      }
      const years = ctx.model.years;
      // Fixed shares for the whole horizon, from the state before this step.
      let shares: number[] | undefined;
      let basis = 0;
      if (spec.target !== "no-worse-off") {
        // What each participant invested (the status quo's sums) less what funding steps moved.
        // (the transfers' columns, not their rows: the payer's row is 0 minus the discounted amount, the receiver's the amount)
        const fundingOf = new Map<string, number>();
        const t = ctx.transfers;
        for (let j = 0; j < t.length; j++) {
          if (!t.funding[j]) continue;
          fundingOf.set(t.from[j]!, (fundingOf.get(t.from[j]!) ?? 0) + (0 - t.discounted[j]!));
          fundingOf.set(t.to[j]!, (fundingOf.get(t.to[j]!) ?? 0) + t.discounted[j]!);
        }
        shares = participants.map((p) => Math.max(0, ctx.base.invested(p) - (fundingOf.get(p) ?? 0)));
        if (!shares.some((s) => s > 0)) throw new ArrangementError([...path, "target"], "settlementNoBasis", { target: spec.target });
        basis = shares.reduce((s, x) => s + x, 0);
      }
      const transfers: Transfer[] = [];
      const push = (year: number) => (from: string, to: string, amount: number) => { transfers.push({ year, from, to, amount, reason: "settlement" }); };
      // Each participant's net per year: the status quo's, and the transfers of the steps before.
      // A partner listed twice counts at its last place (as a Map by id would keep it).
      const yearIndex = new Map(years.map((y, k) => [y, k])), Y = years.length;
      const netOf = new Array<number>(participants.length * Y).fill(0);
      const keyRun = key && keyForRun(key);
      for (const [p, i] of index) {
        const own = ctx.base.netPerYear(p);
        for (let k = 0; k < Y && k < own.length; k++) netOf[i * Y + k] = own[k]!;
      }
      const added = ctx.transfers;
      for (let j = 0; j < added.length; j++) {
        // The payer's row (minus the amount), then the receiver's.
        const k = yearIndex.get(added.year[j]!), a = added.amount[j]!, from = index.get(added.from[j]!), to = index.get(added.to[j]!);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a row of another partner or outside the horizon indexes NaN, and an array read at NaN is undefined, written at NaN a property no one reads
        if (from !== undefined && k !== undefined) netOf[from * Y + k] = netOf[from * Y + k]! - a;
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, as above
        if (to !== undefined && k !== undefined) netOf[to * Y + k] = netOf[to * Y + k]! + a;
      }
      const balance = new Array<number>(unique.length);
      for (let k = 0; k < Y; k++) {
        const year = years[k]!;
        let total = 0;
        for (const i of lastAt) total += netOf[i * Y + k]!;
        let weights = shares;
        if (!weights) {
          if (key) {
            const w = keyRun!({ values: ctx.values, year, benefit: ctx.benefit, benefitIn: ctx.benefitIn });
            const m = new Map(w.partners.map((p, i) => [p, w.weights[i]!]));
            weights = participants.map((p) => m.get(p) ?? 0);
            if (!weights.some((x) => x > 0)) throw new ArrangementError([...path, "key"], "weightsZero");
          } else weights = ones;
        }
        const targets = allocate(total, weights, participants);
        for (let u = 0; u < unique.length; u++) balance[u] = targets[lastAt[u]!]! - netOf[lastAt[u]! * Y + k]!;
        pairSorted(unique, balance, push(year));
      }
      return { transfers, facts: basis > 0 ? { basis } : {} };
    },
  };
}
