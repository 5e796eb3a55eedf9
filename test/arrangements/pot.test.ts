/**
 * The collective pot year by year (engine/arrangements/pot.ts), every figure of every year
 * computed by hand in the comments: contributions, reserve in and out, the deficit order with
 * caps by amount and by share of contribution, the carried-forward surplus with fixed amounts,
 * and the reserve emptied in the last year.
 */
import { describe, expect, it } from "vitest";
import { evaluateModel, validateCase, type CaseInput } from "../../engine/index.ts";
import type { InputError } from "../../engine/messages/issues.ts";
import { evaluate } from "../helpers.ts";
import { careCase } from "./fixture.ts";

const ORDER = ["reserve", "key", "risk-bearer"];
/** Municipality invests by an explicit schedule (EUR per year); the insurer saves EUR 3,000 a year. */
const potCase = (schedule: Record<string, number>, step: object, extra: Partial<CaseInput> = {}): CaseInput => careCase({
  horizon: Object.keys(schedule).length,
  investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: schedule } }],
  arrangements: [{ id: "p", name: "Pot", steps: [{ type: "pot", ...step } as never] }],
  ...extra,
});
const potOf = (c: CaseInput) => evaluate(c).arrangements.find((a) => a.id === "p")!;
const netOf = (c: CaseInput) => Object.fromEntries(potOf(c).partners.map((p) => [p.id, p.net]));

describe("pot: reserve, deficit by key with a cap by share of contribution, and the last year", () => {
  const c = potCase({ "2025": 600, "2026": 1200, "2027": 500 }, {
    contributions: { key: { type: "fixed", shares: { gem: 1, zv: 3 } }, amount: 800 },
    initialReserve: 200,
    surplus: { action: "reserve", reserveMax: 300, key: { type: "fixed", shares: { zv: 1 } } },
    deficit: { order: ORDER, key: { type: "fixed", shares: { gem: 1, zv: 1 } }, caps: { zv: { shareOfContribution: 0.05 } }, riskBearer: "gem" },
  });
  it("books every year as computed by hand", () => {
    const years = potOf(c).pots[0]!.years;
    const common = { contributionsLowered: 0, order: ORDER };
    expect(years).toEqual([
      // 2025: 800 + the initial reserve 200 = 1,000 by 1:3 (250, 750); spends 600: surplus 400;
      // the reserve takes 300 (its maximum), 100 goes back by the return key (all to zv).
      { ...common, year: 2025, reserveStart: 0, contributions: { gem: 25_000, zv: 75_000 }, contributed: 100_000, spending: 60_000, surplus: 40_000, deficit: 0,
        reserveDrawn: 0, reserveAdded: 30_000, reserveReturned: 0, reserveEnd: 30_000, returned: { zv: 10_000 }, covered: {}, capsBinding: [], riskBearer: 0 },
      // 2026: 800 (200, 600); spends 1,200: deficit 400; the reserve gives 300; the key splits
      // 100 as 50/50, zv's cap is 5 % of its 600 = 30 (binds), so the risk bearer pays 20.
      { ...common, year: 2026, reserveStart: 30_000, contributions: { gem: 20_000, zv: 60_000 }, contributed: 80_000, spending: 120_000, surplus: 0, deficit: 40_000,
        reserveDrawn: 30_000, reserveAdded: 0, reserveReturned: 0, reserveEnd: 0, returned: {}, covered: { gem: 5_000, zv: 3_000 }, capsBinding: ["zv"], riskBearer: 2_000 },
      // 2027 (last): 800 in, 500 out: surplus 300 into the reserve (room 300), then the whole
      // reserve goes back by the return key at the end of the horizon.
      { ...common, year: 2027, reserveStart: 0, contributions: { gem: 20_000, zv: 60_000 }, contributed: 80_000, spending: 50_000, surplus: 30_000, deficit: 0,
        reserveDrawn: 0, reserveAdded: 30_000, reserveReturned: 30_000, reserveEnd: 0, returned: { zv: 30_000 }, covered: {}, capsBinding: [], riskBearer: 0 },
    ]);
  });
  it("leaves every partner with what the years add up to, and the pot empty", () => {
    // gem: pays 2,300 of investments, gets 2,300 from the pot; puts in 650, covers 50 + 20: -720.
    // zv: saves 9,000; puts in 1,950, gets back 100 + 300, covers 30: 7,420.
    expect(netOf(c)).toEqual({ gem: -72_000, zv: 742_000, zh: -675_000 });
    const a = potOf(c);
    expect(a.pots.map((p) => [p.id, p.net, p.npv])).toEqual([["pot:pot-1", 0, 0]]);
    expect(a.steps[0]!.facts).toEqual({ reserveMax: 30_000, "capShare:zv": 0.05 });
  });
  it("books the transfers with their reasons: pot pays the bearer, contributions in, returns out", () => {
    const t = potOf(c).steps[0]!.transfers.filter((x) => x.year === 2026);
    expect(t).toEqual([
      { year: 2026, from: "pot:pot-1", to: "gem", amount: 120_000, reason: "pot-pays", about: "team" },
      { year: 2026, from: "gem", to: "pot:pot-1", amount: 20_000, reason: "contribution" },
      { year: 2026, from: "zv", to: "pot:pot-1", amount: 60_000, reason: "contribution" },
      { year: 2026, from: "gem", to: "pot:pot-1", amount: 5_000, reason: "deficit-covered" },
      { year: 2026, from: "zv", to: "pot:pot-1", amount: 3_000, reason: "deficit-covered" },
      { year: 2026, from: "gem", to: "pot:pot-1", amount: 2_000, reason: "risk-bearer" },
    ]);
    expect(potOf(c).steps[0]!.transfers.filter((x) => x.year === 2027 && x.reason === "surplus-returned")).toEqual([
      { year: 2027, from: "pot:pot-1", to: "zv", amount: 30_000, reason: "surplus-returned" },
    ]);
  });
});

