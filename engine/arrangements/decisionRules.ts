/**
 * Decision framework (afwegingskader): ordered rules say who is financially "aan zet" for each
 * investment. The first matching rule wins; its payer (a partner, or partners by a key) pays
 * the investment's bearer the cost each year, so the cost ends up with the payer. An investment
 * no rule covers is a validation error that names it.
 */
import { allocate } from "../money/allocate.ts";
import type { Path } from "../messages/issues.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { compileKey, singlePartner, type CompiledKey } from "./keys.ts";
import { matches } from "./match.ts";
import type { CompiledStep, Transfer } from "./types.ts";
import { investmentCosts } from "./yearly.ts";

type Spec = Extract<ArrangementStep, { type: "decision-rules" }>;

export function compileDecisionRules(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  const payers: CompiledKey[] = spec.rules.map((r, i) => {
    if (typeof r.payer === "string") {
      env.checkPartner(r.payer, [...path, "rules", i, "payer"]);
      return singlePartner(r.payer);
    }
    return compileKey(r.payer.key, [...path, "rules", i, "payer", "key"], env);
  });
  spec.rules.forEach((r, i) => {
    r.match.investments?.forEach((inv, j) => { if (!env.investments.some((x) => x.id === inv)) env.add([...path, "rules", i, "match", "investments", j], "unknownInvestment", { name: inv }); });
    r.match.domains?.forEach((d, j) => env.checkDomain(d, [...path, "rules", i, "match", "domains", j]));
    r.match.bearers?.forEach((b, j) => env.checkPartner(b, [...path, "rules", i, "match", "bearers", j]));
  });
  // Which rule covers which investment is static: decide it once.
  const ruleOf = new Map<string, number>();
  for (const inv of env.investments) {
    const i = spec.rules.findIndex((r) => matches(r.match, inv));
    if (i < 0) env.add([...path, "rules"], "investmentUncovered", { name: inv.id, label: inv.label });
    else ruleOf.set(inv.id, i);
  }
  return {
    id, spec, path, funding: true,
    apply(ctx) {
      const costs = investmentCosts(ctx.baseRows);
      const transfers: Transfer[] = [];
      for (const inv of ctx.model.investments) {
        const rule = ruleOf.get(inv.line.id);
        if (rule === undefined) continue;
        for (const [year, cost] of costs.get(inv.line.id) ?? []) {
          if (cost === 0) continue;
          const w = payers[rule]!({ values: ctx.values, year, benefit: ctx.benefit });
          const parts = allocate(cost, w.weights, w.partners);
          w.partners.forEach((p, k) => {
            const amount = parts[k]!;
            if (p === inv.line.bearer || amount === 0) return;
            // A negative cost (a refund) flows the other way.
            transfers.push(amount > 0 ? { year, from: p, to: inv.line.bearer, amount, reason: "cover-investment", about: inv.line.id } : { year, from: inv.line.bearer, to: p, amount: -amount, reason: "cover-investment", about: inv.line.id });
          });
        }
      }
      return { transfers };
    },
  };
}
