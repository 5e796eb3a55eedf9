/** Arrangements under uncertainty on the annotated example: the figures are the simulation's own. */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadCase, simulate } from "../../engine/index.ts";
import { arrangementRobustness, decisionRunOptions, decisionSamples, toRobustnessJson } from "../../engine/decision/index.ts";

describe("rich.yaml: every arrangement and partner over the same samples", () => {
  const v = loadCase(readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8"), "yaml");
  if (!v.ok) throw new Error("rich.yaml");
  const sim = simulate(v.model, decisionRunOptions({ samples: 1000 }));
  const r = arrangementRobustness(decisionSamples(sim));

  test("P(loss), the expected NPV and the 5th percentile are the simulation's per arrangement and partner", () => {
    expect(r.arrangements.map((a) => a.id)).toEqual(["status-quo", ...sim.arrangements.map((a) => a.id)]);
    for (const [a, per] of [[r.arrangements[0]!, sim.statusQuo], ...r.arrangements.slice(1).map((x, i) => [x, sim.arrangements[i]!] as const)] as const) {
      a.partners.forEach((p, i) => {
        expect(p.probabilityOfLoss).toBe(per.partners[i]!.probabilityOfLoss);
        expect(p.expected).toBeCloseTo(per.partners[i]!.npv.mean, 4);
        expect(p.p5).toBe(per.partners[i]!.npv.p5);
      });
    }
  });

  test("the decision flips by payer: the municipality loses under the status quo and gains under settlement", () => {
    const gemeente = r.partners.find((p) => p.id === "gemeente")!;
    expect(gemeente.flips).toBe(true);
    expect(gemeente.joinsUnder).toContain("verevening");
    expect(gemeente.joinsUnder).not.toContain("status-quo");
    expect(r.flips).toContain("gemeente");
    // An arrangement only moves money: whoever gains by it, someone pays (the insurer is worse off than under the status quo).
    const ins = r.arrangements.find((a) => a.id === "verevening")!.partners.find((p) => p.id === "zorgverzekeraar")!;
    expect(ins.probabilityWorseThanStatusQuo).toBeGreaterThan(0.9);
    const j = toRobustnessJson(r);
    expect(JSON.stringify(j)).not.toMatch(/NaN|Infinity/);
  });
});
