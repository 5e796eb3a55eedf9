/**
 * Financing arrangements as forms, for "Build your business case": every step type of the
 * engine (decision rules, pot, shared savings, provider transition, pre-financing, outcome
 * payments, settlement) as a list of plain fields, and the step a filled-in form makes. No DOM
 * here (the form itself is notebooks/lib/parts/stepForm.ts), so the rules are tested on their own.
 *
 * A form never needs JSON: a payer is one partner or a key picked from a list (equal shares,
 * own weights, by expected benefit), amounts are numbers, rates sliders, lists checkboxes.
 */
import type { ArrangementStep, CaseInput, KeySpec } from "../../../engine/index.ts";
import { t, lang as pageLang, type Lang } from "../i18n/i18n.ts";

export type StepType = ArrangementStep["type"];

export const STEP_TYPES: readonly { type: StepType; label: readonly [string, string]; what: readonly [string, string] }[] = [
  { type: "decision-rules", label: ["Afwegingskader", "Decision framework"], what: ["Regels wie welke investering betaalt.", "Rules for who pays which investment."] },
  { type: "pot", label: ["Gezamenlijke pot", "Joint pot"], what: ["Partners leggen in volgens een sleutel; de pot betaalt; afspraken over overschot en tekort.", "Partners pay in by a key; the pot pays; agreements on surplus and deficit."] },
  { type: "shared-savings", label: ["Gedeelde besparingen", "Shared savings"], what: ["Wie bespaart, geeft een deel van zijn verzilverbare besparing door.", "Who saves passes on a share of its cashable savings."] },
  { type: "provider-transition", label: ["Transitievergoeding", "Provider transition"], what: ["Een aanbieder krijgt een vergoeding voor productie die zij opgeeft.", "A provider is compensated for production it gives up."] },
  { type: "pre-financing", label: ["Voorfinanciering", "Pre-financing"], what: ["Een investeerder betaalt investeringen vooraf.", "An investor pays investments up front."] },
  { type: "outcome-payments", label: ["Betalen per resultaat", "Outcome payments"], what: ["Betalers betalen een prijs per eenheid resultaat, met vertraging en plafonds.", "Payers pay a price per unit of outcome, with a lag and caps."] },
  { type: "settlement", label: ["Verevening", "Settlement"], what: ["Achteraf verrekenen: naar investering, gelijk rendement of niemand slechter af (altijd de laatste stap).", "Settle afterwards: by investment, equal ROI or no one worse off (always the last step)."] },
];

/** What the form knows of the case: ids and names to choose from. */
export interface StepContext {
  partners: readonly { id: string; name: string; kind: string }[];
  investments: readonly { id: string; label: string }[];
  effects: readonly { id: string; label: string }[];
  years: readonly number[];
}

/** A payer as the form has it: one partner, or a key. */
export type PayerChoice =
  | { mode: "partner"; partner: string }
  | { mode: "equal" | "benefit"; partners: string[] }
  | { mode: "weights"; weights: Record<string, number> };

export type FieldKind = "partner" | "partners" | "payer" | "money" | "fraction" | "count" | "year" | "choice" | "investments" | "effect";

export interface Field {
  name: string;
  kind: FieldKind;
  label: readonly [string, string];
  /** For `choice`: the options with their labels. */
  options?: readonly (readonly [string, string, string])[];
  /** May be left empty (0 or "" or none). */
  optional?: boolean;
  /** Only partners of these kinds are offered (a provider for a transition, say). */
  kinds?: readonly string[];
  /** Shown only when another field has one of these values. */
  when?: { field: string; is: readonly string[] };
}


