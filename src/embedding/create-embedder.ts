import type { Embedder } from "./embedder.js";
import { HashedTfidfEmbeddings, type HashedTfidfState, LOCAL_EMBEDDER_ID } from "./hashed-tfidf-embeddings.js";
import type { OpenAIEmbedderOptions } from "./openai-embedder.js";

/** Which embedder to use: the offline one by default, or an OpenAI-compatible model. */
export type EmbedderSettings =
  | { provider: "local"; dimension?: number }
  | ({ provider: "openai" } & OpenAIEmbedderOptions);

/** The id an index built with these settings records in its manifest. */
export function embedderIdFor(settings: EmbedderSettings): string {
  return settings.provider === "local" ? LOCAL_EMBEDDER_ID : `openai:${settings.model}`;
}

/** The OpenAI client is loaded only when an OpenAI embedder is configured. */
async function openAIEmbedder(settings: OpenAIEmbedderOptions, dimension?: number): Promise<Embedder> {
  const { createOpenAIEmbedder } = await import("./openai-embedder.js");
  return createOpenAIEmbedder(settings, dimension);
}

/** An embedder ready to embed `passages` (the local one learns its weights from them). */
export async function embedderForBuild(settings: EmbedderSettings, passages: string[]): Promise<Embedder> {
  if (settings.provider === "local") return HashedTfidfEmbeddings.fit(passages, { dimension: settings.dimension });
  return openAIEmbedder(settings);
}

/** The embedder for querying an index, from the state saved with it. */
export async function embedderForQueries(
  settings: EmbedderSettings,
  savedState: unknown,
  dimension: number,
): Promise<Embedder> {
  if (settings.provider === "local") return HashedTfidfEmbeddings.fromState(savedState as HashedTfidfState);
  return openAIEmbedder(settings, dimension);
}

/** The state to save beside the index, if the embedder has any. */
export function embedderState(embedder: Embedder): unknown {
  return embedder instanceof HashedTfidfEmbeddings ? embedder.toState() : null;
}
