/**
 * Vite plugin: keep the notebook site fully offline.
 *
 * Observable Notebook Kit (2.1.x) loads its "recommended libraries" (the
 * builtins `Plot`, `Inputs`, `d3`, `htl`, `html`, `svg`, …) and the Inputs
 * stylesheet from cdn.jsdelivr.net, and rewrites `npm:` imports in cells to
 * jsDelivr URLs. This plugin rewrites every such URL:
 *
 *  - package installed in node_modules  -> bare specifier, bundled by Vite
 *    (e.g. `https://cdn.jsdelivr.net/npm/@observablehq/plot/+esm` -> `@observablehq/plot`);
 *  - package not installed, inside notebook-kit's runtime -> a rejected
 *    promise / thrown error with a clear message (only reached if a notebook
 *    uses that builtin, e.g. `L`, `tex`, `mermaid`, `penguins`);
 *  - package not installed, inside a notebook cell (`npm:foo`) -> build error.
 *
 * After bundling, any remaining reference to a CDN host fails the build.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Plugin } from "vite";

const CDN_HOSTS = /\b(?:cdn\.jsdelivr\.net|esm\.sh|unpkg\.com|esm\.run|cdn\.skypack\.dev|ga\.jspm\.io|fonts\.googleapis\.com|fonts\.gstatic\.com)\b/;

/** A quoted jsDelivr npm URL: quote, package name, optional @range, optional /path. */
const CDN_LITERAL =
  /(["'`])https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[^/"'`@]+\/)?[^/"'`@]+)(@[^/"'`]*)?(\/[^"'`]*)?\1/g;

interface CdnRef {
  name: string;
  range: string;
  path: string;
}

function parseCdn(match: RegExpExecArray | string[]): CdnRef {
  return { name: match[2] ?? "", range: match[3] ?? "", path: match[4] ?? "" };
}

export interface OfflineOptions {
  /** Project root holding node_modules (default: process.cwd()). */
  projectRoot?: string;
}

const RUNTIME_FILE = /[\\/]@observablehq[\\/]notebook-kit[\\/]dist[\\/]src[\\/]runtime[\\/]/;

/** Rewrites CDN URLs in notebook-kit runtime modules (JS and CSS); see module comment. */
export function runtimeRewriter({ projectRoot = process.cwd() }: OfflineOptions = {}) {
  const installed = new Map<string, boolean>();
  const isInstalled = (name: string): boolean => {
    let ok = installed.get(name);
    if (ok === undefined) {
      ok = existsSync(join(projectRoot, "node_modules", name, "package.json"));
      installed.set(name, ok);
    }
    return ok;
  };
  /** Local bare specifier for a CDN ref, or null if the package is not installed. */
  const local = ({ name, path }: CdnRef): string | null => {
    if (!isInstalled(name)) return null;
    const sub = path.replace(/\/?\+esm$/, "");
    return sub && sub !== "/" ? `${name}${sub}` : name;
  };
  const message = ({ name }: CdnRef) =>
    `${name} is not available offline: npm install it and import it explicitly in a cell`;

  /** Rewrite notebook-kit runtime modules (JS and CSS). */
  function rewriteRuntime(code: string, id: string): string {
    const dir = dirname(id);
    // 1. static `from "https://…"` / `import "https://…"` / CSS `@import url("https://…")`
    code = code.replace(
      /(\bfrom\s*|\bimport\s*|@import\s+url\()(["'])https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[^/"'@]+\/)?[^/"'@]+)(@[^/"']*)?(\/[^"']*)?\2/g,
      (all, lead: string, q: string, name: string, range?: string, path?: string) => {
        const spec = local({ name, range: range ?? "", path: path ?? "" });
        return spec ? `${lead}${q}${spec}${q}` : all; // left as is: the importer is cut off below
      },
    );
    // 2. dynamic import("https://…")
    code = code.replace(
      /\bimport\((["'])https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[^/"'@]+\/)?[^/"'@]+)(@[^/"']*)?(\/[^"']*)?\1\)/g,
      (_all, q: string, name: string, range?: string, path?: string) => {
        const ref = { name, range: range ?? "", path: path ?? "" };
        const spec = local(ref);
        return spec
          ? `import(${q}${spec}${q})`
          : `Promise.reject(new Error(${JSON.stringify(message(ref))}))`;
      },
    );
    // 3. dynamic import("./x.js") of a sibling that statically needs a non-installed CDN package
    code = code.replace(/\bimport\((["'])(\.\/[^"']+\.js)\1\)/g, (all, _q: string, rel: string) => {
      const file = resolve(dir, rel);
      if (!existsSync(file)) return all;
      const source = readFileSync(file, "utf-8");
      const re = /(?:\bfrom\s*|^\s*import\s*)(["'])https:\/\/cdn\.jsdelivr\.net\/npm\/((?:@[^/"'@]+\/)?[^/"'@]+)(@[^/"']*)?(\/[^"']*)?\1/gm;
      for (let m; (m = re.exec(source)); ) {
        const ref = { name: m[2] ?? "", range: m[3] ?? "", path: m[4] ?? "" };
        if (!local(ref)) return `Promise.reject(new Error(${JSON.stringify(message(ref))}))`;
      }
      return all;
    });
    // 4. any other CDN string (e.g. sample datasets URL): local ones cannot be
    //    fetched as files, so make every remaining one throw when evaluated.
    code = code.replace(CDN_LITERAL, (...m: string[]) => {
      const ref = parseCdn(m);
      return `(() => { throw new Error(${JSON.stringify(message(ref))}); })()`;
    });
    return code;
  }

  return {
    local,
    message,
    /** Returns rewritten code, or null if `id` is not a notebook-kit runtime file with CDN URLs. */
    transform(code: string, id: string): string | null {
      const file = id.replace(/[?#].*$/, "");
      if (!RUNTIME_FILE.test(file) || !CDN_HOSTS.test(code)) return null;
      return rewriteRuntime(code, file);
    },
  };
}

/**
 * The same rewrite as a plain Rolldown plugin, for `optimizeDeps.rolldownOptions.plugins`:
 * in dev, Vite pre-bundles `observable:runtime` and Vite plugins do not see that code.
 */
export function offlineDeps(options: OfflineOptions = {}) {
  const rewriter = runtimeRewriter(options);
  return {
    name: "offline-builtins-deps",
    transform(code: string, id: string) {
      const out = rewriter.transform(code, id);
      return out === null ? null : { code: out, map: null };
    },
  };
}

export function offline(options: OfflineOptions = {}): Plugin {
  const { local, message, transform } = runtimeRewriter(options);
  return {
    name: "offline-builtins",
    enforce: "pre",
    transform(code, id) {
      const file = id.replace(/[?#].*$/, "");
      const runtime = transform(code, id);
      if (runtime !== null) return { code: runtime, map: null };
      // Inline cell modules of a notebook page (`npm:foo` became a jsDelivr URL).
      if (file.endsWith(".html") && id.includes("html-proxy") && CDN_HOSTS.test(code)) {
        const rewritten = code.replace(CDN_LITERAL, (...m: string[]) => {
          const ref = parseCdn(m);
          const spec = local(ref);
          if (!spec) this.error(`${file}: "npm:${ref.name}" — ${message(ref)}`);
          return JSON.stringify(spec);
        });
        if (CDN_HOSTS.test(rewritten)) this.error(`${file}: cells must not import from a CDN (jsr:, https:)`);
        return { code: rewritten, map: null };
      }
      return null;
    },
    generateBundle(_options, bundle) {
      for (const [fileName, item] of Object.entries(bundle)) {
        const text =
          item.type === "chunk"
            ? item.code
            : typeof item.source === "string"
              ? item.source
              : /\.(css|html|js|json|svg)$/.test(fileName)
                ? new TextDecoder().decode(item.source)
                : "";
        const hit = CDN_HOSTS.exec(text);
        if (hit) {
          const at = hit.index;
          this.error(`offline check: ${fileName} references ${hit[0]}: …${text.slice(Math.max(0, at - 80), at + 80)}…`);
        }
      }
    },
  };
}
