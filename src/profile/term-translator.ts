/**
 * English questions over a Chinese report: the Chinese terms for the English words and phrases
 * of a question, from the report's bilingual pairs (longest phrases first, each matched once),
 * or, for a question no pair covers, from the report's dictionary (`report-dictionary.ts`).
 *
 * @module
 */
import { englishKeyOf, isEnglishStopWord } from "./english-key.js";
import type { ReportDictionary } from "./report-dictionary.js";

/** The Chinese terms for the English words of a text, in order of the phrases found, each once. */
export type TermTranslator = (text: string) => string[];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A phrase without the plural ending of its last word ("partners" → "partner"), so that either form matches. */
function singularOf(phrase: string): string {
  return /[a-z]{3}[^s]s$/u.test(phrase) ? phrase.slice(0, -1) : phrase;
}

/** Longest run of words looked up in the dictionary as one phrase. */
const LONGEST_PHRASE = 4;

/** The dictionary's terms for the words of a text, longest phrases first, each word used once. */
function lookUpWords(text: string, dictionary: ReportDictionary): string[] {
  const words = text.match(/[a-z][a-z']*/gu) ?? [];
  const found: string[] = [];
  let start = 0;
  while (start < words.length) {
    let matched = 0;
    for (let length = Math.min(LONGEST_PHRASE, words.length - start); length >= 1; length -= 1) {
      const phrase = words.slice(start, start + length);
      if (length === 1 && isEnglishStopWord(phrase[0])) break;
      const key = englishKeyOf(phrase.join(" "));
      if (!Object.hasOwn(dictionary, key)) continue;
      const terms = dictionary[key];
      for (const term of terms) if (!found.includes(term)) found.push(term);
      matched = length;
      break;
    }
    start += Math.max(matched, 1);
  }
  return found;
}

/**
 * A translator over English–Chinese pairs: a phrase matches as whole words (a plural too), case
 * aside; a text no pair matches is looked up word by word in `dictionary`.
 */
export function createTermTranslator(
  pairs: Array<{ en: string; zh: string }>,
  dictionary: ReportDictionary = {},
): TermTranslator {
  const byPhrase = new Map<string, string[]>();
  for (const { en, zh } of pairs) {
    const phrase = en.toLowerCase().replace(/[’]/g, "'").replace(/\s+/gu, " ").trim();
    if (phrase === "" || zh === "") continue;
    const terms = byPhrase.get(phrase) ?? [];
    if (!terms.includes(zh)) terms.push(zh);
    byPhrase.set(phrase, terms);
  }
  const matchers = [...byPhrase]
    .sort(([left], [right]) => right.length - left.length)
    .map(([phrase, terms]) => ({
      pattern: new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(singularOf(phrase))}(?:e?s)?(?![\\p{L}\\d])`, "giu"),
      terms,
    }));
  return (text) => {
    let rest = text.toLowerCase().replace(/[’]/g, "'");
    const found: string[] = [];
    for (const { pattern, terms } of matchers) {
      pattern.lastIndex = 0;
      if (!pattern.test(rest)) continue;
      pattern.lastIndex = 0;
      rest = rest.replace(pattern, " ");
      for (const term of terms) if (!found.includes(term)) found.push(term);
    }
    // The dictionary speaks only for a question the report's own pairs leave without a term: beside
    // them, its senses of everyday words would add terms the answering sentence need not hold.
    if (found.length === 0) for (const term of lookUpWords(rest, dictionary)) found.push(term);
    return found;
  };
}
