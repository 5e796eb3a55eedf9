/**
 * "Build your business case": the reader's choices become a case file, step by step.
 *
 * The structure (which partners, which effects, who pays, which financing form and rules)
 * becomes the case's partners, domains, investments and effects; every number (clients, staff,
 * effect sizes, deflators, shares of a key, the over- or underspend) is a parameter, so moving a
 * slider only changes `overrides` and never recompiles the case.
 *
 * Financing is expressed in the case format itself, as one contribution line per paying partner
 * (a pot filled by a key): contribution = share x budget, plus that partner's part of an
 * overspend under the chosen rule, minus its part of an underspend when the surplus is returned.
 * The shares are parameters `share_<partner>` (normalised here, so any weights work).
 *
 * Unit prices: Kostenhandleiding 2024 (2022 euros) x CBS CPI 2022 -> 2024 (1.073), from
 * the project's unit-cost table (engine/reference/unitCosts.ts); the bijstand norm is the 2025 norm (Rijksoverheid).
 */
import type { CaseInput, Evaluation, Model } from "../../../engine/index.ts";
import { evaluateModel, formatIssue, validateCase } from "../../../engine/index.ts";
import { t, lang as pageLang, type Lang } from "../i18n/i18n.ts";

export type PartnerKey = "gemeente" | "zorgverzekeraar" | "zorgkantoor" | "ziekenhuis" | "thuiszorg" | "wmo-aanbieder" | "woningcorporatie" | "inwoners" | "investeerder";

type Pair = readonly [string, string];

export interface PartnerInfo {
  key: PartnerKey;
  name: Pair;
  kind: "municipality" | "insurer" | "care-office" | "provider" | "housing-association" | "resident" | "investor";
  role: Pair;
  /** The budget (domain) this partner pays from, if it funds anything. */
  domain?: string;
}

export const PARTNERS: readonly PartnerInfo[] = [
  { key: "gemeente", name: ["Gemeente", "Municipality"], kind: "municipality", domain: "wmo", role: ["financiert Wmo, Jeugdwet en Participatiewet; opdrachtgever van het wijkteam", "funds Wmo, youth care and social assistance; commissions the neighbourhood team"] },
  { key: "zorgverzekeraar", name: ["Zorgverzekeraar", "Health insurer"], kind: "insurer", domain: "zvw", role: ["financiert de Zvw: huisarts, ziekenhuis, SEH, wijkverpleging", "funds the Zvw: GP, hospital, emergency care, district nursing"] },
  { key: "zorgkantoor", name: ["Zorgkantoor", "Long-term-care office"], kind: "care-office", domain: "wlz", role: ["financiert de Wlz: verpleeghuiszorg", "funds the Wlz: nursing-home care"] },
  { key: "ziekenhuis", name: ["Ziekenhuis", "Hospital"], kind: "provider", role: ["levert ligdagen en SEH-bezoeken; verliest omzet als die dalen", "delivers hospital days and emergency visits; loses revenue when they fall"] },
  { key: "thuiszorg", name: ["Thuiszorg", "Home-care provider"], kind: "provider", role: ["levert wijkverpleging; verliest omzet als de uren dalen", "delivers district nursing; loses revenue when hours fall"] },
  { key: "wmo-aanbieder", name: ["Wmo-aanbieder", "Wmo provider"], kind: "provider", role: ["levert huishoudelijke hulp; verliest omzet als de uren dalen", "delivers household help; loses revenue when hours fall"] },
  { key: "woningcorporatie", name: ["Woningcorporatie", "Housing association"], kind: "housing-association", domain: "wonen", role: ["verhuurt; kan bijdragen aan het initiatief", "lets homes; can contribute to the initiative"] },
  { key: "inwoners", name: ["Inwoners", "Residents"], kind: "resident", role: ["ontvangen minder bijstand als zij gaan werken (een overdracht)", "receive less social assistance when they go to work (a transfer)"] },
  { key: "investeerder", name: ["Investeerder", "Investor"], kind: "investor", role: ["kan het initiatief voorfinancieren en per resultaat terugbetaald worden (stap 7b)", "can pre-finance the initiative and be repaid per result (step 7b)"] },
];

export interface DomainInfo {
  id: string;
  name: Pair;
  law: Pair;
  funder: PartnerKey;
  pays: Pair;
  room: Pair;
}

