import path from "node:path";
import { ConfigError } from "./errors.js";
import { DEFAULT_CHUNKER_SETTINGS } from "./ingest/ingest-report.js";

/** Everything the application can be configured with. `loadConfig` is the only reader of `process.env`. */
export interface Config {
  /** `PORT`, default 8787. */
  port: number;
  /** `HOST`, default 127.0.0.1. */
  host: string;
  /** `CORPUS_DIR`, default `corpus/`: every `*.txt` in it is ingested. */
  corpusDir: string;
  /** `INDEX_DIR`, default `index/`. */
  indexDir: string;
  /** `CHUNK_SIZE` and `CHUNK_OVERLAP` (characters): unset means the ingester's measured defaults. */
  chunker?: { chunkSize: number; chunkOverlap: number };
  /** `WEB_ASSETS_DIR`, default `dist/web/`: where the chat page and widget are built. */
  webAssetsDir: string;
  embedding: {
    /** `EMBEDDING_PROVIDER`: `local` (default, offline) or `openai`. */
    provider: "local" | "openai";
    /** `EMBEDDING_MODEL`, default `text-embedding-3-small` (openai only). */
    model: string;
    /** `EMBEDDING_BATCH_SIZE`, default 64 (openai only). */
    batchSize: number;
  };
  openai: {
    /** `OPENAI_API_KEY`. */
    apiKey?: string;
    /** `OPENAI_BASE_URL`: any OpenAI-compatible server (vLLM, Ollama, llama.cpp). */
    baseURL?: string;
    /** `CHAT_MODEL`: switches answers to LLM mode when an upstream is configured. */
    chatModel?: string;
    /** `UPSTREAM_TIMEOUT_MS`, default 20000: per upstream call. */
    timeoutMs: number;
    /** `UPSTREAM_MAX_RETRIES`, default 2: on network errors, timeouts, 5xx and 429, never on another 4xx. */
    maxRetries: number;
    /** `LLM_MAX_TOKENS`, default 1024: `max_tokens` sent with every chat request. */
    maxTokens: number;
    /** `LLM_MAX_ANSWER_CHARS`, default 6000: an LLM answer is cut there and its request stopped. */
    maxAnswerCharacters: number;
    /** `LLM_ANSWER_DEADLINE_MS`, default 60000: longest time one LLM answer may take, retries and stream included. */
    answerDeadlineMs: number;
  };
  /** `ANSWER_MODE`: `extractive` or `llm`; default `llm` when a chat model is configured. */
  answerMode: "extractive" | "llm";
  /** `LOG_LEVEL`, default `info` (`silent` in tests). */
  logLevel: string;
  /** `LOG_QUESTIONS`: log question text at debug level (default true); `false` never logs it. */
  logQuestions: boolean;
  /** `ALLOWED_ORIGINS`: comma-separated origins that may call the API from a browser; default same origin only. */
  allowedOrigins: string[];
  /** `TRUST_PROXY`: Express `trust proxy` setting (e.g. `1`, `loopback`); unset means none. */
  trustProxy?: string;
  /** `API_KEYS`: comma-separated keys; when set `/api/*` and `/v1/*` need `Authorization: Bearer <key>`. */
  apiKeys: string[];
  /** `PUBLIC_API_KEYS`: keys the widget may use, accepted only from `ALLOWED_ORIGINS`. */
  publicApiKeys: string[];
  rateLimit: {
    /** `RATE_LIMIT_WINDOW_MS`, default 60000. */
    windowMs: number;
    /** `RATE_LIMIT_CHAT`, default 60 requests per window per client IP. */
    chat: number;
    /** `RATE_LIMIT_SEARCH`, default 300 requests per window per client IP. */
    search: number;
    /**
     * `RATE_LIMIT_OTHER`, default 600: every other request (404s, `/v1/models`, preflights, files), probes excepted.
     */
    other: number;
    /** `RATE_LIMIT_MAX_CLIENTS`, default 10000: client addresses each budget counts at once (least recent evicted). */
    maxClients: number;
  };
  /** `MAX_CONNECTIONS`, default 1024: open connections at once; more are closed as they arrive. */
  maxConnections: number;
  /**
   * `SHUTDOWN_DRAIN_MS`, default 5000: after SIGTERM, how long `/readyz` answers `draining` while new
   * connections are still served, so that a load balancer sees it before the server stops listening.
   */
  shutdownDrainMs: number;
  /** `MODEL_NAME`: the model id served at `/v1/models`, default `report-chat`. */
  modelName: string;
  /** `SHUTDOWN_TIMEOUT_MS`, default 10000: on SIGTERM/SIGINT, longest wait for answers in flight before exiting. */
  shutdownTimeoutMs: number;
  /** `DATABASE_PATH`, default `data/report-chat.db`: the SQLite file of questions asked and feedback. */
  databasePath: string;
  /** `PAGE_TOKEN_SECRET`: signs the chat page's tokens when `API_KEYS` is set; random per process when unset. */
  pageTokenSecret?: string;
}

type Env = Record<string, string | undefined>;

