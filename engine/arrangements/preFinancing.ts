/**
 * Pre-financing (voorfinanciering): an investor pays the investments the step covers to their
 * bearers, in the year each cost falls, so the bearer (the provider doing the work) carries
 * nothing and the investor carries the cost until, if ever, outcome payments repay it. Several
 * investors split each cost by a key (through `allocate`). Like decision rules it moves the cost
 * of investments (settlement counts it as funding); unlike them it need not cover every
 * investment, and it needs no domain of its own.
 */
import { allocate } from "../money/allocate.ts";
import type { Path } from "../messages/issues.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { compileKey, singlePartner, type CompiledKey } from "./keys.ts";
import { matches } from "./match.ts";
import type { CompiledStep, Transfer } from "./types.ts";
import { investmentCosts } from "./yearly.ts";

type Spec = Extract<ArrangementStep, { type: "pre-financing" }>;

export function compilePreFinancing(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  let investor: CompiledKey;
  if (typeof spec.investor === "string") { env.checkPartner(spec.investor, [...path, "investor"]); investor = singlePartner(spec.investor); }
  else investor = compileKey(spec.investor.key, [...path, "investor", "key"], env);
  spec.pays.investments?.forEach((inv, j) => { if (!env.investments.some((x) => x.id === inv)) env.add([...path, "pays", "investments", j], "unknownInvestment", { name: inv }); });
  spec.pays.domains?.forEach((d, j) => env.checkDomain(d, [...path, "pays", "domains", j]));
  spec.pays.bearers?.forEach((b, j) => env.checkPartner(b, [...path, "pays", "bearers", j]));
  const covered = new Set(env.investments.filter((inv) => matches(spec.pays, inv)).map((inv) => inv.id));
  return {
    id, spec, funding: true,
    apply(ctx) {
      const costs = investmentCosts(ctx.baseRows);
      const transfers: Transfer[] = [];
      for (const inv of ctx.model.investments) {
        if (!covered.has(inv.line.id)) continue;
        for (const [year, cost] of costs.get(inv.line.id) ?? []) {
          if (cost === 0) continue;
          const w = investor({ values: ctx.values, year, benefit: ctx.benefit, benefitIn: ctx.benefitIn });
          const parts = allocate(cost, w.weights, w.partners);
          w.partners.forEach((p, k) => {
            const amount = parts[k]!;
            if (p === inv.line.bearer || amount === 0) return;
            transfers.push(amount > 0 ? { year, from: p, to: inv.line.bearer, amount, reason: "pre-financing", about: inv.line.id } : { year, from: inv.line.bearer, to: p, amount: -amount, reason: "pre-financing", about: inv.line.id });
          });
        }
      }
      return { transfers };
    },
  };
}
