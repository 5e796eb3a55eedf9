/**
 * The cash view in the terminal (`bcase evaluate --cash`): per partner (and pot) the
 * undiscounted cash per year and its running total, the peak funding need and its year, and
 * the budget after two years; budget-limit warnings; investors' returns. Numbers in the
 * language's format, like the other tables.
 */
import { formatEuro, formatNumber, formatPercent, irrNearBound, type CashView, type Lang } from "../engine/index.ts";
import { csvText, money, type CsvDialect, type CsvValue } from "../io/csv.ts";
import { mdCell, mdTable } from "../io/markdown.ts";

const L = {
  nl: {
    title: "Kasstromen (niet verdisconteerd; niet-verzilverbare besparingen tellen niet mee)", partner: "Partner", cumulative: "cumulatief",
    peak: "Grootste voorfinanciering", peakYear: "in", afterTwo: "Budget na 2 jaar", none: "-",
    warnings: "Waarschuwing: budgetgrens overschreden", warning: (who: string, year: number, out: string, limit: string) => `${who} betaalt in ${year} netto ${out} uit, boven zijn budgetgrens van ${limit}`,
    investors: "Rendement investeerders", paidOut: "Uitgegeven", received: "Ontvangen", multiple: "Veelvoud", irr: "IRR", payback: "Terugverdiend",
    nearBound: " (bij de zoekgrens)",
  },
  en: {
    title: "Cash (undiscounted; non-cashable savings left out)", partner: "Partner", cumulative: "cumulative",
    peak: "Peak funding need", peakYear: "in", afterTwo: "Budget after 2 years", none: "-",
    warnings: "Warning: budget limit exceeded", warning: (who: string, year: number, out: string, limit: string) => `${who} pays out ${out} net in ${year}, above its budget limit of ${limit}`,
    investors: "Investors' return", paidOut: "Paid out", received: "Received", multiple: "Multiple", irr: "IRR", payback: "Payback",
    nearBound: " (at the search bound)",
  },
} as const;

function align(table: string[][]): string {
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  return table.map((r) => r.map((cell, c) => (c >= 1 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ")).join("\n");
}

/** Budget-limit warnings, one line each (empty when none). */
export function renderBudgetWarnings(cash: CashView, names: ReadonlyMap<string, string>, lang: Lang): string[] {
  const t = L[lang];
  return cash.breaches.map((b) => `${t.warnings}: ${t.warning(names.get(b.partner) ?? b.partner, b.year, formatEuro(b.outflow, lang, 0), formatEuro(b.limit, lang, 0))}`);
}

/** The cash table's header and rows, and the investors' table's (empty when no investor moved money). */
function cashTables(cash: CashView, names: ReadonlyMap<string, string>, lang: Lang): { head: string[]; rows: string[][]; investors: string[][] } {
  const t = L[lang];
  const entities = [...cash.partners, ...cash.pots];
  const years = entities[0]?.yearly.map((y) => y.year) ?? [];
  const head = [t.partner, ...years.map(String), `${years[years.length - 1] ?? ""} ${t.cumulative}`, t.peak, t.afterTwo];
  const rows = entities.map((c) => [
    names.get(c.id) ?? c.id,
    ...c.yearly.map((y) => formatEuro(y.cash, lang, 0)),
    formatEuro(c.total, lang, 0),
    c.peakNeed > 0 ? `${formatEuro(c.peakNeed, lang, 0)} ${t.peakYear} ${c.peakYear}` : t.none,
    formatEuro(c.afterTwoYears, lang, 0),
  ]);
  const investors = cash.investors.filter((i) => i.paidOut > 0 || i.received > 0);
  return {
    head, rows,
    investors: investors.length === 0 ? [] : [[t.partner, t.paidOut, t.received, t.multiple, t.irr, t.payback], ...investors.map((i) => [
      names.get(i.id) ?? i.id, formatEuro(i.paidOut, lang, 0), formatEuro(i.received, lang, 0),
      i.multiple === null ? t.none : formatNumber(i.multiple, 2, lang),
      i.irr.status === "ok" ? `${formatPercent(i.irr.rate, 1, lang)}${irrNearBound(i.irr) ? t.nearBound : ""}` : t.none,
      i.paybackYear === null ? t.none : String(i.paybackYear),
    ])],
  };
}

/** The cash view as aligned text tables (table) or Markdown (md), with the budget warnings. */
export function renderCash(cash: CashView, names: ReadonlyMap<string, string>, lang: Lang, format: "table" | "md" = "table"): string {
  const t = L[lang];
  const { head, rows, investors } = cashTables(cash, names, lang);
  const warnings = renderBudgetWarnings(cash, names, lang);
  if (format === "md") {
    const out = [`### ${mdCell(t.title)}`, "", mdTable(head, rows)];
    if (investors.length > 0) out.push("", `### ${mdCell(t.investors)}`, "", mdTable(investors[0]!, investors.slice(1)));
    if (warnings.length > 0) out.push("", ...warnings.map((w) => `- ${mdCell(w)}`));
    return out.join("\n") + "\n";
  }
  const out = [t.title, align([head, ...rows])];
  if (investors.length > 0) out.push("", t.investors, align(investors));
  if (warnings.length > 0) out.push("", ...warnings);
  return out.join("\n") + "\n";
}

/** The cash view as CSV (io/csv.ts): one row per entity (partner or pot) and year, money in euros. */
export function renderCashCsv(cash: CashView, names: ReadonlyMap<string, string>, dialect: CsvDialect): string {
  const rows: CsvValue[][] = [...cash.partners, ...cash.pots].flatMap((c) => c.yearly.map((y): CsvValue[] => [
    c.id, names.get(c.id) ?? c.id, y.year, money(y.cash), money(y.inflow), money(y.outflow), money(y.cumulative), money(c.peakNeed), c.peakYear, money(c.afterTwoYears),
  ]));
  return csvText(["entity", "name", "year", "cash", "inflow", "outflow", "cumulative", "peakNeed", "peakYear", "afterTwoYears"], rows, dialect);
}
