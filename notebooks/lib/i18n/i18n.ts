/**
 * Language and number formatting for the notebooks: Dutch first, English on request.
 *
 * The language comes from `?lang=en` / `?lang=nl` in the URL; the template's inline script
 * stores that choice (localStorage) and sets `<html lang>` before any cell runs, so prose
 * (`.t-nl` / `.t-en` blocks, hidden by CSS) and computed text agree. Here we only read
 * `<html lang>`; outside a browser (unit tests) the language is Dutch unless given.
 *
 * Money arrives in cents from the engine and is shown with the engine's formatter: `EUR 1.234.567`.
 */
import { formatEuro, formatNumber, formatPercent, type Lang } from "../../../engine/index.ts";

export type { Lang };

/** `en` if the string asks for English, else `nl`. */
export function parseLang(value: string | null | undefined): Lang {
  return value === "en" ? "en" : "nl";
}

/** The page's language: `<html lang>` as set by the template (see `_template.html`). */
export function pageLang(doc: Document | undefined = typeof document === "undefined" ? undefined : document): Lang {
  return parseLang(doc?.documentElement.lang);
}

export const lang: Lang = pageLang();

/** Picks the text for the page's language (or `l`). */
export function t(nl: string, en: string, l: Lang = lang): string {
  return l === "en" ? en : nl;
}

/** Cents as whole euros: `EUR 1.234.567`. */
export function eur(cents: number, l: Lang = lang): string {
  return formatEuro(cents, l, 0);
}

/** Euros (a number, not cents) as whole euros. */
export function euros(value: number, l: Lang = lang, decimals = 0): string {
  return `EUR ${formatNumber(value, decimals, l)}`;
}

/** Euros for axis ticks: `EUR 1,2 mln` from a million up, else whole euros. */
export function eurosTick(value: number, l: Lang = lang): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `EUR ${formatNumber(value / 1e6, abs >= 1e7 ? 0 : 1, l)} ${l === "en" ? "m" : "mln"}`;
  return `EUR ${formatNumber(value, 0, l)}`;
}

export function num(value: number, decimals = 0, l: Lang = lang): string {
  return formatNumber(value, decimals, l);
}

export function pct(fraction: number | null, decimals = 1, l: Lang = lang): string {
  return fraction === null || !Number.isFinite(fraction) ? "–" : formatPercent(fraction, decimals, l);
}

/** A ratio such as a benefit-cost ratio: `1,23`; `–` when undefined. */
export function ratio(value: number | null, l: Lang = lang): string {
  return value === null || !Number.isFinite(value) ? "–" : formatNumber(value, 2, l);
}

/** A number with as many decimals as it needs (up to `max`), for parameter values. */
export function smartNum(value: number, l: Lang = lang, max = 4): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const decimals = abs >= 1000 || Number.isInteger(value) ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : max;
  const text = formatNumber(value, decimals, l);
  // Trim trailing zeros after the decimal separator.
  const sep = l === "nl" ? "," : ".";
  return text.includes(sep) ? text.replace(/0+$/, "").replace(new RegExp(`\\${sep}$`), "") : text;
}

const KINDS: Record<string, [string, string]> = {
  municipality: ["gemeente", "municipality"],
  insurer: ["zorgverzekeraar", "health insurer"],
  "care-office": ["zorgkantoor", "long-term-care office"],
  provider: ["aanbieder", "provider"],
  "housing-association": ["woningcorporatie", "housing association"],
  "employment-agency": ["UWV / werkbedrijf", "employment agency"],
  "police-justice": ["politie / justitie", "police / justice"],
  resident: ["inwoners", "residents"],
  investor: ["investeerder", "investor"],
  other: ["overig", "other"],
};

/** A partner kind in words. */
export function kindLabel(kind: string, l: Lang = lang): string {
  const k = KINDS[kind];
  return k ? (l === "en" ? k[1] : k[0]) : kind;
}

const LEDGER_KINDS: Record<string, [string, string]> = {
  investment: ["Investering", "Investment"],
  saving: ["Besparing", "Saving"],
  "revenue-loss": ["Omzetverlies", "Revenue loss"],
  "variable-cost-saving": ["Bespaarde variabele kosten", "Variable cost saved"],
  transfer: ["Overdrachten", "Transfers"],
};

export function ledgerKindLabel(kind: string, l: Lang = lang): string {
  const k = LEDGER_KINDS[kind];
  return k ? (l === "en" ? k[1] : k[0]) : kind;
}

/** Society's label in charts and tables. */
export function societyLabel(l: Lang = lang): string {
  return t("Maatschappij (totaal)", "Society (total)", l);
}

/** Unit words of case files (written in English in the unit algebra) in the page's language: [singular, plural]. */
const UNIT_WORDS: Record<string, { nl: [string, string]; en: [string, string] }> = {
  person: { nl: ["persoon", "personen"], en: ["person", "people"] },
  hour: { nl: ["uur", "uur"], en: ["hour", "hours"] },
  year: { nl: ["jaar", "jaar"], en: ["year", "years"] },
  day: { nl: ["dag", "dagen"], en: ["day", "days"] },
  halfday: { nl: ["dagdeel", "dagdelen"], en: ["half-day", "half-days"] },
  month: { nl: ["maand", "maanden"], en: ["month", "months"] },
  week: { nl: ["week", "weken"], en: ["week", "weeks"] },
  visit: { nl: ["bezoek", "bezoeken"], en: ["visit", "visits"] },
  consult: { nl: ["consult", "consulten"], en: ["consultation", "consultations"] },
  contact: { nl: ["contact", "contacten"], en: ["contact", "contacts"] },
  patient: { nl: ["patiënt", "patiënten"], en: ["patient", "patients"] },
  household: { nl: ["huishouden", "huishoudens"], en: ["household", "households"] },
  client: { nl: ["cliënt", "cliënten"], en: ["client", "clients"] },
  trajectory: { nl: ["traject", "trajecten"], en: ["programme", "programmes"] },
  eviction: { nl: ["huisuitzetting", "huisuitzettingen"], en: ["eviction", "evictions"] },
  admission: { nl: ["opname", "opnames"], en: ["admission", "admissions"] },
  fte: { nl: ["fte", "fte"], en: ["FTE", "FTE"] },
  fall: { nl: ["val", "vallen"], en: ["fall", "falls"] },
  participant: { nl: ["deelnemer", "deelnemers"], en: ["participant", "participants"] },
};

/**
 * A unit as a reader of the page's language reads it: `hour/year` is `uur/jaar` in Dutch,
 * `30 person` is `30 personen`. The first word is plural (it follows a number), the words after
 * a `/` singular; unknown words (EUR, QALY) stay as they are.
 */
export function unitLabel(unit: string, l: Lang = lang): string {
  if (!unit) return "";
  return unit.split("/").map((part, i) => part.split("*").map((w) => {
    const word = UNIT_WORDS[w.trim()];
    return word ? word[l][i === 0 ? 1 : 0] : w;
  }).join("·")).join("/");
}
