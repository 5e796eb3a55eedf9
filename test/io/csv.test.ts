/**
 * The one CSV writer (io/csv.ts): both dialects read back by a real CSV parser (csv-parse), the
 * OWASP formula prefix, line breaks inside a cell, money on integers, non-finite numbers refused.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import { centsText, csvCell, csvText, money, type CsvDialect } from "../../io/csv.ts";

const read = (text: string, dialect: CsvDialect): string[][] =>
  parse(text, { delimiter: dialect === "excel-nl" ? ";" : ",", bom: true, record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: false }) as string[][];

describe("io/csv.ts", () => {
  it("excel-nl: BOM, ';', decimal comma, CRLF; rfc4180: ',', decimal point, no BOM, CRLF", () => {
    const rows = [["gemeente", money(188523868), 0.25, true, null]];
    const nl = csvText(["id", "amount", "share", "ok", "none"], rows, "excel-nl");
    expect(nl).toBe("\uFEFFid;amount;share;ok;none\r\ngemeente;1885238,68;0,25;true;\r\n");
    const en = csvText(["id", "amount", "share", "ok", "none"], rows, "rfc4180");
    expect(en).toBe("id,amount,share,ok,none\r\ngemeente,1885238.68,0.25,true,\r\n");
  });

  it("money is written from integer cents: negative amounts, amounts under a euro, and no float error", () => {
    expect(centsText(-123456)).toBe("-1234.56");
    expect(centsText(-5, ",")).toBe("-0,05");
    expect(centsText(1_000_000_000_001)).toBe("10000000000.01");
    expect(() => centsText(0.5)).toThrow(/whole number of cents/);
    expect(() => csvCell(Number.NaN, "rfc4180")).toThrow(/finite/);
    expect(() => csvCell(Number.POSITIVE_INFINITY, "excel-nl")).toThrow(/finite/);
  });

  it("text beginning with = + - @ tab or CR gets a leading ' and quotes (OWASP); numbers, even negative, stay numbers", () => {
    for (const bad of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      for (const d of ["excel-nl", "rfc4180"] as const) {
        const cell = csvCell(bad, d);
        expect(cell.startsWith(`"'`), `${JSON.stringify(bad)} in ${d}`).toBe(true);
        expect(read(`${cell}\r\n`, d)[0]![0]).toBe(`'${bad}`);
      }
    }
    expect(csvCell(-750000, "rfc4180")).toBe("-750000");
    expect(csvCell(money(-75000000), "excel-nl")).toBe("-750000,00");
    expect(csvCell("a=b", "rfc4180")).toBe("a=b");
  });

  test.prop([fc.array(fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("x\r\ny", "a;b", "a,b", "\"q\"", "\r", "\n", "=1")), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.constantFrom<CsvDialect>("excel-nl", "rfc4180")])(
    "any text reads back as written, one record per row (a CR or LF inside a cell never splits a record); formula-like text with its ' prefix",
    (rows, dialect) => {
      const text = csvText(["a", "b", "c"], rows, dialect);
      const back = read(text, dialect);
      expect(back).toHaveLength(rows.length + 1);
      back.slice(1).forEach((r, i) => r.forEach((cell, j) => {
        const s = rows[i]![j]!;
        expect(cell).toBe(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
      }));
    },
  );
});
