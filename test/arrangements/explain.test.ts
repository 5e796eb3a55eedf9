/**
 * The plain-language explanations (engine/arrangements/explain.ts): whole sentences in both
 * languages, each figure checked by hand in the comment above it; and the helpers that write
 * percentages, euros and runs of years exactly.
 */
import { describe, expect, it } from "vitest";
import { exactEuro, exactPercent, yearList, type CaseInput } from "../../engine/index.ts";
import { evaluate } from "../helpers.ts";
import { withSteps } from "./fixture.ts";

/** Three years at rate 0: the team (EUR 1,000 a year, Gemeente) and ICT (EUR 400 a year, Ziekenhuis); the insurer saves EUR 3,000 a year, the hospital loses 3,000 of revenue less 750 variable cost. */
const base = (steps: object[], over: Partial<CaseInput> = {}) => withSteps(steps, {
  horizon: 3,
  investments: [{ id: "team", label: "Wijkteam", bearer: "gem", domain: "wmo", amount: 1000 }, { id: "ict", label: "ICT", bearer: "zh", domain: "zvw", amount: 400, category: "capital" }],
  ...over,
});
const explained = (steps: object[]) => evaluate(base(steps)).arrangements.find((x) => x.id === "a")!.explanation;

describe("helpers", () => {
  it("exactPercent keeps the decimals a rate has, up to 6", () => {
    expect([exactPercent(0.5, "en"), exactPercent(0.9317, "nl"), exactPercent(0.125, "en"), exactPercent(1 / 3, "en"), exactPercent(-0.0392, "nl")])
      .toEqual(["50%", "93,17%", "12.5%", "33.333333%", "-3,92%"]);
  });
  it("exactEuro shows cents only when there are any", () => {
    expect([exactEuro(150_000, "en"), exactEuro(56_250, "en"), exactEuro(33_334, "nl"), exactEuro(-1_095_000, "nl")]).toEqual(["EUR 1,500", "EUR 562.50", "EUR 333,34", "EUR -10.950"]);
  });
  it("yearList writes runs of years, joined with 'and' / 'en' before the last", () => {
    expect([yearList([], "en"), yearList([2027], "en"), yearList([2027, 2025, 2026, 2026], "en"), yearList([2025, 2027], "nl"), yearList([2025, 2026, 2028, 2030, 2031], "en")])
      .toEqual(["", "2027", "2025-2027", "2025 en 2027", "2025-2026, 2028 and 2030-2031"]);
  });
});

