import { describe, expect, it } from "vitest";
import { evaluateModel, validateCase, type CaseInput } from "../../engine/index.ts";
import { evaluate } from "../helpers.ts";
import { careCase } from "./fixture.ts";

/** Two partners, one investment of EUR 1,000 a year, one saving of EUR 3,000 a year for the insurer, rate 0. */
const base = (arrangements: CaseInput["arrangements"], extra: Partial<CaseInput> = {}): CaseInput => careCase({ arrangements, ...extra });
const arr = (ev: ReturnType<typeof evaluate>, id: string) => ev.arrangements.find((a) => a.id === id)!;
const net = (ev: ReturnType<typeof evaluate>, id: string) => Object.fromEntries(arr(ev, id).partners.map((p) => [p.id, p.net]));

describe("status quo", () => {
  it("is added first when the case lists none, and explained", () => {
    const ev = evaluate(base([]));
    expect(ev.arrangements.map((a) => a.id)).toEqual(["status-quo"]);
    expect(ev.arrangements[0]!.implicit).toBe(true);
    expect(net(ev, "status-quo")).toEqual({ gem: -200_000, zv: 600_000, zh: -450_000 });
    expect(ev.arrangements[0]!.explanation.nl[0]).toMatch(/^Status quo: iedere partner draagt/);
  });
});

