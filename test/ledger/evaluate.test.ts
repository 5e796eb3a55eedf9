import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loadCase, evaluateModel, toJsonContract, type CaseInput } from "../../engine/index.ts";
import { byId, evaluate } from "../helpers.ts";

const base = (extra: Partial<CaseInput> = {}): CaseInput => ({
  id: "t", title: "Test", priceYear: 2024, startYear: 2025, horizon: 3, discountRate: 0.1,
  partners: [
    { id: "gem", name: "Gemeente", kind: "municipality" },
    { id: "zv", name: "Verzekeraar", kind: "insurer" },
    { id: "zh", name: "Ziekenhuis", kind: "provider" },
    { id: "inw", name: "Inwoners", kind: "resident" },
  ],
  domains: [
    { id: "wmo", name: "Wmo", funder: "gem" },
    { id: "zvw", name: "Zvw", funder: "zv", providers: ["zh"], variableCostShare: 0.3 },
    { id: "pw", name: "Participatiewet", funder: "gem" },
  ],
  ...extra,
});

describe("worked example: the minimal case", () => {
  const text = readFileSync(new URL("../../examples/minimal.yaml", import.meta.url), "utf8");
  const v = loadCase(text, "yaml");
  if (!v.ok) throw new Error("minimal example invalid");
  const ev = evaluateModel(v.model);
  const p = byId(ev);
  it("books the team cost for the municipality every year", () => {
    expect(p.gemeente!.yearly.map((y) => y.net)).toEqual(Array(5).fill(-15_000_000));
  });
  it("books half the emergency-visit saving in the first ramp-up year, then all of it", () => {
    // 200 clients x 0.5 visits x EUR 258 x 1.073 = EUR 27,683.40 a year.
    expect(p.verzekeraar!.yearly.map((y) => y.net)).toEqual([1_384_170, 2_768_340, 2_768_340, 2_768_340, 2_768_340]);
  });
  it("discounts at 2.25 % with t0 undiscounted", () => {
    const df = [0, 1, 2, 3, 4].map((k) => 1 / 1.0225 ** k);
    const expected = df.reduce((s, d) => s - Math.round(15_000_000 * d), 0);
    expect(p.gemeente!.npv).toBe(expected);
    expect(ev.society.npv).toBe(p.gemeente!.npv + p.verzekeraar!.npv);
  });
  it("gives no IRR and no payback where flows never change sign", () => {
    expect(p.gemeente!.irr).toEqual({ status: "no-sign-change" });
    expect(p.gemeente!.paybackYear).toBeNull();
    expect(p.verzekeraar!.bcr).toBeNull();
  });
  it("puts the whole saving in the wrong-pocket matrix from municipality to insurer", () => {
    expect(ev.wrongPocket).toEqual([{ investor: "gemeente", beneficiary: "verzekeraar", amount: p.verzekeraar!.net, pv: p.verzekeraar!.npv, share: 1 }]);
  });
  it("keeps money in the JSON contract in euros with two decimals", () => {
    const j = toJsonContract(ev);
    expect(j.partners[1]!.savings).toBe(124575.3);
    expect(j.society.irr).toBeNull();
    expect(j.society.irrStatus).toBe("no-sign-change");
  });
});

describe("provider production", () => {
  const ev = evaluate(base({
    horizon: 1,
    effects: [{ id: "days", label: "Fewer hospital days", domain: "zvw", quantity: 100, unitPrice: 644, production: true }],
  }));
  const p = byId(ev);
  it("the funder saves price x volume; the provider loses that revenue and saves its variable cost", () => {
    expect(p.zv!.savings).toBe(6_440_000);
    expect(p.zh!.byKind["revenue-loss"]).toBe(-6_440_000);
    expect(p.zh!.byKind["variable-cost-saving"]).toBe(1_932_000);
    expect(p.zh!.net).toBe(-4_508_000);
  });
  it("society keeps only the variable cost as a real saving", () => {
    expect(ev.society.savings).toBe(1_932_000);
    expect(ev.society.costs).toBe(0);
  });
});

