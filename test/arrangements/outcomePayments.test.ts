/**
 * Outcome payments (engine/arrangements/outcomePayments.ts) rule by rule, by hand: units from
 * realised quantities and amounts, indicator improvements in both directions, the gate at its
 * tolerance, a payer who is also the recipient, the facts, and the explanation in both languages.
 */
import { describe, expect, it } from "vitest";
import type { CaseInput } from "../../engine/index.ts";
import { effectUnits, gatePasses, indicatorValue } from "../../engine/arrangements/outcomePayments.ts";
import { evaluate } from "../helpers.ts";

const ind = (over: object = {}) => ({ id: "q", label: "Kwaliteit", direction: "higher-is-better", tolerance: 0, targets: { "2025": 8, "2026": 8, "2027": 8 }, actuals: { "2025": 9, "2026": 7 }, ...over }) as never;

describe("the rules' parts", () => {
  it("effectUnits: a realised quantity, else a realised amount over the unit price, else nothing outside the effect's years", () => {
    const e = (y: object, unitPrice?: () => number) => ({ years: [{ year: 2025, ramp: 1, dropOffPower: 0, ...y }], quantity: () => 99, ...(unitPrice ? { unitPrice } : {}) }) as never;
    expect(effectUnits(e({ actualQuantity: () => 7 }), [], 2025)).toBe(7);
    expect(effectUnits(e({ actualAmount: () => 1000 }, () => 50), [], 2025)).toBe(20); // 1,000 / 50
    expect(effectUnits(e({ actualAmount: () => 1000 }, () => 0), [], 2025)).toBe(0);
    expect(effectUnits(e({ actualAmount: () => 1000 }), [], 2025)).toBe(0);
    expect(effectUnits(e({ actualQuantity: () => 7 }), [], 2026)).toBe(0);
  });
  it("indicatorValue: measured, else the target, else nothing", () => {
    expect([indicatorValue(ind(), 2025), indicatorValue(ind(), 2027), indicatorValue(ind(), 2030)]).toEqual([9, 8, undefined]);
    expect(indicatorValue(ind({ actuals: undefined }), 2025)).toBe(8);
  });
  it("gatePasses: on track within the tolerance; no measurement passes or fails as the step says", () => {
    expect([gatePasses(ind(), 2025, "fail"), gatePasses(ind(), 2026, "pass"), gatePasses(ind(), 2027, "pass"), gatePasses(ind(), 2027, "fail")]).toEqual([true, false, true, false]);
    // 7 against 8 with a tolerance of 12.5 %: 8 - 1 = 7, exactly at the edge, passes.
    expect(gatePasses(ind({ tolerance: 0.125 }), 2026, "fail")).toBe(true);
    expect(gatePasses(ind({ direction: "lower-is-better" }), 2025, "fail")).toBe(false);
  });
});

/** Ten outcomes a year (falls); the insurer saves EUR 1,000 a year; an investor receives. */
const base = (steps: unknown[], extra: Partial<CaseInput> = {}): CaseInput => ({
  id: "o", title: "O", priceYear: 2024, startYear: 2025, horizon: 3, discountRate: 0,
  partners: [
    { id: "gem", name: "Gemeente", kind: "municipality", inhabitants: 3 },
    { id: "zv", name: "Verzekeraar", kind: "insurer", inhabitants: 1 },
    { id: "inv", name: "Investeerder", kind: "investor" },
  ],
  domains: [{ id: "wmo", name: "Wmo", funder: "gem" }, { id: "zvw", name: "Zvw", funder: "zv" }],
  investments: [{ id: "prog", label: "Programma", bearer: "inv", domain: "wmo", amount: 500 }],
  effects: [
    { id: "ed", label: "SEH", domain: "zvw", quantity: 10, unitPrice: 100 },
    { id: "falls", label: "Vallen", type: "outcome", unit: "fall", quantity: 10 },
  ],
  indicators: [{ id: "w", label: "Wachttijd", direction: "lower-is-better", targets: { "2025": 10, "2026": 10, "2027": 10 }, actuals: { "2025": 12, "2026": 4 } }],
  arrangements: [{ id: "a", name: "A", steps: steps as never }],
  ...extra,
});
const arr = (c: CaseInput) => evaluate(c).arrangements.find((a) => a.id === "a")!;

