/**
 * Which tables, rows and columns a question names: numbered references matched against the
 * tables' captions and headings, row labels and column headings found in the question's text.
 *
 * @module
 */
import { contentWords } from "../text/segmenter.js";
import { TOTAL_ROW } from "./parse-layout-tables.js";
import { compactOf, type NumberedReference, type QuestionIntent } from "./question-intent.js";
import type { TableRecord, TableRow } from "./table-record.js";

/** Shortest prefix of a row label that names the row, in characters. */
const MINIMUM_PREFIX = 3;
/** Share of a row label a shorter prefix must cover to name the row. */
const SHORT_PREFIX_SHARE = 0.5;
/** A row that gathers what no other row holds: left out of rankings. */
const REMAINDER_ROW = /^(?:其他|其它|others?|other items)$/iu;

export interface RowHit {
  row: TableRow;
  /** Characters of the question the row's label (and the label of the row it breaks down) matched. */
  score: number;
  /** Where in the question it is named. */
  at: number;
}

export interface ColumnHit {
  index: number;
  score: number;
  at: number;
}

/** What of one table a question names. */
export interface TableMatch {
  table: TableRecord;
  rows: RowHit[];
  columns: ColumnHit[];
  /** Characters of the question's words found in the table's caption and title. */
  captionScore: number;
  score: number;
}

/** The text a table is known by: its caption, its title line and the headings it is printed under. */
export function tableNameText(table: TableRecord): string {
  return compactOf([table.caption, table.header?.split("\n")[0] ?? "", ...table.sectionPath].join("|"));
}

function mask(text: string, at: number, length: number): string {
  return `${text.slice(0, at)}${"#".repeat(length)}${text.slice(at + length)}`;
}

function isLatin(name: string): boolean {
  return !/\p{Script=Han}/u.test(name);
}

/** Where `name` is named in `text`: whole, by a long enough prefix, or (in Latin script) by all its words. */
function findName(name: string, text: string): { at: number; length: number } | undefined {
  const compact = compactOf(name);
  if (compact.length < 2) return undefined;
  const whole = text.indexOf(compact);
  if (whole >= 0) return { at: whole, length: compact.length };
  if (isLatin(name)) {
    const words = name.toLowerCase().match(/\p{L}{3,}/gu) ?? [];
    if (words.length < 2 || !words.every((word) => text.includes(word))) return undefined;
    return { at: text.indexOf(words[0] ?? ""), length: words.join("").length };
  }
  for (let length = compact.length - 1; length >= 2; length -= 1) {
    if (length < MINIMUM_PREFIX && length / compact.length < SHORT_PREFIX_SHARE) break;
    const at = text.indexOf(compact.slice(0, length));
    if (at >= 0) return { at, length };
  }
  return undefined;
}

function firstCharacter(name: string, text: string): { at: number; length: number } | undefined {
  const first = compactOf(name).charAt(0);
  if (!/\p{Script=Han}/u.test(first)) return undefined;
  const at = text.indexOf(first);
  return at >= 0 ? { at, length: 1 } : undefined;
}

function isYearColumn(column: string): boolean {
  return /^(?:19|20)\d{2}$/u.test(column);
}

/** Columns named whole (years by the years asked), then by the end of their heading (`支出` for `实际支出`). */
function matchColumns(table: TableRecord, intent: QuestionIntent, text: string): { hits: ColumnHit[]; rest: string } {
  const hits: ColumnHit[] = [];
  let rest = text;
  table.columns.forEach((column, index) => {
    if (isYearColumn(column)) {
      if (intent.years.includes(column)) hits.push({ index, score: 0, at: intent.compact.indexOf(column) });
      return;
    }
    const compact = compactOf(column);
    if (compact.length < 2 || /^\d+$/u.test(compact)) return;
    const at = rest.indexOf(compact);
    if (at >= 0) {
      hits.push({ index, score: compact.length, at });
      rest = mask(rest, at, compact.length);
    }
  });
  return { hits, rest };
}

/** Columns named by the end (or most of the start) of their heading only, once the rows took their words. */
function matchColumnEnds(table: TableRecord, hits: ColumnHit[], text: string): ColumnHit[] {
  const found: ColumnHit[] = [];
  table.columns.forEach((column, index) => {
    const compact = compactOf(column);
    if (hits.some((hit) => hit.index === index) || isYearColumn(column) || isLatin(column)) return;
    for (let length = compact.length - 1; length >= 2; length -= 1) {
      const end = text.indexOf(compact.slice(-length));
      // A heading's start names it only when it is most of it (`本年制发` for `本年制发件数`).
      const start = length / compact.length >= SHORT_PREFIX_SHARE ? text.indexOf(compact.slice(0, length)) : -1;
      const at = end >= 0 ? end : start;
      if (at >= 0) {
        found.push({ index, score: length, at });
        return;
      }
    }
  });
  // An ending several headings share names none of them.
  const longest = Math.max(0, ...found.map((hit) => hit.score));
  const best = found.filter((hit) => hit.score === longest);
  return best.length === 1 ? best : [];
}

