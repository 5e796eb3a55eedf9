/**
 * The standalone report of a business case, to attach to a council proposal: the case, its
 * results per partner, who pays for whom, every financing arrangement with its explanation and
 * pots, the assumptions and the sources. One list of blocks (headings, paragraphs, tables,
 * charts) is written out as Markdown or as one self-contained HTML file (inline style, SVG charts
 * rendered server-side, no script, no external asset). Text from the case is escaped.
 */
import { formatEuro, formatNumber, formatPercent, normaliseParameter, type ArrangementResult, type Evaluation, type Lang, type Metrics, type Monitoring } from "../../engine/index.ts";
import { reportCharts } from "./charts.ts";
import { mdCell, mdText } from "../markdown.ts";

type Align = "l" | "r";
type Block =
  | { h: 1 | 2 | 3; text: string }
  | { p: string; muted?: boolean }
  | { list: string[] }
  | { table: { head: string[]; rows: string[][]; align: Align[]; total?: boolean } }
  | { chart: "npv" | "cumulative" | "arrangements"; caption: string };

const T = {
  nl: {
    report: "Businesscase", meta: (y: number, a: number, b: number, r: string) => `Prijspeil ${y}, ${a}–${b}, discontovoet ${r}.`,
    summary: "Resultaat per partner (status quo)", summaryNote: "Bedragen in euro's van het prijspeil; NCW = netto contante waarde. Maatschappij = de som van alle partners (overdrachten vallen weg).",
    partner: "Partner", costs: "Kosten", savings: "Besparingen", transfers: "Overdrachten (saldo)", net: "Netto", npv: "NCW", bcr: "B/K", payback: "Terugverdiend",
    society: "Maatschappij (totaal)", none: "–",
    chartNpv: "Netto contante waarde per partner", chartCumulative: "Cumulatieve contante waarde per partner; waar een lijn boven nul komt, is de investering terugverdiend",
    chartArrangements: "NCW per partner onder elke regeling", arrangement: "regeling", npvAxis: "NCW (euro)", cumulativeAxis: "cumulatief contant (euro)",
    wrongPocket: "Wie betaalt voor wie (wrong pocket)", wrongPocketNote: "Contante waarde van de effecten die elke investeerder mogelijk maakt, per partner bij wie ze landen.",
    investor: "Investeerder \\ ontvanger", outcomes: "Niet-geldelijke effecten", unit: "Eenheid", quantity: "Hoeveelheid", discounted: "Contant", value: "Waarde",
    arrangements: "Financieringsafspraken", arrangementsNote: "Elke regeling verschuift alleen geld tussen partners: het maatschappelijk resultaat is onder elke regeling gelijk.",
    transfersIn: "Ontvangen", transfersOut: "Betaald", pot: "Pot", year: "Jaar", contributed: "Inleg", spending: "Uitgaven", surplus: "Overschot", deficit: "Tekort", reserve: "Reserve (eind)", riskBearer: "Risicodrager",
    assumptions: "Aannames", assumptionsNote: "Posten die de casus als aanname markeert (assumption: true): vervang ze door lokale cijfers.", noAssumptions: "De casus markeert geen aannames.",
    kind: "Soort", item: "Post", label: "Omschrijving", formula: "Waarde of formule", note: "Toelichting of bron",
    parameter: "parameter", investment: "investering", effect: "effect",
    sources: "Bronnen", references: "Referentieprijzen (geïndexeerd naar het prijspeil)", noSources: "De casus noemt geen bronnen.",
    provenance: (e: string, v: string, h: string) => `Berekend met ${e} ${v}; casus-hash ${h}.`,
    monitoring: "Plan en werkelijkheid", monitoringNote: (ys: string) => `Gerealiseerde cijfers voor ${ys}; latere jaren volgen het plan. Verschil = werkelijk - plan, vanuit de begroting van de partner.`,
    plan: "Plan (netto)", actual: "Werkelijk (netto)", variance: "Verschil", trueUp: "Afrekening per regeling (werkelijk - plan, overdrachten)",
    indicators: "Indicatoren", indicator: "Indicator", target: "Doel", measured: "Gemeten", status: "Status",
    statuses: { "on-track": "op koers", "off-track": "niet op koers", "no-data": "geen meting" },
    cash: "Kasstromen en budget", cashNote: "Niet verdisconteerd; niet-verzilverbare besparingen tellen niet mee. Grootste voorfinanciering: hoe diep het cumulatieve saldo onder nul gaat, en in welk jaar.",
    afterTwo: "Budget na 2 jaar", peak: "Grootste voorfinanciering", endTotal: "Cumulatief (eind)",
    budgetWarning: (who: string, y: number, out: string, limit: string) => `Budgetgrens overschreden: ${who} betaalt in ${y} netto ${out} uit (grens ${limit}).`,
    potEntity: (n: string, v: string) => `Pot ${n}: NCW ${v} (geld dat tussen jaren in de pot zit; partners + pot = maatschappij).`,
    investorReturn: (n: string, out: string, back: string, m: string, irr: string, pb: string) => `Rendement ${n}: uitgegeven ${out}, ontvangen ${back}, veelvoud ${m}, IRR ${irr}, terugverdiend ${pb}.`,
  },
  en: {
    report: "Business case", meta: (y: number, a: number, b: number, r: string) => `${y} prices, ${a}–${b}, discount rate ${r}.`,
    summary: "Result per partner (status quo)", summaryNote: "Amounts in euros of the price year; NPV = net present value. Society = the sum of all partners (transfers cancel).",
    partner: "Partner", costs: "Costs", savings: "Savings", transfers: "Transfers (net)", net: "Net", npv: "NPV", bcr: "BCR", payback: "Payback",
    society: "Society (total)", none: "–",
    chartNpv: "Net present value per partner", chartCumulative: "Cumulative discounted net per partner; where a line rises above zero, the investment has paid back",
    chartArrangements: "NPV per partner under each arrangement", arrangement: "arrangement", npvAxis: "NPV (euros)", cumulativeAxis: "cumulative discounted (euros)",
    wrongPocket: "Who pays for whom (wrong pocket)", wrongPocketNote: "Present value of the effects each investor makes possible, per partner where they land.",
    investor: "Investor \\ beneficiary", outcomes: "Non-monetary effects", unit: "Unit", quantity: "Quantity", discounted: "Discounted", value: "Value",
    arrangements: "Financing arrangements", arrangementsNote: "Each arrangement only moves money between partners: society's result is the same under every arrangement.",
    transfersIn: "Received", transfersOut: "Paid", pot: "Pot", year: "Year", contributed: "Contributed", spending: "Spending", surplus: "Surplus", deficit: "Deficit", reserve: "Reserve (end)", riskBearer: "Risk bearer",
    assumptions: "Assumptions", assumptionsNote: "Items the case marks as assumptions (assumption: true): replace them with local figures.", noAssumptions: "The case marks no assumptions.",
    kind: "Kind", item: "Item", label: "Description", formula: "Value or formula", note: "Note or source",
    parameter: "parameter", investment: "investment", effect: "effect",
    sources: "Sources", references: "Reference prices (indexed to the price year)", noSources: "The case names no sources.",
    provenance: (e: string, v: string, h: string) => `Computed with ${e} ${v}; case hash ${h}.`,
    monitoring: "Plan and actual", monitoringNote: (ys: string) => `Realised figures for ${ys}; later years follow the plan. Variance = actual - plan, from the partner's budget.`,
    plan: "Plan (net)", actual: "Actual (net)", variance: "Variance", trueUp: "True-up per arrangement (actual - plan, transfers)",
    indicators: "Indicators", indicator: "Indicator", target: "Target", measured: "Measured", status: "Status",
    statuses: { "on-track": "on track", "off-track": "off track", "no-data": "no data" },
    cash: "Cash and budget", cashNote: "Undiscounted; non-cashable savings left out. Peak funding need: how deep the cumulative cash goes below zero, and in which year.",
    afterTwo: "Budget after 2 years", peak: "Peak funding need", endTotal: "Cumulative (end)",
    budgetWarning: (who: string, y: number, out: string, limit: string) => `Budget limit exceeded: ${who} pays out ${out} net in ${y} (limit ${limit}).`,
    potEntity: (n: string, v: string) => `Pot ${n}: NPV ${v} (money held in the pot between years; partners + pot = society).`,
    investorReturn: (n: string, out: string, back: string, m: string, irr: string, pb: string) => `Return of ${n}: paid out ${out}, received ${back}, multiple ${m}, IRR ${irr}, payback ${pb}.`,
  },
} as const;

