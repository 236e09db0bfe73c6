/**
 * Recognition of a cleaned report's own structure: parts and appendices, numbered outcome and
 * indicator headings, plain headings, titled boxes, figure captions, tables and paragraphs.
 *
 * The PDF's typography is lost in extraction, so headings are recognised from their numbering
 * (`第二部分`, `附录 II`, `成果目标 3：`, `指标 A.1：`), their shape (a short line without sentence
 * punctuation between blank lines) and their place (a title repeated under every outcome is a
 * sub-heading of the outcome).
 *
 * @module
 */
import {
  compactText,
  indentationOf,
  joinWrappedText,
  normalizeChineseSpacing,
  type CleanedReport,
} from "./clean-report.js";

/** A table recognised in the report, rows kept as printed. */
export interface ReportTable {
  /** `numeric`: label + values rows; `criteria`: rows of text cells ending with a status; `share`: label/percentage pairs of a pie chart. */
  shape: "numeric" | "criteria" | "share";
  /** Short name, e.g. `表 成果目标 1 资金来源` or `图 I.1`. */
  label: string;
  /** A title line that makes the table retrievable on its own, e.g. `成果目标 1 预算和支出 资金来源表（百万美元）`. */
  title: string;
  /** The column header as printed (repeated at the start of every piece of a split table), or `""`. */
  header: string;
  /** Whole rows, in order; a source note (`资料来源：…`) comes last. */
  rows: string[];
  /** How rows are written one after the other in a chunk: one per line, or `；` for label/percentage pairs. */
  rowSeparator: "\n" | "；";
}

/** Something a section holds, in reading order. */
export type SectionItem =
  | { kind: "text"; text: string; page?: number }
  | { kind: "box"; title: string; text: string; page?: number }
  | { kind: "caption"; label: string; text: string; page?: number }
  | { kind: "table"; table: ReportTable; page?: number };

/** A section of the report: its heading path, its content and the links printed in it. */
export interface ReportSection {
  /** Headings from the top of the report, e.g. `["第二部分. 国际劳工组织的工作成效", "成果目标 3：…", "预算和支出"]`. */
  path: string[];
  items: SectionItem[];
  /** URLs printed (on their own lines) in the section, without repeats. */
  links: string[];
}

/** The report as sections, in reading order. A section path may appear once only. */
export interface ReportStructure {
  sections: ReportSection[];
}

/** Cell values that close a row of a success-criteria table (`成功标准 目标 成果`). */
const ROW_STATUS_WORDS = ["部分达成", "未达成", "达成", "信息不足"] as const;
const STATUS_AT_START = new RegExp(`^(?:${ROW_STATUS_WORDS.join("|")})`, "u");
const STATUS_AFTER_SPACE = new RegExp(`\\s(?:${ROW_STATUS_WORDS.join("|")})(?=[。．，,(（\\s]|$)`, "u");

const PART_HEADING = /^第[一二三四五六七八九十]+部分(?:\s*[.．、:：]\s*\S.*)?$/u;
const APPENDIX_HEADING = /^附录\s*(?:[IVX]+|[一二三四五六七八九十]+|\d+)(?:\s*[.．:：]\s*\S.*)?$/u;
const OUTCOME_HEADING = /^(?:政策)?成果目标\s*(\d{1,2}|[A-Z])\s*[：:]\s*\S/u;
const INDICATOR_HEADING = /^指标\s*((\d{1,2}|[A-Z])\.\d{1,2})\s*[：:]\s*\S/u;
const CAPTION = /^(图|表)\s*((?:[IVX]+\.)?\d+(?:\.\d+)*)[.．]?\s+(\S.*)$/u;
const LIST_ITEM = /^(?:[•·●▪οo◦-]\s|\(\d+\)\s|\([ivx]+\)\s|[（(][一二三四五六七八九十]+[)）])/u;
const SENTENCE_END = /[。！？；：!?;:]$/u;
const SENTENCE_PUNCTUATION = /[。！；;]/u;
const PERCENT_ONLY = /^(\d+(?:\.\d+)?)%$/u;
const PERCENT_THEN_LABEL = /^(\d+(?:\.\d+)?)%\s+(\S.*)$/u;
const VALUE_TOKEN = /^(?:[-–—]|\d[\d,]*(?:\.\d+)?%?|未定义)$/u;
const SOURCE_NOTE = /^(?:资料来源|来源|注)[：:]/u;

