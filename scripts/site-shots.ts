/**
 * Full-page screenshots of a built site: `npx tsx scripts/site-shots.ts <dist> <out-dir> page.html:width[:lang] ...`
 * (e.g. `ruwaard.html:390:en`), for looking at pages at a given width. Prints page and console errors.
 */
import { chromium } from "playwright-core";
import { serveStatic } from "../test/browser/static-server.ts";
const [dist, out, ...pages] = process.argv.slice(2);
const server = await serveStatic(dist!);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const spec of pages) {
  const [page, w, lang] = spec.split(":");
  const ctx = await browser.newContext({ viewport: { width: Number(w), height: 900 } });
  const p = await ctx.newPage();
  p.on("pageerror", (e) => console.log("pageerror", page, e.message));
  p.on("console", (m) => { if (m.type() === "error") console.log("console", page, m.text()); });
  await p.goto(`${server.origin}/${page}?lang=${lang ?? "nl"}`, { waitUntil: "networkidle" });
  await p.waitForFunction(() => document.querySelectorAll("main .observablehq--running").length === 0, undefined, { timeout: 30_000 }).catch(() => undefined);
  await p.addStyleTag({ content: "main > .observablehq--cell { content-visibility: visible !important; }" });
  const errs = await p.locator("main .observablehq--error").allTextContents();
  if (errs.length) console.log("cell errors", page, errs);
  const base = `${out}/${page!.replace(".html", "")}-${w}-${lang ?? "nl"}`;
  await p.screenshot({ path: `${base}.png`, fullPage: true });
  // Also in tiles of 1600 px, small enough to read in an image viewer.
  const height = await p.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < height; y += 1600, i++) {
    await p.screenshot({ path: `${base}-${i}.png`, fullPage: true, clip: { x: 0, y, width: Number(w), height: Math.min(1600, height - y) } });
  }
  await ctx.close();
}
await browser.close(); await server.close();
