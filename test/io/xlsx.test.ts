/**
 * Workbooks: a hand-made workbook imports; a broken one names the sheet, cell and column of
 * every problem; the template has the schema's columns, explanations and drop-down lists; the
 * results workbook has euro formats. Workbooks are built here with exceljs, as an analyst's
 * Excel would write them.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import YAML from "yaml";
import { evaluateModel } from "../../engine/index.ts";
import { decodeCell, encodeCell, flattenElement, flattenEntry } from "../../io/workbook/flatten.ts";
import { caseWorkbook, formatSheetIssue, importWorkbook, loadWorkbook, resultsWorkbook, templateWorkbook, type SheetIssue } from "../../io/workbook/xlsx.ts";
import { caseSchema, schemaAt } from "../../io/workbook/schemaShape.ts";
import { model } from "../helpers.ts";

type Rows = (string | number | boolean | null | undefined | Date | { formula: string; result?: unknown })[][];

/** A workbook from sheets of rows (row 1 is the header). */
async function book(sheets: Record<string, Rows>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => r.forEach((v, j) => { if (v !== undefined) ws.getRow(i + 1).getCell(j + 1).value = v as ExcelJS.CellValue; }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The minimal example, by hand, as an analyst would type it. */
const minimal = (): Record<string, Rows> => ({
  Case: [["field", "value"], ["id", "minimal"], ["title", "Wijkteam"], ["priceYear", 2024], ["startYear", 2025], ["horizon", 5]],
  Partners: [["id", "name", "kind"], ["gemeente", "Gemeente", "municipality"], ["verzekeraar", "Zorgverzekeraar", "insurer"]],
  Domeinen: [["id", "name", "funder"], ["wmo", "Wmo 2015", "gemeente"], ["zvw", "Zorgverzekeringswet", "verzekeraar"]],
  Parameters: [["id", "value", "unit", "assumption"], ["clients", 200, "person", true], ["visitsAvoided", 0.5, "visit/person", "ja"], ["sehPrice", 281]],
  Investments: [["id", "label", "bearer", "domain", "amount"], ["team", "Wijkteam (2 fte)", "gemeente", "wmo", 150000]],
  Effects: [["id", "label", "domain", "quantity", "unitPrice", "rampUpYears", "attribution"], ["seh", "Minder SEH-bezoeken", "zvw", "clients * visitsAvoided", "sehPrice", 2, 0.8]],
  Notities: [["anything"], ["the import skips sheets it does not know"]],
});

const where = (issues: SheetIssue[]) => issues.map((i) => formatSheetIssue(i));

describe("importing a workbook", () => {
  it("a hand-made workbook (Dutch sheet name, yes/no as text, blank rows) becomes the case", async () => {
    const sheets = minimal();
    sheets.Effects!.splice(1, 0, []); // a blank row between header and data
    const r = await importWorkbook(await book(sheets), { lang: "en" });
    expect(r.ok ? [] : where(r.issues)).toEqual([]);
    if (!r.ok) return;
    expect(r.data.parameters).toEqual({ clients: { value: 200, unit: "person", assumption: true }, visitsAvoided: { value: 0.5, unit: "visit/person", assumption: true }, sehPrice: 281 });
    expect(r.data.effects).toEqual([{ id: "seh", label: "Minder SEH-bezoeken", domain: "zvw", quantity: "clients * visitsAvoided", unitPrice: "sehPrice", rampUpYears: 2, attribution: 0.8 }]);
    expect(evaluateModel(r.model).society.npv).toBeTypeOf("number");
  });

  it("a broken workbook names the sheet, cell and column of every problem", async () => {
    const s = minimal();
    s.Case!.push(["horizn", 5]);                                       // unknown field
    s.Partners![2]![2] = "insurance";                                   // not a kind
    s.Parameters![2]![1] = "[0.5, ";                                    // broken JSON
    s.Investments![1]![2] = "gemeent";                                  // unknown partner
    s.Investments![0]!.push("schedule.typ");                            // unknown column
    s.Effects![1]![6] = 7;                                              // attribution out of range
    s.Effects![0]!.push("period.from");
    s.Effects![1]!.push(new Date(Date.UTC(2026, 0, 1)));                // a date
    s.Effects!.push(["seh", "Dubbel", "zvw", 1, 1, 0, 1]);             // duplicate id, row 3
    const r = await importWorkbook(await book(s), { lang: "en" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Problems of cells come first (in sheet order), then the engine's, mapped to their cells.
    expect(where(r.issues)).toEqual(expect.arrayContaining([
      'Case!A7 (horizn): unknown field "horizn" (did you mean "horizon"?)',
      "Parameters!B3 (value): not valid JSON or YAML (Flow sequence must end with a ]); start with ' for plain text",
      'Investments!F1 (schedule.typ): unknown column "schedule.typ" (did you mean "schedule.type"?)',
      "Effects!H2 (period.from): a date (2026-01-01) is not allowed here; give a year as a number (2026) or text",
      'Partners!C3 (kind): "insurance" is not a valid choice; choose one of: municipality, insurer, care-office, provider, housing-association, employment-agency, police-justice, resident, investor, other',
      "Effects!G2 (attribution): must be between 0 and 1",
    ]));
    expect(where(r.issues).slice(0, 5)).toEqual([
      'Case!A7 (horizn): unknown field "horizn" (did you mean "horizon"?)',
      'Partners!C3 (kind): "insurance" is not a valid choice; choose one of: municipality, insurer, care-office, provider, housing-association, employment-agency, police-justice, resident, investor, other',
      "Parameters!B3 (value): not valid JSON or YAML (Flow sequence must end with a ]); start with ' for plain text",
      'Investments!F1 (schedule.typ): unknown column "schedule.typ" (did you mean "schedule.type"?)',
      "Effects!H2 (period.from): a date (2026-01-01) is not allowed here; give a year as a number (2026) or text",
    ]);
    // In Dutch the choices are listed as the drop-down shows them.
    const nl = await importWorkbook(await book(s), { lang: "nl" });
    expect(!nl.ok && where(nl.issues).find((x) => x.startsWith("Partners!C3"))).toMatch(/"insurance" is geen geldige keuze; kies uit: gemeente, zorgverzekeraar, /);
    // Every problem names a sheet and a cell; none is reported twice.
    for (const i of r.issues) expect(i.cell).toMatch(/^[A-Z]+\d+$/);
    expect(new Set(where(r.issues)).size).toBe(r.issues.length);
    // Once the schema problems are fixed, the checks that need a well-formed case name their cells too.
    const t = minimal();
    t.Investments![1]![2] = "gemeent";
    t.Effects!.push(["seh", "Dubbel", "zvw", 1, 1, 0, 1]);
    t.Effects![1]![4] = "sehPrise";
    const r2 = await importWorkbook(await book(t), { lang: "en" });
    expect(r2.ok ? [] : where(r2.issues)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Effects!A3 \(id\): .*"seh"/),
      'Investments!C2 (bearer): unknown partner "gemeent" (did you mean "gemeente"?)',
      expect.stringMatching(/^Effects!E2 \(unitPrice\): .*"sehPrise".*"sehPrice"/),
    ]));
    expect(r2.ok ? 0 : r2.issues.length).toBe(3);
  });

  it("a problem inside a JSON cell names the cell and the path inside it; a missing value names its empty cell", async () => {
    const s = minimal();
    s.Arrangements = [["id", "name", "steps"], ["deal", "Deal", '[{"type": "shared-savings", "from": "verzekeraar", "to": "gemeent", "rate": 0.5}]']];
    s.Effects![1]![1] = null; // the label cell left empty
    const r = await importWorkbook(await book(s), { lang: "en" });
    expect(r.ok ? [] : where(r.issues)).toEqual(expect.arrayContaining([expect.stringMatching(/^Effects!B2 \(label\): /)]));
    s.Effects![1]![1] = "Label";
    const r2 = await importWorkbook(await book(s), { lang: "en" });
    expect(r2.ok ? [] : where(r2.issues)).toEqual(['Arrangements!C2 (steps[0].to): unknown partner "gemeent" (did you mean "gemeente"?)']);
  });

  it("conflicting cells, a missing id, a value without a header and a misspelt sheet are named", async () => {
    const s = minimal();
    s.Effects![0]!.push("production", "production.variableCostShare");
    s.Effects![1]!.push(true, 0.3);
    s.Parameters!.push([null, 5]);
    s.Investments![1]![7] = "stray";
    s.Effectss = [["id"]];
    const r = await importWorkbook(await book(s), { lang: "nl" });
    expect(r.ok ? [] : where(r.issues)).toEqual([
      "Parameters!A5 (id): id ontbreekt",
      "Investments!H2: waarde in een kolom zonder kop",
      "Effects!I2 (production.variableCostShare): botst met Effects!H2 (production): één veld krijgt twee waarden",
      'Effectss: onbekend tabblad "Effectss" (bedoelde u "Effects"?)',
    ]);
  });

  it("an Excel formula counts by its computed value; a file that is no workbook is one problem", async () => {
    const s = minimal();
    s.Investments![1]![4] = { formula: "100000*1.5", result: 150000 };
    const r = await importWorkbook(await book(s), { lang: "en" });
    expect(r.ok && (r.data.investments as { amount: number }[])[0]!.amount).toBe(150000);
    const bad = await importWorkbook(Buffer.from("not a zip"), { lang: "en" });
    expect(!bad.ok && bad.issues.map((i) => i.code)).toEqual(["notWorkbook"]);
  });
});

describe("the template", () => {
  it("in English: a sheet per list and map of the schema with its columns, explanations from the schema (Dutch first) and drop-down lists", async () => {
    const wb = await loadWorkbook(await templateWorkbook("en"));
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ["Case", "Partners", "Domains", "Parameters", "Investments", "Effects", "Arrangements", "Explanation"]) expect(names).toContain(n);
    const header = (n: string) => (wb.getWorksheet(n)!.getRow(1).values as unknown[]).slice(1);
    expect(header("Investments")).toEqual(expect.arrayContaining(["id", "label", "bearer", "category", "amount", "schedule.type", "schedule.year", "schedule.from", "schedule.to", "schedule.amounts", "indexation"]));
    expect(header("Effects")).toEqual(expect.arrayContaining(["period.from", "dropOff.rate", "production", "production.providers", "transfer.counterparty", "attribution"]));
    const eff = wb.getWorksheet("Effects")!;
    const attr = (header("Effects") as string[]).indexOf("attribution") + 1;
    const note = eff.getRow(1).getCell(attr).note;
    expect(typeof note === "string" ? note : JSON.stringify(note)).toMatch(/^Deel dat aan dit initiatief toe te schrijven is[\s\S]*Share due to this initiative/);
    const kind = (header("Partners") as string[]).indexOf("kind") + 1;
    const dv = wb.getWorksheet("Partners")!.getRow(2).getCell(kind).dataValidation;
    expect(dv?.type).toBe("list");
    expect(String(dv?.formulae?.[0])).toContain("municipality,insurer,care-office");
    expect(String(wb.getWorksheet("Investments")!.getRow(5).getCell((header("Investments") as string[]).indexOf("category") + 1).dataValidation?.formulae?.[0])).toBe('"capital,revenue,in-kind"');
    // The schedule drop-down offers every alternative of the schema's union.
    expect(String(wb.getWorksheet("Investments")!.getRow(3).getCell((header("Investments") as string[]).indexOf("schedule.type") + 1).dataValidation?.formulae?.[0])).toBe('"once,recurring,explicit"');
  });

  it("in Dutch (the default): Dutch sheet names, headers and choices, each header's comment naming the case file's key", async () => {
    const wb = await loadWorkbook(await templateWorkbook());
    const names = wb.worksheets.map((w) => w.name);
    for (const n of ["Casus", "Partners", "Domeinen", "Parameters", "Investeringen", "Effecten", "Regelingen", "Toelichting"]) expect(names).toContain(n);
    const header = (n: string) => (wb.getWorksheet(n)!.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header("Casus")).toEqual(["veld", "waarde", "toelichting"]);
    expect(header("Investeringen")).toEqual(expect.arrayContaining(["id", "omschrijving", "betaler", "categorie", "bedrag", "planning.type", "planning.jaar", "planning.van", "planning.tot", "planning.bedragen", "indexatie"]));
    expect(header("Effecten")).toEqual(expect.arrayContaining(["periode.van", "uitdoving.tempo", "productie", "attributie", "kasbaar"]));
    const fields = wb.getWorksheet("Casus")!.getColumn(1).values.slice(2);
    expect(fields).toEqual(expect.arrayContaining(["titel", "prijspeil", "startjaar", "looptijd", "discontovoet", "prijsindex.bron"]));
    const dv = (sheet: string, col: string) => String(wb.getWorksheet(sheet)!.getRow(2).getCell(header(sheet).indexOf(col) + 1).dataValidation?.formulae?.[0]);
    expect(dv("Partners", "soort")).toContain("gemeente,zorgverzekeraar,zorgkantoor,aanbieder");
    expect(dv("Investeringen", "planning.type")).toBe('"eenmalig,jaarlijks,per-jaar"');
    expect(dv("Investeringen", "categorie")).toBe('"kapitaal,exploitatie,in-natura"');
    const note = wb.getWorksheet("Investeringen")!.getRow(1).getCell(header("Investeringen").indexOf("planning.type") + 1).note;
    expect(typeof note === "string" ? note : JSON.stringify(note)).toContain("(schedule.type)");
  });

  it("a Dutch workbook imports to the case file's own keys and choices, and names its problems in Dutch columns", async () => {
    const data = YAML.parse(readFileSync("examples/rich.yaml", "utf8")) as Record<string, unknown>;
    const nl = await loadWorkbook(await caseWorkbook(data));
    const inv = nl.getWorksheet("Investeringen")!;
    const head = (inv.getRow(1).values as unknown[]).slice(1) as string[];
    expect(inv.getRow(2).getCell(head.indexOf("planning.type") + 1).value).toMatch(/^(eenmalig|jaarlijks|per-jaar)$/);
    const r = await importWorkbook(await caseWorkbook(data), { lang: "nl" });
    expect(r.ok && r.data).toStrictEqual(data);
    inv.getRow(2).getCell(head.indexOf("betaler") + 1).value = "gemeent";
    inv.getRow(2).getCell(head.indexOf("planning.type") + 1).value = "wekelijks";
    const bad = await importWorkbook(Buffer.from(await nl.xlsx.writeBuffer()), { lang: "nl" });
    const col = (name: string) => String.fromCharCode(65 + head.indexOf(name));
    expect(!bad.ok && where(bad.issues)).toEqual(expect.arrayContaining([`Investeringen!${col("planning.type")}2 (planning.type): \"wekelijks\" is geen geldige keuze; kies uit: eenmalig, jaarlijks, per-jaar`]));
  });

  it("the committed examples/template.xlsx is the one bcase export-template makes (same sheets, columns and validations)", async () => {
    const committed = await loadWorkbook(readFileSync("examples/template.xlsx"));
    const fresh = await loadWorkbook(await templateWorkbook());
    const shape = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => ({ name: w.name, rows: w.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : r)), kinds: (w.getRow(2).values as unknown[]).length }));
    // When the case schema gains a field, regenerate: npx bcase export-template -o examples/template.xlsx
    expect(shape(committed), "examples/template.xlsx is out of date: run npx bcase export-template -o examples/template.xlsx").toEqual(shape(fresh));
  });

  it("the empty template imports with every missing field named at its cell", async () => {
    const r = await importWorkbook(await templateWorkbook(), { lang: "en" });
    expect(!r.ok && where(r.issues)).toEqual([
      "Casus!B2 (id): is missing: give text", "Casus!B3 (titel): is missing: give text", expect.stringMatching(/^Casus!B6 \(prijspeil\): is missing/),
      expect.stringMatching(/^Casus!B7 \(startjaar\): /), expect.stringMatching(/^Casus!B8 \(looptijd\): /), expect.stringMatching(/^Partners: /), expect.stringMatching(/^Domeinen: /),
    ]);
  });
});

