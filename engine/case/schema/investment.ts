import { z } from "zod";
import { Formula, Id, localText } from "./common.ts";
import { Schedule } from "./schedule.ts";

/**
 * A cost of the initiative, borne by `bearer` from the budget of `domain`. `amount` is a formula
 * in euros per year of the schedule (price year money, i.e. real prices). `indexation` is a real
 * yearly growth rate applied from the schedule's first year: year k after it pays
 * amount x (1 + indexation)^k.
 */
export const InvestmentCategory = z.enum(["capital", "revenue", "in-kind"]);
export const Investment = z.object({
  id: Id,
  label: localText({ required: true }),
  bearer: Id,
  domain: Id,
  category: InvestmentCategory.default("revenue"),
  amount: Formula.optional(),
  schedule: Schedule.default({ type: "recurring" }),
  indexation: z.number().gt(-1).default(0),
  tags: z.array(z.string()).optional(),
  /** Marks an illustrative assumption, so notebooks and reports can flag it. */
  assumption: z.boolean().optional(),
  source: localText().optional(),
  note: localText().optional(),
}).strict();
export type Investment = z.infer<typeof Investment>;
export type InvestmentInput = z.input<typeof Investment>;
