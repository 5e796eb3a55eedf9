/**
 * End-to-end test of the notebooks site in a real (headless) Chromium.
 *
 * 1. builds the site with `vite build` into a fresh temp dir (so parallel runs and a
 *    running `npm run build` do not collide); SITE_PREBUILT=1 tests site/dist as built;
 * 2. serves the built site on 127.0.0.1 (random port) and opens every page with playwright-core;
 * 3. per page: no failed request, no request to another host (all others are blocked),
 *    no console error / page error / cell error, every chart cell shows an <svg>, every range
 *    slider changes the displayed figures when moved, with the latency measured from the input
 *    event to the last DOM change it causes (every number and chart) and to the next frame;
 *    on the study notebooks the first slider must change the society NPV (`[data-kpi=npv]`);
 * 4. "bring your own case": a malformed file gives a readable error naming the path and line,
 *    a valid file is rendered, survives a reload (localStorage) and its downloads work;
 *    a case whose names are HTML is shown as text (no element, no script);
 * 5. English (`?lang=en`) renders without errors;
 * 6. screenshots in test-output/screenshots/, metrics in test-output/browser-metrics.json;
 * 7. uncertainty (onzekerheid.html): a 30,000-sample Monte Carlo run in Web Workers shows its
 *    progress, the page keeps drawing frames and answers a select while it runs (frame gaps and
 *    the select's redraw time are recorded), results and charts render, the figures equal
 *    `bcase simulate --seed 7` and a run can be cancelled;
 * 8. monitoring (monitoring.html): plan versus actual, true-ups and indicator statuses render,
 *    editing a realised figure moves the variance by exactly that amount, English renders;
 * 9. smoke test of the dev server (`npm run dev`): every page loads offline without errors.
 *
 * Chromium: CHROMIUM_PATH or /usr/bin/chromium. Missing Chromium fails the suite.
 */
import { spawn, spawnSync } from "node:child_process";
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
/** Slider moves timed: the first slider of a page gets more (the latency sample), the others a few. */
const FIRST_SLIDER_MOVES = 8;
const OTHER_SLIDER_MOVES = 1;
/** Pages whose charts appear only once the reader opens a case (checked by the tests of that page). */
const CHARTS_AFTER_INPUT = new Set(["eigen-case.html", "onzekerheid.html", "onderhandelen.html"]);
/** The study notebooks: the first slider must move the society NPV, within the latency budget. */
const STUDY_PAGES = ["ruwaard.html", "noord.html", "uden.html", "ede.html"];
/** Input event -> every number and chart updated and painted, median over a page's moves (ms). */
const LATENCY_BUDGET_MS = 100;

/** Notebook pages, same rule as vite.config.ts: notebooks/**\/*.html, skipping _* and .* */
function notebookPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith("_") || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return notebookPages(path);
    return entry.name.endsWith(".html") ? [relative(NOTEBOOKS, path).split("\\").join("/")] : [];
  });
}

/**
 * Ids of JS/TS cells that draw a chart: they use Plot directly or call a chart helper from
 * notebooks/lib/charts/charts.ts (`fooChart(`, `pocketHeatmap(`). Each must render an <svg>.
 */
