/**
 * Examples of the uncertainty engine: validation problems with their paths (Dutch and English),
 * the helper's wordings all mapped to codes, sampler moments, induced correlation, a run of the
 * annotated example, cancellation, and the CLI commands.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import YAML from "yaml";
import {
  classifyAll, compileSampler, evaluateModel, formatPath, planSimulation, sampleColumns, scenarios, simulate, simulateInWorkers, SimulationCancelled, SimulationInputError, switchingValues, tornado, validateCase, type CaseInput,
} from "./testApi.ts";
import { mean, spearman, validateCorrelation, validateDistribution, variance, type DistributionSpec } from "../../engine/uncertainty/index.ts";
import { run } from "../cli/cliRun.ts";
import { inProcessWorker, inProcessWorkers } from "./workers.ts";
import type { FromWorker, WorkerPort } from "../../engine/index.ts";

const rich = YAML.parse(readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8")) as CaseInput;

/** A small valid case whose parameters the tests give distributions. */
function base(parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return {
    id: "t", title: "T", priceYear: 2024, startYear: 2024, horizon: 3,
    partners: [{ id: "a", name: "A", kind: "municipality" }, { id: "b", name: "B", kind: "insurer" }],
    domains: [{ id: "d", name: "D", funder: "b" }],
    parameters,
    investments: [{ id: "i", label: "I", bearer: "a", domain: "d", category: "revenue", amount: "cost" }],
    effects: [{ id: "e", label: "E", domain: "d", quantity: "volume", unitPrice: 100, attribution: "attr" }],
    ...extra,
  };
}
const ok = { cost: { value: 1000, distribution: { type: "normal", mean: 1000, sd: 100 } }, volume: { value: 20, distribution: { type: "uniform", min: 5, max: 30 } }, attr: 0.5 };

