/**
 * The generic flattening of a case into rows and columns, and back. Pure: no workbook here,
 * only values and column names, so the rules can be tested on their own.
 *
 * Rules (the same for every sheet, driven by the schema, see `schemaShape.ts`):
 * - one row per array element (partners, investments, ...); a map such as `parameters` gets one
 *   row per entry with its key in the `id` column;
 * - columns are the element's keys; a small nested object is spread over dot-path columns
 *   (`schedule.type`, `schedule.from`); lists, maps and large or recursive objects (arrangement
 *   steps, keys, explicit amounts, distributions) go into one cell as compact JSON (on import,
 *   YAML flow text such as `[zh, {partner: ggz, share: 2}]` is read too);
 * - a map entry that is a bare number or formula (`teamCost: 180000`) goes in the `value` column
 *   with nothing else on its row; an element that cannot be spread (a bare string in `sources`,
 *   an empty object, an object whose keys would not make column names) goes whole into the `*`
 *   column.
 *
 * Cells keep their type, so case -> workbook -> case is the identity: numbers are number cells,
 * booleans boolean cells, strings string cells (the formula "0.5" stays text, the number 0.5
 * stays a number), undefined is an empty cell and null the error value #N/A. A string cell that
 * starts with `[` or `{` is JSON (or YAML flow); a text that itself starts with `[`, `{` or `'`,
 * and the empty text, is written with one extra leading `'`, which the import removes.
 */
import YAML from "yaml";
import { child, isLocalText, objectKeys, objectVariants, spreads, variants, type Schema } from "./schemaShape.ts";

/** What a cell holds: `null` is the explicit null (#N/A in the workbook). */
export type CellValue = string | number | boolean | null;

/** The column that holds a whole element. */
export const WHOLE = "*";
/** The key column of a map's sheet, and the column of a bare map entry. */
export const KEY_COLUMN = "id";
export const BARE_COLUMN = "value";

const SAFE_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

const definedEntries = (o: Record<string, unknown>) => Object.entries(o).filter(([, v]) => v !== undefined);

/** A value as one cell. */
export function encodeCell(v: unknown): CellValue {
  if (v === null) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`encodeCell: not a finite number: ${v}`);
    return v;
  }
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return v === "" || /^['[{]/.test(v) ? `'${v}` : v;
  if (Array.isArray(v) || isPlainObject(v)) return JSON.stringify(v);
  throw new Error(`encodeCell: cannot store a ${typeof v} in a cell`);
}

export type Decoded = { ok: true; value: unknown } | { ok: false; detail: string };

/** One cell back to its value. */
export function decodeCell(c: CellValue): Decoded {
  if (typeof c !== "string") return { ok: true, value: c };
  if (c.startsWith("'")) return { ok: true, value: c.slice(1) };
  if (c.startsWith("[") || c.startsWith("{")) {
    try {
      return { ok: true, value: JSON.parse(c) as unknown };
    } catch {
      // Not JSON: an analyst may write YAML flow text, `[zh, ggz]` or `{type: once, year: 2026}`.
      const doc = YAML.parseDocument(c, { version: "1.2", uniqueKeys: true, prettyErrors: false });
      if (doc.errors.length > 0) return { ok: false, detail: doc.errors[0]!.message.split("\n")[0]! };
      return { ok: true, value: doc.toJS() as unknown };
    }
  }
  return { ok: true, value: c };
}

/** Whether an object at `depth` below the row is spread over columns (its keys make column names). */
function spreadable(v: Record<string, unknown>, schema: Schema | undefined, depth: number): boolean {
  const entries = definedEntries(v);
  return entries.length > 0 && entries.every(([k]) => SAFE_KEY.test(k)) && spreads(schema, depth);
}

function flattenFields(obj: Record<string, unknown>, schema: Schema | undefined, prefix: string, depth: number, out: Map<string, CellValue>): void {
  for (const [k, v] of definedEntries(obj)) {
    const path = prefix === "" ? k : `${prefix}.${k}`;
    const s = child(schema, k);
    if (isPlainObject(v) && spreadable(v, s, depth + 1)) flattenFields(v, s, path, depth + 1, out);
    else out.set(path, encodeCell(v));
  }
}

/** The top-level fields of an object (the case's scalar fields), as dot paths -> cells. */
export function flattenObject(obj: Record<string, unknown>, schema: Schema | undefined): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  flattenFields(obj, schema, "", 0, out);
  return out;
}

/** One array element as a row: column -> cell. */
export function flattenElement(value: unknown, schema: Schema | undefined): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  // A text in both languages (a source in the list of sources) stays whole, in one cell.
  if (isPlainObject(value) && !isLocalText(schema) && definedEntries(value).length > 0 && definedEntries(value).every(([k]) => SAFE_KEY.test(k))) flattenFields(value, schema, "", 0, out);
  else out.set(WHOLE, encodeCell(value));
  return out;
}

/** One map entry as a row: column -> cell (the key column not included). */
export function flattenEntry(value: unknown, schema: Schema | undefined): Map<string, CellValue> {
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return new Map([[BARE_COLUMN, encodeCell(value)]]);
  const out = new Map<string, CellValue>();
  const ok = isPlainObject(value) && !(KEY_COLUMN in value) && definedEntries(value).length > 0 && definedEntries(value).every(([k]) => SAFE_KEY.test(k));
  if (ok) flattenFields(value, schema, "", 0, out);
  // An object with only `value` would read back as a bare entry: keep it whole.
  if (!ok || (out.size === 1 && out.has(BARE_COLUMN))) return new Map([[WHOLE, encodeCell(value)]]);
  return out;
}

/**
 * The columns a schema gives a row, in schema order: each key, or for a small object its dot
 * paths (and the key itself when the object may also be a plain value, as `production: true`).
 */
export function schemaColumns(schema: Schema | undefined, prefix = "", depth = 0): string[] {
  if (!schema) return [];
  const cols: string[] = [];
  for (const k of objectKeys(schema)) {
    const path = prefix === "" ? k : `${prefix}.${k}`;
    const s = child(schema, k);
    if (spreads(s, depth + 1)) {
      if (objectVariants(s!).length < variants(s!).length) cols.push(path);
      cols.push(...schemaColumns(s, path, depth + 1));
    } else cols.push(path);
  }
  return cols;
}

/** Where a value goes when a column's dot path is set: `schedule.from` -> ["schedule", "from"]. */
export function columnPath(column: string): string[] {
  return column === WHOLE ? [] : column.split(".");
}

/**
 * Sets `value` at `path` inside `target`, creating objects on the way. Returns false when the
 * path runs through a value that is not an object (two cells that say different things about
 * one field, such as `production` = TRUE next to a `production.providers` cell).
 */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): boolean {
  let cur: Record<string, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    if (cur[k] === undefined) cur[k] = {};
    const next = cur[k];
    if (!isPlainObject(next)) return false;
    cur = next;
  }
  const last = path[path.length - 1]!;
  if (cur[last] !== undefined) return false;
  cur[last] = value;
  return true;
}
