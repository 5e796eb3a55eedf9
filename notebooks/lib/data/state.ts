/**
 * A page's state in its URL, so a reader can reload or share exactly what they see: every
 * changed parameter (`p.<name>=<value>`), the chosen financing form (`form=<id>`), a chosen
 * partner (`partner=<id>`) and settings such as a simulation's sample count and seed (plain
 * keys). `lang` stays as it is. No DOM: `parseState` reads a query string, `stateQuery` writes
 * one; parts/share.ts puts it in the address bar.
 */

export interface PageState {
  /** Changed parameters (or other edited figures), by name. */
  values: Record<string, number>;
  /** Other settings: `form`, `partner`, `samples`, `seed`... as text. */
  settings: Record<string, string>;
}

const VALUE = "p.";

/** The state in a query string (`?p.attribution=0.5&form=pot`); unreadable numbers are left out. */
export function parseState(search: string): PageState {
  const params = new URLSearchParams(search);
  const values: Record<string, number> = {};
  const settings: Record<string, string> = {};
  for (const [key, raw] of params) {
    if (key === "lang") continue;
    if (key.startsWith(VALUE)) {
      const v = Number(raw);
      if (raw.trim() !== "" && Number.isFinite(v)) values[key.slice(VALUE.length)] = v;
    } else {
      settings[key] = raw;
    }
  }
  return { values, settings };
}

/**
 * The query string for a state, keeping `lang` from `search`. Settings with an empty value are
 * left out; numbers are written in full precision (`String`), so a shared link gives the same
 * figures to the cent.
 */
export function stateQuery(state: PageState, search = ""): string {
  const out = new URLSearchParams();
  const lang = new URLSearchParams(search).get("lang");
  if (lang) out.set("lang", lang);
  for (const [k, v] of Object.entries(state.settings)) if (v !== "") out.set(k, v);
  for (const name of Object.keys(state.values).sort()) out.set(VALUE + name, String(state.values[name]));
  const q = out.toString();
  return q ? `?${q}` : "";
}

/** Only the values a model knows (a link for another case, or a stale parameter, is ignored). */
export function knownValues(values: Readonly<Record<string, number>>, known: Iterable<string>): Record<string, number> {
  const names = new Set(known);
  return Object.fromEntries(Object.entries(values).filter(([k]) => names.has(k)));
}
