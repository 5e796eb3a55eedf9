/**
 * Excel workbooks in and out (exceljs): the analyst's template, a case as sheets, the results
 * of an evaluation as sheets with euro formats, and the import that turns a workbook back into
 * a case, naming the sheet, cell and column of every problem.
 *
 * Layout (see `flatten.ts` for the rules of one row):
 * - `Case`: the case's top-level fields, one per row (`field` | `value` | explanation);
 * - one sheet per top-level list or map of the schema, named after its key (`Partners`,
 *   `Domains`, `Parameters`, `Investments`, `Effects`, `Arrangements`, ...): a header row of
 *   column names (comments explain them, Dutch first), then one row per element;
 * - result sheets (Samenvatting, Grootboek, ...) and the explanation sheet, which the import skips.
 * The import accepts the sheet names the export writes, in any letter case, and Dutch names
 * (Domeinen, Investeringen, Effecten, Regelingen, ...).
 */
import ExcelJS from "exceljs";
import { Case, compileFormula, formatPath, parseFormula, suggest, validateCase, type Evaluation, type Issue, type Lang, type Model, type Path } from "../../engine/index.ts";
import { BARE_COLUMN, KEY_COLUMN, WHOLE, columnPath, decodeCell, flattenElement, flattenEntry, flattenObject, isPlainObject, schemaColumns, setPath, type CellValue } from "./flatten.ts";
import { CASE_COLUMNS, CASE_HEADERS, CASE_SHEET, CASE_SHEET_ALIASES, CASE_SHEET_NAMES, IGNORED_SHEETS, RESULT_SHEETS, SHEET_ALIASES, bilingualNote, choiceFromLabel, choiceLabel, columnFromLabel, columnLabel, columnNote, sheetNameOf } from "./labels.ts";
import { ioMessage } from "./messages.ts";
import { inspectWorkbookZip, type ZipLimits } from "./guard.ts";
import { outcomesTable, provenanceTable, transfersTable, wrongPocketTable } from "../results.ts";
import { columnLetter, fitWidths, styleHeader, writeTable } from "./sheet.ts";
import { internalLinksOnly, writeResultSheets } from "./resultSheets.ts";
import { ARRANGEMENT_COLUMN, joinStepRows, stepSchema, STEPS_KEY, withStepRows } from "./steps.ts";
import { accepts, caseSchema, child, choices, elementOf, isArray, isLocalText, isRecord, objectKeys, objectVariants, recordValueOf, schemaAt, type Schema } from "./schemaShape.ts";

/** Rows of the template that carry drop-down lists. */
const VALIDATED_ROWS = 1000;
/** A fixed timestamp, so the same case gives the same workbook content. */
const STAMP = new Date(Date.UTC(2025, 0, 1));

// ---------------------------------------------------------------- layout

interface SheetSpec {
  key: string;
  kind: "array" | "record";
  /** Schema of one element (array) or one entry value (record). */
  item: Schema | undefined;
  /** The columns the schema gives, in order. */
  columns: string[];
}

/** How the schema's top-level keys are laid out: case fields on the Case sheet, lists and maps on their own sheets. */
function sheetSpec(key: string, value: unknown): SheetSpec | undefined {
  // Arrangements' steps: a sheet of their own, one row per step (see steps.ts).
  if (key === STEPS_KEY) return value === undefined || Array.isArray(value) ? { key, kind: "array", item: stepSchema(), columns: [ARRANGEMENT_COLUMN, ...schemaColumns(stepSchema())] } : undefined;
  const s = child(caseSchema(), key);
  const asArray = s ? isArray(s) : Array.isArray(value);
  const asRecord = s ? isRecord(s) && !asArray : false;
  // A value of the wrong shape (invalid data) stays a plain field, so it still travels.
  if (asArray && (value === undefined || Array.isArray(value))) {
    const item = elementOf(s);
    const cols = item && objectVariants(item).length > 0 && !isLocalText(item) ? schemaColumns(item) : [WHOLE];
    return { key, kind: "array", item, columns: cols };
  }
  if (asRecord && (value === undefined || isPlainObject(value))) {
    const item = recordValueOf(s);
    const cols = item && objectVariants(item).length > 0 ? schemaColumns(item) : [BARE_COLUMN];
    return { key, kind: "record", item, columns: [KEY_COLUMN, ...cols.filter((c) => c !== KEY_COLUMN)] };
  }
  return undefined;
}

