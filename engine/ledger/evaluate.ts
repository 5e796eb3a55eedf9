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
import { readsNothingChanged } from "../arrangements/reads.ts";
import type { CompiledArrangement } from "../arrangements/types.ts";
import { InputError } from "../messages/issues.ts";
import { parameterValues, type Model } from "../case/model.ts";
import type { EvaluateOptions, Evaluation } from "./evaluation.ts";
import { buildLedger, buildLedgerMoved, summaryOf, sumsOf } from "./ledger.ts";
import { movedLines } from "./moved.ts";
import type { Ledger } from "./row.ts";
import { cashViewOfFlows } from "./cash.ts";
import { metricsFromSums, outcomeTotals } from "./metrics.ts";
import { provenance } from "./provenance.ts";
import { wrongPocketFrom } from "./wrongPocket.ts";

/**
 * The evaluation at the base values, once per model: validation's dry run is the evaluation a
 * command then asks for (on the 342-municipality case each costs about a second). An
 * evaluation is a value: no caller changes it, so the same one can be handed out again.
 */
const baseEvaluations = new WeakMap<Model, Evaluation>();
const baseVectors = new WeakMap<Model, Float64Array>();
/** The parameter values at base, once per model. */
function baseValues(model: Model): Float64Array {
  let v = baseVectors.get(model);
  if (!v) baseVectors.set(model, (v = Float64Array.from(parameterValues(model.parameters))));
  return v;
}

export function evaluateModel(model: Model, overrides?: Readonly<Record<string, number>>, options: EvaluateOptions = {}): Evaluation {
  const plain = (overrides === undefined || Object.keys(overrides).length === 0) && options.actualContributions === undefined;
  if (plain) {
    const known = baseEvaluations.get(model);
    if (known) return known;
  }
  const result = evaluate(model, overrides, options);
  if (plain) baseEvaluations.set(model, result);
  return result;
}

function evaluate(model: Model, overrides: Readonly<Record<string, number>> | undefined, options: EvaluateOptions): Evaluation {
  const values = parameterValues(model.parameters, overrides);
  for (const name of model.parameters.order) {
    const v = values[model.parameters.slot.get(name)!]!;
    if (!Number.isFinite(v)) throw new InputError(["parameters", name], "formulaNotFinite", { value: v });
  }
  // A slider move: with the base evaluation at hand, only the lines whose formulas read a
  // changed parameter are built again (the others' rows are copied: ledger.ts `buildLedgerMoved`).
  const known = overrides === undefined ? undefined : baseEvaluations.get(model);
  let ledger: Ledger;
  // An arrangement whose steps read nothing the move changed (reads.ts) takes over its transfers from the base evaluation.
  let unchanged: (arr: CompiledArrangement) => boolean = () => false;
  if (known) {
    const moved = movedLines(model, baseValues(model), values);
    ledger = moved.moved < moved.mask.length ? buildLedgerMoved(model, values, known.ledger, moved.mask, false, options.replaces?.ledger) : buildLedger(model, values);
    const changed = new Set(moved.changed);
    unchanged = (arr) => readsNothingChanged(model, arr, changed, moved.mask);
  } else ledger = buildLedger(model, values);
  // Every partner's and society's figures from one pass over the ledger's columns (columns.ts).
  const sum = summaryOf(model, ledger)!;
  const ids = model.case.partners.map((p) => p.id);
  const partners = model.case.partners.map((p, i) => ({ id: p.id, name: p.name, kind: p.kind, ...metricsFromSums(sum.partners[i]!, model.years) }));
  const society = metricsFromSums(sum.society, model.years);
  const parameters: Record<string, number> = {};
  for (const n of model.parameters.order) parameters[n] = values[model.parameters.slot.get(n)!]!;
  const own = sumsOf(model, ledger);
  const invested = new Map(ids.map((id, i) => [id, own.invested[i]!]));
  const impact = new Map(ids.map((id, i) => [id, { amount: own.impactAmount[i]!, pv: own.impactPv[i]! }]));
  const flows = new Map(ids.map((id, i) => [id, { inflow: sum.inflow[i]!, outflow: sum.outflow[i]! }]));
  const base: Evaluation = {
    case: model.case,
    years: model.years,
    parameters,
    partners,
    society,
    outcomes: outcomeTotals(ledger.outcomes),
    ledger,
    wrongPocket: wrongPocketFrom(ids, invested, impact),
    cash: cashViewOfFlows(model.case.partners, flows, model.years),
    arrangements: [],
    provenance: provenance(model),
  };
  base.arrangements = model.arrangements.map((a, i) => applyArrangement(model, values, base, a, options.actualContributions, known && unchanged(a) ? known.arrangements[i] : undefined));
  return base;
}
