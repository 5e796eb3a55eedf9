/**
 * Decision analysis on the pages: the value-of-information panel and tables (onzekerheid.html),
 * the negotiation panel and its results (onderhandelen.html), and cases the reader uploads next
 * to the bundled ones (vergelijken.html). The work runs in Web Workers (workers/simulate.ts for
 * the samples, workers/decision.ts for the regressions and the solver); this thread only draws.
 * Names from a case reach the DOM only as text (htl).
 */
import { html } from "htl";
import { arrangementRobustness, decisionRunOptions, decisionSamples, loadCase, formatFromName, pickText, type DecisionValue, type LocalText, type Model, type NegotiationResult, type Robustness, type VoiResult } from "../../../engine/index.ts";
import type { PartnerColors } from "../charts/colors.ts";
import { SOCIETY_ID } from "../charts/colors.ts";
import { leverName, leverValue } from "../charts/decision.ts";
import { eur, euros, lang as pageLang, num, pct, t, type Lang } from "../i18n/i18n.ts";
import type { RiskRow, VoiRow } from "../data/decision.ts";
import { fieldText, leverScale, leverText, parseField, shownNumber, type LeverScale } from "../data/levers.ts";
import { updateState } from "../parts/share.ts";
import { firstSyntaxProblem, workbookSource, type CaseSource } from "./byo.ts";
import { runNegotiation, runVoi } from "../workers/decision.ts";
import { InvalidCase, runSimulation } from "../workers/simulate.ts";

const swatch = (color: string) => html`<span class="bc-swatch" style=${{ background: color }}></span>`;
const entityKey = (id: string) => (id === "society" ? SOCIETY_ID : id);
let uid = 0;
/** A fresh element id (labels point at their input with `for`). */
const nextId = (prefix: string) => `bc-${prefix}-${++uid}`;