describe("pot: fixed amounts, a carried-forward surplus and the risk bearer added to the order", () => {
  const c = potCase({ "2025": 400, "2026": 1000, "2027": 500 }, {
    contributions: { amounts: { zv: 200, gem: 600 } },
    surplus: { action: "carry-forward" },
    deficit: { order: ["reserve"], riskBearer: "zv" },
  });
  it("lowers the next year's fixed amounts by the carried surplus in proportion, and returns what is left at the end by contribution", () => {
    const years = potOf(c).pots[0]!.years;
    expect(years.map((y) => [y.reserveStart, y.contributions, y.contributed, y.spending, y.surplus, y.deficit, y.reserveDrawn, y.contributionsLowered, y.reserveAdded, y.reserveReturned, y.reserveEnd, y.returned, y.riskBearer])).toEqual([
      // 2025: 600 + 200 in, 400 out: 400 carried forward.
      [0, { gem: 60_000, zv: 20_000 }, 80_000, 40_000, 40_000, 0, 0, 0, 40_000, 0, 40_000, {}, 0],
      // 2026: the 400 carried lowers 600/200 by 3:1 (300, 100): 400 in + 400 carried - 1,000
      // spent = 200 short, the risk bearer (added after "reserve") pays it.
      [40_000, { gem: 30_000, zv: 10_000 }, 40_000, 100_000, 0, 20_000, 40_000, 40_000, 0, 0, 0, {}, 20_000],
      // 2027: 800 in, 500 out: 300 carried, returned at the end by contribution 600:200 = 225/75.
      [0, { gem: 60_000, zv: 20_000 }, 80_000, 50_000, 30_000, 0, 0, 0, 30_000, 30_000, 0, { gem: 22_500, zv: 7_500 }, 0],
    ]);
    expect(years[1]!.order).toEqual(["reserve", "risk-bearer"]);
  });
});

