import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createApp } from "../src/http/create-app.js";
import { InFlightRequests } from "../src/http/in-flight-requests.js";
import { createLogger } from "../src/logger.js";
import { Runtime } from "../src/runtime.js";
import type { ChatResponse } from "../src/types.js";
import { startOpenAICompatibleServer } from "./helpers/openai-compatible-server.js";
import { parseEvents, type StreamEvent } from "./helpers/server-sent-events.js";
import { type SlowUpstream, startSlowUpstream } from "./helpers/slow-upstream.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

/** Answered from the report's text rather than its tables, so the question reaches the model. */
const QUESTION = "两年期内有多少个成员国批准了劳工公约？";
/** Ten pieces of four characters: with 250 ms between them, a stream of 2.5 s. */
const SLOW_REPLY = "报告指出两年期内有多个成员国批准了劳工公约，相关工作取得进展。 [1]";

/** How a streamed answer reached a client that reads slowly. */
interface SlowRead {
  events: StreamEvent[];
  /** The response ended properly (`end`), rather than being cut (`aborted`, `error`). */
  endedCleanly: boolean;
  error?: string;
}

/**
 * Posts a streamed question and reads the answer slowly, pausing after every piece.
 * `onFirstDelta` is called once the first piece of the answer has arrived.
 */
