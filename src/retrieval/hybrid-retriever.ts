import type { ScoredChunk } from "../types.js";
import type { LoadedIndex } from "./load-index.js";

export interface HybridRetrieverOptions {
  /** How many candidates each retriever contributes before fusion. @default 40 */
  candidates?: number;
  /** Reciprocal rank fusion constant: larger flattens the gap between ranks. @default 60 */
  rrfConstant?: number;
  /** Weight of the word (BM25) ranking against the vector ranking. @default 1 */
  lexicalWeight?: number;
  /** Weight of the vector ranking. @default 1 */
  denseWeight?: number;
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

  constructor(
    private readonly index: LoadedIndex,
    options: HybridRetrieverOptions = {},
  ) {
    this.candidates = Math.min(options.candidates ?? 40, index.chunks.length);
    this.rrfConstant = options.rrfConstant ?? 60;
    this.lexicalWeight = options.lexicalWeight ?? 1;
    this.denseWeight = options.denseWeight ?? 1;
  }

  async retrieve(query: string, k: number): Promise<RetrievedChunk[]> {
    const [dense, lexical] = await Promise.all([
      this.denseRanking(query),
      Promise.resolve(this.index.bm25.search(query, this.candidates)),
    ]);
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

  private async denseRanking(query: string): Promise<Array<{ position: number; similarity: number }>> {
    const vector = await this.index.embedder.embeddings.embedQuery(query);
    const results = await this.index.vectorStore.similaritySearchVectorWithScore(vector, this.candidates);
    return results.map(([document, distance]) => ({
      position: document.metadata.position as number,
      similarity: 1 - distance,
    }));
  }
}