function plotCellIds(source: string): string[] {
  const ids: string[] = [];
  for (const m of source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1] ?? "";
    const id = /\bid="?(\d+)/.exec(attrs)?.[1];
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1] ?? "module";
    const body = m[2] ?? "";
    if (id && /^(module|text\/x-typescript)$/.test(type) && !/\bhidden\b/.test(attrs) && (/\bPlot\.\w+/.test(body) || /\b\w+(Chart|Heatmap)\(/.test(body)) && !/\bimport\b/.test(body)) {
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
  /** input event -> the watched figures ([data-kpi], else the page text) changed (ms) */
  first: number;
  /** input event -> the last DOM change it caused: every number and chart updated (ms) */
  settled: number;
  /** input event -> the animation frame after that last change, i.e. painted (ms) */
  painted: number;
  /** the society NPV (`[data-kpi=npv]`) text changed */
  npvChanged: boolean;
}

/**
 * Presses `key` on range input number `index`; resolves once the page has been quiet for
 * `quietMs` after the last change, with the timings, or null if the figures did not change.
 */
async function moveSlider(page: Page, index: number, key: string, quietMs = 100): Promise<SliderTiming | null> {
  const range = page.locator("main input[type=range]").nth(index);
  await range.scrollIntoViewIfNeeded();
  await range.focus();
  await page.evaluate(
    ([i, quiet]) => {
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
      const npv = () => Array.from(main.querySelectorAll('[data-kpi="npv"]'), (k) => k.textContent).join("|");
      const before = text();
      const npvBefore = npv();
      w.__sliderTiming = new Promise((resolvePromise) => {
        let t0: number | undefined, first: number | undefined, last: number | undefined, painted: number | undefined;
        let quietTimer: ReturnType<typeof setTimeout> | undefined;
        const onInput = (event: Event) => {
          if (event.target === input && t0 === undefined) t0 = performance.now();
        };
        document.addEventListener("input", onInput, { capture: true });
        const observer = new MutationObserver(() => {
          if (t0 === undefined) return;
          last = performance.now();
          if (first === undefined && text() !== before) first = last;
          requestAnimationFrame(() => { painted = performance.now(); });
          clearTimeout(quietTimer);
          quietTimer = setTimeout(done, quiet);
        });
        observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
        const timeout = setTimeout(done, 5_000);
        function done() {
          observer.disconnect();
          clearTimeout(timeout);
          clearTimeout(quietTimer);
          document.removeEventListener("input", onInput, { capture: true });
          if (t0 === undefined || first === undefined || last === undefined) return resolvePromise(null);
          resolvePromise({ first: first - t0, settled: last - t0, painted: (painted ?? last) - t0, npvChanged: npv() !== npvBefore });
        }
      });
    },
    [index, quietMs] as const,
  );
  await range.press(key);
  return page.evaluate(() => (window as unknown as { __sliderTiming: Promise<SliderTiming | null> }).__sliderTiming);
}

/**
 * A full-page screenshot with every cell drawn: the pages let cells out of view skip rendering
 * (content-visibility: auto), which a reader scrolling never notices but a screenshot of the
 * whole page would show as blank space.
 */
async function screenshot(page: Page, path: string): Promise<void> {
  const style = await page.addStyleTag({ content: "main > .observablehq--cell { content-visibility: visible !important; }" });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    await style.evaluate((el) => (el as Element).remove());
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
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
    rmSync(SHOTS, { recursive: true, force: true }); // no screenshots of pages that no longer exist
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

  /** A fresh browser context that can reach only the local server, and a page in it. */
  async function openPage(path: string, options: { lang?: string } = {}) {
    if (!browser || !server) throw new Error("setup failed");
    const origin = server.origin;
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: "block", acceptDownloads: true });
    // Only the local server is reachable; anything else is aborted (and reported).
    await context.route("**/*", (route) =>
      route.request().url().startsWith(origin + "/") ? route.continue() : route.abort("blockedbyclient"),
    );
    const page = await context.newPage();
    const issues = watch(page, origin);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const t0 = performance.now();
    await page.goto(`${origin}/${path}${options.lang ? `?lang=${options.lang}` : ""}`, { waitUntil: "load" });
    await settle(page);
    return { context, page, issues, dialogs, loadMs: Math.round(performance.now() - t0) };
  }

  function expectClean(issues: PageIssues, dialogs: string[] = []) {
    expect(issues.failed, "failed requests").toEqual([]);
    expect(issues.external, "requests to other hosts").toEqual([]);
    expect(issues.consoleErrors, "console errors").toEqual([]);
    expect(dialogs, "dialogs (alert) opened").toEqual([]);
  }

  for (const name of pages) {
    it(`page ${name}`, async () => {
      const source = readFileSync(join(NOTEBOOKS, name), "utf-8");
      expect(existsSync(join(DIST, name)), `${name} was not built`).toBe(true);
      const { context, page, issues, dialogs, loadMs } = await openPage(name);
      const shot = name.replace(/\.html$/, "").replaceAll("/", "__");
      const pageMetrics: Record<string, unknown> = { loadAndSettleMs: loadMs };
      (metrics.pages as Record<string, unknown>)[name] = pageMetrics;
      try {
        await screenshot(page, join(SHOTS, `${shot}.png`));

        // No cell rendered an error (the inspector shows errors with this class).
        const cellErrors = await page.locator("main .observablehq--error").allTextContents();
        expect(cellErrors, "cell errors").toEqual([]);

        // Every chart cell rendered an <svg>.
        const plotCells = CHARTS_AFTER_INPUT.has(name) ? [] : plotCellIds(source);
        for (const id of plotCells) {
          expect(await page.locator(`#cell-${id} svg`).count(), `cell ${id} (chart) has no <svg>`).toBeGreaterThan(0);
        }
        pageMetrics.chartCells = plotCells.length;

        // Every range slider changes the displayed figures; time input event -> every update.
        const sliders = await page.locator("main input[type=range]").count();
        pageMetrics.sliders = sliders;
        const timings: SliderTiming[] = [];
        for (let i = 0; i < sliders; i++) {
          const range = page.locator("main input[type=range]").nth(i);
          const atMax = await range.evaluate((el) => {
            const input = el as HTMLInputElement;
            return Number(input.value) >= Number(input.max);
          });
          const moves = i === 0 ? FIRST_SLIDER_MOVES : OTHER_SLIDER_MOVES;
          for (let step = 0; step < moves; step++) {
            // Alternate so the value really changes (a slider at an end would not move).
            const key = (step % 2 === 0) === atMax ? "ArrowLeft" : "ArrowRight";
            const timing = await moveSlider(page, i, key);
            expect(timing, `slider ${i} (move ${step}) on ${name} did not change the displayed figures`).not.toBeNull();
            timings.push(timing!);
            if (i === 0 && STUDY_PAGES.includes(name)) {
              expect(timing!.npvChanged, `the first slider on ${name} did not change the NPV shown`).toBe(true);
            }
          }
        }
        if (timings.length) {
          const stats = (xs: number[]) => ({ median: round(median(xs)), p90: round(quantile(xs, 0.9)), max: round(Math.max(...xs)) });
          pageMetrics.sliderLatencyMs = {
            samples: timings.length,
            firstFigure: stats(timings.map((t) => t.first)),
            allUpdated: stats(timings.map((t) => t.settled)),
            painted: stats(timings.map((t) => t.painted)),
          };
          if (STUDY_PAGES.includes(name)) {
            const painted = median(timings.map((t) => t.painted));
            expect(painted, `median slider -> painted latency on ${name} (ms)`).toBeLessThan(LATENCY_BUDGET_MS);
          }
          await settle(page);
          await screenshot(page, join(SHOTS, `${shot}--after-slider.png`));
          for (const id of plotCells) {
            expect(await page.locator(`#cell-${id} svg`).count(), `cell ${id} lost its <svg>`).toBeGreaterThan(0);
          }
        }
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  it("study pages and the start page render in English (?lang=en) without errors", async () => {
    for (const [name, phrase] of [["index.html", "Business cases for cross-domain initiatives"], ["noord.html", "Net present value, society"], ["onzekerheid.html", "Run simulation"]] as const) {
      const { context, page, issues, dialogs } = await openPage(name, { lang: "en" });
      try {
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
        await expect.poll(() => page.locator("main").innerText()).toContain(phrase);
        expect(await page.locator("main .observablehq--error").count()).toBe(0);
        // Dutch prose is hidden; the menu offers Dutch.
        expect(await page.locator(".bc-nav").innerText()).toContain("Nederlands");
        if (name === "index.html") await screenshot(page, join(SHOTS, "index--en.png"));
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }
  }, 60_000);

  describe("bring your own case (eigen-case.html)", () => {
    const MALFORMED = [
      "id: kapot",
      "title: Kapotte case",
      "priceYear: 2024",
      "startYear: 2025",
      "horizon: 5",
      "partners:",
      "  - { id: gemeente, name: Gemeente, kind: municipality }",
      "domains:",
      "  - { id: wmo, name: Wmo, funder: gemeent }",
      "effects:",
      "  - { id: e, label: Effect, domain: wmo, quantity: 10, unitPrice: 100, attribution: 1.5 }",
      "",
    ].join("\n");
    const HOSTILE = "<img src=x onerror=alert(1)>";
    const hostileCase = [
      "id: xss",
      `title: '${HOSTILE}'`,
      "priceYear: 2024",
      "startYear: 2025",
      "horizon: 3",
      "partners:",
      `  - { id: g, name: '${HOSTILE}', kind: municipality }`,
      "  - { id: z, name: '<b>Verzekeraar</b>', kind: insurer }",
      "domains:",
      "  - { id: wmo, name: Wmo, funder: g }",
      "  - { id: zvw, name: Zvw, funder: z }",
      "parameters:",
      "  n: { value: 100, assumption: true, label: '<script>alert(2)</script>' }",
      "investments:",
      `  - { id: i, label: '<img src=y onerror=alert(3)>', bearer: g, domain: wmo, amount: 1000 }`,
      "effects:",
      "  - { id: e, label: '<i>Effect</i>', domain: zvw, quantity: n, unitPrice: 50 }",
      "",
    ].join("\n");
    const file = (name: string, text: string) => ({ name, mimeType: "text/yaml", buffer: Buffer.from(text) });

    it("rejects a malformed file with a readable error that names the path and line", async () => {
      const { context, page, issues, dialogs } = await openPage("eigen-case.html");
      try {
        await page.locator("input[type=file]").setInputFiles(file("kapot.yaml", MALFORMED));
        const box = page.locator(".bc-issues");
        await expect.poll(() => box.count()).toBe(1);
        const text = await box.innerText();
        expect(text).toContain("kapot.yaml");
        expect(text).toMatch(/effects\[0\]\.attribution: moet tussen 0 en 1 liggen/);
        expect(text).toMatch(/regel 11:/);
        expect(text).toMatch(/domains\[0\]\.funder: onbekende partner "gemeent"/);
        expect(await page.locator("[data-kpi=npv]").count(), "no results for an invalid case").toBe(0);
        await screenshot(page, join(SHOTS, "eigen-case--malformed.png"));
        // Not YAML at all.
        await page.locator("input[type=file]").setInputFiles(file("geen.yaml", "partners: [unclosed\n"));
        await expect.poll(() => box.innerText()).toMatch(/YAML is niet te lezen/);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 60_000);

    it("renders a valid file, keeps it (and the changed parameters) across a reload, and downloads case and results", async () => {
      const { context, page, issues, dialogs } = await openPage("eigen-case.html");
      try {
        await page.locator("input[type=file]").setInputFiles(file("minimal.yaml", readFileSync(join(ROOT, "examples/minimal.yaml"), "utf-8")));
        const npv = page.locator('[data-kpi="npv"]').first();
        await expect.poll(() => npv.count()).toBe(1);
        await settle(page);
        expect(await page.locator("main figure svg, main svg[class*=plot]").count(), "charts").toBeGreaterThanOrEqual(3);
        expect(await page.locator("main .observablehq--error").count()).toBe(0);
        const before = await npv.textContent();
        const moved = await moveSlider(page, 0, "ArrowRight");
        expect(moved?.npvChanged, "moving a parameter changes the NPV").toBe(true);
        const after = await npv.textContent();
        expect(after).not.toBe(before);
        await screenshot(page, join(SHOTS, "eigen-case--valid.png"));

        // Work in progress survives a reload.
        await page.reload({ waitUntil: "load" });
        await settle(page);
        await expect.poll(() => page.locator('[data-kpi="npv"]').first().textContent()).toBe(after);

        // Downloads: the ledger as CSV, the JSON contract, the case with the change written in.
        const download = async (label: RegExp) => {
          const [d] = await Promise.all([page.waitForEvent("download"), page.locator("button", { hasText: label }).click()]);
          return readFileSync((await d.path())!, "utf-8");
        };
        const csv = await download(/Grootboek \(CSV\)/);
        expect(csv.split("\n")[0]).toBe("year,partner,domain,line,kind,amount,discounted,cashable,counterparty");
        expect(csv.split("\n").length).toBeGreaterThan(5);
        const json = JSON.parse(await download(/Resultaten \(JSON\)/)) as { contract: string; society: { npv: number } };
        expect(json.contract).toBe("bcase/evaluate@1");
        const yaml = await download(/^Case-bestand \(/);
        expect(yaml).toMatch(/changed in the notebook; was/);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 60_000);

    it("shows names from a case file as text, never as HTML", async () => {
      const { context, page, issues, dialogs } = await openPage("eigen-case.html");
      try {
        await page.locator("input[type=file]").setInputFiles(file("xss.yaml", hostileCase));
        await expect.poll(() => page.locator('[data-kpi="npv"]').count()).toBeGreaterThan(0);
        await settle(page);
        const main = page.locator("main");
        expect(await main.locator("img").count(), "no <img> from a case file").toBe(0);
        expect(await main.locator("b, i").filter({ hasText: /Verzekeraar|Effect/ }).count(), "no markup from a case file").toBe(0);
        expect(await main.locator("script").filter({ hasText: "alert" }).count()).toBe(0);
        const text = (await main.textContent()) ?? "";
        expect(text).toContain(HOSTILE); // the partner name, shown literally in tables and charts
        expect(text).toContain("<script>alert(2)</script>");
        expect(await main.locator("svg text").filter({ hasText: HOSTILE }).count(), "chart labels are text").toBeGreaterThan(0);
        await screenshot(page, join(SHOTS, "eigen-case--hostile-names.png"));
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 60_000);
  });

  describe("uncertainty (onzekerheid.html)", () => {
    const SAMPLES = 30_000;
    const SEED = 7;
    it("runs the Monte Carlo in Web Workers with progress, keeps the page responsive, and matches the CLI", async () => {
      // The CLI reference run (one thread: same chunks, same streams), started before the browser run.
      const cli = new Promise<{ statusQuo: { society: { npv: { mean: number; p50: number } ; probabilityOfLoss: number }; partners: { id: string; npv: { p50: number } }[] } }>((resolvePromise, reject) => {
        const child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "cli/bcase.ts"), "simulate", join(ROOT, "examples/rich.yaml"), "--samples", String(SAMPLES), "--seed", String(SEED), "-w", "1", "--format", "json"], { cwd: ROOT });
        let out = "", err = "";
        child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
        child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`bcase simulate exited ${code}: ${err}`))));
      });
      const { context, page, issues, dialogs } = await openPage("onzekerheid.html");
      const pageMetrics: Record<string, unknown> = {};
      (metrics.pages as Record<string, Record<string, unknown>>)["onzekerheid.html"] = { ...((metrics.pages as Record<string, Record<string, unknown>>)["onzekerheid.html"] ?? {}), run: pageMetrics };
      try {
        // Before a run: the tornado (no simulation needed) and the switching values are there.
        expect(await page.locator("#cell-16 svg").count(), "tornado before the run").toBeGreaterThan(0);
        expect(await page.locator("[data-sim=switching] tbody tr").count()).toBeGreaterThan(3);
        await page.locator("input[name=samples]").fill(String(SAMPLES));
        await page.locator("input[name=seed]").fill(String(SEED));
        // Watch the main thread: the gaps between animation frames, and whether the progress bar shows.
        await page.evaluate(() => {
          const w = window as unknown as { __run: { gaps: number[]; ends: number[]; sawProgress: boolean; stop: boolean; doneAt?: number } };
          w.__run = { gaps: [], ends: [], sawProgress: false, stop: false };
          const panel = document.querySelector("[data-sim=panel]")!;
          panel.addEventListener("input", () => { w.__run.doneAt = performance.now(); });
          let last = performance.now();
          const frame = (now: number) => {
            w.__run.gaps.push(now - last);
            w.__run.ends.push(now);
            last = now;
            const bar = document.querySelector<HTMLProgressElement>("[data-sim=progress]");
            if (bar && !bar.hidden) w.__run.sawProgress = true;
            if (!w.__run.stop) requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        });
        const clickAt = await page.evaluate(() => performance.now());
        await page.locator("[data-sim=run]").click();
        // While it runs, the reader can still change the partner of the tornado: time that.
        await expect.poll(() => page.locator("[data-sim=panel]").getAttribute("data-running"), { timeout: 10_000 }).toBe("true");
        const select = page.locator("#cell-13 select");
        const inputLatency = await page.evaluate(() => new Promise<number>((resolvePromise) => {
          const select = document.querySelector<HTMLSelectElement>("#cell-13 select")!;
          const target = document.querySelector("#cell-16")!;
          const t0 = performance.now();
          const observer = new MutationObserver(() => { observer.disconnect(); resolvePromise(performance.now() - t0); });
          setTimeout(() => { observer.disconnect(); resolvePromise(Infinity); }, 5_000);
          observer.observe(target, { subtree: true, childList: true });
          select.selectedIndex = 1;
          select.dispatchEvent(new Event("input", { bubbles: true }));
        }));
        const stillRunning = (await page.locator("[data-sim=panel]").getAttribute("data-running")) === "true";
        await expect.poll(() => page.locator("[data-sim=summary]").count(), { timeout: 60_000 }).toBe(1);
        await settle(page);
        const run = await page.evaluate((t0) => {
          const w = window as unknown as { __run: { gaps: number[]; ends: number[]; sawProgress: boolean; stop: boolean; doneAt?: number } };
          w.__run.stop = true;
          const doneAt = w.__run.doneAt ?? Infinity;
          // Gaps that ended while the workers ran (click -> result handed to the page), and the
          // frames after, while the page draws the results (table, a CDF per partner, the fan).
          const during = w.__run.gaps.filter((_, i) => w.__run.ends[i]! > t0 && w.__run.ends[i]! <= doneAt);
          const after = w.__run.gaps.filter((_, i) => w.__run.ends[i]! > doneAt);
          return { during, after, sawProgress: w.__run.sawProgress };
        }, clickAt);
        const ms = Number(await page.locator("[data-sim=panel]").getAttribute("data-ms"));
        pageMetrics.samples = SAMPLES;
        pageMetrics.simulationMs = ms;
        pageMetrics.framesDuringRun = run.during.length;
        pageMetrics.longestFrameGapDuringRunMs = round(Math.max(...run.during));
        pageMetrics.medianFrameGapDuringRunMs = round(median(run.during));
        pageMetrics.p95FrameGapDuringRunMs = round(quantile(run.during, 0.95));
        pageMetrics.longestFrameGapDrawingResultsMs = round(Math.max(0, ...run.after));
        pageMetrics.selectDuringRunMs = round(inputLatency);
        pageMetrics.selectDuringRunWhileRunning = stillRunning;
        expect(run.sawProgress, "the progress bar showed").toBe(true);
        expect(ms).toBeGreaterThan(0);
        // The page never froze while the workers ran: frames kept coming, half of them within two
        // frame times (the page's thread only receives progress). The longest single gap is
        // reported; on the shared 2-core test machine (load average 4 to 7) it was 17 to 100 ms,
        // once 383 ms with nothing running on the page's thread, so its bound is loose. Drawing
        // the results afterwards is ordinary main-thread work (like a slider move), bounded loosely.
        expect(run.during.length, "frames during the run").toBeGreaterThan(5);
        expect(median(run.during), "median gap between animation frames during the run (ms)").toBeLessThan(40);
        expect(Math.max(...run.during), "longest gap between animation frames during the run (ms)").toBeLessThan(500);
        expect(Math.max(0, ...run.after), "longest frame gap while drawing the results (ms)").toBeLessThan(1000);
        expect(inputLatency, "a select changed during the run redraws its chart (ms)").toBeLessThan(250);
        expect(await select.inputValue()).not.toBe("");

        // Results: the table, a CDF per partner and society, the fan chart.
        const entities = (await page.locator("[data-sim=summary] tbody tr").count());
        expect(entities).toBeGreaterThan(2);
        expect(await page.locator("[data-sim=cdfs] svg[class*=plot]").count(), "one CDF per partner and society").toBe(entities);
        expect(await page.locator("#cell-14 svg").count(), "fan chart").toBeGreaterThan(0);
        expect(await page.locator("#cell-16 svg").count(), "tornado").toBeGreaterThan(0);
        const summary = await page.locator("[data-sim=summary]").innerText();
        expect(summary).toMatch(/EUR -?\d{1,3}(\.\d{3})+/); // Dutch format
        expect(summary).toMatch(/\d+,\d\s?%/);
        await screenshot(page, join(SHOTS, "onzekerheid--run.png"));

        // Same seed, same numbers as `bcase simulate --format json`.
        const reference = await cli;
        const cents = async (key: string) => Number(await page.locator(`[data-sim-cell="${key}"]`).getAttribute("data-cents"));
        expect(Math.round(await cents("__society__:mean")) / 100).toBe(reference.statusQuo.society.npv.mean);
        expect(Math.round(await cents("__society__:p50")) / 100).toBe(reference.statusQuo.society.npv.p50);
        const first = reference.statusQuo.partners[0]!;
        expect(Math.round(await cents(`${first.id}:p50`)) / 100).toBe(first.npv.p50);
        expect(Number(await page.locator('[data-sim-cell="__society__:loss"]').getAttribute("data-value"))).toBe(reference.statusQuo.society.probabilityOfLoss);

        // Cancel: a second run stopped right away says so and keeps the previous results.
        await page.locator("[data-sim=run]").click();
        await page.locator("[data-sim=cancel]").click();
        await expect.poll(() => page.locator("[data-sim=status]").textContent()).toMatch(/Geannuleerd/);
        expect(await page.locator("[data-sim=summary]").count()).toBe(1);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 90_000);
  });

  describe("decision support (onderhandelen.html, onzekerheid.html, vergelijken.html)", () => {
    it("the negotiation page finds the deal the CLI finds, re-evaluated, with its map", async () => {
      const { context, page, issues, dialogs } = await openPage("onderhandelen.html");
      try {
        await page.locator("[data-decision=negotiate-run]").click();
        await expect.poll(() => page.locator("[data-decision=negotiate]").getAttribute("data-running"), { timeout: 120_000 }).toBe("false");
        await expect.poll(() => page.locator("[data-decision=deal]").textContent()).toMatch(/Nagerekend door de rekenkern/);
        // The same deal as `bcase negotiate examples/rich.yaml` (docs/decision.md): NPVs in cents.
        const cli = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "cli/bcase.ts"), "negotiate", join(ROOT, "examples/rich.yaml"), "-f", "json"], { cwd: ROOT, encoding: "utf-8" });
        const deal = JSON.parse(cli.stdout) as { best: { npv: Record<string, number> } };
        const cells = await page.locator("[data-decision=deal-table] td[data-cents]").evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-cents"))));
        expect(cells.map((c) => Math.round(c) / 100)).toEqual(Object.values(deal.best.npv));
        expect(await page.locator("#cell-11 svg").count(), "the map").toBeGreaterThan(0);
        await screenshot(page, join(SHOTS, "onderhandelen--deal.png"));
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 180_000);

    it("value of information and arrangements under uncertainty on the uncertainty page", async () => {
      const { context, page, issues, dialogs } = await openPage("onzekerheid.html");
      try {
        await page.locator("[data-decision=voi] input[type=number]").first().fill("1000");
        await page.locator("[data-decision=voi-run]").click();
        await expect.poll(() => page.locator("[data-decision=voi]").getAttribute("data-running"), { timeout: 150_000 }).toBe("false");
        await expect.poll(() => page.locator("[data-decision=voi-table] tbody tr").count()).toBeGreaterThan(5);
        expect(await page.locator("[data-decision=summary]").textContent()).toMatch(/EVPI/);
        expect(await page.locator("[data-decision=flips]").textContent()).toMatch(/De beslissing kantelt per betaler voor Gemeente/);
        expect(await page.locator("#cell-22 svg").count(), "the VOI chart").toBeGreaterThan(0);
        expect(await page.locator("#cell-24 svg").count(), "the chart of the arrangements").toBeGreaterThan(0);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 180_000);

    it("the compare page takes an uploaded case next to the bundled ones", async () => {
      const { context, page, issues, dialogs } = await openPage("vergelijken.html");
      try {
        const before = await page.locator("[data-decision=portfolio] tbody tr").count();
        await page.setInputFiles("[data-decision=upload] input[type=file]", [join(ROOT, "examples/minimal.yaml")]);
        await expect.poll(() => page.locator("[data-decision=portfolio] tbody tr").count()).toBe(before + 1);
        expect(await page.locator("[data-decision=portfolio]").textContent()).toMatch(/minimal\.yaml, toegevoegd/);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    }, 90_000);
  });

  describe("monitoring (monitoring.html)", () => {
    it("shows plan versus actual, true-ups and indicators, and follows an edited actual figure", async () => {
      const { context, page, issues, dialogs } = await openPage("monitoring.html");
      try {
        expect(await page.locator("#cell-8 svg").count(), "plan-versus-actual chart").toBeGreaterThan(0);
        expect(await page.locator("[data-monitoring=partners] tbody tr").count()).toBeGreaterThan(2);
        expect(await page.locator("[data-monitoring=trueup] tbody tr").count()).toBeGreaterThan(2);
        const statuses = await page.locator("[data-monitoring=indicators] [data-status]").allTextContents();
        expect(statuses).toEqual(expect.arrayContaining(["op koers", "niet op koers", "geen meting"]));
        // The neighbourhood team cost more in 2025 than planned: the municipality's variance.
        const variance = page.locator('[data-variance="gemeente:2025"]');
        const before = await variance.textContent();
        expect(before).toMatch(/^EUR -\d{1,3}(\.\d{3})*$/);
        const trueUps = await page.locator("[data-trueup]").allTextContents();
        const field = page.locator('input[data-actual="investment/wijkteam/2025"]');
        const t0 = Date.now();
        await field.fill("300000");
        await expect.poll(() => variance.textContent()).not.toBe(before);
        const editMs = Date.now() - t0;
        // 74,000 euros more spent than the case's actual: the variance grows by that much.
        const euros = (text: string | null) => Number((text ?? "").replace(/[^\d-]/g, ""));
        expect(euros(await variance.textContent()) - euros(before)).toBe(-74_000);
        expect(await page.locator("[data-trueup]").allTextContents(), "the true-ups follow").not.toEqual(trueUps);
        expect(await page.locator("#cell-8 svg").count()).toBeGreaterThan(0);
        await screenshot(page, join(SHOTS, "monitoring--edited.png"));
        (metrics.pages as Record<string, Record<string, unknown>>)["monitoring.html"] = { ...((metrics.pages as Record<string, Record<string, unknown>>)["monitoring.html"] ?? {}), editFieldToVarianceMs: editMs };
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
      const en = await openPage("monitoring.html", { lang: "en" });
      try {
        expect(await en.page.locator("[data-monitoring=indicators]").textContent()).toMatch(/on track/);
        expect(await en.page.locator("main .observablehq--error").count()).toBe(0);
        expectClean(en.issues, en.dialogs);
      } finally {
        await en.context.close();
      }
    }, 60_000);
  });

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
      const check = async (name: string) => {
        // A context (window) per page: a background tab gets no animation frames, and the
        // notebook runtime computes on animation frames.
        const own = await browser!.newContext({ serviceWorkers: "block" });
        await own.route("**/*", (route) =>
          route.request().url().startsWith(origin + "/") ? route.continue() : route.abort("blockedbyclient"),
        );
        const page = await own.newPage();
        const issues = watch(page, origin);
        await page.goto(`${origin}/${name}`, { waitUntil: "load" });
        await settle(page);
        for (const id of CHARTS_AFTER_INPUT.has(name) ? [] : plotCellIds(readFileSync(join(NOTEBOOKS, name), "utf-8"))) {
          // Three pages render at once on a dev server that transforms on demand: on a loaded
          // two-core machine a cell can compute for longer than settle()'s quiet period (a CI
          // run saw it), so give each chart up to 15 s to appear before counting.
          await page.locator(`#cell-${id} svg`).first().waitFor({ state: "attached", timeout: 15_000 }).catch(() => undefined);
          expect(await page.locator(`#cell-${id} svg`).count(), `dev ${name}: cell ${id} has no <svg>`).toBeGreaterThan(0);
        }
        expect(await page.locator("main .observablehq--error").allTextContents(), `dev ${name}: cell errors`).toEqual([]);
        expect(issues, `dev ${name}`).toEqual({ failed: [], external: [], consoleErrors: [] });
        await own.close();
      };
      try {
        // The first page makes the dev server transform the engine and the runtime; the others
        // then load in parallel (most of a page's time is waiting for the network to go idle).
        const [first, ...rest] = pages;
        if (first) await check(first);
        for (let i = 0; i < rest.length; i += 3) await Promise.all(rest.slice(i, i + 3).map(check));
      } finally {
        await context.close();
      }
    } finally {
      await dev.close();
    }
    metrics.devServerCheckMs = Math.round(performance.now() - t0);
  }, 120_000);
});