/** The reason a run failed, in the page's language: a case's issues one per line, else the message. */
function failure(error: unknown, l: Lang): string {
  if (error instanceof InvalidCase) return `${t("De afspraak klopt niet", "The deal is not valid", l)}: ${error.issues.slice(0, 5).map((i) => i.message).join("; ")}`;
  return `${t("Fout", "Error", l)}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A run panel: an element whose `value` is the last result and which fires `input` when one arrives; `run()` starts it. */
type RunPanel<T> = HTMLElement & { value: T | null; run(): void };

function runPanel<T>(fields: HTMLElement, startText: string, run: (progress: (done: number, total: number) => void, signal: AbortSignal, status: (s: string) => void) => Promise<T>, l: Lang, name: string, progressName: string): RunPanel<T> {
  const start = html`<button type="button" class="bc-button bc-strong" data-decision=${`${name}-run`}>${startText}</button>` as HTMLButtonElement;
  const cancel = html`<button type="button" class="bc-button" disabled>${t("Annuleren", "Cancel", l)}</button>` as HTMLButtonElement;
  const bar = html`<progress max="1" class="bc-progress" aria-label=${progressName}></progress>` as HTMLProgressElement;
  const status = html`<span class="bc-muted" role="status" aria-live="polite" data-decision=${`${name}-status`}>${t("Nog niet gestart.", "Not started yet.", l)}</span>`;
  bar.hidden = true;
  const root = html`<div class="bc-panel" data-decision=${name}>${fields}<div class="bc-panel-actions">${start}${cancel} ${bar} ${status}</div></div>` as RunPanel<T>;
  root.value = null;
  // The fields are the panel's own: only a finished run reaches `view`.
  fields.addEventListener("input", (e) => e.stopPropagation());
  let controller: AbortController | null = null;
  cancel.addEventListener("click", () => controller?.abort());
  root.run = () => {
    if (controller) return;
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
      status.textContent = cancelled ? t("Geannuleerd.", "Cancelled.", l) : failure(error, l);
    }).finally(() => {
      controller = null;
      start.disabled = false; cancel.disabled = true;
      root.dataset.running = "false";
    });
  };
  start.addEventListener("click", () => root.run());
  return root;
}

/** A labelled field of a panel: the label points at its input; `unit` says what the number is. */
function field(label: string, input: HTMLInputElement | HTMLSelectElement, unit = ""): HTMLElement {
  input.id ||= nextId("field");
  // A choice in words (a select) gets the room of the unit column too.
  if (input.tagName === "SELECT" && !unit) return html`<div class="bc-field bc-field-choice"><label for=${input.id}>${label}</label>${input}</div>`;
  if (!unit) return html`<div class="bc-field"><label for=${input.id}>${label}</label>${input}<span class="bc-unit"></span></div>`;
  // The unit (and a range) is read out with the field.
  const hint = `${input.id}-unit`;
  input.setAttribute("aria-describedby", hint);
  return html`<div class="bc-field"><label for=${input.id}>${label}</label>${input}<span class="bc-unit" id=${hint}>${unit}</span></div>`;
}

/** A whole number from a field, within [min, max]; `fallback` when it is empty or not a number. */
function wholeNumber(text: string | undefined, fallback: number, min: number, max: number): number {
  const v = Math.round(Number(text));
  return text === undefined || text.trim() === "" || !Number.isFinite(v) ? fallback : Math.min(max, Math.max(min, v));
}

// --- Value of information and arrangements under uncertainty ------------------------------

export interface VoiRun {
  voi: VoiResult;
  robustness: Robustness;
  perspective: string;
  samples: number;
  seed: number;
}

export interface VoiPanelOptions {
  samples?: number;
  seed?: number;
  arrangements: readonly { id: string; name: string }[];
  /** The arrangement the go/no-go decisions are taken under ("status-quo" or an arrangement id). */
  perspective?: string;
  /** Groups of parameters valued together (EVPPI of the group). */
  groups?: { name: string; parameters: string[] }[];
  lang?: Lang;
}

/** The URL keys of the value-of-information panel (the simulation panel on the same page has its own). */
export const VOI_STATE = { samples: "voiSamples", seed: "voiSeed", perspective: "voiUnder", decision: "voiDecision" } as const;

/**
 * The value-of-information panel: samples, seed and the arrangement the go/no-go decisions
 * are taken under; a run simulates every arrangement (keeping the samples), then the
 * regressions run in a worker. The settings live in the page's address (VOI_STATE).
 */
export function voiPanel(caseData: unknown, o: VoiPanelOptions): RunPanel<VoiRun> {
  const l = o.lang ?? pageLang;
  const samples = html`<input type="number" class="bc-number" name="voi-samples" min="500" max="50000" step="500" value=${String(o.samples ?? 4000)}>` as HTMLInputElement;
  const seed = html`<input type="number" class="bc-number" name="voi-seed" min="0" step="1" value=${String(o.seed ?? 1)}>` as HTMLInputElement;
  const known = ["status-quo", ...o.arrangements.map((a) => a.id)];
  const under = known.includes(o.perspective ?? "") ? o.perspective! : "status-quo";
  const perspective = html`<select name="voi-under">
    <option value="status-quo" selected=${under === "status-quo"}>${t("Status quo", "Status quo", l)}</option>
    ${o.arrangements.map((a) => html`<option value=${a.id} selected=${a.id === under}>${a.name}</option>`)}
  </select>` as HTMLSelectElement;
  const fields = html`<div>
    ${field(t("Aantal trekkingen", "Number of samples", l), samples, t("500 tot 50.000; elke regeling rekent mee", "500 to 50,000; every arrangement is computed", l))}
    ${field(t("Startwaarde (seed)", "Seed", l), seed)}
    ${field(t("Meedoen of niet, onder", "Take part or not, under", l), perspective)}
  </div>` as HTMLElement;
  fields.addEventListener("input", () => updateState({ settings: { [VOI_STATE.samples]: samples.value, [VOI_STATE.seed]: seed.value, [VOI_STATE.perspective]: perspective.value } }));
  return runPanel<VoiRun>(fields, t("Bereken waarde van informatie", "Compute value of information", l), async (progress, signal, status) => {
    const n = wholeNumber(samples.value, 4000, 500, 50000), s = wholeNumber(seed.value, 0, 0, Number.MAX_SAFE_INTEGER);
    status(t("Bezig: trekkingen…", "Running: samples…", l));
    const cores = typeof navigator !== "undefined" ? navigator.hardwareConcurrency || 2 : 2;
    const result = await runSimulation(caseData, decisionRunOptions({ samples: n, seed: s }), { lang: l, workers: Math.max(1, Math.min(4, cores - 1, Math.ceil(n / 10000))), signal, onProgress: progress });
    status(t("Bezig: regressies per aanname…", "Running: regressions per assumption…", l));
    const ds = decisionSamples(result);
    const voi = await runVoi(ds, { perspective: perspective.value, ...(o.groups?.length ? { groups: o.groups } : {}) }, { signal });
    return { voi, robustness: arrangementRobustness(ds), perspective: perspective.value, samples: n, seed: s };
  }, l, "voi", t("Voortgang van de berekening", "Progress of the computation", l));
}

/**
 * Groups of parameters worth valuing together: the parameters the case correlates (they move
 * together, so knowing one tells something about the other): each pair, or a matrix's
 * parameters as one group.
 */
export function correlatedGroups(c: Model["case"], l: Lang = pageLang): { name: string; parameters: string[] }[] {
  const corr = c.correlations;
  const list: { parameters: readonly string[] }[] = corr === undefined ? [] : Array.isArray(corr) ? corr : [corr];
  // voiRows names a group's parameters after its name: "Samen (Vermeden ligdagen, Vermeden SEH-bezoeken)".
  return list.filter((x) => x.parameters.length > 1).map((x, i) => ({ name: list.length > 1 ? `${t("Samen", "Together", l)} ${i + 1}` : t("Samen", "Together", l), parameters: [...x.parameters] }));
}

/** The decisions of a run as select options: go/no-go per partner and society, then the arrangement choices. */
export function decisionOptions(voi: VoiResult, colors: PartnerColors, l: Lang = pageLang): { id: string; label: string }[] {
  return voi.decisions.map((d) => ({ id: d.id, label: d.kind === "go" ? `${colors.name(entityKey(d.entity))}: ${t("meedoen of niet", "take part or not", l)}` : `${colors.name(entityKey(d.entity))}: ${t("welke regeling", "which arrangement", l)}` }));
}

/**
 * Which decision the chart and table show: a select (`data-decision=decision`) whose value is a
 * decision id; at first the one from the page's address, else the decision with the largest
 * EVPI. The choice goes into the address (VOI_STATE.decision).
 */
export function decisionSelect(voi: VoiResult, colors: PartnerColors, initial?: string, l: Lang = pageLang): HTMLElement & { value: string } {
  const options = decisionOptions(voi, colors, l);
  const start = options.some((o) => o.id === initial) ? initial! : voi.decisions.reduce((a, b) => (b.evpi > a.evpi ? b : a)).id;
  const select = html`<select name="voi-decision">${options.map((o) => html`<option value=${o.id} selected=${o.id === start}>${o.label}</option>`)}</select>` as HTMLSelectElement;
  const root = html`<div class="bc-panel" data-decision="decision">${field(t("Beslissing", "Decision", l), select)}</div>` as HTMLElement & { value: string };
  Object.defineProperty(root, "value", { get: () => select.value, configurable: true });
  select.addEventListener("input", (e) => {
    e.stopPropagation();
    updateState({ settings: { [VOI_STATE.decision]: select.value } });
    root.dispatchEvent(new Event("input", { bubbles: true }));
  });
  select.addEventListener("change", (e) => e.stopPropagation());
  return root;
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
    <tbody>${rows.map((r) => html`<tr><td>${r.label}${r.group ? "" : html` <code class="bc-muted bc-small">${r.name}</code>`}</td><td class="bc-num" data-cents=${String(Math.round(r.value * 100))}>${euros(r.value, l)}</td><td class="bc-num">${pct(r.share, 0, l)}</td></tr>`)}</tbody>
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

/** The negotiations a case lists (id and label in the page's language). */
export function negotiationsOf(caseData: unknown, l: Lang = pageLang): { id: string; label: string }[] {
  const n = (caseData as { negotiations?: Record<string, { label?: LocalText }> } | null)?.negotiations ?? {};
  return Object.entries(n).map(([id, v]) => ({ id, label: pickText(v.label, l) ?? id }));
}

/** The reader's choices for a negotiation, as they live in the page's address. */
export interface NegotiationChoice {
  /** Which negotiation of the case. */
  negotiation?: string;
  objective?: string;
  /** Each partner's NPV at least (EUR). */
  npvMin?: number;
  /** Each partner's probability of a loss at most (0-1); none when undefined. */
  maxLoss?: number;
  grid?: number;
  /** Narrowed ranges of the levers, by position (within the case's range), in the case's numbers (a share as a fraction 0..1). */
  levers?: { min?: number; max?: number }[];
  /** The partners at the table (ids), in place of the case's. */
  partners?: string[];
}

/**
 * The URL keys of the negotiation panel: `neg`, `objective`, `npvMin`, `maxLoss` (per cent),
 * `grid`, `min1`/`max1`, `min2`/`max2` (the case's numbers: a share as the fraction, 0.35, though
 * the field shows 35%), `table` (the partners at the table, ids separated by commas).
 */
export function negotiationChoice(settings: Readonly<Record<string, string>>): NegotiationChoice {
  const number = (k: string) => (settings[k] === undefined || settings[k]!.trim() === "" || !Number.isFinite(Number(settings[k])) ? undefined : Number(settings[k]));
  const loss = number("maxLoss");
  return {
    ...(settings.neg ? { negotiation: settings.neg } : {}),
    ...(settings.objective ? { objective: settings.objective } : {}),
    ...(number("npvMin") !== undefined ? { npvMin: number("npvMin")! } : {}),
    ...(loss !== undefined ? { maxLoss: Math.min(100, Math.max(0, loss)) / 100 } : {}),
    ...(number("grid") !== undefined ? { grid: number("grid")! } : {}),
    levers: [1, 2].map((k) => ({ ...(number(`min${k}`) !== undefined ? { min: number(`min${k}`)! } : {}), ...(number(`max${k}`) !== undefined ? { max: number(`max${k}`)! } : {}) })),
    ...(settings.table ? { partners: settings.table.split(",").map((x) => x.trim()).filter((x) => x !== "") } : {}),
  };
}

interface LeverSpec { min: number; max: number; label?: LocalText; parameter?: string; path?: string }
interface ConditionSpec { type: string; min?: number; max?: number; partners?: string[] }
interface NegotiationSpec { label?: LocalText; partners?: string[]; levers: LeverSpec[]; conditions?: ConditionSpec[]; objective?: string; samples?: number; grid?: number }
interface CaseSpec { partners?: { id: string; name?: LocalText }[]; parameters?: Record<string, unknown>; negotiations?: Record<string, NegotiationSpec> }

/** The partners of a case (id and name in the page's language). */
function casePartners(caseData: unknown, l: Lang): { id: string; name: string }[] {
  return ((caseData as CaseSpec | null)?.partners ?? []).map((p) => ({ id: p.id, name: pickText(p.name, l) ?? p.id }));
}

/** Who is at the table in the case: the negotiation's partners (default every partner), and anyone a condition names. */
export function caseTable(caseData: unknown, id: string): string[] {
  const spec = (caseData as CaseSpec | null)?.negotiations?.[id];
  const all = casePartners(caseData, "nl").map((p) => p.id);
  const named = new Set([...(spec?.partners ?? all), ...(spec?.conditions ?? []).flatMap((c) => c.partners ?? [])]);
  return all.filter((p) => named.has(p));
}

/** A lever of the case with the parameter's unit looked up, so its scale (share, money, plain) is known. */
function leverOf(caseData: unknown, lever: LeverSpec): LeverSpec & { unit?: string } {
  if (lever.parameter === undefined) return lever;
  const raw = (caseData as CaseSpec | null)?.parameters?.[lever.parameter];
  const unit = typeof raw === "object" && raw !== null ? (raw as { unit?: unknown }).unit : undefined;
  return typeof unit === "string" ? { ...lever, unit } : lever;
}

/** A value of a lever of the case for people: a share in per cent (`35%`), money in EUR, else with its unit. */
export function caseLeverText(caseData: unknown, lever: LeverSpec, value: number, l: Lang = pageLang): string {
  return leverText(value, leverScale(leverOf(caseData, lever)), l);
}

/**
 * The case with the reader's choices written into the chosen negotiation: the partners at the
 * table (a condition that names partners keeps those still at the table; one left with none
 * goes), the levers' ranges (never wider than the case's), the NPV floor of the case's NPV
 * conditions, an extra cap on each partner's probability of a loss, the objective. No DOM: the
 * panel and the tests use it.
 */
export function withChoice(caseData: unknown, id: string, c: NegotiationChoice): unknown {
  const data = structuredClone(caseData) as { negotiations: Record<string, NegotiationSpec> };
  const n = data.negotiations[id]!;
  // The partners at the table: the reader's (those the case knows), and each condition for those of its partners still there.
  const known = new Set(casePartners(caseData, "nl").map((p) => p.id));
  const table = [...new Set(c.partners ?? [])].filter((p) => known.has(p));
  if (table.length > 0) {
    n.partners = table;
    n.conditions = (n.conditions ?? [{ type: "npv", min: 0 }]).flatMap((x) => {
      if (x.partners === undefined) return [x];
      const left = x.partners.filter((p) => table.includes(p));
      return left.length > 0 ? [{ ...x, partners: left }] : [];
    });
    if (n.conditions.length === 0) n.conditions = [{ type: "npv", min: 0 }];
  }
  n.levers = n.levers.map((lever, k) => {
    const want = c.levers?.[k] ?? {};
    const min = want.min !== undefined && want.min >= lever.min && want.min < lever.max ? want.min : lever.min;
    const max = want.max !== undefined && want.max <= lever.max && want.max > min ? want.max : lever.max;
    return { ...lever, min, max };
  });
  if (c.objective === "max-min-roi" || c.objective === "max-min-npv") n.objective = c.objective;
  const conditions = n.conditions ?? [{ type: "npv", min: 0 }];
  n.conditions = conditions.map((x) => (x.type === "npv" && c.npvMin !== undefined ? { ...x, min: c.npvMin } : x));
  if (c.npvMin !== undefined && !n.conditions.some((x) => x.type === "npv")) n.conditions.push({ type: "npv", min: c.npvMin });
  if (c.maxLoss !== undefined) {
    n.conditions = [...n.conditions.filter((x) => x.type !== "loss-probability"), { type: "loss-probability", max: c.maxLoss }];
    n.samples ??= 500;
  }
  return data;
}

/**
 * A lever's range field: text in the page's number format (a share in per cent: 35, not
 * 0.35), read back exactly into the case's number (`value`: undefined when empty or no
 * number); marked invalid while it cannot be read or lies outside the case's range. The arrow
 * keys step it by a twentieth of that range, within it.
 */
function leverInput(name: string, value: number, lever: LeverSpec, scale: LeverScale, l: Lang): HTMLInputElement & { lever: number | undefined } {
  const input = html`<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" class="bc-number" name=${name} value=${fieldText(value, scale, l)}>` as HTMLInputElement & { lever: number | undefined };
  Object.defineProperty(input, "lever", { get: () => parseField(input.value, scale, l), configurable: true });
  const check = () => {
    const v = input.lever;
    const bad = input.value.trim() !== "" && (v === undefined || v < lever.min || v > lever.max);
    if (bad) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  };
  input.addEventListener("input", check);
  input.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    e.preventDefault();
    // In the shown numbers (per cent for a share), so a step from 35 goes to 40, not 40.00000000000001.
    const [lo, hi, now] = [lever.min, lever.max, input.lever ?? value].map((x) => shownNumber(x, scale)) as [number, number, number];
    const step = (hi - lo) / 20;
    const next = Number(Math.min(hi, Math.max(lo, now + (e.key === "ArrowUp" ? step : -step))).toPrecision(12));
    input.value = fieldText(scale.kind === "share" ? Number((next / 100).toPrecision(12)) : next, scale, l);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return input;
}

