/**
 * Decision analysis on the pages: the value-of-information panel and tables (onzekerheid.html),
 * the negotiation panel and its results (onderhandelen.html), and cases the reader uploads next
 * to the bundled ones (vergelijken.html). The work runs in Web Workers (workers/simulate.ts for
 * the samples, workers/decision.ts for the regressions and the solver); this thread only draws.
 * Names from a case reach the DOM only as text (htl).
 */
import { html } from "htl";
import { arrangementRobustness, decisionRunOptions, decisionSamples, loadCase, formatFromName, type DecisionValue, type Model, type NegotiationResult, type Robustness, type VoiResult } from "../../../engine/index.ts";
import type { PartnerColors } from "../charts/colors.ts";
import { SOCIETY_ID } from "../charts/colors.ts";
import { eur, euros, lang as pageLang, num, pct, smartNum, t, type Lang } from "../i18n/i18n.ts";
import type { RiskRow, VoiRow } from "../data/decision.ts";
import { runNegotiation, runVoi } from "../workers/decision.ts";
import { runSimulation } from "../workers/simulate.ts";

const swatch = (color: string) => html`<span class="bc-swatch" style=${{ background: color }}></span>`;
const entityKey = (id: string) => (id === "society" ? SOCIETY_ID : id);

/** A run panel: an element whose `value` is the last result and which fires `input` when one arrives. */
function runPanel<T>(fields: HTMLElement[], startText: string, run: (progress: (done: number, total: number) => void, signal: AbortSignal, status: (s: string) => void) => Promise<T>, l: Lang, name: string): HTMLElement & { value: T | null } {
  const start = html`<button type="button" class="bc-button bc-strong" data-decision=${`${name}-run`}>${startText}</button>` as HTMLButtonElement;
  const cancel = html`<button type="button" class="bc-button" disabled>${t("Annuleren", "Cancel", l)}</button>` as HTMLButtonElement;
  const bar = html`<progress max="1" style="width: 220px; vertical-align: middle"></progress>` as HTMLProgressElement;
  const status = html`<span class="bc-muted" role="status" aria-live="polite" data-decision=${`${name}-status`}>${t("Nog niet gestart.", "Not started yet.", l)}</span>`;
  bar.hidden = true;
  const root = html`<div class="bc-panel" data-decision=${name}>${fields}<div class="bc-panel-actions">${start}${cancel} ${bar} ${status}</div></div>` as HTMLElement & { value: T | null };
  root.value = null;
  for (const f of fields) f.addEventListener("input", (e) => e.stopPropagation());
  let controller: AbortController | null = null;
  cancel.addEventListener("click", () => controller?.abort());
  start.addEventListener("click", () => {
    controller = new AbortController();
    start.disabled = true; cancel.disabled = false; bar.hidden = false; bar.removeAttribute("value");
    root.dataset.running = "true";
    const t0 = performance.now();
    run((done, total) => { bar.value = done / total; }, controller.signal, (s) => { status.textContent = s; }).then((value) => {
      bar.value = 1;
      status.textContent = `${t("Klaar in", "Done in", l)} ${num((performance.now() - t0) / 1000, 1, l)} s.`;
      root.value = value;
      root.dispatchEvent(new Event("input", { bubbles: true }));
    }, (error: unknown) => {
      bar.hidden = true;
      const cancelled = (error instanceof Error && error.name === "SimulationCancelled") || controller?.signal.aborted;
      status.textContent = cancelled ? t("Geannuleerd.", "Cancelled.", l) : `${t("Fout", "Error", l)}: ${error instanceof Error ? error.message : String(error)}`;
    }).finally(() => {
      controller = null;
      start.disabled = false; cancel.disabled = true;
      root.dataset.running = "false";
    });
  });
  return root;
}

function field(label: string, input: HTMLElement, unit = ""): HTMLElement {
  return html`<div class="bc-field"><label>${label}</label>${input}<span class="bc-unit">${unit}</span></div>`;
}

// --- Value of information and arrangements under uncertainty ------------------------------

export interface VoiRun {
  voi: VoiResult;
  robustness: Robustness;
  perspective: string;
  samples: number;
  seed: number;
}

/**
 * The value-of-information panel: samples, seed and the arrangement the go/no-go decisions
 * are taken under; a run simulates every arrangement (keeping the samples), then the
 * regressions run in a worker.
 */
