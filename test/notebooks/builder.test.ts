/**
 * "Build your business case" (notebooks/lib/pages/builder.ts): every structure a reader can click
 * together gives a valid case; money only moves between partners under a financing form; the
 * contributions always pay exactly the team's actual cost; break-even sizes are break-even.
 */
import { describe, expect, it } from "vitest";
import { evaluateModel, formatIssue, validateCase, type Evaluation } from "../../engine/index.ts";
import {
  availableEffects, breakEven, buildCase, DEFAULT_STRUCTURE, EFFECTS, effectsOff, keyOverrides, keyWeights, modelFor, payers,
  PARTNERS, type PartnerKey, type Structure,
} from "../../notebooks/lib/pages/builder.ts";

const ALL: PartnerKey[] = PARTNERS.map((p) => p.key);
const structures: Structure[] = [];
for (const partners of [DEFAULT_STRUCTURE.partners, ALL, ["gemeente"], ["gemeente", "zorgverzekeraar"], ["zorgverzekeraar", "ziekenhuis"]] as PartnerKey[][]) {
  for (const overspendRule of ["pro-rata", "risk-bearer", "cap"] as const) {
    for (const surplusRule of ["return", "reserve"] as const) {
      structures.push({ ...DEFAULT_STRUCTURE, partners, effects: availableEffects(partners).map((e) => e.key), bearer: payers(partners)[0]!, overspendRule, surplusRule });
    }
  }
}

/** Sum of the contributions to the team in one year (cents, positive). */
function contributions(ev: Evaluation, year: number): number {
  return -ev.ledger.rows.filter((r) => r.kind === "investment" && r.year === year && r.line.startsWith("bijdrage-")).reduce((s, r) => s + r.amount, 0);
}

describe("every structure gives a valid case", () => {
  it.each(structures.map((s) => [`${s.partners.join("+")} ${s.overspendRule}/${s.surplusRule}`, s] as const))("%s", (_label, s) => {
    const v = validateCase(buildCase(s, "nl"));
    if (!v.ok) throw new Error(v.issues.map((i) => formatIssue(i)).join("\n"));
    expect(evaluateModel(v.model).partners.map((p) => p.id)).toEqual(PARTNERS.filter((p) => s.partners.includes(p.key)).map((p) => p.key));
  });
});

describe("contributions pay exactly the team's actual cost", () => {
  it.each(structures.filter((s) => payers(s.partners).length > 1).map((s) => [`${s.partners.length} partners ${s.overspendRule}/${s.surplusRule}`, s] as const))("%s", (_label, s) => {
    const model = modelFor(s, "nl");
    const year = model.case.startYear + 1;
    const weights = Object.fromEntries(payers(s.partners).map((p, i) => [p, i + 1]));
    for (const deviation of [-0.2, 0, 0.05, 0.3]) {
      const ev = evaluateModel(model, { ...keyOverrides(model, weights), deviation, capShare: 0.1 });
      const team = ev.parameters.teamCost!;
      const expected = team * (1 + Math.max(deviation, 0)) - (s.surplusRule === "return" ? team * Math.max(-deviation, 0) : 0);
      // Each contribution is rounded to cents on its own: at most a cent per payer apart.
      expect(Math.abs(contributions(ev, year) - Math.round(expected * 100))).toBeLessThanOrEqual(payers(s.partners).length);
    }
  });
});

describe("a financing form moves money between partners, not for society", () => {
  const model = modelFor({ ...DEFAULT_STRUCTURE, partners: ALL, effects: EFFECTS.map((e) => e.key) }, "nl");
  const payerKeys = payers(ALL);
  // The status quo: the lead partner (here the municipality) pays everything.
  const statusQuo = keyOverrides(model, Object.fromEntries(payerKeys.map((p) => [p, p === "gemeente" ? 1 : 0])));
  const base = evaluateModel(model, statusQuo);
  it.each(["benefit", "equal"] as const)("key %s", (type) => {
    const ev = evaluateModel(model, keyOverrides(model, keyWeights(type, base, payerKeys)));
    expect(Math.abs(ev.society.npv - base.society.npv)).toBeLessThanOrEqual(payerKeys.length * 2);
    expect(ev.partners.map((p) => p.npv)).not.toEqual(base.partners.map((p) => p.npv));
  });

  it("the benefit key gives nothing to a payer that saves nothing", () => {
    const w = keyWeights("benefit", base, payerKeys);
    expect(w.woningcorporatie).toBe(0);
    expect(w.zorgverzekeraar).toBeGreaterThan(0);
  });

  it("with the effects off only costs remain", () => {
    const ev = evaluateModel(model, { ...statusQuo, ...effectsOff(model) });
    expect(ev.society.savings).toBe(0);
    expect(ev.society.costs).toBeGreaterThan(0);
  });
});

describe("break-even effect sizes", () => {
  const model = modelFor(DEFAULT_STRUCTURE, "nl");
  it.each(EFFECTS.filter((e) => DEFAULT_STRUCTURE.effects.includes(e.key)).map((e) => [e.key, e.perClient.name] as const))("%s", (_key, param) => {
    const x = breakEven(model, {}, param);
    if (x === null) return;
    const npv = evaluateModel(model, { [param]: x }).society.npv;
    expect(Math.abs(npv)).toBeLessThan(100 * 100); // within EUR 100 (cents are rounded per row)
  });
});
