import type { Chunk } from "../types.js";
import { type CoveredSpan, findStatedFigures } from "./find-stated-figures.js";
import { parseLayoutTables } from "./parse-layout-tables.js";
import type { TableExtraction, TableRecord } from "./table-record.js";

/** The chunk spans each table's cells cover. */
function coveredSpans(tables: TableRecord[]): CoveredSpan[] {
  const spans = new Map<string, CoveredSpan>();
  for (const table of tables) {
    for (const row of table.rows) {
      for (const cell of row.cells) {
        const key = `${table.id}\u0000${cell.chunkId}`;
        const span = spans.get(key) ?? { chunkId: cell.chunkId, start: cell.start, end: cell.start };
        span.start = Math.min(span.start, cell.start);
        span.end = Math.max(span.end, cell.start + cell.text.length);
        spans.set(key, span);
      }
    }
  }
  return [...spans.values()];
}

/**
 * Reads the report's tables and stated figures from its chunks, in document order: the tables
 * from the passages the ingester cut as tables, by their layout; the figures from the running text.
 */
export function extractTables(chunks: Chunk[]): TableExtraction {
  const tables = parseLayoutTables(chunks);
  const figures = findStatedFigures(chunks, coveredSpans(tables));
  return { tables, figures, problems: [] };
}
