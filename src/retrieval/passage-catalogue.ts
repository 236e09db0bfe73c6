/** Passages by id, with their neighbours in reading order and the figures they state. */
import type { TableStore } from "../tables/table-store.js";
import { findFigures } from "../text/numbers.js";
import type { Chunk, ChunkKind } from "../types.js";

/** A number a passage states, where it stands in the passage's text and, when known, what it measures. */
export interface PassageFigure {
  /** The number as written, e.g. `57.2`, `3,650`, `60 多`. */
  value: string;
  unit?: string;
  /** The exact characters of the passage text holding number and unit. */
  span: string;
  /** Offset of `span` in the passage text. */
  start: number;
  /** What it measures: the clause of a stated figure, or a table cell's row and column. */
  label?: string;
}

/** The body of `GET /api/passages/:id`. */
export interface Passage {
  id: string;
  /** Document id: the file name inside `corpus/`. */
  document: string;
  text: string;
  section: string;
  sectionPath: string[];
  kind: ChunkKind;
  page?: number;
  label?: string;
  links?: string[];
  /** The passages before and after this one in the same document, or null at its ends. */
  previous: string | null;
  next: string | null;
  figures: PassageFigure[];
  /** Ids of the parsed tables (`GET /api/tables/:id`) with cells in this passage. */
  tables: string[];
}

function labelsByStart(chunkId: string, tables: TableStore): { labels: Map<number, string>; tableIds: string[] } {
  const labels = new Map<number, string>();
  const tableIds = new Set<string>();
  for (const figure of tables.figures) if (figure.chunkId === chunkId) labels.set(figure.start, figure.label);
  for (const table of tables.tables) {
    if (table.chunkId === chunkId) tableIds.add(table.id);
    for (const row of table.rows) {
      row.cells.forEach((cell, column) => {
        if (cell.chunkId !== chunkId) return;
        tableIds.add(table.id);
        if (!labels.has(cell.start)) labels.set(cell.start, `${row.label} · ${table.columns[column] ?? ""}`.trim());
      });
    }
  }
  return { labels, tableIds: [...tableIds] };
}

/** The passages of one loaded index, looked up by id. */
export class PassageCatalogue {
  private readonly positions = new Map<string, number>();

  constructor(
    private readonly chunks: readonly Chunk[],
    private readonly tables: TableStore,
  ) {
    for (const [position, chunk] of chunks.entries()) this.positions.set(chunk.id, position);
  }

  get size(): number {
    return this.chunks.length;
  }

  /** The passage with `id`, or undefined. */
  get(id: string): Passage | undefined {
    const position = this.positions.get(id);
    if (position === undefined) return undefined;
    const chunk = this.chunks[position];
    const { labels, tableIds } = labelsByStart(chunk.id, this.tables);
    const passage: Passage = {
      id: chunk.id,
      document: chunk.source,
      text: chunk.text,
      section: chunk.section,
      sectionPath: chunk.sectionPath,
      kind: chunk.kind,
      previous: this.neighbour(position, -1),
      next: this.neighbour(position, 1),
      figures: findFigures(chunk.text).map((mention) => {
        const figure: PassageFigure = { value: mention.value, span: mention.span, start: mention.start };
        if (mention.unit !== undefined) figure.unit = mention.unit;
        const label = labels.get(mention.start);
        if (label !== undefined) figure.label = label;
        return figure;
      }),
      tables: tableIds,
    };
    if (chunk.page !== undefined) passage.page = chunk.page;
    if (chunk.label !== undefined) passage.label = chunk.label;
    if (chunk.links !== undefined) passage.links = chunk.links;
    return passage;
  }

  private neighbour(position: number, step: -1 | 1): string | null {
    const other = this.chunks[position + step];
    return other !== undefined && other.source === this.chunks[position].source ? other.id : null;
  }
}
