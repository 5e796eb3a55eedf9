// Type shims for modules without their own types, used by the notebook helpers.

declare module "htl" {
  /** Hypertext literal: interpolated values are escaped text (or nodes), never parsed as HTML. */
  export function html(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
  export function svg(strings: TemplateStringsArray, ...values: unknown[]): SVGElement;
}

// Vite: `import text from "./case.yaml?raw"` gives the file's text.
declare module "*?raw" {
  const text: string;
  export default text;
}

// d3 (a dependency of Plot): only the tick generator is used (charts/axes.ts).
declare module "d3" {
  /** Nicely rounded values between start and stop, about `count` of them. */
  export function ticks(start: number, stop: number, count: number): number[];
}

// Vite: `import.meta.glob(patterns, {query: "?raw", import: "default"})` gives a loader per file.
interface ImportMeta {
  glob<T = unknown>(patterns: string | readonly string[], options?: { query?: string; import?: string; eager?: false }): Record<string, () => Promise<T>>;
}

// Vite: `import url from "./file.xlsx?url"` gives the URL of the file in the built site.
declare module "*?url" {
  const url: string;
  export default url;
}
