/**
 * Allocation keys (engine/arrangements/keys.ts) called directly: the weights each key type
 * gives, sorted by partner id, and the error (code, path, partner) for weights that cannot split
 * money. The formula compiler is replaced by numbers and `v<i>` (parameter i), which is all a
 * key needs from it.
 */
import { describe, expect, it } from "vitest";
import { ArrangementError, compileKey, type KeyContext, type KeySpec } from "../../engine/index.ts";
import { keyForRun, type KeyEnv } from "../../engine/arrangements/keys.ts";
import type { Path } from "../../engine/messages/issues.ts";

const partners = [
  { id: "zv", name: "Verzekeraar", kind: "insurer", insured: 10_000, budget: 500 },
  { id: "gem", name: "Gemeente", kind: "municipality", inhabitants: 30_000, budget: 1500 },
  { id: "b", name: "Buurgemeente", kind: "municipality", inhabitants: 10_000 },
] as KeyEnv["partners"];

function env() {
  const added: string[] = [];
  const num = (src: string | number) => (typeof src === "number" ? () => src : (v: ArrayLike<number>) => v[Number(src.slice(1))]!);
  const e: KeyEnv = {
    partners,
    add: (path: Path, code: string, params?: Record<string, unknown>) => { added.push(`${path.join(".")}: ${code}${params ? " " + JSON.stringify(params) : ""}`); },
    checkPartner: (id: string, path: Path) => { if (!partners.some((p) => p.id === id)) added.push(`${path.join(".")}: unknownPartner`); },
    compile: num, compileWeight: num,
    checkDomain: (id: string, path: Path) => { if (id !== "zvw" && id !== "wmo") added.push(`${path.join(".")}: unknownDomain`); },
  };
  return { e, added };
}
const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({ values: [2, 6], year: 2025, benefit: new Map(), ...over });
const weights = (spec: KeySpec, c: KeyContext = ctx()) => {
  const { e, added } = env();
  const w = compileKey(spec, ["k"], e)(c);
  return { ...w, added };
};
const failure = (spec: KeySpec, c: KeyContext = ctx()) => {
  const { e } = env();
  try { compileKey(spec, ["k"], e)(c); } catch (err) {
    expect(err).toBeInstanceOf(ArrangementError);
    const a = err as ArrangementError;
    return [a.path.join("."), a.code, a.params];
  }
  throw new Error("no error");
};

