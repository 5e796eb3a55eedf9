/**
 * Every arrangement step names the place of each input error: a formula that does not compile
 * (an unknown parameter `x`), an amount beyond exact cents (EUR 10^14 = 10^16 cents, above
 * 2^53 - 1) and a fraction outside 0..1, each at the path of the field that holds it, with the
 * year it was met in when it is met in a year. (The pot's own: test/arrangements/pot.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { validateCase, type CaseInput } from "../../engine/index.ts";
import { careCase, withSteps } from "./fixture.ts";

const all = (c: CaseInput) => {
  const v = validateCase(c, { lang: "en" });
  return v.ok ? [] : v.issues.map((i) => [i.path.join("."), i.code, i.params]);
};
const unknown = (...paths: string[]) => paths.map((p) => [`arrangements.0.steps.0.${p}`, "unknownParameter", { name: "x" }]);
const overflow = (path: string, year?: number) => [[`arrangements.0.steps.0.${path}`, "amountOverflow", { what: "arrangement", value: 1e14, ...(year ? { year } : {}) }]];

describe("shared savings", () => {
  const step = (over: object) => withSteps([{ type: "shared-savings", from: "zv", to: "gem", rate: 0.5, ...over }]);
  it("names each formula that does not compile", () => {
    expect(all(step({ rate: "x", threshold: { amount: "x" }, cap: "x", lossSharing: { rate: "x", cap: "x" } })))
      .toEqual(unknown("rate", "threshold.amount", "cap", "lossSharing.rate", "lossSharing.cap"));
    expect(all(step({ threshold: { share: "x", of: "x" } }))).toEqual(unknown("threshold.share", "threshold.of"));
  });
  it("names each amount beyond exact cents: the threshold (given, or a share of a baseline), the cap and the loss cap", () => {
    expect(all(step({ threshold: { amount: 1e14 } }))).toEqual(overflow("threshold.amount"));
    // 50 % of EUR 2 x 10^14.
    expect(all(step({ threshold: { share: 0.5, of: 2e14 } }))).toEqual(overflow("threshold"));
    expect(all(step({ cap: 1e14 }))).toEqual(overflow("cap"));
    expect(all(step({ lossSharing: { rate: 0.5, cap: 1e14 } }))).toEqual(overflow("lossSharing.cap"));
  });
  it("names each fraction outside 0..1", () => {
    expect(all(step({ rate: 1.5, threshold: { share: 2, of: 100 }, lossSharing: { rate: -1 } })).map((i) => [i[0], i[1]]))
      .toEqual([["arrangements.0.steps.0.rate", "fraction"], ["arrangements.0.steps.0.threshold.share", "fraction"], ["arrangements.0.steps.0.lossSharing.rate", "fraction"]]);
  });
});

describe("provider transition", () => {
  const step = (over: object) => withSteps([{ type: "provider-transition", provider: "zh", payer: "zv", ...over }]);
  it("names each formula that does not compile, and a payer key's partner", () => {
    expect(all(step({ compensation: { amount: "x" } }))).toEqual(unknown("compensation.amount"));
    expect(all(step({ payer: { key: { type: "fixed", shares: { zz: 1 } } }, compensation: { shareOfLostMargin: "x" } }))).toEqual([
      ["arrangements.0.steps.0.payer.key.shares.zz", "unknownPartner", { name: "zz", suggestion: "zh" }], ...unknown("compensation.shareOfLostMargin"),
    ]);
  });
  it("names an amount beyond exact cents in the first year it pays, or without a year when its period holds no year", () => {
    expect(all(step({ compensation: { amount: 1e14 } }))).toEqual(overflow("compensation.amount", 2025));
    expect(all(step({ compensation: { amount: 1e14 }, period: { from: 2026, to: 2025 } }))).toEqual(overflow("compensation.amount"));
  });
});

describe("outcome payments", () => {
  /** Ten falls a year at EUR 10 each, paid by the insurer to the municipality. */
  const step = (over: object) => careCase({
    effects: [{ id: "days", label: "Days", domain: "zvw", quantity: 10, unitPrice: 300 }, { id: "falls", label: "Falls", type: "outcome", unit: "fall", quantity: 10 }],
    arrangements: [{ id: "a", name: "A", steps: [{ type: "outcome-payments", payer: "zv", recipient: "gem", outcomes: [{ effect: "falls", price: 10 }], ...over } as never] }],
  });
  it("names each formula that does not compile, and a payer key's partner", () => {
    expect(all(step({ outcomes: [{ effect: "falls", price: "x" }], cap: { perYear: "x", total: "x" }, payer: { key: { type: "fixed", shares: { zz: 1 } } } }))).toEqual([
      ["arrangements.0.steps.0.payer.key.shares.zz", "unknownPartner", { name: "zz", suggestion: "zh" }], ...unknown("outcomes.0.price", "cap.perYear", "cap.total"),
    ]);
  });
  it("names each amount beyond exact cents: a year's price x units, the cap per year, the total cap", () => {
    // 10 falls x EUR 10^13.
    expect(all(step({ outcomes: [{ effect: "falls", price: 1e13 }] }))).toEqual(overflow("outcomes.0.price", 2025));
    expect(all(step({ cap: { perYear: 1e14 } }))).toEqual(overflow("cap.perYear"));
    expect(all(step({ cap: { total: 1e14 } }))).toEqual(overflow("cap.total"));
  });
});