export function voiPanel(caseData: unknown, o: { samples?: number; seed?: number; arrangements: readonly { id: string; name: string }[]; perspective?: string; lang?: Lang }): HTMLElement & { value: VoiRun | null } {
  const l = o.lang ?? pageLang;
  const samples = html`<input type="number" class="bc-number" min="500" max="50000" step="500" value=${String(o.samples ?? 4000)} aria-label=${t("Aantal trekkingen", "Number of samples", l)}>` as HTMLInputElement;
  const seed = html`<input type="number" class="bc-number" min="0" step="1" value=${String(o.seed ?? 1)} aria-label=${t("Startwaarde (seed)", "Seed", l)}>` as HTMLInputElement;
  const perspective = html`<select aria-label=${t("Meedoen of niet, onder", "Take part or not, under", l)}>
    <option value="status-quo">${t("Status quo", "Status quo", l)}</option>
    ${o.arrangements.map((a) => html`<option value=${a.id} selected=${a.id === o.perspective}>${a.name}</option>`)}
  </select>` as HTMLSelectElement;
  return runPanel<VoiRun>([
    field(t("Aantal trekkingen", "Number of samples", l), samples, t("500 tot 50.000; elke regeling rekent mee", "500 to 50,000; every arrangement is computed", l)),
    field(t("Startwaarde (seed)", "Seed", l), seed),
    field(t("Meedoen of niet, onder", "Take part or not, under", l), perspective),
  ], t("Bereken waarde van informatie", "Compute value of information", l), async (progress, signal, status) => {
    const n = Math.min(50000, Math.max(500, Math.round(Number(samples.value)) || 4000)), s = Math.round(Number(seed.value)) || 0;
    status(t("Bezig: trekkingen…", "Running: samples…", l));
    const cores = typeof navigator !== "undefined" ? navigator.hardwareConcurrency || 2 : 2;
    const result = await runSimulation(caseData, decisionRunOptions({ samples: n, seed: s }), { lang: l, workers: Math.max(1, Math.min(4, cores - 1, Math.ceil(n / 10000))), signal, onProgress: progress });
    status(t("Bezig: regressies per parameter…", "Running: regressions per parameter…", l));
    const ds = decisionSamples(result);
    const voi = await runVoi(ds, { perspective: perspective.value }, { signal });
    return { voi, robustness: arrangementRobustness(ds), perspective: perspective.value, samples: n, seed: s };
  }, l, "voi");
}

/** The decisions of a run as select options: go/no-go per partner and society, then the arrangement choices. */
export function decisionOptions(voi: VoiResult, colors: PartnerColors, l: Lang = pageLang): { id: string; label: string }[] {
  return voi.decisions.map((d) => ({ id: d.id, label: d.kind === "go" ? `${colors.name(entityKey(d.entity))}: ${t("meedoen of niet", "take part or not", l)}` : `${colors.name(d.entity)}: ${t("welke regeling", "which arrangement", l)}` }));
}

/** What the chart shows, in words: the decision, the current best option, P(wrong), the EVPI. */
export function decisionSummary(d: DecisionValue, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const opt = (id: string) => (d.kind === "go" ? (id === "go" ? t("meedoen", "take part", l) : t("niet meedoen", "stay out", l)) : d.options.find((o) => o.id === id)?.name ?? id);
  const who = colors.name(entityKey(d.entity));
  const top = d.parameters[0];
  return html`<p data-decision="summary">${t("Op dit moment is de beste keuze voor", "On current information the best choice for", l)} <strong>${who}</strong>: <strong>${opt(d.best)}</strong>.
    ${t("De kans dat dat achteraf de verkeerde keuze was", "The probability that this turns out the wrong choice", l)}: ${pct(d.probabilityWrong, 0, l)}.
    ${t("Alles zeker weten is", "Knowing everything for certain is worth", l)} <strong>${eur(d.evpi, l)}</strong> ${t("waard (EVPI)", "(EVPI)", l)}${top && top.value > 50 ? html`; ${t("het meest waard om uit te zoeken is", "most worth researching is", l)} <strong>${top.name}</strong> (${eur(top.value, l)})` : html`; ${t("geen enkele aanname apart kan de keuze omgooien", "no single assumption can change the choice on its own", l)}`}.</p>`;
}

