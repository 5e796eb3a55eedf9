/**
 * Words of the workbook and the report, Dutch first: the explanation of each column (shown as a
 * comment on its header and in the Toelichting sheet), Dutch names the import also accepts for
 * the case sheets, and the names of the result sheets. The columns themselves come from the
 * schema (see `flatten.ts`); a column that has no explanation here simply has none.
 */
import type { Lang } from "../../engine/index.ts";
import { CASE_SCHEMA, describe, isArray, schemaAt } from "./schemaShape.ts";

type Note = readonly [nl: string, en: string];

/** Columns the schema does not describe: the key column of a map's sheet and the whole-value column. */
const NOTES: Record<string, Note> = {
  "*.id": ["Korte, vaste naam: letters, cijfers, _ en -, beginnend met een letter (gebruikt in formules en verwijzingen)", "Short stable name: letters, digits, _ and -, starting with a letter (used in formulas and references)"],
  "*.*": ["De hele waarde in één cel (tekst, getal of JSON)", "The whole value in one cell (text, number or JSON)"],
  "sources.*": ["Eén bron per rij", "One source per row"],
};

/** The schema of a column: the Case sheet's field, or a column of a list's element or a map's entry. */
function columnSchema(sheetKey: string, column: string) {
  const path = column === "*" ? [] : column.split(".");
  if (sheetKey === "case") return schemaAt(CASE_SCHEMA, path);
  const sheet = schemaAt(CASE_SCHEMA, [sheetKey]);
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
export const CASE_SHEET_ALIASES = ["case", "casus"];
export const CASE_COLUMNS = { field: ["field", "veld"], value: ["value", "waarde"] } as const;
export const CASE_EXPLANATION_HEADER = "toelichting / explanation";

/** Dutch names the import accepts for the case sheets (export writes the case file's own keys). */
export const SHEET_ALIASES: Record<string, string> = {
  domeinen: "domains", investeringen: "investments", effecten: "effects", regelingen: "arrangements",
  realisatie: "actuals", indicatoren: "indicators", bronnen: "sources",
};

/** Sheet name for a case key: `partners` -> `Partners`. */
export const sheetNameOf = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

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
  nl: { contribution: "inleg", "pot-pays": "pot betaalt", "surplus-returned": "overschot terug", "deficit-covered": "tekort gedekt", "risk-bearer": "risicodrager", "cover-investment": "investering gedekt", "loss-sharing": "verlies gedeeld", "provider-transition": "transitievergoeding", settlement: "verevening", "shared-savings": "gedeelde besparing" },
  en: { contribution: "contribution", "pot-pays": "pot pays", "surplus-returned": "surplus returned", "deficit-covered": "deficit covered", "risk-bearer": "risk bearer", "cover-investment": "investment covered", "loss-sharing": "loss sharing", "provider-transition": "provider transition", settlement: "settlement", "shared-savings": "shared savings" },
};

/** Partner kinds and IRR statuses in the result sheets. */
export const PARTNER_KINDS: Record<Lang, Record<string, string>> = {
  nl: { municipality: "gemeente", insurer: "zorgverzekeraar", "care-office": "zorgkantoor", provider: "aanbieder", "housing-association": "woningcorporatie", "employment-agency": "uitkeringsinstantie", "police-justice": "politie en justitie", resident: "inwoners", other: "overig" },
  en: { municipality: "municipality", insurer: "insurer", "care-office": "care office", provider: "provider", "housing-association": "housing association", "employment-agency": "employment agency", "police-justice": "police and justice", resident: "residents", other: "other" },
};
export const IRR_STATUSES: Record<Lang, Record<string, string>> = {
  nl: { ok: "ok", "no-sign-change": "geen tekenwisseling", "none-in-range": "geen in het bereik", multiple: "meerdere" },
  en: { ok: "ok", "no-sign-change": "no sign change", "none-in-range": "none in range", multiple: "multiple" },
};
