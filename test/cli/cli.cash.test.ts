/**
 * `bcase evaluate --cash` (issue 14 item 2) on the command line of cli/commands.ts: the cash view
 * after the table or the Markdown in the reader's language, as CSV in both dialects (io/csv.ts)
 * with the engine's own figures, and the provenance line under simulate and sensitivity tables.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { evaluateModel, loadCase } from "../../engine/index.ts";
import { run } from "./cliRun.ts";

const bond = "examples/impact-bond.yaml";
const model = () => {
  const v = loadCase(readFileSync(bond, "utf8"), "yaml", { lang: "nl" });
  if (!v.ok) throw new Error("impact-bond.yaml is not valid");
  return v.model;
};

describe("bcase evaluate --cash", () => {
  it("adds the cash table, the investors' return and the budget warnings in Dutch, and in English with --lang en", async () => {
    const nl = await run(["evaluate", bond, "-a", "impact-bond", "--cash"]);
    expect(nl.code).toBe(0);
    expect(nl.out).toContain("Kasstromen (niet verdisconteerd");
    expect(nl.out).toMatch(/Investeerders\s+EUR -500\.000\s+EUR -213\.000\s+EUR -350\.000\s+EUR 400\.000\s+EUR 500\.000\s+EUR 433\.000\s+EUR 270\.000\s+EUR 1\.063\.000 in 2025\s+EUR -713\.000/);
    expect(nl.out).toMatch(/Rendement investeerders\nPartner\s+Uitgegeven\s+Ontvangen\s+Veelvoud\s+IRR\s+Terugverdiend\nInvesteerders\s+EUR 1\.800\.000\s+EUR 2\.070\.000\s+1,15\s+7,4%\s+2028/);
    const en = await run(["--lang", "en", "evaluate", bond, "-a", "gemeenten-betalen", "--cash"]);
    expect(en.out).toContain("Cash (undiscounted; non-cashable savings left out)");
    expect(en.out).toContain("Warning: budget limit exceeded: Venlo pays out EUR 171,203 net in 2023, above its budget limit of EUR 150,000");
    // Without --cash the table has no cash view.
    expect((await run(["evaluate", bond, "-a", "impact-bond"])).out).not.toContain("Kasstromen");
  });

  it("as Markdown: the cash tables after the summary", async () => {
    const r = await run(["--lang", "en", "evaluate", bond, "-f", "md", "--cash"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("### Cash (undiscounted; non-cashable savings left out)");
    expect(r.out).toContain("| De Zorggroep (consortium) | EUR -500,000 | EUR -450,000 | EUR -350,000 | EUR -300,000 | EUR -200,000 | EUR 0 | EUR -1,800,000 | EUR 1,800,000 in 2027 | EUR -950,000 |");
  });

  it.each([["excel-nl", ";"], ["rfc4180", ","]] as const)("as CSV (%s): one row per partner and year with the engine's cents", async (dialect, delimiter) => {
    const r = await run(["evaluate", bond, "-a", "impact-bond", "--cash", "-f", "csv", "--csv-dialect", dialect]);
    expect(r.code).toBe(0);
    const rows = parse(r.out, { delimiter, bom: true, columns: true, record_delimiter: "\r\n" }) as Record<string, string>[];
    const cash = evaluateModel(model()).arrangements.find((a) => a.id === "impact-bond")!.cash;
    const cents = (s: string) => Math.round(Number(s.replace(",", ".")) * 100);
    expect(rows).toHaveLength(cash.partners.length * 6);
    for (const p of cash.partners) {
      const own = rows.filter((x) => x.entity === p.id);
      expect(own.map((x) => Number(x.year))).toEqual(p.yearly.map((y) => y.year));
      expect(own.map((x) => cents(x.cash!))).toEqual(p.yearly.map((y) => y.cash));
      expect(own.map((x) => cents(x.cumulative!))).toEqual(p.yearly.map((y) => y.cumulative));
      expect(cents(own[0]!.peakNeed!)).toBe(p.peakNeed);
      expect(cents(own[0]!.afterTwoYears!)).toBe(p.afterTwoYears);
    }
    expect(rows.find((x) => x.entity === "investeerders")!.peakYear).toBe("2025");
  });

  it("is in the help, in both languages", async () => {
    expect((await run(["evaluate", "--help"])).out).toContain("--cash");
    expect((await run(["evaluate", "--help"])).out).toContain("ook de kasstromen");
    expect((await run(["--lang", "en", "evaluate", "--help"])).out).toContain("the cash view too");
  });
});

describe("provenance under the uncertainty tables", () => {
  it("simulate names the engine, the case hash, the seed, the samples and the sampler; sensitivity says nothing is sampled", async () => {
    const sim = await run(["simulate", bond, "-n", "200", "-s", "7", "-w", "1"]);
    expect(sim.code).toBe(0);
    expect(sim.out).toMatch(/Herkomst: bcase \S+, case sha256:[0-9a-f]{12}\.\.\.; seed 7, 200 trekkingen, kolomkernel, verankerd op het exacte grootboek/);
    const sens = await run(["--lang", "en", "sensitivity", bond]);
    expect(sens.code).toBe(0);
    expect(sens.out).toMatch(/Provenance: bcase \S+, case sha256:[0-9a-f]{12}\.\.\.; no sampling \(exact ledgers\), P10\/P90/);
  });
});
