/**
 * Checks of the uncertainty part of a case that need the compiled model (the schema already
 * checked each distribution on its own):
 * - a parameter's base value lies inside its distribution's range (where it has bounds);
 * - correlations name parameters that exist and have a distribution, no pair twice or with
 *   itself, and together form a proper correlation matrix (symmetric, unit diagonal,
 *   positive semi-definite), problems with paths such as `correlations.matrix[1][2]`;
 * - scenarios name parameters that exist; a percentile (`p10`) needs a distribution;
 * - each uncertain parameter at its 0.1 % and 99.9 % quantile (others at base) keeps every
 *   fraction in 0..1 and every amount finite and within exact cents, in the status quo (the
 *   Monte Carlo kernel) and in every arrangement and outcome (the full evaluation), so a run does
 *   not fail halfway (an attribution with a normal distribution around 0.9 would).
 */
import type { Issue, Path } from "../messages/issues.ts";
import { message, type Lang } from "../messages/messages.ts";
import type { Model } from "../case/model.ts";
import type { Ledger } from "../ledger/row.ts";
import { evaluateModel } from "../ledger/evaluate.ts";
import { quantile, validateCorrelation } from "../uncertainty/index.ts";
import { problemToIssue } from "./issues.ts";
import { InputError } from "../messages/issues.ts";
import { runArrangementSteps } from "../arrangements/apply.ts";
import { buildLedger, buildLedgerMoved, ledgerLines, lineSumsOf, type LineSums } from "../ledger/ledger.ts";
import { linesReading } from "../ledger/moved.ts";
import { formulaShape, suggest } from "../case/formula.ts";
import { parameterValues } from "../case/model.ts";
import { MAX_CENTS } from "../money/money.ts";
import { actualContributions, actualModel } from "../monitoring/monitoring.ts";
import { planSimulation } from "./plan.ts";

/** Probability levels of the range probed at validation and searched for switching values. */
export const PROBE_LOW = 0.001;
export const PROBE_HIGH = 0.999;

/**
 * Every amount an evaluation at `values` forms, without the metrics built on them (IRRs,
 * explanations): the status-quo ledger with its outcomes, each arrangement's transfers, and the
 * same on the realised figures when the case has them. An amount out of bounds throws the
 * InputError the evaluation would (engine/money/money.ts).
 */
function probeAmounts(model: Model, values: ArrayLike<number>, moved?: { base: Ledger; lines: Uint8Array }): void {
  // Only the lines the probed parameter moves are built again; the others are the base's. The
  // probe's ledger is read only here, so the next probe's is written over it (`reuse`).
  const ledger = moved ? buildLedgerMoved(model, values, moved.base, moved.lines, true) : buildLedger(model, values);
  for (const arr of model.arrangements) runArrangementSteps(model, values, ledger, arr, () => {});
  if (model.actuals.years.length === 0) return;
  const actual = actualModel(model), contributions = actualContributions(model, values);
  const actualLedger = buildLedger(actual, values);
  for (const arr of model.arrangements) runArrangementSteps(actual, values, actualLedger, arr, () => {}, contributions);
}

/**
 * `probeAmounts` for one parameter's probe, linear in what that parameter moves: only the lines
 * whose formulas read it (directly or through derived parameters) are built again, and the bound
 * on the sum of all rows is the base's with those lines' sums replaced. Undefined where every
 * amount can depend on every line (arrangements, realised figures): there the full probe runs.
 * The same errors in the same order as the full build: lines in their order (the others did not
 * fail at the base values), then the sum, named by the first line with the largest amount.
 */
export type LineProbe = ((slot: number, values: ArrayLike<number>) => void) & {
  /** The lines (investments, then effects) a parameter moves, directly or through derived parameters: 1 per moved line. */
  lines(slot: number): Uint8Array;
};

/**
 * The lines one parameter's slot moves, directly or through the derived parameters (`derived`,
 * in formula order: a derived parameter moves when its formula reads a moved slot, or has a
 * shape that is not known).
 */
function slotLines(model: Model, derived: Int32Array): (slot: number) => Uint8Array {
  const formulas = model.parameters.formulas;
  return (slot) => {
    const moved = new Set([slot]);
    for (const d of derived) {
      const shape = formulaShape(formulas[d]!);
      if (!shape || shape.slots.some((s) => moved.has(s))) moved.add(d);
    }
    return linesReading(model, moved).mask;
  };
}

