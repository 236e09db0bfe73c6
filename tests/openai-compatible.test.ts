import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AIMessageChunk, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import OpenAI, { APIError } from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createApp } from "../src/http/create-app.js";
import { RESTART_SEPARATOR } from "../src/http/openai-completion-stream.js";
import {
  estimateTokens,
  type ReportChatCompletion,
  type ReportChatCompletionChunk,
} from "../src/http/openai-format.js";
import { createLogger } from "../src/logger.js";
import { Runtime } from "../src/runtime.js";
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from "./helpers/openai-compatible-server.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

const QUESTION = "成果目标3的实际支出是多少？";
const SOURCES_HEADING = "来源 / Sources:";

let server: TestServer;
let client: OpenAI;

function clientFor(url: string, apiKey = "any-key"): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });
}

function askedOnce(content: string): OpenAI.Chat.ChatCompletionMessageParam[] {
  return [{ role: "user", content }];
}

async function answerOf(messages: OpenAI.Chat.ChatCompletionMessageParam[]): Promise<ReportChatCompletion> {
  return (await client.chat.completions.create({ model: "report-chat", messages })) as ReportChatCompletion;
}

/** The error a call rejects with, for asserting its class and fields. */
async function rejectionOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** The chunks of a streamed completion, and their content put together. */
async function streamedFrom(
  openai: OpenAI,
  request: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
): Promise<{ chunks: ReportChatCompletionChunk[]; content: string }> {
  const chunks: ReportChatCompletionChunk[] = [];
  for await (const chunk of await openai.chat.completions.create({ ...request, stream: true }))
    chunks.push(chunk as ReportChatCompletionChunk);
  return { chunks, content: chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("") };
}

async function postRaw(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  client = clientFor(server.url);
});

afterAll(async () => {
  await server?.close();
});

describe("GET /v1/models", () => {
  it("lists the one model served", async () => {
    const models = await client.models.list();
    expect(models.data).toEqual([
      { id: "report-chat", object: "model", created: expect.any(Number), owned_by: "report-chat" },
    ]);
  });

  it("retrieves it by id, and answers 404 for any other", async () => {
    expect((await client.models.retrieve("report-chat")).id).toBe("report-chat");
    const error = await rejectionOf(client.models.retrieve("gpt-4o"));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, type: "not_found_error", code: "model_not_found" });
  });
});