function problems(input: unknown, lang: "nl" | "en" = "en"): string[] {
  const v = validateCase(input, { lang });
  return v.ok ? [] : v.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

describe("validation of distributions, correlations and scenarios", () => {
  test("a valid case with distributions passes; a parameter may have only a distribution (its mean is the base)", () => {
    expect(problems(base(ok))).toEqual([]);
    const v = validateCase(base({ ...ok, volume: { distribution: { type: "triangular", min: 10, mode: 10, max: 40 } } }));
    expect(v.ok && evaluateModel(v.model).parameters.volume).toBe(20);
  });

  test("bad distributions are reported with their paths, in English and Dutch", () => {
    const bad = base({
      ...ok,
      cost: { value: 1000, distribution: { type: "normal", mean: 1000, sd: 0 } },
      volume: { value: 20, distribution: { type: "lognormal", p5: 30, p95: 10 } },
      attr: { value: 0.5, distribution: { type: "beta", mean: 1.2, sd: 0.1 } },
    });
    expect(problems(bad)).toEqual([
      'parameters.cost.distribution.sd: sd must be greater than 0 (use type "point" for a fixed value)',
      "parameters.volume.distribution.p95: p95 (10) must be greater than p5 (30)",
      "parameters.attr.distribution.mean: mean (1.2) must lie strictly between min (0) and max (1)",
    ]);
    expect(problems(bad, "nl")).toEqual([
      'parameters.cost.distribution.sd: sd moet groter dan 0 zijn (gebruik type "point" voor een vaste waarde)',
      "parameters.volume.distribution.p95: p95 (10) moet groter zijn dan p5 (30)",
      "parameters.attr.distribution.mean: mean (1.2) moet strikt tussen min (0) en max (1) liggen",
    ]);
  });

  test("a base value outside the distribution's range, and a fraction a distribution can push out of 0..1", () => {
    expect(problems(base({ ...ok, volume: { value: 50, distribution: { type: "uniform", min: 5, max: 30 } } }))).toEqual([
      "parameters.volume.value: base value 50 lies outside the distribution's range (5 to 30)",
    ]);
    // A range open above in words (it printed "(0 to Infinity)": fuzz seed 20261204, case 31578).
    const open = base({ ...ok, volume: { value: -0.9, distribution: { type: "lognormal", p5: 5, p95: 20 } } });
    expect(problems(open)).toEqual(["parameters.volume.value: base value -0.9 lies outside the distribution's range (0 or more)"]);
    expect(problems(open, "nl")).toEqual(["parameters.volume.value: basiswaarde -0.9 ligt buiten het bereik van de verdeling (0 of meer)"]);
    expect(problems(base({ ...ok, attr: { value: 0.9, distribution: { type: "normal", mean: 0.9, sd: 0.1 } } }))[0]).toMatch(
      /^effects\[0\]\.attribution: leaves 0\.\.1 \(1\.2\d+\) when attr = 1\.2\d+ \(p99\.9 of the distribution\)/,
    );
  });

  test("`validated: true` (a worker re-reading what the main thread validated) compiles the same model without the checks that evaluate it", () => {
    // Fails only the tail probe: the schema and the base values are fine.
    const probeOnly = base({ ...ok, attr: { value: 0.9, distribution: { type: "normal", mean: 0.9, sd: 0.1 } } });
    expect(validateCase(probeOnly).ok).toBe(false);
    const v = validateCase(probeOnly, { validated: true });
    expect(v.ok).toBe(true);
    // What the schema finds is still found.
    expect(validateCase(base({ ...ok, cost: { value: 1000, distribution: { type: "normal", mean: 1000, sd: 0 } } }), { validated: true }).ok).toBe(false);
    // On a valid case the model is the one full validation makes: the same evaluation to the cent.
    const full = validateCase(rich), quick = validateCase(rich, { validated: true });
    if (!full.ok || !quick.ok) throw new Error("rich.yaml is valid");
    const a = evaluateModel(full.model), b = evaluateModel(quick.model);
    expect(b.ledger.rows).toEqual(a.ledger.rows);
    expect(b.arrangements.map((x) => x.rows)).toEqual(a.arrangements.map((x) => x.rows));
  });

  test("a sample whose amount is not finite (a formula dividing by zero at a sampled value) is an input error with the line's path, on both paths", () => {
    // The validation's check at p0.1 and p99.9 (4 and 6) passes; the middle value 5 divides by zero.
    const input = base({ ...ok, x: { value: 4, distribution: { type: "discrete", values: [4, 5, 6], weights: [1, 1, 1] } }, volume: "10 / (x - 5)" });
    const v = validateCase(input, { lang: "en" });
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    for (const exact of [false, true]) {
      let error: unknown;
      try { simulate(v.model, { samples: 200, seed: 1, exact }); } catch (e) { error = e; }
      expect(error).toBeInstanceOf(SimulationInputError);
      expect((error as SimulationInputError).path).toEqual(["effects", 0]);
      expect((error as SimulationInputError).code).toBe("notFiniteSampled");
    }
  });

  test("correlations: unknown parameters, parameters without distribution, pairs twice, and an impossible set", () => {
    expect(problems(base(ok, { correlations: [{ parameters: ["cost", "volme"], rank: 0.5 }, { parameters: ["cost", "attr"], rank: 0.2 }] }))).toEqual([
      'correlations[0].parameters[1]: unknown parameter "volme" (did you mean "volume"?)',
      'correlations[1].parameters[1]: parameter "attr" has no distribution, so there is nothing to correlate',
    ]);
    expect(problems(base(ok, { correlations: [{ parameters: ["cost", "volume"], rank: 0.5 }, { parameters: ["volume", "cost"], rank: 0.4 }] }))).toEqual([
      'correlations[1]: the correlation between "volume" and "cost" is already given (correlations[0])',
    ]);
    const three = { ...ok, attr: { value: 0.5, distribution: { type: "beta", a: 2, b: 2 } } };
    expect(problems(base(three, { correlations: [{ parameters: ["cost", "volume"], rank: 0.9 }, { parameters: ["volume", "attr"], rank: 0.9 }, { parameters: ["cost", "attr"], rank: -0.9 }] }))).toEqual([
      "correlations: not a valid correlation matrix (not positive semi-definite): no set of variables can have all these correlations at once; weaken the strongest ones",
    ]);
    expect(problems(base(ok, { correlations: { parameters: ["cost", "volume"], matrix: [[1, 0.5], [0.4, 1]] } }))).toEqual([
      "correlations.matrix[0][1]: 0.5 differs from correlations.matrix[1][0] = 0.4; the matrix must be symmetric",
    ]);
    expect(problems(base(ok, { correlations: { parameters: ["cost", "volume"], matrix: [[1, 2], [2, 1]] } }), "nl")).toEqual([
      "correlations.matrix[0][1]: 2 ligt buiten [-1, 1]",
      "correlations.matrix[1][0]: 2 ligt buiten [-1, 1]",
    ]);
  });

  test("scenarios name known parameters; a percentile needs a distribution", () => {
    expect(problems(base(ok, { scenarios: { low: { parameters: { volum: 3, attr: "p10" } } } }))).toEqual([
      'scenarios.low.parameters.volum: unknown parameter "volum" (did you mean "volume"?)',
      'scenarios.low.parameters.attr: p10 needs a distribution, but parameter "attr" has none',
    ]);
  });

  test("every wording of the uncertainty helpers is mapped to a code (no English left in a Dutch report)", () => {
    const specs: unknown[] = [
      { type: "normal", mean: "x", sd: -1 }, { type: "uniform", min: 3, max: 1, extra: 1 }, { type: "triangular", min: 1, mode: 9, max: 3 },
      { type: "pert", min: 1, mode: 2, max: 3, lambda: 0 }, { type: "lognormal", p5: 0, p95: -1 }, { type: "lognormal", mean: 5 },
      { type: "lognormal", mean: 5, sd: 1, p5: 2 }, { type: "lognormal" }, { type: "beta", mean: 0.5, sd: 0.6 }, { type: "beta", a: 1, b: 1, min: 2, max: 1 },
      { type: "beta", mean: 2, sd: 0.1 }, { type: "discrete", values: [], weights: [-1] }, { type: "discrete", values: [1, 2], weights: [0, 0] },
      { type: "discrete", values: [1], weights: [1e308, 1e308] }, { type: "nope" }, 5,
    ];
    const texts = specs.flatMap((s) => { const r = validateDistribution(s); return r.ok ? [] : r.problems.map((p) => p.message); });
    for (const m of [[[1, 2], [2, 1, 0]], [[1, 0.5], [0.4, 1]], [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]], "x", [[2, "a"], 3]] as unknown[]) {
      const r = validateCorrelation(m);
      if (!r.ok) texts.push(...r.problems.map((p) => p.message));
    }
    expect(texts.length).toBeGreaterThan(25);
    expect(classifyAll(texts).filter((c) => c.code === "uncertaintyProblem")).toEqual([]);
  });
});