describe("pot: a deficit capped by an amount, with the order key first", () => {
  it("takes at most the cap from a partner and the rest from the risk bearer, and states the cap as a fact", () => {
    const c = potCase({ "2025": 1000, "2026": 1000 }, {
      contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount: 400 },
      deficit: { order: ["key", "risk-bearer"], key: { type: "fixed", shares: { gem: 1, zv: 3 } }, caps: { zv: { amount: 300 }, gem: { amount: 1000 } }, riskBearer: "gem" },
    });
    const a = potOf(c);
    // Deficit 600 a year: the key gives gem 150, zv 450; zv's cap is 300, so gem pays 150 more.
    expect(a.pots[0]!.years.map((y) => [y.deficit, y.covered, y.capsBinding, y.riskBearer])).toEqual([
      [60_000, { gem: 15_000, zv: 30_000 }, ["zv"], 15_000], [60_000, { gem: 15_000, zv: 30_000 }, ["zv"], 15_000],
    ]);
    expect(a.steps[0]!.facts).toEqual({ "capAmount:zv": 30_000, "capAmount:gem": 100_000 });
  });
  it("a cap of exactly the key's part does not bind", () => {
    const c = potCase({ "2025": 1000 }, {
      contributions: { key: { type: "fixed", shares: { gem: 1 } }, amount: 600 },
      deficit: { order: ["key"], key: { type: "fixed", shares: { zv: 1 } }, caps: { zv: { amount: 400 } }, riskBearer: "gem" },
    });
    expect(potOf(c).pots[0]!.years.map((y) => [y.covered, y.capsBinding, y.riskBearer])).toEqual([[{ zv: 40_000 }, [], 0]]);
  });
});

describe("pot: the spending default and what the pot pays", () => {
  it("collects by default what the pot spends, pays only the investments it covers, and keeps no reserve when there is no surplus", () => {
    const c = potCase({ "2025": 1000, "2026": 500 }, {
      pays: { investments: ["team"] },
      contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } } },
      deficit: { riskBearer: "gem" },
    }, {
      investments: [
        { id: "team", label: "Team", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": 1000, "2026": 500 } } },
        { id: "ict", label: "ICT", bearer: "zv", domain: "zvw", amount: 100 },
      ],
    });
    const y = potOf(c).pots[0]!.years;
    expect(y.map((x) => [x.spending, x.contributions, x.surplus, x.deficit, x.reserveEnd])).toEqual([
      [100_000, { gem: 50_000, zv: 50_000 }, 0, 0, 0], [50_000, { gem: 25_000, zv: 25_000 }, 0, 0, 0],
    ]);
    // gem: -1,500 invested, +1,500 from the pot, -750 put in; zv: 6,000 saved, -200 ICT, -750.
    expect(netOf(c)).toEqual({ gem: -75_000, zv: 505_000, zh: -450_000 });
  });
});

describe("pot: validation", () => {
  const issues = (c: CaseInput) => {
    const v = validateCase(c, { lang: "en" });
    return v.ok ? [] : v.issues.map((i) => `${i.path.join(".")}: ${i.code}`);
  };
  it("names an unknown investment, an unknown domain and a reserve without a maximum", () => {
    expect(issues(potCase({ "2025": 100 }, {
      pays: { investments: ["nope"], domains: ["nodomain"] },
      contributions: { key: { type: "fixed", shares: { gem: 1 } } },
      surplus: { action: "reserve" },
      deficit: { riskBearer: "gem" },
    }))).toEqual([
      "arrangements.0.steps.0.pays.investments.0: unknownInvestment",
      "arrangements.0.steps.0.pays.domains.0: unknownDomain",
      "arrangements.0.steps.0.surplus.reserveMax: reserveMaxMissing",
    ]);
  });
  it("names an unknown risk bearer, an unknown partner with a fixed amount and with a cap", () => {
    expect(issues(potCase({ "2025": 100 }, {
      contributions: { amounts: { gem: 100, ghost: 5 } },
      deficit: { riskBearer: "nobody", caps: { spook: { amount: 5 } } },
    }))).toEqual([
      "arrangements.0.steps.0.contributions.amounts.ghost: unknownPartner",
      "arrangements.0.steps.0.deficit.riskBearer: unknownPartner",
      "arrangements.0.steps.0.deficit.caps.spook: unknownPartner",
    ]);
  });
});