/** The fields of each step type, in the order a form shows them. */
export const STEP_FIELDS: Readonly<Record<StepType, readonly Field[]>> = {
  "decision-rules": [
    { name: "investments", kind: "investments", label: ["Deze investeringen ...", "These investments ..."] },
    { name: "payer", kind: "payer", label: ["... betaalt", "... are paid by"] },
    { name: "rest", kind: "partner", label: ["De andere investeringen betaalt", "The other investments are paid by"] },
  ],
  pot: [
    { name: "contributors", kind: "payer", label: ["Inleg naar", "Contributions by"] },
    { name: "amount", kind: "money", label: ["Jaarbudget van de pot (EUR; 0 = wat de pot uitgeeft)", "The pot's yearly budget (EUR; 0 = what it spends)"], optional: true },
    { name: "surplus", kind: "choice", label: ["Een overschot", "A surplus"], options: [["return", "gaat terug naar de partners", "goes back to the partners"], ["carry-forward", "wordt meegenomen en verlaagt de inleg van het volgende jaar", "is carried forward and lowers next year's contributions"], ["reserve", "gaat naar een reserve (tot een maximum)", "goes into a reserve (up to a maximum)"]] },
    { name: "reserveMax", kind: "money", label: ["Maximale reserve (EUR)", "Largest reserve (EUR)"], when: { field: "surplus", is: ["reserve"] } },
    { name: "riskBearer", kind: "partner", label: ["Eindrisicodrager (dekt wat overblijft van een tekort)", "Final risk bearer (covers what is left of a deficit)"] },
    { name: "capPartner", kind: "partner", label: ["Partner met een plafond op zijn deel van een tekort", "Partner with a cap on its part of a deficit"], optional: true },
    { name: "capAmount", kind: "money", label: ["Plafond per jaar (EUR)", "Cap a year (EUR)"], optional: true },
  ],
  "shared-savings": [
    { name: "from", kind: "partner", label: ["Wie bespaart", "Who saves"] },
    { name: "to", kind: "partner", label: ["Ontvangt een deel", "Receives a share"] },
    { name: "rate", kind: "fraction", label: ["Deel van de besparing", "Share of the savings"] },
    { name: "threshold", kind: "money", label: ["Drempel per jaar (EUR; daaronder niets)", "Threshold a year (EUR; nothing below it)"], optional: true },
    { name: "cap", kind: "money", label: ["Plafond per jaar (EUR; 0 = geen)", "Cap a year (EUR; 0 = none)"], optional: true },
    { name: "basis", kind: "choice", label: ["Welke besparing", "Which savings"], options: [["cashable", "alleen verzilverbare", "cashable only"], ["all", "alle, ook niet-verzilverbare", "all, cashable or not"]] },
  ],
  "provider-transition": [
    { name: "provider", kind: "partner", label: ["Aanbieder", "Provider"], kinds: ["provider"] },
    { name: "payer", kind: "payer", label: ["Betaald door", "Paid by"] },
    { name: "mode", kind: "choice", label: ["Vergoeding", "Compensation"], options: [["share", "een deel van de gederfde marge", "a share of the lost margin"], ["amount", "een vast bedrag per jaar", "a fixed amount a year"]] },
    { name: "share", kind: "fraction", label: ["Deel van de gederfde marge", "Share of the lost margin"], when: { field: "mode", is: ["share"] } },
    { name: "amount", kind: "money", label: ["Bedrag per jaar (EUR)", "Amount a year (EUR)"], when: { field: "mode", is: ["amount"] } },
    { name: "to", kind: "year", label: ["Tot en met", "Until"] },
  ],
  "pre-financing": [
    { name: "investor", kind: "partner", label: ["Investeerder", "Investor"] },
    { name: "investments", kind: "investments", label: ["Betaalt vooraf", "Pays up front"] },
  ],
  "outcome-payments": [
    { name: "payer", kind: "payer", label: ["Betalers", "Payers"] },
    { name: "recipient", kind: "partner", label: ["Ontvanger (meestal de investeerder)", "Recipient (usually the investor)"] },
    { name: "effect", kind: "effect", label: ["Resultaat (een effect)", "Outcome (an effect)"] },
    { name: "price", kind: "money", label: ["Prijs per eenheid (EUR)", "Price per unit (EUR)"] },
    { name: "lag", kind: "count", label: ["Betaald ... jaar na het resultaat", "Paid ... years after the outcome"], optional: true },
    { name: "capPerYear", kind: "money", label: ["Plafond per jaar, alle betalers samen (EUR; 0 = geen)", "Cap a year, all payers together (EUR; 0 = none)"], optional: true },
    { name: "capTotal", kind: "money", label: ["Plafond in totaal (EUR; 0 = geen)", "Cap in total (EUR; 0 = none)"], optional: true },
  ],
  settlement: [
    { name: "target", kind: "choice", label: ["Verevenen naar", "Settle by"], options: [["no-worse-off", "niemand slechter af", "no one worse off"], ["proportional-to-investment", "naar rato van de investering", "in proportion to investment"], ["equal-roi", "gelijk rendement (ROI)", "equal ROI"]] },
    { name: "partners", kind: "partners", label: ["Deelnemers", "Participants"] },
  ],
};

