/**
 * Moving the cost of investments to whoever pays them, as decision rules and pre-financing do:
 * each year a covered investment costs something, its payer key splits the cost (through
 * `allocate`) and every payer other than the bearer pays the bearer its part; a negative cost
 * (a refund) flows the other way.
 */
import { allocate } from "../money/allocate.ts";
import { keyForRun, type CompiledKey } from "./keys.ts";
import type { StepContext, Transfer } from "./types.ts";

export function coverInvestments(ctx: StepContext, payerOf: (investment: string) => CompiledKey | undefined, reason: string): Transfer[] {
  const costs = ctx.base.investmentCosts();
  const transfers: Transfer[] = [];
  // Each payer key for this run (`keyForRun`): weights that do not depend on the year once.
  const runs = new Map<CompiledKey, CompiledKey>();
  for (const inv of ctx.model.investments) {
    const key = payerOf(inv.line.id);
    if (!key) continue;
    let payer = runs.get(key);
    if (!payer) runs.set(key, (payer = keyForRun(key)));
    for (const [year, cost] of costs.get(inv.line.id) ?? []) {
      if (cost === 0) continue;
      const w = payer({ values: ctx.values, year, benefit: ctx.benefit, benefitIn: ctx.benefitIn });
      // One payer (its one weight checked by the key): allocate would give it the whole cost.
      if (w.partners.length === 1) {
        const p = w.partners[0]!;
        if (p !== inv.line.bearer) transfers.push(cost > 0 ? { year, from: p, to: inv.line.bearer, amount: cost, reason, about: inv.line.id } : { year, from: inv.line.bearer, to: p, amount: -cost, reason, about: inv.line.id });
        continue;
      }
      const parts = allocate(cost, w.weights, w.partners);
      for (let k = 0; k < w.partners.length; k++) {
        const p = w.partners[k]!, amount = parts[k]!;
        if (p === inv.line.bearer || amount === 0) continue;
        transfers.push(amount > 0 ? { year, from: p, to: inv.line.bearer, amount, reason, about: inv.line.id } : { year, from: inv.line.bearer, to: p, amount: -amount, reason, about: inv.line.id });
      }
    }
  }
  return transfers;
}
