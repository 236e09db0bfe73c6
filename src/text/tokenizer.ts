/**
 * The words retrieval indexes and looks up, in one place for every language: jieba's words of
 * Chinese text, and English words without stop words (`stopword`'s English list) reduced to
 * their stem with the Porter stemmer (`stemmer`), so that "grew", "growth" and "growing" of a
 * question meet "grow" and "growth" of a passage as far as stems allow.
 *
 * @module
 */
import { stemmer } from "stemmer";
import { eng } from "stopword";
import { contentWords } from "./segmenter.js";

const ENGLISH_STOP_WORDS = new Set([
  ...eng,
  "what",
  "which",
  "who",
  "whom",
  "how",
  "when",
  "where",
  "why",
  "many",
  "much",
]);
const LATIN_WORD = /^[a-z][a-z'’-]*$/u;

/** The retrieval form of one word: an English word stemmed, anything else as it is; empty for a stop word. */
export function retrievalForm(word: string): string {
  const lower = word.toLowerCase();
  if (!LATIN_WORD.test(lower)) return lower;
  if (ENGLISH_STOP_WORDS.has(lower)) return "";
  return stemmer(lower.replace(/['’]s$/u, ""));
}

/** The words of a text for retrieval, in order (duplicates kept). */
export function retrievalWords(text: string): string[] {
  return contentWords(text)
    .map(retrievalForm)
    .filter((word) => word !== "");
}
