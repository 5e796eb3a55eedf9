/**
 * Indicators (agreed measurable goals with yearly targets and measured actuals): their status in
 * a year. Monitoring reports it; an outcome-payments step uses it as a quality gate and an
 * indicator's actual as an outcome, so it lives here, below both.
 */
export type IndicatorStatus = "on-track" | "off-track" | "no-data";

/** On track when the actual is on the right side of the target, within `tolerance` (a share of the target). */
export function indicatorStatus(target: number | undefined, actual: number | undefined, direction: string, tolerance: number): IndicatorStatus {
  if (actual === undefined || target === undefined) return "no-data";
  const margin = Math.abs(target) * tolerance;
  return direction === "lower-is-better" ? (actual <= target + margin ? "on-track" : "off-track") : (actual >= target - margin ? "on-track" : "off-track");
}
