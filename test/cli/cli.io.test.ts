/** CLI tests of import, export, export-template and report (in-process, through main). */
import { describe, expect, it, vi, afterEach } from "vitest";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import YAML from "yaml";
import { run } from "./cliRun.ts";


afterEach(() => vi.restoreAllMocks());
const tmp = () => mkdtempSync(join(tmpdir(), "bcase-io-"));

describe("bcase export / import", () => {
  it("export --xlsx writes results and case; import gives the case file back, equal to the original", async () => {
    const dir = tmp();
    const book = join(dir, "rich.xlsx");
    const r = await run(["export", "examples/rich.yaml", "--xlsx", book]);
    expect(r.code).toBe(0);
    // Status lines go to stderr, never into stdout.
    expect(r.out).toBe("");
    expect(r.err).toBe(`${book}: geschreven\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Samenvatting", "Grootboek", "Overdrachten", "Pot per jaar", "Wrong pocket", "Casus", "Effecten"]));
    const back = await run(["import", book]);
    expect(back.code).toBe(0);
    expect(YAML.parse(back.out)).toStrictEqual(YAML.parse(readFileSync("examples/rich.yaml", "utf8")));
    const json = join(dir, "rich.json");
    expect((await run(["--lang", "en", "import", book, "-o", json])).err).toBe(`${json}: written\n`);
    expect(JSON.parse(readFileSync(json, "utf8"))).toStrictEqual(YAML.parse(readFileSync("examples/rich.yaml", "utf8")));
    // A workbook is a case file for the other commands too.
    const rep = await run(["report", book, "-f", "md"]);
    expect(rep.code).toBe(0);
    expect(rep.out).toContain("# Integrale ouderenzorg");
  });

  it("export --csv - --csv-dialect rfc4180 prints the full ledger (RFC 4180, euros with a decimal point)", async () => {
    const r = await run(["export", "examples/rich.yaml", "--csv", "-", "--csv-dialect", "rfc4180"]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\r\n");
    expect(lines[0]).toBe("arrangement,year,partner,domain,line,kind,amount,discounted,cashable,counterparty,reason");
    expect(lines[1]).toMatch(/^,2025,[^,]+,[^,]+,[^,]+,[a-z-]+,-?\d+\.\d\d,-?\d+\.\d\d,(true|false),/);
    expect(lines.some((l) => l.startsWith("gezamenlijke-pot,"))).toBe(true);
    expect(lines.at(-1)).toBe("");
  });

  it("export without --xlsx or --csv is a usage error (exit 2); a bad case file is exit 1", async () => {
    expect((await run(["export", "examples/rich.yaml"])).code).toBe(2);
    expect((await run(["export", "nope.yaml", "--csv", "-"])).code).toBe(1);
  });

  it("import of a broken workbook: exit 1, every problem as file: Sheet!Cell (column): message", async () => {
    const dir = tmp();
    const book = join(dir, "bad.xlsx");
    expect((await run(["--lang", "en", "export", "examples/minimal.yaml", "--xlsx", book])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(book);
    const eff = wb.getWorksheet("Effects")!;
    const head = (eff.getRow(1).values as unknown[]);
    eff.getRow(2).getCell(head.indexOf("attribution")).value = 7;
    const inv = wb.getWorksheet("Investments")!;
    inv.getRow(2).getCell((inv.getRow(1).values as unknown[]).indexOf("bearer")).value = "gemeent";
    await wb.xlsx.writeFile(book);
    const r = await run(["--lang", "en", "import", book]);
    expect(r.code).toBe(1);
    const col = (n: number) => String.fromCharCode(64 + n);
    expect(r.err).toContain(`${book}: Effects!${col(head.indexOf("attribution"))}2 (attribution): must be between 0 and 1\n`);
    expect(r.err).toContain(`${book}: Investments!C2 (bearer): unknown partner "gemeent" (did you mean "gemeente"?)\n`);
    expect(r.out).toBe("");
  });

  it("export-template writes the template; report -o writes a self-contained HTML file", async () => {
    const dir = tmp();
    const t = join(dir, "t.xlsx");
    expect((await run(["export-template", "-o", t])).code).toBe(0);
    expect(existsSync(t)).toBe(true);
    const html = join(dir, "r.html");
    const r = await run(["--lang", "en", "report", "examples/minimal.yaml", "-o", html]);
    expect(r.code).toBe(0);
    const text = readFileSync(html, "utf8");
    expect(text).toContain("<svg");
    expect(text).not.toContain("<script");
    expect((await run(["report", "examples/minimal.yaml", "-f", "pdf"])).code).toBe(2);
  });
});