export const DOMAINS: readonly DomainInfo[] = [
  { id: "wmo", name: ["Wmo 2015", "Wmo 2015"], law: ["Wet maatschappelijke ondersteuning 2015", "Social Support Act 2015"], funder: "gemeente", pays: ["ondersteuning thuis, huishoudelijke hulp, dagbesteding", "support at home, household help, day activities"], room: ["algemene voorzieningen zonder indicatie zijn toegestaan: ruimte voor een wijkteam", "general provisions without an assessment are allowed: room for a neighbourhood team"] },
  { id: "participatiewet", name: ["Participatiewet", "Participation Act"], law: ["Participatiewet", "Participation Act"], funder: "gemeente", pays: ["bijstand, beschut werk", "social assistance, sheltered work"], room: ["bijstand is een uitkering: minder bijstand is voor de maatschappij een overdracht, geen besparing", "social assistance is a benefit: less of it is a transfer for society, not a saving"] },
  { id: "zvw", name: ["Zvw", "Zvw"], law: ["Zorgverzekeringswet", "Health Insurance Act"], funder: "zorgverzekeraar", pays: ["huisarts, ziekenhuis, SEH, wijkverpleging", "GP, hospital, emergency care, district nursing"], room: ["verzekeraars mogen preventie en samenwerking financieren via contracten (bijvoorbeeld segment 3 huisartsenzorg)", "insurers may fund prevention and collaboration through contracts (for example GP care segment 3)"] },
  { id: "wlz", name: ["Wlz", "Wlz"], law: ["Wet langdurige zorg", "Long-term Care Act"], funder: "zorgkantoor", pays: ["verpleeghuiszorg en langdurige zorg", "nursing-home and long-term care"], room: ["het zorgkantoor koopt in per regio; bijdragen aan preventie buiten de Wlz zijn beperkt", "the care office purchases per region; funding prevention outside the Wlz is limited"] },
  { id: "wonen", name: ["Verhuur", "Housing"], law: ["Woningwet (eigen exploitatie)", "Housing Act (own operations)"], funder: "woningcorporatie", pays: ["exploitatie, huurachterstanden, leefbaarheid", "operations, rent arrears, liveability"], room: ["corporaties mogen beperkt investeren in leefbaarheid", "associations may invest a limited amount in liveability"] },
];

export interface EffectInfo {
  key: string;
  label: Pair;
  domain: string;
  /** Unit price in 2022 euros (times CPI 2022 -> 2024), or in `priceYear` euros if given. */
  price: number;
  priceUnit: string;
  /** Where the unit price comes from: [nl, en]. */
  priceSource: Pair;
  /** Volume per client per year: the parameter the reader sets. */
  perClient: { name: string; value: number; unit: string; label: Pair; max: number; step: number };
  provider?: { key: PartnerKey; variableShare: number };
  cashable?: boolean;
  /** A transfer to the residents (social assistance). */
  transfer?: boolean;
  /** Price not in 2022 euros: no CPI factor. */
  noCpi?: boolean;
}

