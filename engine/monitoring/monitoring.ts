/**
 * Monitoring against actuals: the plan (the case as evaluated) next to what happened (the same
 * case with realised figures in the years that have them), per line, partner and year; the
 * arrangements re-run on the actuals, so the pot result, shared savings and settlements show as
 * they actually fall due (the true-up); and the agreed indicators with their status.
 *
 * Convention: variance = actual - plan, signed from the partner's budget like the ledger (a
 * positive variance is good news for that partner).
 */
import type { CompiledArrangement } from "../arrangements/types.ts";
import { evaluateModel } from "../ledger/evaluate.ts";
import type { Evaluation } from "../ledger/evaluation.ts";
import type { Compiled } from "../case/formula.ts";
import type { Path } from "../messages/issues.ts";
import type { LedgerRow } from "../ledger/row.ts";
import { boundedCents, type Cents } from "../money/money.ts";
import { parameterValues, type CompiledActuals, type Model } from "../case/model.ts";
import type { Case } from "../case/schema/index.ts";

export interface ActualsEnv {
  add: (path: Path, code: string, params?: Record<string, unknown>) => void;
  checkPartner: (id: string, path: Path) => void;
  inHorizon: (year: number | undefined, path: Path) => void;
  compile: (src: string | number, path: Path) => Compiled | undefined;
}

export function compileActuals(c: Case, arrangements: readonly CompiledArrangement[], env: ActualsEnv): CompiledActuals {
  const out: CompiledActuals = { years: [], investments: new Map(), effects: new Map(), contributions: new Map() };
  const investments = new Set(c.investments.map((i) => i.id));
  const effects = new Set(c.effects.filter((e) => e.type === "saving").map((e) => e.id));
  const pots = new Map<string, string>();
  for (const a of arrangements) {
    const potSteps = a.steps.filter((s) => s.spec.type === "pot");
    for (const s of potSteps) pots.set(`${a.id}/${s.id}`, `${a.id}/${s.id}`);
    if (potSteps.length === 1) pots.set(a.id, `${a.id}/${potSteps[0]!.id}`);
  }
  const seen = new Map<number, number>();
  c.actuals.forEach((a, i) => {
    const base: Path = ["actuals", i];
    env.inHorizon(a.year, [...base, "year"]);
    if (seen.has(a.year)) env.add([...base, "year"], "duplicateYear", { year: a.year, other: `actuals[${seen.get(a.year)}]` });
    else seen.set(a.year, i);
    out.years.push(a.year);
    for (const [id, f] of Object.entries(a.investments ?? {})) {
      const path: Path = [...base, "investments", id];
      if (!investments.has(id)) env.add(path, "unknownInvestment", { name: id });
      const fn = env.compile(f, path);
      if (fn) { const m = out.investments.get(id) ?? new Map(); m.set(a.year, fn); out.investments.set(id, m); }
    }
    for (const [id, v] of Object.entries(a.effects ?? {})) {
      const path: Path = [...base, "effects", id];
      if (!effects.has(id)) env.add(path, "unknownEffect", { name: id });
      const fn = "quantity" in v ? env.compile(v.quantity, [...path, "quantity"]) : env.compile(v.amount, [...path, "amount"]);
      if (fn) { const m = out.effects.get(id) ?? new Map(); m.set(a.year, "quantity" in v ? { quantity: fn } : { amount: fn }); out.effects.set(id, m); }
    }
    for (const [key, table] of Object.entries(a.contributions ?? {})) {
      const path: Path = [...base, "contributions", key];
      const potKey = pots.get(key);
      if (!potKey) { env.add(path, "unknownPot", { name: key, known: [...pots.keys()].join(", ") || "-" }); continue; }
      const entries: [string, Compiled, Path][] = [];
      for (const [p, f] of Object.entries(table)) {
        env.checkPartner(p, [...path, p]);
        const fn = env.compile(f, [...path, p]);
        if (fn) entries.push([p, fn, [...path, p]]);
      }
      const m = out.contributions.get(potKey) ?? new Map();
      m.set(a.year, entries);
      out.contributions.set(potKey, m);
    }
  });
  c.indicators.forEach((ind, i) => {
    for (const y of [...Object.keys(ind.targets), ...Object.keys(ind.actuals ?? {})]) env.inHorizon(Number(y), ["indicators", i, Object.keys(ind.targets).includes(y) ? "targets" : "actuals", y]);
  });
  out.years.sort((a, b) => a - b);
  return out;
}

/** The model with realised figures in place of the plan, for the years that have them. */
export function actualModel(model: Model): Model {
  const A = model.actuals;
  const investments = model.investments.map((inv) => {
    const act = A.investments.get(inv.line.id);
    if (!act) return inv;
    const years = inv.years.filter((y) => !act.has(y.year)).map((y) => ({ ...y }));
    for (const [year, fn] of act) years.push({ year, amount: fn, factor: 1 });
    years.sort((a, b) => a.year - b.year);
    return { ...inv, years };
  });
  const effects = model.effects.map((e) => {
    const act = A.effects.get(e.line.id);
    if (!act) return e;
    const years = e.years.map((y) => {
      const a = act.get(y.year);
      return a ? { ...y, ...(a.quantity ? { actualQuantity: a.quantity } : {}), ...(a.amount ? { actualAmount: a.amount } : {}) } : y;
    });
    for (const [year, a] of act) if (!years.some((y) => y.year === year)) years.push({ year, ramp: 1, dropOffPower: 0, ...(a.quantity ? { actualQuantity: a.quantity } : {}), ...(a.amount ? { actualAmount: a.amount } : {}) });
    years.sort((a, b) => a.year - b.year);
    return { ...e, years };
  });
  return { ...model, investments, effects };
}

