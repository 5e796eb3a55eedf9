/**
 * The steps that move costs and the arrangement compiler, by hand: decision rules (which rule
 * matches which investment), pre-financing, provider transition with a fixed amount and a
 * period, refunds flowing back, and the compile-time checks (duplicate ids, an investment paid
 * twice, the status quo's reserved id).
 */
import { describe, expect, it } from "vitest";
import { validateCase, type CaseInput } from "../../engine/index.ts";
import { matches } from "../../engine/arrangements/match.ts";
import { evaluate } from "../helpers.ts";
import { careCase } from "./fixture.ts";

const investments = [
  { id: "team", label: "Wijkteam", bearer: "gem", domain: "wmo", amount: 1000, category: "revenue", tags: ["wijk"] },
  { id: "ict", label: "ICT platform", bearer: "zh", domain: "zvw", amount: 400, category: "capital" },
];
const base = (arrangements: object[], extra: Partial<CaseInput> = {}): CaseInput => careCase({ investments: investments as never, arrangements: arrangements as never, ...extra });
const one = (steps: object[], extra: Partial<CaseInput> = {}) => base([{ id: "a", name: "A", steps }], extra);
const result = (c: CaseInput) => evaluate(c).arrangements.find((a) => a.id === "a")!;
const transfers = (c: CaseInput) => result(c).steps.flatMap((s) => s.transfers);
const issues = (c: CaseInput) => {
  const v = validateCase(c, { lang: "en" });
  return v.ok ? [] : v.issues.map((i) => `${i.path.join(".")}: ${i.code}`);
};

describe("match", () => {
  const inv = { id: "team", label: "Wijkteam", labels: ["Wijkteam", "Neighbourhood team"], bearer: "gem", domain: "wmo", category: "revenue", tags: ["wijk", "zorg"] } as never;
  it("needs every given field to match; none given matches all", () => {
    expect(matches({}, inv)).toBe(true);
    expect(matches({ investments: ["team"], categories: ["revenue"], domains: ["wmo"], bearers: ["gem"], tags: ["x", "zorg"], labelContains: "NEIGHBOUR" }, inv)).toBe(true);
    expect([
      matches({ investments: ["ict"] }, inv), matches({ categories: ["capital"] }, inv), matches({ domains: ["zvw"] }, inv),
      matches({ bearers: ["zv"] }, inv), matches({ tags: ["ict"] }, inv), matches({ labelContains: "platform" }, inv),
    ]).toEqual([false, false, false, false, false, false]);
    expect(matches({ tags: ["wijk"] }, { ...(inv as object), tags: undefined } as never)).toBe(false);
    expect(matches({ labelContains: "wijk" }, { ...(inv as object), labels: undefined } as never)).toBe(true);
  });
});

describe("decision rules", () => {
  it("the first matching rule decides; the payer pays the bearer each year, the bearer's own part stays", () => {
    // team (1,000, gem): the capital rule does not match, the tag rule does: zv pays it all.
    // ict (400, zh, capital): the first rule: gem 1 : zh 1, so gem pays zh 200 and zh keeps 200.
    const c = one([{ type: "decision-rules", rules: [
      { match: { categories: ["capital"] }, payer: { key: { type: "fixed", shares: { gem: 1, zh: 1 } } } },
      { match: { tags: ["wijk"] }, payer: "zv" },
      { match: {}, payer: "gem" },
    ] }]);
    expect(transfers(c).filter((t) => t.year === 2025)).toEqual([
      { year: 2025, from: "zv", to: "gem", amount: 100_000, reason: "cover-investment", about: "team" },
      { year: 2025, from: "gem", to: "zh", amount: 20_000, reason: "cover-investment", about: "ict" },
    ]);
  });
  it("a refund (a negative cost) flows back from the bearer to the payer", () => {
    const c = one([{ type: "decision-rules", rules: [{ match: {}, payer: "zv" }] }], {
      investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": 1000, "2026": -300 } } }] as never,
    });
    expect(transfers(c)).toEqual([
      { year: 2025, from: "zv", to: "gem", amount: 100_000, reason: "cover-investment", about: "team" },
      { year: 2026, from: "gem", to: "zv", amount: 30_000, reason: "cover-investment", about: "team" },
    ]);
  });
  it("names unknown investments, domains and bearers in a match", () => {
    expect(issues(one([{ type: "decision-rules", rules: [{ match: { investments: ["nope"], domains: ["x"], bearers: ["y"] }, payer: "gem" }, { match: {}, payer: "ghost" }] }]))).toEqual([
      "arrangements.0.steps.0.rules.1.payer: unknownPartner",
      "arrangements.0.steps.0.rules.0.match.investments.0: unknownInvestment",
      "arrangements.0.steps.0.rules.0.match.domains.0: unknownDomain",
      "arrangements.0.steps.0.rules.0.match.bearers.0: unknownPartner",
    ]);
  });
});

