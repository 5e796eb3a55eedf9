/**
 * The case's JSON Schema documents every field (Dutch and English, with examples), so an editor
 * shows a hint on hover; docs/case-file.md's field reference is generated from it and kept in sync.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { Case, caseJsonSchema, type JsonSchema } from "../../engine/index.ts";
import { annotate } from "../../engine/case/schema/jsonSchema.ts";
import { fieldReference, withFieldReference } from "../../scripts/caseFileDocs.ts";

/** Every property node of a schema, with its path. */
function properties(root: JsonSchema): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  const walk = (s: unknown, path: string): void => {
    if (!s || typeof s !== "object") return;
    const n = s as JsonSchema;
    for (const k of ["anyOf", "oneOf"]) if (Array.isArray(n[k])) (n[k] as unknown[]).forEach((x) => walk(x, path));
    if (n.properties) for (const [k, v] of Object.entries(n.properties as Record<string, JsonSchema>)) { out.push([`${path}.${k}`, v]); walk(v, `${path}.${k}`); }
    if (n.items) walk(n.items, `${path}[]`);
    if (n.additionalProperties) walk(n.additionalProperties, `${path}.*`);
  };
  walk(root, "(case)");
  for (const [name, def] of Object.entries((root.$defs ?? {}) as Record<string, JsonSchema>)) walk(def, name);
  return out;
}

describe("the case's JSON Schema documents every field", () => {
  it("no field lacks documentation (a new field in a zod schema needs an entry in engine/case/schema/docs.ts)", () => {
    expect(annotate(z.toJSONSchema(Case, { io: "input", unrepresentable: "any" }) as JsonSchema)).toEqual([]);
  });

  it("every property has an English description, a Dutch x-description-nl, a markdownDescription with both (what the YAML language server shows on hover) and examples", () => {
    const props = properties(caseJsonSchema());
    expect(props.length).toBeGreaterThan(200);
    for (const [path, s] of props) {
      expect(typeof s.description, path).toBe("string");
      expect(typeof s["x-description-nl"], path).toBe("string");
      expect(s.markdownDescription, path).toBe(`${s["x-description-nl"]}\n\n*${s.description}*`);
      expect(Array.isArray(s.examples) && s.examples.length > 0, path).toBe(true);
    }
    // Context decides: a schedule's `from` is a year, a shared-savings step's `from` a partner.
    const schema = JSON.stringify(caseJsonSchema());
    expect(schema).toContain('"x-description-nl":"Bij recurring: eerste jaar (standaard: begin van de looptijd)."');
    expect(schema).toContain('"x-description-nl":"Partner waar de besparingen landen en die een deel doorgeeft."');
  });

  it("docs/case-file.md holds the field reference generated from the schema (npm run docs:case-file)", () => {
    const doc = readFileSync("docs/case-file.md", "utf8");
    expect(doc, "docs/case-file.md is out of date: run npm run docs:case-file").toBe(withFieldReference(doc));
    expect(fieldReference()).toContain("| `investments[].schedule.type` | `once` or `recurring` or `explicit` |");
  });
});