describe("explanations, sentence by sentence", () => {
  it('decision rules that cover nothing say so', () => {
    // Every bearer pays its own investment: no transfer.
    expect(explained([{ type: "decision-rules", rules: [{ match: { bearers: ["gem"] }, payer: "gem" }, { match: {}, payer: "zh" }] }])).toEqual({
      nl: ['Afwegingskader: iedere investering blijft bij wie haar draagt.'],
      en: ['Decision framework: every investment stays with its bearer.'],
    });
  });
  it('decision rules net the payments between two partners', () => {
    // The hospital pays the team 1,000 a year, the municipality the ICT 400: net 600 x 3 = 1,800 from Ziekenhuis to Gemeente.
    expect(explained([{ type: "decision-rules", rules: [{ match: { bearers: ["gem"] }, payer: "zh" }, { match: {}, payer: "gem" }] }])).toEqual({
      nl: ['Afwegingskader: Ziekenhuis betaalt Gemeente EUR 1.800 (over 3 jaar).'],
      en: ['Decision framework: Ziekenhuis pays Gemeente EUR 1,800 (over 3 years).'],
    });
  });
  it("pre-financing names the investor's parts and the investments", () => {
    // ICT 400 x 3 = 1,200 split 1 : 3: Verzekeraar 900, Gemeente 300 (the larger first).
    expect(explained([{ type: "pre-financing", investor: { key: { type: "fixed", shares: { gem: 1, zv: 3 } } }, pays: { bearers: ["zh"] } }])).toEqual({
      nl: ['Voorfinanciering: Verzekeraar betaalt Ziekenhuis EUR 900; Gemeente betaalt Ziekenhuis EUR 300 voor ICT (over 3 jaar); de investeerder draagt die kosten, tot resultaatbetalingen ze (deels) terugbetalen.'],
      en: ['Pre-financing: Verzekeraar pays Ziekenhuis EUR 900; Gemeente pays Ziekenhuis EUR 300 for ICT (over 3 years); the investor carries these costs until outcome payments repay them (in part).'],
    });
  });
  it('pre-financing with nothing to pay says so', () => {
    // The investor is the bearer itself: nothing moves.
    expect(explained([{ type: "pre-financing", investor: "zh", pays: { bearers: ["zh"] } }])).toEqual({
      nl: ['Voorfinanciering: er valt niets voor te financieren.'],
      en: ['Pre-financing: there is nothing to pre-finance.'],
    });
  });
  it('shared savings with a threshold as a share, domains, a period and loss sharing', () => {
    // Threshold 40 % of 5,000 = 2,000; 50 % of 1,000 = 500 in 2026 and 2027: 1,000; no losses, nothing back.
    expect(explained([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, domains: ["zvw"], threshold: { share: 0.4, of: 5000 }, period: { from: 2026 }, lossSharing: { rate: 0.25, cap: 600 } }])).toEqual({
      nl: ['Verzekeraar betaalt Gemeente 50% van zijn verzilverbare besparing in zvw boven 40% van de basis (EUR 2.000 per jaar) (in 2026-2027): EUR 1.000 over 2 jaar; bij verlies betaalt Gemeente 25% van het verlies terug, ten hoogste EUR 600 per jaar: EUR 0.'],
      en: ['Verzekeraar pays Gemeente 50% of its cashable savings in zvw above 40% of the baseline (EUR 2,000 a year) (in 2026-2027): EUR 1,000 over 2 years; on losses Gemeente pays back 25% of the loss, at most EUR 600 a year: EUR 0.'],
    });
  });
  it('shared savings of all savings, with a cap that binds every year', () => {
    // 50 % of (3,000 - 2,500) = 250, capped at 200, three years: 600.
    expect(explained([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, threshold: { amount: 2500 }, cap: 200, basis: "all" }])).toEqual({
      nl: ['Verzekeraar betaalt Gemeente 50% van zijn besparing (verzilverbaar of niet) boven EUR 2.500 per jaar: EUR 600 over 3 jaar; ten hoogste EUR 200 per jaar (dat plafond bindt in 2025-2027).'],
      en: ['Verzekeraar pays Gemeente 50% of its savings (cashable or not) above EUR 2,500 a year: EUR 600 over 3 years; at most EUR 200 a year (the cap binds in 2025-2027).'],
    });
  });
  it('provider transition by a fixed amount and a payer key', () => {
    // 500 a year in 2025-2026 split 1 : 2: 166.67 / 333.33 a year (the odd cent to Gemeente's larger remainder): 333.34 and 666.66.
    expect(explained([{ type: "provider-transition", provider: "zh", payer: { key: { type: "fixed", shares: { gem: 1, zv: 2 } } }, compensation: { amount: 500 }, period: { to: 2026 } }])).toEqual({
      nl: ['Transitievergoeding: Ziekenhuis krijgt EUR 500 per jaar (in 2025-2026) voor productie die zij opgeeft: EUR 1.000 over 2 jaar (Verzekeraar betaalt Ziekenhuis EUR 666,66; Gemeente betaalt Ziekenhuis EUR 333,34).'],
      en: ['Transition payment: Ziekenhuis receives EUR 500 a year (in 2025-2026) for production it gives up: EUR 1,000 over 2 years (Verzekeraar pays Ziekenhuis EUR 666.66; Gemeente pays Ziekenhuis EUR 333.34).'],
    });
  });
  it('provider transition by a share of the lost margin', () => {
    // Lost margin 3,000 x 0.75 = 2,250; 12.5 % = 281.25 in 2026 and 2027: 562.50.
    expect(explained([{ type: "provider-transition", provider: "zh", payer: "zv", compensation: { shareOfLostMargin: 0.125 }, period: { from: 2026 } }])).toEqual({
      nl: ['Transitievergoeding: Ziekenhuis krijgt 12,5% van haar gederfde marge (gemiste omzet min bespaarde variabele kosten) (in 2026-2027) voor productie die zij opgeeft: EUR 562,50 over 2 jaar (Verzekeraar betaalt Ziekenhuis EUR 562,50).'],
      en: ['Transition payment: Ziekenhuis receives 12.5% of its lost margin (revenue lost minus variable cost saved) (in 2026-2027) for production it gives up: EUR 562.50 over 2 years (Verzekeraar pays Ziekenhuis EUR 562.50).'],
    });
  });
  it('a pot with a named reserve: the surplus, the excess returned, the reserve emptied at the end', () => {
    // In 1,700 + 1,500 + 1,500 = 4,700 (1 : 3: 1,175 and 3,525); out 1,400 a year = 4,200; surplus 300 + 100 + 100 = 500; the reserve fills to 300 in 2025 and goes back at the end.
    expect(explained([{ type: "pot", name: "Fonds", contributions: { key: { type: "fixed", shares: { gem: 1, zv: 3 } }, amount: 1500 }, initialReserve: 200, surplus: { action: "reserve", reserveMax: 300, key: { type: "fixed", shares: { zv: 1 } } }, deficit: { order: ["reserve", "key", "risk-bearer"], key: { type: "fixed", shares: { gem: 1, zv: 1 } }, caps: { zv: { shareOfContribution: 0.05, amount: 1 } }, riskBearer: "gem" } }])).toEqual({
      nl: ['Gezamenlijke pot "Fonds": de partners leggen EUR 4.700 in (Gemeente EUR 1.175, Verzekeraar EUR 3.525); de pot betaalt EUR 4.200 aan investeringen (3 jaar); overschot EUR 500: gaat naar een reserve van ten hoogste EUR 300, het meerdere terug naar de partners; aan het eind gaat EUR 300 uit de reserve terug naar de partners; geen tekort.'],
      en: ['Collective pot "Fonds": partners put in EUR 4,700 (Gemeente EUR 1,175, Verzekeraar EUR 3,525); the pot pays EUR 4,200 of investments (3 years); surplus EUR 500: goes into a reserve of at most EUR 300, the excess back to the partners; at the end EUR 300 left in the reserve goes back to the partners; no deficit.'],
    });
  });
  it('a pot that returns its surplus', () => {
    // 2,000 a year in, 1,400 out: surplus 600 x 3 = 1,800 returned.
    expect(explained([{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount: 2000 }, deficit: { riskBearer: "gem" } }])).toEqual({
      nl: ['Gezamenlijke pot "pot-1": de partners leggen EUR 6.000 in (Gemeente EUR 3.000, Verzekeraar EUR 3.000); de pot betaalt EUR 4.200 aan investeringen (3 jaar); overschot EUR 1.800: gaat terug naar de partners; geen tekort.'],
      en: ['Collective pot "pot-1": partners put in EUR 6,000 (Gemeente EUR 3,000, Verzekeraar EUR 3,000); the pot pays EUR 4,200 of investments (3 years); surplus EUR 1,800: goes back to the partners; no deficit.'],
    });
  });
  it('a pot that collects exactly what it spends', () => {
    // 1,400 a year by halves: 2,100 each over three years; no surplus, no deficit.
    expect(explained([{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } } }, deficit: { riskBearer: "gem" } }])).toEqual({
      nl: ['Gezamenlijke pot "pot-1": de partners leggen EUR 4.200 in (Gemeente EUR 2.100, Verzekeraar EUR 2.100); de pot betaalt EUR 4.200 aan investeringen (3 jaar); geen tekort.'],
      en: ['Collective pot "pot-1": partners put in EUR 4,200 (Gemeente EUR 2,100, Verzekeraar EUR 2,100); the pot pays EUR 4,200 of investments (3 years); no deficit.'],
    });
  });
  it('a pot deficit covered by key with two kinds of cap, the rest by the risk bearer', () => {
    // In 1,300 + 1,000 + 1,000; out 1,400 a year: deficits 100, 400, 400 = 900. Half each by key; zv at most 5 % of 650 / 500 / 500 = 32.50 / 25 / 25 (binds every year), gem 50 / 200 / 200: 532.50 by key; the risk bearer 17.50 + 175 + 175 = 367.50.
    expect(explained([{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount: 1000 }, initialReserve: 300, surplus: { action: "reserve", reserveMax: 1000 }, deficit: { order: ["reserve", "key", "risk-bearer"], key: { type: "fixed", shares: { gem: 1, zv: 1 } }, caps: { zv: { shareOfContribution: 0.05, amount: 100 }, gem: { amount: 5000 } }, riskBearer: "gem" } }])).toEqual({
      nl: ['Gezamenlijke pot "pot-1": de partners leggen EUR 3.300 in (Gemeente EUR 1.650, Verzekeraar EUR 1.650); de pot betaalt EUR 4.200 aan investeringen (3 jaar); tekort EUR 900, gedekt naar sleutel EUR 532,50 (Verzekeraar ten hoogste EUR 100 en 5% van zijn inleg per jaar (bindt in 2025-2027); Gemeente ten hoogste EUR 5.000 per jaar), de rest door eindrisicodrager Gemeente EUR 367,50.'],
      en: ['Collective pot "pot-1": partners put in EUR 3,300 (Gemeente EUR 1,650, Verzekeraar EUR 1,650); the pot pays EUR 4,200 of investments (3 years); deficit EUR 900, covered by key EUR 532.50 (Verzekeraar at most EUR 100 and 5% of its contribution a year (binds in 2025-2027); Gemeente at most EUR 5,000 a year), the rest by final risk bearer Gemeente EUR 367.50.'],
    });
  });
  it('a pot with fixed amounts that carries its surplus forward', () => {
    // 1,600 a year against 1,400: the 200 carried in 2025 and 2026 lowers the next contributions 15 : 1 (1,312.50 and 87.50): in 1,600 + 1,400 + 1,400 = 4,400 (gem 4,125, zv 275); surplus 200 x 3 = 600, 400 less put in, 200 back at the end.
    expect(explained([{ type: "pot", contributions: { amounts: { gem: 1500, zv: 100 } }, surplus: { action: "carry-forward" }, deficit: { order: ["key"], key: { type: "insured" }, riskBearer: "zh" } }])).toEqual({
      nl: ['Gezamenlijke pot "pot-1": de partners leggen EUR 4.400 in (Gemeente EUR 4.125, Verzekeraar EUR 275); de pot betaalt EUR 4.200 aan investeringen (3 jaar); overschot EUR 600: wordt meegenomen en verlaagt de inleg van het volgende jaar (EUR 400 minder inleg); aan het eind gaat EUR 200 uit de reserve terug naar de partners; geen tekort.'],
      en: ['Collective pot "pot-1": partners put in EUR 4,400 (Gemeente EUR 4,125, Verzekeraar EUR 275); the pot pays EUR 4,200 of investments (3 years); surplus EUR 600: is carried forward and lowers the next year\'s contributions (EUR 400 less put in); at the end EUR 200 left in the reserve goes back to the partners; no deficit.'],
    });
  });
  it('settlement in proportion to investment', () => {
    // Jointly -650 a year; invested gem 1,000 and zh 400 a year: gem's share of -65,000 cents is -46,428.57, the odd cent makes it -46,429, so gem gets 53,571 a year (1,607.13); NPV per euro -1,950 / 4,200 = -0.4643.
    expect(explained([{ type: "settlement", target: "proportional-to-investment" }])).toEqual({
      nl: ['Verevening (naar rato van de investering): Verzekeraar betaalt Ziekenhuis EUR 7.392,87; Verzekeraar betaalt Gemeente EUR 1.607,13 (over 3 jaar); daarmee is de NCW per euro geïnvesteerd (contant) voor iedere deelnemer -0,4643 (op afronding na).'],
      en: ['Settlement (in proportion to investment): Verzekeraar pays Ziekenhuis EUR 7,392.87; Verzekeraar pays Gemeente EUR 1,607.13 (over 3 years); the NPV per euro invested (in present value) is then -0.4643 for every participant (up to rounding).'],
    });
  });
  it('settlement no worse off with a joint loss, by equal shares', () => {
    // gem -1,000 and zh -2,650 a year: -1,825 each, so gem pays zh 825 a year (2,475); joint NPV -3,650 x 3 = -10,950.
    expect(explained([{ type: "settlement", target: "no-worse-off", partners: ["gem", "zh"] }])).toEqual({
      nl: ['Verevening (niemand slechter af): Gemeente betaalt Ziekenhuis EUR 2.475 (over 3 jaar); het gezamenlijke verlies (NCW EUR -10.950) is verdeeld naar gelijke delen.'],
      en: ['Settlement (no one worse off): Gemeente pays Ziekenhuis EUR 2,475 (over 3 years); the joint loss (NPV EUR -10,950) is split by equal shares.'],
    });
  });
  it('settlement no worse off with a joint gain, by a key', () => {
    // gem -1,000 and zv +3,000 a year: 1,000 each, so zv pays gem 2,000 a year (6,000).
    expect(explained([{ type: "settlement", target: "no-worse-off", partners: ["gem", "zv"], key: { type: "fixed", shares: { gem: 1, zv: 1 } } }])).toEqual({
      nl: ['Verevening (niemand slechter af): Verzekeraar betaalt Gemeente EUR 6.000 (over 3 jaar); de gezamenlijke winst (NCW EUR 6.000) is verdeeld naar de sleutel, dus geen deelnemer staat onder 0.'],
      en: ['Settlement (no one worse off): Verzekeraar pays Gemeente EUR 6,000 (over 3 years); the joint gain (NPV EUR 6,000) is split by the key, so no participant ends below 0.'],
    });
  });
});

