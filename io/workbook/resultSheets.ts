/**
 * The result sheets of the results workbook, built so a controller can audit them: the ledger
 * (Grootboek) holds every row in euros with its discount factor and discounted amount as
 * formulas; the summary (Samenvatting), the year-by-year sheet (Per jaar) and the pots (Pot per
 * jaar) are SUMIFS formulas over the ledger, with the engine's figures as their stored values
 * (equal to the cent; LibreOffice's recalculation gives the same figures, test/io/libreoffice.test.ts).
 * Every summary row links to its rows in the ledger (a hyperlink to the first row of its block,
 * in Excel and LibreOffice); the ledger has a filter on every column.
 *
 * How a row counts (column "post"), the engine's rule (engine/ledger/metrics.ts): a partner's
 * non-transfer rows are netted per year and line; a positive net is a benefit, otherwise a cost;
 * transfers are in or out by sign. For society ("post maatschappij") every row, transfers
 * included, is netted per year and line the same way. An arrangement's ledger is the status-quo
 * rows plus its own rows, so every sum for an arrangement adds the two.
 *
 * Payback year, IRR and the pots' reserve columns stay values (an IRR is a value with a status
 * in the engine; a formula would hide its status).
 */
import type ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { STATUS_QUO_ID, type Evaluation, type Lang, type LedgerRow, type Metrics } from "../../engine/index.ts";
import { formatColumns, styleHeader, columnLetter } from "./sheet.ts";
import { IRR_STATUSES, LEDGER_KINDS, PARTNER_KINDS, REASONS, RESULT_SHEETS } from "./labels.ts";
import type { ColumnKind } from "../results.ts";

type Cls = "cost" | "benefit" | "in" | "out";
const CLASS = {
  nl: { cost: "kosten", benefit: "baten", in: "overdracht in", out: "overdracht uit", yes: "ja", no: "nee" },
  en: { cost: "cost", benefit: "benefit", in: "transfer in", out: "transfer out", yes: "yes", no: "no" },
} as const;

interface Row { arrangement: string; r: LedgerRow; cls: Cls; society: "cost" | "benefit" }

/** The engine's classification of rows (see the module comment). */
function classify(rows: readonly LedgerRow[], perPartner: boolean): Map<LedgerRow, Cls> {
  const groups = new Map<string, { amount: number; discounted: number; rows: LedgerRow[] }>();
  const out = new Map<LedgerRow, Cls>();
  for (const r of rows) {
    if (perPartner && r.kind === "transfer") { out.set(r, r.amount > 0 ? "in" : "out"); continue; }
    const key = `${perPartner ? r.partner : ""}\u0000${r.year}\u0000${r.line}`;
    const g = groups.get(key) ?? { amount: 0, discounted: 0, rows: [] };
    g.amount += r.amount; g.discounted += r.discounted; g.rows.push(r);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const c: Cls = g.amount > 0 || (g.amount === 0 && g.discounted > 0) ? "benefit" : "cost";
    for (const r of g.rows) out.set(r, c);
  }
  return out;
}

const q = (sheet: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);
const str = (s: string) => `"${s.replace(/"/g, '""')}"`;
const euros = (cents: number) => cents / 100;

interface Col { label: string; kind: ColumnKind }

