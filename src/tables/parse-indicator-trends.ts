import type { ChunkStream } from "./chunk-stream.js";
import type { ParsedTables } from "./parse-funding-tables.js";
import { cellAt, squeezeSpaces, VALUE_CELL_PATTERN } from "./table-cells.js";
import type { TableCell, TableProblem, TableRecord, TableRow } from "./table-record.js";

/** A header of year columns, each written `2016 (%)`; repeated where the table crosses a page. */
const YEAR_HEADER = /(?:(?<![\d.])(?:19|20)\d{2}\s*[(（]\s*[^()（）\n]{1,6}\s*[)）]\s*){2,}/gu;
const YEAR_COLUMN = /((?:19|20)\d{2})\s*[(（]\s*([^()（）\n]{1,6})\s*[)）]/gu;

/** Where the table ends: its source note. */
const SOURCE_NOTE = /资料来源|来源：/u;

/** Labels of rows that break the row above down by sex or age. */
const BREAKDOWN_LABEL = /^(?:女性|男性|妇女|男子|青年|成年|儿童)/u;

/** The caption line right before the first year header. */
function captionBefore(text: string, offset: number): string {
  const before = text.slice(Math.max(0, offset - 200), offset).trimEnd();
  const lines = before
    .split(/\n\s*\n|\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines[lines.length - 1] ?? "";
}

function nameOfLabel(label: string): string {
  const firstLine = label.split("\n")[0].trim();
  const beforeParenthesis = firstLine.split(/[(（]/u)[0].trim();
  return squeezeSpaces(beforeParenthesis.length > 0 ? beforeParenthesis : firstLine);
}

/** Masks repeated year headers with spaces so that offsets stay those of the stream. */
function maskYearHeaders(body: string): string {
  return body.replace(YEAR_HEADER, (header) => " ".repeat(header.length));
}

function compactLine(line: string): string {
  return line.replace(/\s+/gu, "");
}

/**
 * The label lines before a row's values, without what a chunk boundary repeats: the caption,
 * a `表（%）` title, or the label of an indicator already read.
 */
function labelOf(segment: string, caption: string, rows: TableRow[]): string {
  const repeated = new Set([
    compactLine(caption),
    ...rows.filter((row) => row.parent === undefined).map((row) => compactLine(row.label)),
  ]);
  return segment
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !repeated.has(compactLine(line)) && !/表\s*[（(]/u.test(line))
    .join("\n");
}

function readRows(
  stream: ChunkStream,
  bodyStart: number,
  body: string,
  columnCount: number,
  caption: string,
): TableRow[] {
  const cellPattern = Array.from({ length: columnCount }, () => `(${VALUE_CELL_PATTERN})`).join(String.raw`\s+`);
  const valueGroup = new RegExp(String.raw`(?<=^|\s)${cellPattern}(?=\s|$)`, "gu");
  const rows: TableRow[] = [];
  let labelStart = 0;
  let parent: string | undefined;
  for (const group of body.matchAll(valueGroup)) {
    const groupStart = group.index ?? 0;
    const label = labelOf(body.slice(labelStart, groupStart), caption, rows);
    labelStart = groupStart + group[0].length;
    if (label.length === 0) continue;
    const cells: TableCell[] = [];
    let searchFrom = groupStart;
    for (const cellText of group.slice(1)) {
      const cellStart = body.indexOf(cellText, searchFrom);
      cells.push(cellAt(stream, bodyStart + cellStart, cellText));
      searchFrom = cellStart + cellText.length;
    }
    const isBreakdown = BREAKDOWN_LABEL.test(label) && label.length <= 16 && parent !== undefined;
    const name = nameOfLabel(label);
    if (!isBreakdown) parent = name;
    rows.push({ label: squeezeSpaces(label), name, parent: isBreakdown ? parent : undefined, cells });
  }
  return rows;
}

/**
 * The decent-work indicator table of Part I: indicators by year, with rows for women, men and
 * youth under their indicator. A dash means no value (`null`); the year header repeated after a
 * page break is skipped.
 */
export function parseIndicatorTrends(stream: ChunkStream): ParsedTables {
  const tables: TableRecord[] = [];
  const problems: TableProblem[] = [];
  const text = stream.text;
  let searchFrom = 0;
  for (;;) {
    YEAR_HEADER.lastIndex = searchFrom;
    const header = YEAR_HEADER.exec(text);
    if (!header) break;
    const headerStart = header.index;
    const bodyStart = headerStart + header[0].length;
    const sourceNote = SOURCE_NOTE.exec(text.slice(bodyStart));
    const bodyEnd = sourceNote ? bodyStart + sourceNote.index : text.length;
    searchFrom = bodyEnd;
    const years = [...header[0].matchAll(YEAR_COLUMN)].map((column) => column[1]);
    const units = new Set([...header[0].matchAll(YEAR_COLUMN)].map((column) => column[2].trim()));
    const position = stream.locate(headerStart);
    const caption = squeezeSpaces(captionBefore(text, headerStart));
    const rows = sourceNote
      ? readRows(stream, bodyStart, maskYearHeaders(text.slice(bodyStart, bodyEnd)), years.length, caption)
      : [];
    if (rows.length === 0) {
      problems.push({
        kind: "indicator-trends",
        chunkId: position.chunk.id,
        message: "year table without readable rows or source note",
        excerpt: squeezeSpaces(text.slice(headerStart - caption.length - 1, headerStart + 120)),
      });
      continue;
    }
    const period = `${years[0]}-${years[years.length - 1]}`;
    tables.push({
      id: `indicator-trends-${period}`,
      kind: "indicator-trends",
      caption,
      chunkId: rows[0].cells[0].chunkId,
      sectionPath: position.chunk.sectionPath,
      section: position.chunk.section,
      unit: units.size === 1 ? [...units][0] : undefined,
      period,
      labelColumn: "指标",
      columns: years,
      rows,
    });
  }
  return { tables, problems };
}
