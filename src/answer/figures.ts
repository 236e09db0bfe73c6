import { findFigures, type Quantity } from "../quantity/find-quantities.js";
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

/** The figure of a quantity an answer sentence states, without its check. */
export function figureOfQuantity(quantity: Quantity, sentence: CitedSentence): Figure {
  const figure: Figure = {
    value: quantity.written,
    citation: sentence.citation,
    quantity: { value: quantity.value, unit: quantity.unit, kind: quantity.kind },
  };
  if (quantity.writtenUnit) figure.unit = quantity.writtenUnit;
  const label = labelBefore(sentence.text, quantity.start);
  if (label) figure.label = label;
  return figure;
}

/** A sentence copied from its passage: each figure is verified at its place there. */
function copiedFigure(quantity: Quantity, sentence: CitedSentence, citation: Citation | undefined): Figure {
  const figure = figureOfQuantity(quantity, sentence);
  const sentenceStart = citation ? citation.text.indexOf(sentence.text) : -1;
  const start = sentenceStart >= 0 ? sentenceStart + quantity.start : (citation?.text.indexOf(quantity.span) ?? -1);
  if (!citation || start < 0) return { ...figure, status: "unverified", reason: "not found in the cited passage" };
  const span = citation.text.slice(start, start + quantity.span.length);
  return { ...figure, source: { citation: citation.id, span, start }, status: "verified" };
}

/** The figures of recent answer sentences: answers quote the same passages' sentences again and again. */
const recentFigures = new Map<string, Quantity[]>();
const RECENT_FIGURES_LIMIT = 2048;

/** The figures `findFigures` reads in a text, kept for recent texts. */
export function figuresIn(text: string): Quantity[] {
  let figures = recentFigures.get(text);
  if (!figures) {
    figures = findFigures(text);
    if (recentFigures.size >= RECENT_FIGURES_LIMIT) recentFigures.clear();
    recentFigures.set(text, figures);
  }
  return figures;
}

/** Every figure of sentences copied from their passages, with the citation and exact span each comes from. */
export function figuresOfSentences(sentences: CitedSentence[], citations: Citation[]): Figure[] {
  const byId = new Map(citations.map((citation) => [citation.id, citation]));
  return sentences.flatMap((sentence) =>
    figuresIn(sentence.text).map((quantity) => copiedFigure(quantity, sentence, byId.get(sentence.citation))),
  );
}
