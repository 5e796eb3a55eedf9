/**
 * The ledger's two roundings (`toCents`, `roundCents` in money.ts) without their string
 * conversion, for the Monte Carlo hot path. Both give bit-identical results to the originals
 * (a property test checks it on random and adversarial inputs).
 *
 * Why they agree: `toCents` first cuts x = euros * 100 to 12 significant digits and then rounds
 * half away from zero. Cutting moves x by at most half a unit in the 12th digit, i.e. at most
 * 5e-12 |x|. Rounding to the nearest integer only jumps at half-integers, so whenever x is
 * farther than 1e-11 |x| from k + 0.5 the cut cannot change the result and Math.round on |x|
 * gives it directly. Only inside that band (or for |x| >= 1e11 cents, where 12 digits no longer
 * reach the cents, or for non-finite input) do we call the original, which is rare: for
 * everyday amounts the band is a few millionths of a cent wide. `roundCents` is the same with
 * 15 digits (band 1e-14 |x|, limit 1e13).
 */
import { roundCents, toCents, type Cents } from "../money.ts";

export function toCentsFast(euros: number): Cents {
  const x = euros * 100;
  const a = x < 0 ? -x : x;
  // Away from the half-integers Math.round (half up) and rounding half away from zero agree,
  // and x - r is exact, so |x - r| tells how far x is from the nearest half.
  const r = Math.round(x);
  const d = x - r;
  if (a < 1e11 && 0.5 - (d < 0 ? -d : d) > a * 1e-11) return r + 0; // + 0: no negative zero
  return toCents(euros);
}

export function roundCentsFast(cents: number): Cents {
  const a = cents < 0 ? -cents : cents;
  const r = Math.round(cents);
  const d = cents - r;
  if (a < 1e13 && 0.5 - (d < 0 ? -d : d) > a * 1e-14) return r + 0;
  return roundCents(cents);
}
