/**
 * Value of information per partner: what it is worth, in euros, to know an uncertain parameter
 * (or a group of them) before deciding, for
 * - each partner's and society's go/no-go decision (take part, NPV, or not, 0) under the
 *   status quo or a chosen arrangement;
 * - each partner's choice between the financing arrangements (its NPV under each).
 *
 * EVPI = E[max_d NB_d] - max_d E[NB_d] over the Monte Carlo samples. EVPPI of a group phi =
 * E[max_d E(NB_d | phi)] - max_d E[NB_d], the inner expectation estimated by regressing each
 * option's net benefit, relative to the first option, on phi (smoother.ts; Strong, Oakley and
 * Brennan 2014), with the fitted values in both terms so the estimate is never negative. The
 * group of every uncertain parameter needs no regression: the NPVs are functions of those
 * parameters, so its EVPPI is the EVPI itself.
 *
 * Standard errors are the Monte Carlo error of the mean regret, sd(max_d NB_d - NB_best) /
 * sqrt(n), with fitted values for EVPPI (the regression's own error not included).
 */
import { mean } from "./linalg.ts";
import type { DecisionSamples } from "./samples.ts";
import { regress, type RegressionOptions, type SmootherMethod } from "./smoother.ts";

export interface DecisionOption {
  id: string;
  name: string;
}

export interface DecisionProblem {
  /** `go:<entity>` or `arrangement:<partner>`. */
  id: string;
  kind: "go" | "arrangement";
  entity: string;
  entityName: string;
  /** For a go/no-go decision: the arrangement it is taken under. */
  perspective?: string;
  /** `no-go` and `go`, or the arrangements (status quo first). */
  options: DecisionOption[];
  /** Net benefit (cents) of each option in each sample. */
  values: Float64Array[];
}

export interface Evppi {
  /** The parameter's name, or the group's. */
  name: string;
  parameters: string[];
  /** Cents. */
  value: number;
  se: number;
  method: SmootherMethod | "exact";
}

/** A decision with its value of information (the problem without the samples). */
export interface DecisionValue extends Omit<DecisionProblem, "values"> {
  /** Expected net benefit of each option (cents). */
  expected: number[];
  /** The option with the highest expected net benefit: the decision on current information. */
  best: string;
  /** P(another option is better than `best`): how often the current decision is the wrong one. */
  probabilityWrong: number;
  evpi: number;
  evpiSe: number;
  /** EVPPI of each varying parameter, largest first. */
  parameters: Evppi[];
  /** EVPPI of each group asked for, in the order asked. */
  groups: Evppi[];
}

export interface VoiResult {
  samples: number;
  /** The parameters that vary, in the case's (sorted) order. */
  parameters: string[];
  decisions: DecisionValue[];
}

export interface VoiOptions {
  /** Groups of parameters (EVPPI of each group as a whole). */
  groups?: { name: string; parameters: string[] }[];
  /** The arrangement go/no-go decisions are taken under (default: the status quo). */
  perspective?: string;
  /** Only these decisions (ids as in `DecisionProblem.id`; default: all). */
  decisions?: string[];
  /** Leave out the single-parameter EVPPIs (default false). */
  groupsOnly?: boolean;
  regression?: RegressionOptions;
}

/** Unknown names in the options: every one, with what is known. */
export class VoiInputError extends Error {
  constructor(readonly code: "voiUnknownParameter" | "voiUnknownPerspective" | "voiUnknownDecision" | "voiEmptyGroup", readonly params: Record<string, string>) {
    super(`${code}: ${JSON.stringify(params)}`);
  }
}

/** The decisions a sample matrix supports. */
export function decisionProblems(s: DecisionSamples, perspective = "status-quo"): DecisionProblem[] {
  const under = s.perspectives.find((p) => p.id === perspective);
  if (!under) throw new VoiInputError("voiUnknownPerspective", { name: perspective, known: s.perspectives.map((p) => p.id).join(", ") });
  const zero = new Float64Array(s.n);
  const out: DecisionProblem[] = s.entities.map((e, i) => ({
    id: `go:${e.id}`, kind: "go", entity: e.id, entityName: e.name, perspective,
    options: [{ id: "no-go", name: "no-go" }, { id: "go", name: "go" }],
    values: [zero, under.npv[i]!],
  }));
  // Society's NPV is the same under every arrangement: only partners choose between them.
  if (s.perspectives.length >= 2) {
    s.entities.slice(0, -1).forEach((e, i) => out.push({
      id: `arrangement:${e.id}`, kind: "arrangement", entity: e.id, entityName: e.name,
      options: s.perspectives.map((p) => ({ id: p.id, name: p.name })),
      values: s.perspectives.map((p) => p.npv[i]!),
    }));
  }
  return out;
}

