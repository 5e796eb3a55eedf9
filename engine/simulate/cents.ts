/**
 * The ledger's two roundings (`toCents`, `roundCents` in money.ts) without their string
 * conversion, for the Monte Carlo hot path. Both give bit-identical results to the originals
 * (a property test checks it on random and adversarial inputs).
 *
 * Why they agree: `toCents` first cuts x = euros * 100 to 12 significant digits and then rounds
 * half away from zero. Cutting moves x by at most half a unit in the 12th digit, i.e. at most
 * 5e-12 |x|. Rounding to the nearest integer only jumps at half-integers, so whenever x is
 * farther than 1e-11 |x| from k + 0.5 the cut cannot change the result and the nearest integer
 * gives it directly. Only inside that band (or for |x| >= 1e11 cents, where 12 digits no longer
 * reach the cents, or for non-finite input) do we call the original, which is rare: for
 * everyday amounts the band is a few millionths of a cent wide. `roundCents` is the same with
 * 15 digits (band 1e-14 |x|, limit 1e13).
 */
import { roundCents, toCents, type Cents } from "../money.ts";

export function toCentsFast(euros: number): Cents {
  const x = euros * 100;
  const a = Math.abs(x);
  // r = floor(x + 1/2) is a candidate for the nearest integer (Math.round branches on the
  // fraction, which costs a mispredicted branch per call in a hot loop). x - r is exact, and the
  // test accepts r only when |x - r| < 1/2 by the margin: then r is the nearest integer, on
  // which rounding half up and half away from zero agree. Otherwise the original decides.
  const r = Math.floor(x + 0.5);
  if (a < 1e11 && 0.5 - Math.abs(x - r) > a * 1e-11) return r + 0; // + 0: no negative zero
  return toCents(euros);
}

export function roundCentsFast(cents: number): Cents {
  const a = Math.abs(cents);
  const r = Math.floor(cents + 0.5);
  if (a < 1e13 && 0.5 - Math.abs(cents - r) > a * 1e-14) return r + 0;
  return roundCents(cents);
}
