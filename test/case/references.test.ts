import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { existsSync, readFileSync } from "node:fs";
import YAML from "yaml";
import { CPI_NL, ENGINE_VERSION, UNIT_COSTS, caseHash, evaluateModel, indexFactor, loadCase, priceIndexSeries, seriesFactor, validateCase, type CaseInput } from "../../engine/index.ts";
import { evaluate } from "../helpers.ts";

const base = (parameters: CaseInput["parameters"], extra: Partial<CaseInput> = {}): CaseInput => ({
  id: "t", title: "T", priceYear: 2024, startYear: 2025, horizon: 1,
  partners: [{ id: "g", name: "G", kind: "municipality" }, { id: "z", name: "Z", kind: "insurer" }],
  domains: [{ id: "zvw", name: "Zvw", funder: "z" }],
  parameters,
  effects: [{ id: "e", label: "E", domain: "zvw", quantity: "n", unitPrice: "price" }],
  ...extra,
});

describe("reference prices", () => {
  it("ships every price of the project's reference data, unchanged", () => {
    const csv = new URL("../../../shared/data/unit-costs-nl.csv", import.meta.url);
    if (!existsSync(csv)) return expect(UNIT_COSTS.length).toBeGreaterThan(30); // a clone without shared/ beside it
    const lines = readFileSync(csv, "utf8").trim().split("\n").slice(1);
    expect(UNIT_COSTS.map((u) => u.id)).toEqual(lines.map((l) => l.split(",")[0]));
    for (const l of lines) {
      const [id, , , unit, eur, year, domain] = l.split(",");
      const u = UNIT_COSTS.find((x) => x.id === id)!;
      expect([u.unit, u.eur, u.priceYear, u.domain]).toEqual([unit, Number(eur), Number(year), domain]);
    }
  });
  it("indexes a reference price to the case's price year and records where it came from", () => {
    const v = validateCase(base({ n: { value: 10, unit: "day" }, price: { ref: "hospital_day" } }));
    if (!v.ok) throw new Error(JSON.stringify(v.issues));
    const ev = evaluateModel(v.model);
    expect(ev.partners[1]!.savings).toBe(Math.round(10 * 644 * 1.073 * 100));
    expect(ev.provenance.references).toEqual([expect.objectContaining({ parameter: "price", ref: "hospital_day", eur: 644, priceYear: 2022, indexedTo: 2024, factor: 1.073, unit: "EUR/day", source: "Kostenhandleiding 2024" })]);
  });
  it("takes the unit from the reference, so a unit mismatch is caught", () => {
    const v = validateCase(base({ n: { value: 10, unit: "visit" }, price: { ref: "hospital_day" } }), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0]!.message).toBe("quantity x price gives EUR*visit/day, expected money (EUR or EUR/year)");
  });
  it("names unknown ids and missing index years, with paths", () => {
    const v = validateCase(base({ n: 1, price: { ref: "hospital_dya" }, bijstand: { ref: "social_assistance_single_year" } }), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      'parameters.bijstand.ref: no price index to bring "social_assistance_single_year" from 2025 to 2024; add priceIndex with those years and a source',
      'parameters.price.ref: unknown reference price "hospital_dya" (did you mean "hospital_day"?)',
    ]);
  });
  it("uses the case's own price index for other years", () => {
    const ev = evaluate(base({ n: { value: 1, unit: "year" }, price: { ref: "social_assistance_single_year" } }, { priceIndex: { values: { "2024": 100, "2025": 103 }, source: "test" } }));
    expect(ev.partners[1]!.savings).toBe(Math.round((16145 * 100) / 103 * 100));
  });
  it("rebases the case's index onto the shipped CPI (issue 14: the README's own example used to make 2022 -> 2024 a factor 1.302)", () => {
    // CBS publishes 2015 = 100; the shipped series has 2022 = 100. The case's 2024 = 130.2 is
    // the same year as the shipped 107.3, so the case's series is rebased on 2024.
    const values = { "2018": 103.4, "2024": 130.2 };
    const ev = evaluate(base({ n: { value: 10, unit: "day" }, price: { ref: "hospital_day" } }, { priceIndex: { values, source: "CBS StatLine" } }));
    expect(ev.provenance.references[0]!.factor).toBeCloseTo(1.073, 12);
    expect(ev.partners[1]!.savings).toBe(Math.round(10 * 644 * 1.073 * 100));
    expect(ev.provenance.references[0]!.index).toContain("rebased on 2024");
    // Within the case's own series the ratio is unchanged: 2018 -> 2024 is 130.2 / 103.4.
    const rebased = priceIndexSeries(values);
    if (!rebased.ok) throw new Error("not rebased");
    expect(seriesFactor(rebased.index, 2018, 2024)).toBeCloseTo(130.2 / 103.4, 12);
  });
  it("refuses a case index whose shared years do not fit the shipped CPI, naming the year", () => {
    // 2022 and 2024 both shipped: rebased on 2022, the case's 2024 becomes 112.24, not 107.3.
    const v = validateCase(base({ n: 1, price: { ref: "hospital_day" } }, { priceIndex: { values: { "2018": 103.4, "2022": 116.0, "2024": 130.2 }, source: "test" } }), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "priceIndex.values.2024: the case's price index does not fit the shipped CBS series: rebased on 2022, 2024 gives 112.24 where the series has 107.3 (more than 0,2 % apart); use a series with the same base year or leave out the years the engine ships",
    ]);
  });
  it("keeps a case index with no year in common apart: a price cannot be brought from its years to the shipped ones", () => {
    const v = validateCase(base({ n: 1, price: { ref: "hospital_day" } }, { priceYear: 2019, priceIndex: { values: { "2018": 103.4, "2019": 106.1 }, source: "test" } }), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => i.message)).toEqual(['no price index to bring "hospital_day" from 2022 to 2019: the years are in different series with no year in common; give priceIndex a year the shipped series has too (2022, 2023, 2024)']);
  });
  it("refuses a value and a ref together", () => {
    const v = validateCase(base({ n: 1, price: { value: 3, ref: "hospital_day" } }), { lang: "en" });
    expect(!v.ok && v.issues[0]!.message).toBe("give a value or a reference price (ref), not both");
  });
});