describe("sampling", () => {
  const moments: DistributionSpec[] = [
    { type: "beta", a: 2, b: 5 }, { type: "beta", mean: 14, sd: 1, min: 10, max: 20 }, { type: "pert", min: 1, mode: 2, max: 6 }, { type: "pert", min: 0, mode: 0, max: 1, lambda: 2 },
  ];
  test.each(moments)("the fast sampler's mean and variance are within 5 standard errors of the analytic values: %o", (d) => {
    const n = 200_000;
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) u[i] = (i + 0.5) / n; // a perfectly stratified sample: moments are near exact
    const x = compileSampler(d)(u, new Float64Array(n));
    let m = 0; for (const v of x) m += v; m /= n;
    let s2 = 0; for (const v of x) s2 += (v - m) ** 2; s2 /= n - 1;
    const se = Math.sqrt(variance(d) / n);
    expect(Math.abs(m - mean(d))).toBeLessThan(5 * se);
    expect(Math.abs(s2 - variance(d)) / variance(d)).toBeLessThan(0.01);
  });

  test("the rank correlation induced in a run is within 0.03 of the requested one", () => {
    const c = structuredClone(rich) as { correlations?: unknown };
    c.correlations = [{ parameters: ["hospitalDaysAvoided", "edVisitsAvoided"], rank: 0.6 }, { parameters: ["targetGroup", "teamFteCost"], rank: -0.4 }];
    const v = validateCase(c);
    if (!v.ok) throw new Error("invalid");
    const plan = planSimulation(v.model);
    const cols = sampleColumns(plan, { seed: 3, lhs: false }, 0, 10_000);
    const at = (name: string) => cols[plan.uncertain.findIndex((u) => u.name === name)]!;
    expect(Math.abs(spearman(at("hospitalDaysAvoided"), at("edVisitsAvoided")) - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(spearman(at("targetGroup"), at("teamFteCost")) + 0.4)).toBeLessThan(0.03);
    expect(Math.abs(spearman(at("targetGroup"), at("daysDelayed")))).toBeLessThan(0.05);
  });
});

