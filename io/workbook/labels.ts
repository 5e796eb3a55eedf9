/**
 * Words of the workbook and the report, Dutch first: the explanation of each column (shown as a
 * comment on its header and in the Toelichting sheet), Dutch names the import also accepts for
 * the case sheets, and the names of the result sheets. The columns themselves come from the
 * schema (see `flatten.ts`); a column that has no explanation here simply has none.
 */
import type { Lang } from "../../engine/index.ts";
import { caseSchema, describe, isArray, schemaAt } from "./schemaShape.ts";

type Note = readonly [nl: string, en: string];

/** Columns the schema does not describe: the key column of a map's sheet and the whole-value column. */
const NOTES: Record<string, Note> = {
  "*.id": ["Korte, vaste naam: letters, cijfers, _ en -, beginnend met een letter (gebruikt in formules en verwijzingen)", "Short stable name: letters, digits, _ and -, starting with a letter (used in formulas and references)"],
  "*.*": ["De hele waarde in één cel (tekst, getal of JSON)", "The whole value in one cell (text, number or JSON)"],
  "sources.*": ["Eén bron per rij", "One source per row"],
  "arrangements.steps": ["Laat leeg: de stappen staan op het tabblad Stappen (Steps), één rij per stap. [] = een regeling zonder stappen (de status quo)", "Leave empty: the steps are on the Steps sheet (Stappen), one row per step. [] = an arrangement without steps (the status quo)"],
  "steps.arrangement": ["Id van de regeling (tabblad Regelingen) waar deze stap bij hoort; de stappen van een regeling gelden in de volgorde van de rijen", "Id of the arrangement (Arrangements sheet) this step belongs to; an arrangement's steps apply in row order"],
  "steps.type": ["Soort stap: decision-rules, pot, shared-savings, provider-transition, pre-financing, outcome-payments of settlement (laatste); vul de kolommen van die soort in (docs/arrangements.md)", "Kind of step: decision-rules, pot, shared-savings, provider-transition, pre-financing, outcome-payments or settlement (last); fill in that kind's columns (docs/arrangements.md)"],
  "steps.payer": ["Wie betaalt: één partner-id (of laat leeg en vul payer.key)", "Who pays: one partner id (or leave empty and fill in payer.key)"],
  "steps.payer.key": ["Betalers naar een sleutel: inhabitants, insured, income, budget, benefit, of vaste aandelen als 'gemeente: 1, zorgverzekeraar: 3' (andere sleutels als JSON)", "Payers by a key: inhabitants, insured, income, budget, benefit, or fixed shares as 'gemeente: 1, zorgverzekeraar: 3' (other keys as JSON)"],
  "steps.investor.key": ["Investeerders naar een sleutel, als bij payer.key", "Investors by a key, as for payer.key"],
  "steps.contributions.key": ["Inleg naar een sleutel: inhabitants, insured, income, budget, benefit, of 'gemeente: 1, zorgverzekeraar: 3' (andere sleutels als JSON)", "Contributions by a key: inhabitants, insured, income, budget, benefit, or 'gemeente: 1, zorgverzekeraar: 3' (other keys as JSON)"],
};

/** The schema of a column: the Case sheet's field, or a column of a list's element or a map's entry. */
function columnSchema(sheetKey: string, column: string) {
  const path = column === "*" ? [] : column.split(".");
  if (sheetKey === "case") return schemaAt(caseSchema(), path);
  // The Stappen sheet: a column of one step (io/workbook/steps.ts).
  if (sheetKey === "steps") return schemaAt(caseSchema(), ["arrangements", 0, "steps", 0, ...path]);
  const sheet = schemaAt(caseSchema(), [sheetKey]);
  return schemaAt(sheet, [isArray(sheet) ? 0 : "entry", ...path]);
}

/** A column's explanation: the field's description in the case's JSON Schema (engine/case/schema/docs.ts). */
export function columnNote(sheetKey: string, column: string, lang: Lang): string | undefined {
  const own = NOTES[`${sheetKey}.${column}`] ?? (column === "id" || column === "*" ? NOTES[`*.${column}`] : undefined);
  if (own) return own[lang === "nl" ? 0 : 1];
  if (column === "*") return undefined;
  return describe(columnSchema(sheetKey, column), lang);
}

/** A header comment: Dutch first, then English. */
export function bilingualNote(sheetKey: string, column: string): string | undefined {
  const nl = columnNote(sheetKey, column, "nl"), en = columnNote(sheetKey, column, "en");
  if (!nl && !en) return undefined;
  return nl === en ? nl : `${nl}\n\n${en}`;
}

/** The Case sheet: top-level scalar fields, one per row. */
export const CASE_SHEET = "Case";
export const CASE_SHEET_NAMES: Record<Lang, string> = { nl: "Casus", en: "Case" };
export const CASE_SHEET_ALIASES = ["case", "casus"];
export const CASE_COLUMNS = { field: ["field", "veld"], value: ["value", "waarde"] } as const;
export const CASE_HEADERS: Record<Lang, [string, string, string]> = { nl: ["veld", "waarde", "toelichting"], en: ["field", "value", "explanation"] };

