/**
 * End-to-end test of the notebooks site in a real (headless) Chromium.
 *
 * 1. builds the site with `vite build` into a fresh temp dir (so parallel runs and a
 *    running `npm run build` do not collide); SITE_PREBUILT=1 tests site/dist as built;
 * 2. serves the built site on 127.0.0.1 (random port) and opens every page with playwright-core;
 * 3. per page: no failed request, no request to another host (all others are blocked),
 *    no console error / page error / cell error, every cell using `Plot.` shows an <svg>,
 *    every range slider changes the page text when moved (latency measured);
 * 4. screenshots in test-output/screenshots/, metrics in test-output/browser-metrics.json;
 * 5. smoke test of the dev server (`npm run dev`): every page loads offline without errors.
 *
 * Chromium: CHROMIUM_PATH or /usr/bin/chromium. Missing Chromium fails the suite.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { createServer as createViteServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "./static-server.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NOTEBOOKS = join(ROOT, "notebooks");
const PREBUILT = process.env.SITE_PREBUILT === "1";
const TMP = mkdtempSync(join(tmpdir(), "notebooks-site-test-"));
const DIST = PREBUILT ? join(ROOT, "site/dist") : join(TMP, "dist");
const OUT = join(ROOT, "test-output");
const SHOTS = join(OUT, "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const SLIDER_STEPS = 10; // slider moves timed per range input

/** Notebook pages, same rule as vite.config.ts: notebooks/**\/*.html, skipping _* and .* */
function notebookPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith("_") || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return notebookPages(path);
    return entry.name.endsWith(".html") ? [relative(NOTEBOOKS, path).split("\\").join("/")] : [];
  });
}

/** Ids of JS/TS cells whose source uses Plot (each must render an <svg>). */
function plotCellIds(source: string): string[] {
  const ids: string[] = [];
  for (const m of source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? "";
    const id = /\bid="?(\d+)/.exec(attrs)?.[1];
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1] ?? "module";
    if (id && /^(module|text\/x-typescript)$/.test(type) && !/\bhidden\b/.test(attrs) && /\bPlot\.\w+/.test(m[2] ?? "")) {
      ids.push(id);
    }
  }
  return ids;
}

interface PageIssues {
  failed: string[];
  external: string[];
  consoleErrors: string[];
}

function watch(page: Page, origin: string): PageIssues {
  const issues: PageIssues = { failed: [], external: [], consoleErrors: [] };
  page.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(origin + "/") && !/^(data|blob|about):/.test(url)) issues.external.push(url);
  });
  page.on("requestfailed", (req) => issues.failed.push(`${req.url()} (${req.failure()?.errorText ?? "failed"})`));
  page.on("response", (res) => {
    if (res.status() >= 400) issues.failed.push(`${res.url()} (HTTP ${res.status()})`);
  });
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const { url, lineNumber } = msg.location();
    issues.consoleErrors.push(`console.error: ${msg.text()}${url ? ` (at ${url}:${lineNumber})` : ""}`);
  });
  page.on("pageerror", (error) => issues.consoleErrors.push(`pageerror: ${error.message}`));
  return issues;
}

/** Waits until <main> has not changed for `quietMs` (the reactive runtime has settled). */
async function settle(page: Page, quietMs = 300, timeoutMs = 15_000): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.evaluate(
    ([quiet, timeout]) =>
      new Promise<void>((resolvePromise, reject) => {
        const main = document.querySelector("main") ?? document.body;
        let timer = setTimeout(done, quiet);
        const giveUp = setTimeout(() => {
          observer.disconnect();
          reject(new Error("page did not settle"));
        }, timeout);
        const observer = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(done, quiet);
        });
        observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
        function done() {
          observer.disconnect();
          clearTimeout(giveUp);
          resolvePromise();
        }
      }),
    [quietMs, timeoutMs] as const,
  );
}

interface SliderTiming {
  /** input event -> DOM text of the page updated (ms) */
  dom: number;
  /** input event -> next animation frame after the update, i.e. painted (ms) */
  frame: number;
}

/**
 * Presses `key` on range input number `index` and resolves when the displayed text
 * (the [data-kpi] elements if any, else all of <main> outside forms) has changed.
 */
