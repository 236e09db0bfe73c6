/** Passages by id, with their neighbours in reading order and the figures they state. */
import type { TableStore } from "../tables/table-store.js";
import type { Chunk, ChunkKind } from "../types.js";

/** A number a passage states, where it stands in the passage's text and what it measures. */
export interface PassageFigure {
  /** The number as written, e.g. `57.2`, `3,650`, `60 多`. */
  value: string;
  unit?: string;
  /** The exact characters of the passage text holding number and unit. */
  span: string;
  /** Offset of `span` in the passage text. */
  start: number;
  /** What it measures: the clause of a stated figure, or a table cell's row and column. */
  label: string;
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
  /** Link to the PDF page the passage starts on, for a PDF's passages. */
  url?: string;
  label?: string;
  links?: string[];
  /** The passages before and after this one in the same document, or null at its ends. */
  previous: string | null;
  next: string | null;
  /** The report's stated figures (as `GET /api/figures` lists them) and table cells in this passage, in order. */
  figures: PassageFigure[];
  /** Ids of the parsed tables (`GET /api/tables/:id`) with cells in this passage. */
  tables: string[];
}

/** What the index knows a passage states: the report's stated figures and the parsed tables' cells. */
interface PassageFacts {
  figures: PassageFigure[];
  tables: Set<string>;
}

function factsByChunk(tables: TableStore): Map<string, PassageFacts> {
  const facts = new Map<string, PassageFacts>();
  const of = (chunkId: string): PassageFacts => {
    let found = facts.get(chunkId);
    if (!found) {
      found = { figures: [], tables: new Set() };
      facts.set(chunkId, found);
    }
    return found;
  };
  for (const figure of tables.figures) {
    const stated: PassageFigure = { value: figure.value, span: figure.span, start: figure.start, label: figure.label };
    if (figure.unit !== undefined) stated.unit = figure.unit;
    of(figure.chunkId).figures.push(stated);
  }
  for (const table of tables.tables) {
    of(table.chunkId).tables.add(table.id);
    for (const row of table.rows) {
      row.cells.forEach((cell, column) => {
        const passage = of(cell.chunkId);
        passage.tables.add(table.id);
        if (typeof cell.value !== "number") return;
        const label = `${row.label} · ${table.columns[column] ?? ""}`.trim();
        const figure: PassageFigure = { value: cell.text, span: cell.text, start: cell.start, label };
        if (table.unit !== undefined) figure.unit = table.unit;
        passage.figures.push(figure);
      });
    }
  }
  for (const passage of facts.values()) passage.figures.sort((left, right) => left.start - right.start);
  return facts;
}

/** The passages of one loaded index, looked up by id. */
export class PassageCatalogue {
  private readonly positions = new Map<string, number>();
  private readonly facts: Map<string, PassageFacts>;

  constructor(
    private readonly chunks: readonly Chunk[],
    tables: TableStore,
  ) {
    for (const [position, chunk] of chunks.entries()) this.positions.set(chunk.id, position);
    this.facts = factsByChunk(tables);
  }

  get size(): number {
    return this.chunks.length;
  }

  /** The passage with `id`, or undefined. */
  get(id: string): Passage | undefined {
    const position = this.positions.get(id);
    if (position === undefined) return undefined;
    const chunk = this.chunks[position];
    const facts = this.facts.get(chunk.id);
    const passage: Passage = {
      id: chunk.id,
      document: chunk.source,
      text: chunk.text,
      section: chunk.section,
      sectionPath: chunk.sectionPath,
      kind: chunk.kind,
      previous: this.neighbour(position, -1),
      next: this.neighbour(position, 1),
      figures: facts?.figures ?? [],
      tables: facts ? [...facts.tables] : [],
    };
    if (chunk.page !== undefined) passage.page = chunk.page;
    if (chunk.url !== undefined) passage.url = chunk.url;
    if (chunk.label !== undefined) passage.label = chunk.label;
    if (chunk.links !== undefined) passage.links = chunk.links;
    return passage;
  }

  private neighbour(position: number, step: -1 | 1): string | null {
    const other = this.chunks[position + step];
    return other !== undefined && other.source === this.chunks[position].source ? other.id : null;
  }
}
