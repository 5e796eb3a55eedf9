/** Building blocks shared by the case schemas. */
import { z } from "zod";
import { LIMITS } from "../limits.ts";

/**
 * Ids are short, stable names used in formulas and references: `gemeente`, `zvw`, `seh_bezoek`.
 * Any such name works everywhere (the engine keeps names in maps, never as keys of plain
 * objects), `toString` and `constructor` included; only `__proto__` is refused, because
 * JavaScript objects (and JSON readers built on them) silently drop a key of that name.
 */
export const Id = z.string().max(LIMITS.nameLength).regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, {
  message: "id: letters, digits, _ and - only, starting with a letter or _",
}).refine((s) => s !== "__proto__", { params: { code: "reservedName", name: "__proto__" } });

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
