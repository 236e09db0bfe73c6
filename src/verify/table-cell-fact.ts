/** One cell of a parsed table, as the figure check needs it: what it is about, its value and where it is written. */
export interface TableCellFact {
  caption: string;
  /** Label of the cell's row, e.g. `经常预算`. */
  row: string;
  /** Heading of the cell's column, e.g. `实际支出`. */
  column: string;
  /** The cell as written, e.g. `57.2`, `21%`. */
  text: string;
  /** Unit of the table's numbers as written, e.g. `百万美元`, `%`. */
  unit?: string;
  /** Id of the chunk that holds the cell, and the offset of `text` in that chunk's text. */
  chunkId: string;
  start: number;
}
