/**
 * Financing arrangements as forms in "Build your business case" (issue 14 item 5): every step
 * type has a form, the default form of every type makes a valid arrangement on a built case,
 * and the editor adds and removes steps as one notebook input.
 */
import "./dom.ts";
import { describe, expect, it } from "vitest";
import { evaluateModel, formatIssue, pickText, validateCase } from "../../engine/index.ts";
import { buildCase, DEFAULT_STRUCTURE, EFFECTS, PARTNERS, availableEffects, payers, type PartnerKey } from "../../notebooks/lib/pages/builder.ts";
import { defaultValues, STEP_FIELDS, STEP_TYPES, stepFromForm, withArrangement, type StepContext } from "../../notebooks/lib/pages/steps.ts";
import { arrangementEditor } from "../../notebooks/lib/parts/stepForm.ts";

const ALL: PartnerKey[] = PARTNERS.map((p) => p.key);
const structure = { ...DEFAULT_STRUCTURE, partners: ALL, effects: availableEffects(ALL).map((e) => e.key), bearer: payers(ALL)[0]! };
const built = buildCase(structure, "nl");
const ctx: StepContext = {
  partners: built.partners.map((p) => ({ id: p.id, name: pickText(p.name, "nl"), kind: p.kind })),
  investments: (built.investments ?? []).map((i) => ({ id: i.id, label: pickText(i.label, "nl") })),
  effects: (built.effects ?? []).map((e) => ({ id: e.id, label: pickText(e.label, "nl") })),
  years: [2025, 2026, 2027, 2028, 2029],
};

describe("a form for every step type", () => {
  it("covers every step type of the engine's schema", () => {
    expect(STEP_TYPES.map((s) => s.type).sort()).toEqual(["decision-rules", "outcome-payments", "pot", "pre-financing", "provider-transition", "settlement", "shared-savings"]);
    for (const s of STEP_TYPES) expect(STEP_FIELDS[s.type].length).toBeGreaterThan(0);
  });
  it.each(STEP_TYPES.map((s) => [s.type] as const))("the default %s form makes a valid arrangement that only moves money", (type) => {
    const step = stepFromForm(type, defaultValues(type, ctx));
    const v = validateCase(withArrangement(built, [step], "nl"), { lang: "nl" });
    if (!v.ok) throw new Error(v.issues.map((i) => formatIssue(i)).join("\n"));
    const ev = evaluateModel(v.model);
    const own = ev.arrangements.find((a) => a.id === "eigen-afspraak")!;
    expect(own.society).toEqual(ev.society);
    expect(own.explanation.nl).toHaveLength(1);
  });
  it("builds an impact bond from forms: pre-financing and outcome payments with a lag and caps, no JSON", () => {
    const pre = stepFromForm("pre-financing", { investor: "investeerder", investments: ["bijdrage-gemeente"] });
    const pay = stepFromForm("outcome-payments", { payer: { mode: "benefit", partners: ["zorgverzekeraar", "zorgkantoor"] }, recipient: "investeerder", effect: EFFECTS[0]!.key, price: 200, lag: 1, capPerYear: 50000, capTotal: 120000 });
    expect(pay).toEqual({ type: "outcome-payments", payer: { key: { type: "benefit", partners: ["zorgverzekeraar", "zorgkantoor"] } }, recipient: "investeerder", outcomes: [{ effect: "ligdagen", price: 200 }], lag: 1, cap: { perYear: 50000, total: 120000 } });
    const v = validateCase(withArrangement(built, [pay, pre], "nl"), { lang: "en" });
    if (!v.ok) throw new Error(v.issues.map((i) => formatIssue(i)).join("\n"));
    const own = evaluateModel(v.model).arrangements.find((a) => a.id === "eigen-afspraak")!;
    expect(own.steps.map((s) => s.type)).toEqual(["outcome-payments", "pre-financing"]);
    expect(own.outcomePayments[0]!.years.reduce((s, y) => s + y.paid, 0)).toBeLessThanOrEqual(12_000_000);
  });
  it("moves a settlement to the end, where the engine requires it", () => {
    const c = withArrangement(built, [stepFromForm("settlement", defaultValues("settlement", ctx)), stepFromForm("shared-savings", defaultValues("shared-savings", ctx))], "nl");
    expect(c.arrangements![1]!.steps!.map((s) => s.type)).toEqual(["shared-savings", "settlement"]);
  });
  it("names what is wrong with a step, with its path (a rate above 100 %)", () => {
    const v = validateCase(withArrangement(built, [stepFromForm("shared-savings", { ...defaultValues("shared-savings", ctx), rate: 1.5 })], "en"), { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.map((i) => formatIssue(i))).toEqual(["arrangements[1].steps[0].rate: must be between 0 and 1"]);
  });
});

describe("the arrangement editor", () => {
  it("adds a step from its form and removes it again, firing input each time", () => {
    const ed = arrangementEditor(ctx, { lang: "nl" });
    let fired = 0;
    ed.addEventListener("input", () => fired++);
    expect(ed.value).toEqual([]);
    const kind = ed.querySelector("select") as HTMLSelectElement;
    kind.value = "pre-financing";
    kind.dispatchEvent(new Event("change"));
    expect(ed.textContent).toContain("Investeerder");
    (ed.querySelector("[data-add-step]") as HTMLButtonElement).click();
    expect(ed.value.map((s) => s.type)).toEqual(["pre-financing"]);
    expect(ed.querySelector("[data-step=pre-financing]")!.textContent).toContain("Voorfinanciering: Investeerder");
    (ed.querySelector("[data-step=pre-financing] button") as HTMLButtonElement).click();
    expect(ed.value).toEqual([]);
    expect(fired).toBe(2);
  });
  it("labels every input", () => {
    const ed = arrangementEditor(ctx, { lang: "en" });
    for (const type of STEP_TYPES.map((s) => s.type)) {
      const kind = ed.querySelector("select") as HTMLSelectElement;
      kind.value = type;
      kind.dispatchEvent(new Event("change"));
      for (const input of ed.querySelectorAll(".bc-step-form input, .bc-step-form select")) {
        const labelled = input.getAttribute("aria-label") || input.closest("label") || (input.id && ed.querySelector(`label[for="${input.id}"]`));
        expect(labelled, `${type}: ${input.outerHTML}`).toBeTruthy();
      }
    }
  });
});