/**
 * Which negotiation: with one in the case, its name as text; with more, a radio group whose
 * labels wrap (a select would cut a long name off on a narrow screen). `value` is the id; the
 * group fires `input` (bubbling) when the reader picks another.
 */
function negotiationPicker(list: readonly { id: string; label: string }[], first: string, l: Lang): HTMLElement & { value: string } {
  const legend = t("Onderhandeling", "Negotiation", l);
  if (list.length <= 1) {
    const root = html`<p class="bc-field-text" data-decision="negotiation"><span>${legend}:</span> <strong>${list[0]?.label ?? "–"}</strong></p>` as HTMLElement & { value: string };
    Object.defineProperty(root, "value", { get: () => first, configurable: true });
    return root;
  }
  const group = nextId("neg");
  const radios = list.map((n) => html`<input type="radio" name=${group} value=${n.id} checked=${n.id === first}>` as HTMLInputElement);
  const root = html`<fieldset class="bc-choices bc-stack" data-decision="negotiation"><legend>${legend}</legend>${list.map((n, i) => html`<label>${radios[i]} ${n.label}</label>`)}</fieldset>` as HTMLElement & { value: string };
  Object.defineProperty(root, "value", { get: () => radios.find((r) => r.checked)?.value ?? first, configurable: true });
  return root;
}

