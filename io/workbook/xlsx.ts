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
import { Case, formatPath, suggest, validateCase, type Evaluation, type Issue, type Lang, type Model, type Path } from "../../engine/index.ts";
import { BARE_COLUMN, KEY_COLUMN, WHOLE, columnPath, decodeCell, flattenElement, flattenEntry, flattenObject, isPlainObject, schemaColumns, setPath, type CellValue } from "./flatten.ts";
import { CASE_COLUMNS, CASE_EXPLANATION_HEADER, CASE_SHEET, CASE_SHEET_ALIASES, IGNORED_SHEETS, RESULT_SHEETS, SHEET_ALIASES, bilingualNote, columnNote, sheetNameOf } from "./labels.ts";
import { ioMessage } from "./messages.ts";
import { outcomesTable, potsTable, provenanceTable, summaryTable, transfersTable, wrongPocketTable, ledgerTable, yearlyTable, type ColumnKind, type Table } from "../results.ts";
import { ARRANGEMENT_COLUMN, joinStepRows, STEP_SCHEMA, STEPS_KEY, withStepRows } from "./steps.ts";
import { accepts, CASE_SCHEMA, child, choices, elementOf, isArray, isRecord, objectKeys, objectVariants, recordValueOf, schemaAt, type Schema } from "./schemaShape.ts";

const ROOT = CASE_SCHEMA;
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
  if (key === STEPS_KEY) return value === undefined || Array.isArray(value) ? { key, kind: "array", item: STEP_SCHEMA, columns: [ARRANGEMENT_COLUMN, ...schemaColumns(STEP_SCHEMA)] } : undefined;
  const s = child(ROOT, key);
  const asArray = s ? isArray(s) : Array.isArray(value);
  const asRecord = s ? isRecord(s) && !asArray : false;
  // A value of the wrong shape (invalid data) stays a plain field, so it still travels.
  if (asArray && (value === undefined || Array.isArray(value))) {
    const item = elementOf(s);
    const cols = item && objectVariants(item).length > 0 ? schemaColumns(item) : [WHOLE];
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
  const keys = objectKeys(ROOT);
  keys.splice(keys.indexOf("arrangements") + 1, 0, STEPS_KEY);
  for (const k of Object.keys(data ?? {})) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** The Case sheet's fields from the schema (dot paths for small objects). */
function caseFields(sheetKeys: ReadonlySet<string>): string[] {
  return schemaColumns(ROOT).filter((c) => !sheetKeys.has(c.split(".")[0]!));
}

// ---------------------------------------------------------------- writing

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE7F0" } };

function writeCell(cell: ExcelJS.Cell, v: CellValue): void {
  cell.value = v === null ? { error: "#N/A" as ExcelJS.ErrorValue } : v;
}

function styleHeader(ws: ExcelJS.Worksheet, ncols: number): void {
  const row = ws.getRow(1);
  row.font = { bold: true };
  for (let c = 1; c <= ncols; c++) row.getCell(c).fill = HEADER_FILL;
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

function fitWidths(ws: ExcelJS.Worksheet, ncols: number, min = 8, max = 60): void {
  for (let c = 1; c <= ncols; c++) {
    let w = min;
    ws.getColumn(c).eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value;
      const text = v === null || v === undefined ? "" : typeof v === "object" ? (v instanceof Date ? "2000-01-01" : "#N/A") : String(v);
      w = Math.max(w, Math.min(max, text.length + 2));
    });
    ws.getColumn(c).width = w;
  }
}

function listValidation(values: readonly string[]): ExcelJS.DataValidation | undefined {
  const text = values.join(",");
  // Excel limits an inline list to 255 characters.
  if (text.length > 250 || values.some((v) => v.includes(","))) return undefined;
  return { type: "list", allowBlank: true, formulae: [`"${text}"`], showErrorMessage: true, errorStyle: "warning", error: values.join(", ") };
}

/** exceljs has range data validations (`sheet.dataValidations.add("E2:E1000", ...)`) but does not type them. */
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;

