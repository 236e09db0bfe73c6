/**
 * Generic numeric tables, found by their layout in any report: the passages the ingester cut as
 * tables (a header, then rows of aligned values), read as rows of a label followed by numeric
 * cells. A table the report-specific readers already read is left to them.
 *
 * @module
 */
import type { Chunk } from "../types.js";
import type { ParsedTables } from "./parse-funding-tables.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";

/** A numeric cell: digits with separators, a sign or brackets for a negative, a per cent sign. */
const NUMBER_CELL = /^(?:\(?[-–−]?\d[\d,]*(?:\.\d+)?\)?%?|[-–—])$/u;
/** Unit headings left before a label (`US$000`, `RMB'm`, `%`). */
const LEADING_UNITS = /^(?:(?:\S*[$€£¥]\S*|%|\d[\d,.]*)\s+)+/u;
/** Fewest rows of values that make a table. */
const MINIMUM_ROWS = 2;

/**
 * Reads the table passages no other reader claimed. Cells keep the chunk and offset they are
 * written at; pieces of one table split over several passages (same label) make one table.
 */
export function parseLayoutTables(chunks: Chunk[], claimedChunkIds: Set<string>): ParsedTables {
  const tables: TableRecord[] = [];
  let current: TableRecord | undefined;
  for (const chunk of chunks) {
    if (chunk.kind !== "table" || claimedChunkIds.has(chunk.id)) {
      current = undefined;
      continue;
    }
    const caption = chunk.label ?? chunk.text.split("\n")[0].trim();
    const rows = rowsOf(chunk);
    if (current && current.caption === caption && current.chunkId.split(":")[0] === chunk.id.split(":")[0]) {
      current.rows.push(...rows);
      widen(current);
      continue;
    }
    current = {
      id: "",
      kind: "layout",
      caption,
      chunkId: chunk.id,
      sectionPath: [...chunk.sectionPath],
      section: chunk.section,
      labelColumn: "",
      columns: [],
      rows,
    };
    if (chunk.page !== undefined) current.page = chunk.page;
    current.header = headerOf(chunk, rows, tables.at(-1));
    current.document = chunk.source;
    widen(current);
    tables.push(current);
  }
  const kept = tables.filter((table) => table.rows.length >= MINIMUM_ROWS);
  kept.forEach((table, index) => {
    table.id = `table-${index + 1}`;
  });
  return { tables: kept, problems: [] };
}

const YEAR = /\b(?:19|20)\d{2}\b/u;

/**
 * The text above a table's first row. A table continued from the passage before (no years of its
 * own over its columns) keeps the header of the table before it in the same document.
 */
function headerOf(chunk: Chunk, rows: TableRow[], previous: TableRecord | undefined): string {
  const header = chunk.text.slice(0, rows[0]?.cells[0]?.start ?? 0).trim();
  if (YEAR.test(header) || !previous || previous.document !== chunk.source) return header;
  return previous.header ?? header;
}

/** Names the value columns: `1`, `2` … as many as the widest row has cells. */
function widen(table: TableRecord): void {
  const width = Math.max(0, ...table.rows.map((row) => row.cells.length));
  table.columns = Array.from({ length: width }, (_, index) => String(index + 1));
}

/** The rows of one passage: lines that end with numeric cells, their label before them. */
function rowsOf(chunk: Chunk): TableRow[] {
  const rows: TableRow[] = [];
  let offset = 0;
  for (const line of chunk.text.split("\n")) {
    const row = rowOf(line, chunk.id, offset);
    // A row of years only is the header over the columns, not a row of values.
    if (row && !row.cells.every((cell) => /^(?:19|20)\d{2}$/u.test(cell.text))) rows.push(row);
    offset += line.length + 1;
  }
  return rows;
}

function rowOf(line: string, chunkId: string, lineStart: number): TableRow | undefined {
  const tokens = [...line.matchAll(/\S+/gu)];
  let first = tokens.length;
  while (first > 0 && NUMBER_CELL.test(tokens[first - 1][0])) first -= 1;
  if (first === tokens.length || first === 0) return undefined;
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
  const cells: TableCell[] = tokens.slice(first).map((token) => ({
    value: cellValue(token[0]),
    text: token[0],
    chunkId,
    start: lineStart + (token.index ?? 0),
  }));
  return { label, name: label, cells };
}

function cellValue(text: string): number | null {
  if (/^[-–—]$/u.test(text)) return null;
  const negative = /^\(.*\)$/u.test(text) || /^[-–−]/u.test(text);
  const value = Number(text.replace(/[(),%\s]/gu, "").replace(/^[-–−]/u, ""));
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}
