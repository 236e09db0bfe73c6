import { createServer } from "node:http";
import { type AddressInfo, connect } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmAnswerer } from "../src/answer/llm-answerer.js";
import { EventStream } from "../src/http/sse.js";
import { createLogger } from "../src/logger.js";
import type { ChatResponse } from "../src/types.js";
import {
  type OpenAICompatibleServer,
  type RecordedRequest,
  startOpenAICompatibleServer,
} from "./helpers/openai-compatible-server.js";
import { parseEvents } from "./helpers/server-sent-events.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

/** Answered from the report's text rather than its tables, so the question reaches the model. */
const QUESTION = "两年期内有多少个成员国批准了劳工公约？";

let upstream: OpenAICompatibleServer;

beforeAll(async () => {
  upstream = await startOpenAICompatibleServer();
});

afterAll(async () => {
  await upstream.close();
});

async function withServer(env: Record<string, string>, test: (server: TestServer) => Promise<void>): Promise<void> {
  const server = await startTestServer({
    OPENAI_BASE_URL: upstream.url,
    CHAT_MODEL: "test-model",
    UPSTREAM_TIMEOUT_MS: "3000",
    UPSTREAM_MAX_RETRIES: "0",
    ...env,
  });
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

async function ask(server: TestServer, stream = false): Promise<{ text: string; response: Response }> {
  const response = await fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question: QUESTION, stream }),
  });
  expect(response.status).toBe(200);
  return { text: await response.text(), response };
}

/** The chat completion requests the upstream receives from now on. */
function requestsFromNow(): () => RecordedRequest[] {
  const before = upstream.requests.length;
  return () => upstream.requests.slice(before).filter((request) => request.path === "/v1/chat/completions");
}

