/**
 * Questions over any table of a report, answered from its cells: a value, a difference, a sum or
 * total, a ranking, a share, or a series over years, with the arithmetic shown, each stated cell
 * traced to its span and each computed number to its derivation, the table's passages cited.
 *
 * @module
 */
import { contentWords } from "../text/segmenter.js";
import type { AnswerChart, AnswerTable } from "../types.js";
import { answerWords, type EnglishNames, labelIn } from "./answer-words.js";
import { compactOf, type QuestionIntent, readQuestionIntent } from "./question-intent.js";
import {
  type AnswerLanguage,
  AnswerRecorder,
  formatResult,
  showDifference,
  showPercentChange,
  showSum,
  type TableAnswer,
} from "./table-answer.js";
import {
  matchTable,
  questionWords,
  rankableRows,
  shapeOf,
  type TableMatch,
  tablesReferenced,
  totalRow,
} from "./table-match.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";
import type { TableStore } from "./table-store.js";

export interface TableQuestionOptions {
  language: AnswerLanguage;
  /** Chinese terms for the English words of a question (the report's bilingual pairs). */
  translate?: (text: string) => string[];
  /** English names of the report's Chinese terms. */
  english?: EnglishNames;
}

/** A question that asks for figures of a table rather than for an explanation. */
const ASKS_FOR_FIGURES = new RegExp(
  [
    "多少|几|哪|最|如何|怎样|怎么|是什么|分别|各是|占|比例|相差|高出|低|合计|总|变化|趋势",
    String.raw`|\b(?:how|what|which|who|compare|difference|total|share|change|trend)\b|\b(?:19|20)\d{2}\b`,
  ].join(""),
  "iu",
);
/** Most cells a value answer states. */
const MAXIMUM_CELLS = 12;
/** Most rows a ranking names in its text. */
const RANKING_SHOWN = 3;

interface Context {
  language: AnswerLanguage;
  english?: EnglishNames;
  recorder: AnswerRecorder;
}

/** The cell of `row` under column `index`; rows with fewer cells than columns are aligned on the right. */
function cellIn(table: TableRecord, row: TableRow, index: number): TableCell | undefined {
  const offset = table.columns.length - row.cells.length;
  return index - offset >= 0 ? row.cells[index - offset] : undefined;
}

function numeric(cell: TableCell | undefined): cell is TableCell & { value: number } {
  return typeof cell?.value === "number";
}

function rowTitle(row: TableRow, context: Context): string {
  const own = labelIn(context.language, row.name, context.english);
  if (!row.parent) return own;
  const parent = labelIn(context.language, row.parent, context.english);
  return context.language === "en" ? `${parent}, ${own}` : `${parent}（${own}）`;
}

function columnTitle(table: TableRecord, index: number, context: Context): string {
  const column = table.columns[index] ?? "";
  if (/^(?:19|20)\d{2}$/u.test(column)) return answerWords(context.language).year(column);
  if (/^\d{1,2}$/u.test(column)) return answerWords(context.language).column(column);
  return labelIn(context.language, column, context.english);
}

/** A cell stated in the answer: its value with unit and its `[n]` marker, or what the report prints instead. */
function stated(table: TableRecord, cell: TableCell, what: string, context: Context): string {
  const words = answerWords(context.language);
  const marker = context.recorder.stateCell(cell, table.unit, what);
  if (cell.value === null) return `${words.noValue(cell.text)}${marker}`;
  return `${words.amount(cell.text, table.unit)}${marker}`;
}

