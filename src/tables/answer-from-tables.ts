import type { TermTranslator } from "../profile/term-translator.js";
import { detectLanguage } from "../text/language.js";
import { answerStatedFigures } from "./answer-stated-figures.js";
import { answerTableQuestion } from "./answer-table-question.js";
import { type EnglishNames, englishNamesFrom } from "./answer-words.js";
import { readQuestionIntent } from "./question-intent.js";
import type { AnswerLanguage, TableAnswer } from "./table-answer.js";
import type { TableStore } from "./table-store.js";

export interface AnswerFromTablesOptions {
  /** Language of the answer. @default the question's language */
  lang?: AnswerLanguage;
  /** Also answer from figures stated in the running text, not only from tables. @default true */
  statedFigures?: boolean;
  /** Chinese terms for the English words of a question, from the report's bilingual pairs. */
  translateTerms?: TermTranslator;
  /** The report's English–Chinese pairs, for the English names of a Chinese table's rows. */
  bilingualPairs?: Array<{ en: string; zh: string }>;
}

/** English names of each list of pairs, made once: the same pairs come with every question. */
const englishNamesOfPairs = new WeakMap<ReadonlyArray<{ en: string; zh: string }>, EnglishNames>();

function englishNamesOf(pairs: Array<{ en: string; zh: string }>): EnglishNames {
  let names = englishNamesOfPairs.get(pairs);
  if (names === undefined) {
    names = englishNamesFrom(pairs);
    englishNamesOfPairs.set(pairs, names);
  }
  return names;
}

/**
 * Answers a question that asks for a value, a comparison, a ranking, a sum, a share or a series
 * over the report's tables, citing the tables' chunks and showing the arithmetic. Returns `null`
 * when the tables do not clearly cover the question, so that the caller can fall back to passages.
 */
export function answerFromTables(
  question: string,
  store: TableStore,
  options: AnswerFromTablesOptions = {},
): TableAnswer | null {
  const language = options.lang ?? detectLanguage(question);
  const english = options.bilingualPairs ? englishNamesOf(options.bilingualPairs) : undefined;
  return (
    answerTableQuestion(question, store, { language, translate: options.translateTerms, english }) ??
    (options.statedFigures === false
      ? null
      : answerStatedFigures(question, readQuestionIntent(question), store, language))
  );
}