const columnLetter = (n: number): string => {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** Writes the Case sheet and one sheet per list or map. With no data: the empty template. */
function writeCaseSheets(wb: ExcelJS.Workbook, input: Record<string, unknown> | undefined): void {
  const data = input && withStepRows(input);
  const keys = topKeys(data);
  const specs = keys.map((k) => sheetSpec(k, data?.[k])).filter((s): s is SheetSpec => s !== undefined);
  const sheetKeys = new Set(specs.map((s) => s.key));

  // Case sheet.
  const ws = wb.addWorksheet(CASE_SHEET);
  ws.addRow([CASE_COLUMNS.field[0], CASE_COLUMNS.value[0], CASE_EXPLANATION_HEADER]);
  styleHeader(ws, 3);
  const top: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data ?? {})) if (!sheetKeys.has(k)) top[k] = v;
  const values = flattenObject(top, ROOT);
  const fields = caseFields(sheetKeys);
  for (const f of values.keys()) if (!fields.includes(f)) fields.push(f);
  fields.forEach((f, i) => {
    const r = ws.getRow(i + 2);
    r.getCell(1).value = f;
    if (values.has(f)) writeCell(r.getCell(2), values.get(f)!);
    const nl = columnNote("case", f, "nl"), en = columnNote("case", f, "en");
    if (nl) r.getCell(3).value = nl === en ? nl : `${nl} / ${en}`;
    const opts = choices(schemaAt(ROOT, f.split(".")));
    const dv = opts && listValidation(opts);
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
    const sheet = wb.addWorksheet(sheetNameOf(spec.key));
    sheet.addRow(columns);
    styleHeader(sheet, columns.length);
    columns.forEach((c, i) => {
      const note = bilingualNote(spec.key, c);
      if (note) sheet.getRow(1).getCell(i + 1).note = note;
      const opts = c === WHOLE || c === KEY_COLUMN ? undefined : choices(schemaAt(spec.item, columnPath(c)));
      const dv = opts && listValidation(opts);
      if (dv) validations(sheet).add(`${columnLetter(i + 1)}2:${columnLetter(i + 1)}${VALIDATED_ROWS}`, dv);
    });
    rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2);
      if (r.key !== undefined) row.getCell(1).value = r.key;
      for (const [c, cell] of r.cells) writeCell(row.getCell(columns.indexOf(c) + 1), cell);
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
  for (const f of caseFields(new Set(specs.map((s) => s.key)))) ws.addRow([CASE_SHEET, f, columnNote("case", f, "nl") ?? "", columnNote("case", f, "en") ?? ""]);
  for (const s of specs) for (const c of s.columns) ws.addRow([sheetNameOf(s.key), c, columnNote(s.key, c, "nl") ?? "", columnNote(s.key, c, "en") ?? ""]);
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

const EURO_FORMAT = '"€ "#,##0.00;[Red]-"€ "#,##0.00';
const FORMATS: Partial<Record<ColumnKind, string>> = { euro: EURO_FORMAT, ratio: "0.00", percent: "0.0%", year: "0", int: "0", number: "#,##0.00" };

function writeTable(wb: ExcelJS.Workbook, name: string, t: Table, lang: Lang): void {
  const ws = wb.addWorksheet(name);
  ws.addRow(t.columns.map((c) => c.label[lang]));
  styleHeader(ws, t.columns.length);
  for (const r of t.rows) ws.addRow(r.map((v, i) => (v !== null && t.columns[i]!.kind === "euro" && typeof v === "number" ? v / 100 : v)));
  t.columns.forEach((c, i) => {
    const f = FORMATS[c.kind];
    if (f) ws.getColumn(i + 1).numFmt = f;
  });
  fitWidths(ws, t.columns.length, 10, 40);
  t.columns.forEach((c, i) => { if (c.kind === "euro") ws.getColumn(i + 1).width = Math.max(ws.getColumn(i + 1).width ?? 10, 16); });
  if (t.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.columns.length } };
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
  writeCaseSheets(wb, undefined);
  writeReadme(wb, lang);
  return toBuffer(wb);
}

/** A case (as data, as read from its file) as a workbook: only the case sheets. */
export async function caseWorkbook(data: Record<string, unknown>): Promise<Buffer> {
  const wb = newWorkbook();
  writeCaseSheets(wb, data);
  return toBuffer(wb);
}

