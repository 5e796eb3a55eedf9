/**
 * Evaluation: a compiled model (and optionally parameter overrides) -> ledger, metrics per
 * partner and for society, non-monetary outcomes, and the wrong-pocket matrix.
 *
 * Perspectives: each partner's row is its financial perspective (what its budget feels).
 * Society is the sum of all partners: transfers between partners (social assistance the
 * municipality no longer pays and the resident no longer receives, a provider's lost revenue
 * that was the funder's payment) cancel, so society keeps only real resource changes. A case
 * that wants residents' losses to count must list the residents as a partner (kind `resident`).
 */
import { applyArrangement } from "../arrangements/apply.ts";
import { InputError } from "../messages/issues.ts";
import { parameterValues, type Model } from "../case/model.ts";
import type { EvaluateOptions, Evaluation } from "./evaluation.ts";
import { buildLedger } from "./ledger.ts";
import { computeMetrics, outcomeTotals } from "./metrics.ts";
import { provenance } from "./provenance.ts";
import { wrongPocket } from "./wrongPocket.ts";

export function evaluateModel(model: Model, overrides?: Readonly<Record<string, number>>, options: EvaluateOptions = {}): Evaluation {
  const values = parameterValues(model.parameters, overrides);
  for (const name of model.parameters.order) {
    const v = values[model.parameters.slot.get(name)!]!;
    if (!Number.isFinite(v)) throw new InputError(["parameters", name], "formulaNotFinite", { value: v });
  }
  const ledger = buildLedger(model, values);
  const byPartner = new Map<string, typeof ledger.rows>();
  for (const p of model.case.partners) byPartner.set(p.id, []);
  for (const r of ledger.rows) byPartner.get(r.partner)!.push(r);
  const partners = model.case.partners.map((p) => ({ id: p.id, name: p.name, kind: p.kind, ...computeMetrics(byPartner.get(p.id)!, model.years) }));
  const society = computeMetrics(ledger.rows, model.years, true);
  const effectLines = new Set(model.effects.map((e) => e.line.id));
  const parameters: Record<string, number> = {};
  for (const n of model.parameters.order) parameters[n] = values[model.parameters.slot.get(n)!]!;
  const base: Evaluation = {
    case: model.case,
    years: model.years,
    parameters,
    partners,
    society,
    outcomes: outcomeTotals(ledger.outcomes),
    ledger,
    wrongPocket: wrongPocket(ledger.rows, model.case.partners.map((p) => p.id), effectLines),
    arrangements: [],
    provenance: provenance(model),
  };
  base.arrangements = model.arrangements.map((a) => applyArrangement(model, values, base, a, options.actualContributions));
  return base;
}
