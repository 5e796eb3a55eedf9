/**
 * End-to-end test of the notebooks site in a real (headless) Chromium.
 *
 * 1. builds the site with `vite build` into a fresh temp dir (so parallel runs and a
 *    running `npm run build` do not collide); SITE_PREBUILT=1 tests site/dist as built;
 * 2. serves the built site on 127.0.0.1 (random port) and opens every page with playwright-core;
 * 3. per page: no failed request, no request to another host (all others are blocked),
 *    no console error / page error / cell error, every chart cell shows an <svg>, every range
 *    slider changes the displayed figures when moved (on the study notebooks the first slider
 *    changes the society NPV, `[data-kpi=npv]`);
 * 4. per page, in Dutch and English, at 1366 x 900 and 390 x 844, before and after moving a
 *    slider: axe-core reports nothing serious or critical, no two tick labels of an axis
 *    overlap, the page does not scroll sideways; the page's own words are in its language;
 * 5. "bring your own case": a malformed file gives a readable error naming the path and line
 *    (at most 20 problems, then "en N meer"; a syntax error is one problem), a valid file (YAML,
 *    pasted text or an .xlsx workbook) is rendered, survives a reload and its downloads work,
 *    stale panels go when a broken file follows; names from a case file stay text;
 * 6. sharing: the state is in the URL (a reload keeps it), "Kopieer link" copies it and the link
 *    opened in a new page shows the same figures; printing a study page to PDF keeps every column
 *    of the partner table and starts with the print header;
 * 7. uncertainty (onzekerheid.html): a 30,000-sample Monte Carlo run in Web Workers shows its
 *    progress, stays answerable, renders results, a histogram with P(verlies), and equals
 *    `bcase simulate --seed 7`; a run can be cancelled;
 * 8. monitoring (monitoring.html): plan versus actual, true-ups and indicator statuses render,
 *    editing a realised figure moves the variance by exactly that amount, English renders;
 * 9. smoke test of the dev server (`npm run dev`): every page loads offline without errors.
 *
 * No test here asserts a duration (speed is `npm run bench`, bench/browser.ts); every wait is for
 * a condition, so the suite passes on a busy machine. Screenshots and PDFs go to test-output/.
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
import { axe, readerText, serious, sideways, tickOverlaps } from "./audit.ts";

/**
 * The longest any step waits for the page (a load, a chart, a worker's result) before the test
 * gives up: a ceiling against a real hang, never a speed check. On a machine busy with other
 * work (the suite must pass beside stress-ng --cpu 4) a page can take minutes to settle; speed
 * is measured in `npm run bench:browser`.
 */
const PATIENCE = 10 * 60_000;

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
/** Pages whose charts appear only once the reader opens a case (checked by the tests of that page). */
const CHARTS_AFTER_INPUT = new Set(["eigen-case.html", "onzekerheid.html", "onderhandelen.html"]);
/** The study notebooks: the first slider must move the society NPV, within the latency budget. */
const STUDY_PAGES = ["ruwaard.html", "noord.html", "uden.html", "ede.html"];
/** Viewports every page is checked at. */
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
/**
 * Words of the site's own texts (headings, table headers, labels, buttons, badges, key figures,
 * chart axes and legends) that belong to one language only: the English page must show none of
 * the Dutch ones and the reverse. A word both languages use ("Partners", "Status", "Parameter")
 * checks nothing and is not in the lists.
 */
const DUTCH_WORDS = ["Netto contante waarde", "Maatschappij", "aanname", "Kosten", "Baten", "Terugverdiend", "Gegevens van deze grafiek", "Kopieer link", "personen", "uur/jaar", "Financieringsvorm", "Conclusie", "Jaar", "Opbouw", "Investering", "Besparing", "Bedrag", "Aandeel", "looptijd", "trekkingen", "verlies"];
const ENGLISH_WORDS = ["Net present value", "Society", "assumption", "Costs", "Benefits", "Payback", "This chart's data", "Copy link", "people", "hour/year", "Financing form", "Conclusion", "Year", "How the result", "Investment", "Saving", "samples", "loss", "person"];

/**
 * Words of the bundled case files' texts (labels, names, notes, sources, descriptions, given in
 * both languages) in one language only: the English page shows none of the Dutch ones anywhere
 * in its text or charts, the Dutch page none of the English ones (ids, formulas and commands,
 * in `code`, are the same in both and not read; proper names such as "ONS welzijn" are not listed).
 */
const CASE_DUTCH_WORDS = ["Gemeente", "Zorgverzekeraar", "Minder", "Vermeden", "Inzet", "Attributie", "Loonkosten", "Marktaandeel", "Deel van", "illustratief", "aannames", "verzilverbaar", "Inwoners", "per jaar", "niet"];
const CASE_ENGLISH_WORDS = ["the", "and", "with", "not", "illustrative", "assumptions", "Fewer", "Municipality", "insurer", "per year", "Share of"];

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

/**
 * Waits until the network is idle and <main> has not changed for `quietMs` (the reactive runtime
 * has settled). `loadCeiling` bounds the wait for the network (a dev server transforming modules
 * on a loaded machine can take long).
 */
