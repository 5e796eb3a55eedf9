/**
 * The negotiation solver: a deal it returns meets every condition when the engine re-evaluates
 * the case with the terms written in; it reports infeasibility only when a finer grid, checked
 * here by the engine's own evaluation, has no feasible point either; it names the partner whose
 * condition blocks; validation of negotiations; determinism.
 */
import { fc, test as propTest } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import YAML from "yaml";
import { evaluateModel, formatPath, validateCase } from "../../engine/index.ts";
import { negotiate, prepareNegotiation, substituteDeal, verifyDeal, type PreparedNegotiation } from "../../engine/decision/negotiate.ts";
import { toNegotiationJson } from "../../engine/decision/json.ts";

/** Municipality a invests; insurer b and care office c save; b and c pass shares of their savings to a. */
function dealCase(o: { invest: number; q: number; negotiation: Record<string, unknown>; rate0?: number | string; extra?: Record<string, unknown> }): Record<string, unknown> {
  return {
    id: "deal", title: "Deal", priceYear: 2024, startYear: 2024, horizon: 3,
    partners: [{ id: "a", name: "A", kind: "municipality" }, { id: "b", name: "B", kind: "insurer" }, { id: "c", name: "C", kind: "care-office" }, { id: "r", name: "R", kind: "resident" }],
    domains: [{ id: "wmo", name: "Wmo", funder: "a" }, { id: "zvw", name: "Zvw", funder: "b" }, { id: "wlz", name: "Wlz", funder: "c" }, { id: "pw", name: "Pw", funder: "a" }],
    parameters: { q: { value: o.q, distribution: { type: "normal", mean: o.q, sd: o.q / 4 } }, share: 0.2, ...(o.extra ?? {}) },
    investments: [{ id: "i", label: "I", bearer: "a", domain: "wmo", category: "revenue", amount: o.invest }],
    effects: [
      { id: "e1", label: "E1", domain: "zvw", quantity: "q", unitPrice: 100 },
      { id: "e2", label: "E2", domain: "wlz", quantity: "q", unitPrice: 40 },
      { id: "e3", label: "E3", domain: "pw", quantity: 10, unitPrice: 100, transfer: { counterparty: "r" } },
    ],
    arrangements: [{ id: "deal", name: "Deal", steps: [
      { type: "shared-savings", from: "b", to: "a", rate: o.rate0 ?? 0.5 },
      { type: "shared-savings", from: "c", to: "a", rate: "share" },
    ] }],
    negotiations: { n: o.negotiation },
    simulation: { seed: 11 },
  };
}

function prepared(data: unknown, id?: string): PreparedNegotiation {
  const p = prepareNegotiation(data, id, "en");
  if (!p.ok) throw new Error(p.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("\n"));
  return p.negotiation;
}

/** NPV (cents) per partner under the arrangement, by the engine, with the levers at `values` written into the case. */
function engineNpv(n: PreparedNegotiation, values: number[]): Map<string, number> {
  const v = validateCase(substituteDeal(n, values));
  if (!v.ok) throw new Error("invalid");
  const arr = evaluateModel(v.model).arrangements.find((a) => a.id === n.arrangement)!;
  return new Map(arr.partners.map((p) => [p.id, p.npv]));
}

/** The same by evaluateModel with the levers as parameter overrides (no validation per point: fast). */
function overrideNpv(n: PreparedNegotiation, values: number[]): Map<string, number> {
  const arr = evaluateModel(n.model, Object.fromEntries(n.levers.map((l, k) => [l.parameter, values[k]!]))).arrangements.find((a) => a.id === n.arrangement)!;
  return new Map(arr.partners.map((p) => [p.id, p.npv]));
}