describe("POST /v1/chat/completions", () => {
  let plain: ReportChatCompletion;

  beforeAll(async () => {
    plain = await answerOf(askedOnce(QUESTION));
  });

  it("answers in the chat.completion format", () => {
    expect(plain).toMatchObject({ object: "chat.completion", model: "report-chat", found: true });
    expect(plain.id).toMatch(/^chatcmpl-/u);
    expect(plain.choices).toHaveLength(1);
    expect(plain.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant" } });
    const usage = plain.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it("cites with [n] markers and ends with the sources list", () => {
    const content = plain.choices[0].message.content ?? "";
    expect(content).toContain("[1]");
    const [answer, sources] = content.split(`\n\n---\n${SOURCES_HEADING}\n`);
    expect(sources).toBeDefined();
    const first = plain.citations.find((citation) => citation.id === 1);
    expect(first).toBeDefined();
    expect(sources).toContain(`- [1] ${first?.section}`);
    expect(answer).not.toContain(SOURCES_HEADING);
  });

  it("states a figure that the cited passage holds, and returns it with the citations", () => {
    const content = plain.choices[0].message.content ?? "";
    const traced = plain.figures.filter((figure) => figure.source !== undefined);
    expect(traced.length).toBeGreaterThan(0);
    for (const figure of traced) {
      expect(content).toContain(figure.value);
      const cited = plain.citations.find((citation) => citation.id === figure.citation);
      expect(
        cited?.text.slice(figure.source?.start, (figure.source?.start ?? 0) + (figure.source?.span.length ?? 0)),
      ).toBe(figure.source?.span);
      expect(content).toContain(`[${figure.citation}]`);
    }
    expect(plain.mode).toBe("extractive");
  });

  it("streams chunks whose content adds up to the non-streamed answer", async () => {
    const stream = await client.chat.completions.create({
      model: "report-chat",
      messages: askedOnce(QUESTION),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ReportChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk as ReportChatCompletionChunk);
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    expect(content).toBe(plain.choices[0].message.content);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.id === chunks[0].id)).toBe(true);
    const withChoices = chunks.filter((chunk) => chunk.choices.length > 0);
    const last = withChoices.at(-1);
    expect(last?.choices[0].finish_reason).toBe("stop");
    expect(withChoices.slice(0, -1).every((chunk) => chunk.choices[0].finish_reason === null)).toBe(true);
    expect(last).toMatchObject({ found: true, mode: "extractive", citations: plain.citations, figures: plain.figures });
    const usageChunk = chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toEqual(plain.usage);
  });

  it("ends the stream with data: [DONE], and sends no usage chunk unless asked", async () => {
    const response = await postRaw(
      "/v1/chat/completions",
      JSON.stringify({ model: "report-chat", messages: askedOnce(QUESTION), stream: true }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/u);
    const events = (await response.text()).split("\n\n").filter((event) => event !== "");
    expect(events.every((event) => event.startsWith("data: "))).toBe(true);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice("data: ".length)) as ChatCompletionChunk);
    expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined)).toBe(true);
  });

  it("leaves system messages out of the question", async () => {
    const withSystem = await answerOf([
      { role: "system", content: "You are a helpful assistant. Answer briefly." },
      ...askedOnce(QUESTION),
    ]);
    expect(withSystem.choices[0].message.content).toBe(plain.choices[0].message.content);
  });

  it("accepts content as an array of text parts", async () => {
    const parts = await answerOf([{ role: "user", content: [{ type: "text", text: QUESTION }] }]);
    expect(parts.choices[0].message.content).toBe(plain.choices[0].message.content);
  });

  it("follows a conversation: a follow-up is read with the earlier question", async () => {
    const followUp = await answerOf([
      { role: "system", content: "You answer questions about the ILO report." },
      { role: "user", content: QUESTION },
      { role: "assistant", content: plain.choices[0].message.content ?? "" },
      { role: "user", content: "那成果目标4呢？" },
    ]);
    const content = followUp.choices[0].message.content ?? "";
    expect(followUp.found).toBe(true);
    expect(content).toContain("[1]");
    expect(content).toContain(SOURCES_HEADING);
    expect(content).not.toBe(plain.choices[0].message.content);
    expect(`${content}${followUp.citations.map((citation) => citation.section).join(" ")}`).toMatch(/成果目标\s*4/u);
  });

  it("ignores sampling options that do not apply", async () => {
    const tuned = (await client.chat.completions.create({
      model: "report-chat",
      messages: askedOnce(QUESTION),
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 50,
      n: 1,
      stop: ["\n\n\n"],
      seed: 7,
      user: "someone",
      presence_penalty: 0,
    })) as ReportChatCompletion;
    expect(tuned.choices[0].message.content).toBe(plain.choices[0].message.content);
  });
});

describe("LangChain ChatOpenAI pointed at report-chat", () => {
  function chatModel(): ChatOpenAI {
    return new ChatOpenAI({
      model: "report-chat",
      apiKey: "any-key",
      maxRetries: 0,
      configuration: { baseURL: `${server.url}/v1` },
    });
  }

  it("invokes and streams the same cited answer", async () => {
    const messages = [new SystemMessage("You answer questions about the ILO report."), new HumanMessage(QUESTION)];
    const invoked = await chatModel().invoke(messages);
    expect(typeof invoked.content).toBe("string");
    expect(invoked.content).toContain("[1]");
    expect(invoked.content).toContain(SOURCES_HEADING);
    expect(invoked.usage_metadata?.total_tokens).toBeGreaterThan(0);

    let streamed: AIMessageChunk | undefined;
    for await (const chunk of await chatModel().stream(messages)) streamed = streamed ? streamed.concat(chunk) : chunk;
    expect(streamed?.content).toBe(invoked.content);
    expect(streamed?.usage_metadata?.total_tokens).toBe(invoked.usage_metadata?.total_tokens);
  });
});

