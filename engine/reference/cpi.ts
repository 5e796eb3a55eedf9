/**
 * Price index for bringing reference prices to a case's price year.
 *
 * Series: CBS consumer price index (CPI), all items (consumentenprijsindex, alle bestedingen),
 * year averages, expressed here with 2022 = 100. Only the factors the project's reference data
 * documents are shipped: 2022 -> 2023 x 1.038 and 2022 -> 2024 x 1.073 (as used by the
 * `tatooheene` package; shared/data/README.md). Other years are not guessed: a case that needs
 * them gives its own index values (`priceIndex:` with a source), and a year missing from both is
 * a validation error naming the parameter.
 */
export interface PriceIndex {
  series: string;
  source: string;
  /** Index value per year; only ratios matter. */
  values: Readonly<Record<number, number>>;
}

export const CPI_NL: PriceIndex = {
  series: "CBS CPI alle bestedingen, jaargemiddelde (2022 = 100)",
  source: "CBS StatLine consumentenprijzen; factors 2022->2023 x 1.038, 2022->2024 x 1.073 as in shared/data/README.md",
  values: { 2022: 100, 2023: 103.8, 2024: 107.3 },
};

/**
 * The factor that brings a price from year `from` to year `to`: index[to] / index[from].
 * Returns undefined when either year is missing (the caller reports it).
 */
export function indexFactor(index: Readonly<Record<number, number>>, from: number, to: number): number | undefined {
  if (from === to) return 1;
  const a = index[from], b = index[to];
  if (a === undefined || b === undefined || !(a > 0) || !(b > 0)) return undefined;
  return b / a;
}