/** The cash view as report blocks: a table per partner, budget warnings, pots' NPV and investors' return. */
function cashBlocks(cash: ArrangementResult["cash"], pots: ArrangementResult["pots"], lang: Lang, name: (id: string) => string, withTable: boolean): Block[] {
  const L = T[lang];
  const out: Block[] = [];
  if (withTable) out.push({
    table: {
      head: [L.partner, L.afterTwo, L.peak, L.endTotal],
      rows: cash.partners.map((c) => [name(c.id), eur(c.afterTwoYears, lang), c.peakNeed > 0 ? `${eur(c.peakNeed, lang)} (${c.peakYear})` : L.none, eur(c.total, lang)]),
      align: ["l", "r", "r", "r"],
    },
  });
  for (const pot of pots) if (pot.npv !== 0) out.push({ p: L.potEntity(pot.name, eur(pot.npv, lang)), muted: true });
  for (const i of cash.investors.filter((x) => x.paidOut > 0 || x.received > 0)) out.push({ p: L.investorReturn(name(i.id), eur(i.paidOut, lang), eur(i.received, lang), i.multiple === null ? L.none : formatNumber(i.multiple, 2, lang), i.irr.status === "ok" ? formatPercent(i.irr.rate, 1, lang) : L.none, i.paybackYear === null ? L.none : String(i.paybackYear)) });
  if (cash.breaches.length > 0) out.push({ list: cash.breaches.map((b) => L.budgetWarning(name(b.partner), b.year, eur(b.outflow, lang), eur(b.limit, lang))) });
  return out;
}

