/**
 * A jsdom window for the notebook helpers' tests. htl builds nodes with the global `document`
 * (at call time), so the globals it needs are installed here; Plot gets `document` as an option.
 */
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><html lang=\"nl\"><body><main></main></body></html>");
export const window = dom.window;
export const document = window.document;

const g = globalThis as Record<string, unknown>;
for (const name of ["document", "Node", "NodeList", "HTMLCollection", "Element", "HTMLElement", "SVGElement", "DocumentFragment", "Event", "NodeFilter", "Text"] as const) {
  g[name] = (window as unknown as Record<string, unknown>)[name];
}

// Plot draws colour ramps (legends of continuous scales) on a canvas, which jsdom lacks: a
// canvas that draws nothing is enough here (the ramp becomes an empty image).
const canvas = window.HTMLCanvasElement.prototype as unknown as { getContext: () => unknown; toDataURL: () => string };
canvas.getContext = () => ({ fillStyle: "", fillRect() {} });
canvas.toDataURL = () => "data:,";
