/**
 * Validation probes an uncertain parameter's tails through the lines that read it
 * (`lineProbe` in engine/simulate/check.ts), not a whole ledger per probe. The reference is the
 * rule stated plainly: build the whole ledger at the probe's values (`buildLedger`) and see
 * whether and where it fails. Same outcome, same path, same code and figures, on random cases and
 * values up to far past exact cents.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { buildLedger, validateCase, type CaseInput } from "../../engine/index.ts";
import { lineProbe } from "../../engine/simulate/check.ts";
import { planSimulation } from "../../engine/simulate/plan.ts";
import { arbUncertainCase } from "./arbitraries.ts";

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 120 });

/** What running `f` came to: nothing, or the error's class, code, path and figures. */
function outcome(f: () => void): unknown {
  try {
    f();
    return "ok";
  } catch (e) {
    const x = e as { constructor: { name: string }; code?: string; path?: unknown; params?: unknown; message: string };
    return x.code !== undefined ? { type: x.constructor.name, code: x.code, path: x.path, params: x.params } : { type: x.constructor.name, message: x.message };
  }
}

/**
 * The same outcome; a total past 2^53 cents is reported as a float (no double holds it exactly),
 * and the probe's sum (the base's sums with the moved lines replaced) and the whole ledger's sum
 * add the same rows in another order: there the figures agree to 1e-12 relative, not to the cent.
 */
function expectSameOutcome(probe: unknown, whole: unknown): void {
  const total = (o: unknown) => (o as { code?: string })?.code === "totalOverflow" ? (o as { params: { value: number } }).params.value : undefined;
  const a = total(probe), b = total(whole);
  if (a !== undefined && b !== undefined) {
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.abs(b));
    expect({ ...(probe as object), params: {} }).toEqual({ ...(whole as object), params: {} });
  } else expect(probe).toEqual(whole);
}

/** A valid random case with a line probe, one uncertain parameter moved to (base + jitter) x factor (fc.pre skips the rest). */
function moved(c: CaseInput, pick: number, factor: number, jitter: number) {
  const v = validateCase(c, { lang: "en" });
  fc.pre(v.ok);
  if (!v.ok) throw new Error("unreachable");
  const model = v.model;
  const plan = planSimulation(model, { samplers: false });
  const probe = lineProbe(model, plan.derived);
  fc.pre(probe !== undefined && plan.uncertain.length > 0);
  const u = plan.uncertain[pick % plan.uncertain.length]!;
  const values = plan.base.slice();
  values[u.slot] = (u.base + jitter) * factor;
  for (const d of plan.derived) values[d] = model.parameters.formulas[d]!(values);
  fc.pre([...values].every(Number.isFinite));
  return { model, plan, probe: probe!, u, values };
}

const FACTORS = [0, 1, 1e3, 1e9, 1e13, 1e17, -1e9, -1e17, 1e300];

describe("validation probes linear in the case", () => {
  test.prop([arbUncertainCase, fc.nat(), fc.constantFrom(...FACTORS), fc.double({ min: -2, max: 2, noNaN: true })])(
    "one parameter moved: the lines that read it give the same outcome as the whole ledger (none, or the same error at the same path)",
    (c: CaseInput, pick, factor, jitter) => {
      const { model, probe, u, values } = moved(c, pick, factor, jitter);
      expectSameOutcome(outcome(() => probe(u.slot, values)), outcome(() => buildLedger(model, values)));
    },
  );

  /**
   * Lines near the bound of exact cents: each effect's quantity is an uncertain parameter or a
   * derived one (twice another), so moving one parameter moves some lines directly, some
   * through a derived parameter, and leaves the rest at their base; the sum of all rows can pass
   * 2^53 cents while every row stays within it.
   */
  const arbNearBound = fc.record({
    effects: fc.array(fc.record({ derivedFrom: fc.option(fc.nat(3), { nil: undefined }), price: fc.constantFrom(1e6, 1e10, 1e11, 1e12), investment: fc.boolean() }), { minLength: 1, maxLength: 6 }),
    moved: fc.nat(3),
    to: fc.constantFrom(1, 10, 100, 1_000, 3_000, 30_000),
  });

  test.prop([arbNearBound])("lines near 2^53 cents: the same outcome as the whole ledger, the sum's bound included, through derived parameters", ({ effects, moved, to }) => {
    const parameters: Record<string, unknown> = {};
    for (let k = 0; k < 4; k++) parameters[`q${k}`] = { value: 1, distribution: { type: "uniform", min: 0.9, max: 1.1 } };
    effects.forEach((e, i) => { if (e.derivedFrom !== undefined) parameters[`d${i}`] = `q${e.derivedFrom} * 2`; });
    const c = {
      id: "bound", title: "bound", priceYear: 2025, startYear: 2025, horizon: 3,
      partners: [{ id: "a", name: "A", kind: "municipality" }, { id: "b", name: "B", kind: "insurer" }],
      domains: [{ id: "d", name: "D", funder: "a" }, { id: "z", name: "Z", funder: "b" }],
      parameters,
      investments: effects.flatMap((e, i) => (e.investment ? [{ id: `i${i}`, label: `I${i}`, bearer: "b", domain: "z", amount: `q${i % 4} * ${e.price}` }] : [])),
      effects: effects.map((e, i) => ({ id: `e${i}`, label: `E${i}`, domain: "d", quantity: e.derivedFrom !== undefined ? `d${i}` : `q${i % 4}`, unitPrice: e.price })),
    } as unknown as CaseInput;
    const v = validateCase(c, { lang: "en" });
    if (!v.ok) throw new Error(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
    const model = v.model;
    const plan = planSimulation(model, { samplers: false });
    const probe = lineProbe(model, plan.derived)!;
    const u = plan.uncertain.find((x) => x.name === `q${moved}`)!;
    const values = plan.base.slice();
    values[u.slot] = to;
    for (const d of plan.derived) values[d] = model.parameters.formulas[d]!(values);
    expectSameOutcome(outcome(() => probe(u.slot, values)), outcome(() => buildLedger(model, values)));
  });
});

describe("validation's kernel run over the moved lines only", () => {
  /**
   * The rule: the Monte Carlo kernel over every line raises the first problem of the first line
   * that has one (a fraction outside 0..1, an amount not finite or past exact cents); the lines a
   * parameter does not move were run at the base values without one. So the kernel over the
   * moved lines (`probe.lines`) raises the same problem, or none where the whole kernel raises
   * none or only the sum's (which the line probe checks, above).
   */
  test.prop([arbUncertainCase, fc.nat(), fc.constantFrom(...FACTORS, -0.5, 2, 1.5), fc.double({ min: -2, max: 2, noNaN: true })])(
    "the same problem at the same path as the kernel over every line, the sum's bound aside",
    (c: CaseInput, pick, factor, jitter) => {
      const { plan, probe, u, values } = moved(c, pick, factor, jitter);
      const P = plan.kernel.partners.length;
      const run = (lines: Uint8Array | null) => outcome(() => plan.kernel.evaluate(values, new Float64Array(P), new Float64Array(P), null, lines));
      const whole = run(null);
      const sumOnly = (whole as { code?: string }).code === "totalOverflow";
      expect(run(probe.lines(u.slot))).toEqual(sumOnly ? "ok" : whole);
    },
  );
});
