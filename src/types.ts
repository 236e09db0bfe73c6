/** Data shapes shared across ingestion, retrieval, answering and the HTTP API. */

/** What kind of report text a chunk holds. */
export type ChunkKind = "text" | "table" | "box" | "caption";

/** One retrievable passage of the report, cut along the report's own structure. */
export interface Chunk {
  /** Stable id: derived from the source file, section path and position, e.g. `ilo-pir-2018-19.zh#0042`. */
  id: string;
  /** Passage text, cleaned of PDF residue. */
  text: string;
  /**
   * Section path from the top of the report, e.g. `["第二部分 …", "成果目标 3：…", "预算和支出"]`.
   */
  sectionPath: string[];
  /** `sectionPath` joined with ` > `. */
  section: string;
  /** The figure or table label the chunk belongs to (`图 9`, `表 成果目标 1 资金来源`), if any. */
  label?: string;
  kind: ChunkKind;
  /** Page where the chunk starts: a PDF's true page, or a text's printed page when page headers allow it. */
  page?: number;
  /** Links (URLs) that appeared in the section the chunk belongs to. */
  links?: string[];
  /** The document id: the source file name inside `corpus/`, e.g. `report.pdf`. */
  source: string;
  /** The document's title, from the report profile (set when the index is loaded, not stored). */
  documentTitle?: string;
  /** Link to the page of the PDF the chunk starts on, e.g. `/documents/report.pdf#page=7` (set when loaded). */
  url?: string;
}

export type ChatRole = "user" | "assistant";

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A passage scored for a query. */
export interface ScoredChunk {
  chunk: Chunk;
  score: number;
}

/** A passage returned by `GET /api/search`. */
export interface SearchResult {
  id: string;
  text: string;
  section: string;
  score: number;
  /** The document id (file name inside `corpus/`). */
  document: string;
  documentTitle?: string;
  page?: number;
  /** Link to the PDF page the passage starts on (`/documents/report.pdf#page=7`), for a PDF's passages. */
  url?: string;
  label?: string;
}

/** A passage an answer cites; `id` is the number used by the inline marker `[id]`. */
export interface Citation {
  id: number;
  chunkId: string;
  text: string;
  section: string;
  score: number;
  /** The document id (file name inside `corpus/`) the passage comes from. */
  document?: string;
  documentTitle?: string;
  page?: number;
  /** Link to the PDF page the passage starts on (`/documents/report.pdf#page=7`), for a PDF's passages. */
  url?: string;
  label?: string;
}

/** Where a stated number was found: the citation and the exact span of its text. */
export interface FigureSource {
  citation: number;
  /** The exact characters of the citation text that hold the number. */
  span: string;
  /** Character offset of `span` inside the citation text. */
  start: number;
}

/**
 * What the check of a stated number found: `verified` (the cited passage states it, about the same
 * thing), `derived` (recomputed from cited numbers, see `derivation`), `cited-elsewhere` (only
 * another passage of the answer states it), `unverified` (no passage supports it; see `reason`).
 */
export type FigureStatus = "verified" | "derived" | "cited-elsewhere" | "unverified";

/** A number the answer states. */
export interface Figure {
  /** The number as written in the answer, e.g. `2.674`, `14.7`, `60 多万`. */
  value: string;
  /** Its unit: `%`, `美元`, `亿美元`, `百万美元`, `万`, `个`, `项`, `名` … */
  unit?: string;
  /** What the number measures, taken from the words around it. */
  label?: string;
  /** The citation number it comes from. */
  citation: number;
  /** The exact place in the citation that holds it (absent for a derived number). */
  source?: FigureSource;
  /** How a computed number was derived, e.g. `154.4 − 131.0 = 23.4`. */
  derivation?: string;
  /** Set on every figure of a response (a figure without one counts as verified when it has a `source`). */
  status?: FigureStatus;
  /** For a `cited-elsewhere` number: the passage that states it. */
  foundIn?: number;
  /** Why a number is not `verified`, in words a reader can follow. */
  reason?: string;
  /** Where the answer text states it: offset in the answer and the exact characters. */
  inAnswer?: { start: number; span: string };
  /** The value in base units (`USD`, `%`, a classifier …) as the check read it. */
  quantity?: { value: number; unit: string; kind: string };
}

export type AnswerMode = "extractive" | "llm";

/** The response of `POST /api/chat`. */
export interface ChatResponse {
  answer: string;
  found: boolean;
  citations: Citation[];
  figures: Figure[];
  mode: AnswerMode;
  /** Numbers stated by an LLM answer that no cited passage holds. */
  unverifiedFigures?: string[];
  /** Why the response is not in the requested mode (e.g. the LLM upstream failed). */
  notice?: string;
  /** The query actually used for retrieval, after resolving a follow-up. */
  resolvedQuery?: string;
  /** For an answer computed from the report's tables: the rows it used, and a chart where it helps. */
  table?: AnswerTable;
}

/** The table rows an answer was computed from, ready to show as a small table and chart. */
export interface AnswerTable {
  /** Id of the table record (`GET /api/tables/:id`). */
  tableId: string;
  caption: string;
  /** Unit of the numeric cells, e.g. `百万美元` or `%`. */
  unit?: string;
  columns: string[];
  /** Cells in column order; `null` for a cell the report leaves undefined. */
  rows: Array<Array<string | number | null>>;
  /** A comparison or a series worth drawing. */
  chart?: AnswerChart;
}

export interface AnswerChart {
  type: "bar" | "line";
  /** Category or x-axis labels (outcomes, years …). */
  labels: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
}

/**
 * Server-Sent Events of a streamed `POST /api/chat`, in order:
 * `citations` once, `delta` many times, then `done` with the whole response (or `error`).
 * A `restart` withdraws what was streamed so far (the language model failed mid-answer); the
 * extractive answer follows as `citations` and `delta` events again.
 * @public
 */
export type ChatStreamEvent =
  | { event: "citations"; data: { citations: Citation[] } }
  | { event: "delta"; data: { text: string } }
  | { event: "restart"; data: { notice: string } }
  | { event: "done"; data: ChatResponse }
  | { event: "error"; data: { error: { code: string; message: string } } };
