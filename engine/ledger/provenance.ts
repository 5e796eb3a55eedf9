/**
 * The provenance stamp on every result: which engine made it, from exactly which case (a
 * SHA-256 of the validated case in canonical JSON: keys sorted, defaults filled in, so YAML and
 * JSON spellings of the same case hash alike), with which discount rates, and the vintage and
 * source of every reference price it used. Monte Carlo runs add their seed and sample count.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { CPI_NL } from "../reference/cpi.ts";
import type { Model, ReferenceUse } from "../case/model.ts";
import { restoreTexts } from "../case/text.ts";
import { DISCOUNT_PRESETS } from "../case/schema/index.ts";
import { ENGINE_NAME, ENGINE_VERSION } from "../version.ts";

export interface Provenance {
  engine: { name: string; version: string };
  case: { id: string; hash: string; priceYear: number };
  discount: { rate: number; effectRate: number; preset: string | null; source: string };
  references: ReferenceUse[];
  priceIndex: { series: string; source: string; caseValues: Record<string, number> | null; caseSource: string | null };
  /**
   * Monte Carlo runs: seed, sample count, Latin hypercube or not, the sampler (`column-kernel`:
   * the column kernel anchored on the exact ledger; `exact`: every sample's exact cent ledger)
   * and the chunk size (results do not depend on the number of threads). Sensitivity analyses:
   * the quantiles the tornado tries, with sampler `exact` (every point is an exact ledger).
   */
  simulation?: { seed: string | number | null; samples: number; lhs: boolean; sampler: "column-kernel" | "exact"; chunkSize: number | null; analysis: "monte-carlo" | "sensitivity"; quantiles?: [number, number] };
}

/** JSON with object keys sorted at every level, so equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function caseHash(data: unknown): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(data))))}`;
}

/** The stamp depends only on the validated case, so it is computed once per model. */
const cache = new WeakMap<Model, Provenance>();

export function provenance(model: Model, simulation?: Provenance["simulation"]): Provenance {
  let base = cache.get(model);
  if (!base) { base = computeProvenance(model); cache.set(model, base); }
  return simulation ? { ...base, simulation } : base;
}

function computeProvenance(model: Model): Provenance {
  const c = model.case;
  const preset = c.discount ?? null;
  return {
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION },
    // Over the case as written (texts in both languages put back), so it does not depend on the language it was read in.
    case: { id: c.id, hash: caseHash(restoreTexts(c, model.texts ?? [])), priceYear: c.priceYear },
    discount: {
      rate: c.discountRate, effectRate: c.effectDiscountRate ?? c.discountRate, preset,
      source: preset ? DISCOUNT_PRESETS[preset].source : c.discountRate === DISCOUNT_PRESETS.mkba.discountRate ? DISCOUNT_PRESETS.mkba.source : "case",
    },
    references: model.references,
    priceIndex: { series: CPI_NL.series, source: CPI_NL.source, caseValues: c.priceIndex?.values ?? null, caseSource: c.priceIndex?.source ?? null },
  };
}