describe("runs of the annotated example (examples/rich.yaml)", () => {
  const v = validateCase(rich);
  if (!v.ok) throw new Error("rich.yaml is invalid");
  const m = v.model;

  test("the case's simulation defaults are used; the society's expected NPV is near the base NPV; the residents have no spread", () => {
    const r = simulate(m, { samples: 2000 });
    expect(r.seed).toBe(2025);
    expect(r.samples).toBe(2000);
    const det = evaluateModel(m);
    expect(Math.abs(r.statusQuo.society.npv.mean - det.society.npv)).toBeLessThan(0.2 * Math.abs(det.society.npv));
    const residents = r.statusQuo.partners.find((p) => p.id === "inwoners")!;
    expect(residents.npv.sd).toBe(0);
    expect(r.yearly).toHaveLength(m.case.partners.length + 1);
  });

  test("tornado bars are sorted by swing; scenarios put the base first and the pessimistic case below it for society", () => {
    const t = tornado(m);
    for (const e of t.entities) for (let i = 1; i < e.bars.length; i++) expect(e.bars[i - 1]!.swing).toBeGreaterThanOrEqual(e.bars[i]!.swing);
    const s = scenarios(m).scenarios;
    expect(s.map((x) => x.id)).toEqual(["base", "pessimistic", "optimistic"]);
    const soc = m.case.partners.length;
    expect(s[1]!.npv[soc]!).toBeLessThan(s[0]!.npv[soc]!);
    expect(s[2]!.npv[soc]!).toBeGreaterThan(s[0]!.npv[soc]!);
  });

  test("a run stops between chunks when asked, on this thread and on workers", async () => {
    let chunks = 0;
    expect(() => simulate(m, { samples: 5000, chunkSize: 1000 }, { onProgress: () => chunks++, shouldStop: () => chunks >= 2 })).toThrow(SimulationCancelled);
    expect(chunks).toBe(2);
    const controller = new AbortController();
    const run = simulateInWorkers(m, rich, { samples: 5000, chunkSize: 500 }, inProcessWorkers(2, { signal: controller.signal, onProgress: (done) => { if (done >= 1000) controller.abort(); } }));
    await expect(run).rejects.toBeInstanceOf(SimulationCancelled);
  });

  test("workers the caller no longer wants (keepWorkers) are terminated before any is ready, and the calling thread computes the rest: the same result; a dropped worker's late messages are ignored", async () => {
    const opts = { samples: 3000, chunkSize: 500, seed: 4 };
    const one = simulate(m, opts);
    let terminated = 0;
    const asked: [number, number][] = [];
    // A worker that says it is ready only after it was terminated (as a message already on its way would).
    const late = (): WorkerPort => {
      let handler: ((msg: FromWorker) => void) | undefined;
      return { post: () => {}, listen: (h) => { handler = h; }, terminate: () => { terminated++; setTimeout(() => handler?.({ type: "ready" }), 0); } };
    };
    const r = await simulateInWorkers(m, rich, opts, { workers: 2, createWorker: late, helpThroughout: true, keepWorkers: (done, left) => { asked.push([done, left]); return done < 2; } });
    expect(r).toEqual(one);
    expect(terminated).toBe(2);
    expect(asked).toEqual([[0, 6], [1, 5], [2, 4]]);
    // (A chunk handed to a dropped worker would never come back: the run would hang, and the suite's ceiling would end it.)
  });

  test("with keepWorkers the workers are created only once it says yes after a chunk on the calling thread: a run it finds short starts none; the same result either way", async () => {
    const opts = { samples: 3000, chunkSize: 500, seed: 5 };
    const one = simulate(m, opts);
    for (const short of [true, false]) {
      let created = 0, askedBeforeFirst = -1;
      const asked: [number, number][] = [];
      const createWorker = () => { if (created++ === 0) askedBeforeFirst = asked.length; return inProcessWorker(); };
      const r = await simulateInWorkers(m, rich, opts, { workers: 2, createWorker, helpThroughout: true, keepWorkers: (done, left) => { asked.push([done, left]); return done === 0 || !short; } });
      expect(r).toEqual(one);
      // Short (no after the first chunk): no worker, and no more questions. Else both workers start
      // at that yes, after the first chunk here.
      expect([short, created, askedBeforeFirst]).toEqual(short ? [true, 0, -1] : [false, 2, 2]);
      expect(asked.slice(0, 2)).toEqual([[0, 6], [1, 5]]);
      if (short) expect(asked.length).toBe(2);
    }
  });
});

