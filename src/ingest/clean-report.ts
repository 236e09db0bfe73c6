/**
 * Cleaning of text extracted from a report PDF: page headers, URL-only lines, bar-chart residue,
 * orphan link labels and footnote markers are taken out, line by line, so that later stages
 * (structure, chunking, table parsing) see the report's own text only.
 *
 * The result keeps one entry per source line (removed lines become empty, with the reason
 * recorded), so line numbers stay comparable with the source file.
 *
 * @module
 */

/** Why a source line was emptied by {@link cleanReport}. */
export type RemovedLineReason = "page-header" | "url" | "chart-residue" | "link-label";

/** One source line after cleaning. */
export interface CleanedLine {
  /**
   * The line's text without trailing whitespace. Leading spaces are kept: in extracted reports
   * they carry structure (paragraphs open with one space, titled boxes and headings often with two).
   * Empty for blank and removed lines.
   */
  text: string;
  /** 1-based line number in the source text. */
  sourceLine: number;
  /** Printed page number the line is on, when page headers allow an estimate. */
  page?: number;
  /**
   * `false` only for lines known to be on `page` (a page header line and the lines right after
   * it); `true` when `page` was interpolated between page headers from the amount of text.
   */
  pageIsEstimated: boolean;
  /** URLs that stood on this line (a removed URL-only line keeps its URL here). */
  links: string[];
  /** Set when the line was emptied, with the reason. */
  removed?: RemovedLineReason;
  /** Footnote number, when the line opens a footnote's text (the text then reads `脚注 N：…`). */
  footnote?: number;
}

/**
 * A running page header or footer found in the source: a short line that repeats with only its page number changing.
 */
export interface PageHeader {
  page: number;
  sourceLine: number;
}

/** Counts of what {@link cleanReport} took out. */
export interface CleaningStatistics {
  pageHeaders: number;
  urlLines: number;
  chartResidueLines: number;
  linkLabelLines: number;
  footnoteMarkers: number;
}

/**
 * A report's text cleaned of PDF-extraction residue, still one entry per source line.
 *
 * Lines are not joined here: joining wrapped lines needs the report's structure (a heading is not
 * the start of the next sentence), which `report-structure.ts` recognises. Use
 * {@link joinWrappedText} to join two pieces of Chinese text the same way.
 */
export interface CleanedReport {
  lines: CleanedLine[];
  /** Every distinct URL, in order of first appearance. */
  links: string[];
  pageHeaders: PageHeader[];
  statistics: CleaningStatistics;
}

/** Characters of CJK script (ideographs, CJK punctuation and full-width forms). */
const CJK_CHARACTER = /[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F]/u;
const URL_ONLY_LINE = /^\s*((?:https?:\/\/|www\.)\S+)\s*$/u;
/** A line holding only bare numbers (bar-chart values and axis ticks), never percentages. */
const LONE_NUMBERS_LINE = /^\s*\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)*\s*$/u;
const SENTENCE_PUNCTUATION = /[。！？；!?;]/u;
/** Phrases that only made sense as clickable link text in the PDF. */
const LINK_ANCHOR_PHRASE =
  /观看视频|更多阅读|阅读更多(?:内容)?|转到[^\s–—-]{0,12}汇总表|read more|watch (?:the )?video/giu;
const LINK_LABEL_SEPARATORS = /[\s–—\-·。.]+/gu;

/** Bar-chart residue is recognised from this many lone-number lines in a row (blank lines aside). */
const MINIMUM_CHART_NUMBER_LINES = 4;
/** Longest line (in characters, spaces excluded) still taken for a chart's axis or legend label. */
const MAXIMUM_CHART_LABEL_LENGTH = 40;
/** Used to estimate pages when the source has a single page header. */
const DEFAULT_CHARACTERS_PER_PAGE = 850;

/**
 * Cleans text extracted from a report PDF.
 *
 * - running page headers and footers (short lines repeated through the report with only a number
 *   changing, the page number) are removed and give each line its printed page number; a PDF's
 *   lines come with their true pages (`options.linePages`) instead;
 * - a text written one paragraph a line (no line wraps) gets a blank line after each paragraph;
 * - URL-only lines are removed; their URL stays on the emptied line (`links`);
 * - bar-chart residue (runs of lone numbers, one-character lines, axis labels and legends) is
 *   removed, while label/percentage pairs of pie charts are kept, being data;
 * - lines made only of link labels ("观看视频 – 转到…汇总表") are removed;
 * - footnote markers are removed from the text and footnote lines read `脚注 N：…`.
 *
 * @example
 * const cleaned = cleanReport(await readFile("corpus/report.txt", "utf8"));
 * cleaned.lines.filter((line) => line.text !== "").map((line) => line.text);
 */
