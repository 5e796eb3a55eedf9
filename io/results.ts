/**
 * The results of an evaluation as plain tables (columns with a kind, rows of values), for the
 * workbook's result sheets and the CSV ledger. Money stays in integer cents here; each writer
 * turns it into euros its own way (a number with a euro format in Excel, `1234,50` or `1234.50`
 * in CSV, through io/csv.ts).
 * Column ids are stable English names (the CSV header); labels are Dutch or English.
 */
import type { ArrangementResult, Evaluation, Lang, Metrics } from "../engine/index.ts";
import { csvText, money, type CsvDialect } from "./csv.ts";

/** How a column is shown: `euro` holds cents; `ratio` a plain factor (BCR); `percent` a fraction. */
export type ColumnKind = "text" | "int" | "year" | "euro" | "ratio" | "percent" | "number" | "bool";
export type TableValue = string | number | boolean | null;

export interface Column {
  id: string;
  label: { nl: string; en: string };
  kind: ColumnKind;
}

export interface Table {
  columns: Column[];
  rows: TableValue[][];
}

const col = (id: string, nl: string, en: string, kind: ColumnKind): Column => ({ id, label: { nl, en }, kind });

const SOCIETY = { nl: "Maatschappij (totaal)", en: "Society (total)" };

const FIGURES: Column[] = [
  col("costs", "kosten", "costs", "euro"),
  col("savings", "besparingen", "savings", "euro"),
  col("transfersIn", "overdrachten in", "transfers in", "euro"),
  col("transfersOut", "overdrachten uit", "transfers out", "euro"),
  col("net", "netto", "net", "euro"),
  col("npv", "NCW", "NPV", "euro"),
  col("npvCashable", "NCW kasbaar", "NPV cashable", "euro"),
  col("bcr", "B/K", "BCR", "ratio"),
  col("roi", "ROI", "ROI", "percent"),
  col("paybackYear", "terugverdiend in", "payback year", "year"),
  col("irr", "IRR", "IRR", "percent"),
  col("irrStatus", "IRR-status", "IRR status", "text"),
];

const figures = (m: Metrics): TableValue[] => [
  m.costs, m.savings, m.transfersIn, m.transfersOut, m.net, m.npv, m.npvCashable,
  m.bcr, m.roi, m.paybackYear, m.irr.status === "ok" ? m.irr.rate : null, m.irr.status,
];

/** Per arrangement (status quo first), per partner and for society. */
export function summaryTable(ev: Evaluation, lang: Lang): Table {
  const rows: TableValue[][] = [];
  for (const a of ev.arrangements) {
    for (const p of a.partners) rows.push([a.id, a.name, p.id, p.name, p.kind, ...figures(p)]);
    rows.push([a.id, a.name, "society", SOCIETY[lang], null, ...figures(a.society)]);
  }
  return {
    columns: [col("arrangement", "regeling", "arrangement", "text"), col("arrangementName", "naam regeling", "arrangement name", "text"), col("partner", "partner", "partner", "text"), col("partnerName", "naam", "name", "text"), col("kind", "soort", "kind", "text"), ...FIGURES],
    rows,
  };
}

/** Year by year, per arrangement and partner (and society). */
export function yearlyTable(ev: Evaluation, lang: Lang): Table {
  const rows: TableValue[][] = [];
  const add = (a: ArrangementResult, id: string, name: string, m: Metrics) => {
    for (const y of m.yearly) rows.push([a.id, id, name, y.year, y.costs, y.savings, y.transfersIn, y.transfersOut, y.net, y.discountedNet, y.cumulativeDiscountedNet]);
  };
  for (const a of ev.arrangements) {
    for (const p of a.partners) add(a, p.id, p.name, p);
    add(a, "society", SOCIETY[lang], a.society);
  }
  return {
    columns: [
      col("arrangement", "regeling", "arrangement", "text"), col("partner", "partner", "partner", "text"), col("partnerName", "naam", "name", "text"), col("year", "jaar", "year", "year"),
      col("costs", "kosten", "costs", "euro"), col("savings", "besparingen", "savings", "euro"), col("transfersIn", "overdrachten in", "transfers in", "euro"), col("transfersOut", "overdrachten uit", "transfers out", "euro"),
      col("net", "netto", "net", "euro"), col("discountedNet", "netto contant", "discounted net", "euro"), col("cumulativeDiscountedNet", "cumulatief contant", "cumulative discounted net", "euro"),
    ],
    rows,
  };
}

/**
 * The full ledger: the status-quo rows (arrangement empty: they hold under every arrangement),
 * then each arrangement's transfer rows with its id. An arrangement's own ledger is the
 * status-quo rows plus its rows.
 */
export function ledgerTable(ev: Evaluation): Table {
  const row = (arrangement: string, r: Evaluation["ledger"]["rows"][number]): TableValue[] => [
    arrangement, r.year, r.partner, r.domain, r.line, r.kind, r.amount, r.discounted, r.cashable, r.counterparty ?? null, r.reason ?? null,
  ];
  return {
    columns: [
      col("arrangement", "regeling", "arrangement", "text"), col("year", "jaar", "year", "year"), col("partner", "partner", "partner", "text"), col("domain", "domein", "domain", "text"),
      col("line", "regel", "line", "text"), col("kind", "soort", "kind", "text"), col("amount", "bedrag", "amount", "euro"), col("discounted", "contant", "discounted", "euro"),
      col("cashable", "kasbaar", "cashable", "bool"), col("counterparty", "tegenpartij", "counterparty", "text"), col("reason", "reden", "reason", "text"),
    ],
    rows: [...ev.ledger.rows.map((r) => row("", r)), ...ev.arrangements.flatMap((a) => a.rows.map((r) => row(a.id, r)))],
  };
}

