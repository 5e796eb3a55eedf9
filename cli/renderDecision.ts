/**
 * Text renderings of the decision analysis for the terminal: value of information (`bcase
 * voi`), the negotiation solver (`bcase negotiate`), a portfolio of initiatives (`bcase compare
 * A B ...`) and arrangements under uncertainty (`bcase simulate -a ...`). Tables and Markdown
 * in the language's number format; CSV rows with plain numbers (euros with a decimal point).
 */
import { mdCell } from "../io/markdown.ts";
import { formatEuro, formatNumber, formatPercent, type DealPoint, type Lang, type NegotiationResult, type Portfolio, type PortfolioFigures, type Robustness, type VoiResult } from "../engine/index.ts";

type Cell = string;
export type Format = "table" | "md";

const W = {
  nl: {
    society: "Maatschappij", none: "-", yes: "ja", no: "nee",
    voiTitle: (t: string, n: number) => `Waarde van informatie - ${t} (${formatNumber(n, 0, "nl")} trekkingen)`,
    voiIntro: "Wat het (in euro's, contant) waard is om een onzekere parameter te kennen voordat een partij beslist. EVPI: alles kennen; EVPPI: één parameter of groep.",
    decision: "Beslissing", best: "Nu beste keuze", wrong: "Kans verkeerd", evpi: "EVPI", top: "Meest waard om uit te zoeken (EVPPI)",
    go: (who: string, under: string) => `${who}: meedoen of niet (${under})`, choice: (who: string) => `${who}: welke regeling`,
    goOpt: { go: "meedoen", "no-go": "niet meedoen" } as Record<string, string>,
    parameter: "Parameter", group: "Groep", value: "EVPPI", method: "Methode", share: "Deel van EVPI",
    methods: { "p-spline": "P-spline (GAM)", cells: "groepsgemiddelden", "gaussian-process": "Gaussisch proces", exact: "= EVPI" } as Record<string, string>,
    negTitle: (n: NegotiationResult) => `Onderhandeling ${n.label ?? n.id} - regeling ${n.arrangementName}`,
    objective: { "max-min-roi": "de kleinste ROI zo groot mogelijk", "max-min-npv": "de kleinste NCW zo groot mogelijk" } as Record<string, string>,
    lever: "Term", range: "Bereik", current: "Nu", deal: "Gevonden afspraak", partner: "Partner", npv: "NCW", roi: "ROI", loss: "P(verlies)",
    condition: (c: NegotiationResult["conditions"][number]) => (c.type === "npv" ? `NCW >= ${formatEuro(c.min * 100, "nl", 0)}` : `P(verlies) <= ${formatPercent(c.max, 0, "nl")}`),
    feasible: (k: number, total: number, found: number) => `${k} van ${total} roosterpunten voldoen aan alle voorwaarden${found > 0 ? `; ${found} ${found === 1 ? "punt" : "punten"} ertussen gevonden (een smal gebied: weinig ruimte om te onderhandelen)` : ""}.`,
    infeasible: "Geen enkele afspraak binnen de bereiken voldoet aan alle voorwaarden.",
    blocking: "Wat in de weg staat:",
    limit: (who: string, cond: string, best: string, ok: boolean) => ok ? `${who}: ${cond} lukt wel, maar niet samen met de andere voorwaarden (beste: ${best})` : `${who}: ${cond} lukt nergens; het beste is ${best}`,
    verified: (ok: boolean) => ok ? "Nagerekend: de case met deze afspraak erin voldoet aan elke voorwaarde." : "Nagerekend: de case met deze afspraak erin voldoet NIET aan elke voorwaarde.",
    ranges: "Haalbaar bereik", conditions: "Voorwaarden", objectiveLabel: "Doel",
    currentFails: (who: string) => `De huidige afspraak voldoet niet voor: ${who}.`,
    currentOk: "De huidige afspraak voldoet al aan alle voorwaarden.",
    mapTitle: "Kaart, rijen de eerste term (boven het minimum), kolommen de tweede (# voldoet, + voldoet tussen de roosterpunten, . voldoet niet, * gevonden afspraak)",
    portTitle: (n: number) => `${n} initiatieven naast elkaar (status quo: ieder draagt zijn eigen kosten)`,
    case: "Initiatief", priceYear: "Prijspeil", period: "Looptijd", bcr: "B/K", payback: "Terugverdiend", p5: "NCW P5", p95: "NCW P95", total: "Totaal",
    portNote: "Bedragen in het prijspeil van elk initiatief. P(verlies) en percentielen alleen bij een case met verdelingen.",
    robTitle: "Regelingen onder onzekerheid: per partner",
    arrangement: "Regeling", expected: "Verwachte NCW", worseSq: "P(slechter dan status quo)", joins: "Doet mee",
    prefers: "Voorkeur (verwachte NCW)", robust: "Robuust (hoogste P5)", flips: "Beslissing hangt af van wie betaalt",
    flipList: (ids: string) => `De beslissing om mee te doen kantelt met de regeling voor: ${ids}.`, noFlips: "Voor geen enkele partner kantelt de beslissing met de regeling.",
  },
  en: {
    society: "Society", none: "-", yes: "yes", no: "no",
    voiTitle: (t: string, n: number) => `Value of information - ${t} (${formatNumber(n, 0, "en")} samples)`,
    voiIntro: "What it is worth (in euros, present value) to know an uncertain parameter before a party decides. EVPI: knowing everything; EVPPI: one parameter or group.",
    decision: "Decision", best: "Best now", wrong: "P(wrong)", evpi: "EVPI", top: "Most worth researching (EVPPI)",
    go: (who: string, under: string) => `${who}: take part or not (${under})`, choice: (who: string) => `${who}: which arrangement`,
    goOpt: { go: "take part", "no-go": "stay out" } as Record<string, string>,
    parameter: "Parameter", group: "Group", value: "EVPPI", method: "Method", share: "Share of EVPI",
    methods: { "p-spline": "P-spline (GAM)", cells: "cell means", "gaussian-process": "Gaussian process", exact: "= EVPI" } as Record<string, string>,
    negTitle: (n: NegotiationResult) => `Negotiation ${n.label ?? n.id} - arrangement ${n.arrangementName}`,
    objective: { "max-min-roi": "the smallest ROI as large as possible", "max-min-npv": "the smallest NPV as large as possible" } as Record<string, string>,
    lever: "Term", range: "Range", current: "Now", deal: "Deal found", partner: "Partner", npv: "NPV", roi: "ROI", loss: "P(loss)",
    condition: (c: NegotiationResult["conditions"][number]) => (c.type === "npv" ? `NPV >= ${formatEuro(c.min * 100, "en", 0)}` : `P(loss) <= ${formatPercent(c.max, 0, "en")}`),
    feasible: (k: number, total: number, found: number) => `${k} of ${total} grid points meet every condition${found > 0 ? `; ${found} ${found === 1 ? "point" : "points"} found between them (a narrow region: little room to negotiate)` : ""}.`,
    infeasible: "No deal within the ranges meets every condition.",
    blocking: "What stands in the way:",
    limit: (who: string, cond: string, best: string, ok: boolean) => ok ? `${who}: ${cond} can be met, but not together with the other conditions (best: ${best})` : `${who}: ${cond} is met nowhere; the best is ${best}`,
    verified: (ok: boolean) => ok ? "Re-evaluated: the case with this deal written in meets every condition." : "Re-evaluated: the case with this deal written in does NOT meet every condition.",
    ranges: "Feasible range", conditions: "Conditions", objectiveLabel: "Objective",
    currentFails: (who: string) => `The current terms fail for: ${who}.`,
    currentOk: "The current terms already meet every condition.",
    mapTitle: "Map, rows the first term (top: its minimum), columns the second (# meets, + meets between grid points, . fails, * deal found)",
    portTitle: (n: number) => `${n} initiatives side by side (status quo: each bears its own costs)`,
    case: "Initiative", priceYear: "Price year", period: "Horizon", bcr: "BCR", payback: "Payback", p5: "NPV P5", p95: "NPV P95", total: "Total",
    portNote: "Amounts in each initiative's price year. P(loss) and percentiles only for a case with distributions.",
    robTitle: "Arrangements under uncertainty: per partner",
    arrangement: "Arrangement", expected: "Expected NPV", worseSq: "P(worse than status quo)", joins: "Takes part",
    prefers: "Prefers (expected NPV)", robust: "Robust (highest P5)", flips: "Decision depends on who pays",
    flipList: (ids: string) => `The decision to take part flips with the arrangement for: ${ids}.`, noFlips: "For no partner does the decision flip with the arrangement.",
  },
} as const;

