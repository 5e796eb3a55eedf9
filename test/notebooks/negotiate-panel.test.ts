/**
 * The negotiation panel of onderhandelen.html in jsdom: a share lever shown and typed in per
 * cent in the page's number format and read back exactly (the address keeps the fraction), the
 * negotiation named in words that wrap (text, or radio buttons when the case has more than one),
 * and the partners at the table chosen by the reader and sent to the solver. The solver's worker
 * is replaced by the engine itself in this thread, recording what the panel asks of it.
 */
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { fc, test as prop } from "@fast-check/vitest";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { window } from "./dom.ts";
import YAML from "yaml";
import { negotiate, prepareNegotiation, type NegotiationResult } from "../../engine/index.ts";
import { fieldText, leverScale, leverText, parseField } from "../../notebooks/lib/data/levers.ts";

const requests: { caseData: unknown; id: string | undefined }[] = [];
vi.mock("../../notebooks/lib/workers/decision.ts", async () => {
  const engine = await import("../../engine/index.ts");
  return {
    runVoi: () => Promise.reject(new Error("not in this test")),
    // The worker's work in this thread, on a coarse grid.
    runNegotiation: async (caseData: unknown, id: string | undefined, _overrides: unknown, lang: "nl" | "en") => {
      requests.push({ caseData, id });
      const p = engine.prepareNegotiation(caseData, id, lang, { grid: 5 });
      if (!p.ok) throw new Error(p.issues.map((i) => i.message).join("; "));
      return engine.negotiate(p.negotiation);
    },
  };
});

const { negotiationChoice, negotiationPanel, negotiationSummary, searchedFor, withChoice } = await import("../../notebooks/lib/pages/decision.ts");
const { partnerColors } = await import("../../notebooks/lib/charts/colors.ts");

// The address bar: a page at a real URL, so updateState writes into location.search.
const page = new JSDOM("<!DOCTYPE html><html><body></body></html>", { url: "http://localhost/onderhandelen.html" });
const g = globalThis as Record<string, unknown>;
g.location = page.window.location;
g.history = page.window.history;
const url = () => new URLSearchParams(page.window.location.search);

const richText = readFileSync(new URL("../../examples/rich.yaml", import.meta.url), "utf8");
const data = () => YAML.parse(richText) as { negotiations: Record<string, Record<string, unknown>>; partners: { id: string }[] };

