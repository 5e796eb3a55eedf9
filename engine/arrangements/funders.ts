/**
 * A domain's funders given by a key (`funder: { key: { type: inhabitants } }`): resolved once,
 * at the base values, to the fixed shares the ledger splits a saving by. Size keys
 * (inhabitants, insured, income, budget), fixed shares and usage volumes (numbers or formulas)
 * and blends of these qualify; `benefit` and `by-year` do not (a saving cannot be split by the
 * savings it makes, and a domain's funders do not change by year here). A share formula may not
 * read a parameter with a distribution, directly or through other parameters: the Monte Carlo
 * kernels split savings by fixed shares, so an uncertain share would silently stay at its base.
 */
import { compileKey, ArrangementError, type KeyEnv } from "./keys.ts";
import type { Path } from "../messages/issues.ts";
import { parseFormula } from "../case/formula.ts";
import type { ProviderPart } from "../case/model.ts";
import { normaliseParameter, type Case, type KeySpec } from "../case/schema/index.ts";

/** Parameters that vary in a Monte Carlo run: those with a distribution and those computed from them. */
export function uncertainParameters(c: Case): Set<string> {
  const uses = new Map<string, string[]>();
  const out = new Set<string>();
  for (const [name, raw] of Object.entries(c.parameters)) {
    const p = normaliseParameter(raw);
    if (p.distribution !== undefined) out.add(name);
    const f = p.value !== undefined ? parseFormula(p.value) : undefined;
    uses.set(name, f && f.ok ? [...f.formula.symbols] : []);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, deps] of uses) if (!out.has(name) && deps.some((d) => out.has(d))) { out.add(name); changed = true; }
  }
  return out;
}

function formulasOf(spec: KeySpec): (string | number)[] {
  switch (spec.type) {
    case "fixed": return Object.values(spec.shares);
    case "usage": return Object.values(spec.volumes);
    case "blend": return spec.parts.flatMap((p) => formulasOf(p.key));
    default: return [];
  }
}

/** Reports a key a domain's funders cannot be split by; true when it can. */
function staticKey(spec: KeySpec, path: Path, env: KeyEnv): boolean {
  if (spec.type === "benefit" || spec.type === "by-year") { env.add([...path, "type"], "funderKeyNotStatic", { type: spec.type }); return false; }
  if (spec.type === "blend") return spec.parts.map((p, i) => staticKey(p.key, [...path, "parts", i, "key"], env)).every(Boolean);
  return true;
}

/** The funders' shares (sorted by partner id), or undefined after reporting why not. */
export function keyFunderShares(spec: KeySpec, path: Path, env: KeyEnv, values: ArrayLike<number>, uncertain: ReadonlySet<string>): ProviderPart[] | undefined {
  if (!staticKey(spec, path, env)) return undefined;
  for (const f of formulasOf(spec)) {
    const parsed = parseFormula(f);
    const reads = parsed.ok ? parsed.formula.symbols.filter((s) => uncertain.has(s)) : [];
    if (reads.length > 0) { env.add(path, "funderKeyUncertain", { names: reads.join(", ") }); return undefined; }
  }
  const key = compileKey(spec, path, env);
  try {
    const w = key({ values, year: 0, benefit: new Map() });
    return w.partners.map((partner, i) => ({ partner, share: w.weights[i]! })).filter((p) => p.share > 0);
  } catch (e) {
    if (e instanceof ArrangementError) { env.add(e.path, e.code, e.params); return undefined; }
    throw e;
  }
}