describe("pre-financing", () => {
  it("the investor pays only the investments it covers, split by its key", () => {
    // ict (400, zh): gem 1 : zv 3 = 100 and 300; team is not covered.
    const c = one([{ type: "pre-financing", investor: { key: { type: "fixed", shares: { gem: 1, zv: 3 } } }, pays: { bearers: ["zh"] } }]);
    expect(transfers(c).filter((t) => t.year === 2026)).toEqual([
      { year: 2026, from: "gem", to: "zh", amount: 10_000, reason: "pre-financing", about: "ict" },
      { year: 2026, from: "zv", to: "zh", amount: 30_000, reason: "pre-financing", about: "ict" },
    ]);
    expect(issues(one([{ type: "pre-financing", investor: "gem", pays: { investments: ["x"], domains: ["d"], bearers: ["b"] } }]))).toEqual([
      "arrangements.0.steps.0.pays.investments.0: unknownInvestment", "arrangements.0.steps.0.pays.domains.0: unknownDomain", "arrangements.0.steps.0.pays.bearers.0: unknownPartner",
    ]);
  });
});

describe("provider transition", () => {
  it("pays a fixed amount in the period, split by the payer key; the provider's own part is no transfer", () => {
    // 500 a year in 2026 only, by gem 1 : zh 1 : zv 2: gem 125, zv 250 (zh's own 125 stays).
    const c = one([{ type: "provider-transition", provider: "zh", payer: { key: { type: "fixed", shares: { gem: 1, zh: 1, zv: 2 } } }, compensation: { amount: 500 }, period: { from: 2026, to: 2026 } }]);
    expect(transfers(c)).toEqual([
      { year: 2026, from: "gem", to: "zh", amount: 12_500, reason: "provider-transition" },
      { year: 2026, from: "zv", to: "zh", amount: 25_000, reason: "provider-transition" },
    ]);
    expect(result(c).steps[0]!.facts).toEqual({ amount: 50_000 });
  });
  it("a share of the lost margin: revenue lost less the variable cost saved, never below 0", () => {
    // Lost margin 3,000 x 0.75 = 2,250 a year; 10 % = 225.
    const c = one([{ type: "provider-transition", provider: "zh", payer: "zv", compensation: { shareOfLostMargin: 0.1 } }]);
    expect(transfers(c).map((t) => [t.year, t.amount])).toEqual([[2025, 22_500], [2026, 22_500]]);
    expect(result(c).steps[0]!.facts).toEqual({ rate: 0.1 });
    // The hospital gains production instead: no margin lost, nothing paid.
    const d = one([{ type: "provider-transition", provider: "zh", payer: "zv", compensation: { shareOfLostMargin: 0.1 } }], {
      effects: [{ id: "days", label: "Days", domain: "zvw", quantity: -10, unitPrice: 300, production: true }],
    });
    expect(transfers(d)).toEqual([]);
    expect(issues(one([{ type: "provider-transition", provider: "p", payer: "q", compensation: { amount: 1 }, period: { from: 1990 } }]))).toEqual([
      "arrangements.0.steps.0.provider: unknownPartner", "arrangements.0.steps.0.payer: unknownPartner", "arrangements.0.steps.0.period.from: yearOutOfRange",
    ]);
  });
});

