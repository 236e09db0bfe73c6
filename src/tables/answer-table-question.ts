/**
 * Questions over any table of a report, answered from its cells: a value, a difference, a sum or
 * total, a ranking, a share, or a series over years, with the arithmetic shown, each stated cell
 * traced to its span and each computed number to its derivation, the table's passages cited.
 *
 * @module
 */
import { contentWords } from "../text/segmenter.js";
import { answerAcross, rankAcross, seriesNamed, seriesOf } from "./answer-across-tables.js";
import { answerOneTable } from "./answer-one-table.js";
import type { EnglishNames } from "./answer-words.js";
import { compactOf, type QuestionIntent, readQuestionIntent } from "./question-intent.js";
import { type AnswerLanguage, AnswerRecorder, type TableAnswer } from "./table-answer.js";
import { type Context, isTextTable } from "./table-answer-parts.js";
import { matchTable, questionWords, type TableMatch, tablesReferenced, totalRow } from "./table-match.js";
import type { TableRecord } from "./table-record.js";
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