export const EFFECTS: readonly EffectInfo[] = [
  { key: "ligdagen", label: ["Minder ziekenhuisligdagen", "Fewer hospital days"], domain: "zvw", price: 644, priceUnit: "EUR/day", priceSource: ["Kostenhandleiding 2024, ligdag ziekenhuis incl. personeel, EUR 644 (2022)", "Kostenhandleiding (costing manual) 2024, hospital day incl. staff, EUR 644 (2022)"], perClient: { name: "hospitalDaysPerClient", value: 0.4, unit: "day/person/year", label: ["Vermeden ligdagen per cliënt per jaar", "Hospital days avoided per client per year"], max: 3, step: 0.05 }, provider: { key: "ziekenhuis", variableShare: 0.4 } },
  { key: "seh", label: ["Minder SEH-bezoeken", "Fewer emergency visits"], domain: "zvw", price: 258, priceUnit: "EUR/visit", priceSource: ["Kostenhandleiding 2024, SEH-bezoek, EUR 258 (2022)", "Kostenhandleiding (costing manual) 2024, emergency department visit, EUR 258 (2022)"], perClient: { name: "edVisitsPerClient", value: 0.2, unit: "visit/person/year", label: ["Vermeden SEH-bezoeken per cliënt per jaar", "Emergency visits avoided per client per year"], max: 2, step: 0.05 }, provider: { key: "ziekenhuis", variableShare: 0.3 } },
  { key: "wijkverpleging", label: ["Minder uren wijkverpleging", "Fewer district-nursing hours"], domain: "zvw", price: 75, priceUnit: "EUR/hour", priceSource: ["Kostenhandleiding 2024, wijkverpleging, EUR 75 per uur (2022)", "Kostenhandleiding (costing manual) 2024, district nursing, EUR 75 per hour (2022)"], perClient: { name: "nursingHoursPerClient", value: 6, unit: "hour/person/year", label: ["Vermeden uren wijkverpleging per cliënt per jaar", "District-nursing hours avoided per client per year"], max: 40, step: 0.5 }, provider: { key: "thuiszorg", variableShare: 0.75 } },
  { key: "huisarts", label: ["Minder huisartsconsulten (niet verzilverbaar)", "Fewer GP consultations (not cashable)"], domain: "zvw", price: 30.87, priceUnit: "EUR/consult", priceSource: ["Kostenhandleiding 2024, consult huisarts gemiddeld, EUR 30,87 (2022)", "Kostenhandleiding (costing manual) 2024, average GP consultation, EUR 30.87 (2022)"], perClient: { name: "gpConsultsPerClient", value: 1, unit: "consult/person/year", label: ["Vermeden huisartsconsulten per cliënt per jaar", "GP consultations avoided per client per year"], max: 6, step: 0.1 }, cashable: false },
  { key: "verpleeghuis", label: ["Later naar het verpleeghuis", "Later into a nursing home"], domain: "wlz", price: 290, priceUnit: "EUR/day", priceSource: ["Kostenhandleiding 2024, verpleging en verzorging incl. dagbesteding, EUR 290 (2022; benadering van een verpleeghuisdag)", "Kostenhandleiding (costing manual) 2024, nursing and care incl. day activities, EUR 290 (2022; proxy for a nursing-home day)"], perClient: { name: "nursingHomeDaysPerClient", value: 2, unit: "day/person/year", label: ["Uitgestelde verpleeghuisdagen per cliënt per jaar", "Nursing-home days delayed per client per year"], max: 20, step: 0.5 } },
  { key: "huishoudelijke-hulp", label: ["Minder huishoudelijke hulp", "Less household help"], domain: "wmo", price: 32.76, priceUnit: "EUR/hour", priceSource: ["Kostenhandleiding 2024, huishoudelijke hulp, EUR 32,76 per uur (2022)", "Kostenhandleiding (costing manual) 2024, household help, EUR 32.76 per hour (2022)"], perClient: { name: "householdHoursPerClient", value: 8, unit: "hour/person/year", label: ["Vermeden uren huishoudelijke hulp per cliënt per jaar", "Household-help hours avoided per client per year"], max: 60, step: 1 }, provider: { key: "wmo-aanbieder", variableShare: 0.8 } },
  { key: "bijstand", label: ["Uitstroom uit de bijstand", "Leaving social assistance"], domain: "participatiewet", price: 16145, priceUnit: "EUR/person/year", priceSource: ["Rijksoverheid, bijstandsnorm alleenstaande 1 januari 2025 (EUR 16.145 per jaar; niet teruggerekend naar 2024)", "Dutch government (Rijksoverheid), social-assistance norm for a single person on 1 January 2025 (EUR 16,145 a year; not deflated to 2024)"], perClient: { name: "assistanceExitShare", value: 0.01, unit: "", label: ["Deel van de cliënten dat uit de bijstand stroomt", "Share of clients leaving social assistance"], max: 0.1, step: 0.0025 }, transfer: true, noCpi: true },
];

export type Financing = "status-quo" | "pot";
export type KeyType = "benefit" | "equal" | "custom";
export type OverspendRule = "pro-rata" | "risk-bearer" | "cap";
export type SurplusRule = "return" | "reserve";

export interface Structure {
  goal: string;
  partners: readonly PartnerKey[];
  effects: readonly string[];
  /** Who pays in the status quo; the final risk bearer under the rules. */
  bearer: PartnerKey;
  horizon: number;
  rampUpYears: number;
  financing: Financing;
  overspendRule: OverspendRule;
  surplusRule: SurplusRule;
}