describe("pot: what partners actually put in (monitoring)", () => {
  const m = (c: CaseInput) => { const v = validateCase(c, { lang: "en" }); if (!v.ok) throw new Error("invalid"); return v.model; };
  it("replaces the agreed contributions in a year with actuals; returns and covers by what was actually put in", () => {
    const c = potCase({ "2025": 1000, "2026": 1000 }, { contributions: { amounts: { gem: 600, zv: 200 } }, deficit: { riskBearer: "zv" } });
    // 2025: 900 and 300 actually put in against 1,000 spent: 200 back, 900 : 300 = 150 and 50.
    // 2026: no actuals, the plan: 800 in, 200 short, covered by the default order's key step,
    // which without a key goes by contribution: 600 : 200 = 150 and 50.
    const actual = new Map([["p/pot-1", new Map([[2025, { gem: 90_000, zv: 30_000 }]])]]);
    const y = evaluateModel(m(c), undefined, { actualContributions: actual }).arrangements.find((a) => a.id === "p")!.pots[0]!.years;
    expect(y.map((x) => [x.contributions, x.contributed, x.surplus, x.returned, x.deficit, x.covered])).toEqual([
      [{ gem: 90_000, zv: 30_000 }, 120_000, 20_000, { gem: 15_000, zv: 5_000 }, 0, {}],
      [{ gem: 60_000, zv: 20_000 }, 80_000, 0, {}, 20_000, { gem: 15_000, zv: 5_000 }],
    ]);
  });
  it("with a contribution key, returns by the key even when actuals differ; actuals of zero keep the agreed weights", () => {
    const c = potCase({ "2025": 1000 }, { contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } } }, deficit: { riskBearer: "zv" } });
    const actual = new Map([["p/pot-1", new Map([[2025, { gem: 150_000, zv: 50_000 }]])]]);
    const y = evaluateModel(m(c), undefined, { actualContributions: actual }).arrangements.find((a) => a.id === "p")!.pots[0]!.years;
    // 2,000 in, 1,000 out: 1,000 back by the key 1 : 1.
    expect(y.map((x) => [x.contributed, x.returned])).toEqual([[200_000, { gem: 50_000, zv: 50_000 }]]);
    const f = potCase({ "2025": 1000 }, { contributions: { amounts: { gem: 600, zv: 200 } }, deficit: { order: ["key"], key: { type: "fixed", shares: { gem: 1 } }, riskBearer: "zv" } });
    const zero = new Map([["p/pot-1", new Map([[2025, { gem: 0, zv: 0 }]])]]);
    const z = evaluateModel(m(f), undefined, { actualContributions: zero }).arrangements.find((a) => a.id === "p")!.pots[0]!.years;
    expect(z.map((x) => [x.contributed, x.deficit, x.covered])).toEqual([[0, 100_000, { gem: 100_000 }]]);
  });
});

describe("pot: a carried surplus larger than the next year's total", () => {
  it("lowers that year's contributions to 0 and keeps the rest for later; the last year returns what is left", () => {
    // Contributions by key 1 : 1, the total by default what the pot spends (+ an initial reserve of 800 in 2025).
    // 2025: 1,000 + 800 in, 1,000 out: 800 carried. 2026: 500 due, all from the 800 carried: 0 put
    // in, 300 left. 2027: 200 due, from the 300: 0 put in, 100 left, returned 50 / 50 at the end.
    const c = potCase({ "2025": 1000, "2026": 500, "2027": 200 }, {
      contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } } }, initialReserve: 800,
      surplus: { action: "carry-forward" }, deficit: { riskBearer: "gem" },
    });
    const y = potOf(c).pots[0]!.years;
    expect(y.map((x) => [x.reserveStart, x.contributions, x.contributed, x.spending, x.surplus, x.reserveDrawn, x.contributionsLowered, x.reserveAdded, x.reserveReturned, x.reserveEnd, x.returned])).toEqual([
      [0, { gem: 90_000, zv: 90_000 }, 180_000, 100_000, 80_000, 0, 0, 80_000, 0, 80_000, {}],
      [80_000, { gem: 0, zv: 0 }, 0, 50_000, 0, 50_000, 50_000, 0, 0, 30_000, {}],
      [30_000, { gem: 0, zv: 0 }, 0, 20_000, 0, 20_000, 20_000, 0, 10_000, 0, { gem: 5_000, zv: 5_000 }],
    ]);
    expect(potOf(c).steps[0]!.transfers.filter((t) => t.reason === "contribution").map((t) => t.year)).toEqual([2025, 2025]);
  });
});

