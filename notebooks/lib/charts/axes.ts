/**
 * Axes that fit their chart: money ticks in compact Dutch (`EUR 1,2 mln`, `EUR 600K`) or English
 * (`EUR 1.2M`), as many as fit side by side without touching, and margins wide enough for the
 * longest label (wrapped over two lines where the chart is narrow). No DOM: text widths are
 * estimated from the characters (Inter at 12 px), on the wide side so labels never collide.
 */
import { ticks as d3ticks } from "d3";
import { formatNumber, type Lang } from "../../../engine/index.ts";

/** Estimated width in pixels of `text` in the charts' sans-serif at `fontSize`. */
export function textWidth(text: string, fontSize = 12): number {
  let em = 0;
  for (const ch of text) {
    if ("il.,:;|!'’ ".includes(ch)) em += 0.3;
    else if ("fjrt()-[]".includes(ch)) em += 0.4;
    else if ("mwMW".includes(ch)) em += 0.9;
    else if (ch >= "A" && ch <= "Z") em += 0.7;
    else em += 0.6;
  }
  return em * fontSize;
}

/** Compact euros with a fixed unit for a whole axis: `EUR 1,2 mln`, `EUR 600K`, `EUR 950`. */
export function compactEuros(value: number, unit: 1 | 1e3 | 1e6, decimals: number, l: Lang): string {
  const suffix = unit === 1e6 ? (l === "en" ? "M" : " mln") : unit === 1e3 ? "K" : "";
  return `EUR ${formatNumber(value / unit, decimals, l)}${suffix}`;
}

export interface Axis {
  ticks: number[];
  format: (v: number) => string;
}

/**
 * Ticks over [lo, hi] that fit in `length` pixels with `formatFor(ticks)` (a formatter for those
 * ticks): on a horizontal axis each label needs its own width plus a gap, on a vertical one a
 * line. Fewer ticks until they fit; the ends only as a last resort.
 */
export function fitTicks(lo: number, hi: number, length: number, formatFor: (ticks: number[]) => (v: number) => string, horizontal = true, fontSize = 12): Axis {
  if (!(hi > lo)) { hi = lo + 1; lo = lo - 1; }
  const fits = (ticks: number[], format: (v: number) => string) =>
    horizontal ? ticks.length * (Math.max(...ticks.map((t) => textWidth(format(t), fontSize))) + 14) <= length : ticks.length * (fontSize + 6) <= length;
  for (let count = horizontal ? 8 : 10; count >= 2; count--) {
    const ticks = d3ticks(lo, hi, count);
    const format = formatFor(ticks);
    if (ticks.length >= 2 && fits(ticks, format)) return { ticks, format };
  }
  const all = d3ticks(lo, hi, 2);
  const ticks = all.length > 2 ? [all[0]!, all[all.length - 1]!] : all;
  return { ticks, format: formatFor(ticks) };
}

/**
 * A money axis over [lo, hi] euros in `length` pixels: one unit for the whole axis (millions
 * from EUR 1 mln up, thousands from EUR 10.000 up), as few decimals as the step allows.
 */
export function moneyAxis(lo: number, hi: number, length: number, l: Lang, horizontal = true): Axis {
  const max = Math.max(Math.abs(lo), Math.abs(hi));
  const unit: 1 | 1e3 | 1e6 = max >= 1e6 ? 1e6 : max >= 1e4 ? 1e3 : 1;
  return fitTicks(lo, hi, length, (ticks) => {
    const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) / unit : 1;
    const decimals = step >= 1 || unit === 1 ? 0 : step >= 0.1 ? 1 : 2;
    return (v) => (v === 0 ? "EUR 0" : compactEuros(v, unit, decimals, l));
  }, horizontal);
}

/** A single amount in compact form (value labels on bars): `EUR 1,2 mln`, `EUR 640K`, `EUR 950`. */
export function compactAmount(value: number, l: Lang): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return compactEuros(value, 1e6, abs >= 1e7 ? 0 : 1, l);
  if (abs >= 1e4) return compactEuros(value, 1e3, 0, l);
  return compactEuros(value, 1, 0, l);
}

export interface LabelMargin {
  /** Left margin in pixels. */
  margin: number;
  /** Plot's `lineWidth` (ems) for the tick labels: wrap within the margin. */
  lineWidth: number;
}

/**
 * A margin for the labels of a vertical axis: the longest label's width, but at most `cap` of
 * the chart's width; longer labels wrap (Plot's `lineWidth`) over at most two lines.
 */
export function labelMargin(labels: readonly string[], width: number, cap = 0.4, fontSize = 12): LabelMargin {
  const longest = Math.max(20, ...labels.map((s) => textWidth(s, fontSize)));
  const limit = Math.max(70, width * cap);
  const margin = Math.round(Math.min(longest, Math.max(limit, longest / 2)) + 12);
  // Plot measures text narrower than Inter renders it: wrap a little early.
  return { margin, lineWidth: Math.max(4, ((margin - 12) / fontSize) * 0.85) };
}