describe("helpers at their edges", () => {
  it("exactPercent: the tolerance grows with large percentages and stays absolute for small ones", () => {
    // 21.992 x 100 = 2,199.2000000000003 in floating point: one decimal, not six.
    expect(exactPercent(21.992, "nl")).toBe("2.199,2%");
    // 0.3000000007 % is 0.3 % within 10^-9.
    expect(exactPercent(0.003000000007, "en")).toBe("0.3%");
  });
});

describe("explanations: the cases in between", () => {
  const ex = (c: CaseInput) => evaluate(c).arrangements.find((x) => x.id === "a")!.explanation;
  it("the status quo in both languages", () => {
    expect(evaluate(base([])).arrangements[0]!.explanation).toEqual({
      nl: ["Status quo: iedere partner draagt zijn eigen investeringen; besparingen landen bij de financier van het domein waar ze optreden."],
      en: ["Status quo: each partner bears its own investments; savings land with the funder of the domain where they occur."],
    });
  });
  it("decision rules whose payments cancel out say so (it read 'Decision framework:  (over 3 years).')", () => {
    // The hospital pays the team (400), the municipality the ICT (400): nothing net between them.
    expect(ex(withSteps([{ type: "decision-rules", rules: [{ match: { bearers: ["gem"] }, payer: "zh" }, { match: {}, payer: "gem" }] }], {
      horizon: 3, investments: [{ id: "team", label: "Wijkteam", bearer: "gem", domain: "wmo", amount: 400 }, { id: "ict", label: "ICT", bearer: "zh", domain: "zvw", amount: 400 }],
    }))).toEqual({
      nl: ["Afwegingskader: de betalingen tussen de partners heffen elkaar op (over 3 jaar)."],
      en: ["Decision framework: the payments between the partners cancel out (over 3 years)."],
    });
  });
  it("pre-financing of two investments names both", () => {
    // The insurer pays the team 1,000 and the ICT 400 a year: 3,000 and 1,200.
    expect(explained([{ type: "pre-financing", investor: "zv", pays: {} }]).en).toEqual([
      "Pre-financing: Verzekeraar pays Gemeente EUR 3,000; Verzekeraar pays Ziekenhuis EUR 1,200 for Wijkteam, ICT (over 3 years); the investor carries these costs until outcome payments repay them (in part).",
    ]);
  });
  it("shared savings in two domains, an empty period, loss sharing without a cap", () => {
    // Savings -3,000 a year: nothing shared; 25 % of 3,000 = 750 back, three years: 2,250.
    const e = ex(base([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, domains: ["zvw", "wmo"], period: {}, lossSharing: { rate: 0.25 } }], { effects: [{ id: "days", label: "Days", domain: "zvw", quantity: -10, unitPrice: 300 }] }));
    expect(e).toEqual({
      nl: ["Verzekeraar betaalt Gemeente 50% van zijn verzilverbare besparing in zvw, wmo: EUR 0 over 3 jaar; bij verlies betaalt Gemeente 25% van het verlies terug: EUR 2.250."],
      en: ["Verzekeraar pays Gemeente 50% of its cashable savings in zvw, wmo: EUR 0 over 3 years; on losses Gemeente pays back 25% of the loss: EUR 2,250."],
    });
  });
  it("shared savings with a cap that never binds, savings below the threshold and a loss cap that binds; one year is 'year' (it read '1 years')", () => {
    // Savings 3,000, -3,000, 1,500: 2025 and 2027 stay at or below the threshold of 3,000 (nothing
    // shared); 2026's loss: 25 % of 3,000 = 750, capped at 100: one transfer, in one year.
    const e = ex(base([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, threshold: { amount: 3000 }, cap: 100, lossSharing: { rate: 0.25, cap: 100 } }], {
      effects: [
        { id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300, profile: { "2025": 1, "2026": 0, "2027": 0.5 } },
        { id: "loss", label: "Loss", domain: "zvw", quantity: -10, unitPrice: 300, profile: { "2025": 0, "2026": 1, "2027": 0 } },
      ],
    }));
    expect(e).toEqual({
      nl: ["Verzekeraar betaalt Gemeente 50% van zijn verzilverbare besparing boven EUR 3.000 per jaar: EUR 0 over 1 jaar; ten hoogste EUR 100 per jaar (dat plafond bindt nooit); in 2025 en 2027 blijft de besparing onder de drempel; bij verlies betaalt Gemeente 25% van het verlies terug, ten hoogste EUR 100 per jaar (bindt in 2026): EUR 100."],
      en: ["Verzekeraar pays Gemeente 50% of its cashable savings above EUR 3,000 a year: EUR 0 over 1 year; at most EUR 100 a year (the cap never binds); in 2025 and 2027 the savings stay below the threshold; on losses Gemeente pays back 25% of the loss, at most EUR 100 a year (binds in 2026): EUR 100."],
    });
  });
  it("a provider transition with no margin lost pays nothing and lists no payer", () => {
    // The hospital gains production: no lost margin, 10 % of nothing.
    expect(ex(base([{ type: "provider-transition", provider: "zh", payer: "zv", compensation: { shareOfLostMargin: 0.1 } }], { effects: [{ id: "days", label: "Days", domain: "zvw", quantity: -10, unitPrice: 300, production: true }] }))).toEqual({
      nl: ["Transitievergoeding: Ziekenhuis krijgt 10% van haar gederfde marge (gemiste omzet min bespaarde variabele kosten) voor productie die zij opgeeft: EUR 0 over 0 jaar."],
      en: ["Transition payment: Ziekenhuis receives 10% of its lost margin (revenue lost minus variable cost saved) for production it gives up: EUR 0 over 0 years."],
    });
  });
  it("two pots, each with its own figures; a partner that puts in nothing is not listed", () => {
    expect(ex(base([
      { type: "pot", id: "p1", name: "Eerste", pays: { investments: ["team"] }, contributions: { amounts: { gem: 1000, zv: 0 } }, deficit: { riskBearer: "gem" } },
      { type: "pot", id: "p2", name: "Tweede", pays: { investments: ["ict"] }, contributions: { key: { type: "fixed", shares: { zh: 1 } } }, deficit: { riskBearer: "zh" } },
    ])).en).toEqual([
      'Collective pot "Eerste": partners put in EUR 3,000 (Gemeente EUR 3,000); the pot pays EUR 3,000 of investments (3 years); no deficit.',
      'Collective pot "Tweede": partners put in EUR 1,200 (Ziekenhuis EUR 1,200); the pot pays EUR 1,200 of investments (3 years); no deficit.',
    ]);
  });
  it("a pot of one year says 'year'", () => {
    expect(evaluate(withSteps([{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1 } } }, deficit: { riskBearer: "gem" } }], { horizon: 1 })).arrangements.find((x) => x.id === "a")!.explanation.en[0])
      .toBe('Collective pot "pot-1": partners put in EUR 1,000 (Gemeente EUR 1,000); the pot pays EUR 1,000 of investments (1 year); no deficit.');
  });
  it("a pot deficit after a carried surplus: what lowered the contributions is not counted again as drawn from the reserve; a key that covers nothing is left out", () => {
    // Spending 1,000, 3,500, 2,000 against 2,000 a year (1,500 + 500): 2025 carries 1,000, which
    // lowers 2026's contributions to 1,000 (750 + 250); 2026 is 1,500 short; the key (zv, capped
    // at 0 % of its contribution) covers nothing, so the risk bearer pays 1,500.
    expect(ex(base([{ type: "pot", contributions: { amounts: { gem: 1500, zv: 500 } }, surplus: { action: "carry-forward" }, deficit: { order: ["reserve", "key", "risk-bearer"], key: { type: "fixed", shares: { zv: 1 } }, caps: { zv: { shareOfContribution: 0 } }, riskBearer: "gem" } }], {
      investments: [{ id: "team", label: "Wijkteam", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": 1000, "2026": 3500, "2027": 2000 } } }],
    }))).toEqual({
      nl: ['Gezamenlijke pot "pot-1": de partners leggen EUR 5.000 in (Gemeente EUR 3.750, Verzekeraar EUR 1.250); de pot betaalt EUR 6.500 aan investeringen (3 jaar); overschot EUR 1.000: wordt meegenomen en verlaagt de inleg van het volgende jaar (EUR 1.000 minder inleg); tekort EUR 1.500, gedekt de rest door eindrisicodrager Gemeente EUR 1.500.'],
      en: ['Collective pot "pot-1": partners put in EUR 5,000 (Gemeente EUR 3,750, Verzekeraar EUR 1,250); the pot pays EUR 6,500 of investments (3 years); surplus EUR 1,000: is carried forward and lowers the next year\'s contributions (EUR 1,000 less put in); deficit EUR 1,500, covered the rest by final risk bearer Gemeente EUR 1,500.'],
    });
  });
  it("a pot deficit covered from the reserve and by a key without caps", () => {
    // 2,000 a year in (1 : 1); out 1,000, 3,000, 1,000. 2025: 1,000 over, 500 into the reserve, 500
    // back. 2026: 1,000 short: 500 from the reserve, 500 by key. 2027: 1,000 over: 500 into the
    // reserve, 500 back; the reserve's 500 back at the end.
    expect(ex(base([{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount: 2000 }, surplus: { action: "reserve", reserveMax: 500 }, deficit: { order: ["reserve", "key", "risk-bearer"], key: { type: "fixed", shares: { gem: 1, zv: 1 } }, riskBearer: "gem" } }], {
      investments: [{ id: "team", label: "Wijkteam", bearer: "gem", domain: "wmo", schedule: { type: "explicit", amounts: { "2025": 1000, "2026": 3000, "2027": 1000 } } }],
    }))).toEqual({
      nl: ['Gezamenlijke pot "pot-1": de partners leggen EUR 6.000 in (Gemeente EUR 3.000, Verzekeraar EUR 3.000); de pot betaalt EUR 5.000 aan investeringen (3 jaar); overschot EUR 2.000: gaat naar een reserve van ten hoogste EUR 500, het meerdere terug naar de partners; aan het eind gaat EUR 500 uit de reserve terug naar de partners; tekort EUR 1.000, gedekt uit de reserve EUR 500, naar sleutel EUR 500.'],
      en: ['Collective pot "pot-1": partners put in EUR 6,000 (Gemeente EUR 3,000, Verzekeraar EUR 3,000); the pot pays EUR 5,000 of investments (3 years); surplus EUR 2,000: goes into a reserve of at most EUR 500, the excess back to the partners; at the end EUR 500 left in the reserve goes back to the partners; deficit EUR 1,000, covered from the reserve EUR 500, by key EUR 500.'],
    });
  });
  it("a pot cap by share of contribution only", () => {
    // Deficit 400 a year (1,000 in, 1,400 out); the key gives zv all, capped at 10 % of its 500 = 50; the rest, 350, by the risk bearer.
    expect(ex(base([{ type: "pot", contributions: { key: { type: "fixed", shares: { gem: 1, zv: 1 } }, amount: 1000 }, deficit: { order: ["key", "risk-bearer"], key: { type: "fixed", shares: { zv: 1 } }, caps: { zv: { shareOfContribution: 0.1 } }, riskBearer: "gem" } }])).en).toEqual([
      'Collective pot "pot-1": partners put in EUR 3,000 (Gemeente EUR 1,500, Verzekeraar EUR 1,500); the pot pays EUR 4,200 of investments (3 years); deficit EUR 1,200, covered by key EUR 150 (Verzekeraar at most 10% of its contribution a year (binds in 2025-2027)), the rest by final risk bearer Gemeente EUR 1,050.',
    ]);
  });
});