/** Resolves once `condition` holds, polling; rejects after `timeoutMs` so a test cannot hang. */
async function eventually(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("LLM answers are bounded", () => {
  it("sends max_tokens from LLM_MAX_TOKENS", async () => {
    upstream.behave({ kind: "answer-from-passages" });
    const received = requestsFromNow();
    await withServer({ LLM_MAX_TOKENS: "321" }, async (server) => {
      await ask(server);
    });
    expect(received().map((request) => (request.body as { max_tokens?: number }).max_tokens)).toEqual([321]);
  });

  it("cuts a 10 MB answer at LLM_MAX_ANSWER_CHARS and stops reading it", async () => {
    upstream.behave({ kind: "huge", characters: 10_000_000 });
    const received = requestsFromNow();
    await withServer({ LLM_MAX_ANSWER_CHARS: "4000" }, async (server) => {
      const { text } = await ask(server);
      expect(text.length).toBeLessThan(100_000);
      const body = JSON.parse(text) as ChatResponse;
      expect(body.mode).toBe("llm");
      expect(body.answer.length).toBeLessThanOrEqual(4002);
      expect(body.answer.endsWith("…")).toBe(true);
      await eventually(() => received()[0]?.closedEarly === true, 5000, "closing the upstream request");
      expect(received()[0].bytesSent).toBeLessThan(10_000_000);
    });
  });

  it("stops reading a 10 MB non-streamed reply (a follow-up's condense call) past its byte limit", async () => {
    upstream.behave((request) =>
      (request.body as { stream?: boolean }).stream
        ? { kind: "answer-from-passages" }
        : { kind: "huge", characters: 10_000_000 },
    );
    const received = requestsFromNow();
    await withServer({ LLM_MAX_ANSWER_CHARS: "4000" }, async (server) => {
      const response = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          messages: [
            { role: "user", content: "经常预算的交付率是多少？" },
            { role: "assistant", content: "交付率为 99.1%。[1]" },
            { role: "user", content: QUESTION },
          ],
        }),
      });
      const body = (await response.json()) as ChatResponse;
      expect(body.mode).toBe("extractive");
      expect(body.notice).toMatch(/reply passed 1600000 bytes/u);
      await eventually(() => received()[0]?.closedEarly === true, 5000, "closing the upstream request");
      expect(received()[0].bytesSent).toBeLessThan(10_000_000);
    });
  });

  it("ends a never-ending answer at LLM_ANSWER_DEADLINE_MS with the extractive answer, and says why", async () => {
    upstream.behave({ kind: "endless", pieceDelayMs: 20 });
    const received = requestsFromNow();
    await withServer({ LLM_ANSWER_DEADLINE_MS: "1500", LLM_MAX_ANSWER_CHARS: "1000000" }, async (server) => {
      const events = parseEvents((await ask(server, true)).text);
      expect(events.map((event) => event.event)).toContain("restart");
      const done = events.at(-1);
      expect(done?.event).toBe("done");
      const response = done?.data as ChatResponse;
      expect(response.mode).toBe("extractive");
      expect(response.notice).toMatch(/did not finish within 1500 ms/u);
      await eventually(() => received()[0]?.closedEarly === true, 5000, "closing the upstream request");
    });
  });

  it("lets clients that stop reading hold their answers back until the deadline, then ends each cleanly", async () => {
    // Pieces of 16,384 characters, as fast as they are taken from the upstream.
    upstream.behave({ kind: "huge", characters: 1_000_000_000, pieceCharacters: 16_384 });
    const received = requestsFromNow();
    await withServer({ LLM_ANSWER_DEADLINE_MS: "2000", LLM_MAX_ANSWER_CHARS: "1000000" }, async (server) => {
      const { hostname, port } = new URL(server.url);
      const body = JSON.stringify({ question: QUESTION, stream: true });
      const clients = Array.from({ length: 4 }, () => {
        const socket = connect({ host: hostname, port: Number(port) });
        socket.pause();
        socket.write(
          `POST /api/chat HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return socket;
      });
      try {
        await eventually(() => received().length === 4, 5000, "four upstream requests");
        // While its clients read nothing, the server stops taking the answer, and at the deadline lets it go.
        await eventually(
          () => received().every((request) => request.closedEarly),
          10_000,
          "closing every upstream request",
        );
        for (const request of received()) expect(request.bytesSent).toBeLessThan(16 * 1024 * 1024);
        // Read now: each client gets what fitted in its connection (the kernel's buffers, not the
        // server's memory), then the fallback answer and done.
        const replies = await Promise.all(
          clients.map(
            (socket) =>
              new Promise<string>((resolve) => {
                let reply = "";
                socket.setEncoding("utf8");
                socket.on("data", (piece: string) => {
                  reply += piece;
                });
                socket.on("end", () => resolve(reply));
                socket.resume();
              }),
          ),
        );
        for (const reply of replies) expect(reply).toMatch(/event: done\ndata: [^\n]+\n\n\r\n0\r\n\r\n$/u);
      } finally {
        for (const socket of clients) socket.destroy();
      }
    });
  });
});

describe("the LLM answerer", () => {
  it("takes the next piece from the upstream only once the previous one was taken", async () => {
    upstream.behave({ kind: "huge", characters: 1_000_000, pieceCharacters: 100 });
    const model = createLlmAnswerer({
      model: "test-model",
      baseURL: upstream.url,
      timeoutMs: 3000,
      maxRetries: 0,
      deadlineMs: 1000,
      logger: createLogger({ level: "silent" }),
    });
    let taken = 0;
    // A client whose connection never drains: the first piece is never taken.
    const answer = model.answer({ question: QUESTION, history: [], passages: [], language: "zh" }, () => {
      taken += 1;
      return new Promise<void>(() => undefined);
    });
    await expect(answer).rejects.toThrow(/did not finish within 1000 ms/u);
    expect(taken).toBe(1);
  });
});

describe("EventStream", () => {
  it("returns a pending write once the client's connection is full, settled when the client reads", async () => {
    let stream: EventStream | undefined;
    const app = express();
    app.get("/", (_request, response) => {
      stream = new EventStream(response);
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const client = connect({ host: "127.0.0.1", port });
    client.pause();
    client.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    try {
      await eventually(() => stream !== undefined, 5000, "the stream");
      const piece = "数".repeat(65_536);
      let pending: Promise<void> | undefined;
      for (let sent = 0; sent < 2000 && !pending; sent += 1) {
        let settled = false;
        const write = stream!.send("delta", { text: piece }).then(() => {
          settled = true;
        });
        await new Promise((resolve) => setImmediate(resolve));
        if (!settled) pending = write;
      }
      expect(pending).toBeDefined();
      client.resume();
      await pending;
    } finally {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("upstream failures are reported as they happened", () => {
  it("reports an instant HTTP 500 after its retries as HTTP 500, not as a timeout", async () => {
    upstream.behave({ kind: "status", status: 500, message: "boom" });
    const received = requestsFromNow();
    await withServer({ UPSTREAM_MAX_RETRIES: "2", UPSTREAM_TIMEOUT_MS: "3000" }, async (server) => {
      const body = JSON.parse((await ask(server)).text) as ChatResponse;
      expect(body.mode).toBe("extractive");
      expect(body.notice).toMatch(/HTTP 500/u);
      expect(body.notice).not.toMatch(/no response within/u);
    });
    expect(received()).toHaveLength(3);
  });

  it("does not retry a 4xx", async () => {
    upstream.behave({ kind: "status", status: 422, message: "bad request" });
    const received = requestsFromNow();
    await withServer({ UPSTREAM_MAX_RETRIES: "2" }, async (server) => {
      const body = JSON.parse((await ask(server)).text) as ChatResponse;
      expect(body.notice).toMatch(/HTTP 422/u);
    });
    expect(received()).toHaveLength(1);
  });
});
