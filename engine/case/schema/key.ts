import { z } from "zod";
import { Formula, Id } from "./common.ts";

/**
 * An allocation key (verdeelsleutel): how an amount is split among partners. Every split of
 * money by a key goes through `allocate`, so the parts sum to the whole.
 *
 * - `fixed`: shares given per partner (numbers or formulas; normalised, so 3:1 = 75 %:25 %);
 * - `inhabitants`, `insured`, `budget`, `income`: the partners' sizes from the partner list
 *   (income = inkomsten, a common key in regional arrangements);
 * - `usage`: volumes per partner (formulas, e.g. clients from each municipality);
 * - `benefit`: each partner's share of the positive effect results (present value) in the
 *   case itself, so who gains most pays most; with `domains`, only its effect results in those
 *   domains (each payer's own saving on what an outcome contract is about);
 * - `blend`: a weighted mix of keys (70 % usage + 30 % inhabitants is a solidarity key); a
 *   weight is a number or a formula (a negotiable parameter, say), non-negative;
 * - `by-year`: a different key per year, with a default for other years.
 * `partners` limits a size-based key to some partners (default: every partner with a size).
 */
export type KeySpec =
  | { type: "fixed"; shares: Record<string, number | string> }
  | { type: "inhabitants" | "insured" | "budget" | "income"; partners?: string[] }
  | { type: "benefit"; partners?: string[]; domains?: string[] }
  | { type: "usage"; volumes: Record<string, number | string> }
  | { type: "blend"; parts: { weight: number | string; key: KeySpec }[] }
  | { type: "by-year"; years: Record<string, KeySpec>; default: KeySpec };

export const Key: z.ZodType<KeySpec> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("fixed"), shares: z.record(Id, Formula) }).strict(),
    z.object({ type: z.enum(["inhabitants", "insured", "budget", "income"]), partners: z.array(Id).min(1).optional() }).strict(),
    z.object({ type: z.literal("benefit"), partners: z.array(Id).min(1).optional(), domains: z.array(Id).min(1).optional() }).strict(),
    z.object({ type: z.literal("usage"), volumes: z.record(Id, Formula) }).strict(),
    z.object({ type: z.literal("blend"), parts: z.array(z.object({ weight: z.union([z.number().nonnegative(), z.string().min(1)]), key: Key }).strict()).min(1) }).strict(),
    z.object({ type: z.literal("by-year"), years: z.record(z.string().regex(/^\d{4}$/), Key), default: Key }).strict(),
  ]) as unknown as z.ZodType<KeySpec>,
);

/** Who pays: one partner, or several by a key. */
export const Payer = z.union([Id, z.object({ key: Key }).strict()]);
export type Payer = z.infer<typeof Payer>;
