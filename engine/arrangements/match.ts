import type { Investment, InvestmentMatch } from "../case/schema/index.ts";

/**
 * Whether an investment satisfies a match: every field given must match; none given = any.
 * `labelContains` matches the label in any language the case gives it in (`labels`).
 */
export function matches(m: InvestmentMatch, inv: Investment & { labels?: readonly string[] }): boolean {
  if (m.investments && !m.investments.includes(inv.id)) return false;
  if (m.categories && !m.categories.includes(inv.category)) return false;
  if (m.domains && !m.domains.includes(inv.domain)) return false;
  if (m.bearers && !m.bearers.includes(inv.bearer)) return false;
  if (m.tags && !(inv.tags ?? []).some((t) => m.tags!.includes(t))) return false;
  if (m.labelContains) {
    const part = m.labelContains.toLowerCase();
    if (!(inv.labels ?? [inv.label]).some((l) => l.toLowerCase().includes(part))) return false;
  }
  return true;
}
