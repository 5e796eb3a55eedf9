/**
 * Every user-facing text of the engine's validation, Dutch first with English available.
 * Logic emits codes and parameters (see `issues.ts`); wording lives only here.
 */
import { z } from "zod";
import { objectFields } from "../case/schema/introspect.ts";

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

/** A whole number with thousands separators (no engine import: messages sit below money/format.ts). */
const num = (v: unknown, lang: Lang) => (typeof v === "number" && Number.isSafeInteger(v) ? String(Math.abs(v)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "nl" ? "." : ",").replace(/^/, v < 0 ? "-" : "") : String(v));
/** Any number in three significant digits (1.23e+300), so an overflowing value is readable; no number in words. */
const big = (v: unknown, lang: Lang) => {
  if (typeof v !== "number") return String(v);
  if (Number.isNaN(v)) return lang === "nl" ? "geen getal" : "not a number";
  if (!Number.isFinite(v)) return `${v < 0 ? "-" : ""}${lang === "nl" ? "oneindig" : "infinity"}`;
  return Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toPrecision(3) : String(Number(v.toPrecision(6)));
};
const euros = (v: unknown, lang: Lang) => (typeof v === "number" && Number.isFinite(v) ? `EUR ${Math.abs(v) < 1e15 ? num(Math.round(v), lang) : big(v, lang)}` : big(v, lang));
/** What overflowed or what there is too much of, in words. */
const WHAT: Record<string, [string, string]> = {
  investment: ["het investeringsbedrag", "the investment amount"], saving: ["de besparing (hoeveelheid x prijs x factoren)", "the saving (quantity x price x factors)"],
  actual: ["het gerealiseerde bedrag", "the actual amount"], outcomeValue: ["de waarde van het effect (hoeveelheid x prijs)", "the effect's value (quantity x price)"],
  discounted: ["het contant gemaakte bedrag", "the discounted amount"], arrangement: ["het bedrag van de regeling", "the arrangement's amount"],
  transfer: ["de overdracht", "the transfer"], contribution: ["de inleg", "the contribution"], line: ["het bedrag van deze post", "the amount of this line"],
  total: ["het totaal", "the total"],
  partners: ["partners", "partners"], domains: ["domeinen", "domains"], lines: ["investeringen en effecten", "investments and effects"],
  parameters: ["parameters", "parameters"], uncertain: ["parameters met een verdeling", "parameters with a distribution"],
  arrangements: ["regelingen", "arrangements"], steps: ["stappen in deze regeling", "steps in this arrangement"], elements: ["elementen in deze lijst", "entries in this list"],
};
const words = (what: unknown, lang: Lang) => (Object.hasOwn(WHAT, String(what)) ? WHAT[String(what)]![lang === "nl" ? 0 : 1] : String(what));

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
  formulaEmpty: {
    nl: () => "de formule is leeg (alleen spaties of commentaar): geef een getal of een formule",
    en: () => "the formula is empty (only spaces or a comment): give a number or a formula",
  },
  formulaForbidden: {
    nl: (p) => `niet toegestaan in een formule: ${p.what}`,
    en: (p) => `not allowed in a formula: ${p.what}`,
  },
  formulaNotFinite: {
    nl: (p) => `formule geeft geen eindig getal (${big(p.value, "nl")})`,
    en: (p) => `formula does not give a finite number (${big(p.value, "en")})`,
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
  partnerTwiceInList: {
    nl: (p) => `partner "${p.name}" staat al op plaats ${p.first} van deze lijst: noem elke partner één keer, met zijn hele aandeel`,
    en: (p) => `partner "${p.name}" is already at place ${p.first} of this list: list each partner once, with its whole share`,
  },
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
  textExpected: {
    nl: () => "verwacht een tekst, of de tekst in beide talen: {nl: ..., en: ...}",
    en: () => "expected a text, or the text in both languages: {nl: ..., en: ...}",
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
    nl: (p) => `verdeelsleutel geeft partner "${p.partner}" een negatief of ongeldig aandeel (${big(p.value, "nl")})`,
    en: (p) => `allocation key gives partner "${p.partner}" a negative or invalid share (${big(p.value, "en")})`,
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
  // Outcome payments, domain funders by a key, price index, budget limits (issue 14).
  unknownIndicator: {
    nl: (p) => `onbekende indicator "${p.name}" (bekend: ${p.known})`,
    en: (p) => `unknown indicator "${p.name}" (known: ${p.known})`,
  },
  outcomeEffectOrIndicator: {
    nl: () => "een resultaat noemt precies één van effect en indicator",
    en: () => "an outcome names exactly one of effect and indicator",
  },
  baselineOnlyIndicator: {
    nl: () => "een basiswaarde (baseline) hoort bij een indicator, niet bij een effect",
    en: () => "a baseline belongs with an indicator, not with an effect",
  },
  funderKeyNotStatic: {
    nl: (p) => `de financiers van een domein verdelen met een vaste sleutel (inhabitants, insured, income, budget, fixed, usage of een mengsel daarvan), niet met "${p.type}"`,
    en: (p) => `a domain's funders are split by a fixed key (inhabitants, insured, income, budget, fixed, usage or a blend of these), not by "${p.type}"`,
  },
  funderKeyUncertain: {
    nl: (p) => `de aandelen van de financiers mogen geen onzekere parameter gebruiken (${p.names}): de Monte Carlo-berekening verdeelt besparingen met vaste aandelen`,
    en: (p) => `funder shares may not use an uncertain parameter (${p.names}): the Monte Carlo run splits savings by fixed shares`,
  },
  profileWithRampUp: {
    nl: () => "een expliciet profiel (profile) geeft de factor per jaar zelf: laat rampUpYears en dropOff weg",
    en: () => "an explicit profile gives each year's factor itself: leave out rampUpYears and dropOff",
  },
  priceIndexMismatch: {
    nl: (p) => `de prijsindex van de case past niet op de meegeleverde CBS-reeks: na herschalen op ${p.base} geeft ${p.year} ${p.got} waar de reeks ${p.expected} heeft (meer dan ${p.tolerance} verschil); gebruik een reeks met hetzelfde basisjaar of laat jaren weg die de engine al heeft`,
    en: (p) => `the case's price index does not fit the shipped CBS series: rebased on ${p.base}, ${p.year} gives ${p.got} where the series has ${p.expected} (more than ${p.tolerance} apart); use a series with the same base year or leave out the years the engine ships`,
  },
  priceIndexNoLink: {
    nl: (p) => `geen prijsindex om "${p.ref}" van ${p.from} naar ${p.to} te brengen: de jaren staan in verschillende reeksen zonder gemeenschappelijk jaar; geef in priceIndex ook een jaar dat de meegeleverde reeks heeft (${p.shipped})`,
    en: (p) => `no price index to bring "${p.ref}" from ${p.from} to ${p.to}: the years are in different series with no year in common; give priceIndex a year the shipped series has too (${p.shipped})`,
  },
  duplicateYear: {
    nl: (p) => `jaar ${p.year} staat er al (${p.other})`,
    en: (p) => `year ${p.year} is already there (${p.other})`,
  },
  // Uncertainty (engine/simulate): distributions, correlations, scenarios, Monte Carlo.
  // A range open on one side (a lognormal reaches from 0 up) in words, never "Infinity".
  baseOutsideDistribution: {
    nl: (p) => `basiswaarde ${p.value} ligt buiten het bereik van de verdeling (${openRange(p.min, p.max, "nl")})`,
    en: (p) => `base value ${p.value} lies outside the distribution's range (${openRange(p.min, p.max, "en")})`,
  },
  correlationNeedsDistribution: {
    nl: (p) => `parameter "${p.name}" heeft geen verdeling (distribution), dus er valt niets te correleren`,
    en: (p) => `parameter "${p.name}" has no distribution, so there is nothing to correlate`,
  },
  correlationSelf: { nl: (p) => `"${p.name}" is met zichzelf gecorreleerd`, en: (p) => `"${p.name}" is correlated with itself` },
  correlationDuplicate: {
    nl: (p) => `de correlatie tussen "${p.a}" en "${p.b}" staat er al (${p.other})`,
    en: (p) => `the correlation between "${p.a}" and "${p.b}" is already given (${p.other})`,
  },
  correlationSize: {
    nl: (p) => `de matrix heeft ${p.rows} rijen maar er zijn ${p.parameters} parameters genoemd`,
    en: (p) => `the matrix has ${p.rows} rows but ${p.parameters} parameters are named`,
  },
  scenarioNeedsDistribution: {
    nl: (p) => `${p.value} vraagt om een verdeling, maar parameter "${p.name}" heeft er geen`,
    en: (p) => `${p.value} needs a distribution, but parameter "${p.name}" has none`,
  },
  fractionUncertain: {
    nl: (p) => `komt buiten 0..1 (${p.value}) als ${p.parameter} = ${p.input} (${p.at} van de verdeling); kies een smallere verdeling of een beta`,
    en: (p) => `leaves 0..1 (${p.value}) when ${p.parameter} = ${p.input} (${p.at} of the distribution); choose a narrower distribution or a beta`,
  },
  fractionSampled: { nl: (p) => `een trekking gaf een aandeel buiten 0..1 (${p.value})`, en: (p) => `a sample gave a fraction outside 0..1 (${p.value})` },
  notFiniteSampled: {
    nl: (p) => `een trekking gaf geen eindig bedrag (${big(p.value, "nl")}); een formule deelt bijvoorbeeld door nul bij een getrokken waarde`,
    en: (p) => `a sample gave no finite amount (${big(p.value, "en")}); a formula divides by zero at a sampled value, for example`,
  },
  notFiniteUncertain: {
    nl: (p) => `bij ${p.parameter} = ${big(p.input, "nl")} (${p.at}) geeft een formule geen eindig getal`,
    en: (p) => `at ${p.parameter} = ${big(p.input, "en")} (${p.at}) a formula does not give a finite number`,
  },
  // A point of the sensitivity analysis (tornado, switching values, scenarios) where the case cannot be evaluated.
  pointNotEvaluable: {
    nl: (p) => `bij ${(p.at as [string, number][]).map(([k, v]) => `${k} = ${big(v, "nl")}`).join(", ") || "de basiswaarden"} (gevoeligheidsanalyse)${p.code === "notFiniteSampled" ? ` geeft een formule geen eindig bedrag (${big((p.params as Params).value, "nl")}); deelt ze door nul bij deze waarde? Kies een verdeling die daar niet komt` : `: ${message(p.code as string, p.params as Params, "nl")}`}`,
    en: (p) => `at ${(p.at as [string, number][]).map(([k, v]) => `${k} = ${big(v, "en")}`).join(", ") || "the base values"} (sensitivity analysis)${p.code === "notFiniteSampled" ? ` a formula gives no finite amount (${big((p.params as Params).value, "en")}); does it divide by zero at this value? Choose a distribution that does not go there` : `: ${message(p.code as string, p.params as Params, "en")}`}`,
  },
  uncertaintyProblem: { nl: (p) => `${p.detail}`, en: (p) => `${p.detail}` },
  distNotFinite: { nl: (p) => `${p.field} moet een eindig getal zijn`, en: (p) => `${p.field} must be a finite number` },
  distSdPositive: {
    nl: (p) => `${p.field} moet groter dan 0 zijn (gebruik type "point" voor een vaste waarde)`,
    en: (p) => `${p.field} must be greater than 0 (use type "point" for a fixed value)`,
  },
  distLognormalPositive: {
    nl: (p) => `${p.field} moet groter dan 0 zijn (een lognormale grootheid is positief)`,
    en: (p) => `${p.field} must be greater than 0 (a lognormal variable is positive)`,
  },
  distPositive: { nl: (p) => `${p.field} moet groter dan 0 zijn`, en: (p) => `${p.field} must be greater than 0` },
  distMinMax: { nl: (p) => `min (${p.min}) mag niet groter zijn dan max (${p.max})`, en: (p) => `min (${p.min}) must not be greater than max (${p.max})` },
  distMode: {
    nl: (p) => `mode (${p.mode}) moet tussen min (${p.min}) en max (${p.max}) liggen`,
    en: (p) => `mode (${p.mode}) must lie between min (${p.min}) and max (${p.max})`,
  },
  distPairBoth: {
    nl: (p) => `${p.kind}: geef {${p.a}, ${p.b}} of {${p.c}, ${p.d}}, niet allebei`,
    en: (p) => `${p.kind}: give {${p.a}, ${p.b}} or {${p.c}, ${p.d}}, not both`,
  },
  distPairNone: {
    nl: (p) => `${p.kind} heeft {${p.a}, ${p.b}} of {${p.c}, ${p.d}} nodig`,
    en: (p) => `${p.kind} needs {${p.a}, ${p.b}} or {${p.c}, ${p.d}}`,
  },
  distPairIncomplete: { nl: (p) => `${p.field} hoort bij ${p.other} en ontbreekt`, en: (p) => `${p.field} is required together with ${p.other}` },
  distP95: { nl: (p) => `p95 (${p.p95}) moet groter zijn dan p5 (${p.p5})`, en: (p) => `p95 (${p.p95}) must be greater than p5 (${p.p5})` },
  distRange: { nl: (p) => `max moet groter zijn dan min; het bereik is ${p.range} (standaard 0 en 1)`, en: (p) => `max must be greater than min; the range is ${p.range} (0 and 1 are the defaults)` },
  distMeanRange: {
    nl: (p) => `mean (${p.mean}) moet strikt tussen min (${p.min}) en max (${p.max}) liggen`,
    en: (p) => `mean (${p.mean}) must lie strictly between min (${p.min}) and max (${p.max})`,
  },
  distBetaSd: {
    nl: (p) => `sd (${p.sd}) is onmogelijk voor een beta met gemiddelde ${p.mean} op [${p.min}, ${p.max}]: hij moet kleiner zijn dan ${p.limit}`,
    en: (p) => `sd (${p.sd}) is impossible for a beta with mean ${p.mean} on [${p.min}, ${p.max}]: it must be below ${p.limit}`,
  },
  distValuesEmpty: { nl: () => "values mag niet leeg zijn", en: () => "values must not be empty" },
  distWeightNegative: { nl: () => "een gewicht mag niet negatief zijn", en: () => "a weight must not be negative" },
  distWeightsLength: {
    nl: (p) => `weights heeft ${p.weights} getallen en values ${p.values}; ze horen één op één bij elkaar`,
    en: (p) => `weights has ${p.weights} entries but values has ${p.values}; they must match one to one`,
  },
  distWeightsZero: { nl: () => "de gewichten zijn allemaal 0", en: () => "the weights are all 0" },
  distWeightsOverflow: { nl: () => "de gewichten zijn te groot: hun som loopt over", en: () => "the weights are too large: their sum overflows" },
  distType: { nl: (p) => `type moet een van deze zijn: ${p.types}`, en: (p) => `type must be one of: ${p.types}` },
  distObject: { nl: () => `een verdeling is een object met een veld "type"`, en: () => `a distribution must be an object with a "type" field` },
  distUnknownField: { nl: (p) => `onbekend veld "${p.field}"`, en: (p) => `unknown field "${p.field}"` },
  corrNotMatrix: { nl: () => "moet een vierkante matrix zijn: een lijst van rijen getallen", en: () => "must be a square matrix: a list of rows of numbers" },
  corrEntry: { nl: () => "moet een eindig getal zijn", en: () => "must be a finite number" },
  corrRow: { nl: (p) => `moet een rij van ${p.n} getallen zijn`, en: (p) => `must be a row of ${p.n} numbers` },
  corrSquare: {
    nl: (p) => `heeft ${p.entries} getallen maar de matrix heeft ${p.rows} rijen; hij moet vierkant zijn`,
    en: (p) => `has ${p.entries} entries but the matrix has ${p.rows} rows; it must be square`,
  },
  corrRange: { nl: (p) => `${p.value} ligt buiten [-1, 1]`, en: (p) => `${p.value} is outside [-1, 1]` },
  corrDiagonal: { nl: (p) => `op de diagonaal hoort 1, niet ${p.value}`, en: (p) => `diagonal entries must be 1, got ${p.value}` },
  corrSymmetric: {
    nl: (p) => `${p.value} verschilt van ${p.other} = ${p.otherValue}; de matrix moet symmetrisch zijn`,
    en: (p) => `${p.value} differs from ${p.other} = ${p.otherValue}; the matrix must be symmetric`,
  },
  corrNotPsd: {
    nl: () => "geen geldige correlatiematrix (niet positief semidefiniet): geen enkele set grootheden kan al deze correlaties tegelijk hebben; zwak de sterkste af",
    en: () => "not a valid correlation matrix (not positive semi-definite): no set of variables can have all these correlations at once; weaken the strongest ones",
  },
  // Decision analysis (engine/decision): negotiations and value of information.
  unknownArrangement: {
    nl: (p) => `onbekende regeling "${p.name}"${didYouMean(p, "nl")} (bekend: ${p.known})`,
    en: (p) => `unknown arrangement "${p.name}"${didYouMean(p, "en")} (known: ${p.known})`,
  },
  negotiationNoSteps: {
    nl: (p) => `regeling "${p.name}" heeft geen stappen, dus er valt niets over te onderhandelen; kies een regeling met stappen`,
    en: (p) => `arrangement "${p.name}" has no steps, so there is nothing to negotiate; choose an arrangement with steps`,
  },
  leverTarget: {
    nl: () => "een onderhandelbare term noemt een parameter (parameter) of een getal in de regeling (path), precies één van beide",
    en: () => "a negotiable term names a parameter (parameter) or a number in the arrangement (path), exactly one of them",
  },
  leverRange: { nl: (p) => `max (${p.max}) moet groter zijn dan min (${p.min})`, en: (p) => `max (${p.max}) must be greater than min (${p.min})` },
  leverTwice: { nl: (p) => `deze term staat er al (${p.other})`, en: (p) => `this term is already listed (${p.other})` },
  leverHasDistribution: {
    nl: (p) => `parameter "${p.name}" heeft een verdeling; een onderhandelbare term ligt vast zodra er een afspraak is: haal de verdeling weg of kies een andere parameter`,
    en: (p) => `parameter "${p.name}" has a distribution; a negotiable term is fixed once there is a deal: remove the distribution or choose another parameter`,
  },
  leverChangesStatusQuo: {
    nl: (p) => `parameter "${p.name}" verandert ook de investeringen of effecten; een onderhandelbare term mag alleen de regeling veranderen (maak een aparte parameter voor de afspraak)`,
    en: (p) => `parameter "${p.name}" also changes the investments or effects; a negotiable term may change only the arrangement (give the term a parameter of its own)`,
  },
  leverPathMissing: {
    nl: (p) => `"${p.path}" bestaat niet in regeling "${p.arrangement}" (een pad zoals steps[0].rate)`,
    en: (p) => `"${p.path}" does not exist in arrangement "${p.arrangement}" (a path such as steps[0].rate)`,
  },
  leverPathNotNumber: {
    nl: (p) => `op dit pad staat geen getal maar ${p.found}; noem bij een formule de parameter die onderhandelbaar is (parameter: ...)`,
    en: (p) => `this path holds no number but ${p.found}; for a formula, name the parameter that is negotiable (parameter: ...)`,
  },
  leverPathNotFormula: {
    nl: (p) => `dit getal kan geen onderhandelbare term zijn (het veld neemt geen formule): ${p.detail}`,
    en: (p) => `this number cannot be a negotiable term (the field takes no formula): ${p.detail}`,
  },
  leverBoundInvalid: {
    nl: (p) => `met deze term op ${p.value} is de case niet geldig: ${p.detail}`,
    en: (p) => `with this term at ${p.value} the case is not valid: ${p.detail}`,
  },
  negotiationUnknown: {
    nl: (p) => `geen onderhandeling "${p.name}" in de case (bekend: ${p.known})`,
    en: (p) => `no negotiation "${p.name}" in the case (known: ${p.known})`,
  },
  negotiationNone: {
    nl: () => "de case heeft geen onderhandelingen (negotiations); voeg er een toe of geef --arrangement en --lever",
    en: () => "the case has no negotiations; add one or give --arrangement and --lever",
  },
  voiUnknownParameter: {
    nl: (p) => `groep "${p.group}": "${p.name}" is geen onzekere parameter (met een verdeling) (bekend: ${p.known})`,
    en: (p) => `group "${p.group}": "${p.name}" is not an uncertain parameter (with a distribution) (known: ${p.known})`,
  },
  voiEmptyGroup: { nl: (p) => `groep "${p.name}" noemt geen parameters`, en: (p) => `group "${p.name}" names no parameters` },
  voiUnknownPerspective: { nl: (p) => `onbekende regeling "${p.name}" (bekend: ${p.known})`, en: (p) => `unknown arrangement "${p.name}" (known: ${p.known})` },
  voiUnknownDecision: { nl: (p) => `onbekende beslissing "${p.name}" (bekend: ${p.known})`, en: (p) => `unknown decision "${p.name}" (known: ${p.known})` },
  // Limits (engine/case/limits.ts, docs/limits.md) and the bounds on money (engine/money/money.ts).
  required: { nl: () => "ontbreekt", en: () => "is missing" },
  fileTooLarge: {
    nl: (p) => `het bestand is groter dan ${num(p.limit, "nl")} bytes; een casus is veel kleiner (zie docs/limits.md)`,
    en: (p) => `the file is larger than ${num(p.limit, "en")} bytes; a case is far smaller (see docs/limits.md)`,
  },
  nestingTooDeep: {
    nl: (p) => `nest ${p.depth === undefined ? "" : `${p.depth} `}niveaus diep; een casus mag ${p.limit} niveaus diep nesten`,
    en: (p) => `nests ${p.depth === undefined ? "" : `${p.depth} `}levels deep; a case may nest ${p.limit} levels deep`,
  },
  tooManyValues: {
    nl: (p) => `de casus heeft meer dan ${num(p.limit, "nl")} waarden (getallen, teksten, lijsten)`,
    en: (p) => `the case has more than ${num(p.limit, "en")} values (numbers, texts, lists)`,
  },
  aliasLimit: {
    nl: (p) => `YAML-aliassen (*naam) worden meer dan ${num(p.limit, "nl")} keer uitgevouwen; schrijf de waarden uit of gebruik minder aliassen`,
    en: (p) => `YAML aliases (*name) expand more than ${num(p.limit, "en")} times; write the values out or use fewer aliases`,
  },
  tooManyElements: {
    nl: (p) => `${p.count} ${words(p.what, "nl")}; de grens is ${num(p.limit, "nl")}`,
    en: (p) => `${p.count} ${words(p.what, "en")}; the limit is ${num(p.limit, "en")}`,
  },
  nameTooLong: {
    nl: (p) => `naam van ${num(p.length, "nl")} tekens; een naam (id) heeft hoogstens ${p.limit} tekens`,
    en: (p) => `a name of ${num(p.length, "en")} characters; a name (id) has at most ${p.limit} characters`,
  },
  textTooLong: {
    nl: (p) => `${p.length === undefined ? "te lange tekst" : `tekst van ${num(p.length, "nl")} tekens`}; hier passen er hoogstens ${num(p.limit, "nl")}`,
    en: (p) => `${p.length === undefined ? "text too long" : `a text of ${num(p.length, "en")} characters`}; at most ${num(p.limit, "en")} fit here`,
  },
  reservedName: {
    nl: (p) => `"${p.name}" kan geen naam zijn: JavaScript gebruikt het voor zichzelf; kies een andere naam`,
    en: (p) => `"${p.name}" cannot be a name: JavaScript reserves it; choose another name`,
  },
  formulaTooLong: {
    nl: (p) => `formule van ${num(p.length, "nl")} tekens; een formule heeft hoogstens ${num(p.limit, "nl")} tekens (verdeel haar over parameters)`,
    en: (p) => `a formula of ${num(p.length, "en")} characters; a formula has at most ${num(p.limit, "en")} (split it over parameters)`,
  },
  formulaTooDeep: {
    nl: (p) => `formule nest ${p.depth === undefined ? "te" : `${p.depth} niveaus`} diep (haakjes, bewerkingen); hoogstens ${p.limit} (verdeel haar over parameters)`,
    en: (p) => `formula nests ${p.depth === undefined ? "too" : `${p.depth} levels`} deep (parentheses, operations); at most ${p.limit} (split it over parameters)`,
  },
  amountOverflow: {
    nl: (p) => `${words(p.what, "nl")}${p.year !== undefined ? ` in ${p.year}` : ""} komt op ${euros(p.value, "nl")}: meer dan de berekening exact in centen houdt (EUR 90 biljoen; zie docs/limits.md)`,
    en: (p) => `${words(p.what, "en")}${p.year !== undefined ? ` in ${p.year}` : ""} comes to ${euros(p.value, "en")}: more than the calculation keeps exact in cents (EUR 90 trillion; see docs/limits.md)`,
  },
  totalOverflow: {
    nl: (p) => `alle bedragen samen komen op meer dan EUR 90 biljoen (${euros(p.value, "nl")}); de grootste post staat hier (zie docs/limits.md)`,
    en: (p) => `all amounts together come to more than EUR 90 trillion (${euros(p.value, "en")}); the largest item is here (see docs/limits.md)`,
  },
  sampledTotalOverflow: {
    nl: (p) => `in een trekking komen de bedragen samen op ${euros(p.value, "nl")}: meer dan de berekening exact in centen houdt (EUR 90 biljoen); maak de verdelingen smaller`,
    en: (p) => `in a sample the amounts together come to ${euros(p.value, "en")}: more than the calculation keeps exact in cents (EUR 90 trillion); narrow the distributions`,
  },
  discountOverflow: {
    nl: (p) => `discontovoet ${p.rate} geeft na ${p.years} jaar een factor ${big(p.factor, "nl")}: contant gemaakte bedragen lopen over; kies een voet boven -50% of een kortere looptijd`,
    en: (p) => `discount rate ${p.rate} gives a factor ${big(p.factor, "en")} after ${p.years} years: discounted amounts overflow; choose a rate above -50% or a shorter horizon`,
  },
  indexationOverflow: {
    nl: (p) => `indexatie ${p.rate} geeft na ${p.years} jaar een factor ${big(p.factor, "nl")}: het bedrag loopt over`,
    en: (p) => `indexation ${p.rate} gives a factor ${big(p.factor, "en")} after ${p.years} years: the amount overflows`,
  },
  quantityOverflow: {
    nl: (p) => `hoeveelheid ${big(p.value, "nl")}${p.year !== undefined ? ` in ${p.year}` : ""} is groter dan ${big(p.limit, "nl")}: te groot om op te tellen`,
    en: (p) => `quantity ${big(p.value, "en")}${p.year !== undefined ? ` in ${p.year}` : ""} is larger than ${big(p.limit, "en")}: too large to add up`,
  },
  overflowUncertain: {
    nl: (p) => `bij ${p.parameter} = ${big(p.input, "nl")} (${p.at} van de verdeling): ${p.detail}`,
    en: (p) => `at ${p.parameter} = ${big(p.input, "en")} (${p.at} of the distribution): ${p.detail}`,
  },
  tooManyRows: {
    nl: (p) => `de casus geeft ${num(p.rows, "nl")} grootboekregels (posten x jaren x partners); de grens is ${num(p.limit, "nl")}`,
    en: (p) => `the case gives ${num(p.rows, "en")} ledger rows (lines x years x partners); the limit is ${num(p.limit, "en")}`,
  },
  yamlTooComplex: {
    nl: () => "YAML is niet te lezen: de lezer raakte verstrikt (vaak een verkeerde inspringing vroeg in een lange lijst); controleer de inspringing, of bewaar de case als JSON",
    en: () => "YAML cannot be read: the reader got lost (often a wrong indentation early in a long list); check the indentation, or save the case as JSON",
  },
  jsonTooComplex: {
    nl: () => "JSON is niet te lezen: de lezer raakte verstrikt (vaak een haakje of komma vroeg in een lange lijst); controleer de haakjes en komma's",
    en: () => "JSON cannot be read: the reader got lost (often a bracket or comma early in a long list); check the brackets and commas",
  },
  yamlSyntax: { nl: (p) => `YAML is niet te lezen: ${p.detail}`, en: (p) => `YAML cannot be read: ${p.detail}` },
  jsonSyntax: { nl: (p) => `JSON is niet te lezen: ${p.detail}`, en: (p) => `JSON cannot be read: ${p.detail}` },
};

/** A range whose ends may be infinite, in words: "0 or more", "10 or less", "any number", "5 to 30". */
function openRange(min: unknown, max: unknown, lang: Lang): string {
  const low = typeof min === "number" && Number.isFinite(min), high = typeof max === "number" && Number.isFinite(max);
  if (low && high) return lang === "nl" ? `${min} tot ${max}` : `${min} to ${max}`;
  if (low) return lang === "nl" ? `${min} of meer` : `${min} or more`;
  if (high) return lang === "nl" ? `${max} of minder` : `${max} or less`;
  return lang === "nl" ? "elk getal" : "any number";
}

export function message(code: string, params: Params, lang: Lang): string {
  const t = Object.hasOwn(texts, code) ? texts[code] : undefined;
  if (!t) return code;
  return t[lang](params);
}

/** A bad value as a message shows it: text quoted and cut at 60 characters, a list by its length, an object by its keys. */
export function echo(v: unknown, lang: Lang): string {
  if (v === undefined) return lang === "nl" ? "niets" : "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return lang === "nl" ? `een lijst van ${v.length}` : `a list of ${v.length}`;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    const shown = keys.slice(0, 6).join(", ") + (keys.length > 6 ? ", ..." : "");
    return keys.length === 0 ? "{}" : lang === "nl" ? `een object met ${shown}` : `an object with ${shown}`;
  }
  return typeof v;
}