describe("in LLM mode, over a loopback OpenAI-compatible upstream", () => {
  /** Answered from the report's text rather than its tables, so the question reaches the model. */
  const textQuestion = "两年期内有多少个成员国批准了劳工公约？";
  let upstream: OpenAICompatibleServer;
  let llmServer: TestServer;
  let llmClient: OpenAI;

  beforeAll(async () => {
    upstream = await startOpenAICompatibleServer();
    llmServer = await startTestServer({
      OPENAI_BASE_URL: upstream.url,
      CHAT_MODEL: "test-model",
      UPSTREAM_TIMEOUT_MS: "1500",
      UPSTREAM_MAX_RETRIES: "0",
    });
    llmClient = clientFor(llmServer.url);
  });

  afterAll(async () => {
    await llmServer?.close();
    await upstream?.close();
  });

  it("streams the model's answer as it writes it, adding up to the non-streamed answer", async () => {
    upstream.behave({ kind: "answer-from-passages" });
    const request = { model: "report-chat", messages: askedOnce(textQuestion) };
    const whole = (await llmClient.chat.completions.create(request)) as ReportChatCompletion;
    expect(whole.mode).toBe("llm");
    expect(whole.choices[0].message.content).toContain("[1]");
    expect(whole.choices[0].message.content).toContain(SOURCES_HEADING);
    const { chunks, content } = await streamedFrom(llmClient, request);
    expect(content).toBe(whole.choices[0].message.content);
    expect(chunks.at(-1)).toMatchObject({ mode: "llm", found: true });
  });

  it("when the model fails mid-answer, goes on with the answer from the passages after a separator", async () => {
    upstream.behave({ kind: "cut-stream" }, { times: 1 });
    const { chunks, content } = await streamedFrom(llmClient, {
      model: "report-chat",
      messages: askedOnce(textQuestion),
    });
    upstream.behave({ kind: "cut-stream" }, { times: 1 });
    const fallback = (await llmClient.chat.completions.create({
      model: "report-chat",
      messages: askedOnce(textQuestion),
    })) as ReportChatCompletion;
    expect(fallback.mode).toBe("extractive");
    expect(fallback.notice).toEqual(expect.any(String));
    const [partial, restarted] = content.split(RESTART_SEPARATOR);
    expect(partial.length).toBeGreaterThan(0);
    expect(restarted).toBe(fallback.choices[0].message.content);
    expect(chunks.filter((chunk) => chunk.choices.length > 0).at(-1)).toMatchObject({
      mode: "extractive",
      notice: expect.any(String),
    });
  });
});

describe("errors in the OpenAI shape", () => {
  const base = { model: "report-chat", messages: askedOnce(QUESTION) };

  it.each([
    ["n above 1", { ...base, n: 2 }, "n", "unsupported_value"],
    ["no messages", { ...base, messages: [] }, "messages", "invalid_request"],
    [
      "a last message not from the user",
      { ...base, messages: [...askedOnce(QUESTION), { role: "assistant", content: "…" }] },
      "messages",
      "invalid_request",
    ],
    ["an empty question", { ...base, messages: askedOnce("   ") }, "messages.0.content", "invalid_request"],
    ["messages of the wrong type", { ...base, messages: "hello" }, "messages", "invalid_request"],
    ["a temperature of the wrong type", { ...base, temperature: "warm" }, "temperature", "invalid_request"],
    [
      "an unknown role",
      { ...base, messages: [{ role: "robot", content: QUESTION }] },
      "messages.0.role",
      "invalid_request",
    ],
    [
      "an image part",
      {
        ...base,
        messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] }],
      },
      "messages.0.content.0.type",
      "unsupported_value",
    ],
    [
      "a forced tool call",
      { ...base, tools: [{ type: "function", function: { name: "lookup" } }], tool_choice: "required" },
      "tool_choice",
      "unsupported_value",
    ],
    [
      "a JSON response format",
      { ...base, response_format: { type: "json_object" } },
      "response_format.type",
      "unsupported_value",
    ],
  ])("refuses %s with 400", async (_case, body, param, code) => {
    const error = await rejectionOf(
      client.chat.completions.create(body as unknown as OpenAI.Chat.ChatCompletionCreateParamsNonStreaming),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, type: "invalid_request_error", param, code });
    expect((error as APIError).message).not.toBe("400 status code (no body)");
  });

  it("answers an unknown model with 404 model_not_found", async () => {
    const error = await rejectionOf(client.chat.completions.create({ ...base, model: "gpt-4o" }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, type: "not_found_error", code: "model_not_found", param: "model" });
  });

  it("answers an unknown model with 404 before streaming", async () => {
    const error = await rejectionOf(client.chat.completions.create({ ...base, model: "gpt-4o", stream: true }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("answers an unknown /v1 route with 404", async () => {
    const error = await rejectionOf(client.embeddings.create({ model: "report-chat", input: "hello" }));
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, type: "not_found_error", code: "unknown_url" });
    const response = await fetch(`${server.url}/v1/chat/completions`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: "not_found_error", param: null, code: "unknown_url" },
    });
  });

  it("answers malformed JSON with 400", async () => {
    const response = await postRaw("/v1/chat/completions", '{"model": "report-chat", "messages": [');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: "invalid_request_error", param: null, code: "invalid_json" },
    });
  });

  it("answers a body that is not a JSON object with 400", async () => {
    const response = await postRaw("/v1/chat/completions", "model=report-chat", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_request" } });
  });

  it("answers a body that is too large with 413", async () => {
    const error = await rejectionOf(
      client.chat.completions.create({ ...base, messages: askedOnce("支出".repeat(40_000)) }),
    );
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ status: 413, type: "invalid_request_error", code: "request_too_large" });
  });

  it("answers a question above the length limit with 400", async () => {
    const error = await rejectionOf(
      client.chat.completions.create({ ...base, messages: askedOnce("支出".repeat(1_500)) }),
    );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ code: "string_above_max_length", param: "messages.0.content" });
  });
});

