/**
 * Audit of a built site: `npx tsx scripts/site-audit.ts [dist] [--json]` (default site/dist).
 *
 * Per page, in Dutch and English, at 1366 x 900 and 390 x 844: axe-core's WCAG 2.1 A/AA
 * violations by impact, overlapping tick labels, sideways scrolling; and per page the JavaScript
 * it loads (every script response, gzipped here at level 9, as a static host would send it).
 * A report, not a test: the browser tests assert the same properties (test/browser/site.test.ts).
 */
import { gzipSync } from "node:zlib";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { axe, countByImpact, sideways, tickOverlaps } from "../test/browser/audit.ts";
import { serveStatic } from "../test/browser/static-server.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
/** `--quick`: Dutch at desktop width only. */
const quick = args.includes("--quick");
const dist = resolve(args.find((a) => !a.startsWith("--")) ?? "site/dist");
const pages = readdirSync(dist).filter((f) => f.endsWith(".html")).sort();
const server = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const viewports = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
const rows: Record<string, unknown>[] = [];
try {
  for (const page of pages) {
    for (const lang of quick ? (["nl"] as const) : (["nl", "en"] as const)) {
      for (const [vpName, viewport] of Object.entries(viewports).slice(0, quick ? 1 : 2)) {
        const context = await browser.newContext({ viewport });
        const p = await context.newPage();
        const scripts = new Map<string, number>();
        p.on("response", async (res) => {
          if (res.request().resourceType() !== "script") return;
          try { scripts.set(res.url(), gzipSync(await res.body(), { level: 9 }).length); } catch { /* body gone */ }
        });
        await p.goto(`${server.origin}/${page}?lang=${lang}`, { waitUntil: "networkidle" });
        await p.waitForFunction(() => !document.querySelector("main .observablehq--running"), undefined, { timeout: 30_000 }).catch(() => undefined);
        const violations = await axe(p);
        const counts = countByImpact(violations);
        const row = {
          page, lang, viewport: vpName,
          critical: counts.critical, serious: counts.serious,
          rules: violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}x${v.nodes.length}`).join(" "),
          tickOverlaps: (await tickOverlaps(p)).length,
          sideways: (await sideways(p)).overflow,
          jsGzipKB: Math.round([...scripts.values()].reduce((a, b) => a + b, 0) / 1024),
        };
        rows.push(row);
        if (!json) console.log(Object.values(row).join("\t"));
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (json) console.log(JSON.stringify(rows, null, 2));