/** The rows an answer used, with all their cells (`columns`: those a chart or a series keeps). */
function answerTableOf(
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

function finish(text: string, context: Context, table: AnswerTable): TableAnswer {
  return { text, citedChunkIds: context.recorder.citedChunkIds, figures: context.recorder.figures, table };
}

function lead(table: TableRecord, context: Context, name?: string): string {
  const words = answerWords(context.language);
  const caption = words.caption(table.caption);
  const english = context.language === "en" && name ? context.english?.(name) : undefined;
  return `${caption}${english ? ` (${english})` : ""}${context.language === "en" ? ": " : "："}`;
}

function allColumns(table: TableRecord): number[] {
  return table.columns.map((_, index) => index);
}

/** The rows a question is about: those it names, else the total row. */
function rowsAsked(match: TableMatch, intent: QuestionIntent): TableRow[] {
  if (match.rows.length > 0) return match.rows.map((hit) => hit.row);
  const total = totalRow(match.table);
  if (total && (intent.asksTotal || match.columns.length > 0)) return [total];
  return [];
}

/** The columns asked, else every column with a heading (a notes column numbered `1` aside). */
function columnsAsked(match: TableMatch): number[] {
  if (match.columns.length > 0) return match.columns.map((hit) => hit.index);
  const headed = allColumns(match.table).filter((index) => !/^\d{1,2}$/u.test(match.table.columns[index]));
  return headed.length > 0 ? headed : allColumns(match.table);
}

function isTextTable(table: TableRecord): boolean {
  return table.rows.some((row) => row.cells.some((cell) => typeof cell.value === "string"));
}

/** Records each number written inside a text cell, at its own span, and returns the cell's text and marker. */
function quotedCell(cell: TableCell, context: Context, label: string): string {
  const citation = context.recorder.cite(cell.chunkId);
  for (const number of cell.text.matchAll(/\d[\d,]*(?:\.\d+)?%?/gu)) {
    const span = number[0];
    const start = cell.start + (number.index ?? 0);
    context.recorder.figures.push({
      value: span.replace(/%$/u, ""),
      unit: span.endsWith("%") ? "%" : undefined,
      label,
      citation,
      source: { citation, span, start },
      status: "verified",
    });
  }
  return `${cell.text}[${citation}]`;
}

function answerTextRows(match: TableMatch, rows: TableRow[], context: Context): TableAnswer {
  const { table } = match;
  const words = answerWords(context.language);
  const listed = rows.slice(0, MAXIMUM_CELLS).map((row) => {
    const cells = row.cells.map((cell, index) => {
      const column = table.columns[index + table.columns.length - row.cells.length] ?? "";
      return `${column}${column ? words.is : ""}${quotedCell(cell, context, `${row.label} ${column}`)}`;
    });
    return `${row.label}${context.language === "en" ? " — " : "——"}${cells.join(words.clauseSeparator)}`;
  });
  const text = `${lead(table, context)}${listed.map((entry) => `• ${entry}`).join(" ")}`;
  return finish(text, context, answerTableOf(table, rows, allColumns(table)));
}

function answerValue(match: TableMatch, rows: TableRow[], columns: number[], context: Context): TableAnswer | null {
  const { table } = match;
  const words = answerWords(context.language);
  const parts: string[] = [];
  for (const row of rows) {
    const cells = columns
      .map((index) => ({ index, cell: cellIn(table, row, index) }))
      .filter((entry): entry is { index: number; cell: TableCell } => entry.cell !== undefined);
    if (cells.length === 0) continue;
    const statedCells = cells.map(({ index, cell }) => {
      const what = `${rowTitle(row, context)} ${columnTitle(table, index, context)}`.trim();
      const heading = table.columns.length > 1 ? `${columnTitle(table, index, context)}${words.is}` : "";
      return `${heading}${stated(table, cell, what, context)}`;
    });
    const separator = table.columns.length > 1 ? (context.language === "en" ? ", " : " ") : words.is;
    parts.push(`${rowTitle(row, context)}${separator}${statedCells.join(words.listSeparator)}`);
    if (parts.length * columns.length >= MAXIMUM_CELLS) break;
  }
  if (parts.length === 0) return null;
  const text = `${lead(table, context)}${parts.join(words.clauseSeparator)}${words.end}`;
  return finish(text, context, answerTableOf(table, rows));
}

/** `a − b = d` of two cells, stated with their markers, or why it cannot be computed. */
function differenceOf(
  table: TableRecord,
  left: { cell: TableCell; what: string },
  right: { cell: TableCell; what: string },
  context: Context,
): string {
  const words = answerWords(context.language);
  const leftText = `${left.what}${words.is}${stated(table, left.cell, left.what, context)}`;
  const rightText = `${right.what}${words.is}${stated(table, right.cell, right.what, context)}`;
  if (!numeric(left.cell) || !numeric(right.cell))
    return [leftText, rightText, `${words.difference} ${words.cannotCompute}`].join(words.listSeparator);
  const difference = showDifference(left.cell.text, right.cell.text);
  const unit = table.unit === "%" ? words.percentagePoints : table.unit;
  const citation = context.recorder.cite(left.cell.chunkId);
  context.recorder.stateDerived(difference.text, unit, `${left.what} − ${right.what}`, difference.shown, citation);
  const shownUnit = unit ? ` ${words.amount("", unit).trim()}` : "";
  // An amount against another is also said as a share of it: `(267.4 − 233.2) / 233.2 = 14.7%`.
  const relative = table.unit !== "%" ? showPercentChange(right.cell.text, left.cell.text) : undefined;
  if (relative)
    context.recorder.stateDerived(relative.text, "%", `${left.what} / ${right.what}`, relative.shown, citation);
  const relativeText = relative
    ? `${words.listSeparator}${words.relative}${words.is}${relative.shown}[${citation}]`
    : "";
  const result = `${words.difference}${words.is}${difference.shown}${shownUnit}[${citation}]${relativeText}`;
  return `${leftText}${words.listSeparator}${rightText}${words.clauseSeparator}${result}`;
}

function sumOf(table: TableRecord, terms: Array<{ cell: TableCell; what: string }>, context: Context): string {
  const words = answerWords(context.language);
  const listed = terms.map((term) => `${term.what}${words.is}${stated(table, term.cell, term.what, context)}`);
  if (!terms.every((term) => numeric(term.cell)))
    return `${listed.join(words.listSeparator)}${words.listSeparator}${words.total} ${words.cannotCompute}`;
  const sum = showSum(terms.map((term) => term.cell.text));
  const citation = context.recorder.cite(terms[0].cell.chunkId);
  context.recorder.stateDerived(sum.text, table.unit, terms.map((term) => term.what).join(" + "), sum.shown, citation);
  const shownUnit = table.unit ? (table.unit === "%" ? "%" : ` ${words.amount("", table.unit).trim()}`) : "";
  const result = `${words.total}${words.is}${sum.shown}${shownUnit}[${citation}]`;
  return `${listed.join(words.listSeparator)}${words.clauseSeparator}${result}`;
}

function twoCells(
  match: TableMatch,
  rows: TableRow[],
  columns: number[],
  intent: QuestionIntent,
  context: Context,
): Array<{ cell: TableCell; what: string }> | undefined {
  const { table } = match;
  const terms: Array<{ cell: TableCell | undefined; what: string }> =
    match.columns.length >= 2 && rows.length === 1
      ? match.columns.map((hit) => ({
          cell: cellIn(table, rows[0], hit.index),
          what: `${rowTitle(rows[0], context)} ${columnTitle(table, hit.index, context)}`,
        }))
      : rows.length >= 2 && columns.length === 1
        ? rows.map((row) => ({
            cell: cellIn(table, row, columns[0]),
            what: [rowTitle(row, context), table.columns.length > 1 ? columnTitle(table, columns[0], context) : ""]
              .join(" ")
              .trim(),
          }))
        : [];
  if (terms.length < 2 || terms.some((term) => !term.cell)) return undefined;
  const found = terms as Array<{ cell: TableCell; what: string }>;
  // Through translated terms the order the question names them in is lost: the larger comes first.
  if (intent.terms.length > 0)
    found.sort(
      (left, right) => (numeric(right.cell) ? right.cell.value : 0) - (numeric(left.cell) ? left.cell.value : 0),
    );
  return found;
}

function answerCombination(
  match: TableMatch,
  rows: TableRow[],
  columns: number[],
  intent: QuestionIntent,
  context: Context,
): TableAnswer | null {
  const terms = twoCells(match, rows, columns, intent, context);
  if (!terms) return null;
  const words = answerWords(context.language);
  const body =
    intent.operation !== "difference"
      ? sumOf(match.table, terms, context)
      : differenceOf(match.table, terms[0], terms[1], context);
  const chart: AnswerChart = {
    type: "bar",
    labels: terms.map((term) => term.what),
    series: [{ name: match.table.caption, values: terms.map((term) => (numeric(term.cell) ? term.cell.value : null)) }],
  };
  return finish(
    `${lead(match.table, context)}${body}${words.end}`,
    context,
    answerTableOf(match.table, rows, undefined, chart),
  );
}

function answerShare(match: TableMatch, rows: TableRow[], columns: number[], context: Context): TableAnswer | null {
  const { table } = match;
  const total = totalRow(table);
  const parts = rows.filter((row) => row !== total);
  if (!total || parts.length !== 1 || columns.length !== 1 || table.unit === "%") return null;
  const part = cellIn(table, parts[0], columns[0]);
  const whole = cellIn(table, total, columns[0]);
  if (!numeric(part) || !numeric(whole) || whole.value === 0) return null;
  const words = answerWords(context.language);
  const column = table.columns.length > 1 ? ` ${columnTitle(table, columns[0], context)}` : "";
  const partWhat = `${rowTitle(parts[0], context)}${column}`;
  const wholeWhat = `${rowTitle(total, context)}${column}`;
  const share = formatResult((part.value / whole.value) * 100, ["0.0"]);
  const shown = `${part.text} / ${whole.text} = ${share}%`;
  const partText = `${partWhat}${words.is}${stated(table, part, partWhat, context)}`;
  const wholeText = `${wholeWhat}${words.is}${stated(table, whole, wholeWhat, context)}`;
  const citation = context.recorder.cite(part.chunkId);
  context.recorder.stateDerived(share, "%", `${partWhat} / ${wholeWhat}`, shown, citation);
  const result = `${words.share}${words.is}${shown}[${citation}]${words.end}`;
  const text = `${lead(table, context)}${partText}${words.listSeparator}${wholeText}${words.clauseSeparator}${result}`;
  return finish(text, context, answerTableOf(table, [parts[0], total]));
}

function answerSeries(match: TableMatch, row: TableRow, intent: QuestionIntent, context: Context): TableAnswer | null {
  const { table } = match;
  const asked = match.columns.map((hit) => hit.index).sort((left, right) => left - right);
  // Earliest year first, whichever way the table prints its years.
  const years = allColumns(table)
    .filter((index) => /^(?:19|20)\d{2}$/u.test(table.columns[index]) && cellIn(table, row, index) !== undefined)
    .sort((left, right) => Number(table.columns[left]) - Number(table.columns[right]));
  const askedYears = asked.map((index) => Number(table.columns[index]));
  const columns =
    asked.length >= 2
      ? years.filter((index) => {
          const year = Number(table.columns[index]);
          return year >= Math.min(...askedYears) && year <= Math.max(...askedYears);
        })
      : years;
  if (columns.length < 2 || intent.years.some((year) => !table.columns.includes(year))) return null;
  const words = answerWords(context.language);
  const title = rowTitle(row, context);
  const points = columns.map((index) => {
    const cell = cellIn(table, row, index);
    return cell
      ? `${columnTitle(table, index, context)} ${stated(table, cell, `${title} ${table.columns[index]}`, context)}`
      : "";
  });
  const first = cellIn(table, row, columns[0]);
  const last = cellIn(table, row, columns[columns.length - 1]);
  let change = "";
  if (numeric(first) && numeric(last)) {
    const difference = showDifference(last.text, first.text);
    const unit = table.unit === "%" ? words.percentagePoints : table.unit;
    const span = `${table.columns[columns[0]]}–${table.columns[columns[columns.length - 1]]}`;
    const citation = context.recorder.cite(last.chunkId);
    context.recorder.stateDerived(difference.text, unit, `${title} ${span}`, difference.shown, citation);
    const changeWord = context.language === "en" ? `${words.change} ${span}` : `${span} 年${words.change}`;
    const shownUnit = unit ? ` ${unit}` : "";
    change = `${words.clauseSeparator}${changeWord}${words.is}${difference.shown}${shownUnit}[${citation}]`;
  }
  const chart: AnswerChart = {
    type: "line",
    labels: columns.map((index) => table.columns[index]),
    series: [{ name: title, values: columns.map((index) => cellIn(table, row, index)?.value as number | null) }],
  };
  const text = `${lead(table, context)}${title}${words.is}${points.join(words.listSeparator)}${change}${words.end}`;
  return finish(text, context, answerTableOf(table, [row], columns, chart));
}

/** The column a ranking compares: the one named, the only one, or the year asked. */
function rankingColumn(match: TableMatch): number | undefined {
  if (match.columns.length === 1) return match.columns[0].index;
  if (match.table.columns.length === 1) return 0;
  return undefined;
}

function answerRanking(match: TableMatch, intent: QuestionIntent, context: Context): TableAnswer | null {
  const { table } = match;
  const column = rankingColumn(match);
  if (column === undefined) return null;
  const ranked = rankableRows(table)
    .map((row) => ({ row, cell: cellIn(table, row, column) }))
    .filter((entry): entry is { row: TableRow; cell: TableCell & { value: number } } => numeric(entry.cell));
  if (ranked.length < 2) return null;
  const sign = intent.direction === "lowest" ? 1 : -1;
  ranked.sort((left, right) => sign * (left.cell.value - right.cell.value));
  const words = answerWords(context.language);
  const columnName = table.columns.length > 1 ? columnTitle(table, column, context) : "";
  const shown = ranked
    .slice(0, RANKING_SHOWN)
    .map(
      (entry) =>
        `${rowTitle(entry.row, context)}${words.is}` +
        stated(table, entry.cell, `${rowTitle(entry.row, context)} ${columnName}`.trim(), context),
    );
  const extreme = intent.direction === "lowest" ? words.lowest : words.highest;
  const text =
    context.language === "en"
      ? `${lead(table, context)}${columnName ? `${columnName}, ` : ""}${extreme}: ${shown[0]}; ` +
        `${words.next} ${shown.slice(1).join("; ")}.`
      : `${lead(table, context)}${columnName}${extreme}的是 ${shown[0]}；${words.next} ${shown.slice(1).join("，")}。`;
  const chart: AnswerChart = {
    type: "bar",
    labels: ranked.map((entry) => rowTitle(entry.row, context)),
    series: [{ name: columnName || table.caption, values: ranked.map((entry) => entry.cell.value) }],
  };
  return finish(
    text,
    context,
    answerTableOf(
      table,
      ranked.map((entry) => entry.row),
      undefined,
      chart,
    ),
  );
}

function answerOneTable(match: TableMatch, intent: QuestionIntent, context: Context): TableAnswer | null {
  const { table } = match;
  const rows = rowsAsked(match, intent);
  const columns = columnsAsked(match);
  const yearColumns = table.columns.filter((column) => /^(?:19|20)\d{2}$/u.test(column)).length >= 2;
  if (intent.operation === "ranking" && (match.rows.length === 0 || intent.asksWhich))
    return answerRanking(match, intent, context);
  if (isTextTable(table)) {
    const listed = match.rows.length > 0 ? match.rows.map((hit) => hit.row) : table.rows;
    return answerTextRows(match, listed, context);
  }
  if (rows.length === 0) return null;
  // A year the table has no column for: the table does not hold the answer.
  if (yearColumns && intent.years.some((year) => !table.columns.includes(year))) return null;
  const seriesAsked = intent.operation === "trend" || (intent.operation === "difference" && intent.years.length >= 2);
  if (yearColumns && rows.length === 1 && seriesAsked) return answerSeries(match, rows[0], intent, context);
  // The share of rows named one or the other (`A或B`, `A or B`) of a table of shares is their sum.
  const either = table.unit === "%" && rows.length >= 2 && /或|\bor\b|either/iu.test(intent.compact.split("|")[0]);
  if (intent.operation === "difference" || intent.operation === "sum" || either) {
    const combined = answerCombination(match, rows, columns, intent, context);
    if (combined) return combined;
  }
  // A share the table can neither read nor compute is not answered with amounts.
  if (intent.operation === "share" && table.unit !== "%") return answerShare(match, rows, columns, context);
  return answerValue(match, rows, columns, context);
}

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
interface Series {
  tables: TableRecord[];
  names: string[];
  word: string;
}

function seriesOf(tables: TableRecord[]): Series[] {
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
function rankAcross(series: Series, intent: QuestionIntent, words: string[], context: Context): TableAnswer | null {
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
function answerAcross(series: Series, intent: QuestionIntent, words: string[], context: Context): TableAnswer | null {
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
function seriesNamed(store: TableStore, intent: QuestionIntent, referenced: TableRecord[] | undefined): Series[] {
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

/**
 * Whether the question names enough of a table to be answered from it: a row or a column, or (for a
 * table it names by number, or a ranking) words of its caption. A table of text is answered only
 * when the question names it by number: its long labels share words with too many questions.
 */
function namesEnough(match: TableMatch, referenced: boolean, intent: QuestionIntent): boolean {
  if (isTextTable(match.table) && !referenced) return false;
  const caption = match.captionScore >= 2 && (referenced || intent.operation === "ranking");
  return match.rows.length > 0 || match.columns.some((hit) => hit.score > 0) || caption;
}

/** Share of the question's words the table's name, the rows and the columns it names must hold. */
const MINIMUM_COVERAGE = 0.6;
/** The same for a table the question names by number. */
const MINIMUM_COVERAGE_REFERENCED = 0.5;

/** Words a question asks with, not about. */
const ASKING_WORDS = new RegExp(
  [
    "^(?:多少|是否|哪个|哪些|哪一|哪里|什么|如何|怎样|怎么|分别|各是|情况|最大|最小|最高|最低|最多|最少",
    "|比例|份额|占比|百分比|比重|合计|总计|总额|差额|相差|变化|趋势",
    "|what|how|which|much|many|was|were|did|does|the)$",
  ].join(""),
  "u",
);
/** The share for an English question over a Chinese table, whose terms hold each English word's other senses. */
const MINIMUM_COVERAGE_TRANSLATED = 0.4;

/**
 * The share of the question's words that the table's caption and title, and the rows and columns
 * the question names, hold: a question that names a row in passing asks about something else.
 * An English question over a Chinese table is measured by the Chinese terms of its words.
 */
function coverage(match: TableMatch, intent: QuestionIntent, question: string, translated: string[]): number {
  const { table } = match;
  const rows = match.rows.flatMap((hit) => {
    const parent = hit.row.parent ?? "";
    return [hit.row.label, parent, `${parent}${hit.row.name}`, `${hit.row.name}${parent}`];
  });
  const total = match.rows.length === 0 ? [totalRow(table)?.label ?? ""] : [];
  // A ranking names the kind of its rows (`哪类文件`), which their labels hold.
  if (intent.operation === "ranking") total.push(...table.rows.map((row) => row.label));
  const scope = compactOf(
    [table.caption, table.header?.split("\n")[0] ?? "", table.labelColumn, ...table.columns, ...rows, ...total].join(
      "|",
    ),
  );
  if (/\p{Script=Han}/u.test(scope) && !/\p{Script=Han}/u.test(question)) {
    const terms = translated.map(compactOf).filter((term) => !ASKING_WORDS.test(term));
    return terms.length === 0 ? 0 : terms.filter((term) => scope.includes(term)).length / terms.length;
  }
  // The English words of a Chinese question (`NEET`) count once, covered by any of their Chinese terms.
  const english = translated.length > 0;
  const words = [...new Set(contentWords(question).map(compactOf))].filter(
    (word) =>
      word.length >= 2 &&
      !/\d/u.test(word) &&
      !ASKING_WORDS.test(word) &&
      !(english && /^\p{Script=Latin}+$/u.test(word)),
  );
  const covered = words.filter((word) => scope.includes(word)).length;
  const translatedCovered = translated.some((term) => scope.includes(compactOf(term))) ? 1 : 0;
  const count = words.length + (english ? 1 : 0);
  return count === 0 ? 0 : (covered + translatedCovered) / count;
}

/** The tables with a column for each year the question names, when some have: the others cannot answer it. */
function withYearsAsked(tables: TableRecord[], intent: QuestionIntent): TableRecord[] {
  if (intent.years.length === 0) return tables;
  const dated = tables.filter((table) => intent.years.every((year) => table.columns.includes(year)));
  return dated.length > 0 ? dated : tables;
}

function minimumCoverage(intent: QuestionIntent, referenced: boolean): number {
  if (intent.terms.length > 0) return MINIMUM_COVERAGE_TRANSLATED;
  return referenced ? MINIMUM_COVERAGE_REFERENCED : MINIMUM_COVERAGE;
}

function namedRowLabels(match: TableMatch): string {
  return match.rows.map((hit) => compactOf(hit.row.name)).join("\u0000");
}

/** Tables whose rows and columns the question names first; their captions' words only break ties. */
function byNamedCells(left: TableMatch, right: TableMatch): number {
  const named = (match: TableMatch) => match.score - match.captionScore;
  return named(right) - named(left) || right.captionScore - left.captionScore;
}

/** Translations of recent questions, by translator: a question is answered part by part and whole. */
const recentTranslations = new WeakMap<(text: string) => string[], Map<string, string[]>>();
const RECENT_TRANSLATIONS = 256;

function translatedTerms(text: string, translate: ((text: string) => string[]) | undefined): string[] {
  if (!translate) return [];
  const recent = recentTranslations.get(translate) ?? new Map<string, string[]>();
  recentTranslations.set(translate, recent);
  const cached = recent.get(text);
  if (cached) return cached;
  const terms = translate(text);
  if (recent.size >= RECENT_TRANSLATIONS) recent.clear();
  recent.set(text, terms);
  return terms;
}

/**
 * Answers a question from the tables of `store`, or `null` when no table clearly holds what it asks.
 * The tables a question names by number (`成果目标 3`, `Note 12`) are preferred, then the table
 * whose rows, columns and caption the question names best.
 */
export function answerTableQuestion(
  question: string,
  store: TableStore,
  options: TableQuestionOptions,
): TableAnswer | null {
  if (store.tables.length === 0) return null;
  const asksForFigures = ASKS_FOR_FIGURES.test(question);
  // English words inside Chinese text (`男青年NEET比例`) are set apart so that they read as words.
  const spaced = question.replace(/[\p{Script=Latin}\d][\p{Script=Latin}\d .'-]*[\p{Script=Latin}\d]/gu, " $& ");
  const translated = /\p{Script=Latin}{3}/u.test(question) ? translatedTerms(spaced, options.translate) : [];
  const intent = readQuestionIntent(question, translated);
  const words = questionWords(question, translated, intent.references);
  const context: Context = { language: options.language, english: options.english, recorder: new AnswerRecorder() };
  const referenced = tablesReferenced(store.tables, intent.references);
  const named = seriesNamed(store, intent, referenced);
  if (!referenced && asksForFigures && intent.operation === "ranking" && intent.asksWhich) {
    for (const series of named) {
      const ranking = rankAcross(series, intent, words, context);
      if (ranking) return ranking;
    }
  }
  const matches = withYearsAsked(referenced ?? store.tables, intent)
    .map((table) => matchTable(table, intent, words))
    .filter((match) => namesEnough(match, referenced !== undefined, intent))
    .filter(
      (match) => coverage(match, intent, question, translated) >= minimumCoverage(intent, referenced !== undefined),
    )
    .sort(byNamedCells);
  const best = matches[0];
  // A question of a few words, a table named by number and a row and a column of it, asks for that cell.
  if (!best || (!asksForFigures && !(referenced && best.rows.length > 0 && best.columns.length > 0))) return null;
  if (referenced && referenced.length >= 2) {
    const series = named.find((candidate) => candidate.tables.includes(best.table));
    if (series && series.tables.length >= 2) return answerAcross(series, intent, words, context);
  }
  // Two tables the question names as well as each other: it does not say which it means, unless
  // tables of different shapes print the row it names (a statement and a note, or the group's and
  // the bank's statements): the first printed answers, and the answer names its table.
  const tied = matches.filter((match) => byNamedCells(best, match) === 0);
  // Tables of a series (one per outcome, say) are told apart only by the number that names them.
  const series = seriesOf(tied.map((match) => match.table)).length > 0;
  if (tied.length > 1 && (series || new Set(tied.map(namedRowLabels)).size > 1)) return null;
  const first = tied.sort((left, right) => store.tables.indexOf(left.table) - store.tables.indexOf(right.table))[0];
  return answerOneTable(first, intent, context);
}
