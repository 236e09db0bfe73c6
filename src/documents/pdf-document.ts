/**
 * A PDF as lines of text with their true page numbers: running headers and footers (lines that
 * repeat at the top or bottom of many pages, page numbers aside) removed, paragraphs set apart by
 * blank lines, indented first lines kept indented, and words a line break split joined again.
 *
 * @module
 */
import { linesOfPage, type PageLine } from "./page-lines.js";
import { type PdfPage, readPdfPages } from "./read-pdf.js";

/** One line of the document's text and the page it is printed on (absent on the blank lines between paragraphs). */
export interface DocumentLine {
  text: string;
  page?: number;
}

/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const EDGE_LINES = 3;
/** A line is a running header when it stands at a page edge on this share of the pages (at least two). */
const RUNNING_SHARE = 0.4;
/** A gap between lines larger than this many times the usual line spacing ends a paragraph. */
const PARAGRAPH_GAP = 1.6;
/** A line set in a font this much larger than the body text stands apart, as a heading. */
const HEADING_SIZE = 1.2;
/** How far left (in font sizes) of a line its column's margin may be: a first-line indent is shorter. */
const COLUMN_MARGIN_REACH = 4;
/** An indent (in font sizes) beyond the column's left margin that marks a paragraph's first line. */
const FIRST_LINE_INDENT = 1.2;

const PAGE_NUMBER_LINE = /^[\s\-–—·|]*(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?[\s\-–—·|]*$/iu;

/**
 * Reads a PDF into lines.
 *
 * @throws {PdfReadError} when the bytes are not a readable PDF.
 */
export async function readPdfDocument(bytes: Uint8Array, source: string): Promise<DocumentLine[]> {
  return documentLines(await readPdfPages(bytes, source));
}

/** The lines of the pages, in reading order, without running headers and footers. */
export function documentLines(pages: PdfPage[]): DocumentLine[] {
  const pageLines = pages.map(linesOfPage);
  const running = runningKeys(pageLines);
  const kept = pageLines.map((lines) =>
    lines.filter((line, index) => !(isAtEdge(lines, index) && isRunning(line, running))),
  );
  const bodySize = bodyTextSize(kept.flat());
  const output: DocumentLine[] = [];
  for (const lines of kept) {
    const spacing = usualSpacing(lines);
    const margin = leftMargin(lines);
    lines.forEach((line, index) => {
      const previous = lines[index - 1];
      const large = line.size > bodySize * HEADING_SIZE;
      const gap = previous ? previous.baseline - line.baseline : 0;
      const indented = line.left - marginOf(lines, line, margin) > FIRST_LINE_INDENT * line.size;
      const apart =
        previous === undefined
          ? startsApartOnNewPage(output.at(-1)?.text, large || indented)
          : gap < 0 || gap > spacing * PARAGRAPH_GAP || large || previous.size > bodySize * HEADING_SIZE;
      if (apart && output.length > 0 && output.at(-1)?.text !== "") output.push({ text: "" });
      output.push({ text: `${indented ? "  " : ""}${line.text}`, page: line.page });
    });
  }
  return joinHyphenatedWords(output);
}

/** The font size most of the text is set in (weighted by characters). */
function bodyTextSize(lines: PageLine[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + line.text.length);
  }
  let best = 10;
  for (const [size, weight] of weights) if (weight > (weights.get(best) ?? 0)) best = size;
  return best;
}

/** Where the page's lines of body text start: the leftmost start among lines of the page's usual size. */
function leftMargin(lines: PageLine[]): number {
  const size = bodyTextSize(lines);
  const body = lines.filter((line) => Math.abs(line.size - size) <= size * 0.2);
  return Math.min(...(body.length > 0 ? body : lines).map((line) => line.left));
}

/**
 * Where the line's column starts: the leftmost start of the page's lines a little to the left of
 * it (a first-line indent is a few characters; the second column of a page starts far to the right).
 */
function marginOf(lines: PageLine[], line: PageLine, pageMargin: number): number {
  const reach = line.size * COLUMN_MARGIN_REACH;
  const near = lines.filter((other) => other.left <= line.left && other.left >= line.left - reach);
  return Math.max(pageMargin, Math.min(...near.map((other) => other.left)));
}

/**
 * Whether the first line of a page starts anew: the page before ended a sentence, or the line
 * is set apart by its size or indent. Otherwise the paragraph goes on over the page break.
 */
function startsApartOnNewPage(lastText: string | undefined, setApart: boolean): boolean {
  if (lastText === undefined) return false;
  return setApart || /[。！？；.!?:：]["'”’)）]?$/u.test(lastText.trim());
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The most common distance between the baselines of two lines that follow each other. */
function usualSpacing(lines: PageLine[]): number {
  const gaps = lines
    .slice(1)
    .map((line, index) => lines[index].baseline - line.baseline)
    .filter((gap) => gap > 0);
  return median(gaps) || 14;
}

function keyOf(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\d+/gu, "#").replace(/\s+/gu, "");
}

function isAtEdge(lines: PageLine[], index: number): boolean {
  const byHeight = [...lines].sort((a, b) => b.baseline - a.baseline);
  const rank = byHeight.indexOf(lines[index]);
  return rank < EDGE_LINES || rank >= byHeight.length - EDGE_LINES;
}

/** Texts (digits aside) found at an edge of enough pages to be running headers or footers. */
function runningKeys(pageLines: PageLine[][]): Set<string> {
  const pagesOf = new Map<string, Set<number>>();
  pageLines.forEach((lines, page) => {
    lines.forEach((line, index) => {
      if (!isAtEdge(lines, index)) return;
      const key = keyOf(line.text);
      const pages = pagesOf.get(key) ?? new Set<number>();
      pages.add(page);
      pagesOf.set(key, pages);
    });
  });
  const needed = Math.max(2, Math.ceil(pageLines.length * RUNNING_SHARE));
  return new Set([...pagesOf].filter(([, pages]) => pages.size >= needed).map(([key]) => key));
}

function isRunning(line: PageLine, running: Set<string>): boolean {
  return PAGE_NUMBER_LINE.test(line.text) || running.has(keyOf(line.text));
}

/** `employ-` at a line's end and `ment …` on the next: the word is written whole on the first line. */
function joinHyphenatedWords(lines: DocumentLine[]): DocumentLine[] {
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const line = lines[index];
    const next = lines[index + 1];
    if (!/[A-Za-z]-$/u.test(line.text) || !/^\s*[a-z]/u.test(next.text)) continue;
    const [word, ...rest] = next.text.trim().split(/\s+/u);
    line.text = `${line.text.slice(0, -1)}${word}`;
    next.text = rest.join(" ");
  }
  return lines.filter((line, index) => line.text !== "" || lines[index - 1]?.text !== "");
}