describe("a solved negotiation", () => {
  const data = dealCase({ invest: 60_000, q: 1000, negotiation: { arrangement: "deal", partners: ["a", "b", "c"], levers: [{ path: "steps[0].rate", min: 0, max: 1, label: "B's share" }], conditions: [{ type: "npv", min: 0 }] } });
  const n = prepared(data);
  const r = negotiate(n);

  test("the deal meets every condition when the engine evaluates the case with it written in", () => {
    expect(r.feasible).toBe(true);
    expect(r.verification?.ok).toBe(true);
    const npv = engineNpv(n, r.best!.values);
    for (const p of ["a", "b", "c"]) expect(npv.get(p)!).toBeGreaterThanOrEqual(0);
    // The solver's own figures are the engine's.
    expect(r.best!.npv).toEqual(["a", "b", "c"].map((p) => npv.get(p)));
  });

  test("the feasible range is one stretch, found on the grid, and the best deal balances the smallest ROI", () => {
    expect(r.ranges.length).toBe(1);
    const [lo, hi] = r.ranges[0]!;
    expect(lo).toBeLessThan(hi);
    expect(r.best!.values[0]).toBeGreaterThanOrEqual(lo - 1 / 40);
    expect(r.best!.values[0]).toBeLessThanOrEqual(hi + 1 / 40);
    // No feasible grid point has a higher smallest ROI.
    for (const p of r.grid) if (p.feasible) expect(p.objective!).toBeLessThanOrEqual(r.best!.objective! + 1e-12);
  });

  test("the same case and seed give the same answer", () => {
    const again = negotiate(prepared(data));
    expect(again).toEqual(r);
  });

  test("with a loss-probability condition, the samples' P(loss) is the one a simulation of the written-in case gives", () => {
    const d2 = dealCase({ invest: 60_000, q: 1000, negotiation: { arrangement: "deal", partners: ["a", "b"], levers: [{ path: "steps[0].rate", min: 0, max: 1 }], conditions: [{ type: "loss-probability", max: 0.3 }], samples: 300 } });
    const n2 = prepared(d2);
    const r2 = negotiate(n2);
    expect(r2.feasible).toBe(true);
    expect(r2.verification!.ok).toBe(true);
    const checks = r2.verification!.checks;
    expect(checks.map((c) => c.value)).toEqual(r2.best!.lossProbability);
    for (const c of checks) expect(c.value).toBeLessThanOrEqual(0.3);
  });

  test("a parameter lever and two levers: a map of the region, and the best deal re-evaluated", () => {
    const d3 = dealCase({ invest: 60_000, q: 1000, negotiation: { arrangement: "deal", partners: ["a", "b", "c"], levers: [{ path: "steps[0].rate", min: 0, max: 1 }, { parameter: "share", min: 0, max: 1 }], objective: "max-min-npv", grid: 9 } });
    const r3 = negotiate(prepared(d3));
    expect(r3.grid.length).toBe(81);
    expect(r3.feasible).toBe(true);
    expect(r3.verification!.ok).toBe(true);
    // max-min-npv: the smallest NPV of the best deal is at least that of every feasible grid point.
    for (const p of r3.grid) if (p.feasible) expect(Math.min(...p.npv)).toBeLessThanOrEqual(Math.min(...r3.best!.npv));
    // A parameter lever carries the parameter's unit, when the case gives one (pages show a share in per cent).
    expect(r3.levers.map((l) => l.unit)).toEqual([undefined, undefined]);
    const d4 = dealCase({ invest: 60_000, q: 1000, negotiation: { arrangement: "deal", levers: [{ parameter: "share", min: 0, max: 1 }] }, extra: { share: { value: 0.2, unit: "1" } } });
    expect(prepared(d4).levers[0]!.unit).toBe("1");
  });
});

describe("infeasible negotiations", () => {
  test("a partner that can never gain is named as the one blocking, with the best it can reach", () => {
    const data = dealCase({ invest: 60_000, q: 1000, negotiation: { arrangement: "deal", levers: [{ path: "steps[0].rate", min: 0, max: 1 }] } });
    const r = negotiate(prepared(data));
    expect(r.feasible).toBe(false);
    expect(r.best).toBeNull();
    expect(r.blocking).toEqual([{ condition: 0, partner: "r" }]);
    const limit = r.limits.find((l) => l.partner === "r")!;
    expect(limit.satisfiable).toBe(false);
    expect(limit.best).toBeLessThan(0);
  });

  test("conditions each reachable but not together: those without which a deal exists", () => {
    // a breaks even from a rate of about 0.72; b keeps EUR 150,000 only up to about 0.49.
    const data = dealCase({ invest: 80_000, q: 1000, negotiation: { arrangement: "deal", partners: ["a", "b"], levers: [{ path: "steps[0].rate", min: 0, max: 1 }], conditions: [{ type: "npv", min: 0, partners: ["a"] }, { type: "npv", min: 150_000, partners: ["b"] }] } });
    const r = negotiate(prepared(data));
    expect(r.feasible).toBe(false);
    expect(r.limits.every((l) => l.satisfiable)).toBe(true);
    expect(r.blocking).toEqual([{ condition: 0, partner: "a" }, { condition: 1, partner: "b" }]);
  });
});

