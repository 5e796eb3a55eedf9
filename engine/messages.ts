/**
 * Every user-facing text of the engine's validation, Dutch first with English available.
 * Logic emits codes and parameters (see `issues.ts`); wording lives only here.
 */
import { z } from "zod";

export type Lang = "nl" | "en";
type Params = Record<string, unknown>;
type Text = (p: Params) => string;

const didYouMean = (p: Params, lang: Lang) =>
  p.suggestion ? (lang === "nl" ? ` (bedoelde u "${p.suggestion}"?)` : ` (did you mean "${p.suggestion}"?)`) : "";

function typeNames(types: string[], lang: Lang): string {
  const names: Record<string, [string, string]> = {
    number: ["een getal", "a number"], string: ["een formule", "a formula"],
    object: ["een object", "an object"], array: ["een lijst", "a list"], boolean: ["ja/nee (true/false)", "true or false"],
  };
  const words = types.map((t) => names[t]?.[lang === "nl" ? 0 : 1] ?? t);
  const last = words.pop();
  return words.length ? `${words.join(", ")} ${lang === "nl" ? "of" : "or"} ${last}` : last ?? "";
}

const texts: Record<string, { nl: Text; en: Text }> = {
  fraction: { nl: () => "moet tussen 0 en 1 liggen", en: () => "must be between 0 and 1" },
  positive: { nl: () => "moet groter dan 0 zijn", en: () => "must be greater than 0" },
  nonNegative: { nl: () => "mag niet negatief zijn", en: () => "must not be negative" },
  integerYear: { nl: () => "moet een jaartal zijn (geheel getal)", en: () => "must be a year (a whole number)" },
  duplicateId: {
    nl: (p) => `id "${p.id}" komt vaker voor (ook bij ${p.other})`,
    en: (p) => `id "${p.id}" is used more than once (also at ${p.other})`,
  },
  unknownPartner: {
    nl: (p) => `onbekende partner "${p.name}"${didYouMean(p, "nl")}`,
    en: (p) => `unknown partner "${p.name}"${didYouMean(p, "en")}`,
  },
  unknownDomain: {
    nl: (p) => `onbekend domein "${p.name}"${didYouMean(p, "nl")}`,
    en: (p) => `unknown domain "${p.name}"${didYouMean(p, "en")}`,
  },
  unknownParameter: {
    nl: (p) => `onbekende parameter "${p.name}"${didYouMean(p, "nl")}`,
    en: (p) => `unknown parameter "${p.name}"${didYouMean(p, "en")}`,
  },
  formulaSyntax: {
    nl: (p) => `formule is niet te lezen: ${p.detail}`,
    en: (p) => `formula cannot be read: ${p.detail}`,
  },
  formulaForbidden: {
    nl: (p) => `niet toegestaan in een formule: ${p.what}`,
    en: (p) => `not allowed in a formula: ${p.what}`,
  },
  formulaNotFinite: {
    nl: (p) => `formule geeft geen eindig getal (${p.value})`,
    en: (p) => `formula does not give a finite number (${p.value})`,
  },
  cycle: {
    nl: (p) => `parameters verwijzen in een kring naar elkaar: ${p.cycle}`,
    en: (p) => `parameters refer to each other in a cycle: ${p.cycle}`,
  },
  unitUnknown: {
    nl: (p) => `eenheid "${p.unit}" is niet te lezen`,
    en: (p) => `unit "${p.unit}" cannot be read`,
  },
  unitMismatch: {
    nl: (p) => `eenheden passen niet: de formule geeft ${p.got}, verwacht ${p.expected}`,
    en: (p) => `units do not fit: the formula gives ${p.got}, expected ${p.expected}`,
  },
  unitAdd: {
    nl: (p) => `optellen of vergelijken van verschillende eenheden: ${p.left} en ${p.right}`,
    en: (p) => `adding or comparing different units: ${p.left} and ${p.right}`,
  },
  unitProduct: {
    nl: (p) => `hoeveelheid x prijs geeft ${p.got}, verwacht een geldbedrag (EUR of EUR/jaar)`,
    en: (p) => `quantity x price gives ${p.got}, expected money (EUR or EUR/year)`,
  },
  yearOutOfRange: {
    nl: (p) => `jaar ${p.year} valt buiten de looptijd ${p.first}-${p.last}`,
    en: (p) => `year ${p.year} is outside the horizon ${p.first}-${p.last}`,
  },
  yearOrder: {
    nl: (p) => `beginjaar ${p.from} ligt na eindjaar ${p.to}`,
    en: (p) => `start year ${p.from} is after end year ${p.to}`,
  },
  notProvider: {
    nl: (p) => `partner "${p.name}" is geen aanbieder van domein "${p.domain}" en er is geen aanbieder opgegeven`,
    en: (p) => `partner "${p.name}" is not a provider of domain "${p.domain}" and no provider is given`,
  },
  noProvider: {
    nl: (p) => `productieverlies gevraagd, maar domein "${p.domain}" heeft geen aanbieders en het effect noemt er geen`,
    en: (p) => `production loss asked for, but domain "${p.domain}" has no providers and the effect names none`,
  },
  weightsZero: { nl: () => "de aandelen zijn allemaal 0", en: () => "the shares are all 0" },
  transferNeedsCounterparty: {
    nl: () => "een overdracht (zoals bijstand) heeft een tegenpartij nodig: wie ontvangt minder?",
    en: () => "a transfer (such as social assistance) needs a counterparty: who receives less?",
  },
  monetaryNeedsDomain: {
    nl: () => "een geldeffect heeft een domein nodig (waar de besparing landt) en een prijs",
    en: () => "a money effect needs a domain (where the saving lands) and a price",
  },
  nonMonetaryNeedsUnit: {
    nl: () => "een niet-geldelijk effect heeft een eenheid nodig (bijvoorbeeld QALY)",
    en: () => "a non-monetary effect needs a unit (for example QALY)",
  },
  amountMissing: {
    nl: () => "bedrag ontbreekt (of gebruik schedule.type: explicit met een bedrag per jaar)",
    en: () => "amount is missing (or use schedule.type: explicit with an amount per year)",
  },
  badDiscriminator: {
    nl: (p) => `onbekende ${p.key}: kies een van ${p.options}`,
    en: (p) => `unknown ${p.key}: choose one of ${p.options}`,
  },
  expectedOneOf: {
    nl: (p) => `verwacht ${typeNames(p.expected as string[], "nl")}`,
    en: (p) => `expected ${typeNames(p.expected as string[], "en")}`,
  },
  unknownInvestment: {
    nl: (p) => `onbekende investering "${p.name}"`,
    en: (p) => `unknown investment "${p.name}"`,
  },
  investmentUncovered: {
    nl: (p) => `geen regel bepaalt wie investering "${p.name}" (${p.label}) betaalt`,
    en: (p) => `no rule says who pays investment "${p.name}" (${p.label})`,
  },
  investmentCoveredTwice: {
    nl: (p) => `investering "${p.name}" wordt al gedekt door ${p.other}: zij zou twee keer betaald worden`,
    en: (p) => `investment "${p.name}" is already covered by ${p.other}: it would be paid twice`,
  },
  keyNegative: {
    nl: (p) => `verdeelsleutel geeft partner "${p.partner}" een negatief of ongeldig aandeel (${p.value})`,
    en: (p) => `allocation key gives partner "${p.partner}" a negative or invalid share (${p.value})`,
  },
  keySizeMissing: {
    nl: (p) => `partner "${p.partner}" heeft geen ${p.size} opgegeven`,
    en: (p) => `partner "${p.partner}" has no ${p.size} given`,
  },
  keyNoSizes: {
    nl: (p) => `geen enkele partner heeft ${p.size} opgegeven`,
    en: (p) => `no partner has ${p.size} given`,
  },
  keyOnlyNoWorseOff: {
    nl: () => "een sleutel hoort alleen bij target: no-worse-off",
    en: () => "a key belongs only with target: no-worse-off",
  },
  settlementNoBasis: {
    nl: (p) => `verevening (${p.target}): geen enkele deelnemer heeft kosten of investeringen om naar te verdelen`,
    en: (p) => `settlement (${p.target}): no participant has costs or investments to share by`,
  },
  settlementLast: {
    nl: () => "de verevening (settlement) moet de laatste stap zijn",
    en: () => "the settlement must be the last step",
  },
  reserveMaxMissing: {
    nl: () => "bij surplus.action: reserve hoort een maximum (reserveMax)",
    en: () => "surplus.action: reserve needs a maximum (reserveMax)",
  },
  statusQuoReserved: {
    nl: () => `id "status-quo" is voor de status quo (een regeling zonder stappen)`,
    en: () => `id "status-quo" is for the status quo (an arrangement with no steps)`,
  },
  unknownRef: {
    nl: (p) => `onbekende referentieprijs "${p.name}"${didYouMean(p, "nl")}`,
    en: (p) => `unknown reference price "${p.name}"${didYouMean(p, "en")}`,
  },
  valueAndRef: {
    nl: () => "geef een waarde of een referentieprijs (ref), niet allebei",
    en: () => "give a value or a reference price (ref), not both",
  },
  valueMissing: {
    nl: () => "waarde ontbreekt (value of ref)",
    en: () => "value is missing (value or ref)",
  },
  indexYearMissing: {
    nl: (p) => `geen prijsindex om "${p.ref}" van ${p.from} naar ${p.to} te brengen; voeg priceIndex toe met de jaren en een bron`,
    en: (p) => `no price index to bring "${p.ref}" from ${p.from} to ${p.to}; add priceIndex with those years and a source`,
  },
  discountPresetAndRates: {
    nl: () => "geef een discontovoet-preset (discount) of eigen voeten (discountRate, effectDiscountRate), niet allebei",
    en: () => "give a discount preset (discount) or your own rates (discountRate, effectDiscountRate), not both",
  },
  unknownEffect: {
    nl: (p) => `onbekend (geld)effect "${p.name}"`,
    en: (p) => `unknown (money) effect "${p.name}"`,
  },
  unknownPot: {
    nl: (p) => `geen pot "${p.name}" (bekend: ${p.known})`,
    en: (p) => `no pot "${p.name}" (known: ${p.known})`,
  },
  duplicateYear: {
    nl: (p) => `jaar ${p.year} staat er al (${p.other})`,
    en: (p) => `year ${p.year} is already there (${p.other})`,
  },
  yamlSyntax: { nl: (p) => `YAML is niet te lezen: ${p.detail}`, en: (p) => `YAML cannot be read: ${p.detail}` },
  jsonSyntax: { nl: (p) => `JSON is niet te lezen: ${p.detail}`, en: (p) => `JSON cannot be read: ${p.detail}` },
};

export function message(code: string, params: Params, lang: Lang): string {
  const t = texts[code];
  if (!t) return code;
  return t[lang](params);
}

const zodLocales = { nl: z.locales.nl(), en: z.locales.en() } as const;

/**
 * Error map for zod parsing: our own codes (carried as `params.code` on custom refinements)
 * get our wording; zod's built-in issues get zod's own Dutch or English locale.
 */
export function zodErrorMap(lang: Lang): z.core.$ZodErrorMap {
  return (iss) => {
    const params = (iss as { params?: Params }).params;
    if (iss.code === "custom" && params && typeof params.code === "string") return message(params.code, params, lang);
    const loc = zodLocales[lang].localeError as z.core.$ZodErrorMap;
    return loc(iss);
  };
}