function readInteger(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readList(env: Env, name: string): string[] {
  return (env[name] ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${env[name]}"`);
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected one of ${choices.join(", ")}, got "${raw}"`);
  }
  return raw as T;
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function readChunker(env: Env): Config["chunker"] {
  if (emptyToUndefined(env.CHUNK_SIZE) === undefined && emptyToUndefined(env.CHUNK_OVERLAP) === undefined)
    return undefined;
  const chunkSize = readInteger(env, "CHUNK_SIZE", DEFAULT_CHUNKER_SETTINGS.chunkSize, 50, 20_000);
  const chunkOverlap = readInteger(env, "CHUNK_OVERLAP", DEFAULT_CHUNKER_SETTINGS.chunkOverlap, 0, 10_000);
  if (chunkOverlap >= chunkSize) throw new ConfigError("CHUNK_OVERLAP", "must be smaller than CHUNK_SIZE");
  return { chunkSize, chunkOverlap };
}

/** Turns environment variables into a typed, validated `Config`. */
export function loadConfig(env: Env = process.env, root: string = process.cwd()): Config {
  const apiKey = emptyToUndefined(env.OPENAI_API_KEY);
  const baseURL = emptyToUndefined(env.OPENAI_BASE_URL);
  const chatModel = emptyToUndefined(env.CHAT_MODEL);
  const upstreamConfigured = apiKey !== undefined || baseURL !== undefined;
  const embeddingProvider = readChoice(env, "EMBEDDING_PROVIDER", ["local", "openai"] as const, "local");
  if (embeddingProvider === "openai" && !upstreamConfigured) {
    throw new ConfigError("EMBEDDING_PROVIDER", "openai needs OPENAI_API_KEY or OPENAI_BASE_URL");
  }
  const llmAvailable = upstreamConfigured && chatModel !== undefined;
  const answerMode = readChoice(
    env,
    "ANSWER_MODE",
    ["extractive", "llm"] as const,
    llmAvailable ? "llm" : "extractive",
  );
  if (answerMode === "llm" && !llmAvailable) {
    throw new ConfigError("ANSWER_MODE", "llm needs CHAT_MODEL and OPENAI_API_KEY or OPENAI_BASE_URL");
  }
  return {
    port: readInteger(env, "PORT", 8787, 0, 65535),
    host: emptyToUndefined(env.HOST) ?? "127.0.0.1",
    corpusDir: path.resolve(root, emptyToUndefined(env.CORPUS_DIR) ?? "corpus"),
    indexDir: path.resolve(root, emptyToUndefined(env.INDEX_DIR) ?? "index"),
    chunker: readChunker(env),
    webAssetsDir: path.resolve(root, emptyToUndefined(env.WEB_ASSETS_DIR) ?? "dist/web"),
    embedding: {
      provider: embeddingProvider,
      model: emptyToUndefined(env.EMBEDDING_MODEL) ?? "text-embedding-3-small",
      batchSize: readInteger(env, "EMBEDDING_BATCH_SIZE", 64, 1, 2048),
    },
    openai: {
      apiKey,
      baseURL,
      chatModel,
      timeoutMs: readInteger(env, "UPSTREAM_TIMEOUT_MS", 20_000, 100, 600_000),
      maxRetries: readInteger(env, "UPSTREAM_MAX_RETRIES", 2, 0, 10),
      maxTokens: readInteger(env, "LLM_MAX_TOKENS", 1024, 1, 1_000_000),
      maxAnswerCharacters: readInteger(env, "LLM_MAX_ANSWER_CHARS", 6000, 100, 1_000_000),
      answerDeadlineMs: readInteger(env, "LLM_ANSWER_DEADLINE_MS", 60_000, 100, 3_600_000),
    },
    answerMode,
    logLevel: emptyToUndefined(env.LOG_LEVEL) ?? "info",
    logQuestions: readBoolean(env, "LOG_QUESTIONS", true),
    allowedOrigins: readList(env, "ALLOWED_ORIGINS"),
    trustProxy: emptyToUndefined(env.TRUST_PROXY),
    apiKeys: readList(env, "API_KEYS"),
    publicApiKeys: readList(env, "PUBLIC_API_KEYS"),
    rateLimit: {
      windowMs: readInteger(env, "RATE_LIMIT_WINDOW_MS", 60_000, 1000, 2_147_483_647),
      chat: readInteger(env, "RATE_LIMIT_CHAT", 60, 1),
      search: readInteger(env, "RATE_LIMIT_SEARCH", 300, 1),
      other: readInteger(env, "RATE_LIMIT_OTHER", 600, 1),
      maxClients: readInteger(env, "RATE_LIMIT_MAX_CLIENTS", 10_000, 1, 10_000_000),
    },
    maxConnections: readInteger(env, "MAX_CONNECTIONS", 1024, 1, 1_000_000),
    shutdownDrainMs: readInteger(env, "SHUTDOWN_DRAIN_MS", 5000, 0, 600_000),
    modelName: emptyToUndefined(env.MODEL_NAME) ?? "report-chat",
    shutdownTimeoutMs: readInteger(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
    databasePath: path.resolve(root, emptyToUndefined(env.DATABASE_PATH) ?? "data/report-chat.db"),
    pageTokenSecret: emptyToUndefined(env.PAGE_TOKEN_SECRET),
  };
}