/** The fields an object schema accepts (from zod's schema instance on the issue), or none. */
const objectKeys = objectFields;

const TYPE_WORDS: Record<string, [string, string]> = {
  number: ["een getal (zoals 0,5 of 250)", "a number (such as 0.5 or 250)"],
  int: ["een geheel getal (zoals 2026)", "a whole number (such as 2026)"],
  string: ["tekst", "text"],
  boolean: ["true of false", "true or false"],
  array: ["een lijst ([a, b])", "a list ([a, b])"],
  object: ["een object", "an object"],
  record: ["een object (naam: waarde)", "an object (name: value)"],
};

function expectedWords(expected: string, inst: unknown, lang: Lang): string {
  const i = lang === "nl" ? 0 : 1;
  const keys = expected === "object" ? objectKeys(inst) : [];
  if (keys.length > 0) return lang === "nl" ? `een object met de velden ${keys.join(", ")}` : `an object with the fields ${keys.join(", ")}`;
  return TYPE_WORDS[expected]?.[i] ?? expected;
}

/** Patterns of the case schema's text fields, by their regex source, and what they ask for. */
const FORMATS: Record<string, [string, string]> = {
  "^[A-Za-z_][A-Za-z0-9_-]*$": ["een id: letters, cijfers, _ en -, beginnend met een letter of _ (zoals gemeente_1)", "an id: letters, digits, _ and -, starting with a letter or _ (such as gemeente_1)"],
  "^\\d{4}$": ["een jaartal van vier cijfers (zoals 2026)", "a year of four digits (such as 2026)"],
  "^p(\\d{1,2}(\\.\\d+)?|100)$": ["een getal of een percentiel zoals p10 of p90", "a number or a percentile such as p10 or p90"],
};