/** Every transfer of every arrangement, one row each (from pays to). */
export function transfersTable(ev: Evaluation): Table {
  return {
    columns: [
      col("arrangement", "regeling", "arrangement", "text"), col("step", "stap", "step", "text"), col("year", "jaar", "year", "year"), col("from", "van", "from", "text"),
      col("to", "aan", "to", "text"), col("amount", "bedrag", "amount", "euro"), col("reason", "reden", "reason", "text"), col("about", "over", "about", "text"),
    ],
    rows: ev.arrangements.flatMap((a) => a.steps.flatMap((s) => s.transfers.map((t) => [a.id, s.id, t.year, t.from, t.to, t.amount, t.reason, t.about ?? null]))),
  };
}

/** Every pot, year by year, with per-partner contributions, returns and deficit cover. */
export function potsTable(ev: Evaluation): Table {
  const pots = ev.arrangements.flatMap((a) => a.pots.map((p) => ({ a, p })));
  const ids = ev.partners.map((p) => p.id);
  const used = (f: (y: (typeof pots)[number]["p"]["years"][number]) => Record<string, number>) => ids.filter((id) => pots.some(({ p }) => p.years.some((y) => (f(y)[id] ?? 0) !== 0)));
  const contributors = used((y) => y.contributions), returned = used((y) => y.returned), covered = used((y) => y.covered);
  return {
    columns: [
      col("arrangement", "regeling", "arrangement", "text"), col("pot", "pot", "pot", "text"), col("potName", "naam pot", "pot name", "text"), col("year", "jaar", "year", "year"),
      col("reserveStart", "reserve begin", "reserve start", "euro"), col("contributed", "inleg", "contributed", "euro"), col("spending", "uitgaven", "spending", "euro"),
      col("surplus", "overschot", "surplus", "euro"), col("deficit", "tekort", "deficit", "euro"), col("reserveDrawn", "uit reserve", "reserve drawn", "euro"),
      col("reserveAdded", "naar reserve", "reserve added", "euro"), col("reserveReturned", "reserve terug (eind looptijd)", "reserve returned (end of horizon)", "euro"),
      col("reserveEnd", "reserve eind", "reserve end", "euro"), col("riskBearer", "risicodrager", "risk bearer", "euro"),
      ...contributors.map((id) => col(`contribution:${id}`, `inleg ${id}`, `contribution ${id}`, "euro")),
      ...returned.map((id) => col(`returned:${id}`, `terug ${id}`, `returned ${id}`, "euro")),
      ...covered.map((id) => col(`covered:${id}`, `gedekt ${id}`, `covered ${id}`, "euro")),
    ],
    rows: pots.flatMap(({ a, p }) => p.years.map((y) => [
      a.id, p.id, p.name, y.year, y.reserveStart, y.contributed, y.spending, y.surplus, y.deficit, y.reserveDrawn, y.reserveAdded, y.reserveReturned, y.reserveEnd, y.riskBearer,
      ...contributors.map((id) => y.contributions[id] ?? 0), ...returned.map((id) => y.returned[id] ?? 0), ...covered.map((id) => y.covered[id] ?? 0),
    ])),
  };
}

/** Who pays for whom: each investor's share of each beneficiary's effect result. */
export function wrongPocketTable(ev: Evaluation): Table {
  const names = new Map(ev.partners.map((p) => [p.id, p.name]));
  return {
    columns: [
      col("investor", "investeerder", "investor", "text"), col("investorName", "naam investeerder", "investor name", "text"), col("beneficiary", "ontvanger", "beneficiary", "text"),
      col("beneficiaryName", "naam ontvanger", "beneficiary name", "text"), col("amount", "bedrag", "amount", "euro"), col("pv", "contante waarde", "present value", "euro"), col("share", "aandeel", "share", "percent"),
    ],
    rows: ev.wrongPocket.map((w) => [w.investor, names.get(w.investor) ?? w.investor, w.beneficiary, names.get(w.beneficiary) ?? w.beneficiary, w.amount, w.pv, w.share]),
  };
}

/** Non-monetary outcomes per unit. */
export function outcomesTable(ev: Evaluation): Table {
  return {
    columns: [col("unit", "eenheid", "unit", "text"), col("quantity", "hoeveelheid", "quantity", "number"), col("discounted", "contant", "discounted", "number"), col("value", "waarde", "value", "euro")],
    rows: ev.outcomes.map((o) => [o.unit, o.quantity, o.discounted, o.value ?? null]),
  };
}

/** The provenance stamp as key/value rows (dot paths; lists as JSON), whatever fields it has. */
export function provenanceTable(ev: Evaluation): Table {
  const rows: TableValue[][] = [];
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) if (x !== undefined) walk(x, path === "" ? k : `${path}.${k}`);
    } else if (path !== "") rows.push([path, v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : JSON.stringify(v)]);
  };
  walk((ev as { provenance?: unknown }).provenance, "");
  return { columns: [col("field", "veld", "field", "text"), col("value", "waarde", "value", "text")], rows };
}

/** A table as CSV in a dialect (io/csv.ts): header of column ids, money (cents) as euros with two decimals. */
export function tableToCsv(t: Table, dialect: CsvDialect): string {
  return csvText(t.columns.map((c) => c.id), t.rows.map((r) => r.map((v, i) => (t.columns[i]!.kind === "euro" && typeof v === "number" ? money(v) : v))), dialect);
}
