/**
 * Number formatting for people, Dutch first: `EUR 1.234.567,89` (nl) or `EUR 1,234,567.89` (en).
 * Written out rather than through Intl so the output is identical in every runtime.
 */
import type { Lang } from "../messages/messages.ts";

function group(intDigits: string, sep: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** A plain number with `decimals` decimals in the language's format. */
export function formatNumber(value: number, decimals = 0, lang: Lang = "nl"): string {
  if (!Number.isFinite(value)) throw new Error(`formatNumber: not a finite number: ${value}`);
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split(".") as [string, string | undefined];
  const [thousands, point] = lang === "nl" ? [".", ","] : [",", "."];
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${group(int, thousands)}${frac ? point + frac : ""}`;
}

/** Cents as euros: `EUR 1.234,56`; with `decimals: 0`, rounded to whole euros: `EUR 1.235`. */
export function formatEuro(cents: number, lang: Lang = "nl", decimals = 2): string {
  return `EUR ${formatNumber(cents / 100, decimals, lang)}`;
}

/** A fraction as a percentage: 0.1234 -> `12,3%` (nl). */
export function formatPercent(fraction: number, decimals = 1, lang: Lang = "nl"): string {
  return `${formatNumber(fraction * 100, decimals, lang)}%`;
}
