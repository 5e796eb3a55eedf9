/**
 * Discounting convention: the start year t0 is not discounted; an amount in year t0 + k is
 * divided by (1 + r)^k. Amounts fall as one sum per year (no mid-year convention). Prices are
 * constant (real) prices of the case's price year, so r is a real rate.
 */
export function discountFactor(rate: number, k: number): number {
  return 1 / Math.pow(1 + rate, k);
}

/** Net present value of yearly flows f[0..n-1] at `rate`, f[0] undiscounted (as a float). */
export function npv(rate: number, flows: readonly number[]): number {
  let total = 0;
  for (let k = 0; k < flows.length; k++) total += flows[k]! / Math.pow(1 + rate, k);
  return total;
}
