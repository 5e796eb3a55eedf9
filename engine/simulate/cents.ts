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
  if (a < 1e11) {
    const f = a - Math.floor(a);
    const d = f - 0.5;
    if ((d < 0 ? -d : d) > a * 1e-11) {
      const r = Math.round(a);
      return r === 0 ? 0 : x < 0 ? -r : r;
    }
  }
  return toCents(euros);
}

export function roundCentsFast(cents: number): Cents {
  const a = cents < 0 ? -cents : cents;
  if (a < 1e13) {
    const f = a - Math.floor(a);
    const d = f - 0.5;
    if ((d < 0 ? -d : d) > a * 1e-14) {
      const r = Math.round(a);
      return r === 0 ? 0 : cents < 0 ? -r : r;
    }
  }
  return roundCents(cents);
}