describe("outcome payments", () => {
  it("prices a lower-is-better indicator's improvement below its baseline, never below 0", () => {
    // Baseline 11: 2025 measured 12 -> 0 units (worse); 2026 measured 4 -> 7; 2027 target 10 -> 1.
    const a = arr(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ indicator: "w", baseline: 11, price: 100 }] }]));
    expect(a.outcomePayments[0]!.years.map((y) => [y.units[0], y.amounts[0], y.due])).toEqual([[0, 0, 0], [7, 70_000, 70_000], [1, 10_000, 10_000]]);
    // Without a baseline an indicator's value itself is the units: 12, 4, 10.
    const b = arr(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ indicator: "w", price: 1 }] }]));
    expect(b.outcomePayments[0]!.years.map((y) => y.units[0])).toEqual([12, 4, 10]);
  });
  it("a payer who is also the recipient keeps its part: no transfer, but it counts as paid", () => {
    // 10 falls x 30 = 300 a year, by inhabitants gem 3 : inv... the key is fixed 1 : 2 here: gem 100, inv 200.
    const a = arr(base([{ type: "outcome-payments", name: "Contract", payer: { key: { type: "fixed", shares: { gem: 1, inv: 2 } } }, recipient: "inv", outcomes: [{ effect: "falls", price: 30 }, { effect: "ed", price: 0.5 }], cap: { perYear: 1000, total: 5000 } }]));
    const op = a.outcomePayments[0]!;
    // Due 300 + 10 x 0.5 = 305 a year: gem 101.67 -> 10,167 cents, inv 20,333.
    expect(op.years.map((y) => [y.due, y.paid, y.payers.gem, y.payers.inv, y.capsBinding])).toEqual([
      [30_500, 30_500, 10_167, 20_333, []], [30_500, 30_500, 10_167, 20_333, []], [30_500, 30_500, 10_167, 20_333, []],
    ]);
    expect(a.steps[0]!.transfers.map((t) => [t.from, t.to, t.amount])).toEqual([["gem", "inv", 10_167], ["gem", "inv", 10_167], ["gem", "inv", 10_167]]);
    expect(a.steps[0]!.facts).toEqual({ "price:0": 30, "price:1": 0.5, capPerYear: 100_000, capTotal: 500_000 });
    expect(op.name).toBe("Contract");
    expect(a.explanation.en[0]).toBe('Outcome payments "Contract": the payers pay Investeerder EUR 30 per unit of "Vallen" and EUR 0.50 per unit of "SEH", in the year of the outcome; earned EUR 915, paid EUR 915; cap EUR 1,000 a year for all payers together (never binds); cap EUR 5,000 in total (not reached); Gemeente EUR 305.01.');
    expect(a.explanation.nl[0]).toBe('Resultaatfinanciering "Contract": de betalers betalen Investeerder EUR 30 per eenheid "Vallen" en EUR 0,50 per eenheid "SEH", in het jaar van het resultaat; verdiend EUR 915, betaald EUR 915; plafond EUR 1.000 per jaar voor alle betalers samen (bindt nooit); plafond EUR 5.000 in totaal (niet bereikt); Gemeente EUR 305,01.');
  });
  it("explains a gate that fails (one payer: \"Verzekeraar pays\"; it read \"Verzekeraar pay\", \"Verzekeraar betalen\"), a lag of one year, a cap that binds and what falls after the horizon", () => {
    // 300 due a year; gate on the waiting time (2025: 12 > 10, missed; 2027 not measured: fails);
    // 2026's 300 is paid in 2027 but capped at 250 a year; 2027's result falls after the horizon (gated anyway).
    const a = arr(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ effect: "falls", price: 30, label: "Voorkomen val" }], lag: 1, gate: { indicator: "w", missing: "fail" }, cap: { perYear: 250 } }]));
    const op = a.outcomePayments[0]!;
    expect(op.years.map((y) => [y.year, y.paymentYear, y.gatePassed, y.gated, y.paid, y.capped])).toEqual([
      [2025, 2026, false, 30_000, 0, 0], [2026, 2027, true, 0, 25_000, 5_000], [2027, null, false, 30_000, 0, 0],
    ]);
    expect(op.beyondHorizon).toBe(0);
    expect(a.explanation.en[0]).toBe('Outcome payments: Verzekeraar pays Investeerder EUR 30 per unit of "Voorkomen val", 1 year after the outcome; earned EUR 900, paid EUR 250; quality gate: "Wachttijd" must meet its target (a year without a measurement counts as missed); missed in 2025 and 2027, so EUR 600 is not paid; cap EUR 250 a year for all payers together (binds in 2027); the caps leave EUR 50 unpaid (every payer\'s part lower in proportion); Verzekeraar EUR 250.');
    expect(a.explanation.nl[0]).toBe('Resultaatfinanciering: Verzekeraar betaalt Investeerder EUR 30 per eenheid "Voorkomen val", 1 jaar na het resultaat; verdiend EUR 900, betaald EUR 250; kwaliteitspoort: "Wachttijd" moet zijn doel halen (een jaar zonder meting telt als niet gehaald); niet gehaald in 2025 en 2027, daardoor vervalt EUR 600; plafond EUR 250 per jaar voor alle betalers samen (bindt in 2027); door de plafonds wordt EUR 50 niet betaald (ieders deel naar verhouding lager); Verzekeraar EUR 250.');
  });
  it("explains an indicator outcome with a baseline, a gate always met, a lag of two years and a total cap reached", () => {
    const a = arr(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ indicator: "w", baseline: 11, price: 100 }, { indicator: "w", price: 1 }], lag: 2, gate: { indicator: "w", missing: "pass" }, cap: { total: 5 } }], {
      indicators: [{ id: "w", label: "Wachttijd", direction: "lower-is-better", targets: { "2025": 10, "2026": 10, "2027": 10 }, actuals: { "2025": 9 } }],
    }));
    // 2025: 11 - 9 = 2 units x 100 + 9 x 1 = 209 due, paid in 2027 but the total cap is 5.
    // 2026 and 2027 (targets 10): 1 x 100 + 10 = 110 each, after the horizon: 220.
    const op = a.outcomePayments[0]!;
    expect(op.years.map((y) => [y.due, y.paid, y.capped, y.capsBinding])).toEqual([[20_900, 500, 20_400, ["total"]], [11_000, 0, 0, []], [11_000, 0, 0, []]]);
    expect(op.beyondHorizon).toBe(22_000);
    expect(a.explanation.en[0]).toBe('Outcome payments: Verzekeraar pays Investeerder EUR 100 per unit of "Wachttijd" (improvement on baseline 11.00; measured value, else the target) and EUR 1 per unit of "Wachttijd" (measured value, else the target), 2 years after the outcome; earned EUR 429, paid EUR 5; quality gate: "Wachttijd" must meet its target (a year without a measurement counts as met); met every year; cap EUR 5 in total (reached in 2027); the caps leave EUR 204 unpaid (every payer\'s part lower in proportion); EUR 220 for outcomes of 2026-2027 falls after the horizon and is not counted; Verzekeraar EUR 5.');
    expect(a.explanation.nl[0]).toBe('Resultaatfinanciering: Verzekeraar betaalt Investeerder EUR 100 per eenheid "Wachttijd" (verbetering op basis 11,00; gemeten waarde, anders het doel) en EUR 1 per eenheid "Wachttijd" (gemeten waarde, anders het doel), 2 jaar na het resultaat; verdiend EUR 429, betaald EUR 5; kwaliteitspoort: "Wachttijd" moet zijn doel halen (een jaar zonder meting telt als gehaald); steeds gehaald; plafond EUR 5 in totaal (bereikt in 2027); door de plafonds wordt EUR 204 niet betaald (ieders deel naar verhouding lager); EUR 220 voor resultaten van 2026-2027 valt na de looptijd en is niet meegeteld; Verzekeraar EUR 5.');
  });
});