const eur = (cents: number, lang: Lang) => formatEuro(cents, lang, 0);

/** Unit words a case writes in English (`person`, `EUR/visit`), in Dutch for a Dutch report; other words stay. */
const UNIT_WORDS_NL: Record<string, string> = {
  person: "persoon", persons: "personen", people: "personen", client: "cliënt", clients: "cliënten", visit: "bezoek", visits: "bezoeken",
  day: "dag", days: "dagen", hour: "uur", hours: "uur", year: "jaar", years: "jaar", month: "maand", months: "maanden", week: "week",
  household: "huishouden", households: "huishoudens", consult: "consult", consults: "consulten", admission: "opname", admissions: "opnamen",
  "half-day": "dagdeel", halfday: "dagdeel", contact: "contact", contacts: "contacten", case: "casus", cases: "casussen", place: "plek", places: "plekken",
  fall: "val", falls: "vallen", participant: "deelnemer", participants: "deelnemers",
};
export function unitText(unit: string, lang: Lang): string {
  const u = unit.replace(/\bEUR\b/g, "€");
  return lang === "nl" ? u.replace(/[A-Za-z][A-Za-z-]*/g, (w) => UNIT_WORDS_NL[w.toLowerCase()] ?? w) : u;
}

/** A source text without the repository paths a case may cite (`(shared/data/unit-costs-nl.csv)`): a reader of the report has no repository. */
export function withoutRepositoryPaths(text: string): string {
  const path = String.raw`(?:\.{0,2}\/)?(?:shared|engine|examples|notebooks|docs|io|cli|data|test)\/[\w./-]+`;
  return text
    .replace(new RegExp(String.raw`\s*\((?:[^()]*?,\s*)?${path}\)`, "g"), "")
    .replace(new RegExp(String.raw`,?\s*(?:as in|zie|see)?\s*${path}`, "g"), "")
    .trim();
}