export function lineProbe(model: Model, derived: Int32Array, baseLedger?: Ledger): LineProbe | undefined {
  if (model.actuals.years.length > 0 || model.arrangements.some((a) => a.steps.length > 0)) return undefined;
  // Each line's sums at the base values: kept with the base evaluation's ledger (validation's dry
  // run built it), else worked out here without rows.
  let basePer = baseLedger ? lineSumsOf(baseLedger) : undefined;
  if (!basePer) { const own: LineSums[] = []; ledgerLines(model, parameterValues(model.parameters), undefined, null, [], own); basePer = own; }
  const baseTotal = { amount: 0, discounted: 0 };
  for (const own of basePer) { baseTotal.amount += own.amount; baseTotal.discounted += own.discounted; }
  const L = basePer.length;
  const lines = slotLines(model, derived);
  // The lines a slot moves (the same for both probes of a parameter: kept for the last slot).
  let lastSlot = -1, lastAffected = new Set<number>(), lastMask: Uint8Array = new Uint8Array(L);
  const affectedBy = (slot: number): Set<number> => {
    if (slot === lastSlot) return lastAffected;
    lastMask = lines(slot);
    const affected = new Set<number>();
    for (let l = 0; l < L; l++) if (lastMask[l] === 1) affected.add(l);
    lastSlot = slot;
    return (lastAffected = affected);
  };
  const probe = (slot: number, values: ArrayLike<number>) => {
    const affected = affectedBy(slot);
    const probePer: LineSums[] = [];
    ledgerLines(model, values, (l) => affected.has(l), null, [], probePer);
    let amount = baseTotal.amount, discounted = baseTotal.discounted;
    for (const l of affected) { amount += probePer[l]!.amount - basePer![l]!.amount; discounted += probePer[l]!.discounted - basePer![l]!.discounted; }
    if (amount <= MAX_CENTS && discounted <= MAX_CENTS) return;
    let largest = 0, largestPath: Path = [];
    for (let l = 0; l < L; l++) {
      const own = affected.has(l) ? probePer[l]! : basePer![l]!;
      if (own.largest > largest) { largest = own.largest; largestPath = own.largestPath; }
    }
    throw new InputError(largestPath, "totalOverflow", { value: Math.max(amount, discounted) / 100 });
  };
  return Object.assign(probe, { lines: (slot: number) => { affectedBy(slot); return lastMask; } });
}

