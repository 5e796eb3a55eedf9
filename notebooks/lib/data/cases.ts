/**
 * The case files the notebooks ship: the four initiatives of the study and the engine's
 * examples. Their text is bundled (Vite `?raw`), so pages work offline and a reader can
 * download exactly the file a page evaluates; each file is its own chunk, fetched by
 * `caseText` when a page opens it (a page loads only the case files it shows).
 *
 * For each study case: which parameters get a slider (the key assumptions), and which
 * parameters give the normalisations of the comparison page (inhabitants, clients per year)
 * and the factor to 2024 euros.
 */
import type { Model } from "../../../engine/index.ts";
import { loadCase, formatIssue, type Lang } from "../../../engine/index.ts";
import type { SliderSpec } from "../parts/panel.ts";

/** Loaders of the bundled case files' text, by path relative to this module. */
const TEXTS = import.meta.glob<string>(["../../../examples/minimal.yaml", "../../../examples/rich.yaml", "../../../examples/ruwaard.yaml", "../../cases/*.yaml"], { query: "?raw", import: "default" });

/** The text of a bundled case file, by its path in the repository (`examples/rich.yaml`, `notebooks/cases/ede.yaml`). */
export async function caseText(file: string): Promise<string> {
  const load = TEXTS[file.startsWith("notebooks/") ? `../../${file.slice("notebooks/".length)}` : `../../../${file}`];
  if (!load) throw new Error(`not a bundled case file: ${file}`);
  return load();
}

export interface StudyCase {
  key: "ruwaard" | "noord" | "uden" | "ede";
  /** Short name for charts and tables. */
  short: string;
  /** Page of the notebook (relative to the site root). */
  page: string;
  /** Path of the case file in the repository (its text: `caseText(file)`). */
  file: string;
  /** Key assumptions, each with a slider. The first moves the society NPV (browser test). */
  sliders: SliderSpec[];
  /** Parameter holding the area's inhabitants. */
  inhabitants: string;
  /** Parameter holding the clients (or households) reached per year. */
  clients: string;
  /** What a client is in this case: [nl, en]. */
  clientWord: readonly [string, string];
  /** Multiplies the case's euros into 2024 euros, from its parameter values. */
  to2024(parameters: Readonly<Record<string, number>>): number;
}

