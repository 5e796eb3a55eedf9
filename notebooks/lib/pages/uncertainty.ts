/**
 * The uncertainty page (onzekerheid.html): the run panel (sample count, seed, financing form,
 * start / cancel, a progress bar), and the results of a Monte Carlo run and of the sensitivity
 * analysis as plain rows and tables. The run itself is `runSimulation` (simulate.ts): its chunks
 * go to Web Workers, so this thread only draws.
 *
 * Money arrives in cents (like the ledger) and is shown as whole euros in the page's language.
 * Names from the case reach the DOM only as text (htl).
 */
import { html } from "htl";
import type { EntityResult, PerspectiveResult, SimulationResult, SwitchingValue, SwitchingValues, Tornado, TornadoEntity } from "../../../engine/index.ts";
import type { FanRow, TornadoChartRow } from "../charts/charts.ts";
import type { PartnerColors } from "../charts/colors.ts";
import { SOCIETY_ID } from "../charts/colors.ts";
import { eur, lang as pageLang, num, pct, smartNum, t, type Lang } from "../i18n/i18n.ts";
import { runSimulation } from "../workers/simulate.ts";
import { updateState } from "../parts/share.ts";

/** The engine calls society "society"; the page's colours call it SOCIETY_ID. */
export const entityKey = (id: string): string => (id === "society" ? SOCIETY_ID : id);

/** What the panel holds once a run has finished. */
export interface SimulationRun {
  result: SimulationResult;
  /** Status quo, or the arrangement whose transfers were simulated too. */
  perspective: PerspectiveResult;
  /** Wall-clock time of the run, from the click to the assembled result (ms). */
  ms: number;
  workers: number;
}

export interface PanelOptions {
  samples?: number;
  seed?: number;
  /** Financing arrangements the reader may add to the run (id, name). */
  arrangements?: readonly { id: string; name: string }[];
  /** The arrangement chosen at the start (from the page's address). */
  arrangement?: string;
  lang?: Lang;
}

/**
 * The run panel: an element whose `value` is the last finished run (or null) and which fires
 * `input` when a run finishes, so `view(simulationPanel(...))` makes it a reactive value.
 * While a run goes, the progress bar shows the share of samples done (indeterminate until the
 * first chunk is back) and the cancel button stops the workers.
 */
