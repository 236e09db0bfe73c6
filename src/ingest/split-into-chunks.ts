/**
 * Cutting a recognised report section into retrievable passages: running text at Chinese
 * sentence boundaries with LangChain's `RecursiveCharacterTextSplitter`, tables between whole rows
 * with their title and header repeated on every piece.
 *
 * @module
 */
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { AppError } from "../errors.js";
import { splitEnglishSentences } from "../text/normalize.js";
import type { ChunkKind } from "../types.js";
import { shortHeading } from "./heading-numbering.js";
import type { ReportSection, SectionItem } from "./report-structure.js";
import type { ReportTable } from "./report-tables.js";

/** Sizes of the passages, in characters (one Chinese character counts one). */
export interface ChunkerSettings {
  /** Longest passage. */
  chunkSize: number;
  /** Characters of running text that two consecutive passages of a section may share. */
  chunkOverlap: number;
}

/** Settings that cannot cut a report (not positive integers, or an overlap as long as a passage). */
export class ChunkerSettingsError extends AppError {
  readonly settings: ChunkerSettings;

  constructor(settings: ChunkerSettings, message: string) {
    super("chunker_settings_invalid", message);
    this.settings = settings;
  }
}

/**
 * Separators tried in order: paragraphs, lines, Chinese sentence and clause ends, then English
 * sentence ends (`. `, `! `, `? `: cut where {@link splitEnglishSentences} finds a sentence end,
 * not after `U.S.` or `No.`), clause ends and spaces.
 */
export const SENTENCE_SEPARATORS = [
  "\n\n",
  "\n",
  "。",
  "！",
  "？",
  "；",
  "，",
  ". ",
  "? ",
  "! ",
  "; ",
  ", ",
  " ",
  "",
] as const;

const ENGLISH_SENTENCE_SEPARATORS = new Set([". ", "? ", "! "]);

/** A passage before it gets its id and source. */
export interface SectionPassage {
  text: string;
  kind: ChunkKind;
  label?: string;
  page?: number;
}

/**
 * LangChain's recursive splitter, with the separator kept at the end of the piece it closes
 * (`…亿美元。` rather than `。两年期…`), so sentences keep their punctuation.
 */
class ChineseSentenceSplitter extends RecursiveCharacterTextSplitter {
  override splitOnSeparator(text: string, separator: string): string[] {
    if (separator === "") return [...text];
    if (ENGLISH_SENTENCE_SEPARATORS.has(separator)) return splitEnglishSentences(text);
    const pieces: string[] = [];
    let start = 0;
    for (let found = text.indexOf(separator); found >= 0; found = text.indexOf(separator, start)) {
      pieces.push(text.slice(start, found + separator.length));
      start = found + separator.length;
    }
    pieces.push(text.slice(start));
    return pieces.filter((piece) => piece !== "");
  }
}

/** Throws {@link ChunkerSettingsError} unless the settings can cut a report. */
export function validateChunkerSettings(settings: ChunkerSettings): void {
  const { chunkSize, chunkOverlap } = settings;
  if (!Number.isInteger(chunkSize) || chunkSize <= 0) {
    throw new ChunkerSettingsError(settings, `chunkSize must be a positive integer, got ${chunkSize}`);
  }
  if (!Number.isInteger(chunkOverlap) || chunkOverlap < 0) {
    throw new ChunkerSettingsError(settings, `chunkOverlap must be a non-negative integer, got ${chunkOverlap}`);
  }
  if (chunkOverlap >= chunkSize) {
    throw new ChunkerSettingsError(
      settings,
      `chunkOverlap (${chunkOverlap}) must be smaller than chunkSize (${chunkSize})`,
    );
  }
}

/**
 * Splits Chinese running text into pieces of at most `chunkSize` characters, cutting at paragraph,
 * line, sentence (。！？；), clause (，) boundaries in that order of preference.
 *
 * @throws {ChunkerSettingsError} when `chunkOverlap >= chunkSize` or either is not a valid size.
 * @example
 * await splitChineseText("第一句。第二句。", { chunkSize: 5, chunkOverlap: 0 });
 * // ["第一句。", "第二句。"]
 */
export async function splitChineseText(text: string, settings: ChunkerSettings): Promise<string[]> {
  validateChunkerSettings(settings);
  const splitter = new ChineseSentenceSplitter({
    chunkSize: settings.chunkSize,
    chunkOverlap: settings.chunkOverlap,
    separators: [...SENTENCE_SEPARATORS],
    keepSeparator: true,
  });
  return splitter.splitText(text);
}

/**
 * Splits a table between whole rows. Every piece starts with the table's title and header; a
 * piece holds as many rows as fit in `chunkSize`, and a single row longer than that is a piece
 * of its own (the only case where a piece exceeds `chunkSize`).
 */
