/**
 * Allocation keys (verdeelsleutels), compiled once: a key becomes a function from the evaluation
 * context (parameter values, year, benefit shares) to weights per partner. Weights are
 * non-negative and not all zero, or the key fails with the path of its spec.
 */
import { formulaShape, type Compiled } from "../case/formula.ts";
import { InputError, type Path } from "../messages/issues.ts";
import type { KeySpec, Partner } from "../case/schema/index.ts";

export interface KeyContext {
  values: ArrayLike<number>;
  year: number;
  /** Each partner's present value of positive effect results (for the `benefit` key). */
  benefit: ReadonlyMap<string, number>;
  /** The same, counting only effect results in these domains (a `benefit` key with `domains`). */
  benefitIn?: (domains: readonly string[]) => ReadonlyMap<string, number>;
}

/** Partners (sorted by id, so splits do not depend on listing order) and their weights. */
export interface Weights {
  partners: string[];
  weights: number[];
}

export type CompiledKey = ((ctx: KeyContext) => Weights) & {
  /** Set on a key whose weights can differ by year (a `by-year` key, or a blend with one). */
  readonly byYear?: true;
  /** What its weights depend on: parameter slots (null: unknown) and the benefit shares. Absent: anything. */
  readonly reads?: KeyReads;
};

export interface KeyReads { slots: ReadonlySet<number> | null; benefit: boolean }

/** The slots these formulas read (null if one is not a compiled formula of known shape). */
export function formulaReads(fns: readonly (Compiled | undefined)[]): Set<number> | null {
  const slots = new Set<number>();
  for (const fn of fns) {
    if (!fn) continue;
    const shape = formulaShape(fn);
    if (!shape) return null;
    for (const s of shape.slots) slots.add(s);
  }
  return slots;
}

/** What several keys and formulas read together (unknown if any part is unknown). */
export function readsOf(keys: readonly CompiledKey[], fns: readonly (Compiled | undefined)[] = []): KeyReads {
  let slots = formulaReads(fns), benefit = false;
  for (const k of keys) {
    const r = k.reads;
    if (!r) return { slots: null, benefit: true };
    benefit ||= r.benefit;
    if (slots && r.slots) for (const s of r.slots) slots.add(s);
    else slots = null;
  }
  return { slots, benefit };
}

const withReads = <K extends (ctx: KeyContext) => Weights>(key: K, reads: KeyReads): K & { reads: KeyReads } => Object.assign(key, { reads });

/**
 * `key` for one run of a step (one set of values and benefit shares, year after year): a key
 * that does not read the year gives the same weights every year, so they are worked out once
 * (a blend of 500 keys over 100 years was 50,000 keys a run). A call that fails fails again the
 * next year, as before: nothing is kept from it.
 */
export function keyForRun(key: CompiledKey): CompiledKey {
  if (key.byYear) return key;
  let weights: Weights | undefined;
  return (ctx) => (weights ??= key(ctx));
}

/** An error in evaluating an arrangement (a key with all weights zero, say), with its path. */
export class ArrangementError extends InputError {}

