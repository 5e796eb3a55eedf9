/** The standalone report: content, self-containment, escaping of case text, Dutch and English. */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { evaluateModel, formatEuro, formatNumber, validateCase } from "../../engine/index.ts";
import { renderReport } from "../../io/report/report.ts";
import { arbCaseWithArrangements } from "../arbitraries.ts";
import { model } from "../helpers.ts";

const rich = () => YAML.parse(readFileSync("examples/rich.yaml", "utf8")) as Record<string, unknown>;

describe("report", () => {
  it("Markdown: title, per-partner table in Dutch numbers, wrong pocket, every arrangement with its explanation and pot, assumptions, sources", async () => {
    const ev = evaluateModel(model(rich(), "nl"));
    const md = await renderReport(ev, { format: "md", lang: "nl" });
    expect(md.startsWith(`# ${ev.case.title}\n`)).toBe(true);
    expect(md).toContain("## Resultaat per partner (status quo)");
    expect(md).toMatch(/\| Zorgverzekeraar \| EUR [\d.]+ \|/);
    expect(md).toContain("## Wie betaalt voor wie (wrong pocket)");
    for (const a of ev.arrangements) {
      expect(md).toContain(`### ${a.name}`);
      for (const line of a.explanation.nl) expect(md).toContain(`- ${line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}`);
    }
    expect(md).toContain("| Jaar | Inleg | Uitgaven |");
    expect(md).toContain("## Aannames");
    expect(md).toMatch(/\| parameter \| targetGroup \| .* \| 700 persoon \|/);
    expect(md).toContain("## Bronnen");
    expect(md).toContain("- Werkgroep discontovoet (2020)");
    expect(md).not.toContain("<svg");
  });

  it("HTML is one self-contained file: SVG charts inline, no script, no external asset", async () => {
    const html = await renderReport(evaluateModel(model(rich(), "nl")), { format: "html", lang: "nl" });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="nl">');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    // The only URLs are XML namespaces of the inline SVG.
    for (const m of html.match(/https?:\/\/[^\s"'<>)]+/g) ?? []) expect(m).toMatch(/^http:\/\/www\.w3\.org\//);
    expect(html).toContain("EUR -1.696.976");
    expect(html).toMatch(/>1,0 mln</);
  });

  it("text from the case is escaped in HTML and Markdown", async () => {
    const c = rich();
    const evil = `<script>alert("x")</script> & <b>Co</b>`;
    (c.partners as { name: string }[])[0]!.name = evil;
    c.title = `Titel <img src=x onerror=alert(1)>`;
    c.description = "a | b\n<i>c</i>";
    const ev = evaluateModel(model(c));
    const html = await renderReport(ev, { format: "html" });
    expect(html).not.toMatch(/<script|<img|<b>Co|<i>c/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;");
    expect(html).toContain("<title>Businesscase: Titel &lt;img src=x onerror=alert(1)&gt;</title>");
    const md = await renderReport(ev, { format: "md" });
    expect(md).not.toMatch(/<script|<img|<b>|<i>/);
    expect(md).toContain("&lt;script&gt;");
  });

  it("--lang en gives English headings and numbers", async () => {
    const ev = evaluateModel(model(rich()));
    const md = await renderReport(ev, { format: "md", lang: "en" });
    expect(md).toContain("## Result per partner (status quo)");
    // The case's texts in English too (rich.yaml gives them in both languages).
    expect(md).toMatch(/\| Health insurer \| EUR [\d,]+ \|/);
    expect(md).toContain(`# Integrated care for older people in the district`);
    expect(md).toContain("EUR -1,696,976");
    for (const line of ev.arrangements[1]!.explanation.en) expect(md).toContain(line.slice(0, 30));
    const html = await renderReport(ev, { format: "html", lang: "en" });
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/>1\.0 m</);
  });
});

describe("report on random cases", () => {
  test.prop([arbCaseWithArrangements], { numRuns: 12 })("renders as Markdown and HTML for any valid case, naming every partner and arrangement", async (c) => {
    const v = validateCase(c, { lang: "en" });
    fc.pre(v.ok);
    if (!v.ok) return;
    const ev = evaluateModel(v.model);
    const md = await renderReport(ev, { format: "md", lang: "en" });
    const html = await renderReport(ev, { format: "html", lang: "nl" });
    for (const p of ev.partners) { expect(md).toContain(p.name); expect(html).toContain(p.name); }
    for (const a of ev.arrangements.filter((x) => !x.implicit)) expect(md).toContain(`### ${a.name}`);
    expect(html).not.toMatch(/NaN|Infinity|undefined/);
    expect(md).not.toMatch(/NaN|Infinity|undefined/);
  });
});

describe("report with monitoring", () => {
  it("shows plan versus actual, the true-up and the indicators when the case has actuals", async () => {
    const { readFileSync } = await import("node:fs");
    const { loadCase, evaluateModel, evaluateMonitoring } = await import("../../engine/index.ts");
    const { renderReport } = await import("../../io/report/report.ts");
    const v = loadCase(readFileSync("examples/rich.yaml", "utf8"), "yaml");
    if (!v.ok) throw new Error("invalid");
    const ev = evaluateModel(v.model);
    const md = await renderReport(ev, { format: "md", lang: "nl", monitoring: evaluateMonitoring(v.model, ev) });
    expect(md).toContain("## Plan en werkelijkheid");
    expect(md).toContain("Afrekening per regeling");
    expect(md).toContain("niet op koers");
  });
});

describe("the report as PDF (headless Chromium, A4)", () => {
  it("holds every column of the main table and of the pot table, with the society row's every figure, on A4 pages", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { renderReportPdf } = await import("../../io/report/report.ts");
    const ev = evaluateModel(model(rich(), "nl"));
    const r = await renderReportPdf(ev, { lang: "nl" });
    if (!r.ok) throw new Error(r.message);
    const file = join(mkdtempSync(join(tmpdir(), "bcase-pdf-")), "rich.pdf");
    writeFileSync(file, r.pdf);
    expect(execFileSync("pdfinfo", [file], { encoding: "utf8" })).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    // Header cells may wrap inside their cell, but never break inside a word, and none is cut off.
    const words = text.split(/\s+/);
    for (const h of ["Partner", "Kosten", "Besparingen", "Overdrachten", "(saldo)", "Netto", "NCW", "B/K", "Terugverdiend", "Inleg", "Uitgaven", "Overschot", "Tekort", "Risicodrager", "Zorgverzekeraar"]) expect(words, h).toContain(h);
    const s = ev.society;
    const societyLine = text.split("\n").find((l) => l.includes("Maatschappij") && l.includes(formatEuro(s.costs, "nl", 0)));
    expect(societyLine, "the society row of the main table").toBeDefined();
    for (const v of [formatEuro(s.costs, "nl", 0), formatEuro(s.savings, "nl", 0), formatEuro(s.net, "nl", 0), formatEuro(s.npv, "nl", 0), formatNumber(s.bcr!, 2, "nl")]) expect(societyLine).toContain(v);
    // No repository paths under Bronnen; units in Dutch.
    expect(text).not.toMatch(/shared\/data|unit-costs-nl\.csv/);
    expect(text).toContain("700 persoon");
  });

  it("without Chromium it says how to get it, in Dutch and English", async () => {
    const { htmlToPdf } = await import("../../io/report/pdf.ts");
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const nl = await htmlToPdf("<!DOCTYPE html><p>x</p>", "nl");
      expect(!nl.ok && nl.message).toMatch(/^PDF maken vraagt Chromium, maar \/nonexistent\/chromium bestaat niet\. Installeer het \(Debian\/Ubuntu: sudo apt-get install chromium\)/);
      const en = await htmlToPdf("<!DOCTYPE html><p>x</p>", "en");
      expect(!en.ok && en.message).toContain("CHROMIUM_PATH=/path/to/chromium");
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH; else process.env.CHROMIUM_PATH = saved;
    }
  });
});