/** A key in the engine's terms. */
function keyOf(p: Exclude<PayerChoice, { mode: "partner" }>): KeySpec {
  if (p.mode === "weights") return { type: "fixed", shares: Object.fromEntries(Object.entries(p.weights).filter(([, w]) => w > 0)) };
  if (p.mode === "benefit") return { type: "benefit", partners: [...p.partners] };
  return { type: "fixed", shares: Object.fromEntries(p.partners.map((id) => [id, 1])) };
}

/** A payer in the engine's terms: a partner id, or `{ key }`. */
export function payerOf(p: PayerChoice): string | { key: KeySpec } {
  return p.mode === "partner" ? p.partner : { key: keyOf(p) };
}

type Values = Readonly<Record<string, unknown>>;
const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const str = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** The step a filled-in form makes (the engine validates it; every problem comes back with its path). */
export function stepFromForm(type: StepType, v: Values): ArrangementStep {
  switch (type) {
    case "decision-rules": {
      const chosen = list(v.investments);
      return {
        type,
        rules: [
          ...(chosen.length > 0 ? [{ match: { investments: chosen }, payer: payerOf(v.payer as PayerChoice) }] : []),
          { match: {}, payer: str(v.rest) },
        ],
      } as ArrangementStep;
    }
    case "pot": {
      const payer = v.contributors as PayerChoice;
      const key: KeySpec = payer.mode === "partner" ? { type: "fixed", shares: { [payer.partner]: 1 } } : keyOf(payer);
      const surplus = str(v.surplus) || "return";
      const cap = str(v.capPartner) && num(v.capAmount) > 0 ? { caps: { [str(v.capPartner)]: { amount: num(v.capAmount) } } } : {};
      return {
        type,
        contributions: { key, ...(num(v.amount) > 0 ? { amount: num(v.amount) } : {}) },
        surplus: surplus === "reserve" ? { action: "reserve", reserveMax: num(v.reserveMax) } : { action: surplus },
        deficit: { order: ["reserve", "key", "risk-bearer"], riskBearer: str(v.riskBearer), ...cap },
      } as ArrangementStep;
    }
    case "shared-savings":
      return {
        type, from: str(v.from), to: str(v.to), rate: num(v.rate),
        ...(num(v.threshold) > 0 ? { threshold: { amount: num(v.threshold) } } : {}),
        ...(num(v.cap) > 0 ? { cap: num(v.cap) } : {}),
        ...(str(v.basis) === "all" ? { basis: "all" } : {}),
      } as ArrangementStep;
    case "provider-transition":
      return {
        type, provider: str(v.provider), payer: payerOf(v.payer as PayerChoice),
        compensation: str(v.mode) === "amount" ? { amount: num(v.amount) } : { shareOfLostMargin: num(v.share) },
        ...(typeof v.to === "number" ? { period: { to: v.to } } : {}),
      } as ArrangementStep;
    case "pre-financing": {
      const chosen = list(v.investments);
      return { type, investor: str(v.investor), pays: chosen.length > 0 ? { investments: chosen } : {} } as ArrangementStep;
    }
    case "outcome-payments": {
      const cap = { ...(num(v.capPerYear) > 0 ? { perYear: num(v.capPerYear) } : {}), ...(num(v.capTotal) > 0 ? { total: num(v.capTotal) } : {}) };
      return {
        type, payer: payerOf(v.payer as PayerChoice), recipient: str(v.recipient),
        outcomes: [{ effect: str(v.effect), price: num(v.price) }],
        ...(num(v.lag) > 0 ? { lag: Math.round(num(v.lag)) } : {}),
        ...(Object.keys(cap).length > 0 ? { cap } : {}),
      } as ArrangementStep;
    }
    case "settlement": {
      const ps = list(v.partners);
      return { type, target: (str(v.target) || "no-worse-off") as "no-worse-off", ...(ps.length >= 2 ? { partners: ps } : {}) } as ArrangementStep;
    }
  }
}

