import { numeralValue } from "../quantity/chinese-numerals.js";
import { findFigures, type Quantity } from "../quantity/find-quantities.js";
import type { Chunk } from "../types.js";
import type { FigureRecord } from "./table-record.js";

/** Collapses runs of whitespace (line breaks of the PDF columns) into single spaces. */
function squeezeSpaces(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/** A sentence: text up to a closing mark of Chinese or English prose. */
const SENTENCE = /[^。！？!?]+[。！？!?]?/gu;

/** Where the clause that a number belongs to starts. */
const CLAUSE_BREAK = /[，,；;：:（(—]/gu;

/** A span of a chunk's text that a parsed table covers, not to be read as running text. */
export interface CoveredSpan {
  chunkId: string;
  start: number;
  end: number;
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/gu, "");
}

/** The clause a number belongs to: the words before it, or after it when it opens its clause. */
function clauseAround(sentence: string, offset: number, length: number): string {
  const before = sentence.slice(0, offset);
  let clauseStart = 0;
  for (const match of before.matchAll(CLAUSE_BREAK)) clauseStart = (match.index ?? 0) + 1;
  const clauseBefore = withoutSpaces(before.slice(clauseStart));
  if (clauseBefore.length >= 4) return clauseBefore;
  const after = sentence.slice(offset + length).replace(/^\s*[，,]/u, "");
  const clauseEnd = after.search(/[，,；;。！？]/u);
  return withoutSpaces(clauseBefore + after.slice(0, clauseEnd < 0 ? after.length : clauseEnd));
}

/** A figure with a unit of measure or a classifier: what the running text states as a figure. */
function hasUnit(quantity: Quantity): boolean {
  return quantity.writtenUnit !== "" && quantity.kind !== "number";
}

function isProse(sentence: string): boolean {
  const han = sentence.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han >= 8 && /[。！？]\s*$/u.test(sentence);
}

/**
 * The numbers with a unit stated in the running text of `chunks` (budget totals, counts of
 * results and countries, each outcome's spending …), each with its sentence and exact place.
 */
export function findStatedFigures(chunks: Chunk[], covered: CoveredSpan[] = []): FigureRecord[] {
  const figures: FigureRecord[] = [];
  for (const chunk of chunks) {
    if (chunk.kind === "table") continue;
    const spans = covered.filter((span) => span.chunkId === chunk.id);
    for (const sentenceMatch of chunk.text.matchAll(SENTENCE)) {
      const sentenceText = sentenceMatch[0];
      if (!isProse(sentenceText)) continue;
      const sentenceStart = sentenceMatch.index ?? 0;
      for (const mention of findFigures(sentenceText).filter(hasUnit)) {
        const start = sentenceStart + mention.start;
        if (spans.some((span) => start >= span.start && start <= span.end)) continue;
        figures.push({
          id: `figure-${figures.length + 1}`,
          value: mention.written,
          numeric: numeralValue(mention.written.normalize("NFKC").replace(/[多余几]/gu, ""))?.value ?? mention.value,
          unit: mention.writtenUnit,
          label: clauseAround(sentenceText, mention.start, mention.span.length),
          sentence: squeezeSpaces(sentenceText).replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, ""),
          chunkId: chunk.id,
          section: chunk.section,
          start,
          span: mention.span,
        });
      }
    }
  }
  return figures;
}
