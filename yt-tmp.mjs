import YAML from "yaml";
import { readFileSync, writeFileSync } from "node:fs";
for (const f of ["examples/minimal.yaml","examples/rich.yaml","examples/ruwaard.yaml","notebooks/cases/noord.yaml","notebooks/cases/uden.yaml","notebooks/cases/ede.yaml"]) {
  const text = readFileSync(f, "utf8");
  const doc = YAML.parseDocument(text, { version: "1.2" });
  const out = doc.toString({ lineWidth: 0 });
  writeFileSync("/tmp/yt-" + f.replaceAll("/", "_"), out);
}
