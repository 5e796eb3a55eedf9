/**
 * Value of information against known answers: a normal model with closed-form EVPI and EVPPI,
 * a parameter without influence (EVPPI ~ 0), the group of all parameters (EVPI), a real case
 * through the Monte Carlo engine, and the regression methods on functions with a known
 * conditional expectation.
 */
import { describe, expect, test } from "vitest";
import { loadCase, simulate } from "../../engine/index.ts";
import { decisionRunOptions, decisionSamples, MissingSamples } from "../../engine/decision/samples.ts";
import { regress } from "../../engine/decision/smoother.ts";
import { valueOfInformation, VoiInputError } from "../../engine/decision/voi.ts";
import { matrix, normalEvpi, normals, uniforms } from "./helpers.ts";

const N = 10_000;

describe("a normal model: NB = x + y with x ~ N(400, 1000), y ~ N(0, 600) and an irrelevant z", () => {
  const x = normals(N, 400, 1000, "x"), y = normals(N, 0, 600, "y"), z = normals(N, 5, 2, "z");
  const nb = Float64Array.from(x, (v, i) => v + y[i]!);
  const voi = valueOfInformation(matrix({ x, y, z }, nb), { groups: [{ name: "xy", parameters: ["x", "y"] }, { name: "xz", parameters: ["x", "z"] }] });
  const go = voi.decisions.find((d) => d.id === "go:a")!;
  const sd = Math.hypot(1000, 600);

  test("EVPI equals the closed form sd phi(mu/sd) + mu Phi(mu/sd) - max(0, mu) within Monte Carlo error", () => {
    const exact = normalEvpi(400, sd);
    expect(go.evpi).toBeGreaterThan(0);
    expect(Math.abs(go.evpi - exact)).toBeLessThan(3 * go.evpiSe + 0.02 * exact);
    expect(go.best).toBe("go");
  });

  test("EVPPI of x equals E[max(0, x)] - max(0, E x) (y averaged out) within Monte Carlo error", () => {
    const ex = go.parameters.find((p) => p.name === "x")!;
    const exact = normalEvpi(400, 1000);
    expect(ex.method).toBe("p-spline");
    expect(Math.abs(ex.value - exact)).toBeLessThan(3 * ex.se + 0.03 * exact);
    const ey = go.parameters.find((p) => p.name === "y")!;
    expect(Math.abs(ey.value - normalEvpi(400, 600))).toBeLessThan(3 * ey.se + 0.03 * normalEvpi(400, 600));
  });

  test("the irrelevant parameter's EVPPI is ~0, and ranks last", () => {
    const ez = go.parameters.find((p) => p.name === "z")!;
    expect(ez.value).toBeLessThan(0.01 * go.evpi);
    expect(go.parameters.at(-1)!.name).toBe("z");
  });

  test("the group of all parameters is the EVPI itself; a group with the irrelevant one adds nothing", () => {
    const xy = go.groups.find((g) => g.name === "xy")!;
    // x and y are not all parameters (z is one too), so this one is a regression.
    expect(xy.method).toBe("p-spline");
    expect(Math.abs(xy.value - go.evpi)).toBeLessThan(0.01 * go.evpi);
    const xz = go.groups.find((g) => g.name === "xz")!;
    const ex = go.parameters.find((p) => p.name === "x")!;
    expect(Math.abs(xz.value - ex.value)).toBeLessThan(0.02 * ex.value);
    const all = valueOfInformation(matrix({ x, y, z }, nb), { groups: [{ name: "all", parameters: ["z", "y", "x"] }], groupsOnly: true }).decisions[0]!.groups[0]!;
    expect(all).toMatchObject({ method: "exact", value: go.evpi });
  });

  test("EVPPI never exceeds EVPI beyond Monte Carlo error, and is never negative", () => {
    for (const e of [...go.parameters, ...go.groups]) {
      expect(e.value).toBeGreaterThanOrEqual(0);
      expect(e.value).toBeLessThanOrEqual(go.evpi + 2 * go.evpiSe);
    }
  });
});