/** Longest heading (characters, spaces excluded) recognised from its shape alone. */
const MAXIMUM_HEADING_LENGTH = 32;
/** Longest numbered heading (`成果目标 N：…`, `指标 X.n：…`) on one line. */
const MAXIMUM_NUMBERED_HEADING_LENGTH = 80;
const MINIMUM_BOX_TITLE_LENGTH = 8;
const MAXIMUM_BOX_TITLE_LENGTH = 70;
const MAXIMUM_TITLE_CONTINUATION_LENGTH = 40;
const MAXIMUM_TABLE_LABEL_LENGTH = 36;
/** Lines (labels, a repeated header) allowed between two value rows of one table. */
const MAXIMUM_LINES_BETWEEN_TABLE_ROWS = 12;
/** A run of this many short blank-separated lines is a list (abbreviations), not headings. */
const MINIMUM_LIST_LENGTH = 3;

interface Line {
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

type HeadingKind = "part" | "outcome" | "indicator" | "generic";

interface Heading {
  kind: HeadingKind;
  title: string;
  /** `3` for `成果目标 3：…`, `A.1` for `指标 A.1：…`. */
  number?: string;
  page?: number;
}

/** One recognised unit of the report, in reading order. */
type ReportEvent =
  | { type: "heading"; heading: Heading }
  | { type: "text"; text: string; page?: number; startsParagraph: boolean; indented: boolean; listItem: boolean }
  | { type: "box"; title: string; page?: number }
  | { type: "caption"; label: string; text: string; page?: number }
  | { type: "table"; table: ReportTable; page?: number }
  | { type: "share-tables"; tables: Array<{ rows: string[] }>; page?: number }
  | { type: "links"; links: string[] };

/**
 * Recognises the structure of a cleaned report.
 *
 * @example
 * const structure = recogniseStructure(cleanReport(text));
 * structure.sections.map((section) => section.path.join(" > "));
 */
export function recogniseStructure(cleaned: CleanedReport): ReportStructure {
  const lines = toLines(cleaned);
  const events = readEvents(lines);
  return buildSections(events);
}

function toLines(cleaned: CleanedReport): Line[] {
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

// ---------------------------------------------------------------------------------------------
// Reading lines into events
// ---------------------------------------------------------------------------------------------

function nextNonBlank(lines: Line[], from: number): number {
  let index = from;
  while (index < lines.length && lines[index].blank) index += 1;
  return index;
}

function previousNonBlank(lines: Line[], from: number): number {
  let index = from;
  while (index >= 0 && lines[index].blank) index -= 1;
  return index;
}

/** Whether a line stands after a blank line, a removed line or the start of the text. */
function startsAfterGap(lines: Line[], index: number): boolean {
  return index === 0 || lines[index - 1].blank;
}

/**
 * Whether a line may open a heading or a box: after a gap, or indented by two spaces or more
 * (the extraction prints headings and box titles that way even right under a table).
 */
function standsApart(lines: Line[], index: number): boolean {
  if (startsAfterGap(lines, index) || lines[index].indent >= 2) return true;
  const previous = lines[index - 1];
  return lines[index].indent > 0 && (endsSentence(previous.trimmed) || CAPTION.test(previous.trimmed));
}

/** Whether only blank lines separate this line from a part or appendix heading above it. */
function followsPartHeading(lines: Line[], index: number): boolean {
  const previous = previousNonBlank(lines, index - 1);
  return previous >= 0 && numberedHeadingKind(lines[previous].trimmed)?.kind === "part";
}

function endsSentence(text: string): boolean {
  const stripped = text.replace(/[\s”’"」』)）\]】]+$/u, "");
  return SENTENCE_END.test(stripped);
}

function isTitleShaped(line: Line, maximumLength: number): boolean {
  if (line.blank || line.footnote) return false;
  if (SENTENCE_PUNCTUATION.test(line.trimmed) || LIST_ITEM.test(line.trimmed)) return false;
  if (/[，、]$/u.test(line.trimmed) && compactText(line.trimmed).length < 6) return false;
  if (/^[\d\s.%,()（）–-]+$/u.test(line.trimmed)) return false;
  return compactText(line.trimmed).length <= maximumLength;
}

/** Index after a heading's wrapped continuation line, if its title goes on on the next line. */
function endOfTitle(lines: Line[], index: number): number {
  const next = lines[index + 1];
  if (!next || next.blank || next.indent > 0) return index + 1;
  if (!isTitleShaped(next, MAXIMUM_TITLE_CONTINUATION_LENGTH) || /[？?]$/u.test(next.trimmed)) return index + 1;
  if (numberedHeadingKind(next.trimmed) || CAPTION.test(next.trimmed)) return index + 1;
  const after = lines[index + 2];
  if (after && !after.blank && after.indent === 0) return index + 1;
  return index + 2;
}

function titleOf(lines: Line[], start: number, end: number): string {
  let title = "";
  for (let index = start; index < end; index += 1) title = joinWrappedText(title, lines[index].trimmed);
  return normalizeChineseSpacing(title);
}

function numberedHeadingKind(trimmed: string): { kind: HeadingKind; number?: string } | undefined {
  if (PART_HEADING.test(trimmed) || APPENDIX_HEADING.test(trimmed)) return { kind: "part" };
  const outcome = OUTCOME_HEADING.exec(trimmed);
  if (outcome) return { kind: "outcome", number: outcome[1] };
  const indicator = INDICATOR_HEADING.exec(trimmed);
  if (indicator) return { kind: "indicator", number: indicator[1] };
  return undefined;
}

/** A numbered heading (part, appendix, outcome, indicator) starting at `index`, with its end. */
function readNumberedHeading(lines: Line[], index: number): { heading: Heading; end: number } | undefined {
  const line = lines[index];
  if (!standsApart(lines, index)) return undefined;
  if (SENTENCE_PUNCTUATION.test(line.trimmed)) return undefined;
  if (compactText(line.trimmed).length > MAXIMUM_NUMBERED_HEADING_LENGTH) return undefined;
  const found = numberedHeadingKind(line.trimmed);
  if (!found) return undefined;
  const end = endOfTitle(lines, index);
  return { heading: { kind: found.kind, number: found.number, title: titleOf(lines, index, end), page: line.page }, end };
}

/**
 * A heading recognised from its shape: a short line after a gap, followed by a gap or by an
 * indented paragraph, and not part of a list of such lines.
 */
function readShapedHeading(lines: Line[], index: number): { heading: Heading; end: number } | undefined {
  const line = lines[index];
  if (!standsApart(lines, index) || !isTitleShaped(line, MAXIMUM_HEADING_LENGTH)) return undefined;
  if (!/[\u4E00-\u9FFF]/u.test(line.trimmed)) return undefined;
  const end = endOfTitle(lines, index);
  const next = lines[end];
  if (next && !next.blank && next.indent === 0 && !followsPartHeading(lines, index)) return undefined;
  if (isInListOfShortLines(lines, index)) return undefined;
  const title = titleOf(lines, index, end);
  // A line ending with a colon or a comma introduces what follows: it is a sentence, not a title.
  if (/[：:，,、]$/u.test(title)) return undefined;
  return { heading: { kind: "generic", title, page: line.page }, end };
}

/** Whether the line belongs to a run of short lines separated by blank lines (an abbreviation list). */
function isInListOfShortLines(lines: Line[], index: number): boolean {
  const isListLine = (position: number): boolean => {
    const line = lines[position];
    return (
      line !== undefined &&
      line.indent === 0 &&
      isTitleShaped(line, MAXIMUM_HEADING_LENGTH) &&
      numberedHeadingKind(line.trimmed) === undefined &&
      !isValueRow(line)
    );
  };
  if (lines[index].indent > 0 || !isListLine(index)) return false;
  let count = 1;
  for (let position = previousNonBlank(lines, index - 1); position >= 0 && isListLine(position); ) {
    count += 1;
    position = previousNonBlank(lines, position - 1);
  }
  for (let position = nextNonBlank(lines, index + 1); position < lines.length && isListLine(position); ) {
    count += 1;
    position = nextNonBlank(lines, position + 1);
  }
  return count >= MINIMUM_LIST_LENGTH;
}

/**
 * A titled box (a short story set apart in the PDF): an indented title line after a gap,
 * then, after a blank line, text that is not indented.
 */
function readBoxTitle(lines: Line[], index: number): { title: string; end: number } | undefined {
  const line = lines[index];
  if (line.indent === 0 || !standsApart(lines, index)) return undefined;
  if (SENTENCE_PUNCTUATION.test(line.trimmed) || LIST_ITEM.test(line.trimmed)) return undefined;
  const length = compactText(line.trimmed).length;
  if (length < MINIMUM_BOX_TITLE_LENGTH || length > MAXIMUM_BOX_TITLE_LENGTH) return undefined;
  const end = endOfTitle(lines, index);
  if (end < lines.length && !lines[end].blank) return undefined;
  const title = titleOf(lines, index, end);
  if (/[：:，,、]$/u.test(title)) return undefined;
  const bodyStart = nextNonBlank(lines, end);
  const body = lines[bodyStart];
  if (!body || body.indent > 0 || body.boundary) return undefined;
  if (numberedHeadingKind(body.trimmed) || CAPTION.test(body.trimmed)) return undefined;
  if (readShapedHeading(lines, bodyStart)) return undefined;
  return { title, end };
}

interface CaptionRead {
  label: string;
  text: string;
  end: number;
}

function readCaption(lines: Line[], index: number): CaptionRead | undefined {
  const match = CAPTION.exec(lines[index].trimmed);
  if (!match || SENTENCE_PUNCTUATION.test(lines[index].trimmed)) return undefined;
  const label = `${match[1]} ${match[2]}`;
  let text = normalizeChineseSpacing(lines[index].trimmed);
  let end = index + 1;
  // A chart's own title printed under the caption (`成果目标 1：…` under `图 I.1. …成果目标 1…`) belongs to it.
  const subtitleIndex = nextNonBlank(lines, end);
  const subtitle = subtitleIndex < lines.length ? readNumberedHeading(lines, subtitleIndex) : undefined;
  if (subtitle?.heading.kind === "outcome" && compactText(text).includes(`成果目标${subtitle.heading.number}`)) {
    text = `${text}（${subtitle.heading.title}）`;
    end = subtitle.end;
  }
  return { label, text, end };
}

/**
 * A numbered outcome heading directly followed by another one or by a caption, with nothing in
 * between, is a chart legend left over from extraction.
 */
function isLegendResidue(lines: Line[], heading: { heading: Heading; end: number }): boolean {
  if (heading.heading.kind !== "outcome") return false;
  const next = nextNonBlank(lines, heading.end);
  if (next >= lines.length) return false;
  const following = readNumberedHeading(lines, next);
  return following?.heading.kind === "outcome" || CAPTION.test(lines[next].trimmed);
}

function readEvents(lines: Line[]): ReportEvent[] {
  const events: ReportEvent[] = [];
  const tables = findTables(lines);
  let index = 0;
  while (index < lines.length) {
    const line = lines[index];
    const table = tables.get(index);
    if (table) {
      events.push(table.event);
      collectLinks(lines, index, table.end, events);
      index = table.end;
      continue;
    }
    if (line.blank) {
      if (line.links.length > 0) events.push({ type: "links", links: line.links });
      index += 1;
      continue;
    }
    const consumed = readStructuralLine(lines, index, events);
    if (consumed !== undefined) {
      index = consumed;
      continue;
    }
    events.push({
      type: "text",
      text: line.trimmed,
      page: line.page,
      startsParagraph: line.indent > 0 || startsAfterGap(lines, index) || line.footnote,
      indented: line.indent > 0,
      listItem: LIST_ITEM.test(line.trimmed) || line.footnote || isInListOfShortLines(lines, index),
    });
    index += 1;
  }
  return events;
}

function collectLinks(lines: Line[], start: number, end: number, events: ReportEvent[]): void {
  const links = lines.slice(start, end).flatMap((line) => line.links);
  if (links.length > 0) events.push({ type: "links", links });
}

/** Reads a heading, caption or box title at `index`; returns the index after it, if one was read. */
function readStructuralLine(lines: Line[], index: number, events: ReportEvent[]): number | undefined {
  const caption = readCaption(lines, index);
  if (caption) {
    events.push({ type: "caption", label: caption.label, text: caption.text, page: lines[index].page });
    return caption.end;
  }
  const numbered = readNumberedHeading(lines, index);
  if (numbered) {
    if (isLegendResidue(lines, numbered)) return numbered.end;
    events.push({ type: "heading", heading: numbered.heading });
    return numbered.end;
  }
  const box = readBoxTitle(lines, index);
  if (box) {
    events.push({ type: "box", title: box.title, page: lines[index].page });
    return box.end;
  }
  const shaped = readShapedHeading(lines, index);
  if (shaped) {
    events.push({ type: "heading", heading: shaped.heading });
    return shaped.end;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------------

interface TableSpan {
  end: number;
  event: ReportEvent;
}

/** Finds every table, keyed by the index of its first line. */
function findTables(lines: Line[]): Map<number, TableSpan> {
  const spans = new Map<number, TableSpan>();
  const taken = new Set<number>();
  const claim = (start: number, span: TableSpan): void => {
    spans.set(start, span);
    for (let index = start; index < span.end; index += 1) taken.add(index);
  };
  for (let index = 0; index < lines.length; index += 1) {
    if (taken.has(index)) continue;
    const criteria = readCriteriaTable(lines, index);
    if (criteria) {
      claim(index, criteria);
      index = criteria.end - 1;
    }
  }
  for (let index = 0; index < lines.length; index += 1) {
    if (taken.has(index)) continue;
    const shares = readShareTables(lines, index);
    if (shares) {
      claim(index, shares);
      index = shares.end - 1;
    }
  }
  for (let index = 0; index < lines.length; index += 1) {
    if (taken.has(index) || !isValueRow(lines[index])) continue;
    const numeric = readNumericTable(lines, index, taken);
    if (numeric) {
      claim(numeric.start, numeric.span);
      index = numeric.span.end - 1;
    }
  }
  return spans;
}

/** Splits a value row into its label (possibly empty) and its value tokens. */
function splitValueRow(trimmed: string): { label: string; values: string[] } | undefined {
  if (SENTENCE_PUNCTUATION.test(trimmed)) return undefined;
  const tokens = trimmed.split(/\s+/u);
  let first = tokens.length;
  while (first > 0 && VALUE_TOKEN.test(tokens[first - 1])) first -= 1;
  const values = tokens.slice(first);
  const label = tokens.slice(0, first).join(" ");
  if (values.length < 2 || !values.some((value) => /\d/u.test(value))) return undefined;
  if (label !== "" && (!/[\u4E00-\u9FFF]/u.test(label) || compactText(label).length > MAXIMUM_TABLE_LABEL_LENGTH)) {
    return undefined;
  }
  return { label, values };
}

function isValueRow(line: Line): boolean {
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
function readNumericTable(
  lines: Line[],
  firstRow: number,
  taken: Set<number>,
): { start: number; span: TableSpan } | undefined {
  // When the first row has no label on its own line, the lines right above it are that label.
  const rowsStart = splitValueRow(lines[firstRow].trimmed)?.label === "" ? startOfLabelAbove(lines, firstRow) : firstRow;
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

function nonBlankIndexes(lines: Line[], start: number, end: number): number[] {
  const indexes: number[] = [];
  for (let index = start; index < end; index += 1) if (!lines[index].blank) indexes.push(index);
  return indexes;
}

/**
 * Groups line indexes into blocks of adjacent lines and joins each block's wrapped lines. With
 * `splitAtIndentedLine`, an indented line after a full sentence also starts a new block: at a page
 * break the extraction drops the blank line between two table cells and indents the next one.
 */
function blocksOf(lines: Line[], indexes: number[], splitAtIndentedLine = false): string[] {
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

/** A header line of text columns, e.g. `成功标准 目标 成果`: three or more short Chinese words. */
function isColumnHeader(line: Line): boolean {
  const tokens = line.trimmed.split(/\s+/u);
  return tokens.length >= 3 && tokens.every((token) => /^[\u4E00-\u9FFF]{2,6}$/u.test(token));
}

/**
 * A table whose three text columns were flattened into blank-separated blocks, e.g. Appendix II's
 * `成功标准 目标 成果`: a row ends with the block that holds its status (`达成。…`, `未达成 …`).
 * The table runs until the next heading or caption.
 */
function readCriteriaTable(lines: Line[], index: number): TableSpan | undefined {
  const line = lines[index];
  if (line.blank || !isColumnHeader(line)) return undefined;
  let end = index + 1;
  while (end < lines.length) {
    const current = lines[end];
    if (!current.blank && (numberedHeadingKind(current.trimmed) || CAPTION.test(current.trimmed))) break;
    if (!current.blank && isColumnHeader(current)) break;
    end += 1;
  }
  const blocks = blocksOf(lines, nonBlankIndexes(lines, index + 1, end), true);
  const rows: string[] = [];
  let cells: string[] = [];
  for (const block of blocks) {
    cells.push(block);
    if (STATUS_AT_START.test(block) || STATUS_AFTER_SPACE.test(block)) {
      rows.push(cells.join(" | "));
      cells = [];
    }
  }
  if (rows.length === 0) return undefined;
  if (cells.length > 0) rows.push(cells.join(" | "));
  const header = line.trimmed.split(/\s+/u).join(" | ");
  const table: ReportTable = { shape: "criteria", label: "", title: "", header, rows, rowSeparator: "\n" };
  return { end, event: { type: "table", table, page: line.page } };
}

/**
 * Label/percentage pairs left by pie charts (`就业政策\n21%\n\n非洲地区计划\n21%…`), split into one
 * table per chart where the percentages add up to 100.
 */
function readShareTables(lines: Line[], start: number): TableSpan | undefined {
  const first = lines[start];
  if (first.blank || first.indent > 0 || !isShareLabel(first.trimmed)) return undefined;
  const pairs: Array<{ label: string; percent: string }> = [];
  let label: string | undefined;
  let index = start;
  let end = start;
  while (index < lines.length) {
    const line = lines[index];
    if (line.blank) {
      if (line.boundary) break;
      index += 1;
      continue;
    }
    const percentOnly = PERCENT_ONLY.exec(line.trimmed);
    const percentThenLabel = PERCENT_THEN_LABEL.exec(line.trimmed);
    if (label !== undefined && percentOnly) {
      pairs.push({ label, percent: line.trimmed });
      label = undefined;
      end = index + 1;
    } else if (label !== undefined && percentThenLabel && isShareLabel(percentThenLabel[2])) {
      pairs.push({ label, percent: `${percentThenLabel[1]}%` });
      label = percentThenLabel[2];
    } else if (label === undefined && line.indent === 0 && isShareLabel(line.trimmed)) {
      label = line.trimmed;
    } else {
      break;
    }
    index += 1;
  }
  if (pairs.length < 2) return undefined;
  const tables = splitIntoCharts(pairs).map((chart) => ({
    rows: chart.map((pair) => `${pair.label} ${pair.percent}`),
  }));
  return { end, event: { type: "share-tables", tables, page: first.page } };
}

function isShareLabel(text: string): boolean {
  return (
    /[\u4E00-\u9FFF]/u.test(text) &&
    !/\d/u.test(text) &&
    !SENTENCE_PUNCTUATION.test(text) &&
    compactText(text).length <= 20 &&
    numberedHeadingKind(text) === undefined
  );
}

/** Pie charts printed one after the other: a chart ends where its percentages reach 100. */
function splitIntoCharts<T extends { percent: string }>(pairs: T[]): T[][] {
  const charts: T[][] = [];
  let current: T[] = [];
  let total = 0;
  for (const pair of pairs) {
    current.push(pair);
    total += Number.parseFloat(pair.percent);
    if (total >= 99 && current.length >= 2) {
      charts.push(current);
      current = [];
      total = 0;
    }
  }
  if (current.length > 0) {
    if (charts.length > 0 && current.length < 2) charts[charts.length - 1].push(...current);
    else charts.push(current);
  }
  return charts;
}

// ---------------------------------------------------------------------------------------------
// Building sections
// ---------------------------------------------------------------------------------------------

interface StackEntry {
  title: string;
  rank: number;
  kind: HeadingKind;
  /** Headings that later plain headings nest under, rather than replace. */
  anchor: boolean;
  number?: string;
}

interface PendingCaption {
  label: string;
  text: string;
  page?: number;
  itemIndex: number;
  section: ReportSection;
}

function buildSections(events: ReportEvent[]): ReportStructure {
  const roles = headingRoles(events);
  const sections: ReportSection[] = [];
  const sectionsByPath = new Map<string, ReportSection>();
  const outcomePaths = new Map<string, StackEntry[]>();
  const captionsWithoutData: PendingCaption[] = [];
  let stack: StackEntry[] = [];
  let current = sectionFor([], sections, sectionsByPath);
  let open: { item: Extract<SectionItem, { kind: "text" | "box" }>; closed: boolean } | undefined;

  for (const [eventIndex, event] of events.entries()) {
    switch (event.type) {
      case "heading": {
        stack = placeHeading(stack, event.heading, roles.get(eventIndex) ?? "plain", outcomePaths);
        current = sectionFor(stack.map((entry) => entry.title), sections, sectionsByPath);
        open = undefined;
        break;
      }
      case "text": {
        open = addText(current, open, event);
        break;
      }
      case "box": {
        const item: SectionItem = { kind: "box", title: event.title, text: "", page: event.page };
        current.items.push(item);
        open = { item, closed: true };
        break;
      }
      case "caption": {
        const item: SectionItem = { kind: "caption", label: event.label, text: event.text, page: event.page };
        current.items.push(item);
        captionsWithoutData.push({
          label: event.label,
          text: event.text,
          page: event.page,
          itemIndex: current.items.length - 1,
          section: current,
        });
        open = undefined;
        break;
      }
      case "table": {
        event.table.label = tableLabel(event.table, stack);
        event.table.title = tableTitle(event.table, stack);
        current.items.push({ kind: "table", table: event.table, page: event.page });
        open = undefined;
        break;
      }
      case "share-tables": {
        placeShareTables(event, captionsWithoutData, current, stack);
        open = undefined;
        break;
      }
      case "links": {
        for (const link of event.links) if (!current.links.includes(link)) current.links.push(link);
        break;
      }
    }
  }
  return { sections: sections.filter((section) => section.items.length > 0 || section.links.length > 0) };
}

function sectionFor(path: string[], sections: ReportSection[], byPath: Map<string, ReportSection>): ReportSection {
  const key = path.join("\u0000");
  const existing = byPath.get(key);
  if (existing) return existing;
  const section: ReportSection = { path, items: [], links: [] };
  sections.push(section);
  byPath.set(key, section);
  return section;
}

/** Adds a line of running text: it continues the open paragraph or starts a new one. */
function addText(
  section: ReportSection,
  open: { item: Extract<SectionItem, { kind: "text" | "box" }>; closed: boolean } | undefined,
  event: Extract<ReportEvent, { type: "text" }>,
): { item: Extract<SectionItem, { kind: "text" | "box" }>; closed: boolean } {
  const text = event.text;
  if (open && section.items.includes(open.item)) {
    const body = open.item.text;
    const lastParagraph = body.slice(body.lastIndexOf("\n\n") + 1);
    const continues = body !== "" && !event.listItem && (!endsSentence(lastParagraph) || !event.startsParagraph);
    if (continues) {
      open.item.text = joinWrappedText(body, text);
      return open;
    }
    const boxGoesOn = open.item.kind === "box" && (event.listItem || !event.startsParagraph || isBoxParagraph(event));
    if (boxGoesOn || (open.item.kind === "box" && body === "")) {
      open.item.text = body === "" ? text : `${body}\n\n${text}`;
      return open;
    }
  }
  const item: SectionItem = { kind: "text", text, page: event.page };
  section.items.push(item);
  return { item, closed: false };
}

/** In a box, paragraphs are not indented; an indented line goes back to the report's running text. */
function isBoxParagraph(event: Extract<ReportEvent, { type: "text" }>): boolean {
  return event.startsParagraph && !event.indented;
}

/**
 * Decides how each plain heading nests: a heading right before the first numbered outcome of a
 * series (`成果目标 1`, `成果目标 A`) opens that series; a heading that comes after the last
 * sub-heading every outcome of a series has (`预算和支出`) closes the series; other plain headings
 * sit under the nearest numbered heading.
 */
function headingRoles(events: ReportEvent[]): Map<number, "opens-group" | "plain"> {
  const roles = new Map<number, "opens-group" | "plain">();
  const headingIndexes = events.flatMap((event, index) => (event.type === "heading" ? [index] : []));
  const headingAt = (index: number): Heading => (events[index] as Extract<ReportEvent, { type: "heading" }>).heading;

  const opensSeries = (position: number): boolean => {
    const next = headingIndexes[position + 1];
    if (next === undefined) return false;
    const heading = headingAt(next);
    return heading.kind === "outcome" && (heading.number === "1" || heading.number === "A");
  };
  for (const [position, index] of headingIndexes.entries()) {
    if (headingAt(index).kind === "generic" && opensSeries(position)) roles.set(index, "opens-group");
  }

  // Sub-heading titles under each outcome, until the next numbered or group-opening heading.
  const subheadings = new Map<number, string[]>();
  let currentOutcome: number | undefined;
  for (const index of headingIndexes) {
    const heading = headingAt(index);
    if (heading.kind === "outcome") {
      currentOutcome = index;
      subheadings.set(index, []);
    } else if (heading.kind === "part" || roles.get(index) === "opens-group") {
      currentOutcome = undefined;
    } else if (heading.kind === "generic" && currentOutcome !== undefined) {
      subheadings.get(currentOutcome)?.push(heading.title);
    }
  }
  const titleCounts = new Map<string, number>();
  for (const titles of subheadings.values()) {
    for (const title of new Set(titles)) titleCounts.set(title, (titleCounts.get(title) ?? 0) + 1);
  }
  const repeated = (title: string): boolean => (titleCounts.get(title) ?? 0) >= 2;
  const lastRepeated = mostCommon(
    [...subheadings.values()].map((titles) => titles.filter(repeated).at(-1)).filter((title) => title !== undefined),
  );
  if (lastRepeated === undefined) return roles;
  for (const [outcomeIndex, titles] of subheadings) {
    const closingAt = titles.indexOf(lastRepeated);
    if (closingAt < 0) continue;
    const closer = titles.slice(closingAt + 1).find((title) => !repeated(title));
    if (closer === undefined) continue;
    const closerIndex = headingIndexes.find((index) => index > outcomeIndex && headingAt(index).title === closer);
    if (closerIndex !== undefined) roles.set(closerIndex, "opens-group");
  }
  return roles;
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

const RANK_OF: Record<Exclude<HeadingKind, "generic">, number> = { part: 1, outcome: 3, indicator: 4 };

function placeHeading(
  stack: StackEntry[],
  heading: Heading,
  role: "opens-group" | "plain",
  outcomePaths: Map<string, StackEntry[]>,
): StackEntry[] {
  const entry = (rank: number, anchor: boolean): StackEntry => ({
    title: heading.title,
    rank,
    kind: heading.kind,
    anchor,
    number: heading.number,
  });
  if (heading.kind === "part") {
    outcomePaths.clear();
    return [entry(RANK_OF.part, true)];
  }
  if (heading.kind === "outcome") {
    const placed = [...popWhile(stack, (top) => top.rank >= RANK_OF.outcome), entry(RANK_OF.outcome, true)];
    if (heading.number) outcomePaths.set(heading.number, placed);
    return placed;
  }
  if (heading.kind === "indicator") {
    let base = popWhile(stack, (top) => top.rank >= RANK_OF.indicator);
    const outcomeNumber = heading.number?.split(".")[0];
    const currentOutcome = base.findLast((item) => item.kind === "outcome");
    const owner = outcomeNumber ? outcomePaths.get(outcomeNumber) : undefined;
    // The PDF sometimes prints an indicator's table inside the next outcome's pages (`指标 A.3` after `指标 B.1`).
    if (owner && currentOutcome && currentOutcome.number !== outcomeNumber) base = owner;
    return [...base, entry(RANK_OF.indicator, true)];
  }
  if (role === "opens-group") return [...popWhile(stack, (top) => top.rank >= 2), entry(2, true)];
  const base = popWhile(stack, (top) => !top.anchor);
  return [...base, entry((base.at(-1)?.rank ?? 0) + 1, false)];
}

function popWhile(stack: StackEntry[], shouldPop: (top: StackEntry) => boolean): StackEntry[] {
  const result = [...stack];
  while (result.length > 0 && shouldPop(result[result.length - 1])) result.pop();
  return result;
}

/** The short form of a numbered heading: `成果目标 1` for `成果目标 1：为实现…`. */
export function shortHeading(title: string): string {
  const match = /^(.{1,16}?)\s*[：:]/u.exec(title);
  return match && /\d|[A-Z]/u.test(match[1]) ? match[1].trim() : title;
}

function nearestNumbered(stack: StackEntry[]): StackEntry | undefined {
  return stack.findLast((entry) => entry.kind === "outcome" || entry.kind === "indicator");
}

function firstHeaderWord(header: string): string | undefined {
  const first = header.split(/[\s|]+/u).find((token) => token !== "");
  return first && /^[\u4E00-\u9FFF]+$/u.test(first) ? first : undefined;
}

function unitOf(header: string): string {
  const unit = /[(（]([^()（）]*(?:元|%|百分比)[^()（）]*)[)）]/u.exec(header);
  return unit ? `（${unit[1]}）` : "";
}

function tableLabel(table: ReportTable, stack: StackEntry[]): string {
  const numbered = nearestNumbered(stack);
  if (table.shape === "criteria" && numbered) return `表 ${shortHeading(numbered.title)}`;
  if (table.title !== "") return `表 ${table.title}`;
  const word = firstHeaderWord(table.header);
  const owner = numbered ? shortHeading(numbered.title) : stack.at(-1)?.title;
  return ["表", owner, word].filter((part) => part !== undefined && part !== "").join(" ");
}

function tableTitle(table: ReportTable, stack: StackEntry[]): string {
  const numbered = nearestNumbered(stack);
  const section = stack.at(-1);
  const owner = numbered ? shortHeading(numbered.title) : undefined;
  const sectionTitle = section && section !== numbered ? section.title : undefined;
  if (table.shape === "criteria") {
    const columns = table.header.split(" | ").join("、");
    return [numbered?.title ?? sectionTitle, `${columns}表`].filter(Boolean).join(" ");
  }
  if (table.title !== "") return [owner, table.title].filter(Boolean).join(" ");
  const word = firstHeaderWord(table.header);
  return [owner, sectionTitle, `${word ?? ""}表${unitOf(table.header)}`].filter(Boolean).join(" ");
}

/**
 * Pie-chart data is printed after its captions, sometimes after two captions in a row: a run
 * of `k` charts belongs to the last `k` captions that have no data yet. Each chart becomes a
 * table in its caption's section, replacing the bare caption.
 */
function placeShareTables(
  event: Extract<ReportEvent, { type: "share-tables" }>,
  captionsWithoutData: PendingCaption[],
  current: ReportSection,
  stack: StackEntry[],
): void {
  const owners = captionsWithoutData.splice(Math.max(0, captionsWithoutData.length - event.tables.length));
  event.tables.forEach((chart, chartIndex) => {
    const owner = owners.length === event.tables.length ? owners[chartIndex] : undefined;
    const table: ReportTable = {
      shape: "share",
      label: owner?.label ?? `表 ${stack.at(-1)?.title ?? ""}`.trim(),
      title: owner ? `${owner.text} 各项占比` : `${stack.at(-1)?.title ?? ""} 占比`,
      header: "",
      rows: chart.rows,
      rowSeparator: "；",
    };
    const item: SectionItem = { kind: "table", table, page: owner?.page ?? event.page };
    if (owner) owner.section.items[owner.itemIndex] = item;
    else current.items.push(item);
  });
}
