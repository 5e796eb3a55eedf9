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

/**
 * The index series a case's prices are brought to its price year with: the shipped CPI and,
 * when the case gives its own `priceIndex` values, those values rebased onto it.
 *
 * An index is only meaningful as ratios within one series, and series differ in base year
 * (CBS publishes 2015 = 100; the shipped one has 2022 = 100). So the case's values are never
 * mixed in as they stand (before issue 14, `{ 2018: 103.4, 2024: 130.2 }` overwrote the shipped
 * 2024 = 107.3 and made 2022 -> 2024 a factor 1.302 instead of 1.073):
 * - when the case's series shares years with the shipped one, it is rebased on the first shared
 *   year (multiplied by shipped / case there); every other shared year must then agree within
 *   0.2 % (CBS rounds to one decimal), else the series do not match and that is an error;
 * - when it shares no year, the two stay separate series: a factor between two years of one
 *   series is fine, a factor from one series' year to the other's cannot be made (an error
 *   naming the reference price).
 */
export interface IndexSeries {
  /** One merged series, or the shipped one and the case's apart (no year in common). */
  series: Readonly<Record<number, number>>[];
  /** Set when the case's values were rebased: on which year, by what factor. */
  rebased?: { year: number; scale: number };
}

export const INDEX_TOLERANCE = 0.002;

export type IndexProblem = { code: "priceIndexMismatch"; year: number; params: Record<string, unknown> };

export function priceIndexSeries(caseValues: Readonly<Record<string, number>> | undefined, shipped: PriceIndex = CPI_NL): { ok: true; index: IndexSeries } | { ok: false; problems: IndexProblem[] } {
  const S = shipped.values;
  if (!caseValues || Object.keys(caseValues).length === 0) return { ok: true, index: { series: [S] } };
  const C = Object.fromEntries(Object.entries(caseValues).map(([y, v]) => [Number(y), v])) as Record<number, number>;
  const shared = Object.keys(C).map(Number).filter((y) => S[y] !== undefined).sort((a, b) => a - b);
  if (shared.length === 0) return { ok: true, index: { series: [S, C] } };
  const base = shared[0]!;
  const scale = S[base]! / C[base]!;
  const problems: IndexProblem[] = [];
  for (const y of shared.slice(1)) {
    const got = C[y]! * scale;
    if (Math.abs(got / S[y]! - 1) > INDEX_TOLERANCE) problems.push({ code: "priceIndexMismatch", year: y, params: { base, year: y, got: Math.round(got * 100) / 100, expected: S[y], tolerance: "0,2 %" } });
  }
  if (problems.length > 0) return { ok: false, problems };
  const merged: Record<number, number> = { ...Object.fromEntries(Object.entries(C).map(([y, v]) => [Number(y), v * scale])), ...S };
  return { ok: true, index: { series: [merged], rebased: { year: base, scale } } };
}

/** The factor from `from` to `to` within one series; "no-link" when the years are only in different series. */
export function seriesFactor(index: IndexSeries, from: number, to: number): number | undefined | "no-link" {
  if (from === to) return 1;
  for (const s of index.series) {
    const f = indexFactor(s, from, to);
    if (f !== undefined) return f;
  }
  const has = (y: number) => index.series.some((s) => s[y] !== undefined);
  return has(from) && has(to) ? "no-link" : undefined;
}