describe("the choice between arrangements", () => {
  test("with options whose difference depends on one parameter, that parameter carries all the value", () => {
    const x = normals(N, 0, 1, "ax"), w = uniforms(N, "aw");
    const sq = Float64Array.from(w, (v) => 1000 * v);
    // Arrangement "b" beats the status quo exactly when x > 0.1.
    const b = Float64Array.from(sq, (v, i) => v + 500 * (x[i]! - 0.1));
    const voi = valueOfInformation(matrix({ x, w }, sq, { b }));
    const choice = voi.decisions.find((d) => d.id === "arrangement:a")!;
    expect(choice.options.map((o) => o.id)).toEqual(["status-quo", "b"]);
    expect(choice.best).toBe("status-quo");
    // EVPI = 500 E[max(0, x - 0.1)].
    expect(Math.abs(choice.evpi - 500 * normalEvpi(-0.1, 1))).toBeLessThan(3 * choice.evpiSe + 2);
    const [first, second] = choice.parameters;
    expect(first!.name).toBe("x");
    expect(Math.abs(first!.value - choice.evpi)).toBeLessThan(0.02 * choice.evpi);
    expect(second!.value).toBeLessThan(0.01 * choice.evpi);
    expect(choice.probabilityWrong).toBeCloseTo(1 - 0.5398, 1);
  });

  test("society has no arrangement choice (its NPV is the same under each); go decisions under another arrangement", () => {
    const x = normals(2000, 0, 1, "s");
    const voi = valueOfInformation(matrix({ x }, x, { b: Float64Array.from(x, (v) => v + 1) }), { perspective: "b" });
    expect(voi.decisions.map((d) => d.id)).toEqual(["go:a", "go:society", "arrangement:a"]);
    expect(voi.decisions[0]!.perspective).toBe("b");
    expect(voi.decisions[0]!.expected[1]).toBeCloseTo(1 + voi.decisions[1]!.expected[1]!, 6);
  });

  test("unknown names are errors naming what is known", () => {
    const s = matrix({ x: normals(100, 0, 1, 1) }, normals(100, 0, 1, 2));
    expect(() => valueOfInformation(s, { groups: [{ name: "g", parameters: ["x", "q"] }] })).toThrow(VoiInputError);
    expect(() => valueOfInformation(s, { groups: [{ name: "g", parameters: [] }] })).toThrow(/voiEmptyGroup/);
    expect(() => valueOfInformation(s, { perspective: "nope" })).toThrow(/voiUnknownPerspective/);
    expect(() => valueOfInformation(s, { decisions: ["go:zz"] })).toThrow(/voiUnknownDecision/);
  });
});

describe("regression methods", () => {
  test("discrete inputs: the cell means, exactly", () => {
    const d = Float64Array.from(uniforms(3000, "d"), (u) => Math.floor(u * 4));
    const y = Float64Array.from(d, (v, i) => v * 10 + (i % 7));
    const fit = regress([d], [y]);
    expect(fit.method).toBe("cells");
    for (let k = 0; k < 4; k++) {
      const idx = [...d.keys()].filter((i) => d[i] === k);
      const m = idx.reduce((s, i) => s + y[i]!, 0) / idx.length;
      for (const i of idx) expect(fit.fitted[0]![i]).toBeCloseTo(m, 9);
    }
  });

  test("P-splines recover a smooth conditional mean in one, two and three inputs; the fitted mean is the sample mean", () => {
    const n = 4000;
    const u = [uniforms(n, "p1"), uniforms(n, "p2"), uniforms(n, "p3"), uniforms(n, "p4")];
    const y = Float64Array.from(u[0]!, (a, i) => Math.sin(2 * Math.PI * a) + u[1]![i]! * a + 0.5 * u[2]![i]! * u[3]![i]!);
    const truth = [
      (i: number) => Math.sin(2 * Math.PI * u[0]![i]!) + 0.5 * u[0]![i]! + 0.125,
      (i: number) => Math.sin(2 * Math.PI * u[0]![i]!) + u[1]![i]! * u[0]![i]! + 0.125,
      (i: number) => Math.sin(2 * Math.PI * u[0]![i]!) + u[1]![i]! * u[0]![i]! + 0.25 * u[2]![i]!,
    ];
    for (let g = 1; g <= 3; g++) {
      const fit = regress(u.slice(0, g), [y]);
      expect(fit.method).toBe("p-spline");
      let err = 0, fm = 0, ym = 0;
      for (let i = 0; i < n; i++) { err += (fit.fitted[0]![i]! - truth[g - 1]!(i)) ** 2; fm += fit.fitted[0]![i]!; ym += y[i]!; }
      expect(Math.sqrt(err / n)).toBeLessThan(0.05);
      expect(fm / n).toBeCloseTo(ym / n, 9);
    }
  });

  test("a Gaussian process for four inputs or more recovers the function itself when every input is in the group", () => {
    const n = 2000;
    const u = [uniforms(n, "g1"), uniforms(n, "g2"), uniforms(n, "g3"), uniforms(n, "g4")];
    const y = Float64Array.from(u[0]!, (a, i) => Math.sin(3 * a) + u[1]![i]! * u[2]![i]! - u[3]![i]! ** 2);
    const fit = regress(u, [y], { gpSamples: 400 });
    expect(fit.method).toBe("gaussian-process");
    let err = 0, v = 0;
    const m = y.reduce((s, x) => s + x, 0) / n;
    for (let i = 0; i < n; i++) { err += (fit.fitted[0]![i]! - y[i]!) ** 2; v += (y[i]! - m) ** 2; }
    // Explains more than 99 % of the variance.
    expect(err / v).toBeLessThan(0.01);
  });
});

