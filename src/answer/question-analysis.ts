import { detectLanguage, type Language } from "../text/language.js";
import { contentWords } from "../text/segmenter.js";
import { translateEnglishTerms } from "../text/english-glossary.js";

/** What a question asks for, as far as retrieval and answer selection need to know. */
export interface QuestionAnalysis {
  language: Language;
  /** Text used for retrieval: the question, plus Chinese terms for an English one. */
  retrievalQuery: string;
  /** Content words a good answer sentence should share with the question. */
  terms: string[];
  /** Years, numbers and Latin names of the question that an answer must mention (`2020`, `182`, `ILO100`). */
  anchors: string[];
  /** The question asks for a quantity (多少, 几, 比例, how many …). */
  wantsNumber: boolean;
  /** The question asks for several items (哪些, which … are). */
  wantsList: boolean;
}

const NUMBER_QUESTION = /多少|几[个项名次家份年]?|比例|比率|百分之|份额|占.{0,6}(多|几)|how many|how much|what share|what percentage|what proportion|what rate|number of/iu;
const LIST_QUESTION = /哪些|有哪几|列举|which (countries|organizations|partners|ones)|what are the|list/iu;
const ANCHOR = /\b[A-Za-z][A-Za-z0-9+]*\d[A-Za-z0-9+]*\b|\b[A-Z]{3,}\+?|\d+(?:\.\d+)?/gu;

/** `2018-19` means `2018-2019`. */
function expandYearRanges(text: string): string {
  return text.replace(/\b(\d{2})(\d{2})\s*[-–]\s*(\d{2})\b/gu, "$1$2-$1$3");
}

function anchorsOf(question: string): string[] {
  const anchors = new Set<string>();
  for (const match of expandYearRanges(question.normalize("NFKC")).matchAll(ANCHOR)) anchors.add(match[0]);
  return [...anchors];
}

export function analyzeQuestion(question: string): QuestionAnalysis {
  const language = detectLanguage(question);
  const translated = language === "en" ? translateEnglishTerms(question) : [];
  const retrievalQuery = translated.length > 0 ? `${question} ${translated.join(" ")}` : question;
  const terms = [...new Set(language === "en" ? [...translated.flatMap((term) => contentWords(term)), ...anchorsOf(question)] : contentWords(question))];
  return {
    language,
    retrievalQuery,
    terms,
    anchors: anchorsOf(question),
    wantsNumber: NUMBER_QUESTION.test(question),
    wantsList: LIST_QUESTION.test(question),
  };
}