export const DEFAULT_STRUCTURE: Structure = {
  goal: "",
  partners: ["gemeente", "zorgverzekeraar", "zorgkantoor", "ziekenhuis", "thuiszorg"],
  effects: ["ligdagen", "seh", "wijkverpleging", "huisarts", "verpleeghuis"],
  bearer: "gemeente",
  horizon: 5,
  rampUpYears: 2,
  financing: "pot",
  overspendRule: "pro-rata",
  surplusRule: "return",
};

/** Parameters every built case has, with their defaults. */
export const BASE_PARAMETERS = {
  clients: 300,
  teamFte: 3,
  fteCost: 85000,
  startupCost: 100000,
  deadweight: 0.2,
  attribution: 0.6,
  optimismBias: 0.2,
  deviation: 0,
  capShare: 0.1,
} as const;

const pick = (p: Pair, l: Lang) => t(p[0], p[1], l);

export function partnerInfo(key: PartnerKey): PartnerInfo {
  return PARTNERS.find((p) => p.key === key)!;
}

/** Partners that can pay into the initiative (they fund a budget), among those chosen. */
export function payers(partners: readonly PartnerKey[]): PartnerKey[] {
  return PARTNERS.filter((p) => p.domain !== undefined && partners.includes(p.key)).map((p) => p.key);
}

/** Effects whose budget's funder is at the table (and, for a transfer, the residents too). */
export function availableEffects(partners: readonly PartnerKey[]): EffectInfo[] {
  return EFFECTS.filter((e) => {
    const d = DOMAINS.find((x) => x.id === e.domain)!;
    return partners.includes(d.funder) && (!e.transfer || partners.includes("inwoners"));
  });
}

export function domainsFor(partners: readonly PartnerKey[]): DomainInfo[] {
  return DOMAINS.filter((d) => partners.includes(d.funder));
}

export const shareParam = (p: PartnerKey) => `share_${p.replace(/-/g, "_")}`;

/**
 * The case for a structure. Invariants (tested): it validates; the contributions of all payers
 * add up to the team's actual cost (budget + overspend - returned underspend) in every year.
 */