describe("price index", () => {
  const years = Object.keys(CPI_NL.values).map(Number);
  test.prop([fc.constantFrom(...years)])("indexing a price to its own year is the identity", (y) => {
    expect(indexFactor(CPI_NL.values, y, y)).toBe(1);
  });
  test.prop([fc.constantFrom(...years), fc.constantFrom(...years), fc.constantFrom(...years)])("indexation composes across years", (a, b, c) => {
    expect(indexFactor(CPI_NL.values, a, b)! * indexFactor(CPI_NL.values, b, c)!).toBeCloseTo(indexFactor(CPI_NL.values, a, c)!, 12);
  });
  it("reproduces the documented factors 2022 -> 2023 x 1.038 and 2022 -> 2024 x 1.073", () => {
    expect(indexFactor(CPI_NL.values, 2022, 2023)).toBeCloseTo(1.038, 12);
    expect(indexFactor(CPI_NL.values, 2022, 2024)).toBeCloseTo(1.073, 12);
    expect(indexFactor(CPI_NL.values, 2011, 2024)).toBeUndefined();
  });
});

describe("discount presets", () => {
  it("mkba is 2.25 % for both; zin2024 is 3 % for costs and 1.5 % for effects", () => {
    const m = validateCase(base({ n: 1, price: 1 }, { discount: "mkba" }));
    const z = validateCase(base({ n: 1, price: 1 }, { discount: "zin2024" }));
    expect(m.ok && [m.model.case.discountRate, m.model.case.effectDiscountRate]).toEqual([0.0225, 0.0225]);
    expect(z.ok && [z.model.case.discountRate, z.model.case.effectDiscountRate]).toEqual([0.03, 0.015]);
  });
  it("refuses a preset together with own rates", () => {
    const v = validateCase(base({ n: 1, price: 1 }, { discount: "mkba", discountRate: 0.04 }), { lang: "en" });
    expect(!v.ok && v.issues[0]!.path).toEqual(["discount"]);
  });
});

describe("provenance", () => {
  it("stamps the engine version of package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(ENGINE_VERSION).toBe(pkg.version);
    expect(evaluate(base({ n: 1, price: 1 })).provenance.engine).toEqual({ name: "bcase", version: pkg.version });
  });
  it("hashes the case the same from YAML and JSON, and differently when a number changes", () => {
    const text = readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8");
    const y = loadCase(text, "yaml"), j = loadCase(JSON.stringify(YAML.parse(text)), "json");
    if (!y.ok || !j.ok) throw new Error("invalid");
    expect(evaluateModel(y.model).provenance.case.hash).toBe(evaluateModel(j.model).provenance.case.hash);
    const changed = loadCase(text.replace("value: 420000", "value: 420001"), "yaml");
    if (!changed.ok) throw new Error("invalid");
    expect(evaluateModel(changed.model).provenance.case.hash).not.toBe(evaluateModel(y.model).provenance.case.hash);
    expect(caseHash({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe(caseHash({ a: [1, { c: 3, d: 2 }], b: 1 }));
  });
});
