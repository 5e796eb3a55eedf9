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
  baseOutsideDistribution: {
    nl: (p) => `basiswaarde ${p.value} ligt buiten het bereik van de verdeling (${p.min} tot ${p.max})`,
    en: (p) => `base value ${p.value} lies outside the distribution's range (${p.min} to ${p.max})`,
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
    nl: (p) => `een trekking gaf geen eindig bedrag (${p.value}); een formule deelt bijvoorbeeld door nul bij een getrokken waarde`,
    en: (p) => `a sample gave no finite amount (${p.value}); a formula divides by zero at a sampled value, for example`,
  },
  notFiniteUncertain: {
    nl: (p) => `bij ${p.parameter} = ${p.input} (${p.at}) geeft een formule geen eindig getal`,
    en: (p) => `at ${p.parameter} = ${p.input} (${p.at}) a formula does not give a finite number`,
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