describe("a real case through the Monte Carlo engine", () => {
  // The municipality invests EUR 100,000 and saves 100 x q in the same year (horizon 1, so no
  // discounting): NPV = 100 q - 100,000 with q ~ N(1,030, 300): EVPI in closed form.
  const text = `
id: voi
title: VOI
priceYear: 2024
startYear: 2024
horizon: 1
partners: [{ id: gemeente, name: Gemeente, kind: municipality }]
domains: [{ id: wmo, name: Wmo, funder: gemeente }]
parameters:
  q: { value: 1030, distribution: { type: normal, mean: 1030, sd: 300 } }
  unused: { value: 1, distribution: { type: uniform, min: 0, max: 2 } }
investments: [{ id: i, label: I, bearer: gemeente, domain: wmo, amount: 100000 }]
effects: [{ id: e, label: E, domain: wmo, quantity: q, unitPrice: 100 }]
simulation: { samples: 8000, seed: 3 }
`;
  const v = loadCase(text, "yaml");
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  const result = simulate(v.model, decisionRunOptions());
  const s = decisionSamples(result);
  const voi = valueOfInformation(s, { groups: [{ name: "all", parameters: ["q", "unused"] }] });
  const go = voi.decisions.find((d) => d.id === "go:gemeente")!;

  test("the sample matrix holds the sampled parameters, and each sample's NPV is the engine's at those values", () => {
    expect(s.parameters.map((p) => p.name)).toEqual(["q", "unused"]);
    const q = s.parameters[0]!.samples, npv = s.perspectives[0]!.npv[0]!;
    for (let i = 0; i < 50; i++) expect(Math.abs(npv[i]! - (100 * q[i]! - 100_000) * 100)).toBeLessThanOrEqual(1);
  });

  test("EVPI (euros) matches the closed form; EVPPI of q is the EVPI, of the unused parameter ~0", () => {
    const exact = 100 * normalEvpi(30, 300) * 100; // cents
    expect(Math.abs(go.evpi - exact)).toBeLessThan(3 * go.evpiSe + 0.02 * exact);
    const q = go.parameters.find((p) => p.name === "q")!, unused = go.parameters.find((p) => p.name === "unused")!;
    expect(Math.abs(q.value - go.evpi)).toBeLessThan(0.01 * go.evpi);
    expect(unused.value).toBeLessThan(0.01 * go.evpi);
    expect(go.groups[0]).toMatchObject({ method: "exact", value: go.evpi });
    expect(voi.decisions.find((d) => d.id === "go:society")!.evpi).toBe(go.evpi);
  });

  test("the same seed gives the same value of information", () => {
    const again = valueOfInformation(decisionSamples(simulate(v.model, decisionRunOptions())), { groups: [{ name: "all", parameters: ["q", "unused"] }] });
    expect(again).toEqual(voi);
  });

  test("a run without samples or inputs cannot be read", () => {
    expect(() => decisionSamples(simulate(v.model, { samples: 10 }))).toThrow(MissingSamples);
    expect(() => decisionSamples(simulate(v.model, { samples: 10, keepSamples: true }))).toThrow(MissingSamples);
  });
});
