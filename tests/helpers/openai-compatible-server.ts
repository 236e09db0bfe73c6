import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * How the server answers the next requests.
 * - `answer-from-passages` (default): the first sentence of the passage fenced as `id="1"`, plus ` [1]`;
 *   without passages, the text fenced as `<question>` (so a condense request returns the question).
 * - `reply`: the given text.
 * - `status`: an HTTP error with an OpenAI-style error body.
 * - `hang`: never responds.
 * - `stall-stream`: sends the headers and the first piece of a stream, then nothing more.
 * - `cut-stream`: sends part of the reply, then destroys the socket.
 * - `malformed`: a 200 whose JSON (or streamed chunk) cannot be parsed.
 * - `huge`: a reply of `characters` characters, streamed in pieces of `pieceCharacters` (or one JSON
 *   body), written only as fast as the caller reads it.
 * - `endless`: a stream that never ends: one short piece every `pieceDelayMs` until the caller leaves.
 */
export type FakeBehaviour =
  | { kind: "answer-from-passages" }
  | { kind: "reply"; text: string }
  | { kind: "status"; status: number; message?: string }
  | { kind: "hang" }
  | { kind: "stall-stream" }
  | { kind: "cut-stream" }
  | { kind: "malformed" }
  | { kind: "huge"; characters: number; pieceCharacters?: number }
  | { kind: "endless"; pieceDelayMs: number };

/** One request the server received, body parsed as JSON when it is JSON. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body: unknown;
  /** True once the connection closed before the response was complete (the client gave up, or the socket was cut). */
  closedEarly: boolean;
  /** Bytes of response body written so far (counted for `huge` and `endless`). */
  bytesSent: number;
}

export interface ChatCompletionBody {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string }>;
  temperature?: number;
  max_tokens?: number;
}

export interface EmbeddingBody {
  model: string;
  input: string | string[];
  encoding_format?: "float" | "base64";
}

export type BehaviourChoice = FakeBehaviour | ((request: RecordedRequest) => FakeBehaviour);

export interface OpenAICompatibleServer {
  /** Base URL including `/v1`, as `OPENAI_BASE_URL` expects it. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Bodies of the `POST /v1/chat/completions` requests received. */
  chatRequests(): ChatCompletionBody[];
  /** Bodies of the `POST /v1/embeddings` requests received. */
  embeddingRequests(): EmbeddingBody[];
  /**
   * Sets how the following requests are answered; with `times`, only the next `times` requests,
   * after which the behaviour before returns.
   */
  behave(choice: BehaviourChoice, options?: { times?: number }): void;
  close(): Promise<void>;
}

export const EMBEDDING_DIMENSION = 64;

/** FNV-1a, enough to spread character bigrams over the vector. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const character of text) {
    hash ^= character.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A deterministic unit vector of the text's character bigrams. */
