/**
 * The cleaned report's lines as the structure and table readers see them, with the line tests
 * both share: moving over blank lines, sentence ends, and joining adjacent lines into blocks.
 *
 * @module
 */
import { type CleanedReport, indentationOf, joinWrappedText } from "./clean-report.js";

/** One line of the cleaned report, with what the readers ask of it. */
export interface Line {
  text: string;
  trimmed: string;
  indent: number;
  page?: number;
  links: string[];
  /** A removed page header or URL line: a place where the PDF's flow was interrupted. */
  boundary: boolean;
  blank: boolean;
  footnote: boolean;
}

/** Punctuation that only a sentence, never a heading or a table cell label, holds. */
export const SENTENCE_PUNCTUATION = /[。！；;]/u;
const SENTENCE_END = /[。！？；：!?;:]$/u;

/** The cleaned report's lines, trimmed and measured. */
export function toLines(cleaned: CleanedReport): Line[] {
  return cleaned.lines.map((line) => {
    const trimmed = line.text.trim();
    return {
      text: line.text,
      trimmed,
      indent: indentationOf(line.text),
      page: line.page,
      links: line.links,
      boundary: line.removed === "page-header" || line.removed === "url",
      blank: trimmed === "",
      footnote: line.footnote !== undefined,
    };
  });
}

/** Index of the first non-blank line at or after `from` (`lines.length` if none). */
export function nextNonBlank(lines: Line[], from: number): number {
  let index = from;
  while (index < lines.length && lines[index].blank) index += 1;
  return index;
}

/** Index of the last non-blank line at or before `from` (`-1` if none). */
export function previousNonBlank(lines: Line[], from: number): number {
  let index = from;
  while (index >= 0 && lines[index].blank) index -= 1;
  return index;
}

/** Indexes of the non-blank lines from `start` up to, not including, `end`. */
export function nonBlankIndexes(lines: Line[], start: number, end: number): number[] {
  const indexes: number[] = [];
  for (let index = start; index < end; index += 1) if (!lines[index].blank) indexes.push(index);
  return indexes;
}

/** Whether a text ends with sentence punctuation, closing quotes and brackets aside. */
export function endsSentence(text: string): boolean {
  const stripped = text.replace(/[\s”’"」』)）\]】]+$/u, "");
  return SENTENCE_END.test(stripped);
}

/**
 * Groups line indexes into blocks of adjacent lines and joins each block's wrapped lines. With
 * `splitAtIndentedLine`, an indented line after a full sentence also starts a new block: at a page
 * break the extraction drops the blank line between two table cells and indents the next one.
 */
export function blocksOf(lines: Line[], indexes: number[], splitAtIndentedLine = false): string[] {
  const blocks: string[] = [];
  let previous = -2;
  for (const index of indexes) {
    const line = lines[index];
    const adjacent = index === previous + 1 && blocks.length > 0;
    const newCell = splitAtIndentedLine && adjacent && line.indent > 0 && endsSentence(lines[previous].trimmed);
    if (adjacent && !newCell) blocks[blocks.length - 1] = joinWrappedText(blocks[blocks.length - 1], line.trimmed);
    else blocks.push(line.trimmed);
    previous = index;
  }
  return blocks;
}