describe("CLI", () => {
  test("bcase sensitivity at a point inside the probed range where a formula divides by zero: an input error naming the line and the point (exit 1), not an internal error (fuzz seed 20261206, case 22689)", async () => {
    // x at its 0.1 % and 99.9 % quantiles (about -2.99 and 2.99) passes validation; the switching
    // values' grid runs through 0, where 10 / x is beyond any amount.
    const c = base({ ...ok, x: { value: 1, distribution: { type: "uniform", min: -3, max: 3 } }, volume: "10 / x" });
    expect(validateCase(c).ok).toBe(true);
    const v = validateCase(c);
    if (!v.ok) return;
    let thrown: unknown;
    try { switchingValues(v.model); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(SimulationInputError);
    expect(thrown).toMatchObject({ path: ["effects", 0], code: "pointNotEvaluable" });
    const dir = mkdtempSync(join(tmpdir(), "bcase-sens-"));
    try {
      const file = join(dir, "case.json");
      writeFileSync(file, JSON.stringify(c));
      const nl = await run(["sensitivity", file]), en = await run(["sensitivity", file, "--lang", "en"]);
      expect([nl.code, en.code]).toEqual([1, 1]);
      // The grid's middle point is -4.44e-16 (not 0): the amount is beyond exact cents there.
      expect(nl.err).toMatch(/case\.json: effects\[0\]: bij x = -?[0-9.e+-]+ \(gevoeligheidsanalyse\): het bedrag van deze post komt op EUR /);
      expect(en.err).toMatch(/case\.json: effects\[0\]: at x = -?[0-9.e+-]+ \(sensitivity analysis\): /);
      expect(en.err).not.toMatch(/internal|interne/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  test("bcase simulate --format json follows bcase/simulate@1 and is the same on one thread and on worker threads", async () => {
    const one = await run(["simulate", "examples/rich.yaml", "-n", "3000", "--seed", "7", "-w", "1", "-f", "json", "--cdf", "11"]);
    expect(one.code).toBe(0);
    const j = JSON.parse(one.out);
    expect(Object.keys(j)).toEqual(["contract", "samples", "seed", "lhs", "exact", "chunkSize", "years", "parameters", "statusQuo", "arrangements", "yearly", "provenance"]);
    expect(j.exact).toBe(false);
    // Provenance (issue 14): the engine, the case's hash (the same as evaluate's), seed, samples and sampler.
    const ev = JSON.parse((await run(["evaluate", "examples/rich.yaml", "-f", "json"])).out);
    expect(j.provenance.case.hash).toBe(ev.provenance.case.hash);
    expect(j.provenance.engine).toEqual(ev.provenance.engine);
    expect(j.provenance.simulation).toEqual({ seed: 7, samples: 3000, lhs: false, sampler: "column-kernel", chunkSize: 10000, analysis: "monte-carlo" });
    expect((await run(["simulate", "examples/rich.yaml", "-n", "200", "-w", "1", "--seed", "9"])).out).toMatch(/Herkomst: bcase .*, case sha256:[0-9a-f]{12}\.\.\.; seed 9, 200 trekkingen, kolomkernel/);
    expect(j.contract).toBe("bcase/simulate@1");
    expect(j.statusQuo.society.cdf.npv).toHaveLength(11);
    const two = await run(["simulate", "examples/rich.yaml", "-n", "3000", "--seed", "7", "-w", "2", "-f", "json", "--cdf", "11"]);
    expect(two.out).toBe(one.out);
  });

  test("bcase simulate: table in Dutch, an arrangement, an unknown arrangement is an input error (exit 1), -n 0 a usage error (exit 2)", async () => {
    const t = await run(["simulate", "examples/rich.yaml", "-n", "200", "-w", "1", "-a", "verevening"]);
    expect(t.code).toBe(0);
    expect(t.out).toContain("Kans op verlies");
    expect(t.out).toContain("Regeling: Verevening, niemand slechter af");
    expect((await run(["simulate", "examples/rich.yaml", "-n", "10", "-w", "1", "-a", "nope"])).code).toBe(1);
    // A bad option value is a usage error (exit 2), named in the message.
    const zero = await run(["simulate", "examples/rich.yaml", "-n", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.err).toContain('geef een geheel getal van minstens 1 (niet "0")');
  });

  test("bcase simulate --exact: every sample in exact cents (said in the title); the column kernel's figures agree within the rows' rounding", async () => {
    const exact = await run(["simulate", "examples/rich.yaml", "-n", "500", "-w", "1", "--exact", "-f", "json"]);
    const cols = await run(["simulate", "examples/rich.yaml", "-n", "500", "-w", "1", "-f", "json"]);
    expect(exact.code).toBe(0);
    const a = JSON.parse(exact.out), b = JSON.parse(cols.out);
    expect(a.exact).toBe(true);
    // Whole cents per sample: the exact mean of 500 samples has at most a few decimals in euros; the two paths agree within euros.
    a.statusQuo.partners.forEach((p: { npv: { mean: number } }, i: number) => expect(Math.abs(p.npv.mean - b.statusQuo.partners[i].npv.mean)).toBeLessThan(50));
    const t = await run(["simulate", "examples/rich.yaml", "-n", "200", "-w", "1", "--exact"]);
    expect(t.out).toContain("elke trekking in exacte centen");
  });

  test("bcase sensitivity: tornado, switching values and scenarios; JSON follows bcase/sensitivity@1", async () => {
    const t = await run(["sensitivity", "examples/rich.yaml"]);
    expect(t.code).toBe(0);
    expect(t.out).toContain("Omslagwaarden");
    const j = JSON.parse((await run(["sensitivity", "examples/rich.yaml", "-f", "json"])).out);
    expect(j.contract).toBe("bcase/sensitivity@1");
    expect(Object.keys(j)).toEqual(["contract", "provenance", "perspective", "tornado", "switchingValues", "scenarios"]);
    expect(j.provenance.simulation).toEqual({ seed: null, samples: 0, lhs: false, sampler: "exact", chunkSize: null, analysis: "sensitivity", quantiles: [0.1, 0.9] });
    expect(t.out).toMatch(/Herkomst: bcase .*geen trekkingen \(exacte grootboeken\), P10\/P90/);
    for (const r of j.switchingValues) for (const e of r.entities) expect(e.value === null || Number.isFinite(e.value)).toBe(true);
    const csv = (await run(["sensitivity", "examples/rich.yaml", "-f", "csv"])).out;
    expect(csv.split("\r\n")[0]).toBe("\uFEFFkind;name;entity;value;low;high;npvLow;npvHigh;npv;status");
  });
});
