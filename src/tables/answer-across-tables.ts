/**
 * Tables of one series (one per outcome, region …: the same rows and columns, told apart by a number
 * in their captions), ranked or combined by the cell a question asks of each.
 *
 * @module
 */
import type { AnswerChart, AnswerTable } from "../types.js";
import { differenceOf, sumOf } from "./answer-one-table.js";
import { answerWords, labelIn } from "./answer-words.js";
import { compactOf, type QuestionIntent } from "./question-intent.js";
import type { TableAnswer } from "./table-answer.js";
import {
  type Context,
  cellIn,
  columnTitle,
  finish,
  numeric,
  RANKING_SHOWN,
  rowsAsked,
  rowTitle,
  stated,
} from "./table-answer-parts.js";
import { matchTable, shapeOf, type TableMatch } from "./table-match.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";
import type { TableStore } from "./table-store.js";

/** The part of a table's caption that tells it from the other tables of its shape (`成果目标 1`). */
function memberNames(tables: TableRecord[]): { word: string; names: string[] } | undefined {
  const tokens = tables.map((table) => table.caption.split(/\s+/u));
  const length = Math.min(...tokens.map((entry) => entry.length));
  for (let index = 0; index < length; index += 1) {
    if (new Set(tokens.map((entry) => entry[index])).size === 1) continue;
    const numbered = tokens.every((entry) => /^[\dA-Z.]+$/u.test(entry[index])) && index > 0;
    if (!numbered) return undefined;
    return { word: tokens[0][index - 1], names: tokens.map((entry) => `${entry[index - 1]} ${entry[index]}`) };
  }
  return undefined;
}

/** Tables of one shape (one per outcome, region, year …), each with the name that tells it apart. */
export interface Series {
  tables: TableRecord[];
  names: string[];
  word: string;
}

export function seriesOf(tables: TableRecord[]): Series[] {
  const byShape = new Map<string, TableRecord[]>();
  for (const table of tables) byShape.set(shapeOf(table), [...(byShape.get(shapeOf(table)) ?? []), table]);
  return [...byShape.values()].flatMap((members) => {
    const named = members.length >= 2 ? memberNames(members) : undefined;
    return named ? [{ tables: members, ...named }] : [];
  });
}

/** The one cell each table of a series holds for what the question asks. */
function cellsAcross(
  series: Series,
  match: TableMatch,
  intent: QuestionIntent,
): Array<{ table: TableRecord; name: string; row: TableRow; cell: TableCell }> | undefined {
  const rows = rowsAsked(match, intent);
  const column = match.columns.length === 1 ? match.columns[0].index : match.table.columns.length === 1 ? 0 : undefined;
  if (rows.length !== 1 || column === undefined) return undefined;
  const rowIndex = match.table.rows.indexOf(rows[0]);
  const cells = series.tables.map((table, index) => {
    const row = table.rows[rowIndex];
    return { table, name: series.names[index], row, cell: cellIn(table, row, column) };
  });
  return cells.every((entry) => entry.cell)
    ? (cells as Array<{ table: TableRecord; name: string; row: TableRow; cell: TableCell }>)
    : undefined;
}

function acrossAnswerTable(
  cells: Array<{ table: TableRecord; name: string; row: TableRow; cell: TableCell }>,
  column: string,
  chart: AnswerChart,
  context: Context,
): AnswerTable {
  const first = cells[0].table;
  return {
    tableId: first.id,
    caption: cells.map((entry) => entry.table.caption).join(" / "),
    unit: first.unit,
    columns: ["", column],
    rows: cells.map((entry) => [labelIn(context.language, entry.name, context.english), entry.cell.value]),
    chart,
  };
}

function whatAcross(match: TableMatch, intent: QuestionIntent, context: Context): { what: string; column: string } {
  const row = rowsAsked(match, intent)[0];
  const index = match.columns[0]?.index ?? 0;
  const column = columnTitle(match.table, index, context);
  return { what: `${rowTitle(row, context)} ${match.table.columns.length > 1 ? column : ""}`.trim(), column };
}

