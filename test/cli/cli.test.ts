import { describe, expect, it, vi, afterEach } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { caseJsonSchema } from "../../engine/index.ts";
import { run } from "./cliRun.ts";


afterEach(() => vi.restoreAllMocks());

describe("bcase", () => {
  it("validate: exit 0 for a valid file", async () => {
    const r = await run(["validate", "examples/minimal.yaml"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("examples/minimal.yaml: geldig\n");
  });
  it("validate: exit 1 with every problem as file:line: path: message on stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bcase-"));
    const file = join(dir, "bad.yaml");
    writeFileSync(file, readFileSync("examples/minimal.yaml", "utf8").replace("bearer: gemeente", "bearer: gemeent").replace("rampUpYears: 2", "rampUpYears: 2\n    attribution: 7"));
    const r = await run(["--lang", "en", "validate", file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^${file}:\\d+: effects\\[0\\]\\.attribution: must be between 0 and 1\\n${file}:\\d+: investments\\[0\\]\\.bearer: unknown partner "gemeent"`));
    writeFileSync(file, readFileSync("examples/minimal.yaml", "utf8").replace("bearer: gemeente", "bearer: gemeent"));
    const r2 = await run(["--lang", "en", "validate", file]);
    expect(r2.err).toMatch(/bad\.yaml:\d+: investments\[0\]\.bearer: unknown partner "gemeent" \(did you mean "gemeente"\?\)/);
  });
  it("exit 1 for a missing file, 2 for a usage error", async () => {
    expect((await run(["evaluate", "does-not-exist.yaml"])).code).toBe(1);
    expect((await run(["evaluate", "examples/minimal.yaml", "--format", "xml"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
  });
  it("evaluate --format json follows the documented contract", async () => {
    const r = await run(["evaluate", "examples/minimal.yaml", "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.contract).toBe("bcase/evaluate@1");
    expect(Object.keys(j)).toEqual(["contract", "case", "partners", "society", "outcomes", "ledger", "wrongPocket", "cash", "arrangements", "provenance"]);
    for (const k of ["id", "name", "costs", "savings", "net", "npv", "bcr", "roi", "paybackYear", "irr"]) expect(j.partners[0]).toHaveProperty(k);
    const sum = j.partners.reduce((s: number, p: { npv: number }) => s + Math.round(p.npv * 100), 0);
    expect(sum).toBe(Math.round(j.society.npv * 100));
  });
  it("evaluate --format table prints Dutch numbers, csv plain numbers, md a table", async () => {
    const t = await run(["evaluate", "examples/minimal.yaml"]);
    expect(t.out).toContain("EUR -750.000");
    expect(t.out).toContain("Maatschappij (totaal)");
    // CSV in Dutch is Dutch Excel's (BOM, ';', decimal comma, CRLF); --csv-dialect rfc4180 for machines. Society reads as such.
    const c = await run(["evaluate", "examples/minimal.yaml", "--format", "csv"]);
    expect(c.out.split("\r\n")[0]).toBe("\uFEFFid;name;costs;savings;transfersIn;transfersOut;net;npv;bcr;roi;paybackYear;irr");
    expect(c.out).toContain("\r\ngemeente;Gemeente;750000,00;0,00;0,00;0,00;-750000,00;");
    expect(c.out).toContain("\r\nsociety;Maatschappij (totaal);");
    const r = await run(["--lang", "en", "evaluate", "examples/minimal.yaml", "--format", "csv"]);
    expect(r.out.split("\r\n")[0]).toBe("id,name,costs,savings,transfersIn,transfersOut,net,npv,bcr,roi,paybackYear,irr");
    expect(r.out).toContain("\r\ngemeente,Municipality,750000.00,0.00,0.00,0.00,-750000.00,");
    expect(r.out).toContain("\r\nsociety,Society (total),");
    const m = await run(["--lang", "en", "evaluate", "examples/minimal.yaml", "--format", "md"]);
    expect(m.out).toContain("| Partner | Costs |");
    expect(m.out).toContain("EUR -750,000");
  });
  it("schema: the committed schema/case.schema.json is the one generated from the zod schemas", async () => {
    const r = await run(["schema"]);
    expect(JSON.parse(r.out)).toEqual(caseJsonSchema());
    expect(JSON.parse(readFileSync("schema/case.schema.json", "utf8"))).toEqual(caseJsonSchema());
  });
});

describe("bcase compare and --arrangement", () => {
  it("compare prints net and NPV per partner under every arrangement", async () => {
    const r = await run(["compare", "examples/rich.yaml"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Gezamenlijke pot met risicodrager: NCW");
    const j = JSON.parse((await run(["compare", "examples/rich.yaml", "--format", "json"])).out);
    expect(j.contract).toBe("bcase/compare@1");
    const societies = j.arrangements.map((a: { society: { npv: number } }) => a.society.npv);
    expect(new Set(societies).size).toBe(1);
    const csv = (await run(["compare", "examples/rich.yaml", "--format", "csv", "--csv-dialect", "rfc4180"])).out;
    expect(csv.split("\r\n")[0]).toMatch(/^partner,name,status-quo\.net,status-quo\.npv,afwegingskader\.net/);
    expect(csv).toMatch(/\r\nsociety,Maatschappij \(totaal\),-?\d+\.\d\d,/);
  });
  it("--arrangement shows one arrangement with its explanation and pot, and names unknown ones", async () => {
    const r = await run(["evaluate", "examples/rich.yaml", "-a", "gezamenlijke-pot"]);
    expect(r.out).toContain('Gezamenlijke pot "Wijkbudget ouderen": de partners leggen');
    expect(r.out).toContain("Pot: Wijkbudget ouderen");
    const j = JSON.parse((await run(["evaluate", "examples/rich.yaml", "-a", "verevening", "-f", "json"])).out);
    expect(j.arrangements.map((a: { id: string }) => a.id)).toEqual(["verevening"]);
    const bad = await run(["evaluate", "examples/rich.yaml", "-a", "nope"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('onbekende regeling "nope"');
  });
});
