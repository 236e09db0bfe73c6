import type { Quantity } from "../quantity/find-quantities.js";
import { translateEnglishTerms } from "../text/english-glossary.js";

/** What a number is about, as the words around it: Chinese character pairs and Latin or digit words. */
export type Terms = Set<string>;

const CLAUSE_BOUNDARY = /[，,；;。！？!?：:\n()（）]/u;

/** Terms of `text`: every pair of adjacent Han characters, and every Latin word or number of two or more signs. */
export function termsOf(text: string): Terms {
  const folded = text.normalize("NFKC").toLowerCase();
  const terms: Terms = new Set();
  for (const run of folded.match(/\p{Script=Han}+/gu) ?? []) {
    const characters = [...run];
    if (characters.length === 1) terms.add(run);
    for (let index = 1; index < characters.length; index += 1) terms.add(characters[index - 1] + characters[index]);
  }
  for (const word of folded.match(/[a-z]{3,}|\d{4}/gu) ?? []) terms.add(word.replace(/s$/u, ""));
  return terms;
}

/**
 * The report's own terms for the English words just before a number (up to four, inside its clause),
 * through the glossary: "Video views increased by 24%" → 视频, 浏览量. Empty for Chinese text, or
 * English words the glossary does not know.
 */
export function translatedBefore(text: string, start: number): Terms {
  const [clauseBefore] = clauseParts(text, start, start);
  const words = clauseBefore.trim().split(/\s+/u).slice(-4).join(" ");
  if (!/[A-Za-z]{3}/u.test(words)) return new Set();
  return termsOf(translateEnglishTerms(words).join(" "));
}

/** The clause of `text` that holds the characters from `start` to `end`, without them. */
export function clauseAround(text: string, start: number, end: number): string {
  return clauseParts(text, start, end).join(" ");
}

/** The words of its clause before `start` and after `end`. */
function clauseParts(text: string, start: number, end: number): [string, string] {
  let clauseStart = start;
  while (clauseStart > 0 && !CLAUSE_BOUNDARY.test(text[clauseStart - 1])) clauseStart -= 1;
  let clauseEnd = end;
  while (clauseEnd < text.length && !CLAUSE_BOUNDARY.test(text[clauseEnd])) clauseEnd += 1;
  return [text.slice(clauseStart, start), text.slice(end, clauseEnd)];
}

/** Characters each side of a number whose words say most directly what it counts or measures. */
const NEAR = 8;

/** The words right before and after the characters from `start` to `end`, inside their clause. */
export function nearAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < NEAR && !CLAUSE_BOUNDARY.test(text[from - 1])) from -= 1;
  let to = end;
  while (to < text.length && to - end < NEAR && !CLAUSE_BOUNDARY.test(text[to])) to += 1;
  return `${text.slice(from, start)} ${text.slice(end, to)}`;
}

/** How much each term tells one number from the others: terms many candidates share weigh less. */
export type TermWeights = Map<string, number>;

/** Weights of `wanted` terms over the candidates' word sets: 1 ÷ the number of candidates naming the term. */
export function distinctiveness(wanted: Terms[], candidates: Terms[][]): TermWeights {
  const weights: TermWeights = new Map();
  for (const terms of wanted) {
    for (const term of terms) {
      if (weights.has(term)) continue;
      const naming = candidates.filter((sets) => sets.some((set) => set.has(term))).length;
      weights.set(term, 1 / Math.max(1, naming));
    }
  }
  return weights;
}

/** Weighted share of `wanted` (filler aside) found in `named`, or at half weight in `namedLess`. */
export function shareFound(wanted: Terms, weights: TermWeights, named: Terms, namedLess: Terms = new Set()): number {
  let total = 0;
  let found = 0;
  for (const term of wanted) {
    if (FILLER.has(term)) continue;
    const weight = weights.get(term) ?? 1;
    total += weight;
    if (named.has(term)) found += weight;
    else if (namedLess.has(term)) found += weight / 2;
  }
  return total === 0 ? 0 : found / total;
}

/** Words that carry no referent: verbs of stating, particles, and the report's own filler. */
const FILLER = new Set([
  "为",
  "是",
  "的",
  "了",
  "有",
  "达",
  "约",
  "共",
  "其中",
  "中",
  "在",
  "和",
  "与",
  "及",
  "was",
  "were",
  "the",
  "and",
  "for",
  "with",
]);

/** Share of a label's terms the answer names: a cell's row or column label wholly named counts 1. */
export function labelCoverage(label: Terms, answer: Terms): number {
  if (label.size === 0) return 0;
  let found = 0;
  for (const term of label) if (answer.has(term)) found += 1;
  return found / label.size;
}

/** A label of a series of identifiers, as a key both languages share (`outcome` and `成果目标` meet). */
function seriesKeys(label: string): string[] {
  const lower = label.toLowerCase();
  if (/^\p{Script=Han}/u.test(lower)) return [lower];
  return [lower, ...translateEnglishTerms(lower).map((term) => term.replace(/\s+/gu, ""))];
}

/** The numbers of named series (`成果目标 3`, `Outcome 7`, `指标 1.2`) a text names, by series. */
export function seriesNumbers(identifiers: Quantity[]): Map<string, Set<number>> {
  const series = new Map<string, Set<number>>();
  for (const identifier of identifiers) {
    if (identifier.kind !== "identifier" || !identifier.label || identifier.label === "citation") continue;
    if (identifier.label === "第" || identifier.label === "number") continue;
    for (const key of seriesKeys(identifier.label)) {
      const numbers = series.get(key) ?? new Set<number>();
      numbers.add(identifier.value);
      series.set(key, numbers);
    }
  }
  return series;
}

/**
 * The series the answer names that the passage context contradicts: the answer says "成果目标 4"
 * where the passage's own words about the number name 成果目标 3 and not 4.
 */
export function contradictedSeries(
  answer: Map<string, Set<number>>,
  context: Map<string, Set<number>>,
): string | undefined {
  for (const [key, numbers] of answer) {
    const named = context.get(key);
    if (!named) continue;
    if (![...numbers].some((number) => named.has(number))) return `${key} ${[...named].join("/")}`;
  }
  return undefined;
}

/** The years a text names: `2019`, `2019 年`, and every year of a period such as `2018-19`. */
export function yearsNamed(quantities: Quantity[]): Set<number> {
  const years = new Set<number>();
  for (const quantity of quantities) {
    if (quantity.kind !== "date") continue;
    const written = quantity.span.normalize("NFKC").match(/(?:19|20)\d{2}|(?<=[-–—~/至到] ?)\d{2}(?!\d)/gu) ?? [];
    const numbers = written.map((year) => (year.length === 2 ? 2000 + Number(year) : Number(year)));
    if (numbers.length === 0) continue;
    for (let year = Math.min(...numbers); year <= Math.max(...numbers); year += 1) years.add(year);
  }
  return years;
}

/** True when both name years and none in common: "2019 年" said of a number the passage gives for 2018. */
export function yearsDisagree(stated: Set<number>, context: Set<number>): boolean {
  if (stated.size === 0 || context.size === 0) return false;
  for (const year of stated) if (context.has(year)) return false;
  return true;
}