describe("settlement, decision rules and pre-financing", () => {
  it("name a key's formula and partner at the key's path", () => {
    expect(all(withSteps([{ type: "settlement", target: "no-worse-off", key: { type: "fixed", shares: { zz: "x" } } }]))).toEqual([
      ["arrangements.0.steps.0.key.shares.zz", "unknownPartner", { name: "zz", suggestion: "zh" }], ...unknown("key.shares.zz"),
    ]);
    expect(all(withSteps([{ type: "decision-rules", rules: [{ match: {}, payer: { key: { type: "fixed", shares: { gem: "x" } } } }] }]))).toEqual(unknown("rules.0.payer.key.shares.gem"));
    expect(all(withSteps([{ type: "pre-financing", investor: { key: { type: "fixed", shares: { gem: "x" } } }, pays: {} }]))).toEqual(unknown("investor.key.shares.gem"));
  });
});

describe("keys, at the path of the key and of the field inside it", () => {
  const key = (k: object) => all(withSteps([{ type: "pre-financing", investor: { key: k }, pays: {} }]));
  const at = (p: string) => `arrangements.0.steps.0.investor.key${p}`;
  it("a volume, a blend part's weight and key, a key by year and its default", () => {
    expect(key({ type: "usage", volumes: { gem: "x", q: 1 } })).toEqual([[at(".volumes.gem"), "unknownParameter", { name: "x" }], [at(".volumes.q"), "unknownPartner", { name: "q" }]]);
    expect(key({ type: "blend", parts: [{ weight: "x", key: { type: "fixed", shares: { q: 1 } } }] })).toEqual([[at(".parts.0.weight"), "unknownParameter", { name: "x" }], [at(".parts.0.key.shares.q"), "unknownPartner", { name: "q" }]]);
    expect(key({ type: "by-year", years: { "2026": { type: "fixed", shares: { q: 1 } } }, default: { type: "usage", volumes: { r: 1 } } }))
      .toEqual([[at(".years.2026.shares.q"), "unknownPartner", { name: "q" }], [at(".default.volumes.r"), "unknownPartner", { name: "r" }]]);
  });
  it("a benefit key's partners and domains; a size key's partners and a size nobody has", () => {
    expect(key({ type: "benefit", partners: ["q"], domains: ["zz"] })).toEqual([[at(".partners.0"), "unknownPartner", { name: "q" }], [at(".domains.0"), "unknownDomain", { name: "zz" }]]);
    expect(key({ type: "insured", partners: ["gem", "q"] })).toEqual([[at(".partners.0"), "keySizeMissing", { partner: "gem", size: "insured" }], [at(".partners.1"), "unknownPartner", { name: "q" }]]);
    expect(key({ type: "income" })).toEqual([[at(""), "keyNoSizes", { size: "income" }]]);
  });
  it("weights that cannot split money: negative, none given, all zero in a blend, a sum beyond the largest double", () => {
    expect(key({ type: "fixed", shares: { gem: 1, zv: -1 } })).toEqual([[at(""), "keyNegative", { partner: "zv", value: -1 }]]);
    expect(key({ type: "fixed", shares: {} })).toEqual([[at(".shares"), "weightsZero", {}]]);
    expect(key({ type: "usage", volumes: {} })).toEqual([[at(".volumes"), "weightsZero", {}]]);
    expect(key({ type: "blend", parts: [{ weight: 0, key: { type: "fixed", shares: { gem: 1 } } }] })).toEqual([[at(".parts"), "weightsZero", {}]]);
    expect(key({ type: "fixed", shares: { gem: 1.5e308, zv: 1.5e308 } })).toEqual([[at(""), "distWeightsOverflow", {}]]);
  });
});

describe("outcome payments without any indicator", () => {
  it("names the unknown indicator and says no indicator is known", () => {
    const c = careCase({ arrangements: [{ id: "a", name: "A", steps: [{ type: "outcome-payments", payer: "zv", recipient: "gem", outcomes: [{ indicator: "q", price: 1 }] } as never] }] });
    expect(all(c)).toEqual([["arrangements.0.steps.0.outcomes.0.indicator", "unknownIndicator", { name: "q", known: "-" }]]);
  });
});
