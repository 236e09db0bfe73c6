/** What a question asks of a table: which operation, which years, which numbered things it names. */
import { numeralValue } from "../quantity/chinese-numerals.js";

export type Operation = "value" | "difference" | "sum" | "ranking" | "trend" | "share";
export type RankingDirection = "highest" | "lowest";

/** A numbered thing a question names (`成果目标 1`, `指标 A.1`, `Note 12`): the words before it and its number. */
export interface NumberedReference {
  /** Up to eight characters written before the number, compacted. */
  before: string;
  /** The number as Arabic digits or an upper-case letter (`3`, `A.1`). */
  number: string;
  /** The words come after the number, as after an ordinal (`第2项成果目标`). */
  wordsAfter?: boolean;
}

export interface QuestionIntent {
  /** The question (with the Chinese terms of its English words) without whitespace, NFKC, lower-cased. */
  compact: string;
  /** Years named, in order of mention. */
  years: string[];
  references: NumberedReference[];
  operation: Operation;
  direction?: RankingDirection;
  /** The question asks which row, table or year ranks first. */
  asksWhich: boolean;
  /** The question asks for a share or percentage rather than an amount. */
  asksShare: boolean;
  /** The question asks for a total. */
  asksTotal: boolean;
  /** For a question with no Chinese: the Chinese terms of its English words, compacted. */
  terms: string[];
}

/** Compacted texts kept: table labels, captions and headings recur with every question. */
const COMPACTED_KEPT = 20_000;
const compacted = new Map<string, string>();

/** Text without whitespace, NFKC, lower-cased: how questions and labels are compared. */
export function compactOf(text: string): string {
  let compact = compacted.get(text);
  if (compact === undefined) {
    compact = text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
    if (compacted.size >= COMPACTED_KEPT) compacted.clear();
    compacted.set(text, compact);
  }
  return compact;
}

/** Words of a question that ask for something: Chinese ones in its compacted text, English ones as whole words. */
interface Cue {
  zh: RegExp;
  en: RegExp;
}

const RANKING_HIGH: Cue = {
  zh: /最高|最多|最大|最强|排名第一|第一位/u,
  en: /\b(?:highest|largest|most|biggest|top|greatest)\b/u,
};
const RANKING_LOW: Cue = { zh: /最低|最少|最小/u, en: /\b(?:lowest|smallest|least|fewest)\b/u };
const WHICH: Cue = { zh: /哪个|哪一个|哪项|哪一项|哪些|哪一年|哪年|哪类|哪种/u, en: /\bwhich\b/u };
const DIFFERENCE: Cue = {
  zh: /高出|多出|超出|超过|低于|高于|少于|多于|相差|差额|差距|差多少|多多少|少多少|多了|少了|比(?![例重率]).{0,16}(?:多|少|高|低)/u,
  en: /\b(?:difference|more than|less than|exceed\w*|gap|higher than|lower than|compared|over budget|under budget)\b/u,
};
const SUM: Cue = {
  zh: /加起来|之和|总和|合起来|加在一起|一共/u,
  en: /\b(?:combined|together|sum of|in all|in total)\b/u,
};
const TREND: Cue = {
  zh: /变化|趋势|怎么变|如何变|走势|演变|从\d{4}.{0,4}到\d{4}|\d{4}(?:年)?(?:到|至|-|–|~)\d{4}/u,
  en: /\b(?:trend|change[sd]?|evolved?|over the years|from \d{4} to \d{4}|between \d{4} and \d{4})\b/u,
};
const SHARE: Cue = { zh: /份额|占比|比例|比重|百分比|百分之/u, en: /\b(?:share|percent|percentage|proportion)\b/u };
const TOTAL: Cue = { zh: /合计|总计|总额|总数|总共|共计|总支出|总预算/u, en: /\b(?:total|overall)\b/u };

function asks(cue: Cue, compact: string, spaced: string): boolean {
  return cue.zh.test(compact) || cue.en.test(spaced);
}

/** A number as a question writes it after the words it numbers: `3`, `A.1`, `五`. */
const REFERENCE_NUMBER =
  /(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)(?![\d])|(?<![a-z])([a-z](?:\.\d{1,2})?)(?![a-z\d])|([一二三四五六七八九十]{1,3})/gu;
/** `第2项成果目标`, `第三章`: an ordinal before the words it numbers. */
const ORDINAL = /第(\d{1,3}|[一二三四五六七八九十]{1,3})(?:项|个|条|部分)?([\p{Script=Han}]{2,8})/gu;

function arabic(written: string): string | undefined {
  if (/^\d/u.test(written)) return written.replace(/^0+(?=\d)/u, "");
  if (/^[a-z]/u.test(written)) return written.toUpperCase();
  const value = numeralValue(written)?.value;
  return value !== undefined && Number.isInteger(value) ? String(value) : undefined;
}

function readReferences(compact: string): NumberedReference[] {
  const references: NumberedReference[] = [];
  for (const match of compact.matchAll(REFERENCE_NUMBER)) {
    const number = arabic(match[0]);
    const before = compact.slice(Math.max(0, (match.index ?? 0) - 8), match.index).replace(/^.*[|，。？?,]/u, "");
    if (number && before !== "") references.push({ before, number });
  }
  for (const match of compact.matchAll(ORDINAL)) {
    const number = arabic(match[1]);
    if (number) references.push({ before: match[2], number, wordsAfter: true });
  }
  return references;
}

/** Reads the intent of `question`; `translated` are the Chinese terms of its English words, if any. */
export function readQuestionIntent(question: string, translated: string[] = []): QuestionIntent {
  const compact = compactOf([question, ...translated].join("|"));
  const own = compactOf(question);
  const years = [...new Set([...own.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/gu)].map((match) => match[1]))];
  const spaced = question.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ");
  const test = (cue: Cue) => asks(cue, own, spaced);
  const high = test(RANKING_HIGH);
  const low = test(RANKING_LOW);
  let operation: Operation = "value";
  if (high || low) operation = "ranking";
  else if (test(SUM)) operation = "sum";
  else if (test(DIFFERENCE)) operation = "difference";
  else if (test(TREND)) operation = "trend";
  else if (test(SHARE)) operation = "share";
  return {
    compact,
    years,
    references: readReferences(compact).filter((reference) => !years.includes(reference.number)),
    operation,
    direction: operation === "ranking" ? (low && !high ? "lowest" : "highest") : undefined,
    asksWhich: test(WHICH),
    asksShare: test(SHARE),
    asksTotal: test(TOTAL),
    terms: /\p{Script=Han}/u.test(question) ? [] : translated.map(compactOf).filter((term) => term !== ""),
  };
}