/**
 * Dutch words for the case file's keys, in a Dutch workbook's sheet names, column headers and
 * Case-sheet fields (`schedule.type` -> `planning.soort`); the import reads both languages. JSON
 * cells (steps, keys, distributions) keep the case file's own keys: they are case-file text.
 */
export const NL_KEYS: Record<string, string> = {
  title: "titel", description: "beschrijving", currency: "valuta", priceYear: "prijspeil", startYear: "startjaar", horizon: "looptijd",
  discountRate: "discontovoet", effectDiscountRate: "discontovoetEffecten", discount: "discontering", priceIndex: "prijsindex", values: "waarden", source: "bron",
  name: "naam", kind: "soort", inhabitants: "inwoners", insured: "verzekerden", budget: "budget", note: "toelichting",
  funder: "financier", law: "wet", providers: "aanbieders", variableCostShare: "variabelKostenDeel",
  value: "waarde", ref: "referentie", unit: "eenheid", label: "omschrijving", assumption: "aanname", distribution: "verdeling",
  bearer: "betaler", domain: "domein", category: "categorie", amount: "bedrag", schedule: "planning", type: "type", year: "jaar", from: "van", to: "tot", amounts: "bedragen",
  indexation: "indexatie", tags: "labels", quantity: "hoeveelheid", unitPrice: "prijsPerEenheid", period: "periode", rampUpYears: "ingroeiJaren",
  dropOff: "uitdoving", rate: "tempo", deadweight: "deadweight", attribution: "attributie", displacement: "verplaatsing", optimismBias: "optimismeCorrectie",
  cashable: "kasbaar", production: "productie", transfer: "overdracht", counterparty: "tegenpartij", steps: "stappen",
  investments: "investeringen", effects: "effecten", contributions: "inleg", direction: "richting", tolerance: "marge", targets: "doelen", actuals: "metingen",
  simulation: "simulatie", samples: "trekkingen", seed: "startgetal", lhs: "lhs", parameters: "parameters", matrix: "matrix", rank: "rangcorrelatie",
  income: "inkomsten", budgetLimits: "budgetgrenzen", profile: "profiel",
  // The Stappen sheet (arrangements' steps, one row per step).
  arrangement: "regeling", rules: "regels", pays: "betaalt", categories: "categorieen", domains: "domeinen", bearers: "betalers", labelContains: "omschrijvingBevat",
  key: "sleutel", surplus: "overschot", action: "actie", deficit: "tekort", order: "volgorde", caps: "plafonds", riskBearer: "risicodrager",
  initialReserve: "beginreserve", basis: "grondslag", threshold: "drempel", share: "aandeel", of: "basisbedrag", cap: "plafond", perYear: "perJaar", total: "totaal",
  lossSharing: "verliesdeling", provider: "aanbieder", payer: "betaalpartij", compensation: "vergoeding", shareOfLostMargin: "deelGederfdeMarge", target: "doel",
  investor: "investeerder", recipient: "ontvanger", outcomes: "resultaten", lag: "vertraging", gate: "poort", missing: "ontbreekt",
};
const EN_KEYS = new Map(Object.entries(NL_KEYS).map(([en, nl]) => [nl.toLowerCase(), en]));

/** Dutch words for the schema's choices (drop-down values); the import reads both languages. */
export const NL_VALUES: Record<string, string> = {
  municipality: "gemeente", insurer: "zorgverzekeraar", "care-office": "zorgkantoor", provider: "aanbieder", "housing-association": "woningcorporatie",
  "employment-agency": "uitkeringsinstantie", "police-justice": "politie-justitie", resident: "inwoners", other: "overig",
  capital: "kapitaal", revenue: "exploitatie", "in-kind": "in-natura",
  once: "eenmalig", recurring: "jaarlijks", explicit: "per-jaar",
  saving: "besparing", outcome: "uitkomst",
  "higher-is-better": "hoger-is-beter", "lower-is-better": "lager-is-beter",
  investor: "investeerder",
  // Step types and their choices (the Stappen sheet).
  "decision-rules": "afwegingskader", "shared-savings": "gedeelde-besparingen", "provider-transition": "transitievergoeding", "pre-financing": "voorfinanciering",
  "outcome-payments": "resultaatbetalingen", settlement: "verevening", return: "teruggeven", "carry-forward": "doorschuiven",
  cashable: "verzilverbaar", all: "alle", pass: "gehaald", fail: "niet-gehaald",
  "proportional-to-investment": "naar-investering", "equal-roi": "gelijke-roi", "no-worse-off": "niemand-slechter",
};
const EN_VALUES = new Map(Object.entries(NL_VALUES).map(([en, nl]) => [nl, en]));

/** A column or Case-sheet field (a dot path of case-file keys) as a header in `lang`. */
export function columnLabel(column: string, lang: Lang): string {
  return lang === "en" ? column : column.split(".").map((k) => NL_KEYS[k] ?? k).join(".");
}

