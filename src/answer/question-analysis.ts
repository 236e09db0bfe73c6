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
  /** The question asks for a share or rate (比例, 占多少, what percentage). */
  wantsShare: boolean;
  /** The question asks when: a date or year answers it (什么时候, 哪一年, when, what year). */
  wantsDate: boolean;
  /** The question asks where: the answer names a place (哪个地区, 哪国, which country, where). */
  wantsPlace: boolean;
  /** The question asks why: the answer gives a cause (为什么, 原因, why). */
  wantsReason: boolean;
  /** What a list question lists ("哪些国家", "开拓国家分别是哪些" → 国家, 开拓国家). */
  listed?: string;
  /** What a "how many" question counts: its classifier and noun ("多少家工厂" → 家, 工厂). */
  counted?: { classifier: string; noun: string };
  /** Other ways the report writes a term or anchor of the question (an abbreviation spelled out), by term. */
  alternatives: ReadonlyMap<string, string[]>;
}

const NUMBER_QUESTION = new RegExp(
  [
    "多少|(?<!哪)几[个项名次家份年万千百]|比例|比率|百分之",
    "|份额|占.{0,6}(多|几)|多快|多大|多高|how many|how much|how (fast|far|high|large|big)|what share|what percentage",
    String.raw`|what proportion|what rate|number of|\bwhat (was|were|is`,
    String.raw`|are) (the|its|their|\w+'s)\b.{0,50}\b(expenditure|spending|budget|total|amount|number|rate|share`,
    String.raw`|percentage|ratio|cost)s?\b`,
  ].join(""),
  "iu",
);
const MONEY_QUESTION = new RegExp(
  [
    "多少钱|几多钱|花了多少|花费|经费|费用|成本",
    "|(预算|资金|支出|捐款)(总额|金额|数额)?(一共|总共)?(是|为|有|达)?多少",
    String.raw`|how much money|\bcosts?\b|\bcost of\b|\bin (yuan|renminbi|rmb|dollars|euros|pounds)\b|多少(元|美元|人民币)`,
    String.raw`|how much\b.{0,60}\b(contribut|pa(y|id)|sp[ae]n[dt]|give|gave|donat|fund|budget)`,
  ].join(""),
  "iu",
);
const SHARE_QUESTION = /占|比例|比率|率|份额|百分|\b(share|percentage|proportion|rate)s?\b/iu;
const COUNT_QUESTION = /多少(个|名|位|人|家|项|次|份|场)|(?<!哪)几(个|名|位|家|项|次|份|场)|how many/iu;
const DATE_QUESTION = /什么时候|何时|哪一?年|几月|哪个月|哪天|\bwhen\b|what year|which year|what date/iu;
/** "多少家工厂", "几个国家", "多少人": the classifier and the thing counted. */
const COUNTED = /(?:多少|(?<!哪)几)\s*(个|家|名|位|份|项|次|所|场|种|届|条|类|人)?\s*(\p{Script=Han}{1,4})?/u;

function countedIn(question: string): { classifier: string; noun: string } | undefined {
  const match = COUNTED.exec(question.normalize("NFKC"));
  if (!match || (!match[1] && !match[2])) return undefined;
  const classifier = match[1] ?? "";
  // The noun stops at the verbs and particles that follow it ("多少国家批准了" → 国家).
  const noun = (classifier === "人" ? "" : (match[2] ?? "")).replace(/[的了是在有呢吗啊把被和与].*$/u, "");
  return classifier || noun.length >= 2 ? { classifier, noun: noun.length >= 2 ? noun : "" } : undefined;
}

const PLACE_QUESTION =
  /哪个?(地区|区域|国家|城市|省份?|地方)|哪国|哪里|在哪|什么地方|\bwhere\b|\bwhich (countr(y|ies)|regions?|cit(y|ies))\b/iu;
const REASON_QUESTION = /为什么|为啥|为何|原因|怎么会|\bwhy\b|\breasons?\b/iu;
/** The noun of a list question: the word after 哪些, or before (都)有哪些 / 分别是哪些 / 包括哪些. */
const LISTED = /哪些\s*(\p{Script=Han}{2,6})|(\p{Script=Han}{2,6}?)(?:都|还)?(?:分别)?(?:有|是|包括)哪些/u;

function listedIn(question: string): string | undefined {
  const match = LISTED.exec(question.normalize("NFKC"));
  if (!match) return undefined;
  const words = contentWords(match[1] ?? match[2]).filter((word) => word.length >= 2);
  return match[1] ? words[0] : words.at(-1);
}

