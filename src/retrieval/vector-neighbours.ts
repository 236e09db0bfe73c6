import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";

/** A passage near a query vector: its position in the index's passages and its cosine similarity. */
export interface VectorNeighbour {
  position: number;
  similarity: number;
}

/**
 * Nearest passages straight from the loaded hnsw graph: the position of each graph label is read from
 * the document store once, at load, instead of a document looked up for every neighbour of every query.
 */
export class VectorNeighbours {
  private readonly positionOfLabel: number[];

  constructor(private readonly store: HNSWLib) {
    this.positionOfLabel = [];
    for (const label of store.index.getIdsList())
      this.positionOfLabel[label] = store.docstore.search(String(label)).metadata.position as number;
  }

  /** The `k` passages closest to `vector`, closest first (`k` is capped at the number of passages). */
  nearest(vector: number[], k: number): VectorNeighbour[] {
    const { neighbors, distances } = this.store.index.searchKnn(
      vector,
      Math.min(k, this.store.index.getCurrentCount()),
    );
    return neighbors.map((label, rank) => ({ position: this.positionOfLabel[label], similarity: 1 - distances[rank] }));
  }
}