/** The partners at the table: a checkbox per partner of the case; `value` is the ids ticked, in the case's order. */
function tablePicker(partners: readonly { id: string; name: string }[], l: Lang): HTMLElement & { value: string[]; set(ids: readonly string[]): void } {
  const boxes = partners.map((p) => html`<input type="checkbox" name="table" value=${p.id}>` as HTMLInputElement);
  const root = html`<fieldset class="bc-choices" data-decision="table-partners"><legend>${t("Aan tafel (wie tekent de afspraak)", "At the table (who signs the deal)", l)}</legend>${partners.map((p, i) => html`<label>${boxes[i]} ${p.name}</label>`)}</fieldset>` as HTMLElement & { value: string[]; set(ids: readonly string[]): void };
  Object.defineProperty(root, "value", { get: () => boxes.filter((b) => b.checked).map((b) => b.value), configurable: true });
  root.set = (ids) => { for (const b of boxes) b.checked = ids.includes(b.value); };
  return root;
}

/**
 * The negotiation panel: which negotiation, who is at the table, the range of each lever
 * (narrowed within the case's; a share in per cent), the conditions (each partner's NPV at
 * least an amount; if wished, its probability of a loss at most a level), the objective and the
 * grid; the solver runs in a worker on the case with those choices. Every choice lives in the
 * page's address, and the panel runs once when it opens, so a reload or a shared link shows the
 * same deal.
 */
