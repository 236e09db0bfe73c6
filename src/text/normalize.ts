/** NFKC with every whitespace character removed: how passages and evidence are compared. */
export function compactText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "");
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
