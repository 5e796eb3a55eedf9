/** Texts of the workbook import's own problems (cells, columns, sheets), Dutch and English. */
import type { Lang } from "../../engine/index.ts";

type P = Record<string, string | undefined>;
const TEXTS: Record<string, { nl: (p: P) => string; en: (p: P) => string }> = {
  badCell: {
    nl: (p) => `geen geldige JSON of YAML (${p.detail}); begin met ' voor gewone tekst`,
    en: (p) => `not valid JSON or YAML (${p.detail}); start with ' for plain text`,
  },
  conflict: {
    nl: (p) => `botst met ${p.other}: één veld krijgt twee waarden`,
    en: (p) => `conflicts with ${p.other}: one field gets two values`,
  },
  duplicateKey: {
    nl: (p) => `id "${p.key}" komt al voor in ${p.other}`,
    en: (p) => `id "${p.key}" already appears in ${p.other}`,
  },
  missingKey: { nl: () => "id ontbreekt", en: () => "id is missing" },
  unknownColumn: {
    nl: (p) => `onbekende kolom "${p.name}"${p.suggestion ? ` (bedoelde u "${p.suggestion}"?)` : ""}`,
    en: (p) => `unknown column "${p.name}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ""}`,
  },
  duplicateColumn: { nl: (p) => `kolom "${p.name}" staat er twee keer (ook in ${p.other})`, en: (p) => `column "${p.name}" appears twice (also in ${p.other})` },
  noHeader: { nl: () => "waarde in een kolom zonder kop", en: () => "value in a column without a header" },
  unknownSheet: {
    nl: (p) => `onbekend tabblad "${p.name}" (bedoelde u "${p.suggestion}"?)`,
    en: (p) => `unknown sheet "${p.name}" (did you mean "${p.suggestion}"?)`,
  },
  duplicateSheet: { nl: (p) => `tabblad voor "${p.key}" staat er twee keer (ook ${p.other})`, en: (p) => `sheet for "${p.key}" appears twice (also ${p.other})` },
  unknownField: {
    nl: (p) => `onbekend veld "${p.name}"${p.suggestion ? ` (bedoelde u "${p.suggestion}"?)` : ""}`,
    en: (p) => `unknown field "${p.name}"${p.suggestion ? ` (did you mean "${p.suggestion}"?)` : ""}`,
  },
  dateCell: { nl: () => "een datum is hier niet mogelijk; geef een jaar als getal (2026)", en: () => "a date is not allowed here; give a year as a number (2026)" },
  formulaNoResult: { nl: () => "Excel-formule zonder berekende waarde (open en bewaar het bestand in Excel)", en: () => "Excel formula without a computed value (open and save the file in Excel)" },
  errorCell: { nl: (p) => `foutwaarde ${p.detail} in de cel`, en: (p) => `error value ${p.detail} in the cell` },
  unreadableCell: { nl: () => "celinhoud niet te lezen", en: () => "cell content cannot be read" },
  stepArrangementMissing: { nl: () => "geef in de kolom arrangement de id van de regeling waar deze stap bij hoort", en: () => "give the id of the arrangement this step belongs to in the column arrangement" },
  stepArrangementUnknown: { nl: (p) => `onbekende regeling "${p.name}" (bekend: ${p.known})`, en: (p) => `unknown arrangement "${p.name}" (known: ${p.known})` },
  stepsTwice: { nl: (p) => `regeling "${p.name}" heeft al stappen in de kolom steps van het tabblad Arrangements: geef ze op één plek`, en: (p) => `arrangement "${p.name}" already has steps in the steps column of the Arrangements sheet: give them in one place` },
  notWorkbook: { nl: (p) => `geen leesbaar Excel-bestand (${p.detail})`, en: (p) => `not a readable Excel workbook (${p.detail})` },
};

export function ioMessage(code: string, params: P, lang: Lang): string {
  const t = TEXTS[code];
  if (!t) throw new Error(`io message without text: ${code}`);
  return t[lang](params);
}