describe("decision rules", () => {
  it("moves the cost to the payer the first matching rule names, split by a key", () => {
    const ev = evaluate(base([{ id: "r", name: "Rules", steps: [{ type: "decision-rules", rules: [{ match: { categories: ["capital"] }, payer: "gem" }, { match: {}, payer: { key: { type: "fixed", shares: { gem: 1, zv: 3 } } } }] }] }]));
    expect(net(ev, "r")).toEqual({ gem: -50_000, zv: 450_000, zh: -450_000 });
    expect(arr(ev, "r").explanation.en[0]).toBe("Decision framework: Verzekeraar pays Gemeente EUR 1,500 (over 2 years).");
  });
  it("names an investment that no rule covers", () => {
    const v = validateCase(base([{ id: "r", name: "Rules", steps: [{ type: "decision-rules", rules: [{ match: { categories: ["capital"] }, payer: "gem" }] }] }]), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(['arrangements.0.steps.0.rules: no rule says who pays investment "team" (Team)']);
  });
});

describe("collective pot", () => {
  const pot = (deficit: object, contributions: object, surplus: object = { action: "return" }) =>
    base([{ id: "p", name: "Pot", steps: [{ type: "pot", contributions, surplus, deficit } as never] }], { horizon: 3 });
  it("is paid by its contributors by a key and pays the investment", () => {
    const ev = evaluate(pot({ riskBearer: "gem" }, { key: { type: "inhabitants" } }));
    // Only the municipality has inhabitants; insured is another key.
    expect(net(ev, "p")).toEqual({ gem: -300_000, zv: 900_000, zh: -675_000 });
    const ev2 = evaluate(pot({ riskBearer: "gem" }, { key: { type: "fixed", shares: { gem: 1, zv: 1 } } }));
    expect(net(ev2, "p")).toEqual({ gem: -150_000, zv: 750_000, zh: -675_000 });
  });
  it("covers a deficit from the reserve, then by key up to caps, then by the risk bearer", () => {
    // Contributions EUR 800 a year against EUR 1,000 spending: EUR 200 deficit a year.
    const ev = evaluate(pot(
      { order: ["reserve", "key", "risk-bearer"], key: { type: "fixed", shares: { gem: 1, zv: 1 } }, caps: { zv: { amount: 50 } }, riskBearer: "gem" },
      { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount: 800 },
    ));
    const y = arr(ev, "p").pots[0]!.years;
    expect(y.map((x) => [x.deficit, x.covered.gem, x.covered.zv, x.riskBearer])).toEqual([[20_000, 10_000, 5_000, 5_000], [20_000, 10_000, 5_000, 5_000], [20_000, 10_000, 5_000, 5_000]]);
    expect(net(ev, "p")).toEqual({ gem: -165_000, zv: 765_000, zh: -675_000 });
  });
  it("names a cap in the explanation and the years it binds", () => {
    const ev = evaluate(pot(
      { order: ["reserve", "key", "risk-bearer"], key: { type: "fixed", shares: { gem: 1, zv: 1 } }, caps: { zv: { amount: 50 } }, riskBearer: "gem" },
      { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount: 800 },
    ));
    expect(arr(ev, "p").explanation.en[0]).toBe('Collective pot "pot-1": partners put in EUR 2,400 (Gemeente EUR 1,200, Verzekeraar EUR 1,200); the pot pays EUR 3,000 of investments (3 years); deficit EUR 600, covered by key EUR 450 (Verzekeraar at most EUR 50 a year (binds in 2025-2027)), the rest by final risk bearer Gemeente EUR 150.');
  });
  it("keeps a surplus in the reserve up to its maximum, returns the rest, and empties it in the last year", () => {
    const ev = evaluate(pot({ riskBearer: "gem" }, { amounts: { gem: 1000, zv: 300 } }, { action: "reserve", reserveMax: 500, key: { type: "fixed", shares: { zv: 1 } } }));
    const y = arr(ev, "p").pots[0]!.years;
    expect(y.map((x) => [x.surplus, x.reserveAdded, x.reserveEnd, x.returned.zv ?? 0])).toEqual([[30_000, 30_000, 30_000, 0], [30_000, 20_000, 50_000, 10_000], [30_000, 0, 0, 80_000]]);
  });
  it("carries a surplus forward: it lowers the next year's contributions (issue 14: it used to wait for a deficit)", () => {
    const ev = evaluate(base([{ id: "p", name: "Pot", steps: [{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1 } }, amount: 1000 }, surplus: { action: "carry-forward" }, deficit: { order: ["reserve", "risk-bearer"], riskBearer: "zv" } }] }], {
      horizon: 3,
      investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": 600, "2026": 1200, "2027": 1300 } } }],
    }));
    const y = arr(ev, "p").pots[0]!.years;
    // 2025: 1,000 in, 600 out: 400 carried. 2026: the agreed 1,000 less the 400 carried = 600 in,
    // 1,200 out: 200 short, the risk bearer covers it. 2027: 1,000 in, 1,300 out: 300 short.
    expect(y.map((x) => x.contributed)).toEqual([100_000, 60_000, 100_000]);
    expect(y.map((x) => [x.reserveStart, x.surplus, x.deficit, x.reserveDrawn, x.contributionsLowered, x.riskBearer, x.reserveEnd])).toEqual([
      [0, 40_000, 0, 0, 0, 0, 40_000], [40_000, 0, 20_000, 40_000, 40_000, 20_000, 0], [0, 0, 30_000, 0, 0, 30_000, 0],
    ]);
    expect(arr(ev, "p").explanation.en[0]).toContain("surplus EUR 400: is carried forward and lowers the next year's contributions (EUR 400 less put in)");
  });
  it("never reads more reserve drawn than the reserve held at the start; the end-of-horizon return is reported apart", () => {
    // 2025: 1,000 in, 600 out: 400 carried. 2026 (the last year): 600 in + 400 carried, 200 out:
    // a surplus of 800, all returned at the end. Until issue 14 the year read "reserve drawn 800"
    // next to "reserve at start 400".
    const ev = evaluate(base([{ id: "p", name: "Pot", steps: [{ type: "pot", contributions: { amounts: { gem: 1000 } }, surplus: { action: "carry-forward" }, deficit: { riskBearer: "gem" } }] }], {
      investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": 600, "2026": 200 } } }],
    }));
    const last = arr(ev, "p").pots[0]!.years[1]!;
    expect([last.reserveStart, last.reserveDrawn, last.contributed, last.surplus, last.reserveAdded, last.reserveReturned, last.returned.gem, last.reserveEnd]).toEqual([40_000, 40_000, 60_000, 80_000, 80_000, 80_000, 80_000, 0]);
    expect(last.reserveDrawn).toBeLessThanOrEqual(last.reserveStart);
  });
});