export function simulationPanel(caseData: unknown, o: PanelOptions = {}): HTMLElement & { value: SimulationRun | null } {
  const l = o.lang ?? pageLang;
  const samples = html`<input type="number" class="bc-number" name="samples" min="1000" max="200000" step="1000" value=${String(o.samples ?? 10000)} aria-label=${t("Aantal trekkingen", "Number of samples", l)}>` as HTMLInputElement;
  const seed = html`<input type="number" class="bc-number" name="seed" min="0" step="1" value=${String(o.seed ?? 1)} aria-label=${t("Startwaarde (seed)", "Seed", l)}>` as HTMLInputElement;
  const perspective = html`<select name="perspective" aria-label=${t("Financieringsvorm", "Financing form", l)}>
    <option value="">${t("Status quo (snel)", "Status quo (fast)", l)}</option>
    ${(o.arrangements ?? []).map((a) => html`<option value=${a.id} selected=${a.id === o.arrangement}>${a.name} ${t("(langzamer)", "(slower)", l)}</option>`)}
  </select>` as HTMLSelectElement;
  const start = html`<button type="button" class="bc-button bc-strong" data-sim="run">${t("Start simulatie", "Run simulation", l)}</button>` as HTMLButtonElement;
  const cancel = html`<button type="button" class="bc-button" data-sim="cancel" disabled>${t("Annuleren", "Cancel", l)}</button>` as HTMLButtonElement;
  const bar = html`<progress data-sim="progress" max="1" style="width: 260px; vertical-align: middle"></progress>` as HTMLProgressElement;
  const status = html`<span data-sim="status" class="bc-muted" role="status" aria-live="polite">${t("Nog niet gestart.", "Not started yet.", l)}</span>`;
  bar.hidden = true;
  const uid = Math.random().toString(36).slice(2, 8);
  samples.id = `bc-sim-samples-${uid}`;
  seed.id = `bc-sim-seed-${uid}`;
  perspective.id = `bc-sim-form-${uid}`;
  bar.setAttribute("aria-label", t("Voortgang van de simulatie", "Progress of the simulation", l));
  const root = html`<div class="bc-panel" data-sim="panel">
    <div class="bc-field"><label for=${samples.id}>${t("Aantal trekkingen", "Number of samples", l)}</label>${samples}<span class="bc-unit">${t("1.000 tot 200.000", "1,000 to 200,000", l)}</span></div>
    <div class="bc-field"><label for=${seed.id}>${t("Startwaarde (seed): dezelfde seed geeft dezelfde uitkomst", "Seed: the same seed gives the same result", l)}</label>${seed}<span class="bc-unit"></span></div>
    <div class="bc-field"><label for=${perspective.id}>${t("Financieringsvorm", "Financing form", l)}</label>${perspective}<span class="bc-unit"></span></div>
    <div class="bc-panel-actions">${start}${cancel} ${bar} ${status}</div>
  </div>` as HTMLElement & { value: SimulationRun | null };
  root.value = null;
  // The inputs are the panel's own: keep their events from reaching `view` (only a finished run does).
  // The settings live in the page's address, so a reload or a shared link runs the same simulation.
  for (const el of [samples, seed, perspective]) el.addEventListener("input", (e) => {
    e.stopPropagation();
    updateState({ settings: { samples: samples.value, seed: seed.value, form: perspective.value } });
  });

  let controller: AbortController | null = null;
  const setRunning = (running: boolean) => {
    start.disabled = running;
    cancel.disabled = !running;
    samples.disabled = seed.disabled = perspective.disabled = running;
    root.dataset.running = running ? "true" : "false";
  };
  cancel.addEventListener("click", () => controller?.abort());
  start.addEventListener("click", () => {
    const n = Math.round(Number(samples.value));
    if (!Number.isSafeInteger(n) || n < 1 || n > 200000) {
      status.textContent = t("Kies een aantal trekkingen van 1 tot 200.000.", "Choose a number of samples from 1 to 200,000.", l);
      return;
    }
    const s = Math.round(Number(seed.value));
    const arrangement = perspective.value;
    const cores = navigator.hardwareConcurrency || 2;
    // Leave a core to the page (on two cores: one chunk worker), at most four, no more than chunks.
    const workers = Math.max(1, Math.min(4, cores - 1, Math.ceil(n / 10000)));
    controller = new AbortController();
    setRunning(true);
    bar.hidden = false;
    bar.removeAttribute("value"); // indeterminate until the first chunk is back
    status.textContent = t("Bezig: werkers starten…", "Running: starting workers…", l);
    const t0 = performance.now();
    runSimulation(caseData, { samples: n, seed: s, ...(arrangement ? { arrangements: [arrangement] } : {}) }, {
      lang: l,
      workers,
      signal: controller.signal,
      onProgress: (done, total) => {
        bar.value = done / total;
        status.textContent = `${t("Bezig", "Running", l)}: ${num(done, 0, l)} ${t("van", "of", l)} ${num(total, 0, l)} ${t("trekkingen", "samples", l)} (${pct(done / total, 0, l)}), ${num((performance.now() - t0) / 1000, 1, l)} s`;
      },
    }).then((result) => {
      const ms = performance.now() - t0;
      bar.value = 1;
      status.textContent = `${t("Klaar", "Done", l)}: ${num(result.samples, 0, l)} ${t("trekkingen in", "samples in", l)} ${num(ms / 1000, 1, l)} s (${workers} ${workers === 1 ? t("werker", "worker", l) : t("werkers", "workers", l)}, seed ${result.seed}).`;
      root.dataset.ms = String(Math.round(ms));
      root.value = { result, perspective: arrangement ? result.arrangements[0]! : result.statusQuo, ms, workers };
      root.dispatchEvent(new Event("input", { bubbles: true }));
    }, (error: unknown) => {
      bar.hidden = true;
      const cancelled = error instanceof Error && error.name === "SimulationCancelled" || controller?.signal.aborted;
      status.textContent = cancelled ? t("Geannuleerd.", "Cancelled.", l) : `${t("Fout", "Error", l)}: ${error instanceof Error ? error.message : String(error)}`;
    }).finally(() => {
      controller = null;
      setRunning(false);
    });
  });
  return root;
}

/** One row of the summary table. */
export interface SummaryRow {
  id: string;
  name: string;
  mean: number;
  sd: number;
  p5: number;
  p50: number;
  p95: number;
  probabilityOfLoss: number;
}

export function summaryRows(p: PerspectiveResult, name: (id: string) => string): SummaryRow[] {
  return [...p.partners, p.society].map((e) => ({
    id: entityKey(e.id), name: name(entityKey(e.id)),
    mean: e.npv.mean, sd: e.npv.sd, p5: e.npv.p5, p50: e.npv.p50, p95: e.npv.p95, probabilityOfLoss: e.probabilityOfLoss,
  }));
}

function swatch(color: string): HTMLElement {
  return html`<span class="bc-swatch" style=${{ background: color }}></span>`;
}

/**
 * Per partner and society: mean, sd, p5 / p50 / p95 of the NPV and P(NPV < 0). Cells carry the
 * exact cents in `data-cents` (the browser test compares them with the CLI).
 */
