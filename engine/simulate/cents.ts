/**
 * The ledger's two roundings under the names the Monte Carlo kernel uses. They were the fast
 * versions of `toCents` and `roundCents`; those now take the fast path themselves (engine/money/money.ts),
 * with the digit-cutting definitions as their fallback.
 */
export { roundCents as roundCentsFast, toCents as toCentsFast } from "../money/money.ts";
