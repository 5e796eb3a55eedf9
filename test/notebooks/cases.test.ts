/**
 * The study cases as the notebooks use them (notebooks/lib/data/cases.ts, compare.ts): they load,
 * every slider is a key assumption of its case, the first slider moves the society NPV (the
 * browser test relies on it), and the comparison's normalisations are what the page says. (How
 * fast a slider move is, is measured by `npm run bench`, not asserted here.)
 */
import { describe, expect, it } from "vitest";
import { evaluateModel, normaliseParameter } from "../../engine/index.ts";
import { caseText, EXAMPLES, modelOf, STUDY_CASES } from "../../notebooks/lib/data/cases.ts";
import { perClient, perInhabitant, summarise, KIND_GROUPS } from "../../notebooks/lib/data/compare.ts";
import { defaultValues, sliderRange } from "../../notebooks/lib/parts/panel.ts";
import { read } from "./data.ts";

it("the examples the pages open are bundled too; a file that is not is an error", async () => {
  for (const e of Object.values(EXAMPLES)) expect(await caseText(e.file)).toBe(read(e.file));
  await expect(caseText("examples/nope.yaml")).rejects.toThrow(/not a bundled case file/);
});

describe.each(STUDY_CASES.map((s) => [s.key, s] as const))("%s", (_key, study) => {
  const model = modelOf(study.file, read(study.file));

  it("bundles the file in the repository", async () => {
    expect(await caseText(study.file)).toBe(read(study.file));
  });

  it("has a slider on key assumptions only, each inside its range", () => {
    const values = defaultValues(model);
    for (const spec of study.sliders) {
      const p = model.case.parameters[spec.name];
      expect(p, spec.name).toBeDefined();
      expect(normaliseParameter(p!).assumption, `${spec.name} is not marked as an assumption`).toBe(true);
      const r = sliderRange(values[spec.name]!, spec, normaliseParameter(p!).unit ?? "");
      expect(values[spec.name]).toBeGreaterThanOrEqual(r.min);
      expect(values[spec.name]).toBeLessThanOrEqual(r.max);
    }
  });

  it("every slider changes a result; the first changes the society NPV", () => {
    const base = evaluateModel(model);
    const values = defaultValues(model);
    study.sliders.forEach((spec, i) => {
      const r = sliderRange(values[spec.name]!, spec, normaliseParameter(model.case.parameters[spec.name]!).unit ?? "");
      const moved = values[spec.name]! + r.step * (values[spec.name]! + r.step <= r.max ? 1 : -1);
      const ev = evaluateModel(model, { [spec.name]: moved });
      const changed = ev.partners.some((p, j) => p.npv !== base.partners[j]!.npv);
      expect(changed, `slider ${spec.name} changes nothing`).toBe(true);
      if (i === 0) expect(ev.society.npv, `first slider ${spec.name}`).not.toBe(base.society.npv);
    });
  });

  it("normalises per inhabitant and per client-year in 2024 euros", () => {
    const ev = evaluateModel(model);
    const s = summarise(study, ev);
    expect(s.inhabitants).toBeGreaterThan(0);
    expect(s.clientsPerYear).toBeGreaterThan(0);
    expect(perInhabitant(s, ev.society.npv)).toBeCloseTo((ev.society.npv / 100) * s.factor / s.inhabitants, 9);
    expect(perClient(s, ev.society.npv)).toBeCloseTo((ev.society.npv / 100) * s.factor / (s.clientsPerYear * ev.case.horizon), 9);
    expect(KIND_GROUPS.reduce((sum, g) => sum + s.npvByGroup[g], 0)).toBe(ev.partners.reduce((sum, p) => sum + p.npv, 0));
    if (study.key === "ruwaard") expect(s.factor).toBeGreaterThan(1.2); // 2018 euros -> 2024
    else expect(s.factor).toBe(1);
  });
});