describe("transfers and cashability", () => {
  const ev = evaluate(base({
    horizon: 1,
    effects: [
      { id: "bijstand", label: "Fewer people on social assistance", domain: "pw", quantity: 2, unitPrice: 16145, transfer: { counterparty: "inw" } },
      { id: "gp", label: "Fewer GP minutes", domain: "zvw", quantity: 100, unitPrice: 30.87, cashable: false },
    ],
  }));
  const p = byId(ev);
  it("social assistance is a saving for the municipality and a transfer out for residents; society nets it to zero", () => {
    expect(p.gem!.savings).toBe(3_229_000);
    expect(p.inw!.transfersOut).toBe(3_229_000);
    expect(ev.society.savings).toBe(308_700);
  });
  it("non-cashable savings count in NPV but not in the cashable NPV", () => {
    expect(p.zv!.npv).toBe(308_700);
    expect(p.zv!.npvCashable).toBe(0);
  });
});

describe("timing", () => {
  it("ramps up linearly, then drops off geometrically", () => {
    const ev = evaluate(base({
      horizon: 5, discountRate: 0,
      effects: [{ id: "e", label: "E", domain: "wmo", quantity: 1000, unitPrice: 1, rampUpYears: 2, dropOff: { rate: 0.5, from: 2028 } }],
    }));
    expect(byId(ev).gem!.yearly.map((y) => y.net)).toEqual([50_000, 100_000, 100_000, 50_000, 25_000]);
    const dflt = evaluate(base({ horizon: 4, discountRate: 0, effects: [{ id: "e", label: "E", domain: "wmo", quantity: 1000, unitPrice: 1, rampUpYears: 2, dropOff: { rate: 0.5 } }] }));
    expect(byId(dflt).gem!.yearly.map((y) => y.net)).toEqual([50_000, 100_000, 50_000, 25_000]);
  });
  it("applies deflators multiplicatively", () => {
    const ev = evaluate(base({
      horizon: 1,
      effects: [{ id: "e", label: "E", domain: "wmo", quantity: 1000, unitPrice: 1, deadweight: 0.2, attribution: 0.5, displacement: 0.1, optimismBias: 0.25 }],
    }));
    expect(byId(ev).gem!.net).toBe(Math.round(100_000 * 0.8 * 0.5 * 0.9 * 0.75));
  });
  it("indexes recurring amounts and takes explicit per-year amounts", () => {
    const ev = evaluate(base({
      discountRate: 0,
      investments: [
        { id: "a", label: "A", bearer: "gem", domain: "wmo", amount: 1000, indexation: 0.1, schedule: { type: "recurring", from: 2026 } },
        { id: "b", label: "B", bearer: "zv", domain: "zvw", schedule: { type: "explicit", amounts: { "2025": 10, "2027": "5 * 2" } } },
        { id: "c", label: "C", bearer: "zh", domain: "zvw", category: "capital", amount: 7, schedule: { type: "once", year: 2027 } },
      ],
    }));
    const p = byId(ev);
    expect(p.gem!.yearly.map((y) => y.net)).toEqual([0, -100_000, -110_000]);
    expect(p.zv!.yearly.map((y) => y.net)).toEqual([-1000, 0, -1000]);
    expect(p.zh!.yearly.map((y) => y.net)).toEqual([0, 0, -700]);
  });
  it("pays back in the first year from which the cumulative discounted net stays non-negative", () => {
    const ev = evaluate(base({
      discountRate: 0,
      investments: [{ id: "a", label: "A", bearer: "gem", domain: "wmo", amount: 100, schedule: { type: "once", year: 2025 } }],
      effects: [{ id: "e", label: "E", domain: "wmo", quantity: 60, unitPrice: 1 }],
    }));
    const g = byId(ev).gem!;
    expect(g.yearly.map((y) => y.cumulativeDiscountedNet)).toEqual([-4000, 2000, 8000]);
    expect(g.paybackYear).toBe(2026);
    expect(g.irr.status).toBe("ok");
  });
});

