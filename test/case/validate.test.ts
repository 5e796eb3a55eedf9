import { describe, expect, it } from "vitest";
import { loadCase, validateCase, formatIssue, type CaseInput, type Issue } from "../../engine/index.ts";

const good = (): CaseInput => ({
  id: "t", title: "T", priceYear: 2024, startYear: 2025, horizon: 3,
  partners: [{ id: "gemeente", name: "Gemeente", kind: "municipality" }, { id: "zv", name: "Verzekeraar", kind: "insurer" }],
  domains: [{ id: "wmo", name: "Wmo", funder: "gemeente" }, { id: "zvw", name: "Zvw", funder: "zv" }],
  parameters: { clients: { value: 100, unit: "person" }, visits: { value: 2, unit: "visit/person" }, price: { value: 258, unit: "EUR/visit" } },
  investments: [{ id: "team", label: "Team", bearer: "gemeente", domain: "wmo", amount: 1000 }],
  effects: [{ id: "seh", label: "SEH", domain: "zvw", quantity: "clients * visits", unitPrice: "price" }],
});

const issues = (input: unknown, lang: "nl" | "en" = "en"): string[] => {
  const v = validateCase(input, { lang });
  if (v.ok) return [];
  return v.issues.map((i: Issue) => formatIssue(i));
};

describe("validation", () => {
  it("accepts a good case", () => {
    expect(issues(good())).toEqual([]);
  });
  it("refuses a partner listed twice among a domain's funders or providers or an effect's providers, at its second place, in both languages (a list of 2,000 copies took 11 s in the fuzz run)", () => {
    const c = good() as any;
    c.partners.push({ id: "zorg", name: "Zorg", kind: "provider" });
    c.domains[0].funder = [{ partner: "gemeente", share: 1 }, { partner: "zv", share: 1 }, { partner: "gemeente", share: 2 }];
    c.domains[1].providers = ["zorg", "zorg"];
    c.effects[0].production = { providers: [{ partner: "zorg", share: 1 }, { partner: "zorg", share: 1 }] };
    expect(issues(c)).toEqual([
      'domains[0].funder[2].partner: partner "gemeente" is already at place 1 of this list: list each partner once, with its whole share',
      'domains[1].providers[1]: partner "zorg" is already at place 1 of this list: list each partner once, with its whole share',
      'effects[0].production.providers[1].partner: partner "zorg" is already at place 1 of this list: list each partner once, with its whole share',
    ]);
    expect(issues(c, "nl")[0]).toBe('domains[0].funder[2].partner: partner "gemeente" staat al op plaats 1 van deze lijst: noem elke partner één keer, met zijn hele aandeel');
  });
  it("lists schema problems and reference problems together, leaving out what the broken parts cause", () => {
    const c = good() as any;
    c.effects[0].attribution = 2;          // schema problem: this effect is left out of the other checks
    c.investments[0].bearer = "gemeentee"; // reference problem in a well-formed element
    c.partners[1].kind = "bank";           // partner zv is broken: "unknown partner zv" is not reported
    expect(issues(c)).toEqual([
      'partners[1].kind: "bank" is not a valid choice; choose one of: municipality, insurer, care-office, provider, housing-association, employment-agency, police-justice, resident, investor, other',
      "effects[0].attribution: must be between 0 and 1",
      'investments[0].bearer: unknown partner "gemeentee" (did you mean "gemeente"?)',
    ]);
  });
  it("lists every schema problem at once, with paths", () => {
    const c = good() as any;
    c.effects[0].attribution = 1.5;
    c.effects[0].deadweight = -0.1;
    c.horizon = 0;
    c.partners[1].kind = "bank";
    const out = issues(c);
    expect(out).toContain("effects[0].attribution: must be between 0 and 1");
    expect(out).toContain("effects[0].deadweight: must be between 0 and 1");
    expect(out.some((s) => s.startsWith("horizon: "))).toBe(true);
    expect(out.some((s) => s.startsWith("partners[1].kind: "))).toBe(true);
    expect(out).toHaveLength(4);
  });
  it("lists every reference and formula problem at once, with suggestions", () => {
    const c = good() as any;
    c.investments[0].bearer = "gemeentee";
    c.investments[0].domain = "wm";
    c.effects[0].quantity = "clinets * visits";
    c.effects.push({ id: "seh", label: "dup", domain: "zvw", quantity: 1, unitPrice: "evaluate(\"1\")" });
    expect(issues(c)).toEqual([
      'effects[1].id: id "seh" is used more than once (also at effects[0].id)',
      'investments[0].bearer: unknown partner "gemeentee" (did you mean "gemeente"?)',
      'investments[0].domain: unknown domain "wm" (did you mean "wmo"?)',
      'effects[0].quantity: unknown parameter "clinets" (did you mean "clients"?)',
      "effects[1].unitPrice: not allowed in a formula: function evaluate",
      'effects[1].unitPrice: not allowed in a formula: constant "1"',
    ]);
  });
  it("says the same in Dutch", () => {
    const c = good() as any;
    c.effects[0].quantity = "clinets * visits";
    c.effects[0].attribution = 2;
    expect(issues(c, "nl")).toEqual(["effects[0].attribution: moet tussen 0 en 1 liggen"]);
    c.effects[0].attribution = 1;
    expect(issues(c, "nl")).toEqual(['effects[0].quantity: onbekende parameter "clinets" (bedoelde u "clients"?)']);
  });
  it("refuses units that do not fit: persons x EUR where EUR/visit is needed", () => {
    const c = good() as any;
    c.effects[0].quantity = "clients";
    expect(issues(c)).toEqual(["effects[0].unitPrice: quantity x price gives EUR*person/visit, expected money (EUR or EUR/year)"]);
  });
  it("refuses an investment amount that is not money", () => {
    const c = good() as any;
    c.investments[0].amount = "clients * visits";
    expect(issues(c)).toEqual(["investments[0].amount: units do not fit: the formula gives visit, expected EUR"]);
  });
  it("finds cycles among parameters", () => {
    const c = good() as any;
    c.parameters.a = "b + 1";
    c.parameters.b = "a * 2";
    expect(issues(c)).toEqual(["parameters.a: parameters refer to each other in a cycle: a -> b -> a"]);
  });
  it("refuses years outside the horizon and periods that run backwards", () => {
    const c = good() as any;
    c.investments[0].schedule = { type: "once", year: 2030 };
    c.effects[0].period = { from: 2027, to: 2026 };
    expect(issues(c)).toEqual([
      "investments[0].schedule.year: year 2030 is outside the horizon 2025-2027",
      "effects[0].period: start year 2027 is after end year 2026",
    ]);
  });
  it("refuses a formula that gives no finite number, and a fraction formula outside 0..1", () => {
    const c = good() as any;
    c.parameters.zero = 0;
    c.effects[0].unitPrice = "price / zero";
    c.effects[0].attribution = "clients / 10";
    expect(issues(c)).toEqual([
      "effects[0].unitPrice: formula does not give a finite number (infinity)",
      "effects[0].attribution: must be between 0 and 1",
    ]);
  });
  it("asks for a provider when production loss is asked for", () => {
    const c = good() as any;
    c.effects[0].production = true;
    expect(issues(c)).toEqual(['effects[0].production: production loss asked for, but domain "zvw" has no providers and the effect names none']);
  });
  it("explains a union failure by what was expected, at the deepest path", () => {
    const c = good() as any;
    c.parameters.clients = { value: {} };
    c.investments[0].schedule = { type: "weekly" };
    expect(issues(c)).toEqual([
      "parameters.clients.value: expected a number or a formula",
      "investments[0].schedule.type: unknown type: choose one of once, recurring, explicit",
    ]);
  });
});

