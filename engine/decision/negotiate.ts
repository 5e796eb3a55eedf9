/**
 * The negotiation solver: for one financing arrangement, the values of its negotiable terms
 * (levers, one or two, each within its range) that meet every stated condition for the
 * partners at the table, the best of them by the objective, a map of the feasible region, and
 * when nothing is feasible, which partner's condition stands in the way.
 *
 * Method (docs/decision.md): a full grid over the levers' ranges (41 points for one lever,
 * 15 x 15 for two, or `grid` per lever), each point evaluated by the engine itself: the
 * arrangement's steps on the status-quo ledger at the base values (NPV and ROI per partner,
 * exactly as `evaluateModel` computes them) and, for loss-probability conditions, on every
 * Monte Carlo sample of a run with the case's seed (common random numbers: every point sees the
 * same samples, so differences between points are not noise). The best feasible grid point
 * (ties: the one nearest the current terms) is then refined on three finer local grids. When no
 * grid point is feasible, the solver bisects along grid lines between points that fail
 * different conditions and zooms in on the nearest miss before it calls the negotiation
 * infeasible. Nothing
 * is random beyond the seeded samples, so the same case, seed and settings give the same deal.
 * Infeasibility is reported only when no grid point meets every condition, with per partner
 * and condition the best value any point reaches.
 *
 * A lever inside the arrangement (`path`) becomes a parameter of its own before the search
 * (the number at the path is replaced by the parameter's name), so every point is a parameter
 * override, not a new validation. A lever changes only the arrangement (validation checks
 * this), so the status-quo ledger of every sample is built once.
 */
import { runArrangementSteps } from "../arrangements/apply.ts";
import { ArrangementError } from "../arrangements/keys.ts";
import { formulaShape } from "../case/formula.ts";
import { parameterValues, type Model } from "../case/model.ts";
import type { Negotiation } from "../case/schema/index.ts";
import { validateCase } from "../case/validate.ts";
import { evaluateModel } from "../ledger/evaluate.ts";
import { buildLedger } from "../ledger/ledger.ts";
import { computeMetrics } from "../ledger/metrics.ts";
import type { LedgerRow } from "../ledger/row.ts";
import type { Issue, Path } from "../messages/issues.ts";
import { formatPath } from "../messages/issues.ts";
import { message, type Lang } from "../messages/messages.ts";
import { arrangementTransfers } from "../simulate/arrangements.ts";
import { parsePath } from "../simulate/issues.ts";
import { DEFAULT_SEED } from "../simulate/options.ts";
import { simulate } from "../simulate/simulate.ts";
import { valueAt } from "./check.ts";

export interface PreparedLever {
  /** The parameter the solver moves (the case's own, or one made for a path lever). */
  parameter: string;
  /** As the case gives it: a case parameter, or a path in the arrangement. */
  caseParameter?: string;
  path?: string;
  label?: string;
  /** A parameter lever's unit as the case declares it (pages show a share 0..1 as a percentage). */
  unit?: string;
  min: number;
  max: number;
  /** The current value (the case's). */
  base: number;
}

export type ResolvedCondition =
  | { type: "npv"; min: number; partners: string[] }
  | { type: "loss-probability"; max: number; partners: string[] };

export interface PreparedNegotiation {
  id: string;
  label?: string;
  description?: string;
  arrangement: string;
  arrangementName: string;
  /** The case data as given (levers are substituted into it to re-evaluate a deal). */
  data: unknown;
  /** The case with every lever a parameter. */
  model: Model;
  levers: PreparedLever[];
  partners: { id: string; name: string }[];
  conditions: ResolvedCondition[];
  objective: Negotiation["objective"];
  /** Points per lever. */
  grid: number;
  /** Monte Carlo samples (only when a condition needs them). */
  samples: number | null;
  seed: number | string;
}

/** Settings a caller may change (command-line flags, page controls). */
export interface NegotiationOverrides {
  grid?: number;
  samples?: number;
  seed?: number | string;
}

