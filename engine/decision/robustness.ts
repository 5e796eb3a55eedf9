/**
 * Financing arrangements under uncertainty, per partner: over the same Monte Carlo samples,
 * the chance of being worse off than without the initiative (NPV < 0) and than under the
 * status quo (NPV below the status quo's in the same sample), the expected NPV and its 5th
 * percentile; which arrangement each partner prefers (highest expected NPV) and which is its
 * robust choice (highest 5th percentile); and whose decision to take part (expected NPV >= 0)
 * changes with the arrangement: "the decision flips by payer".
 */
import { percentileSorted } from "../uncertainty/index.ts";
import { mean } from "./linalg.ts";
import type { DecisionSamples } from "./samples.ts";

export interface PartnerRisk {
  id: string;
  name: string;
  /** Expected NPV and its 5th percentile (cents). */
  expected: number;
  p5: number;
  /** P(NPV < 0): worse off than without the initiative. */
  probabilityOfLoss: number;
  /** P(NPV < NPV under the status quo, same sample); 0 for the status quo itself. */
  probabilityWorseThanStatusQuo: number;
  /** Expected NPV >= 0: on average the partner gains from taking part. */
  joins: boolean;
}

export interface ArrangementRisk {
  id: string;
  name: string;
  partners: PartnerRisk[];
  /** Partners with expected NPV >= 0 under this arrangement. */
  joining: string[];
}

export interface PartnerPreference {
  id: string;
  name: string;
  /** The arrangement with the highest expected NPV. */
  preferred: string;
  /** The arrangement with the highest 5th percentile of the NPV. */
  robust: string;
  /** Arrangements under which the partner's expected NPV is >= 0. */
  joinsUnder: string[];
  /** The partner's go decision differs between arrangements. */
  flips: boolean;
}

export interface Robustness {
  samples: number;
  /** The status quo first, then the arrangements. */
  arrangements: ArrangementRisk[];
  partners: PartnerPreference[];
  /** Ids of the partners whose decision flips by payer. */
  flips: string[];
}

export function arrangementRobustness(s: DecisionSamples): Robustness {
  const P = s.entities.length - 1, n = s.n;
  const statusQuo = s.perspectives[0]!;
  const arrangements = s.perspectives.map((p, a) => {
    const partners = s.entities.slice(0, P).map((e, i) => {
      const x = p.npv[i]!, sq = statusQuo.npv[i]!;
      let loss = 0, worse = 0;
      for (let k = 0; k < n; k++) {
        if (x[k]! < 0) loss++;
        if (a > 0 && x[k]! < sq[k]!) worse++;
      }
      const expected = mean(x);
      return { id: e.id, name: e.name, expected, p5: percentileSorted(x.slice().sort(), 0.05), probabilityOfLoss: loss / n, probabilityWorseThanStatusQuo: worse / n, joins: expected >= 0 };
    });
    return { id: p.id, name: p.name, partners, joining: partners.filter((r) => r.joins).map((r) => r.id) };
  });
  const argmax = (i: number, f: (r: PartnerRisk) => number) => arrangements.reduce((best, a) => (f(a.partners[i]!) > f(best.partners[i]!) ? a : best)).id;
  const partners = s.entities.slice(0, P).map((e, i) => {
    const joinsUnder = arrangements.filter((a) => a.partners[i]!.joins).map((a) => a.id);
    return { id: e.id, name: e.name, preferred: argmax(i, (r) => r.expected), robust: argmax(i, (r) => r.p5), joinsUnder, flips: joinsUnder.length > 0 && joinsUnder.length < arrangements.length };
  });
  return { samples: n, arrangements, partners, flips: partners.filter((p) => p.flips).map((p) => p.id) };
}