describe("keys give weights by partner id", () => {
  it("fixed shares and usage volumes, formulas included, sorted by id", () => {
    expect(weights({ type: "fixed", shares: { zv: 1, gem: "v1", b: 0 } })).toEqual({ partners: ["b", "gem", "zv"], weights: [0, 6, 1], added: [] });
    expect(weights({ type: "usage", volumes: { zv: "v0", gem: 3 } })).toEqual({ partners: ["gem", "zv"], weights: [3, 2], added: [] });
  });
  it("size keys take every partner with that size, or the listed ones", () => {
    expect(weights({ type: "inhabitants" })).toEqual({ partners: ["b", "gem"], weights: [10_000, 30_000], added: [] });
    expect(weights({ type: "insured" })).toEqual({ partners: ["zv"], weights: [10_000], added: [] });
    expect(weights({ type: "budget", partners: ["zv", "gem"] })).toEqual({ partners: ["gem", "zv"], weights: [1500, 500], added: [] });
  });
  it("reports a listed partner without the size, an unknown one, and a size nobody has", () => {
    const { e, added } = env();
    compileKey({ type: "insured", partners: ["gem", "x"] }, ["k"], e);
    compileKey({ type: "income" }, ["k2"], e);
    expect(added).toEqual([
      'k.partners.0: keySizeMissing {"partner":"gem","size":"insured"}',
      "k.partners.1: unknownPartner",
      'k2: keyNoSizes {"size":"income"}',
    ]);
  });
  it("benefit: each partner's positive benefit, all partners or the listed ones, optionally in some domains", () => {
    const benefit = new Map([["zv", 300], ["gem", -50]]);
    expect(weights({ type: "benefit" }, ctx({ benefit }))).toEqual({ partners: ["b", "gem", "zv"], weights: [0, 0, 300], added: [] });
    const seen: string[][] = [];
    const benefitIn = (d: readonly string[]) => { seen.push([...d]); return new Map([["b", 7], ["gem", 1]]); };
    expect(weights({ type: "benefit", partners: ["gem", "b"], domains: ["wmo"] }, ctx({ benefit, benefitIn }))).toEqual({ partners: ["b", "gem"], weights: [7, 1], added: [] });
    expect(seen).toEqual([["wmo"]]);
    const { e } = env();
    expect(() => compileKey({ type: "benefit", domains: ["wmo"] }, ["k"], e)(ctx())).toThrow("a benefit key with domains needs benefitIn in its context");
    const { e: e2, added } = env();
    compileKey({ type: "benefit", partners: ["q"], domains: ["zvw", "nope"] }, ["k"], e2);
    expect(added).toEqual(["k.partners.0: unknownPartner", "k.domains.1: unknownDomain"]);
    // An environment that checks no domains (checkDomain is optional) compiles the key all the same.
    const { e: e3 } = env();
    delete e3.checkDomain;
    expect(compileKey({ type: "benefit", domains: ["nope"] }, ["k"], e3)(ctx({ benefitIn: () => new Map([["gem", 2]]) })).weights).toEqual([0, 2, 0]);
  });
  it("blend: each part's key normalised, times its weight, summed", () => {
    // 1 x (gem 3/4, b 1/4) + 3 x (zv 1): gem 0.75, b 0.25, zv 3.
    expect(weights({ type: "blend", parts: [{ weight: 1, key: { type: "inhabitants" } }, { weight: 3, key: { type: "insured" } }] }))
      .toEqual({ partners: ["b", "gem", "zv"], weights: [0.25, 0.75, 3], added: [] });
    // A part with weight 0 adds nothing (and its key is not asked).
    expect(weights({ type: "blend", parts: [{ weight: 0, key: { type: "fixed", shares: { zv: 0 } } }, { weight: "v0", key: { type: "fixed", shares: { gem: 2, zv: 2 } } }] }))
      .toEqual({ partners: ["gem", "zv"], weights: [1, 1], added: [] });
  });
  it("by-year: the key of the year, else the default", () => {
    const spec: KeySpec = { type: "by-year", years: { "2026": { type: "insured" } }, default: { type: "fixed", shares: { gem: 1 } } };
    expect(weights(spec, ctx({ year: 2026 })).partners).toEqual(["zv"]);
    expect(weights(spec, ctx({ year: 2025 })).partners).toEqual(["gem"]);
  });
});

describe("a key for one run of a step (keyForRun)", () => {
  it("works out a key that ignores the year once per run: the same weights, the key asked once", () => {
    const { e } = env();
    let asked = 0;
    const inner = compileKey({ type: "blend", parts: [{ weight: 1, key: { type: "fixed", shares: { gem: 1, zv: 3 } } }] }, ["k"], e);
    const counted = Object.assign((c: KeyContext) => { asked++; return inner(c); }, {});
    const run = keyForRun(counted);
    const first = run(ctx({ year: 2025 })), second = run(ctx({ year: 2026 }));
    expect(second).toBe(first);
    expect(first).toEqual(inner(ctx()));
    expect(asked).toBe(1);
  });
  it("asks a key that reads the year every time: by-year, and a blend with a by-year part", () => {
    const { e } = env();
    const byYear: KeySpec = { type: "by-year", years: { "2026": { type: "insured" } }, default: { type: "fixed", shares: { gem: 1 } } };
    for (const spec of [byYear, { type: "blend", parts: [{ weight: 1, key: { type: "inhabitants" } }, { weight: 1, key: byYear }] } as KeySpec]) {
      const key = compileKey(spec, ["k"], e);
      expect(key.byYear).toBe(true);
      const run = keyForRun(key);
      expect(run(ctx({ year: 2025 }))).toEqual(key(ctx({ year: 2025 })));
      expect(run(ctx({ year: 2026 }))).toEqual(key(ctx({ year: 2026 })));
      expect(run(ctx({ year: 2026 }))).not.toEqual(run(ctx({ year: 2025 })));
    }
    expect(compileKey({ type: "blend", parts: [{ weight: 1, key: { type: "inhabitants" } }] }, ["k"], e).byYear).toBeUndefined();
  });
  it("keeps nothing from a call that fails: the next call fails again", () => {
    const { e } = env();
    const run = keyForRun(compileKey({ type: "fixed", shares: { gem: 0 } }, ["k"], e));
    expect(() => run(ctx())).toThrow(ArrangementError);
    expect(() => run(ctx())).toThrow(ArrangementError);
  });
});

