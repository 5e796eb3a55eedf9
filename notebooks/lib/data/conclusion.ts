/**
 * The one-sentence conclusion of a study page, computed from the results: under the chosen
 * financing form, who pays the most, who gains the most, how many partners end up better off,
 * and what society as a whole gets. No DOM; the page shows it at the top and on paper.
 */
import type { Lang, Metrics } from "../../../engine/index.ts";
import { eur, t } from "../i18n/i18n.ts";

export interface ConclusionInput {
  /** The partners' results under the chosen form (NPV in cents). */
  partners: readonly { id: string; name: string; npv: number }[];
  society: Pick<Metrics, "npv">;
  /** The form's name, e.g. "de huidige situatie (status quo)". */
  form: string;
}

export function conclusion(c: ConclusionInput, l: Lang): string {
  const sorted = [...c.partners].sort((a, b) => a.npv - b.npv);
  const payer = sorted[0], gainer = sorted[sorted.length - 1];
  const better = c.partners.filter((p) => p.npv > 0).length, worse = c.partners.filter((p) => p.npv < 0).length;
  const n = c.partners.length;
  const society = c.society.npv >= 0
    ? t(`wint ${eur(c.society.npv, l)}`, `gains ${eur(c.society.npv, l)}`, l)
    : t(`verliest ${eur(-c.society.npv, l)}`, `loses ${eur(-c.society.npv, l)}`, l);
  const pays = payer && payer.npv < 0
    ? t(`betaalt ${payer.name} het meest (netto contante waarde ${eur(payer.npv, l)})`, `${payer.name} pays the most (net present value ${eur(payer.npv, l)})`, l)
    : t("gaat geen enkele partner erop achteruit", "no partner is worse off", l);
  const gains = gainer && gainer.npv > 0
    ? t(`wint ${gainer.name} het meest (${eur(gainer.npv, l)})`, `${gainer.name} gains the most (${eur(gainer.npv, l)})`, l)
    : t("wint geen enkele partner", "no partner gains", l);
  const count = t(`${better} van de ${n} partners gaan erop vooruit, ${worse} achteruit`, `${better} of the ${n} partners are better off, ${worse} worse off`, l);
  return t(`Onder ${c.form} ${pays} en ${gains}; de maatschappij als geheel ${society} (${count}).`, `Under ${c.form}, ${pays} and ${gains}; society as a whole ${society} (${count}).`, l);
}