describe("compiling arrangements", () => {
  it("names duplicate arrangement and step ids, an investment paid twice, a settlement not last, and a reserved status-quo id", () => {
    const dr = { type: "decision-rules", rules: [{ match: {}, payer: "gem" }] };
    expect(issues(base([
      { id: "a", name: "A", steps: [dr, { id: "decision-rules-1", type: "pot", contributions: { key: { type: "insured" } }, deficit: { riskBearer: "gem" } }] },
      { id: "a", name: "B", steps: [{ type: "settlement", target: "no-worse-off" }, { type: "shared-savings", from: "zv", to: "gem", rate: 0.1 }] },
      { id: "status-quo", name: "C", steps: [{ type: "shared-savings", from: "zv", to: "gem", rate: 0.1 }] },
    ]))).toEqual([
      "arrangements.0.steps.1.id: duplicateId",
      "arrangements.0.steps.1: investmentCoveredTwice",
      "arrangements.0.steps.1: investmentCoveredTwice",
      "arrangements.1.id: duplicateId",
      "arrangements.1.steps: settlementLast",
      "arrangements.2.id: statusQuoReserved",
    ]);
  });
  it("puts the status quo first only when no arrangement has no steps; step ids default to type and position", () => {
    const ev = evaluate(base([{ id: "own", name: "Own", steps: [] }, { id: "a", name: "A", description: "D", steps: [{ type: "shared-savings", from: "zv", to: "gem", rate: 0.1 }, { type: "shared-savings", from: "zv", to: "gem", rate: 0.1 }] }]));
    expect(ev.arrangements.map((a) => [a.id, a.implicit, a.description ?? null])).toEqual([["own", false, null], ["a", false, "D"]]);
    expect(ev.arrangements[1]!.steps.map((s) => s.id)).toEqual(["shared-savings-1", "shared-savings-2"]);
    expect(ev.arrangements[1]!.rows[0]!.line).toBe("a/shared-savings-1");
  });
});

describe("the steps at their edges", () => {
  it("a listed investment that exists is no error; only the unknown one is named, with its name", () => {
    const all = (c: CaseInput) => { const v = validateCase(c, { lang: "en" }); return v.ok ? [] : v.issues.map((i) => [i.path.join("."), i.code, i.params]); };
    expect(all(one([{ type: "decision-rules", rules: [{ match: { investments: ["team", "nope"] }, payer: "gem" }, { match: {}, payer: "zh" }] }])))
      .toEqual([["arrangements.0.steps.0.rules.0.match.investments.1", "unknownInvestment", { name: "nope" }]]);
    expect(all(one([{ type: "pre-financing", investor: "zv", pays: { investments: ["ict", "nope"] } }]))).toEqual([["arrangements.0.steps.0.pays.investments.1", "unknownInvestment", { name: "nope" }]]);
    expect(all(one([{ type: "provider-transition", provider: "zh", payer: "zv", compensation: { amount: 1 }, period: { to: 2100 } }])))
      .toEqual([["arrangements.0.steps.0.period.to", "yearOutOfRange", { year: 2100, first: 2025, last: 2026 }]]);
  });
  it("a provider transition asks its payer key year by year; a payer with weight 0 pays nothing", () => {
    // 500 a year: 2025 by the default (zv), 2026 by gem 1 : zv 0.
    const c = one([{ type: "provider-transition", provider: "zh", payer: { key: { type: "by-year", years: { "2026": { type: "fixed", shares: { gem: 1, zv: 0 } } }, default: { type: "fixed", shares: { zv: 1 } } } }, compensation: { amount: 500 } }]);
    expect(transfers(c)).toEqual([
      { year: 2025, from: "zv", to: "zh", amount: 50_000, reason: "provider-transition" },
      { year: 2026, from: "gem", to: "zh", amount: 50_000, reason: "provider-transition" },
    ]);
  });
  it("what a partner paid through pre-financing or decision rules counts as invested in a later settlement", () => {
    // zv pays the ICT (400 a year): invested gem 2,000, zv 800, zh 800 - 800 = 0. Jointly -650 a
    // year, split 2,000 : 800: gem -464.29 (-46,429 cents), zv -185.71, twice.
    for (const step of [{ type: "pre-financing", investor: "zv", pays: { investments: ["ict"] } }, { type: "decision-rules", rules: [{ match: { investments: ["ict"] }, payer: "zv" }, { match: {}, payer: "gem" }] }]) {
      const a = result(one([step, { type: "settlement", target: "proportional-to-investment" }]));
      expect(a.steps[1]!.facts).toEqual({ basis: 280_000 });
      expect(Object.fromEntries(a.partners.map((p) => [p.id, p.net]))).toEqual({ gem: -92_858, zv: -37_142, zh: 0 });
    }
  });
});
