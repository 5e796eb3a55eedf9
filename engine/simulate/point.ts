/**
 * NPVs at one parameter vector, for sensitivity analysis: each partner's and society's NPV
 * (cents) under the status quo (the Monte Carlo kernel, so exactly the deterministic result)
 * or under one arrangement (its transfers added, as in a simulation).
 */
import { buildLedger } from "../ledger/ledger.ts";
import { parameterValues, type Model } from "../case/model.ts";
import { arrangementTransfers } from "./arrangements.ts";
import { compileKernel } from "./kernel.ts";
import { InputError } from "../messages/issues.ts";

export interface PointEvaluator {
  /** Partner ids, then "society". */
  entities: { id: string; name: string }[];
  /** NPV per entity (cents) with `overrides` (others at base, derived parameters recomputed). */
  npv(overrides: Readonly<Record<string, number>>): Float64Array;
  /** A parameter's base value (RangeError for an unknown name). */
  baseValue(name: string): number;
}

/** `arrangement`: an arrangement id; undefined or "status-quo" for the status quo. */
export function pointEvaluator(model: Model, arrangement?: string): PointEvaluator {
  const kernel = compileKernel(model);
  const P = kernel.partners.length;
  const arr = arrangement === undefined ? undefined : model.arrangements.find((a) => a.id === arrangement);
  if (arrangement !== undefined && !arr) throw new RangeError(`unknown arrangement "${arrangement}" (known: ${model.arrangements.map((a) => a.id).join(", ")})`);
  const partnerIndex = new Map(kernel.partners.map((p, i) => [p, i]));
  const net = new Float64Array(P);
  const base = parameterValues(model.parameters);
  return {
    baseValue(name) {
      const slot = model.parameters.slot.get(name);
      if (slot === undefined) throw new RangeError(`unknown parameter "${name}"`);
      return base[slot]!;
    },
    entities: [...model.case.partners.map((p) => ({ id: p.id, name: p.name })), { id: "society", name: "Society" }],
    npv(overrides) {
      const values = parameterValues(model.parameters, overrides);
      const out = new Float64Array(P + 1);
      net.fill(0);
      try {
        kernel.evaluate(values, out, net, null);
        let society = 0;
        for (let p = 0; p < P; p++) society += out[p]!;
        if (arr && arr.steps.length > 0) arrangementTransfers(model, values, buildLedger(model, values), arr, partnerIndex, out, net);
        out[P] = society;
      } catch (e) {
        // Validation probed each uncertain input at its 0.1 % and 99.9 % quantiles; a point inside
        // that range can still fail (a formula dividing by the input where it crosses 0): an input
        // error at the failing line's path that names the point.
        if (!(e instanceof InputError)) throw e;
        throw new InputError(e.path, "pointNotEvaluable", { at: Object.entries(overrides).map(([k, v]) => [k, v] as const), code: e.code, params: e.params });
      }
      return out;
    },
  };
}
