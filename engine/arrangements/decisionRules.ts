/**
 * Decision framework (afwegingskader): ordered rules say who is financially "aan zet" for each
 * investment. The first matching rule wins; its payer (a partner, or partners by a key) pays
 * the investment's bearer the cost each year, so the cost ends up with the payer. An investment
 * no rule covers is a validation error that names it.
 */
import type { Path } from "../messages/issues.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { compilePayer, readsOf, type CompiledKey } from "./keys.ts";
import { matches } from "./match.ts";
import { coverInvestments } from "./cover.ts";
import type { CompiledStep } from "./types.ts";

type Spec = Extract<ArrangementStep, { type: "decision-rules" }>;

export function compileDecisionRules(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  const payers: CompiledKey[] = spec.rules.map((r, i) => compilePayer(r.payer, [...path, "rules", i, "payer"], env));
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
      return { transfers: coverInvestments(ctx, (id) => { const rule = ruleOf.get(id); return rule === undefined ? undefined : payers[rule]; }, "cover-investment") };
    },
    // The payers' keys, and the costs of the investments the rules cover.
    reads: { ...readsOf([...new Set(ruleOf.values())].map((i) => payers[i]!)), investments: [...ruleOf.keys()] },
  };
}
