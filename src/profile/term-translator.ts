/**
 * English questions over a Chinese report: the Chinese terms for the English words and phrases
 * of a question, from the report's bilingual pairs (longest phrases first, each matched once).
 *
 * @module
 */

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
 * The longest run of ASCII letters of a phrase: text the phrase matches holds it (letters fold only
 * among themselves, once the long s and Kelvin sign are read as s and k). Empty when it has none.
 */
function requiredLetters(phrase: string): string {
  const runs = foldedForFilter(phrase).match(/[a-z]+/gu) ?? [];
  return runs.reduce((longest, run) => (run.length > longest.length ? run : longest), "");
}

/** A translator over English–Chinese pairs: a phrase matches as whole words (a plural too), case aside. */
export function createTermTranslator(pairs: Array<{ en: string; zh: string }>): TermTranslator {
  const byPhrase = new Map<string, string[]>();
  for (const { en, zh } of pairs) {
    const phrase = en.toLowerCase().replace(/[’]/g, "'").replace(/\s+/gu, " ").trim();
    if (phrase === "" || zh === "") continue;
    const terms = byPhrase.get(phrase) ?? [];
    if (!terms.includes(zh)) terms.push(zh);
    byPhrase.set(phrase, terms);
  }
  // Each phrase's pattern is compiled the first time a text holds its letters: most never are.
  const matchers: Array<{ phrase: string; terms: string[]; letters: string; pattern?: RegExp }> = [...byPhrase]
    .sort(([left], [right]) => right.length - left.length)
    .map(([phrase, terms]) => ({ phrase, terms, letters: requiredLetters(phrase) }));
  return (text) => {
    let rest = text.toLowerCase().replace(/[’]/g, "'");
    // Replacing matches by spaces only removes letters, so a phrase's letters absent here stay absent.
    const filter = foldedForFilter(rest);
    const found: string[] = [];
    for (const matcher of matchers) {
      const { terms, letters } = matcher;
      if (!filter.includes(letters)) continue;
      matcher.pattern ??= new RegExp(`(?<![\\p{L}\\d])${escapeRegExp(matcher.phrase)}(?:e?s)?(?![\\p{L}\\d])`, "giu");
      const { pattern } = matcher;
      pattern.lastIndex = 0;
      if (!pattern.test(rest)) continue;
      pattern.lastIndex = 0;
      rest = rest.replace(pattern, " ");
      for (const term of terms) if (!found.includes(term)) found.push(term);
    }
    return found;
  };
}
