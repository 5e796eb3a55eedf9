/**
 * LibreOffice for tests: converts files headlessly with `soffice --convert-to`, each run with its
 * own user profile (so parallel runs do not clash over one profile's lock), optionally set to
 * recalculate every formula on load (Tools > Options > Calc > Formula > Recalculation on file
 * load: Always), which is how a test checks that a workbook's formulas give its stored values.
 * CI installs Debian's libreoffice-calc-nogui (.ci/run).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Converts `files` to `format` (xlsx, ods, pdf, ...) into `outdir`; returns the output paths. */
export function soffice(files: string[], format: string, outdir: string, options: { recalculate?: boolean } = {}): string[] {
  const profile = mkdtempSync(join(tmpdir(), "bcase-lo-profile-"));
  try {
    if (options.recalculate) {
      mkdirSync(join(profile, "user"), { recursive: true });
      writeFileSync(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
    }
    try {
      execFileSync("soffice", [`-env:UserInstallation=${pathToFileURL(profile).href}`, "--headless", "--convert-to", format, "--outdir", outdir, ...files], { stdio: "pipe", timeout: 10 * 60_000 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new Error("LibreOffice is needed for this test: apt-get install libreoffice-calc-nogui (soffice on PATH)");
      throw e;
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const ext = format.split(":")[0]!;
  return files.map((f) => join(outdir, basename(f).replace(/\.[^.]+$/, `.${ext}`)));
}