/** EVPI and its standard error from per-option values (cents), given the best option on current information. */
function regretStats(values: readonly ArrayLike<number>[], best: number, n: number): { value: number; se: number; wrong: number } {
  let sum = 0, sum2 = 0, wrong = 0;
  for (let i = 0; i < n; i++) {
    let mx = -Infinity;
    for (const v of values) if (v[i]! > mx) mx = v[i]!;
    const r = mx - values[best]![i]!;
    sum += r;
    sum2 += r * r;
    if (r > 0) wrong++;
  }
  const m = sum / n;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (sum2 - n * m * m) / (n - 1))) : 0;
  return { value: m, se: sd / Math.sqrt(n), wrong: wrong / n };
}

export function valueOfInformation(s: DecisionSamples, options: VoiOptions = {}): VoiResult {
  const names = s.parameters.map((p) => p.name);
  const column = new Map(s.parameters.map((p) => [p.name, p.samples]));
  for (const g of options.groups ?? []) {
    if (g.parameters.length === 0) throw new VoiInputError("voiEmptyGroup", { name: g.name });
    for (const p of g.parameters) if (!column.has(p)) throw new VoiInputError("voiUnknownParameter", { name: p, group: g.name, known: names.join(", ") });
  }
  let problems = decisionProblems(s, options.perspective);
  if (options.decisions) {
    for (const id of options.decisions) if (!problems.some((p) => p.id === id)) throw new VoiInputError("voiUnknownDecision", { name: id, known: problems.map((p) => p.id).join(", ") });
    problems = problems.filter((p) => options.decisions!.includes(p.id));
  }
  const n = s.n;
  // Regression targets: each option's net benefit relative to the first option, for every decision.
  const targets: Float64Array[] = [];
  const targetOf = problems.map((p) => {
    const first = targets.length;
    for (let d = 1; d < p.options.length; d++) targets.push(Float64Array.from(p.values[d]!, (v, i) => v - p.values[0]![i]!));
    return first;
  });
  const base = problems.map((p) => {
    const expected = p.values.map(mean);
    let best = 0;
    expected.forEach((e, d) => { if (e > expected[best]!) best = d; });
    return { expected, best, evpi: regretStats(p.values, best, n) };
  });
  /** EVPPI per decision from the fitted relative net benefits (option 0 is 0). */
  const evppiFrom = (fitted: Float64Array[], name: string, parameters: string[], method: SmootherMethod): Evppi[] => problems.map((p, k) => {
    const rel = [new Float64Array(n), ...fitted.slice(targetOf[k]!, targetOf[k]! + p.options.length - 1)];
    const means = rel.map(mean);
    let best = 0;
    means.forEach((e, d) => { if (e > means[best]!) best = d; });
    const r = regretStats(rel, best, n);
    return { name, parameters, value: r.value, se: r.se, method };
  });
  const evppi = (name: string, parameters: string[]): Evppi[] => {
    if (parameters.length === names.length && names.every((x) => parameters.includes(x))) {
      return problems.map((_, k) => ({ name, parameters, value: base[k]!.evpi.value, se: base[k]!.evpi.se, method: "exact" as const }));
    }
    const fit = regress(parameters.map((x) => column.get(x)!), targets, options.regression);
    return evppiFrom(fit.fitted, name, parameters, fit.method);
  };
  const single = options.groupsOnly ? [] : names.map((x) => evppi(x, [x]));
  const groups = (options.groups ?? []).map((g) => evppi(g.name, [...new Set(g.parameters)]));
  return {
    samples: n,
    parameters: names,
    decisions: problems.map((p, k) => ({
      id: p.id, kind: p.kind, entity: p.entity, entityName: p.entityName,
      ...(p.perspective !== undefined ? { perspective: p.perspective } : {}),
      options: p.options,
      expected: base[k]!.expected,
      best: p.options[base[k]!.best]!.id,
      probabilityWrong: base[k]!.evpi.wrong,
      evpi: base[k]!.evpi.value,
      evpiSe: base[k]!.evpi.se,
      parameters: single.map((row) => row[k]!).sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : 1)),
      groups: groups.map((row) => row[k]!),
    })),
  };
}
