import { contentWords } from "../text/segmenter.js";

export interface Bm25Options {
  /** Term-frequency saturation. @default 1.2 */
  k1?: number;
  /** Length normalisation. @default 0.75 */
  b?: number;
}

export interface Bm25Hit {
  /** Position of the document in the list the index was built from. */
  document: number;
  score: number;
}

/**
 * Retrieval terms of a text: jieba words plus each pair of neighbouring words, so that exact
 * phrases such as `成果目标 4` or `第 190 号` outrank passages that only share the single words.
 */
export function bm25Terms(text: string): string[] {
  const words = contentWords(text);
  const terms = [...words];
  for (let index = 0; index + 1 < words.length; index += 1) terms.push(`${words[index]}_${words[index + 1]}`);
  return terms;
}

/** Okapi BM25 over jieba words, kept in memory and rebuilt from the passages at load. */
export class Bm25Index {
  private readonly postings = new Map<string, Array<{ document: number; frequency: number }>>();
  private readonly lengths: number[];
  private readonly averageLength: number;
  private readonly k1: number;
  private readonly b: number;

  /** `documents` are texts, or the retrieval terms of each document when the caller derives them. */
  constructor(documents: string[] | string[][], options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
    this.lengths = documents.map((document, position) =>
      this.add(position, typeof document === "string" ? bm25Terms(document) : document),
    );
    this.averageLength = this.lengths.reduce((sum, length) => sum + length, 0) / Math.max(1, documents.length);
  }

  private add(document: number, terms: string[]): number {
    const frequencies = new Map<string, number>();
    for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    for (const [term, frequency] of frequencies) {
      const list = this.postings.get(term) ?? [];
      list.push({ document, frequency });
      this.postings.set(term, list);
    }
    return terms.length;
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** How many documents hold the term. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.length ?? 0;
  }

  /** Inverse document frequency of a term (BM25+ style, never negative). */
  idf(term: string): number {
    const frequency = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.documentCount - frequency + 0.5) / (frequency + 0.5));
  }

  /** The best `limit` documents for `query`, best first. */
  search(query: string, limit: number): Bm25Hit[] {
    return this.searchTerms(bm25Terms(query), limit);
  }

  /** The best `limit` documents for these query terms, best first. */
  searchTerms(queryTerms: string[], limit: number): Bm25Hit[] {
    const scores = new Map<number, number>();
    for (const term of new Set(queryTerms)) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      const idf = this.idf(term);
      for (const { document, frequency } of postings) {
        const lengthRatio = this.lengths[document] / this.averageLength;
        const weight = (frequency * (this.k1 + 1)) / (frequency + this.k1 * (1 - this.b + this.b * lengthRatio));
        scores.set(document, (scores.get(document) ?? 0) + idf * weight);
      }
    }
    return [...scores.entries()]
      .map(([document, score]) => ({ document, score }))
      .sort((left, right) => right.score - left.score || left.document - right.document)
      .slice(0, limit);
  }
}
