/**
 * Example questions made from a report's own structure: headings that are questions themselves,
 * a cell of each of its tables, its main topics, and, for English readers of a Chinese report,
 * the English names the report's bilingual pairs give its headings' terms. Only the candidates
 * the assistant answers are offered (`chooseExampleQuestions`).
 *
 * @module
 */
import { withoutNumbering } from "../ingest/heading-numbering.js";
import type { TableRecord } from "../tables/table-record.js";
import { detectLanguage, type Language } from "../text/language.js";
import { FRONT_MATTER } from "./derive-profile.js";
import type { ReportProfile } from "./report-profile.js";

export interface ExampleQuestion {
  language: Language;
  text: string;
}

/** Examples offered per language. */
const EXAMPLES_PER_LANGUAGE = 3;
/** Candidates tried per language before giving up on more. */
const ATTEMPTS_PER_LANGUAGE = 10;
const TOTAL_ROW = /^(?:合计|总计|共计|总额|总数|total)(?![\p{L}])/iu;
const QUESTION_END = /[？?]$/u;

function headingsOf(profile: ReportProfile, levels: (level: number) => boolean): string[] {
  return [
    ...new Set(
      profile.outline
        .filter((entry) => levels(entry.level))
        .map((entry) => withoutNumbering(entry.heading).trim())
        .filter((heading) => heading.length >= 2 && !FRONT_MATTER.test(heading)),
    ),
  ];
}

/** Headings the report words as a question ("资金从何而来？"), asked as they are. */
function questionHeadings(profile: ReportProfile): ExampleQuestion[] {
  return headingsOf(profile, (level) => level <= 3)
    .filter((heading) => QUESTION_END.test(heading) && heading.length >= 6 && heading.length <= 60)
    .map((heading) => ({ language: detectLanguage(heading), text: heading }));
}

/** `表 资金来源：预算和实际支出(百万元)` → `资金来源`. */
function captionName(caption: string): string {
  return caption
    .replace(/^表\s*/u, "")
    .replace(/\s*[（(][^）)]*[）)]\s*$/u, "")
    .replace(/\s*[：:].*$/u, "")
    .trim();
}

/** One value of a table: its total row (else its first) in the last column that holds a number. */
function tableQuestion(table: TableRecord): ExampleQuestion | undefined {
  const row = table.rows.find((candidate) => TOTAL_ROW.test(candidate.name)) ?? table.rows[0];
  if (!row) return undefined;
  const column = row.cells.findLastIndex((cell) => typeof cell.value === "number");
  if (column < 0) return undefined;
  const caption = withoutNumbering(captionName(table.caption));
  const heading = table.columns[column]?.trim() ?? "";
  // Columns numbered 1, 2, 3 name nothing a reader would ask for.
  const columnName = /\p{L}/u.test(heading) ? heading : "";
  const rowName = withoutNumbering(row.name);
  const language = detectLanguage(`${caption} ${rowName}`);
  if (caption === "" || rowName === "") return undefined;
  const total = TOTAL_ROW.test(rowName);
  if (language === "zh") {
    const asked = total && columnName ? `${columnName}${rowName}` : `${rowName}${columnName ? `的${columnName}` : ""}`;
    return { language, text: `${caption}中，${asked}是多少？` };
  }
  if (total && columnName) return { language, text: `In ${caption}, what was the total ${columnName}?` };
  return { language, text: `In ${caption}, what was ${columnName ? `the ${columnName} for ` : ""}${rowName}?` };
}

/** Headings short enough to ask about: in characters of Chinese, in words of English. */
const LONGEST_HEADING_TOPIC = { zh: 24, en: 8 };

function isShortHeading(heading: string): boolean {
  return detectLanguage(heading) === "zh"
    ? heading.length <= LONGEST_HEADING_TOPIC.zh
    : heading.split(/\s+/u).length <= LONGEST_HEADING_TOPIC.en;
}

/** A question on each main topic, then on the shorter headings below them, in the report's language. */
function topicQuestions(profile: ReportProfile): ExampleQuestion[] {
  const subtopics = headingsOf(profile, (level) => level === 2).filter(
    (heading) => isShortHeading(heading) && !QUESTION_END.test(heading) && !profile.topics.includes(heading),
  );
  return [...profile.topics, ...subtopics].map((topic) =>
    detectLanguage(topic) === "zh"
      ? { language: "zh", text: `报告中关于${topic}的内容有哪些？` }
      : { language: "en", text: `What does the report say about ${topic}?` },
  );
}

/**
 * English questions over a Chinese report: the English names its bilingual pairs give to terms of
 * its headings, names of several words (spelled out) before single words, top headings first.
 */
function englishNameQuestions(profile: ReportProfile): ExampleQuestion[] {
  if (profile.language !== "zh") return [];
  const headings = profile.outline
    .slice()
    .sort((left, right) => left.level - right.level)
    .map((entry) => entry.heading);
  // The report's own subject (the body in its title) is what every part is about.
  const named = profile.bilingualPairs
    .filter((pair) => /^[A-Za-z][A-Za-z' -]{2,40}$/u.test(pair.en) && pair.zh.length >= 3)
    .filter((pair) => !profile.title.includes(pair.zh))
    .map((pair) => ({ pair, rank: headings.findIndex((heading) => heading.includes(pair.zh)) }))
    .filter((item) => item.rank >= 0)
    .sort(
      (left, right) =>
        Number(right.pair.en.includes(" ")) - Number(left.pair.en.includes(" ")) || left.rank - right.rank,
    );
  const seen = new Set<number>();
  const questions: ExampleQuestion[] = [];
  for (const { pair, rank } of named) {
    // One name per heading, so the examples cover different parts.
    if (seen.has(rank)) continue;
    seen.add(rank);
    questions.push({ language: "en", text: `What does the report say about ${pair.en}?` });
  }
  return questions;
}

/** Takes one of each list in turn, so that the first candidates come from different parts of the report. */
function interleave<T>(lists: T[][]): T[] {
  const result: T[] = [];
  for (let index = 0; lists.some((list) => index < list.length); index += 1) {
    for (const list of lists) if (index < list.length) result.push(list[index]);
  }
  return result;
}

/** Candidate examples in the order they are tried: kinds interleaved, duplicates dropped. */
export function exampleCandidates(profile: ReportProfile, tables: TableRecord[]): ExampleQuestion[] {
  const tableQuestions = tables.map(tableQuestion).filter((question) => question !== undefined);
  const candidates = interleave([
    questionHeadings(profile),
    tableQuestions,
    topicQuestions(profile),
    englishNameQuestions(profile),
  ]);
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.text) && seen.add(candidate.text));
}

/**
 * The candidates the assistant answers, up to three per language, in order: each is asked
 * (`isAnswered`), at most ten per language.
 */
export async function chooseExampleQuestions(
  candidates: ExampleQuestion[],
  isAnswered: (question: string) => Promise<boolean>,
): Promise<ExampleQuestion[]> {
  const chosen: ExampleQuestion[] = [];
  const attempts = new Map<Language, number>();
  for (const candidate of candidates) {
    const tried = attempts.get(candidate.language) ?? 0;
    const taken = chosen.filter((example) => example.language === candidate.language).length;
    if (tried >= ATTEMPTS_PER_LANGUAGE || taken >= EXAMPLES_PER_LANGUAGE) continue;
    attempts.set(candidate.language, tried + 1);
    if (await isAnswered(candidate.text)) chosen.push(candidate);
  }
  return chosen;
}