/** A ranking of the tables of a series (one per outcome, say) by the cell the question asks. */
export function rankAcross(
  series: Series,
  intent: QuestionIntent,
  words: string[],
  context: Context,
): TableAnswer | null {
  const match = matchTable(series.tables[0], intent, words);
  const cells = cellsAcross(series, match, intent)?.filter((entry) => numeric(entry.cell));
  if (!cells || cells.length < 2) return null;
  const sign = intent.direction === "lowest" ? 1 : -1;
  cells.sort((left, right) => sign * ((left.cell.value as number) - (right.cell.value as number)));
  const fixed = answerWords(context.language);
  const { what, column } = whatAcross(match, intent, context);
  const shown = cells.slice(0, RANKING_SHOWN).map((entry) => {
    const name = labelIn(context.language, entry.name, context.english);
    return `${name}${fixed.is}${stated(entry.table, entry.cell, `${entry.name} ${what}`, context)}`;
  });
  const extreme = intent.direction === "lowest" ? fixed.lowest : fixed.highest;
  const text =
    context.language === "en"
      ? `${what.charAt(0).toUpperCase()}${what.slice(1)}, ${extreme}: ${shown[0]}; ` +
        `${fixed.next} ${shown.slice(1).join("; ")}.`
      : `${what}${extreme}的是 ${shown[0]}；${fixed.next} ${shown.slice(1).join("，")}。`;
  const chart: AnswerChart = {
    type: "bar",
    labels: cells.map((entry) => labelIn(context.language, entry.name, context.english)),
    series: [{ name: what, values: cells.map((entry) => entry.cell.value as number) }],
  };
  return finish(text, context, acrossAnswerTable(cells, column, chart, context));
}

/** Several tables of a series named by the question: each one's cell, and their difference or sum. */
export function answerAcross(
  series: Series,
  intent: QuestionIntent,
  words: string[],
  context: Context,
): TableAnswer | null {
  const match = matchTable(series.tables[0], intent, words);
  const cells = cellsAcross(series, match, intent);
  if (!cells) return null;
  const fixed = answerWords(context.language);
  const { what, column } = whatAcross(match, intent, context);
  const terms = cells.map((entry) => ({
    cell: entry.cell,
    what: `${labelIn(context.language, entry.name, context.english)} ${what}`,
  }));
  const table = cells[0].table;
  const body =
    intent.operation === "sum" || (intent.asksTotal && cells.length > 2)
      ? sumOf(table, terms, context)
      : cells.length === 2 && intent.operation !== "value"
        ? differenceOf(table, terms[0], terms[1], context)
        : terms
            .map((term) => `${term.what}${fixed.is}${stated(table, term.cell, term.what, context)}`)
            .join(fixed.listSeparator);
  const chart: AnswerChart = {
    type: "bar",
    labels: cells.map((entry) => labelIn(context.language, entry.name, context.english)),
    series: [{ name: what, values: cells.map((entry) => (numeric(entry.cell) ? entry.cell.value : null)) }],
  };
  return finish(`${body}${fixed.end}`, context, acrossAnswerTable(cells, column, chart, context));
}

/** The series whose tables the question ranks or combines, by the word that names its tables. */
export function seriesNamed(
  store: TableStore,
  intent: QuestionIntent,
  referenced: TableRecord[] | undefined,
): Series[] {
  return seriesOf(store.tables)
    .map((series) => {
      if (!referenced) return series;
      const kept = series.tables.flatMap((table, index) => (referenced.includes(table) ? [index] : []));
      return {
        ...series,
        tables: kept.map((index) => series.tables[index]),
        names: kept.map((index) => series.names[index]),
      };
    })
    .filter((series) => series.tables.length >= 2 && intent.compact.includes(compactOf(series.word)));
}
