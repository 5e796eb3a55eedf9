/**
 * Texts in both languages (`label: {nl: ..., en: ...}`): the case is run in the reader's
 * language, a plain string stays valid and is shown as it is, the case's hash and its money do
 * not depend on the language, and a malformed bilingual text is named at its path.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { evaluateModel, loadCase, localiseTexts, pickText, validateCase, type Lang } from "../../engine/index.ts";
import { clone } from "../helpers.ts";

const bilingual = () => ({
  id: "tweetalig",
  title: { nl: "Wijkteam ouderen", en: "District team for older people" },
  description: "Een beschrijving in één taal.",
  priceYear: 2024, startYear: 2025, horizon: 3,
  partners: [
    { id: "gemeente", name: { nl: "Gemeente", en: "Municipality" }, kind: "municipality", note: { nl: "Betaalt het team.", en: "Pays for the team." } },
    { id: "zv", name: "VGZ", kind: "insurer" },
  ],
  domains: [{ id: "wmo", name: { nl: "Wmo 2015", en: "Social Support Act 2015" }, funder: "gemeente" }, { id: "zvw", name: "Zvw", funder: "zv" }],
  parameters: {
    // A parameter called "label": its name is data, not a text field.
    label: { value: 20, label: { nl: "Cliënten", en: "Clients" }, source: { nl: "Jaarverslag", en: "Annual report" } },
  },
  investments: [{ id: "team", label: { nl: "Wijkteam", en: "District team" }, bearer: "gemeente", domain: "wmo", amount: 100000 }],
  effects: [{ id: "seh", label: { nl: "Minder SEH-bezoeken", en: "Fewer emergency visits" }, domain: "zvw", quantity: "label * 10", unitPrice: 300 }],
  arrangements: [{
    id: "regels", name: { nl: "Beslisregels", en: "Decision rules" },
    // Written against the English label: it must match in a Dutch reading too.
    steps: [{ type: "decision-rules", rules: [{ match: { labelContains: "district" }, payer: "zv", note: { nl: "De verzekeraar betaalt.", en: "The insurer pays." } }] }],
  }],
  scenarios: { laag: { label: { nl: "Pessimistisch", en: "Pessimistic" }, parameters: { label: 10 } } },
  sources: [{ nl: "Kostenhandleiding 2024", en: "Costing manual 2024" }, "CBS StatLine"],
});

function run(data: unknown, lang: Lang) {
  const v = validateCase(data, { lang });
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  return { model: v.model, ev: evaluateModel(v.model) };
}

describe("texts in both languages", () => {
  it("the case runs in the reader's language: every text field, a plain string as it is", () => {
    const nl = run(bilingual(), "nl").model.case, en = run(bilingual(), "en").model.case;
    expect([nl.title, nl.partners[0]!.name, nl.partners[0]!.note, nl.domains[0]!.name, nl.investments[0]!.label, nl.effects[0]!.label, nl.arrangements[0]!.name, nl.scenarios!.laag!.label, nl.sources])
      .toEqual(["Wijkteam ouderen", "Gemeente", "Betaalt het team.", "Wmo 2015", "Wijkteam", "Minder SEH-bezoeken", "Beslisregels", "Pessimistisch", ["Kostenhandleiding 2024", "CBS StatLine"]]);
    expect([en.title, en.partners[0]!.name, en.partners[0]!.note, en.domains[0]!.name, en.investments[0]!.label, en.effects[0]!.label, en.arrangements[0]!.name, en.scenarios!.laag!.label, en.sources])
      .toEqual(["District team for older people", "Municipality", "Pays for the team.", "Social Support Act 2015", "District team", "Fewer emergency visits", "Decision rules", "Pessimistic", ["Costing manual 2024", "CBS StatLine"]]);
    expect(en.parameters.label).toEqual({ value: 20, label: "Clients", source: "Annual report" });
    expect([nl.description, en.description, nl.partners[1]!.name, en.partners[1]!.name]).toEqual(["Een beschrijving in één taal.", "Een beschrijving in één taal.", "VGZ", "VGZ"]);
    const rule = (c: typeof nl) => (c.arrangements[0]!.steps[0] as { rules: { note?: string }[] }).rules[0]!.note;
    expect([rule(nl), rule(en)]).toEqual(["De verzekeraar betaalt.", "The insurer pays."]);
  });

  it("the figures and the case hash are the same in both languages", () => {
    const nl = run(bilingual(), "nl").ev, en = run(bilingual(), "en").ev;
    expect(en.provenance.case.hash).toBe(nl.provenance.case.hash);
    expect(en.society.npv).toBe(nl.society.npv);
    // labelContains "district" matched the investment in the Dutch reading as well: the insurer pays.
    const insurer = (ev: typeof nl) => ev.arrangements.find((a) => a.id === "regels")!.partners.find((p) => p.id === "zv")!.npv;
    expect(insurer(nl)).toBe(insurer(en));
    expect(insurer(nl)).toBeLessThan(nl.partners.find((p) => p.id === "zv")!.npv);
    // The hash covers both languages: changing only the English text changes it.
    const other = bilingual();
    other.investments[0]!.label.en = "District team (2 fte)";
    expect(run(other, "nl").ev.provenance.case.hash).not.toBe(nl.provenance.case.hash);
  });

  it("a case with only plain strings hashes as before (the texts put back change nothing)", () => {
    const data = YAML.parse(readFileSync("examples/regional.yaml", "utf8")) as unknown;
    const v = loadCase(readFileSync("examples/regional.yaml", "utf8"), "yaml", { lang: "en" });
    if (!v.ok) throw new Error("regional.yaml");
    expect(localiseTexts(data, "en")).toEqual({ data, texts: [] });
    expect(localiseTexts(data, "en").data).toBe(data);
    expect(v.model.texts).toBeUndefined();
  });

  it("leaves the input alone and touches only text fields", () => {
    const input = bilingual();
    const before = clone(input);
    const { data, texts } = localiseTexts(input, "en");
    expect(input).toEqual(before);
    expect(texts.map((t) => t.path.join("."))).toContain("parameters.label.label");
    expect(texts.map((t) => t.path.join("."))).not.toContain("parameters.label");
    // A map keyed by ids keeps an entry called "name" even when it looks like a text.
    const shares = { type: "fixed", shares: { name: { nl: "1", en: "2" } } };
    expect(localiseTexts({ key: shares }, "en").data).toEqual({ key: shares });
    expect(pickText({ nl: "a", en: "b" }, "en")).toBe("b");
    expect(pickText("a", "en")).toBe("a");
  });

  it("a malformed text is named at its path and line, in the reader's language", () => {
    const text = YAML.stringify({ ...bilingual(), title: { nl: "Alleen Nederlands" }, investments: [{ ...bilingual().investments[0], label: 5 }] });
    const nl = loadCase(text, "yaml", { lang: "nl" });
    expect(nl.ok).toBe(false);
    if (nl.ok) return;
    expect(nl.issues.map((i) => [i.path.join("."), i.message, typeof i.line])).toEqual(expect.arrayContaining([
      ["title.en", expect.stringMatching(/.+/), "number"],
      ["investments.0.label", "verwacht een tekst, of de tekst in beide talen: {nl: ..., en: ...}", "number"],
    ]));
    const en = loadCase(text, "yaml", { lang: "en" });
    expect(!en.ok && en.issues.find((i) => i.path.join(".") === "investments.0.label")?.message).toBe("expected a text, or the text in both languages: {nl: ..., en: ...}");
  });
});
