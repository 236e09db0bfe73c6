/**
 * Recognition of a cleaned report's own structure: parts and appendices, numbered outcome and
 * indicator headings, plain headings, titled boxes, figure captions and paragraphs, with the
 * tables `report-tables.ts` finds placed in the sections they are printed in.
 *
 * The PDF's typography is lost in extraction, so headings are recognised from their numbering
 * (`第二部分`, `附录 II`, `成果目标 3：`, `指标 A.1：`), their shape (a short line without sentence
 * punctuation between blank lines) and their place (a title repeated under every outcome is a
 * sub-heading of the outcome).
 *
 * @module
 */
import { type CleanedReport, compactText, joinWrappedText, normalizeChineseSpacing } from "./clean-report.js";
import { CAPTION, type HeadingKind, numberedHeadingKind } from "./heading-numbering.js";
import { isValueRow } from "./numeric-tables.js";
import {
  endsSentence,
  type Line,
  nextNonBlank,
  previousNonBlank,
  SENTENCE_PUNCTUATION,
  toLines,
} from "./report-lines.js";
import { findTables, type ReportTable, type TableEvent, tableLabel, tableTitle } from "./report-tables.js";
import { shareTable } from "./share-tables.js";

/** Something a section holds, in reading order. */
export type SectionItem =
  | { kind: "text"; text: string; page?: number }
  | { kind: "box"; title: string; text: string; page?: number }
  | { kind: "caption"; label: string; text: string; page?: number }
  | { kind: "table"; table: ReportTable; page?: number };

/** A section of the report: its heading path, its content and the links printed in it. */
export interface ReportSection {
  /**
   * Headings from the top of the report, e.g. `["第二部分. 国际劳工组织的工作成效", "成果目标
   * 3：…", "预算和支出"]`.
   */
  path: string[];
  items: SectionItem[];
  /** URLs printed (on their own lines) in the section, without repeats. */
  links: string[];
}

/** The report as sections, in reading order. A section path may appear once only. */
export interface ReportStructure {
  sections: ReportSection[];
}

const LIST_ITEM = /^(?:[•·●▪οo◦-]\s|\(\d+\)\s|\([ivx]+\)\s|[（(][一二三四五六七八九十]+[)）])/u;

/** Longest heading (characters, spaces excluded) recognised from its shape alone. */
const MAXIMUM_HEADING_LENGTH = 32;
/** Longest numbered heading (`成果目标 N：…`, `指标 X.n：…`) on one line. */
const MAXIMUM_NUMBERED_HEADING_LENGTH = 80;
const MINIMUM_BOX_TITLE_LENGTH = 8;
const MAXIMUM_BOX_TITLE_LENGTH = 70;
const MAXIMUM_TITLE_CONTINUATION_LENGTH = 40;
/** A run of this many short blank-separated lines is a list (abbreviations), not headings. */
const MINIMUM_LIST_LENGTH = 3;

interface Heading {
  kind: HeadingKind;
  title: string;
  /** `3` for `<label> 3：…`, `A.1` for `<label> A.1：…`. */
  number?: string;
  /** The label of a series heading (`Outcome` in `Outcome 3: …`). */
  label?: string;
  /** The numbering scheme of an enumerated heading (`一、`, `（一）`, `1.`, `I.` …). */
  scheme?: string;
  page?: number;
}

/** One recognised unit of the report, in reading order. */
type ReportEvent =
  | { type: "heading"; heading: Heading }
  | { type: "text"; text: string; page?: number; startsParagraph: boolean; indented: boolean; listItem: boolean }
  | { type: "box"; title: string; page?: number }
  | { type: "caption"; label: string; text: string; page?: number }
  | TableEvent
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

// ---------------------------------------------------------------------------------------------
// Reading lines into events
// ---------------------------------------------------------------------------------------------

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

/** Cells set apart by runs of spaces: a row of a table as a PDF lays it out. */
const CELL_GAP = /\S\s{3,}\S/u;

function isTitleShaped(line: Line, maximumLength: number): boolean {
  if (line.blank || line.footnote || CELL_GAP.test(line.trimmed)) return false;
  if (SENTENCE_PUNCTUATION.test(line.trimmed) || LIST_ITEM.test(line.trimmed)) return false;
  if (/[，、]$/u.test(line.trimmed) && compactText(line.trimmed).length < 6) return false;
  if (/^[\d\s.%,()（）–-]+$/u.test(line.trimmed)) return false;
  return compactText(line.trimmed).length <= maximumLength;
}

