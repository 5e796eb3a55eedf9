/**
 * Fair-share settlement: compensating transfers so that, every year, each participating
 * partner's net is its share of the participants' total net for that year. Because the shares
 * are the same every year, the NPVs end up in the same proportion (up to rounding per year):
 * - `proportional-to-investment`: share = what the partner invested (PV of its investments,
 *   plus what it paid and minus what it received to cover investments in earlier steps);
 * - `equal-roi`: share = the partner's PV of all its costs (investments and revenue losses,
 *   adjusted the same way), so NPV / costs is equal for all;
 * - `no-worse-off`: share by `key` (default: equal). If the participants gain together, every
 *   one of them gains (none ends below 0, its position without the initiative).
 * The target split of each year's total goes through `allocate`; payers are matched to receivers
 * in id order (north-west corner), so the pairwise transfers are exact and deterministic.
 */
import { allocate } from "../money/allocate.ts";
import type { Path } from "../messages/issues.ts";
import { presentCosts } from "../ledger/metrics.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { ArrangementError, compileKey, type CompiledKey } from "./keys.ts";
import type { LedgerRow } from "../ledger/row.ts";
import type { CompiledStep, Transfer } from "./types.ts";

type Spec = Extract<ArrangementStep, { type: "settlement" }>;

/** Pairs payers with receivers so every payer pays and every receiver gets exactly its amount. */
export function pairUp(balances: ReadonlyMap<string, number>): { from: string; to: string; amount: number }[] {
  const ids = [...balances.keys()].sort();
  const payers = ids.filter((p) => balances.get(p)! < 0).map((p) => ({ p, left: -balances.get(p)! }));
  const receivers = ids.filter((p) => balances.get(p)! > 0).map((p) => ({ p, left: balances.get(p)! }));
  const out: { from: string; to: string; amount: number }[] = [];
  let i = 0, j = 0;
  while (i < payers.length && j < receivers.length) {
    const a = Math.min(payers[i]!.left, receivers[j]!.left);
    if (a > 0) out.push({ from: payers[i]!.p, to: receivers[j]!.p, amount: a });
    payers[i]!.left -= a; receivers[j]!.left -= a;
    if (payers[i]!.left === 0) i++;
    if (receivers[j]!.left === 0) j++;
  }
  return out;
}

export function compileSettlement(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  spec.partners?.forEach((p, i) => env.checkPartner(p, [...path, "partners", i]));
  const participants = [...(spec.partners ?? env.partners.map((p) => p.id))].sort();
  const key: CompiledKey | undefined = spec.key ? compileKey(spec.key, [...path, "key"], env) : undefined;
  if (spec.key && spec.target !== "no-worse-off") env.add([...path, "key"], "keyOnlyNoWorseOff");
  return {
    id, spec, path, funding: false,
    apply(ctx) {
      const years = ctx.model.years;
      // Fixed shares for the whole horizon, from the state before this step.
      let shares: number[] | undefined;
      if (spec.target !== "no-worse-off") {
        // Rows by partner, once (not a pass over all rows per participant).
        const fundingOf = new Map<string, number>(), ownRows = new Map<string, LedgerRow[]>();
        for (const r of ctx.fundingRows) fundingOf.set(r.partner, (fundingOf.get(r.partner) ?? 0) + r.discounted);
        for (const r of ctx.baseRows) { const list = ownRows.get(r.partner); if (list) list.push(r); else ownRows.set(r.partner, [r]); }
        shares = participants.map((p) => {
          const funding = fundingOf.get(p) ?? 0;
          const own = ownRows.get(p) ?? [];
          const base = spec.target === "proportional-to-investment"
            ? -own.filter((r) => r.kind === "investment").reduce((s, r) => s + r.discounted, 0)
            : presentCosts(own);
          return Math.max(0, base - funding);
        });
        if (!shares.some((s) => s > 0)) throw new ArrangementError([...path, "target"], "settlementNoBasis", { target: spec.target });
      }
      const transfers: Transfer[] = [];
      // Each participant's net per year, in one pass over the rows (not one per year).
      const index = new Map(participants.map((p, i) => [p, i]));
      const first = years[0]!, Y = years.length;
      const netOf = new Float64Array(participants.length * Y);
      for (const r of ctx.rows) {
        const i = index.get(r.partner), k = r.year - first;
        if (i !== undefined && k >= 0 && k < Y) netOf[i * Y + k] = netOf[i * Y + k]! + r.amount;
      }
      for (const [k, year] of years.entries()) {
        const net = new Map(participants.map((p, i) => [p, netOf[i * Y + k]!]));
        const total = [...net.values()].reduce((s, v) => s + v, 0);
        let weights = shares;
        let order = participants;
        if (!weights) {
          if (key) {
            const w = key({ values: ctx.values, year, benefit: ctx.benefit });
            const m = new Map(w.partners.map((p, i) => [p, w.weights[i]!]));
            weights = participants.map((p) => m.get(p) ?? 0);
            if (!weights.some((x) => x > 0)) throw new ArrangementError([...path, "key"], "weightsZero");
          } else weights = participants.map(() => 1);
        }
        const targets = allocate(total, weights, order);
        const balance = new Map(participants.map((p, i) => [p, targets[i]! - net.get(p)!]));
        for (const t of pairUp(balance)) transfers.push({ year, from: t.from, to: t.to, amount: t.amount, reason: "settlement" });
      }
      return { transfers };
    },
  };
}
