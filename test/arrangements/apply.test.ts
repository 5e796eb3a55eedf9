/**
 * Applying an arrangement (engine/arrangements/apply.ts): the two ledger rows of a transfer,
 * discounted on their own, with the domain of the investment they are about; benefit shares;
 * partners' totals; and the overflow of the sum of all rows as an input error with the step's path.
 */
import { describe, expect, it } from "vitest";
import { applyArrangement, benefitShares, validateCase, type CaseInput } from "../../engine/index.ts";
import { runArrangementSteps, statusQuoOfLedger } from "../../engine/arrangements/apply.ts";
import type { CompiledArrangement } from "../../engine/arrangements/types.ts";
import { MAX_CENTS } from "../../engine/money/money.ts";
import { InputError } from "../../engine/messages/issues.ts";
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

describe("steps that read the rows so far", () => {
  const ev = (c: CaseInput) => arr(c);
  const effects = [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300 }];
  it("see the transfers of every step before them: equal ROI after shared savings", () => {
    const steps = [
      { id: "deal", type: "shared-savings", from: "zv", to: "gem", rate: 0.2 },
      { id: "s1", type: "settlement", target: "equal-roi", partners: ["gem", "zv"] },
    ];
    const a = ev(base(steps, { effects }));
    const [deal, s1] = a.steps;
    expect(deal!.transfers.length).toBe(2);
    expect(s1!.transfers.length).toBe(2);
    // The ROI the result shows is the same for both (up to the cents of the yearly amounts).
    const roi = Object.fromEntries(a.partners.map((p) => [p.id, p.roi]));
    expect(Math.abs(roi.gem! - roi.zv!)).toBeLessThan(1e-6);
    // The settlement alone pays more a year (the deal moved 600 a year of it already).
    const alone = ev(base(steps.slice(1), { effects }));
    expect(alone.steps[0]!.transfers[0]!.amount - s1!.transfers[0]!.amount).toBeGreaterThan(50_000);
  });
  it("count only funding steps' transfers as what a partner invested: shared savings before a settlement by investment do not", () => {
    // gem invested 2,000 (rate 0); the 1,500 a year it received by shared savings is not funding.
    const a = ev(base([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5 }, { type: "settlement", target: "proportional-to-investment" }], { discountRate: 0 }));
    expect(a.steps[1]!.facts).toEqual({ basis: 200_000 });
  });
});

describe("results", () => {
  it("leave the status quo's ledger as it was (a step that reads the rows so far gets a copy)", () => {
    const ev = evaluate(base([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.2 }, { type: "settlement", target: "equal-roi", partners: ["gem", "zv"] }]));
    expect(ev.arrangements.find((a) => a.id === "a")!.rows.length).toBe(8);
    expect(ev.ledger.rows.filter((r) => r.kind === "transfer")).toEqual([]);
  });
  it("show their rows and sentences as plain properties: in JSON, and replaced when assigned", () => {
    const a = arr(base([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5 }]));
    const json = JSON.parse(JSON.stringify(a)) as typeof a;
    expect(json.rows).toHaveLength(4);
    expect(json.explanation.en).toEqual(a.explanation.en);
    expect(json.explanation.en.length).toBeGreaterThan(0);
    a.rows = a.rows.slice(0, 1);
    a.explanation = { nl: ["x"], en: ["y"] };
    expect([a.rows.length, a.explanation]).toEqual([1, { nl: ["x"], en: ["y"] }]);
  });
  it("have no outcome payments without an outcome-payments step", () => {
    expect(arr(base([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5 }])).outcomePayments).toEqual([]);
  });
  it("give a pot that holds money between years its present value, and its own cash", () => {
    // At 10 % the reserve paid in in 2025 and paid out in 2026 is worth less when it leaves.
    const c = base([{
      type: "pot", contributions: { key: { type: "fixed", shares: { zv: 1 } }, amount: 1500 },
      surplus: { action: "reserve", reserveMax: 1000, key: { type: "fixed", shares: { zv: 1 } } }, deficit: { riskBearer: "zv" },
    }]);
    const a = arr(c);
    const pot = a.pots[0]!;
    const potRows = a.rows.filter((r) => r.partner === pot.id);
    expect(pot.npv).not.toBe(0);
    expect(pot.npv).toBe(potRows.reduce((s, r) => s + r.discounted, 0));
    expect(pot.net).toBe(0);
    // Partners' NPVs plus the pots' NPVs are society's.
    expect(a.partners.reduce((s, p) => s + p.npv, 0) + pot.npv).toBe(a.society.npv);
    expect(a.cash.pots.map((p) => [p.id, p.total])).toEqual([[pot.id, 0]]);
    expect(a.cash.pots[0]!.yearly.map((y) => y.cash)).toEqual([50_000, -50_000]);
  });
});

