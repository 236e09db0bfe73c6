/**
 * The key an English word or phrase is looked up by, the same for a dictionary's meanings and a
 * reader's question: lower case, American spelling (CC-CEDICT's), each word stemmed as retrieval
 * stems it ("labour costs" and "labor cost" meet).
 *
 * @module
 */
import { retrievalForm } from "../text/tokenizer.js";

/** British spellings and the American ones CC-CEDICT writes. */
const BRITISH_SPELLINGS: Array<[RegExp, string]> = [
  [/^(lab|behavi|col|fav|hon|harb|neighb|rum|vap|vig|hum|flav|endeav|sav|arm|rig|clam|splend)our/u, "$1or"],
  [/^(program|catalog|dialog)ue?$/u, "$1"],
  [/^programme(s|d)?$/u, "program$1"],
  [/^(cent|met|lit|theat|fib|calib|spect)re(s|d)?$/u, "$1er$2"],
  [/^defen(c)e/u, "defense"],
  [/^licen(c)e/u, "license"],
  [/isation(s)?$/u, "ization$1"],
  [
    /^(organ|real|recogn|util|mobil|priorit|emphas|categor|minim|maxim|optim|standard|capital|global|modern)is/u,
    "$1iz",
  ],
];

/** Plurals the stemmer leaves apart from their singular. */
const IRREGULAR_PLURALS = new Map([
  ["women", "woman"],
  ["men", "man"],
  ["children", "child"],
  ["people", "person"],
]);

function americanSpelling(word: string): string {
  const singular = IRREGULAR_PLURALS.get(word);
  if (singular) return singular;
  for (const [british, american] of BRITISH_SPELLINGS) if (british.test(word)) return word.replace(british, american);
  return word;
}

/** The lookup key of a phrase; a stop word inside a phrase is kept as it is. */
export function englishKeyOf(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[’]/gu, "'")
    .split(/[\s-]+/u)
    .filter((word) => word !== "")
    .map((word) => {
      const american = americanSpelling(word);
      return retrievalForm(american) || american;
    })
    .join(" ");
}

/** A word too common to translate on its own ("what", "was", "the"). */
export function isEnglishStopWord(word: string): boolean {
  return retrievalForm(word.toLowerCase()) === "";
}