export function negotiationPanel(caseData: unknown, o: { lang?: Lang; choice?: NegotiationChoice; autorun?: boolean } = {}): RunPanel<NegotiationResult> {
  const l = o.lang ?? pageLang;
  const c = o.choice ?? {};
  const list = negotiationsOf(caseData, l);
  const specs = (caseData as CaseSpec | null)?.negotiations ?? {};
  const first = list.some((n) => n.id === c.negotiation) ? c.negotiation! : list[0]?.id ?? "";
  const which = negotiationPicker(list, first, l);
  const objective = html`<select name="objective">
    <option value="max-min-roi" selected=${c.objective !== "max-min-npv"}>${t("de kleinste ROI zo groot mogelijk", "the smallest ROI as large as possible", l)}</option>
    <option value="max-min-npv" selected=${c.objective === "max-min-npv"}>${t("de kleinste NCW zo groot mogelijk", "the smallest NPV as large as possible", l)}</option>
  </select>` as HTMLSelectElement;
  const caseNpv = (id: string) => specs[id]?.conditions?.find((x) => x.type === "npv")?.min ?? 0;
  const npvMin = html`<input type="number" class="bc-number" name="npvMin" step="1000" value=${String(c.npvMin ?? caseNpv(first))}>` as HTMLInputElement;
  const loss = html`<input type="number" class="bc-number" name="maxLoss" min="0" max="100" step="5" value=${c.maxLoss === undefined ? "" : String(Math.round(c.maxLoss * 1000) / 10)} placeholder="–">` as HTMLInputElement;
  const grid = html`<select name="grid"><option value="">${t("standaard", "default", l)}</option><option value="9" selected=${c.grid === 9}>${t("grof (snel)", "coarse (fast)", l)}</option><option value="25" selected=${c.grid === 25}>${t("fijn (langzamer)", "fine (slower)", l)}</option></select>` as HTMLSelectElement;
  const table = tablePicker(casePartners(caseData, l), l);
  const known = (ids: readonly string[] | undefined) => (ids ?? []).filter((p) => casePartners(caseData, l).some((x) => x.id === p));
  table.set(known(c.partners).length > 0 ? known(c.partners) : caseTable(caseData, first));
  const leverBox = html`<div data-decision="levers"></div>` as HTMLElement;
  let bounds: { min: ReturnType<typeof leverInput>; max: ReturnType<typeof leverInput> }[] = [];
  /** One pair of range fields per lever of the chosen negotiation (the case's range as their limits). */
  const drawLevers = (id: string, initial: NegotiationChoice["levers"] = []) => {
    const levers = (specs[id]?.levers ?? []).map((x) => leverOf(caseData, x));
    const scales = levers.map(leverScale);
    bounds = levers.map((lever, k) => ({
      min: leverInput(`min${k + 1}`, initial[k]?.min ?? lever.min, lever, scales[k]!, l),
      max: leverInput(`max${k + 1}`, initial[k]?.max ?? lever.max, lever, scales[k]!, l),
    }));
    leverBox.replaceChildren(...levers.flatMap((lever, k) => {
      const name = pickText(lever.label, l) ?? lever.parameter ?? lever.path ?? String(k + 1);
      const unit = scales[k]!.unit;
      const named = unit ? `${name} (${unit})` : name;
      const range = `${t("in de case", "in the case", l)}: ${leverText(lever.min, scales[k]!, l)} ${t("tot", "to", l)} ${leverText(lever.max, scales[k]!, l)}`;
      return [field(`${named}: ${t("van", "from", l)}`, bounds[k]!.min, range), field(`${named}: ${t("tot", "to", l)}`, bounds[k]!.max, unit)];
    }));
  };
  drawLevers(first, c.levers);
  const choice = (): NegotiationChoice => {
    const n = (x: HTMLInputElement) => (x.value.trim() === "" || !Number.isFinite(Number(x.value)) ? undefined : Number(x.value));
    return {
      negotiation: which.value, objective: objective.value,
      ...(n(npvMin) !== undefined && n(npvMin) !== caseNpv(which.value) ? { npvMin: n(npvMin)! } : {}),
      ...(n(loss) !== undefined ? { maxLoss: Math.min(100, Math.max(0, n(loss)!)) / 100 } : {}),
      ...(grid.value ? { grid: Number(grid.value) } : {}),
      levers: bounds.map((b) => ({ ...(b.min.lever !== undefined ? { min: b.min.lever } : {}), ...(b.max.lever !== undefined ? { max: b.max.lever } : {}) })),
      ...(table.value.join(",") !== caseTable(caseData, which.value).join(",") ? { partners: table.value } : {}),
    };
  };
  /** The choices in the address: only what differs from the case (a lever's bound as the case's number, a share as its fraction). */
  const save = () => {
    const ch = choice(), spec = specs[which.value];
    const differs = (k: number, side: "min" | "max") => { const v = ch.levers?.[k]?.[side]; return v !== undefined && v !== spec?.levers[k]?.[side] ? String(v) : ""; };
    updateState({ settings: {
      neg: which.value === list[0]?.id ? "" : which.value,
      objective: ch.objective === (spec?.objective ?? "max-min-roi") ? "" : ch.objective ?? "",
      npvMin: ch.npvMin === undefined ? "" : String(ch.npvMin),
      maxLoss: loss.value.trim(),
      grid: grid.value,
      min1: differs(0, "min"), max1: differs(0, "max"), min2: differs(1, "min"), max2: differs(1, "max"),
      table: ch.partners?.join(",") ?? "",
    } });
  };
  which.addEventListener("input", () => { drawLevers(which.value); npvMin.value = String(caseNpv(which.value)); table.set(caseTable(caseData, which.value)); });
  const fields = html`<div>
    ${which}
    ${table}
    ${leverBox}
    ${field(t("Voorwaarde: NCW van elke partner aan tafel minstens", "Condition: each partner's NPV at least", l), npvMin, "EUR")}
    ${field(t("Extra voorwaarde: kans op verlies per partner hoogstens", "Extra condition: each partner's probability of a loss at most", l), loss, t("procent; leeg: geen (met: 500 trekkingen per punt)", "per cent; empty: none (with: 500 samples per point)", l))}
    ${field(t("Beste afspraak", "Best deal", l), objective)}
    ${field(t("Rooster", "Grid", l), grid)}
  </div>` as HTMLElement;
  fields.addEventListener("input", save);
  fields.addEventListener("change", save);
  const panel = runPanel<NegotiationResult>(fields, t("Zoek een afspraak", "Find a deal", l), async (progress, signal, status) => {
    const ch = choice();
    if (table.value.length === 0) throw new Error(t("kies minstens één partner aan tafel.", "choose at least one partner at the table.", l));
    status(t("Bezig: afspraken doorrekenen…", "Running: evaluating deals…", l));
    return runNegotiation(withChoice(caseData, which.value, ch), which.value, ch.grid ? { grid: ch.grid } : {}, l, { signal, onProgress: progress });
  }, l, "negotiate", t("Voortgang van het zoeken", "Progress of the search", l));
  if (o.autorun && list.length > 0) queueMicrotask(() => panel.run());
  return panel;
}