/** Most words of a heading in Latin script recognised from its shape alone. */
const MAXIMUM_LATIN_HEADING_WORDS = 10;

/** A short Latin-script line that starts with a capital and ends without punctuation: `Principal activities`. */
function isLatinTitleShaped(line: Line): boolean {
  if (line.blank || line.footnote || LIST_ITEM.test(line.trimmed)) return false;
  if (!/^[\p{Lu}\d]/u.test(line.trimmed) || /[.,;:!?]$/u.test(line.trimmed)) return false;
  if (!/\p{L}{3}/u.test(line.trimmed) || /\s{3}/u.test(line.trimmed)) return false;
  return line.trimmed.split(/\s+/u).length <= MAXIMUM_LATIN_HEADING_WORDS;
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

/** A numbered heading (part, appendix, outcome, indicator) starting at `index`, with its end. */
function readNumberedHeading(lines: Line[], index: number): { heading: Heading; end: number } | undefined {
  const line = lines[index];
  if (!standsApart(lines, index)) return undefined;
  if (SENTENCE_PUNCTUATION.test(line.trimmed)) return undefined;
  if (compactText(line.trimmed).length > MAXIMUM_NUMBERED_HEADING_LENGTH) return undefined;
  const found = numberedHeadingKind(line.trimmed);
  if (!found || (found.kind === "numbered" && isTableLabel(lines, index))) return undefined;
  const end = endOfTitle(lines, index);
  const title = titleOf(lines, index, end);
  // An enumerated line that ends like a clause (`(1) …；`) is an item of a list, not a heading.
  if (found.kind === "numbered" && (/[；;，,、：:]$/u.test(title) || LIST_ITEM.test(line.trimmed))) return undefined;
  const heading: Heading = { kind: found.kind, number: found.number, title, page: line.page };
  if (found.label !== undefined) heading.label = found.label;
  if (found.scheme !== undefined) heading.scheme = found.scheme;
  return { heading, end };
}

/** A label of a table row: set among cells, or followed by a row of values. */
function isTableLabel(lines: Line[], index: number): boolean {
  if (CELL_GAP.test(lines[index].trimmed)) return true;
  const next = lines[nextNonBlank(lines, index + 1)];
  return (
    next !== undefined && (isValueRow(next) || /^[\d\s.,%–-]+$/u.test(next.trimmed) || CELL_GAP.test(next.trimmed))
  );
}

/** Longest run-in heading: the first sentence of a paragraph that opens with an enumeration. */
const MAXIMUM_RUN_IN_HEADING_LENGTH = 60;
const MAXIMUM_RUN_IN_HEADING_WORDS = 16;
/** Chinese and English ends of a first sentence (a full stop after a digit is a decimal point). */
const FIRST_SENTENCE = /^(.+?)(?:[。！？]|(?<![\d.][\d]?)\.(?=\s|$))/u;

/**
 * A heading run into its paragraph (`（一）深入推进供给侧结构性改革。坚持…`, `1. We will … . We
 * …`):
 * an enumerated paragraph whose first sentence is short and followed by more text. The paragraph
 * stays text; the first sentence also heads its section.
 */
function readRunInHeading(lines: Line[], index: number): Heading | undefined {
  const line = lines[index];
  if (line.footnote) return undefined;
  if (!standsApart(lines, index) && !(index > 0 && endsSentence(lines[index - 1].trimmed))) return undefined;
  const found = numberedHeadingKind(line.trimmed);
  if (found?.kind !== "numbered" || found.scheme === "(1)") return undefined;
  const first = FIRST_SENTENCE.exec(line.trimmed);
  if (!first) return undefined;
  const title = normalizeChineseSpacing(first[1]);
  const rest = line.trimmed.slice(first[0].length).trim();
  const words = title.split(/\s+/u).length;
  const short = /\p{Script=Han}/u.test(title)
    ? compactText(title).length <= MAXIMUM_RUN_IN_HEADING_LENGTH
    : words <= MAXIMUM_RUN_IN_HEADING_WORDS;
  const next = lines[index + 1];
  const continues = rest.length > 0 || (next !== undefined && !next.blank && next.indent === 0);
  if (!short || !continues || /[；;]/u.test(title)) return undefined;
  return { kind: "numbered", scheme: found.scheme, title, page: line.page };
}

/**
 * A heading recognised from its shape: a short line after a gap, followed by a gap or by an
 * indented paragraph, and not part of a list of such lines.
 */
function readShapedHeading(lines: Line[], index: number): { heading: Heading; end: number } | undefined {
  const line = lines[index];
  if (!standsApart(lines, index)) return undefined;
  const latin = !/[\u4E00-\u9FFF]/u.test(line.trimmed);
  if (latin ? !isLatinTitleShaped(line) : !isTitleShaped(line, MAXIMUM_HEADING_LENGTH)) return undefined;
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
      (isTitleShaped(line, MAXIMUM_HEADING_LENGTH) || isLatinTitleShaped(line)) &&
      numberedHeadingKind(line.trimmed) === undefined &&
      !isValueRow(line)
    );
  };
  if (lines[index].indent > 0 || !isListLine(index)) return false;
  // Short lines that follow each other with no blank line between are a narrow column's wrapped
  // paragraph, unless they stand apart at least once.
  let count = 1;
  let apart = false;
  for (let position = previousNonBlank(lines, index - 1), after = index; position >= 0 && isListLine(position); ) {
    count += 1;
    apart ||= after - position > 1;
    after = position;
    position = previousNonBlank(lines, position - 1);
  }
  for (
    let position = nextNonBlank(lines, index + 1), before = index;
    position < lines.length && isListLine(position);
  ) {
    count += 1;
    apart ||= position - before > 1;
    before = position;
    position = nextNonBlank(lines, position + 1);
  }
  return count >= MINIMUM_LIST_LENGTH && apart;
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
  // A chart's own title printed under the caption (`成果目标 1：…` under `图 I.1. …成果目标 1…`)
  // belongs to it.
  const subtitleIndex = nextNonBlank(lines, end);
  const subtitle = subtitleIndex < lines.length ? readNumberedHeading(lines, subtitleIndex) : undefined;
  const seriesName = `${subtitle?.heading.label ?? ""}${subtitle?.heading.number ?? ""}`;
  if (subtitle?.heading.kind === "outcome" && compactText(text).includes(seriesName)) {
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
    const runIn = readRunInHeading(lines, index);
    if (runIn) events.push({ type: "heading", heading: runIn });
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
  const schemeRanks = schemeRanksOf(events);
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
        stack =
          event.heading.kind === "numbered"
            ? placeEnumeratedHeading(stack, event.heading, schemeRanks)
            : placeHeading(stack, event.heading, roles.get(eventIndex) ?? "plain", outcomePaths);
        current = sectionFor(
          stack.map((entry) => entry.title),
          sections,
          sectionsByPath,
        );
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

const RANK_OF: Record<Exclude<HeadingKind, "generic" | "numbered">, number> = { part: 1, outcome: 3, indicator: 4 };
/** Enumerated headings rank below the parts and series, in the order their schemes first appear. */
const FIRST_SCHEME_RANK = 10;

/** Each enumeration scheme's rank: the first one used is the outermost (`一、` above `（一）` above `1.`). */
function schemeRanksOf(events: ReportEvent[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const event of events) {
    if (event.type !== "heading" || event.heading.scheme === undefined || ranks.has(event.heading.scheme)) continue;
    ranks.set(event.heading.scheme, FIRST_SCHEME_RANK + ranks.size);
  }
  return ranks;
}

/** An enumerated heading replaces the headings of its own or a deeper scheme, and nests under the others. */
function placeEnumeratedHeading(stack: StackEntry[], heading: Heading, schemeRanks: Map<string, number>): StackEntry[] {
  const rank = schemeRanks.get(heading.scheme ?? "") ?? FIRST_SCHEME_RANK;
  const base = popWhile(stack, (top) => !top.anchor || top.rank >= rank);
  return [...base, { title: heading.title, rank, kind: "numbered", anchor: true }];
}

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
    const table = shareTable(chart.rows, owner, stack.at(-1)?.title);
    const item: SectionItem = { kind: "table", table, page: owner?.page ?? event.page };
    if (owner) owner.section.items[owner.itemIndex] = item;
    else current.items.push(item);
  });
}
