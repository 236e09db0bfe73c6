/**
 * Answers from one table: a value, a difference or sum of two cells, a share of the total row, a
 * series over year columns, a ranking of rows, or the rows of a table of text.
 *
 * @module
 */
import type { AnswerChart } from "../types.js";
import { answerWords } from "./answer-words.js";
import type { QuestionIntent } from "./question-intent.js";
import { formatResult, showDifference, showPercentChange, showSum, type TableAnswer } from "./table-answer.js";
import {
  allColumns,
  answerTableOf,
  type Context,
  cellIn,
  columnsAsked,
  columnTitle,
  finish,
  isTextTable,
  lead,
  numeric,
  RANKING_SHOWN,
  rowsAsked,
  rowTitle,
  stated,
} from "./table-answer-parts.js";
import { rankableRows, type TableMatch, totalRow } from "./table-match.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";

/** Most cells a value answer states. */
const MAXIMUM_CELLS = 12;

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
export function differenceOf(
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

export function sumOf(table: TableRecord, terms: Array<{ cell: TableCell; what: string }>, context: Context): string {
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

export function answerOneTable(match: TableMatch, intent: QuestionIntent, context: Context): TableAnswer | null {
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
