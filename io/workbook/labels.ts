/**
 * Words of the workbook and the report, Dutch first: the explanation of each column (shown as a
 * comment on its header and in the Toelichting sheet), Dutch names the import also accepts for
 * the case sheets, and the names of the result sheets. The columns themselves come from the
 * schema (see `flatten.ts`); a column that has no explanation here simply has none.
 */
import type { Lang } from "../../engine/index.ts";

type Note = readonly [nl: string, en: string];

/** Explanations by `<sheet key>.<column>`; `*.<column>` applies to every sheet. */
const NOTES: Record<string, Note> = {
  "*.id": ["Korte, vaste naam: letters, cijfers, _ en -, beginnend met een letter (gebruikt in formules en verwijzingen)", "Short stable name: letters, digits, _ and -, starting with a letter (used in formulas and references)"],
  "*.label": ["Omschrijving voor mensen", "Description for people"],
  "*.name": ["Naam voor mensen", "Name for people"],
  "*.note": ["Toelichting (vrije tekst)", "Note (free text)"],
  "*.source": ["Bron van het getal (publicatie, jaar)", "Where the number comes from (publication, year)"],
  "*.assumption": ["TRUE = illustratieve aanname; rapporten markeren dit", "TRUE = an illustrative assumption; reports flag it"],
  "*.*": ["De hele waarde in één cel (tekst, getal of JSON)", "The whole value in one cell (text, number or JSON)"],
  "*.tags": ["Lijst van labels, als JSON: [\"a\", \"b\"]", "List of tags, as JSON: [\"a\", \"b\"]"],
  "case.id": ["Id van de casus", "Case id"],
  "case.title": ["Titel van de businesscase", "Title of the business case"],
  "case.description": ["Korte beschrijving", "Short description"],
  "case.currency": ["Valuta (alleen EUR)", "Currency (EUR only)"],
  "case.priceYear": ["Prijspeil: alle bedragen in euro's van dit jaar", "Price year: all amounts in euros of this year"],
  "case.startYear": ["Eerste jaar (t0, niet verdisconteerd)", "First year (t0, not discounted)"],
  "case.horizon": ["Aantal jaren", "Number of years"],
  "case.discountRate": ["Discontovoet, reëel (0,0225 = 2,25 %, MKBA)", "Real discount rate (0.0225 = 2.25 %, Dutch MKBA)"],
  "case.effectDiscountRate": ["Discontovoet voor niet-geldelijke effecten (QALY); standaard gelijk aan discountRate", "Discount rate for non-monetary outcomes (QALY); default: discountRate"],
  "case.discount": ["Voorinstelling in plaats van eigen discontovoeten: mkba of zin2024", "Preset instead of own rates: mkba or zin2024"],
  "case.priceIndex.values": ["Extra prijsindexcijfers per jaar, als JSON: {\"2018\": 100.0}", "Extra price-index values per year, as JSON: {\"2018\": 100.0}"],
  "case.priceIndex.source": ["Bron van de extra indexcijfers", "Source of the extra index values"],
  "partners.kind": ["Soort: municipality (gemeente), insurer (zorgverzekeraar), care-office (zorgkantoor), provider (aanbieder), housing-association, employment-agency, police-justice, resident (inwoners), other", "Kind of organisation"],
  "partners.inhabitants": ["Aantal inwoners (voor verdeelsleutels)", "Inhabitants (for allocation keys)"],
  "partners.insured": ["Aantal verzekerden (voor verdeelsleutels)", "Insured persons (for allocation keys)"],
  "partners.budget": ["Budget in euro (voor verdeelsleutels)", "Budget in euros (for allocation keys)"],
  "domains.funder": ["Wie betaalt uit dit domein: een partner-id, of als JSON [{\"partner\": \"zv1\", \"share\": 0.6}, ...]", "Who funds this domain: a partner id, or as JSON a list of {partner, share}"],
  "domains.law": ["Wet (Wmo, Jeugdwet, Zvw, ...)", "Law"],
  "domains.providers": ["Aanbieders die de volumes leveren, als JSON: [\"zh\"] of [{\"partner\": \"zh\", \"share\": 2}]", "Providers delivering the volumes, as JSON"],
  "domains.variableCostShare": ["Deel van de omzet dat variabele kosten is (0..1)", "Share of revenue that is variable cost (0..1)"],
  "parameters.value": ["Getal of formule (bijv. clients * 2)", "Number or formula (e.g. clients * 2)"],
  "parameters.ref": ["Id van een referentieprijs uit de engine (geïndexeerd naar het prijspeil)", "Id of a reference price shipped with the engine (indexed to the price year)"],
  "parameters.unit": ["Eenheid (person, EUR/visit, ...); formules worden op eenheden gecontroleerd", "Unit (person, EUR/visit, ...); formulas are unit-checked"],
  "parameters.distribution": ["Kansverdeling voor onzekerheidsanalyse, als JSON", "Probability distribution for uncertainty analysis, as JSON"],
  "investments.bearer": ["Partner die betaalt", "Partner who pays"],
  "investments.domain": ["Budget (domein) waaruit betaald wordt", "Budget (domain) it is paid from"],
  "investments.category": ["capital (investering), revenue (exploitatie) of in-kind (in natura)", "capital, revenue or in-kind"],
  "investments.amount": ["Bedrag per jaar van het schema (getal of formule, euro)", "Amount per year of the schedule (number or formula, euros)"],
  "investments.schedule.type": ["recurring (elk jaar), once (één jaar) of explicit (bedrag per jaar)", "recurring, once or explicit"],
  "investments.schedule.year": ["Bij once: het jaar", "For once: the year"],
  "investments.schedule.from": ["Bij recurring: eerste jaar (standaard: begin horizon)", "For recurring: first year (default: start)"],
  "investments.schedule.to": ["Bij recurring: laatste jaar (standaard: eind horizon)", "For recurring: last year (default: end)"],
  "investments.schedule.amounts": ["Bij explicit: bedrag per jaar, als JSON: {\"2025\": 50000, \"2026\": \"teamCost\"}", "For explicit: amount per year, as JSON"],
  "investments.indexation": ["Reële groei per jaar (0,01 = 1 %)", "Real growth per year (0.01 = 1 %)"],
  "effects.type": ["saving (besparing in euro) of outcome (niet-geldelijk, zoals QALY)", "saving (euros) or outcome (non-monetary, such as QALY)"],
  "effects.domain": ["Domein waar de besparing landt", "Domain where the saving lands"],
  "effects.quantity": ["Volume per jaar (getal of formule)", "Volume per year (number or formula)"],
  "effects.unitPrice": ["Prijs per eenheid (getal of formule); hoeveelheid x prijs = euro", "Price per unit; quantity x price must be euros"],
  "effects.unit": ["Eenheid van een outcome (QALY, ...)", "Unit of an outcome (QALY, ...)"],
  "effects.period.from": ["Eerste jaar van het effect", "First year of the effect"],
  "effects.period.to": ["Laatste jaar van het effect", "Last year of the effect"],
  "effects.rampUpYears": ["Ingroei in jaren (2 = 50 % in het eerste jaar)", "Ramp-up in years (2 = 50 % in the first year)"],
  "effects.dropOff.rate": ["Uitdoving per jaar (0..1)", "Drop-off per year (0..1)"],
  "effects.dropOff.from": ["Uitdoving vanaf dit jaar", "Drop-off from this year"],
  "effects.deadweight": ["Deel dat toch al was gebeurd (0..1)", "Share that would have happened anyway (0..1)"],
  "effects.attribution": ["Deel dat aan dit initiatief toe te schrijven is (0..1)", "Share due to this initiative (0..1)"],
  "effects.displacement": ["Deel dat verschuift in plaats van verdwijnt (0..1)", "Share moved elsewhere rather than removed (0..1)"],
  "effects.optimismBias": ["Correctie voor optimisme (0..1)", "Optimism-bias correction (0..1)"],
  "effects.cashable": ["FALSE = besparing die geen budget echt kan schrappen", "FALSE = a saving no budget can actually cut"],
  "effects.production": ["TRUE = aanbieders van het domein verliezen deze omzet", "TRUE = the domain's providers lose this revenue"],
  "effects.production.providers": ["Aanbieders (anders dan die van het domein), als JSON", "Providers (other than the domain's), as JSON"],
  "effects.production.variableCostShare": ["Variabele-kostendeel van de aanbieder (0..1)", "Provider's variable-cost share (0..1)"],
  "effects.transfer.counterparty": ["Bij een overdracht (bijstand): wie evenveel minder ontvangt", "For a transfer (social assistance): who receives that much less"],
  "arrangements.description": ["Toelichting op de regeling", "Description of the arrangement"],
  "arrangements.steps": ["Laat leeg: de stappen staan op het tabblad Steps (één rij per stap). [] = een regeling zonder stappen (de status quo)", "Leave empty: the steps are on the Steps sheet (one row per step). [] = an arrangement without steps (the status quo)"],
  "steps.arrangement": ["Id van de regeling (tabblad Arrangements) waar deze stap bij hoort; de stappen van een regeling gelden in de volgorde van de rijen", "Id of the arrangement (Arrangements sheet) this step belongs to; an arrangement's steps apply in row order"],
  "steps.type": ["Soort stap: decision-rules, pot, shared-savings, provider-transition, pre-financing, outcome-payments of settlement (laatste); vul de kolommen van die soort in (docs/arrangements.md)", "Kind of step: decision-rules, pot, shared-savings, provider-transition, pre-financing, outcome-payments or settlement (last); fill in that kind's columns (docs/arrangements.md)"],
  "steps.payer": ["Wie betaalt: één partner-id (of laat leeg en vul payer.key)", "Who pays: one partner id (or leave empty and fill in payer.key)"],
  "steps.payer.key": ["Betalers naar een sleutel: inhabitants, insured, income, budget, benefit, of vaste aandelen als 'gemeente: 1, zorgverzekeraar: 3'", "Payers by a key: inhabitants, insured, income, budget, benefit, or fixed shares as 'gemeente: 1, zorgverzekeraar: 3'"],
  "steps.contributions.key": ["Inleg naar een sleutel: inhabitants, insured, income, budget, benefit, of 'gemeente: 1, zorgverzekeraar: 3'", "Contributions by a key: inhabitants, insured, income, budget, benefit, or 'gemeente: 1, zorgverzekeraar: 3'"],
  "steps.rate": ["Deel van de besparing dat wordt doorgegeven (0..1)", "Share of the savings passed on (0..1)"],
  "steps.basis": ["Welke besparing telt: cashable (standaard: alleen verzilverbare) of all", "Which savings count: cashable (default: only cashable ones) or all"],
  "steps.recipient": ["Wie de resultaatbetalingen ontvangt (meestal de investeerder)", "Who receives the outcome payments (usually the investor)"],
  "steps.outcomes": ["Resultaten met hun prijs, bijvoorbeeld [{effect: valincidenten, price: 600}, {indicator: deelnemers, price: 250}]", "Outcomes with their price, for example [{effect: falls, price: 600}, {indicator: participants, price: 250}]"],
  "steps.lag": ["Jaren tussen resultaat en betaling (0 = hetzelfde jaar)", "Years between outcome and payment (0 = the same year)"],
  "steps.cap": ["Gedeelde besparingen: hoogstens dit bedrag per jaar (EUR)", "Shared savings: at most this amount a year (EUR)"],
  "steps.cap.perYear": ["Resultaatbetaling: hoogstens dit bedrag per jaar, alle betalers samen (EUR)", "Outcome payments: at most this a year, all payers together (EUR)"],
  "steps.cap.total": ["Resultaatbetaling: hoogstens dit bedrag in totaal (EUR)", "Outcome payments: at most this in total (EUR)"],
  "steps.gate.indicator": ["Kwaliteitspoort: een jaar wordt alleen betaald als deze indicator zijn doel haalt", "Quality gate: a year is paid only when this indicator meets its target"],
  "steps.investor": ["Voorfinanciering: de investeerder (partner-id)", "Pre-financing: the investor (partner id)"],
  "steps.deficit.riskBearer": ["Pot: de eindrisicodrager die het laatste deel van een tekort dekt", "Pot: the final risk bearer that covers the last part of a deficit"],
  "actuals.year": ["Jaar van de realisatie", "Year of the actual figures"],
  "actuals.investments": ["Werkelijke uitgaven per investering, als JSON: {\"team\": 175000}", "Actual spending per investment, as JSON"],
  "actuals.effects": ["Gerealiseerde effecten per effect, als JSON: {\"ligdagen\": {\"quantity\": 80}}", "Realised effects per effect, as JSON"],
  "actuals.contributions": ["Werkelijke inleg per regeling en partner, als JSON", "Actual contributions per arrangement and partner, as JSON"],
  "indicators.unit": ["Eenheid van de indicator", "Unit of the indicator"],
  "indicators.direction": ["higher-is-better of lower-is-better", "higher-is-better or lower-is-better"],
  "indicators.tolerance": ["Marge waarbinnen nog op koers (0,05 = 5 %)", "Margin still counted on track (0.05 = 5 %)"],
  "indicators.targets": ["Streefwaarden per jaar, als JSON: {\"2026\": 40}", "Targets per year, as JSON"],
  "indicators.actuals": ["Gemeten waarden per jaar, als JSON", "Measured values per year, as JSON"],
  "sources.*": ["Eén bron per rij", "One source per row"],
};

