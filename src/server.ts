import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.js";
import type { LanguageModelAnswerer } from "./answer/language-model.js";
import { createLlmAnswerer } from "./answer/llm-answerer.js";
import { createChatService } from "./create-chat-service.js";
import type { EmbedderSettings } from "./embedding/create-embedder.js";
import { createApp } from "./http/create-app.js";
import { buildWebAssets } from "./web/build-web-assets.js";
import type { Logger } from "./logger.js";
import { ensureIndex } from "./retrieval/ensure-index.js";
import { Runtime } from "./runtime.js";

export interface RunningServer {
  url: string;
  runtime: Runtime;
  /** Resolves once the index is loaded and answers are served. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** The embedder settings the configuration asks for. */
export function embedderSettingsOf(config: Config): EmbedderSettings {
  if (config.embedding.provider === "local") return { provider: "local" };
  return {
    provider: "openai",
    model: config.embedding.model,
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseURL,
    batchSize: config.embedding.batchSize,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
  };
}

/** The LLM answerer when the configuration switches LLM mode on. */
export function languageModelOf(config: Config, logger: Logger): LanguageModelAnswerer | undefined {
  if (config.answerMode !== "llm" || !config.openai.chatModel) return undefined;
  return createLlmAnswerer({
    model: config.openai.chatModel,
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseURL,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
    logger,
  });
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Listens at once (`/healthz` answers 503 while loading), then loads the index, building it
 * first when it is missing or stale, and starts answering.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const runtime = new Runtime();
  const webAssets = await buildWebAssets({ outDir: config.webAssetsDir });
  const app = createApp({ config, logger, runtime, webAssets });
  const httpServer = createServer(app);
  const address = await listen(httpServer, config.port, config.host);
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const ready = (async () => {
    const index = await ensureIndex({
      corpusDir: config.corpusDir,
      indexDir: config.indexDir,
      embedder: embedderSettingsOf(config),
      onRebuild: (reason) => logger.info({ reason: reason.message }, "building the index"),
    });
    runtime.setReady({ index, chat: createChatService({ index, logger, mode: config.answerMode, languageModel: languageModelOf(config, logger) }) });
    logger.info({ url, chunks: index.chunks.length }, "ready");
  })();
  return {
    url,
    runtime,
    ready,
    close: () => new Promise<void>((resolve) => {
      httpServer.close(() => resolve());
      httpServer.closeAllConnections();
    }),
  };
}

