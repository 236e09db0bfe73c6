import type { Chunk } from "../types.js";
import type { HybridRetriever, RetrievedChunk } from "./hybrid-retriever.js";

/** What answers and searches retrieve passages with. */
export type Retriever = Pick<HybridRetriever, "retrieve">;

/**
 * A retriever narrowed to the passages `keeps` accepts. `everyPassage` must rank every passage
 * of the index (a `HybridRetriever` with `candidates` set to their number), so that a narrow
 * scope still fills `k`.
 */
export class ScopedRetriever implements Retriever {
  constructor(
    private readonly everyPassage: Pick<HybridRetriever, "retrieveRange">,
    private readonly keeps: (chunk: Chunk) => boolean,
  ) {}

  async retrieve(query: string, k: number): Promise<RetrievedChunk[]> {
    const { passages } = await this.everyPassage.retrieveRange(query, { offset: 0, k, keeps: this.keeps });
    return passages;
  }
}