/** Columns from `rightFrom` up to (not including) `rightTo` are numbers, aligned right. */
function align(table: Cell[][], rightFrom = 1, rightTo = Infinity): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => (r[c] ?? "").length)));
  return table.map((r) => r.map((cell, c) => (c >= rightFrom && c < rightTo ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd()).join("\n");
}

/** Markdown's own characters escaped, then HTML and table breaks (io/markdown.ts), so a name never becomes markup. */
const mdEscape = (s: string) => mdCell(s.replace(/([\\*_`[\]])/g, "\\$1"));
function markdownTable(table: Cell[][], rightFrom = 1, rightTo = Infinity): string {
  const [head, ...rows] = table;
  const line = (r: Cell[]) => `| ${r.map(mdEscape).join(" | ")} |`;
  return [line(head!), `| ${head!.map((_, c) => (c >= rightFrom && c < rightTo ? "---:" : "---")).join(" | ")} |`, ...rows.map(line)].join("\n");
}

const block = (format: Format, table: Cell[][], rightFrom = 1, rightTo = Infinity) => (format === "md" ? markdownTable(table, rightFrom, rightTo) : align(table, rightFrom, rightTo));
const heading = (format: Format, level: number, text: string) => (format === "md" ? `${"#".repeat(level)} ${mdEscape(text)}` : level === 1 ? `${text}\n${"=".repeat(text.length)}` : `${text}\n${"-".repeat(text.length)}`);

// --- Value of information ---------------------------------------------------------------

function decisionTitle(d: VoiResult["decisions"][number], lang: Lang): string {
  const L = W[lang];
  const who = d.entity === "society" ? L.society : d.entityName;
  return d.kind === "go" ? L.go(who, d.perspective ?? "status-quo") : L.choice(who);
}

function optionName(d: VoiResult["decisions"][number], id: string, lang: Lang): string {
  return d.kind === "go" ? W[lang].goOpt[id] ?? id : d.options.find((o) => o.id === id)?.name ?? id;
}

/**
 * `label` names a parameter for a reader (the case's label with its id, e.g. "Vermeden ligdagen
 * per cliënt per jaar (hospitalDaysAvoided)"); without it the id is shown.
 */
export function renderVoi(r: VoiResult, title: string, lang: Lang, format: Format = "table", top = 3, label: (name: string) => string = (n) => n): string {
  const L = W[lang];
  const out = [heading(format, 1, L.voiTitle(title, r.samples)), L.voiIntro, ""];
  const summary: Cell[][] = [[L.decision, L.best, L.wrong, L.evpi, L.top]];
  for (const d of r.decisions) {
    const best = d.parameters.filter((p) => p.value > 0.5).slice(0, top).map((p) => `${label(p.name)} ${formatEuro(p.value, lang, 0)}`).join(", ");
    summary.push([decisionTitle(d, lang), optionName(d, d.best, lang), formatPercent(d.probabilityWrong, 0, lang), formatEuro(d.evpi, lang, 0), best || L.none]);
  }
  out.push(block(format, summary, 2, 4), "");
  for (const d of r.decisions) {
    if (!(d.evpi > 0.5)) continue;
    out.push(heading(format, 2, `${decisionTitle(d, lang)}: EVPI ${formatEuro(d.evpi, lang, 0)} (± ${formatEuro(d.evpiSe, lang, 0)})`));
    const rows: Cell[][] = [[L.parameter, L.value, L.share, L.method]];
    for (const p of d.parameters) rows.push([label(p.name), formatEuro(p.value, lang, 0), formatPercent(d.evpi > 0 ? p.value / d.evpi : 0, 0, lang), L.methods[p.method] ?? p.method]);
    for (const g of d.groups) rows.push([`${L.group} ${g.name} (${g.parameters.map(label).join(", ")})`, formatEuro(g.value, lang, 0), formatPercent(d.evpi > 0 ? g.value / d.evpi : 0, 0, lang), L.methods[g.method] ?? g.method]);
    out.push(block(format, rows, 1, 3), "");
  }
  return out.join("\n").trimEnd() + "\n";
}

/** One row per decision and parameter or group: decision, kind, entity, perspective, parameter, group, evppi_eur, se_eur, evpi_eur, method. */
export function voiCsvRows(r: VoiResult): (string | number)[][] {
  const rows: (string | number)[][] = [["decision", "kind", "entity", "perspective", "best", "evpi_eur", "evpi_se_eur", "name", "parameters", "evppi_eur", "evppi_se_eur", "method"]];
  const e = (c: number) => Math.round(c) / 100;
  for (const d of r.decisions) for (const p of [...d.parameters, ...d.groups]) rows.push([d.id, d.kind, d.entity, d.perspective ?? "", d.best, e(d.evpi), e(d.evpiSe), p.name, p.parameters.join(" "), e(p.value), e(p.se), p.method]);
  return rows;
}

// --- Negotiation ------------------------------------------------------------------------

const leverName = (l: NegotiationResult["levers"][number]) => l.label ?? l.caseParameter ?? l.path!;
const num = (v: number, lang: Lang) => formatNumber(v, Math.abs(v) >= 100 ? 0 : 3, lang);

export function renderNegotiation(n: NegotiationResult, lang: Lang, format: Format = "table"): string {
  const L = W[lang];
  const out = [heading(format, 1, L.negTitle(n)), ""];
  const name = (id: string) => n.partners.find((p) => p.id === id)?.name ?? id;
  out.push(`${L.conditions}: ${n.conditions.map((c) => `${L.condition(c)} (${c.partners.map(name).join(", ")})`).join("; ")}. ${L.objectiveLabel}: ${L.objective[n.objective]}.`, "");
  const terms: Cell[][] = [[L.lever, L.range, L.current, L.deal]];
  n.levers.forEach((l, k) => terms.push([leverName(l), `${num(l.min, lang)} .. ${num(l.max, lang)}`, num(l.base, lang), n.best ? num(n.best.values[k]!, lang) : L.none]));
  out.push(block(format, terms, 1), "");
  const failingNow = [...new Set(n.current.failing.map(([, p]) => p))];
  out.push(failingNow.length === 0 ? L.currentOk : L.currentFails(failingNow.map(name).join(", ")), "");
  const partnerTable = (p: DealPoint, cur: DealPoint): Cell[][] => {
    const rows: Cell[][] = [[L.partner, `${L.npv} (${L.current})`, L.npv, L.roi, ...(p.lossProbability ? [L.loss] : [])]];
    n.partners.forEach((q, t) => rows.push([q.name, cur.valid ? formatEuro(cur.npv[t]!, lang, 0) : L.none, formatEuro(p.npv[t]!, lang, 0), p.roi[t] === null ? L.none : formatPercent(p.roi[t]!, 1, lang), ...(p.lossProbability ? [formatPercent(p.lossProbability[t]!, 1, lang)] : [])]));
    return rows;
  };
  if (n.best) {
    out.push(heading(format, 2, L.deal), block(format, partnerTable(n.best, n.current), 1), "");
    if (n.verification) out.push(L.verified(n.verification.ok), "");
    const total = n.grid.length, k = n.grid.filter((p) => p.feasible).length;
    out.push(L.feasible(k, total, n.found.length));
    if (n.ranges.length > 0) out.push(`${L.ranges} (${leverName(n.levers[0]!)}): ${n.ranges.map(([a, b]) => `${num(a, lang)} .. ${num(b, lang)}`).join("; ")}`);
  } else {
    out.push(L.infeasible, "", L.blocking);
    for (const b of n.blocking) {
      const lim = n.limits.find((l) => l.condition === b.condition && l.partner === b.partner)!;
      const c = n.conditions[b.condition]!;
      const best = lim.best === null ? L.none : c.type === "npv" ? formatEuro(lim.best, lang, 0) : formatPercent(lim.best, 1, lang);
      out.push(`- ${L.limit(name(b.partner), L.condition(c), best, lim.satisfiable)}`);
    }
  }
  if (format === "table" && n.levers.length === 2) out.push("", L.mapTitle, mapText(n));
  return out.join("\n").trimEnd() + "\n";
}

/** The feasible region as characters: rows the first lever (top = min), columns the second. */
function mapText(n: NegotiationResult): string {
  const G = n.gridSize;
  const lines: string[] = [];
  const cellOf = (values: number[]) => values.map((v, k) => Math.round(((v - n.levers[k]!.min) / (n.levers[k]!.max - n.levers[k]!.min)) * (G - 1)));
  const bestCell = n.best ? cellOf(n.best.values) : null;
  const between = new Set(n.found.map((p) => cellOf(p.values).join(",")));
  for (let i = 0; i < G; i++) {
    let s = "";
    for (let j = 0; j < G; j++) s += bestCell && bestCell[0] === i && bestCell[1] === j ? "*" : n.grid[i * G + j]!.feasible ? "#" : between.has(`${i},${j}`) ? "+" : ".";
    lines.push(`  ${s}`);
  }
  return lines.join("\n");
}

/** CSV: one row per grid point (and the deal and the current terms): lever values, feasibility, NPV (EUR), ROI and P(loss) per partner. */
export function negotiationCsvRows(n: NegotiationResult): (string | number)[][] {
  const head = ["point", ...n.levers.map(leverName), "feasible", "failing", ...n.partners.flatMap((p) => [`npv_eur_${p.id}`, `roi_${p.id}`, `loss_${p.id}`])];
  const row = (kind: string, p: DealPoint) => [kind, ...p.values, p.feasible ? 1 : 0, p.failing.map(([c, q]) => `${c}:${q}`).join(" "), ...n.partners.flatMap((_, t) => [p.npv[t] === undefined ? "" : Math.round(p.npv[t]!) / 100, p.roi[t] ?? "", p.lossProbability ? p.lossProbability[t]! : ""])];
  return [head, ...(n.best ? [row("deal", n.best)] : []), row("current", n.current), ...n.grid.map((p) => row("grid", p)), ...n.found.map((p) => row("found", p))];
}

// --- Portfolio ----------------------------------------------------------------------------

export function renderPortfolio(p: Portfolio, lang: Lang, format: Format = "table"): string {
  const L = W[lang];
  const out = [heading(format, 1, L.portTitle(p.cases.length)), ""];
  const cases: Cell[][] = [[L.case, L.priceYear, L.period, `${L.npv} ${L.society.toLowerCase()}`, L.bcr, L.payback, L.loss]];
  for (const c of p.cases) cases.push([`${c.title} (${c.label})`, String(c.priceYear), `${c.startYear}-${c.startYear + c.horizon - 1}`, formatEuro(c.society.npv, lang, 0), c.society.bcr === null ? L.none : formatNumber(c.society.bcr, 2, lang), c.society.paybackYear === null ? L.none : String(c.society.paybackYear), c.society.probabilityOfLoss === null ? L.none : formatPercent(c.society.probabilityOfLoss, 0, lang)]);
  out.push(block(format, cases, 1), "");
  // NPV per partner (rows) and initiative (columns), with the total.
  const npv: Cell[][] = [[L.partner, ...p.cases.map((c) => c.label), L.total]];
  for (const q of p.partners) {
    npv.push([q.name, ...p.cases.map((c) => { const f = c.partners.find((x) => x.id === q.id); return f ? formatEuro(f.npv, lang, 0) : L.none; }), formatEuro(p.totals.find((t) => t.id === q.id)!.npv, lang, 0)]);
  }
  npv.push([L.society, ...p.cases.map((c) => formatEuro(c.society.npv, lang, 0)), formatEuro(p.societyTotal, lang, 0)]);
  out.push(heading(format, 2, L.npv), block(format, npv, 1), "");
  for (const c of p.cases) {
    const rows: Cell[][] = [[L.partner, L.npv, L.bcr, L.roi, L.payback, L.loss, L.p5, L.p95]];
    const f = (x: PortfolioFigures) => [x.id === "society" ? L.society : x.name, formatEuro(x.npv, lang, 0), x.bcr === null ? L.none : formatNumber(x.bcr, 2, lang), x.roi === null ? L.none : formatPercent(x.roi, 0, lang), x.paybackYear === null ? L.none : String(x.paybackYear), x.probabilityOfLoss === null ? L.none : formatPercent(x.probabilityOfLoss, 0, lang), x.npvP5 === null ? L.none : formatEuro(x.npvP5, lang, 0), x.npvP95 === null ? L.none : formatEuro(x.npvP95, lang, 0)];
    out.push(heading(format, 2, `${c.title} (${c.label})`), block(format, [...rows, ...c.partners.map(f), f(c.society)], 1), "");
  }
  out.push(L.portNote);
  return out.join("\n").trimEnd() + "\n";
}

/** CSV: one row per case and entity. */
export function portfolioCsvRows(p: Portfolio): (string | number)[][] {
  const e = (c: number | null) => (c === null ? "" : Math.round(c) / 100);
  const rows: (string | number)[][] = [["case", "file", "price_year", "entity", "name", "npv_eur", "bcr", "roi", "payback_year", "p_loss", "npv_p5_eur", "npv_p95_eur"]];
  for (const c of p.cases) for (const x of [...c.partners, c.society]) rows.push([c.id, c.label, c.priceYear, x.id, x.name, e(x.npv), x.bcr ?? "", x.roi ?? "", x.paybackYear ?? "", x.probabilityOfLoss ?? "", e(x.npvP5), e(x.npvP95)]);
  return rows;
}

// --- Arrangements under uncertainty -------------------------------------------------------

export function renderRobustness(r: Robustness, lang: Lang): string {
  const L = W[lang];
  const out = [L.robTitle, "-".repeat(L.robTitle.length)];
  const rows: Cell[][] = [[L.partner, L.arrangement, L.expected, "P5", L.loss, L.worseSq, L.joins]];
  r.partners.forEach((p, i) => {
    for (const a of r.arrangements) {
      const x = a.partners[i]!;
      rows.push([p.name, a.name, formatEuro(x.expected, lang, 0), formatEuro(x.p5, lang, 0), formatPercent(x.probabilityOfLoss, 0, lang), a.id === r.arrangements[0]!.id ? L.none : formatPercent(x.probabilityWorseThanStatusQuo, 0, lang), x.joins ? L.yes : L.no]);
    }
  });
  out.push(align(rows, 2), "");
  const prefs: Cell[][] = [[L.partner, L.prefers, L.robust, L.flips]];
  const name = (id: string) => r.arrangements.find((a) => a.id === id)?.name ?? id;
  for (const p of r.partners) prefs.push([p.name, name(p.preferred), name(p.robust), p.flips ? L.yes : L.no]);
  out.push(align(prefs, 9), "");
  out.push(r.flips.length > 0 ? L.flipList(r.flips.map((id) => r.partners.find((p) => p.id === id)!.name).join(", ")) : L.noFlips);
  return out.join("\n") + "\n";
}
