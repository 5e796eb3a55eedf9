/**
 * Guards the minimal mathjs instance in engine/case/formula.ts (the parser only, from "mathjs/number"):
 * it must parse every construct the whitelist accepts into the same tree a full instance
 * (`create(all)`) gives, with JS numbers as constants, and no dangerous function may become
 * reachable from a formula.
 */
import { fileURLToPath } from "node:url";
import { create, all, type MathNode } from "mathjs";
import { describe, expect, it } from "vitest";
import { compileFormula, parseFormula } from "../../engine/index.ts";

const full = create(all!, {}).parse;

const tree = (n: MathNode): unknown =>
  JSON.parse(JSON.stringify(n, (_k, v: unknown) => (typeof v === "number" ? `number:${Object.is(v, -0) ? "-0" : v}` : typeof v === "bigint" ? `bigint:${v}` : v)));

const constants = (n: MathNode): unknown[] => {
  const out: unknown[] = [];
  n.traverse((x) => {
    if (x.type === "ConstantNode") out.push((x as unknown as { value: unknown }).value);
  });
  return out;
};

const run = (src: string, vals: Record<string, number> = {}) => {
  const r = parseFormula(src);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const names = Object.keys(vals);
  return compileFormula(r.formula, (n) => names.indexOf(n))(names.map((n) => vals[n]!));
};

describe("the formula parser's mathjs instance", () => {
  const accepted = [
    "a + b - c * d / f", "2 ^ 10", "-a", "+a", "-(-a)", "a % b", "a mod b", "50%", "x + 5%", "12.5% * x",
    "a < b", "a <= b", "a > b", "a >= b", "a == b", "a != b", "a and b", "a or b", "not a", "a > 3 ? 10 : 20",
    "min(a, 2, 3)", "max(a, b)", "abs(-2)", "round(-2.5)", "floor(a)", "ceil(a)", "sqrt(a)", "exp(1)", "log(8, 2)",
    "log(a)", "log10(100)", "pow(2, 3)", "1e3", "2E-3", "0.5e-10", ".5", "1.", "0x10", "1e400", "Infinity", "NaN",
    "2 clients", "3e+2x", "(a + b) (c)", "2 pi", "pi * e", "5 cm", "x_1 + $y + α",
  ];
  for (const src of accepted) {
    it(`parses ${src} as a full mathjs instance does, and accepts it`, () => {
      const r = parseFormula(src);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(tree(r.formula.node)).toEqual(tree(full(src)));
      for (const v of constants(r.formula.node)) expect(typeof v).toBe("number");
    });
  }

  const rejected: [string, string][] = [
    ['evaluate("1")', "function evaluate"], ["import(x)", 'function import'], ['import({x: 1}, {override: true})', "function import"],
    ["create(x)", "function create"], ['createUnit("foo")', "function createUnit"], ['parse("1")', "function parse"],
    ["compile(x)", "function compile"], ["simplify(x)", "function simplify"], ["sin(x)", "function sin"],
    ["a!", "operator !"], ["a xor b", "operator xor"], ["a to b", "operator to"], ["a | b", "operator |"],
    ["1 < a < 3", "chained comparison"], ["1:3", "range (:)"], ["a; b", "several statements (; or newline)"],
    ["f(x) = x", "function definition"], ["a = 1", "assignment (=)"], ["a.b", "property access"], ["[1, 2]", "matrix or list"],
    ["{a: 1}", "object"], ['"text"', 'constant "text"'], ["true", "constant true"], ["null", "constant null"],
  ];
  for (const [src, what] of rejected) {
    it(`rejects ${src}`, () => {
      const r = parseFormula(src);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems.map((p) => p.params.what)).toContain(what);
    });
  }

  it("reports the same syntax errors as a full instance", () => {
    for (const src of ["a * (b", "1 +", "1e+", "a ? b", "1.2.3", "@"]) {
      const r = parseFormula(src);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      let message = "";
      try { full(src); } catch (e) { message = (e as Error).message; }
      expect(r.problems).toEqual([{ code: "formulaSyntax", params: { detail: message } }]);
    }
  });

  it("still computes what it parses", () => {
    expect(run("1e3 * 50% * (a > 1 ? pow(2, 3) : 0) - -1", { a: 2 })).toBe(4001);
    expect(run("2 clients", { clients: 21 })).toBe(42);
  });
});

describe("the formula module's share of a bundle", () => {
  it("stays small: mathjs's parser, not all of mathjs", async () => {
    const esbuild = await import("esbuild");
    const r = await esbuild.build({ entryPoints: [fileURLToPath(new URL("../../engine/case/formula.ts", import.meta.url))], bundle: true, platform: "node", format: "esm", write: false, logLevel: "silent", metafile: true });
    const inputs = Object.values(r.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path));
    // About 0.35 MB with the parser-only instance; `create(all)` from "mathjs" gives about 1.4 MB.
    expect(r.outputFiles[0]!.contents.length).toBeLessThan(600_000);
    expect(inputs.filter((p) => /decimal\.js|complex\.js|fraction\.js|mathjs\/lib\/esm\/function\/algebra\//.test(p))).toEqual([]);
  });
});