export interface KeyEnv {
  partners: readonly Partner[];
  /** Reports a validation problem. */
  add: (path: Path, code: string, params?: Record<string, unknown>) => void;
  checkPartner: (id: string, path: Path) => void;
  /** Compiles a money formula (numbers included) or reports why not. */
  compile: (src: string | number, path: Path) => Compiled | undefined;
  /** Compiles a weight formula (any unit: clients, inhabitants, ...). */
  compileWeight: (src: string | number, path: Path) => Compiled | undefined;
  /** Reports an unknown domain (a `benefit` key restricted to domains). */
  checkDomain?: (id: string, path: Path) => void;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorted partners and their checked weights. `last` (one per key) keeps the previous call's
 * partner list: when the partners are the same, the same frozen array comes back, so allocate's
 * tie ranks for it are looked up by identity, not worked out again per year and sample.
 */
function finish(entries: [string, number][], path: Path, last?: { partners: readonly string[] }): Weights {
  entries.sort((a, b) => byId(a[0], b[0]));
  let total = 0;
  for (const [p, w] of entries) {
    if (!Number.isFinite(w) || w < 0) throw new ArrangementError(path, "keyNegative", { partner: p, value: w });
    total += w;
  }
  if (!(total > 0)) throw new ArrangementError(path, "weightsZero");
  if (!Number.isFinite(total)) throw new ArrangementError(path, "distWeightsOverflow");
  const weights = entries.map((e) => e[1]);
  if (last) {
    const prev = last.partners;
    let same = prev.length === entries.length;
    for (let i = 0; same && i < entries.length; i++) same = prev[i] === entries[i]![0];
    if (!same) last.partners = Object.freeze(entries.map((e) => e[0]));
    return { partners: last.partners as string[], weights };
  }
  // Stryker disable next-line ObjectLiteral,ArrowFunction: equivalent, unreachable: every caller passes `last`
  return { partners: entries.map((e) => e[0]), weights };
}

export function compileKey(spec: KeySpec, path: Path, env: KeyEnv): CompiledKey {
  switch (spec.type) {
    case "fixed":
    case "usage": {
      const table = spec.type === "fixed" ? spec.shares : spec.volumes;
      const field = spec.type === "fixed" ? "shares" : "volumes";
      const parts: [string, Compiled][] = [];
      for (const [p, f] of Object.entries(table)) {
        env.checkPartner(p, [...path, field, p]);
        const c = env.compileWeight(f, [...path, field, p]);
        // Stryker disable next-line ConditionalExpression: equivalent, a weight that does not compile is reported and validation stops before any key is asked
        if (c) parts.push([p, c]);
      }
      if (Object.keys(table).length === 0) env.add([...path, field], "weightsZero");
      const last = { partners: [] as readonly string[] };
      return withReads((ctx: KeyContext) => finish(parts.map(([p, c]) => [p, c(ctx.values)]), path, last), { slots: formulaReads(parts.map((x) => x[1])), benefit: false });
    }
    case "inhabitants":
    case "insured":
    case "budget":
    case "income": {
      const field = spec.type;
      const chosen = spec.partners ?? env.partners.filter((p) => p[field] !== undefined).map((p) => p.id);
      spec.partners?.forEach((id, i) => {
        env.checkPartner(id, [...path, "partners", i]);
        const p = env.partners.find((x) => x.id === id);
        if (p && p[field] === undefined) env.add([...path, "partners", i], "keySizeMissing", { partner: id, size: field });
      });
      if (chosen.length === 0) env.add(path, "keyNoSizes", { size: field });
      const entries: [string, number][] = chosen.map((id) => [id, env.partners.find((x) => x.id === id)?.[field] ?? 0]);
      const last = { partners: [] as readonly string[] };
      return withReads(() => finish(entries.map((e) => [...e] as [string, number]), path, last), { slots: new Set(), benefit: false });
    }
    case "benefit": {
      const chosen = spec.partners ?? env.partners.map((p) => p.id);
      spec.partners?.forEach((id, i) => env.checkPartner(id, [...path, "partners", i]));
      const domains = spec.domains;
      if (domains) domains.forEach((d, i) => env.checkDomain?.(d, [...path, "domains", i]));
      const last = { partners: [] as readonly string[] };
      return withReads((ctx: KeyContext) => {
        const benefit = domains ? ctx.benefitIn?.(domains) : ctx.benefit;
        if (!benefit) throw new Error("a benefit key with domains needs benefitIn in its context");
        return finish(chosen.map((id) => [id, Math.max(0, benefit.get(id) ?? 0)]), path, last);
      }, { slots: new Set(), benefit: true });
    }
    case "blend": {
      const parts = spec.parts.map((part, i) => ({ weight: env.compileWeight(part.weight, [...path, "parts", i, "weight"]), key: compileKey(part.key, [...path, "parts", i, "key"], env) }));
      if (spec.parts.every((p) => p.weight === 0)) env.add([...path, "parts"], "weightsZero");
      const last = { partners: [] as readonly string[] };
      const blend: CompiledKey = (ctx) => {
        const acc = new Map<string, number>();
        parts.forEach((part, j) => {
          const weight = part.weight ? part.weight(ctx.values) : 0;
          if (!Number.isFinite(weight) || weight < 0) throw new ArrangementError([...path, "parts", j, "weight"], "keyNegative", { partner: `parts[${j}]`, value: weight });
          if (weight === 0) return;
          const w = part.key(ctx);
          const total = w.weights.reduce((s, x) => s + x, 0);
          w.partners.forEach((p, i) => acc.set(p, (acc.get(p) ?? 0) + (weight * w.weights[i]!) / total));
        });
        return finish([...acc.entries()], path, last);
      };
      const reads = readsOf(parts.map((part) => part.key), parts.map((part) => part.weight));
      return withReads(parts.some((part) => part.key.byYear) ? Object.assign(blend, { byYear: true as const }) : blend, reads);
    }
    case "by-year": {
      const years = new Map(Object.entries(spec.years).map(([y, k]) => [Number(y), compileKey(k, [...path, "years", y], env)]));
      const dflt = compileKey(spec.default, [...path, "default"], env);
      return Object.assign((ctx: KeyContext) => (years.get(ctx.year) ?? dflt)(ctx), { byYear: true as const, reads: readsOf([...years.values(), dflt]) });
    }
  }
}

/** A single partner as a key with one weight. */
export function singlePartner(id: string): CompiledKey {
  const partners = Object.freeze([id]) as string[];
  return withReads(() => ({ partners, weights: [1] }), { slots: new Set(), benefit: false });
}

/** Who pays: one partner (checked to exist) or several by a key, compiled at `path`. */
export function compilePayer(payer: string | { key: KeySpec }, path: Path, env: KeyEnv): CompiledKey {
  if (typeof payer === "string") {
    env.checkPartner(payer, path);
    return singlePartner(payer);
  }
  return compileKey(payer.key, [...path, "key"], env);
}
