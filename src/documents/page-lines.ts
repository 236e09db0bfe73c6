/**
 * Lines of a PDF page rebuilt from the positions of its text runs: runs on one baseline make a
 * line, read left to right; two columns of running text are read one after the other; a wide
 * gap inside a line (between table cells) is kept as a run of spaces.
 *
 * @module
 */
import type { PdfPage, PositionedText } from "./read-pdf.js";

/** One line of a page, with its place. */
export interface PageLine {
  text: string;
  page: number;
  left: number;
  right: number;
  baseline: number;
  size: number;
}

/** Gap (in font sizes) between two runs of a line that separates two cells. */
const CELL_GAP = 1.5;
/** Gap (in font sizes) between two runs that stands for a space between words. */
const WORD_GAP = 0.18;
/** Spaces written between two cells, so that table readers see the columns. */
const CELL_SEPARATOR = "   ";
/** Share of a page's lines that must leave a gutter free for the page to be read as two columns. */
const MINIMUM_COLUMN_LINES = 0.5;
const MINIMUM_COLUMN_TEXT = 12;

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;

/** The page's lines in reading order. */
export function linesOfPage(page: PdfPage): PageLine[] {
  const rows = groupIntoRows(page.texts);
  const gutter = columnGutter(rows, page.width);
  if (gutter === undefined) return rows.map((row) => lineOf(row, page.number));
  const crosses = (row: PositionedText[]) => row.some((text) => text.left < gutter && text.right > gutter);
  // Lines above the columns (a title over both) are read first; a line that crosses the gutter
  // further down is read with the left column.
  const firstSplit = Math.max(
    0,
    rows.findIndex((row) => !crosses(row) && row.some((text) => text.left >= gutter)),
  );
  const left: PositionedText[][] = [];
  const right: PositionedText[][] = [];
  for (const row of rows.slice(firstSplit)) {
    if (crosses(row)) {
      left.push(row);
      continue;
    }
    const leftPart = row.filter((text) => text.right <= gutter);
    const rightPart = row.filter((text) => text.left >= gutter);
    if (leftPart.length > 0) left.push(leftPart);
    if (rightPart.length > 0) right.push(rightPart);
  }
  return [...rows.slice(0, firstSplit), ...left, ...right].map((row) => lineOf(row, page.number));
}

/** Runs grouped by baseline, top of the page first, each row sorted left to right. */
function groupIntoRows(texts: PositionedText[]): PositionedText[][] {
  const sorted = [...texts].sort((a, b) => b.baseline - a.baseline || a.left - b.left);
  const rows: PositionedText[][] = [];
  for (const text of sorted) {
    const row = rows.at(-1);
    const tolerance = Math.max(2, 0.35 * text.size);
    if (row && Math.abs(row[0].baseline - text.baseline) <= tolerance) row.push(text);
    else rows.push([text]);
  }
  for (const row of rows) row.sort((a, b) => a.left - b.left);
  return rows;
}

/**
 * An x position in the middle of the page that no run crosses, with running text on both sides
 * of it on most lines: the gutter between two columns. Tables have short cells, so a gutter is
 * only taken when both sides hold real text.
 */
function columnGutter(rows: PositionedText[][], width: number): number | undefined {
  if (rows.length < 8) return undefined;
  let best: { x: number; lines: number } | undefined;
  for (let x = width * 0.3; x <= width * 0.7; x += 2) {
    let crossing = 0;
    let twoSided = 0;
    for (const row of rows) {
      if (row.some((text) => text.left < x && text.right > x)) crossing += 1;
      else if (sideText(row, (text) => text.right <= x) && sideText(row, (text) => text.left >= x)) twoSided += 1;
    }
    if (crossing > rows.length * 0.1) continue;
    if (twoSided >= rows.length * MINIMUM_COLUMN_LINES && (!best || twoSided > best.lines))
      best = { x, lines: twoSided };
  }
  return best?.x;
}

/** Whether one side of a row holds running text: enough letters (a column of figures is a table's, not text). */
function sideText(row: PositionedText[], onSide: (text: PositionedText) => boolean): boolean {
  const letters = row.filter(onSide).reduce((count, text) => count + (text.text.match(/\p{L}/gu)?.length ?? 0), 0);
  return letters >= MINIMUM_COLUMN_TEXT;
}

function lineOf(row: PositionedText[], page: number): PageLine {
  let text = "";
  let previous: PositionedText | undefined;
  for (const run of row) {
    const piece = run.text.replace(/\s+/gu, " ");
    if (previous) {
      const gap = run.left - previous.right;
      const size = Math.max(previous.size, run.size);
      if (gap > CELL_GAP * size) text = `${text.trimEnd()}${CELL_SEPARATOR}`;
      else if (gap > WORD_GAP * size && !(CJK.test(text.at(-1) ?? "") && CJK.test(piece[0] ?? ""))) {
        if (!text.endsWith(" ") && !piece.startsWith(" ")) text += " ";
      }
    }
    text += text.endsWith(" ") ? piece.trimStart() : piece;
    previous = run;
  }
  const sizes = row.map((run) => run.size).sort((a, b) => a - b);
  return {
    text: text.trim(),
    page,
    left: row[0].left,
    right: Math.max(...row.map((run) => run.right)),
    baseline: row[0].baseline,
    size: sizes[Math.floor(sizes.length / 2)],
  };
}
