/**
 * Text renderings of an evaluation for the terminal: an aligned table, CSV and Markdown.
 * Labels are Dutch first with English available; numbers in the language's format
 * (EUR 1.234.567 in Dutch). CSV through io/csv.ts: Dutch Excel's dialect or RFC 4180, money in
 * euros with two decimals.
 */
import { formatEuro, formatNumber, formatPercent, irrNearBound, type Monitoring, type ArrangementResult, type Evaluation, type Lang, type Metrics, type PartnerResult } from "../engine/index.ts";
import { csvText, defaultDialect, money, type CsvDialect, type CsvValue } from "../io/csv.ts";
import { mdCell, mdTable } from "../io/markdown.ts";
import { renderBudgetWarnings } from "./renderCash.ts";

const LABELS = {
  nl: {
    partner: "Partner", costs: "Kosten", savings: "Besparingen", transfers: "Overdrachten (saldo)", net: "Netto",
    npv: "NCW", bcr: "B/K", roi: "ROI", payback: "Terugverdiend", irr: "IRR", society: "Maatschappij (totaal)",
    wrongPocket: "Wie betaalt voor wie (wrong pocket): contante waarde van effecten per investeerder",
    investor: "Investeerder", beneficiary: "Ontvanger", share: "Aandeel", none: "-",
    outcomes: "Niet-geldelijke effecten", unit: "Eenheid", quantity: "Hoeveelheid", discounted: "Contant",
    arrangement: "Regeling", compare: "Netto en NCW per partner onder elke regeling", pot: "Pot", year: "Jaar",
    contributed: "Inleg", spending: "Uitgaven", surplus: "Overschot", deficit: "Tekort", reserve: "Reserve (eind)", returned: "Terug", covered: "Gedekt", riskBearer: "Risicodrager",
    header: (e: Evaluation) => `${e.case.title} (${e.case.id}) - prijspeil ${e.case.priceYear}, ${e.years[0]}-${e.years[e.years.length - 1]}, discontovoet ${formatPercent(e.case.discountRate, 2, "nl")}`,
  },
  en: {
    partner: "Partner", costs: "Costs", savings: "Savings", transfers: "Transfers (net)", net: "Net",
    npv: "NPV", bcr: "BCR", roi: "ROI", payback: "Payback", irr: "IRR", society: "Society (total)",
    wrongPocket: "Who pays for whom (wrong pocket): present value of effects per investor",
    investor: "Investor", beneficiary: "Beneficiary", share: "Share", none: "-",
    outcomes: "Non-monetary effects", unit: "Unit", quantity: "Quantity", discounted: "Discounted",
    arrangement: "Arrangement", compare: "Net and NPV per partner under each arrangement", pot: "Pot", year: "Year",
    contributed: "Contributed", spending: "Spending", surplus: "Surplus", deficit: "Deficit", reserve: "Reserve (end)", returned: "Returned", covered: "Covered", riskBearer: "Risk bearer",
    header: (e: Evaluation) => `${e.case.title} (${e.case.id}) - ${e.case.priceYear} prices, ${e.years[0]}-${e.years[e.years.length - 1]}, discount rate ${formatPercent(e.case.discountRate, 2, "en")}`,
  },
} as const;

function summaryRows(ev: { partners: PartnerResult[]; society: Metrics }, lang: Lang): string[][] {
  const L = LABELS[lang];
  const row = (name: string, m: Metrics) => [
    name,
    formatEuro(m.costs, lang, 0),
    formatEuro(m.savings, lang, 0),
    formatEuro(m.transfersIn - m.transfersOut, lang, 0),
    formatEuro(m.net, lang, 0),
    formatEuro(m.npv, lang, 0),
    m.bcr === null ? L.none : formatNumber(m.bcr, 2, lang),
    m.roi === null ? L.none : formatPercent(m.roi, 0, lang),
    m.paybackYear === null ? L.none : String(m.paybackYear),
    m.irr.status === "ok" ? `${formatPercent(m.irr.rate, 1, lang)}${irrNearBound(m.irr) ? "*" : ""}` : L.none,
  ];
  return [...ev.partners.map((p) => row(p.name, p)), row(L.society, ev.society)];
}