function partnerRows(m: { partners: (Metrics & { name: string })[]; society: Metrics }, lang: Lang): string[][] {
  const L = T[lang];
  const row = (name: string, x: Metrics) => [
    name, eur(x.costs, lang), eur(x.savings, lang), eur(x.transfersIn - x.transfersOut, lang), eur(x.net, lang), eur(x.npv, lang),
    x.bcr === null ? L.none : formatNumber(x.bcr, 2, lang), x.paybackYear === null ? L.none : String(x.paybackYear),
  ];
  return [...m.partners.map((p) => row(p.name, p)), row(L.society, m.society)];
}

/** A formula or number as the case wrote it, plus its value when that differs. */
function valueText(v: unknown, computed: number | undefined, lang: Lang): string {
  const shown = typeof v === "number" ? formatNumber(v, Number.isInteger(v) ? 0 : Math.min(6, String(v).split(".")[1]?.length ?? 2), lang) : v === undefined ? "" : String(v);
  if (computed === undefined || typeof v === "number") return shown;
  return `${shown} = ${formatNumber(computed, Math.abs(computed) >= 100 ? 2 : 4, lang)}`;
}

/** Plan versus actual, the true-up of the arrangements and the indicators (when the case has them). */
function monitoringBlocks(ev: Evaluation, m: Monitoring, lang: Lang): Block[] {
  const L = T[lang];
  const out: Block[] = [];
  if (m.years.length > 0) {
    out.push({ h: 2, text: L.monitoring }, { p: L.monitoringNote(m.years.join(", ")), muted: true });
    out.push({ table: { head: [L.partner, L.plan, L.actual, L.variance], rows: m.partners.map((p) => [p.name, eur(p.plan, lang), eur(p.actual, lang), eur(p.variance, lang)]), align: ["l", "r", "r", "r"] } });
    const arrs = m.arrangements.filter((a) => a.partners.some((p) => p.plan !== 0 || p.actual !== 0));
    if (arrs.length > 0) {
      out.push({ h: 3, text: L.trueUp });
      out.push({
        table: {
          head: [L.arrangement, ...ev.partners.map((p) => p.name)],
          rows: arrs.map((a) => [a.name, ...ev.partners.map((p) => { const x = a.partners.find((q) => q.id === p.id); return x ? eur(x.trueUp, lang) : L.none; })]),
          align: ["l", ...ev.partners.map((): Align => "r")],
        },
      });
    }
  }
  if (m.indicators.length > 0) {
    out.push({ h: 3, text: L.indicators });
    out.push({
      table: {
        head: [L.indicator, L.year, L.target, L.measured, L.status],
        rows: m.indicators.flatMap((i) => i.years.map((y) => [i.label + (i.unit ? ` (${unitText(i.unit, lang)})` : ""), String(y.year), y.target === null ? L.none : formatNumber(y.target, 2, lang), y.actual === null ? L.none : formatNumber(y.actual, 2, lang), L.statuses[y.status]])),
        align: ["l", "r", "r", "r", "l"],
      },
    });
  }
  return out;
}

