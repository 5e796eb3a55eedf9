/**
 * Reading the case's public JSON Schema (`bcase schema`, schema/case.schema.json) as data, so the
 * spreadsheet code follows the schema instead of a list of fields: which keys an object has,
 * which values are lists of choices (drop-down lists), which objects are small enough to spread
 * over columns (`schedule.type`, `schedule.from`), and which are lists or maps that travel in one
 * cell. When a field is added to the schema, the template, the export and the import pick it up
 * without a change here.
 *
 * Only the JSON Schema keywords zod's generator writes are read: `type`, `properties`, `items`,
 * `additionalProperties` (a schema: a map), `enum`, `const`, `anyOf`/`oneOf`, `$ref` into
 * `$defs` (recursive parts such as keys), `description`. Nothing is parsed or validated here.
 */
import { caseJsonSchema, type JsonSchema } from "../../engine/index.ts";

export type Schema = JsonSchema;

let schema: Schema | undefined;
/**
 * The case's JSON Schema: the root every path starts from, and where `$ref`s point. Made at its
 * first use (about 40 ms), not when the module loads: the command line loads this module for
 * every command (dist/cli/bcase.cjs), and only the workbook commands read it.
 */
export const caseSchema = (): Schema => (schema ??= caseJsonSchema());

/** A `$ref` ("#/$defs/Name") resolved to its schema; other nodes as they are. */
function deref(s: Schema): Schema {
  const ref = s.$ref;
  if (typeof ref === "string" && ref.startsWith("#/$defs/")) return ((caseSchema().$defs ?? {}) as Record<string, Schema>)[ref.slice("#/$defs/".length)] ?? {};
  return s;
}

const isRef = (s: Schema): boolean => typeof s.$ref === "string";
const typeList = (s: Schema): string[] => (Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === "string" ? [s.type] : []);
const isObject = (s: Schema): boolean => typeList(s).includes("object") && typeof s.properties === "object";
const isMap = (s: Schema): boolean => typeList(s).includes("object") && typeof s.additionalProperties === "object" && s.additionalProperties !== null;
const isArrayNode = (s: Schema): boolean => typeList(s).includes("array");

/** The alternatives of a union (`anyOf`/`oneOf`, nested ones flattened), or the schema itself. */
export function variants(s: Schema): Schema[] {
  const d = deref(s);
  const alts = (d.anyOf ?? d.oneOf) as Schema[] | undefined;
  if (Array.isArray(alts)) return alts.flatMap(variants);
  return [d];
}

/** The object alternatives of a schema (an object, or a union with object options). */
export function objectVariants(s: Schema): Schema[] {
  return variants(s).filter(isObject);
}

/** The keys of every object alternative, in schema order (first alternative first). */
export function objectKeys(s: Schema): string[] {
  const keys: string[] = [];
  for (const v of objectVariants(s)) for (const k of Object.keys(v.properties as object)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/**
 * The schema of `key` over every object alternative that has it: one alternative's own schema,
 * or a union of them (a schedule's `type` is `once`, `recurring` or `explicit`, one per
 * alternative, and a drop-down offers all three).
 */
export function child(s: Schema | undefined, key: string): Schema | undefined {
  if (!s) return undefined;
  const found: Schema[] = [];
  for (const v of objectVariants(s)) {
    const c = (v.properties as Record<string, Schema>)[key];
    if (c) found.push(c);
  }
  return found.length === 0 ? undefined : found.length === 1 ? found[0] : { anyOf: found };
}

/** The element schema of an array (or of the array alternative of a union). */
export function elementOf(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  for (const v of variants(s)) if (isArrayNode(v)) return (v.items as Schema | undefined) ?? {};
  return undefined;
}

/** The value schema of a map (an object whose keys are data: amounts by year, weights by partner). */
export function recordValueOf(s: Schema | undefined): Schema | undefined {
  if (!s) return undefined;
  for (const v of variants(s)) if (isMap(v)) return v.additionalProperties as Schema;
  return undefined;
}

export const isArray = (s: Schema | undefined): boolean => s !== undefined && variants(s).some(isArrayNode);
export const isRecord = (s: Schema | undefined): boolean => s !== undefined && variants(s).some(isMap);

/** The choices when every alternative is an enum or a constant (partner kind, category, schedule type). */
export function choices(s: Schema | undefined): string[] | undefined {
  if (!s) return undefined;
  const out: string[] = [];
  for (const v of variants(s)) {
    if (Array.isArray(v.enum)) out.push(...v.enum.map(String));
    else if ("const" in v) out.push(String(v.const));
    else return undefined;
  }
  return [...new Set(out)];
}

/** Which plain value types a schema takes (for friendly coercion of what an analyst typed). */
export function accepts(s: Schema | undefined): { string: boolean; number: boolean; boolean: boolean } {
  const r = { string: false, number: false, boolean: false };
  if (!s) return { string: true, number: true, boolean: true };
  for (const v of variants(s)) {
    if ("const" in v || Array.isArray(v.enum)) {
      const values = Array.isArray(v.enum) ? v.enum : [v.const];
      for (const x of values) r[typeof x === "number" ? "number" : typeof x === "boolean" ? "boolean" : "string"] = true;
      continue;
    }
    const types = typeList(v);
    if (types.length === 0) return { string: true, number: true, boolean: true };
    for (const t of types) {
      if (t === "string") r.string = true;
      else if (t === "number" || t === "integer") r.number = true;
      else if (t === "boolean") r.boolean = true;
      else if (t !== "object" && t !== "array" && t !== "null") return { string: true, number: true, boolean: true };
    }
  }
  return r;
}

/** The schema's description in Dutch (`x-description-nl`) or English (`description`), also of a union of alternatives (the first that has one). */
export function describe(s: Schema | undefined, lang: "nl" | "en"): string | undefined {
  if (!s) return undefined;
  const key = lang === "nl" ? "x-description-nl" : "description";
  const d = s[key] ?? deref(s)[key];
  if (typeof d === "string") return d;
  const alts = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(alts)) for (const a of alts) { const x = describe(a, lang); if (x) return x; }
  return undefined;
}

/**
 * The most keys an object may have (over all its alternatives) to be spread over columns: a
 * schedule (type, year, from, to, amounts) is; a distribution with a dozen parameters over its
 * kinds is not, and goes into one cell. Maps and recursive schemas (keys) never spread.
 */
export const MAX_SPREAD_KEYS = 6;

/**
 * Whether a schema is a text for people: a string, or the same text in both languages
 * (`{nl, en}`). Such a text stays in one cell (`{"nl": "...", "en": "..."}` when it has both),
 * so a sheet keeps one `label` column instead of three.
 */
export function isLocalText(s: Schema | undefined): boolean {
  if (!s) return false;
  // Every alternative a string or {nl, en} (a field that is a text in several step types is a union of the same two).
  const vs = variants(s);
  const bilingual = (v: Schema) => isObject(v) && Object.keys(v.properties as object).sort().join(",") === "en,nl";
  const text = (v: Schema) => typeList(v).length === 1 && typeList(v)[0] === "string";
  return vs.some(text) && vs.some(bilingual) && vs.every((v) => text(v) || bilingual(v));
}

/** Whether an object below a row is spread over `a.b` columns (only one level below the row). */
export function spreads(s: Schema | undefined, depth: number): boolean {
  if (!s || depth > 1 || isLocalText(s)) return false;
  if (isRef(s) || variants(s).some((v) => isMap(v))) return false;
  const alts = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(alts) && alts.some(isRef)) return false;
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