async function settle(page: Page, quietMs = 300, timeoutMs = PATIENCE, loadCeiling = PATIENCE): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: loadCeiling });
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

/**
 * Waits for a condition, not a time: until every chart cell in `ids` shows an <svg>, or a cell
 * shows an error (the caller's checks then say which), re-reading the page on every poll so a
 * reload in between (the dev server reloads a page when it has optimised a new dependency) does
 * not end the wait. `ceiling` only keeps a broken page from hanging the suite; on a busy machine
 * the wait simply lasts as long as the page needs. Resolves with the cells still without <svg>.
 */
async function chartsDrawn(page: Page, ids: readonly string[], ceiling = 120_000): Promise<string[]> {
  const missing = async () => {
    try {
      return await page.evaluate((cells) => {
        if (document.querySelector("main .observablehq--error")) return [];
        return cells.filter((id) => !document.querySelector(`#cell-${id} svg`));
      }, [...ids]);
    } catch {
      return [...ids]; // the page is navigating (a reload): not drawn yet
    }
  };
  try {
    await expect.poll(missing, { timeout: ceiling, interval: 250 }).toEqual([]);
  } catch {
    // The callers assert per cell, with its id in the message.
  }
  return missing();
}

/** The figures a slider should move: the key figures (`[data-kpi]`), else the page's text outside forms. */
async function figures(page: Page): Promise<{ all: string; npv: string }> {
  return page.evaluate(() => {
    const main = document.querySelector("main") ?? document.body;
    const kpis = main.querySelectorAll("[data-kpi]");
    let all: string;
    if (kpis.length) all = Array.from(kpis, (k) => k.textContent).join("|");
    else {
      const clone = main.cloneNode(true) as HTMLElement;
      clone.querySelectorAll("form, .bc-panel").forEach((f) => f.remove());
      all = clone.textContent ?? "";
    }
    const npv = Array.from(main.querySelectorAll('[data-kpi="npv"]'), (k) => k.textContent).join("|");
    return { all, npv };
  });
}

/**
 * Presses `key` on range input number `index` and waits until the displayed figures change;
 * resolves with whether the society NPV changed too, or null if nothing changed within 10 s.
 */
async function moveSlider(page: Page, index: number, key: string): Promise<{ npvChanged: boolean } | null> {
  const range = page.locator("main input[type=range]").nth(index);
  await range.scrollIntoViewIfNeeded();
  await range.focus();
  const before = await figures(page);
  await range.press(key);
  try {
    await expect.poll(async () => (await figures(page)).all, { timeout: PATIENCE }).not.toBe(before.all);
  } catch {
    return null;
  }
  await settle(page);
  return { npvChanged: (await figures(page)).npv !== before.npv };
}

/** Visible text of the elements the site words itself (not case-file content). */
async function siteWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const sel = "nav, main h1, main h2, main h3, main th, main label, main summary, main button, main .bc-badge, main .bc-kpi-label, main .bc-kpi-hint, main figure svg g[data-mark*='axis'] text, main figure [class*='-swatches'], main figure [class*='-legend'], main .bc-conclusion, main .bc-scroll-hint, main .bc-unit, main .bc-shown";
    return Array.from(document.querySelectorAll<HTMLElement>(sel)).filter((e) => e.offsetParent !== null || e.closest("svg")).map((e) => (e as HTMLElement).innerText ?? e.textContent ?? "").join("\n");
  });
}

