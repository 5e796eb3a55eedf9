/**
 * Arrangements' steps on the workbook's Steps sheet (issue 14 item 5): one row per step, each
 * field in a column of its own with drop-down lists, keys as short text, no JSON needed for a
 * step's own fields; rows join their arrangement in order; problems name their cell.
 */
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { evaluateModel } from "../../engine/index.ts";
import { formatSheetIssue, importWorkbook, loadWorkbook, templateWorkbook } from "../../io/workbook/xlsx.ts";
import { keyText, parseKeyText } from "../../io/workbook/steps.ts";

type Rows = (string | number | undefined)[][];
async function book(sheets: Record<string, Rows>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => r.forEach((v, j) => { if (v !== undefined) ws.getRow(i + 1).getCell(j + 1).value = v; }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const base = (): Record<string, Rows> => ({
  Case: [["field", "value"], ["id", "s"], ["title", "Stappen"], ["priceYear", 2024], ["startYear", 2025], ["horizon", 2], ["discountRate", 0]],
  Partners: [["id", "name", "kind", "inhabitants"], ["gemeente", "Gemeente", "municipality", 3000], ["zv", "Zorgverzekeraar", "insurer", 1000], ["inv", "Investeerder", "investor"]],
  Domains: [["id", "name", "funder"], ["wmo", "Wmo", "gemeente"], ["zvw", "Zvw", "zv"]],
  Investments: [["id", "label", "bearer", "domain", "amount"], ["team", "Team", "gemeente", "wmo", 1000]],
  Effects: [["id", "label", "domain", "quantity", "unitPrice"], ["seh", "SEH", "zvw", 10, 300]],
  Regelingen: [["id", "name"], ["delen", "Delen"]],
});

describe("the Steps sheet", () => {
  it.each([
    ["en", "Steps", ["arrangement", "type"], ["from", "to", "rate", "basis", "threshold.amount", "cap", "cap.perYear", "cap.total", "payer", "payer.key", "recipient", "lag", "gate.indicator", "surplus.action", "deficit.riskBearer", "investor", "target"], ["decision-rules", "pot", "shared-savings", "provider-transition", "pre-financing", "outcome-payments", "settlement"]],
    ["nl", "Stappen", ["regeling", "type"], ["van", "tot", "grondslag", "drempel.bedrag", "plafond", "plafond.perJaar", "plafond.totaal", "betaalpartij", "betaalpartij.sleutel", "ontvanger", "vertraging", "poort.indicator", "overschot.actie", "tekort.risicodrager", "investeerder", "doel"], ["afwegingskader", "pot", "gedeelde-besparingen", "transitievergoeding", "voorfinanciering", "resultaatbetalingen", "verevening"]],
  ] as const)("is in the %s template (sheet %s): the arrangement, a drop-down of every step type, and each field in its own column", async (lang, sheet, first, columns, types) => {
    const wb = await loadWorkbook(await templateWorkbook(lang));
    const ws = wb.getWorksheet(sheet)!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 2)).toEqual(first);
    for (const c of columns) expect(header).toContain(c);
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    const typeColumn = String.fromCharCode(65 + header.indexOf("type"));
    const list = Object.entries(dv).find(([range]) => range.startsWith(`${typeColumn}2`))![1].formulae[0]!;
    for (const t of types) expect(list).toContain(t);
  });
  it("reads a Dutch Stappen sheet: Dutch headers and step types, keys as short text", async () => {
    const rows: Rows = [["regeling", "type", "betaalpartij.sleutel", "ontvanger", "resultaten", "vertraging", "plafond.perJaar"], ["delen", "resultaatbetalingen", "gemeente: 3, zv: 1", "inv", "[{effect: seh, price: 20}]", 1, 150]];
    const r = await importWorkbook(await book({ ...base(), Stappen: rows }), { lang: "nl" });
    if (!r.ok) throw new Error(r.issues.map((i) => formatSheetIssue(i)).join("\n"));
    expect((r.data.arrangements as { steps: unknown[] }[])[0]!.steps).toEqual([
      { type: "outcome-payments", payer: { key: { type: "fixed", shares: { gemeente: 3, zv: 1 } } }, recipient: "inv", outcomes: [{ effect: "seh", price: 20 }], lag: 1, cap: { perYear: 150 } },
    ]);
  });
  it("fills an arrangement with its rows, in order, keys from short text, and the case evaluates", async () => {
    const rows: Rows = [
      ["arrangement", "type", "from", "to", "rate", "threshold.amount", "cap", "investor", "payer.key", "recipient", "outcomes", "lag", "cap.perYear"],
      ["delen", "shared-savings", "zv", "gemeente", 0.5, 1000, 800],
      ["delen", "pre-financing", undefined, undefined, undefined, undefined, undefined, "inv"],
      ["delen", "outcome-payments", undefined, undefined, undefined, undefined, undefined, undefined, "gemeente: 3, zv: 1", "inv", "[{effect: seh, price: 20}]", 1, 150],
    ];
    const r = await importWorkbook(await book({ ...base(), Steps: rows }), { lang: "en" });
    if (!r.ok) throw new Error(r.issues.map((i) => formatSheetIssue(i)).join("\n"));
    const steps = (r.data.arrangements as { steps: unknown[] }[])[0]!.steps;
    expect(steps).toEqual([
      { type: "shared-savings", from: "zv", to: "gemeente", rate: 0.5, threshold: { amount: 1000 }, cap: 800 },
      { type: "pre-financing", investor: "inv" },
      { type: "outcome-payments", payer: { key: { type: "fixed", shares: { gemeente: 3, zv: 1 } } }, recipient: "inv", outcomes: [{ effect: "seh", price: 20 }], lag: 1, cap: { perYear: 150 } },
    ]);
    const a = evaluateModel(r.model).arrangements.find((x) => x.id === "delen")!;
    expect(a.steps[0]!.transfers.map((t) => t.amount)).toEqual([80_000, 80_000]);
    // 10 visits x EUR 20 = 200 a year, capped at 150, paid a year later: only 2026's payment falls in the horizon.
    expect(a.outcomePayments[0]!.years.map((y) => y.paid)).toEqual([15_000, 0]);
  });
  it("names a step's problems at its cell: an unknown arrangement, and an invalid rate", async () => {
    const rows: Rows = [["arrangement", "type", "from", "to", "rate"], ["delen", "shared-savings", "zv", "gemeente", 1.5], ["deln", "shared-savings", "zv", "gemeente", 0.5]];
    const r = await importWorkbook(await book({ ...base(), Steps: rows }), { lang: "en" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => formatSheetIssue(i))).toEqual([
      'Steps!A3 (arrangement): unknown arrangement "deln" (known: delen)',
      "Steps!E2 (rate): must be between 0 and 1",
    ]);
  });
  it("refuses steps both in the Arrangements sheet's steps column and on the Steps sheet", async () => {
    const sheets = base();
    sheets.Regelingen = [["id", "name", "steps"], ["delen", "Delen", '[{"type": "settlement", "target": "no-worse-off"}]']];
    const r = await importWorkbook(await book({ ...sheets, Stappen: [["arrangement", "type", "target"], ["delen", "settlement", "equal-roi"]] }), { lang: "en" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => formatSheetIssue(i))).toEqual(['Stappen!A2 (arrangement): arrangement "delen" already has steps in the steps column of the Regelingen sheet: give them in one place']);
  });
  it("writes keys as short text where they have one and reads them back", () => {
    for (const k of [{ type: "inhabitants" }, { type: "benefit" }, { type: "fixed", shares: { a: 1, "b-2": 0.25 } }] as const) expect(parseKeyText(keyText(k)!)).toEqual(k);
    expect(keyText({ type: "fixed", shares: { a: "x * 2" } })).toBeUndefined();
    expect(keyText({ type: "benefit", partners: ["a"] })).toBeUndefined();
    expect(parseKeyText("a: 1, a: 2")).toBeUndefined();
  });
});