function topKeys(data?: Record<string, unknown>): string[] {
  const keys = objectKeys(caseSchema());
  keys.splice(keys.indexOf("arrangements") + 1, 0, STEPS_KEY);
  for (const k of Object.keys(data ?? {})) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** The Case sheet's fields from the schema (dot paths for small objects). */
function caseFields(sheetKeys: ReadonlySet<string>): string[] {
  return schemaColumns(caseSchema()).filter((c) => !sheetKeys.has(c.split(".")[0]!));
}

// ---------------------------------------------------------------- writing

/** A cell's value; a choice (partner kind, schedule type, ...) in the workbook's language. */
function writeCell(cell: ExcelJS.Cell, v: CellValue, choices?: readonly string[], lang: Lang = "en"): void {
  cell.value = v === null ? { error: "#N/A" as ExcelJS.ErrorValue } : typeof v === "string" && choices?.includes(v) ? choiceLabel(v, lang) : v;
}

function listValidation(values: readonly string[]): ExcelJS.DataValidation | undefined {
  const text = values.join(",");
  // Excel limits an inline list to 255 characters.
  if (text.length > 250 || values.some((v) => v.includes(","))) return undefined;
  return { type: "list", allowBlank: true, formulae: [`"${text}"`], showErrorMessage: true, errorStyle: "warning", error: values.join(", ") };
}

/** exceljs has range data validations (`sheet.dataValidations.add("E2:E1000", ...)`) but does not type them. */
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

/**
 * Writes the Case sheet and one sheet per list or map, in `lang`: Dutch sheet names, headers and
 * choices (Investeringen, planning.soort, jaarlijks), or the case file's own English keys. With
 * no data: the empty template.
 */
function writeCaseSheets(wb: ExcelJS.Workbook, input: Record<string, unknown> | undefined, lang: Lang): void {
  const data = input && withStepRows(input);
  const keys = topKeys(data);
  const specs = keys.map((k) => sheetSpec(k, data?.[k])).filter((s): s is SheetSpec => s !== undefined);
  const sheetKeys = new Set(specs.map((s) => s.key));

  // Case sheet.
  const ws = wb.addWorksheet(CASE_SHEET_NAMES[lang]);
  ws.addRow(CASE_HEADERS[lang]);
  styleHeader(ws, 3);
  const top: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data ?? {})) if (!sheetKeys.has(k)) top[k] = v;
  const values = flattenObject(top, caseSchema());
  const fields = caseFields(sheetKeys);
  for (const f of values.keys()) if (!fields.includes(f)) fields.push(f);
  fields.forEach((f, i) => {
    const r = ws.getRow(i + 2);
    r.getCell(1).value = columnLabel(f, lang);
    const opts = choices(schemaAt(caseSchema(), f.split(".")));
    if (values.has(f)) writeCell(r.getCell(2), values.get(f)!, opts, lang);
    const own = columnNote("case", f, lang);
    if (own) r.getCell(3).value = lang === "nl" && f !== columnLabel(f, lang) ? `${own} (in het casusbestand: ${f})` : own;
    const dv = opts && listValidation(opts.map((o) => choiceLabel(o, lang)));
    if (dv) r.getCell(2).dataValidation = dv;
  });
  fitWidths(ws, 2);
  ws.getColumn(3).width = 80;

  // One sheet per list or map.
  for (const spec of specs) {
    const v = data?.[spec.key];
    if (data !== undefined && v === undefined) continue; // absent stays absent
    const rows: { key?: string; cells: Map<string, CellValue> }[] =
      spec.kind === "array"
        ? ((v as unknown[] | undefined) ?? []).map((el) => ({ cells: flattenElement(el, spec.item) }))
        : Object.entries((v as Record<string, unknown> | undefined) ?? {}).filter(([, e]) => e !== undefined).map(([k, e]) => ({ key: k, cells: flattenEntry(e, spec.item) }));
    const columns = [...spec.columns];
    for (const r of rows) for (const c of r.cells.keys()) if (!columns.includes(c)) columns.push(c);
    const sheet = wb.addWorksheet(sheetNameOf(spec.key, lang));
    sheet.addRow(columns.map((c) => columnLabel(c, lang)));
    styleHeader(sheet, columns.length);
    const opts = columns.map((c) => (c === WHOLE || c === KEY_COLUMN ? undefined : choices(schemaAt(spec.item, columnPath(c)))));
    columns.forEach((c, i) => {
      const note = bilingualNote(spec.key, c);
      if (note) sheet.getRow(1).getCell(i + 1).note = lang === "nl" && c !== columnLabel(c, lang) ? `${note}\n\n(${c})` : note;
      const dv = opts[i] && listValidation(opts[i]!.map((o) => choiceLabel(o, lang)));
      if (dv) validations(sheet).add(`${columnLetter(i + 1)}2:${columnLetter(i + 1)}${VALIDATED_ROWS}`, dv);
    });
    rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2);
      if (r.key !== undefined) row.getCell(1).value = r.key;
      for (const [c, cell] of r.cells) { const j = columns.indexOf(c); writeCell(row.getCell(j + 1), cell, opts[j], lang); }
    });
    fitWidths(sheet, columns.length);
  }
}

