/**
 * The pieces every table answer is made of: the cell under a column, row and column titles in the
 * answer's language, a stated cell with its marker, the rows an answer shows, and what a question asks.
 *
 * @module
 */
import type { AnswerChart, AnswerTable } from "../types.js";
import { answerWords, type EnglishNames, labelIn } from "./answer-words.js";
import type { QuestionIntent } from "./question-intent.js";
import type { AnswerLanguage, AnswerRecorder, TableAnswer } from "./table-answer.js";
import { type TableMatch, totalRow } from "./table-match.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";

/** Most rows a ranking names in its text. */
export const RANKING_SHOWN = 3;

export interface Context {
  language: AnswerLanguage;
  english?: EnglishNames;
  recorder: AnswerRecorder;
}

/** The cell of `row` under column `index`; rows with fewer cells than columns are aligned on the right. */
export function cellIn(table: TableRecord, row: TableRow, index: number): TableCell | undefined {
  const offset = table.columns.length - row.cells.length;
  return index - offset >= 0 ? row.cells[index - offset] : undefined;
}

export function numeric(cell: TableCell | undefined): cell is TableCell & { value: number } {
  return typeof cell?.value === "number";
}

export function rowTitle(row: TableRow, context: Context): string {
  const own = labelIn(context.language, row.name, context.english);
  if (!row.parent) return own;
  const parent = labelIn(context.language, row.parent, context.english);
  return context.language === "en" ? `${parent}, ${own}` : `${parent}（${own}）`;
}

export function columnTitle(table: TableRecord, index: number, context: Context): string {
  const column = table.columns[index] ?? "";
  if (/^(?:19|20)\d{2}$/u.test(column)) return answerWords(context.language).year(column);
  if (/^\d{1,2}$/u.test(column)) return answerWords(context.language).column(column);
  return labelIn(context.language, column, context.english);
}

/** A cell stated in the answer: its value with unit and its `[n]` marker, or what the report prints instead. */
export function stated(table: TableRecord, cell: TableCell, what: string, context: Context): string {
  const words = answerWords(context.language);
  const marker = context.recorder.stateCell(cell, table.unit, what);
  if (cell.value === null) return `${words.noValue(cell.text)}${marker}`;
  return `${words.amount(cell.text, table.unit)}${marker}`;
}

/** The rows an answer used, with all their cells (`columns`: those a chart or a series keeps). */
export function answerTableOf(
  table: TableRecord,
  rows: TableRow[],
  columns: number[] = allColumns(table),
  chart?: AnswerChart,
): AnswerTable {
  return {
    tableId: table.id,
    caption: table.caption,
    unit: table.unit,
    columns: [table.labelColumn, ...columns.map((index) => table.columns[index])],
    rows: rows.map((row) => [
      row.parent ? `${row.parent} ${row.name}` : row.label,
      ...columns.map((index) => cellIn(table, row, index)?.value ?? null),
    ]),
    chart,
  };
}

export function finish(text: string, context: Context, table: AnswerTable): TableAnswer {
  return { text, citedChunkIds: context.recorder.citedChunkIds, figures: context.recorder.figures, table };
}

export function lead(table: TableRecord, context: Context, name?: string): string {
  const words = answerWords(context.language);
  const caption = words.caption(table.caption);
  const english = context.language === "en" && name ? context.english?.(name) : undefined;
  return `${caption}${english ? ` (${english})` : ""}${context.language === "en" ? ": " : "："}`;
}

export function allColumns(table: TableRecord): number[] {
  return table.columns.map((_, index) => index);
}

/** The rows a question is about: those it names, else the total row. */
export function rowsAsked(match: TableMatch, intent: QuestionIntent): TableRow[] {
  if (match.rows.length > 0) return match.rows.map((hit) => hit.row);
  const total = totalRow(match.table);
  if (total && (intent.asksTotal || match.columns.length > 0)) return [total];
  return [];
}

/** The columns asked, else every column with a heading (a notes column numbered `1` aside). */
export function columnsAsked(match: TableMatch): number[] {
  if (match.columns.length > 0) return match.columns.map((hit) => hit.index);
  const headed = allColumns(match.table).filter((index) => !/^\d{1,2}$/u.test(match.table.columns[index]));
  return headed.length > 0 ? headed : allColumns(match.table);
}

export function isTextTable(table: TableRecord): boolean {
  return table.rows.some((row) => row.cells.some((cell) => typeof cell.value === "string"));
}