async function moveSlider(page: Page, index: number, key: string): Promise<SliderTiming | null> {
  const range = page.locator("main input[type=range]").nth(index);
  await range.focus();
  await page.evaluate((i) => {
    const w = window as unknown as { __sliderTiming?: Promise<SliderTiming | null> };
    const main = document.querySelector("main") ?? document.body;
    const input = main.querySelectorAll("input[type=range]")[i];
    const text = () => {
      const kpis = main.querySelectorAll("[data-kpi]");
      if (kpis.length) return Array.from(kpis, (k) => k.textContent).join("|");
      const clone = main.cloneNode(true) as HTMLElement;
      clone.querySelectorAll("form").forEach((f) => f.remove());
      return clone.textContent ?? "";
    };
    const before = text();
    w.__sliderTiming = new Promise((resolvePromise) => {
      let t0: number | undefined;
      const onInput = (event: Event) => {
        if (event.target === input && t0 === undefined) t0 = performance.now();
      };
      document.addEventListener("input", onInput, { capture: true });
      const observer = new MutationObserver(() => {
        if (t0 === undefined || text() === before) return;
        const dom = performance.now() - t0;
        const start = t0;
        finish();
        requestAnimationFrame(() => resolvePromise({ dom, frame: performance.now() - start }));
      });
      observer.observe(main, { subtree: true, childList: true, characterData: true });
      const timeout = setTimeout(() => {
        finish();
        resolvePromise(null);
      }, 5_000);
      function finish() {
        observer.disconnect();
        clearTimeout(timeout);
        document.removeEventListener("input", onInput, { capture: true });
      }
    });
  }, index);
  await range.press(key);
  return page.evaluate(() => (window as unknown as { __sliderTiming: Promise<SliderTiming | null> }).__sliderTiming);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

const pages = notebookPages(NOTEBOOKS);
const metrics: Record<string, unknown> = { chromium: CHROMIUM, pages: {} as Record<string, unknown> };
let browser: Browser | undefined;
let server: StaticServer | undefined;

describe("notebooks site (headless Chromium)", () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}. Install it (Debian: apt-get install chromium) ` +
          `or set CHROMIUM_PATH to a Chromium/Chrome executable. The browser tests cannot run without it.`,
      );
    }
    if (!PREBUILT) {
      const t0 = performance.now();
      const vite = join(ROOT, "node_modules/vite/bin/vite.js");
      const args = [vite, "build", "--logLevel", "warn", "--outDir", DIST, "--emptyOutDir"];
      const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf-8" });
      if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
      metrics.buildMs = Math.round(performance.now() - t0);
    } else if (!existsSync(join(DIST, "index.html"))) {
      throw new Error(`SITE_PREBUILT=1 but ${DIST}/index.html does not exist; run npm run build`);
    }
    mkdirSync(SHOTS, { recursive: true });
    server = await serveStatic(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    metrics.browserVersion = browser.version();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(TMP, { recursive: true, force: true });
    if (existsSync(OUT)) writeFileSync(join(OUT, "browser-metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
    console.log(`[browser-metrics] ${JSON.stringify(metrics)}`);
  });

  it("has a start page and at least one notebook with a slider", () => {
    expect(pages).toContain("index.html");
    const withSlider = pages.filter((p) => readFileSync(join(NOTEBOOKS, p), "utf-8").includes("Inputs.range"));
    expect(withSlider.length).toBeGreaterThan(0);
  });

  it("built site contains no CDN references", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : /\.(html|js|css)$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const offenders = files(DIST).filter((f) =>
      /cdn\.jsdelivr\.net|esm\.sh|unpkg\.com|fonts\.googleapis|fonts\.gstatic/.test(readFileSync(f, "utf-8")),
    );
    expect(offenders.map((f) => relative(DIST, f))).toEqual([]);
  });

  for (const name of pages) {
    it(`page ${name}`, async () => {
      if (!browser || !server) throw new Error("setup failed");
      const origin = server.origin;
      const source = readFileSync(join(NOTEBOOKS, name), "utf-8");
      expect(existsSync(join(DIST, name)), `${name} was not built`).toBe(true);

      const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: "block" });
      // Only the local server is reachable; anything else is aborted (and reported).
      await context.route("**/*", (route) =>
        route.request().url().startsWith(origin + "/") ? route.continue() : route.abort("blockedbyclient"),
      );
      const page = await context.newPage();
      const issues = watch(page, origin);
      const shot = name.replace(/\.html$/, "").replaceAll("/", "__");
      const pageMetrics: Record<string, unknown> = {};
      (metrics.pages as Record<string, unknown>)[name] = pageMetrics;
      try {
        const t0 = performance.now();
        await page.goto(`${origin}/${name}`, { waitUntil: "load" });
        await settle(page);
        pageMetrics.loadAndSettleMs = Math.round(performance.now() - t0);
        await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });

        // No cell rendered an error (the inspector shows errors with this class).
        const cellErrors = await page.locator("main .observablehq--error").allTextContents();
        expect(cellErrors, "cell errors").toEqual([]);

        // Every cell that uses Plot rendered an <svg>.
        const plotCells = plotCellIds(source);
        for (const id of plotCells) {
          expect(await page.locator(`#cell-${id} svg`).count(), `cell ${id} (Plot) has no <svg>`).toBeGreaterThan(0);
        }
        pageMetrics.plotCells = plotCells.length;

        // Every range slider changes the displayed text; time input event -> update.
        const sliders = await page.locator("main input[type=range]").count();
        pageMetrics.sliders = sliders;
        const timings: SliderTiming[] = [];
        for (let i = 0; i < sliders; i++) {
          const range = page.locator("main input[type=range]").nth(i);
          const atMax = await range.evaluate((el) => {
            const input = el as HTMLInputElement;
            return Number(input.value) >= Number(input.max);
          });
          const first = await moveSlider(page, i, atMax ? "Home" : "End");
          expect(first, `slider ${i} on ${name} did not change the displayed number`).not.toBeNull();
          timings.push(first!);
          for (let step = 0; step < SLIDER_STEPS; step++) {
            const timing = await moveSlider(page, i, atMax ? "ArrowRight" : "ArrowLeft");
            expect(timing, `slider ${i} step ${step} on ${name} did not update the page`).not.toBeNull();
            timings.push(timing!);
          }
        }
        if (timings.length) {
          const dom = timings.map((t) => t.dom);
          const frame = timings.map((t) => t.frame);
          pageMetrics.sliderLatencyMs = {
            samples: timings.length,
            domMedian: round(median(dom)),
            domMax: round(Math.max(...dom)),
            paintedMedian: round(median(frame)),
            paintedMax: round(Math.max(...frame)),
          };
          await settle(page);
          await page.screenshot({ path: join(SHOTS, `${shot}--after-slider.png`), fullPage: true });
          for (const id of plotCells) {
            expect(await page.locator(`#cell-${id} svg`).count(), `cell ${id} lost its <svg>`).toBeGreaterThan(0);
          }
        }

        expect(issues.failed, "failed requests").toEqual([]);
        expect(issues.external, "requests to other hosts").toEqual([]);
        expect(issues.consoleErrors, "console errors").toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  it("dev server (npm run dev) serves every page offline, without errors, with its charts", async () => {
    if (!browser) throw new Error("setup failed (see the site suite)");
    const t0 = performance.now();
    const dev = await createViteServer({
      configFile: join(ROOT, "vite.config.ts"),
      cacheDir: join(TMP, "vite-cache"), // do not disturb a running `npm run dev`
      server: { port: 0, strictPort: false, hmr: false },
      logLevel: "warn",
    });
    try {
      await dev.listen();
      const origin = (dev.resolvedUrls?.local[0] ?? "").replace(/\/$/, "");
      expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const context = await browser.newContext({ serviceWorkers: "block" });
      await context.route("**/*", (route) =>
        route.request().url().startsWith(origin + "/") ? route.continue() : route.abort("blockedbyclient"),
      );
      try {
        for (const name of pages) {
          const page = await context.newPage();
          const issues = watch(page, origin);
          await page.goto(`${origin}/${name}`, { waitUntil: "load" });
          await settle(page);
          for (const id of plotCellIds(readFileSync(join(NOTEBOOKS, name), "utf-8"))) {
            expect(await page.locator(`#cell-${id} svg`).count(), `dev ${name}: cell ${id} has no <svg>`).toBeGreaterThan(0);
          }
          expect(await page.locator("main .observablehq--error").allTextContents(), `dev ${name}: cell errors`).toEqual([]);
          expect(issues, `dev ${name}`).toEqual({ failed: [], external: [], consoleErrors: [] });
          await page.close();
        }
      } finally {
        await context.close();
      }
    } finally {
      await dev.close();
    }
    metrics.devServerCheckMs = Math.round(performance.now() - t0);
  }, 120_000);
});