/** The explanation sheet: every sheet and column with its meaning, Dutch and English. */
function writeReadme(wb: ExcelJS.Workbook, lang: Lang): void {
  const ws = wb.addWorksheet(RESULT_SHEETS[lang].readme);
  ws.addRow(["Tabblad / sheet", "Kolom / column", "Toelichting", "Explanation"]);
  styleHeader(ws, 4);
  const specs = topKeys().map((k) => sheetSpec(k, undefined)).filter((s): s is SheetSpec => s !== undefined);
  for (const f of caseFields(new Set(specs.map((s) => s.key)))) ws.addRow([CASE_SHEET_NAMES[lang], columnLabel(f, lang), columnNote("case", f, "nl") ?? "", columnNote("case", f, "en") ?? ""]);
  for (const s of specs) for (const c of s.columns) ws.addRow([sheetNameOf(s.key, lang), columnLabel(c, lang), columnNote(s.key, c, "nl") ?? "", columnNote(s.key, c, "en") ?? ""]);
  const general: [string, string][] = [
    ["Eén rij per element; lege rijen tellen niet. Kolommen met een punt (schedule.type) zijn velden van een genest object.", "One row per element; empty rows are skipped. Dotted columns (schedule.type) are fields of a nested object."],
    ["Lijsten en sleutels (steps, providers, amounts) staan als JSON of YAML in één cel: [zh, ggz] of {\"2025\": 50000}.", "Lists and maps (steps, providers, amounts) go into one cell as JSON or YAML: [zh, ggz] or {\"2025\": 50000}."],
    ["Tekst die met [ { of ' begint: zet er een ' voor. Een formule als tekst (\"0.5\") blijft tekst, een getal blijft een getal.", "Text starting with [ { or ': put a ' before it. A formula as text stays text, a number stays a number."],
    ["Een parameter met alleen id en value wordt een kale waarde (clients: 250).", "A parameter with only id and value becomes a bare value (clients: 250)."],
  ];
  ws.addRow([]);
  for (const [nl, en] of general) ws.addRow(["", "", nl, en]);
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 26;
  ws.getColumn(3).width = 80;
  ws.getColumn(4).width = 80;
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "bcase";
  wb.created = STAMP;
  wb.modified = STAMP;
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The empty template an analyst fills in. */
export async function templateWorkbook(lang: Lang = "nl"): Promise<Buffer> {
  const wb = newWorkbook();
  writeCaseSheets(wb, undefined, lang);
  writeReadme(wb, lang);
  return toBuffer(wb);
}

/** A case (as data, as read from its file) as a workbook: only the case sheets. */
export async function caseWorkbook(data: Record<string, unknown>, lang: Lang = "nl"): Promise<Buffer> {
  const wb = newWorkbook();
  writeCaseSheets(wb, data, lang);
  return toBuffer(wb);
}

/** The results of an evaluation first, then the case sheets (so importing the file gives the case back). */
export async function resultsWorkbook(data: Record<string, unknown>, ev: Evaluation, lang: Lang = "nl"): Promise<Buffer> {
  const wb = newWorkbook();
  const N = RESULT_SHEETS[lang];
  writeResultSheets(wb, ev, lang, () => writeTable(wb, N.transfers, transfersTable(ev), lang));
  writeTable(wb, N.wrongPocket, wrongPocketTable(ev), lang);
  if (ev.outcomes.length > 0) writeTable(wb, N.outcomes, outcomesTable(ev), lang);
  const prov = provenanceTable(ev);
  if (prov.rows.length > 0) writeTable(wb, N.provenance, prov, lang);
  writeCaseSheets(wb, data, lang);
  writeReadme(wb, lang);
  return Buffer.from(internalLinksOnly(await toBuffer(wb)));
}

// ---------------------------------------------------------------- reading

/** A problem in a workbook: the engine's issue plus where it is in the workbook. */
export interface SheetIssue extends Issue {
  sheet?: string;
  /** `F7`, or `7:7` for a whole row. */
  cell?: string;
  /** The column (and the path inside a JSON cell): `attribution`, `steps[1].payer`. */
  column?: string;
}

/** `Effects!F7 (attribution): must be between 0 and 1`, with the file first when given. */
export function formatSheetIssue(i: SheetIssue, file?: string): string {
  // A problem of the file itself (not a zip, too large, .ods) has no place inside it.
  const where = i.sheet === undefined ? (i.path.length === 0 ? "" : formatPath(i.path)) : `${i.sheet}${i.cell ? `!${i.cell}` : ""}${i.column ? ` (${i.column})` : ""}`;
  return [file, where, i.message].filter((x) => x !== undefined && x !== "").join(": ");
}

interface CellRef { sheet: string; cell: string; column?: string }
interface RowRef { sheet: string; row: number; columns: Map<string, number> }

const pk = (p: Path) => JSON.stringify(p);

type Raw = { ok: true; value: CellValue | undefined } | { ok: true; date: Date; value?: undefined } | { ok: false; code: string; detail?: string; params?: Record<string, string> };

/**
 * A formula cell's stored result, when the file's own formula proves it: LibreOffice writes every
 * boolean as `<f>TRUE()</f><v>1</v>`, and a constant sum (`=100000*1.5`) can be checked here.
 * Any other formula (a reference to a cell, a function) is refused: its stored value is what
 * the last program to save the file computed, which a file written by a program that does not
 * recalculate (or written by hand) need not match, and the case file has formulas of its own.
 */
function trustedFormula(formula: string, result: unknown): Raw {
  const f = formula.trim().replace(/^=/, "");
  const bool = /^(TRUE|FALSE)(\(\))?$/i.exec(f);
  if (bool) {
    const want = bool[1]!.toUpperCase() === "TRUE";
    return result === want || result === (want ? 1 : 0) ? { ok: true, value: want } : { ok: false, code: "formulaMismatch", params: { formula: `=${f}`, value: String(result) } };
  }
  if (/^[\d\s.+\-*/()^eE]+$/.test(f) && /\d/.test(f)) {
    const parsed = parseFormula(f);
    if (parsed.ok && parsed.formula.symbols.length === 0) {
      const computed = compileFormula(parsed.formula, () => 0)([]);
      if (Number.isFinite(computed) && typeof result === "number" && Math.abs(computed - result) <= 1e-9 * Math.max(1, Math.abs(computed))) return { ok: true, value: computed };
      return { ok: false, code: "formulaMismatch", params: { formula: `=${f}`, value: String(result) } };
    }
  }
  return { ok: false, code: "untrustedFormula", params: { formula: `=${f}`, value: result instanceof Date ? result.toISOString().slice(0, 10) : typeof result === "object" && result !== null ? String((result as { error?: unknown }).error ?? "") : String(result) } };
}

/** What exceljs gives for a cell, as a cell value (a formula only by a result its formula proves). */
function rawValue(cell: ExcelJS.Cell): Raw {
  const v = cell.value;
  if (v === null || v === undefined) return { ok: true, value: undefined };
  if (typeof v === "number" || typeof v === "boolean") return { ok: true, value: v };
  if (typeof v === "string") return { ok: true, value: v === "" ? undefined : v };
  if (v instanceof Date) return { ok: true, date: v };
  const o = v as unknown as Record<string, unknown>;
  if ("error" in o) return o.error === "#N/A" ? { ok: true, value: null } : { ok: false, code: "errorCell", detail: String(o.error) };
  if ("richText" in o && Array.isArray(o.richText)) return { ok: true, value: (o.richText as { text: string }[]).map((t) => t.text).join("") || undefined };
  if ("formula" in o || "sharedFormula" in o) {
    // Not `cell.value.result`: exceljs's formula value drops a falsy result (0, false, ""); the model keeps it.
    const result = (cell.model as { result?: unknown }).result;
    const formula = cell.formula ?? String(o.formula ?? o.sharedFormula ?? "");
    if (result === undefined) return { ok: false, code: "formulaNoResult", params: { formula: `=${formula.replace(/^=/, "")}` } };
    if (typeof result === "object" && result !== null && "error" in result) return { ok: false, code: "errorCell", detail: String((result as { error: unknown }).error) };
    return trustedFormula(formula, result);
  }
  if ("text" in o && typeof o.text === "string") return { ok: true, value: o.text === "" ? undefined : o.text };
  return { ok: false, code: "unreadableCell" };
}

const ISO_DAY = (d: Date) => d.toISOString().slice(0, 10);

/** A header, field name or id cell as trimmed text ("" when empty or unreadable). */
function cellText(raw: Raw): string {
  if (!raw.ok) return "";
  if ("date" in raw) return ISO_DAY(raw.date);
  return raw.value === undefined || raw.value === null ? "" : String(raw.value).trim();
}

/**
 * A date cell, read by what the field takes: text fields get the day as text (`2024-03-01`, what
 * Excel made of a source "1-3-2024"); a number field gets the number typed into a cell that is
 * formatted as a date when that number is a year (2026 shows as 18-7-1905); anything else is a
 * problem that shows the date.
 */
function dateValue(d: Date, s: Schema | undefined, date1904: boolean): { ok: true; value: unknown } | { ok: false; date: string } {
  const a = accepts(s);
  const serial = 25569 + d.getTime() / 86_400_000 - (date1904 ? 1462 : 0);
  if (a.number && Number.isInteger(serial) && serial >= 1900 && serial <= 2200) return { ok: true, value: serial };
  if (a.string && !a.number) return { ok: true, value: ISO_DAY(d) };
  return { ok: false, date: ISO_DAY(d) };
}

/**
 * Friendly reading of what an analyst typed, only where the schema leaves one reading: a number
 * in a text-only field becomes text (a label "2025"), a text that is a number in a number-only
 * field becomes a number, a number with a decimal comma ("0,5", "1.234,56") a number wherever
 * numbers go, ja/nee/true/false in a yes/no field a boolean. What the
 * export writes never needs this, so round trips are unaffected.
 */
function coerce(v: unknown, s: Schema | undefined): unknown {
  if (!s) return v;
  const a = accepts(s);
  if (typeof v === "number" && a.string && !a.number) return String(v);
  if (typeof v === "string" && a.number) {
    // A number typed as text with a decimal comma ("0,8", "1.234,56"): never a valid formula, so
    // also read as a number where a formula could go (a Dutch LibreOffice or a CSV paste).
    const t = v.trim();
    const comma = /^-?(\d+|\d{1,3}(\.\d{3})+),\d+$/.test(t);
    if (comma) return Number(t.replace(/\./g, "").replace(",", "."));
    if (!a.string && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  }
  if (typeof v === "string" && a.boolean && !a.string && !a.number) {
    const t = v.trim().toLowerCase();
    if (["true", "waar", "ja", "yes"].includes(t)) return true;
    if (["false", "onwaar", "nee", "no"].includes(t)) return false;
  }
  return v;
}

/** Column names a sheet accepts: the schema's columns, any dot path through the schema (a whole sub-object in one cell), and `*`. */
function knownColumn(spec: SheetSpec, column: string): boolean {
  if (column === WHOLE || spec.columns.includes(column)) return true;
  if (column === "") return false;
  let s = spec.item;
  for (const seg of column.split(".")) {
    s = s ? child(s, seg) : undefined;
    if (!s) return false;
  }
  return true;
}

export interface ReadResult {
  /** The case as data (before validation), built from every readable cell. */
  data: Record<string, unknown>;
  /** Problems of cells, columns and sheets. */
  issues: SheetIssue[];
  /** Where a path of the data came from, for naming the cell of a validation issue. */
  locate: (path: Path) => Omit<SheetIssue, "path" | "code" | "message">;
  /** Paths whose cells could not be read (validation issues under them are left out). */
  unreadable: Path[];
}

/** Reads the case sheets of a workbook (results and explanation sheets are skipped). */
export function readCaseSheets(wb: ExcelJS.Workbook, lang: Lang = "nl"): ReadResult {
  const date1904 = (wb.properties as { date1904?: boolean } | undefined)?.date1904 === true;
  const data: Record<string, unknown> = {};
  const issues: SheetIssue[] = [];
  const unreadable: Path[] = [];
  const cells = new Map<string, CellRef>();
  const rows = new Map<string, RowRef>();
  const sheetOf = new Map<string, string>();
  const caseFieldCells = new Map<string, string>();
  /** Sheets written in Dutch: their columns are named in Dutch in problems too. */
  const dutchSheets = new Set<string>();
  let caseSheetName: string | undefined;
  const problem = (sheet: string, cell: string | undefined, column: string | undefined, path: Path, code: string, params: Record<string, string | undefined> = {}) =>
    issues.push({ sheet, ...(cell ? { cell } : {}), ...(column ? { column } : {}), path, code, message: ioMessage(code, params, lang) });

  const keys = topKeys();
  const byName = new Map<string, string>();
  for (const k of keys) if (sheetSpec(k, undefined)) byName.set(k.toLowerCase(), k);
  for (const [alias, k] of Object.entries(SHEET_ALIASES)) if (byName.has(k)) byName.set(alias, k);

  /** Reads one cell: raw value, JSON or text, then friendly coercion; records where it came from. */
  const readCell = (ws: ExcelJS.Worksheet, r: number, c: number, column: string, path: Path, s: Schema | undefined): { ok: boolean; value?: unknown } => {
    const cell = ws.getRow(r).getCell(c);
    const addr = `${columnLetter(c)}${r}`;
    const raw = rawValue(cell);
    if (!raw.ok) {
      problem(ws.name, addr, column, path, raw.code, { detail: raw.detail, ...raw.params });
      unreadable.push(path);
      return { ok: false };
    }
    if ("date" in raw) {
      const d = dateValue(raw.date, s, date1904);
      if (!d.ok) {
        problem(ws.name, addr, column, path, "dateCell", { date: d.date });
        unreadable.push(path);
        return { ok: false };
      }
      cells.set(pk(path), { sheet: ws.name, cell: addr, column });
      return { ok: true, value: d.value };
    }
    if (raw.value === undefined) return { ok: true };
    const d = decodeCell(raw.value);
    if (!d.ok) {
      problem(ws.name, addr, column, path, "badCell", { detail: d.detail });
      unreadable.push(path);
      return { ok: false };
    }
    cells.set(pk(path), { sheet: ws.name, cell: addr, column });
    if (typeof raw.value === "string" && /^[[{]/.test(raw.value)) return { ok: true, value: d.value };
    // A choice in Dutch (eenmalig) is the case file's value (once).
    const opts = typeof d.value === "string" ? choices(s) : undefined;
    const choice = opts ? choiceFromLabel(d.value as string, opts) : undefined;
    if (opts && choice === undefined) {
      // Named here, with the choices as the drop-down shows them (in Dutch: eenmalig, gemeente).
      problem(ws.name, addr, column, path, "badChoice", { value: d.value as string, options: opts.map((o) => choiceLabel(o, lang)).join(", ") });
      unreadable.push(path);
      return { ok: false };
    }
    return { ok: true, value: choice ?? coerce(d.value, s) };
  };

  const headerOf = (ws: ExcelJS.Worksheet) => {
    const header = new Map<number, string>();
    ws.getRow(1).eachCell({ includeEmpty: false }, (cell, c) => {
      const text = cellText(rawValue(cell));
      if (text !== "") header.set(c, text);
    });
    return header;
  };

  for (const ws of wb.worksheets) {
    const lower = ws.name.trim().toLowerCase();
    if (CASE_SHEET_ALIASES.includes(lower)) {
      if (caseSheetName !== undefined) { problem(ws.name, undefined, undefined, [], "duplicateSheet", { key: CASE_SHEET, other: caseSheetName }); continue; }
      caseSheetName = ws.name;
      readCaseSheet(ws);
      continue;
    }
    const key = byName.get(lower);
    if (key === undefined) {
      if (IGNORED_SHEETS.has(lower)) continue;
      const near = suggest(lower, [...byName.keys(), ...CASE_SHEET_ALIASES]);
      if (near !== undefined) problem(ws.name, undefined, undefined, [], "unknownSheet", { name: ws.name, suggestion: sheetNameOf(byName.get(near) ?? CASE_SHEET) });
      continue;
    }
    if (sheetOf.has(key)) { problem(ws.name, undefined, undefined, [key], "duplicateSheet", { key, other: sheetOf.get(key) }); continue; }
    sheetOf.set(key, ws.name);
    readListSheet(ws, sheetSpec(key, undefined)!);
  }
  joinSteps();

  /** The Steps sheet's rows into their arrangements; where each cell came from follows them. */
  function joinSteps(): void {
    const { moved, problems } = joinStepRows(data);
    const rekey = <T>(m: Map<string, T>) => {
      for (const [k, v] of [...m]) {
        const path = JSON.parse(k) as Path;
        const to = path[0] === STEPS_KEY && typeof path[1] === "number" ? moved.get(path[1]) : undefined;
        if (!to) continue;
        m.delete(k);
        m.set(pk([...to, ...path.slice(2)]), v);
      }
    };
    for (const pr of problems) {
      const row = rows.get(pk([STEPS_KEY, pr.index]));
      const c = row?.columns.get(ARRANGEMENT_COLUMN);
      const sheet = row?.sheet ?? sheetNameOf(STEPS_KEY, lang);
      // Columns and sheets named as the workbook names them (Dutch or English).
      const arrSheet = sheetOf.get("arrangements") ?? sheetNameOf("arrangements", lang);
      const column = dutchSheets.has(sheet) ? columnLabel(ARRANGEMENT_COLUMN, "nl") : ARRANGEMENT_COLUMN;
      problem(sheet, row ? (c !== undefined ? `${columnLetter(c)}${row.row}` : `${row.row}:${row.row}`) : undefined, column, [STEPS_KEY, pr.index], pr.code, { ...pr.params, column, sheet: arrSheet, stepsColumn: dutchSheets.has(arrSheet) ? columnLabel("steps", "nl") : "steps" });
    }
    rekey(cells);
    rekey(rows);
    unreadable.forEach((u, i) => { const to = u[0] === STEPS_KEY && typeof u[1] === "number" ? moved.get(u[1]) : undefined; if (to) unreadable[i] = [...to, ...u.slice(2)]; });
  }

  function readCaseSheet(ws: ExcelJS.Worksheet): void {
    const header = headerOf(ws);
    const find = (names: readonly string[]) => [...header].find(([, h]) => names.includes(h.toLowerCase()))?.[0];
    const fc = find(CASE_COLUMNS.field) ?? 1, vc = find(CASE_COLUMNS.value) ?? 2;
    const sheetKeys = new Set(keys.filter((k) => sheetSpec(k, undefined)));
    const known = caseFields(sheetKeys);
    const seen = new Map<string, string>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r === 1) return;
      const written = cellText(rawValue(row.getCell(fc)));
      const field = columnFromLabel(written);
      if (field !== written) dutchSheets.add(ws.name);
      const addr = `${columnLetter(vc)}${r}`;
      if (field === "") {
        const vr = rawValue(row.getCell(vc));
        if (!vr.ok || "date" in vr || vr.value !== undefined) problem(ws.name, addr, undefined, [], "noHeader");
        return;
      }
      const path = field.split(".");
      let s: Schema | undefined = caseSchema();
      for (const seg of path) s = s ? child(s, seg) : undefined;
      if (!s || sheetKeys.has(path[0]!)) {
        problem(ws.name, `${columnLetter(fc)}${r}`, written, path, "unknownField", { name: written, suggestion: suggest(written, [...known, ...known.map((x) => columnLabel(x, "nl"))]) });
        return;
      }
      if (seen.has(field)) { problem(ws.name, `${columnLetter(fc)}${r}`, written, path, "duplicateColumn", { name: written, other: seen.get(field) }); return; }
      seen.set(field, `${columnLetter(fc)}${r}`);
      caseFieldCells.set(field, addr);
      const got = readCell(ws, r, vc, written, path, s);
      if (got.ok && got.value !== undefined && !setPath(data, path, got.value)) conflictAt(ws.name, addr, field, path);
    });
  }

  function conflictAt(sheet: string, addr: string, column: string, path: Path): void {
    // The other cell is the one recorded for the nearest path that already has a value.
    let other: CellRef | undefined;
    for (const [k, ref] of cells) {
      const p = JSON.parse(k) as Path;
      const n = Math.min(p.length, path.length);
      if (ref.cell !== addr && p.slice(0, n).every((x, i) => x === path[i])) { other = ref; break; }
    }
    problem(sheet, addr, column, path, "conflict", { other: other ? `${other.sheet}!${other.cell}${other.column ? ` (${other.column})` : ""}` : "?" });
    unreadable.push(path);
  }

  function readListSheet(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
    const header = headerOf(ws);
    const columns = new Map<number, string>();
    const seen = new Map<string, string>();
    for (const [c, written] of header) {
      const addr = `${columnLetter(c)}1`;
      // A Dutch header (planning.soort) is the case file's key path (schedule.type).
      const h = columnFromLabel(written);
      if (h !== written) dutchSheets.add(ws.name);
      if (!knownColumn(spec, h)) { problem(ws.name, addr, written, [spec.key], "unknownColumn", { name: written, suggestion: suggest(written, [...spec.columns, ...spec.columns.map((x) => columnLabel(x, "nl"))]) }); continue; }
      if (seen.has(h)) { problem(ws.name, addr, written, [spec.key], "duplicateColumn", { name: written, other: seen.get(h) }); continue; }
      seen.set(h, addr);
      columns.set(c, h);
    }
    const colIndex = new Map([...columns].map(([c, h]) => [h, c]));
    const list: unknown[] = [];
    const map: Record<string, unknown> = {};
    const keyCells = new Map<string, string>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r === 1) return;
      let any = false;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const raw = rawValue(cell);
        if (raw.ok && !("date" in raw) && raw.value === undefined) return;
        if (columns.has(c)) any = true;
        else if (!header.has(c)) problem(ws.name, `${columnLetter(c)}${r}`, undefined, [spec.key], "noHeader");
      });
      if (!any) return;
      let base: Path;
      if (spec.kind === "array") base = [spec.key, list.length];
      else {
        const kc = colIndex.get(KEY_COLUMN);
        const kr = kc === undefined ? undefined : rawValue(row.getCell(kc));
        const id = kr ? cellText(kr) : "";
        const addr = `${columnLetter(kc ?? 1)}${r}`;
        if (id === "") { problem(ws.name, addr, KEY_COLUMN, [spec.key], "missingKey"); return; }
        if (keyCells.has(id)) { problem(ws.name, addr, KEY_COLUMN, [spec.key, id], "duplicateKey", { key: id, other: keyCells.get(id) }); return; }
        keyCells.set(id, addr);
        base = [spec.key, id];
      }
      rows.set(pk(base), { sheet: ws.name, row: r, columns: colIndex });
      const values = new Map<string, { value: unknown; addr: string }>();
      for (const [c, h] of columns) {
        if (spec.kind === "record" && h === KEY_COLUMN) continue;
        const path = [...base, ...columnPath(h)];
        const got = readCell(ws, r, c, header.get(c) ?? h, path, h === WHOLE ? undefined : schemaAt(spec.item, columnPath(h)));
        if (got.ok && got.value !== undefined) values.set(h, { value: got.value, addr: `${columnLetter(c)}${r}` });
      }
      let element: unknown;
      const whole = values.get(WHOLE);
      if (whole) {
        const other = [...values.keys()].find((h) => h !== WHOLE);
        if (other !== undefined) {
          problem(ws.name, values.get(other)!.addr, other, [...base, ...columnPath(other)], "conflict", { other: `${ws.name}!${whole.addr} (${WHOLE})` });
          unreadable.push(base);
        }
        element = whole.value;
      } else if (spec.kind === "record" && values.size === 1 && values.has(BARE_COLUMN)) {
        element = values.get(BARE_COLUMN)!.value;
      } else {
        const obj: Record<string, unknown> = {};
        for (const [h, { value, addr }] of values) if (!setPath(obj, columnPath(h), value)) conflictAt(ws.name, addr, h, [...base, ...columnPath(h)]);
        element = obj;
      }
      if (spec.kind === "array") list.push(element);
      else map[base[1] as string] = element;
    });
    data[spec.key] = spec.kind === "array" ? list : map;
  }

  const locate = (path: Path): Omit<SheetIssue, "path" | "code" | "message"> => {
    let cellHit: { n: number; ref: CellRef } | undefined;
    let rowHit: { n: number; ref: RowRef } | undefined;
    for (let n = path.length; n >= 0 && !cellHit; n--) {
      const ref = cells.get(pk(path.slice(0, n)));
      if (ref) cellHit = { n, ref };
    }
    for (let n = path.length; n >= 0 && !rowHit; n--) {
      const ref = rows.get(pk(path.slice(0, n)));
      if (ref) rowHit = { n, ref };
    }
    /** The column as the sheet names it (Dutch in a Dutch sheet), then the path inside its cell. */
    const inside = (column: string | undefined, rest: Path, sheet?: string) => {
      if (!column || column === WHOLE) return rest.length === 0 ? column : formatPath(rest);
      const label = sheet !== undefined && dutchSheets.has(sheet) ? columnLabel(column, "nl") : column;
      const tail = rest.length === 0 ? "" : formatPath(rest);
      return tail === "" ? label : tail.startsWith("[") ? label + tail : `${label}.${tail}`;
    };
    if (cellHit && (!rowHit || cellHit.n > rowHit.n)) {
      const column = cellHit.ref.column === undefined ? undefined : inside(cellHit.ref.column, path.slice(cellHit.n), cellHit.ref.sheet);
      return { sheet: cellHit.ref.sheet, cell: cellHit.ref.cell, ...(column ? { column } : {}) };
    }
    if (rowHit) {
      const rest = path.slice(rowHit.n);
      for (let m = rest.length; m >= 1; m--) {
        if (!rest.slice(0, m).every((x) => typeof x === "string")) continue;
        const col = rest.slice(0, m).join(".");
        const c = rowHit.ref.columns.get(col);
        if (c !== undefined) return { sheet: rowHit.ref.sheet, cell: `${columnLetter(c)}${rowHit.ref.row}`, column: inside(col, rest.slice(m), rowHit.ref.sheet) ?? col };
      }
      return { sheet: rowHit.ref.sheet, cell: `${rowHit.ref.row}:${rowHit.ref.row}`, ...(rest.length > 0 ? { column: formatPath(rest) } : {}) };
    }
    const first = path[0];
    if (typeof first === "string" && sheetSpec(first, undefined)) {
      return { sheet: sheetOf.get(first) ?? sheetNameOf(first), ...(path.length > 1 ? { column: formatPath(path.slice(1)) } : {}) };
    }
    if (path.length > 0) {
      for (let m = path.length; m >= 1; m--) {
        const addr = caseFieldCells.get(path.slice(0, m).join("."));
        if (addr) return { sheet: caseSheetName!, cell: addr, column: path.every((x) => typeof x === "string") && dutchSheets.has(caseSheetName!) ? columnLabel(path.join("."), "nl") : formatPath(path) };
      }
      return { sheet: caseSheetName ?? CASE_SHEET, column: formatPath(path) };
    }
    return {};
  };

  return { data, issues, locate, unreadable };
}

