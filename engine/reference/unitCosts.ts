/**
 * Dutch unit prices for valuing effects, shipped with the engine. Copied from the project's
 * reference data (shared/data/unit-costs-nl.csv; a test keeps this file in sync with it when
 * that file is present). Each price keeps its unit, price year, the domain whose budget usually
 * pays, and its source; a case refers to one by id (`ref:` on a parameter) and the engine
 * indexes it to the case's price year with the CPI in `cpi.ts`.
 *
 * Kostenhandleiding 2024 (Zorginstituut Nederland) prices are in 2022 euros.
 */
export interface UnitCost {
  id: string;
  labelNl: string;
  labelEn: string;
  /** What one unit is: `visit`, `day`, `hour`, ... The price is EUR per this unit. */
  unit: string;
  eur: number;
  priceYear: number;
  /** Whose budget usually pays: zvw, wlz, wmo, participatiewet, safety, resident, society. */
  domain: string;
  source: string;
}

export const UNIT_COSTS: readonly UnitCost[] = [
  {"id": "gp_consult", "labelNl": "Consult huisarts (gemiddeld)", "labelEn": "GP consultation (average)", "unit": "consult", "eur": 30.87, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024 (Zorginstituut Nederland)"},
  {"id": "gp_consult_short", "labelNl": "Consult huisarts < 20 min", "labelEn": "GP consultation < 20 min", "unit": "consult", "eur": 28.74, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "gp_consult_long", "labelNl": "Consult huisarts > 20 min", "labelEn": "GP consultation > 20 min", "unit": "consult", "eur": 42.47, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "gp_home_visit", "labelNl": "Visite huisarts", "labelEn": "GP home visit", "unit": "visit", "eur": 43.31, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "outpatient_visit", "labelNl": "Polikliniekbezoek", "labelEn": "Outpatient hospital visit", "unit": "visit", "eur": 120, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "emergency_visit", "labelNl": "SEH-bezoek", "labelEn": "Emergency department visit", "unit": "visit", "eur": 258, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "ambulance_ride", "labelNl": "Ambulancerit (gewogen)", "labelEn": "Ambulance ride (weighted)", "unit": "ride", "eur": 528, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "hospital_day", "labelNl": "Ligdag ziekenhuis (incl. personeel)", "labelEn": "Hospital day (incl. staff)", "unit": "day", "eur": 644, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "icu_day", "labelNl": "Ligdag IC", "labelEn": "Intensive care day", "unit": "day", "eur": 2727, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "day_treatment", "labelNl": "Dagbehandeling ziekenhuis", "labelEn": "Hospital day treatment", "unit": "day", "eur": 335, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "nursing_home_day", "labelNl": "Verpleging en verzorging incl. dagbesteding", "labelEn": "Nursing and care incl. day activities", "unit": "day", "eur": 290, "priceYear": 2022, "domain": "wlz", "source": "Kostenhandleiding 2024 (proxy for a nursing-home day)"},
  {"id": "geriatric_rehab_day", "labelNl": "Geriatrische revalidatie", "labelEn": "Geriatric rehabilitation", "unit": "day", "eur": 329, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "day_activities_half_day", "labelNl": "Dagbesteding ouderen (dagdeel)", "labelEn": "Day activities for older people (half day)", "unit": "half day", "eur": 83.29, "priceYear": 2022, "domain": "wmo", "source": "Kostenhandleiding 2024"},
  {"id": "household_help_hour", "labelNl": "Huishoudelijke hulp", "labelEn": "Household help", "unit": "hour", "eur": 32.76, "priceYear": 2022, "domain": "wmo", "source": "Kostenhandleiding 2024"},
  {"id": "personal_care_hour", "labelNl": "Persoonlijke verzorging", "labelEn": "Personal care", "unit": "hour", "eur": 57.58, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "support_at_home_hour", "labelNl": "Begeleiding", "labelEn": "Support (begeleiding)", "unit": "hour", "eur": 64, "priceYear": 2022, "domain": "wmo", "source": "Kostenhandleiding 2024"},
  {"id": "district_nursing_hour", "labelNl": "Wijkverpleging", "labelEn": "District nursing", "unit": "hour", "eur": 75, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "home_treatment_hour", "labelNl": "Behandeling thuis", "labelEn": "Treatment at home", "unit": "hour", "eur": 138, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "poh_ggz_consult", "labelNl": "Consult POH-GGZ", "labelEn": "Mental-health practice nurse consultation", "unit": "consult", "eur": 20.85, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "social_work_contact", "labelNl": "Contact maatschappelijk werk", "labelEn": "Social work contact", "unit": "contact", "eur": 127, "priceYear": 2022, "domain": "wmo", "source": "Kostenhandleiding 2024"},
  {"id": "basic_ggz_contact", "labelNl": "Contact basis-GGZ", "labelEn": "Basic mental-health contact", "unit": "contact", "eur": 98.61, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "specialised_ggz_contact", "labelNl": "Contact gespecialiseerde GGZ (instelling)", "labelEn": "Specialised mental-health contact (institution)", "unit": "contact", "eur": 134, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "psychiatric_day", "labelNl": "Verpleegdag psychiatrie", "labelEn": "Psychiatric nursing day", "unit": "day", "eur": 327, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "physio_session", "labelNl": "Fysiotherapie", "labelEn": "Physiotherapy session", "unit": "session", "eur": 38.89, "priceYear": 2022, "domain": "zvw", "source": "Kostenhandleiding 2024"},
  {"id": "informal_care_hour", "labelNl": "Mantelzorg (vervangingskosten)", "labelEn": "Informal care (replacement cost)", "unit": "hour", "eur": 18.8, "priceYear": 2022, "domain": "resident", "source": "Kostenhandleiding 2024"},
  {"id": "productivity_hour", "labelNl": "Productiviteitsverlies", "labelEn": "Productivity loss", "unit": "hour", "eur": 39.88, "priceYear": 2022, "domain": "society", "source": "Kostenhandleiding 2024"},
  {"id": "theft_offence", "labelNl": "Eenvoudige diefstal", "labelEn": "Simple theft (per offence)", "unit": "offence", "eur": 3147, "priceYear": 2022, "domain": "safety", "source": "Kostenhandleiding 2024"},
  {"id": "vandalism_offence", "labelNl": "Vernieling", "labelEn": "Vandalism (per offence)", "unit": "offence", "eur": 8809, "priceYear": 2022, "domain": "safety", "source": "Kostenhandleiding 2024"},
  {"id": "assault_offence", "labelNl": "Mishandeling", "labelEn": "Assault (per offence)", "unit": "offence", "eur": 19927, "priceYear": 2022, "domain": "safety", "source": "Kostenhandleiding 2024"},
  {"id": "social_assistance_single_year", "labelNl": "Bijstand alleenstaande (jaar)", "labelEn": "Social assistance single person (year)", "unit": "year", "eur": 16145, "priceYear": 2025, "domain": "participatiewet", "source": "Rijksoverheid norm 1 January 2025 (EUR 1345.45 a month incl. holiday pay; yearly figure derived)"},
  {"id": "social_assistance_couple_year", "labelNl": "Bijstand paar (jaar)", "labelEn": "Social assistance couple (year)", "unit": "year", "eur": 23065, "priceYear": 2025, "domain": "participatiewet", "source": "Rijksoverheid norm 1 January 2025 (EUR 1922.07 a month; yearly figure derived)"},
  {"id": "zvw_cost_per_insured_year", "labelNl": "Zvw-kosten per verzekerde (gemiddeld)", "labelEn": "Health-insurance cost per insured person (average)", "unit": "year", "eur": 2625, "priceYear": 2018, "domain": "zvw", "source": "Vektis 2018 (range 1853 Urk - 3625 Kerkrade)"},
  {"id": "shelter_per_roofless_year", "labelNl": "Maatschappelijke opvang per dakloze", "labelEn": "Social shelter per roofless person", "unit": "year", "eur": 23236, "priceYear": 2011, "domain": "wmo", "source": "Cebeon-derived secondary source (weak)"},
]

const BY_ID = new Map(UNIT_COSTS.map((u) => [u.id, u]));

export function unitCost(id: string): UnitCost | undefined {
  return BY_ID.get(id);
}