/** Writes Samenvatting, Per jaar, Grootboek, (what `afterLedger` writes), Pot per jaar. */
export function writeResultSheets(wb: ExcelJS.Workbook, ev: Evaluation, lang: Lang, afterLedger: () => void): void {
  const N = RESULT_SHEETS[lang];
  const C = CLASS[lang];
  const partnerOrder = new Map(ev.partners.map((p, i) => [p.id, i]));
  const order = (id: string) => partnerOrder.get(id) ?? ev.partners.length;

  // ---- the ledger rows, in blocks: status quo by partner, then each arrangement by partner (pots after partners)
  const sqClass = classify(ev.ledger.rows, true), sqSociety = classify(ev.ledger.rows, false);
  const rows: Row[] = [];
  const blockOf = (xs: readonly LedgerRow[]) => [...xs].map((r, i) => ({ r, i })).sort((a, b) => order(a.r.partner) - order(b.r.partner) || (a.r.partner < b.r.partner ? -1 : a.r.partner > b.r.partner ? 1 : 0) || a.i - b.i).map((x) => x.r);
  for (const r of blockOf(ev.ledger.rows)) rows.push({ arrangement: STATUS_QUO_ID, r, cls: sqClass.get(r)!, society: sqSociety.get(r)! as "cost" | "benefit" });
  for (const a of ev.arrangements) {
    if (a.rows.length === 0) continue;
    const cls = classify(a.rows, true), soc = classify(a.rows, false);
    for (const r of blockOf(a.rows)) rows.push({ arrangement: a.id, r, cls: cls.get(r)!, society: soc.get(r)! as "cost" | "benefit" });
  }
  const first = 2, last = Math.max(first, rows.length + 1);
  /** Where each (arrangement, partner) block starts in the ledger. */
  const blockStart = new Map<string, number>();
  rows.forEach((x, i) => { const k = `${x.arrangement}\u0000${x.r.partner}`; if (!blockStart.has(k)) blockStart.set(k, i + first); });

  const LC = { arrangement: 1, year: 2, partner: 3, domain: 4, line: 5, kind: 6, amount: 7, factor: 8, discounted: 9, cashable: 10, cls: 11, society: 12, counterparty: 13, reason: 14 } as const;
  const ledgerName = N.ledger;
  const ref = (c: number) => `${q(ledgerName)}!$${columnLetter(c)}$${first}:$${columnLetter(c)}$${last}`;

  // Summary and per-year sheets come first in the workbook; they are filled after the ledger's layout is known.
  const summary = wb.addWorksheet(N.summary);
  const yearly = wb.addWorksheet(N.yearly);

  // ---- Grootboek / Ledger
  const ledger = wb.addWorksheet(ledgerName);
  const ledgerCols: Col[] = lang === "nl"
    ? [{ label: "regeling", kind: "text" }, { label: "jaar", kind: "year" }, { label: "partner", kind: "text" }, { label: "domein", kind: "text" }, { label: "regel", kind: "text" }, { label: "soort", kind: "text" }, { label: "bedrag", kind: "euro" }, { label: "discontofactor", kind: "number" }, { label: "contant", kind: "euro" }, { label: "kasbaar", kind: "text" }, { label: "post", kind: "text" }, { label: "post maatschappij", kind: "text" }, { label: "tegenpartij", kind: "text" }, { label: "reden", kind: "text" }]
    : [{ label: "arrangement", kind: "text" }, { label: "year", kind: "year" }, { label: "partner", kind: "text" }, { label: "domain", kind: "text" }, { label: "line", kind: "text" }, { label: "kind", kind: "text" }, { label: "amount", kind: "euro" }, { label: "discount factor", kind: "number" }, { label: "discounted", kind: "euro" }, { label: "cashable", kind: "text" }, { label: "class", kind: "text" }, { label: "class (society)", kind: "text" }, { label: "counterparty", kind: "text" }, { label: "reason", kind: "text" }];
  ledger.addRow(ledgerCols.map((c) => c.label));
  styleHeader(ledger, ledgerCols.length);
  const rate = ev.case.discountRate, start = ev.case.startYear;
  rows.forEach(({ arrangement, r, cls, society }, i) => {
    const n = i + first;
    const k = r.year - start;
    const factor = 1 / Math.pow(1 + rate, k);
    ledger.addRow([
      arrangement, r.year, r.partner, r.domain, r.line, LEDGER_KINDS[lang][r.kind] ?? r.kind, euros(r.amount),
      { formula: `1/(1+${rate})^(B${n}-${start})`, result: factor },
      { formula: `ROUND(G${n}*H${n},2)`, result: euros(r.discounted) },
      r.cashable ? C.yes : C.no, C[cls], C[society], r.counterparty ?? null, r.reason === undefined ? null : REASONS[lang][r.reason] ?? r.reason,
    ]);
  });
  formatColumns(ledger, ledgerCols.map((c) => c.kind));
  ledger.getColumn(LC.factor).numFmt = "0.000000";
  if (rows.length > 0) ledger.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ledgerCols.length } };

  /** Sum of a ledger column over an arrangement's ledger (status-quo rows plus its own), with criteria. */
  const sumOver = (col: number, arrCell: string, criteria: [number, string][]) => {
    const crit = criteria.map(([c, v]) => `,${ref(c)},${v}`).join("");
    const sq = `SUMIFS(${ref(col)},${ref(LC.arrangement)},${str(STATUS_QUO_ID)}${crit})`;
    return `${sq}+IF(${arrCell}=${str(STATUS_QUO_ID)},0,SUMIFS(${ref(col)},${ref(LC.arrangement)},${arrCell}${crit}))`;
  };
  const link = (arrangement: string, partner: string, label: string): ExcelJS.CellValue => {
    const at = blockStart.get(`${arrangement}\u0000${partner}`);
    return at === undefined ? null : { text: `${label} ${at}`, hyperlink: `${ledgerName}!A${at}`, tooltip: label } as ExcelJS.CellValue;
  };

  /** Costs, benefits, transfers in and out as SUMIFS over the ledger (society has no transfers of its own: they cancel). */
  const flowCells = (by: (col: number, cls?: string) => string, society: boolean, v: { costs: number; savings: number; transfersIn: number; transfersOut: number }): ExcelJS.CellValue[] => [
    { formula: `-(${by(LC.amount, C.cost)})`, result: euros(v.costs) },
    { formula: by(LC.amount, C.benefit), result: euros(v.savings) },
    society ? euros(v.transfersIn) : { formula: by(LC.amount, C.in), result: euros(v.transfersIn) },
    society ? euros(v.transfersOut) : { formula: `-(${by(LC.amount, C.out)})`, result: euros(v.transfersOut) },
  ];

  // ---- Samenvatting / Summary
  const sumCols: Col[] = lang === "nl"
    ? [{ label: "regeling", kind: "text" }, { label: "naam regeling", kind: "text" }, { label: "partner", kind: "text" }, { label: "naam", kind: "text" }, { label: "soort", kind: "text" }, { label: "kosten", kind: "euro" }, { label: "baten", kind: "euro" }, { label: "overdrachten in", kind: "euro" }, { label: "overdrachten uit", kind: "euro" }, { label: "netto", kind: "euro" }, { label: "NCW", kind: "euro" }, { label: "NCW kasbaar", kind: "euro" }, { label: "B/K", kind: "ratio" }, { label: "ROI", kind: "percent" }, { label: "terugverdiend in", kind: "year" }, { label: "IRR", kind: "percent" }, { label: "IRR-status", kind: "text" }, { label: "rijen status quo", kind: "text" }, { label: "rijen regeling", kind: "text" }]
    : [{ label: "arrangement", kind: "text" }, { label: "arrangement name", kind: "text" }, { label: "partner", kind: "text" }, { label: "name", kind: "text" }, { label: "kind", kind: "text" }, { label: "costs", kind: "euro" }, { label: "benefits", kind: "euro" }, { label: "transfers in", kind: "euro" }, { label: "transfers out", kind: "euro" }, { label: "net", kind: "euro" }, { label: "NPV", kind: "euro" }, { label: "NPV cashable", kind: "euro" }, { label: "BCR", kind: "ratio" }, { label: "ROI", kind: "percent" }, { label: "payback year", kind: "year" }, { label: "IRR", kind: "percent" }, { label: "IRR status", kind: "text" }, { label: "status-quo rows", kind: "text" }, { label: "arrangement rows", kind: "text" }];
  summary.addRow(sumCols.map((c) => c.label));
  styleHeader(summary, sumCols.length);
  const SOCIETY = lang === "nl" ? "Maatschappij (totaal)" : "Society (total)";
  const rowsLabel = lang === "nl" ? "→ rij" : "→ row";
  const saving = LEDGER_KINDS[lang].saving!;
  const none = "–";
  let sr = 1;
  for (const a of ev.arrangements) {
    const entries: { id: string; name: string; kind: string | null; m: Metrics; society: boolean }[] = [
      ...a.partners.map((p) => ({ id: p.id, name: p.name, kind: PARTNER_KINDS[lang][p.kind] ?? p.kind, m: p as Metrics, society: false })),
      { id: "society", name: SOCIETY, kind: null, m: a.society, society: true },
    ];
    for (const e of entries) {
      sr++;
      const A = `$A${sr}`, P = `$C${sr}`;
      const by = (col: number, cls?: string, more: [number, string][] = []) => sumOver(col, A, [...(e.society ? [] : [[LC.partner, P] as [number, string]]), ...(cls ? [[e.society ? LC.society : LC.cls, str(cls)] as [number, string]] : []), ...more]);
      const m = e.m;
      const pvCost = `-(${by(LC.discounted, C.cost)})`, pvBen = by(LC.discounted, C.benefit), pvIn = e.society ? "0" : by(LC.discounted, C.in), pvOut = e.society ? "0" : `-(${by(LC.discounted, C.out)})`;
      const den = `(${pvCost}+${pvOut})`;
      summary.addRow([
        a.id, a.name, e.id, e.name, e.kind,
        ...flowCells(by, e.society, m),
        { formula: `G${sr}-F${sr}+H${sr}-I${sr}`, result: euros(m.net) },
        { formula: by(LC.discounted), result: euros(m.npv) },
        { formula: `K${sr}-(${by(LC.discounted, undefined, [[LC.kind, str(saving)], [LC.cashable, str(C.no)]])})`, result: euros(m.npvCashable) },
        { formula: `IF(${den}>0,(${pvBen}+${pvIn})/${den},${str(none)})`, result: m.bcr ?? none },
        { formula: `IF(ISNUMBER(M${sr}),M${sr}-1,${str(none)})`, result: m.roi ?? none },
        m.paybackYear, m.irr.status === "ok" ? m.irr.rate : null, IRR_STATUSES[lang][m.irr.status] ?? m.irr.status,
        e.society ? null : link(STATUS_QUO_ID, e.id, rowsLabel),
        e.society || a.id === STATUS_QUO_ID ? null : link(a.id, e.id, rowsLabel),
      ]);
    }
  }
  formatColumns(summary, sumCols.map((c) => c.kind));
  summary.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sumCols.length } };

  // ---- Per jaar / Yearly
  const yCols: Col[] = lang === "nl"
    ? [{ label: "regeling", kind: "text" }, { label: "partner", kind: "text" }, { label: "naam", kind: "text" }, { label: "jaar", kind: "year" }, { label: "kosten", kind: "euro" }, { label: "baten", kind: "euro" }, { label: "overdrachten in", kind: "euro" }, { label: "overdrachten uit", kind: "euro" }, { label: "netto", kind: "euro" }, { label: "netto contant", kind: "euro" }, { label: "cumulatief contant", kind: "euro" }]
    : [{ label: "arrangement", kind: "text" }, { label: "partner", kind: "text" }, { label: "name", kind: "text" }, { label: "year", kind: "year" }, { label: "costs", kind: "euro" }, { label: "benefits", kind: "euro" }, { label: "transfers in", kind: "euro" }, { label: "transfers out", kind: "euro" }, { label: "net", kind: "euro" }, { label: "discounted net", kind: "euro" }, { label: "cumulative discounted net", kind: "euro" }];
  yearly.addRow(yCols.map((c) => c.label));
  styleHeader(yearly, yCols.length);
  let yr = 1;
  for (const a of ev.arrangements) {
    const entries = [...a.partners.map((p) => ({ id: p.id, name: p.name, m: p as Metrics, society: false })), { id: "society", name: SOCIETY, m: a.society, society: true }];
    for (const e of entries) {
      e.m.yearly.forEach((y, i) => {
        yr++;
        const by = (col: number, cls?: string) => sumOver(col, `$A${yr}`, [...(e.society ? [] : [[LC.partner, `$B${yr}`] as [number, string]]), [LC.year, `$D${yr}`], ...(cls ? [[e.society ? LC.society : LC.cls, str(cls)] as [number, string]] : [])]);
        yearly.addRow([
          a.id, e.id, e.name, y.year,
          ...flowCells(by, e.society, y),
          { formula: `F${yr}-E${yr}+G${yr}-H${yr}`, result: euros(y.net) },
          { formula: by(LC.discounted), result: euros(y.discountedNet) },
          { formula: i === 0 ? `J${yr}` : `K${yr - 1}+J${yr}`, result: euros(y.cumulativeDiscountedNet) },
        ]);
      });
    }
  }
  formatColumns(yearly, yCols.map((c) => c.kind));
  yearly.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: yCols.length } };
  afterLedger();

  // ---- Pot per jaar / Pots by year
  const pots = ev.arrangements.flatMap((a) => a.pots.map((p) => ({ a, p })));
  if (pots.length === 0) return;
  const ids = ev.partners.map((p) => p.id);
  const used = (f: (y: (typeof pots)[number]["p"]["years"][number]) => Record<string, number>) => ids.filter((id) => pots.some(({ p }) => p.years.some((y) => (f(y)[id] ?? 0) !== 0)));
  const contributors = used((y) => y.contributions), returned = used((y) => y.returned), covered = used((y) => y.covered);
  const L = lang === "nl"
    ? { arrangement: "regeling", pot: "pot", potName: "naam pot", year: "jaar", reserveStart: "reserve begin", contributed: "inleg", spending: "uitgaven", surplus: "overschot", deficit: "tekort", reserveDrawn: "uit reserve", reserveAdded: "naar reserve", reserveEnd: "reserve eind", riskBearer: "risicodrager", contribution: "inleg", returnedL: "terug", coveredL: "gedekt" }
    : { arrangement: "arrangement", pot: "pot", potName: "pot name", year: "year", reserveStart: "reserve start", contributed: "contributed", spending: "spending", surplus: "surplus", deficit: "deficit", reserveDrawn: "reserve drawn", reserveAdded: "reserve added", reserveEnd: "reserve end", riskBearer: "risk bearer", contribution: "contribution", returnedL: "returned", coveredL: "covered" };
  const potSheet = wb.addWorksheet(N.pots);
  const pCols: Col[] = [
    { label: L.arrangement, kind: "text" }, { label: L.pot, kind: "text" }, { label: L.potName, kind: "text" }, { label: L.year, kind: "year" },
    ...(["reserveStart", "contributed", "spending", "surplus", "deficit", "reserveDrawn", "reserveAdded", "reserveEnd", "riskBearer"] as const).map((k) => ({ label: L[k], kind: "euro" as ColumnKind })),
    ...contributors.map((id) => ({ label: `${L.contribution} ${id}`, kind: "euro" as ColumnKind })),
    ...returned.map((id) => ({ label: `${L.returnedL} ${id}`, kind: "euro" as ColumnKind })),
    ...covered.map((id) => ({ label: `${L.coveredL} ${id}`, kind: "euro" as ColumnKind })),
  ];
  potSheet.addRow(pCols.map((c) => c.label));
  styleHeader(potSheet, pCols.length);
  const reason = (code: string) => str(REASONS[lang][code] ?? code);
  let pr = 1;
  for (const { a, p } of pots) {
    for (const y of p.years) {
      pr++;
      /** A sum over the arrangement's own rows in this year. */
      const own = (col: number, criteria: [number, string][]) => `SUMIFS(${ref(col)},${ref(LC.arrangement)},$A${pr},${ref(LC.year)},$D${pr}${criteria.map(([c, v]) => `,${ref(c)},${v}`).join("")})`;
      const potCell = `$B${pr}`;
      potSheet.addRow([
        a.id, p.id, p.name, y.year,
        euros(y.reserveStart),
        { formula: own(LC.amount, [[LC.partner, potCell], [LC.reason, reason("contribution")]]), result: euros(y.contributed) },
        { formula: `-${own(LC.amount, [[LC.partner, potCell], [LC.reason, reason("pot-pays")]])}`, result: euros(y.spending) },
        euros(y.surplus), euros(y.deficit), euros(y.reserveDrawn), euros(y.reserveAdded), euros(y.reserveEnd),
        { formula: own(LC.amount, [[LC.partner, potCell], [LC.reason, reason("risk-bearer")]]), result: euros(y.riskBearer) },
        ...contributors.map((id) => ({ formula: `-${own(LC.amount, [[LC.partner, str(id)], [LC.counterparty, potCell], [LC.reason, reason("contribution")]])}`, result: euros(y.contributions[id] ?? 0) })),
        ...returned.map((id) => ({ formula: own(LC.amount, [[LC.partner, str(id)], [LC.counterparty, potCell], [LC.reason, reason("surplus-returned")]]), result: euros(y.returned[id] ?? 0) })),
        ...covered.map((id) => ({ formula: `-${own(LC.amount, [[LC.partner, str(id)], [LC.counterparty, potCell], [LC.reason, reason("deficit-covered")]])}`, result: euros(y.covered[id] ?? 0) })),
      ]);
    }
  }
  formatColumns(potSheet, pCols.map((c) => c.kind));
  potSheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: pCols.length } };
}

