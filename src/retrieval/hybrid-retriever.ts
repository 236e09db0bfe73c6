import { variantsOf } from "../text/synonyms.js";
import type { ScoredChunk } from "../types.js";
import { Bm25Index, bm25Terms } from "./bm25-index.js";
import { headingTerms, questionHeadingAliases } from "./heading-field.js";
import type { LoadedIndex } from "./load-index.js";

export interface HybridRetrieverOptions {
  /** How many candidates each retriever contributes before fusion. @default 40 */
  candidates?: number;
  /** Reciprocal rank fusion constant: larger flattens the gap between ranks. @default 5 */
  rrfConstant?: number;
  /** Weight of the word (BM25) ranking against the vector ranking. @default 3 */
  lexicalWeight?: number;
  /** Weight of the vector ranking. @default 1 */
  denseWeight?: number;
  /** Weight of a passage's headings (its section path and label) against its text in the word ranking. @default 0.6 */
  headingWeight?: number;
}

/** One passage's place in each ranking, kept so callers can judge how strong the evidence is. */
export interface RetrievedChunk extends ScoredChunk {
  denseRank?: number;
  lexicalRank?: number;
  lexicalScore: number;
  denseSimilarity: number;
}

/**
 * Dense (hnsw) and BM25 rankings fused by reciprocal rank fusion, so that both exact terms
 * ("成果目标 4", "第 190 号") and paraphrases are found.
 */
export class HybridRetriever {
  private readonly candidates: number;
  private readonly rrfConstant: number;
  private readonly lexicalWeight: number;
  private readonly denseWeight: number;
  private readonly headingWeight: number;
  /** BM25 over each passage's headings and the aliases derived from them. */
  private readonly headings: Bm25Index;

  constructor(
    private readonly index: LoadedIndex,
    options: HybridRetrieverOptions = {},
  ) {
    this.candidates = Math.min(options.candidates ?? 40, index.chunks.length);
    this.rrfConstant = options.rrfConstant ?? 5;
    this.lexicalWeight = options.lexicalWeight ?? 3;
    this.denseWeight = options.denseWeight ?? 1;
    this.headingWeight = options.headingWeight ?? 0.6;
    this.headings = new Bm25Index(index.chunks.map(headingTerms));
  }

  async retrieve(query: string, k: number): Promise<RetrievedChunk[]> {
    const [dense, lexical] = await Promise.all([this.denseRanking(query), Promise.resolve(this.lexicalRanking(query))]);
    const fused = new Map<number, RetrievedChunk>();
    const entry = (position: number): RetrievedChunk => {
      let found = fused.get(position);
      if (!found) {
        found = { chunk: this.index.chunks[position], score: 0, lexicalScore: 0, denseSimilarity: 0 };
        fused.set(position, found);
      }
      return found;
    };
    dense.forEach(({ position, similarity }, rank) => {
      const item = entry(position);
      item.denseRank = rank + 1;
      item.denseSimilarity = similarity;
      item.score += this.denseWeight / (this.rrfConstant + rank + 1);
    });
    lexical.forEach(({ document, score }, rank) => {
      const item = entry(document);
      item.lexicalRank = rank + 1;
      item.lexicalScore = score;
      item.score += this.lexicalWeight / (this.rrfConstant + rank + 1);
    });
    return [...fused.values()]
      .sort((left, right) => right.score - left.score || left.chunk.id.localeCompare(right.chunk.id))
      .slice(0, k)
      .map((item) => ({ ...item, score: Number(item.score.toFixed(6)) }));
  }

  /** BM25 over the text plus, weighted, BM25 over the headings the passage sits under. */
  private lexicalRanking(query: string): Array<{ document: number; score: number }> {
    const words = bm25Terms(query);
    // The report's words for a reader's everyday ones (花 → 支出) count as the reader's.
    const terms = [...words, ...words.flatMap((word) => (word.includes("_") ? [] : variantsOf(word).slice(1)))];
    const scores = new Map<number, number>();
    for (const { document, score } of this.index.bm25.searchTerms(terms, this.index.chunks.length))
      scores.set(document, score);
    const headingQuery = [...terms, ...questionHeadingAliases(query)];
    for (const { document, score } of this.headings.searchTerms(headingQuery, this.index.chunks.length))
      scores.set(document, (scores.get(document) ?? 0) + this.headingWeight * score);
    return [...scores.entries()]
      .map(([document, score]) => ({ document, score }))
      .sort((left, right) => right.score - left.score || left.document - right.document)
      .slice(0, this.candidates);
  }

  private async denseRanking(query: string): Promise<Array<{ position: number; similarity: number }>> {
    const vector = await this.index.embedder.embeddings.embedQuery(query);
    return this.index.neighbours.nearest(vector, this.candidates);
  }
}