export function cleanReport(text: string, options: CleanOptions = {}): CleanedReport {
  const lines = splitIntoLines(text);
  // A PDF's lines are its printed lines: they are wrapped by construction.
  if (!options.linePages && isOneParagraphALine(lines)) setParagraphsApart(lines);
  const statistics: CleaningStatistics = {
    pageHeaders: 0,
    urlLines: 0,
    chartResidueLines: 0,
    linkLabelLines: 0,
    footnoteMarkers: 0,
  };
  const pageHeaders = removePageHeaders(lines, statistics);
  const links = removeUrlLines(lines, statistics);
  removeLinkLabelLines(lines, statistics);
  removeChartResidue(lines, statistics);
  statistics.footnoteMarkers = markFootnotes(lines);
  if (options.linePages) setTruePages(lines, options.linePages);
  else assignPages(lines, pageHeaders);
  return { lines, links, pageHeaders, statistics };
}

/** What the text is known to be beyond its characters. */
export interface CleanOptions {
  /** The true page of each line (a PDF's), in place of pages estimated from page headers. */
  linePages?: Array<number | undefined>;
}

/** Whether `character` is written in CJK script (ideograph or CJK punctuation). */
export function isCjkCharacter(character: string): boolean {
  return CJK_CHARACTER.test(character);
}

/**
 * Joins two pieces of text split by a line wrap: nothing is inserted next to a CJK character or
 * after a hyphen, and one space is kept between two Latin or digit tokens (`Think.Coop and` +
 * `Start.Coop`).
 */
export function joinWrappedText(before: string, after: string): string {
  const left = before.replace(/\s+$/u, "");
  const right = after.replace(/^\s+/u, "");
  if (left === "") return right;
  if (right === "") return left;
  const lastCharacter = left.at(-1) ?? "";
  const firstCharacter = right[0] ?? "";
  const touchesCjk = isCjkCharacter(lastCharacter) || isCjkCharacter(firstCharacter);
  const glued = touchesCjk || /[-–/(（]$/u.test(lastCharacter) || /^[)）,.;:，。；：]/u.test(firstCharacter);
  if (glued && !(touchesCjk && mixesCjkAndWord(lastCharacter, firstCharacter))) {
    return left + right;
  }
  return `${left} ${right}`;
}

/**
 * Normalises spaces inside a piece of Chinese running text: runs of whitespace become one space
 * and spaces between two CJK characters (PDF letter-spacing such as `统  计`) are dropped.
 * Spaces between Chinese and numbers (`2019 年`) are kept, as the extraction prints them.
 */
export function normalizeChineseSpacing(text: string): string {
  return text
    .replace(/\s+/gu, " ")
    .replace(
      /(?<=[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F]) (?=[\u2E80-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u3000-\u303F])/gu,
      "",
    )
    .trim();
}

/** The number of leading spaces of a line. */
export function indentationOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** Text of a line without surrounding whitespace and without inner spaces. */
export function compactText(text: string): string {
  return text.replace(/\s+/gu, "");
}

function mixesCjkAndWord(left: string, right: string): boolean {
  // The extraction spaces numbers and Latin words from Chinese ("2019 年", "的 SCORE"): keep that style
  // when a wrap falls exactly there, but not next to CJK punctuation.
  const word = /[A-Za-z0-9]/u;
  const ideograph = /[\u4E00-\u9FFF]/u;
  return (ideograph.test(left) && word.test(right)) || (word.test(left) && ideograph.test(right));
}

function splitIntoLines(text: string): CleanedLine[] {
  const normalized = text
    .replace(/^\uFEFF/u, "")
    .replace(/\r\n?/gu, "\n")
    .replace(/[\u00A0\f\t]/gu, " ");
  return normalized.split("\n").map((lineText, index) => ({
    text: lineText.replace(/\s+$/u, ""),
    sourceLine: index + 1,
    pageIsEstimated: true,
    links: [],
  }));
}

/** Share of a text's lines that must end a sentence for the text to be written one paragraph a line. */
const UNWRAPPED_SHARE = 0.7;
/** Lines shorter than this (headings, titles) do not count in that share. */
const UNWRAPPED_LINE_LENGTH = 24;