describe("pot: every input error names its path", () => {
  const all = (c: CaseInput) => {
    const v = validateCase(c, { lang: "en" });
    return v.ok ? [] : v.issues.map((i) => [i.path.join("."), i.code, i.params]);
  };
  it("a formula or key that does not compile, at each place a pot has one", () => {
    expect(all(potCase({ "2025": 100 }, {
      pays: { investments: ["nope"] },
      contributions: { key: { type: "fixed", shares: { gem: "x" } }, amount: "x" }, initialReserve: "x",
      surplus: { action: "reserve", reserveMax: "x", key: { type: "fixed", shares: { ghost: 1 } } },
      deficit: { key: { type: "fixed", shares: { spook: 1 } }, caps: { zv: { amount: "x" } }, riskBearer: "gem" },
    }))).toEqual([
      ["arrangements.0.steps.0.pays.investments.0", "unknownInvestment", { name: "nope" }],
      ["arrangements.0.steps.0.contributions.key.shares.gem", "unknownParameter", { name: "x" }],
      ["arrangements.0.steps.0.contributions.amount", "unknownParameter", { name: "x" }],
      ["arrangements.0.steps.0.initialReserve", "unknownParameter", { name: "x" }],
      ["arrangements.0.steps.0.surplus.key.shares.ghost", "unknownPartner", { name: "ghost" }],
      ["arrangements.0.steps.0.surplus.reserveMax", "unknownParameter", { name: "x" }],
      ["arrangements.0.steps.0.deficit.key.shares.spook", "unknownPartner", { name: "spook" }],
      ["arrangements.0.steps.0.deficit.caps.zv.amount", "unknownParameter", { name: "x" }],
    ]);
    expect(all(potCase({ "2025": 100 }, { contributions: { amounts: { gem: "x" } }, deficit: { riskBearer: "gem" } })))
      .toEqual([["arrangements.0.steps.0.contributions.amounts.gem", "unknownParameter", { name: "x" }]]);
  });
  it("an amount beyond exact cents (EUR 10^14 = 10^16 cents, above 2^53 - 1) at its own path; in the year it is used, or without a year where only the facts read it", () => {
    const key = { type: "fixed", shares: { gem: 1 } };
    const overflow = (path: string, what: string, year?: number) => [[`arrangements.0.steps.0.${path}`, "amountOverflow", { what, value: 1e14, ...(year ? { year } : {}) }]];
    expect(all(potCase({ "2025": 100 }, { contributions: { key, amount: 1e14 }, deficit: { riskBearer: "gem" } }))).toEqual(overflow("contributions.amount", "contribution", 2025));
    expect(all(potCase({ "2025": 100 }, { contributions: { key }, initialReserve: 1e14, deficit: { riskBearer: "gem" } }))).toEqual(overflow("initialReserve", "contribution", 2025));
    // A surplus (200 in, 100 out) reads the reserve's maximum in 2025; a deficit (50 in) only in the facts.
    expect(all(potCase({ "2025": 100 }, { contributions: { key, amount: 200 }, surplus: { action: "reserve", reserveMax: 1e14 }, deficit: { riskBearer: "gem" } }))).toEqual(overflow("surplus.reserveMax", "arrangement", 2025));
    expect(all(potCase({ "2025": 100 }, { contributions: { key, amount: 50 }, surplus: { action: "reserve", reserveMax: 1e14 }, deficit: { riskBearer: "gem" } }))).toEqual(overflow("surplus.reserveMax", "arrangement"));
    // A deficit by key reads the cap in 2025; without a deficit only the facts do.
    const deficit = { key: { type: "fixed", shares: { zv: 1 } }, caps: { zv: { amount: 1e14 } }, riskBearer: "gem" };
    expect(all(potCase({ "2025": 100 }, { contributions: { key, amount: 50 }, deficit }))).toEqual(overflow("deficit.caps.zv.amount", "arrangement", 2025));
    expect(all(potCase({ "2025": 100 }, { contributions: { key }, deficit }))).toEqual(overflow("deficit.caps.zv.amount", "arrangement"));
  });
  it("contributions that sum beyond 2^53 - 1 cents, by a key or as fixed amounts; exactly 2^53 - 1 is still a sum the pot can hold", () => {
    const contrib = (value: number) => [["arrangements.0.steps.0.contributions", "amountOverflow", { what: "contribution", year: 2025, value }]];
    // EUR 60 trillion + an initial reserve of 60 trillion: 1.2 x 10^16 cents.
    expect(all(potCase({ "2025": 100 }, { contributions: { key: { type: "fixed", shares: { gem: 1 } }, amount: 6e13 }, initialReserve: 6e13, deficit: { riskBearer: "gem" } }))).toEqual(contrib(1.2e14));
    expect(all(potCase({ "2025": 100 }, { contributions: { amounts: { gem: 6e13, zv: 6e13 } }, deficit: { riskBearer: "gem" } }))).toEqual(contrib(1.2e14));
    // 9,007,199,254,740,000 + 991 cents = 2^53 - 1: the pot holds it (it pays nothing), but the
    // ledger's sum of all rows (twice that, for the two rows of each contribution) overflows;
    // one cent more and the contributions themselves are out of range.
    const at = (cents: number) => all(potCase({ "2025": 100 }, { pays: { investments: [] }, contributions: { amounts: { gem: 90_071_992_547_400, zv: cents / 100 } }, deficit: { riskBearer: "gem" } }));
    expect(at(991).map((i) => [i[0], i[1]])).toEqual([["arrangements.0.steps.0", "totalOverflow"]]);
    expect(at(992)).toEqual(contrib(90_071_992_547_409.92));
  });
  it("a pot that collects and spends EUR 46 trillion in a year holds both (the ledger's total overflows, not the pot's result)", () => {
    expect(all(potCase({ "2025": 46e12 }, { contributions: { key: { type: "fixed", shares: { gem: 1 } } }, deficit: { riskBearer: "gem" } })).map((i) => [i[0], i[1]]))
      .toEqual([["arrangements.0.steps.0", "totalOverflow"]]);
  });
  it("a result beyond exact cents: EUR 50 trillion taken out against EUR 50 trillion spent", () => {
    // contributed - spending = -5 x 10^15 - 5 x 10^15 = -10^16 cents.
    expect(all(potCase({ "2025": 5e13 }, { contributions: { amounts: { gem: -5e13 } }, deficit: { riskBearer: "gem" } })))
      .toEqual([["arrangements.0.steps.0.contributions", "amountOverflow", { what: "contribution", year: 2025, value: -1e14 }]]);
  });
  it("a deficit to cover by contribution when nobody contributed is an error at the contributions", () => {
    expect(all(potCase({ "2025": 100 }, { contributions: { amounts: { gem: 0, zv: 0 } }, deficit: { riskBearer: "gem" } })))
      .toEqual([["arrangements.0.steps.0.contributions", "weightsZero", {}]]);
  });
});

