/** Building blocks shared by the case schemas. */
import { z } from "zod";

/** Ids are short, stable names used in formulas and references: `gemeente`, `zvw`, `seh_bezoek`. */
// The message for a bad id comes from the catalogue (engine/messages/messages.ts, by this pattern).
export const Id = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/);

/** A formula: a number, or a mathjs expression over the case's parameters (see `formula.ts`). */
export const Formula = z.union([z.number(), z.string().min(1)]);
export type Formula = z.infer<typeof Formula>;

/** A fraction 0..1 given as a number (checked here) or a formula (checked once evaluated). */
export const FractionFormula = z.union([
  z.number().refine((v) => v >= 0 && v <= 1, { params: { code: "fraction" } }),
  z.string().min(1),
]);

export const Year = z.number().int();

/** A short text with optional source (every number a case ships should say where it came from). */
export const Text = z.string();