describe("keys refuse weights that cannot split money, with the path", () => {
  it("a negative or non-finite weight names the partner and the value", () => {
    expect(failure({ type: "fixed", shares: { gem: 1, zv: -1 } })).toEqual(["k", "keyNegative", { partner: "zv", value: -1 }]);
    expect(failure({ type: "usage", volumes: { gem: Number.NaN } })).toEqual(["k", "keyNegative", { partner: "gem", value: Number.NaN }]);
  });
  it("all zero, and a sum beyond the largest double", () => {
    expect(failure({ type: "fixed", shares: { gem: 0, zv: 0 } })).toEqual(["k", "weightsZero", {}]);
    expect(failure({ type: "fixed", shares: { gem: 1.5e308, zv: 1.5e308 } })).toEqual(["k", "distWeightsOverflow", {}]);
  });
  it("a blend part with a negative weight, and a blend of nothing", () => {
    expect(failure({ type: "blend", parts: [{ weight: -2, key: { type: "insured" } }] })).toEqual(["k.parts.0.weight", "keyNegative", { partner: "parts[0]", value: -2 }]);
    const { e, added } = env();
    compileKey({ type: "blend", parts: [{ weight: 0, key: { type: "insured" } }] }, ["k"], e);
    compileKey({ type: "fixed", shares: {} }, ["f"], e);
    expect(added).toEqual(["k.parts: weightsZero", "f.shares: weightsZero"]);
  });
});

describe("keys give the same frozen partner list while the partners stay the same", () => {
  const compiled = (spec: KeySpec) => compileKey(spec, ["k"], env().e);
  it("every key type: one list across calls (allocate finds its tie ranks by identity), frozen", () => {
    const benefit = new Map([["zv", 300], ["gem", 50]]);
    for (const spec of [
      { type: "fixed", shares: { zv: 1, gem: "v1" } }, { type: "inhabitants" }, { type: "benefit" },
      { type: "blend", parts: [{ weight: 1, key: { type: "inhabitants" } }, { weight: 3, key: { type: "insured" } }] },
    ] as KeySpec[]) {
      const k = compiled(spec);
      const first = k(ctx({ benefit, values: [2, 6] }));
      const second = k(ctx({ benefit, values: [5, 7], year: 2026 }));
      expect(second.partners).toBe(first.partners);
      expect(Object.isFrozen(first.partners)).toBe(true);
    }
  });
  it("a new list, with the right partners, when they change: a blend whose parts switch by a parameter", () => {
    // v0 weighs the part of gem alone, v1 the part of zv alone: the partners go gem -> zv -> zv -> gem, zv.
    const k = compiled({ type: "blend", parts: [{ weight: "v0", key: { type: "fixed", shares: { gem: 1 } } }, { weight: "v1", key: { type: "fixed", shares: { zv: 1 } } }] });
    const a = k(ctx({ values: [1, 0] }));
    const b = k(ctx({ values: [0, 2] }));
    const c = k(ctx({ values: [0, 3] }));
    const d = k(ctx({ values: [1, 1] }));
    expect([a, b, c, d].map((w) => [w.partners, w.weights])).toEqual([[["gem"], [1]], [["zv"], [2]], [["zv"], [3]], [["gem", "zv"], [1, 1]]]);
    expect(b.partners).not.toBe(a.partners);
    expect(c.partners).toBe(b.partners);
    expect(Object.isFrozen(d.partners)).toBe(true);
    // Fewer partners than before, the first of them the same: gem, zv -> gem.
    const e = k(ctx({ values: [4, 0] }));
    expect([e.partners, e.weights]).toEqual([["gem"], [4]]);
  });
});