export function fakeEmbedding(text: string, dimension = EMBEDDING_DIMENSION): number[] {
  const vector = new Array<number>(dimension).fill(0);
  const characters = [...text.replace(/\s+/gu, "")];
  const grams =
    characters.length < 2
      ? characters
      : characters.slice(1).map((character, position) => characters[position] + character);
  for (const gram of grams) {
    const hash = hashOf(gram);
    vector[hash % dimension] += hash & 0x10000 ? 1 : -1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function firstSentence(text: string): string {
  const joined = text.replace(/\s*\n\s*/gu, "").trim();
  // A full stop only ends an English sentence before a space, so "2.674" stays whole.
  return (/^.*?(?:[。！？]|[.!?](?=\s|$))/u.exec(joined)?.[0] ?? joined).trim();
}

/** The default reply: the first sentence of passage 1, cited; the fenced question when there are no passages. */
export function replyFromPassages(body: ChatCompletionBody): string {
  const lastUser = [...body.messages].reverse().find((message) => message.role === "user")?.content ?? "";
  const passage = /<passage id="1"[^>]*>([\s\S]*?)<\/passage>/u.exec(lastUser);
  if (passage) return `${firstSentence(passage[1])} [1]`;
  const question = /<question>([\s\S]*?)<\/question>/u.exec(lastUser);
  return question ? question[1].trim() : "OK";
}

function pieces(text: string, size = 6): string[] {
  const characters = [...text];
  const result: string[] = [];
  for (let start = 0; start < characters.length; start += size)
    result.push(characters.slice(start, start + size).join(""));
  return result;
}

function completionChunk(content: string | undefined, finish: string | null, model: string): string {
  const delta = content === undefined ? {} : { role: "assistant", content };
  return JSON.stringify({
    id: "chatcmpl-fake",
    object: "chat.completion.chunk",
    created: 0,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

function startEventStream(response: ServerResponse): void {
  response.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-cache",
    Connection: "keep-alive",
  });
  response.flushHeaders();
}

const FILLER = "预算执行情况良好。";

/** Writes `text` and waits until the connection takes more; false once the caller has gone. */
function writePaced(response: ServerResponse, recorded: RecordedRequest, text: string): Promise<boolean> {
  if (recorded.closedEarly || response.destroyed) return Promise.resolve(false);
  recorded.bytesSent += Buffer.byteLength(text);
  if (response.write(text)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = () => {
      response.off("drain", settle);
      response.off("close", settle);
      resolve(!recorded.closedEarly);
    };
    response.on("drain", settle);
    response.on("close", settle);
  });
}

async function answerHuge(
  response: ServerResponse,
  recorded: RecordedRequest,
  body: ChatCompletionBody,
  behaviour: { characters: number; pieceCharacters?: number },
): Promise<void> {
  const model = body.model ?? "test-model";
  const pieceCharacters = behaviour.pieceCharacters ?? 65_536;
  const piece = FILLER.repeat(Math.ceil(pieceCharacters / FILLER.length)).slice(0, pieceCharacters);
  if (!body.stream) {
    const content = FILLER.repeat(Math.ceil(behaviour.characters / FILLER.length)).slice(0, behaviour.characters);
    const json = JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: 0,
      model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    });
    response.writeHead(200, { "Content-Type": "application/json" });
    for (let start = 0; start < json.length; start += pieceCharacters) {
      if (!(await writePaced(response, recorded, json.slice(start, start + pieceCharacters)))) return;
    }
    response.end();
    return;
  }
  startEventStream(response);
  for (let sent = 0; sent < behaviour.characters; sent += pieceCharacters) {
    if (!(await writePaced(response, recorded, `data: ${completionChunk(piece, null, model)}\n\n`))) return;
  }
  response.write(`data: ${completionChunk(undefined, "stop", model)}\n\n`);
  response.end("data: [DONE]\n\n");
}

async function answerEndlessly(
  response: ServerResponse,
  recorded: RecordedRequest,
  body: ChatCompletionBody,
  pieceDelayMs: number,
): Promise<void> {
  startEventStream(response);
  for (;;) {
    if (!(await writePaced(response, recorded, `data: ${completionChunk(FILLER, null, body.model)}\n\n`))) return;
    await new Promise((resolve) => setTimeout(resolve, pieceDelayMs));
  }
}

function answerChat(
  request: IncomingMessage,
  response: ServerResponse,
  body: ChatCompletionBody,
  behaviour: FakeBehaviour,
): void {
  const model = body.model ?? "test-model";
  const text = behaviour.kind === "reply" ? behaviour.text : replyFromPassages(body);
  if (behaviour.kind === "malformed") {
    if (body.stream) {
      startEventStream(response);
      response.end(`data: {"id":"chatcmpl-fake","choices":[{"delta":{"content":"半\n\n`);
    } else {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(`{"id":"chatcmpl-fake","object":"chat.completion","choices":[{"message":`);
    }
    return;
  }
  if (!body.stream) {
    if (behaviour.kind === "cut-stream" || behaviour.kind === "stall-stream") {
      if (behaviour.kind === "cut-stream") request.socket.destroy();
      return;
    }
    sendJson(response, 200, {
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: 0,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    });
    return;
  }
  startEventStream(response);
  const parts = pieces(text);
  if (behaviour.kind === "stall-stream") {
    response.write(`data: ${completionChunk(parts[0] ?? "", null, model)}\n\n`);
    return;
  }
  if (behaviour.kind === "cut-stream") {
    for (const part of parts.slice(0, Math.max(1, Math.floor(parts.length / 2))))
      response.write(`data: ${completionChunk(part, null, model)}\n\n`);
    setTimeout(() => request.socket.destroy(), 20);
    return;
  }
  for (const part of parts) response.write(`data: ${completionChunk(part, null, model)}\n\n`);
  response.write(`data: ${completionChunk(undefined, "stop", model)}\n\n`);
  response.end("data: [DONE]\n\n");
}