export type Prepared = { ok: true; negotiation: PreparedNegotiation } | { ok: false; issues: Issue[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Sets the value at `path` (which exists) inside a copy-on-write clone the caller made. */
function setAt(root: unknown, path: Path, value: unknown): void {
  let cur = root as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    cur = cur[Array.isArray(cur) ? Number(seg) : seg] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  cur[Array.isArray(cur) ? Number(last) : last] = value;
}

/** The case data with the levers at `values` (numbers written where the case has them). */
export function substituteDeal(n: Pick<PreparedNegotiation, "data" | "levers" | "arrangement">, values: readonly number[]): unknown {
  const data = structuredClone(n.data) as Record<string, unknown>;
  const arrangements = data.arrangements as unknown[];
  const ai = arrangements.findIndex((a) => isObject(a) && a.id === n.arrangement);
  n.levers.forEach((l, k) => {
    const v = values[k]!;
    if (l.path !== undefined) setAt(arrangements[ai], parsePath(l.path), v);
    else {
      const params = data.parameters as Record<string, unknown>;
      const raw = params[l.caseParameter!];
      params[l.caseParameter!] = isObject(raw) ? { ...raw, value: v } : v;
    }
  });
  return data;
}

/**
 * Validates the case, picks the negotiation (`id`, default the first), and makes the model the
 * solver moves: path levers become parameters. Every problem comes back as an issue with its
 * path (a lever whose field takes no formula, a range that leaves what a field allows).
 */
export function prepareNegotiation(data: unknown, id: string | undefined, lang: Lang = "nl", overrides: NegotiationOverrides = {}): Prepared {
  const v = validateCase(data, { lang });
  if (!v.ok) return v;
  const issue = (path: Path, code: string, params: Record<string, unknown> = {}): Prepared => ({ ok: false, issues: [{ path, code, message: message(code, params, lang), params }] });
  const all = v.model.case.negotiations ?? {};
  const ids = Object.keys(all);
  if (ids.length === 0) return issue(["negotiations"], "negotiationNone");
  const nid = id ?? ids[0]!;
  const spec = all[nid];
  if (!spec) return issue(["negotiations"], "negotiationUnknown", { name: nid, known: ids.join(", ") });
  const at: Path = ["negotiations", nid];
  // Path levers become parameters.
  const clone = structuredClone(data) as Record<string, unknown>;
  delete clone.negotiations;
  const params = (isObject(clone.parameters) ? clone.parameters : (clone.parameters = {})) as Record<string, unknown>;
  const arrangements = clone.arrangements as unknown[];
  const ai = arrangements.findIndex((a) => isObject(a) && a.id === spec.arrangement);
  const levers: PreparedLever[] = spec.levers.map((l, k) => {
    if (l.parameter !== undefined) {
      const base = v.model.parameters.slot.get(l.parameter)!;
      const raw = v.model.case.parameters[l.parameter];
      const unit = typeof raw === "object" ? raw.unit : undefined;
      return { parameter: l.parameter, caseParameter: l.parameter, ...(l.label !== undefined ? { label: l.label } : {}), ...(unit !== undefined ? { unit } : {}), min: l.min, max: l.max, base: parameterValues(v.model.parameters)[base]! };
    }
    let name = `negotiated_${k + 1}`;
    while (name in params) name += "_";
    const path = parsePath(l.path!);
    const base = valueAt(arrangements[ai], path).value as number;
    setAt(arrangements[ai], path, name);
    params[name] = { value: base, label: l.label ?? l.path };
    return { parameter: name, path: l.path!, ...(l.label !== undefined ? { label: l.label } : {}), min: l.min, max: l.max, base };
  });
  const v2 = validateCase(clone, { lang });
  if (!v2.ok) {
    // A field that takes no formula: say so at the lever.
    const prefix = formatPath(["arrangements", ai]);
    return {
      ok: false,
      issues: v2.issues.map((i) => {
        const k = spec.levers.findIndex((l) => l.path !== undefined && formatPath(i.path).startsWith(`${prefix}.${formatPath(parsePath(l.path))}`));
        return k < 0 ? i : { path: [...at, "levers", k, "path"], code: "leverPathNotFormula", message: message("leverPathNotFormula", { detail: i.message }, lang), params: { detail: i.message } };
      }),
    };
  }
  // Each lever at its min and its max (others at their current values) must give a valid case.
  const base = levers.map((l) => l.base);
  for (let k = 0; k < levers.length; k++) {
    for (const end of ["min", "max"] as const) {
      const values = base.slice();
      values[k] = levers[k]![end];
      const check = validateCase(substituteDeal({ data, levers, arrangement: spec.arrangement }, values), { lang });
      if (!check.ok) {
        const detail = check.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ");
        return issue([...at, "levers", k, end], "leverBoundInvalid", { value: values[k], detail });
      }
    }
  }
  const model = v2.model;
  const partnerIds = spec.partners ?? model.case.partners.map((p) => p.id);
  const partners = partnerIds.map((id) => ({ id, name: model.case.partners.find((p) => p.id === id)!.name }));
  const conditions: ResolvedCondition[] = spec.conditions.map((c) => c.type === "npv"
    ? { type: "npv", min: c.min, partners: c.partners ?? partnerIds }
    : { type: "loss-probability", max: c.max, partners: c.partners ?? partnerIds });
  // Partners named only in a condition are at the table too.
  for (const c of conditions) for (const p of c.partners) if (!partners.some((x) => x.id === p)) partners.push({ id: p, name: model.case.partners.find((x) => x.id === p)!.name });
  const probabilistic = conditions.some((c) => c.type === "loss-probability");
  const arr = model.arrangements.find((a) => a.id === spec.arrangement)!;
  return {
    ok: true,
    negotiation: {
      id: nid,
      ...(spec.label !== undefined ? { label: spec.label } : {}),
      ...(spec.description !== undefined ? { description: spec.description } : {}),
      arrangement: spec.arrangement, arrangementName: arr.name, data, model, levers, partners, conditions,
      objective: spec.objective,
      grid: overrides.grid ?? spec.grid ?? (levers.length === 1 ? 41 : 15),
      samples: probabilistic ? overrides.samples ?? spec.samples ?? 1000 : null,
      seed: overrides.seed ?? model.case.simulation?.seed ?? DEFAULT_SEED,
    },
  };
}

/** One evaluated set of lever values. */
export interface DealPoint {
  values: number[];
  /** False when the arrangement cannot be applied there (a key with every weight zero, say). */
  valid: boolean;
  invalid?: { code: string; path: string };
  /** Per partner at the table: NPV (cents) and ROI at the base values. */
  npv: number[];
  roi: (number | null)[];
  /**
   * Per partner at the table: P(NPV < 0) over the samples; null without a loss-probability
   * condition, or where an NPV condition already fails (the samples are not run there).
   */
  lossProbability: number[] | null;
  /** The conditions that fail (loss-probability ones only where the NPV conditions hold): [condition index, partner id]. */
  failing: [number, string][];
  feasible: boolean;
  /** The objective (smallest ROI, or smallest NPV in cents); null when no partner has a ROI. */
  objective: number | null;
}

export interface ConditionLimit {
  condition: number;
  type: ResolvedCondition["type"];
  partner: string;
  /** Some point evaluated meets it. */
  satisfiable: boolean;
  /**
   * The best any point evaluated reaches: the highest NPV (cents) or the lowest loss
   * probability; null for a loss condition never evaluated (every point failed an NPV condition).
   */
  best: number | null;
  at: number[];
}

export interface NegotiationResult {
  id: string;
  label?: string;
  arrangement: string;
  arrangementName: string;
  objective: Negotiation["objective"];
  partners: { id: string; name: string }[];
  levers: PreparedLever[];
  conditions: ResolvedCondition[];
  samples: number | null;
  seed: number | string;
  /** Points per lever, and the grid, first lever slowest. */
  gridSize: number;
  grid: DealPoint[];
  /** The current terms. */
  current: DealPoint;
  feasible: boolean;
  /** Feasible points found between grid points (a feasible region thinner than the grid). */
  found: DealPoint[];
  /** The best deal (refined beyond the grid); null when none is feasible. */
  best: DealPoint | null;
  /** One lever: the feasible stretches of the grid. */
  ranges: [number, number][];
  /** Per condition and partner: can it be met at all on the grid, and how close any point comes. */
  limits: ConditionLimit[];
  /** When nothing is feasible: the conditions that stand in the way (never met, or infeasible only with them). */
  blocking: { condition: number; partner: string }[];
  /** The best deal re-evaluated by the engine on the case with the terms written in. */
  verification?: DealVerification;
}

export interface DealVerification {
  ok: boolean;
  checks: { condition: number; partner: string; value: number; ok: boolean }[];
}

export interface NegotiateHooks {
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
  /** Re-evaluate the best deal on the case with the terms written in (default true). */
  verify?: boolean;
}

export class NegotiationCancelled extends Error {
  constructor() {
    super("negotiation cancelled");
    this.name = "NegotiationCancelled";
  }
}

/** The evaluator of lever values for a prepared negotiation. */
function evaluator(n: PreparedNegotiation): { evaluate: (values: readonly number[]) => DealPoint } {
  const model = n.model, params = model.parameters;
  const arr = model.arrangements.find((a) => a.id === n.arrangement)!;
  const leverSlots = n.levers.map((l) => params.slot.get(l.parameter)!);
  // Parameters computed from a lever, in evaluation order.
  const moved = new Set(leverSlots);
  const dependents: number[] = [];
  for (const name of params.order) {
    const s = params.slot.get(name)!;
    if (moved.has(s)) continue;
    if ((formulaShape(params.formulas[s]!)?.slots ?? []).some((d) => moved.has(d))) { moved.add(s); dependents.push(s); }
  }
  const setLevers = (values: Float64Array, x: readonly number[]) => {
    leverSlots.forEach((s, k) => { values[s] = x[k]!; });
    for (const d of dependents) values[d] = params.formulas[d]!(values);
  };
  const base = parameterValues(params);
  const baseRows = buildLedger(model, base).rows;
  const table = n.partners.map((p) => p.id);
  const ownRows = table.map((id) => baseRows.filter((r) => r.partner === id));
  const partnerIndex = new Map(model.case.partners.map((p, i) => [p.id, i]));
  // Monte Carlo: each sample's parameter values, status-quo ledger and partner NPVs, once.
  let mc: { values: Float64Array[]; rows: LedgerRow[][]; npv: Float64Array[] } | null = null;
  if (n.samples !== null) {
    const sim = simulate(model, { samples: n.samples, seed: n.seed, keepSamples: true, keepInputs: true, yearly: false, cdfPoints: 0 });
    const inputs = sim.inputs!;
    const values: Float64Array[] = [], rows: LedgerRow[][] = [];
    for (let i = 0; i < n.samples; i++) {
      const over: Record<string, number> = {};
      for (const c of inputs) over[c.name] = c.samples[i]!;
      const v = parameterValues(params, over);
      values.push(v);
      rows.push(buildLedger(model, v).rows);
    }
    mc = { values, rows, npv: sim.statusQuo.partners.map((p) => p.samples!) };
  }
  const P = model.case.partners.length;
  const aNpv = new Float64Array(P), aNet = new Float64Array(P);
  const evaluate = (x: readonly number[]): DealPoint => {
    const values = base.slice();
    setLevers(values, x);
    const added = new Map<string, LedgerRow[]>(table.map((id) => [id, []]));
    try {
      runArrangementSteps(model, values, baseRows, arr, (_s, _o, stepRows) => { for (const r of stepRows) added.get(r.partner)?.push(r); });
    } catch (e) {
      if (e instanceof ArrangementError) return { values: [...x], valid: false, invalid: { code: e.code, path: formatPath(e.path) }, npv: [], roi: [], lossProbability: null, failing: [], feasible: false, objective: null };
      throw e;
    }
    const metrics = table.map((id, t) => computeMetrics([...ownRows[t]!, ...added.get(id)!], model.years));
    const npv = metrics.map((m) => m.npv), roi = metrics.map((m) => m.roi);
    const failing: [number, string][] = [];
    n.conditions.forEach((c, ci) => {
      if (c.type === "npv") for (const p of c.partners) if (!(npv[table.indexOf(p)]! >= Math.round(c.min * 100))) failing.push([ci, p]);
    });
    let loss: number[] | null = null;
    // The samples only where the NPV conditions hold: elsewhere the point fails anyway.
    if (mc !== null && failing.length === 0) {
      const count = new Array<number>(table.length).fill(0);
      const v = new Float64Array(values.length);
      for (let i = 0; i < mc.values.length; i++) {
        v.set(mc.values[i]!);
        setLevers(v, x);
        for (let p = 0; p < P; p++) { aNpv[p] = mc.npv[p]![i]!; aNet[p] = 0; }
        try {
          arrangementTransfers(model, v, mc.rows[i]!, arr, partnerIndex, aNpv, aNet);
        } catch (e) {
          if (e instanceof ArrangementError) return { values: [...x], valid: false, invalid: { code: e.code, path: formatPath(e.path) }, npv, roi, lossProbability: null, failing: [], feasible: false, objective: null };
          throw e;
        }
        table.forEach((id, t) => { if (aNpv[partnerIndex.get(id)!]! < 0) count[t]!++; });
      }
      loss = count.map((c) => c / mc!.values.length);
    }
    if (loss !== null) n.conditions.forEach((c, ci) => {
      if (c.type === "loss-probability") for (const p of c.partners) if (!(loss![table.indexOf(p)]! <= c.max)) failing.push([ci, p]);
    });
    failing.sort((a, b) => a[0] - b[0] || table.indexOf(a[1]) - table.indexOf(b[1]));
    const rois = roi.filter((r): r is number => r !== null);
    const objective = n.objective === "max-min-npv" ? Math.min(...npv) : rois.length > 0 ? Math.min(...rois) : null;
    return { values: [...x], valid: true, npv, roi, lossProbability: loss, failing, feasible: failing.length === 0, objective };
  };
  return { evaluate };
}

/** Points of a grid (`size` per lever, first lever slowest) along every grid line, indices. */
function gridLines(size: number[]): number[][] {
  if (size.length === 1) return [Array.from({ length: size[0]! }, (_, i) => i)];
  const [R, C] = size as [number, number];
  return [
    ...Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => i * C + j)),
    ...Array.from({ length: C }, (_, j) => Array.from({ length: R }, (_, i) => i * C + j)),
  ];
}