describe("the results workbook", () => {
  it("has the result sheets with euro formats, and the case sheets", async () => {
    const data = YAML.parse(readFileSync("examples/rich.yaml", "utf8")) as Record<string, unknown>;
    const ev = evaluateModel(model(data));
    const wb = await loadWorkbook(await resultsWorkbook(data, ev, "nl"));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 6)).toEqual(["Samenvatting", "Per jaar", "Grootboek", "Overdrachten", "Pot per jaar", "Wrong pocket"]);
    expect(names).toContain("Effecten");
    const sum = wb.getWorksheet("Samenvatting")!;
    const head = (sum.getRow(1).values as unknown[]).slice(1);
    const npv = head.indexOf("NCW") + 1;
    expect(sum.getColumn(npv).numFmt).toBe('"€ "#,##0.00;[Red]-"€ "#,##0.00');
    const society = ev.arrangements[0]!.society.npv / 100;
    const row = sum.getSheetValues().find((r) => Array.isArray(r) && r[3] === "society") as unknown[];
    // A SUMIFS formula over the ledger, stored with the engine's figure.
    expect(row[npv]).toMatchObject({ formula: expect.stringContaining("SUMIFS(Grootboek!$I$2:$I$"), result: society });
    const en = await loadWorkbook(await resultsWorkbook(data, ev, "en"));
    expect(en.worksheets[0]!.name).toBe("Summary");
  });
});