describe("a server that is still loading the index", () => {
  let loading: Server;
  let url: string;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: "silent" }, process.cwd());
    loading = createServer(createApp({ config, logger: createLogger({ level: "silent" }), runtime: new Runtime() }));
    await new Promise<void>((resolve) => loading.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(loading.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => loading.close(() => resolve()));
  });

  it("answers 503 not_ready, which clients may retry", async () => {
    const error = await rejectionOf(clientFor(url).chat.completions.create(base()));
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(error).toMatchObject({ status: 503, type: "server_error", code: "not_ready" });
    expect((error as APIError).headers?.get("retry-after")).toBe("5");
  });

  it("still lists its model", async () => {
    expect((await clientFor(url).models.list()).data.map((model) => model.id)).toEqual(["report-chat"]);
  });

  function base(): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
    return { model: "report-chat", messages: askedOnce(QUESTION) };
  }
});

describe("with API_KEYS and MODEL_NAME set", () => {
  let keyed: TestServer;

  beforeAll(async () => {
    keyed = await startTestServer({ API_KEYS: "first-key,second-key", MODEL_NAME: "ilo-pir" });
  });

  afterAll(async () => {
    await keyed?.close();
  });

  it("serves the configured model to a client with a key", async () => {
    const keyedClient = clientFor(keyed.url, "second-key");
    expect((await keyedClient.models.list()).data.map((model) => model.id)).toEqual(["ilo-pir"]);
    const completion = await keyedClient.chat.completions.create({ model: "ilo-pir", messages: askedOnce(QUESTION) });
    expect(completion.model).toBe("ilo-pir");
    expect(completion.choices[0].message.content).toContain("[1]");
  });

  it("refuses a wrong key with 401 invalid_api_key", async () => {
    const error = await rejectionOf(
      clientFor(keyed.url, "wrong-key").chat.completions.create({ model: "ilo-pir", messages: askedOnce(QUESTION) }),
    );
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ status: 401, type: "authentication_error", code: "invalid_api_key" });
  });

  it("refuses a missing key with 401 invalid_api_key", async () => {
    const response = await fetch(`${keyed.url}/v1/models`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: "authentication_error", param: null, code: "invalid_api_key" },
    });
  });
});

describe("estimateTokens", () => {
  it("counts a token per Chinese character and one per four other non-space characters", () => {
    expect(estimateTokens("实际支出")).toBe(4);
    expect(estimateTokens("57.2 million")).toBe(3);
    // 14 Han characters, then "357.2[1]。": 9 others, 3 tokens.
    expect(estimateTokens("成果目标 3 的实际支出为 57.2 百万美元[1]。")).toBe(17);
    expect(estimateTokens("")).toBe(0);
  });
});