export function columnNote(sheetKey: string, column: string, lang: Lang): string | undefined {
  const n = NOTES[`${sheetKey}.${column}`] ?? NOTES[`*.${column}`] ?? NOTES[`*.${column.split(".").pop()}`];
  return n ? n[lang === "nl" ? 0 : 1] : undefined;
}

/** A header comment: Dutch first, then English. */
export function bilingualNote(sheetKey: string, column: string): string | undefined {
  const nl = columnNote(sheetKey, column, "nl"), en = columnNote(sheetKey, column, "en");
  if (!nl && !en) return undefined;
  return nl === en ? nl : `${nl}\n\n${en}`;
}

/** The Case sheet: top-level scalar fields, one per row. */
export const CASE_SHEET = "Case";
export const CASE_SHEET_ALIASES = ["case", "casus"];
export const CASE_COLUMNS = { field: ["field", "veld"], value: ["value", "waarde"] } as const;
export const CASE_EXPLANATION_HEADER = "toelichting / explanation";

/** Dutch names the import accepts for the case sheets (export writes the case file's own keys). */
export const SHEET_ALIASES: Record<string, string> = {
  domeinen: "domains", investeringen: "investments", effecten: "effects", regelingen: "arrangements",
  realisatie: "actuals", indicatoren: "indicators", bronnen: "sources", stappen: "steps",
};

/** Sheet name for a case key: `partners` -> `Partners`. */
export const sheetNameOf = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

export const RESULT_SHEETS = {
  nl: { summary: "Samenvatting", yearly: "Per jaar", ledger: "Grootboek", transfers: "Overdrachten", pots: "Pot per jaar", wrongPocket: "Wrong pocket", outcomes: "Niet-geldelijk", provenance: "Herkomst", readme: "Toelichting" },
  en: { summary: "Summary", yearly: "Yearly", ledger: "Ledger", transfers: "Transfers", pots: "Pots by year", wrongPocket: "Wrong pocket", outcomes: "Non-monetary", provenance: "Provenance", readme: "Explanation" },
} as const;

/** Sheets the import skips: the results and the explanation, in either language. */
export const IGNORED_SHEETS = new Set(Object.values(RESULT_SHEETS).flatMap((s) => Object.values(s)).map((n) => n.toLowerCase()));
