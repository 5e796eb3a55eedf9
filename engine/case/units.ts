/**
 * A small dimension algebra for the optional units of parameters and formulas.
 *
 * Why not mathjs units: business-case units are mostly counts (persons, visits, contacts,
 * QALY) and money (EUR), which mathjs does not know; creating a unit per word would change a
 * shared mathjs instance, and its plural handling is for SI units only. Here a unit is a map
 * from a base word to an integer exponent, parsed from strings like `EUR/visit`,
 * `visits/person/year` or `EUR/(person*year)`. Words are case-sensitive after normalising
 * plurals (`visits` = `visit`) and a few synonyms (`euro`, `€` -> `EUR`; `jaar`, `yr` -> `year`).
 *
 * `null` means "unknown": a parameter without a unit. Anything computed from an unknown is
 * unknown, so unit checks apply only where the user gave units.
 */
export type Unit = ReadonlyMap<string, number>;

const SYNONYMS: Record<string, string> = {
  euro: "EUR", euros: "EUR", "€": "EUR", eur: "EUR", EUR: "EUR",
  jaar: "year", jaren: "year", yr: "year", years: "year", year: "year", y: "year",
  persoon: "person", personen: "person", people: "person",
  dag: "day", dagen: "day", uur: "hour", uren: "hour",
};

function normaliseWord(w: string): string {
  if (Object.hasOwn(SYNONYMS, w)) return SYNONYMS[w]!; // own keys only: a unit "toString" is a word
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

export const DIMENSIONLESS: Unit = new Map();

/** Parses a unit string; returns undefined when it cannot be read. "1" or "" is dimensionless. */
export function parseUnit(text: string): Unit | undefined {
  const src = text.trim();
  if (src === "" || src === "1" || src === "-") return DIMENSIONLESS;
  let pos = 0;
  const peek = () => src[pos];
  const skip = () => { while (pos < src.length && src[pos] === " ") pos++; };

  function factor(): Unit | undefined {
    skip();
    let base: Unit | undefined;
    if (peek() === "(") {
      pos++;
      base = product();
      skip();
      if (peek() !== ")") return undefined;
      pos++;
    } else if (peek() === "1") {
      pos++;
      base = DIMENSIONLESS;
    } else {
      const m = /^[A-Za-z\u20ac_][A-Za-z0-9\u20ac_]*/.exec(src.slice(pos));
      if (!m) return undefined;
      pos += m[0].length;
      base = new Map([[normaliseWord(m[0]), 1]]);
    }
    skip();
    if (peek() === "^") {
      pos++;
      skip();
      const m = /^-?\d+/.exec(src.slice(pos));
      if (!m) return undefined;
      pos += m[0].length;
      return power(base!, Number(m[0]));
    }
    return base;
  }
  function product(): Unit | undefined {
    let acc = factor();
    if (!acc) return undefined;
    for (;;) {
      skip();
      const c = peek();
      if (c === "*" || c === "·") { pos++; const f = factor(); if (!f) return undefined; acc = multiply(acc, f); }
      else if (c === "/") { pos++; const f = factor(); if (!f) return undefined; acc = divide(acc, f); }
      else if (c !== undefined && /[A-Za-z(\u20ac]/.test(c)) { const f = factor(); if (!f) return undefined; acc = multiply(acc, f); }
      else return acc;
    }
  }
  const u = product();
  skip();
  return u && pos === src.length ? u : undefined;
}

function combine(a: Unit, b: Unit, sign: 1 | -1): Unit {
  const out = new Map(a);
  for (const [k, e] of b) {
    const n = (out.get(k) ?? 0) + sign * e;
    if (n === 0) out.delete(k);
    else out.set(k, n);
  }
  return out;
}
export const multiply = (a: Unit, b: Unit): Unit => combine(a, b, 1);
export const divide = (a: Unit, b: Unit): Unit => combine(a, b, -1);
export function power(a: Unit, n: number): Unit {
  const out = new Map<string, number>();
  if (n === 0) return out;
  for (const [k, e] of a) out.set(k, e * n);
  return out;
}
export function sameUnit(a: Unit, b: Unit): boolean {
  if (a.size !== b.size) return false;
  for (const [k, e] of a) if (b.get(k) !== e) return false;
  return true;
}

/** Canonical text: numerator words sorted, then `/` and the denominator: `EUR/person/year`. */
export function formatUnit(u: Unit): string {
  const num: string[] = [], den: string[] = [];
  for (const k of [...u.keys()].sort()) {
    const e = u.get(k)!;
    if (e > 0) num.push(e === 1 ? k : `${k}^${e}`);
    else den.push(e === -1 ? k : `${k}^${-e}`);
  }
  if (num.length === 0 && den.length === 0) return "1";
  return (num.length ? num.join("*") : "1") + den.map((d) => `/${d}`).join("");
}

const EUR: Unit = new Map([["EUR", 1]]);
const EUR_PER_YEAR: Unit = new Map([["EUR", 1], ["year", -1]]);
/** Money per year of the schedule: `EUR` or `EUR/year` are both read as the amount in a year. */
export function isMoney(u: Unit): boolean {
  return sameUnit(u, EUR) || sameUnit(u, EUR_PER_YEAR);
}
/** A yearly quantity: `visit` or `visit/year` (the `/year` is dropped for comparison). */
export function perYearStripped(u: Unit): Unit {
  if ((u.get("year") ?? 0) === -1) { const m = new Map(u); m.delete("year"); return m; }
  return u;
}