function answerEmbeddings(response: ServerResponse, body: EmbeddingBody, behaviour: FakeBehaviour): void {
  if (behaviour.kind === "malformed") {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(`{"object":"list","data":[{"embedding":`);
    return;
  }
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const data = inputs.map((input, index) => {
    const vector = fakeEmbedding(String(input));
    const embedding =
      body.encoding_format === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
    return { object: "embedding", index, embedding };
  });
  sendJson(response, 200, {
    object: "list",
    data,
    model: body.model,
    usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
  });
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const raw = Buffer.concat(parts).toString("utf8");
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/**
 * An OpenAI-compatible server on 127.0.0.1 and an ephemeral port: `POST /v1/chat/completions`
 * (JSON or streamed chunks ending `data: [DONE]`), `POST /v1/embeddings` (deterministic vectors of
 * dimension 64) and `GET /v1/models`. It records every request and answers as told by `behave`.
 */
export async function startOpenAICompatibleServer(): Promise<OpenAICompatibleServer> {
  const requests: RecordedRequest[] = [];
  let standing: BehaviourChoice = { kind: "answer-from-passages" };
  const queued: BehaviourChoice[] = [];

  function behaviourFor(recorded: RecordedRequest): FakeBehaviour {
    const choice = queued.shift() ?? standing;
    return typeof choice === "function" ? choice(recorded) : choice;
  }

  const server = createServer((request, response) => {
    void (async () => {
      const recorded: RecordedRequest = {
        method: request.method ?? "GET",
        path: (request.url ?? "/").split("?")[0],
        body: await readBody(request),
        closedEarly: false,
        bytesSent: 0,
      };
      response.on("close", () => {
        if (!response.writableFinished) recorded.closedEarly = true;
      });
      if (request.headers.authorization) recorded.authorization = request.headers.authorization;
      requests.push(recorded);
      const route = `${recorded.method} ${recorded.path}`;
      if (route === "GET /v1/models") {
        sendJson(response, 200, {
          object: "list",
          data: ["test-model", "test-embed"].map((id) => ({ id, object: "model", created: 0, owned_by: "fake" })),
        });
        return;
      }
      if (route !== "POST /v1/chat/completions" && route !== "POST /v1/embeddings") {
        sendJson(response, 404, { error: { message: `no route ${route}`, type: "invalid_request_error" } });
        return;
      }
      const behaviour = behaviourFor(recorded);
      if (behaviour.kind === "hang") return;
      if (behaviour.kind === "status") {
        sendJson(response, behaviour.status, {
          error: { message: behaviour.message ?? "the fake upstream failed on purpose", type: "server_error" },
        });
        return;
      }
      const chatBody = recorded.body as ChatCompletionBody;
      if (route === "POST /v1/embeddings") answerEmbeddings(response, recorded.body as EmbeddingBody, behaviour);
      else if (behaviour.kind === "huge") await answerHuge(response, recorded, chatBody, behaviour);
      else if (behaviour.kind === "endless")
        await answerEndlessly(response, recorded, chatBody, behaviour.pieceDelayMs);
      else answerChat(request, response, chatBody, behaviour);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () =>
      requests
        .filter((request) => request.path === "/v1/chat/completions")
        .map((request) => request.body as ChatCompletionBody),
    embeddingRequests: () =>
      requests.filter((request) => request.path === "/v1/embeddings").map((request) => request.body as EmbeddingBody),
    behave(choice, options = {}) {
      if (options.times === undefined) {
        queued.length = 0;
        standing = choice;
        return;
      }
      for (let count = 0; count < options.times; count += 1) queued.push(choice);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging and streaming responses hold their sockets open; close them so close() returns.
        server.closeAllConnections();
      }),
  };
}