describe("shared savings", () => {
  it("passes the rate of the savings above the threshold, capped", () => {
    const ev = evaluate(base([{ id: "s", name: "S", steps: [{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, threshold: { amount: 1000 }, cap: 800 }] }]));
    // Savings EUR 3,000 a year; 50 % of 2,000 = 1,000, capped at 800.
    expect(arr(ev, "s").steps[0]!.transfers.map((t) => t.amount)).toEqual([80_000, 80_000]);
    expect(arr(ev, "s").explanation.nl[0]).toBe("Verzekeraar betaalt Gemeente 50% van zijn verzilverbare besparing boven EUR 1.000 per jaar: EUR 1.600 over 2 jaar; ten hoogste EUR 800 per jaar (dat plafond bindt in 2025-2026).");
  });
  it("shares only cashable savings by default and says so; basis: all shares every saving (issue 14)", () => {
    const effects = [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300 }, { id: "gp", label: "GP time", domain: "zvw", quantity: 10, unitPrice: 100, cashable: false }];
    const cashable = evaluate(base([{ id: "s", name: "S", steps: [{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5 }] }], { effects }));
    // The insurer saves 3,000 a year that a budget can cut, and 1,000 of GP time that none can.
    expect(arr(cashable, "s").steps[0]!.transfers.map((t) => t.amount)).toEqual([150_000, 150_000]);
    expect(arr(cashable, "s").explanation.en[0]).toBe("Verzekeraar pays Gemeente 50% of its cashable savings: EUR 3,000 over 2 years.");
    const all = evaluate(base([{ id: "s", name: "S", steps: [{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, basis: "all" }] }], { effects }));
    expect(arr(all, "s").steps[0]!.transfers.map((t) => t.amount)).toEqual([200_000, 200_000]);
    expect(arr(all, "s").explanation.en[0]).toBe("Verzekeraar pays Gemeente 50% of its savings (cashable or not): EUR 4,000 over 2 years.");
  });
  it("explains exactly: the rate unrounded, the threshold and the years the savings stay under it, and a cap that never binds", () => {
    const ev = evaluate(base([{ id: "s", name: "S", steps: [{ type: "shared-savings", from: "zv", to: "gem", rate: 0.9317, threshold: { amount: 2500 }, cap: 5000 }] }], {
      effects: [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300, profile: { "2025": 0.5, "2026": 1 } }],
    }));
    // 2025: 1,500 saved, under the 2,500 threshold; 2026: 93.17 % of 500 = 465.85.
    expect(arr(ev, "s").explanation.nl[0]).toBe("Verzekeraar betaalt Gemeente 93,17% van zijn verzilverbare besparing boven EUR 2.500 per jaar: EUR 465,85 over 1 jaar; ten hoogste EUR 5.000 per jaar (dat plafond bindt nooit); in 2025 blijft de besparing onder de drempel.");
  });
  it("shares losses back when the savings are negative", () => {
    const ev = evaluate(base([{ id: "s", name: "S", steps: [{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, lossSharing: { rate: 0.25 } }] }], {
      effects: [{ id: "days", label: "Days", domain: "zvw", quantity: -10, unitPrice: 300 }],
    }));
    expect(arr(ev, "s").steps[0]!.transfers).toEqual([
      { year: 2025, from: "gem", to: "zv", amount: 75_000, reason: "loss-sharing" },
      { year: 2026, from: "gem", to: "zv", amount: 75_000, reason: "loss-sharing" },
    ]);
  });
});

describe("provider transition", () => {
  it("pays a share of the provider's lost margin (revenue lost minus variable cost saved)", () => {
    const ev = evaluate(base([{ id: "t", name: "T", steps: [{ type: "provider-transition", provider: "zh", payer: "zv", compensation: { shareOfLostMargin: 0.4 }, period: { to: 2025 } }] }]));
    // Lost margin EUR 3,000 x 0.75 = 2,250; 40 % = 900, in 2025 only.
    expect(arr(ev, "t").steps[0]!.transfers).toEqual([{ year: 2025, from: "zv", to: "zh", amount: 90_000, reason: "provider-transition" }]);
  });
});