/** Values a new form starts with, from the case (first partner, first investment, ...). */
export function defaultValues(type: StepType, ctx: StepContext): Record<string, unknown> {
  const ids = ctx.partners.map((p) => p.id);
  const first = ids[0] ?? "", second = ids[1] ?? first;
  const investor = ctx.partners.find((p) => p.kind === "investor")?.id ?? first;
  const provider = ctx.partners.find((p) => p.kind === "provider")?.id ?? first;
  const funders = ctx.partners.filter((p) => !["provider", "resident", "investor"].includes(p.kind)).map((p) => p.id);
  const payers: PayerChoice = { mode: "equal", partners: funders.length > 0 ? funders : ids };
  const v: Record<string, unknown> = {};
  for (const f of STEP_FIELDS[type]) {
    switch (f.kind) {
      case "partner": v[f.name] = f.name === "investor" || f.name === "recipient" ? investor : f.kinds?.includes("provider") ? provider : f.name === "to" ? second : f.optional ? "" : first; break;
      case "partners": v[f.name] = funders.length >= 2 ? funders : ids; break;
      case "payer": v[f.name] = payers; break;
      case "money": v[f.name] = f.name === "price" ? 100 : f.name === "reserveMax" ? 50000 : 0; break;
      case "fraction": v[f.name] = 0.5; break;
      case "count": v[f.name] = f.name === "lag" ? 1 : 0; break;
      case "year": v[f.name] = ctx.years[Math.min(2, ctx.years.length - 1)]; break;
      case "choice": v[f.name] = f.options![0]![0]; break;
      case "investments": v[f.name] = ctx.investments.map((i) => i.id); break;
      case "effect": v[f.name] = ctx.effects[0]?.id ?? ""; break;
    }
  }
  return v;
}

/** A short description of a step for the list of steps ("Gedeelde besparingen: zorgverzekeraar -> gemeente, 50%"). */
export function stepSummary(step: ArrangementStep, ctx: StepContext, l: Lang = pageLang): string {
  const name = (id: unknown) => ctx.partners.find((p) => p.id === id)?.name ?? String(id);
  const label = STEP_TYPES.find((s) => s.type === step.type)!.label;
  const head = t(label[0], label[1], l);
  switch (step.type) {
    case "shared-savings": return `${head}: ${name(step.from)} → ${name(step.to)}, ${Math.round(Number(step.rate) * 1000) / 10}%`;
    case "pre-financing": return `${head}: ${name(step.investor)}`;
    case "outcome-payments": return `${head}: → ${name(step.recipient)}, EUR ${step.outcomes[0]?.price} ${t("per eenheid", "per unit", l)}`;
    case "provider-transition": return `${head}: ${name(step.provider)}`;
    case "pot": return `${head}: ${t("risicodrager", "risk bearer", l)} ${name(step.deficit.riskBearer)}`;
    case "settlement": return `${head}: ${step.target}`;
    case "decision-rules": return `${head}: ${step.rules.length} ${t("regels", "rules", l)}`;
  }
}

/** The case with one more arrangement made of these steps (settlement moved last, as the engine requires). */
export function withArrangement(c: CaseInput, steps: readonly ArrangementStep[], l: Lang = pageLang): CaseInput {
  const ordered = [...steps.filter((s) => s.type !== "settlement"), ...steps.filter((s) => s.type === "settlement")];
  return {
    ...c,
    arrangements: [
      { id: "status-quo", name: t("Status quo", "Status quo", l) },
      { id: "eigen-afspraak", name: t("Onze afspraak", "Our arrangement", l), steps: ordered.map((s, i) => ({ ...s, id: `stap-${i + 1}` })) as never },
    ],
  };
}
