// Vite config for the notebooks site (Observable Notebook Kit).
//   npm run dev    -> live preview of notebooks/ (vite dev server)
//   npm run build  -> static site in site/dist/ (relative paths, fully offline)
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { config as notebookConfig, observable } from "@observablehq/notebook-kit/vite";
import { defineConfig, type AliasOptions } from "vite";
import { offline, offlineDeps } from "./scripts/vite-plugin-offline.ts";

const projectRoot = dirname(fileURLToPath(import.meta.url));
const notebooksDir = resolve(projectRoot, "notebooks");

/** Every notebooks/**\/*.html page, except files/folders starting with "_" or ".". */
function notebookPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith("_") || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return notebookPages(path);
    return entry.name.endsWith(".html") ? [path] : [];
  });
}

const base = notebookConfig(); // base "./", appType "mpa", aliases npm:/jsr:/observable:
// Keep only the `observable:` alias (runtime + styles). The `npm:` / `jsr:`
// aliases point at jsDelivr / esm.sh; we want imports to fail loudly instead.
const alias = ((base.resolve?.alias ?? []) as Extract<AliasOptions, readonly unknown[]>).filter(
  (a) => String(a.find).includes("observable:"),
);

export default defineConfig({
  ...base,
  root: notebooksDir,
  base: "./",
  publicDir: false,
  resolve: { alias },
  plugins: [offline({ projectRoot }), observable({ template: resolve(notebooksDir, "_template.html") })],
  server: {
    host: "127.0.0.1",
    // cells import ../engine/*.ts, outside the Vite root
    fs: { allow: [projectRoot] },
  },
  optimizeDeps: {
    // Dev only. The runtime and the builtins are discovered late (after the
    // notebook HTML is transformed); pre-bundle them up front so the first page
    // load does not trigger a re-optimization and full reload.
    include: ["observable:runtime", "@observablehq/plot", "@observablehq/inputs", "d3", "htl"],
    // The pre-bundled runtime bypasses Vite plugins: apply the offline rewrite there too.
    rolldownOptions: { plugins: [offlineDeps({ projectRoot })] },
  },
  build: {
    outDir: resolve(projectRoot, "site/dist"),
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500, // kB; the engine chunk (mathjs, zod) is ~870 kB, fine for an offline site
    rolldownOptions: { input: notebookPages(notebooksDir) },
  },
});