describe("cells", () => {
  it("keep their type: text that looks like a number, JSON or an escape is escaped once; lists are JSON", () => {
    const cases: [unknown, unknown][] = [["0.5", "0.5"], [0.5, 0.5], ["", "'"], ["'a", "''a"], ["[x]", "'[x]"], ["{", "'{"], [true, true], [null, null], [[1, "a"], '[1,"a"]'], [{ "2025": 1 }, '{"2025":1}']];
    for (const [v, cell] of cases) {
      expect(encodeCell(v)).toBe(cell);
      expect(decodeCell(encodeCell(v))).toEqual({ ok: true, value: v });
    }
    expect(decodeCell("[zh, {partner: ggz, share: 2}]")).toEqual({ ok: true, value: ["zh", { partner: "ggz", share: 2 }] });
    expect(decodeCell("[zh").ok).toBe(false);
  });
  it("small objects spread over dot paths, large ones and maps stay in one cell, bare parameters use the value column", () => {
    // The shapes of one investment, effect and parameter, read from the case's JSON Schema.
    const Investment = schemaAt(caseSchema(), ["investments", 0]), Effect = schemaAt(caseSchema(), ["effects", 0]), Parameter = schemaAt(caseSchema(), ["parameters", "p"]);
    expect([...flattenElement({ id: "i", schedule: { type: "explicit", amounts: { "2025": 1 } } }, Investment as never)]).toEqual([["id", "i"], ["schedule.type", "explicit"], ["schedule.amounts", '{"2025":1}']]);
    expect([...flattenElement({ id: "e", period: {} }, Effect as never)]).toEqual([["id", "e"], ["period", "{}"]]);
    expect([...flattenEntry(5, Parameter as never)]).toEqual([["value", 5]]);
    expect([...flattenEntry({ value: 5 }, Parameter as never)]).toEqual([["*", '{"value":5}']]);
    expect([...flattenElement("CBS 2024", undefined)]).toEqual([["*", "CBS 2024"]]);
  });
});

