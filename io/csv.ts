/**
 * The one CSV writer of the project: every CSV bcase writes (the command line's `-f csv`, the
 * ledger export, the notebooks' downloads) goes through `csvText`. Pure: no Node modules, so the
 * command line and the browser import the same file.
 *
 * Two dialects, one rule for both:
 * - `excel-nl` (the default in Dutch): what a Dutch Excel opens by double-click: a UTF-8 byte
 *   order mark, `;` between cells, a decimal comma (`1885238,68`), CRLF line ends.
 * - `rfc4180` (the default in English, and for scripts): `,` between cells, a decimal point, no
 *   byte order mark, CRLF line ends (RFC 4180).
 * Money is passed as integer cents (`money(cents)`) and written as euros with exactly two
 * decimals, computed on integers. Numbers are written in full (no thousands separator).
 * Text that a spreadsheet would take for a formula (beginning with `=`, `+`, `-`, `@`, a tab or
 * a carriage return: OWASP's CSV injection list) gets a leading `'` and is quoted; text with the
 * separator, a quote, a CR or an LF is quoted (quotes doubled), so a line break inside a cell
 * never ends a record. Non-finite numbers are refused: they never reach a file.
 */

export type CsvDialect = "excel-nl" | "rfc4180";
export const CSV_DIALECTS: readonly CsvDialect[] = ["excel-nl", "rfc4180"];

/** An amount of money in integer cents: written as euros with two decimals. */
export interface CsvMoney { readonly cents: number }
export const money = (cents: number): CsvMoney => ({ cents });

export type CsvValue = string | number | boolean | null | undefined | CsvMoney;

const SHAPE = {
  "excel-nl": { separator: ";", decimal: ",", bom: "\uFEFF" },
  rfc4180: { separator: ",", decimal: ".", bom: "" },
} as const;

/** The dialect a language gets when none is asked for: Dutch Excel's in Dutch, RFC 4180 in English. */
export const defaultDialect = (lang: "nl" | "en"): CsvDialect => (lang === "nl" ? "excel-nl" : "rfc4180");

/** Integer cents as euros with exactly two decimals: -123456 -> "-1234.56" (or "-1234,56"). */
export function centsText(cents: number, decimal: "." | "," = "."): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`centsText: not a whole number of cents: ${cents}`);
  const a = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(a / 100)}${decimal}${String(a % 100).padStart(2, "0")}`;
}

/** Text a spreadsheet would run as a formula (OWASP: = + - @ tab CR at the start). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell in a dialect, quoted and neutralised as needed. */
export function csvCell(value: CsvValue, dialect: CsvDialect): string {
  const d = SHAPE[dialect];
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`csvCell: not a finite number: ${value}`);
    return d.decimal === "." ? String(value) : String(value).replace(".", d.decimal);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "object") return centsText(value.cents, d.decimal);
  const guarded = FORMULA_START.test(value);
  const text = guarded ? `'${value}` : value;
  return guarded || text.includes(d.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header and rows as CSV text in a dialect (every line ends in CRLF). */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[], dialect: CsvDialect): string {
  const d = SHAPE[dialect];
  const line = (cells: readonly CsvValue[]) => cells.map((c) => csvCell(c, dialect)).join(d.separator) + "\r\n";
  return d.bom + line(header) + rows.map(line).join("");
}

/** Records of named fields as CSV, the columns in the order given. */
export function recordsCsv(records: readonly Readonly<Record<string, CsvValue>>[], columns: readonly string[], dialect: CsvDialect): string {
  return csvText(columns, records.map((r) => columns.map((c) => r[c])), dialect);
}
