/**
 * The published site in headless Chromium (bench/browser.ts, run as a child process so the
 * browser and its server stay out of the other parts' process): a slider move to paint beside a
 * bare slider page, frame gaps during a Monte Carlo run beside the idle page, and a select's
 * redraw during the run beside no run. Skipped with a message where Chromium is missing.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BenchPart } from "./context.ts";

export const sitePart: BenchPart = {
  name: "site",
  about: "the published site in headless Chromium: slider to paint, frame gaps and a redraw during a run",
  async run(ctx) {
    const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
    if (!existsSync(chromium)) {
      ctx.log(`skipped: no Chromium at ${chromium} (install Debian's chromium, or set CHROMIUM_PATH)`);
      return { skipped: `no Chromium at ${chromium}` };
    }
    const r = spawnSync(process.execPath, ["--import", "tsx", join(ctx.root, "bench/browser.ts"), "--json"], { cwd: ctx.root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`bench/browser.ts failed (exit ${r.status}): ${r.stderr}`);
    const figures = JSON.parse(r.stdout) as {
      sliderToPaintMs: { site: number; bareSlider: number };
      frameGapsMs: { duringRun: { median: number; p95: number; max: number }; idle: { median: number; p95: number; max: number } };
      selectRedrawMs: { duringRun: number; idle: number };
      runMs: number;
    };
    const f = figures, g = f.frameGapsMs;
    ctx.log(`slider -> painted (ruwaard.html, median of 9)   ${f.sliderToPaintMs.site} ms   baseline, a bare slider page: ${f.sliderToPaintMs.bareSlider} ms`);
    ctx.log(`frame gaps during a 30,000-sample run          median ${g.duringRun.median}, p95 ${g.duringRun.p95}, max ${g.duringRun.max} ms   baseline, the page idle: median ${g.idle.median}, p95 ${g.idle.p95}, max ${g.idle.max} ms`);
    ctx.log(`select -> tornado redrawn                       during the run ${f.selectRedrawMs.duringRun} ms   baseline, no run: ${f.selectRedrawMs.idle} ms`);
    ctx.log(`the run itself                                  ${f.runMs} ms`);
    return figures;
  },
};
