/**
 * Compiles a case's arrangements during validation. The status quo (an arrangement with no
 * steps) is always there: when the case lists none, the engine puts one first.
 */
import type { Path } from "../messages/issues.ts";
import type { Arrangement, ArrangementStep } from "../case/schema/index.ts";
import { compileDecisionRules } from "./decisionRules.ts";
import type { ArrangementEnv } from "./env.ts";
import { matches } from "./match.ts";
import { compileOutcomePayments } from "./outcomePayments.ts";
import { compilePot } from "./pot.ts";
import { compilePreFinancing } from "./preFinancing.ts";
import { compileProviderTransition } from "./providerTransition.ts";
import { compileSettlement } from "./settlement.ts";
import { compileSharedSavings } from "./sharedSavings.ts";
import type { CompiledArrangement, CompiledStep } from "./types.ts";

export const STATUS_QUO_ID = "status-quo";

function compileStep(step: ArrangementStep, id: string, path: Path, env: ArrangementEnv): CompiledStep {
  switch (step.type) {
    case "decision-rules": return compileDecisionRules(step, id, path, env);
    case "pot": return compilePot(step, id, path, env);
    case "shared-savings": return compileSharedSavings(step, id, path, env);
    case "provider-transition": return compileProviderTransition(step, id, path, env);
    case "settlement": return compileSettlement(step, id, path, env);
    case "pre-financing": return compilePreFinancing(step, id, path, env);
    case "outcome-payments": return compileOutcomePayments(step, id, path, env);
  }
}

export function compileArrangements(list: readonly Arrangement[], env: ArrangementEnv): CompiledArrangement[] {
  const seen = new Map<string, number>();
  const out: CompiledArrangement[] = list.map((a, i) => {
    const path: Path = ["arrangements", i];
    if (seen.has(a.id)) env.add([...path, "id"], "duplicateId", { id: a.id, other: `arrangements[${seen.get(a.id)}].id` });
    else seen.set(a.id, i);
    const stepIds = new Map<string, number>();
    const steps = a.steps.map((s, j) => {
      const id = s.id ?? `${s.type}-${j + 1}`;
      if (stepIds.has(id)) env.add([...path, "steps", j, "id"], "duplicateId", { id, other: `arrangements[${i}].steps[${stepIds.get(id)}].id` });
      else stepIds.set(id, j);
      return compileStep(s, id, [...path, "steps", j], env);
    });
    // Covering an investment twice (two pots, a pot and decision rules, pre-financing and
    // either) would pay it twice.
    const coveredBy = new Map<string, number>();
    a.steps.forEach((s, j) => {
      if (s.type !== "pot" && s.type !== "decision-rules" && s.type !== "pre-financing") return;
      for (const inv of env.investments) {
        const covers = s.type === "decision-rules" ? s.rules.some((r) => matches(r.match, inv)) : matches(s.pays, inv);
        if (!covers) continue;
        const prev = coveredBy.get(inv.id);
        if (prev !== undefined) env.add([...path, "steps", j], "investmentCoveredTwice", { name: inv.id, other: `arrangements[${i}].steps[${prev}]` });
        else coveredBy.set(inv.id, j);
      }
    });
    if (a.steps.findIndex((s) => s.type === "settlement") >= 0 && a.steps.findIndex((s) => s.type === "settlement") !== a.steps.length - 1)
      env.add([...path, "steps"], "settlementLast");
    return { id: a.id, name: a.name, ...(a.description ? { description: a.description } : {}), steps };
  });
  if (!list.some((a) => a.steps.length === 0)) {
    if (seen.has(STATUS_QUO_ID)) env.add(["arrangements", seen.get(STATUS_QUO_ID)!, "id"], "statusQuoReserved");
    out.unshift({ id: STATUS_QUO_ID, name: "Status quo", steps: [], implicit: true });
  }
  return out;
}