describe("pot: what it pays and collects, edge by edge", () => {
  it("a negative fixed amount is paid out of the pot; a refund on an investment flows from its bearer into the pot", () => {
    // 2025: gem 600 in, zv takes 100 out: 500 in, 1,000 out: 500 short, covered by contribution
    // (zv's weight is 0): gem 500. 2026: the team's -300 comes back into the pot: 500 + 300 = 800
    // surplus, all back to gem.
    const a = potOf(potCase({ "2025": 1000, "2026": -300 }, { contributions: { amounts: { gem: 600, zv: -100 } }, deficit: { riskBearer: "zv" } }));
    expect(a.pots[0]!.years.map((y) => [y.contributions, y.spending, y.deficit, y.covered, y.surplus, y.returned])).toEqual([
      [{ gem: 60_000, zv: -10_000 }, 100_000, 50_000, { gem: 50_000 }, 0, {}],
      [{ gem: 60_000, zv: -10_000 }, -30_000, 0, {}, 80_000, { gem: 80_000, zv: 0 }],
    ]);
    expect(a.steps[0]!.transfers.filter((t) => t.year === 2026)).toEqual([
      { year: 2026, from: "gem", to: "pot:pot-1", amount: 30_000, reason: "pot-pays", about: "team" },
      { year: 2026, from: "gem", to: "pot:pot-1", amount: 60_000, reason: "contribution" },
      { year: 2026, from: "pot:pot-1", to: "zv", amount: 10_000, reason: "contribution" },
      { year: 2026, from: "pot:pot-1", to: "gem", amount: 80_000, reason: "surplus-returned" },
    ]);
  });
  it("books fixed amounts in partner-id order, however they are listed", () => {
    const a = potOf(potCase({ "2025": 900 }, { contributions: { amounts: { zv: 300, zh: 200, gem: 400 } }, deficit: { riskBearer: "zv" } }));
    expect(a.steps[0]!.transfers.filter((t) => t.reason === "contribution").map((t) => [t.from, t.amount])).toEqual([["gem", 40_000], ["zh", 20_000], ["zv", 30_000]]);
  });
  it("a cap of 0 binds and leaves no covered entry for that partner", () => {
    // Deficit 400 by key 1 : 1: gem 200; zv's 200 is capped at 0, so the risk bearer pays 200.
    const a = potOf(potCase({ "2025": 1000 }, {
      contributions: { key: { type: "fixed", shares: { gem: 1 } }, amount: 600 },
      deficit: { order: ["key", "risk-bearer"], key: { type: "fixed", shares: { gem: 1, zv: 1 } }, caps: { zv: { amount: 0 } }, riskBearer: "gem" },
    }));
    expect(a.pots[0]!.years.map((y) => [y.covered, y.capsBinding, y.riskBearer])).toEqual([[{ gem: 20_000 }, ["zv"], 20_000]]);
    // Only the cap that is given is a fact (no share of contribution here).
    expect(a.steps[0]!.facts).toStrictEqual({ "capAmount:zv": 0 });
  });
  it("fixed amounts of 0 with nothing carried: the final risk bearer pays it all", () => {
    const a = potOf(potCase({ "2025": 1000 }, { contributions: { amounts: { gem: 0 } }, surplus: { action: "carry-forward" }, deficit: { order: ["risk-bearer"], riskBearer: "zv" } }));
    expect(a.pots[0]!.years.map((y) => [y.contributions, y.deficit, y.riskBearer])).toEqual([[{ gem: 0 }, 100_000, 100_000]]);
  });
  it("asks the contribution key year by year", () => {
    const a = potOf(potCase({ "2025": 1000, "2026": 1000 }, {
      contributions: { key: { type: "by-year", years: { "2026": { type: "fixed", shares: { zv: 1 } } }, default: { type: "fixed", shares: { gem: 1 } } } },
      deficit: { riskBearer: "zv" },
    }));
    expect(a.pots[0]!.years.map((y) => y.contributions)).toEqual([{ gem: 100_000 }, { zv: 100_000 }]);
  });
  it("asks a blend year by year when one of its parts is a by-year key (weights kept for the run only for keys that ignore the year)", () => {
    const a = potOf(potCase({ "2025": 1000, "2026": 1000 }, {
      contributions: { key: { type: "blend", parts: [
        { weight: 1, key: { type: "fixed", shares: { gem: 1 } } },
        { weight: 1, key: { type: "by-year", years: { "2026": { type: "fixed", shares: { zv: 1 } } }, default: { type: "fixed", shares: { gem: 1 } } } },
      ] } },
      deficit: { riskBearer: "zv" },
    }));
    expect(a.pots[0]!.years.map((y) => y.contributions)).toEqual([{ gem: 100_000 }, { gem: 50_000, zv: 50_000 }]);
  });
  it("an investment without costs (EUR 0) costs the pot nothing", () => {
    const a = potOf(careCase({
      investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 1000 }, { id: "z", label: "Z", bearer: "zv", domain: "zvw", amount: 0 }],
      arrangements: [{ id: "p", name: "Pot", steps: [{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1 } } }, deficit: { riskBearer: "gem" } } as never] }],
    }));
    expect(a.pots[0]!.years.map((y) => y.spending)).toEqual([100_000, 100_000]);
  });
  it("a deficit the reserve covers in full never asks the deficit key (one that cannot split is no error then)", () => {
    // 2025: 200 in, 100 out: 100 into the reserve. 2026: 200 in, 300 out: 100 short, all from the reserve.
    const a = potOf(potCase({ "2025": 100, "2026": 300 }, {
      contributions: { amounts: { gem: 200 } }, surplus: { action: "reserve", reserveMax: 500 },
      deficit: { order: ["reserve", "key"], key: { type: "fixed", shares: { zv: 0 } }, riskBearer: "gem" },
    }));
    expect(a.pots[0]!.years.map((y) => [y.deficit, y.reserveDrawn, y.covered, y.riskBearer, y.reserveEnd])).toEqual([[0, 0, {}, 0, 10_000], [10_000, 10_000, {}, 0, 0]]);
  });
});

