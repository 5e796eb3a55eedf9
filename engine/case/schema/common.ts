/** Building blocks shared by the case schemas. */
import { z } from "zod";
import { LIMITS } from "../limits.ts";

/**
 * Ids are short, stable names used in formulas and references: `gemeente`, `zvw`, `seh_bezoek`.
 * Any such name works everywhere (the engine keeps names in maps, never as keys of plain
 * objects), `toString` and `constructor` included; only `__proto__` is refused, because
 * JavaScript objects (and JSON readers built on them) silently drop a key of that name.
 * The message for a bad id comes from the catalogue (engine/messages/messages.ts, by this pattern).
 */
export const Id = z.string().max(LIMITS.nameLength).regex(/^[A-Za-z_][A-Za-z0-9_-]*$/)
  .refine((s) => s !== "__proto__", { params: { code: "reservedName", name: "__proto__" } });

/** A formula: a number, or a mathjs expression over the case's parameters (see `formula.ts`). */
export const Formula = z.union([z.number(), z.string().min(1)]);
export type Formula = z.infer<typeof Formula>;

/** A fraction 0..1 given as a number (checked here) or a formula (checked once evaluated). */
export const FractionFormula = z.union([
  z.number().refine((v) => v >= 0 && v <= 1, { params: { code: "fraction" } }),
  z.string().min(1),
]);

export const Year = z.number().int();

/** A text written in both languages: `{nl: "Wijkteam", en: "District team"}`. */
export const BilingualText = z.object({ nl: z.string().min(1), en: z.string().min(1) }).strict();

/**
 * A text for people (label, name, note, source, title, description): one string, or both
 * languages (`BilingualText`). `validateCase` picks the reader's language before the schema
 * sees the case (engine/case/text.ts), so the validated case holds strings; parsed without it,
 * a bilingual text gives its Dutch version.
 */
export function localText(options: { required?: boolean } = {}) {
  // The plain-text branch names itself, so a wrong value gets "a text, or {nl, en}" (validate.ts).
  const text = z.string({ error: (iss) => (iss.code !== "invalid_type" ? undefined : iss.input === undefined ? TEXT_MISSING : TEXT_EXPECTED) });
  return z.union([options.required ? text.min(1) : text, BilingualText]).transform((v) => (typeof v === "string" ? v : v.nl));
}

/** The message the plain-text branch of a `localText` gives on a wrong type (replaced by the catalogue's `textExpected`). */
export const TEXT_EXPECTED = "textExpected";
/** The message the plain-text branch of a `localText` gives when the text is missing (replaced by the catalogue's "is missing"). */
export const TEXT_MISSING = "textMissing";
