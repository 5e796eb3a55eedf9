/**
 * Small pieces shared by the case pages: waterfall step names and the downloads block.
 */
import { html } from "htl";
import type { Evaluation, LedgerKind } from "../../../engine/index.ts";
import { caseTextWithOverrides, contractJson, fileName, ledgerCsv } from "../data/export.ts";
import { ledgerKindLabel, t, lang as pageLang, type Lang } from "../i18n/i18n.ts";
import { downloadButton } from "./view.ts";

/** Names of the waterfall steps (the ledger kinds, then the net). */
export function waterfallLabel(kind: LedgerKind | "total"): string {
  return kind === "total" ? t("Netto", "Net") : ledgerKindLabel(kind);
}

/** localStorage key under which a case is handed to the "bring your own case" page. */
export const OWN_CASE_KEY = "bcase-own-case";

/**
 * Download buttons: the case file (with the reader's changes written in), the ledger (CSV) and
 * the JSON contract; and a button that opens the case on the "bring your own case" page.
 */
export function caseDownloads(file: string, text: string, ev: Evaluation, overrides: Readonly<Record<string, number>>, l: Lang = pageLang, options: { repository?: boolean } = {}): HTMLElement {
  const inRepository = options.repository ?? true;
  const base = file.split("/").pop() ?? "case.yaml";
  const format = /\.json$/i.test(base) ? "json" : "yaml";
  const changed = Object.keys(overrides).length;
  const open = html`<button type="button" class="bc-button">${t("Open in ‘Eigen case’ om verder te bewerken", "Open in ‘Your own case’ to edit further", l)}</button>`;
  open.addEventListener("click", () => {
    try {
      localStorage.setItem(OWN_CASE_KEY, JSON.stringify({ name: base, text, overrides }));
    } catch { /* storage blocked: the page opens empty */ }
    location.href = "./eigen-case.html";
  });
  return html`<div>
    <p>${downloadButton(t(`Case-bestand (${base}${changed ? `, met ${changed} aangepaste ${changed === 1 ? "waarde" : "waarden"}` : ""})`, `Case file (${base}${changed ? `, with ${changed} changed ${changed === 1 ? "value" : "values"}` : ""})`, l), base, format === "json" ? "application/json" : "text/yaml", () => caseTextWithOverrides(text, format, overrides))}
    ${downloadButton(t("Grootboek (CSV)", "Ledger (CSV)", l), fileName(ev.case.id, "-ledger.csv"), "text/csv", () => ledgerCsv(ev, l))}
    ${downloadButton(t("Resultaten (JSON)", "Results (JSON)", l), fileName(ev.case.id, "-results.json"), "application/json", () => contractJson(ev))}
    ${inRepository ? open : ""}</p>
    <p class="bc-muted bc-small">${t("Alles wordt in uw browser berekend; er gaat niets naar een server.", "Everything is computed in your browser; nothing is sent to a server.", l)}</p>
  </div>`;
}
