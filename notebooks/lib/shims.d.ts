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
