/**
 * The collective pot year by year (engine/arrangements/pot.ts), every figure of every year
 * computed by hand in the comments: contributions, reserve in and out, the deficit order with
 * caps by amount and by share of contribution, the carried-forward surplus with fixed amounts,
 * and the reserve emptied in the last year.
 */
import { describe, expect, it } from "vitest";
import { evaluateModel, validateCase, type CaseInput } from "../../engine/index.ts";
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
