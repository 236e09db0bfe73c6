import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder, EmbedderIdentity } from "./embedder.js";

export interface OpenAIEmbedderOptions {
  model: string;
  apiKey?: string;
  /** Any OpenAI-compatible server, e.g. `http://127.0.0.1:8000/v1`. */
  baseURL?: string;
  /** Texts per request. */
  batchSize: number;
  /** Per request, in milliseconds. */
  timeoutMs: number;
  /** Retries with backoff after a failed request. */
  maxRetries: number;
}

/** `OpenAIEmbeddings` from `@langchain/openai`, batched and retried, for OpenAI or a compatible server. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions, dimension = 0): Embedder {
  const embeddings = new OpenAIEmbeddings({
    model: options.model,
    // A local server needs no key, but the client insists on one.
    apiKey: options.apiKey ?? "not-needed",
    batchSize: options.batchSize,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    configuration: options.baseURL ? { baseURL: options.baseURL } : undefined,
  });
  const identity: EmbedderIdentity = { id: `openai:${options.model}`, dimension };
  return { identity, embeddings };
}