/**
 * Along every grid line, between neighbours that fail disjoint sets of conditions (each meets
 * what the other fails), bisection for a point that meets both: the feasible points found.
 */
function bisectLines(grid: readonly DealPoint[], size: number[], evaluate: (x: readonly number[]) => DealPoint, stop: () => void): DealPoint[] {
  const found: DealPoint[] = [];
  const disjoint = (a: DealPoint, b: DealPoint) => !a.failing.some(([i, p]) => b.failing.some(([j, q]) => i === j && p === q));
  for (const line of gridLines(size)) {
    for (let k = 0; k + 1 < line.length; k++) {
      let a = grid[line[k]!]!, b = grid[line[k + 1]!]!;
      if (!a.valid || !b.valid || a.feasible || b.feasible || !disjoint(a, b)) continue;
      for (let it = 0; it < 30; it++) {
        stop();
        const m = evaluate(a.values.map((v, d) => (v + b.values[d]!) / 2));
        if (m.feasible) { found.push(m); break; }
        if (!m.valid) break;
        if (disjoint(m, b)) a = m;
        else if (disjoint(m, a)) b = m;
        else break;
      }
    }
  }
  return found;
}

const better = (a: DealPoint, b: DealPoint | null, distance: (p: DealPoint) => number): boolean => {
  if (b === null) return true;
  const oa = a.objective ?? -Infinity, ob = b.objective ?? -Infinity;
  if (oa !== ob) return oa > ob;
  return distance(a) < distance(b);
};