describe("explanations of settlements at their edges", () => {
  const ex = (c: CaseInput) => evaluate(c).arrangements.find((x) => x.id === "a")!.explanation;
  it("equal ROI names the participants with costs and the common ROI", () => {
    // beta = sqrt 3 at 10 % (test/arrangements/settlement.test.ts): 1,732.05 a year, ROI 73.205081 %.
    // The hospital (no production loss here) has neither costs nor benefits: no ROI, not named.
    expect(ex(withSteps([{ type: "settlement", target: "equal-roi", partners: ["gem", "zh", "zv"] }], { discountRate: 0.1, effects: [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300 }] }))).toEqual({
      nl: ["Verevening (gelijk rendement (ROI)): Verzekeraar betaalt Gemeente EUR 3.464,10 (over 2 jaar); daarmee is de ROI (contante baten incl. ontvangen overdrachten / contante kosten incl. betaalde overdrachten - 1) voor Gemeente, Verzekeraar gelijk: 73,205081% (op afronding van centen na), in gelijke bedragen per jaar."],
      en: ["Settlement (equal ROI): Verzekeraar pays Gemeente EUR 3,464.10 (over 2 years); the ROI (PV benefits incl. transfers received / PV costs incl. transfers paid - 1) of Gemeente, Verzekeraar is then the same: 73.205081% (up to rounding to cents), paid in equal amounts each year."],
    });
  });
  it("equal ROI with nothing to move says so", () => {
    // Both already at benefit / cost = 1 (ROI 0 %): gem 1,000 against 1,000, zv 3,000 against 3,000.
    expect(ex(withSteps([{ type: "settlement", target: "equal-roi", partners: ["gem", "zv"] }], {
      investments: [{ id: "team", label: "Team", bearer: "gem", domain: "wmo", amount: 1000 }, { id: "ict", label: "ICT", bearer: "zv", domain: "zvw", amount: 3000 }],
      effects: [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300 }, { id: "help", label: "Help", domain: "wmo", quantity: 10, unitPrice: 100 }],
    })).en).toEqual(["Settlement (equal ROI): no transfers needed; the ROI (PV benefits incl. transfers received / PV costs incl. transfers paid - 1) of Gemeente, Verzekeraar is then the same: 0% (up to rounding to cents), paid in equal amounts each year."]);
  });
  it("no one worse off with a joint result of exactly 0 counts it as a gain", () => {
    // gem -1,000 and zv +1,000 a year: 0 each, so zv pays gem 1,000 a year.
    expect(ex(withSteps([{ type: "settlement", target: "no-worse-off", partners: ["gem", "zv"] }], { effects: [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 100 }] })).en)
      .toEqual(["Settlement (no one worse off): Verzekeraar pays Gemeente EUR 2,000 (over 2 years); the joint gain (NPV EUR 0) is split by equal shares, so no participant ends below 0."]);
  });
});