describe("the step loop's guards (a step that returns any transfers it likes)", () => {
  /** Runs one step that returns transfers of these amounts (cents) from zv to gem in `year`; the error it throws, or the rows' amounts. */
  const run = (amounts: number | number[], extra: Partial<CaseInput> = {}, year = 2025, bound?: [number, number]) => {
    const m = model(base([], extra));
    const transfers = [amounts].flat().map((amount) => ({ year, from: "zv", to: "gem", amount, reason: "r" }));
    const arrangement: CompiledArrangement = {
      id: "x", name: "X",
      steps: [{ id: "s", path: ["arrangements", 0, "steps", 0], spec: { type: "shared-savings" } as never, funding: false, apply: () => ({ transfers }) }],
    };
    const seen: number[] = [];
    try {
      const ledger = evaluate(base([], extra)).ledger;
      // A status quo with an upper bound of its sums above the exact ones, as a Monte Carlo sample's while rows wait.
      const statusQuo = bound ? { ...statusQuoOfLedger(m, ledger), absoluteBound: () => bound } : ledger;
      runArrangementSteps(m, [], statusQuo, arrangement, (_s, _o, rows) => { for (const r of rows) seen.push(r.amount); });
    } catch (e) {
      return e as Error;
    }
    return seen;
  };
  /** The status quo's sums of |amount| and |discounted|, as the ledger's rows have them. */
  const sums = (extra: Partial<CaseInput>) => {
    const rows = evaluate(base([], extra)).ledger.rows;
    return [rows.reduce((s, r) => s + Math.abs(r.amount), 0), rows.reduce((s, r) => s + Math.abs(r.discounted), 0)] as const;
  };
  /** `total` cents as five transfers, each below 1e15 (discounted exactly to the cent), the first ones even. */
  const five = (total: number) => {
    const q = 2 * Math.floor(total / 10);
    return [q, q, q, q, total - 4 * q];
  };
  it("a transfer beyond MAX_CENTS is an input error at the step naming the year and the amount", () => {
    const e = run(MAX_CENTS + 1) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect([e.path, e.code, e.params]).toEqual([["arrangements", 0, "steps", 0], "amountOverflow", { what: "transfer", year: 2025, value: (MAX_CENTS + 1) / 100 }]);
    // Exactly MAX_CENTS is a transfer; its two rows overflow the total.
    expect((run(MAX_CENTS) as InputError).code).toBe("totalOverflow");
  });
  it("a transfer that is not a positive whole number of cents is an internal error naming the arrangement, the step and the amount", () => {
    for (const amount of [0, -5, 1.5, Number.NaN]) {
      const e = run(amount) as Error;
      expect(e).toBeInstanceOf(Error);
      expect(e).not.toBeInstanceOf(InputError);
      expect(e.message).toBe(`arrangement x/s: transfer must be a positive integer of cents, got ${amount}`);
    }
    expect(run(1)).toEqual([-1, 1]);
  });
  it("the sums of |amount| and of |discounted| may reach MAX_CENTS exactly, not one cent more", () => {
    // Rate 0: both sums are the same. An odd status quo (EUR 1,000.01 a year for three years and
    // the effects) leaves an even room that the transfers' two rows each fill exactly.
    const extra: Partial<CaseInput> = { discountRate: 0, horizon: 3, investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 1000.01 }] };
    const [a, d] = sums(extra);
    expect(a).toBe(d);
    expect((MAX_CENTS - a) % 2).toBe(0);
    const fill = five((MAX_CENTS - a) / 2);
    expect((run(fill, extra) as number[]).length).toBe(10);
    fill[4]! += 1;
    const e = run(fill, extra) as InputError;
    expect([e.path, e.code, e.params]).toEqual([["arrangements", 0, "steps", 0], "totalOverflow", { value: (MAX_CENTS + 2) / 100 }]);
  });
  it("a status quo that gives an upper bound of its sums (a Monte Carlo sample with rows waiting): the exact sums decide where the bound and the transfers pass MAX_CENTS", () => {
    const extra: Partial<CaseInput> = { discountRate: 0, horizon: 3, investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 1000.01 }] };
    const [a, d] = sums(extra);
    const fill = five((MAX_CENTS - a) / 2);
    // The bound alone leaves no room for the transfers; the exact sums leave exactly enough.
    const bound: [number, number] = [MAX_CENTS - 1, MAX_CENTS - 1];
    expect(bound[0]).toBeGreaterThan(a);
    expect(bound[1]).toBeGreaterThan(d);
    expect(run(fill, extra, 2025, bound)).toEqual(run(fill, extra));
    expect((run(fill, extra, 2025, bound) as number[]).length).toBe(10);
    fill[4]! += 1;
    const e = run(fill, extra, 2025, bound) as InputError;
    expect([e.path, e.code, e.params]).toEqual([["arrangements", 0, "steps", 0], "totalOverflow", { value: (MAX_CENTS + 2) / 100 }]);
    // Far from MAX_CENTS the bound decides alone: the same rows.
    expect(run([5, 7], extra, 2025, [a + 1000, d + 1000])).toEqual([-5, 5, -7, 7]);
  });
  it("either sum beyond MAX_CENTS is an error: |amount| alone at a positive rate, |discounted| alone at a negative one; the message names the larger", () => {
    // At 100 % a transfer in 2026 is worth half: the amounts overflow, the present values do not.
    const up: Partial<CaseInput> = { discountRate: 1 };
    const [a1, d1] = sums(up);
    const t1 = five((MAX_CENTS - a1 + 1) / 2 + 1);
    const total1 = t1.reduce((s, t) => s + t, 0);
    expect(d1 + total1).toBeLessThan(MAX_CENTS);
    const e1 = run(t1, up, 2026) as InputError;
    expect([e1.code, e1.params]).toEqual(["totalOverflow", { value: (a1 + 2 * total1) / 100 }]);
    // At -50 % a transfer in 2026 is worth double: the present values overflow, the amounts do not.
    const down: Partial<CaseInput> = { discountRate: -0.5 };
    const [a2, d2] = sums(down);
    const t2 = five(Math.floor((MAX_CENTS - d2) / 4) + 1);
    const total2 = t2.reduce((s, t) => s + t, 0);
    expect(a2 + 2 * total2).toBeLessThan(MAX_CENTS);
    const e2 = run(t2, down, 2026) as InputError;
    expect([e2.code, e2.params]).toEqual(["totalOverflow", { value: (d2 + 4 * total2) / 100 }]);
  });
});

describe("applyArrangement given an evaluation without a partner's figures", () => {
  const c = base([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5 }]);
  it("computes a partner the evaluation lacks from the ledger's rows: the same figures as the shortcut", () => {
    const m = model(c);
    const ev = evaluate(c);
    const lacking = { ...ev, partners: ev.partners.filter((p) => p.id !== "gem") };
    const a = applyArrangement(m, [], lacking, m.arrangements.find((x) => x.id === "a")!);
    expect(a.partners).toEqual(ev.arrangements.find((x) => x.id === "a")!.partners);
  });
});
