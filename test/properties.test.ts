/**
 * Accounting invariants of the engine's core, one property per test, each titled with the
 * invariant it protects. The list lives in test/README.md.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import YAML from "yaml";
import { allocate, irr, npv, parseCaseText, serializeCase, type CaseInput, type Evaluation, type LedgerRow } from "../engine/index.ts";
import { arbCase } from "./arbitraries.ts";
import { byId, clone, evaluate } from "./helpers.ts";

// BCASE_PROPERTY_RUNS lowers the runs for mutation testing (stryker.vitest.config.ts), where every mutant reruns these.
fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: Number(process.env.BCASE_PROPERTY_RUNS ?? 150) });

const key = (r: LedgerRow) => `${r.year}|${r.partner}|${r.line}|${r.kind}|${r.counterparty ?? ""}`;
const rowMap = (ev: Evaluation) => {
  const m = new Map<string, number>();
  for (const r of ev.ledger.rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.amount);
  return m;
};

describe("invariant 1: conservation", () => {
  test.prop([arbCase])("per year, partner rows sum exactly (in cents) to the society row", (c) => {
    const ev = evaluate(c);
    ev.years.forEach((_, i) => {
      const sum = (f: (y: Evaluation["society"]["yearly"][number]) => number) => ev.partners.reduce((s, p) => s + f(p.yearly[i]!), 0);
      expect(sum((y) => y.net)).toBe(ev.society.yearly[i]!.net);
      expect(sum((y) => y.discountedNet)).toBe(ev.society.yearly[i]!.discountedNet);
    });
    expect(ev.partners.reduce((s, p) => s + p.npv, 0)).toBe(ev.society.npv);
    expect(ev.partners.reduce((s, p) => s + p.net, 0)).toBe(ev.society.net);
    for (const r of ev.ledger.rows) {
      expect(Number.isSafeInteger(r.amount)).toBe(true);
      expect(Number.isSafeInteger(r.discounted)).toBe(true);
    }
  });
});

describe("invariant 2: allocate", () => {
  const arbWeights = fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0));
  const arbAmount = fc.integer({ min: -1e12, max: 1e12 });
  test.prop([arbAmount, arbWeights])("parts sum exactly to the whole", (amount, weights) => {
    expect(allocate(amount, weights).reduce((s, v) => s + v, 0)).toBe(amount);
  });
  test.prop([fc.integer({ min: 0, max: 1e12 }), arbWeights])("no negative part for a positive amount, and the reverse", (amount, weights) => {
    for (const p of allocate(amount, weights)) expect(p).toBeGreaterThanOrEqual(0);
    for (const p of allocate(-amount, weights)) expect(p).toBeLessThanOrEqual(0);
  });
  test.prop([arbAmount, arbWeights])("a zero weight gets zero", (amount, weights) => {
    allocate(amount, weights).forEach((p, i) => { if (weights[i] === 0) expect(p).toBe(0); });
  });
  test.prop([arbAmount, arbWeights])("each part is within one cent of its exact share", (amount, weights) => {
    const total = weights.reduce((s, w) => s + w, 0);
    allocate(amount, weights).forEach((p, i) => expect(Math.abs(p - (amount * weights[i]!) / total)).toBeLessThan(1 + 1e-6));
  });
  test.prop([arbAmount, fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }).filter((w) => w.some((x) => x > 0))])(
    "with tie keys, the part each key gets does not depend on listing order",
    (amount, weights) => {
      const keys = weights.map((_, i) => `k${i}`);
      const a = allocate(amount, weights, keys);
      const order = keys.map((_, i) => i).reverse();
      const b = allocate(amount, order.map((i) => weights[i]!), order.map((i) => keys[i]!));
      order.forEach((i, j) => expect(b[j]).toBe(a[i]));
    },
  );
});

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("invariant 3: permutation", () => {
  test.prop([arbCase, fc.integer()])("reordering partners, domains, investments or effects changes no result", (c, seed) => {
    const p: CaseInput = { ...clone(c), partners: shuffled(c.partners, seed), domains: shuffled(c.domains, seed + 1), investments: shuffled(c.investments ?? [], seed + 2), effects: shuffled(c.effects ?? [], seed + 3) };
    const a = evaluate(c), b = evaluate(p);
    const strip = ({ id, name, kind, ...m }: Evaluation["partners"][number]) => m;
    const ba = byId(a), bb = byId(b);
    for (const id of Object.keys(ba)) expect(strip(bb[id]!)).toEqual(strip(ba[id]!));
    expect(b.society).toEqual(a.society);
    expect(b.ledger).toEqual(a.ledger);
    expect(b.wrongPocket).toEqual(a.wrongPocket);
  });
});

/** Multiplies every price and amount in a case by k. */
function scalePrices(c: CaseInput, k: number): CaseInput {
  const s = clone(c);
  const scale = (v: string | number | undefined) => (v === undefined ? v : typeof v === "number" ? v * k : `(${v}) * ${k}`);
  s.investments = (s.investments ?? []).map((i) => ({
    ...i, ...(i.amount !== undefined ? { amount: scale(i.amount)! } : {}),
    ...(i.schedule?.type === "explicit" ? { schedule: { type: "explicit" as const, amounts: Object.fromEntries(Object.entries(i.schedule.amounts).map(([y, v]) => [y, scale(v)!])) } } : {}),
  }));
  s.effects = (s.effects ?? []).map((e) => (e.unitPrice !== undefined ? { ...e, unitPrice: scale(e.unitPrice)! } : e));
  return s;
}