describe("pot: actual contributions, edge by edge (monitoring)", () => {
  const m = (c: CaseInput) => { const v = validateCase(c, { lang: "en" }); if (!v.ok) throw new Error("invalid"); return v.model; };
  // Agreed: gem 600, zv 200 a year (3 : 1); the pot spends 1,000 a year.
  const fixed = potCase({ "2025": 1000, "2026": 1000 }, { contributions: { amounts: { gem: 600, zv: 200 } }, deficit: { riskBearer: "zv" } });
  const run = (actual: Record<string, number>, key = "p/pot-1", c = fixed) => evaluateModel(m(c), undefined, { actualContributions: new Map([[key, new Map([[2025, actual]])]]) }).arrangements.find((a) => a.id === "p")!;
  it("returns a surplus by what was actually put in (7 : 1), not by the agreed 3 : 1, and books the partners in id order", () => {
    // 1,050 + 150 in, 1,000 out: 200 back as 175 and 25.
    const a = run({ zv: 15_000, gem: 105_000 });
    expect(a.pots[0]!.years[0]!.returned).toEqual({ gem: 17_500, zv: 2_500 });
    expect(a.steps[0]!.transfers.filter((t) => t.year === 2025 && t.reason === "contribution").map((t) => t.from)).toEqual(["gem", "zv"]);
  });
  it("a partner that actually put in nothing gets nothing back", () => {
    expect(run({ gem: 120_000, zv: 0 }).pots[0]!.years[0]!.returned).toEqual({ gem: 20_000, zv: 0 });
  });
  it("when nobody actually put anything in, a deficit is covered by the agreed amounts", () => {
    // 1,000 short, by contribution 3 : 1: 750 and 250.
    expect(run({ gem: 0, zv: 0 }).pots[0]!.years[0]!.covered).toEqual({ gem: 75_000, zv: 25_000 });
  });
  it("actuals of another arrangement's pot change nothing here", () => {
    expect(run({ gem: 0, zv: 0 }, "q/pot-1").pots[0]!.years.map((y) => y.contributions)).toEqual([{ gem: 60_000, zv: 20_000 }, { gem: 60_000, zv: 20_000 }]);
  });
  it("actuals beyond exact cents are an input error at the contributions; a reserve carried beyond them at the surplus", () => {
    const error = (f: () => unknown) => { try { f(); } catch (e) { const x = e as InputError; return [x.path.join("."), x.code, x.params]; } return "no error"; };
    expect(error(() => run({ gem: 5e15, zv: 5e15 }))).toEqual(["arrangements.0.steps.0.contributions", "amountOverflow", { what: "contribution", year: 2025, value: 1e14 }]);
    // Nothing agreed, 5 x 10^15 cents actually put in each year and carried forward (1 cent spent a year): 10^16 - 2 cents in 2026.
    const carry = careCase({ investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 0.01 }], arrangements: [{ id: "p", name: "Pot", steps: [{ type: "pot", contributions: { amounts: { gem: 0 } }, surplus: { action: "carry-forward" }, deficit: { order: ["risk-bearer"], riskBearer: "zv" } } as never] }] });
    const both = new Map([["p/pot-1", new Map([[2025, { gem: 5e15 }], [2026, { gem: 5e15 }]])]]);
    expect(error(() => evaluateModel(m(carry), undefined, { actualContributions: both }))).toEqual(["arrangements.0.steps.0.surplus", "amountOverflow", { what: "arrangement", year: 2026, value: 99_999_999_999_999.98 }]);
  });
});
