/**
 * Generated cases for the scale benchmarks (issue 15), built in code so they cost nothing to
 * ship and are the same on every machine (a fixed pseudo-random sequence, not the engine's).
 *
 * - `regionalCase()`: a national youth-care region: 342 municipalities with inhabitants, one
 *   insurer with a market share per municipality's Zvw domain plus "other insurers", a care
 *   office, 20 providers; 200 effects over 10 years (72 youth-care effects split over all 342
 *   municipalities by inhabitants and delivered by the 20 providers, 108 GP and district-nursing
 *   effects in one municipality's Zvw domain each, 20 Wlz effects); arrangements: a collective
 *   pot by inhabitants followed by a proportional settlement, and decision rules. About 278,000
 *   ledger rows. Two uncertain inputs (the youth-care and Zvw effect sizes), so it can be sampled.
 * - `validationCase()`: 300 effects x 50 years x 50 partners, every effect with its own uncertain
 *   volume (validation probes each uncertain input's tails).
 * - `bandsCase()`: 50 partners, 10 years, 40 effects with uncertain volumes and prices: the
 *   memory measurement of per-year bands at 1,000,000 samples.
 */
import type { CaseInput } from "../engine/index.ts";

/** A small fixed pseudo-random sequence (mulberry32), so every run builds the same case. */
function sequence(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (i: number, w: number) => String(i).padStart(w, "0");

export const REGIONAL = { municipalities: 342, providers: 20, effects: 200, years: 10, youthEffects: 72, wlzEffects: 20 } as const;

/** The 342-municipality case (see the file's comment). */
export function regionalCase(): CaseInput {
  const r = sequence(342);
  const M = REGIONAL.municipalities, NP = REGIONAL.providers;
  const gm = Array.from({ length: M }, (_, i) => ({
    id: `gm-${pad(i + 1, 3)}`,
    // Inhabitants from about 1,000 to 900,000 (a long right tail, as in the Netherlands).
    inhabitants: Math.round(1000 + Math.exp(8.5 + 3.2 * r() * r()) ),
    share: 0.25 + 0.5 * r(),
  }));
  const providers = Array.from({ length: NP }, (_, i) => ({ id: `aanbieder-${pad(i + 1, 2)}`, share: 1 + Math.round(9 * r()) }));
  const totalInhabitants = gm.reduce((s, g) => s + g.inhabitants, 0);
  const partners = [
    ...gm.map((g) => ({ id: g.id, name: `Gemeente ${g.id.slice(3)}`, kind: "municipality", inhabitants: g.inhabitants })),
    { id: "verzekeraar", name: "Zorgverzekeraar", kind: "insurer", insured: Math.round(totalInhabitants * 0.5) },
    { id: "overige-verzekeraars", name: "Overige zorgverzekeraars", kind: "insurer", insured: Math.round(totalInhabitants * 0.5) },
    { id: "zorgkantoor", name: "Zorgkantoor", kind: "care-office" },
    ...providers.map((p) => ({ id: p.id, name: `Aanbieder ${p.id.slice(9)}`, kind: "provider" })),
  ];
  const domains = [
    {
      id: "jeugd", name: "Jeugdwet (regionaal ingekocht)", law: "Jeugdwet",
      funder: gm.map((g) => ({ partner: g.id, share: g.inhabitants })),
      providers: providers.map((p) => ({ partner: p.id, share: p.share })), variableCostShare: 0.6,
    },
    ...gm.map((g) => ({
      id: `zvw-${g.id}`, name: `Zvw in ${g.id}`, law: "Zvw",
      funder: [{ partner: "verzekeraar", share: +g.share.toFixed(3) }, { partner: "overige-verzekeraars", share: +(1 - g.share).toFixed(3) }],
    })),
    { id: "wlz", name: "Wlz", law: "Wlz", funder: "zorgkantoor", providers: providers.slice(0, 4).map((p) => p.id), variableCostShare: 0.5 },
  ];
  const parameters: Record<string, unknown> = {
    effectJeugd: { value: 1, distribution: { type: "pert", min: 0.5, mode: 1, max: 1.4 } },
    effectZvw: { value: 1, distribution: { type: "pert", min: 0.6, mode: 1, max: 1.3 } },
    trajectPrice: { value: 9500, unit: "EUR/trajectory" },
    consultPrice: { value: 33.12, unit: "EUR/consult" },
    wlzDay: { value: 311, unit: "EUR/day" },
  };
  const effects: unknown[] = [];
  for (let i = 0; i < REGIONAL.youthEffects; i++) {
    effects.push({
      id: `jeugd-${pad(i + 1, 3)}`, label: `Minder trajecten jeugdhulp ${i + 1}`, domain: "jeugd",
      quantity: `effectJeugd * ${(5 + 40 * r()).toFixed(1)}`, unitPrice: "trajectPrice",
      rampUpYears: 1 + (i % 3), deadweight: 0.1 + 0.1 * (i % 3), production: true,
    });
  }
  const zvwEffects = REGIONAL.effects - REGIONAL.youthEffects - REGIONAL.wlzEffects;
  for (let i = 0; i < zvwEffects; i++) {
    const g = gm[Math.floor(r() * M)]!;
    effects.push({
      id: `zvw-${pad(i + 1, 3)}`, label: `Minder huisartsconsulten ${i + 1}`, domain: `zvw-${g.id}`,
      quantity: `effectZvw * ${Math.round(g.inhabitants / 100)}`, unitPrice: "consultPrice", rampUpYears: 2, cashable: i % 4 !== 0,
    });
  }
  for (let i = 0; i < REGIONAL.wlzEffects; i++) {
    effects.push({
      id: `wlz-${pad(i + 1, 3)}`, label: `Uitgestelde opname ${i + 1}`, domain: "wlz",
      quantity: `${(200 + 800 * r()).toFixed(0)}`, unitPrice: "wlzDay", production: true, dropOff: { rate: 0.05 },
    });
  }
  const investments = [
    { id: "regioteam", label: "Regionaal expertiseteam", bearer: "gm-001", domain: "jeugd", amount: 3_500_000 },
    { id: "poh-jeugd", label: "POH-jeugd in alle huisartspraktijken", bearer: "gm-001", domain: "jeugd", amount: 12_000_000 },
    { id: "ict", label: "Regionaal dossier", bearer: "gm-002", domain: "jeugd", category: "capital", amount: 2_000_000, schedule: { type: "once", year: 2025 } },
    { id: "wijkverpleging", label: "Wijkverpleging in de wijkteams", bearer: "verzekeraar", domain: `zvw-${gm[0]!.id}`, amount: 1_500_000 },
    { id: "casemanagement", label: "Casemanagement dementie", bearer: "zorgkantoor", domain: "wlz", amount: 800_000 },
  ];
  const municipalities = gm.map((g) => g.id);
  const arrangements = [
    {
      id: "regiopot-verevening", name: "Regionale pot naar inwonertal, dan verevening naar investering",
      steps: [
        { type: "pot", name: "Regiopot", pays: { domains: ["jeugd"] }, contributions: { key: { type: "inhabitants" } }, deficit: { riskBearer: "gm-001" } },
        { type: "settlement", target: "proportional-to-investment", partners: [...municipalities, "verzekeraar", "overige-verzekeraars"] },
      ],
    },
    {
      id: "afwegingskader", name: "Afwegingskader: jeugd naar inwonertal, Zvw naar verzekerden",
      steps: [{
        type: "decision-rules",
        rules: [
          { match: { domains: ["jeugd"] }, payer: { key: { type: "inhabitants" } } },
          { match: { bearers: ["verzekeraar"] }, payer: { key: { type: "insured" } } },
          { match: { bearers: ["zorgkantoor"] }, payer: "zorgkantoor" },
        ],
      }],
    },
  ];
  return {
    id: "bench-regio-342", title: "Benchmark: 342 gemeenten, een regio op landelijke schaal", priceYear: 2024, startYear: 2025,
    horizon: REGIONAL.years, discountRate: 0.0225, partners, domains, parameters, investments, effects, arrangements,
    simulation: { samples: 1000, seed: 15 },
  } as unknown as CaseInput;
}

/**
 * A case with `partners` partners (municipalities, two insurers, a care office and providers),
 * `effects` effects over `years` years, each effect with its own uncertain volume (and, with
 * `uncertainPrices`, an uncertain price), funders and providers cycling through the partners.
 */
function manyPartnerCase(id: string, opts: { partners: number; effects: number; years: number; uncertainPrices: boolean; sharedFunding: boolean; seed: number }): CaseInput {
  const r = sequence(opts.seed);
  const providersN = Math.max(2, Math.round(opts.partners / 10));
  const municipalitiesN = opts.partners - 3 - providersN;
  const gm = Array.from({ length: municipalitiesN }, (_, i) => `gm-${pad(i + 1, 3)}`);
  const prov = Array.from({ length: providersN }, (_, i) => `aanbieder-${pad(i + 1, 2)}`);
  const partners = [
    ...gm.map((p) => ({ id: p, name: p, kind: "municipality", inhabitants: Math.round(5000 + 95000 * r()) })),
    { id: "verzekeraar-a", name: "Verzekeraar A", kind: "insurer" },
    { id: "verzekeraar-b", name: "Verzekeraar B", kind: "insurer" },
    { id: "zorgkantoor", name: "Zorgkantoor", kind: "care-office" },
    ...prov.map((p) => ({ id: p, name: p, kind: "provider" })),
  ];
  const domains = [
    ...gm.map((g, i) => ({ id: `wmo-${g}`, name: `Wmo ${g}`, funder: g, providers: [prov[i % prov.length]!], variableCostShare: 0.7 })),
    // Bought together: every municipality pays its share (by inhabitants) of each saving.
    { id: "jeugd", name: "Jeugdwet (regionaal)", funder: partners.filter((p) => p.kind === "municipality").map((p) => ({ partner: p.id, share: (p as { inhabitants: number }).inhabitants })), providers: prov, variableCostShare: 0.6 },
    { id: "zvw", name: "Zvw", funder: [{ partner: "verzekeraar-a", share: 0.6 }, { partner: "verzekeraar-b", share: 0.4 }], providers: prov.slice(0, 2), variableCostShare: 0.4 },
    { id: "wlz", name: "Wlz", funder: "zorgkantoor" },
  ];
  const parameters: Record<string, unknown> = {};
  const effects: unknown[] = [];
  for (let i = 0; i < opts.effects; i++) {
    const e = `e${pad(i + 1, 3)}`;
    const q = 50 + Math.round(400 * r()), p = 40 + Math.round(200 * r());
    parameters[`${e}_q`] = { value: q, distribution: { type: "normal", mean: q, sd: Math.max(1, Math.round(q * (0.05 + 0.15 * r()))) } };
    if (opts.uncertainPrices) parameters[`${e}_p`] = { value: p, distribution: { type: "uniform", min: Math.round(p * 0.8), max: Math.round(p * 1.2) } };
    const domain = i % 5 === 0 ? "zvw" : i % 7 === 0 ? "wlz" : opts.sharedFunding ? "jeugd" : `wmo-${gm[i % gm.length]!}`;
    effects.push({
      id: e, label: e, domain, quantity: `${e}_q`, unitPrice: opts.uncertainPrices ? `${e}_p` : p,
      rampUpYears: 1 + (i % 3), deadweight: 0.1, ...(domain !== "wlz" ? { production: true } : {}),
    });
  }
  const investments = gm.slice(0, Math.min(10, gm.length)).map((g, i) => ({ id: `team-${i + 1}`, label: `Wijkteam ${g}`, bearer: g, domain: `wmo-${g}`, amount: 150_000 + 10_000 * i }));
  investments.push({ id: "poh", label: "POH", bearer: "verzekeraar-a", domain: "zvw", amount: 400_000 });
  return {
    id, title: id, priceYear: 2024, startYear: 2025, horizon: opts.years, discountRate: 0.0225,
    partners, domains, parameters, investments, effects,
  } as unknown as CaseInput;
}

/**
 * 300 effects x 50 years x 50 partners, 300 uncertain inputs: the validation benchmark. Most
 * effects are youth care bought together, each saving split over the 42 municipalities by
 * inhabitants, so most effects have about 50 ledger rows a year (556,000 rows in all).
 */
export function validationCase(): CaseInput {
  return manyPartnerCase("bench-validatie-300x50x50", { partners: 50, effects: 300, years: 50, uncertainPrices: false, sharedFunding: true, seed: 300 });
}

/** 50 partners, 10 years, 40 effects with uncertain volumes and prices: per-year bands at 1,000,000 samples. */
export function bandsCase(): CaseInput {
  return manyPartnerCase("bench-banden-50", { partners: 50, effects: 40, years: 10, uncertainPrices: true, sharedFunding: false, seed: 50 });
}
