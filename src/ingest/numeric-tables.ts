/**
 * Recognition of tables of label + values rows: the budget tables (`资金来源`) under every outcome
 * and the 2016-2019 indicator table. The PDF's columns are lost in extraction, so a row is a line
 * that ends with two values or more, and a table is a run of such rows with only wrapped labels
 * (or the header, repeated after a page break) between them.
 *
 * @module
 */
import { compactText, joinWrappedText, normalizeChineseSpacing } from "./clean-report.js";
import { CAPTION, numberedHeadingKind } from "./heading-numbering.js";
import {
  blocksOf,
  endsSentence,
  type Line,
  nextNonBlank,
  nonBlankIndexes,
  previousNonBlank,
  SENTENCE_PUNCTUATION,
} from "./report-lines.js";
import type { ReportTable, TableSpan } from "./report-tables.js";

/** A value cell: a number (a bracketed one is negative), a per cent, a dash or an undefined mark. */
const VALUE_TOKEN = /^(?:[-–—]|[-–−]?\d[\d,]*(?:\.\d+)?%?|\(\d[\d,]*(?:\.\d+)?\)|未定义)$/u;
/** Most words of a row label in Latin script. */
const MAXIMUM_LATIN_LABEL_WORDS = 14;
const SOURCE_NOTE = /^(?:资料来源|来源|注)[：:]/u;

const MAXIMUM_TABLE_LABEL_LENGTH = 36;
/** Lines (labels, a repeated header) allowed between two value rows of one table. */
const MAXIMUM_LINES_BETWEEN_TABLE_ROWS = 12;

/** Splits a value row into its label (possibly empty) and its value tokens. */
function splitValueRow(trimmed: string): { label: string; values: string[] } | undefined {
  if (SENTENCE_PUNCTUATION.test(trimmed)) return undefined;
  const tokens = trimmed.split(/\s+/u);
  let first = tokens.length;
  while (first > 0 && VALUE_TOKEN.test(tokens[first - 1])) first -= 1;
  const values = tokens.slice(first);
  const label = tokens.slice(0, first).join(" ");
  if (values.length < 2 || !values.some((value) => /\d/u.test(value))) return undefined;
  if (label !== "" && !isRowLabel(label)) return undefined;
  return { label, values };
}

/** A row label: short Chinese, or a few words in Latin script. */
function isRowLabel(label: string): boolean {
  if (/[\u4E00-\u9FFF]/u.test(label)) return compactText(label).length <= MAXIMUM_TABLE_LABEL_LENGTH;
  return /\p{L}{2}/u.test(label) && label.split(/\s+/u).length <= MAXIMUM_LATIN_LABEL_WORDS;
}

/** Whether a line is a table row: an optional short Chinese label, then two values or more. */
export function isValueRow(line: Line): boolean {
  return !line.blank && splitValueRow(line.trimmed) !== undefined;
}

/** A line that may be part of a table's header or a row's label. */
function isTableFragment(line: Line): boolean {
  if (line.blank || line.footnote) return false;
  if (SENTENCE_PUNCTUATION.test(line.trimmed) || /[。]/u.test(line.trimmed)) return false;
  return compactText(line.trimmed).length <= MAXIMUM_TABLE_LABEL_LENGTH;
}

/**
 * A table of label + values rows (budget tables, indicator tables), starting from its first value
 * row at `firstRow`: the header is the run of short lines above it, rows go on while value rows
 * follow each other with only labels (or the repeated header) between them.
 */
