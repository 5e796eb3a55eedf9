/**
 * Provider transition: a payer compensates a provider for production it gives up, each year of
 * the period: a fixed amount, or a share of the provider's lost margin (revenue lost minus the
 * variable cost it saved, from the status-quo ledger).
 */
import { allocate } from "../money/allocate.ts";
import type { Path } from "../messages/issues.ts";
import { boundedCents } from "../money/money.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { compilePayer } from "./keys.ts";
import { share } from "./sharedSavings.ts";
import type { CompiledStep, Transfer } from "./types.ts";
import { inPeriod } from "./yearly.ts";

type Spec = Extract<ArrangementStep, { type: "provider-transition" }>;

export function compileProviderTransition(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  env.checkPartner(spec.provider, [...path, "provider"]);
  const payer = compilePayer(spec.payer, [...path, "payer"], env);
  env.inHorizon(spec.period?.from, [...path, "period", "from"]);
  env.inHorizon(spec.period?.to, [...path, "period", "to"]);
  const comp = spec.compensation;
  const amount = "amount" in comp ? env.compile(comp.amount, [...path, "compensation", "amount"]) : undefined;
  const rate = "shareOfLostMargin" in comp ? env.compileFraction(comp.shareOfLostMargin, [...path, "compensation", "shareOfLostMargin"]) : undefined;
  return {
    id, spec, path, funding: false,
    apply(ctx) {
      const v = ctx.values;
      const margin = ctx.base.lostMargin(spec.provider);
      const transfers: Transfer[] = [];
      for (const year of ctx.model.years) {
        if (!inPeriod(year, spec.period)) continue;
        const total = amount ? Math.max(0, boundedCents(amount(v), [...path, "compensation", "amount"], "arrangement", year)) : share(margin.get(year) ?? 0, rate!(v));
        if (total === 0) continue;
        const w = payer({ values: v, year, benefit: ctx.benefit, benefitIn: ctx.benefitIn });
        const parts = allocate(total, w.weights, w.partners);
        w.partners.forEach((p, i) => {
          if (p !== spec.provider && parts[i]! > 0) transfers.push({ year, from: p, to: spec.provider, amount: parts[i]!, reason: "provider-transition" });
        });
      }
      const facts: Record<string, number> = amount ? { amount: Math.max(0, boundedCents(amount(v), [...path, "compensation", "amount"], "arrangement")) } : { rate: rate!(v) };
      return { transfers, facts };
    },
  };
}
