import { digitsOf, findFigures, type NumberMention } from "../text/numbers.js";
import type { Citation, Figure } from "../types.js";

/** A sentence of an answer and the citation it was taken from. */
export interface CitedSentence {
  text: string;
  citation: number;
}

const LABEL_STOP = /[，。；：、！？,;:()（）\n]/u;

/** The words just before a number, back to the previous clause boundary: what the number measures. */
export function labelBefore(text: string, position: number): string | undefined {
  let start = position;
  while (start > 0 && !LABEL_STOP.test(text[start - 1]) && position - start < 24) start -= 1;
  const label = text
    .slice(start, position)
    .replace(/\s+/gu, " ")
    .replace(/(为|是|达|达到|约|约为|共|有|了|超过|将近|近|逾|占)+\s*$/u, "")
    .trim();
  return label.length > 0 ? label : undefined;
}

function figureOf(mention: NumberMention, sentence: CitedSentence, citation: Citation | undefined): Figure {
  const figure: Figure = { value: mention.value, citation: sentence.citation };
  if (mention.unit) figure.unit = mention.unit;
  const label = labelBefore(sentence.text, mention.start);
  if (label) figure.label = label;
  if (citation) {
    const sentenceStart = citation.text.indexOf(sentence.text);
    const start = sentenceStart >= 0 ? sentenceStart + mention.start : citation.text.indexOf(mention.span);
    if (start >= 0)
      figure.source = { citation: citation.id, span: citation.text.slice(start, start + mention.span.length), start };
  }
  return figure;
}

/** Every figure the answer sentences state, with the citation and exact span it comes from. */
export function figuresOfSentences(sentences: CitedSentence[], citations: Citation[]): Figure[] {
  const byId = new Map(citations.map((citation) => [citation.id, citation]));
  return sentences.flatMap((sentence) =>
    findFigures(sentence.text).map((mention) => figureOf(mention, sentence, byId.get(sentence.citation))),
  );
}

/** True when the passage states this number (ignoring spaces and thousands separators). */
export function passageStates(passage: string, value: string): boolean {
  const digits = digitsOf(value);
  const bounded = new RegExp(`(?<![\\d.])${digits.replace(/\./gu, "\\.")}(?!\\d|\\.\\d)`, "u");
  return (
    findFigures(passage).some((mention) => digitsOf(mention.value) === digits) ||
    bounded.test(passage.replace(/[\s,]/gu, ""))
  );
}