/** The footnote for an IRR marked * (next to the search bound), when there is one. */
function irrFootnote(ev: { partners: PartnerResult[]; society: Metrics }, lang: Lang): string[] {
  if (![...ev.partners, ev.society].some((m) => irrNearBound(m.irr))) return [];
  return [lang === "nl"
    ? "* IRR vlak bij de grens van het zoekbereik (-50% .. 1.000%): geen precies getal; lees als lager dan ongeveer -45% (of hoger dan 900%)."
    : "* IRR next to the end of the search range (-50% .. 1,000%): not a precise figure; read it as below about -45% (or above 900%)."];
}

function summaryHeader(lang: Lang): string[] {
  const L = LABELS[lang];
  return [L.partner, L.costs, L.savings, L.transfers, L.net, L.npv, L.bcr, L.roi, L.payback, L.irr];
}

function align(table: string[][], rightFrom = 1): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  return table.map((r) => r.map((cell, c) => (c >= rightFrom ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ")).join("\n");
}

/** Investors as rows, beneficiaries as columns, present values in the cells (partners' order). */
function wrongPocketMatrix(ev: Evaluation, lang: Lang): string[][] {
  const L = LABELS[lang];
  const investors = ev.partners.filter((p) => ev.wrongPocket.some((w) => w.investor === p.id));
  const beneficiaries = ev.partners.filter((p) => ev.wrongPocket.some((w) => w.beneficiary === p.id));
  const cell = (i: string, b: string) => ev.wrongPocket.find((w) => w.investor === i && w.beneficiary === b);
  return [
    [`${L.investor} \\ ${L.beneficiary}`, ...beneficiaries.map((b) => b.name)],
    ...investors.map((i) => [i.name, ...beneficiaries.map((b) => { const c = cell(i.id, b.id); return c ? formatEuro(c.pv, lang, 0) : L.none; })]),
  ];
}

export function renderTable(ev: Evaluation, lang: Lang): string {
  const L = LABELS[lang];
  const out: string[] = [L.header(ev), "", align([summaryHeader(lang), ...summaryRows(ev, lang)]), ...irrFootnote(ev, lang)];
  const warnings = renderBudgetWarnings(ev.cash, new Map(ev.partners.map((p) => [p.id, p.name])), lang);
  if (warnings.length > 0) out.push("", ...warnings);
  if (ev.wrongPocket.length > 0) out.push("", L.wrongPocket, align(wrongPocketMatrix(ev, lang)));
  out.push("", provenanceLine(ev, lang));
  if (ev.outcomes.length > 0) {
    out.push("", L.outcomes, align([[L.unit, L.quantity, L.discounted], ...ev.outcomes.map((o) => [o.unit, formatNumber(o.quantity, 2, lang), formatNumber(o.discounted, 2, lang)])]));
  }
  return out.join("\n") + "\n";
}

export function renderMarkdown(ev: Evaluation, lang: Lang): string {
  const L = LABELS[lang];
  const out = [`## ${mdCell(L.header(ev))}`, "", mdTable(summaryHeader(lang), summaryRows(ev, lang))];
  if (ev.wrongPocket.length > 0) {
    const names = new Map(ev.partners.map((p) => [p.id, p.name]));
    out.push("", `### ${L.wrongPocket}`, "", mdTable([L.investor, L.beneficiary, L.npv, L.share], ev.wrongPocket.map((w) => [names.get(w.investor)!, names.get(w.beneficiary)!, formatEuro(w.pv, lang, 0), w.share === null ? L.none : formatPercent(w.share, 0, lang)])));
  }
  return out.join("\n") + "\n";
}

/** CSV of the per-partner summary (io/csv.ts: the dialect's separator and decimal mark); money in euros. */
export function renderCsv(ev: Evaluation, lang: Lang, dialect: CsvDialect): string {
  const head = ["id", "name", "costs", "savings", "transfersIn", "transfersOut", "net", "npv", "bcr", "roi", "paybackYear", "irr"];
  const line = (id: string, name: string, m: Metrics): CsvValue[] => [id, name, money(m.costs), money(m.savings), money(m.transfersIn), money(m.transfersOut), money(m.net), money(m.npv), m.bcr, m.roi, m.paybackYear, m.irr.status === "ok" ? m.irr.rate : null];
  return csvText(head, [...ev.partners.map((p) => line(p.id, p.name, p)), line("society", LABELS[lang].society, ev.society)], dialect);
}

/** One arrangement: its per-partner table, its explanation and its pots year by year. */
export function renderArrangement(ev: Evaluation, arr: ArrangementResult, lang: Lang): string {
  const L = LABELS[lang];
  const out = [L.header(ev), `${L.arrangement}: ${arr.name} (${arr.id})`, "", ...arr.explanation[lang].map((e) => `- ${e}`), "", align([summaryHeader(lang), ...summaryRows(arr, lang)]), ...irrFootnote(arr, lang)];
  const names = new Map(ev.partners.map((p) => [p.id, p.name]));
  // A pot is an entity of its own while it holds money: partners + pots = society.
  for (const pot of arr.pots) if (pot.npv !== 0) out.push(lang === "nl"
    ? `${L.pot} "${pot.name}": NCW ${formatEuro(pot.npv, lang, 0)} (geld dat tussen jaren in de pot zit; partners + pot = maatschappij)`
    : `${L.pot} "${pot.name}": NPV ${formatEuro(pot.npv, lang, 0)} (money held in the pot between years; partners + pot = society)`);
  const warnings = renderBudgetWarnings(arr.cash, names, lang);
  if (warnings.length > 0) out.push("", ...warnings);
  const who = (r: Record<string, number>) => Object.entries(r).filter(([, v]) => v !== 0).map(([p, v]) => `${names.get(p) ?? p} ${formatEuro(v, lang, 0)}`).join(", ") || L.none;
  for (const pot of arr.pots) {
    out.push("", `${L.pot}: ${pot.name}`, align([
      [L.year, L.contributed, L.spending, L.surplus, L.deficit, L.reserve, L.returned, L.covered, L.riskBearer],
      ...pot.years.map((y) => [String(y.year), formatEuro(y.contributed, lang, 0), formatEuro(y.spending, lang, 0), formatEuro(y.surplus, lang, 0), formatEuro(y.deficit, lang, 0), formatEuro(y.reserveEnd, lang, 0), who(y.returned), who(y.covered), formatEuro(y.riskBearer, lang, 0)]),
    ]));
  }
  return out.join("\n") + "\n";
}

/** Net and NPV per partner under every arrangement, side by side. */
export function renderCompare(ev: Evaluation, lang: Lang, format: "table" | "csv" | "md", dialect: CsvDialect = defaultDialect(lang)): string {
  const L = LABELS[lang];
  const arrs = ev.arrangements;
  if (format === "csv") {
    const head = ["partner", "name", ...arrs.flatMap((a) => [`${a.id}.net`, `${a.id}.npv`])];
    const rows: CsvValue[][] = ev.partners.map((p, i) => [p.id, p.name, ...arrs.flatMap((a) => [money(a.partners[i]!.net), money(a.partners[i]!.npv)])]);
    rows.push(["society", L.society, ...arrs.flatMap((a) => [money(a.society.net), money(a.society.npv)])]);
    return csvText(head, rows, dialect);
  }
  const head = [L.partner, ...arrs.flatMap((a) => [`${a.name}: ${L.net}`, `${a.name}: ${L.npv}`])];
  const rows = ev.partners.map((p, i) => [p.name, ...arrs.flatMap((a) => [formatEuro(a.partners[i]!.net, lang, 0), formatEuro(a.partners[i]!.npv, lang, 0)])]);
  rows.push([L.society, ...arrs.flatMap((a) => [formatEuro(a.society.net, lang, 0), formatEuro(a.society.npv, lang, 0)])]);
  if (format === "md") {
    return [`## ${mdCell(L.compare)}`, "", mdTable(head, rows)].join("\n") + "\n";
  }
  return [L.header(ev), "", L.compare, align([head, ...rows])].join("\n") + "\n";
}

/** One line saying where the figures come from: engine, case hash, discount rates, reference prices. */
export function provenanceLine(ev: Evaluation, lang: Lang): string {
  const p = ev.provenance;
  const refs = p.references.map((r) => `${r.ref} (${r.priceYear}${r.factor !== 1 ? ` x ${formatNumber(r.factor, 3, lang)}` : ""})`).join(", ");
  const nl = lang === "nl";
  return `${nl ? "Herkomst" : "Provenance"}: ${p.engine.name} ${p.engine.version}, ${nl ? "case" : "case"} ${p.case.hash.slice(0, 19)}..., ${nl ? "discontovoet" : "discount rate"} ${formatPercent(p.discount.rate, 2, lang)}${p.discount.effectRate !== p.discount.rate ? ` / ${formatPercent(p.discount.effectRate, 2, lang)}` : ""}${refs ? `; ${nl ? "referentieprijzen" : "reference prices"}: ${refs}` : ""}`;
}

const MON = {
  nl: { title: "Plan en werkelijkheid", years: "Jaren met realisatie", partner: "Partner", plan: "Plan (netto)", actual: "Werkelijk (netto)", variance: "Verschil", trueUp: "Afrekening per regeling (werkelijk - plan, overdrachten)", indicators: "Indicatoren", indicator: "Indicator", year: "Jaar", target: "Doel", measured: "Gemeten", status: "Status", none: "-", statuses: { "on-track": "op koers", "off-track": "niet op koers", "no-data": "geen meting" } },
  en: { title: "Plan and actual", years: "Years with actuals", partner: "Partner", plan: "Plan (net)", actual: "Actual (net)", variance: "Variance", trueUp: "True-up per arrangement (actual - plan, transfers)", indicators: "Indicators", indicator: "Indicator", year: "Year", target: "Target", measured: "Measured", status: "Status", none: "-", statuses: { "on-track": "on track", "off-track": "off track", "no-data": "no data" } },
} as const;

export function renderMonitoring(ev: Evaluation, m: Monitoring, lang: Lang): string {
  const L = LABELS[lang], M = MON[lang];
  const out = [L.header(ev), "", `${M.title} - ${M.years}: ${m.years.join(", ") || M.none}`, ""];
  out.push(align([[M.partner, M.plan, M.actual, M.variance], ...m.partners.map((p) => [p.name, formatEuro(p.plan, lang, 0), formatEuro(p.actual, lang, 0), formatEuro(p.variance, lang, 0)])]));
  const names = new Map<string, string>(ev.partners.map((p) => [p.id, p.name]));
  const arrs = m.arrangements.filter((a) => a.partners.some((p) => p.trueUp !== 0 || p.plan !== 0));
  if (arrs.length > 0) {
    out.push("", M.trueUp);
    const ids = ev.partners.map((p) => p.id);
    out.push(align([[L.arrangement, ...ids.map((id) => names.get(id)!)], ...arrs.map((a) => [a.name, ...ids.map((id) => { const p = a.partners.find((x) => x.id === id); return p ? formatEuro(p.trueUp, lang, 0) : M.none; })])]));
  }
  if (m.indicators.length > 0) {
    out.push("", M.indicators, align([[M.indicator, M.year, M.target, M.measured, M.status], ...m.indicators.flatMap((i) => i.years.map((y) => [i.label, String(y.year), y.target === null ? M.none : formatNumber(y.target, 2, lang), y.actual === null ? M.none : formatNumber(y.actual, 2, lang), M.statuses[y.status]]))], 2));
  }
  return out.join("\n") + "\n";
}
