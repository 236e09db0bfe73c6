/** What a question asks of the tables: which outcomes, years, and which operation. */
import { numeralValue } from "../quantity/chinese-numerals.js";

export type Operation = "value" | "difference" | "sum" | "ranking" | "trend";
export type RankingDirection = "highest" | "lowest";

export interface QuestionIntent {
  /** The question with whitespace removed and NFKC applied, lower-cased. */
  compact: string;
  /** Outcomes named, in order of mention (`1` … `10`, `A` … `C`). */
  outcomes: string[];
  /** Years named, in order of mention. */
  years: string[];
  /** Enabling-outcome indicator named, e.g. `A.1`. */
  indicator?: string;
  operation: Operation;
  direction?: RankingDirection;
  /** The question asks which outcome, department or year ranks first. */
  asksWhich: boolean;
  /** The question asks for a share or percentage rather than an amount. */
  asksShare: boolean;
}

/** `3`, `十`, `三` as the number they write (up to ten, as outcomes go). */
function outcomeNumber(written: string): string | undefined {
  if (/^\d{1,2}$/.test(written)) return String(Number(written));
  if (/^[A-Ca-c]$/.test(written)) return written.toUpperCase();
  const numeral = written.length === 1 ? numeralValue(written)?.value : undefined;
  if (numeral !== undefined && numeral >= 1 && numeral <= 10) return String(numeral);
  return undefined;
}

const OUTCOME_PATTERNS: RegExp[] = [
  /成果目标([0-9]{1,2}|[A-C一二三四五六七八九十](?![a-z]))((?:[、和与及,，至到~-](?:成果目标)?(?:[0-9]{1,2}|[一二三四五六七八九十]))*)/giu,
  /第([0-9]{1,2}|[一二三四五六七八九十])(?:项|个)?(?:政策)?成果目标/gu,
  /outcomes?([0-9]{1,2}|[a-c](?![a-z]))((?:(?:,|and|&|vs\.?|versus|or)(?:outcome)?(?:[0-9]{1,2}))*)/giu,
  /图i\.([0-9]{1,2})/giu,
];

function readOutcomes(compact: string): string[] {
  const found: Array<{ at: number; outcome: string }> = [];
  for (const pattern of OUTCOME_PATTERNS) {
    for (const match of compact.matchAll(pattern)) {
      const first = outcomeNumber(match[1]);
      if (first) found.push({ at: match.index ?? 0, outcome: first });
      for (const more of (match[2] ?? "").matchAll(/[0-9]{1,2}|[一二三四五六七八九十]/gu)) {
        const next = outcomeNumber(more[0]);
        if (next) found.push({ at: (match.index ?? 0) + 1, outcome: next });
      }
    }
  }
  const ordered = found.sort((left, right) => left.at - right.at).map((entry) => entry.outcome);
  return [...new Set(ordered)];
}

const RANKING_HIGH = /最高|最多|最大|最强|排名第一|第一位|highest|largest|most|biggest|top/u;
const RANKING_LOW = /最低|最少|最小|lowest|smallest|least|fewest/u;
const WHICH = /哪个|哪一个|哪项|哪一项|哪些|哪个司|哪一年|哪年|which/u;
const DIFFERENCE = new RegExp(
  [
    "高出|多出|超出|超过|低于|高于|少于|多于|相差|差额|差距",
    "|差多少|多多少|少多少|多了|少了|比.{0,12}(?:多|少|高|低)",
    "|difference|morethan|lessthan|exceed|overbudget|underbudget|gap",
    "|over(?:the)?budget|above|below",
  ].join(""),
  "u",
);
const SUM = /加起来|之和|总和|合起来|加在一起|共计|一共|combined|together|sumof|inall/u;
const TREND = new RegExp(
  [
    String.raw`变化|趋势|怎么变|如何变|走势|演变|从\d{4}.{0,4}到\d{4}`,
    String.raw`|\d{4}(?:年)?(?:到|至|-|–|~)\d{4}|trend|change|evolve|over(?:the)?years`,
    String.raw`|from\d{4}to\d{4}|between\d{4}and\d{4}`,
  ].join(""),
  "u",
);
const SHARE = /份额|占比|比例|百分比|百分之|多大比重|share|percent|proportion/u;

/** Reads the intent of `question`; every test is by pattern, never by the whole question. */
export function readQuestionIntent(question: string): QuestionIntent {
  const compact = question.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
  const outcomes = readOutcomes(compact);
  const years = [...new Set([...compact.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/gu)].map((match) => match[1]))];
  const indicatorMatch = /(?:指标|indicator)([a-c])\.(\d{1,2})/u.exec(compact);
  const high = RANKING_HIGH.test(compact);
  const low = RANKING_LOW.test(compact);
  const asksWhich = WHICH.test(compact);
  let operation: Operation = "value";
  if ((high || low) && (asksWhich || outcomes.length !== 1)) operation = "ranking";
  else if (SUM.test(compact)) operation = "sum";
  else if (DIFFERENCE.test(compact)) operation = "difference";
  else if (TREND.test(compact)) operation = "trend";
  return {
    compact,
    outcomes,
    years,
    indicator: indicatorMatch ? `${indicatorMatch[1].toUpperCase()}.${indicatorMatch[2]}` : undefined,
    operation,
    direction: operation === "ranking" ? (low && !high ? "lowest" : "highest") : undefined,
    asksWhich,
    asksShare: SHARE.test(compact),
  };
}