/** A condition of a negotiation in words: `NCW ≥ EUR 0`, `P(verlies) ≤ 30 %`. */
function conditionText(n: NegotiationResult, i: number, l: Lang): string {
  const c = n.conditions[i]!;
  return c.type === "npv" ? `${t("NCW", "NPV", l)} ≥ ${eur(c.min * 100, l)}` : `P(${t("verlies", "loss", l)}) ≤ ${pct(c.max, 0, l)}`;
}

/** What was searched: each lever's range, the conditions and what makes a deal best (on screen and on paper). */
export function searchedFor(n: NegotiationResult, l: Lang = pageLang): string {
  const ranges = n.levers.map((lever, k) => `${leverName(n, k)} ${t("van", "from", l)} ${leverValue(n, k, lever.min, l)} ${t("tot", "to", l)} ${leverValue(n, k, lever.max, l)}`).join("; ");
  const everyone = (i: number) => n.conditions[i]!.partners.length === n.partners.length;
  const nameOf = (id: string) => n.partners.find((p) => p.id === id)?.name ?? id;
  const conditions = n.conditions.map((c, i) => `${conditionText(n, i, l)} ${everyone(i) ? t("voor elke partner aan tafel", "for every partner at the table", l) : `${t("voor", "for", l)} ${c.partners.map(nameOf).join(", ")}`}`).join(t(" en ", " and ", l));
  const best = n.objective === "max-min-npv" ? t("de kleinste NCW zo groot mogelijk", "the smallest NPV as large as possible", l) : t("de kleinste ROI zo groot mogelijk", "the smallest ROI as large as possible", l);
  const label = n.label ?? n.id;
  return `${t("Onderhandeling", "Negotiation", l)}: ${label}${/[.?!]$/.test(label) ? "" : "."} ${t("Aan tafel", "At the table", l)}: ${n.partners.map((p) => p.name).join(", ")}. ${t("Gezocht", "Searched", l)}: ${ranges}. ${t("Voorwaarden", "Conditions", l)}: ${conditions}. ${t("Beste afspraak", "Best deal", l)}: ${best}.`;
}