export interface PlanActual {
  year: number;
  plan: Cents;
  actual: Cents;
  variance: Cents;
}

export type IndicatorStatus = "on-track" | "off-track" | "no-data";

export interface Monitoring {
  /** Years with realised figures. */
  years: number[];
  /** Per line, partner and kind, in the years with actuals, where plan or actual is not zero. */
  lines: (PlanActual & { line: string; partner: string; kind: string })[];
  partners: { id: string; name: string; yearly: PlanActual[]; plan: Cents; actual: Cents; variance: Cents; npvPlan: Cents; npvActual: Cents }[];
  /** Per arrangement: transfers as planned and as they fall due on the actuals; trueUp = actual - plan. */
  arrangements: { id: string; name: string; partners: { id: string; yearly: (PlanActual & { trueUp: Cents })[]; plan: Cents; actual: Cents; trueUp: Cents }[]; pots: Evaluation["arrangements"][number]["pots"] }[];
  indicators: { id: string; label: string; unit: string | null; direction: string; years: { year: number; target: number | null; actual: number | null; status: IndicatorStatus }[] }[];
  /** The full evaluation on actuals (for charts and exports). */
  actual: Evaluation;
}

function sumBy(rows: readonly LedgerRow[], key: (r: LedgerRow) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.amount);
  return m;
}

export function indicatorStatus(target: number | undefined, actual: number | undefined, direction: string, tolerance: number): IndicatorStatus {
  if (actual === undefined || target === undefined) return "no-data";
  const margin = Math.abs(target) * tolerance;
  return direction === "lower-is-better" ? (actual <= target + margin ? "on-track" : "off-track") : (actual >= target - margin ? "on-track" : "off-track");
}

/** What partners actually put into pots (cents), by `arrangement/step`, year and partner. */
export function actualContributions(model: Model, values: ArrayLike<number>): Map<string, Map<number, Record<string, number>>> {
  const contributions = new Map<string, Map<number, Record<string, number>>>();
  for (const [key, byYear] of model.actuals.contributions) {
    const m = new Map<number, Record<string, number>>();
    for (const [year, entries] of byYear) m.set(year, Object.fromEntries(entries.map(([p, f, path]) => [p, boundedCents(f(values), path ?? ["actuals"], "contribution", year)])));
    contributions.set(key, m);
  }
  return contributions;
}

export function evaluateMonitoring(model: Model, plan: Evaluation = evaluateModel(model), overrides?: Readonly<Record<string, number>>): Monitoring {
  const values = parameterValues(model.parameters, overrides);
  const contributions = actualContributions(model, values);
  const actual = evaluateModel(actualModel(model), overrides, { actualContributions: contributions });
  const years = model.actuals.years;
  const inActual = new Set(years);
  const keyOf = (r: LedgerRow) => `${r.line}\u0000${r.partner}\u0000${r.kind}\u0000${r.year}`;
  const p = sumBy(plan.ledger.rows.filter((r) => inActual.has(r.year)), keyOf);
  const a = sumBy(actual.ledger.rows.filter((r) => inActual.has(r.year)), keyOf);
  const lines = [...new Set([...p.keys(), ...a.keys()])].sort().map((k) => {
    const [line, partner, kind, year] = k.split("\u0000") as [string, string, string, string];
    const planned = p.get(k) ?? 0, real = a.get(k) ?? 0;
    return { year: Number(year), line, partner, kind, plan: planned, actual: real, variance: real - planned };
  }).filter((l) => l.plan !== 0 || l.actual !== 0);

  const partners = plan.partners.map((pp, i) => {
    const ap = actual.partners[i]!;
    const yearly = pp.yearly.map((y, k) => ({ year: y.year, plan: y.net, actual: ap.yearly[k]!.net, variance: ap.yearly[k]!.net - y.net }));
    return { id: pp.id, name: pp.name, yearly, plan: pp.net, actual: ap.net, variance: ap.net - pp.net, npvPlan: pp.npv, npvActual: ap.npv };
  });

  const arrangements = plan.arrangements.map((pa, i) => {
    const aa = actual.arrangements[i]!;
    const entities = [...model.case.partners.map((x) => x.id), ...pa.pots.map((x) => x.id)];
    const byYear = (rows: readonly LedgerRow[]) => sumBy(rows, (r) => `${r.partner}\u0000${r.year}`);
    const pt = byYear(pa.rows), at = byYear(aa.rows);
    return {
      id: pa.id, name: pa.name, pots: aa.pots,
      partners: entities.filter((id) => !id.startsWith("pot:") || pa.pots.some((x) => x.id === id)).map((id) => {
        const yearly = model.years.map((year) => {
          const planned = pt.get(`${id}\u0000${year}`) ?? 0, real = at.get(`${id}\u0000${year}`) ?? 0;
          return { year, plan: planned, actual: real, variance: real - planned, trueUp: real - planned };
        });
        const plan = yearly.reduce((s, y) => s + y.plan, 0), act = yearly.reduce((s, y) => s + y.actual, 0);
        return { id, yearly, plan, actual: act, trueUp: act - plan };
      }),
    };
  });

  const indicators = model.case.indicators.map((ind) => {
    const ys = [...new Set([...Object.keys(ind.targets), ...Object.keys(ind.actuals ?? {})].map(Number))].sort((x, y) => x - y);
    return {
      id: ind.id, label: ind.label, unit: ind.unit ?? null, direction: ind.direction,
      years: ys.map((year) => {
        const target = ind.targets[String(year)], act = ind.actuals?.[String(year)];
        return { year, target: target ?? null, actual: act ?? null, status: indicatorStatus(target, act, ind.direction, ind.tolerance) };
      }),
    };
  });
  return { years, lines, partners, arrangements, indicators, actual };
}
