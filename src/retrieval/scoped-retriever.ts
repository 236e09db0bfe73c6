import type { Chunk } from "../types.js";
import type { RetrievedChunk, RetrieveOptions, Retriever } from "./hybrid-retriever.js";

/**
 * A retriever narrowed to the passages `keeps` accepts: every passage is ranked, then those
 * outside the scope are dropped, so that a narrow scope still fills `k`.
 */
export class ScopedRetriever implements Retriever {
  constructor(
    private readonly base: Retriever,
    private readonly keeps: (chunk: Chunk) => boolean,
    /** How many passages the index holds: the depth every ranking is taken to. */
    private readonly passageCount: number,
  ) {}

  async retrieve(query: string, k: number, _options?: RetrieveOptions): Promise<RetrievedChunk[]> {
    const ranked = await this.base.retrieve(query, this.passageCount, { candidates: this.passageCount });
    return ranked.filter((item) => this.keeps(item.chunk)).slice(0, k);
  }
}
