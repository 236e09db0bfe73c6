import { variantsOf } from "../text/synonyms.js";
import type { Chunk, ScoredChunk } from "../types.js";
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

/** A page of a ranking narrowed to some passages. */
export interface RetrievalRange {
  /** Passages of the narrowed ranking to skip. */
  offset: number;
  k: number;
  /** Which passages count; all when absent. */
  keeps?: (chunk: Chunk) => boolean;
}

export interface RetrievedRange {
  passages: RetrievedChunk[];
  /** How many passages of the ranking `keeps` accepts. */
  total: number;
}

/** The heading index of each list of passages, built once for all the retrievers over it. */
const headingIndexes = new WeakMap<readonly Chunk[], Bm25Index>();

function headingIndexOf(chunks: readonly Chunk[]): Bm25Index {
  let headings = headingIndexes.get(chunks);
  if (!headings) {
    headings = new Bm25Index(chunks.map(headingTerms));
    headingIndexes.set(chunks, headings);
  }
  return headings;
}

/** The `count` first of `items` in the order `compare` gives, without sorting them all when few are wanted. */
function bestOf(items: number[], count: number, compare: (left: number, right: number) => number): number[] {
  if (count * 4 >= items.length) return items.sort(compare).slice(0, count);
  const best: number[] = [];
  for (const item of items) {
    if (best.length === count && compare(item, best[count - 1]) >= 0) continue;
    let place = best.length === count ? count - 1 : best.length;
    while (place > 0 && compare(item, best[place - 1]) < 0) {
      best[place] = best[place - 1];
      place -= 1;
    }
    best[place] = item;
  }
  return best;
}

/** The passages both rankings reached, best first, each made into a result (its score to six decimals) on demand. */
interface FusedRanking {
  /** Positions of the passages in the index, best first. */
  order: number[];
  passage: (position: number) => RetrievedChunk;
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
    this.headings = headingIndexOf(index.chunks);
  }

  /** The `k` passages best for `query`, best first. */
  async retrieve(query: string, k: number): Promise<RetrievedChunk[]> {
    const ranking = await this.ranked(query);
    return ranking.order.slice(0, k).map((position) => ranking.passage(position));
  }

  /**
   * The passages `keeps` accepts, best first, from `offset` on and at most `k`, and how many it
   * accepts in all: a page of the ranking, the others left unread.
   */
  async retrieveRange(query: string, range: RetrievalRange): Promise<RetrievedRange> {
    const ranking = await this.ranked(query);
    const { keeps } = range;
    const kept = keeps ? ranking.order.filter((position) => keeps(this.index.chunks[position])) : ranking.order;
    return {
      passages: kept.slice(range.offset, range.offset + range.k).map((position) => ranking.passage(position)),
      total: kept.length,
    };
  }

  /** Every passage either ranking reached, by fused score (unrounded), then id. */
  private async ranked(query: string): Promise<FusedRanking> {
    const [dense, lexical] = await Promise.all([this.denseRanking(query), Promise.resolve(this.lexicalRanking(query))]);
    // Each passage reached gets a slot, in the order first reached; the rankings' places are kept by slot.
    const slotOf = new Map<number, number>();
    const positions: number[] = [];
    const size = dense.length + lexical.length;
    const score = new Float64Array(size);
    const denseRank = new Int32Array(size);
    const denseSimilarity = new Float64Array(size);
    const lexicalRank = new Int32Array(size);
    const lexicalScore = new Float64Array(size);
    const slot = (position: number): number => {
      let found = slotOf.get(position);
      if (found === undefined) {
        found = positions.length;
        slotOf.set(position, found);
        positions.push(position);
      }
      return found;
    };
    dense.forEach(({ position, similarity }, rank) => {
      const at = slot(position);
      denseRank[at] = rank + 1;
      denseSimilarity[at] = similarity;
      score[at] += this.denseWeight / (this.rrfConstant + rank + 1);
    });
    lexical.forEach(({ document, score: bm25 }, rank) => {
      const at = slot(document);
      lexicalRank[at] = rank + 1;
      lexicalScore[at] = bm25;
      score[at] += this.lexicalWeight / (this.rrfConstant + rank + 1);
    });
    const { chunks } = this.index;
    const slots = positions.map((_position, at) => at);
    slots.sort(
      (left, right) =>
        score[right] - score[left] || chunks[positions[left]].id.localeCompare(chunks[positions[right]].id),
    );
    const order = slots.map((at) => positions[at]);
    return {
      order,
      passage: (position) => {
        const at = slotOf.get(position) ?? -1;
        const item: RetrievedChunk = {
          chunk: chunks[position],
          score: Number(score[at].toFixed(6)),
          lexicalScore: lexicalScore[at],
          denseSimilarity: denseSimilarity[at],
        };
        if (denseRank[at] > 0) item.denseRank = denseRank[at];
        if (lexicalRank[at] > 0) item.lexicalRank = lexicalRank[at];
        return item;
      },
    };
  }

  /** BM25 over the text plus, weighted, BM25 over the headings the passage sits under. */
  private lexicalRanking(query: string): Array<{ document: number; score: number }> {
    const words = bm25Terms(query);
    // The report's words for a reader's everyday ones (花 → 支出) count as the reader's.
    const terms = [...words, ...words.flatMap((word) => (word.includes("_") ? [] : variantsOf(word).slice(1)))];
    const text = this.index.bm25.scoreTerms(terms);
    const headings = this.headings.scoreTerms([...terms, ...questionHeadingAliases(query)]);
    const scores = text.scores;
    const matched = [...text.matched];
    const inText = new Uint8Array(scores.length);
    for (const document of text.matched) inText[document] = 1;
    for (const document of headings.matched) {
      const weighted = this.headingWeight * headings.scores[document];
      if (inText[document] === 1) scores[document] += weighted;
      else {
        scores[document] = weighted;
        matched.push(document);
      }
    }
    return bestOf(matched, this.candidates, (left, right) => scores[right] - scores[left] || left - right).map(
      (document) => ({ document, score: scores[document] }),
    );
  }

  private async denseRanking(query: string): Promise<Array<{ position: number; similarity: number }>> {
    const vector = await this.index.embedder.embeddings.embedQuery(query);
    return this.index.neighbours.nearest(vector, this.candidates);
  }
}
