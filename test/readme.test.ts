import { expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loadCase, evaluateModel } from "../engine/index.ts";

// The README's annotated case file is documentation that must stay true: it is read from the
// README and evaluated here.
it("the annotated example in the README is a valid case that evaluates", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = /## The case file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
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