describe("invariant 4: homogeneity", () => {
  test.prop([arbCase, fc.integer({ min: 2, max: 7 })])(
    "multiplying every price by k multiplies every ledger line by k, to the rounding of that line",
    (c, k) => {
      const a = rowMap(evaluate(c)), b = rowMap(evaluate(scalePrices(c, k)));
      // One rounding to cents per line (up to k/2 + 1/2 cent after scaling) plus at most one cent per allocate step.
      const tolerance = Math.ceil(k / 2) + 2;
      for (const kk of new Set([...a.keys(), ...b.keys()])) expect(Math.abs((b.get(kk) ?? 0) - k * (a.get(kk) ?? 0))).toBeLessThanOrEqual(tolerance);
    },
  );
});

describe("invariant 5: discounting", () => {
  test.prop([arbCase])("at rate 0, NPV equals the undiscounted net", (c) => {
    const ev = evaluate({ ...c, discountRate: 0 });
    for (const p of ev.partners) expect(p.npv).toBe(p.net);
    expect(ev.society.npv).toBe(ev.society.net);
  });
  test.prop([arbCase])("t0 is not discounted; later amounts shrink at a positive rate", (c) => {
    const ev = evaluate(c);
    for (const r of ev.ledger.rows) {
      if (r.year === ev.case.startYear) expect(r.discounted).toBe(r.amount);
      else if (ev.case.discountRate > 0) expect(Math.abs(r.discounted)).toBeLessThanOrEqual(Math.abs(r.amount));
    }
  });
  test.prop([fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.integer({ min: 0, max: 30 })])(
    "a later saving is worth less than an earlier one at a positive rate",
    (amount, rate, k) => {
      expect(npv(rate, [...Array(k + 1).fill(0), amount])).toBeLessThan(npv(rate, [...Array(k).fill(0), amount]));
    },
  );
});

describe("invariant 6: round trip", () => {
  test.prop([arbCase])("parse(serialize(case)) equals the case, in YAML and JSON", (c) => {
    for (const format of ["yaml", "json"] as const) {
      const parsed = parseCaseText(serializeCase(c, format), format);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.data).toEqual(JSON.parse(JSON.stringify(c)));
    }
  });
  test.prop([arbCase])("JSON and YAML give identical results", (c) => {
    const y = parseCaseText(YAML.stringify(c), "yaml"), j = parseCaseText(JSON.stringify(c), "json");
    if (!y.ok || !j.ok) throw new Error("parse failed");
    expect(evaluate(y.data)).toEqual(evaluate(j.data));
  });
});

describe("invariant 7: deflators", () => {
  const withEffects = arbCase.filter((c) => (c.effects ?? []).some((e) => e.type !== "outcome"));
  test.prop([withEffects, fc.constantFrom("deadweight1", "attribution0", "quantity0")])(
    "deadweight 1, attribution 0 or effect 0 give zero saving and zero provider loss",
    (c, how) => {
      const s = clone(c);
      s.effects = (s.effects ?? []).map((e) => ({ ...e, ...(how === "deadweight1" ? { deadweight: 1 } : how === "attribution0" ? { attribution: 0 } : { quantity: 0 }) }));
      const ev = evaluate(s);
      expect(ev.ledger.rows.filter((r) => r.kind !== "investment")).toEqual([]);
      expect(ev.outcomes).toEqual([]);
    },
  );
});

describe("invariant 8: IRR", () => {
  test.prop([arbCase])("where an IRR is reported, NPV at that rate is 0 within a cent", (c) => {
    const ev = evaluate(c);
    for (const m of [...ev.partners, ev.society]) {
      if (m.irr.status !== "ok") continue;
      expect(Math.abs(npv(m.irr.rate, m.yearly.map((y) => y.net)))).toBeLessThan(1);
    }
  });
  test.prop([fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 2, maxLength: 15 })])("IRR of any flows is a rate with NPV 0, or a reason, never NaN", (flows) => {
    const r = irr(flows);
    if (r.status === "ok") {
      expect(Number.isFinite(r.rate)).toBe(true);
      expect(Math.abs(npv(r.rate, flows))).toBeLessThan(1);
    } else if (r.status === "multiple") for (const x of r.rates) expect(Math.abs(npv(x, flows))).toBeLessThan(1);
  });
});

