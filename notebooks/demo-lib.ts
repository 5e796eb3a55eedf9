/**
 * Illustrative data for the demo notebook (notebooks/demo.html): yearly flows of a made-up
 * initiative and their discounted values for the chart. The headline figure itself comes
 * from the engine (`npv` in ../engine/index.ts). Amounts are euros per year; year 0 is the
 * start year and is not discounted (the engine's convention).
 */
export interface YearFlow {
  year: number;
  costs: number;
  benefits: number;
}

/** An illustrative initiative: up-front investment, yearly running costs, growing benefits. */
export function exampleFlows(years = 10, investment = 250_000, running = 40_000, benefitYear1 = 45_000, growth = 0.12): YearFlow[] {
  return Array.from({ length: years + 1 }, (_, year) => ({
    year,
    costs: year === 0 ? investment : running,
    benefits: year === 0 ? 0 : benefitYear1 * (1 + growth) ** (year - 1),
  }));
}

export interface DiscountedYear extends YearFlow {
  net: number;
  discounted: number;
  cumulative: number;
}

/** Discounts each year's net flow at `rate` and keeps a running total (the NPV curve). */
export function discount(flows: readonly YearFlow[], rate: number): DiscountedYear[] {
  if (!Number.isFinite(rate) || rate <= -1) throw new Error(`discount: invalid rate ${rate}`);
  let cumulative = 0;
  return flows.map((f) => {
    const net = f.benefits - f.costs;
    const discounted = net / (1 + rate) ** f.year;
    cumulative += discounted;
    return { ...f, net, discounted, cumulative };
  });
}
