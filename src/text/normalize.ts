/**
 * Compact forms of recent texts: answers compare the same passages' sentences and the same terms
 * with each question, so each is normalised once rather than once per comparison.
 */
const recentCompact = new Map<string, string>();
const RECENT_COMPACT_LIMIT = 4096;
/** Longer texts are normalised each time, so the memory held stays a few megabytes whatever is asked. */
const CACHED_COMPACT_LENGTH = 1024;

/** NFKC with every whitespace character removed: how passages and evidence are compared. */
export function compactText(text: string): string {
  if (text.length > CACHED_COMPACT_LENGTH) return text.normalize("NFKC").replace(/\s+/gu, "");
  const cached = recentCompact.get(text);
  if (cached !== undefined) return cached;
  const compact = text.normalize("NFKC").replace(/\s+/gu, "");
  if (recentCompact.size >= RECENT_COMPACT_LIMIT) recentCompact.clear();
  recentCompact.set(text, compact);
  return compact;
}

/**
 * Where an English sentence ends: `.`, `!` or `?` (closing quotes and brackets after it) followed
 * by a space or the end, but not the full stop of an initial or abbreviation (`U.S.`, `Mr.`,
 * `No. 2`, `e.g.`) nor a decimal point (`27.3%`).
 */
const ENGLISH_SENTENCE_END = new RegExp(
  [
    String.raw`(?<!\b(?:[A-Za-z]|Mr|Mrs|Ms|Dr|St|No|Nos|Co|Inc|Ltd|vs|etc|e\.g|i\.e|cf|Fig|Art`,
    "|para|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov",
    String.raw`|Dec))[.!?]+["'”’)\]]*(?=\s|$)`,
  ].join(""),
  "gu",
);

/** Splits Chinese or English text into sentences, keeping the closing punctuation. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const pattern = /[^。！？；;\n]+(?:[。！？；;]+[”’」』)]?|\n|$)|\n/gu;
  for (const match of text.matchAll(pattern)) {
    for (const piece of splitEnglishSentences(match[0])) {
      const sentence = piece.trim();
      if (sentence.length > 0) sentences.push(sentence);
    }
  }
  return sentences;
}

/** Cuts a piece of text after each English sentence end. */
export function splitEnglishSentences(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of text.matchAll(ENGLISH_SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces.filter((piece) => piece.trim() !== "");
}