/**
 * A naive reference: the case computed plainly in floating-point euros, straight from the
 * documented formulas, with no allocate, no rounding, no compiled formulas.
 */
function naive(c: CaseInput): Map<string, number[]> {
  const p = c.parameters as Record<string, number | { value: number }>;
  const val = (n: string) => { const x = p[n]!; return typeof x === "number" ? x : x.value; };
  const f = (v: string | number): number => {
    if (typeof v === "number") return v;
    const known: Record<string, number> = { "base * 1000": val("base") * 1000, "volume * share": val("volume") * val("share"), price: val("price") };
    const m = /^\((.*)\) \* (\d+)$/.exec(v);
    if (m) return f(m[1]!) * Number(m[2]);
    if (known[v] === undefined) throw new Error(`naive: unknown formula ${v}`);
    return known[v]!;
  };
  const first = c.startYear, n = c.horizon, last = first + n - 1;
  const out = new Map<string, number[]>(c.partners.map((x) => [x.id, new Array(n).fill(0)]));
  const add = (partner: string, year: number, euros: number) => { out.get(partner)![year - first]! += euros; };
  for (const inv of c.investments ?? []) {
    const s = inv.schedule ?? { type: "recurring" };
    const idx = inv.indexation ?? 0;
    if (s.type === "explicit") {
      const ys = Object.keys(s.amounts).map(Number).sort((a, b) => a - b);
      for (const y of ys) add(inv.bearer, y, -f(s.amounts[String(y)]!) * (1 + idx) ** (y - ys[0]!));
    } else {
      const from = s.type === "once" ? s.year : s.from ?? first, to = s.type === "once" ? s.year : s.to ?? last;
      for (let y = from; y <= to; y++) add(inv.bearer, y, -f(inv.amount!) * (1 + idx) ** (y - from));
    }
  }
  for (const e of c.effects ?? []) {
    if (e.type === "outcome") continue;
    const d = c.domains.find((x) => x.id === e.domain)!;
    const from = e.period?.from ?? first, to = e.period?.to ?? last;
    for (let y = from; y <= to; y++) {
      const k = y - from, r = e.rampUpYears ?? 0;
      const ramp = e.profile ? e.profile[String(y)] ?? 0 : r <= 1 ? 1 : Math.min(1, (k + 1) / r);
      const drop = e.dropOff && !e.profile ? (1 - (e.dropOff.rate as number)) ** Math.max(0, k - Math.max(1, r) + 1) : 1;
      const fr = (v: unknown, dflt: number) => (v === undefined ? dflt : f(v as number | string));
      const s = f(e.quantity) * f(e.unitPrice!) * (1 - fr(e.deadweight, 0)) * fr(e.attribution, 1) * (1 - fr(e.displacement, 0)) * (1 - fr(e.optimismBias, 0)) * ramp * drop;
      if (typeof d.funder === "string") add(d.funder, y, s);
      else if (Array.isArray(d.funder)) { const tot = d.funder.reduce((t, x) => t + (x.share ?? 1), 0); for (const x of d.funder) add(x.partner, y, s * (x.share ?? 1) / tot); }
      else throw new Error("random cases name their funders");
      if (e.transfer) add(e.transfer.counterparty, y, -s);
      if (e.production) {
        const provs = e.production === true ? [] : (e.production.providers ?? []).map((x) => (typeof x === "string" ? { partner: x, share: 1 } : { partner: x.partner, share: x.share ?? 1 }));
        const total = provs.reduce((t, x) => t + x.share, 0);
        const v = e.production === true ? 0 : fr(e.production.variableCostShare, 0);
        for (const x of provs) { add(x.partner, y, -s * x.share / total); add(x.partner, y, v * s * x.share / total); }
      }
    }
  }
  return out;
}

describe("invariant 9: reference implementation", () => {
  test.prop([arbCase])("a naive floating-point implementation agrees with the engine on random cases", (c) => {
    const ev = evaluate(c);
    const ref = naive(c);
    // Each line contributes at most three rounded rows to a partner-year (saving or loss,
    // variable-cost part, transfer): half a cent each, plus one cent per allocate step.
    const lines = (c.investments ?? []).length + (c.effects ?? []).length;
    for (const p of ev.partners) {
      p.yearly.forEach((y, i) => {
        const expected = ref.get(p.id)![i]! * 100;
        const tol = 3.5 * lines + 1e-6 * Math.abs(expected) + 1e-9;
        expect(Math.abs(y.net - expected)).toBeLessThanOrEqual(tol);
      });
    }
  });
});