export function negotiate(n: PreparedNegotiation, hooks: NegotiateHooks = {}): NegotiationResult {
  const { evaluate: evaluatePoint } = evaluator(n);
  /** Every point evaluated (grid, bisection, zoom, refinement), for the limits. */
  const evaluated: DealPoint[] = [];
  const evaluate = (x: readonly number[]) => { const p = evaluatePoint(x); evaluated.push(p); return p; };
  const L = n.levers.length, G = n.grid;
  const axis = n.levers.map((l) => Array.from({ length: G }, (_, i) => (i === G - 1 ? l.max : l.min + ((l.max - l.min) * i) / (G - 1))));
  const points: number[][] = L === 1 ? axis[0]!.map((x) => [x]) : axis[0]!.flatMap((x) => axis[1]!.map((y) => [x, y]));
  const total = points.length + 1;
  const grid: DealPoint[] = [];
  let done = 0;
  const step = () => {
    if (hooks.shouldStop?.()) throw new NegotiationCancelled();
    hooks.onProgress?.(++done, total);
  };
  for (const p of points) { grid.push(evaluate(p)); step(); }
  const current = evaluate(n.levers.map((l) => l.base));
  step();
  const width = n.levers.map((l) => l.max - l.min);
  const distance = (p: DealPoint) => Math.hypot(...p.values.map((v, k) => (v - n.levers[k]!.base) / width[k]!));
  const stop = () => { if (hooks.shouldStop?.()) throw new NegotiationCancelled(); };
  const found: DealPoint[] = [];
  // A feasible region thinner than the grid: between two neighbouring points that fail
  // different conditions (each meets what the other fails), bisect for a point meeting both.
  if (!grid.some((p) => p.feasible)) found.push(...bisectLines(grid, L === 1 ? [G] : [G, G], evaluate, stop));
  // A feasible region smaller than a grid cell: zoom in on the nearest miss (the point whose
  // failing conditions fall shortest, each NPV shortfall relative to that partner's range on
  // the grid), three times, each local grid a third the size of the one before.
  if (!grid.some((p) => p.feasible) && found.length === 0) {
    const span = n.partners.map((_, t) => {
      const v = grid.filter((p) => p.valid).map((p) => p.npv[t]!);
      return v.length > 0 ? Math.max(1, Math.max(...v) - Math.min(...v)) : 1;
    });
    const shortfall = (p: DealPoint) => !p.valid ? Infinity : p.failing.reduce((sum, [ci, partner]) => {
      const c = n.conditions[ci]!, t = n.partners.findIndex((q) => q.id === partner);
      return sum + (c.type === "npv" ? (Math.round(c.min * 100) - p.npv[t]!) / span[t]! : p.lossProbability![t]! - c.max);
    }, 0);
    let miss = grid.reduce((a, b) => (shortfall(b) < shortfall(a) ? b : a));
    let h = width.map((w) => w / (G - 1));
    const m = L === 1 ? 9 : 7;
    for (let round = 0; round < 3 && found.length === 0 && Number.isFinite(shortfall(miss)); round++) {
      const centre = miss.values;
      const local: number[][] = centre.map((c, k) => {
        const lo = Math.max(n.levers[k]!.min, c - h[k]!), hi = Math.min(n.levers[k]!.max, c + h[k]!);
        return Array.from({ length: m }, (_, i) => lo + ((hi - lo) * i) / (m - 1));
      });
      const candidates: number[][] = L === 1 ? local[0]!.map((x) => [x]) : local[0]!.flatMap((x) => local[1]!.map((y) => [x, y]));
      const points: DealPoint[] = candidates.map((c) => { stop(); return evaluate(c); });
      const all = [...points, ...bisectLines(points, L === 1 ? [m] : [m, m], evaluate, stop)];
      found.push(...all.filter((p) => p.feasible));
      for (const p of all) if (shortfall(p) < shortfall(miss)) miss = p;
      h = h.map((x) => x / 3);
    }
  }
  let best: DealPoint | null = null;
  for (const p of [...grid, ...found]) if (p.feasible && better(p, best, distance)) best = p;
  // Refine around the best point: three finer local grids (with the same bisection), each a
  // third the size of the one before.
  if (best !== null) {
    let h = width.map((w) => w / (G - 1));
    const m = L === 1 ? 9 : 7;
    for (let round = 0; round < 3; round++) {
      const centre: number[] = best!.values;
      const local: number[][] = centre.map((c, k) => {
        const lo = Math.max(n.levers[k]!.min, c - h[k]!), hi = Math.min(n.levers[k]!.max, c + h[k]!);
        return Array.from({ length: m }, (_, i) => lo + ((hi - lo) * i) / (m - 1));
      });
      const candidates: number[][] = L === 1 ? local[0]!.map((x) => [x]) : local[0]!.flatMap((x) => local[1]!.map((y) => [x, y]));
      const points: DealPoint[] = candidates.map((c) => { stop(); return evaluate(c); });
      for (const p of [...points, ...bisectLines(points, L === 1 ? [m] : [m, m], evaluate, stop)]) if (p.feasible && better(p, best, distance)) best = p;
      h = h.map((x) => x / 3);
    }
  }
  // How close each condition comes, and what blocks.
  const limits: ConditionLimit[] = [];
  n.conditions.forEach((c, ci) => {
    for (const partner of c.partners) {
      const t = n.partners.findIndex((p) => p.id === partner);
      let bestValue = c.type === "npv" ? -Infinity : Infinity, at: number[] = [];
      let satisfiable = false;
      for (const p of evaluated) {
        if (!p.valid || (c.type === "loss-probability" && p.lossProbability === null)) continue;
        const value = c.type === "npv" ? p.npv[t]! : p.lossProbability![t]!;
        if (c.type === "npv" ? value > bestValue : value < bestValue) { bestValue = value; at = p.values; }
        if (!p.failing.some(([i, q]) => i === ci && q === partner)) satisfiable = true;
      }
      limits.push({ condition: ci, type: c.type, partner, satisfiable, best: Number.isFinite(bestValue) ? bestValue : null, at });
    }
  });
  const blocking: { condition: number; partner: string }[] = [];
  if (best === null) {
    // A loss condition never evaluated is not "never met": the NPV conditions stood in the way first.
    const never = limits.filter((l) => !l.satisfiable && l.best !== null);
    if (never.length > 0) for (const l of never) blocking.push({ condition: l.condition, partner: l.partner });
    else {
      // Each condition can be met somewhere, but not all at once: those without which a grid point would be feasible.
      for (const l of limits) if (evaluated.some((p) => p.valid && p.failing.length > 0 && p.failing.every(([i, q]) => i === l.condition && q === l.partner))) blocking.push({ condition: l.condition, partner: l.partner });
    }
  }
  const ranges: [number, number][] = [];
  if (L === 1) {
    let start: number | null = null;
    grid.forEach((p, i) => {
      if (p.feasible && start === null) start = p.values[0]!;
      if (start !== null && (!p.feasible || i === grid.length - 1)) { ranges.push([start, p.feasible ? p.values[0]! : grid[i - 1]!.values[0]!]); start = null; }
    });
  }
  const result: NegotiationResult = {
    id: n.id, ...(n.label !== undefined ? { label: n.label } : {}), arrangement: n.arrangement, arrangementName: n.arrangementName, objective: n.objective,
    partners: n.partners, levers: n.levers, conditions: n.conditions, samples: n.samples, seed: n.seed,
    gridSize: G, grid, current, found, feasible: best !== null, best, ranges, limits, blocking,
  };
  if (best !== null && hooks.verify !== false) result.verification = verifyDeal(n, best.values);
  return result;
}