describe("explanations at their edges", () => {
  const wait = { id: "w", label: "Wachttijd", direction: "lower-is-better", targets: { "2025": 10, "2026": 10, "2027": 10 }, actuals: { "2025": 12, "2026": 4 } };
  const happy = { id: "t", label: "Tevredenheid", targets: { "2025": 7, "2026": 7, "2027": 7 } };
  it("two contracts in one arrangement, each with its own figures; an indicator by its label; a gate without `missing` lets an unmeasured year pass", () => {
    // First: 10 falls x EUR 10 = 100 a year, 300. Second: satisfaction 7 (its target, not measured) x EUR 100 = 700 a
    // year, paid a year later; 2025 misses the waiting-time gate (12 > 10); 2026's 700 is paid in 2027 by
    // gem and zv 1 : 1; 2027's falls after the horizon.
    const a = arr(base([
      { type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ effect: "falls", price: 10 }] },
      { type: "outcome-payments", payer: { key: { type: "fixed", shares: { gem: 1, zv: 1 } } }, recipient: "inv", outcomes: [{ indicator: "t", price: 100 }], lag: 1, gate: { indicator: "w" } },
    ], { indicators: [wait, happy] as never }));
    expect(a.explanation.en).toEqual([
      'Outcome payments: Verzekeraar pays Investeerder EUR 10 per unit of "Vallen", in the year of the outcome; earned EUR 300, paid EUR 300; Verzekeraar EUR 300.',
      'Outcome payments: the payers pay Investeerder EUR 100 per unit of "Tevredenheid" (measured value, else the target), 1 year after the outcome; earned EUR 2,100, paid EUR 700; quality gate: "Wachttijd" must meet its target (a year without a measurement counts as met); missed in 2025, so EUR 700 is not paid; EUR 700 for outcomes of 2027 falls after the horizon and is not counted; Gemeente EUR 350, Verzekeraar EUR 350.',
    ]);
  });
  it("a year after the horizon that the gate stops is not listed as falling after it", () => {
    // Four years, paid two years later: 2025 and 2026 in 2027 and 2028; 2027 misses the gate
    // (12 > 10), so only 2028's 100 falls after the horizon.
    const a = arr(base([{ type: "outcome-payments", payer: "zv", recipient: "inv", outcomes: [{ effect: "falls", price: 10 }], lag: 2, gate: { indicator: "w", missing: "fail" } }], {
      horizon: 4, indicators: [{ ...wait, targets: { "2025": 10, "2026": 10, "2027": 10, "2028": 10 }, actuals: { "2025": 9, "2026": 4, "2027": 12, "2028": 5 } }] as never,
    }));
    expect(a.explanation.en).toEqual(['Outcome payments: Verzekeraar pays Investeerder EUR 10 per unit of "Vallen", 2 years after the outcome; earned EUR 400, paid EUR 200; quality gate: "Wachttijd" must meet its target (a year without a measurement counts as missed); missed in 2027, so EUR 100 is not paid; EUR 100 for outcomes of 2028 falls after the horizon and is not counted; Verzekeraar EUR 200.']);
  });
  it("a recipient that pays itself moves nothing, and no payer is listed", () => {
    const a = arr(base([{ type: "outcome-payments", payer: "inv", recipient: "inv", outcomes: [{ effect: "falls", price: 10 }] }]));
    expect(a.explanation.nl).toEqual(['Resultaatfinanciering: Investeerder betaalt Investeerder EUR 10 per eenheid "Vallen", in het jaar van het resultaat; verdiend EUR 300, betaald EUR 300.']);
  });
});