export async function loadWorkbook(buffer: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

export type WorkbookImport = { ok: true; data: Record<string, unknown>; model: Model } | { ok: false; issues: SheetIssue[]; data?: Record<string, unknown> };

const startsWith = (p: Path, q: Path) => q.length <= p.length && q.every((x, i) => x === p[i]);

/**
 * A workbook -> the case as data and its validated model, or every problem with its sheet,
 * cell and column: first the cells that cannot be read, then the engine's validation issues,
 * mapped back from their paths (`["effects", 5, "attribution"]` -> `Effects!F7`).
 */
export async function importWorkbook(buffer: Uint8Array, options: { lang?: Lang; limits?: ZipLimits } = {}): Promise<WorkbookImport> {
  const lang = options.lang ?? "nl";
  const gate = inspectWorkbookZip(buffer, options.limits);
  if (!gate.ok) return { ok: false, issues: [{ path: [], code: gate.code, message: ioMessage(gate.code, gate.params, lang), ...(gate.params.sheet ? { sheet: gate.params.sheet } : {}) }] };
  let wb: ExcelJS.Workbook;
  try {
    wb = await loadWorkbook(buffer);
  } catch (e) {
    return { ok: false, issues: [{ path: [], code: "notWorkbook", message: ioMessage("notWorkbook", { detail: (e as Error).message }, lang) }] };
  }
  const read = readCaseSheets(wb, lang);
  const v = validateCase(read.data, { lang });
  if (v.ok && read.issues.length === 0) return { ok: true, data: read.data, model: v.model };
  const validation = v.ok ? [] : v.issues
    // An issue about an unreadable cell, or about the element that cell belongs to (a required
    // field that is "missing" because its cell could not be read), is already reported.
    .filter((i) => !read.unreadable.some((u) => startsWith(i.path, u) || (i.path.length >= 2 && startsWith(u, i.path))))
    .map((i) => ({ ...i, ...read.locate(i.path) }));
  return { ok: false, issues: [...read.issues, ...validation], data: read.data };
}
