import type { Embeddings } from "@langchain/core/embeddings";

/** What identifies the vectors an embedder produces: an index built by one cannot be searched with another. */
export interface EmbedderIdentity {
  /** e.g. `local-hashed-tfidf-v1-<signature>` or `openai:text-embedding-3-small`. */
  id: string;
  /** Vector length; 0 until known (a remote model tells it with its first answer). */
  dimension: number;
}

/** A LangChain `Embeddings` implementation that can say what it is. */
export interface Embedder {
  readonly identity: EmbedderIdentity;
  readonly embeddings: Embeddings;
}