export const STUDY_CASES: readonly StudyCase[] = [
  {
    key: "ruwaard", short: "Proeftuin Ruwaard (Oss)", page: "ruwaard.html", file: "examples/ruwaard.yaml",
    sliders: [
      { name: "replacedShare", label: ["Deel van het wijkbudget dat bestaande subsidies vervangt", "Share of the district budget replacing existing subsidies"] },
      { name: "attribution", label: ["Attributie aan de Proeftuin", "Attribution to the Proeftuin"] },
      { name: "deadweight", label: ["Deadweight (was toch gebeurd)", "Deadweight (would have happened anyway)"] },
      { name: "hhClientsAvoided", min: 0, max: 100, step: 1 },
      { name: "supportClientsAvoided", min: 0, max: 80, step: 1 },
      { name: "nursingHoursAvoided", min: 0, max: 6000, step: 100 },
      { name: "shareVGZ", label: ["Marktaandeel VGZ in Ruwaard", "VGZ market share in Ruwaard"] },
      { name: "wmoVariableShare", label: ["Variabel deel omzet Wmo-aanbieder", "Variable share of a Wmo provider's revenue"] },
    ],
    inhabitants: "inhabitants", clients: "casesPerYear", clientWord: ["huishouden (casus)", "household (case)"],
    // The case is in 2018 euros: its own CPI 2018 -> 2022 (an assumption), then CBS 2022 -> 2024.
    to2024: (p) => (p.cpi2018to2022 ?? 1) * 1.073,
  },
  {
    key: "noord", short: "Beter Samen in Noord", page: "noord.html", file: "notebooks/cases/noord.yaml",
    sliders: [
      { name: "kbzAttribution", label: ["Attributie aan Krachtige Basiszorg", "Attribution to Krachtige Basiszorg"] },
      { name: "kbzPatients", min: 0, max: 60000, step: 500 },
      { name: "kbzSurcharge", min: 0, max: 120, step: 1 },
      { name: "zkShare", label: ["Marktaandeel Zilveren Kruis in Noord", "Zilveren Kruis market share in Noord"] },
      { name: "olderClients", min: 0, max: 4000, step: 50 },
      { name: "hospitalDaysAvoided", min: 0, max: 1.5, step: 0.05, percent: false },
      { name: "caseClients", min: 0, max: 1000, step: 10 },
      { name: "deadweight", label: ["Deadweight (was toch gebeurd)", "Deadweight (would have happened anyway)"] },
    ],
    inhabitants: "inhabitants", clients: "clients", clientWord: ["cliënt", "client"],
    to2024: () => 1,
  },
  {
    key: "uden", short: "Uden (Maashorst)", page: "uden.html", file: "notebooks/cases/uden.yaml",
    sliders: [
      { name: "attribution", label: ["Attributie aan het netwerk", "Attribution to the network"] },
      { name: "clients", min: 0, max: 2000, step: 10 },
      { name: "gpConsultsAvoided", min: 0, max: 5, step: 0.1, percent: false },
      { name: "hhClientsAvoided", min: 0, max: 60, step: 1 },
      { name: "nursingHoursAvoided", min: 0, max: 6000, step: 100 },
      { name: "referralShare", label: ["Deel doorverwezen naar welzijn op recept", "Share referred to social prescribing"] },
      { name: "vgzContribution", min: 0, max: 200000, step: 5000 },
    ],
    inhabitants: "inhabitants", clients: "clients", clientWord: ["inwoner met een gesprek", "resident with a conversation"],
    to2024: () => 1,
  },
  {
    key: "ede", short: "Ede-West", page: "ede.html", file: "notebooks/cases/ede.yaml",
    sliders: [
      { name: "maatwerkReduction", min: 0, max: 0.1, step: 0.0025, label: ["Deel van het maatwerk dat de werkwijze voorkomt", "Share of tailored provision avoided"] },
      { name: "edeWestShare", min: 0, max: 0.5, step: 0.01, label: ["Aandeel Ede-West in de Wmo-maatwerkkosten van Ede", "Ede-West's share of Ede's Wmo tailored-provision costs"] },
      { name: "attribution", label: ["Attributie aan de werkwijze", "Attribution to the way of working"] },
      { name: "adminHoursProviders", min: 0, max: 12000, step: 100 },
      { name: "crisisDaysAvoided", min: 0, max: 500, step: 5 },
      { name: "transitionFund", min: 0, max: 1000000, step: 10000 },
      { name: "wmoVariableShare", label: ["Variabel deel omzet Wmo-aanbieders", "Variable share of Wmo providers' revenue"] },
    ],
    inhabitants: "inhabitants", clients: "clients", clientWord: ["cliënt met maatwerk", "client with tailored provision"],
    to2024: () => 1,
  },
];

export const EXAMPLES = {
  minimal: { file: "examples/minimal.yaml" },
  rich: { file: "examples/rich.yaml" },
  ruwaard: { file: "examples/ruwaard.yaml" },
} as const;

export function studyCase(key: StudyCase["key"]): StudyCase {
  const c = STUDY_CASES.find((s) => s.key === key);
  if (!c) throw new Error(`unknown study case: ${key}`);
  return c;
}

const cache = new Map<string, Model>();

/** The compiled model of a bundled case file; a bundled file that does not validate is a bug. */
export function modelOf(file: string, text: string, lang: Lang = "nl"): Model {
  const key = `${lang}\u0000${file}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const v = loadCase(text, "yaml", { lang });
  if (!v.ok) throw new Error(`${file} is not valid:\n${v.issues.map((i) => formatIssue(i, file)).join("\n")}`);
  cache.set(key, v.model);
  return v.model;
}
