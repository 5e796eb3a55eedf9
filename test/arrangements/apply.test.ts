/**
 * Applying an arrangement (engine/arrangements/apply.ts): the two ledger rows of a transfer,
 * discounted on their own, with the domain of the investment they are about; benefit shares;
 * partners' totals; and the overflow of the sum of all rows as an input error with the step's path.
 */
import { describe, expect, it } from "vitest";
import { benefitShares, validateCase, type CaseInput } from "../../engine/index.ts";
import { evaluate, model } from "../helpers.ts";
import { withSteps } from "./fixture.ts";

/** The shared case at a discount rate of 10 %. */
const base = (steps: object[], extra: Partial<CaseInput> = {}): CaseInput => withSteps(steps, { discountRate: 0.1, ...extra });
const arr = (c: CaseInput) => evaluate(c).arrangements.find((a) => a.id === "a")!;

describe("transfer rows", () => {
  it("are two rows per transfer, payer minus and receiver plus, each discounted to cents at the case's rate", () => {
    // 50 % of 3,000 = 1,500 a year; at 10 % the 2026 amount is 150,000 / 1.1 = 136,363.6 -> 136,364.
    const a = arr(base([{ id: "deal", type: "shared-savings", from: "zv", to: "gem", rate: 0.5 }]));
    const common = { domain: "", line: "a/deal", kind: "transfer", cashable: true, arrangement: "a", reason: "shared-savings" };
    expect(a.rows).toEqual([
      { ...common, year: 2025, partner: "gem", amount: 150_000, discounted: 150_000, counterparty: "zv" },
      { ...common, year: 2025, partner: "zv", amount: -150_000, discounted: -150_000, counterparty: "gem" },
      { ...common, year: 2026, partner: "gem", amount: 150_000, discounted: 136_364, counterparty: "zv" },
      { ...common, year: 2026, partner: "zv", amount: -150_000, discounted: -136_364, counterparty: "gem" },
    ]);
    const gem = a.partners.find((p) => p.id === "gem")!;
    // gem: -1,000 - 1,000/1.1 = -1,909.09 invested; +1,500 + 1,363.64 received: NPV 954.55.
    expect([gem.net, gem.npv]).toEqual([100_000, 95_455]);
    expect(a.society).toEqual(evaluate(base([])).society);
  });
  it("about an investment carry its domain; a one-cent transfer discounted to 0 has no negative zero", () => {
    const a = arr(base([{ type: "decision-rules", rules: [{ match: {}, payer: "zv" }] }]));
    expect(a.rows.map((r) => [r.year, r.partner, r.domain, r.amount, r.discounted])).toEqual([
      [2025, "gem", "wmo", 100_000, 100_000], [2025, "zv", "wmo", -100_000, -100_000], [2026, "gem", "wmo", 100_000, 90_909], [2026, "zv", "wmo", -100_000, -90_909],
    ]);
    // EUR 0.01 a year at 100 %: 2026's cent discounts to 0.5 -> 1 (half away from zero), 2027's to 0.25 -> 0.
    const tiny = arr(base([{ type: "provider-transition", provider: "zh", payer: "zv", compensation: { amount: 0.01 } }], { discountRate: 1, horizon: 3 }));
    expect(tiny.rows.map((r) => [r.year, r.amount, r.discounted])).toEqual([[2025, 1, 1], [2025, -1, -1], [2026, 1, 1], [2026, -1, -1], [2027, 1, 0], [2027, -1, 0]]);
    expect(tiny.rows.every((r) => !Object.is(r.discounted, -0))).toBe(true);
  });
  it("book a pot as an entity of its own that ends empty: its rows' net and NPV", () => {
    const a = arr(base([{ type: "pot", contributions: { key: { type: "fixed", shares: { zv: 1 } } }, deficit: { riskBearer: "zv" } }], { discountRate: 0 }));
    expect(a.pots.map((p) => [p.id, p.name, p.net, p.npv])).toEqual([["pot:pot-1", "pot-1", 0, 0]]);
    expect(a.rows.filter((r) => r.partner === "pot:pot-1").map((r) => [r.year, r.reason, r.amount])).toEqual([
      [2025, "pot-pays", -100_000], [2025, "contribution", 100_000], [2026, "pot-pays", -100_000], [2026, "contribution", 100_000],
    ]);
  });
});

describe("benefit shares", () => {
  it("are each partner's present value of effect results, never below 0", () => {
    const m = model(base([]));
    const ev = evaluate(base([]));
    // zv saves 3,000 + 3,000 / 1.1 = 5,727.27; zh loses margin (negative: 0); gem has no effect rows.
    const b = benefitShares(m, ev.ledger.rows);
    expect(Object.fromEntries(b)).toEqual({ zv: 572_727, zh: 0 });
    expect(benefitShares(m, ev.ledger.rows)).toBe(b);
  });
  it("in some domains only, for a benefit key with domains", () => {
    // By benefit in wmo (nobody saves there): the key has no weight, an error at its path.
    const v = validateCase(base([{ type: "decision-rules", rules: [{ match: {}, payer: { key: { type: "benefit", domains: ["wmo"] } } }] }]), { lang: "en" });
    expect(v.ok ? [] : v.issues.map((i) => `${i.path.join(".")}: ${i.code}`)).toEqual(["arrangements.0.steps.0.rules.0.payer.key: weightsZero"]);
    const a = arr(base([{ type: "decision-rules", rules: [{ match: {}, payer: { key: { type: "benefit", domains: ["zvw"] } } }] }]));
    expect(a.rows.filter((r) => r.amount < 0).map((r) => r.partner)).toEqual(["zv", "zv"]);
  });
});

describe("overflow", () => {
  it("the sum of all rows' amounts beyond MAX_CENTS is an input error at the step", () => {
    // 10 falls x EUR 2e12 = 2e15 cents a year; each transfer adds twice that: over 9.007e15 in the third year.
    const c = base([{ type: "outcome-payments", payer: "zv", recipient: "gem", outcomes: [{ effect: "falls", price: 2e12 }] }], {
      horizon: 3,
      effects: [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300 }, { id: "falls", label: "Falls", type: "outcome", unit: "fall", quantity: 10 }],
    });
    const v = validateCase(c, { lang: "en" });
    expect(v.ok ? [] : v.issues.map((i) => `${i.path.join(".")}: ${i.code}`)).toEqual(["arrangements.0.steps.0: totalOverflow"]);
  });
});