describe("expressiveness (issue 14)", () => {
  it("follows an explicit yearly effect profile (unlisted years 0), also above 1", () => {
    const ev = evaluate(base({ horizon: 4, discountRate: 0, effects: [{ id: "e", label: "E", domain: "wmo", quantity: 1000, unitPrice: 1, profile: { "2025": 0.25, "2027": 1.5, "2028": 1 } }] }));
    expect(byId(ev).gem!.yearly.map((y) => y.net)).toEqual([25_000, 0, 150_000, 100_000]);
  });
  it("refuses a profile together with ramp-up or drop-off, and profile years outside the horizon", () => {
    const v = loadCase(JSON.stringify(base({ effects: [{ id: "e", label: "E", domain: "wmo", quantity: 1, unitPrice: 1, rampUpYears: 2, profile: { "2030": 1 } }] })), "json", { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "effects.0.profile.2030: year 2030 is outside the horizon 2025-2027",
      "effects.0.profile: an explicit profile gives each year's factor itself: leave out rampUpYears and dropOff",
    ]);
  });
  it("lets an investment's amount use the year", () => {
    const ev = evaluate(base({ discountRate: 0, investments: [{ id: "a", label: "A", bearer: "gem", domain: "wmo", amount: "100 * (year - 2024)" }] }));
    expect(byId(ev).gem!.yearly.map((y) => y.net)).toEqual([-10_000, -20_000, -30_000]);
  });
  it("splits a multi-funder domain by a key: inhabitants, insured, income, or fixed shares as formulas", () => {
    const partners = [
      { id: "a", name: "A", kind: "municipality" as const, inhabitants: 30000, income: 1 },
      { id: "b", name: "B", kind: "municipality" as const, inhabitants: 10000, income: 3 },
    ];
    const effects = [{ id: "e", label: "E", domain: "jw", quantity: 1, unitPrice: 4000 }];
    const at = (funder: unknown, parameters = {}) => byId(evaluate({ id: "f", title: "F", priceYear: 2024, startYear: 2025, horizon: 1, partners, domains: [{ id: "jw", name: "Jeugdwet", funder }], effects, parameters } as CaseInput));
    expect([at({ key: { type: "inhabitants" } }).a!.net, at({ key: { type: "inhabitants" } }).b!.net]).toEqual([300_000, 100_000]);
    expect([at({ key: { type: "income" } }).a!.net, at({ key: { type: "income" } }).b!.net]).toEqual([100_000, 300_000]);
    expect(at({ key: { type: "fixed", shares: { a: "s", b: "1 - s" } } }, { s: 0.25 }).a!.net).toBe(100_000);
  });
  it("refuses a funder key that is not fixed in advance, or reads an uncertain parameter", () => {
    const v = validate({ key: { type: "benefit" } });
    expect(v).toEqual(['domains.0.funder.key.type: a domain\'s funders are split by a fixed key (inhabitants, insured, income, budget, fixed, usage or a blend of these), not by "benefit"']);
    const u = validate({ key: { type: "fixed", shares: { gem: "s", zv: "1 - s" } } }, { s: { value: 0.5, distribution: { type: "uniform", min: 0.4, max: 0.6 } } });
    expect(u).toEqual(["domains.0.funder.key: funder shares may not use an uncertain parameter (s): the Monte Carlo run splits savings by fixed shares"]);
    function validate(funder: unknown, parameters = {}) {
      const r = loadCase(JSON.stringify(base({ domains: [{ id: "wmo", name: "Wmo", funder } as never], parameters, effects: [{ id: "e", label: "E", domain: "wmo", quantity: 1, unitPrice: 1 }] })), "json", { lang: "en" });
      return r.ok ? [] : r.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    }
  });
});

describe("non-monetary outcomes", () => {
  it("are kept in their own unit and discounted at the effect rate", () => {
    const ev = evaluate(base({
      discountRate: 0.03, effectDiscountRate: 0.015, horizon: 2,
      effects: [{ id: "q", label: "QALY gained", type: "outcome", quantity: 2, unit: "QALY" }],
    }));
    expect(ev.outcomes).toHaveLength(1);
    expect(ev.outcomes[0]!.unit).toBe("QALY");
    expect(ev.outcomes[0]!.quantity).toBe(4);
    expect(ev.outcomes[0]!.discounted).toBeCloseTo(2 + 2 / 1.015, 12);
    expect(ev.ledger.rows).toEqual([]);
  });
});

describe("parameters", () => {
  it("can be derived from other parameters, and overridden at evaluation", () => {
    const c = base({
      horizon: 1,
      parameters: { clients: 10, visits: "clients * 2", price: { value: 100, unit: "EUR/visit" } },
      effects: [{ id: "e", label: "E", domain: "wmo", quantity: "visits", unitPrice: "price" }],
    });
    expect(byId(evaluate(c)).gem!.net).toBe(200_000);
    expect(byId(evaluate(c, { clients: 20 })).gem!.net).toBe(400_000);
  });
});