function blocks(ev: Evaluation, lang: Lang, withCharts: boolean, monitoring?: Monitoring): Block[] {
  const L = T[lang];
  const c = ev.case;
  const out: Block[] = [];
  const names = new Map(ev.partners.map((p) => [p.id, p.name]));
  const name = (id: string) => names.get(id) ?? id;

  out.push({ h: 1, text: c.title });
  if (c.description) out.push({ p: c.description });
  out.push({ p: L.meta(c.priceYear, ev.years[0]!, ev.years[ev.years.length - 1]!, formatPercent(c.discountRate, 2, lang)), muted: true });

  // Result per partner.
  out.push({ h: 2, text: L.summary });
  out.push({ table: { head: [L.partner, L.costs, L.savings, L.transfers, L.net, L.npv, L.bcr, L.payback], rows: partnerRows(ev, lang), align: ["l", "r", "r", "r", "r", "r", "r", "r"], total: true } });
  out.push({ p: L.summaryNote, muted: true });
  if (withCharts) out.push({ chart: "npv", caption: L.chartNpv }, { chart: "cumulative", caption: L.chartCumulative });
  out.push({ h: 3, text: L.cash }, { p: L.cashNote, muted: true }, ...cashBlocks(ev.cash, [], lang, name, true));

  // Wrong pocket matrix.
  if (ev.wrongPocket.length > 0) {
    const investors = ev.partners.filter((p) => ev.wrongPocket.some((w) => w.investor === p.id));
    const beneficiaries = ev.partners.filter((p) => ev.wrongPocket.some((w) => w.beneficiary === p.id));
    out.push({ h: 2, text: L.wrongPocket }, { p: L.wrongPocketNote, muted: true });
    out.push({
      table: {
        head: [L.investor, ...beneficiaries.map((b) => b.name)],
        rows: investors.map((i) => [i.name, ...beneficiaries.map((b) => { const w = ev.wrongPocket.find((x) => x.investor === i.id && x.beneficiary === b.id); return w ? eur(w.pv, lang) : L.none; })]),
        align: ["l", ...beneficiaries.map((): Align => "r")],
      },
    });
  }

  if (ev.outcomes.length > 0) {
    out.push({ h: 2, text: L.outcomes });
    out.push({ table: { head: [L.unit, L.quantity, L.discounted, L.value], rows: ev.outcomes.map((o) => [unitText(o.unit, lang), formatNumber(o.quantity, 2, lang), formatNumber(o.discounted, 2, lang), o.value === undefined ? L.none : eur(o.value, lang)]), align: ["l", "r", "r", "r"] } });
  }

  // Arrangements.
  const arrs = ev.arrangements;
  if (arrs.length > 1 || (arrs.length === 1 && !arrs[0]!.implicit)) {
    out.push({ h: 2, text: L.arrangements }, { p: L.arrangementsNote, muted: true });
    if (arrs.length > 1) {
      out.push({
        table: {
          head: [`${L.npv} \\ ${L.arrangement}`, ...arrs.map((a) => a.name)],
          rows: [...ev.partners.map((p, i) => [p.name, ...arrs.map((a) => eur(a.partners[i]!.npv, lang))]), [L.society, ...arrs.map((a) => eur(a.society.npv, lang))]],
          align: ["l", ...arrs.map((): Align => "r")],
          total: true,
        },
      });
      if (withCharts) out.push({ chart: "arrangements", caption: L.chartArrangements });
    }
    for (const a of arrs) out.push(...arrangementBlocks(a, lang, name));
  }

  if (monitoring) out.push(...monitoringBlocks(ev, monitoring, lang));

  // Assumptions.
  out.push({ h: 2, text: L.assumptions });
  const rows: string[][] = [];
  for (const [id, raw] of Object.entries(c.parameters)) {
    const p = normaliseParameter(raw);
    if (p.assumption) rows.push([L.parameter, id, p.label ?? "", valueText(p.value ?? (p.ref !== undefined ? `ref: ${p.ref}` : undefined), ev.parameters[id], lang) + (p.unit ? ` ${unitText(p.unit, lang)}` : ""), [p.note, p.source].filter(Boolean).join("; ")]);
  }
  for (const i of c.investments) if (i.assumption) rows.push([L.investment, i.id, i.label, i.amount === undefined ? "" : valueText(i.amount, undefined, lang), [i.note, i.source].filter(Boolean).join("; ")]);
  for (const e of c.effects) if (e.assumption) rows.push([L.effect, e.id, e.label, `${valueText(e.quantity, undefined, lang)}${e.unitPrice !== undefined ? ` × ${valueText(e.unitPrice, undefined, lang)}` : ""}`, [e.note, e.source].filter(Boolean).join("; ")]);
  if (rows.length > 0) out.push({ p: L.assumptionsNote, muted: true }, { table: { head: [L.kind, L.item, L.label, L.formula, L.note], rows, align: ["l", "l", "l", "l", "l"] } });
  else out.push({ p: L.noAssumptions });

  // Sources.
  out.push({ h: 2, text: L.sources });
  const sources: string[] = [...(c.sources ?? [])];
  const itemSources = [
    ...Object.entries(c.parameters).map(([id, p]) => [id, normaliseParameter(p).source] as const),
    ...c.investments.map((i) => [i.id, i.source] as const),
    ...c.effects.map((e) => [e.id, e.source] as const),
  ].filter((x): x is readonly [string, string] => typeof x[1] === "string" && x[1] !== "");
  for (const [id, s] of itemSources) sources.push(`${id}: ${s}`);
  out.push(sources.length > 0 ? { list: sources.map(withoutRepositoryPaths) } : { p: L.noSources });
  const refs = ev.provenance?.references ?? [];
  if (refs.length > 0) {
    out.push({ h: 3, text: L.references });
    out.push({
      list: refs.map((r) => `${r.parameter}: ${lang === "nl" ? r.labelNl : r.labelEn}, ${formatEuro(Math.round(r.eur * 100), lang)} (${r.priceYear}) × ${formatNumber(r.factor, 4, lang)} = ${formatEuro(Math.round(r.value * 100), lang)} (${r.indexedTo}) per ${unitText(r.unit.replace(/^EUR\//, ""), lang)}; ${withoutRepositoryPaths(r.source)}`),
    });
  }
  if (ev.provenance) out.push({ p: L.provenance(ev.provenance.engine.name, ev.provenance.engine.version, ev.provenance.case.hash), muted: true });
  return out;
}

