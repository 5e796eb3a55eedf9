/**
 * What the `import`, `export`, `export-template` and `report` commands do, apart from the
 * command line itself (cli/bcase.ts): read a case from YAML, JSON or a workbook, and produce
 * the workbook, CSV or report text. Problems come back as ready-to-print lines
 * (`file:line: path: message` for case files, `file: Sheet!F7 (column): message` for workbooks).
 */
import { readFileSync } from "node:fs";
import { evaluateMonitoring, formatFromName, formatIssue, parseCaseText, validateParsed, serializeCase, type CaseFormat, type Evaluation, type Lang, type Model } from "../engine/index.ts";
import type { CsvDialect } from "./csv.ts";

export type Loaded = { ok: true; data: Record<string, unknown>; model: Model } | { ok: false; messages: string[] };

/** A workbook by its name (.xlsx, .xlsm, .ods: the import explains how to save an .ods as .xlsx) or by its zip signature. */
const isWorkbook = (file: string, bytes: Uint8Array) => /\.(xlsx|xlsm|ods)$/i.test(file) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04);

/** A case file (.yaml, .yml, .json) or a workbook (.xlsx) -> the case as data and its model. */
export async function readCaseFile(file: string, lang: Lang): Promise<Loaded> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { ok: false, messages: [lang === "nl" ? `${file}: bestand niet te lezen (${code})` : `${file}: cannot read file (${code})`] };
  }
  return readCaseBytes(bytes, file, lang);
}

/** The bytes of a case file or workbook, named `file` in messages (`<stdin>` for standard input). */
export async function readCaseBytes(bytes: Buffer, file: string, lang: Lang): Promise<Loaded> {
  if (isWorkbook(file, bytes)) {
    const { importWorkbook, formatSheetIssue } = await import("./workbook/xlsx.ts");
    const r = await importWorkbook(bytes, { lang });
    return r.ok ? { ok: true, data: r.data, model: r.model } : { ok: false, messages: r.issues.map((i) => formatSheetIssue(i, file)) };
  }
  const text = bytes.toString("utf8");
  const parsed = parseCaseText(text, formatFromName(file), lang);
  if (!parsed.ok) return { ok: false, messages: parsed.issues.map((i) => formatIssue(i, file)) };
  const v = validateParsed(parsed, { lang });
  if (!v.ok) return { ok: false, messages: v.issues.map((i) => formatIssue(i, file)) };
  return { ok: true, data: parsed.data as Record<string, unknown>, model: v.model };
}

/** The case as a case file's text (YAML unless the output name ends in .json). */
export function caseText(data: Record<string, unknown>, output?: string): string {
  const format: CaseFormat = output ? formatFromName(output) : "yaml";
  return serializeCase(data, format);
}

export async function resultsXlsx(data: Record<string, unknown>, ev: Evaluation, lang: Lang): Promise<Buffer> {
  const { resultsWorkbook } = await import("./workbook/xlsx.ts");
  return resultsWorkbook(data, ev, lang);
}

export async function templateXlsx(lang: Lang): Promise<Buffer> {
  const { templateWorkbook } = await import("./workbook/xlsx.ts");
  return templateWorkbook(lang);
}

/** The full ledger as CSV in a dialect (status quo and every arrangement's transfers). */
export async function ledgerCsv(ev: Evaluation, dialect: CsvDialect): Promise<string> {
  const { ledgerTable, tableToCsv } = await import("./results.ts");
  return tableToCsv(ledgerTable(ev), dialect);
}

export async function report(ev: Evaluation, format: "md" | "html", lang: Lang, model?: Model): Promise<string> {
  const { renderReport } = await import("./report/report.ts");
  const hasMonitoring = model !== undefined && (model.actuals.years.length > 0 || model.case.indicators.length > 0);
  return renderReport(ev, { format, lang, ...(hasMonitoring ? { monitoring: evaluateMonitoring(model, ev) } : {}) });
}

/** The HTML report printed to an A4 PDF by headless Chromium (io/report/pdf.ts), or the message that says how to get Chromium. */
export async function reportPdf(ev: Evaluation, lang: Lang, model?: Model): Promise<{ ok: true; pdf: Buffer } | { ok: false; message: string }> {
  const { renderReportPdf } = await import("./report/report.ts");
  const hasMonitoring = model !== undefined && (model.actuals.years.length > 0 || model.case.indicators.length > 0);
  return renderReportPdf(ev, { lang, ...(hasMonitoring ? { monitoring: evaluateMonitoring(model, ev) } : {}) });
}
