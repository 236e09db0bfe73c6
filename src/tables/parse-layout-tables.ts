/**
 * Tables found by their layout in any report: the passages the ingester cut as tables, read as
 * rows of a label and cells under column headings. Three layouts are read: a label followed by
 * aligned numbers (`经常预算 102.2 104.8`, `Net fee income 508,184 475,147`), label/value pairs
 * one after the other (a pie chart's `就业政策 21%；非洲地区计划 21%`), and cells apart by ` | `.
 * Pieces of one table printed in several passages make one table.
 *
 * @module
 */
import type { Chunk } from "../types.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";

/** A number cell: digits with separators, a sign or brackets for a negative, a per cent sign. */
const NUMBER_CELL = /^(?:\(?[-–−]?\d[\d,]*(?:\.\d+)?\)?%?)$/u;
/** What a report prints in a cell it leaves without a value: dashes, `n/a`, `未定义` (not defined). */
const EMPTY_CELL = /^(?:[-–—]|n\/?a|未定义|不适用)$/iu;
/** Unit headings left before a label (`US$000`, `RMB'm`, `%`). */
const LEADING_UNITS = /^(?:(?:\S*[$€£¥]\S*|%|\d[\d,.]*)\s+)+/u;
/** A label/value pair of a run of pairs: `就业政策 21%`. */
const PAIR = /^(\S.*?)\s+(\d[\d,]*(?:\.\d+)?%?)$/u;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/gu;
/** A unit in brackets: `(百万美元)`, `（%）`, `(US$m)`. */
const BRACKETED_UNIT = /[(（]\s*([^()（）]{1,8})\s*[)）]/u;
/** Words that name a unit when a heading brackets them. */
const UNIT_WORD = /元|%|百分比|per ?cent|\$|€|£|¥|人|件|个|吨|千|万|亿|million|billion|thousand|'000|000/iu;
/** The numbering a row label opens with: `一、`, `（二）`, `3.`, `1、`. */
const LABEL_NUMBERING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d))\s*/u;
/** Fewest rows of values that make a table. */
const MINIMUM_ROWS = 2;
/** Longest name (in characters) of a row that breaks the row above it down (`女性`, `Women`). */
const BREAKDOWN_NAME_LENGTH = 12;
/** Longest name of a row printed once that goes on a breakdown (`青年` after `女性`, `男性`). */
const SHORT_BREAKDOWN_LENGTH = 4;
/** The label of a row that totals the rows above it. */
export const TOTAL_ROW = /^(?:合计|总计|总额|共计|总数|total|overall total|grand total)/iu;

function isTotalName(name: string): boolean {
  return TOTAL_ROW.test(name.replace(/^[（(][^)）]*[)）]\s*/u, ""));
}

/** A row of one passage, before the table's columns are known. */
interface ReadRow {
  row: TableRow;
  /** `pairs`: one of several label/value pairs on one line. */
  layout: "numbers" | "pairs" | "cells";
}

/**
 * Reads every table passage. Cells keep the chunk and offset they are written at; passages of one
 * table (same label, same document, one after the other) make one table.
 */
export function parseLayoutTables(chunks: Chunk[]): TableRecord[] {
  const tables: TableRecord[] = [];
  let current: TableRecord | undefined;
  for (const chunk of chunks) {
    if (chunk.kind !== "table") {
      current = undefined;
      continue;
    }
    const caption = chunk.label ?? chunk.text.split("\n")[0].trim();
    const { rows, header } = rowsOf(chunk);
    if (current && current.caption === caption && current.document === chunk.source) {
      current.rows.push(...rows);
      continue;
    }
    current = {
      id: "",
      kind: "layout",
      caption,
      chunkId: chunk.id,
      sectionPath: [...chunk.sectionPath],
      section: chunk.section,
      document: chunk.source,
      header,
      labelColumn: "",
      columns: [],
      rows,
    };
    if (chunk.page !== undefined) current.page = chunk.page;
    tables.push(current);
  }
  const kept = tables.filter((table) => table.rows.length >= MINIMUM_ROWS);
  kept.forEach((table, index) => {
    table.id = `table-${index + 1}`;
    nameColumns(table);
    continueColumns(table, kept[index - 1]);
    markBreakdowns(table.rows);
  });
  return kept;
}

/** The rows of one passage and the text above its first row. */
function rowsOf(chunk: Chunk): { rows: TableRow[]; header: string } {
  const read: ReadRow[] = [];
  let offset = 0;
  let headerEnd: number | undefined;
  for (const line of chunk.text.split("\n")) {
    const rows = readLine(line, chunk.id, offset);
    const cellsHeader = rows.length === 1 && rows[0].layout === "cells" && isHeadingRow(rows[0].row);
    // A row of years only, or of short words apart by ` | `, is the heading over the columns.
    const isHeading = cellsHeader || rows.some((entry) => entry.row.cells.every((cell) => isYear(cell.text)));
    if (rows.length > 0 && !isHeading) {
      headerEnd ??= offset;
      read.push(...rows);
    }
    offset += line.length + 1;
  }
  const header = chunk.text.slice(0, headerEnd ?? chunk.text.length).trim();
  return { rows: read.map((entry) => entry.row), header };
}