function readStreamSlowly(baseUrl: string, onFirstDelta: () => void): Promise<SlowRead> {
  return new Promise((resolve) => {
    const url = new URL("/api/chat", baseUrl);
    let body = "";
    let sawDelta = false;
    const request = httpRequest(
      url,
      { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" } },
      (response) => {
        response.setEncoding("utf8");
        response.on("data", (piece: string) => {
          body += piece;
          if (!sawDelta && body.includes("event: delta")) {
            sawDelta = true;
            onFirstDelta();
          }
          response.pause();
          setTimeout(() => response.resume(), 50);
        });
        response.on("end", () =>
          resolve({ events: parseEvents(body), endedCleanly: !response.errored && response.complete }),
        );
        response.on("error", (error) =>
          resolve({ events: parseEvents(body), endedCleanly: false, error: error.message }),
        );
      },
    );
    request.on("error", (error) => resolve({ events: parseEvents(body), endedCleanly: false, error: error.message }));
    request.end(JSON.stringify({ question: QUESTION, stream: true }));
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote to stdout (its JSON log). */
  output(): string;
}

let webAssetsDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  webAssetsDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-shutdown-web-"));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await rm(webAssetsDir, { recursive: true, force: true });
});

/** How the server is started: its own command line, or `npm start` as an orchestrator would run it. */
const SERVE_DIRECTLY = [process.execPath, "--import", "tsx", "src/cli.ts", "serve"];
const NPM_START = ["npm", "start", "--silent"];

/** `node --import tsx src/cli.ts serve` (or `command`) on a free port of 127.0.0.1, over the test run's index. */
async function spawnServer(
  env: Record<string, string>,
  indexDir = inject("indexDir"),
  command = SERVE_DIRECTLY,
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(command[0], command.slice(1), {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      INDEX_DIR: indexDir,
      CORPUS_DIR: path.resolve("corpus"),
      WEB_ASSETS_DIR: webAssetsDir,
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (piece: Buffer) => {
    output += piece.toString("utf8");
  });
  child.stderr?.on("data", (piece: Buffer) => {
    output += piece.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
}

/** Polls `path` until it answers `status`, or fails after `timeoutMs`. */
async function waitFor(server: ServerProcess, probePath: string, status: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null)
      throw new Error(`the server exited with ${server.child.exitCode}: ${server.output()}`);
    const answered = await fetch(`${server.url}${probePath}`).then(
      (response) => response.status,
      () => 0,
    );
    if (answered === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${probePath} did not answer ${status} within ${timeoutMs} ms: ${server.output()}`);
}

function withinMs<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) =>
      setTimeout(() => reject(new Error(`${what} took over ${timeoutMs} ms`)), timeoutMs),
    ),
  ]);
}

describe("SIGTERM during a streamed answer (the real server as a child process)", () => {
  let upstream: SlowUpstream;

  afterEach(async () => {
    await upstream?.close();
  });

  it("says draining while it still serves, then stops accepting, finishes the stream with its done event, and exits 0", async () => {
    upstream = await startSlowUpstream({ reply: SLOW_REPLY, pieceDelayMs: 250 });
    const server = await spawnServer({
      OPENAI_BASE_URL: upstream.url,
      CHAT_MODEL: "test-model",
      UPSTREAM_MAX_RETRIES: "0",
      SHUTDOWN_TIMEOUT_MS: "20000",
      SHUTDOWN_DRAIN_MS: "1000",
    });
    await waitFor(server, "/readyz", 200);

    let signalled!: () => void;
    const signalSent = new Promise<void>((resolve) => {
      signalled = resolve;
    });
    const read = readStreamSlowly(server.url, () => {
      server.child.kill("SIGTERM");
      signalled();
    });
    await withinMs(signalSent, 10_000, "the first piece of the answer");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Within the drain window a new connection is served, and told that the server is draining.
    const draining = await fetch(`${server.url}/readyz`);
    expect(draining.status).toBe(503);
    expect(draining.headers.get("connection")).toBe("close");
    expect(await draining.json()).toMatchObject({ status: "draining" });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const refused = await fetch(`${server.url}/livez`).then(
      () => "served",
      (error: Error) => String((error.cause as { code?: string } | undefined)?.code ?? error.message),
    );
    expect(refused).toBe("ECONNREFUSED");

    const { events, endedCleanly, error } = await withinMs(read, 20_000, "the stream");
    expect(error).toBeUndefined();
    expect(endedCleanly).toBe(true);
    expect(events.at(-1)?.event).toBe("done");
    const answer = events
      .filter((item) => item.event === "delta")
      .map((item) => (item.data as { text: string }).text)
      .join("");
    expect(answer).toBe((events.at(-1)?.data as ChatResponse | undefined)?.answer);
    expect(answer).toContain("劳工公约");
    expect(upstream.completions.at(-1)).toMatchObject({ finished: true, closedEarly: false });

    const exit = await withinMs(server.exited, 10_000, "the exit");
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/"msg":"stopped"/u);
    expect(server.output()).toMatch(/"inFlightAtStart":1/u);
  });

  it("ends a stream that would outlast SHUTDOWN_TIMEOUT_MS cleanly, and still exits 0 in time", async () => {
    upstream = await startSlowUpstream({ reply: SLOW_REPLY, pieceDelayMs: 100, stallAfterPieces: 2 });
    const server = await spawnServer({
      OPENAI_BASE_URL: upstream.url,
      CHAT_MODEL: "test-model",
      UPSTREAM_MAX_RETRIES: "0",
      UPSTREAM_TIMEOUT_MS: "60000",
      SHUTDOWN_TIMEOUT_MS: "800",
      SHUTDOWN_DRAIN_MS: "0",
    });
    await waitFor(server, "/readyz", 200);

    let signalledAt = 0;
    const read = readStreamSlowly(server.url, () => {
      signalledAt = Date.now();
      server.child.kill("SIGTERM");
    });
    const { events, endedCleanly, error } = await withinMs(read, 10_000, "the stream");
    const exit = await withinMs(server.exited, 10_000, "the exit");
    const shutdownMs = Date.now() - signalledAt;

    expect(error).toBeUndefined();
    expect(endedCleanly).toBe(true);
    expect(events.map((item) => item.event)).toContain("delta");
    expect(events.at(-1)?.event).not.toBe("done");
    expect(exit).toEqual({ code: 0, signal: null });
    // 800 ms of waiting, the ended stream's flush, and the process exit.
    expect(shutdownMs).toBeLessThan(4000);
    expect(server.output()).toMatch(/"endedEarly":1/u);
  });

  it("exits 0 on SIGINT when idle, and on SIGTERM while the index is still being built", async () => {
    const idle = await spawnServer({});
    await waitFor(idle, "/readyz", 200);
    idle.child.kill("SIGINT");
    expect(await withinMs(idle.exited, 5000, "the exit")).toEqual({ code: 0, signal: null });

    const emptyIndexDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-shutdown-index-"));
    try {
      const building = await spawnServer({ SHUTDOWN_DRAIN_MS: "0" }, emptyIndexDir);
      await waitFor(building, "/livez", 200);
      const readiness = await fetch(`${building.url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toMatchObject({ status: "starting", index: { status: "loading" } });
      building.child.kill("SIGTERM");
      expect(await withinMs(building.exited, 10_000, "the exit")).toEqual({ code: 0, signal: null });
      // The build stopped with the process, and its lock with it.
      expect(await readdir(emptyIndexDir)).not.toContain(".ingest.lock");
    } finally {
      await rm(emptyIndexDir, { recursive: true, force: true });
    }
  });
});

describe("SIGTERM to `npm start` with streams open", () => {
  let upstream: SlowUpstream;

  afterEach(async () => {
    await upstream?.close();
  });

  it("reaches the server: it drains for SHUTDOWN_DRAIN_MS, every stream ends with done, and npm exits 0", async () => {
    const streams = 6;
    upstream = await startSlowUpstream({ reply: SLOW_REPLY, pieceDelayMs: 250 });
    const server = await spawnServer(
      {
        OPENAI_BASE_URL: upstream.url,
        CHAT_MODEL: "test-model",
        UPSTREAM_MAX_RETRIES: "0",
        SHUTDOWN_TIMEOUT_MS: "20000",
        SHUTDOWN_DRAIN_MS: "1500",
        RATE_LIMIT_CHAT: "1000",
      },
      inject("indexDir"),
      NPM_START,
    );
    await waitFor(server, "/readyz", 200);
    let started = 0;
    let allStarted!: () => void;
    const allStreaming = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    const reads = Array.from({ length: streams }, () =>
      readStreamSlowly(server.url, () => {
        started += 1;
        if (started === streams) allStarted();
      }),
    );
    await withinMs(allStreaming, 20_000, "the first piece of every answer");
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // npm is still there (it waits for the server it runs), and the server serves, saying it drains.
    expect(server.child.exitCode).toBeNull();
    const readiness = await fetch(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: "draining" });

    const results = await withinMs(Promise.all(reads), 20_000, "the streams");
    for (const { events, endedCleanly, error } of results) {
      expect(error).toBeUndefined();
      expect(endedCleanly).toBe(true);
      expect(events.at(-1)?.event).toBe("done");
    }
    const exit = await withinMs(server.exited, 20_000, "npm's exit");
    const exitedAfterMs = Date.now() - signalledAt;
    expect(exit).toEqual({ code: 0, signal: null });
    // The drain window is kept: the server listened on for at least SHUTDOWN_DRAIN_MS.
    expect(exitedAfterMs).toBeGreaterThanOrEqual(1500);
    expect(server.output()).toMatch(/"inFlightAtStart":6/u);
    const afterExit = await fetch(`${server.url}/livez`).then(
      () => "served",
      () => "refused",
    );
    expect(afterExit).toBe("refused");
  });
});