/** A header or field name as written (Dutch or English) -> the case file's dot path. */
export function columnFromLabel(label: string): string {
  return label.split(".").map((k) => EN_KEYS.get(k.toLowerCase()) ?? k).join(".");
}

/** A choice in `lang` (`once` -> `eenmalig`). */
export const choiceLabel = (value: string, lang: Lang) => (lang === "nl" ? NL_VALUES[value] ?? value : value);

/** A choice as typed (Dutch or English) -> the case file's value, when it is one of `choices`. */
export function choiceFromLabel(value: string, choices: readonly string[]): string | undefined {
  if (choices.includes(value)) return value;
  const en = EN_VALUES.get(value.trim().toLowerCase());
  return en !== undefined && choices.includes(en) ? en : undefined;
}

/** Dutch names the import accepts for the case sheets (the English names are the case file's keys). */
export const SHEET_ALIASES: Record<string, string> = {
  domeinen: "domains", investeringen: "investments", effecten: "effects", regelingen: "arrangements",
  realisatie: "actuals", indicatoren: "indicators", bronnen: "sources", stappen: "steps", correlaties: "correlations", "scenario's": "scenarios", scenarios: "scenarios",
};
const NL_SHEETS: Record<string, string> = Object.fromEntries(Object.entries(SHEET_ALIASES).filter(([nl]) => nl !== "scenarios").map(([nl, en]) => [en, nl.charAt(0).toUpperCase() + nl.slice(1)]));

/** Sheet name for a case key: `partners` -> `Partners`; in Dutch `investments` -> `Investeringen`. */
export const sheetNameOf = (key: string, lang: Lang = "en") => (lang === "nl" && NL_SHEETS[key]) || key.charAt(0).toUpperCase() + key.slice(1);

export const RESULT_SHEETS = {
  nl: { summary: "Samenvatting", yearly: "Per jaar", ledger: "Grootboek", transfers: "Overdrachten", pots: "Pot per jaar", wrongPocket: "Wrong pocket", outcomes: "Niet-geldelijk", provenance: "Herkomst", readme: "Toelichting" },
  en: { summary: "Summary", yearly: "Yearly", ledger: "Ledger", transfers: "Transfers", pots: "Pots by year", wrongPocket: "Wrong pocket", outcomes: "Non-monetary", provenance: "Provenance", readme: "Explanation" },
} as const;

/** Sheets the import skips: the results and the explanation, in either language. */
export const IGNORED_SHEETS = new Set(Object.values(RESULT_SHEETS).flatMap((s) => Object.values(s)).map((n) => n.toLowerCase()));

/** Ledger kinds in the result sheets. */
export const LEDGER_KINDS: Record<Lang, Record<string, string>> = {
  nl: { investment: "investering", saving: "besparing", "revenue-loss": "omzetverlies", "variable-cost-saving": "bespaarde variabele kosten", transfer: "overdracht" },
  en: { investment: "investment", saving: "saving", "revenue-loss": "revenue loss", "variable-cost-saving": "variable cost saved", transfer: "transfer" },
};

/** Why a transfer happens (the engine's reason codes) in the result sheets. */
export const REASONS: Record<Lang, Record<string, string>> = {
  nl: { contribution: "inleg", "pot-pays": "pot betaalt", "surplus-returned": "overschot terug", "deficit-covered": "tekort gedekt", "risk-bearer": "risicodrager", "cover-investment": "investering gedekt", "loss-sharing": "verlies gedeeld", "provider-transition": "transitievergoeding", settlement: "verevening", "shared-savings": "gedeelde besparing", "pre-financing": "voorfinanciering", "outcome-payment": "resultaatbetaling" },
  en: { contribution: "contribution", "pot-pays": "pot pays", "surplus-returned": "surplus returned", "deficit-covered": "deficit covered", "risk-bearer": "risk bearer", "cover-investment": "investment covered", "loss-sharing": "loss sharing", "provider-transition": "provider transition", settlement: "settlement", "shared-savings": "shared savings", "pre-financing": "pre-financing", "outcome-payment": "outcome payment" },
};

/** Partner kinds and IRR statuses in the result sheets. */
export const PARTNER_KINDS: Record<Lang, Record<string, string>> = {
  nl: { municipality: "gemeente", insurer: "zorgverzekeraar", "care-office": "zorgkantoor", provider: "aanbieder", "housing-association": "woningcorporatie", "employment-agency": "uitkeringsinstantie", "police-justice": "politie en justitie", resident: "inwoners", investor: "investeerder", other: "overig" },
  en: { municipality: "municipality", insurer: "insurer", "care-office": "care office", provider: "provider", "housing-association": "housing association", "employment-agency": "employment agency", "police-justice": "police and justice", resident: "residents", investor: "investor", other: "other" },
};
export const IRR_STATUSES: Record<Lang, Record<string, string>> = {
  nl: { ok: "ok", "no-sign-change": "geen tekenwisseling", "none-in-range": "geen in het bereik", multiple: "meerdere" },
  en: { ok: "ok", "no-sign-change": "no sign change", "none-in-range": "none in range", multiple: "multiple" },
};