describe("settlement", () => {
  it("equal ROI: the ROI the table shows is the same for every participant (issue 14: it used to equalise NPV / own costs)", () => {
    const ev = evaluate(base([{ id: "s", name: "S", steps: [{ type: "settlement", target: "equal-roi", partners: ["gem", "zh", "zv"] }] }]));
    // Before: gem costs 2,000, zh 4,500 (revenue lost net of variable cost), zv saves 6,000.
    // beta solves 2,000 beta + 4,500 beta = 6,000 / beta: beta = sqrt(6,000 / 6,500) = 0.96077,
    // so gem receives 1,921.54, zh 4,323.46 and zv pays 6,245.00, each half a year.
    const a = arr(ev, "s");
    const roi = Object.fromEntries(a.partners.map((p) => [p.id, p.roi]));
    const beta = Math.sqrt(6000 / 6500);
    for (const id of ["gem", "zh", "zv"]) expect(roi[id]).toBeCloseTo(beta - 1, 5);
    const n = net(ev, "s");
    expect(n.gem! + n.zh! + n.zv!).toBe(-50_000);
    expect(-n.zv! + 600_000).toBe(624_500);
    expect(a.explanation.en[0]).toMatch(/the ROI .* of Gemeente, Verzekeraar, Ziekenhuis is then the same: -3,92|the ROI .* of Gemeente, Verzekeraar, Ziekenhuis is then the same: -3.92/);
  });
  it("no worse off: with a joint gain, nobody loses and the gain is split by the key", () => {
    const ev = evaluate(base([{ id: "s", name: "S", steps: [{ type: "settlement", target: "no-worse-off", partners: ["gem", "zv"], key: { type: "fixed", shares: { gem: 1, zv: 1 } } }] }]));
    expect(net(ev, "s")).toEqual({ gem: 200_000, zv: 200_000, zh: -450_000 });
    expect(arr(ev, "s").explanation.nl[0]).toBe("Verevening (niemand slechter af): Verzekeraar betaalt Gemeente EUR 4.000 (over 2 jaar); de gezamenlijke winst (NCW EUR 4.000) is verdeeld naar de sleutel, dus geen deelnemer staat onder 0.");
  });
  it("must be the last step", () => {
    const v = validateCase(base([{ id: "s", name: "S", steps: [{ type: "settlement", target: "no-worse-off" }, { type: "shared-savings", from: "zv", to: "gem", rate: 0.5 }] }]), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0]!.message).toBe("the settlement must be the last step");
  });
});

describe("keys", () => {
  it("reports a key whose weights are all zero, with its path", () => {
    const v = validateCase(base([{ id: "p", name: "Pot", steps: [{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 0, zv: 0 } } }, deficit: { riskBearer: "gem" } }] }]), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(["arrangements.0.steps.0.contributions.key: the shares are all 0"]);
  });
  it("switches keys by year", () => {
    const ev = evaluate(base([{ id: "r", name: "R", steps: [{ type: "decision-rules", rules: [{ match: {}, payer: { key: { type: "by-year", years: { "2025": { type: "fixed", shares: { zv: 1 } } }, default: { type: "fixed", shares: { gem: 1 } } } } }] }] }]));
    expect(arr(ev, "r").partners.find((p) => p.id === "gem")!.yearly.map((y) => y.net)).toEqual([0, -100_000]);
  });
  it("splits by expected benefit", () => {
    const ev = evaluate(base([{ id: "r", name: "R", steps: [{ type: "decision-rules", rules: [{ match: {}, payer: { key: { type: "benefit" } } }] }] }]));
    // Only the insurer has a positive effect result, so it pays everything.
    expect(net(ev, "r")).toEqual({ gem: 0, zv: 400_000, zh: -450_000 });
  });
});

describe("the same model evaluated twice", () => {
  it("gives identical arrangement results (no hidden state)", () => {
    const v = validateCase(base([{ id: "p", name: "Pot", steps: [{ type: "pot", contributions: { key: { type: "insured" } }, deficit: { riskBearer: "gem" } }] }]));
    if (!v.ok) throw new Error("invalid");
    expect(evaluateModel(v.model).arrangements).toEqual(evaluateModel(v.model).arrangements);
  });
});