/** The outcome in words: the deal (or what blocks), and whether the engine's re-evaluation confirms it. */
export function negotiationSummary(n: NegotiationResult, colors: PartnerColors, l: Lang = pageLang): HTMLElement {
  const cond = (i: number) => conditionText(n, i, l);
  const searched = html`<p class="bc-small" data-decision="searched">${searchedFor(n, l)}</p>`;
  if (!n.best) {
    return html`<div class="bc-note" data-decision="deal">${searched}<p><strong>${t("Geen afspraak binnen de bereiken voldoet aan alle voorwaarden.", "No deal within the ranges meets every condition.", l)}</strong> ${t("Wat in de weg staat:", "What stands in the way:", l)}</p>
      <ul>${n.blocking.map((b) => {
        const lim = n.limits.find((x) => x.condition === b.condition && x.partner === b.partner)!;
        const best = lim.best === null ? "–" : n.conditions[b.condition]!.type === "npv" ? eur(lim.best, l) : pct(lim.best, 1, l);
        return html`<li>${colors.name(b.partner)}: ${cond(b.condition)} ${lim.satisfiable ? t(`lukt wel, maar niet tegelijk met de andere voorwaarden (beste: ${best})`, `can be met, but not together with the other conditions (best: ${best})`, l) : t(`lukt nergens; het beste is ${best}`, `is met nowhere; the best is ${best}`, l)}</li>`;
      })}</ul></div>`;
  }
  const terms = n.levers.map((_, k) => html`<strong>${leverName(n, k)}</strong> ${leverValue(n, k, n.best!.values[k]!, l)} (${t("nu", "now", l)} ${leverValue(n, k, n.levers[k]!.base, l)})`);
  return html`<div class="bc-note" data-decision="deal">${searched}<p>${t("Gevonden afspraak", "Deal found", l)}: ${terms.map((x, i) => (i === 0 ? x : html`, ${x}`))}.
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

// --- Uploaded cases -----------------------------------------------------------------------------

export interface Uploaded {
  label: string;
  model: Model;
}

/**
 * A file input for case files (.yaml, .yml, .json, and .xlsx workbooks through the command
 * line's importer, loaded only when needed): `value` is the list of valid cases read so far;
 * problems are listed under it (a syntax error once, at most 20 per file, then "and N more"),
 * the rest stays.
 */
export function caseUpload(l: Lang = pageLang): HTMLElement & { value: Uploaded[] } {
  const input = html`<input type="file" accept=".yaml,.yml,.json,.xlsx" multiple>` as HTMLInputElement;
  const problems = html`<div role="status" aria-live="polite"></div>` as HTMLElement;
  const root = html`<div class="bc-panel" data-decision="upload">${field(t("Eigen cases toevoegen (YAML, JSON of Excel)", "Add your own cases (YAML, JSON or Excel)", l), input)}${problems}</div>` as HTMLElement & { value: Uploaded[] };
  root.value = [];
  input.addEventListener("input", (e) => e.stopPropagation());
  input.addEventListener("change", async (e) => {
    e.stopPropagation();
    const files = [...(input.files ?? [])];
    const read = await Promise.all(files.map(async (f): Promise<CaseSource> => (/\.xlsx$/i.test(f.name) ? { ...(await workbookSource(f.name, new Uint8Array(await f.arrayBuffer()), l)), name: f.name } : { name: f.name, text: await f.text() })));
    const messages: HTMLElement[] = [];
    const added: Uploaded[] = [];
    for (const f of read) {
      const v = f.issues ? { ok: false as const, issues: f.issues } : loadCase(f.text, formatFromName(f.name), { lang: l });
      if (v.ok) { added.push({ label: f.name, model: v.model }); continue; }
      const issues = firstSyntaxProblem(v.issues, l);
      messages.push(html`<div class="bc-note"><strong>${f.name}</strong>: ${t("niet te gebruiken", "cannot be used", l)}<ul>${issues.slice(0, 20).map((i) => html`<li>${i.line ? `${t("regel", "line", l)} ${i.line}: ` : ""}${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}</li>`)}</ul>${issues.length > 20 ? html`<p>${t("en", "and", l)} ${num(issues.length - 20, 0, l)} ${t("meer", "more", l)}</p>` : ""}</div>`);
    }
    problems.replaceChildren(...messages);
    root.value = [...root.value.filter((u) => !added.some((a) => a.label === u.label)), ...added];
    root.dispatchEvent(new Event("input", { bubbles: true }));
  });
  return root;
}
