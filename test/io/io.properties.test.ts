/**
 * Invariants of the spreadsheet round trip and the CSV ledger, one property per test, each
 * titled with the invariant it protects. The list lives in test/README.md.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { Case, evaluateModel, validateCase, type CaseInput } from "../../engine/index.ts";
import { caseWorkbook, importWorkbook, loadWorkbook, readCaseSheets, resultsWorkbook } from "../../io/workbook/xlsx.ts";
import { ledgerTable, tableToCsv } from "../../io/results.ts";
import type { CsvDialect } from "../../io/csv.ts";
import { arbCase, arbCaseWithArrangements } from "../arbitraries.ts";
import { clone } from "../helpers.ts";

// Writing and reading a workbook takes some 20-50 ms (zip and XML); 25 random cases per
// property keep the file at a few seconds.
const RUNS = { numRuns: 25 };

/** case -> workbook -> case as data, whether or not the case is valid; no cell may be unreadable. */
async function roundTrip(c: unknown): Promise<unknown> {
  const read = readCaseSheets(await loadWorkbook(await caseWorkbook(clone(c) as Record<string, unknown>)), "en");
  expect(read.issues).toEqual([]);
  return read.data;
}

/** Skips random cases the engine rejects as a whole (a settlement with nothing to share by). */
function validOrSkip(c: unknown) {
  const v = validateCase(c, { lang: "en" });
  if (!v.ok) {
    expect(v.issues.every((i) => ["settlementNoBasis", "weightsZero"].includes(i.code))).toBe(true);
    fc.pre(false);
  }
  return v;
}

describe("spreadsheet invariant 1: case -> workbook -> case is the identity", () => {
  test.prop([arbCase], RUNS)("import(export(case)) deep-equals the case, and parses to the same validated case", async (c) => {
    const back = await roundTrip(c);
    expect(back).toStrictEqual(clone(c));
    expect(Case.parse(back)).toStrictEqual(Case.parse(clone(c)));
  });
  test.prop([arbCaseWithArrangements], RUNS)("with financing arrangements (steps and keys in JSON cells), import(export(case)) deep-equals the case, valid or not", async (c) => {
    const back = await roundTrip(c);
    expect(back).toStrictEqual(clone(c));
    const a = validateCase(back, { lang: "en" }), b = validateCase(clone(c), { lang: "en" });
    expect(a.ok).toBe(b.ok);
    if (!a.ok && !b.ok) expect(a.issues).toEqual(b.issues);
  });
});

describe("spreadsheet invariant 2: the results workbook carries the case", () => {
  test.prop([arbCaseWithArrangements], { numRuns: 20 })("importing an exported results workbook gives the case back (result sheets are skipped)", async (c) => {
    const data = clone(c) as Record<string, unknown>;
    const v = validOrSkip(data);
    if (!v.ok) return;
    const buf = await resultsWorkbook(data, evaluateModel(v.model), "nl");
    const back = await importWorkbook(buf, { lang: "en" });
    expect(back.ok && back.data).toStrictEqual(data);
  });
});

/** Text an analyst could type: quotes, brackets, leading apostrophes and spaces, newlines, number-like and boolean-like text. */
const arbText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(..."ab 09.,'\"[]{}:#=-\nëé€") }),
  fc.constantFrom("0.5", "1e3", "-0", "true", "FALSE", "null", "#N/A", "=1+1", "'", "''x", "[x]", "{a: 1}", " lead", "trail ", "007"),
);

describe("spreadsheet invariant 3: cells keep their type", () => {
  test.prop([arbCase.filter((c) => (c.effects ?? []).length > 0 && (c.investments ?? []).length > 0), arbText, arbText, fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((v) => (v === 0 ? 0 : v))], RUNS)(
    "a text that looks like a number, a boolean, JSON or an escape stays that text; a number stays that number",
    async (c, text, other, num) => {
      const d = clone(c) as CaseInput & Record<string, unknown>;
      d.description = text;
      d.note = other;
      d.partners[0]!.name = text;
      const e = d.effects![0]!;
      (e as Record<string, unknown>).note = other;
      (e as Record<string, unknown>).source = "";
      d.investments![0]!.label = other;
      d.investments![0]!.amount = /^-?\d+(\.\d+)?$/.test(text) ? text : num;
      d.parameters = { ...(d.parameters ?? {}), asText: "0.5", asNumber: 0.5, asObject: { value: 0.5 }, asFormula: { value: "0.5", note: text } };
      // The edited case may be invalid (an amount that is no formula); the data must still come back exactly.
      expect(await roundTrip(d)).toStrictEqual(d);
    },
  );
});

describe("CSV ledger invariant: every row, exact to the cent, in both dialects", () => {
  test.prop([arbCaseWithArrangements, fc.constantFrom<CsvDialect>("rfc4180", "excel-nl")], { numRuns: 60 })("the CSV ledger parses (RFC 4180, or ';' with a BOM and decimal comma) to the status-quo rows and each arrangement's transfer rows, amounts in euros equal to the cents", (c, dialect) => {
    const v = validOrSkip(c);
    if (!v.ok) return;
    const ev = evaluateModel(v.model);
    const csv = tableToCsv(ledgerTable(ev), dialect);
    expect(csv.endsWith("\r\n")).toBe(true);
    const nl = dialect === "excel-nl";
    expect(csv.startsWith("\uFEFF")).toBe(nl);
    const lines = parseCsv(nl ? csv.slice(1) : csv, nl ? ";" : ",");
    const euros = (s: string) => Number(nl ? s.replace(",", ".") : s);
    expect(lines[0]).toEqual(["arrangement", "year", "partner", "domain", "line", "kind", "amount", "discounted", "cashable", "counterparty", "reason"]);
    const expected = [...ev.ledger.rows.map((r) => ({ a: "", r })), ...ev.arrangements.flatMap((a) => a.rows.map((r) => ({ a: a.id, r })))];
    expect(lines.length - 1).toBe(expected.length);
    expected.forEach(({ a, r }, i) => {
      const l = lines[i + 1]!;
      expect(l[0]).toBe(a);
      expect(Number(l[1])).toBe(r.year);
      expect(l[2]).toBe(r.partner);
      expect(l[6]).toMatch(nl ? /^-?\d+,\d\d$/ : /^-?\d+\.\d\d$/);
      expect(Math.round(euros(l[6]!) * 100)).toBe(r.amount);
      expect(Math.round(euros(l[7]!) * 100)).toBe(r.discounted);
      expect(l[9]).toBe(r.counterparty ?? "");
    });
  });
});

/** A strict RFC 4180 reader (with a choice of separator): quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string, separator = ","): string[][] {
  const out: string[][] = [];
  let row: string[] = [], field = "", i = 0, quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === "") { quoted = true; i++; continue; }
    if (ch === separator) { row.push(field); field = ""; i++; continue; }
    if (ch === "\r" && text[i + 1] === "\n") { row.push(field); out.push(row); row = []; field = ""; i += 2; continue; }
    if (ch === "\n" || ch === "\r" || ch === '"') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    field += ch; i++;
  }
  if (field !== "" || row.length > 0) throw new Error("last record without CRLF");
  return out;
}