/**
 * Whether the text is written one paragraph (or one sentence) a line: its lines are not wrapped,
 * so almost every line of running text ends a sentence, and few blank lines set paragraphs apart.
 */
function isOneParagraphALine(lines: CleanedLine[]): boolean {
  const long = lines.filter((line) => compactText(line.text).length >= UNWRAPPED_LINE_LENGTH);
  if (long.length < 3) return false;
  const ended = long.filter((line) => /[。！？；.!?;:：”"’)）]\s*$/u.test(line.text)).length;
  return ended >= long.length * UNWRAPPED_SHARE;
}

/** Makes every line of a one-paragraph-a-line text a paragraph of its own: blank lines in between. */
function setParagraphsApart(lines: CleanedLine[]): void {
  const spaced: CleanedLine[] = [];
  for (const line of lines) {
    spaced.push(line);
    if (line.text.trim() !== "")
      spaced.push({ text: "", sourceLine: line.sourceLine, pageIsEstimated: true, links: [] });
  }
  lines.splice(0, lines.length, ...spaced);
}

function setTruePages(lines: CleanedLine[], linePages: Array<number | undefined>): void {
  let page = linePages.find((known) => known !== undefined);
  for (const line of lines) {
    page = linePages[line.sourceLine - 1] ?? page;
    line.page = page;
    line.pageIsEstimated = false;
  }
}

function removeLine(line: CleanedLine, reason: RemovedLineReason): void {
  line.text = "";
  line.removed = reason;
}

/** Shortest run of repeats that makes a line a running header: it must repeat through the report. */
const MINIMUM_RUNNING_HEADERS = 3;
/** Longest running header (characters, spaces excluded). */
const MAXIMUM_RUNNING_HEADER_LENGTH = 48;
/** Running headers stand at least this many lines apart on average (a chart legend's labels do not). */
const MINIMUM_LINES_BETWEEN_HEADERS = 12;

/**
 * Finds running page headers and footers: short lines that, read with their numbers blanked out,
 * repeat through the report, far apart, with one number counting the pages. The line of a
 * header `Annual Report 2019 35` is removed and gives page 35.
 */
function removePageHeaders(lines: CleanedLine[], statistics: CleaningStatistics): PageHeader[] {
  const groups = new Map<string, CleanedLine[]>();
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (!/\d/u.test(trimmed) || compactText(trimmed).length > MAXIMUM_RUNNING_HEADER_LENGTH) continue;
    if (SENTENCE_PUNCTUATION.test(trimmed)) continue;
    const key = compactText(trimmed).replace(/\d+/gu, "#");
    const group = groups.get(key) ?? [];
    group.push(line);
    groups.set(key, group);
  }
  const pageHeaders: PageHeader[] = [];
  for (const group of groups.values()) {
    const pages = pageNumbersOf(group);
    if (!pages) continue;
    group.forEach((line, position) => {
      pageHeaders.push({ page: pages[position], sourceLine: line.sourceLine });
      removeLine(line, "page-header");
      statistics.pageHeaders += 1;
    });
  }
  return pageHeaders.sort((a, b) => a.sourceLine - b.sourceLine);
}

/** The page numbers of a group of look-alike lines, when one of their numbers counts pages. */
function pageNumbersOf(group: CleanedLine[]): number[] | undefined {
  if (group.length < MINIMUM_RUNNING_HEADERS) return undefined;
  const span = group[group.length - 1].sourceLine - group[0].sourceLine;
  if (span / (group.length - 1) < MINIMUM_LINES_BETWEEN_HEADERS) return undefined;
  const numbers = group.map((line) => (line.text.match(/\d+/gu) ?? []).map(Number));
  const width = numbers[0].length;
  if (numbers.some((values) => values.length !== width)) return undefined;
  // One number counts the pages; the others (a document symbol's, a year) stay the same.
  const varying = [...Array(width).keys()].filter(
    (position) => new Set(numbers.map((values) => values[position])).size > 1,
  );
  if (varying.length !== 1) return undefined;
  const pages = numbers.map((values) => values[varying[0]]);
  if (pages.some((page) => page > 9999)) return undefined;
  let rising = 0;
  for (let index = 1; index < pages.length; index += 1) if (pages[index] > pages[index - 1]) rising += 1;
  const countsPages = rising >= (pages.length - 1) * 0.8 && new Set(pages).size >= pages.length * 0.8;
  return countsPages ? pages : undefined;
}

function removeUrlLines(lines: CleanedLine[], statistics: CleaningStatistics): string[] {
  const links: string[] = [];
  for (const line of lines) {
    const match = URL_ONLY_LINE.exec(line.text);
    if (!match) continue;
    const url = match[1];
    line.links.push(url);
    if (!links.includes(url)) links.push(url);
    removeLine(line, "url");
    statistics.urlLines += 1;
  }
  return links;
}

function removeLinkLabelLines(lines: CleanedLine[], statistics: CleaningStatistics): void {
  for (const line of lines) {
    if (line.text.trim() === "" || !LINK_ANCHOR_PHRASE.test(line.text)) continue;
    LINK_ANCHOR_PHRASE.lastIndex = 0;
    const rest = line.text.replace(LINK_ANCHOR_PHRASE, "").replace(LINK_LABEL_SEPARATORS, "");
    if (rest !== "") continue;
    removeLine(line, "link-label");
    statistics.linkLabelLines += 1;
  }
  LINK_ANCHOR_PHRASE.lastIndex = 0;
}

/** A line that may belong to a chart: blank, a number, a one-character line or a short label. */
function isChartLikeLine(line: CleanedLine): boolean {
  if (line.removed === "page-header" || line.removed === "url") return false;
  const trimmed = line.text.trim();
  if (trimmed === "") return true;
  if (indentationOf(line.text) > 0) return false;
  if (SENTENCE_PUNCTUATION.test(trimmed)) return false;
  if (/\d%/u.test(trimmed)) return false;
  return compactText(trimmed).length <= MAXIMUM_CHART_LABEL_LENGTH;
}

function isLoneNumbersLine(line: CleanedLine): boolean {
  return line.removed === undefined && LONE_NUMBERS_LINE.test(line.text);
}

/**
 * Removes bar-chart residue: a run of chart-like lines holding at least
 * {@link MINIMUM_CHART_NUMBER_LINES} lone-number lines in a row (only blank lines between them).
 * The run extends over the axis labels and the legend that follow, up to a page header, a URL,
 * an indented line (a new paragraph, box or caption) or a sentence.
 */
function removeChartResidue(lines: CleanedLine[], statistics: CleaningStatistics): void {
  let index = 0;
  while (index < lines.length) {
    const clusterEnd = endOfLoneNumberCluster(lines, index);
    if (clusterEnd === undefined) {
      index += 1;
      continue;
    }
    let end = clusterEnd;
    while (end < lines.length && isChartLikeLine(lines[end])) end += 1;
    for (let position = index; position < end; position += 1) {
      if (lines[position].text.trim() !== "") statistics.chartResidueLines += 1;
      if (lines[position].removed === undefined) removeLine(lines[position], "chart-residue");
    }
    index = end;
  }
}

/** When a cluster of enough lone-number lines starts at `start`, the index just after it. */
function endOfLoneNumberCluster(lines: CleanedLine[], start: number): number | undefined {
  if (!isLoneNumbersLine(lines[start])) return undefined;
  let count = 0;
  let position = start;
  let end = start;
  while (position < lines.length) {
    if (isLoneNumbersLine(lines[position])) {
      count += 1;
      end = position + 1;
    } else if (lines[position].text.trim() !== "") {
      break;
    }
    position += 1;
  }
  return count >= MINIMUM_CHART_NUMBER_LINES ? end : undefined;
}

/** How far back from a footnote's text its marker is looked for. */
const FOOTNOTE_MARKER_SEARCH_LINES = 80;

/**
 * Finds footnotes, numbered 1, 2, 3… in order: a line `N text…` (not indented, mostly Chinese)
 * whose marker ` N` can be found in the lines before it. The marker is removed and the footnote's
 * line rewritten as `脚注 N：text…`.
 */
function markFootnotes(lines: CleanedLine[]): number {
  let expected = 1;
  let markers = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const match = /^(\d{1,2}) (.+)$/u.exec(line.text);
    if (!match || Number(match[1]) !== expected) continue;
    if (countCjk(match[2]) < 2) continue;
    if (!removeFootnoteMarker(lines, index, expected)) continue;
    line.text = `脚注 ${expected}：${match[2].trim()}`;
    line.footnote = expected;
    markers += 1;
    expected += 1;
  }
  return markers;
}

