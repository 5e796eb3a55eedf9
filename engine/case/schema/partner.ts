import { z } from "zod";
import { Id, localText } from "./common.ts";

/**
 * Who takes part. `kind` says what sort of organisation it is (municipality = gemeente,
 * insurer = zorgverzekeraar, care-office = zorgkantoor (Wlz), provider = aanbieder,
 * housing-association = woningcorporatie, employment-agency = UWV, police-justice, resident =
 * inwoner(s), investor = investeerder: pre-finances an initiative and is repaid by outcome
 * payments; its return (IRR, money multiple, payback) is reported). Sizes are optional and used
 * by allocation keys.
 */
export const PartnerKind = z.enum([
  "municipality", "insurer", "care-office", "provider", "housing-association",
  "employment-agency", "police-justice", "resident", "investor", "other",
]);
export type PartnerKind = z.infer<typeof PartnerKind>;

export const Partner = z.object({
  id: Id,
  name: localText({ required: true }),
  kind: PartnerKind,
  inhabitants: z.number().nonnegative().optional(),
  insured: z.number().nonnegative().optional(),
  budget: z.number().nonnegative().optional(),
  /** Income (inkomsten: a municipality's revenue, an insurer's premium income), EUR a year, for the `income` key. */
  income: z.number().nonnegative().optional(),
  /**
   * Budget limits (EUR, cash): the most this partner can pay out, net, in a year. A year of any
   * arrangement in which its net cash outflow is larger is reported as a warning.
   */
  budgetLimits: z.record(z.string().regex(/^\d{4}$/), z.number().nonnegative()).optional(),
  note: localText().optional(),
}).strict();
export type Partner = z.infer<typeof Partner>;