type Panel = ReturnType<typeof negotiationPanel>;
const field = (p: Panel, name: string) => p.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
function type(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new window.Event("input", { bubbles: true }));
}
function key(input: HTMLInputElement, k: string): void {
  input.dispatchEvent(new window.KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
}
/** Runs the panel and waits for its result (or its failure, then null). */
async function run(p: Panel): Promise<NegotiationResult | null> {
  // Waits for the panel to say it has finished (data-running back to false), however long the machine takes.
  const finished = new Promise<void>((resolve) => {
    const watch = new window.MutationObserver(() => { if (p.dataset.running === "false") { watch.disconnect(); resolve(); } });
    watch.observe(p, { attributes: true, attributeFilter: ["data-running"] });
  });
  p.run();
  await finished;
  return p.value;
}

beforeEach(() => {
  requests.length = 0;
  page.window.history.replaceState(null, "", "/onderhandelen.html");
});

describe("a lever's scale and its field text", () => {
  it("shares (rates, shares, key weights within 0..1, ratio parameters) in per cent; amounts in EUR; the rest as they are", () => {
    expect(leverScale({ path: "steps[0].rate", min: 0, max: 1 })).toEqual({ kind: "share", unit: "%" });
    expect(leverScale({ path: "steps[0].threshold.share", min: 0.1, max: 0.5 }).kind).toBe("share");
    expect(leverScale({ path: "steps[0].compensation.shareOfLostMargin", min: 0, max: 1 }).kind).toBe("share");
    expect(leverScale({ path: "steps[0].contributions.key.parts[0].weight", min: 0, max: 1 }).kind).toBe("share");
    expect(leverScale({ path: "steps[0].contributions.key.shares.gemeente", min: 0.2, max: 0.8 }).kind).toBe("share");
    // A weight of 1 to 5 is a proportion (3:1), not a percentage.
    expect(leverScale({ path: "steps[0].contributions.key.parts[0].weight", min: 1, max: 5 })).toEqual({ kind: "plain", unit: "" });
    expect(leverScale({ path: "steps[0].threshold.amount", min: 0, max: 100000 })).toEqual({ kind: "money", unit: "EUR" });
    expect(leverScale({ path: "steps[0].contributions.amounts.gemeente", min: 0, max: 5e5 }).kind).toBe("money");
    expect(leverScale({ path: "steps[0].lag", min: 0, max: 3 })).toEqual({ kind: "plain", unit: "" });
    expect(leverScale({ parameter: "g", min: 0, max: 1 }).kind).toBe("share");
    expect(leverScale({ parameter: "g", unit: "1", min: 0.2, max: 0.6 }).kind).toBe("share");
    // A parameter in per cent already stays as it is; a count keeps its unit.
    expect(leverScale({ parameter: "p", unit: "%", min: 0, max: 1 })).toEqual({ kind: "plain", unit: "%" });
    expect(leverScale({ parameter: "fte", unit: "fte", min: 0, max: 1 })).toEqual({ kind: "plain", unit: "fte" });
    expect(leverScale({ parameter: "budget", unit: "EUR", min: 0, max: 1e6 }).kind).toBe("money");
  });

  it("a share shows as per cent in the page's format and reads back exactly; amounts group their thousands", () => {
    const share = leverScale({ path: "steps[0].rate", min: 0, max: 1 });
    expect(fieldText(0.35, share, "nl")).toBe("35");
    expect(parseField("35", share, "nl")).toBe(0.35);
    expect(fieldText(0.125, share, "nl")).toBe("12,5");
    expect(fieldText(0.125, share, "en")).toBe("12.5");
    expect(fieldText(0.07, share, "nl")).toBe("7");
    expect(parseField("12,5", share, "nl")).toBe(0.125);
    expect(parseField("12.5", share, "en")).toBe(0.125);
    expect(parseField(" 35 % ", share, "nl")).toBe(0.35);
    expect(leverText(0.9906640625, share, "nl")).toBe("99,07%");
    const money = leverScale({ path: "steps[0].threshold.amount", min: 0, max: 1e5 });
    expect(fieldText(50000, money, "nl")).toBe("50.000");
    expect(parseField("50.000", money, "nl")).toBe(50000);
    expect(parseField("50,000", money, "en")).toBe(50000);
    expect(leverText(50000, money, "en")).toBe("EUR 50,000");
    for (const junk of ["", "abc", "1,2,3", "12%5", "--1"]) expect(parseField(junk, share, "nl")).toBeUndefined();
  });

  prop.prop([fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom("nl" as const, "en" as const)])("a share with up to six decimals survives the field: text, then read back, is the same number", (micro, l) => {
    const share = leverScale({ path: "steps[0].rate", min: 0, max: 1 });
    const x = micro / 1_000_000;
    expect(parseField(fieldText(x, share, l), share, l)).toBe(x);
  });
});

describe("the negotiation panel", () => {
  it("shows the case's share range in per cent, reads a typed 35 and 12,5 as 0.35 and 0.125, and keeps the fraction in the address", () => {
    const p = negotiationPanel(data(), { lang: "nl" });
    expect(field(p, "min1").value).toBe("0");
    expect(field(p, "max1").value).toBe("100");
    expect(field(p, "max1").getAttribute("inputmode")).toBe("decimal");
    expect(p.querySelector(`label[for="${field(p, "max1").id}"]`)!.textContent).toBe("Aandeel besparing zorgverzekeraar (%): tot");
    expect(p.textContent).toContain("in de case: 0% tot 100%");
    // The range and the unit are read out with the field.
    expect(p.querySelector(`#${field(p, "min1").getAttribute("aria-describedby")}`)!.textContent).toBe("in de case: 0% tot 100%");
    expect(p.querySelector(`#${field(p, "max1").getAttribute("aria-describedby")}`)!.textContent).toBe("%");
    type(field(p, "min1"), "35");
    type(field(p, "max2"), "12,5");
    expect(url().get("min1")).toBe("0.35");
    expect(url().get("max2")).toBe("0.125");
    // An address from before (or after) shows the same range in per cent.
    const again = negotiationPanel(data(), { lang: "nl", choice: negotiationChoice(Object.fromEntries(url())) });
    expect(field(again, "min1").value).toBe("35");
    expect(field(again, "max2").value).toBe("12,5");
    const en = negotiationPanel(data(), { lang: "en", choice: { levers: [{ min: 0.125 }, {}] } });
    expect(field(en, "min1").value).toBe("12.5");
  });

  it("the arrow keys step a field by 5 percentage points within the case's range; an unreadable or out-of-range value is marked", () => {
    const p = negotiationPanel(data(), { lang: "nl" });
    const max1 = field(p, "max1");
    key(max1, "ArrowUp");
    expect(max1.value).toBe("100");
    key(max1, "ArrowDown");
    key(max1, "ArrowDown");
    expect(max1.value).toBe("90");
    expect(url().get("max1")).toBe("0.9");
    type(max1, "150");
    expect(max1.getAttribute("aria-invalid")).toBe("true");
    type(max1, "abc");
    expect(max1.getAttribute("aria-invalid")).toBe("true");
    type(max1, "80");
    expect(max1.hasAttribute("aria-invalid")).toBe(false);
  });

  it("the search uses the range typed in per cent: the deal stays within it", async () => {
    const p = negotiationPanel(data(), { lang: "nl" });
    type(field(p, "max1"), "80");
    const n = await run(p);
    expect(n).not.toBeNull();
    const sent = (requests[0]!.caseData as ReturnType<typeof data>).negotiations["besparingen-delen"]!;
    expect((sent.levers as { max: number }[])[0]!.max).toBe(0.8);
    expect(n!.levers[0]!.max).toBe(0.8);
    const text = searchedFor(n!, "nl");
    expect(text).toContain("Aandeel besparing zorgverzekeraar van 0% tot 80%");
    if (n!.best) expect(negotiationSummary(n!, partnerColors(n!.partners), "nl").textContent).toMatch(/Aandeel besparing zorgverzekeraar\s+\d+(,\d+)?% \(nu 50%\)/);
  });

  it("one negotiation in the case: its name as text, no control that does nothing; two: a radio group that switches the levers", () => {
    const one = negotiationPanel(data(), { lang: "nl" });
    const named = one.querySelector("[data-decision=negotiation]")!;
    expect(named.tagName).toBe("P");
    expect(named.textContent).toContain("Welk deel van hun besparing geven zorgverzekeraar en zorgkantoor door?");
    expect(one.querySelector("select[name=neg], [data-decision=negotiation] input")).toBeNull();

    const d = data();
    d.negotiations.drempel = { label: "Alleen de zorgverzekeraar", arrangement: "gedeelde-besparingen", partners: ["gemeente", "zorgverzekeraar"], levers: [{ path: "steps[0].rate", min: 0.2, max: 0.9 }] };
    const two = negotiationPanel(d, { lang: "nl" });
    const radios = [...two.querySelectorAll<HTMLInputElement>("[data-decision=negotiation] input[type=radio]")];
    expect(radios.map((r) => [r.value, r.checked])).toEqual([["besparingen-delen", true], ["drempel", false]]);
    expect(two.querySelector("[data-decision=negotiation] legend")!.textContent).toBe("Onderhandeling");
    radios[1]!.checked = true;
    radios[1]!.dispatchEvent(new window.Event("input", { bubbles: true }));
    expect(url().get("neg")).toBe("drempel");
    expect(field(two, "min1").value).toBe("20");
    expect(field(two, "min2")).toBeNull();
    // The table follows the negotiation: its own partners.
    const ticked = [...two.querySelectorAll<HTMLInputElement>("[data-decision=table-partners] input:checked")].map((b) => b.value);
    expect(ticked).toEqual(["gemeente", "zorgverzekeraar"]);
  });

  it("the partners at the table: a checkbox per partner, the case's ticked; another choice goes into the request and the address", async () => {
    const p = negotiationPanel(data(), { lang: "nl" });
    const boxes = [...p.querySelectorAll<HTMLInputElement>("[data-decision=table-partners] input[type=checkbox]")];
    expect(boxes.map((b) => b.value)).toEqual(data().partners.map((x) => x.id));
    expect(boxes.filter((b) => b.checked).map((b) => b.value)).toEqual(["gemeente", "zorgverzekeraar", "zorgkantoor"]);
    // Every box has its partner's name as its label.
    expect(boxes[0]!.closest("label")!.textContent!.trim()).toBe("Gemeente");
    const box = (id: string) => boxes.find((b) => b.value === id)!;
    box("zorgkantoor").checked = false;
    box("zorgkantoor").dispatchEvent(new window.Event("input", { bubbles: true }));
    expect(url().get("table")).toBe("gemeente,zorgverzekeraar");
    const n = await run(p);
    const sent = (requests[0]!.caseData as ReturnType<typeof data>).negotiations["besparingen-delen"]!;
    expect(sent.partners).toEqual(["gemeente", "zorgverzekeraar"]);
    expect(n!.partners.map((x) => x.id)).toEqual(["gemeente", "zorgverzekeraar"]);
    expect(searchedFor(n!, "nl")).toContain("Aan tafel: Gemeente, Zorgverzekeraar.");
    // A shared link opens with the same partners ticked.
    const again = negotiationPanel(data(), { lang: "nl", choice: negotiationChoice(Object.fromEntries(url())) });
    expect([...again.querySelectorAll<HTMLInputElement>("[data-decision=table-partners] input:checked")].map((b) => b.value)).toEqual(["gemeente", "zorgverzekeraar"]);
  });

  it("no partner at the table: the search says so and asks nothing of the solver", async () => {
    const p = negotiationPanel(data(), { lang: "nl" });
    for (const b of p.querySelectorAll<HTMLInputElement>("[data-decision=table-partners] input")) b.checked = false;
    expect(await run(p)).toBeNull();
    expect(requests).toEqual([]);
    expect(p.querySelector("[data-decision=negotiate-status]")!.textContent).toMatch(/kies minstens één partner aan tafel/);
  });
});

describe("the partners at the table in the case written for the solver", () => {
  it("a condition keeps the partners still at the table and goes when none are; unknown ids are left out", () => {
    const d = data();
    d.negotiations["besparingen-delen"]!.conditions = [{ type: "npv", min: 0 }, { type: "loss-probability", max: 0.3, partners: ["zorgkantoor"] }, { type: "npv", min: 5, partners: ["gemeente", "zorgkantoor"] }];
    const out = withChoice(d, "besparingen-delen", { partners: ["gemeente", "thuiszorg", "nobody"] }) as ReturnType<typeof data>;
    const n = out.negotiations["besparingen-delen"]!;
    expect(n.partners).toEqual(["gemeente", "thuiszorg"]);
    expect(n.conditions).toEqual([{ type: "npv", min: 0 }, { type: "npv", min: 5, partners: ["gemeente"] }]);
    const p = prepareNegotiation(out, "besparingen-delen", "nl", { grid: 3 });
    if (!p.ok) throw new Error(p.issues.map((i) => i.message).join("; "));
    expect(negotiate(p.negotiation).partners.map((x) => x.id)).toEqual(["gemeente", "thuiszorg"]);
    // Nobody the case knows: the case's own table.
    const same = withChoice(d, "besparingen-delen", { partners: ["nobody"] }) as ReturnType<typeof data>;
    expect(same.negotiations["besparingen-delen"]!.partners).toEqual(["gemeente", "zorgverzekeraar", "zorgkantoor"]);
    expect(negotiationChoice({ table: "gemeente, zorgverzekeraar," }).partners).toEqual(["gemeente", "zorgverzekeraar"]);
  });
});