describe("validation of negotiations", () => {
  const issues = (negotiation: Record<string, unknown>, extra?: Record<string, unknown>) => {
    const v = validateCase(dealCase({ invest: 1, q: 1, negotiation, ...(extra ? { extra } : {}) }), { lang: "en" });
    return v.ok ? [] : v.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
  };
  const lever = { path: "steps[0].rate", min: 0, max: 1 };

  test("unknown arrangement, partners, parameters and paths, with their paths", () => {
    expect(issues({ arrangement: "deel", levers: [lever] })).toEqual([expect.stringMatching(/^negotiations\.n\.arrangement: unknown arrangement "deel" \(did you mean "deal"\?\) \(known: deal\)$/)]);
    expect(issues({ arrangement: "deal", partners: ["x"], levers: [{ parameter: "nope", min: 0, max: 1 }, { path: "steps[3].rate", min: 0, max: 1 }] })).toEqual([
      expect.stringMatching(/^negotiations\.n\.partners\[0\]: unknown partner "x"/),
      expect.stringMatching(/^negotiations\.n\.levers\[0\]\.parameter: unknown parameter "nope"/),
      expect.stringMatching(/^negotiations\.n\.levers\[1\]\.path: "steps\[3\]\.rate" does not exist/),
    ]);
    expect(issues({ arrangement: "deal", levers: [{ path: "steps[1].rate", min: 0, max: 1 }] })).toEqual([expect.stringMatching(/levers\[0\]\.path: this path holds no number but share/)]);
  });

  test("a lever is one of parameter and path, with max above min; a lever parameter has no distribution and moves only the arrangement", () => {
    expect(issues({ arrangement: "deal", levers: [{ min: 0, max: 1 }] })).toEqual([expect.stringMatching(/^negotiations\.n\.levers\[0\]: a negotiable term names a parameter/)]);
    expect(issues({ arrangement: "deal", levers: [{ ...lever, max: 0 }] })).toEqual([expect.stringMatching(/^negotiations\.n\.levers\[0\]\.max: max \(0\) must be greater than min \(0\)/)]);
    expect(issues({ arrangement: "deal", levers: [{ parameter: "q", min: 0, max: 1 }] })).toEqual([expect.stringMatching(/levers\[0\]\.parameter: parameter "q" has a distribution/)]);
    const data = dealCase({ invest: 1, q: 1, negotiation: { arrangement: "deal", levers: [{ parameter: "price", min: 0, max: 1 }] }, extra: { price: 100 } });
    (data.effects as Record<string, unknown>[])[0]!.unitPrice = "price";
    const v = validateCase(data, { lang: "en" });
    expect(v.ok ? [] : v.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)).toEqual([expect.stringMatching(/levers\[0\]\.parameter: parameter "price" also changes the investments or effects/)]);
  });

  test("a bound the field does not allow is named at the lever", () => {
    const data = dealCase({ invest: 1000, q: 100, negotiation: { arrangement: "deal", levers: [{ path: "steps[0].rate", min: 0, max: 1.5 }] } });
    const p = prepareNegotiation(data, undefined, "en");
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.issues.map((i) => formatPath(i.path))).toEqual(["negotiations.n.levers[0].max"]);
  });

  test("a case without negotiations, or an unknown one", () => {
    const data = dealCase({ invest: 1000, q: 100, negotiation: { arrangement: "deal", levers: [lever] } });
    const p = prepareNegotiation(data, "other", "nl");
    expect(p.ok ? "" : p.issues[0]!.message).toBe('geen onderhandeling "other" in de case (bekend: n)');
    delete data.negotiations;
    const q = prepareNegotiation(data, undefined, "en");
    expect(q.ok ? "" : q.issues[0]!.code).toBe("negotiationNone");
  });
});

