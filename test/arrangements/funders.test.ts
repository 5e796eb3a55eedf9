/**
 * A domain's funders given by a key (engine/arrangements/funders.ts): the shares a saving is
 * split by, fixed at the base values; keys that cannot be fixed (benefit, by-year, a share read
 * from an uncertain parameter) are named with their path.
 */
import { describe, expect, it } from "vitest";
import { validateCase, type CaseInput } from "../../engine/index.ts";
import { uncertainParameters } from "../../engine/arrangements/funders.ts";
import { evaluate } from "../helpers.ts";

const base = (funder: unknown, parameters: Record<string, unknown> = {}): CaseInput => ({
  id: "t", title: "T", priceYear: 2024, startYear: 2025, horizon: 1, discountRate: 0,
  parameters: parameters as never,
  partners: [
    { id: "a", name: "A", kind: "municipality", inhabitants: 30000 },
    { id: "b", name: "B", kind: "municipality", inhabitants: 10000 },
    { id: "c", name: "C", kind: "insurer" },
  ],
  domains: [{ id: "wmo", name: "Wmo", funder: funder as never }],
  investments: [],
  effects: [{ id: "help", label: "Help", domain: "wmo", quantity: 10, unitPrice: 100 }],
  arrangements: [],
});
const issues = (c: CaseInput) => {
  const v = validateCase(c, { lang: "en" });
  return v.ok ? [] : v.issues.map((i) => `${i.path.join(".")}: ${i.code}`);
};
const nets = (c: CaseInput) => Object.fromEntries(evaluate(c).partners.map((p) => [p.id, p.net]));

describe("funders by a key", () => {
  it("split a saving by inhabitants (3 : 1) or by a blend with fixed shares, at the base values", () => {
    // EUR 1,000 saved: 750 and 250.
    expect(nets(base({ key: { type: "inhabitants" } }))).toEqual({ a: 75_000, b: 25_000, c: 0 });
    // Half by inhabitants (0.375, 0.125), half by fixed shares c 1 (0.5) with a formula weight 2 x 1.
    expect(nets(base({ key: { type: "blend", parts: [{ weight: 1, key: { type: "inhabitants" } }, { weight: 1, key: { type: "fixed", shares: { c: "w * 2" } } }] } }, { w: { value: 1 } })))
      .toEqual({ a: 37_500, b: 12_500, c: 50_000 });
  });
  it("name a key that changes by year or by benefit, and a share read from an uncertain parameter", () => {
    expect(issues(base({ key: { type: "by-year", years: {}, default: { type: "inhabitants" } } }))).toEqual(["domains.0.funder.key.type: funderKeyNotStatic"]);
    expect(issues(base({ key: { type: "blend", parts: [{ weight: 1, key: { type: "benefit" } }, { weight: 1, key: { type: "inhabitants" } }] } }))).toEqual(["domains.0.funder.key.parts.0.key.type: funderKeyNotStatic"]);
    const params = { u: { value: 1, distribution: { type: "uniform", min: 0.5, max: 1.5 } }, v: { value: "u * 2" }, k: { value: 3 } };
    expect(issues(base({ key: { type: "usage", volumes: { a: "v", b: "k" } } }, params))).toEqual(["domains.0.funder.key: funderKeyUncertain"]);
    expect(issues(base({ key: { type: "fixed", shares: { a: 0, b: 0 } } }))).toEqual(["domains.0.funder.key: weightsZero"]);
  });
  it("uncertainParameters: those with a distribution and everything computed from them", () => {
    expect([...uncertainParameters({ parameters: { u: { value: 1, distribution: { type: "uniform", min: 0, max: 2 } }, w: { value: "v + 1" }, v: { value: "u * 2" }, k: { value: 3 }, j: { value: "k" } } } as never)].sort())
      .toEqual(["u", "v", "w"]);
  });
});
