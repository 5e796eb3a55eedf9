/**
 * The public JSON Schema of case files, generated from the zod schemas (input side: defaults are
 * optional). `bcase schema` prints it, `schema/case.schema.json` is a committed copy (a test keeps
 * them equal), editors use it for completion, and the workbook reads its shape from it
 * (io/workbook/schemaShape.ts), so nothing outside this folder reads zod's internals.
 */
import { z } from "zod";
import { Case } from "./case.ts";

/** A JSON Schema node (draft 2020-12), as plain data. */
export type JsonSchema = { [key: string]: unknown };

let cached: JsonSchema | undefined;

/** The JSON Schema of a case file. A fresh deep copy each call, so callers may not change the shared one. */
export function caseJsonSchema(): JsonSchema {
  cached ??= z.toJSONSchema(Case, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return structuredClone(cached);
}