describe("a blend key's weight as a negotiable term", () => {
  test("the weight may be a formula, and a negotiation moves it", () => {
    const data = dealCase({ invest: 60_000, q: 1000, negotiation: { arrangement: "pot", partners: ["a", "b", "c"], levers: [{ path: "steps[0].contributions.key.parts[0].weight", min: 0, max: 1 }], grid: 21 } });
    (data.arrangements as unknown[]).push({ id: "pot", name: "Pot", steps: [{
      type: "pot", pays: {}, deficit: { riskBearer: "a" },
      contributions: { key: { type: "blend", parts: [{ weight: 0.5, key: { type: "benefit", partners: ["b", "c"] } }, { weight: "1 - 0.5", key: { type: "fixed", shares: { a: 1 } } }] } },
    }] });
    const n = prepared(data);
    const r = negotiate(n);
    expect(r.grid.length).toBe(21);
    // More weight on the benefit key moves the pot's cost from a to b and c.
    expect(r.grid[20]!.npv[0]!).toBeGreaterThan(r.grid[0]!.npv[0]!);
    if (r.feasible) expect(r.verification!.ok).toBe(true);
  });
});

describe("properties", () => {
  propTest.prop([
    fc.integer({ min: 10_000, max: 150_000 }), fc.integer({ min: 200, max: 2000 }),
    fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: -20_000, max: 20_000 }), fc.boolean(),
  ], { numRuns: 12 })("a deal satisfies every condition when re-evaluated; infeasible only when a finer grid has no feasible point either", (invest, q, minA, minB, withLoss) => {
    const conditions: unknown[] = [{ type: "npv", min: minA, partners: ["a"] }, { type: "npv", min: minB, partners: ["b"] }];
    if (withLoss) conditions.push({ type: "loss-probability", max: 0.4, partners: ["a", "b"] });
    const data = dealCase({ invest, q, negotiation: { arrangement: "deal", partners: ["a", "b"], levers: [{ path: "steps[0].rate", min: 0, max: 1 }], conditions, grid: 11, samples: 120 } });
    const n = prepared(data);
    const r = negotiate(n);
    if (r.feasible) {
      expect(r.verification!.ok).toBe(true);
      const npv = engineNpv(n, r.best!.values);
      expect(npv.get("a")!).toBeGreaterThanOrEqual(minA * 100);
      expect(npv.get("b")!).toBeGreaterThanOrEqual(minB * 100);
    } else {
      // A grid four times finer, through the engine's own evaluation, finds no point meeting
      // every condition either.
      let anyNpvFeasible = false;
      for (let k = 0; k <= 40; k++) {
        const x = k / 40;
        const npv = overrideNpv(n, [x]);
        if (npv.get("a")! >= minA * 100 && npv.get("b")! >= minB * 100) {
          anyNpvFeasible = true;
          // Then only the loss condition can fail there: the solver's own verification at that point says so.
          if (withLoss) expect(verifyDeal(n, [x]).ok).toBe(false);
        }
      }
      if (!withLoss) expect(anyNpvFeasible).toBe(false);
    }
  });
});

describe("the bundled example", () => {
  test("rich.yaml: the shared-savings negotiation finds a deal every partner at the table signs, verified by the engine", () => {
    const data = YAML.parse(readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8"));
    const n = prepared(data);
    const r = negotiate(n);
    expect(r.feasible).toBe(true);
    expect(r.verification!.ok).toBe(true);
    expect(r.current.feasible).toBe(false);
  });

  test("rich.yaml with P(loss) <= 30 % as well: infeasible, and the loss conditions that no evaluated deal meets are named with the best reached", () => {
    const data = YAML.parse(readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8"));
    const neg = data.negotiations["besparingen-delen"];
    neg.conditions = [{ type: "npv", min: 0 }, { type: "loss-probability", max: 0.3 }];
    neg.samples = 200;
    neg.grid = 9;
    const r = negotiate(prepared(data));
    expect(r.feasible).toBe(false);
    expect(r.blocking.length).toBeGreaterThan(0);
    for (const b of r.blocking) {
      expect(b.condition).toBe(1);
      const lim = r.limits.find((l) => l.condition === 1 && l.partner === b.partner)!;
      expect(lim.satisfiable).toBe(false);
      expect(lim.best!).toBeGreaterThan(0.3);
    }
    expect(JSON.stringify(toNegotiationJson(r))).not.toMatch(/NaN|Infinity/);
  });
});