function arrangementBlocks(a: ArrangementResult, lang: Lang, name: (id: string) => string): Block[] {
  const L = T[lang];
  const out: Block[] = [{ h: 3, text: a.name }];
  if (a.description) out.push({ p: a.description });
  out.push({ list: a.explanation[lang] });
  out.push({
    table: {
      head: [L.partner, L.transfersIn, L.transfersOut, L.net, L.npv],
      rows: [...a.partners.map((p) => [p.name, eur(p.transfersIn, lang), eur(p.transfersOut, lang), eur(p.net, lang), eur(p.npv, lang)]), [L.society, eur(a.society.transfersIn, lang), eur(a.society.transfersOut, lang), eur(a.society.net, lang), eur(a.society.npv, lang)]],
      align: ["l", "r", "r", "r", "r"],
      total: true,
    },
  });
  out.push(...cashBlocks(a.cash, a.pots, lang, name, false));
  for (const pot of a.pots) {
    out.push({ p: `${L.pot}: ${pot.name}` });
    out.push({
      table: {
        head: [L.year, L.contributed, L.spending, L.surplus, L.deficit, L.reserve, L.riskBearer, ...Object.keys(pot.years[0]?.contributions ?? {}).map((id) => `${L.contributed} ${name(id)}`)],
        rows: pot.years.map((y) => [String(y.year), eur(y.contributed, lang), eur(y.spending, lang), eur(y.surplus, lang), eur(y.deficit, lang), eur(y.reserveEnd, lang), eur(y.riskBearer, lang), ...Object.keys(pot.years[0]?.contributions ?? {}).map((id) => eur(y.contributions[id] ?? 0, lang))]),
        align: ["l", "r", "r", "r", "r", "r", "r", ...Object.keys(pot.years[0]?.contributions ?? {}).map((): Align => "r")],
      },
    });
  }
  return out;
}

// ---------------------------------------------------------------- Markdown


