/**
 * Pre-financing (voorfinanciering): an investor pays the investments the step covers to their
 * bearers, in the year each cost falls, so the bearer (the provider doing the work) carries
 * nothing and the investor carries the cost until, if ever, outcome payments repay it. Several
 * investors split each cost by a key (through `allocate`). Like decision rules it moves the cost
 * of investments (settlement counts it as funding); unlike them it need not cover every
 * investment, and it needs no domain of its own.
 */
import type { Path } from "../messages/issues.ts";
import type { ArrangementStep } from "../case/schema/index.ts";
import type { ArrangementEnv } from "./env.ts";
import { compilePayer, readsOf } from "./keys.ts";
import { matches } from "./match.ts";
import { coverInvestments } from "./cover.ts";
import type { CompiledStep } from "./types.ts";

type Spec = Extract<ArrangementStep, { type: "pre-financing" }>;

export function compilePreFinancing(spec: Spec, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  const investor = compilePayer(spec.investor, [...path, "investor"], env);
  spec.pays.investments?.forEach((inv, j) => { if (!env.investments.some((x) => x.id === inv)) env.add([...path, "pays", "investments", j], "unknownInvestment", { name: inv }); });
  spec.pays.domains?.forEach((d, j) => env.checkDomain(d, [...path, "pays", "domains", j]));
  spec.pays.bearers?.forEach((b, j) => env.checkPartner(b, [...path, "pays", "bearers", j]));
  const covered = new Set(env.investments.filter((inv) => matches(spec.pays, inv)).map((inv) => inv.id));
  return {
    id, spec, path, funding: true,
    apply(ctx) {
      return { transfers: coverInvestments(ctx, (id) => (covered.has(id) ? investor : undefined), "pre-financing") };
    },
    // The investor's key, and the costs of the investments the step covers.
    reads: { ...readsOf([investor]), investments: [...covered] },
  };
}
