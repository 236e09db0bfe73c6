import type { RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import { compactText, splitSentences } from "../text/normalize.js";
import { findFigures } from "../text/numbers.js";
import type { Citation, Figure } from "../types.js";
import { figuresOfSentences, type CitedSentence } from "./figures.js";
import type { QuestionAnalysis } from "./question-analysis.js";
import { notFoundMessage } from "./not-found-message.js";

export interface ExtractiveAnswer {
  answer: string;
  found: boolean;
  citations: Citation[];
  figures: Figure[];
}

export interface ExtractiveAnswererOptions {
  /** Share of the question's weighted terms the best sentence must hold. @default 0.5 */
  minimumCoverage?: number;
  /** At most this many sentences in an answer (lists get two more). @default 2 */
  maximumSentences?: number;
  /** Weight of a question term (e.g. its inverse document frequency in the report). */
  termWeight: (term: string) => number;
}

interface Candidate {
  sentence: string;
  passage: number;
  coverage: number;
  score: number;
  covered: Set<string>;
}

function sentencesOf(retrieved: RetrievedChunk): string[] {
  if (retrieved.chunk.kind !== "table") return splitSentences(retrieved.chunk.text);
  return retrieved.chunk.text.split("\n").map((line) => line.trim()).filter((line) => line.length > 0);
}

function containsAll(text: string, anchors: string[]): boolean {
  const compact = compactText(text).toLowerCase();
  return anchors.every((anchor) => compact.includes(compactText(anchor).toLowerCase()));
}

function toCitation(retrieved: RetrievedChunk, id: number): Citation {
  const { chunk } = retrieved;
  const citation: Citation = { id, chunkId: chunk.id, text: chunk.text, section: chunk.section, score: retrieved.score };
  if (chunk.page !== undefined) citation.page = chunk.page;
  if (chunk.label !== undefined) citation.label = chunk.label;
  return citation;
}

/**
 * Answers without a language model: the sentences of the retrieved passages that best cover the
 * question, each followed by the marker of the passage it comes from. Declines (found: false) when no
 * sentence holds the question's key terms and named years or numbers.
 */
export class ExtractiveAnswerer {
  private readonly minimumCoverage: number;
  private readonly maximumSentences: number;

  constructor(private readonly options: ExtractiveAnswererOptions) {
    this.minimumCoverage = options.minimumCoverage ?? 0.5;
    this.maximumSentences = options.maximumSentences ?? 2;
  }

  answer(analysis: QuestionAnalysis, retrieved: RetrievedChunk[]): ExtractiveAnswer {
    const candidates = this.rank(analysis, retrieved);
    const best = candidates[0];
    if (!best || !this.isSupported(best, analysis, retrieved)) {
      return { answer: notFoundMessage(analysis.language, retrieved.map((item) => item.chunk.section)), found: false, citations: [], figures: [] };
    }
    const chosen = this.choose(candidates, analysis);
    const citations: Citation[] = [];
    const citationOfPassage = new Map<number, number>();
    const sentences: CitedSentence[] = chosen.map((candidate) => {
      let id = citationOfPassage.get(candidate.passage);
      if (id === undefined) {
        id = citations.length + 1;
        citationOfPassage.set(candidate.passage, id);
        citations.push(toCitation(retrieved[candidate.passage], id));
      }
      return { text: candidate.sentence, citation: id };
    });
    return { answer: this.compose(sentences, analysis), found: true, citations, figures: figuresOfSentences(sentences, citations) };
  }

  private rank(analysis: QuestionAnalysis, retrieved: RetrievedChunk[]): Candidate[] {
    const weights = new Map(analysis.terms.map((term) => [term, this.options.termWeight(term)]));
    const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0) || 1;
    const candidates: Candidate[] = [];
    retrieved.forEach((item, passage) => {
      for (const sentence of sentencesOf(item)) {
        const compact = compactText(sentence).toLowerCase();
        const covered = new Set(analysis.terms.filter((term) => compact.includes(compactText(term).toLowerCase())));
        const coverage = [...covered].reduce((sum, term) => sum + (weights.get(term) ?? 0), 0) / total;
        const numberBonus = analysis.wantsNumber && findFigures(sentence).length > 0 ? 0.15 : 0;
        const anchorBonus = analysis.anchors.length > 0 && containsAll(sentence, analysis.anchors) ? 0.1 : 0;
        candidates.push({ sentence, passage, coverage, covered, score: coverage + numberBonus + anchorBonus + 0.05 / (passage + 1) });
      }
    });
    return candidates.sort((left, right) => right.score - left.score);
  }

  private isSupported(best: Candidate, analysis: QuestionAnalysis, retrieved: RetrievedChunk[]): boolean {
    if (best.coverage < this.minimumCoverage) return false;
    const context = retrieved[best.passage].chunk.kind === "table" ? retrieved[best.passage].chunk.text : best.sentence;
    if (!containsAll(context, analysis.anchors)) return false;
    return !analysis.wantsNumber || findFigures(best.sentence).length > 0;
  }

  /** The best sentence, then others that add question terms (or items, for a list question). */
  private choose(candidates: Candidate[], analysis: QuestionAnalysis): Candidate[] {
    const limit = this.maximumSentences + (analysis.wantsList ? 2 : 0);
    const chosen = [candidates[0]];
    const covered = new Set(candidates[0].covered);
    for (const candidate of candidates.slice(1)) {
      if (chosen.length >= limit) break;
      if (candidate.score < candidates[0].score * 0.7) break;
      const addsTerms = [...candidate.covered].some((term) => !covered.has(term));
      if (!addsTerms && !analysis.wantsList) continue;
      if (chosen.some((other) => other.sentence === candidate.sentence)) continue;
      chosen.push(candidate);
      for (const term of candidate.covered) covered.add(term);
    }
    return chosen;
  }

  private compose(sentences: CitedSentence[], analysis: QuestionAnalysis): string {
    const body = sentences.map((sentence) => `${sentence.text.replace(/\s+$/u, "")}[${sentence.citation}]`);
    if (analysis.language === "en") {
      return `The report says (in Chinese): ${body.map((text) => `“${text.replace(/\[(\d+)\]$/u, "”[$1]")}`).join(" ")}`;
    }
    return body.join("");
  }
}