function toMarkdown(bs: Block[]): string {
  const out: string[] = [];
  for (const b of bs) {
    if ("h" in b) out.push(`${"#".repeat(b.h)} ${mdCell(b.text)}`);
    else if ("p" in b) out.push(b.muted ? `_${mdText(b.p).replace(/_/g, "\\_")}_` : mdText(b.p));
    else if ("list" in b) out.push(b.list.map((x) => `- ${mdText(x).replace(/\r?\n/g, " ")}`).join("\n"));
    else if ("table" in b) {
      const t = b.table;
      out.push([`| ${t.head.map(mdCell).join(" | ")} |`, `|${t.align.map((a) => (a === "r" ? " ---: " : " --- ")).join("|")}|`, ...t.rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`)].join("\n"));
    }
  }
  return out.join("\n\n") + "\n";
}

// ---------------------------------------------------------------- HTML

export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; max-width: 68rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: .3rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; } h3 { margin-top: 1.6rem; }
.muted { color: #555; font-size: .92rem; }
table { border-collapse: collapse; margin: .8rem 0; font-size: .9rem; font-variant-numeric: tabular-nums; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid #e2e2e2; vertical-align: top; }
th { background: #eef3f7; text-align: left; font-weight: 600; } td.r, th.r { text-align: right; } td.r { white-space: nowrap; }
table.total tr:last-child td { font-weight: 600; }
.scroll { overflow-x: auto; }
figure { margin: 1.2rem 0; } figcaption { color: #555; font-size: .9rem; margin-top: .3rem; }
svg { max-width: 100%; height: auto; }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  /* On paper: every column of every table on the A4 page (no scrollbar, nothing cut off); long
     tables break between rows and repeat their header; headings stay with what follows. */
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 14pt; break-after: avoid; } h3 { font-size: 11pt; break-after: avoid; }
  .scroll { overflow: visible; }
  table { width: 100%; font-size: 8pt; margin: 6pt 0; }
  table.wide { font-size: 6.5pt; }
  th, td { padding: 2pt 4pt; overflow-wrap: break-word; }
  table.wide th, table.wide td { padding: 1.5pt 2.5pt; }
  th { background: #eef3f7; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr, figure, li { break-inside: avoid; }
  p.muted { break-before: avoid; }
  h2 + p.muted, h3 + p.muted { break-after: avoid; }
  figure svg { max-height: 120mm; }
}
`;

function toHtml(bs: Block[], charts: Partial<Record<"npv" | "cumulative" | "arrangements", string>>, lang: Lang, title: string): string {
  const body: string[] = [];
  for (const b of bs) {
    if ("h" in b) body.push(`<h${b.h}>${escapeHtml(b.text)}</h${b.h}>`);
    else if ("p" in b) body.push(`<p${b.muted ? ' class="muted"' : ""}>${escapeHtml(b.p)}</p>`);
    else if ("list" in b) body.push(`<ul>\n${b.list.map((x) => `<li>${escapeHtml(x)}</li>`).join("\n")}\n</ul>`);
    else if ("table" in b) {
      const t = b.table;
      const cls = (i: number) => (t.align[i] === "r" ? ' class="r"' : "");
      const classes = [t.total ? "total" : "", t.head.length >= 9 ? "wide" : ""].filter(Boolean).join(" ");
      body.push(`<div class="scroll"><table${classes ? ` class="${classes}"` : ""}>\n<thead><tr>${t.head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>\n<tbody>\n${t.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${escapeHtml(c)}</td>`).join("")}</tr>`).join("\n")}\n</tbody>\n</table></div>`);
    } else if ("chart" in b) {
      const svg = charts[b.chart];
      if (svg) body.push(`<figure>\n${svg}\n<figcaption>${escapeHtml(b.caption)}</figcaption>\n</figure>`);
    }
  }
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="bcase">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}

export interface ReportOptions {
  lang?: Lang;
  /** pdf: the HTML report printed to A4 by headless Chromium (see pdf.ts); renderReportPdf returns it. */
  format?: "md" | "html";
  /** Plan versus actual (from `evaluateMonitoring`), shown when the case has actuals or indicators. */
  monitoring?: Monitoring;
}

/** The report as Markdown (tables only) or a self-contained HTML file (tables and SVG charts). */
export async function renderReport(ev: Evaluation, options: ReportOptions = {}): Promise<string> {
  const lang = options.lang ?? "nl";
  if ((options.format ?? "html") === "md") return toMarkdown(blocks(ev, lang, false, options.monitoring));
  const L = T[lang];
  const charts = await reportCharts(ev, lang, { society: L.society, npvAxis: L.npvAxis, cumulativeAxis: L.cumulativeAxis });
  return toHtml(blocks(ev, lang, true, options.monitoring), charts, lang, `${L.report}: ${ev.case.title}`);
}

/** The HTML report printed to an A4 PDF by headless Chromium, or a message saying how to get Chromium. */
export async function renderReportPdf(ev: Evaluation, options: Omit<ReportOptions, "format"> = {}): Promise<import("./pdf.ts").Pdf> {
  const html = await renderReport(ev, { ...options, format: "html" });
  const { htmlToPdf } = await import("./pdf.ts");
  return htmlToPdf(html, options.lang ?? "nl");
}