export function readNumericTable(
  lines: Line[],
  firstRow: number,
  taken: Set<number>,
): { start: number; span: TableSpan } | undefined {
  // When the first row has no label on its own line, the lines right above it are that label.
  const rowsStart =
    splitValueRow(lines[firstRow].trimmed)?.label === "" ? startOfLabelAbove(lines, firstRow) : firstRow;
  const headerStart = startOfTableHeader(lines, rowsStart, taken);
  const headerLines = nonBlankIndexes(lines, headerStart, rowsStart);
  let titleLine: number | undefined;
  if (headerLines.length > 1 && isTableTitle(lines, headerLines[0])) titleLine = headerLines.shift();
  const headerBlocks = blocksOf(lines, headerLines);
  const header = headerBlocks.map((block) => collapseSpaces(block)).join(" ");
  const repeatedHeader = headerLines.map((index) => compactText(lines[index].trimmed));

  const rows: string[] = [];
  let pendingLabel = "";
  let index = rowsStart;
  let end = firstRow;
  let linesSinceRow = 0;
  while (index < lines.length && !taken.has(index)) {
    const line = lines[index];
    if (line.blank) {
      if (line.boundary && line.links.length > 0 && linesSinceRow > 0) break;
      index += 1;
      continue;
    }
    if (repeatedHeader.length > 1 && startsRepeatedHeader(lines, index, repeatedHeader)) {
      index = skipRepeatedHeader(lines, index, repeatedHeader.length);
      continue;
    }
    const row = splitValueRow(line.trimmed);
    if (row) {
      const label = joinWrappedText(pendingLabel, row.label);
      rows.push(label === "" ? row.values.join(" ") : `${label} ${row.values.join(" ")}`);
      pendingLabel = "";
      linesSinceRow = 0;
      index += 1;
      end = index;
      continue;
    }
    if (!isTableFragment(line) || line.indent > 1 || linesSinceRow >= MAXIMUM_LINES_BETWEEN_TABLE_ROWS) break;
    if (!valueRowFollows(lines, index)) break;
    pendingLabel = joinWrappedText(pendingLabel, line.trimmed);
    linesSinceRow += 1;
    index += 1;
  }
  if (rows.length < 2) return undefined;
  end = appendSourceNote(lines, end, rows);
  const title = titleLine === undefined ? undefined : normalizeChineseSpacing(lines[titleLine].trimmed);
  const table: ReportTable = { shape: "numeric", label: "", title: title ?? "", header, rows, rowSeparator: "\n" };
  return { start: headerStart, span: { end, event: { type: "table", table, page: lines[headerStart].page } } };
}

/** The first line of the block of short lines above a row printed without its label (the label, wrapped). */
function startOfLabelAbove(lines: Line[], row: number): number {
  const last = previousNonBlank(lines, row - 1);
  if (last < 0 || !isTableFragment(lines[last]) || lines[last].boundary) return row;
  let start = last;
  while (start > 0 && !lines[start - 1].blank && isTableFragment(lines[start - 1])) start -= 1;
  return start;
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

function startOfTableHeader(lines: Line[], firstRow: number, taken: Set<number>): number {
  let start = firstRow;
  let index = firstRow - 1;
  while (index >= 0 && !taken.has(index)) {
    const line = lines[index];
    if (line.blank) {
      if (line.boundary) break;
      index -= 1;
      continue;
    }
    if (!isTableFragment(line) || numberedHeadingKind(line.trimmed) || CAPTION.test(line.trimmed)) break;
    if (isValueRow(line)) break;
    start = index;
    index -= 1;
  }
  return start;
}

/** A table's own title: a longer line, followed by a blank line, that is not a row of header cells. */
function isTableTitle(lines: Line[], index: number): boolean {
  const line = lines[index];
  const next = lines[index + 1];
  const cjkSpaceCjk = /[\u4E00-\u9FFF]\s+[\u4E00-\u9FFF]/u.test(line.trimmed);
  return compactText(line.trimmed).length >= 10 && !cjkSpaceCjk && (next === undefined || next.blank);
}

function valueRowFollows(lines: Line[], from: number): boolean {
  let seen = 0;
  for (let index = from; index < lines.length && seen <= MAXIMUM_LINES_BETWEEN_TABLE_ROWS; index += 1) {
    const line = lines[index];
    if (line.blank) continue;
    if (isValueRow(line)) return true;
    if (!isTableFragment(line)) return false;
    seen += 1;
  }
  return false;
}

function startsRepeatedHeader(lines: Line[], from: number, header: string[]): boolean {
  let index = from;
  for (const expected of header) {
    index = nextNonBlank(lines, index);
    if (index >= lines.length || compactText(lines[index].trimmed) !== expected) return false;
    index += 1;
  }
  return true;
}

function skipRepeatedHeader(lines: Line[], from: number, count: number): number {
  let index = from;
  for (let skipped = 0; skipped < count; skipped += 1) index = nextNonBlank(lines, index) + 1;
  return index;
}

/** Takes a `资料来源：…` note printed right under a table into the table, as its last row. */
function appendSourceNote(lines: Line[], end: number, rows: string[]): number {
  const noteStart = nextNonBlank(lines, end);
  if (noteStart >= lines.length || !SOURCE_NOTE.test(lines[noteStart].trimmed)) return end;
  let note = "";
  let index = noteStart;
  while (index < lines.length && !lines[index].blank) {
    note = joinWrappedText(note, lines[index].trimmed);
    index += 1;
    if (endsSentence(note)) break;
  }
  rows.push(normalizeChineseSpacing(note));
  return index;
}
