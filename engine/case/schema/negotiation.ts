import { z } from "zod";
import { Id, localText } from "./common.ts";

/**
 * Negotiations (onderhandelingen): for one financing arrangement, the terms the partners still
 * negotiate (levers, each with the range they may take), the conditions a deal must meet, and
 * what makes one deal better than another. `bcase negotiate` and the Onderhandelen page search
 * the ranges for the deals that meet every condition (engine/decision/negotiate.ts,
 * docs/decision.md).
 */

/**
 * A negotiable term: a case parameter the arrangement's formulas use (`parameter`), or a
 * number inside the arrangement itself (`path`, relative to the arrangement, such as
 * `steps[0].rate`, `steps[0].threshold.amount` or `steps[0].contributions.key.parts[0].weight`).
 */
export const Lever = z.object({
  parameter: Id.optional(),
  path: z.string().min(1).optional(),
  min: z.number(),
  max: z.number(),
  label: localText().optional(),
}).strict().superRefine((l, ctx) => {
  if ((l.parameter === undefined) === (l.path === undefined)) ctx.addIssue({ code: "custom", path: [], params: { code: "leverTarget" } });
  if (!(l.max > l.min)) ctx.addIssue({ code: "custom", path: ["max"], params: { code: "leverRange", min: l.min, max: l.max } });
});
export type Lever = z.infer<typeof Lever>;

/**
 * A condition every listed partner (default: the negotiation's partners) must meet:
 * - `npv`: its NPV at the base values is at least `min` (EUR, default 0: no worse off than
 *   without the initiative);
 * - `loss-probability`: over the Monte Carlo samples, P(NPV < 0) is at most `max`.
 */
export const NegotiationCondition = z.discriminatedUnion("type", [
  z.object({ type: z.literal("npv"), min: z.number().default(0), partners: z.array(Id).min(1).optional() }).strict(),
  z.object({ type: z.literal("loss-probability"), max: z.number().min(0).max(1), partners: z.array(Id).min(1).optional() }).strict(),
]);
export type NegotiationCondition = z.infer<typeof NegotiationCondition>;

export const Negotiation = z.object({
  label: localText().optional(),
  description: localText().optional(),
  /** The arrangement whose terms are negotiated. */
  arrangement: Id,
  /** One or two negotiable terms. */
  levers: z.array(Lever).min(1).max(2),
  /** The partners at the table (default: every partner). */
  partners: z.array(Id).min(1).optional(),
  /** Default: every partner at the table no worse off (NPV >= 0). */
  conditions: z.array(NegotiationCondition).min(1).default([{ type: "npv", min: 0 }]),
  /**
   * Among the deals that meet the conditions: the one with the largest smallest ROI of the
   * partners at the table (`max-min-roi`, default) or the largest smallest NPV (`max-min-npv`).
   */
  objective: z.enum(["max-min-roi", "max-min-npv"]).default("max-min-roi"),
  /** Points per lever in the search grid (default 41 for one lever, 15 for two). */
  grid: z.number().int().min(3).max(201).optional(),
  /** Monte Carlo samples for loss-probability conditions (default 1,000; the case's seed). */
  samples: z.number().int().min(50).max(100_000).optional(),
}).strict();
export type Negotiation = z.infer<typeof Negotiation>;