type ZodIssueLike = { code: string; input?: unknown; inst?: unknown; expected?: string; values?: unknown[]; origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; pattern?: string; format?: string; keys?: string[]; divisor?: number; params?: Params };

const list = (xs: readonly unknown[]) => xs.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(", ");

texts.zodMissing = { nl: (p) => `ontbreekt: geef ${p.expected}`, en: (p) => `is missing: give ${p.expected}` };
texts.zodType = { nl: (p) => `moet ${p.expected} zijn, niet ${p.value}`, en: (p) => `must be ${p.expected}, not ${p.value}` };
texts.zodChoice = { nl: (p) => `${p.value} is geen geldige keuze; kies uit: ${p.options}`, en: (p) => `${p.value} is not a valid choice; choose one of: ${p.options}` };
texts.zodTooSmall = {
  nl: (p) => (p.origin === "string" ? `mag niet leeg zijn (${p.value})` : p.origin === "array" || p.origin === "set" ? `moet minstens ${p.minimum} element(en) hebben, niet ${p.value}` : `${p.value} is te klein: moet ${p.inclusive ? "minstens" : "groter dan"} ${p.minimum} zijn`),
  en: (p) => (p.origin === "string" ? `must not be empty (${p.value})` : p.origin === "array" || p.origin === "set" ? `must have at least ${p.minimum} element(s), not ${p.value}` : `${p.value} is too small: must be ${p.inclusive ? "at least" : "greater than"} ${p.minimum}`),
};
texts.zodTooBig = {
  nl: (p) => (p.origin === "string" ? `tekst te lang: hoogstens ${p.maximum} tekens` : p.origin === "array" || p.origin === "set" ? `hoogstens ${p.maximum} elementen, niet ${p.value}` : `${p.value} is te groot: moet ${p.inclusive ? "hoogstens" : "kleiner dan"} ${p.maximum} zijn`),
  en: (p) => (p.origin === "string" ? `text too long: at most ${p.maximum} characters` : p.origin === "array" || p.origin === "set" ? `at most ${p.maximum} elements, not ${p.value}` : `${p.value} is too large: must be ${p.inclusive ? "at most" : "less than"} ${p.maximum}`),
};
texts.zodFormat = { nl: (p) => `${p.value} heeft niet de goede vorm: verwacht ${p.expected}`, en: (p) => `${p.value} does not have the right form: expected ${p.expected}` };
texts.zodUnknownKeys = {
  nl: (p) => `onbekend veld ${p.keys}${p.allowed ? `; mogelijk: ${p.allowed}` : ""}`,
  en: (p) => `unknown field ${p.keys}${p.allowed ? `; allowed: ${p.allowed}` : ""}`,
};
texts.zodKey = { nl: (p) => `ongeldige naam ${p.value}: verwacht ${p.expected}`, en: (p) => `invalid name ${p.value}: expected ${p.expected}` };
texts.zodUnion = { nl: (p) => `${p.value} past op geen van de toegestane vormen`, en: (p) => `${p.value} fits none of the accepted forms` };
texts.zodMultipleOf = { nl: (p) => `${p.value} moet een veelvoud van ${p.divisor} zijn`, en: (p) => `${p.value} must be a multiple of ${p.divisor}` };
texts.zodInvalid = { nl: (p) => `ongeldige waarde ${p.value}`, en: (p) => `invalid value ${p.value}` };

