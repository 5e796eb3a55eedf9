/**
 * Reading the case's zod schema as data, so the spreadsheet code follows the schema instead of a
 * list of fields: which keys an object has, which values are lists of choices (drop-down lists),
 * which objects are small enough to spread over columns (`schedule.type`, `schedule.from`), and
 * which are lists or maps that travel in one cell. When a field is added to the schema, the
 * template, the export and the import pick it up without a change here.
 *
 * Only zod's definition objects (`schema._zod.def`) are read; nothing is parsed here.
 */
import type { z } from "zod";

type Def = {
  type: string;
  innerType?: Schema;
  shape?: Record<string, Schema>;
  options?: Schema[];
  element?: Schema;
  valueType?: Schema;
  getter?: () => Schema;
  in?: Schema;
  entries?: Record<string, string | number>;
  values?: unknown[];
};
export type Schema = z.ZodType;

const def = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Strips optional, default, nullable, readonly, catch and pipe wrappers (and resolves lazy ones when asked). */
export function unwrap(s: Schema, resolveLazy = false): Schema {
  for (;;) {
    const d = def(s);
    if ((d.type === "optional" || d.type === "default" || d.type === "nullable" || d.type === "readonly" || d.type === "catch" || d.type === "prefault" || d.type === "nonoptional") && d.innerType) s = d.innerType;
    else if (d.type === "pipe" && d.in) s = d.in;
    else if (resolveLazy && d.type === "lazy" && d.getter) s = d.getter();
    else return s;
  }
}

/** The alternatives of a (discriminated) union, or the schema itself; wrappers stripped. */
export function variants(s: Schema): Schema[] {
  const u = unwrap(s);
  const d = def(u);
  if (d.type === "union" && d.options) return d.options.flatMap(variants);
  return [u];
}

export const kindOf = (s: Schema): string => def(unwrap(s)).type;

/** The object alternatives of a schema (an object, or a union with object options). */
export function objectVariants(s: Schema): Schema[] {
  return variants(s).filter((v) => def(v).type === "object");
}

/** The keys of every object alternative, in schema order (first alternative first). */
export function objectKeys(s: Schema): string[] {
  const keys: string[] = [];
  for (const v of objectVariants(s)) for (const k of Object.keys(def(v).shape ?? {})) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/** The schema of `key` in the first object alternative that has it. */
export function child(s: Schema | undefined, key: string): Schema | undefined {
  if (!s) return undefined;
  for (const v of objectVariants(s)) {
    const c = def(v).shape?.[key];
    if (c) return c;
  }
  return undefined;
}

/** The element schema of an array (or of the array alternative of a union). */
export function elementOf(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  for (const v of variants(s)) if (def(v).type === "array") return def(v).element;
  return undefined;
}

/** The value schema of a record (a map from keys to values). */
export function recordValueOf(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  for (const v of variants(s)) if (def(v).type === "record") return def(v).valueType;
  return undefined;
}

export const isArray = (s: Schema | undefined): boolean => s !== undefined && variants(s).some((v) => def(v).type === "array");
export const isRecord = (s: Schema | undefined): boolean => s !== undefined && variants(s).some((v) => def(v).type === "record");

/** The choices when every alternative is an enum or a literal (partner kind, category, schedule type). */
export function choices(s: Schema | undefined): string[] | undefined {
  if (!s) return undefined;
  const out: string[] = [];
  for (const v of variants(s)) {
    const d = def(v);
    if (d.type === "enum" && d.entries) out.push(...Object.values(d.entries).map(String));
    else if (d.type === "literal" && d.values) out.push(...d.values.map(String));
    else return undefined;
  }
  return out;
}

/** Which plain value types a schema takes (for friendly coercion of what an analyst typed). */
export function accepts(s: Schema | undefined): { string: boolean; number: boolean; boolean: boolean } {
  const r = { string: false, number: false, boolean: false };
  if (!s) return { string: true, number: true, boolean: true };
  for (const v of variants(s)) {
    const d = def(v);
    if (d.type === "string" || d.type === "enum") r.string = true;
    else if (d.type === "number" || d.type === "int") r.number = true;
    else if (d.type === "boolean") r.boolean = true;
    else if (d.type === "literal") for (const x of d.values ?? []) r[typeof x === "number" ? "number" : typeof x === "boolean" ? "boolean" : "string"] = true;
    else if (d.type !== "object" && d.type !== "array" && d.type !== "record") return { string: true, number: true, boolean: true };
  }
  return r;
}

/** The description given with `.describe()` or `.meta()`, if any. */
export function description(s: Schema | undefined): string | undefined {
  if (!s) return undefined;
  let cur: Schema | undefined = s;
  while (cur) {
    const d = (cur as unknown as { description?: string }).description;
    if (d) return d;
    const inner: Schema | undefined = def(cur).innerType;
    cur = inner;
  }
  return undefined;
}

/**
 * The most keys an object may have (over all its alternatives) to be spread over columns: a
 * schedule (type, year, from, to, amounts) is; a distribution with a dozen parameters over its
 * kinds is not, and goes into one cell. Maps (records) and recursive schemas (keys) never spread.
 */
export const MAX_SPREAD_KEYS = 6;

/** Whether an object below a row is spread over `a.b` columns (only one level below the row). */
export function spreads(s: Schema | undefined, depth: number): boolean {
  if (!s || depth > 1) return false;
  if (variants(s).some((v) => def(v).type === "lazy" || def(v).type === "record")) return false;
  const objs = objectVariants(s);
  return objs.length > 0 && objectKeys(s).length <= MAX_SPREAD_KEYS;
}

/** The schema at a path inside a value of `root` (array indices and map keys step into elements and values). */
export function schemaAt(root: Schema | undefined, path: readonly (string | number)[]): Schema | undefined {
  let s = root;
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === "number") s = elementOf(s);
    else s = child(s, seg) ?? recordValueOf(s);
  }
  return s;
}
