/**
 * One colour per partner, the same in every chart of a page: the partner's position in the
 * case's partner list picks a colour from a fixed palette (Plot's `observable10`), so a
 * partner keeps its colour when sliders move, when a chart shows only some partners, and
 * between the charts of one case. Charts encode partners by id (never by name, which may be
 * anything) and show names through `tickFormat`.
 */
export const PALETTE = [
  "#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951",
  "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0",
] as const;

/** Society (all partners together) is drawn in near-black. */
export const SOCIETY_ID = "__society__";
export const SOCIETY_COLOR = "#222222";

export interface PartnerColors {
  /** Partner ids in case order (society last, if included). */
  domain: string[];
  /** Colour for each id in `domain`. */
  range: string[];
  /** Colour of one id (grey for an unknown id). */
  color(id: string): string;
  /** Display name of one id (the id itself if unknown). */
  name(id: string): string;
}

export function partnerColors(partners: readonly { id: string; name: string }[], societyName = "Maatschappij (totaal)"): PartnerColors {
  const domain = partners.map((p) => p.id);
  const range: string[] = domain.map((_, i) => PALETTE[i % PALETTE.length]!);
  const names = new Map(partners.map((p) => [p.id, p.name]));
  names.set(SOCIETY_ID, societyName);
  const colors = new Map<string, string>(domain.map((id, i) => [id, range[i]!]));
  colors.set(SOCIETY_ID, SOCIETY_COLOR);
  return {
    domain: [...domain, SOCIETY_ID],
    range: [...range, SOCIETY_COLOR],
    color: (id) => colors.get(id) ?? "#999999",
    name: (id) => names.get(id) ?? id,
  };
}

/** A stable colour per key (partner kind, case id) from a list fixed in advance. */
export function keyedColors(keys: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...keys], range: keys.map((_, i) => PALETTE[i % PALETTE.length]!) };
}
