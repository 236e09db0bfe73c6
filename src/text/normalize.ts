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

/** Splits Chinese or English text into sentences, keeping the closing punctuation. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const pattern = /[^。！？；!?;\n]+(?:[。！？；!?;]+[”’」』)]?|\n|$)|\n/gu;
  for (const match of text.matchAll(pattern)) {
    const sentence = match[0].trim();
    if (sentence.length > 0) sentences.push(sentence);
  }
  return sentences;
}