/** The rows the question names, the one it names best first; a breakdown row is named with the row above it. */
function matchRows(table: TableRecord, text: string): { hits: RowHit[]; rest: string } {
  const scored: Array<RowHit & { coverage: number; spans: Array<{ at: number; length: number }> }> = [];
  for (const row of table.rows) {
    const parentFirst = row.parent ? findName(row.parent, text) : undefined;
    // A breakdown of a row the question names may be named by its first character (`男青年` for `男性`).
    const own =
      findName(row.name, parentFirst ? mask(text, parentFirst.at, parentFirst.length) : text) ??
      (parentFirst ? firstCharacter(row.name, mask(text, parentFirst.at, parentFirst.length)) : undefined);
    if (!own) continue;
    const parent = row.parent ? findName(row.parent, mask(text, own.at, own.length)) : undefined;
    scored.push({
      row,
      score: own.length + (parent?.length ?? 0),
      at: own.at,
      coverage: own.length / Math.max(1, compactOf(row.name).length),
      spans: parent ? [own, parent] : [own],
    });
  }
  scored.sort((left, right) => right.score - left.score || right.coverage - left.coverage);
  const hits: RowHit[] = [];
  let rest = text;
  for (const candidate of scored) {
    // A row counts once its words are still unclaimed by a row named better.
    // A sibling breakdown row shares the words of the row above it with the first one.
    const sibling =
      hits.length > 0 && candidate.row.parent !== undefined && candidate.row.parent === hits[0].row.parent;
    const own = sibling ? candidate.spans.slice(0, 1) : candidate.spans;
    if (own.some((span) => rest.slice(span.at, span.at + span.length).includes("#"))) continue;
    if (hits.length > 0 && candidate.coverage < 1) continue;
    // Once a breakdown row is named, another row counts only as a breakdown of the same row.
    if (hits.length > 0 && hits[0].row.parent !== undefined && candidate.row.parent !== hits[0].row.parent) continue;
    hits.push({ row: candidate.row, score: candidate.score, at: candidate.at });
    for (const span of candidate.spans) rest = mask(rest, span.at, span.length);
  }
  return { hits, rest };
}

function captionScoreOf(table: TableRecord, words: string[]): number {
  const name = tableNameText(table);
  return words.filter((word) => name.includes(word)).reduce((sum, word) => sum + word.length, 0) / 2;
}

/** The words of a question that may name a table: two characters or more, no number, no reference. */
export function questionWords(question: string, translated: string[], references: NumberedReference[]): string[] {
  const words = [...new Set([question, ...translated].flatMap((text) => contentWords(text)).map(compactOf))];
  return words.filter(
    (word) => word.length >= 2 && !/\d/u.test(word) && !references.some((reference) => reference.before.includes(word)),
  );
}

/** Most characters a translated term may hold beyond a row label it contains (`青年失业率` for `青年`). */
const TERM_SLACK = 3;

/** How a translated term names a label: whole, as its start (`在职贫困率`), or holding it with little more. */
function termNames(term: string, name: string): boolean {
  if (name.length < 2) return false;
  if (term === name) return true;
  if (term.length >= MINIMUM_PREFIX && name.startsWith(term)) return true;
  return term.includes(name) && term.length <= name.length + TERM_SLACK;
}

/**
 * Rows and columns an English question names through the Chinese terms of its words: each term
 * names one label (a column by its end, `支出` for `实际支出`), so that a term's other sense (an
 * outcome's long title) names no row in passing.
 */
