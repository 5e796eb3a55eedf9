/** Texts of the workbook import's own problems (cells, columns, sheets), Dutch and English. */
import type { Lang } from "../../engine/index.ts";

type P = Record<string, string | undefined>;
const TEXTS: Record<string, { nl: (p: P) => string; en: (p: P) => string }> = {
  badCell: {
    nl: (p) => `geen geldige JSON of YAML (${p.detail}); begin met ' voor gewone tekst`,
    en: (p) => `not valid JSON or YAML (${p.detail}); start with ' for plain text`,
  },
  badChoice: {
    nl: (p) => `"${p.value}" is geen geldige keuze; kies uit: ${p.options}`,
    en: (p) => `"${p.value}" is not a valid choice; choose one of: ${p.options}`,
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
  dateCell: {
    nl: (p) => `een datum (${p.date}) kan hier niet; geef een jaar als getal (2026) of tekst`,
    en: (p) => `a date (${p.date}) is not allowed here; give a year as a number (2026) or text`,
  },
  formulaNoResult: {
    nl: (p) => `formule ${p.formula} zonder bewaarde uitkomst; typ de waarde zelf in (of open en bewaar het bestand in Excel of LibreOffice)`,
    en: (p) => `formula ${p.formula} without a stored result; type the value itself (or open and save the file in Excel or LibreOffice)`,
  },
  untrustedFormula: {
    nl: (p) => `formule ${p.formula} (bewaarde uitkomst ${p.value}): de import neemt alleen waarden over, geen spreadsheetformules, want de bewaarde uitkomst is niet te controleren; plak de waarde (Plakken speciaal > Waarden) of zet de berekening als formule in de casus (bijv. clients * 2)`,
    en: (p) => `formula ${p.formula} (stored result ${p.value}): the import takes values, not spreadsheet formulas, because the stored result cannot be checked; paste the value (Paste Special > Values) or put the calculation in the case as a formula (e.g. clients * 2)`,
  },
  formulaMismatch: {
    nl: (p) => `formule ${p.formula} maar de bewaarde uitkomst is ${p.value}; open en bewaar het bestand opnieuw, of typ de waarde zelf in`,
    en: (p) => `formula ${p.formula} but the stored result is ${p.value}; open and save the file again, or type the value itself`,
  },
  errorCell: { nl: (p) => `foutwaarde ${p.detail} in de cel`, en: (p) => `error value ${p.detail} in the cell` },
  unreadableCell: { nl: () => "celinhoud niet te lezen", en: () => "cell content cannot be read" },
  stepArrangementMissing: { nl: (p) => `geef in de kolom ${p.column} de id van de regeling waar deze stap bij hoort`, en: (p) => `give the id of the arrangement this step belongs to in the column ${p.column}` },
  stepArrangementUnknown: { nl: (p) => `onbekende regeling "${p.name}" (bekend: ${p.known})`, en: (p) => `unknown arrangement "${p.name}" (known: ${p.known})` },
  stepsTwice: { nl: (p) => `regeling "${p.name}" heeft al stappen in de kolom ${p.stepsColumn} van het tabblad ${p.sheet}: geef ze op één plek`, en: (p) => `arrangement "${p.name}" already has steps in the ${p.stepsColumn} column of the ${p.sheet} sheet: give them in one place` },
  notWorkbook: { nl: (p) => `geen leesbaar Excel-bestand (.xlsx) (${p.detail})`, en: (p) => `not a readable Excel workbook (.xlsx) (${p.detail})` },
  odsWorkbook: {
    nl: () => "dit is een OpenDocument-rekenblad (.ods); bewaar het als Excel-werkmap: in LibreOffice Bestand > Opslaan als > Bestandstype \"Excel 2007-365 (.xlsx)\", of op de opdrachtregel: soffice --headless --convert-to xlsx BESTAND.ods",
    en: () => "this is an OpenDocument spreadsheet (.ods); save it as an Excel workbook: in LibreOffice File > Save As > file type \"Excel 2007-365 (.xlsx)\", or on the command line: soffice --headless --convert-to xlsx FILE.ods",
  },
  zipTooLarge: {
    nl: (p) => `werkmap is uitgepakt ${p.size}, meer dan de grens van ${p.limit}; een casus past ruim in minder (is dit wel een casus-werkmap?)`,
    en: (p) => `workbook unzips to ${p.size}, more than the limit of ${p.limit}; a case fits well within less (is this a case workbook?)`,
  },
  zipTooManyParts: {
    nl: (p) => `werkmap bestaat uit ${p.count} delen, meer dan de grens van ${p.limit}`,
    en: (p) => `workbook has ${p.count} parts, more than the limit of ${p.limit}`,
  },
  zipSizeLies: {
    nl: (p) => `deel ${p.part} pakt uit tot meer dan de ${p.size} die het opgeeft: beschadigd of kwaadaardig bestand`,
    en: (p) => `part ${p.part} unzips to more than the ${p.size} it declares: a damaged or hostile file`,
  },
  sheetTooManyRows: {
    nl: (p) => `meer dan ${p.limit} rijen, de grens; een casus heeft er veel minder (verwijder lege opgemaakte rijen of de resultaattabbladen)`,
    en: (p) => `more than ${p.limit} rows, the limit; a case has far fewer (delete empty formatted rows or the result sheets)`,
  },
};

export function ioMessage(code: string, params: P, lang: Lang): string {
  const t = TEXTS[code];
  if (!t) throw new Error(`io message without text: ${code}`);
  return t[lang](params);
}
