/**
 * Sharing a page: its state in the address bar (`syncState`, replaced on every change so a
 * reload keeps it and the back button is not flooded), a "Kopieer link" button that copies the
 * address, a "Print / PDF" button, and the financing-form select whose choice is part of the
 * state. The state's encoding is data/state.ts.
 */
import { html } from "htl";
import type { ArrangementResult, Evaluation } from "../../../engine/index.ts";
import { lang as pageLang, t, type Lang } from "../i18n/i18n.ts";
import { parseState, stateQuery, type PageState } from "../data/state.ts";

/** The state in this page's address (empty outside a browser). */
export function pageState(): PageState {
  return parseState(typeof location === "undefined" ? "" : location.search);
}

/** Writes the state into the address bar (replacing the current entry). */
export function syncState(state: PageState): void {
  if (typeof history === "undefined") return;
  const url = `${location.pathname}${stateQuery(state, location.search)}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, "", url);
}

/** Merges settings (and, if given, replaces the values) into the state in the address bar. */
export function updateState(change: { settings?: Record<string, string>; values?: Record<string, number> }): void {
  const now = pageState();
  syncState({ values: change.values ?? now.values, settings: { ...now.settings, ...(change.settings ?? {}) } });
}

/** The buttons "Print / PDF" and "Kopieer link" (the link is the address with the page's state). */
export function shareToolbar(l: Lang = pageLang): HTMLElement {
  const print = html`<button type="button" class="bc-button" data-share="print">${t("Print / PDF", "Print / PDF", l)}</button>`;
  const copy = html`<button type="button" class="bc-button" data-share="copy">${t("Kopieer link", "Copy link", l)}</button>`;
  const status = html`<span class="bc-small bc-muted" role="status" aria-live="polite"></span>`;
  const shown = html`<input type="text" readonly class="bc-number" data-share="link" aria-label=${t("Link naar deze pagina met uw keuzes", "Link to this page with your choices", l)} hidden>` as HTMLInputElement;
  print.addEventListener("click", () => window.print());
  copy.addEventListener("click", async () => {
    const link = location.href;
    shown.value = link;
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = t("Link gekopieerd: wie hem opent, ziet dezelfde cijfers.", "Link copied: whoever opens it sees the same figures.", l);
    } catch {
      // No clipboard (permissions, an old browser): show the link to copy by hand.
      shown.hidden = false;
      shown.select();
      status.textContent = t("Kopieer de link hiernaast.", "Copy the link next to this.", l);
    }
  });
  return html`<div class="bc-toolbar">${print}${copy}${shown}${status}</div>`;
}

export type FormSelect = HTMLElement & { value: string };

/**
 * The financing form whose results the key figures and the partner table show: the status quo
 * or one of the case's arrangements. A case without arrangements gets a line saying so (and the
 * value of the status quo).
 */
export function formSelect(arrangements: readonly Pick<ArrangementResult, "id" | "name" | "implicit">[], initial = "", l: Lang = pageLang): FormSelect {
  const first = arrangements[0]?.id ?? "";
  const start = arrangements.some((a) => a.id === initial) ? initial : first;
  if (arrangements.length <= 1) {
    const root = html`<p class="bc-small bc-muted" data-form=${first}>${t("Financieringsvorm: de huidige situatie (status quo); dit case-bestand beschrijft geen andere afspraken.", "Financing form: the status quo; this case file describes no other arrangements.", l)}</p>` as FormSelect;
    Object.defineProperty(root, "value", { get: () => first, configurable: true });
    return root;
  }
  const id = `bc-form-${Math.random().toString(36).slice(2, 8)}`;
  const select = html`<select id=${id} data-form-select>${arrangements.map((a) => html`<option value=${a.id} selected=${a.id === start}>${a.name}</option>`)}</select>` as HTMLSelectElement;
  const root = html`<div class="bc-panel bc-field"><label for=${id}>${t("Financieringsvorm voor de kerncijfers en de tabel", "Financing form for the key figures and the table", l)}</label>${select}<span class="bc-unit"></span></div>` as FormSelect;
  Object.defineProperty(root, "value", { get: () => select.value, configurable: true });
  select.addEventListener("input", (e) => { e.stopPropagation(); root.dispatchEvent(new Event("input", { bubbles: true })); });
  select.addEventListener("change", (e) => e.stopPropagation());
  return root;
}

/** The evaluation as seen under one financing form: its partners' and society's results in place of the status quo's. */
export function underForm(ev: Evaluation, formId: string): Evaluation & { form: ArrangementResult | null } {
  const a = ev.arrangements.find((x) => x.id === formId) ?? null;
  return a ? { ...ev, partners: a.partners, society: a.society, form: a } : { ...ev, form: null };
}
