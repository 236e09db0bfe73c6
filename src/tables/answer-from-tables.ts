import { detectLanguage } from "../text/language.js";
import { answerFunding } from "./answer-funding.js";
import { answerIndicatorResults } from "./answer-indicator-results.js";
import { answerIndicatorTrends } from "./answer-indicator-trends.js";
import { answerLayoutTables } from "./answer-layout-tables.js";
import { answerOutcomeShares } from "./answer-outcome-shares.js";
import { answerStatedFigures } from "./answer-stated-figures.js";
import { readQuestionIntent } from "./question-intent.js";
import type { AnswerLanguage, TableAnswer } from "./table-answer.js";
import type { TableStore } from "./table-store.js";

export interface AnswerFromTablesOptions {
  /** Language of the answer. @default the question's language */
  lang?: AnswerLanguage;
  /** Also answer from figures stated in the running text, not only from tables. @default true */
  statedFigures?: boolean;
}

/**
 * Answers a question that asks for a value, a comparison, a ranking, a sum or a difference over
 * the report's tables, citing the tables' chunks and showing the arithmetic. Returns `null` when
 * the tables do not clearly cover the question, so that the caller can fall back to passages.
 */
export function answerFromTables(
  question: string,
  store: TableStore,
  options: AnswerFromTablesOptions = {},
): TableAnswer | null {
  const language = options.lang ?? detectLanguage(question);
  const intent = readQuestionIntent(question);
  return (
    answerIndicatorResults(question, intent, store, language) ??
    answerOutcomeShares(intent, store, language) ??
    answerFunding(intent, store, language) ??
    answerIndicatorTrends(intent, store, language) ??
    answerLayoutTables(question, store, language) ??
    (options.statedFigures === false ? null : answerStatedFigures(question, intent, store, language))
  );
}
