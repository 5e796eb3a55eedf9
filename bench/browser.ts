/**
 * `npm run bench -- --only site` (bench/parts/site.ts runs this file as a child process): how the published site feels, in headless Chromium, next to a
 * baseline measured in the same run on the same machine. Nothing here is asserted; the browser
 * tests check behaviour only (test/browser/site.test.ts).
 *
 *   slider      ruwaard.html: input event on the first slider -> every figure and chart updated
 *               and painted (median of 9 moves), next to the browser's floor: a bare page whose
 *               slider updates one text node (same measurement, same keys);
 *   frames      onzekerheid.html, a 30,000-sample run in Web Workers: gaps between animation
 *               frames on the page while it runs, next to the same page idle for as long;
 *   select      the tornado's partner select changed during the run -> chart redrawn, next to the
 *               same change with no run going.
 *
 * Builds the site into a temporary folder first (or uses site/dist with SITE_PREBUILT=1).
 * `--json` prints the figures as JSON.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Page } from "playwright-core";
import { serveStatic } from "../test/browser/static-server.ts";

const json = process.argv.includes("--json");
const ROOT = resolve(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "bench-browser-"));
const dist = process.env.SITE_PREBUILT === "1" ? join(ROOT, "site/dist") : join(tmp, "dist");
if (process.env.SITE_PREBUILT !== "1") {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "error", "--outDir", dist, "--emptyOutDir"], { cwd: ROOT, encoding: "utf-8" });
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr}`);
}
const server = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
// tsx (esbuild's keepNames) wraps named functions in `__name(...)`; the functions handed to
// page.evaluate run in the page, which needs that helper too.
const newContext = async (options: Parameters<typeof browser.newContext>[0]) => {
  const context = await browser.newContext(options);
  await context.addInitScript("globalThis.__name = (f) => f;");
  return context;
};
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)]! : NaN; };
const p95 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]! : NaN; };
const round = (x: number) => Math.round(x * 10) / 10;

/** Input event on slider `index` -> last DOM change in <main> and the frame after it (ms). */
async function sliderToPaint(page: Page, key: string): Promise<number> {
  const slider = page.locator("input[type=range]").first();
  await slider.focus();
  await page.evaluate(() => {
    const w = window as unknown as { __t: Promise<number> };
    w.__t = new Promise((done) => {
      let t0: number | undefined, painted = 0, timer: ReturnType<typeof setTimeout> | undefined;
      document.addEventListener("input", () => { t0 ??= performance.now(); }, { capture: true, once: true });
      const target = document.querySelector("main") ?? document.body;
      const obs = new MutationObserver(() => {
        if (t0 === undefined) return;
        requestAnimationFrame(() => { painted = performance.now(); });
        clearTimeout(timer);
        timer = setTimeout(() => { obs.disconnect(); done(painted - t0!); }, 150);
      });
      obs.observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  });
  await slider.press(key);
  return page.evaluate(() => (window as unknown as { __t: Promise<number> }).__t);
}

async function sliderBench(url: string): Promise<number> {
  const context = await newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "networkidle" });
  await page.locator("input[type=range]").first().waitFor();
  const times: number[] = [];
  for (let i = 0; i < 9; i++) times.push(await sliderToPaint(page, i % 2 ? "ArrowLeft" : "ArrowRight"));
  await context.close();
  return median(times);
}

/** Gaps between animation frames while `during` runs (ms). */
async function frameGaps(page: Page, during: () => Promise<unknown>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __stop: boolean };
    w.__gaps = []; w.__stop = false;
    let last = performance.now();
    const frame = (now: number) => { w.__gaps.push(now - last); last = now; if (!w.__stop) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  });
  await during();
  return page.evaluate(() => { const w = window as unknown as { __gaps: number[]; __stop: boolean }; w.__stop = true; return w.__gaps.slice(1); });
}

async function selectRedraw(page: Page, index: number): Promise<number> {
  return page.evaluate((i) => new Promise<number>((done) => {
    const select = document.querySelector<HTMLSelectElement>("#cell-13 select")!;
    const target = document.querySelector("#cell-16")!;
    const t0 = performance.now();
    const obs = new MutationObserver(() => { obs.disconnect(); done(performance.now() - t0); });
    obs.observe(target, { subtree: true, childList: true });
    select.selectedIndex = i;
    select.dispatchEvent(new Event("input", { bubbles: true }));
  }), index);
}

try {
  const bare = "data:text/html,<main><input type=range min=0 max=100 value=50><output>50</output></main><script>document.querySelector('input').addEventListener('input',e=>document.querySelector('output').textContent=e.target.value)</script>";
  const sliderSite = await sliderBench(`${server.origin}/ruwaard.html`);
  const sliderBare = await sliderBench(bare);

  const context = await newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/onzekerheid.html`, { waitUntil: "networkidle" });
  await page.locator("#cell-16 svg").first().waitFor();
  await page.locator("input[name=samples]").fill("30000");
  const selectIdle = await selectRedraw(page, 1);
  let runMs = 0, selectDuring = NaN;
  const during = await frameGaps(page, async () => {
    const t0 = performance.now();
    await page.locator("[data-sim=run]").click();
    await page.waitForFunction(() => document.querySelector("[data-sim=panel]")?.getAttribute("data-running") === "true");
    selectDuring = await selectRedraw(page, 2);
    await page.locator("[data-sim=summary]").waitFor({ timeout: 300_000 });
    runMs = performance.now() - t0;
  });
  const idle = await frameGaps(page, () => new Promise((r) => setTimeout(r, Math.min(runMs, 10_000))));
  await context.close();

  const figures = {
    machine: { loadavg: loadavg().map((x) => round(x)) },
    sliderToPaintMs: { site: round(sliderSite), bareSlider: round(sliderBare) },
    frameGapsMs: { duringRun: { median: round(median(during)), p95: round(p95(during)), max: round(Math.max(...during)) }, idle: { median: round(median(idle)), p95: round(p95(idle)), max: round(Math.max(...idle)) } },
    selectRedrawMs: { duringRun: round(selectDuring), idle: round(selectIdle) },
    runMs: Math.round(runMs),
  };
  if (json) console.log(JSON.stringify(figures, null, 2));
  else {
    console.log(`\nSite in headless Chromium (load average ${figures.machine.loadavg.join(" ")})`);
    console.log(`  slider -> painted (ruwaard.html, median of 9)    ${figures.sliderToPaintMs.site} ms   baseline, a bare slider page: ${figures.sliderToPaintMs.bareSlider} ms`);
    console.log(`  frame gaps during a 30,000-sample run           median ${figures.frameGapsMs.duringRun.median}, p95 ${figures.frameGapsMs.duringRun.p95}, max ${figures.frameGapsMs.duringRun.max} ms   baseline, the page idle: median ${figures.frameGapsMs.idle.median}, p95 ${figures.frameGapsMs.idle.p95}, max ${figures.frameGapsMs.idle.max} ms`);
    console.log(`  select -> tornado redrawn                        during the run ${figures.selectRedrawMs.duringRun} ms   baseline, no run: ${figures.selectRedrawMs.idle} ms`);
    console.log(`  the run itself                                   ${figures.runMs} ms`);
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