/** The results of an evaluation first, then the case sheets (so importing the file gives the case back). */
export async function resultsWorkbook(data: Record<string, unknown>, ev: Evaluation, lang: Lang = "nl"): Promise<Buffer> {
  const wb = newWorkbook();
  const N = RESULT_SHEETS[lang];
  writeTable(wb, N.summary, summaryTable(ev, lang), lang);
  writeTable(wb, N.yearly, yearlyTable(ev, lang), lang);
  writeTable(wb, N.ledger, ledgerTable(ev), lang);
  writeTable(wb, N.transfers, transfersTable(ev), lang);
  writeTable(wb, N.pots, potsTable(ev), lang);
  writeTable(wb, N.wrongPocket, wrongPocketTable(ev), lang);
  if (ev.outcomes.length > 0) writeTable(wb, N.outcomes, outcomesTable(ev), lang);
  const prov = provenanceTable(ev);
  if (prov.rows.length > 0) writeTable(wb, N.provenance, prov, lang);
  writeCaseSheets(wb, data);
  writeReadme(wb, lang);
  return toBuffer(wb);
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
  const where = i.sheet === undefined ? formatPath(i.path) : `${i.sheet}${i.cell ? `!${i.cell}` : ""}${i.column ? ` (${i.column})` : ""}`;
  return `${file ? `${file}: ` : ""}${where}: ${i.message}`;
}

interface CellRef { sheet: string; cell: string; column?: string }
interface RowRef { sheet: string; row: number; columns: Map<string, number> }

const pk = (p: Path) => JSON.stringify(p);

type Raw = { ok: true; value: CellValue | undefined } | { ok: false; code: string; detail?: string };

/** What exceljs gives for a cell, as a cell value (formulas by their computed result). */
function rawValue(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return { ok: true, value: undefined };
  if (typeof v === "number" || typeof v === "boolean") return { ok: true, value: v };
  if (typeof v === "string") return { ok: true, value: v === "" ? undefined : v };
  if (v instanceof Date) return { ok: false, code: "dateCell" };
  const o = v as unknown as Record<string, unknown>;
  if ("error" in o) return o.error === "#N/A" ? { ok: true, value: null } : { ok: false, code: "errorCell", detail: String(o.error) };
  if ("richText" in o && Array.isArray(o.richText)) return { ok: true, value: (o.richText as { text: string }[]).map((t) => t.text).join("") || undefined };
  if ("formula" in o || "sharedFormula" in o) return o.result === undefined ? { ok: false, code: "formulaNoResult" } : rawValue(o.result as ExcelJS.CellValue);
  if ("text" in o && typeof o.text === "string") return { ok: true, value: o.text === "" ? undefined : o.text };
  return { ok: false, code: "unreadableCell" };
}

/**
 * Friendly reading of what an analyst typed, only where the schema leaves one reading: a number
 * in a text-only field becomes text (a label "2025"), a text that is a number in a number-only
 * field becomes a number ("0,5" too), ja/nee/true/false in a yes/no field a boolean. What the
 * export writes never needs this, so round trips are unaffected.
 */