/** The words of `list` that occur in `text` (as words: "Jaar" is not found in "Jaarlijks"). */
function wordsIn(text: string, list: readonly string[]): string[] {
  return list.filter((w) => new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}($|[^\\p{L}])`, "u").test(text));
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

/** Prints the page (print media, A4) to test-output/`name` and reads its text with pdftotext (pages split by \f). */
async function printPdf(page: Page, name: string): Promise<{ pdfPath: string; text: { stdout: string } }> {
  await page.emulateMedia({ media: "print" });
  const pdfPath = join(OUT, name);
  mkdirSync(OUT, { recursive: true });
  await page.pdf({ path: pdfPath, format: "A4", printBackground: true });
  const text = spawnSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf-8" });
  expect(text.status, `pdftotext: ${text.stderr}`).toBe(0);
  return { pdfPath, text };
}

const pages = notebookPages(NOTEBOOKS);
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
      const vite = join(ROOT, "node_modules/vite/bin/vite.js");
      const args = [vite, "build", "--logLevel", "warn", "--outDir", DIST, "--emptyOutDir"];
      const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf-8" });
      if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    } else if (!existsSync(join(DIST, "index.html"))) {
      throw new Error(`SITE_PREBUILT=1 but ${DIST}/index.html does not exist; run npm run build`);
    }
    rmSync(SHOTS, { recursive: true, force: true }); // no screenshots of pages that no longer exist
    mkdirSync(SHOTS, { recursive: true });
    server = await serveStatic(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(TMP, { recursive: true, force: true });
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
  async function openPage(path: string, options: { lang?: string; viewport?: { width: number; height: number }; query?: string } = {}) {
    if (!browser || !server) throw new Error("setup failed");
    const origin = server.origin;
    const context = await browser.newContext({ viewport: options.viewport ?? VIEWPORTS.desktop, serviceWorkers: "block", acceptDownloads: true });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    // Only the local server is reachable; anything else is aborted (and reported).
    await context.route("**/*", (route) =>
      route.request().url().startsWith(origin + "/") ? route.continue() : route.abort("blockedbyclient"),
    );
    context.setDefaultTimeout(PATIENCE);
    const page = await context.newPage();
    const issues = watch(page, origin);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const query = [options.lang ? `lang=${options.lang}` : "", options.query ?? ""].filter(Boolean).join("&");
    await page.goto(`${origin}/${path}${query ? `?${query}` : ""}`, { waitUntil: "load" });
    await settle(page);
    await waitForCharts(page, path);
    return { context, page, issues, dialogs };
  }

  function expectClean(issues: PageIssues, dialogs: string[] = []) {
    expect(issues.failed, "failed requests").toEqual([]);
    expect(issues.external, "requests to other hosts").toEqual([]);
    expect(issues.consoleErrors, "console errors").toEqual([]);
    expect(dialogs, "dialogs (alert) opened").toEqual([]);
  }

  /** Waits until every chart cell of a page shows its <svg> (a busy machine computes slowly). */
  async function waitForCharts(page: Page, path: string) {
    const name = path.split("?")[0]!;
    if (CHARTS_AFTER_INPUT.has(name) || !existsSync(join(NOTEBOOKS, name))) return;
    await chartsDrawn(page, plotCellIds(readFileSync(join(NOTEBOOKS, name), "utf-8")));
  }

  /** axe-core (nothing serious or critical), tick labels that do not overlap, no sideways scrolling. */
  async function expectAccessibleLayout(page: Page, what: string) {
    expect(serious(await axe(page)), `axe, serious or critical: ${what}`).toEqual([]);
    expect(await tickOverlaps(page), `overlapping tick labels: ${what}`).toEqual([]);
    const side = await sideways(page);
    expect(side.overflow, `scrolls sideways: ${what} (${side.culprits.join(", ")})`).toBeLessThanOrEqual(0);
  }

  for (const name of pages) {
    it(`page ${name}`, async () => {
      const source = readFileSync(join(NOTEBOOKS, name), "utf-8");
      expect(existsSync(join(DIST, name)), `${name} was not built`).toBe(true);
      const { context, page, issues, dialogs } = await openPage(name);
      const shot = name.replace(/\.html$/, "").replaceAll("/", "__");
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
        await expectAccessibleLayout(page, `${name}, nl, desktop`);

        // Every range slider changes the displayed figures.
        const sliders = await page.locator("main input[type=range]").count();
        for (let i = 0; i < sliders; i++) {
          const range = page.locator("main input[type=range]").nth(i);
          const atMax = await range.evaluate((el) => Number((el as HTMLInputElement).value) >= Number((el as HTMLInputElement).max));
          const moved = await moveSlider(page, i, atMax ? "ArrowLeft" : "ArrowRight");
          expect(moved, `slider ${i} on ${name} did not change the displayed figures`).not.toBeNull();
          if (i === 0 && STUDY_PAGES.includes(name)) expect(moved!.npvChanged, `the first slider on ${name} did not change the NPV shown`).toBe(true);
        }
        if (sliders > 0) {
          await settle(page);
          await screenshot(page, join(SHOTS, `${shot}--after-slider.png`));
          for (const id of plotCells) {
            expect(await page.locator(`#cell-${id} svg`).count(), `cell ${id} lost its <svg>`).toBeGreaterThan(0);
          }
          await expectAccessibleLayout(page, `${name}, nl, desktop, after moving the sliders`);
        }
        expect(wordsIn(await siteWords(page), ENGLISH_WORDS), `English words on the Dutch ${name}`).toEqual([]);
        expect(wordsIn(await readerText(page), CASE_ENGLISH_WORDS), `English words (case texts) on the Dutch ${name}`).toEqual([]);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });

    it(`page ${name} in English and on a phone`, async () => {
      const shot = name.replace(/\.html$/, "").replaceAll("/", "__");
      // The other language and the phone: same checks (the phone also for sideways scrolling).
      for (const [lang, viewport] of [["nl", "phone"], ["en", "phone"], ["en", "desktop"]] as const) {
        const other = await openPage(name, { lang, viewport: VIEWPORTS[viewport] });
        try {
          expect(await other.page.evaluate(() => document.documentElement.lang)).toBe(lang);
          expect(await other.page.locator("main .observablehq--error").allTextContents()).toEqual([]);
          await expectAccessibleLayout(other.page, `${name}, ${lang}, ${viewport}`);
          if (lang === "en") {
            expect(wordsIn(await siteWords(other.page), DUTCH_WORDS), `Dutch words on the English ${name}`).toEqual([]);
            expect(wordsIn(await readerText(other.page), CASE_DUTCH_WORDS), `Dutch words (case texts) on the English ${name}`).toEqual([]);
          }
          if (viewport === "phone") await screenshot(other.page, join(SHOTS, `${shot}--${lang}-phone.png`));
          expectClean(other.issues, other.dialogs);
        } finally {
          await other.context.close();
        }
      }
    });
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
  });

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
    });

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
        // The Dutch page downloads what a Dutch Excel opens: BOM, ';', decimal comma, CRLF (io/csv.ts).
        expect(csv.split("\r\n")[0]).toBe("\uFEFFarrangement;year;partner;domain;line;kind;amount;discounted;cashable;counterparty;reason");
        expect(csv.split("\r\n")[1]).toMatch(/^;\d{4};[^;]+;[^;]*;[^;]+;[a-z-]+;-?\d+,\d\d;-?\d+,\d\d;(true|false);/);
        expect(csv.split("\r\n").length).toBeGreaterThan(5);
        const json = JSON.parse(await download(/Resultaten \(JSON\)/)) as { contract: string; society: { npv: number } };
        expect(json.contract).toBe("bcase/evaluate@1");
        const yaml = await download(/^Case-bestand \(/);
        expect(yaml).toMatch(/changed in the notebook; was/);
        // The same case in English: its texts (given in both languages) follow the page.
        await page.goto(page.url().replace(/\?.*$/, "") + "?lang=en", { waitUntil: "load" });
        await settle(page);
        await expect.poll(() => page.locator('[data-kpi="npv"]').count()).toBeGreaterThan(0);
        const english = await readerText(page);
        expect(english).toContain("District team (2 FTE)");
        expect(wordsIn(english, CASE_DUTCH_WORDS), "Dutch words (case texts) on the English eigen-case.html").toEqual([]);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });

    it("takes pasted text and .xlsx workbooks, shows at most 20 problems, a syntax error once, and clears stale panels", async () => {
      const { context, page, issues, dialogs } = await openPage("eigen-case.html");
      try {
        // A workbook made by the command line's exporter, read by the same importer in the page.
        const { caseWorkbook } = await import("../../io/workbook/xlsx.ts");
        const { parseCaseText, loadCase, evaluateModel, formatEuro } = await import("../../engine/index.ts");
        const minimal = readFileSync(join(ROOT, "examples/minimal.yaml"), "utf-8");
        const parsed = parseCaseText(minimal, "yaml");
        if (!parsed.ok) throw new Error("examples/minimal.yaml does not parse");
        const xlsx = await caseWorkbook(parsed.data as Record<string, unknown>);
        await page.locator("input[type=file]").setInputFiles({ name: "minimaal.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(xlsx) });
        const npv = page.locator('main [data-kpi="npv"]').first();
        await expect.poll(() => npv.count(), { timeout: PATIENCE }).toBe(1);
        const model = loadCase(minimal, "yaml");
        if (!model.ok) throw new Error("examples/minimal.yaml is not valid");
        expect(await npv.textContent()).toBe(formatEuro(evaluateModel(model.model).society.npv, "nl", 0));
        await settle(page);
        await expectAccessibleLayout(page, "eigen-case.html with a case loaded");
        expect(await page.locator("main input[type=range]").count()).toBeGreaterThan(0);

        // A syntax error: one problem, at its line, in Dutch only; and the previous case's panels go.
        const broken = minimal.split("\n");
        broken[3] = broken[3] + " : [unclosed";
        await page.locator("details.bc-paste summary").click();
        await page.locator("details.bc-paste textarea").fill(broken.join("\n"));
        await page.locator("[data-byo=paste]").click();
        const box = page.locator(".bc-issues");
        await expect.poll(() => box.count()).toBe(1);
        expect(await box.getAttribute("data-issues")).toBe("1");
        expect(await box.innerText()).toMatch(/regel \d+: YAML is niet te lezen op regel \d+\. Controleer/);
        await settle(page);
        expect(await page.locator("main input[type=range]").count(), "no sliders of the previous case").toBe(0);
        expect(await page.locator("main figure svg").count(), "no charts of the previous case").toBe(0);
        expect(await page.locator('main [data-kpi="npv"]').count()).toBe(0);
        await expectAccessibleLayout(page, "eigen-case.html with a broken case");

        // Many problems: the first 20, then "en N meer".
        const many = ["id: veel", "title: Veel fouten", "priceYear: 2024", "startYear: 2025", "horizon: 3", "partners:", "  - { id: g, name: G, kind: municipality }", "domains:", "  - { id: wmo, name: Wmo, funder: g }", "effects:",
          ...Array.from({ length: 30 }, (_, i) => `  - { id: e${i}, label: E${i}, domain: wmo, quantity: 1, unitPrice: 1, attribution: 2 }`), ""].join("\n");
        await page.locator("details.bc-paste textarea").fill(many);
        await page.locator("[data-byo=paste]").click();
        await expect.poll(() => box.getAttribute("data-issues")).toBe("30");
        expect(await box.locator("li").count()).toBe(20);
        expect(await box.locator("[data-issues-more]").innerText()).toMatch(/en 10 meer/);
        // The template is offered for download.
        const [template] = await Promise.all([page.waitForEvent("download"), page.locator("a[download]").first().click()]);
        expect(readFileSync((await template.path())!).subarray(0, 2).toString()).toBe("PK"); // a zip: an .xlsx
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });

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
        // In the charts the name is SVG text: an axis label may be wrapped over several lines
        // (<tspan>s split at spaces), so each label is read line by line, joined with spaces.
        const svgLabels = await main.locator("svg text").evaluateAll((texts) =>
          texts.map((t) => {
            const lines = Array.from(t.querySelectorAll("tspan"), (s) => s.textContent ?? "");
            return (lines.length ? lines.join(" ") : t.textContent ?? "").replace(/\s+/g, " ").trim();
          }));
        expect(svgLabels.filter((label) => label.includes(HOSTILE)), "chart labels are text").not.toEqual([]);
        // And in each chart's data table (its text alternative), as the text of a cell.
        expect(await main.locator("figure.bc-chart td").filter({ hasText: HOSTILE }).count(), "chart data tables name it as text").toBeGreaterThan(0);
        await screenshot(page, join(SHOTS, "eigen-case--hostile-names.png"));
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });
  });

  describe("sharing and printing (ruwaard.html)", () => {
    it("keeps every change in the URL, and a copied link opened in a new page shows the same figures", async () => {
      const { context, page, issues, dialogs } = await openPage("ruwaard.html");
      try {
        expect(await moveSlider(page, 1, "ArrowLeft")).not.toBeNull();
        expect(await moveSlider(page, 2, "ArrowRight")).not.toBeNull();
        await page.locator("[data-form-select]").selectOption({ index: 1 });
        await settle(page);
        await expect.poll(() => page.evaluate(() => location.search)).toMatch(/form=/);
        const search = await page.evaluate(() => location.search);
        expect(search).toMatch(/p\.attribution=/);
        expect(search).toMatch(/p\.deadweight=/);
        const shown = async (p: Page) => ({
          kpis: await p.locator("main [data-kpi]").allTextContents(),
          conclusion: await p.locator("[data-conclusion]").innerText(),
          form: await p.locator("[data-form-select]").inputValue(),
        });
        const here = await shown(page);
        expect(here.conclusion).toMatch(/^Conclusie: Onder “/);
        await page.locator("[data-share=copy]").click();
        await expect.poll(() => page.locator(".bc-toolbar [role=status]").innerText()).toMatch(/Link gekopieerd/);
        const link = await page.evaluate(() => navigator.clipboard.readText());
        expect(link).toBe(await page.evaluate(() => location.href));
        // A new page (another browser context: nothing shared but the link).
        const other = await openPage(link.replace(/^https?:\/\/[^/]+\//, ""));
        try {
          await expect.poll(async () => (await shown(other.page)).kpis).toEqual(here.kpis);
          expect(await shown(other.page)).toEqual(here);
          expectClean(other.issues, other.dialogs);
        } finally {
          await other.context.close();
        }
        // A reload keeps it too.
        await page.reload({ waitUntil: "load" });
        await settle(page);
        await expect.poll(async () => (await shown(page)).kpis).toEqual(here.kpis);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });

    it("prints a study page to A4 PDF with the print header first and every column of the partner table", async () => {
      const { context, page, issues, dialogs } = await openPage("ruwaard.html");
      try {
        expect(await moveSlider(page, 1, "ArrowLeft")).not.toBeNull();
        await settle(page);
        const columns = await page.locator("[data-print-summary] table.bc-table thead th").allTextContents();
        expect(columns.length).toBeGreaterThanOrEqual(8);
        const hash = (await page.locator("[data-provenance]").first().getAttribute("data-provenance"))!.slice(0, 19);
        const { pdfPath, text } = await printPdf(page, "ruwaard-print.pdf");
        const pdf = text.stdout.replace(/\s+/g, " ");
        // A header may wrap in the PDF ("NCW" over "verzilverbaar"): every word of it is there.
        for (const c of columns) for (const word of c.trim().split(/\s+/)) expect(pdf, `column "${c}" in the PDF`).toContain(word);
        // The header comes first: case title, date, hash and the changed value.
        const firstPage = text.stdout.split("\f")[0]!.replace(/\s+/g, " ");
        expect(firstPage).toContain("Proeftuin Ruwaard");
        expect(firstPage).toMatch(/afgedrukt op \d{1,2} \w+ \d{4}/);
        expect(firstPage).toContain(hash);
        expect(firstPage).toMatch(/Gewijzigd ten opzichte van de gepubliceerde case: Attributie/);
        expect(firstPage).toMatch(/Conclusie:/);
        // No controls on paper.
        expect(pdf).not.toContain("Kopieer link");
        expect(pdf).not.toContain("Terug naar de waarden uit het case-bestand");
        // A picture to look at (test-output/ruwaard-print-1.png).
        spawnSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", pdfPath, join(OUT, "ruwaard-print")]);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });
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
      try {
        // Before a run: the tornado (no simulation needed) and the switching values are there.
        expect(await page.locator("#cell-16 svg").count(), "tornado before the run").toBeGreaterThan(0);
        expect(await page.locator("[data-sim=switching] tbody tr").count()).toBeGreaterThan(3);
        await page.locator("input[name=samples]").fill(String(SAMPLES));
        await page.locator("input[name=seed]").fill(String(SEED));
        // The settings are in the address (a reload or a shared link runs the same simulation).
        await expect.poll(() => page.evaluate(() => location.search)).toContain(`samples=${SAMPLES}`);
        expect(await page.evaluate(() => location.search)).toContain(`seed=${SEED}`);
        // Whether the progress bar ever shows while the workers run.
        await page.evaluate(() => {
          const w = window as unknown as { __sawProgress: boolean };
          w.__sawProgress = false;
          const bar = document.querySelector<HTMLProgressElement>("[data-sim=progress]")!;
          new MutationObserver(() => { if (!bar.hidden) w.__sawProgress = true; }).observe(bar, { attributes: true });
        });
        await page.locator("[data-sim=run]").click();
        await expect.poll(() => page.locator("[data-sim=panel]").getAttribute("data-running"), { timeout: PATIENCE }).toBe("true");
        // While it runs, the page still answers: changing the tornado's partner redraws the tornado.
        const tornadoBefore = await page.locator("#cell-16 figure").first().getAttribute("class");
        const heading = () => page.locator("#cell-16 h2").first().textContent();
        const headingBefore = await heading();
        await page.locator("#cell-13 select").selectOption({ index: 1 });
        await expect.poll(heading, { timeout: PATIENCE }).not.toBe(headingBefore);
        expect(tornadoBefore).toBeTruthy();
        await expect.poll(() => page.locator("[data-sim=summary]").count(), { timeout: PATIENCE }).toBe(1);
        await settle(page);
        expect(await page.evaluate(() => (window as unknown as { __sawProgress: boolean }).__sawProgress), "the progress bar showed").toBe(true);
        expect(Number(await page.locator("[data-sim=panel]").getAttribute("data-ms"))).toBeGreaterThan(0);

        // Society's histogram with the loss side and P(verlies) written out.
        await expect.poll(() => page.locator("[data-sim=histogram] svg").count()).toBeGreaterThan(0);
        expect(await page.locator("[data-sim=loss-sentence]").innerText()).toMatch(/P\(verlies\) = \d+,\d%/);
        expect(await page.locator("[data-sim=histogram] figure").innerText()).toMatch(/P\(verlies\) = /);
        await expectAccessibleLayout(page, "onzekerheid.html after a run");

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
    });
  });

  describe("decision support (onderhandelen.html, onzekerheid.html, vergelijken.html)", () => {
    it("the negotiation page finds the deal the CLI finds, re-evaluated, with its map; keeps the reader's choices in the URL; prints them", async () => {
      const { context, page, issues, dialogs } = await openPage("onderhandelen.html");
      try {
        // The page searches once when it opens (the case's ranges and conditions); a click searches again.
        await expect.poll(() => page.locator("[data-decision=deal]").count(), { timeout: PATIENCE }).toBe(1);
        await page.locator("[data-decision=negotiate-run]").click();
        await expect.poll(() => page.locator("[data-decision=negotiate]").getAttribute("data-running"), { timeout: PATIENCE }).toBe("false");
        await expect.poll(() => page.locator("[data-decision=deal]").textContent()).toMatch(/Nagerekend door de rekenkern/);
        // The same deal as `bcase negotiate examples/rich.yaml` (docs/decision.md): NPVs in cents.
        const cli = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "cli/bcase.ts"), "negotiate", join(ROOT, "examples/rich.yaml"), "-f", "json"], { cwd: ROOT, encoding: "utf-8" });
        const deal = JSON.parse(cli.stdout) as { best: { npv: Record<string, number> } };
        const cells = await page.locator("[data-decision=deal-table] td[data-cents]").evaluateAll((tds) => tds.map((td) => Number(td.getAttribute("data-cents"))));
        expect(cells.map((c) => Math.round(c) / 100)).toEqual(Object.values(deal.best.npv));
        expect(await page.locator("[data-decision=map] svg[role=img]").count(), "the map, an image with a name").toBeGreaterThan(0);
        expect(await page.locator("[data-decision=map] .bc-chart-data tbody tr").count(), "the map's data as a table").toBeGreaterThan(100);
        await expectAccessibleLayout(page, "onderhandelen.html after a search");
        await screenshot(page, join(SHOTS, "onderhandelen--deal.png"));

        // Narrow the insurer's range (a share, typed in per cent) and ask for at most 40 % chance of
        // a loss: both go into the address, the share as the fraction it always was there.
        await page.locator("[data-decision=negotiate] input[name=max1]").fill("80");
        await page.locator("[data-decision=negotiate] input[name=maxLoss]").fill("40");
        await page.locator("[data-decision=negotiate] select[name=grid]").selectOption("9");
        await expect.poll(() => page.evaluate(() => location.search)).toContain("max1=0.8");
        expect(await page.evaluate(() => location.search)).toMatch(/maxLoss=40.*grid=9|grid=9.*maxLoss=40/);
        // A reload keeps the choices and searches with them.
        await page.reload({ waitUntil: "load" });
        await settle(page);
        expect(await page.locator("[data-decision=negotiate] input[name=max1]").inputValue()).toBe("80");
        expect(await page.locator("[data-decision=negotiate] input[name=maxLoss]").inputValue()).toBe("40");
        await expect.poll(() => page.locator("[data-decision=searched]").textContent(), { timeout: PATIENCE }).toMatch(/zorgverzekeraar van 0% tot 80%;.*P\(verlies\) ≤ 40\s?%/);

        // On paper: no controls, the header with the case, the date and what was searched.
        const { pdfPath, text } = await printPdf(page, "onderhandelen-print.pdf");
        const firstPage = text.stdout.split("\f")[0]!.replace(/\s+/g, " ");
        expect(firstPage).toContain("Integrale ouderenzorg in de wijk");
        expect(firstPage).toMatch(/afgedrukt op \d{1,2} \w+ \d{4}/);
        expect(firstPage).toMatch(/Gezocht: Aandeel besparing zorgverzekeraar van 0% tot 80%/);
        // The choices the panel held (it is not printed) are in the header: the negotiation and who was at the table.
        expect(firstPage).toContain("Onderhandeling: Welk deel van hun besparing geven zorgverzekeraar en zorgkantoor door?");
        expect(firstPage).toContain("Aan tafel: Gemeente, Zorgverzekeraar, Zorgkantoor (Wlz).");
        expect(text.stdout).not.toContain("Zoek een afspraak");
        expect(text.stdout).not.toContain("Kopieer link");
        spawnSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", pdfPath, join(OUT, "onderhandelen-print")]);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });

    it("the negotiation panel at 1280 and 390 px, Dutch and English: the negotiation's name fits; shares in per cent; the partners at the table chosen from the keyboard", async () => {
      for (const [lang, width, height] of [["nl", 1280, 800], ["en", 1280, 800], ["nl", 390, 844], ["en", 390, 844]] as const) {
        const { context, page, issues, dialogs } = await openPage("onderhandelen.html", { lang, viewport: { width, height } });
        try {
          await expect.poll(() => page.locator("[data-decision=deal]").count(), { timeout: PATIENCE }).toBe(1);
          // The negotiation is named in full inside the viewport: nothing cut off, nothing to scroll.
          const named = page.locator("[data-decision=negotiation]");
          await named.scrollIntoViewIfNeeded();
          const box = (await named.boundingBox())!;
          expect(box.x, `${lang} ${width}: left edge`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `${lang} ${width}: right edge`).toBeLessThanOrEqual(width);
          const clipped = await named.evaluate((el) => [el, ...el.querySelectorAll("*")].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.outerHTML.slice(0, 80)));
          expect(clipped, `${lang} ${width}: clipped text in the negotiation's name`).toEqual([]);
          expect(await named.textContent()).toContain(lang === "nl" ? "Welk deel van hun besparing geven zorgverzekeraar en zorgkantoor door?" : "What share of their savings do the health insurer and the care office pass on?");
          // A share in per cent, in the page's number format.
          expect(await page.locator("[data-decision=negotiate] input[name=max1]").inputValue()).toBe("100");
          await expectAccessibleLayout(page, `onderhandelen.html panel, ${lang}, ${width} px`);
          await page.locator("[data-decision=negotiate]").screenshot({ path: join(SHOTS, `onderhandelen--panel-${lang}-${width}.png`) });
          expectClean(issues, dialogs);
        } finally {
          await context.close();
        }
      }

      const { context, page, issues, dialogs } = await openPage("onderhandelen.html");
      try {
        await expect.poll(() => page.locator("[data-decision=deal]").count(), { timeout: PATIENCE }).toBe(1);
        await expect.poll(() => page.locator("[data-decision=negotiate]").getAttribute("data-running"), { timeout: PATIENCE }).toBe("false");
        // Keyboard only: type 12,5 (Dutch) into the insurer's lower bound, then step it with the arrow key.
        const min1 = page.locator("[data-decision=negotiate] input[name=min1]");
        await min1.focus();
        await page.keyboard.press("ControlOrMeta+A");
        await page.keyboard.type("12,5");
        await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get("min1"))).toBe("0.125");
        await page.keyboard.press("ArrowUp");
        expect(await min1.inputValue()).toBe("17,5");
        await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get("min1"))).toBe("0.175");
        // Tab to the partners at the table: the care office leaves the table (Space), the hospital joins.
        const boxes = page.locator("[data-decision=table-partners] input[type=checkbox]");
        expect(await boxes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).map((e) => (e as HTMLInputElement).value))).toEqual(["gemeente", "zorgverzekeraar", "zorgkantoor"]);
        await boxes.first().focus();
        await page.keyboard.press("Tab");
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("zorgkantoor");
        await page.keyboard.press("Space");
        await page.keyboard.press("Tab");
        await page.keyboard.press("Space");
        expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("ziekenhuis");
        await expect.poll(() => page.evaluate(() => new URLSearchParams(location.search).get("table"))).toBe("gemeente,zorgverzekeraar,ziekenhuis");
        await page.locator("[data-decision=negotiate-run]").focus();
        await page.keyboard.press("Enter");
        await expect.poll(() => page.locator("[data-decision=searched]").textContent(), { timeout: PATIENCE }).toContain("Aan tafel: Gemeente, Zorgverzekeraar, Ziekenhuis.");
        await expect.poll(() => page.locator("[data-decision=negotiate]").getAttribute("data-running"), { timeout: PATIENCE }).toBe("false");
        expect(await page.locator("[data-decision=searched]").textContent()).toContain("Aandeel besparing zorgverzekeraar van 17,5% tot 100%");
        // The deal's table lists the partners at the table, and only them.
        expect(await page.locator("[data-decision=deal-table] tbody tr td:first-child").allTextContents()).toEqual(["Gemeente", "Zorgverzekeraar", "Ziekenhuis"]);
        await expectAccessibleLayout(page, "onderhandelen.html with the reader's table");
        await screenshot(page, join(SHOTS, "onderhandelen--own-table.png"));
        // A reload keeps the table and the range.
        await page.reload({ waitUntil: "load" });
        await settle(page);
        expect(await boxes.evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).map((e) => (e as HTMLInputElement).value))).toEqual(["gemeente", "zorgverzekeraar", "ziekenhuis"]);
        expect(await min1.inputValue()).toBe("17,5");
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });

    it("value of information and arrangements under uncertainty on the uncertainty page, settings in the URL", async () => {
      const { context, page, issues, dialogs } = await openPage("onzekerheid.html");
      try {
        await page.locator("[data-decision=voi] input[name=voi-samples]").fill("1000");
        await page.locator("[data-decision=voi] select[name=voi-under]").selectOption("status-quo");
        await expect.poll(() => page.evaluate(() => location.search)).toContain("voiSamples=1000");
        expect(await page.evaluate(() => location.search)).toContain("voiUnder=status-quo");
        await page.locator("[data-decision=voi-run]").click();
        await expect.poll(() => page.locator("[data-decision=voi]").getAttribute("data-running"), { timeout: PATIENCE }).toBe("false");
        await expect.poll(() => page.locator("[data-decision=voi-table] tbody tr").count()).toBeGreaterThan(5);
        expect(await page.locator("[data-decision=summary]").textContent()).toMatch(/EVPI/);
        expect(await page.locator("[data-decision=flips]").textContent()).toMatch(/De beslissing kantelt per betaler voor Gemeente/);
        expect(await page.locator("[data-decision=voi-chart] svg[role=img]").count(), "the VOI chart").toBeGreaterThan(0);
        expect(await page.locator("[data-decision=voi-chart] .bc-chart-data tbody tr").count(), "its data as a table").toBeGreaterThan(5);
        expect(await page.locator("[data-decision=flip-chart] svg[role=img]").count(), "the chart of the arrangements").toBeGreaterThan(0);
        // The correlated assumptions as a group.
        expect(await page.locator("[data-decision=voi-table]").textContent()).toMatch(/Samen \(/);
        await expectAccessibleLayout(page, "onzekerheid.html after the value of information");
        // The decision shown is in the address too; a reload keeps every setting.
        const other = await page.locator("[data-decision=decision] select").evaluate((el) => Array.from((el as HTMLSelectElement).options).map((o) => o.value).find((v) => v !== (el as HTMLSelectElement).value)!);
        await page.locator("[data-decision=decision] select").selectOption(other);
        await expect.poll(() => page.evaluate(() => location.search)).toMatch(/voiDecision=/);
        await page.reload({ waitUntil: "load" });
        await settle(page);
        expect(await page.locator("[data-decision=voi] input[name=voi-samples]").inputValue()).toBe("1000");
        expect(await page.locator("[data-decision=voi] select[name=voi-under]").inputValue()).toBe("status-quo");
        expect(await page.evaluate(() => location.search)).toContain(`voiDecision=${encodeURIComponent(other)}`);
        expectClean(issues, dialogs);
      } finally {
        await context.close();
      }
    });

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
    });
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
        await field.fill("300000");
        await expect.poll(() => variance.textContent()).not.toBe(before);
        // 74,000 euros more spent than the case's actual: the variance grows by that much.
        const euros = (text: string | null) => Number((text ?? "").replace(/[^\d-]/g, ""));
        expect(euros(await variance.textContent()) - euros(before)).toBe(-74_000);
        expect(await page.locator("[data-trueup]").allTextContents(), "the true-ups follow").not.toEqual(trueUps);
        expect(await page.locator("#cell-8 svg").count()).toBeGreaterThan(0);
        await screenshot(page, join(SHOTS, "monitoring--edited.png"));
        // The edit is in the address: a reload keeps it.
        await expect.poll(() => page.evaluate(() => location.search)).toContain("300000");
        await page.reload({ waitUntil: "load" });
        await settle(page);
        await expect.poll(() => page.locator('[data-variance="gemeente:2025"]').textContent()).not.toBe(before);
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
    });
  });

  it("dev server (npm run dev) serves every page offline, without errors, with its charts", async () => {
    if (!browser) throw new Error("setup failed (see the site suite)");
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
      context.setDefaultTimeout(PATIENCE);
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
        own.setDefaultTimeout(PATIENCE);
        const page = await own.newPage();
        const issues = watch(page, origin);
        await page.goto(`${origin}/${name}`, { waitUntil: "load", timeout: PATIENCE });
        await settle(page, 300, PATIENCE, PATIENCE);
        // A dev server transforms modules on demand (and may reload a page after optimising a
        // dependency), so on a loaded machine a chart can appear long after the page went quiet:
        // wait until every chart cell has drawn (or an error shows), then check each.
        const ids = CHARTS_AFTER_INPUT.has(name) ? [] : plotCellIds(readFileSync(join(NOTEBOOKS, name), "utf-8"));
        await chartsDrawn(page, ids);
        for (const id of ids) {
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
  });
});
