import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_EMBEDDER_ID } from "../src/embedding/hashed-tfidf-embeddings.js";
import { compactText } from "../src/text/normalize.js";
import type { ChatResponse, SearchResult } from "../src/types.js";
import { parseEvents } from "./helpers/server-sent-events.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

async function postChat(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function ask(question: string): Promise<ChatResponse> {
  const response = await postChat({ question });
  expect(response.status).toBe(200);
  return (await response.json()) as ChatResponse;
}

describe("GET /healthz", () => {
  it("is ok once the index is loaded", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", embedder: LOCAL_EMBEDDER_ID });
  });
});

describe("GET /api/search", () => {
  it("returns passages best first, with their sections", async () => {
    const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent("经常预算的交付率")}&k=3`);
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: SearchResult[] };
    expect(results).toHaveLength(3);
    expect(compactText(results[0].text)).toContain("交付率99.1%");
    expect(results[0].section.length).toBeGreaterThan(0);
    expect(results[0].score).toBeGreaterThanOrEqual(results[1].score);
  });

  it("finds exact terms such as a convention number", async () => {
    const response = await fetch(`${server.url}/api/search?q=${encodeURIComponent("第 182 号公约")}&k=5`);
    const { results } = (await response.json()) as { results: SearchResult[] };
    expect(results.some((result) => compactText(result.text).includes("第182号"))).toBe(true);
  });

  it.each([
    ["no q", ""],
    ["an empty q", "?q="],
    ["k out of range", `?q=${encodeURIComponent("预算")}&k=0`],
    ["k not a number", `?q=${encodeURIComponent("预算")}&k=abc`],
    ["an over-long q", `?q=${"a".repeat(2001)}`],
  ])("answers %s with a 400 JSON error", async (_name, query) => {
    const response = await fetch(`${server.url}/api/search${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});

describe("POST /api/chat", () => {
  it("answers a figure question with the figure, an inline marker and the cited passage", async () => {
    const result = await ask("经常预算的交付率是多少？");
    expect(result.found).toBe(true);
    expect(result.mode).toBe("extractive");
    expect(result.answer).toContain("99.1");
    expect(result.answer).toMatch(/\[1\]/u);
    expect(result.citations[0]).toMatchObject({ id: 1 });
    expect(compactText(result.citations[0].text)).toContain("99.1%");
    const figure = result.figures.find((item) => item.value === "99.1");
    expect(figure).toMatchObject({ unit: "%", citation: 1 });
    expect(
      result.citations[0].text.slice(figure!.source!.start, figure!.source!.start + figure!.source!.span.length),
    ).toBe(figure!.source!.span);
  });

  it("states only numbers that its cited passages hold", async () => {
    for (const question of [
      "全世界现在大概有多少人失业？",
      "人事费用占经常预算资源总额的多少？",
      "两年期内有几个成员国批准了第182号公约？",
    ]) {
      const result = await ask(question);
      for (const figure of result.figures) {
        const cited = result.citations.find((citation) => citation.id === figure.citation);
        expect(cited, `${question}: ${figure.value}`).toBeDefined();
        expect(compactText(cited!.text)).toContain(compactText(figure.value).replace(/多|余/gu, ""));
      }
    }
  });

  it("declines a question the report does not answer, saying what it covers", async () => {
    const result = await ask("2020年全球失业率是多少？");
    expect(result.found).toBe(false);
    expect(result.answer).toContain("报告中没有找到");
    expect(result.citations).toEqual([]);
    // It cites nothing, so it states no number either.
    expect(result.answer).not.toMatch(/\d/u);
  });

  it("answers an English question in English", async () => {
    const result = await ask("What was the delivery rate of the regular budget?");
    expect(result.found).toBe(true);
    // The figure asked for comes first, in English, then the report's own sentence.
    expect(result.answer).toMatch(/^99\.1% \[1\]\. The report, in Chinese: “[^”]*99\.1%[^”]*”\[1\]/u);
  });

  it("resolves a follow-up with the earlier turns", async () => {
    const first = await ask("成果目标3的实际支出是多少？");
    const response = await postChat({
      messages: [
        { role: "user", content: "成果目标3的实际支出是多少？" },
        { role: "assistant", content: first.answer },
        { role: "user", content: "那成果目标4呢？" },
      ],
    });
    const followUp = (await response.json()) as ChatResponse;
    expect(followUp.found).toBe(true);
    expect(followUp.citations.some((citation) => /成果目标\s*4/u.test(citation.section))).toBe(true);
  });

  it("streams Server-Sent Events: citations, answer pieces, then the whole response", async () => {
    const response = await postChat({ question: "经常预算的交付率是多少？", stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/u);
    const events = parseEvents(await response.text());
    expect(events[0].event).toBe("citations");
    const deltas = events
      .filter((event) => event.event === "delta")
      .map((event) => (event.data as { text: string }).text);
    expect(deltas.length).toBeGreaterThan(1);
    const done = events[events.length - 1];
    expect(done.event).toBe("done");
    expect(deltas.join("")).toBe((done.data as ChatResponse).answer);
  });

  it("streams when the client asks with the Accept header", async () => {
    const response = await postChat({ question: "经常预算的交付率是多少？" }, { accept: "text/event-stream" });
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/u);
    expect(parseEvents(await response.text()).at(-1)?.event).toBe("done");
  });

  const badBodies: Array<[string, unknown, number]> = [
    ["no question", {}, 400],
    ["an empty question", { question: "   " }, 400],
    ["an over-long question", { question: "问".repeat(2001) }, 400],
    ["a question that is not a string", { question: 42 }, 400],
    ["messages that are not a list", { messages: "hi" }, 400],
    ["a message with an unknown role", { messages: [{ role: "system", content: "hi" }] }, 400],
    ["a last message from the assistant", { messages: [{ role: "assistant", content: "hi" }] }, 400],
    ["both messages and question", { question: "a", messages: [{ role: "user", content: "b" }] }, 400],
    ["k out of range", { question: "预算", k: 1000 }, 400],
    ["stream that is not a boolean", { question: "预算", stream: "yes" }, 400],
    ["an unknown field", { question: "预算", temperature: 2 }, 400],
    ["a JSON array", [], 400],
  ];

  it.each(badBodies)("answers %s with a 4xx JSON error", async (_name, body, status) => {
    const response = await postChat(body);
    expect(response.status).toBe(status);
    const payload = (await response.json()) as { error: { code: string; message: string } };
    expect(payload.error.code).toBe("invalid_request");
  });

  it("answers malformed JSON with 400 malformed_json", async () => {
    const response = await postChat('{"question": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("malformed_json");
  });

  it("answers a body over 64 KB with 413", async () => {
    const response = await postChat({ question: "预算", padding: "x".repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("answers an unknown route with a 404 JSON error", async () => {
    const response = await fetch(`${server.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("keeps serving after bad input", async () => {
    await postChat("not json at all");
    const result = await ask("经常预算的交付率是多少？");
    expect(result.found).toBe(true);
  });
});
