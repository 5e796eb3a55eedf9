/**
 * The public JSON Schema of case files, generated from the zod schemas (input side: defaults are
 * optional). `bcase schema` prints it, `schema/case.schema.json` is a committed copy (a test keeps
 * them equal), editors use it for completion, and the workbook reads its shape from it
 * (io/workbook/schemaShape.ts), so nothing outside this folder reads zod's internals.
 */
import { z } from "zod";
import { Case } from "./case.ts";
import { fieldDoc } from "./docs.ts";

/** A JSON Schema node (draft 2020-12), as plain data. */
export type JsonSchema = { [key: string]: unknown };

let cached: JsonSchema | undefined;

/**
 * Every field's documentation (docs.ts) on its property: `description` in English (what most
 * tools read), `x-description-nl` in Dutch, `markdownDescription` with both, Dutch first (what
 * the YAML language server and VS Code show on hover), and `examples`. The recursive allocation
 * key is `$defs.Key`. Returns the paths of fields without documentation (a test keeps it empty).
 */
export function annotate(root: JsonSchema): string[] {
  const defs = (root.$defs ?? {}) as Record<string, JsonSchema>;
  // zod names the recursive key `__schema0`; give it its name.
  for (const [name, def] of Object.entries(defs)) {
    if (!name.startsWith("__schema")) continue;
    const text = JSON.stringify(def);
    if (text.includes('"inhabitants"') && text.includes('"by-year"')) {
      defs.Key = def;
      delete defs[name];
      const rename = (n: unknown): void => {
        if (Array.isArray(n)) n.forEach(rename);
        else if (n && typeof n === "object") for (const [k, v] of Object.entries(n)) { if (k === "$ref" && v === `#/$defs/${name}`) (n as JsonSchema).$ref = "#/$defs/Key"; else rename(v); }
      };
      rename(root);
    }
  }
  const missing = new Set<string>();
  const seen = new Set<JsonSchema>();
  const walk = (s: JsonSchema | undefined, path: string): void => {
    if (!s || typeof s !== "object" || seen.has(s)) return;
    seen.add(s);
    for (const k of ["anyOf", "oneOf", "allOf"]) if (Array.isArray(s[k])) (s[k] as JsonSchema[]).forEach((x) => walk(x, path));
    if (s.properties && typeof s.properties === "object") {
      for (const [k, v] of Object.entries(s.properties as Record<string, JsonSchema>)) {
        const p = `${path}.${k}`;
        const doc = fieldDoc(p);
        if (doc) Object.assign(v, { description: doc.en, "x-description-nl": doc.nl, markdownDescription: `${doc.nl}\n\n*${doc.en}*`, examples: doc.examples });
        else missing.add(p);
        walk(v, p);
      }
    }
    if (s.items && typeof s.items === "object") (Array.isArray(s.items) ? (s.items as JsonSchema[]) : [s.items as JsonSchema]).forEach((x) => walk(x, `${path}[]`));
    if (Array.isArray(s.prefixItems)) (s.prefixItems as JsonSchema[]).forEach((x) => walk(x, `${path}[]`));
    if (s.additionalProperties && typeof s.additionalProperties === "object") walk(s.additionalProperties as JsonSchema, `${path}.*`);
  };
  walk(root, "(case)");
  for (const [name, def] of Object.entries(defs)) walk(def, name);
  return [...missing];
}

/** The JSON Schema of a case file. A fresh deep copy each call, so callers may not change the shared one. */
export function caseJsonSchema(): JsonSchema {
  if (!cached) {
    cached = z.toJSONSchema(Case, { io: "input", unrepresentable: "any" }) as JsonSchema;
    annotate(cached);
  }
  return structuredClone(cached);
}
