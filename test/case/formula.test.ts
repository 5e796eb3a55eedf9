import { describe, expect, it } from "vitest";
import { compileFormula, formatUnit, inferUnit, parseFormula, parseUnit, suggest } from "../../engine/index.ts";

const run = (src: string, vals: Record<string, number> = {}) => {
  const r = parseFormula(src);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const names = Object.keys(vals);
  const fn = compileFormula(r.formula, (n) => names.indexOf(n));
  return fn(names.map((n) => vals[n]!));
};

describe("formulas", () => {
  it("computes arithmetic, comparisons, conditionals and whitelisted functions", () => {
    expect(run("a * b * (1 - c)", { a: 10, b: 3, c: 0.5 })).toBe(15);
    expect(run("max(a, 2) + min(1, 2, 3) + abs(-2)", { a: 1 })).toBe(5);
    expect(run("a > 3 ? 10 : 20", { a: 4 })).toBe(10);
    expect(run("2 ^ 10")).toBe(1024);
    expect(run("50%")).toBe(0.5);
    expect(run("round(-2.5)")).toBe(-3);
    expect(run("log(8, 2)")).toBeCloseTo(3, 12);
    expect(run("2 clients", { clients: 21 })).toBe(42);
  });
  it("calls a blank formula or one of only a comment empty, in both languages (it was 'constant undefined', fuzz seed 20261203 case 796)", async () => {
    for (const src of [" ", "   ", "# nothing", "\t"]) {
      const r = parseFormula(src);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => p.code)).toEqual(["formulaEmpty"]);
    }
    const { loadCase } = await import("../../engine/index.ts");
    const text = "id: t\ntitle: T\npriceYear: 2024\nstartYear: 2024\nhorizon: 2\npartners: [{id: a, name: A, kind: municipality}]\ndomains: [{id: d, name: D, funder: a}]\neffects: [{id: e, label: E, domain: d, quantity: ' ', unitPrice: 10}]\n";
    for (const lang of ["nl", "en"] as const) {
      const v = loadCase(text, "yaml", { lang });
      expect(v.ok).toBe(false);
      if (!v.ok) {
        const i = v.issues.find((x) => x.code === "formulaEmpty")!;
        expect(i.path).toEqual(["effects", 0, "quantity"]);
        expect(i.message).toMatch(lang === "nl" ? /formule is leeg/ : /formula is empty/);
        expect(i.message).not.toMatch(/undefined/);
      }
    }
  });
  it("lists the parameters a formula uses, once each", () => {
    const r = parseFormula("a * b + a");
    expect(r.ok && r.formula.symbols).toEqual(["a", "b"]);
  });
  for (const [src, what] of [
    ['import({x: 1})', "function import"],
    ['evaluate("1+1")', "function evaluate"],
    ['createUnit("foo")', "function createUnit"],
    ['parse("1")', "function parse"],
    ["simplify(x)", "function simplify"],
    ["derivative(x, x)", "function derivative"],
    ["f(x) = x", "function definition"],
    ["a = 1", "assignment (=)"],
    ["[1, 2]", "matrix or list"],
    ["a.b", "property access"],
    ['"text"', 'constant "text"'],
  ] as const) {
    it(`refuses ${src}`, () => {
      const r = parseFormula(src);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => p.params.what)).toContain(what);
    });
  }
  it("reports syntax errors as problems, not exceptions", () => {
    const r = parseFormula("a * (b");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.code).toBe("formulaSyntax");
  });
  it("suggests the closest known name", () => {
    expect(suggest("clinets", ["clients", "visits"])).toBe("clients");
    expect(suggest("zzz", ["clients", "visits"])).toBeUndefined();
  });
});

describe("units", () => {
  const unitOf = (table: Record<string, string | null>) => (n: string) => (table[n] ? parseUnit(table[n]!)! : null);
  const infer = (src: string, table: Record<string, string | null>) => {
    const r = parseFormula(src);
    if (!r.ok) throw new Error("parse");
    return inferUnit(r.formula, unitOf(table));
  };
  it("reads plurals, synonyms and fractions", () => {
    expect(formatUnit(parseUnit("visits/person/year")!)).toBe("visit/person/year");
    expect(formatUnit(parseUnit("euro / (person * jaar)")!)).toBe("EUR/person/year");
    expect(parseUnit("EUR/")).toBeUndefined();
  });
  it("multiplies and divides units", () => {
    const r = infer("clients * visits * price", { clients: "person", visits: "visit/person", price: "EUR/visit" });
    expect(r.problems).toEqual([]);
    expect(formatUnit(r.unit!)).toBe("EUR");
  });
  it("refuses adding persons to euros", () => {
    const r = infer("clients + price", { clients: "person", price: "EUR" });
    expect(r.problems[0]!.code).toBe("unitAdd");
  });
  it("lets numbers adopt the unit they are added to, and unitless parameters stay unknown", () => {
    expect(formatUnit(infer("clients + 5", { clients: "person" }).unit!)).toBe("person");
    expect(infer("clients * factor", { clients: "person", factor: null }).unit).toBeNull();
  });
});