describe("texts in both languages", () => {
  it("travel in one cell each ({nl, en} as JSON), next to plain texts, and come back as they were", async () => {
    const data = YAML.parse(readFileSync("examples/minimal.yaml", "utf8")) as Record<string, any>;
    data.title = { nl: "Wijkteam", en: "District team" };
    data.partners[0].name = { nl: "Gemeente", en: "Municipality" };
    data.investments[0].label = { nl: "Wijkteam (2 fte)", en: "District team (2 FTE)" };
    data.investments[0].note = "{ begint met een accolade";
    data.sources = [{ nl: "Kostenhandleiding 2024", en: "Costing manual 2024" }, "CBS StatLine"];
    const buf = await caseWorkbook(data);
    const r = await importWorkbook(buf, { lang: "en" });
    expect(r.ok ? [] : where(r.issues)).toEqual([]);
    expect(r.ok && r.data).toStrictEqual(data);
    // One label column (not label.nl and label.en), the bilingual text as JSON in it.
    const wb = await loadWorkbook(buf);
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(header("Investeringen").filter((h) => String(h).startsWith("omschrijving"))).toEqual(["omschrijving"]);
    expect(header("Bronnen")).toEqual(["*"]);
    const inv = wb.getWorksheet("Investeringen")!;
    expect(JSON.parse(String(inv.getRow(2).getCell(header("Investeringen").indexOf("omschrijving") + 1).value))).toEqual(data.investments[0].label);
    // The imported case runs in either language.
    expect(r.ok && r.model.case.investments[0]!.label).toBe("District team (2 FTE)");
  });
});

describe("round trips of the bundled examples", () => {
  for (const f of ["minimal", "rich", "regional", "ruwaard"]) {
    it(`${f}.yaml -> workbook -> case is the identity`, async () => {
      const data = YAML.parse(readFileSync(`examples/${f}.yaml`, "utf8")) as Record<string, unknown>;
      const r = await importWorkbook(await caseWorkbook(data), { lang: "en" });
      expect(r.ok ? [] : where(r.issues)).toEqual([]);
      expect(r.ok && r.data).toStrictEqual(data);
    });
  }
});