describe("a client that disconnects mid-stream", () => {
  let upstream: SlowUpstream;
  let server: TestServer;

  beforeAll(async () => {
    upstream = await startSlowUpstream({ reply: SLOW_REPLY, pieceDelayMs: 200 });
    server = await startTestServer({
      OPENAI_BASE_URL: upstream.url,
      CHAT_MODEL: "test-model",
      UPSTREAM_MAX_RETRIES: "0",
    });
  });

  afterAll(async () => {
    await server?.close();
    await upstream?.close();
  });

  it("stops the answer's upstream request", async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: QUESTION, stream: true }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let received = "";
    while (!received.includes("event: delta")) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const completion = upstream.completions.at(-1);
    expect(completion?.closedEarly).toBe(true);
    expect(completion?.piecesSent).toBeLessThan(5);

    const health = await fetch(`${server.url}/readyz`);
    expect(health.status).toBe(200);
  });
});

describe("probes", () => {
  it("/livez answers at once, /healthz and /readyz 503 until the index is loaded", async () => {
    const config = loadConfig({ INDEX_DIR: inject("indexDir"), LOG_LEVEL: "silent" });
    const app = createApp({ config, logger: createLogger({ level: "silent" }), runtime: new Runtime() });
    const loading = createServer(app);
    await new Promise<void>((resolve) => loading.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(loading.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/livez`)).status).toBe(200);
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
      const readiness = await fetch(`${url}/readyz`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toEqual({
        status: "starting",
        index: { status: "loading" },
        chatModel: { circuit: "not_configured" },
      });
    } finally {
      loading.closeAllConnections();
      await new Promise<void>((resolve) => loading.close(() => resolve()));
    }
  });

  it("/readyz reports the index and mode when ready, and 503 draining once a shutdown begins", async () => {
    const server = await startTestServer();
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: "ready",
        index: { status: "loaded", embedder: expect.stringMatching(/^local-hashed-tfidf/u) },
        mode: "extractive",
        chatModel: { circuit: "not_configured" },
      });
    } finally {
      await server.close();
    }

    const inFlight = new InFlightRequests(createLogger({ level: "silent" }));
    const config = loadConfig({ INDEX_DIR: inject("indexDir"), LOG_LEVEL: "silent" });
    const app = createApp({ config, logger: createLogger({ level: "silent" }), runtime: new Runtime(), inFlight });
    const draining = createServer(app);
    await new Promise<void>((resolve) => draining.listen(0, "127.0.0.1", resolve));
    try {
      inFlight.beginDraining();
      const response = await fetch(`http://127.0.0.1:${(draining.address() as AddressInfo).port}/readyz`);
      expect(response.status).toBe(503);
      expect(response.headers.get("connection")).toBe("close");
      expect(await response.json()).toMatchObject({ status: "draining" });
    } finally {
      draining.closeAllConnections();
      await new Promise<void>((resolve) => draining.close(() => resolve()));
    }
  });

  it("/readyz reports the chat model's circuit opening when the upstream keeps failing", async () => {
    const upstream = await startOpenAICompatibleServer();
    const server = await startTestServer({
      OPENAI_BASE_URL: upstream.url,
      CHAT_MODEL: "test-model",
      UPSTREAM_MAX_RETRIES: "0",
      UPSTREAM_TIMEOUT_MS: "2000",
    });
    try {
      expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({
        mode: "llm",
        chatModel: { circuit: "closed" },
      });
      upstream.behave({ kind: "status", status: 500 });
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const answer = await fetch(`${server.url}/api/chat`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question: QUESTION }),
        });
        expect(answer.status).toBe(200);
      }
      const readiness = await fetch(`${server.url}/readyz`);
      // Answers still come (extracted from the report), so the server stays ready.
      expect(readiness.status).toBe(200);
      expect(await readiness.json()).toMatchObject({ status: "ready", mode: "llm", chatModel: { circuit: "open" } });
    } finally {
      await server.close();
      await upstream.close();
    }
  });
});