function countCjk(text: string): number {
  return [...text].filter((character) => /[\u4E00-\u9FFF]/u.test(character)).length;
}

function removeFootnoteMarker(lines: CleanedLine[], footnoteIndex: number, number: number): boolean {
  const patterns = [
    // "…下降了 6%。 1" at the end of a line
    new RegExp(`(?<=[。；：”」』）)%\\u4E00-\\u9FFF])\\s+${number}\\s*$`, "u"),
    // "…来衡量。 4 鉴于…" after the end of a sentence
    new RegExp(`(?<=[。；”）)])\\s+${number}\\s+(?=[\\u4E00-\\u9FFF])`, "u"),
    // "…进行评估  2，这个…" before a comma or full stop
    new RegExp(`(?<=[\\u4E00-\\u9FFF])\\s+${number}(?=[，。；])`, "u"),
  ];
  const firstIndex = Math.max(0, footnoteIndex - FOOTNOTE_MARKER_SEARCH_LINES);
  for (let index = footnoteIndex - 1; index >= firstIndex; index -= 1) {
    const line = lines[index];
    if (line.footnote !== undefined || line.text === "") continue;
    for (const pattern of patterns) {
      if (!pattern.test(line.text)) continue;
      line.text = line.text.replace(pattern, "").replace(/\s+$/u, "");
      return true;
    }
  }
  return false;
}