const ENTITY_QUESTION = /哪个|哪家|哪位|哪国|哪所|哪里|谁|什么地方|\bwhich\b|\bwho\b|\bwhere\b/iu;
const LIST_QUESTION = new RegExp(
  [
    "哪些|哪几|哪[两三四五六七八九十\\d]+(个|项|种|类|家|条|方面)|列举|列出|都有(什么|啥|哪)|分别(是|有)",
    "|有什么(例子|措施|内容)|举(几个|些)?例",
    String.raw`|\bwhich \w+ (are|were|have|did)\b`,
    "|which (countries|organizations|partners|ones|sectors|areas)|what are the",
    String.raw`|\blist\b|\bname (the|some|a few)\b|examples`,
  ].join(""),
  "iu",
);
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

/**
 * Labels with a letter the question names as the report writes them ("成果目标B", "指标A.3"): the
 * longest ending of the words before the letter that, with it, occurs in the report.
 */
function letteredLabelsOf(question: string, inReport: (term: string) => boolean): string[] {
  const labels: string[] = [];
  for (const match of question
    .normalize("NFKC")
    .matchAll(/(\p{Script=Han}{2,8})\s*([A-Z](?:\.\d+)*)(?![A-Za-z0-9])/gu)) {
    const [, words, letter] = match;
    for (let length = Math.min(6, words.length); length >= 2; length -= 1) {
      const label = `${words.slice(-length)}${letter}`;
      if (inReport(label)) {
        labels.push(label);
        break;
      }
    }
  }
  return labels;
}

/**
 * "18年" as readers write 2018: two digits and 年, not a span of years ("18年来", "近18年", "延长18年"),
 * read as the year the report names.
 */
const SHORT_YEAR = /(?<![\d.第近约逾长达过去延长超过])(\d{2})\s*年(?![来间内里以度])/gu;

function withFullYears(question: string, inReport: (term: string) => boolean): string {
  return question.replace(SHORT_YEAR, (written, digits: string) =>
    inReport(`20${digits}`) ? `20${digits}年` : written,
  );
}

export function analyzeQuestion(
  asked: string,
  inReport: (term: string) => boolean = () => true,
  translateTerms: TranslateTerms = () => [],
): QuestionAnalysis {
  const question = withFullYears(asked, inReport);
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
      ...letteredLabelsOf(question, inReport),
    ],
    baselines: baselinesOf(question),
    wantsNumber: NUMBER_QUESTION.test(question),
    wantsList: LIST_QUESTION.test(question),
    wantsEntity: ENTITY_QUESTION.test(question),
    wantsMoney: MONEY_QUESTION.test(question) && !SHARE_QUESTION.test(question),
    wantsCount: COUNT_QUESTION.test(question),
    wantsShare: SHARE_QUESTION.test(question) && NUMBER_QUESTION.test(question),
    wantsDate: DATE_QUESTION.test(question),
    wantsPlace: PLACE_QUESTION.test(question),
    wantsReason: REASON_QUESTION.test(question),
    counted: countedIn(question),
    listed: listedIn(question),
    alternatives: new Map(),
  };
}

/** Words that make a clause a question of its own. */
const ASKS =
  /多少|多大|多长|多久|多高|几|哪|什么|啥|谁|何时|为什么|怎么|如何|是否|吗|how|what|which|who|when|where|why/iu;

/**
 * The parts of a multi-part question ("总支出是多少？其中经常预算占多少？"): clauses that each ask
 * something. A question with one such clause has no parts.
 */
export function questionParts(question: string): string[] {
  const clauses = question
    .split(/[，,；;？?]|\band\b|\bthen\b|以及|另外|还有/iu)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
  const asking = clauses.filter((clause) => ASKS.test(clause));
  return asking.length >= 2 ? asking : [];
}

/**
 * The analysis with the report's own spelled-out forms of the abbreviations the question uses
 * ("RBSA" → 经常预算补充账户): retrieval looks for them too, and a passage that writes them out holds the
 * term.
 */
export function withAbbreviations(
  analysis: QuestionAnalysis,
  question: string,
  abbreviations: Map<string, string[]>,
): QuestionAnalysis {
  const alternatives = new Map(analysis.alternatives);
  const added: string[] = [];
  for (const [word] of question.normalize("NFKC").matchAll(/[A-Za-z][A-Za-z0-9+&-]{1,14}/gu)) {
    const forms = abbreviations.get(word.toLowerCase());
    if (!forms || !/[A-Z]{2}/u.test(word)) continue;
    alternatives.set(word.toLowerCase(), forms);
    alternatives.set(word, forms);
    added.push(...forms);
  }
  if (added.length === 0) return analysis;
  return { ...analysis, retrievalQuery: `${analysis.retrievalQuery} ${added.join(" ")}`, alternatives };
}
