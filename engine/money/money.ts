/**
 * Money is exact: integer cents in every ledger row. Rates and intermediate amounts may be
 * floats; they become cents exactly once, through `toCents`.
 *
 * Convention: rounding is half away from zero (0.005 EUR -> 1 cent, -0.005 EUR -> -1 cent).
 * Binary floating point cannot represent most decimal fractions, so `x * 100` is first cut to
 * 12 significant digits: 0.285 * 100 = 28.499999999999996 rounds to 29 cents, as a person
 * computing by hand expects.
 */
import { InputError, type Path } from "../messages/issues.ts";

export type Cents = number;

/**
 * The largest number of cents the ledger holds: 2^53 - 1 (about EUR 90 trillion), the largest
 * integer a double represents exactly with every integer below it. Every row's amount and
 * discounted amount, and the sum of the absolute values of all rows of an evaluation, stay
 * within it (checked where they are computed), so every sum of cents the engine forms, in any
 * order, is exact: society is exactly the sum of the partners.
 */
export const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/**
 * Euros to cents for a ledger row, bounded: an amount that is not finite or beyond MAX_CENTS
 * is an input error at `path`, saying what overflowed (`what`: investment, saving, ...) and in
 * which year. Validation evaluates the case at its base values and at the ends of every
 * uncertainty range, so such an amount is reported there with its path.
 */
export function boundedCents(euros: number, path: Path, what: string, year?: number): Cents {
  // Both tests in one: NaN and the infinities fail it too.
  if (!(Math.abs(euros) * 100 <= MAX_CENTS)) throw new InputError(path, "amountOverflow", { what, value: euros, ...(year !== undefined ? { year } : {}) });
  return toCents(euros);
}

/** A discounted row: amount x factor rounded to cents, or an input error (the discount rate makes it overflow). */
export function discountedCents(amount: Cents, factor: number, rate: number, k: number): Cents {
  const c = amount * factor;
  if (!(Math.abs(c) <= MAX_CENTS)) throw new InputError(["discountRate"], "discountOverflow", { rate, years: k, factor });
  return roundCents(c);
}

export function toCents(euros: number): Cents {
  // The definition is `toCentsByDigits`; this gives the same result without its string
  // conversion. Cutting x = euros * 100 to 12 significant digits moves it by at most 5e-12 |x|,
  // and rounding to the nearest integer only jumps at half-integers, so whenever x is farther
  // than 1e-11 |x| from k + 0.5 the cut cannot change the result and the nearest integer gives
  // it directly. Inside the band (a few millionths of a cent wide for everyday amounts; every x
  // from about 5e10 cents on) and for non-finite input the definition decides. A property test checks
  // both agree.
  return nearestClearOfHalf(euros * 100, 1e-11) ?? toCentsByDigits(euros);
}

/** Rounds a float number of cents (e.g. a discounted amount) to whole cents, half away from zero. */
export function roundCents(cents: number): Cents {
  // As `toCents`, for `roundCentsByDigits` (15 digits: at most 5e-15 |x|, band 1e-14 |x|).
  return nearestClearOfHalf(cents, 1e-14) ?? roundCentsByDigits(cents);
}

/**
 * The fast path of `toCents` and `roundCents`: the integer nearest to x when x is farther than
 * rel |x| from every half-integer, else undefined (near a half; from about |x| = 1 / (2 rel) on, where
 * the band is a whole unit wide; for NaN and the infinities). r = floor(x + 1/2) is that integer
 * when the test passes (x - r is exact), and never -0 (x + 1/2 is +0 or more for x > -1/2).
 */
export function nearestClearOfHalf(x: number, rel: number): number | undefined {
  const r = Math.floor(x + 0.5);
  // Stryker disable next-line EqualityOperator: equivalent: >= differs only when 0.5 - |x - r| equals rel |x| exactly, where the definition gives the nearest integer too (the cut moves x by at most half the band)
  return 0.5 - Math.abs(x - r) > Math.abs(x) * rel ? r : undefined;
}

/** The definition of `toCents`: x * 100 cut to 12 significant digits, rounded half away from zero. */
export function toCentsByDigits(euros: number): Cents {
  if (!Number.isFinite(euros)) throw new Error(`toCents: not a finite amount: ${euros}`);
  const scaled = Number((euros * 100).toPrecision(12));
  const cents = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return cents === 0 ? 0 : cents; // no negative zero in a ledger
}

/** The definition of `roundCents`: cut to 15 significant digits, rounded half away from zero. */
export function roundCentsByDigits(cents: number): Cents {
  if (!Number.isFinite(cents)) throw new Error(`roundCents: not a finite amount: ${cents}`);
  const r = Math.sign(cents) * Math.round(Math.abs(Number(cents.toPrecision(15))));
  return r === 0 ? 0 : r;
}

/** Cents to euros as a number with two decimals (for JSON output). */
export function centsToEuros(cents: Cents): number {
  return cents / 100;
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Safe-integer guard: sums of cents stay exact only below 2^53 (about EUR 90 trillion). */
export function assertSafeCents(cents: Cents, where: string): void {
  if (!Number.isSafeInteger(cents)) throw new Error(`${where}: amount ${cents} is not a safe integer number of cents`);
}
