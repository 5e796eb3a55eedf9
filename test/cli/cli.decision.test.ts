/** `bcase voi`, `bcase negotiate`, `bcase compare A B ...` and the robustness part of `bcase simulate -a`. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run } from "./cliRun.ts";

const rich = "examples/rich.yaml", minimal = "examples/minimal.yaml", regional = "examples/regional.yaml";

describe("bcase voi", () => {
  test("a table per decision, ranked, in Dutch by default; groups; json, csv and md", async () => {
    const r = await run(["voi", rich, "-n", "1500", "-w", "1", "-a", "verevening", "-g", "effecten=hospitalDaysAvoided,nursingHoursAvoided"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Waarde van informatie - Integrale ouderenzorg/);
    expect(r.out).toMatch(/Gemeente: meedoen of niet \(verevening\)/);
    // Parameters by their label in the page's language, with the id a controller looks up.
    expect(r.out).toMatch(/Groep effecten \(Vermeden ligdagen per cliënt per jaar \(hospitalDaysAvoided\), Vermeden uren wijkverpleging per cliënt per jaar \(nursingHoursAvoided\)\)/);
    expect(r.out).toMatch(/^Vermeden ligdagen per cliënt per jaar \(hospitalDaysAvoided\) +EUR /m);
    const j = await run(["--lang", "en", "voi", rich, "-n", "1500", "-w", "1", "-a", "verevening", "-f", "json"]);
    const json = JSON.parse(j.out);
    expect(json.contract).toBe("bcase/voi@1");
    const go = json.decisions.find((d: { id: string }) => d.id === "go:gemeente");
    expect(go.evpi).toBeGreaterThan(0);
    expect(go.parameters[0].value).toBeLessThanOrEqual(go.evpi + 3 * go.evpiSe);
    expect(go.parameters.map((p: { value: number }) => p.value)).toEqual([...go.parameters.map((p: { value: number }) => p.value)].sort((a, b) => b - a));
    const c = await run(["voi", rich, "-n", "500", "-w", "1", "-f", "csv"]);
    expect(c.out.split("\r\n")[0]).toBe("\uFEFFdecision;kind;entity;perspective;best;evpi_eur;evpi_se_eur;name;parameters;evppi_eur;evppi_se_eur;method");
    const md = await run(["--lang", "en", "voi", rich, "-n", "500", "-w", "1", "-f", "md"]);
    expect(md.out).toMatch(/^# Value of information/);
    expect(md.out).toMatch(/\| Decision \| Best now \| P\(wrong\) \| EVPI \|/);
  });

  test("unknown group parameters, and a case without distributions, are input errors (exit 1)", async () => {
    const r = await run(["voi", rich, "-n", "200", "-w", "1", "-g", "x=hospitalDaysAvoided,nope"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/groep "x": "nope" is geen onzekere parameter/);
    const m = await run(["--lang", "en", "voi", minimal, "-n", "200"]);
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/no parameter has a distribution that varies/);
  });
});

describe("bcase negotiate", () => {
  test("the case's negotiation: the deal, re-evaluated, and the map", async () => {
    const r = await run(["--lang", "en", "negotiate", rich]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Negotiation What share/);
    // Partners by name in the reader's language, not by id.
    expect(r.out).toMatch(/Conditions: NPV >= EUR 0 \(Municipality, Health insurer, Long-term-care office \(Wlz\)\)/);
    expect(r.out).toMatch(/The current terms fail for: Municipality\./);
    expect(r.out).toMatch(/Re-evaluated: the case with this deal written in meets every condition\./);
    expect(r.out).toMatch(/Map, rows the first term/);
    const j = JSON.parse((await run(["negotiate", rich, "-f", "json"])).out);
    expect(j.contract).toBe("bcase/negotiate@1");
    expect(j.feasible).toBe(true);
    expect(j.verification.ok).toBe(true);
    for (const p of ["gemeente", "zorgverzekeraar", "zorgkantoor"]) expect(j.best.npv[p]).toBeGreaterThanOrEqual(0);
  });

  test("ad hoc from flags: one lever, a loss condition, csv; and who blocks when nothing works", async () => {
    const c = await run(["--csv-dialect", "rfc4180", "negotiate", rich, "-a", "gedeelde-besparingen", "-l", "steps[0].rate=0:1", "-c", "npv>=0@zorgverzekeraar", "-c", "loss<=0.5@zorgverzekeraar", "-n", "200", "--grid", "11", "-f", "csv"]);
    expect(c.code).toBe(0);
    const lines = c.out.trim().split("\r\n");
    expect(lines[0]).toMatch(/^point,steps\[0\]\.rate,feasible,failing,npv_eur_/);
    expect(lines[1]).toMatch(/^deal,/);
    const b = await run(["--lang", "en", "negotiate", rich, "-p", "gemeente,ziekenhuis", "--grid", "5"]);
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/No deal within the ranges meets every condition/);
    expect(b.out).toMatch(/Hospital: NPV >= EUR 0 is met nowhere/);
  });

  test("bad flags and a bad lever are input errors naming the problem", async () => {
    const r = await run(["--lang", "en", "negotiate", rich, "-a", "gedeelde-besparingen", "-l", "steps[9].rate=0:1"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/negotiations\.cli\.levers\[0\]\.path: "steps\[9\]\.rate" does not exist/);
    const f = await run(["negotiate", rich, "-l", "rate"]);
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/--lever: schrijf PAD=MIN:MAX/);
    const none = await run(["--lang", "en", "negotiate", minimal]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/the case has no negotiations/);
  });
});

describe("bcase compare with several files", () => {
  test("initiatives side by side; one file keeps comparing arrangements", async () => {
    const r = await run(["--lang", "en", "compare", rich, minimal, regional, "-n", "500"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 initiatives side by side/);
    expect(r.out).toMatch(/Total/);
    const one = await run(["compare", rich]);
    expect(one.code).toBe(0);
    expect(one.out).toMatch(/Netto en NCW per partner onder elke regeling/);
    const j = JSON.parse((await run(["compare", rich, minimal, "-n", "300", "-f", "json"])).out);
    expect(j.contract).toBe("bcase/portfolio@1");
    expect(j.cases.map((c: { label: string }) => c.label)).toEqual([rich, minimal]);
    const csv = (await run(["--csv-dialect", "rfc4180", "compare", rich, minimal, "-n", "300", "-f", "csv"])).out.split("\r\n");
    expect(csv[0]).toBe("case,file,price_year,entity,name,npv_eur,bcr,roi,payback_year,p_loss,npv_p5_eur,npv_p95_eur");
    const md = (await run(["compare", rich, minimal, "-n", "300", "-f", "md"])).out;
    expect(md).toMatch(/^# 2 initiatieven naast elkaar/);
  });

  test("an invalid file among several: every problem with its file, exit 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bcase-"));
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "id: x\ntitle: X\n");
    const r = await run(["compare", rich, bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(bad);
  });
});

describe("bcase simulate -a all", () => {
  test("each partner's risks per arrangement and whose decision flips by payer", async () => {
    const r = await run(["--lang", "en", "simulate", rich, "-n", "400", "-w", "1", "-a", "all"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Arrangements under uncertainty: per partner/);
    expect(r.out).toMatch(/P\(worse than status quo\)/);
    expect(r.out).toMatch(/The decision to take part flips with the arrangement for: Municipality/);
    const j = JSON.parse((await run(["simulate", rich, "-n", "300", "-w", "1", "-a", "all", "-f", "json"])).out);
    expect(j.robustness.flips).toContain("gemeente");
    expect(j.statusQuo.partners[0].samples).toBeUndefined();
  });
});