function cellTexts(row: TableRow): string[] {
  return row.cells.map((cell) => cell.text);
}

function isYear(text: string): boolean {
  return /^(?:19|20)\d{2}$/u.test(text);
}

/** Short cells with no number: a heading row such as `成功标准 | 目标 | 成果`. */
function isHeadingRow(row: TableRow): boolean {
  return [row.label, ...cellTexts(row)].every((text) => text.length <= 12 && !/\d|[。.]$/u.test(text));
}

/** The rows one line holds: one row of numbers, several label/value pairs, or one row of ` | ` cells. */
function readLine(line: string, chunkId: string, lineStart: number): ReadRow[] {
  if (/\s[|｜]\s/u.test(line)) {
    const row = cellsRowOf(line, chunkId, lineStart);
    return row ? [{ row, layout: "cells" }] : [];
  }
  if (/[；;]/u.test(line)) {
    const pairs = pairRowsOf(line, chunkId, lineStart);
    if (pairs.length >= 2) return pairs.map((row) => ({ row, layout: "pairs" }));
  }
  const row = numbersRowOf(line, chunkId, lineStart);
  return row ? [{ row, layout: "numbers" }] : [];
}

function numbersRowOf(line: string, chunkId: string, lineStart: number): TableRow | undefined {
  const tokens = [...line.matchAll(/\S+/gu)];
  let first = tokens.length;
  while (first > 0 && (NUMBER_CELL.test(tokens[first - 1][0]) || EMPTY_CELL.test(tokens[first - 1][0]))) first -= 1;
  if (first === tokens.length || first === 0) return undefined;
  if (!tokens.slice(first).some((token) => NUMBER_CELL.test(token[0]))) return undefined;
  // Column headings printed on the row's line ("Notes  US$000  US$000 Net interest income") stand
  // before the last wide gap: the label is what follows it.
  const label =
    line
      .slice(0, tokens[first].index)
      .trim()
      .split(/\s{3,}/u)
      .at(-1)
      ?.replace(LEADING_UNITS, "")
      .trim() ?? "";
  if (!/\p{L}/u.test(label)) return undefined;
  const cells = tokens.slice(first).map((token) => cellOf(token[0], chunkId, lineStart + (token.index ?? 0)));
  return rowNamed(label, cells);
}

function pairRowsOf(line: string, chunkId: string, lineStart: number): TableRow[] {
  const rows: TableRow[] = [];
  let pieceStart = 0;
  for (const piece of line.split(/[；;]/u)) {
    const leading = piece.length - piece.trimStart().length;
    const pair = PAIR.exec(piece.trim());
    if (pair && /\p{L}/u.test(pair[1])) {
      const valueStart = lineStart + pieceStart + leading + piece.trim().lastIndexOf(pair[2]);
      rows.push(rowNamed(pair[1], [cellOf(pair[2], chunkId, valueStart)]));
    } else if (piece.trim() !== "") {
      return [];
    }
    pieceStart += piece.length + 1;
  }
  return rows;
}

function cellsRowOf(line: string, chunkId: string, lineStart: number): TableRow | undefined {
  const cells: TableCell[] = [];
  let cellStart = 0;
  for (const piece of line.split(/\s[|｜]\s/u)) {
    const leading = piece.length - piece.trimStart().length;
    if (piece.trim() !== "") cells.push(cellOf(piece.trim(), chunkId, lineStart + cellStart + leading));
    cellStart += piece.length + 3;
  }
  if (cells.length < 2) return undefined;
  const [label, ...rest] = cells;
  return rowNamed(label.text, rest);
}