export function buildCase(s: Structure, l: Lang = pageLang): CaseInput {
  const partners = PARTNERS.filter((p) => s.partners.includes(p.key));
  const payerKeys = payers(s.partners);
  const bearer = payerKeys.includes(s.bearer) ? s.bearer : payerKeys[0];
  if (!bearer) throw new Error("buildCase: no partner that funds a budget");
  const effects = availableEffects(s.partners).filter((e) => s.effects.includes(e.key));
  const start = 2025;
  const domains = domainsFor(s.partners).map((d) => {
    const providers = partners.filter((p) => effects.some((e) => e.domain === d.id && e.provider?.key === p.key)).map((p) => p.key);
    return { id: d.id, name: pick(d.name, l), law: pick(d.law, l), funder: d.funder as string, ...(providers.length ? { providers } : {}) };
  });

  const parameters: Record<string, unknown> = {
    cpi2022to2024: { value: 1.073, label: t("CBS-consumentenprijsindex 2022 -> 2024", "CBS consumer price index 2022 -> 2024", l), source: t("CBS-consumentenprijsindex", "CBS consumer price index", l) },
    clients: { value: BASE_PARAMETERS.clients, unit: "person", label: t("Cliënten per jaar", "Clients per year", l), assumption: true },
    teamFte: { value: BASE_PARAMETERS.teamFte, unit: "fte", label: t("Formatie van het team", "Team size", l), assumption: true },
    fteCost: { value: BASE_PARAMETERS.fteCost, unit: "EUR/fte/year", label: t("Loonkosten per fte", "Salary cost per fte", l), assumption: true },
    teamCost: { value: "teamFte * fteCost", unit: "EUR/year", label: t("Begroting team per jaar", "Team budget per year", l) },
    startupCost: { value: BASE_PARAMETERS.startupCost, unit: "EUR", label: t("Opstartkosten (eenmalig)", "Start-up cost (once)", l), assumption: true },
    deadweight: { value: BASE_PARAMETERS.deadweight, label: t("Deadweight (was toch gebeurd)", "Deadweight (would have happened anyway)", l), assumption: true },
    attribution: { value: BASE_PARAMETERS.attribution, label: t("Attributie aan het initiatief", "Attribution to the initiative", l), assumption: true },
    optimismBias: { value: BASE_PARAMETERS.optimismBias, label: t("Optimism bias", "Optimism bias", l), assumption: true },
    deviation: { value: BASE_PARAMETERS.deviation, label: t("Werkelijke kosten t.o.v. begroting (+ is overbesteding)", "Actual cost against budget (+ is overspend)", l), assumption: true },
    capShare: { value: BASE_PARAMETERS.capShare, label: t("Plafond: hoogstens dit deel van de eigen bijdrage extra", "Cap: at most this share of one's own contribution extra", l), assumption: true },
    over: { value: "max(deviation, 0) * teamCost", unit: "EUR/year", label: t("Overbesteding per jaar", "Overspend per year", l) },
    under: { value: "max(-deviation, 0) * teamCost", unit: "EUR/year", label: t("Onderbesteding per jaar", "Underspend per year", l) },
  };
  for (const e of effects) {
    parameters[e.perClient.name] = { value: e.perClient.value, ...(e.perClient.unit ? { unit: e.perClient.unit } : {}), label: pick(e.perClient.label, l), assumption: true };
    parameters[`price_${e.key.replace(/-/g, "_")}`] = { value: e.noCpi ? `${e.price}` : `${e.price} * cpi2022to2024`, unit: e.priceUnit, source: pick(e.priceSource, l) };
  }

  // Shares of the key: status quo = the bearer pays everything.
  const shareKeys = s.financing === "pot" ? payerKeys : [bearer];
  for (const p of payerKeys) {
    parameters[shareParam(p)] = { value: s.financing === "pot" ? 1 : p === bearer ? 1 : 0, label: t(`Aandeel ${pick(partnerInfo(p).name, "nl").toLowerCase()} in de verdeelsleutel`, `Share of the ${pick(partnerInfo(p).name, "en").toLowerCase()} in the key`, l), assumption: true };
  }
  const total = shareKeys.map(shareParam).join(" + ");
  const share = (p: PartnerKey) => `(${shareParam(p)} / (${total}))`;
  const capOf = (p: PartnerKey) => `min(${share(p)} * over, capShare * ${share(p)} * teamCost)`;
  const overPart = (p: PartnerKey): string => {
    if (s.overspendRule === "pro-rata") return `${share(p)} * over`;
    if (s.overspendRule === "risk-bearer") return p === bearer ? "over" : "0";
    const others = shareKeys.filter((q) => q !== bearer).map(capOf);
    return p === bearer ? `over - (${others.length ? others.join(" + ") : "0"})` : capOf(p);
  };
  const underPart = (p: PartnerKey) => (s.surplusRule === "return" ? `${share(p)} * under` : "0");
  const investments = shareKeys.flatMap((p) => {
    const name = pick(partnerInfo(p).name, l);
    const domain = partnerInfo(p).domain!;
    return [
      {
        id: `bijdrage-${p}`,
        label: s.financing === "pot" ? t(`Bijdrage ${name} aan het team (verdeelsleutel)`, `Contribution of ${name} to the team (key)`, l) : t("Team (betaald door de trekker)", "Team (paid by the lead partner)", l),
        bearer: p, domain, category: "revenue" as const,
        amount: `${share(p)} * teamCost + ${overPart(p)} - ${underPart(p)}`,
        assumption: true,
      },
      {
        id: `opstart-${p}`,
        label: t(`Opstartkosten (${name})`, `Start-up cost (${name})`, l),
        bearer: p, domain, category: "capital" as const,
        amount: `${share(p)} * startupCost`,
        schedule: { type: "once" as const, year: start },
        assumption: true,
      },
    ];
  });

  const effectLines = effects.map((e) => {
    const d = DOMAINS.find((x) => x.id === e.domain)!;
    const providerPresent = e.provider && s.partners.includes(e.provider.key);
    return {
      id: e.key,
      label: pick(e.label, l),
      domain: d.id,
      quantity: `clients * ${e.perClient.name}`,
      unitPrice: `price_${e.key.replace(/-/g, "_")}`,
      rampUpYears: s.rampUpYears,
      deadweight: "deadweight",
      attribution: "attribution",
      optimismBias: "optimismBias",
      ...(e.cashable === false ? { cashable: false } : {}),
      ...(providerPresent ? { production: { providers: [e.provider!.key], variableCostShare: e.provider!.variableShare } } : {}),
      ...(e.transfer ? { transfer: { counterparty: "inwoners" } } : {}),
      assumption: true,
      source: pick(e.priceSource, l),
    };
  });

  return {
    id: "mijn-businesscase",
    title: s.goal.trim() || t("Mijn businesscase", "My business case", l),
    description: s.goal.trim() || undefined,
    priceYear: 2024,
    startYear: start,
    horizon: s.horizon,
    partners: partners.map((p) => ({ id: p.key, name: pick(p.name, l), kind: p.kind })),
    domains,
    parameters: parameters as CaseInput["parameters"],
    investments,
    effects: effectLines,
    sources: [
      t("Zorginstituut Nederland (2024), Kostenhandleiding: kostprijzen in euro's van 2022", "Zorginstituut Nederland (2024), Kostenhandleiding (costing manual): unit prices in 2022 euros", l),
      t("CBS-consumentenprijsindex 2022 -> 2024 × 1,073", "CBS consumer price index 2022 -> 2024 × 1.073", l),
      t("Werkgroep discontovoet (2020): reële discontovoet van 2,25 %", "Werkgroep discontovoet (2020): 2.25 % real discount rate", l),
    ],
    note: t("Gemaakt met het notebook 'Bouw je businesscase'. Alle volumes en correctiefactoren zijn aannames.", "Made with the notebook 'Build your business case'. All volumes and deflators are assumptions.", l),
  };
}

