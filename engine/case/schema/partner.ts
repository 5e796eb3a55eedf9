import { z } from "zod";
import { Id, localText } from "./common.ts";

/**
 * Who takes part. `kind` says what sort of organisation it is (municipality = gemeente,
 * insurer = zorgverzekeraar, care-office = zorgkantoor (Wlz), provider = aanbieder,
 * housing-association = woningcorporatie, employment-agency = UWV, police-justice, resident =
 * inwoner(s)). Sizes are optional and used by allocation keys.
 */
export const PartnerKind = z.enum([
  "municipality", "insurer", "care-office", "provider", "housing-association",
  "employment-agency", "police-justice", "resident", "other",
]);
export type PartnerKind = z.infer<typeof PartnerKind>;

export const Partner = z.object({
  id: Id,
  name: localText({ required: true }),
  kind: PartnerKind,
  inhabitants: z.number().nonnegative().optional(),
  insured: z.number().nonnegative().optional(),
  budget: z.number().nonnegative().optional(),
  note: localText().optional(),
}).strict();
export type Partner = z.infer<typeof Partner>;
