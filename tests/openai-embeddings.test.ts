import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmbedderSettings } from "../src/embedding/create-embedder.js";
import { createOpenAIEmbedder } from "../src/embedding/openai-embedder.js";
import { IndexError } from "../src/errors.js";
import { type BuildSummary, buildIndex } from "../src/retrieval/build-index.js";
import { loadIndex } from "../src/retrieval/load-index.js";
import {
  EMBEDDING_DIMENSION,
  fakeEmbedding,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from "./helpers/openai-compatible-server.js";

const BATCH_SIZE = 16;

let upstream: OpenAICompatibleServer;
let indexDir: string;
let summary: BuildSummary;

function openaiSettings(overrides: Partial<Extract<EmbedderSettings, { provider: "openai" }>> = {}): EmbedderSettings {
  return {
    provider: "openai",
    model: "test-embed",
    baseURL: upstream.url,
    batchSize: BATCH_SIZE,
    timeoutMs: 5000,
    maxRetries: 0,
    ...overrides,
  };
}

beforeAll(async () => {
  upstream = await startOpenAICompatibleServer();
  indexDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-openai-index-"));
  summary = await buildIndex({ corpusDir: path.resolve("corpus"), indexDir, embedder: openaiSettings() });
});

afterAll(async () => {
  await upstream.close();
  if (indexDir) await rm(indexDir, { recursive: true, force: true });
});

beforeEach(() => {
  upstream.behave({ kind: "answer-from-passages" });
});

describe("an index built with EMBEDDING_PROVIDER=openai", () => {
  it("embeds every chunk in batches of at most EMBEDDING_BATCH_SIZE", () => {
    const calls = upstream.embeddingRequests();
    const sizes = calls.map((call) => (Array.isArray(call.input) ? call.input.length : 1));
    expect(calls.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBe(BATCH_SIZE);
    expect(sizes.every((size) => size >= 1 && size <= BATCH_SIZE)).toBe(true);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(summary.manifest.counts.chunks);
    expect(calls.every((call) => call.model === "test-embed")).toBe(true);
  });

  it("records the embedder and its dimension in the manifest", () => {
    expect(summary.manifest.embedder).toEqual({ id: "openai:test-embed", dimension: EMBEDDING_DIMENSION });
  });

  it("loads and searches with the same embedder", async () => {
    const index = await loadIndex(indexDir, openaiSettings());
    expect(index.chunks).toHaveLength(summary.manifest.counts.chunks);
    const query = index.chunks[10].text;
    const [best] = await index.vectorStore.similaritySearchVectorWithScore(fakeEmbedding(query), 1);
    expect(best[0].pageContent).toBe(query);
    const asked = upstream.embeddingRequests().length;
    expect((await index.embedder.embeddings.embedQuery("成果目标 3")).length).toBe(EMBEDDING_DIMENSION);
    expect(upstream.embeddingRequests()).toHaveLength(asked + 1);
  });

  it("refuses to load with the local embedder and says how to re-ingest", async () => {
    const loading = loadIndex(indexDir, { provider: "local" });
    await expect(loading).rejects.toBeInstanceOf(IndexError);
    await expect(loading).rejects.toMatchObject({
      reason: "foreign_embedder",
      message: expect.stringMatching(/openai:test-embed[\s\S]*npm run ingest/u),
    });
  });
});

describe("the OpenAI embedder against a failing upstream", () => {
  it("succeeds on a retry after one HTTP 500", async () => {
    upstream.behave({ kind: "status", status: 500 }, { times: 1 });
    const before = upstream.embeddingRequests().length;
    const embedder = createOpenAIEmbedder({
      model: "test-embed",
      baseURL: upstream.url,
      batchSize: BATCH_SIZE,
      timeoutMs: 5000,
      maxRetries: 1,
    });
    const vectors = await embedder.embeddings.embedDocuments(["经常预算", "预算外发展合作"]);
    expect(vectors.map((vector) => vector.length)).toEqual([EMBEDDING_DIMENSION, EMBEDDING_DIMENSION]);
    expect(Array.from(vectors[0])).toEqual(fakeEmbedding("经常预算").map((value) => Math.fround(value)));
    expect(upstream.embeddingRequests().length - before).toBe(2);
  });

  it("fails without retries when the upstream answers HTTP 500", async () => {
    upstream.behave({ kind: "status", status: 500 }, { times: 1 });
    const embedder = createOpenAIEmbedder({
      model: "test-embed",
      baseURL: upstream.url,
      batchSize: BATCH_SIZE,
      timeoutMs: 5000,
      maxRetries: 0,
    });
    await expect(embedder.embeddings.embedQuery("经常预算")).rejects.toMatchObject({ status: 500 });
  });
});
