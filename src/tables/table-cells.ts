import type { ChunkStream } from "./chunk-stream.js";
import type { TableCell } from "./table-record.js";

/** Marks the report prints for a cell with no value: `未定义` (not defined) and dashes. */
const UNDEFINED_MARK = /^(?:未定义|[–—-])$/u;

/** A numeric cell as printed: a plain or thousands-separated number, optionally with `%`. */
export const NUMBER_CELL_PATTERN = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+(?:\.\d+)?%?`;

/** A value cell: a number or an undefined mark. */
export const VALUE_CELL_PATTERN = `(?:${NUMBER_CELL_PATTERN}|未定义|[–—])`;

/** The value of a printed cell: a number, `null` for an undefined mark, otherwise the text itself. */
export function cellValue(text: string): number | string | null {
  const trimmed = text.trim();
  if (UNDEFINED_MARK.test(trimmed)) return null;
  const numeric = trimmed.replace(/,/g, "").replace(/%$/, "");
  if (/^\d+(?:\.\d+)?$/.test(numeric)) return Number(numeric);
  return trimmed;
}

/** A cell for the text found at `streamOffset` of the stream, located in its chunk. */
export function cellAt(stream: ChunkStream, streamOffset: number, text: string, value = cellValue(text)): TableCell {
  const position = stream.locate(streamOffset);
  return { value, text, chunkId: position.chunk.id, start: position.offset };
}

/** Collapses runs of whitespace (line breaks of the PDF columns) into single spaces. */
export function squeezeSpaces(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** Removes the spaces the PDF extraction leaves between Chinese characters. */
export function joinChineseLines(text: string): string {
  return squeezeSpaces(text).replace(
    /(?<=[\p{Script=Han}，。；：、（）()“”])\s+(?=[\p{Script=Han}，。；：、（）()“”])/gu,
    "",
  );
}
