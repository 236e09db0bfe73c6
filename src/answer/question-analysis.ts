import { detectLanguage, type Language } from "../text/language.js";
import { contentWords, placeNames } from "../text/segmenter.js";
import { retrievalForm } from "../text/tokenizer.js";

/** What a question asks for, as far as retrieval and answer selection need to know. */
export interface QuestionAnalysis {
  language: Language;
  /** Text used for retrieval: the question, plus Chinese terms for an English one. */
  retrievalQuery: string;
  /** Content words a good answer sentence should share with the question. */
  terms: string[];
  /** Content words of earlier turns a follow-up leans on: they count, for half as much. */
  contextTerms: string[];
  /** Years, numbers and Latin names of the question that an answer must mention (`2020`, `182`, `ILO100`). */
  anchors: string[];
  /** Anchors the question itself names as a comparison baseline ("比2016年…增长了多少"). */
  baselines: string[];
  /** The question asks for a quantity (多少, 几, 比例, how many …). */
  wantsNumber: boolean;
  /** The question asks for several items (哪些, which … are). */
  wantsList: boolean;
  /** The question asks who, which one or where: the answer names someone or somewhere. */
  wantsEntity: boolean;
  /** The question asks for an amount of money (多少钱, 经费, how much … cost). */
  wantsMoney: boolean;
  /** The question asks for a count of people or things, not a share (多少人, how many people). */
  wantsCount: boolean;
}

const NUMBER_QUESTION =
  /多少|(?<!哪)几[个项名次家份年万千百]|比例|比率|百分之|份额|占.{0,6}(多|几)|how many|how much|what share|what percentage|what proportion|what rate|number of|\bwhat (was|were|is|are) the\b.{0,50}\b(expenditure|spending|budget|total|amount|number|rate|share|percentage|ratio|cost)s?\b/iu;
const MONEY_QUESTION =
  /多少钱|几多钱|花了多少|花费|经费|费用|成本|(预算|资金|支出|捐款)(总额|金额|数额)?(一共|总共)?(是|为|有|达)?多少|how much money|\bcosts?\b|\bcost of\b|how much\b.{0,60}\b(contribut|pa(y|id)|sp[ae]n[dt]|give|gave|donat|fund|budget)/iu;
const SHARE_QUESTION = /占|比例|比率|率|份额|百分|share|percentage|proportion|rate/iu;
const COUNT_QUESTION = /多少(个|名|位|人|家|项|次|份|场)|几(个|名|位|家|项|次|份|场)|how many/iu;
const ENTITY_QUESTION = /哪个|哪家|哪位|哪国|哪所|哪里|谁|什么地方|\bwhich\b|\bwho\b|\bwhere\b/iu;
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

/**
 * Reads a question. `inReport` tells whether a Latin name occurs in the report: one that does not
 * ("ILO" over a Chinese report) is a word to translate, not a name the answer must repeat.
 */
/** Chinese terms for the English words of a text (from the report's bilingual pairs). */
type TranslateTerms = (text: string) => string[];

/** An English word the report translates ("ILO") is matched through its translation, not as a name. */
function isTranslated(anchor: string, language: Language, translateTerms: TranslateTerms): boolean {
  return language === "en" && !/^\d/u.test(anchor) && translateTerms(anchor).length > 0;
}

const CHINESE_NUMERALS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Ways the report may write an anchor: small numbers also in Chinese numerals (4 → 四). */
export function anchorVariants(anchor: string): string[] {
  const value = Number(anchor);
  return Number.isInteger(value) && value >= 0 && value <= 10 ? [anchor, CHINESE_NUMERALS[value]] : [anchor];
}

/** Numbers right after 比, 相比 or 较 in the question: the period or amount a change is measured from. */
function baselinesOf(question: string): string[] {
  const baselines = expandYearRanges(question.normalize("NFKC")).matchAll(
    /(?:比|相比|较)\s*(\d+)(?:\s*[-–]\s*(\d+))?/gu,
  );
  return [...baselines].flatMap((match) => match.slice(1).filter((number): number is string => number !== undefined));
}

/**
 * The English words of a question that the report itself uses (an English report's), each as its
 * stem when the stem starts the word ("increas" meets "increase" and "increased").
 */
function englishTermsOf(question: string, inReport: (term: string) => boolean): string[] {
  return contentWords(question)
    .filter((word) => /^[a-z][a-z-]+$/u.test(word) && retrievalForm(word) !== "" && inReport(word))
    .map((word) => {
      const stem = retrievalForm(word);
      return word.startsWith(stem) && stem.length >= 3 ? stem : word;
    });
}

export function analyzeQuestion(
  question: string,
  inReport: (term: string) => boolean = () => true,
  translateTerms: TranslateTerms = () => [],
): QuestionAnalysis {
  const language = detectLanguage(question);
  const translated = language === "en" ? translateTerms(question) : [];
  const retrievalQuery = translated.length > 0 ? `${question} ${translated.join(" ")}` : question;
  const names = anchorsOf(question).filter(
    (anchor) => inReport(anchor) && !isTranslated(anchor, language, translateTerms),
  );
  const words =
    language === "en"
      ? [
          ...translated.flatMap((term) => contentWords(term)),
          // Chinese words an English question quotes ("fees (行政事业性收费)") are its terms too.
          ...(question.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => contentWords(run)),
          ...names,
          // Over a report in another language the question's words are its translations.
          ...(translated.length > 0 ? [] : englishTermsOf(question, inReport)),
        ]
      : contentWords(question);
  // A lone Han character (办, 场, 年) says little about which sentence answers.
  const meaningful = [...new Set(words.filter((word) => !/^\p{Script=Han}$/u.test(word)))];
  // A compound the report never uses (完成率) whose parts are terms too (完成) is a segmentation artefact.
  const terms = meaningful.filter(
    (term) => inReport(term) || !meaningful.some((other) => other !== term && term.includes(other)),
  );
  return {
    language,
    retrievalQuery,
    terms,
    contextTerms: [],
    anchors: [
      ...anchorsOf(question).filter(
        (anchor) => /^\d/u.test(anchor) || (inReport(anchor) && !isTranslated(anchor, language, translateTerms)),
      ),
      // A place the question names is one the answer must be about.
      ...placeNames(language === "en" ? translated.join(" ") : question),
    ],
    baselines: baselinesOf(question),
    wantsNumber: NUMBER_QUESTION.test(question),
    wantsList: LIST_QUESTION.test(question),
    wantsEntity: ENTITY_QUESTION.test(question),
    wantsMoney: MONEY_QUESTION.test(question) && !SHARE_QUESTION.test(question),
    wantsCount: COUNT_QUESTION.test(question),
  };
}