function matchByTerms(table: TableRecord, intent: QuestionIntent): { rows: RowHit[]; columns: ColumnHit[] } {
  const free = new Set(intent.terms);
  const columns: ColumnHit[] = [];
  table.columns.forEach((column, index) => {
    if (isYearColumn(column)) {
      if (intent.years.includes(column)) columns.push({ index, score: 0, at: intent.compact.indexOf(column) });
      return;
    }
    const name = compactOf(column);
    const term = [...free].find(
      (candidate) => candidate === name || (candidate.length >= 2 && name.endsWith(candidate)),
    );
    if (term === undefined || /^\d+$/u.test(name)) return;
    free.delete(term);
    columns.push({ index, score: term.length, at: intent.terms.indexOf(term) });
  });
  const scored = table.rows.flatMap((row) => {
    const own = [...free].find((term) => termNames(term, compactOf(row.name)));
    if (own === undefined) return [];
    const parent = row.parent ? [...free].find((term) => termNames(term, compactOf(row.parent ?? ""))) : undefined;
    const bonus = parent !== undefined || (row.parent !== undefined && own.includes(compactOf(row.parent))) ? 1 : 0;
    const name = compactOf(row.name);
    // A term that is the whole label names it before a longer label it starts.
    const exact = own === name || own === `${compactOf(row.parent ?? "")}${name}` ? 1 : 0;
    return [{ row, own, exact, score: Math.min(name.length, own.length) + bonus * compactOf(row.parent ?? "").length }];
  });
  scored.sort((left, right) => right.exact - left.exact || right.score - left.score);
  const rows: RowHit[] = [];
  for (const candidate of scored) {
    if (!free.has(candidate.own)) continue;
    free.delete(candidate.own);
    rows.push({ row: candidate.row, score: candidate.score, at: intent.terms.indexOf(candidate.own) });
  }
  return { rows, columns };
}

/** What of `table` the question names. */
export function matchTable(table: TableRecord, intent: QuestionIntent, words: string[]): TableMatch {
  const captionScore = captionScoreOf(table, words);
  if (intent.terms.length > 0 && /\p{Script=Han}/u.test(tableNameText(table))) {
    const byTerms = matchByTerms(table, intent);
    const score = [...byTerms.rows, ...byTerms.columns].reduce((sum, hit) => sum + hit.score, 0) + captionScore;
    return { table, ...byTerms, captionScore, score };
  }
  const columns = matchColumns(table, intent, intent.compact);
  const rows = matchRows(table, columns.rest);
  const allColumns = [...columns.hits, ...matchColumnEnds(table, columns.hits, rows.rest)].sort(
    (left, right) => left.at - right.at,
  );
  const score =
    rows.hits.reduce((sum, hit) => sum + hit.score, 0) +
    allColumns.reduce((sum, hit) => sum + hit.score, 0) +
    captionScore;
  return { table, rows: rows.hits.sort((left, right) => left.at - right.at), columns: allColumns, captionScore, score };
}

/** Whether `text` names `reference`: its number right after the end of the words before it. */
function names(text: string, reference: NumberedReference): boolean {
  const number = reference.number.toLowerCase();
  for (let length = Math.min(reference.before.length, 8); length >= 2; length -= 1) {
    const words = reference.wordsAfter ? reference.before.slice(0, length) : reference.before.slice(-length);
    const written = `${words}${number}`;
    let at = text.indexOf(written);
    while (at >= 0) {
      const after = text.slice(at + written.length, at + written.length + 2);
      if (!/^(?:\d|\.\d|[a-z])/u.test(after)) return true;
      at = text.indexOf(written, at + 1);
    }
  }
  return false;
}

/**
 * The tables the question's numbered references name: those that every reference names, else those
 * any names. `undefined` when no reference names a table.
 */
export function tablesReferenced(tables: TableRecord[], references: NumberedReference[]): TableRecord[] | undefined {
  const named = tables.map((table) => {
    const text = tableNameText(table);
    return { table, count: references.filter((reference) => names(text, reference)).length };
  });
  const useful = references.filter((reference) => tables.some((table) => names(tableNameText(table), reference)));
  if (useful.length === 0) return undefined;
  const all = named.filter((entry) => entry.count === useful.length).map((entry) => entry.table);
  return all.length > 0 ? all : named.filter((entry) => entry.count > 0).map((entry) => entry.table);
}

/** The row that totals the table, if it has one. */
export function totalRow(table: TableRecord): TableRow | undefined {
  return table.rows.find(
    (row) => row.parent === undefined && TOTAL_ROW.test(row.name.replace(/^[（(][^)）]*[)）]/u, "")),
  );
}

/** Rows that rank: neither a total nor a remainder. */
export function rankableRows(table: TableRecord): TableRow[] {
  const total = totalRow(table);
  return table.rows.filter((row) => row !== total && !REMAINDER_ROW.test(row.name));
}

/** A key shared by tables of one shape: the same columns and the same row labels (one table per outcome, say). */
export function shapeOf(table: TableRecord): string {
  return [table.columns.join("\u0001"), table.rows.map((row) => row.name).join("\u0001")].join("\u0000");
}
