import type { Chunk } from "../types.js";
import { ChunkStream } from "./chunk-stream.js";
import { type CoveredSpan, findStatedFigures } from "./find-stated-figures.js";
import { type ParsedTables, parseFundingTables } from "./parse-funding-tables.js";
import { parseIndicatorResults } from "./parse-indicator-results.js";
import { parseIndicatorTrends } from "./parse-indicator-trends.js";
import { parseLayoutTables } from "./parse-layout-tables.js";
import { parseOutcomeShares } from "./parse-outcome-shares.js";
import type { TableExtraction, TableProblem, TableRecord } from "./table-record.js";

/** Every table parser, each finding its tables by their structure anywhere in the text. */
const PARSERS: Array<(stream: ChunkStream) => ParsedTables> = [
  parseFundingTables,
  parseIndicatorTrends,
  parseOutcomeShares,
  parseIndicatorResults,
];

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

/** Keeps the first table of each id and reports the others. */
function withUniqueIds(tables: TableRecord[], problems: TableProblem[]): TableRecord[] {
  const seen = new Set<string>();
  return tables.filter((table) => {
    if (!seen.has(table.id)) {
      seen.add(table.id);
      return true;
    }
    problems.push({
      kind: table.kind,
      chunkId: table.chunkId,
      message: `a second table reads as ${table.id}; only the first is kept`,
      excerpt: table.caption,
    });
    return false;
  });
}

/**
 * Reads the report's tables and stated figures from its chunks, in document order. Tables are
 * found by their structure in the chunks' texts read as one stream, so a table cut across
 * chunks still parses; each cell keeps the id of the chunk that holds it.
 */
export function extractTables(chunks: Chunk[]): TableExtraction {
  const stream = new ChunkStream(chunks);
  const found: TableRecord[] = [];
  const problems: TableProblem[] = [];
  for (const parse of PARSERS) {
    const parsed = parse(stream);
    found.push(...parsed.tables);
    problems.push(...parsed.problems);
  }
  const claimed = new Set(found.flatMap((table) => table.rows.flatMap((row) => row.cells.map((cell) => cell.chunkId))));
  for (const table of found) claimed.add(table.chunkId);
  found.push(...parseLayoutTables(chunks, claimed).tables);
  const tables = withUniqueIds(found, problems);
  const chunkById = new Map(chunks.map((chunk) => [chunk.id, chunk]));
  for (const table of tables) {
    const chunk = chunkById.get(table.chunkId);
    if (chunk?.page !== undefined) table.page ??= chunk.page;
    if (chunk) table.document ??= chunk.source;
  }
  const figures = findStatedFigures(chunks, coveredSpans(tables));
  return { tables, figures, problems };
}
