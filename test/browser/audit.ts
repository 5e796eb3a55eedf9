/**
 * Checks of a rendered page that the browser tests and `scripts/site-audit.ts` share:
 *
 * - `axe(page)`: axe-core (the npm package, injected from node_modules) with the WCAG 2.0/2.1
 *   A and AA rules; returns the violations with their impact and the elements they hit;
 * - `tickOverlaps(page)`: pairs of tick labels of one chart axis whose boxes overlap;
 * - `sideways(page)`: how far the page scrolls sideways (document wider than the viewport).
 *
 * Nothing here sleeps: each check reads the page as it is; callers wait for the state first.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf-8");

export interface AxeViolation {
  id: string;
  impact: "minor" | "moderate" | "serious" | "critical" | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** axe-core on the whole document, WCAG 2.1 A and AA rules. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: AxeViolation["impact"]; help: string; nodes: { target: unknown[]; html: string; failureSummary?: string }[] }[] }> } };
    const result = await w.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html.slice(0, 160), summary: (n.failureSummary ?? "").slice(0, 300) })),
    }));
  });
}

/** The violations of impact serious or critical, one line each (rule, count, first targets). */
export function serious(violations: readonly AxeViolation[]): string[] {
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.nodes.length}x): ${v.help}; ${v.nodes.slice(0, 3).map((n) => `${n.target} ${n.summary.replace(/\s+/g, " ")}`).join(" | ")}`);
}

/** Counts of violations (nodes) per impact. */
export function countByImpact(violations: readonly AxeViolation[]): Record<string, number> {
  const out: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) out[v.impact ?? "minor"] = (out[v.impact ?? "minor"] ?? 0) + v.nodes.length;
  return out;
}

/**
 * Tick labels of one axis that overlap: every Plot axis group (`g[data-axis]`, which the chart
 * helpers set; Plot's own `aria-label` groups on charts not drawn by them) is read for its
 * text boxes; two labels of the same axis overlap when their boxes intersect by more than
 * half a pixel. Returns a description of each overlapping pair.
 */
export async function tickOverlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const axes = document.querySelectorAll('main svg g[data-axis*="tick label"], main svg g[aria-label*="tick label"]');
    axes.forEach((axis) => {
      const svg = axis.closest("svg");
      if (!svg || svg.getBoundingClientRect().width === 0) return; // not rendered (hidden)
      const texts = Array.from(axis.querySelectorAll("text")).filter((t) => (t.textContent ?? "").trim() !== "");
      const boxes = texts.map((t) => ({ text: t.textContent ?? "", r: t.getBoundingClientRect() }));
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r, b = boxes[j]!.r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 0.5 && h > 0.5) {
            const figure = svg.closest("figure");
            const title = figure?.querySelector("h2, h3")?.textContent ?? svg.getAttribute("aria-label") ?? "";
            out.push(`${title} / ${axis.getAttribute("data-axis") ?? axis.getAttribute("aria-label")}: "${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`);
          }
        }
      }
    });
    return out;
  });
}

/** Pixels the page scrolls sideways (0 when nothing is wider than the viewport), and the widest elements. */
export async function sideways(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const overflow = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
    const culprits: string[] = [];
    if (overflow > 0) {
      document.querySelectorAll("body *").forEach((el) => {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && r.width > 0) {
          // Inside a scroll container it does not widen the page.
          let p = el.parentElement, clipped = false;
          while (p && p !== document.body) {
            const s = getComputedStyle(p);
            if (/(auto|scroll|hidden|clip)/.test(s.overflowX)) { clipped = true; break; }
            p = p.parentElement;
          }
          if (!clipped && culprits.length < 8) culprits.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""} right=${Math.round(r.right)}`);
        }
      });
    }
    return { overflow, culprits };
  });
}

/**
 * The text a reader sees in <main>: its visible text (innerText leaves out what CSS hides, such
 * as the prose of the other language) and the text of its charts, without code (`code`, `pre`:
 * ids, formulas and commands are the same in both languages).
 */
export async function readerText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector("main");
    if (!main) return "";
    // Cells out of view skip rendering (content-visibility: auto), and innerText reads only
    // rendered text: draw them all while reading.
    const style = document.createElement("style");
    style.textContent = "main > .observablehq--cell { content-visibility: visible !important; } main code, main pre { display: none !important; }";
    document.head.append(style);
    try {
      const svgText = Array.from(main.querySelectorAll("svg text"), (t) => t.textContent ?? "").join("\n");
      return `${main.innerText}\n${svgText}`;
    } finally {
      style.remove();
    }
  });
}