/**
 * Re-evaluates a deal the way any user of the engine would: the terms written into the case,
 * the case validated and evaluated (`evaluateModel`: NPV per partner under the arrangement) and,
 * for loss-probability conditions, simulated with the same seed and number of samples. Every
 * condition is checked on those figures.
 */
export function verifyDeal(n: PreparedNegotiation, values: readonly number[]): DealVerification {
  const v = validateCase(substituteDeal(n, values));
  if (!v.ok) return { ok: false, checks: [] };
  const ev = evaluateModel(v.model);
  const arr = ev.arrangements.find((a) => a.id === n.arrangement)!;
  const needsMc = n.conditions.some((c) => c.type === "loss-probability");
  const sim = needsMc ? simulate(v.model, { samples: n.samples!, seed: n.seed, arrangements: [n.arrangement], yearly: false, cdfPoints: 0 }) : null;
  const checks: DealVerification["checks"] = [];
  n.conditions.forEach((c, ci) => {
    for (const partner of c.partners) {
      if (c.type === "npv") {
        const value = arr.partners.find((p) => p.id === partner)!.npv;
        checks.push({ condition: ci, partner, value, ok: value >= Math.round(c.min * 100) });
      } else {
        const value = sim!.arrangements[0]!.partners.find((p) => p.id === partner)!.probabilityOfLoss;
        checks.push({ condition: ci, partner, value, ok: value <= c.max });
      }
    }
  });
  return { ok: checks.every((c) => c.ok), checks };
}
