/**
 * Value questions over the numeric tables found by their layout in any report: the row whose
 * label the question names (every word of it), and the column of the year the question asks
 * about when the table's header names its years — the latest (first) one otherwise.
 *
 * @module
 */
import { retrievalForm, retrievalWords } from "../text/tokenizer.js";
import { type AnswerLanguage, AnswerRecorder, type TableAnswer } from "./table-answer.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";
import type { TableStore } from "./table-store.js";

/** A question that asks for one value. */
const VALUE_QUESTION = /\bhow (?:much|many|large|big|high)\b|\bwhat (?:was|were|is|are)\b|多少|几/iu;
/** Fewest label words a question must name: one word names too many rows. */
const MINIMUM_LABEL_WORDS = 2;
/** Share of the question's own words the row label must hold. */
const MINIMUM_QUESTION_SHARE = 0.5;

const YEAR = /\b(?:19|20)\d{2}\b/gu;

/** Words too common to tell rows apart; every other word of a label must be in the question. */
const FUNCTION_WORDS = new Set(["the", "of", "and", "a", "an", "in", "for", "on", "to", "from", "at", "by", "with"]);

/** A text's words as stems (a Chinese text's as its jieba words), function words aside. */
function wordsOf(text: string): string[] {
  const latin = text.toLowerCase().match(/\p{Script=Latin}+/gu) ?? [];
  const chinese = (text.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => retrievalWords(run));
  const stems = latin.filter((word) => !FUNCTION_WORDS.has(word)).map((word) => retrievalForm(word) || word);
  return [...new Set([...stems, ...chinese])];
}

interface RowMatch {
  table: TableRecord;
  row: TableRow;
  words: number;
}

/**
 * The rows every word of whose label the question names, those with the most words first, in
 * report order.
 */
function namedRows(store: TableStore, question: string): RowMatch[] {
  const asked = new Set(wordsOf(question));
  // How much of what the question asks (its content words) the label names.
  const content = new Set(retrievalWords(question).filter((word) => /\p{L}/u.test(word)));
  if (content.size === 0) return [];
  const matches: RowMatch[] = [];
  for (const table of store.ofKind("layout")) {
    for (const row of table.rows) {
      const words = wordsOf(row.label);
      if (words.length < MINIMUM_LABEL_WORDS || !words.every((word) => asked.has(word))) continue;
      if (words.filter((word) => content.has(word)).length / content.size < MINIMUM_QUESTION_SHARE) continue;
      matches.push({ table, row, words: words.length });
    }
  }
  return matches.sort((left, right) => right.words - left.words);
}

/** The cell of the year asked about, from the years the table's header names (the first one by default). */
function cellFor(match: RowMatch, question: string): { cell: TableCell; year?: string } | undefined {
  const cells = match.row.cells.filter((cell) => cell.value !== null);
  if (cells.length === 0) return undefined;
  const headerYears = [...new Set(match.table.header?.match(YEAR) ?? [])];
  if (cells.length === 1) return { cell: cells[0] };
  if (headerYears.length < 2 || cells.length < headerYears.length) return undefined;
  const asked = question.match(YEAR)?.[0];
  const position = asked !== undefined ? headerYears.indexOf(asked) : 0;
  if (position < 0) return undefined;
  return { cell: cells[cells.length - headerYears.length + position], year: headerYears[position] };
}

/** Answers "how much / what was <row label> (in <year>)" from a layout table, citing the chunk that holds the cell. */
export function answerLayoutTables(question: string, store: TableStore, language: AnswerLanguage): TableAnswer | null {
  if (!VALUE_QUESTION.test(question)) return null;
  const matches = namedRows(store, question);
  // Rows of different labels that the question names as well: it does not say which it means.
  if (
    matches.length === 0 ||
    matches.some((other) => other.words === matches[0].words && other.row.label !== matches[0].row.label)
  ) {
    return null;
  }
  const found = matches.map((match) => ({ match, at: cellFor(match, question) })).find((item) => item.at);
  if (!found?.at) return null;
  const { match } = found;
  const recorder = new AnswerRecorder();
  const marker = recorder.stateCell(found.at.cell, undefined, match.row.label);
  const when = found.at.year ? (language === "en" ? ` (${found.at.year})` : `（${found.at.year}）`) : "";
  const text =
    language === "en"
      ? `${match.table.caption}: ${match.row.label}${when} ${found.at.cell.text}${marker}.`
      : `${match.table.caption}：${match.row.label}${when}为 ${found.at.cell.text}${marker}。`;
  return {
    text,
    citedChunkIds: recorder.citedChunkIds,
    figures: recorder.figures,
    table: {
      tableId: match.table.id,
      caption: match.table.caption,
      columns: [match.table.labelColumn, ...match.table.columns],
      rows: [[match.row.label, ...match.row.cells.map((item) => item.value)]],
    },
  };
}
