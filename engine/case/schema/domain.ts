import { z } from "zod";
import { FractionFormula, Id, localText } from "./common.ts";
import { Key } from "./key.ts";

/**
 * A funding domain, usually a law: wmo, jeugdwet, participatiewet, zvw, wlz, or anything the
 * case defines. Savings of an effect land with the domain's `funder`, or are split among several
 * funders by their shares (insurers by market share in a municipality), or by a key: `{ key: {
 * type: inhabitants } }` (or insured, income, budget, or fixed shares as formulas; the shares
 * are fixed at the base values, so a share formula may not read an uncertain parameter). `providers` are the
 * partners paid from this domain for the volumes effects reduce; their shares say who delivers
 * how much (equal when omitted). `variableCostShare` is the part of a provider's revenue that is
 * variable cost it saves when volume falls (default for effects in this domain).
 */
export const ProviderShare = z.object({
  partner: Id,
  share: z.number().nonnegative().optional(),
}).strict();
export type ProviderShare = z.infer<typeof ProviderShare>;

export const Domain = z.object({
  id: Id,
  name: localText({ required: true }),
  funder: z.union([Id, z.array(ProviderShare).min(1), z.object({ key: Key }).strict()]),
  law: z.string().optional(),
  providers: z.array(z.union([Id, ProviderShare])).optional(),
  variableCostShare: FractionFormula.optional(),
  note: localText().optional(),
}).strict();
export type Domain = z.infer<typeof Domain>;
