import { describe, expect, it } from "vitest";
import "./dom.ts";
import { provenanceNote } from "../../notebooks/lib/parts/provenance.ts";
import { evaluate } from "./data.ts";

describe("provenance note", () => {
  it("names the engine, the case hash, the rates and every reference price, and says when assumptions changed", () => {
    const ev = evaluate("examples/minimal.yaml");
    const el = provenanceNote(ev, { clients: 250 }, "nl");
    expect(el.getAttribute("data-provenance")).toBe(ev.provenance.case.hash);
    expect(el.textContent).toContain(`bcase ${ev.provenance.engine.version}`);
    expect(el.textContent).toContain("met 1 aangepaste aanname(s)");
    expect(el.textContent).toContain("sehPrice = SEH-bezoek, EUR 258,00 (2022) × 1,073 (Kostenhandleiding 2024)");
    expect(provenanceNote(ev, {}, "en").textContent).toContain("Reference prices: sehPrice = Emergency department visit");
  });
});