function coerce(v: unknown, s: Schema | undefined): unknown {
  if (!s) return v;
  const a = accepts(s);
  if (typeof v === "number" && a.string && !a.number) return String(v);
  if (typeof v === "string" && a.number && !a.string) {
    const t = v.trim().replace(/^(-?\d+),(\d+)$/, "$1.$2");
    if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
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
  const data: Record<string, unknown> = {};
  const issues: SheetIssue[] = [];
  const unreadable: Path[] = [];
  const cells = new Map<string, CellRef>();
  const rows = new Map<string, RowRef>();
  const sheetOf = new Map<string, string>();
  const caseFieldCells = new Map<string, string>();
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
    const raw = rawValue(cell.value);
    if (!raw.ok) {
      problem(ws.name, addr, column, path, raw.code, { detail: raw.detail });
      unreadable.push(path);
      return { ok: false };
    }
    if (raw.value === undefined) return { ok: true };
    const d = decodeCell(raw.value);
    if (!d.ok) {
      problem(ws.name, addr, column, path, "badCell", { detail: d.detail });
      unreadable.push(path);
      return { ok: false };
    }
    cells.set(pk(path), { sheet: ws.name, cell: addr, column });
    return { ok: true, value: typeof raw.value === "string" && /^[[{]/.test(raw.value) ? d.value : coerce(d.value, s) };
  };

  const headerOf = (ws: ExcelJS.Worksheet) => {
    const header = new Map<number, string>();
    ws.getRow(1).eachCell({ includeEmpty: false }, (cell, c) => {
      const raw = rawValue(cell.value);
      const text = raw.ok && raw.value !== undefined && raw.value !== null ? String(raw.value).trim() : "";
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
      problem(row?.sheet ?? sheetNameOf(STEPS_KEY), row ? (c !== undefined ? `${columnLetter(c)}${row.row}` : `${row.row}:${row.row}`) : undefined, ARRANGEMENT_COLUMN, [STEPS_KEY, pr.index], pr.code, pr.params);
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
      const fr = rawValue(row.getCell(fc).value);
      const field = fr.ok && fr.value !== undefined && fr.value !== null ? String(fr.value).trim() : "";
      const addr = `${columnLetter(vc)}${r}`;
      if (field === "") {
        const vr = rawValue(row.getCell(vc).value);
        if (!vr.ok || vr.value !== undefined) problem(ws.name, addr, undefined, [], "noHeader");
        return;
      }
      const path = field.split(".");
      let s: Schema | undefined = ROOT;
      for (const seg of path) s = s ? child(s, seg) : undefined;
      if (!s || sheetKeys.has(path[0]!)) {
        problem(ws.name, `${columnLetter(fc)}${r}`, field, path, "unknownField", { name: field, suggestion: suggest(field, known) });
        return;
      }
      if (seen.has(field)) { problem(ws.name, `${columnLetter(fc)}${r}`, field, path, "duplicateColumn", { name: field, other: seen.get(field) }); return; }
      seen.set(field, `${columnLetter(fc)}${r}`);
      caseFieldCells.set(field, addr);
      const got = readCell(ws, r, vc, field, path, s);
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
    for (const [c, h] of header) {
      const addr = `${columnLetter(c)}1`;
      if (!knownColumn(spec, h)) { problem(ws.name, addr, h, [spec.key], "unknownColumn", { name: h, suggestion: suggest(h, spec.columns) }); continue; }
      if (seen.has(h)) { problem(ws.name, addr, h, [spec.key], "duplicateColumn", { name: h, other: seen.get(h) }); continue; }
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
        const raw = rawValue(cell.value);
        if (raw.ok && raw.value === undefined) return;
        if (columns.has(c)) any = true;
        else if (!header.has(c)) problem(ws.name, `${columnLetter(c)}${r}`, undefined, [spec.key], "noHeader");
      });
      if (!any) return;
      let base: Path;
      if (spec.kind === "array") base = [spec.key, list.length];
      else {
        const kc = colIndex.get(KEY_COLUMN);
        const kr = kc === undefined ? undefined : rawValue(row.getCell(kc).value);
        const id = kr && kr.ok && kr.value !== undefined && kr.value !== null ? String(kr.value).trim() : "";
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
        const got = readCell(ws, r, c, h, path, h === WHOLE ? undefined : schemaAt(spec.item, columnPath(h)));
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
    const inside = (column: string | undefined, rest: Path) => {
      const p = [...(column && column !== WHOLE ? columnPath(column) : []), ...rest];
      return p.length === 0 ? column : formatPath(p);
    };
    if (cellHit && (!rowHit || cellHit.n > rowHit.n)) {
      return { sheet: cellHit.ref.sheet, cell: cellHit.ref.cell, ...(inside(cellHit.ref.column, path.slice(cellHit.n)) ? { column: inside(cellHit.ref.column, path.slice(cellHit.n))! } : {}) };
    }
    if (rowHit) {
      const rest = path.slice(rowHit.n);
      for (let m = rest.length; m >= 1; m--) {
        if (!rest.slice(0, m).every((x) => typeof x === "string")) continue;
        const col = rest.slice(0, m).join(".");
        const c = rowHit.ref.columns.get(col);
        if (c !== undefined) return { sheet: rowHit.ref.sheet, cell: `${columnLetter(c)}${rowHit.ref.row}`, column: inside(col, rest.slice(m)) ?? col };
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
        if (addr) return { sheet: caseSheetName!, cell: addr, column: formatPath(path) };
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
export async function importWorkbook(buffer: Uint8Array, options: { lang?: Lang } = {}): Promise<WorkbookImport> {
  const lang = options.lang ?? "nl";
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