export function summaryTable(rows: readonly SummaryRow[], colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const money = (v: number, key: string, id: string) => html`<td class="bc-num ${v < 0 ? "bc-neg" : ""}" data-sim-cell=${`${id}:${key}`} data-cents=${String(v)}>${eur(v, l)}</td>`;
  return html`<div class="bc-table-wrap"><table class="bc-table" data-sim="summary">
    <thead><tr>
      <th>${t("Partner", "Partner", l)}</th>
      <th class="bc-num">${t("NCW gemiddeld", "NPV mean", l)}</th>
      <th class="bc-num">${t("Standaardafwijking", "Standard deviation", l)}</th>
      <th class="bc-num">P5</th>
      <th class="bc-num">${t("P50 (mediaan)", "P50 (median)", l)}</th>
      <th class="bc-num">P95</th>
      <th class="bc-num">${t("Kans op verlies P(NCW < 0)", "Probability of loss P(NPV < 0)", l)}</th>
    </tr></thead>
    <tbody>${rows.map((r) => html`<tr class=${r.id === SOCIETY_ID ? "bc-strong" : ""}>
      <td>${swatch(colors.color(r.id))}${r.name}</td>
      ${money(r.mean, "mean", r.id)}${money(r.sd, "sd", r.id)}${money(r.p5, "p5", r.id)}${money(r.p50, "p50", r.id)}${money(r.p95, "p95", r.id)}
      <td class="bc-num" data-sim-cell=${`${r.id}:loss`} data-value=${String(r.probabilityOfLoss)}>${pct(r.probabilityOfLoss, 1, l)}</td>
    </tr>`)}</tbody>
  </table></div>`;
}

/** The empirical CDF of one entity's NPV, in euros: `{ value, probability }` points. */
export interface CdfPoint {
  value: number;
  probability: number;
}

export function cdfPoints(e: Pick<EntityResult, "cdf">): CdfPoint[] {
  if (!e.cdf) return [];
  return Array.from(e.cdf.values, (v, j) => ({ value: v / 100, probability: e.cdf!.probabilities[j]! }));
}

/** Per-year bands of one entity's net (euros), for the fan chart. */
export type BandRow = FanRow;

/** Bands of entity `id` under `perspective` (default: the status quo). */
export function bandRows(result: SimulationResult, id: string, perspective: PerspectiveResult = result.statusQuo): BandRow[] {
  const y = perspective.yearly.find((b) => entityKey(b.id) === id);
  return (y?.bands ?? []).map((b) => ({ year: b.year, mean: b.mean / 100, p5: b.p5 / 100, p10: b.p10 / 100, p50: b.p50 / 100, p90: b.p90 / 100, p95: b.p95 / 100 }));
}

/** The tornado of one entity as bars in euros, largest swing first. */
export type TornadoRow = TornadoChartRow;

export function tornadoEntity(tor: Tornado, id: string): TornadoEntity | undefined {
  return tor.entities.find((e) => entityKey(e.id) === id);
}

export function tornadoRows(e: TornadoEntity, label: (name: string) => string, max = 10): TornadoRow[] {
  return e.bars.filter((b) => b.swing > 0).slice(0, max).map((b) => ({
    parameter: b.parameter, label: label(b.parameter), base: e.base / 100, atLow: b.npvLow / 100, atHigh: b.npvHigh / 100, low: b.low, high: b.high, swing: b.swing / 100,
  }));
}

function switchingText(v: SwitchingValue, l: Lang): string {
  switch (v.status) {
    case "ok": return `${smartNum(v.value, l)}${v.multiple ? " *" : ""}`;
    case "none-in-range": return t("niet in bereik", "none in range", l);
    case "no-effect": return t("geen invloed", "no effect", l);
  }
}

/**
 * Switching values: per uncertain parameter (its base value) and per partner and society the
 * value at which the NPV is zero, the others at base.
 */
export function switchingTable(sw: SwitchingValues, colors: PartnerColors, label: (name: string) => string, l: Lang = pageLang): HTMLElement {
  const ids = sw.entities.map((e) => entityKey(e.id));
  return html`<div class="bc-table-wrap"><table class="bc-table" data-sim="switching">
    <thead><tr>
      <th>${t("Parameter", "Parameter", l)}</th>
      <th class="bc-num">${t("Basiswaarde", "Base value", l)}</th>
      ${ids.map((id) => html`<th class="bc-num">${swatch(colors.color(id))}${colors.name(id)}</th>`)}
    </tr></thead>
    <tbody>${sw.rows.map((r) => html`<tr>
      <td>${label(r.parameter)} <span class="bc-muted bc-small">${r.parameter}</span></td>
      <td class="bc-num">${smartNum(r.base, l)}</td>
      ${r.values.map((v) => html`<td class="bc-num ${v.status === "ok" ? "bc-strong" : "bc-muted"}">${switchingText(v, l)}</td>`)}
    </tr>`)}</tbody>
  </table>
  <p class="bc-small bc-muted">${t(
    "Gezocht tussen het 0,1e en 99,9e percentiel van elke parameter. * = meer dan één nulpunt in dat bereik; het dichtst bij de basiswaarde staat er.",
    "Searched between each parameter's 0.1th and 99.9th percentile. * = more than one zero in that range; the one nearest the base value is shown.", l)}</p></div>`;
}
