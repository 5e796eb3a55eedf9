/**
 * The report as PDF: the self-contained HTML report printed to A4 by headless Chromium (Debian's
 * /usr/bin/chromium, or the browser named by CHROMIUM_PATH), driven by playwright-core, which
 * downloads no browser of its own. The report's print style sheet (report.ts) keeps every
 * column of every table on the page. Without Chromium: a message that says how to get it.
 */
import { existsSync } from "node:fs";
import type { Lang } from "../../engine/index.ts";

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export type Pdf = { ok: true; pdf: Buffer } | { ok: false; message: string };

export function noChromium(path: string, lang: Lang): string {
  return lang === "nl"
    ? `PDF maken vraagt Chromium, maar ${path} bestaat niet. Installeer het (Debian/Ubuntu: sudo apt-get install chromium) of wijs een Chrome of Chromium aan met CHROMIUM_PATH=/pad/naar/chromium. Zonder Chromium: bcase report BESTAND -o rapport.html en druk dat af vanuit de browser (A4).`
    : `making a PDF needs Chromium, but ${path} does not exist. Install it (Debian/Ubuntu: sudo apt-get install chromium) or point CHROMIUM_PATH=/path/to/chromium at a Chrome or Chromium. Without Chromium: bcase report FILE -o report.html and print that from a browser (A4).`;
}

/** Prints `html` (a complete, self-contained document) to an A4 PDF. */
export async function htmlToPdf(html: string, lang: Lang): Promise<Pdf> {
  const path = chromiumPath();
  if (!existsSync(path)) return { ok: false, message: noChromium(path, lang) };
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: path, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
    return { ok: true, pdf: Buffer.from(pdf) };
  } finally {
    await browser.close();
  }
}
