import { expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { loadCase, evaluateModel } from "../engine/index.ts";

// The annotated case file in docs/case-file.md (where the README sends a newcomer) is
// documentation that must stay true: it is read from that page and evaluated here.
it("the annotated example in docs/case-file.md is a valid case that evaluates", () => {
  const doc = readFileSync(new URL("../docs/case-file.md", import.meta.url), "utf8");
  const block = /## An annotated example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(block).toBeDefined();
  const v = loadCase(block!, "yaml", { lang: "en" });
  if (!v.ok) throw new Error(v.issues.map((i) => `${i.line}: ${i.path.join(".")}: ${i.message}`).join("\n"));
  const ev = evaluateModel(v.model);
  const ids = ev.partners.map((p) => p.id);
  expect(ids).toEqual(["gemeente", "zv", "zh", "inwoners"]);
  const zh = ev.partners.find((p) => p.id === "zh")!;
  expect(zh.byKind["revenue-loss"]).toBeLessThan(0);
  expect(ev.outcomes[0]!.unit).toBe("QALY");
});

it("every relative link in the README and docs/ points to a file that exists", () => {

  const files = ["README.md", ...readdirSync(new URL("../docs/", import.meta.url)).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const broken: string[] = [];
  for (const f of files) {
    const text = readFileSync(new URL(`../${f}`, import.meta.url), "utf8");
    for (const m of text.matchAll(/\]\(([^)#:]+)(#[^)]*)?\)/g)) {
      const target = new URL(m[1]!, new URL(`../${f}`, import.meta.url));
      if (!existsSync(target)) broken.push(`${f}: ${m[1]}`);
    }
  }
  expect(broken).toEqual([]);
});
