/** An answer cut into sentences, each with the passages its markers cite. */

/** A sentence of an answer, where it starts in the answer, and the passage ids its markers name. */
export interface AnswerSentence {
  text: string;
  start: number;
  /** Ids named by the markers inside or right after the sentence (`[1]`, `[2][3]`, `[1, 4]`, `【1】`). */
  cited: number[];
}

/** Up to a sentence end (not a decimal point), then the markers that follow it. */
const SENTENCE =
  /(?:[^。！？.!?\n]|(?<=\d)\.(?=\d)|\.(?=[^\s\n]))+[。！？.!?]*(?:\s*(?:\[[\d,，、\s]+\]|【[\d,，、\s]+】))*/gu;
const MARKER = /\[([\d,，、\s]+)\]|【([\d,，、\s]+)】/gu;

function markersOf(text: string): number[] {
  const ids: number[] = [];
  for (const match of text.matchAll(MARKER)) {
    for (const id of (match[1] ?? match[2]).split(/[,，、\s]+/u)) if (id !== "") ids.push(Number(id));
  }
  return ids;
}

/**
 * The sentences of `answer`. A sentence without a marker takes the markers of the next sentence of
 * its paragraph (a model often cites once, at the end of a paragraph), or else of the one before it.
 */
export function answerSentences(answer: string): AnswerSentence[] {
  const sentences: Array<AnswerSentence & { paragraph: number }> = [];
  let paragraph = 0;
  let lastEnd = 0;
  for (const match of answer.matchAll(SENTENCE)) {
    const start = match.index ?? 0;
    if (answer.slice(lastEnd, start).includes("\n")) paragraph += 1;
    lastEnd = start + match[0].length;
    if (match[0].trim() === "") continue;
    sentences.push({ text: match[0], start, cited: markersOf(match[0]), paragraph });
  }
  for (let index = sentences.length - 1; index >= 0; index -= 1) {
    const next = sentences[index + 1];
    if (sentences[index].cited.length === 0 && next?.paragraph === sentences[index].paragraph)
      sentences[index].cited = next.cited;
  }
  for (let index = 1; index < sentences.length; index += 1) {
    if (sentences[index].cited.length === 0) sentences[index].cited = sentences[index - 1].cited;
  }
  return sentences.map(({ paragraph: _, ...sentence }) => sentence);
}