function rowNamed(label: string, cells: TableCell[]): TableRow {
  const name = label
    .replace(LABEL_NUMBERING, "")
    .split(/[(（]/u)[0]
    .replace(/[，,：:]\s*$/u, "")
    .trim();
  return { label, name: name === "" ? label : name, cells };
}

function cellOf(text: string, chunkId: string, start: number): TableCell {
  return { value: cellValue(text), text, chunkId, start };
}

/** A cell's value: a number (bracketed or signed: negative), `null` for an empty mark, else its text. */
function cellValue(text: string): number | string | null {
  if (EMPTY_CELL.test(text)) return null;
  if (!NUMBER_CELL.test(text)) return text;
  const negative = /^\(.*\)$/u.test(text) || /^[-–−]/u.test(text);
  const value = Number(text.replace(/[(),%\s]/gu, "").replace(/^[-–−]/u, ""));
  if (!Number.isFinite(value)) return text;
  return negative ? -value : value;
}

/**
 * Names the value columns from the heading above the rows: its years when it has one per column,
 * otherwise its words when they are as many as the columns (with or without the label column's);
 * `1`, `2` … when the heading cannot be read. A unit every heading brackets is the table's unit.
 */
function nameColumns(table: TableRecord): void {
  const width = Math.max(0, ...table.rows.map((row) => row.cells.length));
  const allLines = (table.header ?? "").split("\n");
  // A title line over the headings names no column.
  const headingLines = (allLines.length > 1 ? allLines.slice(1) : allLines).reverse();
  let columns: string[] | undefined;
  let labelColumn = "";
  for (const line of headingLines) {
    const words = headingWords(line);
    const years = trailingYears(line);
    const cells = /\s[|｜]\s/u.test(line);
    if (years.length === width) columns = years;
    else if (words.length === width + 1 || (cells && words.length > width + 1)) [labelColumn, ...columns] = words;
    else if (words.length === width && width > 1) columns = words;
    else if (years.length >= 2 && years.length < width) {
      columns = [...Array.from({ length: width - years.length }, (_, index) => String(index + 1)), ...years];
    }
    if (columns) break;
  }
  const units = new Set(
    (columns ?? []).map((column) => BRACKETED_UNIT.exec(column)?.[1]).filter((unit) => unit !== undefined),
  );
  // A table of one column (a chart's label/value pairs) takes the title's last word (`各项占比`).
  const titleWord = (table.header ?? "").split("\n")[0].trim().split(/\s+/u).at(-1) ?? "";
  if (!columns && width === 1 && titleWord.length <= 8 && !/\d/u.test(titleWord)) columns = [titleWord];
  const named = columns?.map((column) => column.replace(BRACKETED_UNIT, "").trim());
  table.columns = named ?? Array.from({ length: width }, (_, index) => String(index + 1));
  table.labelColumn = labelColumn.replace(BRACKETED_UNIT, "").trim();
  const unit = units.size === 1 && columns?.every((column) => BRACKETED_UNIT.test(column)) ? [...units][0] : undefined;
  const titleUnit = BRACKETED_UNIT.exec(table.header?.split("\n")[0] ?? "")?.[1];
  const found = unit ?? (titleUnit && UNIT_WORD.test(titleUnit) ? titleUnit : undefined);
  if (found && UNIT_WORD.test(found)) table.unit = /^(?:%|百分比|per ?cent)$/iu.test(found) ? "%" : found;
  else if (table.rows.every((row) => row.cells.every((cell) => cell.value === null || cell.text.endsWith("%"))))
    table.unit = "%";
}

/**
 * A table continued from the passage before under a title of its own, with no heading over its
 * columns, takes the years over the columns of the table before it in the same document.
 */
function continueColumns(table: TableRecord, previous: TableRecord | undefined): void {
  if (!previous || previous.document !== table.document || !table.columns.every((column) => /^\d{1,2}$/u.test(column)))
    return;
  if (!previous.columns.some((column) => /^(?:19|20)\d{2}$/u.test(column))) return;
  if (table.columns.length > previous.columns.length) return;
  table.columns = previous.columns.slice(previous.columns.length - table.columns.length);
  table.unit ??= previous.unit;
}

/** The years a heading line ends with (`… 2024   2023`, `2016 (%) 2017 (%)`), when two or more. */
function trailingYears(line: string): string[] {
  const run = /(?:(?:19|20)\d{2}\s+)+(?:19|20)\d{2}$/u.exec(line.replace(new RegExp(BRACKETED_UNIT, "gu"), " ").trim());
  return run ? [...new Set(run[0].match(YEAR) ?? [])] : [];
}

/** The words of a heading line: apart by ` | `, or by spaces, a bracketed unit kept with its word. */
function headingWords(line: string): string[] {
  if (/\s[|｜]\s/u.test(line)) return line.split(/\s[|｜]\s/u).map((word) => word.trim());
  const words: string[] = [];
  for (const token of line.trim().split(/\s+/u)) {
    // A bracketed unit printed apart (`2016 (%)`) belongs to the word before it.
    if (/^[(（][^()（）]*[)）]$/u.test(token) && words.length > 0) words[words.length - 1] += ` ${token}`;
    else if (token !== "") words.push(token);
  }
  return words;
}

/**
 * Marks the rows that break the row above down (`女性`, `男性` under `失业率`): a name printed more
 * than once in the table, or a short one right after such a row.
 */
function markBreakdowns(rows: TableRow[]): void {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.name, (counts.get(row.name) ?? 0) + 1);
  let parent: string | undefined;
  let previousWasBreakdown = false;
  for (const row of rows) {
    const repeated = (counts.get(row.name) ?? 0) > 1 && row.name.length <= BREAKDOWN_NAME_LENGTH;
    const short = row.name.length <= SHORT_BREAKDOWN_LENGTH;
    if (parent !== undefined && !isTotalName(row.name) && (repeated || (previousWasBreakdown && short))) {
      row.parent = parent;
      previousWasBreakdown = true;
    } else {
      parent = row.name;
      previousWasBreakdown = false;
    }
  }
}