/** Counts the characters that carry text, so that page estimates ignore blank lines and URLs. */
function textWeight(line: CleanedLine): number {
  return compactText(line.text).length;
}

/**
 * Gives every line a printed page number. A page header opens its page, so the lines after it
 * until the next header are spread over the pages in between in proportion to their text;
 * before the first and after the last header, the average text per page is used.
 */
function assignPages(lines: CleanedLine[], pageHeaders: PageHeader[]): void {
  if (pageHeaders.length === 0) return;
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += textWeight(line);
  }
  const indexOfSourceLine = new Map<number, number>();
  lines.forEach((line, index) => {
    if (!indexOfSourceLine.has(line.sourceLine)) indexOfSourceLine.set(line.sourceLine, index);
  });
  const headerIndexes = pageHeaders.map((header) => indexOfSourceLine.get(header.sourceLine) ?? 0);
  const anchors = pageHeaders.map((header, position) => ({
    page: header.page,
    offset: offsets[headerIndexes[position]],
  }));
  const charactersPerPage = averageCharactersPerPage(anchors);
  let anchorIndex = -1;
  for (let index = 0; index < lines.length; index += 1) {
    while (anchorIndex + 1 < anchors.length && headerIndexes[anchorIndex + 1] <= index) anchorIndex += 1;
    const estimate = estimatePage(offsets[index], anchorIndex, anchors, charactersPerPage);
    if (estimate === undefined) continue;
    lines[index].page = estimate.page;
    lines[index].pageIsEstimated = estimate.estimated;
  }
}

interface PageAnchor {
  page: number;
  offset: number;
}

function averageCharactersPerPage(anchors: PageAnchor[]): number {
  let characters = 0;
  let pages = 0;
  for (let index = 1; index < anchors.length; index += 1) {
    const pageSpan = anchors[index].page - anchors[index - 1].page;
    if (pageSpan <= 0) continue;
    characters += anchors[index].offset - anchors[index - 1].offset;
    pages += pageSpan;
  }
  return pages > 0 && characters > 0 ? characters / pages : DEFAULT_CHARACTERS_PER_PAGE;
}

function estimatePage(
  offset: number,
  anchorIndex: number,
  anchors: PageAnchor[],
  charactersPerPage: number,
): { page: number; estimated: boolean } | undefined {
  if (anchorIndex < 0) {
    const first = anchors[0];
    const page = first.page - Math.ceil((first.offset - offset) / charactersPerPage);
    return page >= 1 ? { page, estimated: true } : undefined;
  }
  const previous = anchors[anchorIndex];
  const next = anchors[anchorIndex + 1];
  const span =
    next && next.page > previous.page
      ? (next.offset - previous.offset) / (next.page - previous.page)
      : charactersPerPage;
  const pagesIn = Math.floor((offset - previous.offset) / Math.max(span, 1));
  const lastPage = next && next.page > previous.page ? next.page - 1 : Number.POSITIVE_INFINITY;
  const page = Math.min(previous.page + pagesIn, lastPage);
  return { page, estimated: page !== previous.page || offset - previous.offset > span / 2 };
}