/** The words of a zod issue, from this catalogue: what was given (echoed) and what is accepted. */
export function zodIssueMessage(iss: ZodIssueLike, lang: Lang): string {
  const value = echo(iss.input, lang);
  switch (iss.code) {
    case "invalid_type": {
      const expected = expectedWords(iss.expected ?? "?", iss.inst, lang);
      return iss.input === undefined ? message("zodMissing", { expected }, lang) : message("zodType", { expected, value }, lang);
    }
    case "invalid_value": return message("zodChoice", { value, options: list(iss.values ?? []) }, lang);
    case "too_small": return message("zodTooSmall", { value: iss.origin === "array" || iss.origin === "set" ? (Array.isArray(iss.input) ? iss.input.length : value) : value, origin: iss.origin, minimum: String(iss.minimum), inclusive: iss.inclusive }, lang);
    case "too_big": return message("zodTooBig", { value: iss.origin === "array" || iss.origin === "set" ? (Array.isArray(iss.input) ? iss.input.length : value) : value, origin: iss.origin, maximum: String(iss.maximum), inclusive: iss.inclusive }, lang);
    case "invalid_format": {
      const known = FORMATS[String(iss.pattern ?? "").replace(/^\/|\/[a-z]*$/g, "")];
      return message("zodFormat", { value, expected: known ? known[lang === "nl" ? 0 : 1] : `${iss.format ?? "?"} ${iss.pattern ?? ""}`.trim() }, lang);
    }
    case "unrecognized_keys": return message("zodUnknownKeys", { keys: (iss.keys ?? []).map((k) => JSON.stringify(k)).join(", "), allowed: objectKeys(iss.inst).join(", ") }, lang);
    case "invalid_key": {
      const inner = (iss as { issues?: ZodIssueLike[] }).issues?.find((x) => x.code === "invalid_format");
      const known = inner ? FORMATS[String(inner.pattern ?? "").replace(/^\/|\/[a-z]*$/g, "")] : undefined;
      return message("zodKey", { value, expected: known ? known[lang === "nl" ? 0 : 1] : lang === "nl" ? "een id of jaartal" : "an id or a year" }, lang);
    }
    case "invalid_union": return message("zodUnion", { value }, lang);
    case "not_multiple_of": return message("zodMultipleOf", { value, divisor: iss.divisor }, lang);
    default: return message("zodInvalid", { value }, lang);
  }
}

/**
 * Error map for zod parsing: our own codes (carried as `params.code` on custom refinements) and
 * every built-in issue get this catalogue's wording, which echoes the bad value and names what
 * is accepted; zod's own texts are never shown.
 */
export function zodErrorMap(lang: Lang): z.core.$ZodErrorMap {
  return (iss) => {
    const params = (iss as { params?: Params }).params;
    if (iss.code === "custom" && params && typeof params.code === "string") return message(params.code, { value: echo((iss as { input?: unknown }).input, lang), ...params }, lang);
    // Over a length limit (engine/case/limits.ts): the limit in our words.
    if (iss.code === "too_big" && (iss as { origin?: string }).origin === "string") {
      const input = (iss as { input?: unknown }).input;
      return message("textTooLong", { length: typeof input === "string" ? input.length : undefined, limit: (iss as { maximum?: unknown }).maximum }, lang);
    }
    return zodIssueMessage(iss as unknown as ZodIssueLike, lang);
  };
}