export function splitTableRows(table: ReportTable, chunkSize: number): string[] {
  const fullHead = [table.title, table.header].filter((line) => line !== "").join("\n");
  const shortHead = [table.label, table.header].filter((line) => line !== "").join("\n");
  const pieces: string[] = [];
  let rows: string[] = [];
  const renderWith = (head: string, selected: string[]): string => `${head}\n${selected.join(table.rowSeparator)}`;
  // A long title gives way to the short label rather than push a row past the size.
  const render = (selected: string[]): string => {
    const full = renderWith(fullHead, selected);
    return full.length <= chunkSize || selected.length > 1 ? full : renderWith(shortHead, selected);
  };
  for (const row of table.rows) {
    if (rows.length > 0 && render([...rows, row]).length > chunkSize) {
      pieces.push(render(rows));
      rows = [];
    }
    rows.push(row);
  }
  if (rows.length > 0) pieces.push(render(rows));
  return pieces;
}

/**
 * The line put before a section's running text so that a passage is retrievable on its own:
 * the immediate heading, with its numbered parent when the heading alone is generic
 * (`成果目标 3 预算和支出`).
 */
export function headingContext(path: string[]): string {
  const heading = path.at(-1);
  if (heading === undefined) return "";
  const parent = path.at(-2);
  if (parent === undefined || heading.length > 12) return heading;
  const parentShort = shortHeading(parent);
  return parentShort === parent && parent.length > 16 ? heading : `${parentShort} > ${heading}`;
}

/**
 * Cuts one section into passages. Running text is split at sentence boundaries with overlap;
 * boxes are split on their own and open with their title; tables are split between rows;
 * captions are kept as short passages.
 *
 * @throws {ChunkerSettingsError} for invalid settings.
 */
export async function splitSection(section: ReportSection, settings: ChunkerSettings): Promise<SectionPassage[]> {
  validateChunkerSettings(settings);
  const passages: SectionPassage[] = [];
  const context = headingContext(section.path);
  let textRun: Array<Extract<SectionItem, { kind: "text" }>> = [];
  const flushText = async (): Promise<void> => {
    if (textRun.length === 0) return;
    passages.push(...(await splitRunningText(textRun, context, "text", settings)));
    textRun = [];
  };
  for (const item of section.items) {
    if (item.kind === "text") {
      textRun.push(item);
      continue;
    }
    await flushText();
    passages.push(...(await splitItem(item, context, settings)));
  }
  await flushText();
  return passages;
}

async function splitItem(
  item: Exclude<SectionItem, { kind: "text" }>,
  context: string,
  settings: ChunkerSettings,
): Promise<SectionPassage[]> {
  if (item.kind === "table") {
    return splitTableRows(item.table, settings.chunkSize).map((text) => ({
      text,
      kind: "table",
      label: item.table.label,
      page: item.page,
    }));
  }
  if (item.kind === "caption") {
    const text = context === "" ? item.text : `${context}\n${item.text}`;
    return [
      {
        text: text.length <= settings.chunkSize ? text : item.text,
        kind: "caption",
        label: item.label,
        page: item.page,
      },
    ];
  }
  if (item.text === "") return [];
  return splitRunningText([{ text: item.text, page: item.page }], item.title, "box", settings);
}

/**
 * Splits consecutive paragraphs as one text, then gives each piece the page of the paragraph it
 * starts in and the context line in front.
 */
async function splitRunningText(
  paragraphs: Array<{ text: string; page?: number }>,
  context: string,
  kind: ChunkKind,
  settings: ChunkerSettings,
): Promise<SectionPassage[]> {
  const text = paragraphs.map((paragraph) => paragraph.text).join("\n\n");
  const starts: number[] = [];
  let offset = 0;
  for (const paragraph of paragraphs) {
    starts.push(offset);
    offset += paragraph.text.length + 2;
  }
  const prefix = context === "" ? "" : `${context}\n`;
  const room = settings.chunkSize - prefix.length;
  const usePrefix = prefix !== "" && room > settings.chunkOverlap && room >= settings.chunkSize / 2;
  const pieceSettings = usePrefix ? { chunkSize: room, chunkOverlap: settings.chunkOverlap } : settings;
  const pieces = await splitChineseText(text, pieceSettings);
  const passages: SectionPassage[] = [];
  let searchFrom = 0;
  for (const piece of pieces) {
    const position = text.indexOf(piece, searchFrom);
    const at = position >= 0 ? position : searchFrom;
    if (position >= 0) searchFrom = position + 1;
    let paragraphIndex = 0;
    while (paragraphIndex + 1 < starts.length && starts[paragraphIndex + 1] <= at) paragraphIndex += 1;
    passages.push({ text: usePrefix ? prefix + piece : piece, kind, page: paragraphs[paragraphIndex].page });
  }
  return passages;
}
