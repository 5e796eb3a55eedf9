import type { Investment, InvestmentMatch } from "../case/schema/index.ts";

/** Whether an investment satisfies a match: every field given must match; none given = any. */
export function matches(m: InvestmentMatch, inv: Investment): boolean {
  if (m.investments && !m.investments.includes(inv.id)) return false;
  if (m.categories && !m.categories.includes(inv.category)) return false;
  if (m.domains && !m.domains.includes(inv.domain)) return false;
  if (m.bearers && !m.bearers.includes(inv.bearer)) return false;
  if (m.tags && !(inv.tags ?? []).some((t) => m.tags!.includes(t))) return false;
  if (m.labelContains && !inv.label.toLowerCase().includes(m.labelContains.toLowerCase())) return false;
  return true;
}
