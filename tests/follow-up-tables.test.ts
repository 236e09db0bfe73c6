import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse } from "../src/types.js";
import { answerOf } from "./helpers/answer-of.js";
import {
  type ChatCompletionBody,
  type OpenAICompatibleServer,
  replyFromPassages,
  startOpenAICompatibleServer,
} from "./helpers/openai-compatible-server.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

const SPENDING_QUESTION = "成果目标 3 的实际支出是多少？";

function isCondenseRequest(body: ChatCompletionBody): boolean {
  return body.messages.some(
    (message) => message.role === "system" && /rewrite the last question/iu.test(message.content),
  );
}

describe("in LLM mode, a follow-up reaches the tables only through the question it stands for", () => {
  let upstream: OpenAICompatibleServer;
  let server: TestServer;
  let firstAnswer: ChatResponse;
  let condensed = "";

  async function ask(messages: Array<{ role: string; content: string }>): Promise<ChatResponse> {
    return answerOf(server.url, { messages });
  }

  beforeAll(async () => {
    upstream = await startOpenAICompatibleServer();
    upstream.behave((recorded) => {
      const body = recorded.body as ChatCompletionBody;
      return { kind: "reply", text: isCondenseRequest(body) ? condensed : replyFromPassages(body) };
    });
    server = await startTestServer({
      OPENAI_BASE_URL: upstream.url,
      CHAT_MODEL: "test-model",
      UPSTREAM_MAX_RETRIES: "0",
    });
    firstAnswer = await ask([{ role: "user", content: SPENDING_QUESTION }]);
  });

  afterAll(async () => {
    await server?.close();
    await upstream?.close();
  });

  it("answers the spending question itself from the spending table, without the model", () => {
    expect(firstAnswer.table?.caption).toMatch(/成果目标\s*3/u);
    expect(upstream.chatRequests()).toHaveLength(0);
  });

  it("does not answer 'its main partners' with the spending table", async () => {
    condensed = "成果目标 3 的主要发展伙伴有哪些？";
    const before = upstream.chatRequests().length;
    const response = await ask([
      { role: "user", content: SPENDING_QUESTION },
      { role: "assistant", content: firstAnswer.answer },
      { role: "user", content: "它的主要发展伙伴有哪些？" },
    ]);
    const requests = upstream.chatRequests().slice(before);
    expect(requests.map(isCondenseRequest)).toEqual([true, false]);
    expect(response.table).toBeUndefined();
    expect(response.mode).toBe("llm");
    expect(response.resolvedQuery).toBe(condensed);
  });

  it("answers a follow-up that stands for another table question from that table", async () => {
    condensed = "成果目标 5 的实际支出是多少？";
    const before = upstream.chatRequests().length;
    const response = await ask([
      { role: "user", content: SPENDING_QUESTION },
      { role: "assistant", content: firstAnswer.answer },
      { role: "user", content: "那成果目标 5 呢？" },
    ]);
    expect(upstream.chatRequests().slice(before).map(isCondenseRequest)).toEqual([true]);
    expect(response.table?.caption).toMatch(/成果目标\s*5/u);
    expect(response.figures.every((figure) => figure.status === "verified" || figure.status === "derived")).toBe(true);
  });
});