/**
 * exceljs writes an internal hyperlink (`location="Grootboek!A23"`) with a relationship to an
 * external target of the same text, which LibreOffice follows as a file name (and Excel may
 * too). This removes those relationships from the written workbook, so the links are plain
 * `<hyperlink ref location>` jumps inside the workbook in both programs.
 */
export function internalLinksOnly(xlsx: Uint8Array): Uint8Array {
  const parts = unzipSync(xlsx);
  let changed = false;
  for (const name of Object.keys(parts)) {
    const m = /^xl\/worksheets\/(sheet\d+\.xml)$/.exec(name);
    if (!m) continue;
    const relsName = `xl/worksheets/_rels/${m[1]}.rels`;
    const xml = strFromU8(parts[name]!);
    if (!/<hyperlink [^>]*location=/.test(xml) || !parts[relsName]) continue;
    const dropped = new Set<string>();
    parts[name] = strToU8(xml.replace(/<hyperlink ([^>]*?)r:id="([^"]+)"([^>]*location=[^>]*)\/>/g, (_all, a: string, id: string, b: string) => { dropped.add(id); return `<hyperlink ${a}${b.trimStart()}/>`; }));
    parts[relsName] = strToU8(strFromU8(parts[relsName]!).replace(/<Relationship [^>]*\/>/g, (rel) => (dropped.has(/Id="([^"]+)"/.exec(rel)?.[1] ?? "") ? "" : rel)));
    changed = true;
  }
  return changed ? zipSync(parts, { level: 6, mtime: new Date(Date.UTC(2025, 0, 1)) }) : xlsx;
}
