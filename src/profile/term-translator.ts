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

/**
 * Characters that match an ASCII letter case-insensitively (`/iu`) and that lower-casing leaves alone:
 * the long s and the Kelvin sign. Read as the letter they fold to, so that a plain substring test is
 * a sure first filter.
 */
const FOLDS_TO_ASCII = /[\u017f\u212a]/gu;

function foldedForFilter(text: string): string {
  return text.replace(FOLDS_TO_ASCII, (character) => (character === "\u017f" ? "s" : "k"));
}

/**
 * The longest run of ASCII letters of a phrase, empty when it has none. Letters fold only among
 * themselves (once the long s and Kelvin sign are read as s and k), and a phrase matches as whole
 * words, so text it matches holds this run as a whole run of letters, or with the `s` or `es` of a
 * plural after it.
 */
function requiredLetters(phrase: string): string {
  const runs = foldedForFilter(phrase).match(/[a-z]+/gu) ?? [];
  return runs.reduce((longest, run) => (run.length > longest.length ? run : longest), "");
}

/** A run of a text's letters, and the same without a plural's `s` or `es`. */
function runForms(run: string): string[] {
  const forms = [run];
  if (run.endsWith("s")) forms.push(run.slice(0, -1));
  if (run.endsWith("es")) forms.push(run.slice(0, -2));
  return forms;
}

interface PhraseMatcher {
  phrase: string;
  terms: string[];
  /** Compiled the first time a text holds the phrase's letters: most phrases never are. */
  pattern?: RegExp;
}

function patternOf(matcher: PhraseMatcher): RegExp {
  matcher.pattern ??= new RegExp(
    `(?<![\\p{L}\\d])${escapeRegExp(singularOf(matcher.phrase))}(?:e?s)?(?![\\p{L}\\d])`,
    "giu",
  );
  return matcher.pattern;
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
  const matchers: PhraseMatcher[] = [...byPhrase]
    .sort(([left], [right]) => right.length - left.length)
    .map(([phrase, terms]) => ({ phrase, terms }));
  // Phrases by their longest run of letters; those without letters are tried on every text.
  const byLetters = new Map<string, number[]>();
  const withoutLetters: number[] = [];
  matchers.forEach((matcher, position) => {
    const letters = requiredLetters(singularOf(matcher.phrase));
    if (letters === "") withoutLetters.push(position);
    else byLetters.set(letters, [...(byLetters.get(letters) ?? []), position]);
  });
  return (text) => {
    let rest = text.toLowerCase().replace(/[’]/g, "'");
    // Replacing matches by spaces only removes letters: phrases whose letters are absent here stay absent.
    const candidates = new Set(withoutLetters);
    for (const run of foldedForFilter(rest).match(/[a-z]+/gu) ?? [])
      for (const form of runForms(run)) for (const position of byLetters.get(form) ?? []) candidates.add(position);
    const found: string[] = [];
    for (const position of [...candidates].sort((left, right) => left - right)) {
      const matcher = matchers[position];
      const pattern = patternOf(matcher);
      pattern.lastIndex = 0;
      if (!pattern.test(rest)) continue;
      pattern.lastIndex = 0;
      rest = rest.replace(pattern, " ");
      for (const term of matcher.terms) if (!found.includes(term)) found.push(term);
    }
    // The dictionary speaks only for a question the report's own pairs leave without a term: beside
    // them, its senses of everyday words would add terms the answering sentence need not hold.
    if (found.length === 0) for (const term of lookUpWords(rest, dictionary)) found.push(term);
    return found;
  };
}
