/**
 * How the negotiation page shows a lever's values (no DOM): a share (a fraction 0..1: a
 * shared-savings rate, a threshold's share, a compensation's share of lost margin, a key's
 * weight or share given as a fraction, a dimensionless parameter between 0 and 1) as a
 * percentage, 0.35 as 35%; a money amount in EUR; anything else as the number it is, with the
 * parameter's unit. The fields read what the reader types in the page's number format (Dutch:
 * 12,5 and 50.000; English: 12.5 and 50,000) and give back the case's number exactly: a share
 * typed as 35 is 0.35, the same number as 0.35 written in the case file, so the address of the
 * page keeps the fraction it always had.
 *
 * Written out next to engine/money/format.ts (whose format it reads back) rather than through
 * Intl, so the page and the tests read the same in every runtime.
 */
import { num, smartNum, type Lang } from "../i18n/i18n.ts";

/** What a lever's number is: `share` (shown times 100, in per cent), `money` (EUR) or `plain` (with `unit`, if any). */
export interface LeverScale {
  kind: "share" | "money" | "plain";
  /** What the shown number is in: `%`, `EUR`, a parameter's unit, or empty. */
  unit: string;
}

/** A lever as the case file gives it (or as the solver prepared it): a path in the arrangement or a parameter, with its range. */
export interface LeverLike {
  path?: string;
  parameter?: string;
  caseParameter?: string;
  /** A parameter lever's unit. */
  unit?: string;
  min: number;
  max: number;
}

/** Fields of an arrangement that hold a fraction 0..1 (engine/case/schema/arrangement.ts: FractionFormula and the cap's share). */
const SHARE_FIELDS = new Set(["rate", "share", "shareOfLostMargin", "shareOfContribution"]);
/** Fields that hold an amount of money (EUR). */
const MONEY_FIELDS = new Set(["amount", "reserveMax", "initialReserve", "price", "perYear", "total", "cap", "of"]);
/** Units that say a parameter is a plain ratio (`%` is not one: such a parameter is already in per cent). */
const RATIO_UNITS = /^(|1|-|share|fraction|ratio|aandeel|fractie|deel)$/i;

const withinUnit = (l: LeverLike) => l.min >= 0 && l.max <= 1;

/**
 * The scale of a lever. A path lever by the field it ends in: a share field (`rate`, `share`,
 * ...) or a key's `weight` or `shares.<partner>` whose range lies within 0..1 is a share; an
 * amount, price, cap or reserve is money. A parameter lever with no unit or a ratio unit and a
 * range within 0..1 is a share; else the parameter's unit. A share whose range leaves 0..1
 * (possible for a cap's share of a contribution) stays a plain number.
 */
export function leverScale(l: LeverLike): LeverScale {
  if (l.path !== undefined) {
    const parts = l.path.split(/[.[\]]+/).filter(Boolean);
    const last = parts.at(-1) ?? "", parent = parts.at(-2) ?? "";
    if ((SHARE_FIELDS.has(last) || last === "weight" || parent === "shares") && withinUnit(l)) return { kind: "share", unit: "%" };
    if (MONEY_FIELDS.has(last) || parent === "amounts") return { kind: "money", unit: "EUR" };
    return { kind: "plain", unit: "" };
  }
  const unit = (l.unit ?? "").trim();
  if (RATIO_UNITS.test(unit) && withinUnit(l)) return { kind: "share", unit: "%" };
  if (/^(EUR|euro|euros|€)$/i.test(unit)) return { kind: "money", unit: "EUR" };
  return { kind: "plain", unit };
}

/** The number a field shows for a lever value: a share times 100 (0.07 -> 7, not 7.000000000000001). */
export function shownNumber(value: number, s: LeverScale): number {
  return s.kind === "share" ? Number((value * 100).toPrecision(12)) : value;
}

/** The lever value in the text of a field, exactly, in the page's number format: `35`, `12,5`, `50.000`. */
export function fieldText(value: number, s: LeverScale, l: Lang): string {
  const v = shownNumber(value, s);
  // As many decimals as the number has (up to 12), the thousands grouped.
  const decimals = Math.min(12, (/\.(\d+)$/.exec(String(v))?.[1] ?? "").length);
  return /e/i.test(String(v)) ? smartNum(v, l, 12) : num(v, decimals, l);
}

/** A lever value for people, rounded as the page rounds parameter values: `35%`, `99,07%`, `EUR 50.000`, `1,5 uur`. */
export function leverText(value: number, s: LeverScale, l: Lang): string {
  const text = smartNum(shownNumber(value, s), l);
  return s.kind === "share" ? `${text}%` : s.kind === "money" ? `EUR ${text}` : s.unit ? `${text} ${s.unit}` : text;
}

/**
 * Reads a field's text back into the lever's value, exactly: a share in per cent becomes the
 * fraction (`35` -> 0.35, `12,5` -> 0.125), through the decimal text, so no binary rounding
 * creeps in. Both decimal marks are understood; a group of three digits after the language's
 * thousands separator is read as thousands (`50.000` in Dutch, `50,000` in English). A `%` or
 * `EUR` typed along is ignored. Undefined when the text is empty or no number.
 */
export function parseField(text: string, s: LeverScale, l: Lang): number | undefined {
  let x = text.replace(/[\s\u00a0\u202f]/g, "").replace(/%$|^EUR|^€/i, "").replace(/^−/, "-");
  if (x === "") return undefined;
  const [thousands, point] = l === "nl" ? [".", ","] : [",", "."];
  const grouped = new RegExp(`^-?\\d{1,3}(\\${thousands}\\d{3})+(\\${point}\\d*)?$`);
  if (grouped.test(x)) x = x.split(thousands).join("");
  x = x.replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(x)) return undefined;
  const v = Number(s.kind === "share" ? `${x}e-2` : x);
  return Number.isFinite(v) ? v : undefined;
}