/** The chart's data as a table: parameter, EVPPI, share of the EVPI. */
export function voiTable(rows: readonly VoiRow[], l: Lang = pageLang): HTMLElement {
  return html`<div class="bc-table-wrap"><table class="bc-table" data-decision="voi-table">
    <thead><tr><th>${t("Parameter of groep", "Parameter or group", l)}</th><th class="bc-num">EVPPI</th><th class="bc-num">${t("Deel van de EVPI", "Share of the EVPI", l)}</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${r.label}${r.group ? "" : html` <span class="bc-muted bc-small">${r.name}</span>`}</td><td class="bc-num" data-cents=${String(Math.round(r.value * 100))}>${euros(r.value, l)}</td><td class="bc-num">${pct(r.share, 0, l)}</td></tr>`)}</tbody>
  </table></div>`;
}

/** Per partner and arrangement: expected NPV, P5, P(loss), P(worse than status quo), takes part. */
export function riskTable(rows: readonly RiskRow[], r: Robustness, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const name = (id: string) => r.arrangements.find((a) => a.id === id)?.name ?? id;
  return html`<div class="bc-table-wrap"><table class="bc-table" data-decision="risk-table">
    <thead><tr><th>${t("Partner", "Partner", l)}</th><th>${t("Regeling", "Arrangement", l)}</th><th class="bc-num">${t("Verwachte NCW", "Expected NPV", l)}</th><th class="bc-num">P5</th><th class="bc-num">${t("P(slechter af dan zonder initiatief)", "P(worse off than without the initiative)", l)}</th><th class="bc-num">${t("P(slechter af dan status quo)", "P(worse off than status quo)", l)}</th><th>${t("Doet mee", "Takes part", l)}</th></tr></thead>
    <tbody>${rows.map((x) => html`<tr>
      <td>${swatch(colors.color(x.partner))}${colors.name(x.partner)}</td><td>${x.arrangementName}</td>
      <td class="bc-num ${x.expected < 0 ? "bc-neg" : ""}">${euros(x.expected, l)}</td><td class="bc-num">${euros(x.p5, l)}</td>
      <td class="bc-num">${pct(x.loss, 0, l)}</td><td class="bc-num">${x.arrangement === r.arrangements[0]!.id ? "–" : pct(x.worse, 0, l)}</td>
      <td>${x.joins ? t("ja", "yes", l) : t("nee", "no", l)}</td>
    </tr>`)}</tbody>
  </table></div>
  <p data-decision="flips">${r.flips.length === 0
    ? t("Voor geen enkele partner hangt de beslissing om mee te doen af van de regeling.", "For no partner does the decision to take part depend on the arrangement.", l)
    : html`<strong>${t("De beslissing kantelt per betaler", "The decision flips by payer", l)}</strong> ${t("voor", "for", l)} ${r.flips.map((id) => colors.name(id)).join(", ")}: ${t("onder de ene regeling doet zo'n partner mee, onder de andere niet.", "under one arrangement such a partner takes part, under another it does not.", l)}`}
    ${r.partners.map((p) => html`<br>${swatch(colors.color(p.id))}${colors.name(p.id)}: ${t("voorkeur", "prefers", l)} ${name(p.preferred)}; ${t("robuust (hoogste P5)", "robust (highest P5)", l)} ${name(p.robust)}.`)}</p>`;
}

// --- Negotiation -------------------------------------------------------------------------------

/** The negotiations a case lists (id and label). */
export function negotiationsOf(caseData: unknown): { id: string; label: string }[] {
  const n = (caseData as { negotiations?: Record<string, { label?: string }> } | null)?.negotiations ?? {};
  return Object.entries(n).map(([id, v]) => ({ id, label: v.label ?? id }));
}

/**
 * The negotiation panel: which negotiation, the objective, an optional cap on each partner's
 * probability of a loss, the grid; the solver runs in a worker on the case with those settings.
 */
export function negotiationPanel(caseData: unknown, o: { lang?: Lang } = {}): HTMLElement & { value: NegotiationResult | null } {
  const l = o.lang ?? pageLang;
  const list = negotiationsOf(caseData);
  const which = html`<select aria-label=${t("Onderhandeling", "Negotiation", l)}>${list.map((n) => html`<option value=${n.id}>${n.label}</option>`)}</select>` as HTMLSelectElement;
  const objective = html`<select aria-label=${t("Beste afspraak", "Best deal", l)}>
    <option value="max-min-roi">${t("de kleinste ROI zo groot mogelijk", "the smallest ROI as large as possible", l)}</option>
    <option value="max-min-npv">${t("de kleinste NCW zo groot mogelijk", "the smallest NPV as large as possible", l)}</option>
  </select>` as HTMLSelectElement;
  const loss = html`<input type="number" class="bc-number" min="0" max="100" step="5" value="" placeholder="–" aria-label=${t("Kans op verlies hoogstens (procent)", "Probability of a loss at most (per cent)", l)}>` as HTMLInputElement;
  const grid = html`<select aria-label=${t("Rooster", "Grid", l)}><option value="">${t("standaard", "default", l)}</option><option value="9">${t("grof (snel)", "coarse (fast)", l)}</option><option value="25">${t("fijn (langzamer)", "fine (slower)", l)}</option></select>` as HTMLSelectElement;
  return runPanel<NegotiationResult>([
    field(t("Onderhandeling", "Negotiation", l), which),
    field(t("Beste afspraak", "Best deal", l), objective),
    field(t("Extra voorwaarde: kans op verlies per partner hoogstens", "Extra condition: each partner's probability of a loss at most", l), loss, t("procent; leeg: geen (met: 500 trekkingen per punt)", "per cent; empty: none (with: 500 samples per point)", l)),
    field(t("Rooster", "Grid", l), grid),
  ], t("Zoek een afspraak", "Find a deal", l), async (progress, signal, status) => {
    const data = structuredClone(caseData) as { negotiations: Record<string, { conditions?: unknown[]; objective?: string; samples?: number }> };
    const n = data.negotiations[which.value]!;
    n.objective = objective.value;
    const cap = loss.value.trim() === "" ? null : Math.min(100, Math.max(0, Number(loss.value))) / 100;
    if (cap !== null && Number.isFinite(cap)) {
      n.conditions = [...(n.conditions ?? [{ type: "npv", min: 0 }]), { type: "loss-probability", max: cap }];
      n.samples ??= 500;
    }
    status(t("Bezig: afspraken doorrekenen…", "Running: evaluating deals…", l));
    return runNegotiation(data, which.value, grid.value ? { grid: Number(grid.value) } : {}, l, { signal, onProgress: progress });
  }, l, "negotiate");
}

const leverName = (n: NegotiationResult, k: number) => n.levers[k]!.label ?? n.levers[k]!.caseParameter ?? n.levers[k]!.path!;

/** The outcome in words: the deal (or what blocks), and whether the engine's re-evaluation confirms it. */
export function negotiationSummary(n: NegotiationResult, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const cond = (i: number) => { const c = n.conditions[i]!; return c.type === "npv" ? `${t("NCW", "NPV", l)} ≥ ${eur(c.min * 100, l)}` : `P(${t("verlies", "loss", l)}) ≤ ${pct(c.max, 0, l)}`; };
  if (!n.best) {
    return html`<div class="bc-note" data-decision="deal"><p><strong>${t("Geen afspraak binnen de bereiken voldoet aan alle voorwaarden.", "No deal within the ranges meets every condition.", l)}</strong> ${t("Wat in de weg staat:", "What stands in the way:", l)}</p>
      <ul>${n.blocking.map((b) => {
        const lim = n.limits.find((x) => x.condition === b.condition && x.partner === b.partner)!;
        const best = lim.best === null ? "–" : n.conditions[b.condition]!.type === "npv" ? eur(lim.best, l) : pct(lim.best, 1, l);
        return html`<li>${colors.name(b.partner)}: ${cond(b.condition)} ${lim.satisfiable ? t(`lukt wel, maar niet tegelijk met de andere voorwaarden (beste: ${best})`, `can be met, but not together with the other conditions (best: ${best})`, l) : t(`lukt nergens; het beste is ${best}`, `is met nowhere; the best is ${best}`, l)}</li>`;
      })}</ul></div>`;
  }
  const terms = n.levers.map((_, k) => html`<strong>${leverName(n, k)}</strong> ${smartNum(n.best!.values[k]!, l)} (${t("nu", "now", l)} ${smartNum(n.levers[k]!.base, l)})`);
  return html`<div class="bc-note" data-decision="deal"><p>${t("Gevonden afspraak", "Deal found", l)}: ${terms.map((x, i) => (i === 0 ? x : html`, ${x}`))}.
    ${n.found.length > 0 && !n.grid.some((p) => p.feasible) ? t("Het haalbare gebied is smal: er is weinig ruimte om te onderhandelen.", "The feasible region is narrow: there is little room to negotiate.", l) : ""}</p>
    <p>${n.verification?.ok ? t("Nagerekend door de rekenkern: de case met deze afspraak erin voldoet aan elke voorwaarde.", "Re-evaluated by the engine: the case with this deal written in meets every condition.", l) : t("Let op: de nagerekende case voldoet niet aan elke voorwaarde.", "Note: the re-evaluated case does not meet every condition.", l)}</p></div>`;
}

/** Per partner at the table: NPV now and under the deal, ROI and (with a loss condition) P(loss). */
export function dealTable(n: NegotiationResult, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const p = n.best ?? n.current;
  return html`<div class="bc-table-wrap"><table class="bc-table" data-decision="deal-table">
    <thead><tr><th>${t("Partner", "Partner", l)}</th><th class="bc-num">${t("NCW nu", "NPV now", l)}</th>${n.best ? html`<th class="bc-num">${t("NCW met de afspraak", "NPV with the deal", l)}</th><th class="bc-num">ROI</th>${p.lossProbability ? html`<th class="bc-num">P(${t("verlies", "loss", l)})</th>` : ""}` : ""}</tr></thead>
    <tbody>${n.partners.map((q, i) => html`<tr><td>${swatch(colors.color(q.id))}${colors.name(q.id)}</td>
      <td class="bc-num ${(n.current.npv[i] ?? 0) < 0 ? "bc-neg" : ""}">${n.current.valid ? eur(n.current.npv[i]!, l) : "–"}</td>
      ${n.best ? html`<td class="bc-num ${p.npv[i]! < 0 ? "bc-neg" : ""}" data-cents=${String(p.npv[i])}>${eur(p.npv[i]!, l)}</td><td class="bc-num">${pct(p.roi[i] ?? null, 1, l)}</td>${p.lossProbability ? html`<td class="bc-num">${pct(p.lossProbability[i]!, 1, l)}</td>` : ""}` : ""}
    </tr>`)}</tbody>
  </table></div>`;
}

/** The map's data as a table (for a screen reader, and on paper): each grid point and which partner it fails. */
export function mapTable(n: NegotiationResult, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const points = [...n.grid, ...n.found];
  return html`<details><summary>${t("De kaart als tabel", "The map as a table", l)} (${num(points.length, 0, l)} ${t("punten", "points", l)})</summary><div class="bc-table-wrap"><table class="bc-table">
    <thead><tr>${n.levers.map((_, k) => html`<th class="bc-num">${leverName(n, k)}</th>`)}<th>${t("Voldoet", "Meets", l)}</th><th>${t("Niet voor", "Fails for", l)}</th></tr></thead>
    <tbody>${points.map((p) => html`<tr>${p.values.map((v) => html`<td class="bc-num">${smartNum(v, l)}</td>`)}<td>${p.feasible ? t("ja", "yes", l) : t("nee", "no", l)}</td><td>${[...new Set(p.failing.map(([, q]) => colors.name(q)))].join(", ")}</td></tr>`)}</tbody>
  </table></div></details>`;
}

// --- Uploaded cases -----------------------------------------------------------------------------

export interface Uploaded {
  label: string;
  model: Model;
}

/**
 * A file input for case files (.yaml, .yml, .json): `value` is the list of valid cases read so
 * far; problems are listed under it (at most 20 per file), the rest stays.
 */
export function caseUpload(l: Lang = pageLang): HTMLElement & { value: Uploaded[] } {
  const input = html`<input type="file" accept=".yaml,.yml,.json" multiple aria-label=${t("Eigen cases toevoegen", "Add your own cases", l)}>` as HTMLInputElement;
  const problems = html`<div role="status" aria-live="polite"></div>` as HTMLElement;
  const root = html`<div class="bc-panel" data-decision="upload"><div class="bc-field"><label>${t("Eigen cases toevoegen (YAML of JSON)", "Add your own cases (YAML or JSON)", l)}</label>${input}<span class="bc-unit"></span></div>${problems}</div>` as HTMLElement & { value: Uploaded[] };
  root.value = [];
  input.addEventListener("input", (e) => e.stopPropagation());
  input.addEventListener("change", async () => {
    const files = [...(input.files ?? [])];
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    const messages: HTMLElement[] = [];
    const added: Uploaded[] = [];
    for (const f of read) {
      const v = loadCase(f.text, formatFromName(f.name), { lang: l });
      if (v.ok) added.push({ label: f.name, model: v.model });
      else messages.push(html`<div class="bc-note"><strong>${f.name}</strong>: ${t("niet te gebruiken", "cannot be used", l)}<ul>${v.issues.slice(0, 20).map((i) => html`<li>${i.line ? `${t("regel", "line", l)} ${i.line}: ` : ""}${i.path.join(".")}: ${i.message}</li>`)}</ul>${v.issues.length > 20 ? html`<p>${t("en", "and", l)} ${v.issues.length - 20} ${t("meer", "more", l)}</p>` : ""}</div>`);
    }
    problems.replaceChildren(...messages);
    root.value = [...root.value.filter((u) => !added.some((a) => a.label === u.label)), ...added];
    root.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return root;
}
