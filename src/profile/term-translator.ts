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

/** A phrase without the plural ending of its last word ("partners" → "partner"), so that either form matches. */
function singularOf(phrase: string): string {
  return /[a-z]{3}[^s]s$/u.test(phrase) ? phrase.slice(0, -1) : phrase;
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
    return found;
  };
}
