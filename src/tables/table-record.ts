/** Data shapes of the report's tables and stated figures, as parsed from its chunks. */

/** How a table was read: `layout`, from the passage the ingester cut as a table (the only reader). */
export type TableKind = "layout";

/** One cell: its value and where it is written in the chunk that holds it. */
export interface TableCell {
  /** A number, a text, or `null` where the report leaves the cell undefined (`未定义`, `–`). */
  value: number | string | null;
  /** The cell as written in the chunk, e.g. `102.2`, `未定义`, `21%`. */
  text: string;
  /** Id of the chunk that holds the cell. */
  chunkId: string;
  /** Offset of `text` inside that chunk's text. */
  start: number;
}

/** One row: its label and one cell per value column. */
export interface TableRow {
  /** Row label as printed, e.g. `经常预算`, `一、本年新收政府信息公开申请数量`, `Net fee income`. */
  label: string;
  /** Name used to match questions: the label without its numbering and bracketed notes. */
  name: string;
  /** Label of the row this one breaks down (`失业率` for its `女性` row). */
  parent?: string;
  cells: TableCell[];
}

/** A table of the report as data. */
export interface TableRecord {
  /** Id in report order, e.g. `table-3`. */
  id: string;
  kind: TableKind;
  caption: string;
  /** Id of the chunk that holds the table (its first value). */
  chunkId: string;
  sectionPath: string[];
  section: string;
  /** Unit of the numeric cells, e.g. `百万美元` or `%`. */
  unit?: string;
  /** The page the table starts on, when the report's pages are known. */
  page?: number;
  /** The document id (file name inside `corpus/`) the table is printed in. */
  document?: string;
  /** For a table found by its layout: the text above its first row (caption and column headings). */
  header?: string;
  /** Heading of the label column. */
  labelColumn: string;
  /** Headings of the value columns, in cell order. */
  columns: string[];
  rows: TableRow[];
}

/** A number stated in the report's running text, with the sentence that states it. */
export interface FigureRecord {
  id: string;
  /** The number as written, e.g. `12.705`, `3,650`, `60 多`. */
  value: string;
  /** The number as a plain value in its written scale. */
  numeric: number;
  unit?: string;
  /** The words of the clause before the number: what it measures. */
  label: string;
  sentence: string;
  chunkId: string;
  section: string;
  /** Offset of `span` inside the chunk's text. */
  start: number;
  /** The exact characters of the chunk text holding number and unit. */
  span: string;
}

/** A table the parsers found but could not read, reported instead of guessed. */
export interface TableProblem {
  kind: TableKind;
  chunkId: string;
  /** What was expected and not found. */
  message: string;
  /** The start of the text that could not be read. */
  excerpt: string;
}

/** Everything read from the report's chunks. */
export interface TableExtraction {
  tables: TableRecord[];
  figures: FigureRecord[];
  problems: TableProblem[];
}
