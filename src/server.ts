import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatService } from "./answer/chat-service.js";
import type { LanguageModelAnswerer } from "./answer/language-model.js";
import type { Config } from "./config.js";
import { chatServicesByDocument, createChatService } from "./create-chat-service.js";
import type { EmbedderSettings } from "./embedding/create-embedder.js";
import { createApp } from "./http/create-app.js";
import { InFlightRequests } from "./http/in-flight-requests.js";
import type { Logger } from "./logger.js";
import { ensureIndex } from "./retrieval/ensure-index.js";
import type { LoadedIndex } from "./retrieval/load-index.js";
import { Runtime } from "./runtime.js";
import { closeGracefully, type GracefulCloseOutcome } from "./shutdown.js";
import { InsightsStore } from "./store/insights-store.js";
import { CircuitBreaker } from "./upstream/circuit-breaker.js";
import { buildWebAssets, nameReportInPages } from "./web/build-web-assets.js";
import { deriveReportIdentity, type ReportIdentity } from "./web/report-identity.js";

export interface RunningServer {
  url: string;
  runtime: Runtime;
  /** Resolves once the index is loaded and answers are served. */
  ready: Promise<void>;
  /** Closes every connection at once. */
  close(): Promise<void>;
  /**
   * Serves on for `drainMs` while `/readyz` says draining (default 0), then stops accepting
   * connections and lets requests in flight, streamed answers included, finish within `timeoutMs`
   * (default `config.shutdownTimeoutMs`); see `closeGracefully`.
   */
  shutDown(options?: { timeoutMs?: number; drainMs?: number }): Promise<GracefulCloseOutcome>;
}

/**
 * Time a client gets to send a whole request (headers and body) and its headers alone. Slow
 * senders would otherwise hold sockets for Node's defaults of 5 and 1 minutes. Streamed answers
 * are not affected: these bound receiving the request, not writing the response.
 */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 15_000;
/** How often those two timeouts are checked (Node's default is every 30 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 5_000;

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

/** The chat model answers come from, when the configuration switches LLM mode on. */
function chatModelOf(config: Config): string | undefined {
  return config.answerMode === "llm" ? config.openai.chatModel : undefined;
}

/** The breaker in front of the chat model (the breaker's default thresholds), logging its changes of state. */
function chatModelBreakerOf(logger: Logger): CircuitBreaker {
  const breakerLogger = logger.child({ component: "llm-answerer" });
  return new CircuitBreaker({
    onStateChange: (state, previous) => {
      if (state === "open")
        breakerLogger.warn({ previous }, "chat model keeps failing; answering without it for a while");
      else breakerLogger.info({ state, previous }, "chat model circuit changed state");
    },
  });
}

/**
 * The LLM answerer when the configuration switches LLM mode on; `breaker` lets the caller watch its
 * circuit. Loaded on demand: the offline mode never pays for the OpenAI client.
 */
export async function languageModelOf(
  config: Config,
  logger: Logger,
  breaker?: CircuitBreaker,
  reportTitle?: string,
): Promise<LanguageModelAnswerer | undefined> {
  const model = chatModelOf(config);
  if (model === undefined) return undefined;
  const { createLlmAnswerer } = await import("./answer/llm-answerer.js");
  return createLlmAnswerer({
    model,
    apiKey: config.openai.apiKey,
    baseURL: config.openai.baseURL,
    timeoutMs: config.openai.timeoutMs,
    maxRetries: config.openai.maxRetries,
    maxTokens: config.openai.maxTokens,
    maxAnswerCharacters: config.openai.maxAnswerCharacters,
    deadlineMs: config.openai.answerDeadlineMs,
    logger,
    breaker,
    reportTitle,
  });
}

/** The questions-and-feedback database; when it cannot be opened the server answers without recording. */
function openInsightsStore(config: Config, logger: Logger): InsightsStore | undefined {
  try {
    return new InsightsStore({ path: config.databasePath, keepQuestionText: config.logQuestions });
  } catch (error) {
    logger.error(
      { err: error, databasePath: config.databasePath },
      "cannot open the database (DATABASE_PATH): questions and feedback are not recorded",
    );
    return undefined;
  }
}

/** The report's identity, with the example questions `chat` answers (offline: no model is called for them). */
function identityOf(index: LoadedIndex, chat: ChatService): Promise<ReportIdentity> {
  return deriveReportIdentity(index.profile, index.tables.tables, async (question) => {
    // A candidate that cannot be answered, for whatever reason, is simply not offered.
    const response = await chat.answer({ messages: [{ role: "user", content: question }] }).catch(() => undefined);
    return response?.found === true && response.answer.trim() !== "";
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
 * Listens at once (`/healthz` and `/readyz` answer 503 while loading), then loads the index,
 * building it first when it is missing or stale, and starts answering.
 */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const runtime = new Runtime();
  const inFlight = new InFlightRequests(logger);
  const breaker = chatModelOf(config) !== undefined ? chatModelBreakerOf(logger) : undefined;
  // The index loads while esbuild bundles the page in its own process; its failure is met below.
  const loading = ensureIndex({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    embedder: embedderSettingsOf(config),
    chunker: config.chunker,
    onRebuild: (reason) => logger.info({ reason: reason.message }, "building the index"),
  });
  loading.catch(() => undefined);
  const webAssets = await buildWebAssets({ outDir: config.webAssetsDir });
  const insights = openInsightsStore(config, logger);
  if (webAssets.unwritten)
    logger.warn(
      { webAssetsDir: config.webAssetsDir },
      `${webAssets.unwritten}: the page and widget are served from memory, and the copy there is not updated`,
    );
  const app = createApp({
    insights,
    config,
    logger,
    runtime,
    webAssets,
    inFlight,
    chatModelState: breaker ? () => breaker.state : undefined,
  });
  const httpServer = createServer(
    {
      requestTimeout: REQUEST_TIMEOUT_MS,
      headersTimeout: HEADERS_TIMEOUT_MS,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    app,
  );
  // Past the cap, Node closes new connections as they arrive: idle sockets cannot starve the others of memory.
  httpServer.maxConnections = config.maxConnections;
  const address = await listen(httpServer, config.port, config.host);
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  const ready = (async () => {
    const index = await loading;
    const wiring = {
      index,
      logger,
      mode: config.answerMode,
      languageModel: await languageModelOf(config, logger, breaker, index.profile.title),
    };
    const chat = createChatService(wiring);
    const identity = await identityOf(
      index,
      wiring.languageModel ? createChatService({ ...wiring, mode: "extractive", languageModel: undefined }) : chat,
    );
    nameReportInPages(webAssets, identity);
    runtime.setReady({ index, chat, chatForDocument: chatServicesByDocument(wiring), identity });
    logger.info({ url, chunks: index.chunks.length }, "ready");
  })();
  return {
    url,
    runtime,
    ready,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.close(() => {
          insights?.close();
          resolve();
        });
        httpServer.closeAllConnections();
      }),
    shutDown: async ({ timeoutMs = config.shutdownTimeoutMs, drainMs = 0 } = {}) => {
      const outcome = await closeGracefully({ server: httpServer, inFlight, timeoutMs, drainMs });
      insights?.close();
      return outcome;
    },
  };
}
