import { retrievalForm, retrievalWords } from "../text/tokenizer.js";

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
 * Retrieval terms of a text: its retrieval words (jieba words, English stems) plus each pair of
 * neighbouring words, so that exact phrases (`第 190 号`, `net interest`) outrank passages that only
 * share the single words.
 */
export function bm25Terms(text: string): string[] {
  return bm25TermsOfWords(retrievalWords(text));
}

/** `bm25Terms` of a text whose retrieval words are known. */
export function bm25TermsOfWords(words: readonly string[]): string[] {
  const terms = [...words];
  for (let index = 0; index + 1 < words.length; index += 1) terms.push(`${words[index]}_${words[index + 1]}`);
  return terms;
}

/** The documents holding one term, with each one's BM25 weight of the term (before its idf). */
interface Postings {
  documents: number[];
  /** Each document's frequency of the term while the index is built, its weight once built. */
  weights: number[];
  idf: number;
}

/** Scores of the documents holding any of a query's terms. */
export interface Bm25Scores {
  /** `scores[document]`: meaningful for the documents in `matched` only. */
  scores: Float64Array;
  /** The documents holding a query term, each once, in the order first reached. */
  matched: number[];
}

/**
 * Okapi BM25 over retrieval words, kept in memory and rebuilt from the passages at load. Each
 * posting's weight (frequency saturated, length normalised) and each term's idf are computed once,
 * when the index is built, so a query only adds them up.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
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
    for (const postings of this.postings.values()) {
      postings.idf = this.idfOfFrequency(postings.documents.length);
      postings.weights = postings.documents.map((document, index) => this.weightOf(document, postings.weights[index]));
    }
  }

  private add(document: number, terms: string[]): number {
    const frequencies = new Map<string, number>();
    for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    for (const [term, frequency] of frequencies) {
      let postings = this.postings.get(term);
      if (!postings) {
        postings = { documents: [], weights: [], idf: 0 };
        this.postings.set(term, postings);
      }
      postings.documents.push(document);
      postings.weights.push(frequency);
    }
    return terms.length;
  }

  private weightOf(document: number, frequency: number): number {
    const lengthRatio = this.lengths[document] / this.averageLength;
    return (frequency * (this.k1 + 1)) / (frequency + this.k1 * (1 - this.b + this.b * lengthRatio));
  }

  private idfOfFrequency(frequency: number): number {
    return Math.log(1 + (this.documentCount - frequency + 0.5) / (frequency + 0.5));
  }

  get documentCount(): number {
    return this.lengths.length;
  }

  /** Share of the documents (passages) that hold a word or term, 0 to 1. */
  documentShare(term: string): number {
    const frequency = (this.postings.get(term) ?? this.postings.get(retrievalForm(term)))?.documents.length ?? 0;
    return frequency / Math.max(1, this.documentCount);
  }

  /** How many documents hold the term. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.documents.length ?? 0;
  }

  /** Inverse document frequency of a term (BM25+ style, never negative). */
  idf(term: string): number {
    const frequency = (this.postings.get(term) ?? this.postings.get(retrievalForm(term)))?.documents.length ?? 0;
    return this.idfOfFrequency(frequency);
  }

  /** The best `limit` documents for `query`, best first. */
  search(query: string, limit: number): Bm25Hit[] {
    return this.searchTerms(bm25Terms(query), limit);
  }

  /** The best `limit` documents for these query terms, best first. */
  searchTerms(queryTerms: string[], limit: number): Bm25Hit[] {
    const { scores, matched } = this.scoreTerms(queryTerms);
    return matched
      .sort((left, right) => scores[right] - scores[left] || left - right)
      .slice(0, limit)
      .map((document) => ({ document, score: scores[document] }));
  }

  /** The score of every document holding one of these query terms (each term counted once). */
  scoreTerms(queryTerms: string[]): Bm25Scores {
    const scores = new Float64Array(this.documentCount);
    const reached = new Uint8Array(this.documentCount);
    const matched: number[] = [];
    for (const term of new Set(queryTerms)) {
      const postings = this.postings.get(term);
      if (!postings) continue;
      const { documents, weights, idf } = postings;
      for (let index = 0; index < documents.length; index += 1) {
        const document = documents[index];
        if (reached[document] === 0) {
          reached[document] = 1;
          matched.push(document);
        }
        scores[document] += idf * weights[index];
      }
    }
    return { scores, matched };
  }
}