describe("case files", () => {
  it("names the line of each problem in YAML", () => {
    const text = [
      "id: t", "title: T", "priceYear: 2024", "startYear: 2025", "horizon: 3",
      "partners:", "  - { id: g, name: G, kind: municipality }",
      "domains:", "  - { id: wmo, name: Wmo, funder: gg }",
      "effects:", "  - id: e", "    label: E", "    domain: wmo", "    quantity: 1", "    unitPrice: 2", "    attribution: 3",
    ].join("\n");
    const v = loadCase(text, "yaml", { lang: "en" });
    expect(v.ok).toBe(false);
    // The schema problem and the reference problem come together, each with its line.
    if (!v.ok) expect(v.issues.map((i) => formatIssue(i, "case.yaml"))).toEqual([
      "case.yaml:16: effects[0].attribution: must be between 0 and 1",
      'case.yaml:9: domains[0].funder: unknown partner "gg" (did you mean "g"?)',
    ]);
  });
  it("names the line of a YAML syntax error", () => {
    const v = loadCase("id: t\ntitle: [unclosed\n", "yaml", { lang: "en" });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues[0]!.message).toMatch(/^YAML cannot be read/);
  });
  it("refuses invalid JSON and duplicate keys", () => {
    const v = loadCase('{"id": "t", "id": "u"}', "json", { lang: "en" });
    expect(v.ok).toBe(false);
    const w = loadCase('{"id": "t",}', "json", { lang: "en" });
    expect(w.ok).toBe(false);
  });
});

describe("validation messages come from the project's catalogue", () => {
  it("every schema problem echoes the bad value and names what is accepted, in English and Dutch; no text of the schema library", () => {
    const c = { ...good(), id: "t x", title: "", priceYear: "2024", startYear: 2025.5, horizon: 0, discountRate: 3 } as any;
    c.partners[0].extra = 1;
    c.parameters.c = { value: 1, unitt: "x" };
    const en = issues(c, "en"), nl = issues(c, "nl");
    expect(en).toEqual(expect.arrayContaining([
      'id: "t x" does not have the right form: expected an id: letters, digits, _ and -, starting with a letter or _ (such as gemeente_1)',
      'title: must not be empty ("")',
      'priceYear: must be a number (such as 0.5 or 250), not "2024"',
      "startYear: must be a whole number (such as 2026), not 2025.5",
      "horizon: 0 is too small: must be at least 1",
      "discountRate: 3 is too large: must be at most 1",
      'partners[0]: unknown field "extra"; allowed: id, name, kind, inhabitants, insured, budget, income, budgetLimits, note',
      'parameters.c: unknown field "unitt"; allowed: value, ref, unit, label, source, note, assumption, distribution',
    ]));
    expect(nl).toEqual(expect.arrayContaining([
      'priceYear: moet een getal (zoals 0,5 of 250) zijn, niet "2024"',
      "horizon: 0 is te klein: moet minstens 1 zijn",
      'partners[0]: onbekend veld "extra"; mogelijk: id, name, kind, inhabitants, insured, budget, income, budgetLimits, note',
    ]));
    for (const m of [...en, ...nl]) expect(m).not.toMatch(/Invalid input|Invalid option|Too small|Too big|Unrecognized key|received|Ongeldige invoer|verwacht (number|string)/);
  });
});
