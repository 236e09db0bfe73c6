import { beforeAll, describe, expect, inject, it } from "vitest";
import { type LoadedIndex, loadIndex } from "../src/retrieval/load-index.js";
import { VectorNeighbours } from "../src/retrieval/vector-neighbours.js";

let index: LoadedIndex;

beforeAll(async () => {
  index = await loadIndex(inject("indexDir"), { provider: "local" });
});

/** The graph's own answer, passage positions and similarities, as `nearest` gives them. */
function graphNeighbours(vector: number[], k: number): Array<{ position: number; similarity: number }> {
  const withoutScan = new VectorNeighbours(index.vectorStore);
  return withoutScan.nearest(vector, k);
}

/** Queries taken from the report itself: a few words from the start, middle and end of passages. */
function queries(): string[] {
  return index.chunks
    .filter((_chunk, position) => position % 7 === 0)
    .flatMap((chunk) => [chunk.text.slice(0, 12), chunk.text.slice(chunk.text.length / 2, chunk.text.length / 2 + 6)]);
}

describe("nearest passages of a sparse query", () => {
  it("are those the hnsw graph finds, in its order, at its distances", async () => {
    expect(index.neighbours.scansSparseQueries).toBe(true);
    expect(new VectorNeighbours(index.vectorStore).scansSparseQueries).toBe(false);
    // Up to 400 passages the graph is walked whole (see load-index), so its answer is exact.
    expect(index.chunks.length).toBeLessThanOrEqual(400);
    let compared = 0;
    for (const query of queries()) {
      const vector = await index.embedder.embeddings.embedQuery(query);
      for (const k of [1, 10, 40, index.chunks.length]) {
        expect(index.neighbours.nearest(vector, k)).toEqual(graphNeighbours(vector, k));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("settle a tie at the last place kept as the graph does", async () => {
    // A one-word query is equally far from every passage without that word.
    const vector = await index.embedder.embeddings.embedQuery("2016");
    for (const k of [5, 40]) expect(index.neighbours.nearest(vector, k)).toEqual(graphNeighbours(vector, k));
  });
});
