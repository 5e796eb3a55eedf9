/**
 * Text from a case file in Markdown (the command line's `-f md` and the Markdown report): HTML-
 * significant characters as entities, so a name or title cannot inject markup (`<script>`), and
 * in table cells and headings `|` escaped and line breaks as spaces, so it cannot break the table.
 * Pure: no Node modules.
 */
export const mdText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const mdCell = (s: string) => mdText(s).replace(/\|/g, "\\|").replace(/\r\n|\r|\n/g, " ");

/** A Markdown table: the first column left-aligned, the others right-aligned (figures); every cell through mdCell. */
export function mdTable(head: string[], rows: string[][]): string {
  return [`| ${head.map(mdCell).join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`, ...rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`)].join("\n");
}
