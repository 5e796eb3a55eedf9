import { z } from "zod";
import { Formula, Year } from "./common.ts";

/**
 * When an investment's amount falls. Years are calendar years inside the case's horizon.
 * - `once`: the amount in one year;
 * - `recurring` (the default): the amount every year from `from` to `to` (inclusive; both
 *   default to the horizon's ends);
 * - `explicit`: an amount (formula) per year; the investment's `amount` is then not used.
 */
export const Schedule = z.discriminatedUnion("type", [
  z.object({ type: z.literal("once"), year: Year }).strict(),
  z.object({ type: z.literal("recurring"), from: Year.optional(), to: Year.optional() }).strict(),
  z.object({ type: z.literal("explicit"), amounts: z.record(z.string().regex(/^\d{4}$/), Formula) }).strict(),
]);
export type Schedule = z.infer<typeof Schedule>;

/** The years an effect runs (inclusive; default: the whole horizon). */
export const Period = z.object({ from: Year.optional(), to: Year.optional() }).strict();
export type Period = z.infer<typeof Period>;