/** Overrides that switch every effect off (for the results of the investment step). */
export function effectsOff(model: Model): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of EFFECTS) if (e.perClient.name in model.case.parameters) out[e.perClient.name] = 0;
  return out;
}

/** Overrides for a key: the share parameters of the payers (weights; the case normalises). */
export function keyOverrides(model: Model, weights: Readonly<Partial<Record<PartnerKey, number>>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [p, w] of Object.entries(weights)) {
    const name = shareParam(p as PartnerKey);
    if (name in model.case.parameters) out[name] = w ?? 0;
  }
  return out;
}

/** Weights of a key among the payers: equal, or by each payer's present value of positive effects. */
export function keyWeights(type: KeyType, ev: Evaluation, payerKeys: readonly PartnerKey[]): Partial<Record<PartnerKey, number>> {
  if (type === "equal") return Object.fromEntries(payerKeys.map((p) => [p, 1]));
  const effectLines = new Set(ev.case.effects.map((e) => e.id));
  const benefit = new Map<string, number>();
  for (const r of ev.ledger.rows) if (effectLines.has(r.line)) benefit.set(r.partner, (benefit.get(r.partner) ?? 0) + r.discounted);
  const w = Object.fromEntries(payerKeys.map((p) => [p, Math.max(0, benefit.get(p) ?? 0)]));
  // Nobody benefits: fall back to equal shares.
  return Object.values(w).some((v) => v > 0) ? w : Object.fromEntries(payerKeys.map((p) => [p, 1]));
}

/**
 * The effect size at which society (or a partner) breaks even, holding everything else fixed:
 * NPV is linear in an effect's volume, so two evaluations give it. Null when the effect does
 * not move that NPV, or the break-even would be negative.
 */
export function breakEven(model: Model, overrides: Readonly<Record<string, number>>, param: string, partner?: string): number | null {
  const npvOf = (v: number) => {
    const ev = evaluateModel(model, { ...overrides, [param]: v });
    return partner ? ev.partners.find((p) => p.id === partner)?.npv ?? 0 : ev.society.npv;
  };
  const at0 = npvOf(0), at1 = npvOf(1);
  const slope = at1 - at0;
  if (Math.abs(slope) < 1) return null;
  const x = -at0 / slope;
  return x >= 0 && Number.isFinite(x) ? x : null;
}

const models = new Map<string, Model>();

/** The compiled model of a structure (cached: the same structure compiles once). */
export function modelFor(s: Structure, l: Lang = pageLang): Model {
  const key = `${l}\u0000${JSON.stringify(s)}`;
  const hit = models.get(key);
  if (hit) return hit;
  const v = validateCase(buildCase(s, l), { lang: l });
  if (!v.ok) throw new Error(`buildCase made an invalid case:\n${v.issues.map((i) => formatIssue(i)).join("\n")}`);
  if (models.size > 50) models.clear();
  models.set(key, v.model);
  return v.model;
}