export function checkUncertainty(model: Model, lang: Lang): Issue[] {
  const issues: Issue[] = [];
  const add = (path: Path, code: string, params: Record<string, unknown> = {}) => issues.push({ path, code, message: message(code, params, lang) });
  const c = model.case;
  const names = Object.keys(c.parameters);
  const plan = planSimulation(model, { samplers: false });
  const hasDist = new Set(plan.uncertain.map((u) => u.name));

  for (const u of plan.uncertain) {
    const lo = quantile(u.distribution, 0), hi = quantile(u.distribution, 1);
    if (!(u.base >= lo && u.base <= hi)) {
      const raw = c.parameters[u.name];
      const hasValue = typeof raw === "object" && raw.value !== undefined;
      add(["parameters", u.name, ...(hasValue ? ["value"] : [])], "baseOutsideDistribution", { value: u.base, min: lo, max: hi });
    }
  }

  const known = (name: string, path: Path): boolean => {
    if (!names.includes(name)) { add(path, "unknownParameter", { name, suggestion: suggest(name, names) }); return false; }
    if (!hasDist.has(name)) { add(path, "correlationNeedsDistribution", { name }); return false; }
    return true;
  };
  const corr = c.correlations;
  if (Array.isArray(corr)) {
    const seen = new Map<string, number>();
    let good = true;
    corr.forEach((pair, i) => {
      const [a, b] = pair.parameters;
      const okA = known(a, ["correlations", i, "parameters", 0]), okB = known(b, ["correlations", i, "parameters", 1]);
      good &&= okA && okB;
      if (a === b) { add(["correlations", i, "parameters"], "correlationSelf", { name: a }); good = false; }
      const key = [a, b].sort().join("\u0000");
      if (seen.has(key)) { add(["correlations", i], "correlationDuplicate", { a, b, other: `correlations[${seen.get(key)}]` }); good = false; }
      else seen.set(key, i);
    });
    if (good && corr.length > 0 && plan.correlated) {
      const r = validateCorrelation(plan.correlated.matrix, "correlations");
      if (!r.ok) r.problems.forEach((p) => issues.push(problemToIssue(p, lang)));
    }
  } else if (corr !== undefined) {
    let good = true;
    const seen = new Set<string>();
    corr.parameters.forEach((n, i) => {
      good = known(n, ["correlations", "parameters", i]) && good;
      if (seen.has(n)) { add(["correlations", "parameters", i], "correlationDuplicate", { a: n, b: n, other: "correlations.parameters" }); good = false; }
      seen.add(n);
    });
    const r = validateCorrelation(corr.matrix, "correlations.matrix");
    if (!r.ok) r.problems.forEach((p) => issues.push(problemToIssue(p, lang)));
    else if (corr.matrix.length !== corr.parameters.length) add(["correlations", "matrix"], "correlationSize", { rows: corr.matrix.length, parameters: corr.parameters.length });
    void good;
  }

  for (const [id, sc] of Object.entries(c.scenarios ?? {})) {
    for (const [name, v] of Object.entries(sc.parameters)) {
      const path: Path = ["scenarios", id, "parameters", name];
      if (!names.includes(name)) add(path, "unknownParameter", { name, suggestion: suggest(name, names) });
      else if (typeof v === "string" && !hasDist.has(name)) add(path, "scenarioNeedsDistribution", { name, value: v });
    }
  }
  if (issues.length > 0) return issues;

  // Probe the tails one parameter at a time.
  const P = plan.kernel.partners.length;
  const npv = new Float64Array(P), net = new Float64Array(P);
  const formulas = model.parameters.formulas;
  const reported = new Set<string>();
  // The base evaluation's ledger (validation's dry run made it): the line probe takes each line's
  // base sums from it; without a line probe (arrangements, realised figures) the full probe
  // builds again only the lines a parameter moves and copies the others from it.
  const baseLedger = evaluateModel(model).ledger;
  const probe = lineProbe(model, plan.derived, baseLedger);
  const lines = probe ? undefined : slotLines(model, plan.derived);
  for (const u of plan.uncertain) {
    if (u.distribution.type === "point") continue;
    const moved = lines ? { base: baseLedger, lines: lines(u.slot) } : undefined;
    for (const level of [PROBE_LOW, PROBE_HIGH]) {
      const v = quantile(u.distribution, level);
      const at = level === PROBE_LOW ? "p0.1" : "p99.9";
      if (!Number.isFinite(v)) {
        if (!reported.has(u.name)) { reported.add(u.name); add(["parameters", u.name, "distribution"], "notFiniteUncertain", { parameter: u.name, at, input: v }); }
        continue;
      }
      const values = plan.base.slice();
      values[u.slot] = v;
      let bad = false;
      for (const d of plan.derived) {
        values[d] = formulas[d]!(values);
        if (!Number.isFinite(values[d]!) && !bad) {
          bad = true;
          const name = model.parameters.order.find((n) => model.parameters.slot.get(n) === d)!;
          if (!reported.has(u.name)) { reported.add(u.name); add(["parameters", name], "notFiniteUncertain", { parameter: u.name, at, input: v }); }
        }
      }
      if (bad) continue;
      const report = (e: InputError) => {
        const key = `${e.path.join(".")}|${u.name}`;
        if (reported.has(key)) return;
        reported.add(key);
        if (e.code === "fractionSampled") add(e.path, "fractionUncertain", { parameter: u.name, at, input: v, value: e.params.value });
        else add(e.path, "overflowUncertain", { parameter: u.name, at, input: v, detail: message(e.code, e.params, lang) });
      };
      // The Monte Carlo kernel (fractions in 0..1, amounts finite and within exact cents), then
      // every amount of the evaluation there that the kernel does not hold.
      try {
        // With a line probe, the kernel runs only the lines this parameter moves (the others
        // passed at the base values) and the probe checks the sum over all lines.
        plan.kernel.evaluate(values, npv, net, null, probe ? probe.lines(u.slot) : null);
        if (probe) probe(u.slot, values);
        else probeAmounts(model, values, moved);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        report(e);
      }
    }
  }
  return issues;
}
